from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from markdown_it import MarkdownIt

register = template.Library()

# CommonMark with raw HTML switched off: staff text can format, never inject markup.
# markdown-it also refuses javascript:, vbscript: and data: links.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


@register.filter
def markdown(text):
    """Render staff-written Markdown; any HTML in it is shown as text."""
    return mark_safe(_markdown.render(text or ""))  # noqa: S308 - html disabled above


@register.simple_tag
def fallback_lang(obj, field):
    """` lang="de" dir="ltr"` when a translated field falls back to German, else nothing.

    Screen readers then read the German text with German pronunciation, and the
    German text runs left to right inside an Arabic or Farsi page.
    """
    language = get_language()
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if language == default or getattr(obj, f"{field}_{language.replace('-', '_')}", None):
        return ""
    direction = "rtl" if default in settings.LANGUAGES_BIDI else "ltr"
    return format_html(' lang="{}" dir="{}"', default, direction)

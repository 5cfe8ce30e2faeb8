import json
from urllib.parse import urlencode, urlsplit

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from markdown_it import MarkdownIt

from vmdo_portal import site_url
from vmdo_portal.collation import sorted_by_locale
from vmdo_portal.vocabulary import Language

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


_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.filter
def jsonld(value):
    """JSON for a <script type="application/ld+json"> block: no markup can break out."""
    return mark_safe(json.dumps(value, ensure_ascii=False).translate(_JSON_ESCAPES))  # noqa: S308


@register.simple_tag
def absolute_url(path):
    """The path's address under SITE_URL (never the request's Host: pages are cached)."""
    return site_url.absolute_url(path)


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL with another page number, keeping every filter."""
    query = context["request"].GET.copy()
    query["seite"] = number
    return f"?{query.urlencode()}"


@register.filter
def language_name(code):
    return Language(code).label if code in Language.values else code


@register.filter
def language_names(entries):
    """Language names of codes (or of rows with a `code`), in the reader's alphabet."""
    codes = [getattr(entry, "code", entry) for entry in entries]
    return sorted_by_locale(str(language_name(code)) for code in codes)


@register.filter
def collated(items):
    """Items sorted by their text in the reader's alphabet (communities, services, ...)."""
    return sorted_by_locale(items)


@register.filter
def osm_search_url(lines):
    return "https://www.openstreetmap.org/search?" + urlencode({"query": ", ".join(lines)})


@register.simple_tag(takes_context=True)
def sections(context, slot, obj):
    """What other apps add to this page (see vmdo_portal.sections)."""
    from vmdo_portal import sections as registry

    return mark_safe("".join(registry.render(slot, context["request"], obj)))  # noqa: S308


# ---- Contact data in right-to-left pages -------------------------------------------
# An email address, phone number or web address inside an Arabic or Farsi sentence is
# reordered by the bidi algorithm ("org.example@info", "+49 231" split). Each is an
# isolated left-to-right element (dir="ltr"; portal.css gives [dir] unicode-bidi:
# isolate), written by these tags everywhere contact data is shown.


@register.simple_tag
def email_link(address):
    """A mailto link to `address`, kept left to right in any page."""
    if not address:
        return ""
    return format_html('<a href="mailto:{}" dir="ltr">{}</a>', address, address)


@register.simple_tag
def phone_link(number):
    """A tel: link (spaces dropped), the number kept left to right in any page."""
    if not number:
        return ""
    return format_html('<a href="tel:{}" dir="ltr">{}</a>', number.replace(" ", ""), number)


@register.simple_tag
def web_link(url):
    """A link to an outside website showing its address, kept left to right; an address
    that is not http(s) (javascript:, data:) is shown as text, never linked."""
    if not url:
        return ""
    if urlsplit(str(url)).scheme.lower() not in {"http", "https"}:
        return format_html('<span dir="ltr">{}</span>', url)
    return format_html('<a href="{}" rel="noopener" dir="ltr">{}</a>', url, url)


@register.filter
def ltr(value):
    """Text that is always left to right (an email address in a table), isolated."""
    if value in (None, ""):
        return ""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


@register.filter
def bdi(value):
    """A name set into a translated sentence ("Run by {{ operator }}."), isolated so a
    German name keeps its place in an Arabic or Farsi sentence."""
    if value in (None, ""):
        return ""
    return format_html("<bdi>{}</bdi>", value)

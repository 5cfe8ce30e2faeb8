"""Turn plain text, Markdown and HTML into the HTML fragments sent to a translation
service, and the translated fragments back into the original format.

Everything is sent in the services' HTML mode: protected terms, code, images and URLs go
in translate="no" spans (glossary.keep), Markdown emphasis and links become <b>, <i> and
<a href="N"> (the URL itself stays here), so the service can move them with the words
while the structure survives. Block structure (headings, list markers, quotes, fenced
code, blank lines) never leaves this module: only the text of each block is sent.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from translations.glossary import TermsChanged, keep, protect_html, restore_html

FORMATS = ("text", "markdown", "html")

_INLINE = re.compile(
    r"(?P<code>(?P<ticks>`+).+?(?P=ticks))"
    r"|(?P<image>!\[[^\]]*\]\([^)]*\))"
    r"|\[(?P<label>[^\]]+)\]\((?P<url>[^)\s]+(?:\s+\"[^\"]*\")?)\)"
    r"|(?P<autolink><(?:https?://|mailto:)[^>\s]+>)"
    r"|(?P<bare>https?://[^\s<>()]*[^\s<>().,;:!?])"
)
_EMPHASIS = (
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"<b>\1</b>"),
    (re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"<b>\1</b>"),
    (re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])"), r"<i>\1</i>"),
    (re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"), r"<i>\1</i>"),
)
_BACK = (
    (re.compile(r"<b>(\s*)(.*?)(\s*)</b>", re.S), r"\1**\2**\3"),
    (re.compile(r"<i>(\s*)(.*?)(\s*)</i>", re.S), r"\1*\2*\3"),
)
_LINK_BACK = re.compile(r"<a\s+href=[\"']?(\d+)[\"']?\s*>(\s*)(.*?)(\s*)</a>", re.S)
_ANY_TAG = re.compile(r"<[^>]*>")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LITERAL_LINE = re.compile(
    r"^\s*(?:([-*_])(?:\s*\1){2,}|=+|-+|\|.*)\s*$"
)  # rules, underlines, tables
_BLOCK = re.compile(
    r"^(?P<marker>\s*(?:>\s?)*(?:#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d{1,9}[.)]\s+)?)"
    r"(?P<content>.*?)(?P<tail>\s*)$"
)


@dataclass
class Prepared:
    """One text, cut into the fragments to send and a way to put the translations back."""

    segments: list[str] = field(default_factory=list)
    rebuild: Callable[[list[str]], str] = lambda translated: ""


def prepare(text: str, fmt: str, terms: list[str]) -> Prepared:
    if fmt == "html":
        return _prepare_html(text, terms)
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {FORMATS}")
    return _prepare_lines(text, terms, markdown=fmt == "markdown")


def _prepare_html(text: str, terms: list[str]) -> Prepared:
    if not text.strip():
        return Prepared(rebuild=lambda translated: text)
    sent = protect_html(text, terms)
    return Prepared([sent], lambda translated: restore_html(translated[0], sent))


def _prepare_lines(text: str, terms: list[str], *, markdown: bool) -> Prepared:
    """Plain text: each line is translated on its own (addresses, lists of times keep their
    lines). Markdown: each block's text; the lines of one paragraph are joined."""
    lines: list[str | list] = []  # literal lines, or [marker, segment index, tail]
    raw: list[str] = []
    in_fence = False
    joinable = False
    for line in text.split("\n"):
        if markdown and _FENCE.match(line):
            in_fence = not in_fence
            lines.append(line)
            joinable = False
            continue
        if in_fence or not line.strip() or (markdown and _LITERAL_LINE.match(line)):
            lines.append(line)
            joinable = False
            continue
        match = _BLOCK.match(line) if markdown else re.match(r"^(\s*)(.*?)(\s*)$", line)
        marker, content, tail = match.groups()
        if markdown and joinable and not marker.strip():
            raw[-1] += " " + content
        else:
            lines.append([marker, len(raw), tail])
            raw.append(content)
        joinable = (
            markdown
            and "#" not in marker  # a heading is one line
            and not tail.endswith("  ")  # hard line breaks
            and not content.endswith("\\")
        )

    sent = [
        _inline_to_html(part, terms) if markdown else _text_to_html(part, terms) for part in raw
    ]

    def rebuild(translated: list[str]) -> str:
        back = [
            _html_to_inline(out, html_sent, urls) if markdown else _html_to_text(out, html_sent)
            for out, (html_sent, urls) in zip(translated, sent, strict=True)
        ]
        return "\n".join(
            line if isinstance(line, str) else f"{line[0]}{back[line[1]]}{line[2]}"
            for line in lines
        )

    return Prepared([html_sent for html_sent, _urls in sent], rebuild)


def _text_to_html(text: str, terms: list[str]) -> tuple[str, list[str]]:
    return protect_html(html.escape(text, quote=False), terms), []


def _html_to_text(translated: str, sent: str) -> str:
    text = restore_html(translated, sent)
    if _ANY_TAG.search(text):
        raise TermsChanged(f"unexpected markup in {translated!r}")
    return html.unescape(text).strip()


def _emphasis(escaped: str) -> str:
    for pattern, replacement in _EMPHASIS:
        escaped = pattern.sub(replacement, escaped)
    return escaped


def _inline_to_html(text: str, terms: list[str]) -> tuple[str, list[str]]:
    """Markdown inline text to an HTML fragment, and the link URLs it refers to by index."""
    parts: list[str] = []
    urls: list[str] = []
    position = 0
    for match in _INLINE.finditer(text):
        parts.append(_emphasis(html.escape(text[position : match.start()], quote=False)))
        if match["label"] is not None:
            label = _emphasis(html.escape(match["label"], quote=False))
            parts.append(f'<a href="{len(urls)}">{label}</a>')
            urls.append(match["url"])
        else:
            parts.append(keep(html.escape(match.group(0), quote=False)))
        position = match.end()
    parts.append(_emphasis(html.escape(text[position:], quote=False)))
    return protect_html("".join(parts), terms), urls


def _html_to_inline(translated: str, sent: str, urls: list[str]) -> str:
    text = restore_html(translated, sent)
    linked: list[int] = []

    def link(match: re.Match) -> str:
        index = int(match[1])
        if index >= len(urls):
            raise TermsChanged(f"unknown link {index} in {translated!r}")
        linked.append(index)
        return f"{match[2]}[{match[3]}]({urls[index]}){match[4]}"

    text = _LINK_BACK.sub(link, text)
    if sorted(linked) != list(range(len(urls))):
        raise TermsChanged(f"links changed in {translated!r}")
    for pattern, replacement in _BACK:
        text = pattern.sub(replacement, text)
    if _ANY_TAG.search(text):
        raise TermsChanged(f"unexpected markup in {translated!r}")
    return html.unescape(text).strip()

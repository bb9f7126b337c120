"""HTML from Moodle (`[html]` questions, answers written `<p>…</p>`) as the plain text the app
shows for options and feedback: paragraphs and line breaks kept as new lines, list items as
`- ` lines, an image as its alt text, entities decoded, every other tag dropped.

Regular expressions rather than html.parser: a bank holds few kinds of tag, and a 5 MB one
must convert in a second or two."""

from __future__ import annotations

import html
import re

_KNOWN_TAG = re.compile(
    r"</?(?:p|br|div|span|b|strong|i|em|u|s|sub|sup|ul|ol|li|a|img|h[1-6]|code|pre|font"
    r"|blockquote|table|tr|td|th|hr)\b[^>]*>",
    re.IGNORECASE,
)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|ul|ol|h[1-6]|pre|blockquote|table|tr|hr)\b[^>]*>", re.IGNORECASE
)
_BREAK_TAG = re.compile(r"<br\b[^>]*>", re.IGNORECASE)
_ITEM_TAG = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_IMAGE_TAG = re.compile(r"<img\b([^>]*)>", re.IGNORECASE)
_OTHER_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9]*\b[^>]*>", re.DOTALL)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
# private-use characters stand for breaks until the text's own white space is folded
_PARAGRAPH, _LINE = "\ue010", "\ue011"
_MARKS = re.compile(f"[{_PARAGRAPH}{_LINE}]")
_SPACES = re.compile(r"\s+")


def looks_like_html(text: str) -> bool:
    """Whether the text holds HTML tags (Moodle exports answers as `<p>…</p>`)."""
    return _KNOWN_TAG.search(text) is not None


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment, as plain text with its paragraphs and lines."""
    text = _BLOCK_TAG.sub(_PARAGRAPH, _MARKS.sub("", fragment))
    text = _ITEM_TAG.sub(f"{_LINE}- ", _BREAK_TAG.sub(_LINE, text))
    text = _OTHER_TAG.sub("", _IMAGE_TAG.sub(_alt_text, text))
    text = _SPACES.sub(" ", html.unescape(text))
    text = text.replace(f" {_LINE}", _LINE).replace(f"{_LINE} ", _LINE)
    paragraphs = (part.strip(f" {_LINE}") for part in text.split(_PARAGRAPH))
    return "\n\n".join(part for part in paragraphs if part).replace(_LINE, "\n")


def _alt_text(image: re.Match[str]) -> str:
    alt = _ALT.search(image.group(1))
    return f" {alt.group(1) or alt.group(2) or ''} " if alt else " "

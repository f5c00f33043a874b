"""What HTML says about the text it holds: the tags that cut a page into blocks, the hint an element
gives, the <meta> names that carry a page's head, and how a pretty-printer's wrapped text joins again."""

from __future__ import annotations

import re

from .markup import HOSTILE

# Tags that begin or end a block: the text on either side of them never runs together.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
    "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "tfoot", "thead", "title", "tr", "ul",
})
# Blocks whose text is reading text, as opposed to the page's outer frame (html, body).
FRAME_TAGS = frozenset({"html", "body"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "frame", "hr", "img", "input", "link", "meta",
                       "param", "source", "track", "wbr"})
# Elements never read: hostile ones, page navigation and form controls.
SKIPPED_TAGS = frozenset(HOSTILE) | {"nav", "button", "select", "textarea"}
# Cells of one table row are read as one line, apart by a space (a row is an item, as in markdown tables).
CELL_TAGS = frozenset({"td", "th"})
# What an element says about the text it holds, innermost first.
HINT_OF_TAG = {"h1": "heading1", "h2": "heading2", "h3": "heading3", "h4": "heading4", "h5": "heading4",
               "h6": "heading4", "figcaption": "caption", "li": "item", "dt": "item", "dd": "item", "tr": "item",
               "blockquote": "quote"}
# An open element of these is closed by the next of the same kind (HTML lets their end tags be left out).
SELF_CLOSING_SIBLINGS = {"p": ("p",), "li": ("li",), "dt": ("dt", "dd"), "dd": ("dt", "dd"), "tr": ("tr",),
                          "td": ("td", "th"), "th": ("td", "th"), "option": ("option",)}
# <meta> names and properties that say who wrote the page and when, by the hint they give.
META_HINTS = {
    "title": ("og:title", "twitter:title"),
    "byline": ("author", "article:author", "dc.creator"),
    "date": ("article:published_time", "og:published_time", "pubdate", "publishdate", "publish_date",
             "dc.date", "date", "og:release_date"),
}
_LINE_BREAK_SPACE = re.compile(r"\s*\n\s*")
_LATIN = re.compile(r"[0-9A-Za-z]")


def join_wrapped(text: str) -> str:
    """Join text a pretty-printer wrapped: nothing between Chinese characters, a space between Latin words.

    >>> join_wrapped("第一段文字\\n      继续写下去。Deep\\n   Learning")
    '第一段文字继续写下去。Deep Learning'
    """
    def joiner(match: re.Match[str]) -> str:
        before = _visible_char(text, match.start() - 1, -1)
        after = _visible_char(text, match.end(), 1)
        return " " if _LATIN.match(before) and _LATIN.match(after) else ""

    return _LINE_BREAK_SPACE.sub(joiner, text)


def _visible_char(text: str, index: int, step: int) -> str:
    """The nearest character of text from ``index`` in direction ``step``, looking past tags."""
    closing, opening = (">", "<") if step < 0 else ("<", ">")
    while 0 <= index < len(text):
        if text[index] == closing:
            found = text.rfind(opening, 0, index) if step < 0 else text.find(opening, index)
            if found == -1:
                return text[index]
            index = found + step
        elif text[index].isspace():
            index += step
        else:
            return text[index]
    return ""

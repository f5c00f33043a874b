"""A scrape saved as a raw HTML page, re-laid as a line per block so the line rules can read it.

The other rules take one line for one block candidate. A raw page breaks that in both
directions: a minified page holds the whole article on one line, a pretty-printed one wraps a
paragraph over several. ``lay_out_html_blocks`` gives such a page the shape of a text scrape:
a line per paragraph, heading, list item, table row or caption, each numbered by the source line
it starts on, with the hint its element gave (heading1…4, item, caption, quote) and the title,
author and date of the page's ``<head>`` as hint lines. Scripts, styles, comments, navigation and
ad containers go, each recorded. Text that is not an HTML page is left exactly as it is.
"""

from __future__ import annotations

import re

from ..model import Line
from .draft import Draft, has_han
from .html_page import Page, PageBlock, read_page

_BLOCK_TAG = re.compile(r"<(?:p|div|h[1-6]|li|br|tr|td|article|section|body|html|blockquote|figcaption|pre)\b",
                        re.IGNORECASE)
# A page's <title> adds the site's name after the article's: 标题_新浪新闻, 标题 - 网易, 标题 | 端傳媒.
_SITE_NAME_SUFFIX = re.compile(r"\s*(?:[_|｜—–]|\s-\s|--)\s*[^_|｜—–]{1,20}$")
# Half the text inside block elements: below that, the tags are debris in a text scrape, read line by line.
BLOCK_TEXT_SHARE = 0.5
_TAG = re.compile(r"<[^<>]*>")


def is_html_page(page: Page) -> bool:
    """True when most of the text stands inside block elements (paragraphs, headings, items, cells)."""
    total = sum(block.visible for block in page.blocks)
    return total > 0 and total - page.loose_text >= BLOCK_TEXT_SHARE * total


def page_title(title: str) -> str:
    """The article's title in a page's <title>: the site's name after it taken off.

    >>> page_title("老城区加装电梯，难在哪儿？_网易新闻"), page_title("疫後的旺角 | 端傳媒 Initium Media")
    ('老城区加装电梯，难在哪儿？', '疫後的旺角')
    """
    while (shorter := _SITE_NAME_SUFFIX.sub("", title)) != title and shorter:
        title = shorter
    return title


def _plain(text: str) -> str:
    return _TAG.sub("", text).strip()


def head_lines(page: Page, numbers: list[int]) -> tuple[list[Line], list[tuple[int, str, str]]]:
    """Hint lines from the page's head (title, byline, date), and the head fields not kept: (line, text, why).

    The <title> (or og:title) is the title only when no <h1> gives it and no block repeats it.
    """
    lines, dropped = [], []
    titles = [page.meta[key] for key in ("title", "page_title") if key in page.meta]
    shown = {_plain(block.text) for block in page.blocks}
    for line, text in titles:
        if any(block.hint == "heading1" for block in page.blocks):
            dropped.append((line, text, "the page's title, which its <h1> gives"))
        elif lines:
            dropped.append((line, text, "the page's title, which its og:title gives without the site's name"))
        elif page_title(text) in shown or not has_han(text):
            dropped.append((line, text, "the page's title, which its first lines repeat"))
        else:
            lines.append(Line(numbers[line - 1], page_title(text), "title"))
    for hint in ("byline", "date"):
        if hint in page.meta:
            line, text = page.meta[hint]
            lines.append(Line(numbers[line - 1], text, hint))
    return lines, dropped


def _spans(blocks: list[PageBlock]) -> list[list[PageBlock]]:
    """Blocks grouped by the source lines they share (one minified line, one wrapped paragraph)."""
    spans: list[list[PageBlock]] = []
    for block in blocks:
        if spans and block.first <= max(other.last for other in spans[-1]):
            spans[-1].append(block)
        else:
            spans.append([block])
    return spans


def _why_relaid(span: list[PageBlock]) -> str:
    if len(span) > 1:
        return "an HTML line holding several blocks, laid out as a line per paragraph, heading or item"
    if span[0].last > span[0].first:
        return "one HTML paragraph wrapped over several source lines, joined as one"
    return "HTML block tags around the line's text"


def record_layout(draft: Draft, page: Page, dropped: list[tuple[int, str, str]], numbers: list[int]) -> None:
    """Report every source line the new layout changes: split, joined, removed, or markup only."""
    sources = [line.text for line in draft.lines]
    accounted: set[int] = set()
    for removal in page.removals:
        lines = range(removal.first, removal.last + 1)
        accounted.update(lines)
        draft.record("removed", [numbers[n - 1] for n in lines], removal.text, why=removal.why)
    for line, text, why in dropped:
        accounted.add(line)
        draft.record("removed", [numbers[line - 1]], text, why=why)
    accounted.update(line for hint, (line, _) in page.meta.items() if hint in ("byline", "date"))
    for span in _spans(page.blocks):
        first, last = span[0].first, max(block.last for block in span)
        accounted.update(range(first, last + 1))
        before = "\n".join(sources[first - 1:last])
        after = "\n".join(block.text for block in span)
        if before.strip() != after:
            draft.record("repaired", numbers[first - 1:last], before, after, why=_why_relaid(span))
    frame = [n for n, text in enumerate(sources, start=1) if text.strip() and n not in accounted]
    if frame:
        draft.record("removed", [numbers[n - 1] for n in frame], "\n".join(sources[n - 1] for n in frame),
                     why="HTML tags with no text of their own (the page's frame)")


def lay_out_html_blocks(draft: Draft) -> None:
    """Re-lay a raw HTML page as a line per block, with hints from its elements and its <head>.

    Leaves text alone unless most of its text stands inside block elements: a text scrape
    with a few empty tags on their own lines is not a page.
    """
    text = "\n".join(line.text for line in draft.lines)
    if not _BLOCK_TAG.search(text):
        return
    page = read_page(text)
    if not is_html_page(page):
        return
    numbers = [line.number for line in draft.lines]
    heads, dropped = head_lines(page, numbers)
    record_layout(draft, page, dropped, numbers)
    body = [Line(numbers[block.first - 1], block.text, block.hint) for block in page.blocks]
    # The head's byline and date go under the title, so the essay's header reads title first.
    at = next((i + 1 for i, line in enumerate(body) if line.hint == "heading1"), 0)
    draft.lay_out(body[:at] + heads + body[at:])


lay_out_html_blocks.idempotent = True  # type: ignore[attr-defined]

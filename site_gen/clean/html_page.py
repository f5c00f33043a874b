"""Read a scrape saved as a raw HTML page into blocks, whatever its line layout.

A page may hold a whole article on one line (minified), several paragraphs per line, or one
paragraph wrapped over several lines (pretty-printed). ``read_page`` walks the page's tags in
order (the standard library's ``html.parser``, which reports where each tag stands) and cuts
its text at every block-level tag and ``<br>``: each cut is a ``PageBlock`` that knows the
source lines it spans and what its element said about it (heading, list item, caption, quote).
Inline markup (links, bold, spans) stays in a block's text for the line rules to strip, so
they decide hints and hostile attributes as they do for any other line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .front_matter import iso_day
from .html_text import (BLOCK_TAGS, CELL_TAGS, FRAME_TAGS, HINT_OF_TAG, META_HINTS, SELF_CLOSING_SIBLINGS, SKIPPED_TAGS,
                        VOID_TAGS, join_wrapped)
from .markup import HOSTILE, is_ad_container

@dataclass
class PageBlock:
    """One block of the page: its text (inline markup kept), the source lines it spans, its hint."""

    first: int
    last: int
    text: str
    hint: str = ""
    visible: int = 0  # characters of text (not tags), to tell a page of blocks from text with stray tags


@dataclass
class PageRemoval:
    """An element read no further (script, style, comment, navigation, ad), with its source lines."""

    first: int
    last: int
    text: str
    why: str


@dataclass
class Page:
    """What a page holds: its blocks in reading order, what was removed, and its <head> metadata."""

    blocks: list[PageBlock] = field(default_factory=list)
    removals: list[PageRemoval] = field(default_factory=list)
    meta: dict[str, tuple[int, str]] = field(default_factory=dict)  # hint -> (line, value)
    loose_text: int = 0  # characters of text outside any block (in the frame or no element at all)


def _why_skipped(tag: str) -> str:
    """Why an element was not read, for the cleaning report."""
    if tag in HOSTILE:
        return f"<{tag}> element: never reading text"
    if tag == "nav":
        return "page navigation"
    if tag in SKIPPED_TAGS:
        return "a form control"
    return "an advertisement container (its class or id says so)"


class _PageReader(HTMLParser):
    """Cuts a page's text into blocks at block-level tags; see ``read_page``."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)  # entities stay as written: strip_html decodes them once
        self.source = source
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
        self.page = Page()
        self.stack: list[str] = []
        self.skipping: tuple[int, str, int, int] | None = None  # stack depth, tag, start offset, start line
        self.run: list[str] = []
        self.run_lines: list[int] = []
        self.run_visible = 0
        self.title: list[str] = []

    # ── where things stand ──

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def hint(self) -> str:
        for tag in reversed(self.stack):
            if tag in HINT_OF_TAG:
                return HINT_OF_TAG[tag]
        return ""

    def in_block(self) -> bool:
        return any(tag in BLOCK_TAGS and tag not in FRAME_TAGS for tag in self.stack)

    # ── blocks ──

    def add(self, text: str, visible: bool) -> None:
        """Add text or inline markup to the block being read, noting the lines it stands on."""
        if not text.strip():
            if self.run:
                self.run.append(text)
            return
        line = self.getpos()[0]
        lead = len(text) - len(text.lstrip())
        self.run_lines += [line + text.count("\n", 0, lead), line + text.rstrip().count("\n")]
        self.run.append(text)
        if visible:
            self.run_visible += len(text.strip())

    def flush(self) -> None:
        """End the block being read (at a block tag or <br>)."""
        text = join_wrapped("".join(self.run)).strip()
        if text:
            block = PageBlock(min(self.run_lines), max(self.run_lines), text, self.hint(), self.run_visible)
            self.page.blocks.append(block)
            if not self.in_block():
                self.page.loose_text += block.visible
        self.run, self.run_lines, self.run_visible = [], [], 0

    # ── skipped elements ──

    def start_skipping(self, tag: str) -> None:
        self.flush()
        self.skipping = (len(self.stack), tag, self.position(), self.getpos()[0])

    def stop_skipping_if_closed(self, end: int) -> None:
        """Record the skipped element once it (or an element around it) has closed."""
        if self.skipping is None or len(self.stack) > self.skipping[0]:
            return
        _, tag, start, line = self.skipping
        self.skipping = None
        text = self.source[start:end]
        self.page.removals.append(PageRemoval(line, line + text.count("\n"), text, _why_skipped(tag)))

    # ── parser events ──

    def handle_starttag(self, tag, attrs):
        if self.skipping is not None:
            if tag not in VOID_TAGS:
                self.stack.append(tag)
            return
        if tag == "meta":
            self.read_meta(dict(attrs))
            return
        if tag in VOID_TAGS and tag in SKIPPED_TAGS:  # <embed>: nothing inside to wait for
            text = self.get_starttag_text() or ""
            line = self.getpos()[0]
            self.page.removals.append(PageRemoval(line, line + text.count("\n"), text, _why_skipped(tag)))
            return
        if tag in BLOCK_TAGS or tag == "br":
            self.flush()
            self.close_siblings(tag)
        if tag in CELL_TAGS and self.run:
            self.run.append(" ")
        if tag in VOID_TAGS:
            if tag not in BLOCK_TAGS and tag != "br":
                self.add(self.get_starttag_text() or "", visible=False)
            return
        self.stack.append(tag)
        if tag in SKIPPED_TAGS or is_ad_container(dict(attrs)):
            self.start_skipping(tag)
        elif tag not in BLOCK_TAGS:
            self.add(self.get_starttag_text() or "", visible=False)

    def close_siblings(self, tag: str) -> None:
        """Close an element whose end tag the page left out: a <p> before a new block, an <li> before the next."""
        if self.stack and self.stack[-1] == "p" and tag != "br":
            self.stack.pop()
        if tag in SELF_CLOSING_SIBLINGS and self.stack and self.stack[-1] in SELF_CLOSING_SIBLINGS[tag]:
            self.stack.pop()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag not in self.stack:
            return  # a stray end tag closes nothing
        if self.skipping is None and tag not in BLOCK_TAGS:
            self.add(f"</{tag}>", visible=False)
        if self.skipping is None and tag in BLOCK_TAGS:
            self.flush()
        depth = len(self.stack) - 1 - self.stack[::-1].index(tag)
        closing_title = tag == "title" and self.skipping is None
        del self.stack[depth:]
        end = self.source.find(">", self.position())
        self.stop_skipping_if_closed(end + 1 if end != -1 else len(self.source))
        if closing_title:
            self.take_title()

    def handle_data(self, data):
        if self.skipping is not None:
            return
        if "title" in self.stack:
            self.title.append(data)
            return
        self.add(data, visible=True)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

    def handle_comment(self, data):
        if self.skipping is None:
            line = self.getpos()[0]
            self.page.removals.append(PageRemoval(line, line + data.count("\n"), f"<!--{data}-->", "an HTML comment"))

    def handle_decl(self, decl):
        pass  # <!DOCTYPE html>: says nothing a reader sees

    # ── the page's head ──

    def take_title(self) -> None:
        text = join_wrapped("".join(self.title)).strip()
        self.title = []
        if text:
            self.page.meta.setdefault("page_title", (self.getpos()[0], text))

    def read_meta(self, attrs: dict[str, str | None]) -> None:
        """Keep the title, author and publication date a <meta> tag gives."""
        name = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").strip().lower()
        value = (attrs.get("content") or "").strip()
        for hint, names in META_HINTS.items():
            if name in names and value and not value.startswith(("http://", "https://")):
                if hint == "date":
                    value = iso_day(value) or ""
                if value:
                    self.page.meta.setdefault(hint, (self.getpos()[0], value))


def read_page(source: str) -> Page:
    """The blocks, removals and head metadata of a page; see the module's docstring."""
    reader = _PageReader(source)
    reader.feed(source)
    reader.close()
    reader.flush()
    if reader.skipping is not None:  # an element never closed runs to the end of the page
        reader.stack = reader.stack[: reader.skipping[0]]
        reader.stop_skipping_if_closed(len(source))
    return reader.page

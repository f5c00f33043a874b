"""Read a Markdown scrape into blocks: Python-Markdown renders it, the HTML reader cuts the result.

Reader and clipper tools save pages as Markdown, and what their Markdown says is the best
evidence of what a line is: ``[首页](…) [新闻](…)`` is a line of links, ``## 最新報導`` a heading,
``- [標題](…)`` a list of headlines, ``> …`` a quote, ``![](…)`` an image. Rendering with
Python-Markdown keeps all of that as elements, so the blocks carry the same evidence as an HTML
page's (link density, kind, emphasis) instead of the cleaner guessing from stripped text.

Scrapes break a paragraph at every line end (a WeChat copy, a forum repost), so a line break
is kept as a break (``nl2br``); the structure stage rejoins a paragraph a page break cut.
Python-Markdown does not say which source line an element came from, so each block is found in
the source by its opening characters, searching forward from the previous block's line.
"""

from __future__ import annotations

import re
from dataclasses import replace

import markdown

from ..model import SourceBlock
from .html import read_html_blocks

EXTENSIONS = ("nl2br", "tables", "sane_lists")
# Characters that Markdown syntax adds or removes around text, ignored when finding a block's line.
_NOT_TEXT = re.compile(r"\]\([^)]*\)|[\s*_#>`\[\]()!|~\\-]+")
PROBE_CHARS = 8  # how many of a block's characters are looked for in the source


def render(body: str) -> str:
    """The Markdown body as HTML."""
    return markdown.markdown(body, extensions=list(EXTENSIONS), output_format="html")


def _probe(text: str) -> str:
    return _NOT_TEXT.sub("", text)[:PROBE_CHARS]


def read_markdown_blocks(body: str, first_line: int = 1) -> list[SourceBlock]:
    """The blocks of a Markdown body that starts on source line ``first_line``, each with its source line."""
    blocks, _ = read_html_blocks(render(body))
    lines = [_NOT_TEXT.sub("", line) for line in body.split("\n")]
    at = 0
    placed = []
    for block in blocks:
        probe = _probe(block.text)
        found = next((i for i in range(at, len(lines)) if probe and probe in lines[i]), None)
        if found is not None:
            at = found
        placed.append(replace(block, line=first_line + at))
    return placed

"""The readings an essay page shows, word by word, with a little of the text around each word."""

from __future__ import annotations

import html
import re
from pathlib import Path

RUBY = re.compile(r"<ruby[^>]*>([^<]*)<rt>([^<]*)</ruby>")
TAGS = re.compile(r"<rt>[^<]*|<[^>]+>")
AROUND = 6  # characters of text kept either side of a word


def page_readings(page: Path) -> list[tuple[str, str, str]]:
    """(word, reading, context) for every word of the page's article, in reading order.

    The context is the text either side of the word, marks of tags and readings removed, with
    the word in 【】; spacing is folded to one space.
    """
    text = page.read_text(encoding="utf-8")
    body = text[text.find("<article"):]
    words = []
    for match in RUBY.finditer(body):
        word, reading = html.unescape(match.group(1)), match.group(2)
        before = html.unescape(TAGS.sub("", body[max(0, match.start() - 400):match.start()]))
        after = html.unescape(TAGS.sub("", body[match.end():match.end() + 400]))
        context = f"{before[-AROUND:]}【{word}】{after[:AROUND]}"
        words.append((word, reading, " ".join(context.split())))
    return words

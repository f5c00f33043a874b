"""The readings an essay page shows, word by word, with a little of the text around each word."""

from __future__ import annotations

import html
import re
from pathlib import Path

from site_gen.pinyin import join_syllables

# A word on a page: <ruby [data-k="KEY"]>字<rt>zì</rt>…字<rt>zì</ruby> (the last </rt> may be left out)
RUBY = re.compile(r'<ruby(?: data-k="([^"]*)")?>(.*?)</ruby>')
PAIR = re.compile(r"([^<]*)<rt>([^<]*)(?:</rt>)?")
TAGS = re.compile(r"<rt>[^<]*|<[^>]+>")
# What the page adds to the essay's Chinese text: its English (translations.py), each unit's and the
# summary, and the line on its difficulty (levels.py): not part of the text a word stands in
ADDED = re.compile(r'<details class="trans[^"]*" lang="en">.*?</details>\n?'
                   r'|<section class="summary-en".*?</section>\n?|<p class="difficulty".*?</p>\n?', re.S)


def ruby_word(inner: str) -> tuple[str, str]:
    """A ruby element's word and its reading, the syllables over its characters joined as pinyin
    writes a word."""
    pairs = PAIR.findall(inner)
    return "".join(base for base, _ in pairs), join_syllables([syllable for _, syllable in pairs if syllable])


def page_words(page_html: str) -> list[tuple[str, str, str]]:
    """(dictionary key or "", word, reading) of every ruby element, in order."""
    return [(match.group(1) or "", *ruby_word(match.group(2))) for match in RUBY.finditer(page_html)]
AROUND = 6  # characters of text kept either side of a word


def page_readings(page: Path) -> list[tuple[str, str, str]]:
    """(word, reading, context) for every word of the page's article, in reading order.

    The context is the text either side of the word, marks of tags and readings removed, with
    the word in 【】; spacing is folded to one space.
    """
    text = page.read_text(encoding="utf-8")
    body = ADDED.sub("", text[text.find("<article"):])
    words = []
    for match in RUBY.finditer(body):
        word, reading = ruby_word(match.group(2))
        word = html.unescape(word)
        before = html.unescape(TAGS.sub("", body[max(0, match.start() - 400):match.start()]))
        after = html.unescape(TAGS.sub("", body[match.end():match.end() + 400]))
        context = f"{before[-AROUND:]}【{word}】{after[:AROUND]}"
        words.append((word, reading, " ".join(context.split())))
    return words

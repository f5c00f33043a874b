"""Punctuation tests shared by the structure rules: where sentences end, what looks like a heading."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..model import GAP, reading_text

# A sentence is over when its last mark (before closing quotes and brackets) is one of these.
# The colon counts: a paragraph ending in "：" introduces what follows and is not cut.
SENTENCE_END = "。！？…；：!?;:"
CLOSERS = "”’」』）》)]】"
# Marks that never end a heading; a line containing them mid-way is a sentence, not a heading.
SENTENCE_MARKS = "。！？；!?;"
HEADING_MAX_CHARS = 32  # the longest real headings run to about 30 characters

CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")
_TRAILING_REMARK = re.compile(r"(?<=[。！？!?])\s*[（(][^（）()]*[）)]$")
# Footnote marks after a sentence (…效能。[1], …目的。”[3]) are not part of its end.
_FOOTNOTE_MARKS = re.compile(r"(?:\s*[\[［〔]\d{1,3}[\]］〕])+$")
SECTION_NUMBER = re.compile(r"^([一二三四五六七八九十百]+、|第[一二三四五六七八九十百]+(部分|章|节|節)\s*)")
SUBSECTION_NUMBER = re.compile(r"^([（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．](?!\d))")
NUMBERED_HEADING_MAX_CHARS = 24  # （一）摸清管网底数。: official documents close short numbered headings with a full stop


def ends_sentence(text: str) -> bool:
    """True when the text ends a sentence (or honestly ends on a gap the source lost)."""
    stripped = text.rstrip()
    if stripped.endswith(GAP):
        return True
    # "…篇章。（课题组）": a bracketed remark after the full stop does not reopen the sentence.
    stripped = _TRAILING_REMARK.sub("", _FOOTNOTE_MARKS.sub("", stripped))
    core = stripped.rstrip(CLOSERS)
    if not core:
        return False
    return core[-1] in SENTENCE_END


def has_sentence_marks(text: str) -> bool:
    """True when the text contains a full stop, question, exclamation mark or semicolon."""
    return any(mark in text for mark in SENTENCE_MARKS)


def is_numbered_heading(text: str) -> bool:
    """A line opening with a section or subsection number (一、 第二部分 （三） 1.)."""
    return bool(SECTION_NUMBER.match(text.strip()) or SUBSECTION_NUMBER.match(text.strip()))


def is_heading_like(text: str) -> bool:
    """A short line with no sentence marks that does not trail off on a comma or colon.

    A short numbered line (（一）摸清管网底数。) is a heading even with its closing full stop.
    """
    text = text.strip()
    if is_numbered_heading(text) and len(text) <= NUMBERED_HEADING_MAX_CHARS and text.endswith("。"):
        text = text[:-1]
    if text.startswith(("（", "(")) and SUBSECTION_NUMBER.match(text):
        return _is_plain_heading(text)
    if text.startswith(("（", "(", "——")):
        return False
    return _is_plain_heading(text)


def _is_plain_heading(text: str) -> bool:
    """Short, no sentence marks, not trailing off on a comma or colon, with Chinese in it."""
    if not text or len(text) > HEADING_MAX_CHARS or has_sentence_marks(text):
        return False
    if text[-1] in "，、：:,（(“‘《—" or text.endswith(GAP):
        return False
    return bool(_CJK_CHAR.search(text))


def cjk_count(text: str) -> int:
    """How many Chinese characters the text holds."""
    return len(_CJK_CHAR.findall(text))


def join_fragments(left: str, right: str) -> str:
    """Join two pieces of one sentence split by a page break (a space only between Latin words)."""
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


@lru_cache(maxsize=1)
def jieba_module():
    """jieba, imported once and told to keep its start-up messages to itself."""
    import jieba

    jieba.setLogLevel(60)
    return jieba


def forms_word_across(left: str, right: str) -> bool:
    """True when the last characters of ``left`` and the first of ``right`` segment as one word.

    A page break that cuts a word in two (积|极) is strong evidence that ``right``
    continues ``left``; two unrelated pieces almost never fuse into a dictionary word.
    """
    left, right = reading_text(left)[-4:], reading_text(right)[:4]
    if not left or not right or not _CJK_CHAR.match(left[-1]) or not _CJK_CHAR.match(right[0]):
        return False
    boundary = len(left)
    position = 0
    for word in jieba_module().cut(left + right, HMM=False):
        start, position = position, position + len(word)
        if start < boundary < position:
            return True
    return False


WRAP_MIN_LINES = 4  # lines of one width before a text counts as hard-wrapped
WRAP_MIN_CHARS = 16


def wrap_width(texts: list[str]) -> int:
    """The width a PDF or print dump wrapped its lines at (0 when it was not wrapped).

    Wrapped text has most of its lines at one length, cut mid-sentence; prose has lines of every
    length, and headings of a similar length are few beside its paragraphs.
    """
    lengths = [len(text.strip()) for text in texts if len(text.strip()) >= WRAP_MIN_CHARS]
    cut = Counter(len(text.strip()) for text in texts if len(text.strip()) >= WRAP_MIN_CHARS and not ends_sentence(text))
    if not cut:
        return 0
    width = max(cut.items(), key=lambda item: (item[1], item[0]))[0]
    near = [length for length in lengths if abs(length - width) <= 1]
    wrapped = len(near) >= WRAP_MIN_LINES and len(near) * 2 >= len(lengths)
    return width - 1 if wrapped else 0

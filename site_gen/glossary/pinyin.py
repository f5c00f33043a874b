"""The pinyin of glossary headwords: check that a reading fits its headword, and slug it.

A glossary reading is written by hand ("xīnzhì shēngchǎnlì"), so it is checked as a
reader would read it: tone-marked, made of real syllables, one syllable for each
character said aloud.  The same reading gives the term page its ASCII slug.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin.pinyin_dict import pinyin_dict

# Symbols that policy slogans read aloud: 人工智能+ is said "réngōng zhìnéng jiā".
SPOKEN_SYMBOLS = {"+": "加", "＋": "加"}
LONGEST_SYLLABLE = 6  # "zhuang": no pinyin syllable has more letters


def is_han(char: str) -> bool:
    """True for a Chinese character (the unified block and extension A)."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def strip_tones(pinyin: str) -> str:
    """The pinyin without tone marks, ü kept: "zhànlüè" → "zhanlüe"."""
    decomposed = unicodedata.normalize("NFD", pinyin)
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn" or c == "\u0308")
    return unicodedata.normalize("NFC", kept)


@lru_cache(maxsize=1)
def _syllables() -> tuple[frozenset[str], frozenset[str]]:
    """Every tone-marked syllable the pinyin dictionary uses, and the same without tones."""
    marked = {reading for readings in pinyin_dict.values() for reading in readings.split(",")}
    return frozenset(marked), frozenset(strip_tones(s) for s in marked)


def _is_syllable(text: str) -> bool:
    """True for one valid syllable: a known reading, or a known toneless one (neutral tone)."""
    marked, plain = _syllables()
    return text in marked if strip_tones(text) != text else text in plain


def split_syllables(word: str) -> list[str] | None:
    """Split joined pinyin ("shēngchǎnlì") into syllables; None when it is not pinyin.

    Takes the split with the fewest syllables, as a reader does: "xian" is one
    syllable, and orthography writes "xī'ān" for two.
    """
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - LONGEST_SYLLABLE), end):
            head = best[start]
            fewer = best[end] is None or (head is not None and len(head) + 1 < len(best[end]))
            if head is not None and fewer and _is_syllable(word[start:end]):
                best[end] = head + [word[start:end]]
    return best[len(word)]


def count_spoken(text: str) -> int:
    """How many syllables a reader says for ``text``: its Han characters and spoken symbols."""
    return sum(1 for c in text if is_han(c) or c in SPOKEN_SYMBOLS)


def pinyin_problem(pinyin: str, headword: str) -> str | None:
    """Why ``pinyin`` is not a tone-marked reading of ``headword``, or None when it is."""
    words = [w for w in re.split(r"[\s\-'’·]+", pinyin.lower()) if w]
    if not words or strip_tones(pinyin) == pinyin or re.search(r"\d", pinyin):
        return f"expected tone-marked pinyin, got {pinyin!r}"
    syllables: list[str] = []
    for word in words:
        split = split_syllables(word)
        if split is None:
            return f"expected tone-marked pinyin, got {pinyin!r} ({word!r} is not pinyin)"
        syllables += split
    spoken = count_spoken(headword)
    if len(syllables) != spoken:
        return (
            f"pinyin {pinyin!r} has {len(syllables)} syllables "
            f"but the headword has {spoken} characters to read"
        )
    return None


def slug_from_pinyin(pinyin: str) -> str:
    """An ASCII URL slug from a reading: "Yuè-Gǎng-Ào Dàwānqū" → "yue-gang-ao-dawanqu"."""
    plain = strip_tones(pinyin).replace("ü", "u").lower()
    return "-".join(re.findall(r"[a-z]+", plain))

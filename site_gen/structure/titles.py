"""A title for an essay the source printed without one: the key phrase it keeps returning to."""

from __future__ import annotations

import re
from collections import Counter

from ..model import reading_text
from .bylines import simplified
from .text import cjk_count, jieba_module

TITLE_MIN_CHARS = 6
TITLE_MAX_CHARS = 20
# Clauses end at these marks; a title is one whole clause, never half of one.
_CLAUSE_BREAK = re.compile(r"[，。；：！？、,;:!?（）()\s]+")
_OPENING_WORDS = ("因此", "同时", "此外", "而且", "但是", "然而", "其中", "对于", "这", "那", "一是", "二是", "第一", "第二")


def _keyword_weights(texts: list[str]) -> Counter:
    """How often each content word (two characters or more) occurs across the essay."""
    counts: Counter = Counter()
    for text in texts:
        for word in jieba_module().cut(simplified(reading_text(text))):
            if len(word) >= 2 and cjk_count(word) + sum(ch.isascii() and ch.isalnum() for ch in word) == len(word):
                counts[word] += 1
    return counts


def _clauses(text: str) -> list[str]:
    """The clauses of a paragraph, with stray quotation marks at their edges removed."""
    clauses = []
    for clause in _CLAUSE_BREAK.split(reading_text(text)):
        clause = clause.strip("“”‘’「」『』")
        if clause.count("“") != clause.count("”") or clause.count("「") != clause.count("」"):
            continue
        clauses.append(clause)
    return clauses


def clause_score(clause: str, weights: Counter) -> float:
    """The sum of the essay-wide frequencies of the distinct words the clause holds, per character."""
    words = {word for word in jieba_module().cut(simplified(clause)) if word in weights}
    return sum(weights[word] for word in words) / max(len(clause), 1) ** 0.5


def derive_title(texts: list[str]) -> str:
    """The clause (6–20 characters) that packs the most of the essay's recurring words.

    Every clause of the body is a candidate; the essay's own repetition decides, so
    the result is a phrase the author wrote, cut at a clause boundary.
    """
    weights = _keyword_weights(texts)
    best, best_score = "", -1.0
    for text in texts:
        for clause in _clauses(text):
            if not TITLE_MIN_CHARS <= len(clause) <= TITLE_MAX_CHARS or simplified(clause).startswith(_OPENING_WORDS):
                continue
            score = clause_score(clause, weights)
            if score > best_score:
                best, best_score = clause, score
    if best:
        return best
    first = next((reading_text(text).strip() for text in texts if reading_text(text).strip()), "")
    return first[:TITLE_MAX_CHARS]

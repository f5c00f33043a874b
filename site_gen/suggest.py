"""Suggest glossary terms: frequent expressions in the essays that the glossary does not cover yet.

An editor runs ``site-gen terms --suggest`` to see which multi-character expressions
recur across the essays.  Candidates are jieba words and runs of adjacent words
(2–8 Han characters) that do not touch a glossary term; function words and everyday
vocabulary are filtered out, and what remains is ranked by how often it occurs and
how rare it is in general Chinese, so that policy coinages come before common words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import jieba
import jieba.posseg

from .glossary import Glossary, matching_key
from .model import reading_text

MIN_CHARS, MAX_CHARS = 2, 8
MAX_WORDS = 4  # adjacent words joined into one candidate
MIN_COUNT = 2
EXAMPLES = 2
EXAMPLE_WIDTH = 40  # characters of context kept around the expression in an example

# Part-of-speech tags (jieba's ICTCLAS set) of words that carry no term meaning:
# pronouns, prepositions, conjunctions, particles, adverbs, numerals, measure words,
# localisers, modal particles, interjections, onomatopoeia, time words and
# personal names (people are not glossary terms).
FUNCTION_TAGS = ("r", "p", "c", "u", "d", "m", "q", "f", "y", "e", "o", "t", "z", "nr")
# Tags a term can end on: nouns, verbal and adjectival nouns, idioms, abbreviations.
NOUN_TAGS = ("n", "vn", "an", "l", "i", "j")
# Everyday expressions that jieba tags as nouns but an editor never wants glossed.
STOP_PHRASES = frozenset(
    "我国 我们 一些 一个 这些 那些 方面 领域 问题 方式 过程 基础 作用 能力 水平 体系 "
    "因素 情况 时期 阶段 关键 核心 重点 目标 任务 路径 机制 模式 环节 主体 条件 要求 "
    "方向 空间 价值 效率 规模 质量 结构 格局 层面 范围 程度 全球 国家 社会 经济 企业 "
    "技术 产业 行业 市场 数据 资源 人才 政策 制度 地方 部门 城市 政府 世界 中国 "
    "时代 年代 世纪 今年 目前 当前 未来 近年来 同时 其中 例如 比如 此外".split()
)

_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n")
_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class Suggestion:
    """An expression worth considering for the glossary, with where it was seen."""

    text: str
    count: int
    examples: tuple[str, ...]  # up to two sentences (shortened) that use it
    labels: tuple[str, ...] = ()  # the essays or seeds it occurs in, first seen first


@dataclass
class _Seen:
    words: tuple[str, ...]  # the jieba words the expression is made of
    count: int = 0
    examples: list[str] = field(default_factory=list)
    labels: dict[str, None] = field(default_factory=dict)


def suggest_terms(texts: Iterable[tuple[str, str]], glossary: Glossary, limit: int = 40) -> list[Suggestion]:
    """The ``limit`` most useful candidate terms in (label, Simplified text) pairs."""
    seen: dict[str, _Seen] = {}
    word_counts: Counter[str] = Counter()
    for label, text in texts:
        for sentence in split_sentences(reading_text(text)):
            for words in spans_between_terms(sentence, glossary):
                word_counts.update(word for word, _ in words)
                for candidate in candidates_in(words):
                    entry = seen.setdefault("".join(candidate), _Seen(candidate))
                    entry.count += 1
                    if len(entry.examples) < EXAMPLES and label not in entry.labels:
                        entry.examples.append(shorten(sentence, "".join(candidate)))
                    entry.labels.setdefault(label, None)
    kept = drop_subsumed({text: e for text, e in seen.items() if keep_candidate(text, e, glossary)})
    ranked = sorted(kept, key=lambda text: (-usefulness(kept[text], word_counts), text))
    return [
        Suggestion(text, kept[text].count, tuple(kept[text].examples), tuple(kept[text].labels))
        for text in ranked[:limit]
    ]


def split_sentences(text: str) -> list[str]:
    """Sentences of Chinese prose, cut after 。！？； and at line ends."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def spans_between_terms(sentence: str, glossary: Glossary) -> Iterable[list[tuple[str, str]]]:
    """The (word, part-of-speech) runs of a sentence between glossary terms.

    Cutting at terms means a candidate never contains or overlaps a known term.
    """
    start = 0
    for term_start, term_end, _ in [*glossary.find(sentence), (len(sentence), len(sentence), "")]:
        if term_start > start:
            yield [(pair.word, pair.flag) for pair in jieba.posseg.cut(sentence[start:term_start])]
        start = term_end


def candidates_in(words: list[tuple[str, str]]) -> Iterable[tuple[str, ...]]:
    """Single words and runs of up to MAX_WORDS adjacent words that could name a concept.

    A run holds only Han words, no function word, starts with no verb and ends on
    a noun-like word: 数据要素市场, not 推动数据 or 数据的.
    """
    for first in range(len(words)):
        for last in range(first, min(first + MAX_WORDS, len(words))):
            run = words[first : last + 1]
            word, flag = run[-1]
            if not _HAN.match(word) or flag.startswith(FUNCTION_TAGS):
                break  # punctuation, digits, Latin and function words end a run
            joined = "".join(w for w, _ in run)
            if len(joined) > MAX_CHARS:
                break
            if len(joined) >= MIN_CHARS and flag.startswith(NOUN_TAGS) and not run[0][1].startswith("v"):
                yield tuple(w for w, _ in run)


def keep_candidate(text: str, entry: _Seen, glossary: Glossary) -> bool:
    """Frequent, not everyday vocabulary, and not already (part of) a glossary spelling."""
    if entry.count < MIN_COUNT or text in STOP_PHRASES:
        return False
    # A single word in jieba's general dictionary is ordinary Chinese a reader knows;
    # a single word jieba does not know (赋能, 算力) is likely a coinage.
    if len(entry.words) == 1 and text in _general_vocabulary():
        return False
    return matching_key(text) not in _glossary_fragments(glossary)


def _general_vocabulary() -> dict[str, int]:
    """jieba's dictionary of general Chinese words, with their frequencies."""
    jieba.dt.check_initialized()
    return jieba.dt.FREQ


_FRAGMENTS: dict[int, frozenset[str]] = {}


def _glossary_fragments(glossary: Glossary) -> frozenset[str]:
    """Every substring of every glossary spelling, folded for matching (cached per glossary)."""
    if id(glossary) not in _FRAGMENTS:
        keys = {matching_key(form) for form in glossary.surface_forms()}
        _FRAGMENTS[id(glossary)] = frozenset(
            key[i:j] for key in keys for i in range(len(key)) for j in range(i + 1, len(key) + 1)
        )
    return _FRAGMENTS[id(glossary)]


def drop_subsumed(seen: dict[str, _Seen]) -> dict[str, _Seen]:
    """Drop a candidate seen only inside one longer candidate (same count): keep the longer."""
    kept = {}
    for text, entry in seen.items():
        longer = (other for other in seen if len(other) > len(text) and text in other)
        if not any(seen[other].count == entry.count for other in longer):
            kept[text] = entry
    return kept


def usefulness(entry: _Seen, word_counts: Counter[str]) -> float:
    """Occurrences times cohesion: how often the rarest part of the expression comes in it.

    人工智能产业 is a free combination (its parts are everywhere else too) and ranks
    low; 政企合作 is mostly seen whole, so it reads as a fixed expression and ranks high.
    """
    rarest_part = min(word_counts[word] for word in entry.words)
    return entry.count * entry.count / max(rarest_part, entry.count)


def shorten(sentence: str, expression: str) -> str:
    """The sentence cut to about EXAMPLE_WIDTH characters around the expression."""
    if len(sentence) <= EXAMPLE_WIDTH:
        return sentence
    at = sentence.find(expression)
    start = max(0, min(at - (EXAMPLE_WIDTH - len(expression)) // 2, len(sentence) - EXAMPLE_WIDTH))
    end = start + EXAMPLE_WIDTH
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


# ── Terminal table ───────────────────────────────────────────────────────────


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns."""
    return text + " " * max(0, width - display_width(text))


def format_suggestions(suggestions: list[Suggestion]) -> str:
    """An aligned table for the terminal: count, expression, first example."""
    if not suggestions:
        return "no candidate terms found"
    header = ("count", "expression", "example")
    rows = [(str(s.count), s.text, s.examples[0] if s.examples else "") for s in suggestions]
    count_width = max(display_width(row[0]) for row in [header, *rows])
    text_width = max(display_width(row[1]) for row in [header, *rows])
    lines = [f"{row[0]:>{count_width}}  {pad(row[1], text_width)}  {row[2]}".rstrip() for row in [header, *rows]]
    return "\n".join(lines)

"""The working copy a cleaning rule edits, and the helpers that keep its report honest.

A rule is a callable ``rule(draft)``. It edits ``draft.lines`` only through the
helpers below, so that every removal and repair lands in ``draft.changes`` under
the rule's registry name: no rule can drop text without saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from ..model import Change, Line, Source

# One CJK ideograph (basic block, extension A and compatibility ideographs).
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width punctuation and brackets that sit between Chinese words.
CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2026\u201c\u201d\u2018\u2019\u00b7"
# Marks that end or split a sentence: a line without any is a headline, a label or noise.
SENTENCE_PUNCT = "。！？；，、：…!?;,"

# Hint lines that carry data (a URL, a date), not prose: text fixers leave them alone.
DATA_HINTS = ("source_url", "date")

# Lines that close an article (author note, source line, writer credit, attribution): kept for the
# structure stage, and the place after which page chrome and spam begin.
END_MARKER = re.compile(r"^[（(](?:作者|《[^》]+》|执笔|執筆|本文|来源|來源)|^——")

_HAN_RE = re.compile(f"[{HAN}]")


def has_han(text: str) -> bool:
    """True when ``text`` holds at least one Chinese character."""
    return bool(_HAN_RE.search(text))


def has_sentence_punct(text: str) -> bool:
    """True when ``text`` reads as a sentence rather than a label or a headline."""
    return any(mark in text for mark in SENTENCE_PUNCT)


# Running text ends a sentence, or introduces what follows with a colon (a label such as 分享到： is shorter).
# A headline may end on a question mark too (难在哪儿？), but it holds no full stop and is short.
_SENTENCE_CLOSE = re.compile(r"[。！？…!?][”’」』）)\]]*$")
_INTRODUCES = re.compile(r"[：:]$")
INTRODUCTION_MIN = 8
HEADLINE_MAX = 20


def is_running_text(text: str) -> bool:
    """True for a line of the article's running text: it ends a sentence or introduces a list with a colon."""
    text = text.strip()
    if _SENTENCE_CLOSE.search(text):
        return "。" in text or len(text) > HEADLINE_MAX
    return len(text) >= INTRODUCTION_MIN and bool(_INTRODUCES.search(text))


@dataclass
class Draft:
    """The source's lines as the rules have left them so far, with the report of every change."""

    source: Source
    lines: list[Line]
    changes: list[Change] = field(default_factory=list)
    rule: str = ""  # registry name of the rule now running; set by clean()

    @classmethod
    def of(cls, source: Source) -> "Draft":
        return cls(source, [Line(n, text) for n, text in enumerate(source.lines, start=1)], list(source.reading))

    def record(self, action: str, lines: Iterable[int], text: str, result: str = "", why: str = "") -> None:
        """Add one entry to the report under the running rule's name."""
        self.changes.append(Change(self.rule, action, tuple(lines), text, result, why))  # type: ignore[arg-type]

    def remove(self, indexes: Iterable[int], why: str) -> None:
        """Remove whole lines (by list index) as one report entry; blank ones are not worth reporting."""
        self.remove_groups([(indexes, why)])

    def remove_groups(self, groups: Iterable[tuple[Iterable[int], str]]) -> None:
        """Remove several groups of lines, one report entry per group, indexes all taken before any removal."""
        doomed: set[int] = set()
        for indexes, why in groups:
            group = sorted(set(indexes) - doomed)
            doomed.update(group)
            gone = [self.lines[i] for i in group if self.lines[i].text.strip()]
            if gone:
                self.record("removed", [line.number for line in gone], "\n".join(line.text for line in gone), why=why)
        for i in sorted(doomed, reverse=True):
            del self.lines[i]

    def repair(self, index: int, result: str, why: str, action: str = "repaired", hint: str | None = None) -> None:
        """Replace one line's text, recording the before and after (a removal if nothing is left)."""
        line = self.lines[index]
        if result == line.text and (hint is None or hint == line.hint):
            return
        if result != line.text:
            if not result.strip():
                action = "removed"
            self.record(action, [line.number], line.text, result.strip() and result, why)
        self.lines[index] = replace(line, text=result, hint=line.hint if hint is None else hint)

    def lay_out(self, lines: list[Line]) -> None:
        """Replace all lines by a new layout of the same text (a line per block); the caller has recorded
        every split, join and removal the layout makes."""
        self.lines = list(lines)

    def at_page_edge(self, index: int) -> bool:
        """True when the line stands before the first line of running text or after the last one, and is not
        one of the items a colon introduced: where a page puts its chrome, outside the article."""
        running = [i for i, line in enumerate(self.lines) if is_running_text(line.text)]
        if not running:
            return True
        if running[0] <= index <= running[-1]:
            return False
        before = next((i for i in range(index - 1, -1, -1) if self.lines[i].text.strip()
                       and (is_running_text(self.lines[i].text) or has_sentence_punct(self.lines[i].text))), None)
        return before is None or not _INTRODUCES.search(self.lines[before].text.strip())

    def judged_article_text(self, chrome: set[int]) -> set[int]:
        """Indexes of a block-read page's running text with the article's running text on both sides (other
        than the ``chrome`` lines): the classifier judged it from its evidence, and a phrase it quotes
        (版权所有, 分享) does not make it chrome. A disclaimer after the last paragraph has none after it."""
        running = [i for i, line in enumerate(self.lines) if i not in chrome and is_running_text(line.text)]
        if self.source.blocks is None or not running:
            return set()
        return {i for i, line in enumerate(self.lines)
                if running[0] < i < running[-1] and is_running_text(line.text)}

    def next_text(self, index: int) -> int | None:
        """Index of the first non-blank line after ``index``, or None."""
        for j in range(index + 1, len(self.lines)):
            if self.lines[j].text.strip():
                return j
        return None


Rule = Callable[[Draft], None]


def line_rule(fix: Callable[[str], str], why: str, idempotent: bool = True) -> Rule:
    """Turn a pure ``str -> str`` fixer into a rule that records each line it changes.

    The fixer stays importable and doctest-able on its own (after ftfy's fixers).
    """

    def run(draft: Draft) -> None:
        for i, line in enumerate(draft.lines):
            if line.hint not in DATA_HINTS:
                draft.repair(i, fix(line.text), why)

    run.__name__ = fix.__name__
    run.__doc__ = fix.__doc__
    run.fix = fix  # type: ignore[attr-defined]
    run.idempotent = idempotent  # type: ignore[attr-defined]
    return run


def drop_lines_matching(pattern: re.Pattern[str], why: str) -> Rule:
    """A rule that removes every whole line ``pattern`` matches (chrome that is a line of its own)."""

    def run(draft: Draft) -> None:
        hits = [i for i, line in enumerate(draft.lines) if line.text.strip() and pattern.search(line.text.strip())]
        if draft.source.blocks is not None:
            protected = draft.judged_article_text(set(hits))
            hits = [i for i in hits if i not in protected]
        for i in hits:
            draft.record("removed", [draft.lines[i].number], draft.lines[i].text, why=why)
        for i in reversed(hits):
            del draft.lines[i]

    run.idempotent = True  # type: ignore[attr-defined]
    return run

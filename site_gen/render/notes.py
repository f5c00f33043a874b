"""The rows of an essay's source-notes page: every change cleaning made, as a reader can see it.

Two kinds of text need more than printing as they are. Text that is only spacing,
bullets or invisible characters would leave an empty-looking cell, so it is drawn with
visible symbols. Text removed as spam is withheld: the page says which rule removed how
much from which seed line and why, but never repeats the spam itself, and neither does
any other change made to those lines.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..model import Change, Essay, plain_text

# Actions in the order the source notes list them: what was taken out comes first.
CHANGE_ACTIONS = ("removed", "repaired", "moved", "restored", "flagged")

WITHHELD_RULE_WORD = "spam"  # a rule whose name says spam removes text no reader should meet

# How the common spacing characters are drawn; any other invisible character shows its code point.
VISIBLE_SPACES = {" ": "␣", "\u00a0": "⍽", "\t": "⇥", "\n": "↵"}
BULLETS = set("•·‧∙●○◦▪▫■-*")


@dataclass(frozen=True)
class TextCell:
    """One text cell of the table: what it shows and how (plain, drawn blank, or withheld)."""

    shown: str
    kind: str = "plain"  # "plain", "blank" (spacing drawn visibly) or "withheld"
    size: int = 0  # characters in the original text (for withheld text)


@dataclass(frozen=True)
class NoteRow:
    """One change as a row of the source notes, or the same change made on several lines.

    ``lines`` are the seed lines of every change folded into the row, ``times`` how many
    changes it stands for: a seed with ten thousand separator lines gets one row that says
    so, not ten thousand rows that say the same thing.
    """

    change: Change
    text: TextCell
    result: TextCell
    lines: tuple[int, ...] = ()
    times: int = 1


def is_withheld(change: Change) -> bool:
    """Whether the change removed spam, whose text the site never shows."""
    return WITHHELD_RULE_WORD in change.rule.lower()


def is_invisible(text: str) -> bool:
    """Text a reader would see as nothing at all: spacing, bullets, control or format characters."""
    return all(ch.isspace() or ch in BULLETS or unicodedata.category(ch) in ("Cc", "Cf") for ch in text)


def visible_spacing(text: str) -> str:
    """Spacing and invisible characters drawn as symbols (␣ for a space, ⟨U+200B⟩ for a zero-width space)."""
    drawn = []
    for ch in text:
        if ch in VISIBLE_SPACES:
            drawn.append(VISIBLE_SPACES[ch])
        elif ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
            drawn.append(f"⟨U+{ord(ch):04X}⟩")
        else:
            drawn.append(ch)
    return "".join(drawn)


def text_cell(text: str, withheld: bool) -> TextCell:
    """How one text of a change is shown."""
    if not text:
        return TextCell("")
    if withheld:
        return TextCell("", "withheld", len(text.strip()))
    if is_invisible(text):
        return TextCell(visible_spacing(text), "blank", len(text))
    return TextCell(plain_text(text))  # a gap as […], a restored word as [word]


CONTEXT = 12  # characters shown either side of what a repair changed inside a long line
ELLIPSIS = "…"


def changed_window(before: str, after: str) -> tuple[str, str]:
    """Only the part of a long line a repair changed, with a little context either side.

    A repair inside a 500-character paragraph (a gap restored, a stray "and") would
    otherwise show two identical-looking openings of the paragraph.
    """
    if not before or not after or len(before) + len(after) < 6 * CONTEXT:
        return before, after
    prefix = 0
    while prefix < min(len(before), len(after)) and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while (suffix < min(len(before), len(after)) - prefix
           and before[len(before) - 1 - suffix] == after[len(after) - 1 - suffix]):
        suffix += 1
    start = max(0, prefix - CONTEXT)
    def cut(text: str) -> str:
        end = min(len(text), len(text) - suffix + CONTEXT)
        return (ELLIPSIS if start else "") + text[start:end] + (ELLIPSIS if end < len(text) else "")
    return cut(before), cut(after)


def note_rows(changes: list[Change], withheld_lines: set[int]) -> list[NoteRow]:
    """Rows for ``changes``; any change on a line spam was removed from is withheld too.

    Changes that read the same (rule, action, text, result and reason) are one row, in the
    place of the first of them, with the lines of all.
    """
    folded: dict[tuple, tuple[Change, bool, list[int], int]] = {}
    for change in changes:
        withheld = is_withheld(change) or bool(withheld_lines.intersection(change.lines))
        key = (change.rule, change.action, change.text, change.result, change.why, withheld)
        first, _, lines, times = folded.get(key) or (change, withheld, [], 0)
        lines.extend(change.lines)
        folded[key] = (first, withheld, lines, times + 1)
    rows = []
    for change, withheld, lines, times in folded.values():
        before, after = changed_window(change.text, change.result)
        rows.append(NoteRow(change, text_cell(before, withheld), text_cell(after, withheld),
                            tuple(sorted(set(lines))), times))
    return rows


def change_groups(essay: Essay) -> list[tuple[str, list[NoteRow]]]:
    """The essay's changes grouped by action in reading order; empty groups left out."""
    withheld_lines = {line for change in essay.changes if is_withheld(change) for line in change.lines}
    known = set(CHANGE_ACTIONS)
    groups = [(action, [c for c in essay.changes if c.action == action]) for action in CHANGE_ACTIONS]
    groups.append(("other", [c for c in essay.changes if c.action not in known]))
    return [(action, note_rows(changes, withheld_lines)) for action, changes in groups if changes]


RANGES_SHOWN = 20  # runs of lines listed in one cell; the rest are counted


def line_ranges(lines, shown: int = RANGES_SHOWN) -> str:
    """Source line numbers as a reader scans them: runs of consecutive lines as ranges.

    >>> line_ranges((5, 6, 7, 9, 12, 13))
    '5–7, 9, 12–13'
    >>> line_ranges((1, 3, 5, 7, 9), shown=2)
    '1, 3 and 3 more lines'
    """
    numbers = sorted(set(lines))
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    listed = ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else f"{run[0]}" for run in runs[:shown])
    rest = sum(len(run) for run in runs[shown:])
    return f"{listed} and {rest:,} more line{'s' if rest > 1 else ''}" if rest else listed

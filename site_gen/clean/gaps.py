"""Words the source lost: show the gap honestly, and restore it only where an editor says what it was."""

from __future__ import annotations

import re

from ..errors import SidecarError
from ..model import GAP, RESTORED_CLOSE, RESTORED_OPEN, Erratum
from .draft import Draft

# A lost word is shown as two ampersands; a page saved as HTML writes each as the entity &amp;.
_LOST_WORD_FORMS = re.compile(r"&(?:amp;)?&(?:amp;)?")


def mark_lost_words(text: str) -> str:
    """Replace each ``&&`` (a word the scrape lost, ``&amp;&amp;`` in HTML) with the gap mark; never guess the word.

    A single ``&`` is left alone (``R&D``, ``R&amp;D``); other HTML entities are strip_html's.

    >>> mark_lost_words("工業和信息化部等部門相繼&&《“十四五”智能製造發展規劃》") == "工業和信息化部等部門相繼" + GAP + "《“十四五”智能製造發展規劃》"
    True
    """
    return _LOST_WORD_FORMS.sub(GAP, text)


def _gap_after(text: str, before: str) -> int | None:
    """Position of the first gap that ``before`` ends right in front of (any gap when ``before`` is empty)."""
    start = 0
    while (found := text.find(GAP, start)) != -1:
        if text[:found].endswith(before):
            return found
        start = found + 1
    return None


def _unmatched(erratum: Erratum, index: int, draft: Draft) -> SidecarError:
    where = f"[[erratum]] number {index + 1}" if not erratum.sidecar_line else "[[erratum]]"
    return SidecarError(
        f"{where}: no lost word (&&) on seed line {erratum.line} right after {erratum.before!r}",
        draft.source.meta.path or draft.source.name,
        erratum.sidecar_line or None,
    )


def apply_errata(draft: Draft) -> None:
    """Put each editor-restored word from the seed's sidecar into its gap, bracketed by the restoration marks.

    An erratum that matches no gap (wrong line, wrong ``before`` text, gap already filled) is an error in
    the sidecar, reported with the sidecar's file and line: a silent miss would hide the editor's fix.
    Gaps no erratum names stay gaps.
    """
    by_number = {line.number: i for i, line in enumerate(draft.lines)}
    for index, erratum in enumerate(draft.source.meta.errata):
        i = by_number.get(erratum.line)
        text = mark_lost_words(draft.lines[i].text) if i is not None else ""
        at = _gap_after(text, erratum.before)
        if at is None:
            raise _unmatched(erratum, index, draft)
        restored = text[:at] + RESTORED_OPEN + erratum.word + RESTORED_CLOSE + text[at + 1 :]
        why = erratum.note or "restored by the editor (seed sidecar)"
        draft.repair(i, restored, why, action="restored")


apply_errata.idempotent = True  # type: ignore[attr-defined]

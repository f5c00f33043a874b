"""The first rule for a page read as blocks (HTML, Markdown): keep the article, lay it out as lines.

``classify.py`` decides which blocks are the article and ``head.py`` which title, authors and
date the page gives it; this rule turns that into the lines the other rules and the structure
stage read — the chosen head as hint lines (title, byline, date, source_url), then a line per
article block with the hint its markup gave (heading levels, list items, quotes, captions) — and
reports every block it leaves out, grouped, with the classifier's reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import re

from ..model import Line, Source
from ..structure.meta import read_meta_line
from ..structure.notes import credit_of, is_biography
from .classify import Classified, classify_blocks
from .draft import END_MARKER, Draft
from .article import Kept, repair_article
from .article import HEADING_MAX
from .head import Head, choose_head, displayed_date, is_person
from .pagination import WHY as CONTINUED_WHY
from .pagination import pager_in

# Hints by block kind; a heading's hint also carries its level (the title is the page's h1).
KIND_HINTS = {"item": "item", "cell": "item", "quote": "quote", "caption": "caption", "preformatted": "item"}
TAIL_NOTES_MAX = 6  # blocks after the article's end searched for its closing notes
FRAME_SHOWN = 12  # frame lines quoted in the report; the rest are counted by their line numbers
LEAD_MIN = 20
SOURCE_LABELS = ("来源：", "來源：", "来源:", "本文来源：", "本文來源：", "稿源：", "原载", "原載")
SOURCE_LINE_MAX = 40  # characters of a closing line naming where the piece first ran
CAPTION_MAX = 80  # characters: a longer line under an image is a paragraph
CAPTION_LABEL_MAX = 30  # characters of a caption that does not say it is one
# What a caption says of itself: 图为…, 上图：, ▲ ▼, （图/…）, （攝影：…）, 资料图, 供图.
_CAPTION_MARK = re.compile(r"^(?:图为|圖為|图片|圖片|上图|下图|上圖|下圖|图注|圖注|图：|圖：|[▲▼△▽↑↓])|"
                           r"[（(]\s*(?:图|圖|摄|攝|图片|圖片|photo|Photo)\s*[/／:：]|资料图|資料圖|供图|供圖|摄$|攝$")
_SENTENCE_MARK = re.compile(r"[。！？!?；;]")
_FULL_STOP = re.compile(r"[。！!；;]|[：:]$")  # characters of an all-bold paragraph read as a lead (a standfirst), not a heading


def _hint(item: Classified) -> str:
    """What the block's markup says it is, as the structure stage's line hint."""
    block, evidence = item.block, item.evidence
    if block.kind == "heading":
        return f"heading{min(max(block.level, 2), 4)}"
    if block.kind in KIND_HINTS:
        return KIND_HINTS[block.kind]
    if block.emphasis and len(block.text) <= HEADING_MAX and not _FULL_STOP.search(block.text):
        return "heading2"  # a bold line of its own: the page's way of writing a section heading
    if block.after_image and is_caption_text(block.text):
        return "caption"
    if block.emphasis and evidence.sentences and evidence.chars >= LEAD_MIN:
        return "lead"
    return ""


def is_caption_text(text: str) -> bool:
    """A line under an image that reads as its caption: it says so (图为…, ▲, （图/…）, 摄), or it is a short
    label without a sentence. A paragraph of the article that follows an image is not a caption."""
    text = text.strip()
    if len(text) > CAPTION_MAX:
        return False
    return bool(_CAPTION_MARK.search(text)) or (len(text) <= CAPTION_LABEL_MAX and not _SENTENCE_MARK.search(text))


def _is_head_line(item: Classified) -> bool:
    """A line of the page's head worth keeping for the structure stage: a date or source line."""
    text = item.block.text
    return read_meta_line(text) is not None or bool(displayed_date(text))


def _is_closing_note(item: Classified) -> bool:
    """A note that closes an article, kept after its last paragraph: （作者系…）, （来源：…）, ——attribution,
    a writer's credit (执笔：…), or the author's affiliations (…研究员，…教授。)."""
    text = item.block.text.strip()
    credit = credit_of(text)
    credits_a_person = bool(credit) and is_person(re.split(r"[：:]", credit, maxsplit=1)[-1], set())
    source_line = text.startswith(SOURCE_LABELS) and len(text) <= SOURCE_LINE_MAX
    return bool(END_MARKER.match(text)) or credits_a_person or is_biography(text) or source_line


def _head_lines(head: Head) -> list[Line]:
    lines = []
    if head.title:
        lines.append(Line(head.title_line, head.title, "title"))
    if head.authors:
        lines.append(Line(head.authors_line, head.byline_text or "、".join(head.authors), "byline"))
    if head.date:
        lines.append(Line(head.date_line, head.date, "date"))
    if head.source_url:
        lines.append(Line(head.source_url_line, head.source_url, "source_url"))
    return lines


def _record_left_out(draft: Draft, left_out: list[tuple[Classified, str]]) -> None:
    """One report entry per run of blocks left out for the same reason."""
    groups: list[tuple[str, list[Classified]]] = []
    for item, why in left_out:
        if groups and groups[-1][0] == why:
            groups[-1][1].append(item)
        else:
            groups.append((why, [item]))
    for why, items in groups:
        draft.record("removed", sorted({item.block.line for item in items}),
                     "\n".join(item.block.text for item in items), why=why)


def _flag_continued(draft: Draft, classified: list[Classified], end: int) -> None:
    """Flag the essay as incomplete when a pager stands at the article's end (下一页, 第1页 共3页)."""
    for item in classified[max(0, end - 2):end + 1 + TAIL_NOTES_MAX]:
        if pager := pager_in(item.block.text):
            draft.record("flagged", [item.block.line], item.block.text, why=CONTINUED_WHY.format(pager=pager))
            return


def _record_joins(draft: Draft, kept: list[Classified]) -> None:
    """A paragraph a page wrapped over several source lines is one line now: say so, with the lines it joined."""
    source = draft.source.lines
    for item in kept:
        block = item.block
        if block.last_line > block.line:
            before = "\n".join(source[block.line - 1:block.last_line])
            draft.record("repaired", range(block.line, block.last_line + 1), before, block.text,
                         why="one paragraph wrapped over several source lines, joined as one")


def _record_frame(draft: Draft, lines: list[Line]) -> None:
    """Source lines that no kept line and no report entry covers held only markup: one entry says so."""
    touched = {n for change in draft.changes for n in change.lines} | {line.number for line in lines}
    frame = [n for n, text in enumerate(draft.source.lines, start=1) if text.strip() and n not in touched]
    if frame:
        text = "\n".join(draft.source.lines[n - 1].strip() for n in frame[:FRAME_SHOWN])
        draft.record("removed", frame, text + ("\n…" if len(frame) > FRAME_SHOWN else ""),
                     why="markup with no reading text of its own (the page's frame: tags, attributes, data)")


@dataclass(frozen=True)
class PageReading:
    """A block-read page as this rule reads it: its blocks classified, the article's first and last block
    (``start`` is past the end when no block is article), and the head chosen for it."""

    classified: list[Classified]
    start: int
    end: int
    head: Head


def read_page(source: Source) -> PageReading:
    """Classify a block-read page's blocks, find the article among them, and choose its head."""
    classified = classify_blocks(list(source.blocks or ()))
    places = [item.place for item in classified]
    start = places.index("article") if "article" in places else len(classified)
    end = len(places) - 1 - places[::-1].index("article") if "article" in places else len(classified) - 1
    head = choose_head(classified, start, end, list(source.candidates))
    return PageReading(classified, start, end, head)


def lay_out_page_blocks(draft: Draft) -> None:
    """Keep a block-read page's article and head, as lines with hints; report every block left out."""
    if draft.source.blocks is None:
        return
    page = read_page(draft.source)
    classified, start, end, head = page.classified, page.start, page.end, page.head
    left_out: list[tuple[Classified, str]] = []
    kept: list[Kept] = []
    for i, item in enumerate(classified):
        if i in head.used:
            if head.used[i] != "the essay's title":
                left_out.append((item, head.used[i]))
            continue
        if item.place == "head":
            why = "the page's date and source line (its date is the essay's)" if _is_head_line(item) else \
                f"page head, above the article: {item.verdict.why}"
            left_out.append((item, why))
        elif item.place == "tail":
            if i <= end + TAIL_NOTES_MAX and _is_closing_note(item):
                kept.append(Kept(item, item.block.text))
            else:
                left_out.append((item, f"after the article's end: {item.verdict.why}"))
        elif item.verdict.label != "good":
            left_out.append((item, item.verdict.why))
        elif not any(piece.item.evidence.sentences for piece in kept) and _is_head_line(item) \
                and not item.evidence.sentences:
            left_out.append((item, "the page's date and source line (its date is the essay's)"))
        else:
            kept.append(Kept(item, item.block.text, _hint(item)))
    _flag_continued(draft, classified, end)
    _record_left_out(draft, left_out)
    _record_joins(draft, [piece.item for piece in kept])
    for action, numbers, text, result, why in repair_article(kept, head.authors):
        draft.record(action, numbers, text, result, why)
    lines = _head_lines(head) + [Line(piece.line, piece.text, piece.hint) for piece in kept]
    for label, line, why in (("title", head.title_line, head.title_why), ("authors", head.authors_line,
                                                                          head.authors_why),
                             ("date", head.date_line, head.date_why)):
        if why:
            value = {"title": head.title, "authors": "、".join(head.authors), "date": head.date}[label]
            draft.record("flagged", [line] if line else [], value, why=f"{label}: {why}")
    _record_frame(draft, lines)
    draft.lay_out(lines)


lay_out_page_blocks.idempotent = True  # type: ignore[attr-defined]

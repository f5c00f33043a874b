"""The structure stage: cleaned lines into essays with title, authors, date, notes and blocks.

    structure(cleaned) -> tuple[Essay, ...]

One seed may hold several essays: a title line followed by a byline opens a new
one, and everything up to the next such pair belongs to the essay before it.
Within an essay the header (title, byline, date) comes first; the body is turned
into blocks by ``structure.blocks``; notes (作者系…, 《人民日报》…, 执笔…) move into
the essay's fields. Every repair or move is recorded as a ``Change``.

Conventions other stages rely on: notes are stored without their brackets; a
``Quote`` quoting several paragraphs holds them one per line (joined by "\\n")
and its ``attribution`` has no leading dash; an ``Aside``'s ``text`` is its title,
or for an untitled box its children's text one per line, or a caption's text.

The package's other modules are the stage's helpers: what a line of an essay is, and how
lines become blocks. ``text`` holds the punctuation tests every rule shares, ``bylines``
reads author lines, ``notes`` pulls author notes, source notes, credits and dates out of
the body, ``blocks`` turns body lines into headings, paragraphs, quotes and asides, and
``titles`` derives a title for an essay the source printed without one.
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import SidecarError
from ..model import Block, Change, Cleaned, Essay, EssayMeta, Line, reading_text
from ..script import detect_script
from .blocks import Piece, build_blocks, to_blocks
from .bylines import byline_in_dateline
from .essays import read_header, split_essays
from .notes import is_biography, iso_date, split_trailing_note
from .titles import derive_title

RULE = "structure"


def collect_notes(pieces: list[Piece]) -> tuple[dict[str, str], list[Change]]:
    """Author notes, source notes, writer credits and a closing biography, taken out of the body."""
    notes: dict[str, list[str]] = {"author_note": [], "source_note": [], "credits": []}
    changes: list[Change] = []
    for piece in pieces:
        if piece.kind == "note":
            notes[piece.hint].append(piece.text)
    for index in range(len(pieces) - 1, -1, -1):  # a biography closes the essay, after any notes
        piece = pieces[index]
        if piece.kind == "paragraph" and is_biography(piece.text):
            piece.kind, piece.hint = "note", "author_note"
            notes["author_note"].append(piece.text)
            changes.append(Change(RULE, "moved", piece.lines, piece.text, why="an author biography after the text"))
        elif piece.kind != "note":
            break
    for index, piece in enumerate(pieces):
        after = pieces[index + 1] if index + 1 < len(pieces) else None
        if piece.kind != "paragraph" or (after is not None and after.kind != "note"):
            continue
        text, note, kind = split_trailing_note(piece.text)
        if kind:
            notes[kind].append(note)
            changes.append(Change(RULE, "moved", piece.lines, f"（{note}）", text[-12:],
                                  why="a credit at the end of the last paragraph, shown with the essay's notes"))
            piece.text = text
    return {"author_note": "；".join(notes["author_note"]), "source_note": "；".join(notes["source_note"]),
            "credits": notes["credits"]}, changes


def _changes_by_essay(changes: tuple[Change, ...], starts: list[int]) -> list[list[Change]]:
    """The cleaning report cut by essay: a change goes to the essay whose lines hold its first line."""
    shares: list[list[Change]] = [[] for _ in starts]
    for change in changes:
        first = min(change.lines) if change.lines else 0
        owner = max([index for index, start in enumerate(starts) if start <= first] or [0])
        shares[owner].append(change)
    return shares


def _apply_sidecar(essay: Essay, meta: EssayMeta) -> Essay:
    """An editor's sidecar values replace what was detected or derived."""
    updates: dict[str, object] = {}
    for name in ("title", "title_en", "authors", "date", "source_url", "slug", "retrieved"):
        value = getattr(meta, name)
        if value is not None:
            updates[name] = tuple(value) if name == "authors" else value
    if "title" in updates:
        updates["title_derived"] = False
    return replace(essay, **updates) if updates else essay


def _new_sources(sources: list[str], note: str) -> list[str]:
    """The head's source lines a closing source note does not already say (来源：求是网 after 本文来源：求是网)."""
    return [source for source in sources if source.split("：")[-1] not in note]


def collective_authors(credits: list[str]) -> tuple[str, ...]:
    """With no byline, a closing credit that is not a writer's (（國聲智庫課題組）) is who wrote it.

    A writer credit (执笔：…) names the hands behind an institution, not the author.
    """
    return tuple(credit for credit in credits if "：" not in credit and ":" not in credit)[:1]


def build_essay(cleaned: Cleaned, index: int, lines: list[Line], cleaning: list[Change]) -> Essay:
    """One essay from its run of lines."""
    header, body = read_header(lines)
    pieces, changes = build_blocks(body)
    notes, note_changes = collect_notes(pieces)
    changes = header.changes + changes + note_changes
    blocks: tuple[Block, ...] = to_blocks(pieces)
    title, derived = header.title, False
    if not title:
        texts = [block.text for block in blocks if block.kind == "paragraph"] or [block.text for block in blocks]
        # With no words to take a phrase from, the file's name is the only honest label.
        title = derive_title(texts) or cleaned.source.path.stem
        derived = True
        changes.append(Change(RULE, "flagged", (lines[0].number,), "", title,
                              why="the source prints no title; this one is a phrase the essay keeps returning to"))
    author_note = notes["author_note"] or header.affiliation
    authors = header.authors or byline_in_dateline(blocks) or collective_authors(notes["credits"])
    text = title + "".join(reading_text(block.text) for block in blocks)
    essay = Essay(
        source_name=cleaned.source.name,
        index=index,
        title=title,
        authors=authors,
        date=header.date or iso_date(notes["source_note"]),
        blocks=blocks,
        title_derived=derived,
        author_note=author_note,
        source_note="；".join(filter(None, [notes["source_note"], *_new_sources(header.sources, notes["source_note"])])),
        credits=tuple(notes["credits"]),
        source_url=header.source_url,
        # when the saving tool saved the page, if it says (a crawler's timestamp): the source's retrieval date
        retrieved=next((c.value for c in cleaned.source.candidates if c.field == "retrieved"), ""),
        lines=(lines[0].number, lines[-1].number),
        changes=tuple(cleaning) + tuple(changes),
        script=detect_script(text),
    )
    return _apply_sidecar(essay, cleaned.source.meta.for_essay(index))


def dated_like_the_page(essays: list[Essay], page_date: str) -> list[Essay]:
    """Essays of one page that print no date of their own were published with it: the date at the page's
    head, else that of the essay before them."""
    dated = []
    for essay in essays:
        if not essay.date and (page_date or dated):
            essay = replace(essay, date=page_date or dated[-1].date)
        dated.append(essay)
    return dated


def _check_sidecar_indexes(meta, count: int) -> None:
    """An editor's [[essay]] entry for an essay the seed does not have would be silently ignored: say so."""
    for entry in meta.essays:
        if entry.index > count:
            has = f"{count} essay" + ("s" if count != 1 else "")
            raise SidecarError(f"[[essay]]: index {entry.index}, but the seed has {has}", meta.path, entry.line)


def structure(cleaned: Cleaned) -> tuple[Essay, ...]:
    """Every essay in a cleaned seed, in reading order."""
    lines = [line for line in cleaned.lines if line.text.strip()]
    if not lines:
        _check_sidecar_indexes(cleaned.source.meta, 0)
        return ()
    runs, split_changes = split_essays(lines)
    starts = [run[0].number for run in runs]
    shares = _changes_by_essay(tuple(split_changes) + cleaned.changes, starts)
    _check_sidecar_indexes(cleaned.source.meta, len(runs))
    essays = [build_essay(cleaned, index, run, share) for index, (run, share) in enumerate(zip(runs, shares), start=1)]
    page_head = lines[:lines.index(runs[0][0])]
    page_date = next((date for date in (iso_date(line.text) for line in page_head) if date), "")
    return tuple(dated_like_the_page(essays, page_date) if len(essays) > 1 else essays)

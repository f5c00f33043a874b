"""The structure stage: cleaned lines into essays with title, authors, date, notes and blocks.

    structure(cleaned) -> tuple[Essay, ...]

One seed may hold several essays: a title line followed by a byline opens a new
one, and everything up to the next such pair belongs to the essay before it.
Within an essay the header (title, byline, date) comes first; the body is turned
into blocks by ``layout.blocks``; notes (作者系…, 《人民日报》…, 执笔…) move into
the essay's fields. Every repair or move is recorded as a ``Change``.

Conventions other stages rely on: notes are stored without their brackets; a
``Quote`` quoting several paragraphs holds them one per line (joined by "\\n")
and its ``attribution`` has no leading dash; an ``Aside``'s ``text`` is its title,
or for an untitled box its children's text one per line, or a caption's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .model import Block, Change, Cleaned, Essay, EssayMeta, Line, reading_text
from .layout.blocks import Piece, build_blocks, to_blocks
from .layout.bylines import Byline, byline_in_dateline, read_byline
from .layout.meta import read_meta_line
from .layout.notes import author_note_of, is_biography, is_date_line, iso_date, source_note_of, split_trailing_note
from .layout.text import has_sentence_marks, is_heading_like, is_numbered_heading, wrap_width
from .layout.titles import derive_title
from .script import detect_script

RULE = "structure"
HEADER_HINTS = ("byline", "date", "source_url")
# The one question or exclamation mark a title may carry: at its end, or closing its main part before a subtitle.
_TITLE_QUESTION = re.compile(r"[？！?!](?=——|$)")


@dataclass
class Header:
    """What an essay's opening lines say about it."""

    title: str = ""
    authors: tuple[str, ...] = ()
    affiliation: str = ""
    date: str = ""
    source_url: str = ""
    sources: list[str] = field(default_factory=list)  # 来源：…, 原标题：…, a document number
    changes: list[Change] = field(default_factory=list)


def _byline_of(line: Line) -> Byline | None:
    return read_byline(line.text, hinted=line.hint == "byline")


def is_title_line(line: Line) -> bool:
    """A title hint, or a short line without sentence punctuation that is not a byline or date.

    A title may end on one question or exclamation mark (县城咖啡店为什么越开越多？), and so may its
    main part before a subtitle (为什么说“慢就是快”？——谈谈长期主义).
    """
    if line.hint in ("title", "heading1"):
        return True
    if line.hint:
        return False
    text = _TITLE_QUESTION.sub("", line.text.strip())
    return is_heading_like(text) and _byline_of(line) is None and read_meta_line(line.text) is None


def _is_header_data(line: Line) -> bool:
    """A byline, date or metadata line of an essay's head."""
    return line.hint in HEADER_HINTS or _byline_of(line) is not None or read_meta_line(line.text) is not None


HEAD_MAX_LINES = 6


def title_index(lines: list[Line]) -> int | None:
    """Which of the opening lines is the title: a title hint, else the longest title-like line before the text.

    Site and account names (財新網, 财经观察家) stand above the title too, and are shorter than it;
    numbered section headings (一、…) are never the title.
    """
    candidates = []
    width = wrap_width([line.text for line in lines])
    for index, line in enumerate(lines[:HEAD_MAX_LINES]):
        if line.hint in ("title", "heading1"):
            return index
        wrapped = bool(width) and len(line.text.strip()) >= width
        if author_note_of(line.text) or source_note_of(line.text):
            continue  # 【作者单位：…】 printed under the byline: a note, not the title
        if is_title_line(line) and not is_numbered_heading(line.text) and not wrapped:
            candidates.append(index)
        elif not _is_header_data(line):
            break
    if not candidates or len(lines) < 2:
        return None
    return max(candidates, key=lambda index: len(lines[index].text.strip()))


def _has_body(lines: list[Line]) -> bool:
    """True when some line reads as running text (has a full stop or the like)."""
    return any(has_sentence_marks(line.text) for line in lines if not line.hint or line.hint == "lead")


def opens_essay(lines: list[Line], index: int) -> bool:
    """A title line followed (past any date line) by a byline, with running text after them."""
    line = lines[index]
    if line.hint == "title":
        return True
    if not is_title_line(line):
        return False
    following = index + 1
    while following < len(lines) and (lines[following].hint in ("date", "source_url") or read_meta_line(lines[following].text)):
        following += 1
    if following >= len(lines) or _byline_of(lines[following]) is None:
        return False
    return _has_body(lines[following + 1:])


def split_essays(lines: list[Line]) -> tuple[list[list[Line]], list[Change]]:
    """The cleaned lines cut into one run per essay; leftovers before the first title are reported."""
    starts = [index for index in range(len(lines)) if opens_essay(lines, index)]
    changes: list[Change] = []
    if not starts or starts[0] > 0:
        leading = lines[: starts[0]] if starts else lines
        if _has_body(leading) or not starts:
            starts.insert(0, 0)  # an essay printed without a title
        else:
            changes.append(Change(RULE, "removed", tuple(line.number for line in leading),
                                  " / ".join(line.text for line in leading),
                                  why="short lines before the first essay's title belong to no essay"))
    bounds = starts + [len(lines)]
    return [lines[start:end] for start, end in zip(bounds, bounds[1:]) if end > start], changes


def read_header(lines: list[Line]) -> tuple[Header, list[Line]]:
    """Title, byline, date and address from the essay's opening lines; returns the rest as body."""
    header = Header()
    rest = list(lines)
    at = title_index(rest)
    if at is not None:
        above = [line for line in rest[:at] if not _is_header_data(line)]
        if above:
            header.changes.append(Change(RULE, "removed", tuple(line.number for line in above),
                                         " / ".join(line.text for line in above),
                                         why="a short line above the title: the site's or account's name"))
        header.title = rest[at].text.strip()
        rest = [line for line in rest[:at] if _is_header_data(line)] + rest[at + 1:]
    body: list[Line] = []
    in_header = True
    for line in rest:
        byline = _byline_of(line) if in_header or line.hint == "byline" else None
        meta = read_meta_line(line.text) if in_header and not line.hint else None
        if line.hint == "source_url":
            header.source_url = line.text.strip()
        elif (line.hint == "date" or (in_header and is_date_line(line.text))) and not header.date:
            header.date = iso_date(line.text)
        elif meta is not None:
            header.date = header.date or meta.date
            header.sources += [meta.source] if meta.source else []
        elif byline is not None and not header.authors:
            header.authors, header.affiliation = byline.authors, byline.affiliation
        elif in_header and header.title and line.text.strip() == header.title:
            header.changes.append(Change(RULE, "removed", (line.number,), line.text,
                                         why="the title printed a second time above the text"))
        else:
            in_header = False
            body.append(line)
    return header, body


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
    for name in ("title", "title_en", "authors", "date", "source_url", "slug"):
        value = getattr(meta, name)
        if value is not None:
            updates[name] = tuple(value) if name == "authors" else value
    if "title" in updates:
        updates["title_derived"] = False
    return replace(essay, **updates) if updates else essay


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
        source_note="；".join(filter(None, [notes["source_note"], *header.sources])),
        credits=tuple(notes["credits"]),
        source_url=header.source_url,
        lines=(lines[0].number, lines[-1].number),
        changes=tuple(cleaning) + tuple(changes),
        script=detect_script(text),
    )
    return _apply_sidecar(essay, cleaned.source.meta.for_essay(index))


def structure(cleaned: Cleaned) -> tuple[Essay, ...]:
    """Every essay in a cleaned seed, in reading order."""
    lines = [line for line in cleaned.lines if line.text.strip()]
    if not lines:
        return ()
    runs, split_changes = split_essays(lines)
    starts = [run[0].number for run in runs]
    shares = _changes_by_essay(tuple(split_changes) + cleaned.changes, starts)
    return tuple(build_essay(cleaned, index, run, share) for index, (run, share) in enumerate(zip(runs, shares), start=1))

"""Body lines into blocks: headings with levels, rejoined paragraphs, sidebars, quotes, captions.

The rules work on ``Piece``s, one per body line at first, and merge or wrap them;
``to_blocks`` then gives every piece its model block and a stable anchor.
"""

from __future__ import annotations

import re

from ..model import Aside, Block, Change, Heading, Line, Paragraph, Quote
from .notes import author_note_of, credit_of, source_note_of
from .pieces import ATTRIBUTION, Piece
from .quotes import gather_quotes, merge_quote_lines
from .text import has_sentence_marks, wrap_width
from .text import SECTION_NUMBER, SUBSECTION_NUMBER, ends_sentence, forms_word_across, is_heading_like, join_fragments

# How many blocks a sidebar printed inside a sentence may span before the sentence resumes.
SIDEBAR_MAX_BLOCKS = 5
# A summary of a published article: 某某在《刊物》…《题目》一文中指出…
_CITES_ARTICLE = re.compile(r"《[^》]+》.{0,40}?(一文|文章|论文|論文)")
# Lines that are whole as they stand, never the first half of a cut sentence: list items, table rows,
# a closing signature, date or attachment line.
WHOLE_LINES = ("item", "closing")
# A label over an article's notes or references (注释：, 参考文献): a heading of the essay's end matter.
_END_MATTER_LABEL = re.compile(r"^(?:注释|註釋|注解|参考文献|參考文獻|参考资料|參考資料|References)\s*[:：]?$")
_HINT_LEVELS = {"heading1": 2, "heading2": 2, "heading3": 3, "heading4": 4}


def classify_line(line: Line, is_last: bool, is_wrapped: bool = False) -> Piece:
    """What one body line is, judged by its hint and its punctuation."""
    text, lines = line.text.strip(), (line.number,)
    if line.hint == "caption":
        return Piece("caption", text, lines)
    if line.hint == "biography":  # the reader found the paragraph introducing the author
        return Piece("note", text, lines, hint="author_note")
    if line.hint in ("box_title", "box"):  # an abstract box the reader found above the text
        return Piece("paragraph", text, lines, hint=line.hint)
    # Notes stay in place while blocks are built: a quote box after them is outside the running text.
    for kind, note_of in (("author_note", author_note_of), ("source_note", source_note_of), ("credits", credit_of)):
        note = note_of(text)
        if note:
            return Piece("note", note, lines, hint=kind)
    if line.hint in _HINT_LEVELS:
        return Piece("heading", text, lines, level=_HINT_LEVELS[line.hint], hint=line.hint)
    if line.hint == "quote":
        return Piece("quote", text, lines)
    if _END_MATTER_LABEL.match(text):
        return Piece("heading", text.rstrip("：:"), lines, hint="end_matter")
    if line.hint == "item" or is_wrapped:
        # A list item or table row is whole as it stands; a hard-wrapped line is running text.
        return Piece("paragraph", text, lines, hint=line.hint or "wrapped")
    if text.startswith(ATTRIBUTION) and len(text) > len(ATTRIBUTION):
        return Piece("attribution", text, lines)
    if line.hint != "lead" and not is_last and is_heading_like(text):
        return Piece("heading", text, lines)
    return Piece("paragraph", text, lines)


def assign_heading_levels(pieces: list[Piece]) -> None:
    """Numbered 一、 headings are sections (2); unnumbered ones under them are subsections (3).

    Markdown levels from the source win; （一） and 1. numbering is a subsection.
    """
    under_numbered_section = False
    for piece in pieces:
        if piece.kind != "heading" or piece.hint:
            continue
        if SECTION_NUMBER.match(piece.text):
            piece.level, under_numbered_section = 2, True
        elif SUBSECTION_NUMBER.match(piece.text) or under_numbered_section:
            piece.level = 3
        else:
            piece.level = 2


def demote_headings_without_body(pieces: list[Piece]) -> None:
    """Heading-like lines with no running text after them (a closing signature and date, notes) are paragraphs,
    each whole as it stands."""
    for piece in reversed(pieces):
        if piece.kind == "paragraph" and has_sentence_marks(piece.text):
            break
        if piece.kind == "heading" and not piece.hint:
            piece.kind, piece.hint = "paragraph", "closing"


def cites_article(text: str) -> bool:
    """True for a summary paragraph citing a published piece (《刊物》…《题目》一文中…)."""
    return bool(_CITES_ARTICLE.search(text))


def _is_sidebar(interruption: list[Piece]) -> bool:
    """Headings followed by summaries of published articles, or a box title over a heading."""
    if not interruption or interruption[0].kind != "heading":
        return False
    box_title = len(interruption) > 1 and interruption[1].kind == "heading"
    return box_title or any(piece.kind == "paragraph" and cites_article(piece.text) for piece in interruption)


def find_continuation(pieces: list[Piece], index: int) -> int | None:
    """Where the sentence cut at the end of ``pieces[index]`` resumes, or None.

    The next paragraph continues it directly. When headings intervene, they are a
    sidebar printed inside the sentence only on evidence: the sidebar's shape (a box
    title, a summary citing an article) or the join forming a word across the break.
    """
    cut = pieces[index]
    following = pieces[index + 1:index + 1 + SIDEBAR_MAX_BLOCKS]
    if not following or following[0].kind not in ("paragraph", "heading"):
        return None
    if following[0].kind == "paragraph":
        return index + 1
    candidates = []  # paragraphs that could resume the sentence: not headings, not article summaries
    for offset, piece in enumerate(following[1:], start=1):
        if piece.kind not in ("heading", "paragraph"):
            break
        if piece.kind == "paragraph" and not cites_article(piece.text):
            candidates.append(offset)
    # The strongest evidence first: the break falls inside a word.
    for offset in candidates:
        if forms_word_across(cut.text, following[offset].text):
            return index + 1 + offset
    for offset in candidates:
        if _is_sidebar(following[:offset]):
            return index + 1 + offset
    return None


def _as_sidebar(interruption: list[Piece], last_box_title: str) -> Piece:
    """Wrap the blocks printed inside a sentence as an aside titled by its box title."""
    title = last_box_title
    children = list(interruption)
    if len(children) > 1 and children[0].kind == "heading" and children[1].kind == "heading":
        title = children.pop(0).text
    for child in children:
        if child.kind == "heading":
            child.level = 3
    lines = tuple(number for child in interruption for number in child.lines)
    return Piece("aside", title, lines, title=title, children=children, hint="sidebar")


def rejoin_cut_paragraphs(pieces: list[Piece]) -> tuple[list[Piece], list[Change]]:
    """Join paragraphs cut by page breaks; move a sidebar printed mid-sentence after its paragraph."""
    changes: list[Change] = []
    result: list[Piece] = []
    remaining = list(pieces)
    last_box_title = ""
    while remaining:
        piece = remaining.pop(0)
        asides: list[Piece] = []
        while piece.kind == "paragraph" and piece.hint not in WHOLE_LINES and not ends_sentence(piece.text):
            queue = [piece] + remaining
            found = find_continuation(queue, 0)
            if found is None:
                changes.append(Change("rejoin_cut_paragraph", "flagged", piece.lines, piece.text[-20:],
                                      why="the paragraph ends mid-sentence and the source gives no continuation"))
                break
            interruption, continuation = remaining[:found - 1], remaining[found - 1]
            del remaining[:found]
            if interruption:
                aside = _as_sidebar(interruption, last_box_title)
                last_box_title = aside.title
                asides.append(aside)
                changes.append(Change("move_interrupting_sidebar", "moved", aside.lines, interruption[0].text,
                                      why="a sidebar printed inside a sentence; placed after the paragraph it interrupted"))
            joined = join_fragments(piece.text, continuation.text)
            changes.append(Change("rejoin_cut_paragraph", "repaired", piece.lines + continuation.lines,
                                  f"{piece.text[-12:]} ⏎ {continuation.text[:12]}", f"{piece.text[-12:]}{continuation.text[:12]}",
                                  why="a page break cut this sentence in two; the pieces are one paragraph again"))
            piece = Piece("paragraph", joined, piece.lines + continuation.lines, hint=piece.hint)
        result.append(piece)
        result.extend(asides)
    return result, changes


def _block(piece: Piece, anchor: str) -> Block:
    """The model block for a finished piece."""
    if piece.kind == "heading":
        return Heading(piece.text, piece.lines, anchor, level=piece.level)
    if piece.kind == "quote":
        return Quote(piece.text, piece.lines, anchor, attribution=piece.title)
    if piece.kind == "caption":
        return Aside(piece.text, piece.lines, anchor, role="caption")
    if piece.kind == "aside":
        children = _anchored(piece.children, prefix=f"{anchor}-")
        text = piece.title or "\n".join(child.text for child in children)
        return Aside(text, piece.lines, anchor, title=piece.title, children=children, role=piece.hint)
    return Paragraph(piece.text, piece.lines, anchor)


_ANCHOR_LETTER = {"heading": "h", "quote": "q", "caption": "a", "aside": "a", "paragraph": "p"}


def _anchored(pieces: list[Piece], prefix: str = "") -> tuple[Block, ...]:
    """Blocks numbered by kind in reading order: p1, p2…, h1…, a1…, q1… (children: a1-p1…)."""
    counts: dict[str, int] = {}
    blocks = []
    for piece in pieces:
        letter = _ANCHOR_LETTER[piece.kind]
        counts[letter] = counts.get(letter, 0) + 1
        blocks.append(_block(piece, f"{prefix}{letter}{counts[letter]}"))
    return tuple(blocks)


def to_blocks(pieces: list[Piece]) -> tuple[Block, ...]:
    """The essay body as model blocks with stable anchors; notes and empty pieces are left out."""
    return _anchored([piece for piece in pieces if piece.kind != "note" and (piece.text.strip() or piece.children)])


def build_blocks(body: list[Line]) -> tuple[list[Piece], list[Change]]:
    """Body lines into pieces: classify, level headings, rejoin cut paragraphs, gather quotes."""
    width = wrap_width([line.text for line in body])
    pieces = [classify_line(line, index == len(body) - 1, is_wrapped=bool(width) and len(line.text.strip()) >= width
                            and not ends_sentence(line.text)) for index, line in enumerate(body)]
    pieces = merge_quote_lines(pieces)
    demote_headings_without_body(pieces)
    assign_heading_levels(pieces)
    pieces, changes = rejoin_cut_paragraphs(gather_boxes(pieces))
    return gather_quotes(pieces), changes


def gather_boxes(pieces: list[Piece]) -> list[Piece]:
    """A run of box pieces (a box title and its paragraphs) as one aside titled by its label."""
    result: list[Piece] = []
    for piece in pieces:
        if piece.hint == "box_title":
            result.append(Piece("aside", piece.text, piece.lines, title=piece.text, children=[], hint="sidebar"))
        elif piece.hint == "box" and result and result[-1].kind == "aside" and result[-1].hint == "sidebar":
            box = result[-1]
            box.children.append(Piece("paragraph", piece.text, piece.lines, hint="item"))
            box.lines = box.lines + piece.lines
        else:
            result.append(piece)
    return result


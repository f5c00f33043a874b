"""Quotes in an essay's body: markdown ``>`` lines, paragraphs over a ``——`` attribution, boxes of quotes."""

from __future__ import annotations

from .pieces import ATTRIBUTION, Piece


def merge_quote_lines(pieces: list[Piece]) -> list[Piece]:
    """Consecutive quoted lines (markdown ``>``) are one quote, a paragraph per line."""
    result: list[Piece] = []
    for piece in pieces:
        previous = result[-1] if result else None
        if piece.kind == "quote" and previous is not None and previous.kind == "quote" and not previous.title:
            previous.text, previous.lines = f"{previous.text}\n{piece.text}", previous.lines + piece.lines
        else:
            result.append(piece)
    return result


def _quote_from(paragraphs: list[Piece], attribution: Piece) -> Piece:
    """One quote: the quoted paragraphs (one per line of text) and who said them."""
    text = "\n".join(piece.text for piece in paragraphs)
    lines = tuple(number for piece in paragraphs for number in piece.lines)
    return Piece("quote", text, lines + attribution.lines, title=attribution.text[len(ATTRIBUTION):].strip())


def gather_quotes(pieces: list[Piece]) -> list[Piece]:
    """Paragraphs followed by a ``——`` line are a quote; two or more in a row are a box of quotes.

    In running text only the paragraph right before the dash line is quoted; after a
    note or another quote (a box outside the running text) every paragraph since is.
    """
    result: list[Piece] = []
    for piece in pieces:
        if piece.kind != "attribution":
            result.append(piece)
            continue
        start = len(result)
        while start > 0 and result[start - 1].kind == "paragraph":
            start -= 1
        outside_running_text = start > 0 and result[start - 1].kind in ("note", "quote")
        if start < len(result) and not outside_running_text:
            start = len(result) - 1
        quoted = result[start:]
        if not quoted:
            result.append(Piece("paragraph", piece.text, piece.lines))
            continue
        del result[start:]
        result.append(_quote_from(quoted, piece))
    return _box_consecutive_quotes(result)


def _box_consecutive_quotes(pieces: list[Piece]) -> list[Piece]:
    """Two or more quotes in a row form one aside of quotes, where the first of them stood."""
    result: list[Piece] = []
    for piece in pieces:
        previous = result[-1] if result else None
        if piece.kind != "quote" or previous is None:
            result.append(piece)
        elif previous.kind == "quote":
            result[-1] = Piece("aside", "", previous.lines + piece.lines, children=[previous, piece], hint="quotes")
        elif previous.kind == "aside" and previous.hint == "quotes":
            previous.children.append(piece)
            previous.lines += piece.lines
        else:
            result.append(piece)
    return result

"""OpenCC conversions for the whole process: one converter per direction, each distinct text converted once.

Every stage that converts script (cleaning's spam rule, bylines, the glossary, the script
stage, annotation, page labels) asks ``converter(name)`` and so shares one loaded
converter per direction.  The stages convert the same texts more than once (the script
stage and annotation both take a Traditional block to Simplified; a byline token is
looked at by several rules), and a corpus repeats its phrases (人工智能, 新质生产力), so
conversions are remembered at two levels:

* a whole text, for the texts converted again and again;
* each piece of it between OpenCC's separators (punctuation, spaces): OpenCC converts a
  text piece by piece and a piece's conversion depends on that piece alone, so a text
  never seen before is mostly made of pieces already converted.

Both caches are bounded (least recently used go first), so a large corpus does not grow
them without end.

A piece is converted by ``convert_piece``, which applies OpenCC's loaded dictionaries as
opencc-python-reimplemented does (in each piece, the longest key anywhere, the leftmost of
equals, then the text left and right of it the same way with keys no longer than that one;
what no dictionary of a group matched goes to the next; each step of the chain over the
result of the last) but looks each position's keys up once instead of once per split.
The result is exactly OpenCC's: ``convert(text)`` equals ``OpenCC(name).convert(text)``
for every text (tested on the seeds and on strings made of the dictionaries' own keys).
"""

from __future__ import annotations

from functools import lru_cache

from opencc import OpenCC

TEXT_CACHE = 8192  # whole texts remembered per converter
PIECE_CACHE = 1 << 16  # pieces between separators remembered per converter

# One of OpenCC's dictionaries: its longest and shortest key, key -> "value[ other values]", and
# for each first character the lengths of the keys it starts, longest first
Table = tuple[int, int, dict[str, str], dict[str, tuple[int, ...]]]


class Converter:
    """One OpenCC conversion (``t2s``, ``tw2s``, ``s2tw``, ``s2t``) with its results remembered."""

    def __init__(self, name: str):
        self.name = name
        self._opencc = OpenCC(name)
        # OpenCC never lets a phrase run across a match of this (script.py mirrors its phrase matching)
        self.split_chars_re = self._opencc.split_chars_re
        self.convert = lru_cache(maxsize=TEXT_CACHE)(self._convert_text)
        # OpenCC's chain of dictionary groups, as it loaded them
        self._chain = [[_table(*loaded) for loaded in group] for group in self._opencc._dict_chain_data]
        self._piece = lru_cache(maxsize=PIECE_CACHE)(self._convert_piece)

    def _convert_piece(self, piece: str) -> str:
        return convert_piece(piece, self._chain)

    def _convert_text(self, text: str) -> str:
        """OpenCC's convert(): the separators kept, each piece between them converted (once)."""
        parts = self.split_chars_re.split(text)
        parts[::2] = [self._piece(part) if part else part for part in parts[::2]]
        return "".join(parts)

    def convert_once(self, text: str) -> str:
        """OpenCC's conversion of a text met once (a table of every character), not remembered."""
        parts = self.split_chars_re.split(text)
        parts[::2] = [convert_piece(part, self._chain) for part in parts[::2]]
        return "".join(parts)

    def cache_info(self) -> dict[str, object]:
        """How often each cache was hit (for measurements and tests)."""
        return {"texts": self.convert.cache_info(), "pieces": self._piece.cache_info()}


def convert_piece(piece: str, chain: list[list[Table]]) -> str:
    """A text without separators through OpenCC's chain of dictionary groups."""
    for group in chain:
        piece = _convert_group(piece, group)
    return piece


def _convert_group(text: str, group: list[Table]) -> str:
    """One group of dictionaries over ``text``, as OpenCC's parse tree applies it.

    ``pending`` holds the stretches of text still to match, each with the longest key it may
    take (0: any); a match leaves the stretches left and right of it, limited to its length.
    A stretch no key of a dictionary matches goes, unlimited, to the group's next dictionary.
    """
    done: dict[int, tuple[int, str]] = {}  # start -> (end, converted text)
    pending = [(0, len(text), 0)]
    for longest, shortest, table, by_first in group:
        unmatched: list[tuple[int, int, int]] = []
        if longest == 1:  # single characters: every one the table has is converted in place
            for lo, hi, _ in pending:
                run = lo
                for at in range(lo, hi):
                    value = table.get(text[at])
                    if value is not None:
                        if run < at:
                            unmatched.append((run, at, 0))
                        done[at] = (at + 1, value.split(" ")[0])
                        run = at + 1
                if run < hi:
                    unmatched.append((run, hi, 0))
            pending = unmatched
            continue
        # the lengths of the keys found at each position, longest first
        starts = [[size for size in by_first.get(char, ()) if at + size <= len(text) and text[at : at + size] in table]
                  for at, char in enumerate(text)]
        while pending:
            lo, hi, limit = pending.pop()
            top = min(hi - lo, longest, limit) if limit else min(hi - lo, longest)
            best, found = longest_leftmost(starts, lo, hi, top, shortest)
            if best:
                done[found] = (found + best, table[text[found : found + best]].split(" ")[0])
                if lo < found:
                    pending.append((lo, found, best))
                if found + best < hi:
                    pending.append((found + best, hi, best))
            else:
                unmatched.append((lo, hi, 0))
        pending = unmatched
    for lo, hi, _ in pending:
        done[lo] = (hi, text[lo:hi])
    return "".join(done[start][1] for start in sorted(done))


def longest_leftmost(found_at: list[list[int]], low: int, high: int, longest: int, shortest: int = 1
                     ) -> tuple[int, int]:
    """The longest key within ``[low, high)`` and no longer than ``longest``, the leftmost of equals.

    ``found_at[at]`` lists the lengths of the keys found at ``at``, longest first. Returns (length,
    start), or (0, -1) if no key is there. The scan stops at the first key as long as ``longest``.
    """
    best, start = 0, -1
    for at in range(low, high - shortest + 1):
        for size in found_at[at]:
            if size <= longest and at + size <= high:
                if size > best:
                    best, start = size, at
                break
        if best == longest:
            break
    return best, start


def _table(longest: int, shortest: int, table: dict[str, str]) -> Table:
    """One dictionary as OpenCC loaded it, with its keys' lengths by first character."""
    lengths: dict[str, set[int]] = {}
    for key in table:
        lengths.setdefault(key[:1], set()).add(len(key))
    return longest, shortest, table, {char: tuple(sorted(sizes, reverse=True)) for char, sizes in lengths.items()}


@lru_cache(maxsize=None)
def converter(name: str) -> Converter:
    """The process's one converter for OpenCC's configuration ``name``, loaded on first use."""
    return Converter(name)

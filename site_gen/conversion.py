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
them without end.  The result is exactly OpenCC's: ``convert(text)`` equals
``OpenCC(name).convert(text)`` for every text.
"""

from __future__ import annotations

from functools import lru_cache

from opencc import OpenCC

TEXT_CACHE = 8192  # whole texts remembered per converter
PIECE_CACHE = 1 << 16  # pieces between separators remembered per converter


class Converter:
    """One OpenCC conversion (``t2s``, ``tw2s``, ``s2tw``, ``s2t``) with its results remembered."""

    def __init__(self, name: str):
        self.name = name
        self._opencc = OpenCC(name)
        # OpenCC never lets a phrase run across a match of this (script.py mirrors its phrase matching)
        self.split_chars_re = self._opencc.split_chars_re
        self.convert = lru_cache(maxsize=TEXT_CACHE)(self._convert_text)
        # a piece holds no separator, so OpenCC's own convert() converts it as one piece
        self._piece = lru_cache(maxsize=PIECE_CACHE)(self._opencc.convert)

    def _convert_text(self, text: str) -> str:
        """OpenCC's convert(): the separators kept, each piece between them converted (once)."""
        parts = self.split_chars_re.split(text)
        parts[::2] = [self._piece(part) if part else part for part in parts[::2]]
        return "".join(parts)

    def convert_once(self, text: str) -> str:
        """OpenCC's conversion of a text met once (a table of every character), not remembered."""
        return self._opencc.convert(text)

    def cache_info(self) -> dict[str, object]:
        """How often each cache was hit (for measurements and tests)."""
        return {"texts": self.convert.cache_info(), "pieces": self._piece.cache_info()}


@lru_cache(maxsize=None)
def converter(name: str) -> Converter:
    """The process's one converter for OpenCC's configuration ``name``, loaded on first use."""
    return Converter(name)

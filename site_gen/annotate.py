"""Annotation: an edition's text cut into words with pinyin, dictionary keys and glossary terms.

Segmentation always runs on the Simplified text, so both editions of an essay get the
same words with the same readings.  OpenCC's tables are length-preserving, so the cuts
made on the Simplified text fall at the same offsets of the Traditional text.
Glossary terms are found first and segmented on their own, so a term is never split
across tokens it shares with its neighbours, and never runs across a block.
"""

from __future__ import annotations

import logging
import re
import tempfile
from pathlib import Path

import jieba

from .dictionary import Dictionary
from .model import GAP, RESTORED_CLOSE, RESTORED_OPEN, AnnotatedEssay, EditionName, Essay, Inline, TermMatch, Token
from .pinyin import Readings
from .script import to_simplified

jieba.setLogLevel(logging.WARNING)  # jieba announces every dictionary load otherwise
JIEBA_CACHE = Path(tempfile.gettempdir()) / "site_gen_jieba.cache"
TERM_WORD_FREQUENCY = 10**6  # far above any jieba word, so a glossary term is cut as one word
# A term longer than this is shown as the words it is made of (新一轮|科技|革命|…), each with
# its own reading and gloss under the one term mark: one ruby over twelve characters reads badly.
LONG_TERM = 4

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_OR_DIGIT = re.compile(r"[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
# A gap, a restored word in its brackets, or a run of text without marks
_PIECES = re.compile(f"({GAP})|{RESTORED_OPEN}([^{RESTORED_CLOSE}]*){RESTORED_CLOSE}|([^{GAP}{RESTORED_OPEN}]+)")


def make_segmenter(words: set[str]) -> jieba.Tokenizer:
    """A jieba tokenizer of its own (its prefix dict cached on disk) that knows ``words``."""
    tokenizer = jieba.Tokenizer()
    tokenizer.cache_file = str(JIEBA_CACHE)
    tokenizer.initialize()
    for word in sorted(words):
        tokenizer.add_word(word, freq=TERM_WORD_FREQUENCY)
    return tokenizer


def kind_of(word: str) -> str:
    """"word" if it has Chinese characters, "other" for Latin letters or digits, else "punct"."""
    if _HAN.search(word):
        return "word"
    return "other" if _LATIN_OR_DIGIT.search(word) else "punct"


class Annotator:
    """Segments essays of one corpus; work per distinct word is done once."""

    def __init__(self, glossary, readings: Readings, dictionary: Dictionary):
        self.glossary = glossary
        self.readings = readings
        self.dictionary = dictionary
        simplified_forms = {to_simplified(form, "hant") for form in glossary.surface_forms()}
        self.segmenter = make_segmenter({form for form in simplified_forms if _HAN.search(form)})
        self._keys: dict[str, str] = {}

    def annotate(self, essay: Essay, edition: EditionName) -> AnnotatedEssay:
        """The essay (one edition of it) with every block's text as tokens and term matches."""
        inlines = {block.anchor: self.inlines(block.text, edition) for block in essay.all_blocks()}
        return AnnotatedEssay(essay, edition, inlines, title_inlines=self.inlines(essay.title, edition))

    def inlines(self, text: str, edition: EditionName) -> tuple[Inline, ...]:
        """One block's text as inlines: gaps, restorations, terms and plain tokens in order."""
        items: list[Inline] = []
        for gap, restored, plain in _PIECES.findall(text):
            if gap:
                items.append(Token(GAP, kind="gap"))
            elif plain:
                items.extend(self._plain(plain, edition))
            else:
                items.append(self._restored(restored, edition))
        return tuple(items)

    def _simplified(self, text: str, edition: EditionName) -> str:
        simplified = to_simplified(text, "hant") if edition == "hant" else text
        # every OpenCC table is length-preserving; should that ever fail, cut the Simplified text
        return simplified if len(simplified) == len(text) else to_simplified(text, "hant")

    def _restored(self, word: str, edition: EditionName) -> Token:
        """An editor's restored word: glossed and read like any word, marked as restored."""
        simplified = self._simplified(word, edition)
        return Token(word, kind="restored", pinyin=self.readings.word(simplified), key=self._key(simplified))

    def _plain(self, text: str, edition: EditionName) -> list[Inline]:
        """Text without marks: glossary terms (segmented on their own), and tokens between them."""
        simplified = self._simplified(text, edition)
        if len(simplified) != len(text):
            text = simplified  # offsets cannot be carried over: show the Simplified cut as is
        items: list[Inline] = []
        done = 0
        for start, end, headword in self.glossary.find(simplified):
            items.extend(self._tokens(simplified[done:start], text[done:start]))
            items.append(TermMatch(headword, tuple(self._term_tokens(simplified[start:end], text[start:end]))))
            done = end
        items.extend(self._tokens(simplified[done:], text[done:]))
        return items

    def _term_tokens(self, simplified: str, text: str) -> list[Token]:
        """A term as one word, or a long term as the ordinary words it is made of.

        A term that falls apart into single characters (新|质|生产力) is a coinage: it
        stays one word, read and glossed whole.
        """
        whole = self._tokens(simplified, text)
        if len(whole) > 1 or len(simplified) <= LONG_TERM:
            return whole
        parts = self._tokens(simplified, text, jieba.dt)
        singles = [len(token.text) == 1 and token.kind == "word" for token in parts]
        if any(a and b for a, b in zip(singles, singles[1:], strict=False)):
            return whole
        return parts

    def _tokens(self, simplified: str, text: str, segmenter: jieba.Tokenizer | None = None) -> list[Token]:
        """jieba's cut of the Simplified text applied to the edition's text; punctuation runs merged.

        ``segmenter`` defaults to the one that knows the glossary's terms as words.
        """
        tokens: list[Token] = []
        offset = 0
        for word in (segmenter or self.segmenter).cut(simplified, HMM=False):
            shown = text[offset : offset + len(word)]
            offset += len(word)
            kind = kind_of(word)
            if kind == "punct" and tokens and tokens[-1].kind == "punct":
                tokens[-1] = Token(tokens[-1].text + shown, kind="punct")
            elif kind == "word":
                tokens.append(Token(shown, kind="word", pinyin=self.readings.word(word), key=self._key(word)))
            else:
                tokens.append(Token(shown, kind=kind))
        return tokens

    def _key(self, simplified_word: str) -> str:
        """The word itself if the dictionary can gloss it (own entry or its parts), else ""."""
        key = self._keys.get(simplified_word)
        if key is None:
            glossed = bool(self.dictionary.entries_for(simplified_word))
            key = self._keys[simplified_word] = simplified_word if glossed else ""
        return key

"""Readings per word: pypinyin's phrase data, corrected by the project's override list.

A word is read as a whole (pypinyin.pinyin on the word, so its phrase table applies),
and the result is cached: a corpus has only tens of thousands of distinct words.
site_gen/data/pinyin_overrides.tsv holds the readings pypinyin gets wrong for this
domain (重塑 is chóngsù, not zhòngsù), each with the reason, checked by hand.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from pypinyin import Style, pinyin

from .config import PACKAGE_DATA
from .errors import ConfigError

OVERRIDES = PACKAGE_DATA / "pinyin_overrides.tsv"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PINYIN = re.compile(r"^[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü']+$")


def load_overrides(path: Path = OVERRIDES) -> dict[str, str]:
    """word -> reading from an overrides file (word<TAB>pinyin<TAB>why; # starts a comment)."""
    overrides: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not fields[2].strip():
            raise ConfigError("expected word<TAB>pinyin<TAB>why", path, number)
        word, reading, _why = fields
        if not _HAN.search(word) or not _PINYIN.match(reading):
            expected = "expected Chinese characters and tone-marked pinyin"
            raise ConfigError(f"{word!r} / {reading!r}: {expected}", path, number)
        if word in overrides:
            raise ConfigError(f"{word} is listed twice", path, number)
        overrides[word] = reading
    return overrides


def _starts_with_vowel(syllable: str) -> bool:
    """True when the syllable starts with a, o or e, tone mark or not (where pinyin needs an apostrophe)."""
    base = unicodedata.normalize("NFD", syllable[:1])[:1]
    return base in ("a", "o", "e")


def join_syllables(syllables: list[str]) -> str:
    """Syllables joined as pinyin orthography writes a word: an apostrophe before a, o, e (fāng'àn)."""
    word = ""
    for syllable in syllables:
        if word and _starts_with_vowel(syllable):
            word += "'"
        word += syllable
    return word


def split_syllables(word: str, reading: str) -> list[str] | None:
    """A word's tone-marked reading (``chóngsù``, ``fāng'àn``) split into one syllable per Han
    character, by the readings each character can have (pypinyin's); None when it cannot be."""
    reading = unicodedata.normalize("NFC", reading.replace("'", "").replace(" ", "").replace("-", "").lower())
    found: list[str] = []
    for character in _HAN.findall(word):
        options = sorted(_readings_of(character), key=len, reverse=True)
        match = next((option for option in options if reading.startswith(option)), None)
        if match is None:
            return None
        found.append(match)
        reading = reading[len(match):]
    return found if not reading else None


@lru_cache(maxsize=None)
def _readings_of(character: str) -> tuple[str, ...]:
    return tuple(pinyin(character, style=Style.TONE, heteronym=True)[0])


_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def syllable_order(syllable: str) -> str:
    """A syllable as it sorts in a dictionary: its letters (ü as u), then its tone (``chǎn`` -> ``chan3``;
    the neutral tone, 5, last)."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    tone = next((_TONE_MARKS[c] for c in decomposed if c in _TONE_MARKS), "5")
    return "".join(c for c in decomposed if not unicodedata.combining(c)) + tone


class Readings:
    """Pinyin for Simplified words, in context of the word itself; loads its data once."""

    def __init__(self, overrides: dict[str, str] | None = None):
        self.overrides = load_overrides() if overrides is None else overrides
        self._cache: dict[str, str] = {}

    def word(self, simplified_word: str) -> str:
        """Tone-marked pinyin of one word ("fāzhǎn"); "" when it has no Chinese characters."""
        reading = self._cache.get(simplified_word)
        if reading is None:
            reading = self._cache[simplified_word] = self._read(simplified_word)
        return reading

    def _read(self, simplified_word: str) -> str:
        """The reading from the override list, else pypinyin's, first choice per syllable."""
        if simplified_word in self.overrides:
            return self.overrides[simplified_word]
        if not _HAN.search(simplified_word):
            return ""
        # errors="ignore" drops Latin letters and digits inside a mixed word (5G基站)
        syllables = [options[0] for options in pinyin(simplified_word, style=Style.TONE, errors="ignore")]
        return join_syllables(syllables)

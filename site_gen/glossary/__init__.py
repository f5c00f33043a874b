"""The glossary of key terms and the matcher that finds them in text, in either script.

Each term names a policy or technology expression in Simplified script with its
reading, official English rendering and explanations; ``glossary/file.py`` reads and
validates the file into ``Term``s.  ``Glossary.find`` marks every occurrence of every
term in either script, through a character trie built once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from ..conversion import converter

TO_TRADITIONAL = converter("s2tw")  # the site's Traditional edition is Taiwan standard
TO_SIMPLIFIED = converter("t2s")
END = ""  # trie key marking the end of a spelling (no character folds to "")


@dataclass(frozen=True)
class Term:
    """One glossary entry, as the term page and the essay popups show it."""

    headword: str  # Simplified
    traditional: str
    pinyin: str
    english: str
    explanation: str
    explanation_zh: str
    aliases: tuple[str, ...]
    related: tuple[str, ...]
    category: str
    source: str  # URL of the official English rendering, "" when there is none
    slug: str  # ASCII from the pinyin, unique in the glossary: "xinzhi-shengchanli"
    # An everyday word of the essays' register (场景, 算法) kept for its policy sense: it opens
    # its popup and has its page, but its occurrences are underlined only when the reader asks.
    everyday: bool = False


def other_scripts(form: str) -> tuple[str, ...]:
    """``form`` with its Traditional and Simplified spellings, without repeats."""
    return tuple(dict.fromkeys((form, TO_TRADITIONAL.convert(form), TO_SIMPLIFIED.convert(form))))


def spellings(term: Term) -> tuple[str, ...]:
    """Every spelling of a term: headword, Traditional form and aliases, each in both scripts."""
    forms = [term.headword, term.traditional]
    for form in (term.headword, *term.aliases):
        forms += other_scripts(form)
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=1)
def _matching_table() -> dict[int, str]:
    """A str.translate table that folds spellings which should match alike onto one key.

    Each character goes to its Simplified form (產, 産 → 产; 掛 → 挂), full-width
    Latin to ASCII, and ASCII letters to lower case.  Every entry is one character
    for one, so positions in the folded text are positions in the original.
    """
    chars = [chr(code) for code in range(0x3400, 0xA000)]
    simplified = TO_SIMPLIFIED.convert_once("\n".join(chars)).split("\n")
    table = {ord(c): s for c, s in zip(chars, simplified, strict=True) if len(s) == 1 and s != c}
    table.update({code: chr(code - 0xFEE0).lower() for code in range(0xFF01, 0xFF5F)})  # Ａ → a
    table.update({code: chr(code).lower() for code in range(ord("A"), ord("Z") + 1)})
    return table


def matching_key(text: str) -> str:
    """``text`` folded for matching: Simplified script, ASCII, lower case; same length."""
    return text.translate(_matching_table())


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


class Glossary:
    """The validated terms of one glossary file, in file order, and a matcher over them."""

    def __init__(self, path: Path, terms: tuple[Term, ...]):
        self.path = path
        self.terms = terms
        self._by_headword = {term.headword: term for term in terms}

    def __iter__(self):
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def get(self, headword: str) -> Term | None:
        """The term with this Simplified headword, or None."""
        return self._by_headword.get(headword)

    def readings(self) -> dict[str, str]:
        """Each headword's checked reading, as the glossary writes it ("qiānháng bǎiyè")."""
        return {term.headword: term.pinyin for term in self.terms}

    def surface_forms(self) -> set[str]:
        """Every spelling find() matches: headwords, Traditional forms, aliases in both scripts.

        find() also accepts these with scripts mixed character by character; the
        segmenter only needs the spellings themselves.
        """
        return {form for term in self.terms for form in spellings(term)}

    @cached_property
    def _trie(self) -> dict:
        """Every spelling's matching key in a character trie; END marks where a term ends."""
        root: dict = {}
        for term in self.terms:
            for form in spellings(term):
                node = root
                for char in matching_key(form):
                    node = node.setdefault(char, {})
                node.setdefault(END, (term.headword, _is_latin(form[0]), _is_latin(form[-1])))
        return root

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, headword) of every term in ``text``, leftmost-longest.

        Matching is on the folded text (see ``matching_key``), so either script,
        a mix of both, variants and any letter case all match.
        """
        key, found, start = matching_key(text), [], 0
        while start < len(key):
            longest = self._longest_at(key, start)
            if longest:
                end, headword = longest
                found.append((start, end, headword))
                start = end
            else:
                start += 1
        return found

    def _longest_at(self, key: str, start: int) -> tuple[int, str] | None:
        """(end, headword) of the longest term starting at ``start``, or None."""
        node, best = self._trie, None
        for position in range(start, len(key)):
            node = node.get(key[position])
            if node is None:
                break
            if END in node:
                headword, latin_start, latin_end = node[END]
                end = position + 1
                # A Latin alias such as "AI+" must not match inside a longer word ("OpenAI+").
                if (latin_start and start and _is_latin(key[start - 1])) or (
                    latin_end and end < len(key) and _is_latin(key[end])
                ):
                    continue
                best = (end, headword)
        return best

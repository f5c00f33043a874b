"""The glossary of key terms: load and validate ``glossary.toml``, and find terms in text.

Each ``[[term]]`` entry names a policy or technology expression in Simplified script
with its reading, official English rendering and explanations.  ``load_glossary``
checks every entry and reports the first problem as one line naming the file, the
line, the term and the field.  ``Glossary.find`` marks every occurrence of every
term in either script, through a character trie built once.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

from opencc import OpenCC
from pypinyin.pinyin_dict import pinyin_dict

from .errors import GlossaryError

CATEGORIES = ("policy", "economy", "technology", "industry", "governance", "society", "planning")
REQUIRED = ("headword", "pinyin", "english", "explanation", "explanation_zh", "category")
OPTIONAL_TEXT = ("traditional", "source")
OPTIONAL_LISTS = ("aliases", "related")
KNOWN_FIELDS = REQUIRED + OPTIONAL_TEXT + OPTIONAL_LISTS

# Symbols that policy slogans read aloud: 人工智能+ is said "réngōng zhìnéng jiā".
SPOKEN_SYMBOLS = {"+": "加", "＋": "加"}

_TO_TRADITIONAL = OpenCC("s2tw")  # the site's Traditional edition is Taiwan standard
_TO_SIMPLIFIED = OpenCC("t2s")
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


# ── Pinyin ───────────────────────────────────────────────────────────────────


def strip_tones(pinyin: str) -> str:
    """The pinyin without tone marks, ü kept: "zhànlüè" → "zhanlüe"."""
    decomposed = unicodedata.normalize("NFD", pinyin)
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn" or c == "\u0308")
    return unicodedata.normalize("NFC", kept)


@lru_cache(maxsize=1)
def _syllables() -> tuple[frozenset[str], frozenset[str]]:
    """Every tone-marked syllable the pinyin dictionary uses, and the same without tones."""
    marked = {reading for readings in pinyin_dict.values() for reading in readings.split(",")}
    return frozenset(marked), frozenset(strip_tones(s) for s in marked)


def _is_syllable(text: str) -> bool:
    """True for one valid syllable: a known reading, or a known toneless one (neutral tone)."""
    marked, plain = _syllables()
    return text in marked if strip_tones(text) != text else text in plain


def split_syllables(word: str) -> list[str] | None:
    """Split joined pinyin ("shēngchǎnlì") into syllables; None when it is not pinyin.

    Takes the split with the fewest syllables, as a reader does: "xian" is one
    syllable, and orthography writes "xī'ān" for two.
    """
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            head = best[start]
            if head is not None and _is_syllable(word[start:end]):
                if best[end] is None or len(head) + 1 < len(best[end]):
                    best[end] = head + [word[start:end]]
    return best[len(word)]


def pinyin_problem(pinyin: str, headword: str) -> str | None:
    """Why ``pinyin`` is not a tone-marked reading of ``headword``, or None when it is."""
    words = [w for w in re.split(r"[\s\-'’·]+", pinyin.lower()) if w]
    if not words or strip_tones(pinyin) == pinyin or re.search(r"\d", pinyin):
        return f"expected tone-marked pinyin, got {pinyin!r}"
    syllables: list[str] = []
    for word in words:
        split = split_syllables(word)
        if split is None:
            return f"expected tone-marked pinyin, got {pinyin!r} ({word!r} is not pinyin)"
        syllables += split
    spoken = count_spoken(headword)
    if len(syllables) != spoken:
        return (
            f"pinyin {pinyin!r} has {len(syllables)} syllables "
            f"but the headword has {spoken} characters to read"
        )
    return None


def count_spoken(text: str) -> int:
    """How many syllables a reader says for ``text``: its Han characters and spoken symbols."""
    return sum(1 for c in text if _is_han(c) or c in SPOKEN_SYMBOLS)


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def slug_from_pinyin(pinyin: str) -> str:
    """An ASCII URL slug from a reading: "Yuè-Gǎng-Ào Dàwānqū" → "yue-gang-ao-dawanqu"."""
    plain = strip_tones(pinyin).replace("ü", "u").lower()
    return "-".join(re.findall(r"[a-z]+", plain))


# ── Matching ─────────────────────────────────────────────────────────────────


def other_scripts(form: str) -> tuple[str, ...]:
    """``form`` with its Traditional and Simplified spellings, without repeats."""
    return tuple(dict.fromkeys((form, _TO_TRADITIONAL.convert(form), _TO_SIMPLIFIED.convert(form))))


@lru_cache(maxsize=1)
def _matching_table() -> dict[int, str]:
    """A str.translate table that folds spellings which should match alike onto one key.

    Each character goes to its Simplified form (產, 産 → 产; 掛 → 挂), full-width
    Latin to ASCII, and ASCII letters to lower case.  Every entry is one character
    for one, so positions in the folded text are positions in the original.
    """
    chars = [chr(code) for code in range(0x3400, 0xA000)]
    simplified = _TO_SIMPLIFIED.convert("\n".join(chars)).split("\n")
    table = {ord(c): s for c, s in zip(chars, simplified) if len(s) == 1 and s != c}
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
        key, root, found, start = matching_key(text), self._trie, [], 0
        while start < len(key):
            end = self._longest_at(key, start, root)
            if end:
                found.append((start, end[0], end[1]))
                start = end[0]
            else:
                start += 1
        return found

    @staticmethod
    def _longest_at(key: str, start: int, root: dict) -> tuple[int, str] | None:
        """(end, headword) of the longest term starting at ``start``, or None."""
        node, best = root, None
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


def spellings(term: Term) -> tuple[str, ...]:
    """Every spelling of a term: headword, Traditional form and aliases, each in both scripts."""
    forms = [term.headword, term.traditional]
    for form in (term.headword, *term.aliases):
        forms += other_scripts(form)
    return tuple(dict.fromkeys(forms))


# ── Loading and validation ───────────────────────────────────────────────────


class _Entry:
    """One ``[[term]]`` table with where it sits in the file, to word errors about it."""

    def __init__(self, data: dict, path: Path, lines: list[str], first: int | None, last: int | None):
        self.data = data
        self.path = path
        self.lines = lines
        self.first = first  # 1-based line of the [[term]] header, None when unknown
        self.last = last  # last line of the entry (exclusive)
        headword = data.get("headword")
        self.name = headword if isinstance(headword, str) and headword.strip() else "?"

    def line_of(self, field: str) -> int | None:
        """The line where ``field`` is set in this entry, else the entry's header line."""
        if self.first is not None:
            key = re.compile(rf"^\s*{re.escape(field)}\s*=")
            for number in range(self.first, self.last or len(self.lines) + 1):
                if key.match(self.lines[number - 1]):
                    return number
        return self.first

    def error(self, field: str, message: str) -> GlossaryError:
        return GlossaryError(f"term '{self.name}': field '{field}': {message}", self.path, self.line_of(field))


def load_glossary(path: Path) -> Glossary:
    """Read and validate a glossary file; any problem raises GlossaryError naming file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GlossaryError(f"cannot read the glossary: {error}", path) from None
    entries = _entries(text, path)
    terms = [_term_from(entry) for entry in entries]
    _check_across(terms, entries)
    return Glossary(path, tuple(_with_unique_slugs(terms)))


def _entries(text: str, path: Path) -> list[_Entry]:
    """The file's ``[[term]]`` tables, each with its line span; TOML errors carry tomllib's line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        raise GlossaryError(f"invalid TOML: {error}", path, int(line.group(1)) if line else None) from None
    unknown = sorted(set(data) - {"term"})
    if unknown:
        line = next((n for n, l in enumerate(text.splitlines(), 1) if unknown[0] in l), None)
        raise GlossaryError(f"unknown section '{unknown[0]}': the file holds only [[term]] tables", path, line)
    tables = data.get("term", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise GlossaryError("'term' must be a list of [[term]] tables", path)
    lines = text.splitlines()
    headers = [n for n, l in enumerate(lines, 1) if re.match(r"^\s*\[\[\s*term\s*\]\]", l)]
    if len(headers) != len(tables):  # inline tables: no header lines to point at
        headers = [None] * len(tables)
    ends = headers[1:] + [len(lines) + 1]
    return [_Entry(t, path, lines, first, last) for t, first, last in zip(tables, headers, ends)]


def _term_from(entry: _Entry) -> Term:
    """A Term from one validated entry."""
    data = entry.data
    for field in data:
        if field not in KNOWN_FIELDS:
            raise entry.error(field, f"not a known field (known: {', '.join(KNOWN_FIELDS)})")
    for field in REQUIRED:
        _check_text(entry, field, required=True)
    for field in OPTIONAL_TEXT:
        _check_text(entry, field, required=False)
    headword = data["headword"].strip()
    for check in (_check_headword, _check_traditional, _check_pinyin, _check_explanations,
                  _check_category, _check_source):
        check(entry, headword)
    aliases, related = (_text_list(entry, field) for field in OPTIONAL_LISTS)
    return Term(
        headword=headword,
        traditional=data.get("traditional", "").strip() or _TO_TRADITIONAL.convert(headword),
        pinyin=data["pinyin"].strip(),
        english=data["english"].strip(),
        explanation=data["explanation"].strip(),
        explanation_zh=data["explanation_zh"].strip(),
        aliases=aliases,
        related=related,
        category=data["category"],
        source=data.get("source", "").strip(),
        slug=slug_from_pinyin(data["pinyin"]),
    )


def _check_text(entry: _Entry, field: str, required: bool) -> None:
    if field not in entry.data:
        if required:
            raise entry.error(field, "missing (every term needs it)")
        return
    value = entry.data[field]
    if not isinstance(value, str):
        raise entry.error(field, f"expected text, got {value!r}")
    if required and not value.strip():
        raise entry.error(field, "empty (every term needs it)")


def _text_list(entry: _Entry, field: str) -> tuple[str, ...]:
    value = entry.data.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise entry.error(field, f"expected a list of non-empty texts, got {value!r}")
    return tuple(v.strip() for v in value)


def _check_headword(entry: _Entry, headword: str) -> None:
    if not any(_is_han(c) for c in headword):
        raise entry.error("headword", f"expected Chinese characters, got {headword!r}")
    simplified = _TO_SIMPLIFIED.convert(headword)
    if simplified != headword:
        raise entry.error("headword", f"expected Simplified script, got {headword!r} (Simplified: {simplified!r})")


def _check_traditional(entry: _Entry, headword: str) -> None:
    traditional = entry.data.get("traditional", "").strip()
    if traditional and _TO_SIMPLIFIED.convert(traditional) != headword:
        raise entry.error("traditional", f"{traditional!r} is not a Traditional spelling of {headword!r}")


def _check_pinyin(entry: _Entry, headword: str) -> None:
    problem = pinyin_problem(entry.data["pinyin"].strip(), headword)
    if problem:
        raise entry.error("pinyin", problem)


def count_sentences(text: str) -> int:
    """Sentences in English prose: a stop, then space and a capital (or the end)."""
    return len([s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"(])", text.strip()) if s])


def _check_explanations(entry: _Entry, headword: str) -> None:
    sentences = count_sentences(entry.data["explanation"])
    if not 1 <= sentences <= 3:
        raise entry.error("explanation", f"expected 1 to 3 sentences, got {sentences}")
    if not any(_is_han(c) for c in entry.data["explanation_zh"]):
        raise entry.error("explanation_zh", "expected a Chinese explanation")


def _check_category(entry: _Entry, headword: str) -> None:
    category = entry.data["category"]
    if category not in CATEGORIES:
        raise entry.error("category", f"expected one of {', '.join(CATEGORIES)}, got {category!r}")


def _check_source(entry: _Entry, headword: str) -> None:
    source = entry.data.get("source", "").strip()
    if source and not re.match(r"^https?://\S+$", source):
        raise entry.error("source", f"expected an http(s) URL or \"\", got {source!r}")


def _check_across(terms: list[Term], entries: list[_Entry]) -> None:
    """Rules between entries: unique headwords, each spelling owned once, related terms exist."""
    owner: dict[str, str] = {}  # matching key → headword
    for term, entry in zip(terms, entries):
        if owner.get(matching_key(term.headword)) == term.headword:
            raise entry.error("headword", f"duplicate: '{term.headword}' is already a term")
        for form in spellings(term):
            claimed = owner.setdefault(matching_key(form), term.headword)
            if claimed != term.headword:
                field = "headword" if form in other_scripts(term.headword) else "aliases"
                raise entry.error(field, f"'{form}' is already claimed by term '{claimed}'")
    headwords = {term.headword for term in terms}
    for term, entry in zip(terms, entries):
        for name in term.related:
            if name not in headwords or name == term.headword:
                raise entry.error("related", f"'{name}' is not another term's headword in this glossary")


def _with_unique_slugs(terms: list[Term]) -> list[Term]:
    """Terms whose slugs are unique: a repeated reading gets -2, -3 in file order."""
    seen: dict[str, int] = {}
    unique = []
    for term in terms:
        seen[term.slug] = seen.get(term.slug, 0) + 1
        slug = term.slug if seen[term.slug] == 1 else f"{term.slug}-{seen[term.slug]}"
        unique.append(replace(term, slug=slug))
    return unique

"""Read ``glossary.toml`` into a Glossary, checking every entry on the way.

Each ``[[term]]`` table is checked field by field and then against the other
entries; the first problem is reported as one line naming the file, the line,
the term and the field, so an editor can fix it without reading a traceback.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..errors import GlossaryError, parse_toml
from . import TO_SIMPLIFIED, TO_TRADITIONAL, Glossary, Term, matching_key, other_scripts, spellings
from .pinyin import is_han, pinyin_problem, slug_from_pinyin

CATEGORIES = ("policy", "economy", "technology", "industry", "governance", "society", "planning")
REQUIRED = ("headword", "pinyin", "english", "explanation", "explanation_zh", "category")
OPTIONAL_TEXT = ("traditional", "source")
OPTIONAL_LISTS = ("aliases", "related")
OPTIONAL_FLAGS = ("everyday",)
KNOWN_FIELDS = REQUIRED + OPTIONAL_TEXT + OPTIONAL_LISTS + OPTIONAL_FLAGS


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
        """A GlossaryError naming this entry's term, ``field`` and the line it is set on."""
        return GlossaryError(f"term '{self.name}': field '{field}': {message}", self.path, self.line_of(field))


def _entries(text: str, path: Path) -> list[_Entry]:
    """The file's ``[[term]]`` tables, each with its line span."""
    data = parse_toml(text, path, GlossaryError)
    lines = text.splitlines()
    unknown = sorted(set(data) - {"term"})
    if unknown:
        line = next((n for n, line in enumerate(lines, 1) if unknown[0] in line), None)
        raise GlossaryError(f"unknown section '{unknown[0]}': the file holds only [[term]] tables", path, line)
    tables = data.get("term", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise GlossaryError("'term' must be a list of [[term]] tables", path)
    headers = [n for n, line in enumerate(lines, 1) if re.match(r"^\s*\[\[\s*term\s*\]\]", line)]
    if len(headers) != len(tables):  # inline tables: no header lines to point at
        headers = [None] * len(tables)
    ends = headers[1:] + [len(lines) + 1] if headers else []  # an empty glossary has no entries to end
    return [_Entry(t, path, lines, first, last) for t, first, last in zip(tables, headers, ends, strict=True)]


def _term_from(entry: _Entry) -> Term:
    """A Term from one entry, once every field has passed its check."""
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
    everyday = data.get("everyday", False)
    if not isinstance(everyday, bool):
        raise entry.error("everyday", f"expected true or false, got {everyday!r}")
    return Term(
        headword=headword,
        traditional=data.get("traditional", "").strip() or TO_TRADITIONAL.convert(headword),
        pinyin=data["pinyin"].strip(),
        english=data["english"].strip(),
        explanation=data["explanation"].strip(),
        explanation_zh=data["explanation_zh"].strip(),
        aliases=aliases,
        related=related,
        category=data["category"],
        source=data.get("source", "").strip(),
        slug=slug_from_pinyin(data["pinyin"]),
        everyday=everyday,
    )


# ── One field at a time ──────────────────────────────────────────────────────


def _check_text(entry: _Entry, field: str, required: bool) -> None:
    """A text field is text, and a required one is present and not blank."""
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
    """A list field's texts, stripped; anything but a list of non-blank texts is an error."""
    value = entry.data.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise entry.error(field, f"expected a list of non-empty texts, got {value!r}")
    return tuple(v.strip() for v in value)


def _check_headword(entry: _Entry, headword: str) -> None:
    """The headword is Chinese, in Simplified script (it is the key every page links by)."""
    if not any(is_han(c) for c in headword):
        raise entry.error("headword", f"expected Chinese characters, got {headword!r}")
    simplified = TO_SIMPLIFIED.convert(headword)
    if simplified != headword:
        raise entry.error("headword", f"expected Simplified script, got {headword!r} (Simplified: {simplified!r})")


def _check_traditional(entry: _Entry, headword: str) -> None:
    """A Traditional spelling given by hand converts back to the headword."""
    traditional = entry.data.get("traditional", "").strip()
    if traditional and TO_SIMPLIFIED.convert(traditional) != headword:
        raise entry.error("traditional", f"{traditional!r} is not a Traditional spelling of {headword!r}")


def _check_pinyin(entry: _Entry, headword: str) -> None:
    """The reading is tone-marked pinyin with a syllable for each character said."""
    problem = pinyin_problem(entry.data["pinyin"].strip(), headword)
    if problem:
        raise entry.error("pinyin", problem)


def count_sentences(text: str) -> int:
    """Sentences in English prose: a stop, then space and a capital (or the end)."""
    return len([s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"(])", text.strip()) if s])


def _check_explanations(entry: _Entry, headword: str) -> None:
    """The English explanation fits a popup (1 to 3 sentences); the Chinese one is Chinese."""
    sentences = count_sentences(entry.data["explanation"])
    if not 1 <= sentences <= 3:
        raise entry.error("explanation", f"expected 1 to 3 sentences, got {sentences}")
    if not any(is_han(c) for c in entry.data["explanation_zh"]):
        raise entry.error("explanation_zh", "expected a Chinese explanation")


def _check_category(entry: _Entry, headword: str) -> None:
    """The category is one the glossary page groups by."""
    category = entry.data["category"]
    if category not in CATEGORIES:
        raise entry.error("category", f"expected one of {', '.join(CATEGORIES)}, got {category!r}")


def _check_source(entry: _Entry, headword: str) -> None:
    """The source of an official rendering is a web address, or empty."""
    source = entry.data.get("source", "").strip()
    if source and not re.match(r"^https?://\S+$", source):
        raise entry.error("source", f"expected an http(s) URL or \"\", got {source!r}")


# ── Across entries ───────────────────────────────────────────────────────────


def _check_across(terms: list[Term], entries: list[_Entry]) -> None:
    """Rules between entries: unique headwords, each spelling owned once, related terms exist."""
    owner: dict[str, str] = {}  # matching key → headword
    for term, entry in zip(terms, entries, strict=True):
        if owner.get(matching_key(term.headword)) == term.headword:
            raise entry.error("headword", f"duplicate: '{term.headword}' is already a term")
        for form in spellings(term):
            claimed = owner.setdefault(matching_key(form), term.headword)
            if claimed != term.headword:
                field = "headword" if form in other_scripts(term.headword) else "aliases"
                raise entry.error(field, f"'{form}' is already claimed by term '{claimed}'")
    headwords = {term.headword for term in terms}
    for term, entry in zip(terms, entries, strict=True):
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

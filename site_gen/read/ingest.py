"""Read a seed strictly, with its optional sidecar: the first stage of the pipeline.

A seed must be UTF-8 text. A binary file, an empty file or text in another
encoding is refused with one line naming the file and the line of the first bad
byte, and a hint for converting it: guessing an encoding would put mojibake on
the site without anyone noticing.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..errors import SidecarError, SourceError, parse_toml
from ..model import Erratum, EssayMeta, SeedMeta, Source

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ESSAY_FIELDS = {"index": int, "title": str, "title_en": str, "authors": list, "date": str,
                 "source_url": str, "slug": str}
_ERRATUM_FIELDS = {"line": int, "before": str, "word": str, "note": str}


def sidecar_path(seed: Path) -> Path:
    """Where a seed's sidecar lives: ``seeds/NAME.toml`` beside ``seeds/NAME.txt``."""
    return seed.with_suffix(".toml")


def _line_of_byte(data: bytes, offset: int) -> int:
    """The 1-based line holding byte ``offset``."""
    return data.count(b"\n", 0, offset) + 1


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, mean this is not a text file at all."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


def _guess_encoding(data: bytes) -> str | None:
    """The Chinese legacy encoding the bytes decode in, for the conversion hint; None if neither."""
    for encoding in ("gb18030", "big5"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding.upper()
    return None


def decode_seed(path: Path, data: bytes) -> str:
    """The seed's text, or a SourceError saying why it cannot be read."""
    if not data.strip():
        raise SourceError("the file is empty", path)
    if _looks_binary(data):
        raise SourceError("this is a binary file, not a text seed", path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = _line_of_byte(data, error.start)
        hint = ""
        guess = _guess_encoding(data)
        if guess:
            hint = f"; it reads as {guess}: convert it with `iconv -f {guess} -t UTF-8`"
        raise SourceError(f"not UTF-8 (byte 0x{data[error.start]:02x}){hint}", path, line) from None
    # Windows and old Mac line ends become \n without changing line numbers.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: Path) -> Source:
    """Read one seed and its sidecar into a Source."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read: {error.strerror}", path) from None
    text = decode_seed(path, data)
    return Source(
        path=path,
        name=path.name,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        meta=read_sidecar(sidecar_path(path)),
    )


# ── Sidecar ──────────────────────────────────────────────────────────────────


def _table_lines(text: str, header: str) -> list[int]:
    """Line numbers of each ``[[header]]`` table, so errors can point at the entry."""
    pattern = re.compile(rf"^[ \t]*\[\[[ \t]*{re.escape(header)}[ \t]*\]\]", re.MULTILINE)
    return [text.count("\n", 0, m.start()) + 1 for m in pattern.finditer(text)]


def _checked(table: dict, schema: dict, path: Path, line: int | None, what: str) -> dict:
    """``table`` itself, once every field is known to ``schema`` and of its type."""
    for key, value in table.items():
        if key not in schema:
            raise SidecarError(f"{what}: unknown field '{key}' (known: {', '.join(schema)})", path, line)
        expected = schema[key]
        if not isinstance(value, expected) or isinstance(value, bool):
            raise SidecarError(
                f"{what}: field '{key}' should be {expected.__name__}, got {value!r}", path, line
            )
    return table


def _essay_meta(table: dict, path: Path, line: int | None) -> EssayMeta:
    """One ``[[essay]]`` table's overrides, each field checked."""
    table = _checked(table, _ESSAY_FIELDS, path, line, "[[essay]]")
    index = table.get("index", 1)
    if index < 1:
        raise SidecarError("[[essay]]: field 'index' counts essays from 1", path, line)
    authors = table.get("authors")
    if authors is not None and not all(isinstance(a, str) and a.strip() for a in authors):
        raise SidecarError("[[essay]]: field 'authors' should be a list of names", path, line)
    date = table.get("date")
    if date is not None and not _DATE.match(date):
        raise SidecarError(f"[[essay]]: field 'date' should be YYYY-MM-DD, got {date!r}", path, line)
    slug = table.get("slug")
    if slug is not None and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise SidecarError(
            f"[[essay]]: field 'slug' should be lowercase ASCII words joined by '-', got {slug!r}", path, line
        )
    return EssayMeta(
        index=index,
        title=table.get("title"),
        title_en=table.get("title_en"),
        authors=tuple(authors) if authors is not None else None,
        date=date,
        source_url=table.get("source_url"),
        slug=slug,
    )


def _erratum(table: dict, path: Path, line: int | None) -> Erratum:
    """One ``[[erratum]]`` table: the seed line, the text before the gap, the word restored."""
    table = _checked(table, _ERRATUM_FIELDS, path, line, "[[erratum]]")
    for required in ("line", "word"):
        if required not in table:
            raise SidecarError(f"[[erratum]]: field '{required}' is required", path, line)
    if not table["word"].strip():
        raise SidecarError("[[erratum]]: field 'word' is empty", path, line)
    return Erratum(line=table["line"], before=table.get("before", ""), word=table["word"].strip(),
                   note=table.get("note", ""), sidecar_line=line or 0)


def read_sidecar(path: Path) -> SeedMeta:
    """A seed's overrides and errata; an absent sidecar means none."""
    if not path.exists():
        return SeedMeta()
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SidecarError("not UTF-8", path) from None
    except OSError as error:
        raise SidecarError(f"cannot read: {error.strerror}", path) from None
    data = parse_toml(text, path, SidecarError)
    unknown = set(data) - {"essay", "erratum"}
    if unknown:
        raise SidecarError(f"unknown table(s) {', '.join(sorted(unknown))} (known: [[essay]], [[erratum]])", path)
    essays = tuple(
        _essay_meta(table, path, line) for table, line in _tables_with_lines(data, text, "essay", path)
    )
    errata = tuple(_erratum(table, path, line) for table, line in _tables_with_lines(data, text, "erratum", path))
    return SeedMeta(path=path, essays=essays, errata=errata)


def _tables_with_lines(data: dict, text: str, header: str, path: Path) -> list[tuple[dict, int | None]]:
    """Each ``[[header]]`` table with the line it starts on (None for an inline table)."""
    tables = data.get(header, [])
    if not isinstance(tables, list) or not all(isinstance(table, dict) for table in tables):
        where = re.search(rf"^[ \t]*\[?[ \t]*{header}\b", text, re.MULTILINE)
        line = text.count("\n", 0, where.start()) + 1 if where else None
        raise SidecarError(f"'{header}' should be written as [[{header}]] tables", path, line)
    lines = _table_lines(text, header)
    return [(table, lines[i] if i < len(lines) else None) for i, table in enumerate(tables)]

"""Read a seed file, whatever tool saved it, with its optional sidecar: the first stage of the pipeline.

One reader per format, chosen by the file's suffix (after Pelican's readers), all of them
starting from the same decoded text (``decode.py``: UTF-8, GB18030/GBK/GB2312, Big5, UTF-16, a
lying ``<meta charset>``):

| suffix | reader | what the cleaner gets |
|---|---|---|
| ``.txt`` | plain text | the lines, as written |
| ``.md``, ``.markdown`` | envelope off (``envelope.py``), then Python-Markdown (``markdown.py``) | blocks with evidence, candidates |
| ``.html``, ``.htm`` | lxml (``html.py``) | blocks with evidence, candidates from ``<head>`` |

A Markdown file whose body is a whole saved HTML page (a crawler's YAML block over the raw page)
is read as the page it is. A binary or empty file, or one whose encoding cannot be told, is
refused with one line naming the file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from ..errors import SidecarError, SourceError, parse_toml
from ..model import Change, Erratum, EssayMeta, SeedMeta, Source
from .decode import decode_text, utf16_without_bom

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ESSAY_FIELDS = {"index": int, "title": str, "title_en": str, "authors": list, "date": str,
                 "source_url": str, "slug": str, "retrieved": str}
_ERRATUM_FIELDS = {"line": int, "before": str, "word": str, "note": str}

# Seed files by suffix, and the format each is read as.
SEED_FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
# A body that is a whole HTML page, not Markdown with a few tags in it.
_HTML_PAGE = re.compile(r"<!DOCTYPE\s+html|<html[\s>]|<body[\s>]", re.IGNORECASE)
HTML_BODY_TAGS = 20  # this many block tags make a Markdown body an HTML fragment (a Jekyll post of raw HTML)
_BLOCK_TAG = re.compile(r"<(?:p|div|section|br|h[1-6])\b", re.IGNORECASE)
READER = "read"
SKIPPED_SHOWN = 200  # characters of a script or style sheet shown in the report: enough to recognise it  # the name reading's own changes carry in the report


def sidecar_path(seed: Path) -> Path:
    """Where a seed's sidecar lives: ``seeds/NAME.toml`` beside ``seeds/NAME.txt``."""
    return seed.with_suffix(".toml")


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, mean this is not a text file at all."""
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: its NULs are half of each ASCII character
        try:
            sample = data.decode("utf-16").encode("utf-8")[:8192]
        except UnicodeDecodeError:
            return True
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05


def decode_seed(path: Path, data: bytes) -> str:
    """The seed's text, line ends made ``\\n``; a SourceError saying why it cannot be read."""
    return _decoded(path, data)[0]


def _decoded(path: Path, data: bytes) -> tuple[str, str, str]:
    """The seed's text, its encoding, and how the encoding was told."""
    if not data.strip():
        raise SourceError("the file is empty", path)
    decoded = utf16_without_bom(data)
    if decoded is None and _looks_binary(data):
        raise SourceError("this is a binary file, not a text seed", path)
    decoded = decoded or decode_text(path, data)
    text = decoded.text.lstrip("\ufeff")
    if not text.strip():
        raise SourceError("the file is empty", path)
    # Windows and old Mac line ends become \n without changing line numbers.
    return text.replace("\r\n", "\n").replace("\r", "\n"), decoded.encoding, decoded.why


def read_source(path: Path) -> Source:
    """Read one seed, by the reader its suffix names, and its sidecar into a Source."""
    return read_source_bytes(path, seed_bytes(path), sidecar_bytes(sidecar_path(path)))


def seed_bytes(path: Path) -> bytes:
    """The seed file's bytes; a SourceError if it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read: {error.strerror}", path) from None


def read_source_bytes(path: Path, data: bytes, sidecar: bytes | None) -> Source:
    """``read_source`` from the seed's bytes and its sidecar's (None: it has none), opening no file.

    ``path`` only names the seed: its suffix picks the reader, errors and notes name it (and its sidecar
    beside it), so a worker that cannot see the seed folder reads the seed as the build would.
    """
    text, encoding, why = _decoded(path, data)
    reading: list[Change] = []
    if encoding != "utf-8":
        reading.append(Change(READER, "repaired", (1,), f"bytes in {encoding}", "Unicode text",
                              why=f"decoded as {encoding}: {why}"))
    source = Source(path=path, name=path.name, text=text, sha256=hashlib.sha256(data).hexdigest(),
                    meta=sidecar_meta(sidecar_path(path), sidecar), encoding=encoding)
    fmt = SEED_FORMATS.get(path.suffix.lower(), "text")
    if fmt == "text":
        return _with(source, reading)
    return read_structured(source, fmt, reading)


def _with(source: Source, reading: list[Change], **fields) -> Source:
    return replace(source, reading=tuple(reading), **fields)


def _skipped_changes(skipped: list[tuple[int, int, str, str]]) -> list[Change]:
    """One report entry per kind of element never read (all the page's scripts, all its style sheets…),
    with every line they stood on and the first one's text, so the notes stay readable."""
    kinds: dict[str, list[tuple[int, int, str]]] = {}
    for first, last, text, what in skipped:
        kinds.setdefault(what, []).append((first, last, text))
    changes = []
    for what, found in kinds.items():
        lines = sorted({n for first, last, _ in found for n in range(first, last + 1)})
        sample = next((text for _, _, text in found if text), "")
        shown = sample if len(sample) <= SKIPPED_SHOWN else sample[:SKIPPED_SHOWN] + "…"
        count = f"{len(found)} × {what}" if len(found) > 1 else what
        changes.append(Change(READER, "removed", tuple(lines), shown or count,
                              why=f"{count}: never reading text"))
    return changes


def read_structured(source: Source, fmt: str, reading: list[Change] | None = None) -> Source:
    """A Markdown or HTML source with its blocks and metadata candidates."""
    from .envelope import open_envelope, strip_template_code
    from .html import read_html
    from .markdown import read_markdown_blocks

    reading = list(reading or [])
    envelope = open_envelope(source.text)
    for first, last, text, why in envelope.removed:
        reading.append(Change(READER, "removed", tuple(range(first, last + 1)), text, why=why))
    body = strip_template_code(envelope.body)
    padded = "\n" * (envelope.first_line - 1) + body  # lxml numbers lines from the file's start
    try:
        if fmt == "html" or _HTML_PAGE.search(body[:5000]) or len(_BLOCK_TAG.findall(body)) >= HTML_BODY_TAGS:
            blocks, candidates, skipped = read_html(padded)
            fmt = "html"
            reading += _skipped_changes(skipped)
        else:
            blocks, candidates = read_markdown_blocks(body, envelope.first_line), []
    except RecursionError:
        raise SourceError(f"its {fmt} is nested too deeply to read (lists or elements inside each other "
                          "hundreds of times)", source.path) from None
    return _with(source, reading, format=fmt, blocks=tuple(blocks),
                 candidates=tuple(envelope.candidates) + tuple(candidates))


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
    for name in ("date", "retrieved"):
        if table.get(name) is not None and not _DATE.match(table[name]):
            raise SidecarError(f"[[essay]]: field '{name}' should be YYYY-MM-DD, got {table[name]!r}", path, line)
    date = table.get("date")
    source_url = table.get("source_url")
    if source_url is not None and not re.match(r"^https?://[^\s/]+\S*$", source_url):
        raise SidecarError(f"[[essay]]: field 'source_url' should be an http(s) address, got {source_url!r}",
                           path, line)
    title = table.get("title")
    if title is not None and not title.strip():
        raise SidecarError("[[essay]]: field 'title' is empty (leave it out to keep the detected title)", path, line)
    slug = table.get("slug")
    if slug is not None and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise SidecarError(
            f"[[essay]]: field 'slug' should be lowercase ASCII words joined by '-', got {slug!r}", path, line
        )
    return EssayMeta(
        index=index,
        title=title.strip() if title is not None else None,
        title_en=table.get("title_en"),
        authors=tuple(authors) if authors is not None else None,
        date=date,
        source_url=source_url,
        slug=slug,
        retrieved=table.get("retrieved"),
        line=line,
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
    return sidecar_meta(path, sidecar_bytes(path))


def sidecar_bytes(path: Path) -> bytes | None:
    """The sidecar file's bytes, or None when there is none; a SidecarError if it cannot be read."""
    if not path.exists():
        return None
    try:
        return path.read_bytes()
    except OSError as error:
        raise SidecarError(f"cannot read: {error.strerror}", path) from None


def sidecar_meta(path: Path, raw: bytes | None) -> SeedMeta:
    """The overrides and errata in a sidecar's bytes (None: no sidecar); ``path`` names it in errors."""
    if raw is None:
        return SeedMeta()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SidecarError("not UTF-8", path) from None
    data = parse_toml(text, path, SidecarError)
    unknown = set(data) - {"essay", "erratum"}
    if unknown:
        raise SidecarError(f"unknown table(s) {', '.join(sorted(unknown))} (known: [[essay]], [[erratum]])", path)
    essays = tuple(
        _essay_meta(table, path, line) for table, line in _tables_with_lines(data, text, "essay", path)
    )
    first_at: dict[int, int | None] = {}
    for meta in essays:
        if meta.index in first_at:
            where = f" (first at line {first_at[meta.index]})" if first_at[meta.index] else ""
            raise SidecarError(f"[[essay]]: index {meta.index} is set twice{where}", path, meta.line)
        first_at[meta.index] = meta.line
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

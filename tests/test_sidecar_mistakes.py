"""An editor's sidecar that cannot do what it says is named in one line, never silently ignored."""

from __future__ import annotations

import pytest

from site_gen.cli import main

ESSAY = """人工智能赋能新质生产力
作者：董志勇

人工智能是新一轮科技革命和产业变革的重要驱动力量。

加快发展新质生产力，需要以科技创新推动产业创新。
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(ESSAY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _build(capsys) -> tuple[int, list[str]]:
    status = main(["build", "-q"])
    return status, capsys.readouterr().err.strip().splitlines()


@pytest.mark.parametrize("sidecar, line, message", [
    pytest.param('[[essay]]\nindex = 1\ntitle = "  "\n', 1, "field 'title' is empty", id="empty-title"),
    pytest.param('[[essay]]\nindex = 1\ntitle = "甲"\n\n[[essay]]\nindex = 1\ntitle = "乙"\n', 5,
                 "index 1 is set twice (first at line 1)", id="index-twice"),
    pytest.param('[[essay]]\nindex = 1\ntitle = "甲"\n\n[[essay]]\nindex = 3\ntitle = "丙"\n', 5,
                 "index 3, but the seed has 1 essay", id="index-out-of-range"),
])
def test_a_sidecar_entry_that_cannot_apply_stops_the_build_in_one_line(project, capsys, sidecar, line, message):
    (project / "seeds" / "a.toml").write_text(sidecar, encoding="utf-8")
    status, err = _build(capsys)
    assert status == 1 and len(err) == 1
    assert f"a.toml:{line}" in err[0] and message in err[0]
    assert not (project / "_site").exists()  # nothing half-written


def test_a_sidecar_whose_seed_is_gone_is_named_and_the_rest_builds(project, capsys):
    (project / "seeds" / "b.toml").write_text('[[essay]]\ntitle = "改过的标题"\n', encoding="utf-8")
    status, err = _build(capsys)
    assert status == 0
    assert err == [f"warning: {project / 'seeds' / 'b.toml'}: a sidecar for no seed (no b.txt, .md or .html "
                   "beside it); it is not used"]
    assert (project / "_site" / "index.html").is_file()


def test_a_seed_whose_name_is_not_utf8_is_skipped_and_named_and_the_rest_builds(project, capsys):
    import os

    try:
        with open(os.fsencode(project / "seeds") + b"/\xff\xfename.txt", "wb") as seed:
            seed.write(ESSAY.replace("董志勇", "李华").encode("utf-8"))
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    status, err = _build(capsys)
    assert status == 4  # built, without that seed
    assert err == [f"skipped: seed error: {project / 'seeds'}/\ufffd\ufffdname.txt: the file name is not UTF-8 text: "
                   "rename the file"]
    assert "a.txt" in (project / "_site" / "essays.json").read_text(encoding="utf-8")


def test_strict_fails_on_a_warning_or_a_skipped_seed_and_the_site_is_still_built(project, capsys):
    assert main(["build", "-q", "--strict"]) == 0  # nothing to warn about
    capsys.readouterr()
    (project / "seeds" / "b.toml").write_text('[[essay]]\ntitle = "改过的标题"\n', encoding="utf-8")
    assert main(["build", "-q", "--strict"]) == 5
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith("warning: ") and err[-1] == "strict: 1 warning(s) and 0 skipped seed(s): failing"
    assert main(["build", "-q"]) == 0  # the same warning, without --strict
    (project / "seeds" / "b.toml").unlink()
    (project / "seeds" / "c.txt").write_bytes(b"")
    assert main(["build", "-q", "--strict"]) == 5
    assert capsys.readouterr().err.strip().splitlines()[-1] == "strict: 0 warning(s) and 1 skipped seed(s): failing"
    assert (project / "_site" / "index.html").is_file()


def test_the_same_essay_saved_twice_is_named_in_a_warning(project, capsys):
    (project / "seeds" / "z-again.txt").write_text(ESSAY, encoding="utf-8")
    status, err = _build(capsys)
    assert status == 0
    assert err == [f"warning: {project / 'seeds' / 'z-again.txt'}: essay 1 has the title and text of essay 1 "
                   "of a.txt; both are published"]
    assert main(["build", "-q", "--strict"]) == 5

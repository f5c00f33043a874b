"""bench/polyphones.py keeps working: it reads the CPP split in place and scores each system on the
character the benchmark marks (nothing timed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import polyphones  # noqa: E402


def test_readings_are_compared_as_the_benchmark_writes_them():
    assert polyphones.numbered("lǜ") == "lu:4" and polyphones.numbered("de") == "de5"
    assert polyphones.normal("LV4") == "lu:4"
    assert polyphones.syllables_of("重塑", "chóngsù") == ["chóng", "sù"]
    assert polyphones.syllables_of("方案", "fāng'àn") == ["fāng", "àn"]
    assert polyphones.syllables_of("重塑", "chóng") is None  # a reading that does not cover the word


def test_the_project_is_scored_on_the_marked_character(tmp_path):
    data = tmp_path / "cpp"
    data.mkdir()
    (data / "cpp_dev.sent").write_text("他把书放▁在▁桌上。\n我们▁重▁新开始。\n今天下雨▁了▁。\n", encoding="utf-8")
    (data / "cpp_dev.lb").write_text("zai4\nchong2\nle5\n", encoding="utf-8")
    cases = polyphones.load_cases(data)
    assert cases[1] == ("我们重新开始。", 2, "chong2")
    right, _ = polyphones.score(polyphones.site_gen_reader(cases), cases)
    assert right == 3
    out = tmp_path / "results.md"
    assert polyphones.main(["--data", str(data), "--out", str(out)]) == 0
    assert "| site_gen" in out.read_text(encoding="utf-8")


def test_without_the_data_it_says_where_it_looked(tmp_path, capsys):
    assert polyphones.main(["--data", str(tmp_path)]) == 2
    assert "read in place" in capsys.readouterr().err


def test_the_real_split_is_read_whole():
    if not (polyphones.DATA / "cpp_dev.sent").is_file():
        pytest.skip(f"the CPP split is not at {polyphones.DATA} (read in place, never copied)")
    cases = polyphones.load_cases(polyphones.DATA)
    assert len(cases) == 9893 and all(sentence[at] != polyphones.MARK for sentence, at, _ in cases)

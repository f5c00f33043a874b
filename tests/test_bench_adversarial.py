"""The hostile-input benchmark keeps working: its inputs are what they claim, and it prints its table.

Nothing here is timed: the figures are for the README, read by a person; these tests only make
sure the script that prints them still runs (bench/adversarial.py).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT

sys.path.insert(0, str(PROJECT))

from bench.adversarial import (  # noqa: E402
    HEADER, Input, Row, Run, make_inputs, measures, table, verdict, write_project,
)

SIZE = 20_000  # bytes: the generators at a fiftieth of the real size


def test_every_input_is_about_the_size_asked_and_says_what_it_is():
    inputs = make_inputs(SIZE)
    base, rest = inputs[0], inputs[1:]
    assert base.kind == "baseline" and len(base.data) < 1000
    assert len(rest) == 15 and len({item.file for item in inputs}) == len(inputs)
    for item in rest:
        assert abs(len(item.data) - SIZE) <= SIZE * 0.05, item.file
    assert {Path(item.file).suffix for item in rest} == {".txt", ".html", ".md"}
    assert [item.file for item in rest if item.kind == "ordinary"] == ["ordinary.txt", "ordinary.html"]
    text = {Path(item.file).name: item.text for item in rest}
    # Each hostile input is mostly its hostile part.
    assert text["unclosed-tags.txt"].count("<a ") > SIZE / 4 and ">" not in text["unclosed-tags.txt"]
    assert text["unclosed-tags.html"].count("<a ") > SIZE / 4
    assert max(len(line) for line in text["han-line.txt"].splitlines()) > SIZE / 4
    assert text["gaps.txt"].count("&&") > SIZE / 20
    assert sum(line in ("----", "||||||||", "······") for line in text["separators.txt"].splitlines()) > SIZE / 12
    assert text["nested-quotes.txt"].count("「") > SIZE / 30
    assert "a" * (SIZE // 2) in text["run-a.txt"] and "。" * (SIZE // 4) in text["run-full-stops.txt"]
    assert " " * (SIZE // 3) in text["run-spaces.txt"] and "\u3000" * (SIZE // 7) in text["run-spaces.txt"]
    assert text["nested-divs.html"].count("<div>") == text["nested-divs.html"].count("</div>") > SIZE / 120
    assert text["tiny-paragraphs.html"].count("<p>") > SIZE / 12
    assert text["list-items.md"].count("\n- ") > SIZE / 10
    assert re.search(r"\*{7}", text["stars.md"])
    # The ordinary ones are the corpus essays: a title line, prose, a saved page with navigation and footer.
    assert text["ordinary.txt"].count("。") > SIZE / 400
    assert "<nav" in text["ordinary.html"] and "<footer" in text["ordinary.html"]


def test_the_inputs_are_the_same_bytes_in_another_process():
    here = [item.data for item in make_inputs(SIZE)]
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from bench.adversarial import make_inputs; "
            "sys.stdout.buffer.write(repr([i.data for i in make_inputs(int(sys.argv[2]))]).encode())")
    there = subprocess.run([sys.executable, "-c", code, str(PROJECT), str(SIZE)], check=True, capture_output=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"}).stdout
    assert repr(here).encode() == there


def test_a_project_folder_lets_its_seed_be_read(tmp_path):
    item = Input("big", "hostile", "big.txt", "文" * 2_000_000)  # 6 MB: over the default max_seed_mb of 5
    folder = write_project(tmp_path, item)
    assert (folder / "seeds" / "big.txt").stat().st_size == 6_000_000
    assert (folder / "site.toml").read_text(encoding="utf-8") == "max_seed_mb = 50\n"


def _row(kind: str, size: int, seconds: float, peak: float, status: int = 0, message: str = "") -> Row:
    return Row(Input(kind, kind, f"{kind}.txt", "x" * size), [Run(seconds, seconds, peak, status, message)])


def test_verdicts_name_each_target_missed():
    base = _row("baseline", 300, 3.0, 300.0)
    fine = _row("ordinary", 1_000_000, 3.5, 302.0)
    assert verdict(fine, measures(fine, base)) == "met"
    slow = _row("ordinary", 1_000_000, 4.5, 310.0)  # 1.5 s of CPU above the baseline; 310 MB > 4 + 300
    assert verdict(slow, measures(slow, base)) == "**not met**: CPU 1.50 s/MB > 1; memory 1.02× the allowance"
    # CPU is a target for ordinary text only; time and memory for every input.
    hostile = _row("hostile", 1_000_000, 9.0, 300.0, 3, "internal error: RecursionError: …")
    assert verdict(hostile, measures(hostile, base)) == "**not met**: internal error (exit 3); wall 6.00 s/MB > 5"
    skipped = _row("hostile", 1_000_000, 3.2, 300.0, 4, "skipped: seed error: seeds/x.txt: no essay found")
    lines = table([base, skipped])
    assert lines[0] == HEADER and lines[1].count("---") == 9
    assert lines[3].startswith("| hostile | 1.00 | 4: skipped: seed error: seeds/x.txt: no essay found "
                               "| 3.20 (1 run) |")
    assert lines[3].endswith("| met |")


def test_two_inputs_with_one_stem_are_built_apart(tmp_path):
    for item in make_inputs(SIZE, {"unclosed-tags"})[1:]:
        write_project(tmp_path, item)
    assert sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.glob("*/seeds/*")) == [
        "unclosed-tags.html/seeds/unclosed-tags.html", "unclosed-tags.txt/seeds/unclosed-tags.txt"]


def test_an_unknown_input_name_is_refused():
    with pytest.raises(ValueError, match="no input named separator"):
        make_inputs(SIZE, {"separator"})


def test_the_script_runs_a_small_input_and_prints_its_table(tmp_path):
    work = tmp_path / "work"
    done = subprocess.run([sys.executable, str(PROJECT / "bench" / "adversarial.py"), "--mb", "0.02", "--runs", "1",
                           "--only", "separators", "--work", str(work)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert HEADER in lines
    rows = [line for line in lines[lines.index(HEADER) + 2:] if line.startswith("| ")]
    assert [row.split(" | ")[0] for row in rows] == ["| baseline: one tiny seed",
                                                     r"| separator lines (`----`, `\|`, `·`)"]
    # Each build had its own seed and nothing else, and published a site.
    for name in ("baseline.txt", "separators.txt"):
        assert [path.name for path in (work / name / "seeds").iterdir()] == [name]
        assert (work / name / "site" / "index.html").is_file()
    for row in rows:
        cells = row.strip("|").split(" | ")
        assert len(cells) == 9, row
        assert re.match(r"\d+(: .*)?$", cells[2]), row  # the exit status, and its message if any
        assert re.match(r"\d+\.\d\d \(1 run\)$", cells[3]), row
    assert re.search(r"^machine: .+, \d+ cores", done.stdout, re.M)
    assert re.search(r"^load average \(1, 5, 15 min\) at the start: ", done.stdout, re.M)
    assert "site_gen: commit " in done.stdout

"""The scale benchmark's corpus is what its figures claim, and the script writes its results table.

A corpus that changed from run to run, or whose essays were not read as essays (one title each,
about 5,000 Han characters, the seeds' kinds of noise), would make bench/RESULTS.md meaningless.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT

sys.path.insert(0, str(PROJECT))

from bench.corpus import ESSAY_HAN, HAN, NOISE_KINDS, make_corpus, write_corpus  # noqa: E402

COUNT = 3


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_the_corpus_is_the_same_bytes_in_another_process(tmp_path):
    write_corpus(tmp_path / "here", COUNT)
    # Another process, with another hash seed: nothing may depend on set or dict order.
    code = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
            "from bench.corpus import write_corpus; write_corpus(Path(sys.argv[2]), int(sys.argv[3]))")
    subprocess.run([sys.executable, "-c", code, str(PROJECT), str(tmp_path / "there"), str(COUNT)], check=True,
                   env={**os.environ, "PYTHONHASHSEED": "12345"})
    here = _files(tmp_path / "here")
    assert len(here) == COUNT
    assert here == _files(tmp_path / "there")


def test_essays_are_long_distinct_and_noisy(tmp_path):
    essays = write_corpus(tmp_path, COUNT)
    for essay in essays:
        assert abs(essay.han_count() - ESSAY_HAN) <= ESSAY_HAN * 0.05, essay.name
        text = (tmp_path / essay.name).read_text(encoding="utf-8")
        assert len(HAN.findall(text)) >= ESSAY_HAN
        assert essay.in_script(essay.title) in text and essay.in_script(essay.byline) in text
    titles = [essay.title for essay in essays]
    assert len(set(titles)) == COUNT and all(re.search(r"（第[一二三四五六七八九十百千万零]+篇）$", t) for t in titles)
    # Every kind of noise, every format and both scripts are in the first three essays already.
    assert set(NOISE_KINDS) <= {kind for essay in essays for kind in essay.noise}
    assert {essay.format for essay in essays} == {"txt", "md", "html"}
    assert {essay.script for essay in essays} == {"hans", "hant"}
    texts = {essay.name: (tmp_path / essay.name).read_text(encoding="utf-8") for essay in essays}
    everything = "\n".join(texts.values())
    for mark in ("&&", "&amp;&amp;"):  # a gap in a text seed, and in an HTML page
        assert mark in everything
    assert re.search("责任编辑|責任編輯", everything)
    assert re.search(r"^(?:第 ?2 ?页|第 ?2 ?頁|— 2 —)$", everything, re.M)
    md = next(t for name, t in texts.items() if name.endswith(".md"))
    assert md.startswith("---\ntitle: ")
    page = next(t for name, t in texts.items() if name.endswith(".html"))
    assert "<nav" in page and "<footer" in page
    hant = next(essay for essay in essays if essay.script == "hant")
    assert "發展" in texts[hant.name] and "发展" not in texts[hant.name]


def test_an_essay_is_the_same_in_every_corpus_that_holds_it():
    small, large = make_corpus(2), make_corpus(4)
    assert [e.seed_text() for e in small] == [e.seed_text() for e in large[:2]]


def test_the_script_writes_its_table_and_keeps_the_hand_written_section(tmp_path):
    out = tmp_path / "RESULTS.md"
    out.write_text("# old figures\n\n## Hot spots removed\n\n<!-- hot spots -->\n- a loop made linear\n",
                   encoding="utf-8")
    work = tmp_path / "work"
    done = subprocess.run([sys.executable, str(PROJECT / "bench" / "scale.py"), "--sizes", str(COUNT), "--runs", "1",
                           "--no-yardsticks", "--no-real", "--out", str(out), "--work", str(work)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert f"## {COUNT} essays" in text and "## Machine" in text and "## Targets" in text
    for row in ("cold build", "nothing changed", "adding one seed", "editing one seed", "removing one seed"):
        assert re.search(rf"^\| site_gen [^|]*{row}[^|]* \| \d+(\.\d+)? s \(1 run\) \| \d+ MB \|$", text, re.M), row
    assert "**Partial run**" in text and "old figures" not in text
    assert text.endswith("## Hot spots removed\n\n<!-- hot spots -->\n- a loop made linear\n")
    # The site built from the corpus has each essay once, under the title it was given.
    essays = json.loads((work / f"essays{COUNT}" / "site" / "essays.json").read_text(encoding="utf-8"))
    built = {essay["source"]: essay["title"] for essay in essays}
    for essay in make_corpus(COUNT):
        assert built[essay.name][essay.script] == essay.in_script(essay.title)

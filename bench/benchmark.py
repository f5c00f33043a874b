"""Print speed and memory figures for the build and each stage (no pass/fail: figures to read).

    .venv/bin/python bench/benchmark.py            # the seeds
    .venv/bin/python bench/benchmark.py --copies 20  # a corpus 20 times larger

Targets the figures are read against: a cold build of the seeds in a few seconds,
a rebuild with nothing changed well under the cold time, a new seed costing about
one seed's work, and peak memory well under 1 GiB.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_gen.config import load_config  # noqa: E402


def _timed(label: str, action) -> float:
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    print(f"{label:<42} {seconds:8.2f} s")
    return result


def _stage_figures(seeds: list[Path]) -> None:
    from site_gen.annotate import Annotator
    from site_gen.clean import clean
    from site_gen.dictionary import Dictionary
    from site_gen.glossary.file import load_glossary
    from site_gen.read.ingest import read_source
    from site_gen.pinyin import Readings
    from site_gen.script import make_editions
    from site_gen.structure import structure

    config = load_config(ROOT)
    glossary = _timed("load glossary", lambda: load_glossary(config.glossary))
    dictionary = _timed("load CC-CEDICT", Dictionary.load)
    annotator = _timed("set up annotator (jieba, pinyin)", lambda: Annotator(glossary, Readings(), dictionary))
    sources = [read_source(p) for p in seeds]
    chars = sum(len(s.text) for s in sources)
    cleaned = _timed(f"clean {len(sources)} seeds ({chars:,} chars)", lambda: [clean(s) for s in sources])
    essays = _timed("structure", lambda: [e for c in cleaned for e in structure(c)])
    editions = _timed("script: both editions", lambda: [make_editions(e) for e in essays])
    _timed("annotate: both editions",
           lambda: [annotator.annotate(eds[name], name) for eds in editions for name in ("hans", "hant")])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1, help="build a corpus of N copies of the seeds")
    args = parser.parse_args()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    # Stage figures first, while nothing is loaded in this process yet.
    _stage_figures(seeds)
    print()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "seeds"
        corpus.mkdir()
        for copy in range(args.copies):
            for seed in seeds:
                name = seed.name if copy == 0 else f"{copy:03d}{seed.name}"
                shutil.copy(seed, corpus / name)
                sidecar = seed.with_suffix(".toml")
                if sidecar.exists():
                    shutil.copy(sidecar, (corpus / name).with_suffix(".toml"))
        # Each build is a fresh process, as a user runs it: nothing preloaded.
        command = [sys.executable, "-m", "site_gen", "build", "--source", str(corpus), "-q"]
        run = lambda: subprocess.run(command, cwd=work, check=True)  # noqa: E731
        print(f"corpus: {len(list(corpus.glob('*.txt')))} seeds")
        _timed("cold build (empty cache), whole process", run)
        _timed("rebuild, nothing changed, whole process", run)
        # A new seed with its own content (an identical copy would be a cache hit).
        extra = corpus / "999_new_seed.txt"
        extra.write_text(seeds[-1].read_text(encoding="utf-8") + "\n新增的一段文字。\n", encoding="utf-8")
        _timed("rebuild after one new seed, whole process", run)
        site = work / "_site"
        pages = sorted(site.rglob("*.html"))
        largest = max(pages, key=lambda p: p.stat().st_size)
        print(f"{'pages / total size':<42} {len(pages):8d}   {sum(p.stat().st_size for p in pages) / 1e6:.1f} MB")
        print(f"{'largest page':<42} {largest.stat().st_size / 1e3:8.0f} KB  {largest.relative_to(site)}")
    stages = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    builds = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{'peak memory, stage figures (this process)':<42} {stages:8.0f} MB")
    print(f"{'peak memory, largest build process':<42} {builds:8.0f} MB")


if __name__ == "__main__":
    main()

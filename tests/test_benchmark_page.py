"""The saved news page bench/benchmark.py times is a realistic one, not an empty one.

It must be about 300 KB, and the pipeline must find its article in it (the first and the last
paragraph kept) and leave its comment box and its sidebar of headlines out: a page read as
nothing, or as everything, would make the figure meaningless.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import PROJECT, SEEDS
from site_gen.clean import clean
from site_gen.model import reading_text
from site_gen.read.ingest import read_source
from site_gen.structure import structure


def _benchmark():
    """bench/benchmark.py as a module (bench/ is a folder of scripts, not a package)."""
    if "bench_benchmark" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_benchmark", PROJECT / "bench" / "benchmark.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclass looks its module up by name
        spec.loader.exec_module(module)
    return sys.modules["bench_benchmark"]


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_the_benchmark_page_is_realistic_and_read_as_its_article(charset, tmp_path):
    page = _benchmark().news_page(SEEDS, charset)
    path = page.save(tmp_path)
    if charset == "utf-8":
        assert path.stat().st_size >= 280 * 1024
    assert len(page.paragraphs) == 30 and len(page.comments) == 30 and len(page.headlines) == 50

    essays = structure(clean(read_source(path)))
    kept = [reading_text(block.text) for essay in essays for block in essay.all_blocks()]
    shown = "\n".join([essay.title for essay in essays] + kept)
    assert page.paragraphs[0] in kept
    assert page.paragraphs[-1] in kept
    assert [comment for comment in page.comments if comment in shown] == []
    assert [headline for headline in page.headlines if headline in shown] == []

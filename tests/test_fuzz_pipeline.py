"""The whole per-seed pipeline, then the pages, on windows of the real seeds mutated at random
(hypothesis): nothing crashes, no markup or script of the source reaches a page, and every Han
character an essay publishes comes from the source lines its block names (or from a repair the
source notes record).

FUZZ_EXAMPLES=500 for a longer hunt; CI runs a bounded budget.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_factory import PROJECT
from site_gen.clean import clean
from site_gen.config import Config
from site_gen.model import EDITIONS, SeedMeta, Site, Source, plain_text
from site_gen.render import essay_text, make_environment, render_essay, render_notes
from site_gen.script import make_editions
from site_gen.structure import structure

SETTINGS = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "30")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

# What scrapes put between and inside an essay's lines: markup (some of it hostile), entities,
# page chrome, lost words, page numbers, odd spaces.
NOISE = ['<script>alert("x")</script>', '<img src=x onerror="alert(1)">', '<a href="javascript:alert(1)">点此</a>',
         "<iframe src=//evil.example></iframe>", "<style>body{display:none}</style>", "<p>", "</div>", "&nbsp;",
         "&&", "- 3 -", "责任编辑：王某", "分享到：微信 微博", "点击关注我们", "\u3000\u3000", "■", "---",
         "**", "# ", "> ", "（未完待续）", "<br>", "相关阅读：", "\ufeff", "\x00"]


@cache
def seed_texts() -> tuple[str, ...]:
    """The project's verbatim seed copies that are plain text or Markdown, as text."""
    texts = []
    for path in sorted((PROJECT / "seeds").glob("*")):
        if path.suffix in (".txt", ".md"):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return tuple(texts)


@st.composite
def mutated_window(draw) -> str:
    """A run of lines of a real seed, then up to ten random cuts, joins, drops, repeats, swaps and insertions."""
    lines = draw(st.sampled_from(seed_texts())).splitlines()
    start = draw(st.integers(0, max(0, len(lines) - 1)))
    window = lines[start:start + draw(st.integers(2, 40))] or [""]
    for _ in range(draw(st.integers(0, 10))):
        at = draw(st.integers(0, len(window) - 1))
        line = window[at]
        cut = draw(st.integers(0, len(line)))
        kind = draw(st.sampled_from(["drop", "repeat", "swap", "cut", "join", "noise-line", "noise-inside", "text"]))
        if kind == "drop" and len(window) > 1:
            del window[at]
        elif kind == "repeat":
            window.insert(at, line)
        elif kind == "swap":
            other = draw(st.integers(0, len(window) - 1))
            window[at], window[other] = window[other], window[at]
        elif kind == "cut":  # a paragraph cut in two by a page break
            window[at:at + 1] = [line[:cut], line[cut:]]
        elif kind == "join" and at + 1 < len(window):
            window[at:at + 2] = [line + window[at + 1]]
        elif kind == "noise-line":
            window.insert(at, draw(st.sampled_from(NOISE)))
        elif kind == "noise-inside":  # a sidebar or a lost word in the middle of a sentence
            window[at] = line[:cut] + draw(st.sampled_from(NOISE)) + line[cut:]
        elif kind == "text":
            window.insert(at, draw(st.text(max_size=30)))
    return "\n".join(window)


def _source(text: str, suffix: str) -> Source:
    name = f"fuzz{suffix}"
    return Source(path=Path(name), name=name, text=text, sha256="", meta=SeedMeta())


def _essays(text: str, suffix: str):
    return structure(clean(_source(text, suffix)))


@SETTINGS
@given(page=mutated_window(), suffix=st.sampled_from([".txt", ".md"]))
def test_every_han_character_published_comes_from_the_lines_its_block_names(page, suffix):
    lines = page.split("\n")
    for essay in _essays(page, suffix):
        repaired = "".join(change.result for change in essay.changes)  # what the source notes say was put in
        for block in essay.all_blocks():
            named = "".join(lines[n - 1] for n in block.lines if 0 < n <= len(lines))
            stray = set(HAN.findall(plain_text(block.text))) - set(HAN.findall(named + repaired))
            assert not stray, (block, stray)


@pytest.fixture(scope="module")
def annotator():
    from site_gen.annotate import Annotator
    from site_gen.dictionary import Dictionary
    from site_gen.glossary.file import load_glossary
    from site_gen.pinyin import Readings

    glossary = load_glossary(PROJECT / "site_gen" / "data" / "glossary.toml")
    return Annotator(glossary, Readings(), Dictionary.load())


@SETTINGS
@given(page=mutated_window(), suffix=st.sampled_from([".txt", ".md"]))
def test_pages_made_from_any_page_carry_no_markup_or_script_of_the_source(annotator, tmp_path_factory, page, suffix):
    essays = [replace(essay, slug=f"essay-{n}") for n, essay in enumerate(_essays(page, suffix))]
    if not essays:
        return
    editions = {}
    for essay in essays:
        texts = make_editions(essay)
        for edition in EDITIONS:
            editions[(essay.slug, edition)] = annotator.annotate(texts[edition], edition)
    site = Site(config=Config(source=tmp_path_factory.mktemp("seeds"), static=None), essays=tuple(essays),
                editions=editions, glossary=annotator.glossary, dictionary=annotator.dictionary)
    env = make_environment(None)
    for essay in essays:
        pages = [render_essay(site, editions[(essay.slug, edition)], env) for edition in EDITIONS]
        for html in [*pages, render_notes(site, essay, env)]:
            document = BeautifulSoup(html, "html.parser")
            for script in document.find_all("script"):  # only the page's own: its data and site.js
                assert script.get("type") == "application/json" or script.get("src", "").endswith(".js"), script
                assert script.get("type") == "application/json" or "alert" not in script.get_text()
            assert not document.find_all(["iframe", "object", "embed", "img"])
            assert document.find_all("style") == []
            for tag in document.find_all(True):
                assert not any(name.lower().startswith("on") for name in tag.attrs), tag
                for name in ("href", "src"):
                    assert not str(tag.get(name, "")).strip().lower().startswith("javascript:"), tag
        assert "<script" not in essay_text(essay).lower()  # cleaning took the script with its content


@cache
def scrape_pages() -> tuple[tuple[str, bytes], ...]:
    """The outside scrapes (read in place, never copied), as (suffix, bytes); empty where absent."""
    from conftest import SCRAPES

    if not SCRAPES.is_dir():
        return ()
    return tuple((path.suffix, path.read_bytes()) for path in sorted(SCRAPES.iterdir())
                 if path.suffix in (".html", ".txt", ".md"))


@st.composite
def mutated_scrape(draw) -> tuple[str, bytes]:
    """A whole saved page from another site, its bytes cut, repeated or salted with hostile markup."""
    suffix, data = draw(st.sampled_from(scrape_pages()))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["cut-off", "drop", "repeat", "insert"]))
        if kind == "cut-off":  # a page saved before it finished loading
            data = data[:at]
        elif kind == "drop":
            data = data[:at] + data[at + draw(st.integers(1, 2000)):]
        elif kind == "repeat":
            data = data[:at] + data[max(0, at - 500):at] + data[at:]
        else:
            data = data[:at] + draw(st.sampled_from(NOISE)).encode() + data[at:]
    return suffix, data


@pytest.mark.skipif(not scrape_pages(), reason="outside scrapes not available (they are read in place, never copied)")
@SETTINGS
@given(page=mutated_scrape())
def test_a_mutated_page_from_another_site_is_read_or_refused_in_one_line_and_no_markup_gets_through(page):
    from site_gen.errors import SourceError
    from site_gen.read.ingest import read_source_bytes

    suffix, data = page
    try:
        source = read_source_bytes(Path(f"scrape{suffix}"), data, None)
    except SourceError as error:
        assert "\n" not in str(error)  # refused: one line naming the file
        return
    for essay in structure(clean(source)):
        for text in [essay.title, *(plain_text(block.text) for block in essay.all_blocks())]:
            assert not re.search(r"<\s*(script|iframe|style|img)\b|\bon\w+\s*=\s*[\"']|javascript:", text, re.I), text

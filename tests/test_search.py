"""Search: the index search.py builds and what a reader finds with search.js, served over
http from a sub-path (the site in a folder named reading/), in headless Chromium."""

from __future__ import annotations

import functools
import gzip
import json
import re
import shutil
import threading
from collections import Counter
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import chromium
from bs4 import BeautifulSoup

from site_factory import make_site
from site_gen.errors import BuildError
from site_gen.publish import publish
from site_gen.search import EXCLUDE, name_word, pagefind_program, search_copy, write_search_index
from site_gen.writer import Writer

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
SLUG = "rengong-zhineng-funeng"  # the essay whose opening quotes 新质生产力


def pagefind_missing() -> str:
    try:
        pagefind_program()
    except BuildError as error:
        return str(error)
    return ""


needs_pagefind = pytest.mark.skipif(bool(pagefind_missing()), reason=pagefind_missing() or "-")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium")


def build_small_site(folder: Path) -> Writer:
    """The three-essay test site with its search index, written into ``folder``."""
    site = make_site()
    writer = Writer(folder)
    publish(site, writer)
    write_search_index(folder, site.glossary, writer)
    return writer


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The test site in <tmp>/reading/, served from <tmp> on 127.0.0.1: (base URL, site folder)."""
    if pagefind_missing():
        pytest.skip(pagefind_missing())
    parent = tmp_path_factory.mktemp("served")
    from site_gen.render import urls

    with pytest.MonkeyPatch.context() as patch:
        # One essay to a shard, so the reader's searches go through merged bundles as on a large site.
        patch.setattr(urls, "ESSAYS_PER_SEARCH_SHARD", 1)
        build_small_site(parent / "reading")
        shards = sorted(p.name for p in (parent / "reading" / "pagefind" / "hans").iterdir())
    assert len(shards) > 2 and shards[-1] == urls.SITE_SHARD  # e.g. e0, e2, site

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args):  # the test output stays readable
            pass

        def end_headers(self):
            # The policy the site's pages declare: no inline script, no eval; WebAssembly may run.
            self.send_header("Content-Security-Policy", "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
                             "style-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'")
            super().end_headers()

        def do_GET(self):
            if self.path == "/favicon.ico":  # the browser's own request, not the site's
                self.send_response(204)
                self.end_headers()
                return
            super().do_GET()

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(parent)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/reading/", parent / "reading"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.fixture
def reader(browser, served):
    """Opens site pages on a phone-sized screen; a request to any other host, a console error or
    an uncaught exception fails the test."""
    base, _ = served
    context = browser.new_context(viewport=PHONE)
    outside: list[str] = []
    errors: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(base) or url.startswith("file://"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)

    def open_(path: str):
        page = context.new_page()
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(path if "://" in path else base + path)
        return page

    yield open_
    context.close()
    assert outside == [], f"pages asked other hosts for {outside}"
    assert errors == [], f"console errors: {errors}"


def search(page, query: str) -> list[dict]:
    """Type ``query`` into the header's box and read every result as a reader sees it."""
    page.fill("#search-input", query)
    page.wait_for_function("query => document.querySelector('#search-panel').dataset.query === query", arg=query)
    page.wait_for_function(  # the first results are shown with the count, or nothing was found
        "() => document.querySelectorAll('.search-hit').length > 0 || !/\\d/.test(document.querySelector('#search-status').textContent)")
    while page.is_visible("#search-more"):
        shown = page.locator(".search-hit").count()
        page.click("#search-more")
        page.wait_for_function(f"() => document.querySelectorAll('.search-hit').length > {shown}")
    return page.eval_on_selector_all(".search-hit", """items => items.map(item => ({
        title: item.querySelector('.search-title a').textContent,
        href: item.querySelector('.search-title a').getAttribute('href'),
        kind: (item.querySelector('.search-kind') || {}).textContent || '',
        details: (item.querySelector('.search-en') || {}).textContent || '',
        excerpt: item.querySelector('.search-excerpt').textContent,
        marked: [...item.querySelectorAll('.search-excerpt mark')].map(m => m.textContent),
    }))""")


def page_of(href: str) -> str:
    """The site path of a result's link (``hans/x.html``), without its fragment."""
    return href.split("/reading/", 1)[1].split("#")[0]


def indexed_text(folder: Path, path: str) -> str:
    """A page's text as the index reads it: its data-pagefind-body region without the excluded parts."""
    soup = BeautifulSoup((folder / path).read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one("[data-pagefind-body]")
    if body is None:
        return ""
    for selector in EXCLUDE:
        for node in body.select(selector):
            node.decompose()
    return re.sub(r"\s+", "", body.get_text())


def pages_holding(folder: Path, edition: str, text: str) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.glob(f"{edition}/**/*.html")
            if text in indexed_text(folder, path.relative_to(folder).as_posix())}


# ── The index ────────────────────────────────────────────────────────────────


def fragments(folder: Path, edition: str) -> dict[str, dict]:
    """Every page the index holds, by URL: its fragment (content, meta, anchors)."""
    found = {}
    for path in (folder / "pagefind" / edition).glob("*/fragment/*"):  # every shard's bundle
        data = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        found[data["url"]] = data
    return found


@needs_pagefind
def test_each_edition_has_an_index_of_its_reading_pages_only(tmp_path):
    folder = tmp_path / "site"
    writer = build_small_site(folder)
    for edition in ("hans", "hant"):
        assert (folder / "pagefind" / edition / "site" / "pagefind.js").is_file()  # a few essays: one bundle
        assert f"pagefind/{edition}/site/pagefind-entry.json" in writer.paths  # written through the Writer
        urls = set(fragments(folder, edition))
        assert f"/{edition}/{SLUG}.html" in urls and f"/{edition}/glossary.html" in urls
        assert f"/{edition}/terms/xinzhi-shengchanli.html" in urls
        assert all(url.startswith(f"/{edition}/") for url in urls)  # the home, about and notes pages are not
    assert not list((folder / "pagefind" / "hans").glob("*/pagefind-ui*"))  # Pagefind's own UI is not published
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # nothing left beside the site
    assert not list(folder.glob(".search-*"))  # nor the scratch folder inside it


@needs_pagefind
def test_pinyin_over_the_words_popups_and_controls_are_not_indexed(tmp_path):
    folder = tmp_path / "site"
    build_small_site(folder)
    essay = fragments(folder, "hans")[f"/hans/{SLUG}.html"]
    page = BeautifulSoup((folder / f"hans/{SLUG}.html").read_text(encoding="utf-8"), "html.parser")
    # A word outside any glossary term: its reading is on the page (in <rt>) and not in the index.
    plain = [ruby for ruby in page.select("#p1 ruby") if not ruby.find_parent(class_="term")]
    readings = {ruby.rt.get_text() for ruby in plain if len(ruby.rt.get_text()) > 3}
    assert readings
    content = re.sub("⦅[^⦆]*⦆", "", essay["content"])  # without the glosses the copy adds to terms
    for reading in readings:
        assert reading not in content
    assert "拼音" not in content.replace(" ", "").replace("\u200b", "")  # the pinyin switch
    assert essay["meta"]["title"] == page.select_one("h1")["data-title"]  # the title as written, not spaced


@needs_pagefind
def test_building_the_index_twice_gives_the_same_bytes(tmp_path):
    first, second = build_small_site(tmp_path / "a"), build_small_site(tmp_path / "b")
    index = [p for p in first.paths if p.startswith("pagefind/")]
    assert index == [p for p in second.paths if p.startswith("pagefind/")]
    for path in index:
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes(), path


def test_the_search_copy_spaces_han_characters_and_glosses_each_term_once():
    page = ('<h1 data-title="发展">发展</h1><p id="p1"><span class="term" data-term="新质生产力"><ruby>新质生产力'
            '<rt>xīnzhìshēngchǎnlì</ruby></span>，<span class="term" data-term="新质生产力">X</span></p>')
    copy = search_copy(page, {"新质生产力": "⦅xīnzhì shēngchǎnlì · new quality productive forces⦆"}, ["新质生产力"])
    assert 'data-title="发展"' in copy  # never inside a tag
    assert "<span class=\"term\" data-term=\"新质生产力\"> 新  质  生  产  力 </span> ⦅xīnzhì shēngchǎnlì" in copy
    assert "xīnzhìshēngchǎnlì" not in copy and "<rt>" not in copy  # the reading above the words is not indexed
    assert copy.count("⦅xīnzhì") == 1
    assert f"⦅{name_word('新质生产力')}⦆</h1>" in copy
    assert name_word("Xīnzhì  Shēngchǎnlì") == name_word("xinzhi shengchanli")
    # Pagefind skips a <footer>; an essay's footer (the author's note) is read as a plain block.
    assert search_copy('<footer class="essay-foot"><p>作者</p></footer>', {}) == '<div class="essay-foot"><p> 作  者 </p></div>'
    # The page's data for its popups is not indexed, and not handed to Pagefind at all.
    assert search_copy('<p>作</p><script type="application/json">{"新":"x"}</script><p>者</p>', {}) == "<p> 作 </p><p> 者 </p>"



def test_the_search_copy_holds_only_what_pagefind_reads_so_links_can_change_under_it():
    from site_gen.search import indexed_html

    def page(next_title: str, href: str, count: int) -> str:
        return (f'<!DOCTYPE html><html lang="zh-Hant"><head><title>T</title></head><body>'
                f'<header><a href="../">首頁</a></header>'
                f'<article class="essay" lang="zh-Hant" data-pagefind-body>'
                f'<h1 data-pagefind-meta="title[data-title]" data-title="發展" data-extra="x">發展</h1>\n'
                f'<p id="p1">見<a href="{href}">此處</a>。</p>\n'
                f'<ol class="occurrences"><li><ol class="occurrences"><li>引文</li></ol></li></ol>\n'
                + "<p class=\"more-uses\">更多</p>\n" * count +
                f'<table><tr><td class="num use-count">{count}</td><td>詞</td></tr></table>'
                f'</article><nav><a rel="next" href="x.html">{next_title}</a></nav>'
                f'<script type="application/json">{{"p": 1}}</script></body></html>')

    copy = indexed_html(page("下一篇", "a.html", 3))
    assert copy.startswith('<!DOCTYPE html><html lang="zh-Hant">')  # the page's language stays
    assert '<h1 data-pagefind-meta="title[data-title]" data-title="發展">發展</h1>' in copy  # what its meta names
    assert '<p id="p1">見<a>此處</a>。</p>' in copy  # the text stays, the address goes
    for left_out in ("首頁", "下一篇", "引文", "更多", "use-count", '"p": 1', "href"):
        assert left_out not in copy
    # What the neighbours, the links and the counts are does not change the copy.
    assert indexed_html(page("另一篇", "b.html", 7)) == copy
    # A page without a marked region (or one never closed) is kept whole, less its scripts.
    assert indexed_html("<p>作</p><script>x</script>") == "<p>作</p>"
    assert indexed_html('<div data-pagefind-body><p>作</p>') == '<div data-pagefind-body><p>作</p>'


# ── What a reader finds ──────────────────────────────────────────────────────


@pytest.mark.browser
@needs_chromium
def test_a_simplified_term_finds_its_page_first_then_every_simplified_page_holding_it(reader, served):
    _, folder = served
    page = reader(f"hans/{SLUG}.html")
    results = search(page, "新质生产力")
    assert results[0]["title"] == "新质生产力" and "Term" in results[0]["kind"]
    assert "new quality productive forces" in results[0]["details"]
    assert {page_of(r["href"]) for r in results} == pages_holding(folder, "hans", "新质生产力")
    essays = [r for r in results if page_of(r["href"]).count("/") == 1 and "glossary" not in r["href"]]
    assert essays and all(r["marked"] == ["新质生产力"] for r in essays)
    assert all("新质生产力" in r["excerpt"] for r in results[1:])
    assert f"找到 {len(results)} 项" in page.text_content("#search-status")


@pytest.mark.browser
@needs_chromium
def test_following_a_result_lands_on_the_paragraph_of_the_hit(reader):
    page = reader(f"hans/{SLUG}.html")
    results = search(page, "内在要求")  # in a quote in the middle of the essay
    (hit,) = [r for r in results if page_of(r["href"]) == f"hans/{SLUG}.html"]
    assert "#" in hit["href"]
    page.click(f".search-title a[href='{hit['href']}']")
    page.wait_for_load_state()
    fragment = page.url.split("#", 1)[1]
    target = page.locator(f"[id='{fragment}']")
    text = target.evaluate("e => { const c = e.cloneNode(true); c.querySelectorAll('rt').forEach(r => r.remove()); "
                           "return c.textContent; }")
    assert "内在要求" in text
    assert target.is_visible()
    box = target.bounding_box()
    assert 0 <= box["y"] < PHONE["height"]


@pytest.mark.browser
@needs_chromium
def test_a_traditional_term_on_a_traditional_page_finds_traditional_pages(reader, served):
    _, folder = served
    page = reader(f"hant/{SLUG}.html")
    results = search(page, "新質生產力")
    assert results[0]["title"] == "新質生產力"
    assert {page_of(r["href"]) for r in results} == pages_holding(folder, "hant", "新質生產力")
    assert all(page_of(r["href"]).startswith("hant/") for r in results)
    assert "找到" in page.text_content("#search-status") and "項" in page.text_content("#search-status")


@pytest.mark.browser
@needs_chromium
def test_part_of_a_word_is_found_wherever_it_stands(reader, served):
    _, folder = served
    page = reader(f"hans/{SLUG}.html")
    for query in ("生产力", "质生", "智能"):  # inside 新质生产力, across its characters, inside 人工智能
        found = {page_of(r["href"]) for r in search(page, query)}
        assert found == pages_holding(folder, "hans", query), query


@pytest.mark.browser
@needs_chromium
def test_the_other_script_is_searched_when_the_page_script_finds_nothing(reader):
    page = reader(f"hans/{SLUG}.html")
    results = search(page, "新質生產力")
    assert results and all(page_of(r["href"]).startswith("hant/") for r in results)
    assert "繁体版" in page.text_content("#search-status")


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("query", ["xinzhi", "xinzhi shengchanli", "productive forces"])
def test_pinyin_and_english_find_the_term_page_and_the_essays_using_it(reader, served, query):
    _, folder = served
    page = reader(f"hans/{SLUG}.html")
    results = search(page, query)
    term = "hans/terms/xinzhi-shengchanli.html"
    assert page_of(results[0]["href"]) == term
    using = {f"hans/{essay.slug}.html" for essay in make_site().essays
             if "新质生产力" in indexed_text(folder, f"hans/{essay.slug}.html")}
    assert using and using <= {page_of(r["href"]) for r in results}
    for result in results:
        assert "⦅" not in result["excerpt"] and not re.search(r"qn[0-9a-f]{8}", result["excerpt"])
        assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", result["title"] + result["excerpt"])


@pytest.mark.browser
@needs_chromium
def test_the_keyboard_moves_between_the_box_and_the_results(reader):
    page = reader("hans/glossary.html")
    results = search(page, "人工智能")
    assert results[0]["title"] == "人工智能"
    page.focus("#search-input")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "人工智能"
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.press("Escape")
    assert page.input_value("#search-input") == "" and page.is_hidden("#search-panel")
    assert page.get_attribute("#search-status", "aria-live") == "polite"


@pytest.mark.browser
@needs_chromium
def test_nothing_found_is_said(reader):
    page = reader(f"hant/{SLUG}.html")
    assert search(page, "量子引力") == []
    assert "沒有找到" in page.text_content("#search-status")


@pytest.mark.browser
@needs_chromium
def test_opened_from_a_file_the_box_says_to_serve_the_site(reader, served):
    _, folder = served
    page = reader((folder / f"hans/{SLUG}.html").as_uri())
    assert page.is_visible("#search-input")
    page.fill("#search-input", "新质生产力")
    page.wait_for_function("() => document.querySelector('#search-status').textContent.includes('site-gen serve')")
    assert "http" in page.text_content("#search-status")
    assert page.locator(".search-hit").count() == 0


@pytest.mark.browser
@needs_chromium
def test_without_javascript_there_is_no_dead_search_box(browser, served):
    base, _ = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + f"hans/{SLUG}.html")
    assert page.is_hidden("#site-search")
    context.close()


def test_the_header_search_box_is_labelled_in_the_page_script():
    from site_gen.publish import render_pages

    pages = render_pages(make_site())
    hans, hant = pages[f"hans/{SLUG}.html"], pages[f"hant/{SLUG}.html"]
    form = BeautifulSoup(hans, "html.parser").select_one("header form[role=search]")
    assert form.has_attr("hidden") and form["data-index"] == "../pagefind/hans/site/pagefind.js"
    assert BeautifulSoup(hans, "html.parser").select_one("label[for=search-input]").get_text() == "搜索 · Search"
    assert BeautifulSoup(hant, "html.parser").select_one("label[for=search-input]").get_text() == "搜尋 · Search"
    assert "<script>" not in hans and " style=" not in hans


def test_essays_are_spread_over_shards_that_change_only_when_the_corpus_doubles():
    from site_gen.render import urls

    assert [urls.search_shard_count(n) for n in (0, 1, 64, 65, 128, 129, 1000)] == [1, 1, 1, 2, 2, 4, 16]
    slugs = [f"essay-{n}" for n in range(1000)]
    shards = Counter(urls.essay_search_shard(slug, 16) for slug in slugs)
    assert len(shards) == 16 and max(shards.values()) < 2 * 1000 / 16  # evenly enough
    assert urls.page_search_shard("hans/essay-7.html", 16) == urls.essay_search_shard("essay-7", 16)
    assert urls.page_search_shard("hant/terms/suanli.html", 16) == urls.SITE_SHARD
    assert urls.page_search_shard("hant/glossary.html", 16) == urls.SITE_SHARD
    assert urls.page_search_shard("hans/essay-7.html", 1) == urls.SITE_SHARD  # a small site: one bundle


@needs_pagefind
def test_a_rebuild_indexes_again_only_the_shards_whose_pages_changed(tmp_path, monkeypatch):
    from site_gen import search
    from site_gen.render import urls

    ran: list[str] = []
    real = search.run_pagefind
    monkeypatch.setattr(search, "run_pagefind", lambda pages, out: (ran.append(pages.name), real(pages, out)))
    monkeypatch.setattr(urls, "ESSAYS_PER_SEARCH_SHARD", 1)  # the small site's essays in shards of their own
    folder, store = tmp_path / "site", tmp_path / "store"
    site = make_site()
    glossary = site.glossary
    publish(site, Writer(folder))
    pages = sorted(folder.glob("hans/*.html"))
    essay = next(p for p in pages if p.name != "glossary.html")
    shard = urls.page_search_shard(f"hans/{essay.name}", urls.search_shard_count(len(pages) - 1))
    search.write_search_index(folder, glossary, Writer(folder), store)
    first = sorted(ran)
    assert first.count(urls.SITE_SHARD) == 2 and len(first) > 2  # both editions: the site's and the essays' shards
    ran.clear()
    shutil.rmtree(folder / "pagefind")
    search.write_search_index(folder, glossary, Writer(folder), store)
    assert ran == []  # nothing changed: every shard's index is taken from the store
    # The essay's links (here the way home) change: not what is indexed, so nothing is indexed again.
    text = essay.read_text(encoding="utf-8")
    assert text.count('href="../index.html"') >= 1
    essay.write_text(text.replace('href="../index.html"', 'href="../index.html#top"'), encoding="utf-8")
    shutil.rmtree(folder / "pagefind")
    search.write_search_index(folder, glossary, Writer(folder), store)
    assert ran == []
    essay.write_text(essay.read_text(encoding="utf-8").replace("</h1>", "改</h1>", 1), encoding="utf-8")
    shutil.rmtree(folder / "pagefind")
    search.write_search_index(folder, glossary, Writer(folder), store)
    assert ran == [shard]  # only the changed essay's shard, in its edition


def test_a_term_pages_list_of_further_essays_is_not_indexed(tmp_path, monkeypatch):
    # Else every essay title listed there makes the term page a hit for a search of that title.
    from site_gen.render import terms

    monkeypatch.setattr(terms, "ESSAYS_QUOTED", 1)  # the small site's other essays go to the list
    folder = tmp_path / "site"
    publish(make_site(), Writer(folder))
    page = folder / "hans" / "terms" / "xinzhi-shengchanli.html"
    listed = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(".further-essays li a")
    assert listed  # the list is there for the reader
    for link in listed:
        assert link.get_text() not in indexed_text(folder, "hans/terms/xinzhi-shengchanli.html")

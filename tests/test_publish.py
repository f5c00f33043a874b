"""The published site as a whole: layout, links that resolve, data files, determinism, weight."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from bs4 import BeautifulSoup
from opencc import OpenCC

from site_factory import PROJECT, long_essay, make_essay, make_site
from site_gen.errors import ConfigError
from site_gen.model import EDITIONS, Change
from site_gen.publish import publish, render_pages
from site_gen.writer import Writer

SLUGS = ("rengong-zhineng-funeng", "rengong-zhineng-jia", "shisiwu-zhuji")
PAGE_LIMIT = 400 * 1024


def publish_to(folder: Path, site) -> dict[str, bytes]:
    writer = Writer(folder)
    publish(site, writer)
    return {path: (folder / path).read_bytes() for path in writer.paths}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return publish_to(tmp_path_factory.mktemp("site"), make_site())


def html_pages(files):
    return {path: BeautifulSoup(data.decode(), "html.parser") for path, data in files.items() if path.endswith(".html")}


def test_every_file_of_the_layout_is_written(files):
    expected = {"index.html", "about.html", "essays.json", "glossary.json"}
    for slug in SLUGS:
        expected |= {f"notes/{slug}.html"} | {f"{e}/{slug}.{ext}" for e in EDITIONS for ext in ("html", "txt")}
    for edition in EDITIONS:
        expected |= {f"{edition}/glossary.html", f"{edition}/terms/xinzhi-shengchanli.html"}
    assert expected <= set(files)
    assert "sitemap.xml" not in files  # no base URL, no sitemap
    scripts = [path for path in files if re.fullmatch(r"static/site\.[0-9a-f]{10}\.js", path)]
    assert len(scripts) == 1  # published under a name that changes with its bytes
    assert files[scripts[0]] == (PROJECT / "site_gen" / "static" / "site.js").read_bytes()


def assert_links_resolve(files: dict[str, bytes]) -> int:
    """Every href/src is relative and lands on a written file (and on an existing id); returns how many."""
    pages = html_pages(files)
    checked = 0
    for path, page in pages.items():
        if path == "404.html":  # served at any depth, so its links start at the root (tests/test_publishing.py)
            continue
        for node in page.select("[href], [src]"):
            link = node.get("href") or node.get("src")
            assert not re.match(r"^[a-z]+:|^//|^/", link), f"{path}: {link}"
            target, _, anchor = link.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) if target else path
            assert resolved in files, f"{path}: {link} -> {resolved}"
            if anchor and resolved.endswith(".html"):
                assert pages[resolved].find(id=anchor) is not None, f"{path}: {link}"
            checked += 1
    return checked


def test_every_link_is_relative_and_lands_on_a_written_file_and_anchor(files):
    assert assert_links_resolve(files) > 300


def test_no_page_asks_another_host_for_anything(files):
    for path, data in files.items():
        if path.endswith((".html", ".css", ".js")):
            text = data.decode()
            assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text), path
            assert "@import" not in text and "url(http" not in text, path


def test_home_lists_every_essay_with_both_editions(files):
    home = html_pages(files)["index.html"]
    cards = home.select(".essay-card")
    assert [c.select_one("h3 a")["href"] for c in cards] == [f"hans/{s}.html" for s in SLUGS]
    first = cards[0]
    assert first.select_one(".title-en").get_text() == "Paths for AI to empower new productive forces"
    assert "刘晖、任晓刚" in first.get_text() and "2025-03-10" in first.get_text()
    assert {a["href"] for a in first.select(".editions a")} == {f"{e}/{SLUGS[0]}.html" for e in EDITIONS}
    assert first.select_one(".excerpt").get_text().endswith("…")
    assert {"hans/glossary.html", "hant/glossary.html", "about.html"} <= {a["href"] for a in home.select("a")}


def test_prev_next_run_in_home_order(files):
    pages = html_pages(files)
    middle = pages[f"hant/{SLUGS[1]}.html"]
    assert middle.select_one("a[rel=prev]")["href"] == f"{SLUGS[0]}.html"
    assert middle.select_one("a[rel=next]")["href"] == f"{SLUGS[2]}.html"
    assert pages[f"hans/{SLUGS[0]}.html"].select_one("a[rel=prev]") is None


def test_essays_and_term_pages_link_both_ways(files):
    pages = html_pages(files)
    essay = pages[f"hans/{SLUGS[0]}.html"]
    assert "terms/xinzhi-shengchanli.html" in {a["href"] for a in essay.select(".key-terms a")}
    term = pages["hans/terms/xinzhi-shengchanli.html"]
    backlinks = {a["href"].split("#")[0] for a in term.select(".occurrences a")}
    assert f"../{SLUGS[0]}.html" in backlinks
    first = term.select_one(".occurrences li")
    assert first.mark.get_text() == "新质生产力" and first.q.get_text().endswith(("。", "！", "？", "”"))


def test_related_essays_share_terms(files):
    related = html_pages(files)[f"hans/{SLUGS[0]}.html"].select(".related a")
    assert related and all(a["href"] in {f"{s}.html" for s in SLUGS[1:]} for a in related)


def test_glossary_index_lists_every_term_with_counts_and_sort_controls(files):
    site = make_site()
    page = html_pages(files)["hant/glossary.html"]
    rows = page.select("#glossary-table tbody tr")
    assert len(rows) == len(site.glossary.terms)
    row = next(r for r in rows if "新質生產力" in r.get_text())
    # The count is of the essays' text; a title that names the term is not an occurrence.
    counted = sum(len(p.select("article > :not(header) .term[data-term=新质生产力]"))
                  for path, p in html_pages(files).items()
                  if path.startswith("hans/") and path.count("/") == 1 and path != "hans/glossary.html")
    assert int(row["data-count"]) == counted > 0
    assert "xinzhi shengchanli" in row["data-search"] and "new quality" in row["data-search"]
    assert {b["data-sort"] for b in page.select("th button")} == {"pinyin", "english", "count"}
    assert page.select_one("th[aria-sort=ascending] button")["data-sort"] == "pinyin"


def test_essays_json_describes_every_essay(files):
    entries = json.loads(files["essays.json"])
    assert [e["slug"] for e in entries] == list(SLUGS)
    first = entries[0]
    assert first["title"] == {"hans": "人工智能赋能新质生产力的路径指引", "hant": "人工智能賦能新質生產力的路徑指引"}
    assert first["source"] == "003_c4ec37985887901a.txt" and first["authors"] == ["刘晖", "任晓刚"]
    assert first["urls"]["hant"] == f"hant/{SLUGS[0]}.html" and first["urls"]["hans_text"] == f"hans/{SLUGS[0]}.txt"
    assert set(first["urls"]) == {"hans", "hant", "hans_text", "hant_text", "notes"}
    assert all(url in files for url in first["urls"].values())


def test_glossary_json_counts_occurrences_per_essay(files):
    terms = {t["headword"]: t for t in json.loads(files["glossary.json"])}
    new_forces = terms["新质生产力"]
    assert new_forces["count"] == sum(new_forces["counts"].values()) > 0
    assert set(new_forces["counts"]) <= set(SLUGS)
    assert terms["卡脖子"]["count"] == 0 and terms["卡脖子"]["counts"] == {}
    assert all(url in files for url in new_forces["pages"].values())


def test_source_notes_show_the_seed_hash_and_changes_by_action(files):
    page = html_pages(files)[f"notes/{SLUGS[0]}.html"]
    seed = PROJECT / "seeds" / "003_c4ec37985887901a.txt"
    assert page.select_one("code.hash").get_text() == hashlib.sha256(seed.read_bytes()).hexdigest()
    headings = [h.get_text() for h in page.select(".change-group h2")]
    assert headings == ["已删除 · Removed (1)", "已修复 · Repaired (1)", "编者补字 · Restored by the editor (1)"]
    assert [th.get_text() for th in page.select(".change-group thead")[0].select("th")] == [
        "规则 · Rule", "行 · Lines", "原文 · Text", "原因 · Why"]  # nothing removed has a result
    assert page.select_one("td[lang=en]").get_text() == "share buttons"


def notes_of(changes) -> BeautifulSoup:
    """The source notes of a one-essay site whose essay has ``changes``."""
    essay = make_essay("002", "notes-case", 3)
    essay = replace(essay, changes=tuple(changes))
    pages = render_pages(make_site([essay]))
    return pages, BeautifulSoup(pages["notes/notes-case.html"], "html.parser")


def test_removed_spacing_and_bullets_are_drawn_not_left_blank():
    _, page = notes_of([Change("normalize_whitespace", "removed", (4,), "  • ", why="bullets"),
                        Change("normalize_whitespace", "removed", (5,), "\u00a0\u200b", why="spacing")])
    cells = [td.get_text(" ", strip=True) for td in page.select("td.src")]
    assert cells[0].startswith("␣␣•␣") and "空白" in cells[0]
    assert cells[1].startswith("⍽⟨U+200B⟩")


def test_spam_is_withheld_everywhere_while_its_report_row_stays():
    spam = "澳门首家线上赌场上线啦"
    pages, page = notes_of([Change("normalize_whitespace", "repaired", (66,), "  " + spam, spam, "indentation"),
                            Change("remove_trailing_spam", "removed", (66,), spam, why="spam after the article")])
    assert not [path for path, text in pages.items() if "澳门首家" in text]
    rows = {tr.select_one("td.rule").get_text(): tr for tr in page.select("tbody tr")}
    spam_row = rows["remove_trailing_spam"]
    assert spam_row.select_one("td.lines").get_text() == "66"
    assert f"({len(spam)} characters)" in spam_row.get_text() and "line 66" in spam_row.get_text()
    assert "withheld" in rows["normalize_whitespace"].get_text()  # a repair of the same line would repeat it


def test_no_file_of_the_real_site_shows_the_spam_of_seed_002(real_site):
    (seed,) = (PROJECT / "seeds").glob("002_*.txt")
    spam = seed.read_text(encoding="utf-8").split("\n")[65].strip()  # line 66, removed as spam
    assert spam
    forms = {spam, OpenCC("s2t").convert(spam), OpenCC("t2s").convert(spam)}
    for path in real_site.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [form for form in forms if form in text], path
    notes = [BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in (real_site / "notes").glob("*.html")]
    page = next(n for n in notes if n.select_one(f"code:-soup-contains('{seed.name}')"))
    rows = [tr for tr in page.select("tbody tr") if "spam" in tr.select_one("td.rule").get_text()]
    assert rows and rows[0].select_one("td.lines").get_text() == "66"
    assert f"{len(spam)} characters" in rows[0].get_text()


def test_about_page_credits_the_data(files):
    text = html_pages(files)["about.html"].get_text()
    for name in ("CC-CEDICT", "CC BY-SA 4.0", "MDBG", "OpenCC", "pypinyin", "jieba", "english.www.gov.cn"):
        assert name in text


def test_two_publishes_give_identical_bytes(tmp_path, files):
    assert publish_to(tmp_path / "again", make_site()) == files


def test_base_url_adds_canonical_links_and_a_sitemap(tmp_path):
    files = publish_to(tmp_path, make_site(base_url="https://example.org/read/"))
    sitemap = files["sitemap.xml"].decode()
    assert "<loc>https://example.org/read/hant/shisiwu-zhuji.html</loc>" in sitemap
    assert sitemap.count("<loc>") == sum(1 for p in files if p.endswith(".html") and p != "404.html")
    page = BeautifulSoup(files["hans/shisiwu-zhuji.html"].decode(), "html.parser")
    assert page.select_one("link[rel=canonical]")["href"] == "https://example.org/read/hans/shisiwu-zhuji.html"


def test_markup_of_the_largest_seed_leaves_half_the_budget_for_its_word_data(tmp_path):
    # The stand-in segmenter makes more distinct words than a real one, so only the
    # markup is measured here; the real pages are measured in the next test.
    files = publish_to(tmp_path, make_site([long_essay()]))
    for edition in EDITIONS:
        page = files[f"{edition}/longest.html"].decode()
        markup = page[: page.index('<script type="application/json"')]
        assert 60 * 1024 < len(markup.encode()) < PAGE_LIMIT // 2


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    build = pytest.importorskip("site_gen.build")
    from site_gen.config import load_config

    folder = tmp_path_factory.mktemp("real")
    config = load_config(PROJECT, {"out": folder / "site", "cache": folder / "cache"})
    build.build(config, log=lambda line: None)
    return folder / "site"


def test_every_real_essay_page_with_its_data_stays_under_400_kb(real_site):
    # The budget is for the page's markup and data; the English translation is the essay's own
    # text in a second language (up to 37 KB), and is counted apart.
    import re

    pages = sorted(real_site.glob("han[st]/*.html"))
    essays = [p for p in pages if p.name != "glossary.html"]
    assert len(essays) >= 10
    for page in essays:
        html = page.read_text(encoding="utf-8")
        english = sum(len(part.encode()) for part in re.findall(r'<details class="trans[^"]*" lang="en">.*?</details>',
                                                                   html, re.S))
        assert english < 60_000, page.name
        assert page.stat().st_size - english < PAGE_LIMIT, page.name


def test_a_project_template_replaces_only_its_own_file(tmp_path):
    """Like a theme override: one file in the project's templates/, the rest from the package."""
    about = (PROJECT / "site_gen" / "templates" / "about.html").read_text(encoding="utf-8")
    (tmp_path / "about.html").write_text(about.replace("{% block main %}", "{% block main %}<p id=mine>本站自述</p>"),
                                         encoding="utf-8")
    publish(make_site(templates=tmp_path), Writer(tmp_path / "out"))
    assert "本站自述" in (tmp_path / "out" / "about.html").read_text(encoding="utf-8")
    assert "本站自述" not in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_a_project_static_file_replaces_the_packages_and_gets_a_new_name(tmp_path):
    from site_gen.config import Config

    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "site.css").write_text("body { color: navy; }\n", encoding="utf-8")
    (tmp_path / "static" / "favicon.ico").write_bytes(b"\0icon")
    site = make_site()
    site.config = Config(source=site.config.source, static=tmp_path / "static")
    publish(site, Writer(tmp_path / "out"))
    css = list((tmp_path / "out" / "static").glob("site.*.css"))
    assert [p.read_text() for p in css] == ["body { color: navy; }\n"]
    assert (tmp_path / "out" / "static" / "favicon.ico").read_bytes() == b"\0icon"  # kept by name
    assert f'href="static/{css[0].name}"' in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_a_templates_folder_named_in_the_settings_must_exist(tmp_path):
    from site_gen.config import load_config

    (tmp_path / "site.toml").write_text('title = "x"\ntemplates = "my-theme"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"site.toml:2: option 'templates': the folder .*my-theme does not exist"):
        load_config(tmp_path)


def test_broken_template_names_file_and_line(tmp_path):
    for template in (PROJECT / "site_gen" / "templates").glob("*.html"):
        (tmp_path / template.name).write_text(template.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.html").write_text("{% extends 'base.html' %}\n{% block main %}\n{{ oops(\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        publish(make_site(templates=tmp_path), Writer(tmp_path / "out"))
    assert "notes.html:3" in str(error.value)


def test_every_link_of_the_real_site_resolves(real_site):
    files = {p.relative_to(real_site).as_posix(): p.read_bytes() for p in real_site.rglob("*") if p.is_file()}
    assert assert_links_resolve(files) > 1000


_SITE_PART = st.sampled_from(["hans", "hant", "terms", "static", "pagefind", "site", "a.html", "b.txt", ".", ".."])


@given(st.lists(_SITE_PART, min_size=1, max_size=4), st.lists(_SITE_PART, min_size=1, max_size=4),
       st.sampled_from(["", "/", "#p3"]))
def test_a_link_between_two_site_paths_is_what_relpath_gives(here, there, tail):
    # Links are worked out by comparing path parts (fast, since a term page links to hundreds
    # of essays); they must be exactly the standard library's relative paths.
    from site_gen.render.urls import relative

    page, target = "/".join(here), "/".join(there) + tail
    path, _, fragment = target.partition("#")
    want = posixpath.relpath(path, posixpath.dirname(page) or ".") + (f"#{fragment}" if fragment else "")
    assert relative(page, target) == want


@given(st.lists(st.sets(st.sampled_from("ABCDEFGH")), min_size=1, max_size=12))
def test_related_essays_are_those_sharing_most_terms_with_home_order_breaking_ties(term_sets):
    from collections import Counter
    from types import SimpleNamespace

    from site_gen.render import terms

    essays = [SimpleNamespace(slug=f"e{n}") for n in range(len(term_sets))]
    counts = {e.slug: Counter(used) for e, used in zip(essays, term_sets)}
    site = SimpleNamespace(essays=essays)
    original = terms.counts_by_essay
    terms.counts_by_essay = lambda site: counts
    try:
        related = terms.related_essays(site, limit=3)
    finally:
        terms.counts_by_essay = original
    for essay, used in zip(essays, term_sets):
        shared = [(len(used & other_used), at) for at, other_used in enumerate(term_sets)
                  if essays[at] is not essay and used & other_used]
        want = [essays[at].slug for _, at in sorted(shared, key=lambda pair: (-pair[0], pair[1]))[:3]]
        assert [e.slug for e in related[essay.slug]] == want

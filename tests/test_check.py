"""site-gen check: a built site's links, anchors, orphan pages, sitemap, feeds and JSON, one line per problem."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from site_factory import make_site
from site_gen.check import check_site, css_urls, site_base_url, srcset_urls
from site_gen.cli import main
from site_gen.publish import publish
from site_gen.writer import Writer

BASE = "https://example.org/reading/"
ESSAY = "hans/rengong-zhineng-funeng.html"


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("checked") / "site"
    publish(make_site(base_url=BASE), Writer(folder))
    return folder


@pytest.fixture
def site(clean_site, tmp_path) -> Path:
    """A copy of the clean site, to break."""
    return Path(shutil.copytree(clean_site, tmp_path / "site"))


@pytest.fixture
def problems(clean_site):
    """The problems check finds in a broken copy that it does not find in the clean site."""
    def found(folder: Path, base: str = BASE) -> list[str]:
        known = set(check_site(clean_site, base).problems)  # none, test_a_clean_built_site_passes says
        return [problem for problem in check_site(folder, base).problems if problem not in known]

    return found


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_a_clean_built_site_passes(clean_site, capsys, monkeypatch):
    report = check_site(clean_site, BASE)
    assert report.problems == []
    assert report.pages > 20 and report.links > 300
    monkeypatch.chdir(clean_site.parent)
    assert main(["check", "--out", "site"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("checked ") and out[0].endswith("no problems")


def test_the_base_url_is_read_from_the_sites_own_canonical_links(clean_site, tmp_path):
    assert site_base_url(clean_site) == BASE
    assert site_base_url(tmp_path, "https://example.org/x/") == "https://example.org/x/"


def test_a_missing_page_is_named_with_every_page_that_links_to_it(problems, site, capsys, monkeypatch):
    (site / "hant/shisiwu-zhuji.html").unlink()
    found = problems(site)
    assert "hans/shisiwu-zhuji.html: link to hant/shisiwu-zhuji.html: no such file" in found
    assert f"sitemap.xml: lists {BASE}hant/shisiwu-zhuji.html: no such page" in found
    monkeypatch.chdir(site.parent)
    assert main(["check", "--out", "site"]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert "hans/shisiwu-zhuji.html: link to hant/shisiwu-zhuji.html: no such file" in out
    assert re.fullmatch(r"checked \d+ files \(\d+ pages, \d+ internal links\) in [\d.]+ s: \d+ problem\(s\)", out[-1])


def test_a_missing_anchor_names_the_page_the_link_and_the_id(problems, site):
    page = site / "hant/terms/rengong-zhineng.html"
    link = re.search(r'href="\.\./rengong-zhineng-funeng\.html#(p\d+)"', page.read_text(encoding="utf-8"))
    assert link, "the term page links to a paragraph of the essay"
    anchor = link.group(1)
    edit(site / "hant/rengong-zhineng-funeng.html", f'id="{anchor}"', f'id="{anchor}-renamed"')
    assert (f"hant/terms/rengong-zhineng.html: link to hant/rengong-zhineng-funeng.html#{anchor}: "
            f"no element with id {anchor}") in problems(site)


def test_a_link_to_an_anchor_of_another_page_is_checked_against_that_page(problems, site):
    edit(site / ESSAY, "</main>", '<a href="../hant/rengong-zhineng-jia.html#p-9">x</a></main>')
    assert problems(site) == [f"{ESSAY}: link to hant/rengong-zhineng-jia.html#p-9: no element with id p-9"]


def test_an_orphan_page_is_named_but_not_the_404_page(problems, site):
    (site / "hans/stray.html").write_text('<!doctype html><title>x</title><a href="../index.html">home</a>',
                                          encoding="utf-8")
    (site / "404.html").write_text('<!doctype html><title>404</title><a href="/reading/index.html">home</a>',
                                   encoding="utf-8")
    assert problems(site) == ["hans/stray.html: orphan page: no link leads to it from index.html"]


def test_a_page_reached_only_through_a_head_link_is_an_orphan(problems, site):
    (site / "hans/hidden.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    edit(site / "index.html", "</head>", '<link rel="alternate" href="hans/hidden.html"></head>')
    assert problems(site) == ["hans/hidden.html: orphan page: no link leads to it from index.html"]


def test_a_sitemap_that_is_not_xml_is_named(problems, site):
    sitemap = site / "sitemap.xml"
    sitemap.write_text(sitemap.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    (found,) = problems(site)
    assert found.startswith("sitemap.xml: not valid XML:")


def test_a_sitemap_outside_the_sitemap_namespace_is_named(problems, site):
    edit(site / "sitemap.xml", "http://www.sitemaps.org/schemas/sitemap/0.9", "http://example.org/not-a-sitemap")
    (found,) = problems(site)
    assert found.startswith("sitemap.xml: not a sitemap: the root element is <urlset>")


def test_a_sitemap_listing_a_missing_page_is_named(problems, site):
    edit(site / "sitemap.xml", "</urlset>", f"<url><loc>{BASE}hans/gone.html</loc></url>\n"
                                            "<url><loc>https://elsewhere.org/a.html</loc></url></urlset>")
    assert problems(site) == [
        f"sitemap.xml: lists {BASE}hans/gone.html: no such page",
        f"sitemap.xml: lists https://elsewhere.org/a.html: not under the site's base URL {BASE}",
    ]


def test_feeds_parse_and_their_entry_links_land(problems, site):
    (site / "hans/feed.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f'<link rel="self" href="{BASE}hans/feed.xml"/><link href="{BASE}index.html"/>'
        f'<entry><link href="{BASE}hans/rengong-zhineng-funeng.html"/></entry>'
        f'<entry><link href="{BASE}hans/gone.html"/></entry>'
        '<entry><link href="rengong-zhineng-jia.html#nowhere"/></entry></feed>', encoding="utf-8")
    (site / "hant/feed.xml").write_text('<feed xmlns="http://www.w3.org/2005/Atom"><entry>', encoding="utf-8")
    found = problems(site)
    assert found[:2] == ["hans/feed.xml: entry link to hans/gone.html: no such file",
                         "hans/feed.xml: entry link to hans/rengong-zhineng-jia.html#nowhere: no element with id nowhere"]
    assert found[2].startswith("hant/feed.xml: not valid XML:") and len(found) == 3


def test_json_files_must_parse(problems, site):
    (site / "essays.json").write_text('{"essays": [', encoding="utf-8")
    (found,) = problems(site)
    assert found.startswith("essays.json: not valid JSON:")


def test_links_outside_the_site_or_its_base_path_are_problems_and_other_hosts_are_only_collected(problems, site):
    edit(site / ESSAY, "</main>",
         '<a href="../../../etc/passwd">a</a><a href="/elsewhere/x.html">b</a>'
         '<a href="https://example.org/other-site/">c</a><a href="//cdn.example.net/x.js">d</a>'
         '<a href="mailto:editor@example.org">e</a><a href="/reading/hant/glossary.html">f</a>'
         f'<a href="{BASE}hans/nope.html">g</a></main>')
    assert problems(site) == [
        f"{ESSAY}: link ../../../etc/passwd: leaves the site's folder",
        f"{ESSAY}: link /elsewhere/x.html: outside the base path /reading/",
        f"{ESSAY}: link to hans/nope.html: no such file",
    ]
    assert set(check_site(site, BASE).external) == {"https://example.org/other-site/", "//cdn.example.net/x.js"}


def test_without_a_base_url_absolute_links_are_other_hosts_and_root_links_start_at_the_site(problems, site):
    edit(site / ESSAY, "</main>", '<a href="/hans/glossary.html">a</a><a href="/hans/none.html">b</a></main>')
    found = problems(site, base="")
    assert found == [f"{ESSAY}: link to hans/none.html: no such file"]


def test_srcset_and_stylesheet_urls_are_checked(problems, site):
    edit(site / ESSAY, "</main>",
         '<img alt="" src="../static/a.png" srcset="../static/a.png 1x, ../static/b%20c.png 2x"></main>')
    (site / "static/a.png").write_bytes(b"png")
    css = next((site / "static").glob("*.css"))
    css.write_text(css.read_text(encoding="utf-8") + '\n/* url(gone.png) */ .x { background: url("a.png") }'
                   " .y { background: url(fonts/none.woff2) } .z { background: url(data:image/png;base64,AA==) }",
                   encoding="utf-8")
    assert problems(site) == [f"{ESSAY}: link to static/b c.png: no such file",
                              f"static/{css.name}: link to static/fonts/none.woff2: no such file"]


def test_srcset_and_css_parsing():
    assert srcset_urls("a.png 1x, b.png 2x") == ["a.png", "b.png"]
    assert srcset_urls("a.png, b.png 480w,c.png") == ["a.png", "b.png", "c.png"]
    assert srcset_urls("data:image/png;base64,AA 1x") == ["data:image/png;base64,AA"]
    assert srcset_urls(" x.png (max-width: 1px) 1x, y.png") == ["x.png", "y.png"]
    assert css_urls("@import 'a.css'; b { c: url( 'd.png' ) } /* url(e.png) */ f { g: url(h.svg#i) }") == \
        ["a.css", "d.png", "h.svg#i"]


def test_a_site_without_a_home_page_says_so(problems, site):
    (site / "index.html").unlink()
    assert "index.html: missing: the site has no home page" in problems(site)


def test_no_site_folder_is_one_line_and_exit_1(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "_site" in err and "site-gen build" in err


def test_the_real_seeds_site_passes_in_about_a_second(built_site):
    started = time.perf_counter()
    report = check_site(built_site, site_base_url(built_site))
    assert report.problems == []
    assert report.pages > 200 and report.links > 4000
    assert time.perf_counter() - started < 5  # about 0.2 s on the 2-core machine


def test_robots_txt_must_name_an_existing_sitemap(problems, site):
    (site / "robots.txt").write_text(f"User-agent: *\nDisallow:\n\nSitemap: {BASE}sitemaps.xml\n", encoding="utf-8")
    assert problems(site) == ["robots.txt: sitemap line to sitemaps.xml: no such file"]

"""Publishing as Hugo and MkDocs do: head metadata, sitemap, robots.txt, feeds, 404.html, the
Content-Security-Policy (in a real browser, from file:// and over http), each essay's source,
and a host's own files kept across rebuilds."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import chromium
from bs4 import BeautifulSoup
from lxml import etree

from site_factory import make_essay, make_site
from site_gen.build import MARKER, _publish_into
from site_gen.config import load_config
from site_gen.errors import ConfigError, SidecarError
from site_gen.model import EDITIONS
from site_gen.publish import publish
from site_gen.render.meta import CONTENT_SECURITY_POLICY, source_link
from site_gen.writer import Writer

BASE = "https://example.org/reading/"
SLUG = "rengong-zhineng-funeng"  # dated 2025-03-10, with an English title and two authors
UNDATED = "shisiwu-zhuji"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
CHROMIUM = Path("/usr/bin/chromium")


def publish_to(folder: Path, site) -> dict[str, bytes]:
    writer = Writer(folder)
    publish(site, writer)
    return {path: (folder / path).read_bytes() for path in writer.paths}


def sourced_site(base_url: str = BASE):
    """The factory site, its first essay naming its publication, its page and when that page was saved."""
    site = make_site(base_url=base_url)
    first = site.essays[0]
    sourced = replace(first, source_url="https://www.gmw.cn/xueshu/2025-03/10/content_1.htm", retrieved="2025-11-07")
    site.essays = (sourced, *site.essays[1:])
    for edition in EDITIONS:
        annotated = site.editions[(first.slug, edition)]
        site.editions[(first.slug, edition)] = replace(
            annotated, essay=replace(annotated.essay, source_url=sourced.source_url, retrieved=sourced.retrieved))
    return site


@pytest.fixture(scope="module")
def with_base(tmp_path_factory):
    return publish_to(tmp_path_factory.mktemp("with-base"), sourced_site())


@pytest.fixture(scope="module")
def without_base(tmp_path_factory):
    return publish_to(tmp_path_factory.mktemp("without-base"), sourced_site(""))


def soup(files, path):
    return BeautifulSoup(files[path].decode(), "html.parser")


def meta(page, key: str) -> list[str]:
    return [m["content"] for m in page.find_all("meta", attrs={"property": key}) + page.find_all("meta", attrs={"name": key})]


def site_paragraph(edition: str) -> str:
    """The first 20 characters of the dated essay's first paragraph in one edition."""
    from site_gen.model import Paragraph

    essay = sourced_site().editions[(SLUG, edition)].essay
    return next(b.text for b in essay.all_blocks() if isinstance(b, Paragraph))[:20]


def hreflangs(page) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")
            if link.get("type") != "application/atom+xml"}


# ── Head: alternates, share card, description ───────────────────────────────


@pytest.mark.parametrize("edition", EDITIONS)
def test_pages_in_both_scripts_name_both_editions_and_simplified_as_default(with_base, edition):
    for path in (f"{edition}/{SLUG}.html", f"{edition}/glossary.html", f"{edition}/terms/xinzhi-shengchanli.html"):
        page = soup(with_base, path)
        rest = path.partition("/")[2]
        assert hreflangs(page) == {"zh-Hans": f"{BASE}hans/{rest}", "zh-Hant": f"{BASE}hant/{rest}",
                                   "x-default": f"{BASE}hans/{rest}"}, path
        assert page.select_one("link[rel=canonical]")["href"] == BASE + path


def test_without_a_base_url_the_alternates_are_relative_and_still_name_the_page_itself(without_base):
    page = soup(without_base, f"hant/{SLUG}.html")
    assert hreflangs(page) == {"zh-Hans": f"../hans/{SLUG}.html", "zh-Hant": f"{SLUG}.html",
                               "x-default": f"../hans/{SLUG}.html"}
    assert page.select_one("link[rel=canonical]") is None and not meta(page, "og:url")


def test_pages_with_one_edition_name_no_alternates(with_base):
    for path in ("index.html", "about.html", f"notes/{SLUG}.html"):
        page = soup(with_base, path)
        assert hreflangs(page) == {} and not meta(page, "og:locale:alternate"), path
        assert meta(page, "og:type") == ["website"] and meta(page, "og:url") == [BASE + path]


@pytest.mark.parametrize("edition, locale, title", [
    ("hans", "zh_CN", "人工智能赋能新质生产力的路径指引"), ("hant", "zh_TW", "人工智能賦能新質生產力的路徑指引")])
def test_an_essay_shares_as_a_dated_article_titled_in_chinese_then_english(with_base, edition, locale, title):
    page = soup(with_base, f"{edition}/{SLUG}.html")
    assert meta(page, "og:title") == [f"{title} · Paths for AI to empower new productive forces"]
    assert meta(page, "og:type") == ["article"]
    assert meta(page, "og:locale") == [locale]
    assert meta(page, "og:locale:alternate") == [{"zh_CN": "zh_TW", "zh_TW": "zh_CN"}[locale]]
    assert meta(page, "og:url") == [f"{BASE}{edition}/{SLUG}.html"]
    assert meta(page, "article:published_time") == ["2025-03-10"]
    assert meta(page, "twitter:card") == ["summary"]
    assert meta(page, "author") == [{"hans": "刘晖、任晓刚", "hant": "劉暉、任曉剛"}[edition]]
    (description,) = meta(page, "description")
    assert description == meta(page, "og:description")[0]
    assert description.endswith("…") and len(description) <= 111  # the essay's opening, cut short
    assert description.startswith(site_paragraph(edition))
    assert meta(page, "og:site_name") == [{"hans": "新质生产力读本", "hant": "新質生產力讀本"}[edition]]


def test_an_essay_without_a_date_or_english_title_shares_its_chinese_title_alone(with_base):
    page = soup(with_base, f"hans/{UNDATED}.html")
    assert " · " not in meta(page, "og:title")[0]
    assert meta(page, "article:published_time") == []


def test_other_pages_share_their_title_and_the_sites_description(with_base):
    home = soup(with_base, "index.html")
    assert meta(home, "og:title") == [home.title.get_text()]
    assert "Chinese essays" in meta(home, "description")[0]
    term = soup(with_base, "hant/terms/xinzhi-shengchanli.html")
    assert meta(term, "description")[0].startswith("新質生產力（xīnzhì shēngchǎnlì）：")
    assert "new quality productive forces" in meta(term, "og:description")[0]


def test_no_template_writes_its_own_alternate_any_more(with_base):
    for path, data in with_base.items():
        if path.endswith(".html"):
            page = BeautifulSoup(data.decode(), "html.parser")
            links = page.select("link[rel=alternate][hreflang]")
            assert len(links) == len({(l["hreflang"], l.get("type")) for l in links}), path


# ── sitemap.xml and robots.txt ───────────────────────────────────────────────


def test_the_sitemap_lists_every_page_but_404_with_dates_and_both_editions(with_base):
    root = etree.fromstring(with_base["sitemap.xml"])
    entries = {u.findtext(f"{SITEMAP}loc"): u for u in root.iter(f"{SITEMAP}url")}
    pages = {BASE + p for p in with_base if p.endswith(".html") and p != "404.html"}
    assert set(entries) == pages and f"{BASE}404.html" not in entries
    essay = entries[f"{BASE}hant/{SLUG}.html"]
    assert essay.findtext(f"{SITEMAP}lastmod") == "2025-03-10"
    assert {l.get("hreflang"): l.get("href") for l in essay.iter(f"{XHTML}link")} == {
        "zh-Hans": f"{BASE}hans/{SLUG}.html", "zh-Hant": f"{BASE}hant/{SLUG}.html", "x-default": f"{BASE}hans/{SLUG}.html"}
    assert entries[f"{BASE}hans/{UNDATED}.html"].find(f"{SITEMAP}lastmod") is None
    assert list(entries[f"{BASE}about.html"].iter(f"{XHTML}link")) == []


def test_robots_txt_allows_everything_and_names_the_sitemap_when_there_is_one(with_base, without_base):
    assert with_base["robots.txt"].decode() == f"User-agent: *\nDisallow:\n\nSitemap: {BASE}sitemap.xml\n"
    assert without_base["robots.txt"].decode() == "User-agent: *\nDisallow:\n"
    assert "sitemap.xml" not in without_base


# ── Atom feeds ────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_edition_has_an_atom_feed_of_its_essays_newest_first(with_base, edition):
    feed = etree.fromstring(with_base[f"{edition}/feed.xml"])
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == {"hans": "zh-Hans", "hant": "zh-Hant"}[edition]
    assert feed.findtext(f"{ATOM}updated") == "2025-03-10T00:00:00+00:00"  # the newest essay, not the clock
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{BASE}{edition}/feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links == [f"{BASE}{edition}/{slug}.html" for slug in (SLUG, "rengong-zhineng-jia", UNDATED)]
    first = entries[0]
    assert first.findtext(f"{ATOM}title").endswith(" · Paths for AI to empower new productive forces")
    assert [a.findtext(f"{ATOM}name") for a in first.findall(f"{ATOM}author")] == (
        ["刘晖", "任晓刚"] if edition == "hans" else ["劉暉", "任曉剛"])
    assert first.findtext(f"{ATOM}published") == "2025-03-10T00:00:00+00:00"
    assert first.findtext(f"{ATOM}summary").endswith("…")
    undated = entries[-1]
    assert undated.find(f"{ATOM}published") is None and undated.findtext(f"{ATOM}updated")


def test_pages_link_their_editions_feed_first_and_feeds_repeat_byte_for_byte(tmp_path, with_base):
    page = soup(with_base, f"hant/{SLUG}.html")
    feeds = page.select("link[rel=alternate][type='application/atom+xml']")
    assert [f["href"] for f in feeds] == ["feed.xml", "../hans/feed.xml"]
    assert page.select_one(".site-foot a[type='application/atom+xml']")["href"] == "feed.xml"
    again = publish_to(tmp_path, sourced_site())
    for path in ("hans/feed.xml", "hant/feed.xml", "sitemap.xml", "robots.txt"):
        assert again[path] == with_base[path], path


def test_without_a_base_url_no_feed_is_written_or_linked(without_base):
    assert not any(path.endswith("feed.xml") for path in without_base)
    assert soup(without_base, f"hans/{SLUG}.html").select("link[type='application/atom+xml']") == []


# ── 404.html ──────────────────────────────────────────────────────────────────


def links_of(page) -> list[str]:
    return [node.get("href") or node.get("src") for node in page.select("[href], [src]")]


@pytest.mark.parametrize("files, prefix", [("with_base", "/reading/"), ("without_base", "/")])
def test_404_links_from_the_hosts_root_so_they_hold_at_any_depth(request, files, prefix):
    files = request.getfixturevalue(files)
    page = soup(files, "404.html")
    links = [link for link in links_of(page) if link != "#main"]
    assert links and all(link.startswith(prefix) for link in links), links
    assert all(link[len(prefix):] in files for link in links), links
    targets = {link[len(prefix):] for link in links}
    assert {"index.html", "hans/glossary.html", "hant/glossary.html"} <= targets
    assert any(re.fullmatch(r"static/site\.[0-9a-f]{10}\.css", t) for t in targets)
    text = page.get_text()
    assert "找不到这个页面" in text and "這個網址上沒有頁面" in text and "Page not found" in text
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.select_one("link[rel=canonical]") is None and hreflangs(page) == {}


# ── Content-Security-Policy: the markup needs no exception ──────────────────


def test_every_page_carries_the_policy_before_anything_it_governs(with_base):
    for path, data in with_base.items():
        if not path.endswith(".html"):
            continue
        page = BeautifulSoup(data.decode(), "html.parser")
        head = [tag for tag in page.head.find_all(True)]
        policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert policy is not None and policy["content"] == CONTENT_SECURITY_POLICY, path
        first_resource = next(i for i, tag in enumerate(head) if tag.name in ("link", "script", "style"))
        assert head.index(policy) < first_resource, path


def test_nothing_in_the_pages_or_the_script_needs_an_exception_to_the_policy(with_base):
    for path, data in with_base.items():
        if not path.endswith(".html"):
            continue
        page = BeautifulSoup(data.decode(), "html.parser")
        for script in page.find_all("script"):
            assert script.get("src") or script.get("type") == "application/json", f"{path}: inline script"
        assert page.find("style") is None, f"{path}: a <style> element"
        for tag in page.find_all(True):
            assert "style" not in tag.attrs, f"{path}: style= on <{tag.name}>"
            assert not [a for a in tag.attrs if a.lower().startswith("on")], f"{path}: a handler on <{tag.name}>"
            for name in ("href", "src", "action", "formaction"):
                assert not str(tag.get(name, "")).strip().lower().startswith("javascript:"), path
    script = (Path(__file__).parent.parent / "site_gen" / "static" / "site.js").read_text(encoding="utf-8")
    for risky in ("eval(", "new Function", "innerHTML", "outerHTML", "insertAdjacentHTML", 'setAttribute("style"',
                  "document.write", "cssText"):
        assert risky not in script, risky


# ── Each essay's source ───────────────────────────────────────────────────────


def test_an_essay_names_its_publication_page_and_retrieval_date(with_base):
    page = soup(with_base, f"hant/{SLUG}.html")
    line = page.select_one(".essay-head .source-note")
    assert "《光明日報》2025年3月10日" in line.get_text()
    link = line.select_one("a.source-link")
    assert link["href"] == "https://www.gmw.cn/xueshu/2025-03/10/content_1.htm"
    assert set(link["rel"]) == {"nofollow", "noopener"} and link.get_text() == "www.gmw.cn"
    assert line.select_one("time")["datetime"] == "2025-11-07" and "擷取日期" in line.get_text()
    notes = soup(with_base, f"notes/{SLUG}.html").select_one("dl.facts").get_text()
    assert "《光明日报》2025年3月10日" in notes and "https://www.gmw.cn/xueshu/2025-03/10/content_1.htm" in notes
    assert "2025-11-07" in notes
    (entry,) = [e for e in json.loads(with_base["essays.json"]) if e["slug"] == SLUG]
    assert entry["source_url"] == "https://www.gmw.cn/xueshu/2025-03/10/content_1.htm"
    assert entry["retrieved"] == "2025-11-07" and "《光明日报》2025年3月10日" in entry["source_note"]


def test_an_essay_without_a_source_shows_no_source_line(with_base):
    assert soup(with_base, f"hans/{UNDATED}.html").select(".source-note") == []


@pytest.mark.parametrize("url, expected", [
    ("https://www.gmw.cn/a.htm", ("https://www.gmw.cn/a.htm", "www.gmw.cn")),
    ("//news.example.cn/x", ("https://news.example.cn/x", "news.example.cn")),
    ("www.example.cn/x", ("https://www.example.cn/x", "www.example.cn")),
    ("javascript:alert(1)", None), ("data:text/html,x", None), ("/relative/path", None), ("", None),
    ("https://exa mple.org/", None),
])
def test_only_a_web_address_becomes_a_source_link(url, expected):
    assert source_link(url) == expected


def test_a_saving_tools_timestamp_is_the_essays_retrieval_date(tmp_path):
    from site_gen.clean import clean
    from site_gen.read.ingest import read_source
    from site_gen.structure import structure

    seed = tmp_path / "page.md"
    seed.write_text("---\ntitle: 数字经济的新动能\nurl: https://news.example.cn/2025/0611/c1-2.html\n"
                    "date: 2025-06-11\nextracted_date: 2025-06-25T07:23:11.698332\n---\n\n"
                    + "数字经济正在成为推动高质量发展的重要力量，各地纷纷出台措施支持企业数字化转型。\n\n" * 3,
                    encoding="utf-8")
    (essay,) = structure(clean(read_source(seed)))
    assert (essay.date, essay.retrieved) == ("2025-06-11", "2025-06-25")
    assert essay.source_url == "https://news.example.cn/2025/0611/c1-2.html"
    (tmp_path / "page.toml").write_text('[[essay]]\nretrieved = "2025-07-01"\n', encoding="utf-8")
    (essay,) = structure(clean(read_source(seed)))
    assert essay.retrieved == "2025-07-01"  # the editor's word wins


@pytest.mark.parametrize("field, value, message", [
    ("retrieved", '"25 June"', "field 'retrieved' should be YYYY-MM-DD"),
    ("source_url", '"javascript:alert(1)"', "field 'source_url' should be an http(s) address"),
])
def test_a_sidecar_gives_a_retrieval_date_and_a_web_address_or_an_error(tmp_path, field, value, message):
    from site_gen.read.ingest import read_sidecar

    sidecar = tmp_path / "seed.toml"
    sidecar.write_text(f"[[essay]]\nindex = 1\n{field} = {value}\n", encoding="utf-8")
    with pytest.raises(SidecarError, match=re.escape(message)):
        read_sidecar(sidecar)


# ── keep: a host's own files survive a rebuild ────────────────────────────────


def test_keep_defaults_to_the_files_github_pages_needs_and_is_checked(tmp_path):
    assert load_config(tmp_path).keep == ("CNAME", ".nojekyll")
    (tmp_path / "site.toml").write_text('keep = ["CNAME", ".well-known/security.txt"]\n', encoding="utf-8")
    assert load_config(tmp_path).keep == ("CNAME", ".well-known/security.txt")
    for bad in ('"CNAME"', '["../secrets"]', '["/etc/hosts"]', '["a/../../b"]', '[""]', '["a\\\\b"]', "[1]"):
        (tmp_path / "site.toml").write_text(f"title = 'x'\nkeep = {bad}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match=r"site\.toml:2: option 'keep': expected"):
            load_config(tmp_path)


def test_a_cname_put_in_the_site_survives_a_rebuild_and_the_builds_own_files_win(tmp_path):
    out = tmp_path / "_site"
    site = make_site(essays=[make_essay("001", "rengong-zhineng-jia", 2)], base_url=BASE)
    site.config = replace(site.config, keep=("CNAME", ".nojekyll", "robots.txt", ".well-known/security.txt", "gone"))
    _publish_into(out, site)
    (out / "CNAME").write_text("reading.example.org\n", encoding="utf-8")
    (out / ".nojekyll").write_text("", encoding="utf-8")
    (out / ".well-known").mkdir()
    (out / ".well-known" / "security.txt").write_text("Contact: mailto:editor@example.org\n", encoding="utf-8")
    (out / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")  # stale: the build's wins
    (out / "notes.txt").write_text("not kept", encoding="utf-8")
    _publish_into(out, site)
    assert (out / "CNAME").read_text(encoding="utf-8") == "reading.example.org\n"
    assert (out / ".nojekyll").exists()
    assert (out / ".well-known" / "security.txt").read_text(encoding="utf-8").startswith("Contact:")
    assert "Sitemap:" in (out / "robots.txt").read_text(encoding="utf-8")
    assert not (out / "notes.txt").exists() and not (out / "gone").exists()
    assert (out / MARKER).exists() and not list(tmp_path.glob(".*-old-*"))


def test_a_link_in_the_old_site_is_never_followed_out_of_it(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    out = tmp_path / "_site"
    site = make_site(essays=[make_essay("001", "rengong-zhineng-jia", 2)])
    _publish_into(out, site)
    (out / "CNAME").symlink_to(secret)
    _publish_into(out, site)
    assert not (out / "CNAME").exists()


# ── In a real browser: the policy holds from file:// and over http ───────────


needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


class _Host(http.server.SimpleHTTPRequestHandler):
    """A static host as GitHub Pages or nginx is: files as they are, 404.html for anything missing."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "reading" / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The site published under /reading/ and served over http on a free local port."""
    root = tmp_path_factory.mktemp("host")
    publish_to(root / "reading", sourced_site())
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Host, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}/reading/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def file_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("file-site")
    publish_to(folder, sourced_site(""))
    return folder


# Records every policy violation the page reports, before any of its own script runs.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""
STYLE_AND_SCRIPT = """() => ({
  accent: getComputedStyle(document.documentElement).getPropertyValue("--accent").trim(),
  sheets: document.styleSheets.length,
  scriptRan: document.getElementById("pinyin-toggle") ? !document.getElementById("pinyin-toggle").hidden : null,
  violations: window.__violations,
})"""


def open_watched(browser, url: str):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto(url)
    return context, page, console


def policy_messages(console: list[str]) -> list[str]:
    return [text for text in console if "Content Security Policy" in text]


PAGES = [f"hans/{SLUG}.html", f"hant/{SLUG}.html", "hans/glossary.html", "hant/terms/xinzhi-shengchanli.html",
         "index.html", f"notes/{SLUG}.html", "about.html"]


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("where", ["file", "http"])
@pytest.mark.parametrize("path", PAGES)
def test_styles_and_script_load_under_the_policy_with_no_violation(browser, file_site, served, where, path):
    url = (file_site / path).as_uri() if where == "file" else served[1] + path
    context, page, console = open_watched(browser, url)
    try:
        state = page.evaluate(STYLE_AND_SCRIPT)
        assert state["accent"].startswith("light-dark(#0e6464") and state["sheets"] == 1, state  # site.css applied
        if path.endswith(f"{SLUG}.html") and path.startswith("han"):
            assert state["scriptRan"] is True  # site.js ran: it shows the pinyin button
            page.locator("#p1 ruby").first.click()
            assert page.locator("#popup").is_visible()  # and works: the page data was read
        assert state["violations"] == [] and policy_messages(console) == [], (state, console)
        # The policy is in force (not ignored): an inline style set now is refused and reported.
        page.evaluate("document.body.setAttribute('style', 'color: red')")
        page.wait_for_function("window.__violations.length > 0")
        assert page.evaluate("getComputedStyle(document.body).color") != "rgb(255, 0, 0)"
    finally:
        context.close()


@pytest.mark.browser
@needs_chromium
def test_the_404_page_is_styled_and_its_links_work_at_any_depth(browser, served):
    root, base = served
    for missing in ("nowhere.html", "hans/gone/deeper/still.html"):
        context, page, console = open_watched(browser, base + missing)
        try:
            assert page.evaluate(STYLE_AND_SCRIPT)["accent"].startswith("light-dark(#0e6464")
            assert "找不到这个页面" in page.locator("h1").text_content()
            assert policy_messages(console) == [] and page.evaluate("window.__violations") == []
            with page.expect_navigation():
                page.locator(".not-found-links a[lang=zh-Hant]").click()
            assert page.url == base + "hant/glossary.html"
            assert page.evaluate("document.documentElement.lang") == "zh-Hant"
        finally:
            context.close()

"""The real seeds' site served from a sub-path, as a static host serves it, in a real browser.

Built once for the module with ``--base-url http://127.0.0.1:PORT/reading/`` (about 10 s) and
served by ``site_gen.serve.SiteServer`` without watching, so responses are the files themselves.
A reader opens the home page, an essay, the other script, the 404 page at a deep address, and
searches. Any console error and any request to another host fails the test.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from site_gen.build import build
from site_gen.config import load_config
from site_gen.serve import SiteServer
from tests.conftest import PROJECT, chromium

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
BASE = "/reading/"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    """``http://127.0.0.1:PORT``: the real seeds built for ``/reading/`` on that port, and served there."""
    port = free_port()
    folder = tmp_path_factory.mktemp("served")
    config = load_config(PROJECT, {"out": folder / "site", "cache": folder / "cache",
                                   "base_url": f"http://127.0.0.1:{port}{BASE}"})
    build(config, log=lambda line: None)
    server = SiteServer(("127.0.0.1", port), config.out, BASE).start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture(scope="module")
def browser(origin):  # after the build: the search index is written with asyncio, Playwright's loop not running yet
    yield from chromium()


@pytest.fixture
def missing() -> set[str]:
    """Addresses a test opens knowing they are missing (the browser logs their 404 as an error)."""
    return set()


@pytest.fixture
def context(browser, origin, missing):
    """A phone-sized browser whose requests to any other host are refused, and whose console errors are kept."""
    context = browser.new_context(viewport=PHONE)
    outside: list[str] = []
    errors: list[str] = []

    def guard(route):
        if route.request.url.startswith(origin + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    def console(message):
        # Every page names its icon, so the browser never guesses /favicon.ico at the host's root.
        if message.type == "error" and message.location.get("url") not in missing:
            errors.append(f"{message.location.get('url')}: {message.text}")

    context.route("**/*", guard)
    context.on("page", lambda page: (page.on("console", console),
                                     page.on("pageerror", lambda error: errors.append(f"page error: {error}"))))
    yield context
    context.close()
    assert outside == [], f"pages asked other hosts for {outside}"
    assert errors == [], f"console errors: {errors}"


def test_a_reader_goes_from_the_home_page_to_an_essay_and_to_its_other_script(context, origin):
    page = context.new_page()
    response = page.goto(f"{origin}/")
    assert response.ok and page.url == f"{origin}{BASE}"  # the root redirects to the site's path
    essay_link = page.locator("main a[href^='hans/']:not([href$='glossary.html'])").first
    title = essay_link.inner_text().strip()
    essay_link.click()
    page.wait_for_load_state()
    assert re.fullmatch(rf"{re.escape(origin + BASE)}hans/[a-z0-9-]+\.html", page.url)
    assert page.locator("article.essay[lang=zh-Hans] h1").inner_text().strip().startswith(title[:4])
    assert page.evaluate("getComputedStyle(document.body).fontSize") != ""
    simplified = page.url
    page.click("#script-switch")
    page.wait_for_load_state()
    assert page.url == simplified.replace("/hans/", "/hant/")
    assert page.locator("article.essay[lang=zh-Hant] h1").is_visible()


def test_the_404_page_at_a_deep_address_is_styled_and_leads_home(context, origin, missing):
    page = context.new_page()
    home = page.goto(f"{origin}{BASE}")
    assert home.ok
    home_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    home_font = page.evaluate("getComputedStyle(document.body).fontFamily")
    deep = f"{origin}{BASE}hans/no/such/page.html"
    missing.add(deep)
    response = page.goto(deep)
    assert response.status == 404
    if not page.locator(".not-found").count():
        pytest.skip("404.html not built yet")
    # The stylesheet came: the page is styled as the home page is, not with the browser's defaults.
    assert page.evaluate("[...document.styleSheets].filter(s => s.href && s.cssRules.length).length") >= 1
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == home_background
    assert page.evaluate("getComputedStyle(document.body).fontFamily") == home_font
    page.locator("main a", has_text="首页").first.click()
    page.wait_for_load_state()
    assert page.url in (f"{origin}{BASE}", f"{origin}{BASE}index.html")
    assert page.locator("main a[href^='hans/']").count() >= 6


def search(page, query: str):
    """Type ``query`` into the site's search box; the result links (skipped if the site has no search yet)."""
    if not page.locator("#search-input").count():
        pytest.skip("search not built yet")
    box = page.locator("#search-input")
    box.fill(query)
    box.press("Enter")
    results = page.locator("#search-results a")
    results.first.wait_for(timeout=10_000)
    return results


@pytest.mark.parametrize("query, found", [("新质生产力", "新质生产力"), ("productive forces", "productive forces")])
def test_a_reader_searches_and_follows_a_result(context, origin, query, found):
    page = context.new_page()
    assert page.goto(f"{origin}{BASE}").ok
    results = search(page, query)
    assert results.count() >= 1
    assert found.lower() in page.locator("#search-results").inner_text().lower()
    href = results.first.get_attribute("href")
    results.first.click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{origin}{BASE}") and page.url.split("#")[0].endswith(".html")
    assert page.url.split("#")[0].endswith(href.split("#")[0].lstrip("./").split("/")[-1])
    if "#" in page.url:  # the result lands on the paragraph of its hit
        assert page.locator(f"[id='{page.url.split('#', 1)[1]}']").count() == 1

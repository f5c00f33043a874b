"""The English reading modes in Debian's Chromium, on a phone and a wide screen, with and without
JavaScript: Chinese only with one paragraph's English on a tap, English under each paragraph,
side by side where the screen is wide, and the choice remembered across pages."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CHROMIUM, chromium

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium"),
]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1366, "height": 900}


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.fixture(scope="module")
def pages(built_site):
    essays = json.loads((built_site / "essays.json").read_text(encoding="utf-8"))
    return [built_site / essay["urls"]["hans"] for essay in essays], [built_site / essay["urls"]["hant"] for essay in essays]


def _open(browser, path, viewport, javascript=True):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(path.as_uri())
    return context, page


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_chinese_only_shows_one_paragraphs_english_on_a_tap(browser, pages):
    context, page = _open(browser, pages[0][1], PHONE)
    assert page.locator("#en-mode").input_value() == "zh"
    english = page.locator("#p2 + details.trans")
    assert not english.locator("p").is_visible()
    english.locator("summary").click()
    assert english.locator("p").is_visible()
    assert not page.locator("#p3 + details.trans p").is_visible()  # only the one asked for
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "wide"])
def test_english_under_each_paragraph_is_remembered_across_pages(browser, pages, viewport):
    context, page = _open(browser, pages[0][1], viewport)
    page.select_option("#en-mode", "under")
    for anchor in ("p1", "p5"):
        chinese, english = _box(page, f"#{anchor}"), _box(page, f"#{anchor} + details.trans p")
        assert english["y"] >= chinese["y"] + chinese["height"] - 1  # under its paragraph
        assert abs(english["x"] - chinese["x"]) < 40
    assert not page.locator("#p1 + details.trans summary").is_visible()
    other = context.new_page()
    other.goto(pages[1][3].as_uri())  # another essay, in the other script
    assert other.locator("#en-mode").input_value() == "under"
    assert other.locator("#p1 + details.trans p").is_visible()
    context.close()


def test_side_by_side_on_a_wide_screen_and_stacked_on_a_phone(browser, pages):
    context, page = _open(browser, pages[0][4], WIDE)
    page.select_option("#en-mode", "side")
    chinese, english = _box(page, "#p1"), _box(page, "#p1 + details.trans p")
    assert english["x"] > chinese["x"] + chinese["width"] - 1  # to the right
    assert abs(english["y"] - chinese["y"]) < 20  # on the same row
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDE["width"]
    page.set_viewport_size(PHONE)
    chinese, english = _box(page, "#p1"), _box(page, "#p1 + details.trans p")
    assert english["y"] >= chinese["y"] + chinese["height"] - 1  # stacked
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "wide"])
def test_without_javascript_each_paragraphs_english_is_reachable(browser, pages, viewport):
    context, page = _open(browser, pages[0][2], viewport, javascript=False)
    assert not page.locator("#en-mode").is_visible()  # the mode needs the script
    english = page.locator("#p1 + details.trans")
    english.locator("summary").click()
    assert english.locator("p").is_visible()
    assert "." in english.locator("p").inner_text()
    context.close()


def test_a_term_popup_leads_into_its_paragraphs_english(browser, pages):
    context, page = _open(browser, pages[0][1], PHONE)
    term = page.locator(".pair .term").first
    term.locator("ruby").first.click()
    link = page.locator("#popup .pop-to-english")
    assert link.is_visible()
    link.click()
    english = term.locator("xpath=ancestor::div[contains(@class,'pair')]/details[contains(@class,'trans')]")
    assert english.locator("p").is_visible()
    assert page.locator("#popup").is_hidden()
    context.close()


def test_a_words_popup_gives_its_hsk_level(browser, pages):
    from site_gen.levels import label, level

    context, page = _open(browser, pages[0][1], PHONE)
    word = page.locator("#p2 ruby").nth(3)
    text = word.evaluate("w => Array.from(w.childNodes).filter(n => n.nodeType === 3).map(n => n.data).join('')")
    word.click()
    shown = page.locator("#popup .pop-level").first.inner_text()
    assert shown == (label(level(text)) if level(text) else "beyond HSK"), text
    context.close()

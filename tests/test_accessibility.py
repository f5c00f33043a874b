"""Accessibility of the built site: colours, names, structure, language, keyboard and screen readers.

The colour checks read static/site.css and need nothing else; the page checks run in
headless Chromium (skipped when it is absent). When axe-core's ``axe.min.js`` is found
(``AXE_CORE`` or a node_modules folder), every page type is also audited by it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from site_factory import PROJECT
from test_browser import CHROMIUM, PHONE, SLUG, browser, site_dir  # noqa: F401 (fixtures: the Chromium, the site)

CSS = PROJECT / "site_gen" / "static" / "site.css"

# One page of every type, the essay in both editions.
PAGE_TYPES = {
    "home": "index.html",
    "essay-hans": f"hans/{SLUG}.html",
    "essay-hant": f"hant/{SLUG}.html",
    "notes": f"notes/{SLUG}.html",
    "glossary-hans": "hans/glossary.html",
    "glossary-hant": "hant/glossary.html",
    "term-hans": "hans/terms/rengong-zhineng.html",
    "term-hant": "hant/terms/rengong-zhineng.html",
    "about": "about.html",
}


# ── Colours, from the stylesheet's custom properties ─────────────────────────


def scheme_colours(css: str, dark: bool) -> dict[str, str]:
    """The ``--name: light-dark(#light, #dark)`` properties of the stylesheet, in one scheme."""
    pairs = re.findall(r"--([\w-]+):\s*light-dark\(\s*(#[0-9a-fA-F]{6}),\s*(#[0-9a-fA-F]{6})\s*\)", css)
    assert len(pairs) >= 10, "the colours are no longer written as light-dark() pairs"
    return {name: dark_colour if dark else light for name, light, dark_colour in pairs}


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_ratio_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


# Text colours and every background they are drawn on: the page, boxes, the highlight
# behind an open word (readings sit on it too) and a pressed button (page colour on accent).
TEXT_ON = {
    "ink": ("paper", "box", "accent-soft", "mark"),
    "muted": ("paper", "box", "accent-soft"),
    "accent": ("paper", "box", "accent-soft"),
    "warn": ("paper", "box"),
    "paper": ("accent",),
    **{f"tone{n}": ("paper", "box", "accent-soft") for n in range(1, 6)},
}


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_text_colours_reach_4_5_to_1_on_every_background_they_meet(dark):
    colours = scheme_colours(CSS.read_text(encoding="utf-8"), dark)
    weak = [
        f"{text} on {ground}: {contrast(colours[text], colours[ground]):.2f}"
        for text, grounds in TEXT_ON.items()
        for ground in grounds
        if contrast(colours[text], colours[ground]) < 4.5
    ]
    assert weak == []


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_focus_ring_and_field_edges_stand_out_at_3_to_1(dark):
    colours = scheme_colours(CSS.read_text(encoding="utf-8"), dark)
    for ground in ("paper", "box", "accent-soft"):
        assert contrast(colours["focus"], colours[ground]) >= 3, ground
    # The search field's edge is drawn in the muted colour.
    assert re.search(r'input\[type="search"\][^}]*border: 1px solid var\(--muted\)', CSS.read_text(encoding="utf-8"))
    assert contrast(colours["muted"], colours["paper"]) >= 3


# ── Pages in a browser ───────────────────────────────────────────────────────

browser_only = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium")


@pytest.fixture
def open_page(browser, site_dir):
    """Opens site pages on a phone-sized screen, in the light or dark scheme, with nothing remembered."""
    contexts = []

    def open_(path: str, scheme: str = "light"):
        context = browser.new_context(viewport=PHONE, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.goto((site_dir / path).as_uri())
        return page

    yield open_
    for context in contexts:
        context.close()


UNNAMED_CONTROLS = """() => Array.from(document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]'))
  .filter(e => e.getClientRects().length)
  .filter(e => {
    const labelled = e.getAttribute('aria-label') || (e.labels && e.labels.length && e.labels[0].textContent.trim());
    return !(labelled || e.textContent.trim());
  })
  .map(e => e.outerHTML.slice(0, 80))"""

HEADING_LEVELS = "() => Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map(h => Number(h.tagName[1]))"

# Text nodes of two or more Latin words, with the language they are read in.
LATIN_RUNS = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (parent.closest('script, style, rt')) continue;
    if (!/[A-Za-z]{2,}[\\s,.;:'’-]+[A-Za-z]{2,}/.test(node.textContent)) continue;
    found.push([node.textContent.trim().slice(0, 40), parent.closest('[lang]').getAttribute('lang')]);
  }
  return found;
}"""


@browser_only
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_control_has_a_name(open_page, page_type):
    page = open_page(PAGE_TYPES[page_type])
    assert page.evaluate(UNNAMED_CONTROLS) == []


@browser_only
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_one_h1_and_no_skipped_heading_levels(open_page, page_type):
    levels = open_page(PAGE_TYPES[page_type]).evaluate(HEADING_LEVELS)
    assert levels.count(1) == 1 and levels[0] == 1
    skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert skips == []


@browser_only
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_content_sits_in_landmarks_and_images_have_text(open_page, page_type):
    page = open_page(PAGE_TYPES[page_type])
    outside = page.evaluate(
        """() => Array.from(document.body.children)
          .filter(e => !e.matches('header, nav, main, footer, script, .skip'))
          .map(e => e.tagName)"""
    )
    assert outside == []
    assert page.evaluate("() => document.querySelectorAll('img:not([alt]), [role=img]:not([aria-label])').length") == 0


@browser_only
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_english_text_is_marked_as_english(open_page, page_type):
    runs = open_page(PAGE_TYPES[page_type]).evaluate(LATIN_RUNS)
    assert runs, "every page has some English"
    unmarked = [text for text, lang in runs if not lang.startswith(("en", "zh-Latn"))]
    assert unmarked == []


@browser_only
def test_each_scripts_text_on_a_term_page_names_its_script(open_page):
    page = open_page(PAGE_TYPES["term-hant"])
    facts = page.locator(".facts dd").first
    assert facts.locator("[lang=zh-Hans]").count() == 1 and facts.locator("[lang=zh-Hant]").count() == 1


@browser_only
def test_phone_controls_are_44px_targets(open_page):
    for path in (PAGE_TYPES["essay-hans"], PAGE_TYPES["glossary-hans"]):
        page = open_page(path)
        small = page.evaluate(
            """() => Array.from(document.querySelectorAll('.site-bar a, .controls button, .controls a, th button'))
              .filter(e => e.getClientRects().length)
              .map(e => [e.textContent.trim(), e.getBoundingClientRect()])
              .filter(([, box]) => box.height < 43.5 || box.width < 43.5)
              .map(([text, box]) => text + ' ' + Math.round(box.width) + 'x' + Math.round(box.height))"""
        )
        assert small == [], path


@browser_only
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_is_drawn_visibly(open_page, scheme):
    page = open_page(PAGE_TYPES["essay-hans"], scheme)
    for _ in range(7):
        page.keyboard.press("Tab")
        ring = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)] }"
        )
        assert ring[0] != "none" and ring[1] >= 2, page.evaluate("document.activeElement.outerHTML.slice(0, 60)")


# ── Keyboard reading and what a screen reader hears ──────────────────────────


def focus_first_term_word(page):
    """Tab into the first paragraph, then arrow along to the first word inside a term."""
    page.focus("#p1")
    page.keyboard.press("Enter")
    for _ in range(80):
        if page.evaluate("() => Boolean(document.activeElement.closest('.term'))"):
            return
        page.keyboard.press("ArrowRight")
    raise AssertionError("no term in the first paragraph")


@browser_only
def test_tab_from_the_top_reaches_the_switches_and_then_the_text(open_page):
    page = open_page(PAGE_TYPES["essay-hans"])
    reached = []
    for _ in range(14):  # the skip link, the site bar's links and search, then the controls
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.id"))
    assert reached.index("pinyin-toggle") < reached.index("script-switch") < reached.index("p1")
    page.focus("#pinyin-toggle")
    page.keyboard.press("Space")
    assert page.get_attribute("#pinyin-toggle", "aria-pressed") == "true"


@browser_only
def test_tab_from_an_open_term_word_reaches_its_page_link_and_comes_back(open_page):
    page = open_page(PAGE_TYPES["essay-hans"])
    focus_first_term_word(page)
    word = page.evaluate_handle("document.activeElement")
    page.keyboard.press("Enter")
    assert page.is_visible("#popup")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.matches('#popup a[href*=terms]')")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("w => document.activeElement === w", word) and page.is_visible("#popup")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # out of the popup: back on the word, popup closed
    assert page.evaluate("w => document.activeElement === w", word) and not page.is_visible("#popup")


@browser_only
def test_a_popup_closes_when_focus_moves_on(open_page):
    page = open_page(PAGE_TYPES["essay-hans"])
    page.focus("#p1")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert page.is_visible("#popup")
    page.focus("#p2")
    assert not page.is_visible("#popup")
    assert page.locator("[aria-describedby=popup]").count() == 0


@browser_only
def test_a_word_reached_by_keyboard_is_not_hidden_under_the_control_bar(open_page):
    page = open_page(PAGE_TYPES["essay-hans"])
    page.focus("#p2")
    page.keyboard.press("Enter")
    # Scroll the word's line to just under the top edge, where the sticky bar covers it.
    page.evaluate("() => window.scrollBy(0, document.activeElement.getBoundingClientRect().top - 10)")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    bar = page.locator(".controls").bounding_box()
    word = page.evaluate("() => document.activeElement.getBoundingClientRect().top")
    assert word >= bar["y"] + bar["height"]


@browser_only
def test_the_key_hint_shows_only_while_the_keyboard_is_in_the_text(open_page):
    page = open_page(PAGE_TYPES["essay-hans"])
    hint = page.locator("#keys-hint")
    assert hint.bounding_box()["height"] <= 1  # read out among the controls, not drawn
    page.keyboard.press("Tab")
    page.focus("#p1")
    page.keyboard.press("Enter")
    box = hint.bounding_box()
    assert box["height"] > 10 and box["y"] + box["height"] <= PHONE["height"] + 1
    assert "Enter" in hint.text_content()


@browser_only
def test_hidden_pinyin_is_not_read_and_shown_pinyin_is_read_once(open_page):
    page = open_page(PAGE_TYPES["essay-hans"])
    paragraph = page.locator("#p1")
    reading = page.locator("#p1 ruby rt").first.text_content()
    assert reading and reading not in paragraph.aria_snapshot()
    page.click("#pinyin-toggle")
    assert paragraph.aria_snapshot().count(f" {reading} ") >= 1
    assert page.locator("#p1 ruby").first.aria_snapshot().count(reading) == 1


@browser_only
def test_an_open_popup_is_a_tooltip_described_and_announced(open_page):
    page = open_page(PAGE_TYPES["essay-hans"])
    focus_first_term_word(page)
    page.keyboard.press("Enter")
    assert page.get_attribute("#popup", "role") == "tooltip"
    assert page.evaluate("() => document.activeElement.getAttribute('aria-describedby')") == "popup"
    assert page.get_attribute("#announce", "aria-live") == "polite"
    english = page.locator("#popup .pop-english").text_content()
    assert english and english in page.locator("#announce").text_content()
    assert page.locator("#popup [lang=en]").count() >= 1


# ── axe-core, when it is installed ───────────────────────────────────────────


def find_axe() -> Path | None:
    """axe.min.js from ``AXE_CORE`` or a node_modules folder nearby, if there is one."""
    candidates = [os.environ.get("AXE_CORE", "")] + [
        str(base / "node_modules" / "axe-core" / "axe.min.js") for base in (PROJECT, Path.home(), Path("/tmp/axe"))
    ]
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


@browser_only
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_axe_finds_no_violations(open_page, page_type, scheme):
    axe = find_axe()
    if axe is None:
        pytest.skip("axe-core is not installed (set AXE_CORE to axe.min.js)")
    page = open_page(PAGE_TYPES[page_type], scheme)
    if page_type.startswith("essay"):
        page.click("#pinyin-toggle")
        page.click("#tone-toggle")  # the readings, in tone colours, are checked too
        page.locator("#p1 ruby").nth(2).click()
    page.add_script_tag(path=str(axe))
    found = page.evaluate(
        "async () => (await axe.run(document)).violations.map(v => v.id + ' x' + v.nodes.length + ': ' + v.nodes[0].target)"
    )
    assert found == []

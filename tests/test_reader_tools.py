"""The reader's tools in Debian's Chromium (learn.js): saving words and the saved-words page, CSV
export and import, the Anki export, text size and colours remembered across pages, continuing where
the reader left off, and reading aloud (the speech API stubbed: a headless browser has no voice)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import CHROMIUM, chromium

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium"),
]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1366, "height": 900}

# A speech engine with one Chinese voice (or none) that records what it is asked to say and
# finishes each utterance a moment later, as a browser's own does.
SPEECH = """(() => {
  const spoken = []; window.__spoken = spoken;
  const voices = %s;
  const engine = { getVoices: () => voices, cancel: () => { spoken.push('<cancel>'); }, addEventListener: () => {},
    speak: (u) => { spoken.push(u.text + '|' + u.lang); setTimeout(() => { u.onstart && u.onstart();
      setTimeout(() => u.onend && u.onend(), 150); }, 5); } };
  Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();"""


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.fixture(scope="module")
def essays(built_site):
    return json.loads((built_site / "essays.json").read_text(encoding="utf-8"))


@pytest.fixture
def context(browser):
    made = []

    def make(viewport=PHONE, voices="[{lang: 'zh-CN', name: 'Test'}, {lang: 'zh-TW', name: 'Test TW'}]", **options):
        context = browser.new_context(viewport=viewport, accept_downloads=True, **options)
        context.add_init_script(SPEECH % voices)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


def _open(context, path):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.errors = errors
    return page


def _wait(page, condition: str, seconds: float = 10.0) -> None:
    """Until ``condition`` (a JavaScript expression) holds: the page's policy forbids the eval
    that Playwright's wait_for_function uses for a string."""
    import time

    deadline = time.monotonic() + seconds
    while not page.evaluate(f"() => Boolean({condition})"):
        assert time.monotonic() < deadline, f"still not true after {seconds} s: {condition}"
        page.wait_for_timeout(50)


def _text_of(word) -> str:
    return word.evaluate("w => Array.from(w.childNodes).filter(n => n.nodeType === 3).map(n => n.data).join('')")


def test_a_saved_word_is_listed_with_its_reading_gloss_sentence_and_a_link_back(context, built_site, essays):
    browser_context = context()
    page = _open(browser_context, built_site / essays[1]["urls"]["hans"])
    word = page.locator("#p2 > ruby").nth(5)
    text = _text_of(word)
    word.click()
    save = page.locator("#popup .pop-save").last
    assert save.get_attribute("aria-pressed") == "false"
    save.click()
    assert save.get_attribute("aria-pressed") == "true"
    saved = page.evaluate("JSON.parse(localStorage.getItem('site_gen.saved'))")
    assert [item["simplified"] for item in saved] == [text]
    item = saved[0]
    assert item["pinyin"] and item["english"] and text in item["sentence"] and item["url"].endswith("#p2")
    assert "▶" not in item["sentence"] and "<" not in item["sentence"]

    listing = _open(browser_context, built_site / "saved.html")
    assert listing.locator("#saved-needs-script").is_hidden()
    row = listing.locator(".saved-items li")
    assert row.count() == 1
    assert row.locator(".saved-word").inner_text() == text
    assert row.locator(".saved-pinyin").inner_text() == item["pinyin"]
    link = row.locator(".saved-sentence a")
    link.click()
    listing.wait_for_load_state()
    assert listing.url.endswith(f"{essays[1]['slug']}.html#p2")
    assert page.errors == listing.errors == []


def test_the_saved_page_shows_the_traditional_form_when_asked(context, built_site, essays):
    browser_context = context()
    page = _open(browser_context, built_site / essays[0]["urls"]["hant"])
    page.locator("#p1 > ruby").nth(2).click()
    page.locator("#popup .pop-save").last.click()
    item = page.evaluate("JSON.parse(localStorage.getItem('site_gen.saved'))")[0]
    listing = _open(browser_context, built_site / "saved.html")
    listing.select_option("#saved-script", "hant")
    assert listing.locator(".saved-word").inner_text() == item["traditional"]
    listing.select_option("#saved-script", "hans")
    assert listing.locator(".saved-word").inner_text() == item["simplified"]


def test_csv_export_then_import_gives_back_every_word(context, built_site, essays, tmp_path):
    browser_context = context()
    page = _open(browser_context, built_site / essays[2]["urls"]["hans"])
    words = page.locator("#p3 > ruby")
    for at in (0, 3, 6):
        words.nth(at).click()
        page.locator("#popup .pop-save").last.click()
        page.keyboard.press("Escape")
    before = page.evaluate("JSON.parse(localStorage.getItem('site_gen.saved'))")
    assert len(before) == 3

    listing = _open(browser_context, built_site / "saved.html")
    with listing.expect_download() as got:
        listing.click("#export-csv")
    exported = tmp_path / "saved.csv"
    got.value.save_as(exported)
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    assert [row["simplified"] for row in rows] == [item["simplified"] for item in before]
    assert all(row["pinyin"] and row["english"] and row["sentence"] for row in rows)

    with listing.expect_download() as got:
        listing.click("#export-anki")
    anki = tmp_path / "anki.txt"
    got.value.save_as(anki)
    lines = anki.read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["#separator:tab", "#html:true", "#notetype:Basic"]
    notes = [line.split("\t") for line in lines if not line.startswith("#")]
    assert [note[0] for note in notes] == [item["simplified"] for item in before] and all(len(n) == 3 for n in notes)

    listing.evaluate("localStorage.removeItem('site_gen.saved')")
    listing.reload()
    assert listing.locator(".saved-items li").count() == 0
    listing.set_input_files("#import-csv", str(exported))
    listing.locator(".saved-items li").nth(2).wait_for()
    after = listing.evaluate("JSON.parse(localStorage.getItem('site_gen.saved'))")
    assert [(i["simplified"], i["pinyin"], i["sentence"]) for i in after] == [
        (i["simplified"], i["pinyin"], i["sentence"]) for i in before]
    # a file that is not the export is refused in one line, and nothing is lost
    broken = tmp_path / "broken.csv"
    broken.write_text("word,meaning\n数据,data\n", encoding="utf-8")
    listing.set_input_files("#import-csv", str(broken))
    _wait(listing, "document.getElementById('saved-status').textContent.includes('broken.csv')")
    assert "line 1" in listing.locator("#saved-status").inner_text()
    assert len(listing.evaluate("JSON.parse(localStorage.getItem('site_gen.saved'))")) == 3


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "wide"])
def test_text_size_and_colours_are_remembered_across_pages(context, built_site, essays, viewport):
    browser_context = context(viewport=viewport)
    page = _open(browser_context, built_site / essays[0]["urls"]["hans"])
    size = lambda p: p.evaluate("parseFloat(getComputedStyle(document.querySelector('#p1')).fontSize)")  # noqa: E731
    before = size(page)
    page.click("#display-menu summary")
    page.click("#size-up")
    page.click("#size-up")
    assert size(page) == pytest.approx(before * 1.25, rel=0.02)
    assert page.locator("#size-now").inner_text() == "125%"
    page.click('#scheme [data-scheme="dark"]')
    background = "getComputedStyle(document.body).backgroundColor"
    dark = page.evaluate(background)
    assert dark != "rgb(251, 250, 246)"
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    other = _open(browser_context, built_site / essays[3]["urls"]["hant"])
    assert size(other) == pytest.approx(before * 1.25, rel=0.02)
    assert other.evaluate(background) == dark
    home = _open(browser_context, built_site / "index.html")
    assert home.evaluate(background) == dark
    other.click("#display-menu summary")
    other.click('#scheme [data-scheme="light"]')
    assert other.evaluate(background) == "rgb(251, 250, 246)"


def test_an_essay_offers_to_continue_where_the_reader_left_off_and_home_marks_it(context, built_site, essays):
    browser_context = context()
    path = built_site / essays[4]["urls"]["hans"]
    page = _open(browser_context, path)
    assert page.locator(".resume").count() == 0
    # p3's first line just under the control bar: the line the reader is on
    page.evaluate("""() => { document.getElementById('p3').scrollIntoView();  // the bar is now stuck at the top
        const bar = document.querySelector('.controls').getBoundingClientRect().bottom;
        window.scrollBy(0, document.getElementById('p3').getBoundingClientRect().top - bar - 4); }""")
    page.wait_for_timeout(700)
    again = _open(browser_context, path)
    resume = again.locator(".resume a")
    assert resume.is_visible() and "¶3" in resume.inner_text()
    resume.click()
    assert again.url.endswith("#p3")
    # the other script's page of the same essay knows the place too
    assert _open(browser_context, built_site / essays[4]["urls"]["hant"]).locator(".resume a").is_visible()
    home = _open(browser_context, built_site / "index.html")
    mark = home.locator(".essay-card").nth(4).locator(".read-mark")
    assert mark.is_visible() and "%" in mark.inner_text() and mark.get_attribute("href").endswith("#p3")
    assert home.locator(".read-mark").count() == 1


def test_reading_aloud_speaks_a_paragraph_sentence_by_sentence_in_the_pages_chinese(context, built_site, essays):
    browser_context = context()
    page = _open(browser_context, built_site / essays[1]["urls"]["hant"])
    assert page.locator("article .aloud").count() == 0
    page.click("#display-menu summary")
    toggle = page.locator("#aloud-toggle")
    assert toggle.is_enabled() and page.locator("#aloud-none").is_hidden()
    toggle.click()
    page.click("#display-menu summary")
    play = page.locator("#p2 > .aloud")
    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    _wait(page, "window.__spoken.filter(s => s !== '<cancel>').length >= 2")
    highlighted = page.evaluate("""() => { const mark = CSS.highlights.get('read-aloud'); if (!mark) return '';
        const part = [...mark][0].cloneContents(); part.querySelectorAll('rt').forEach(n => n.remove());
        return part.textContent; }""")  # the sentence being spoken, without its pinyin
    spoken = [s for s in page.evaluate("window.__spoken") if s != "<cancel>"]
    paragraph = page.evaluate("""() => { const p = document.getElementById('p2').cloneNode(true);
        p.querySelectorAll('rt, .aloud').forEach(n => n.remove()); return p.textContent; }""")
    assert all(s.endswith("|zh-TW") for s in spoken)  # the Traditional page asks for a Taiwan voice
    first = spoken[0].split("|")[0]
    assert paragraph.startswith(first) and first.endswith(("。", "！", "？", "”"))
    assert highlighted in (first, spoken[1].split("|")[0])
    _wait(page, "document.querySelector('#p2 > .aloud').getAttribute('aria-pressed') === 'false'", 20)
    assert "".join(s.split("|")[0] for s in page.evaluate("window.__spoken") if s != "<cancel>") == paragraph.strip()

    # the word box reads its own sentence
    page.locator("#p3 > ruby").nth(4).click()
    page.locator("#popup .pop-aloud").click()
    _wait(page, "window.__spoken.length > 0 && window.__spoken[window.__spoken.length - 1].includes('|')")
    assert page.errors == []


def test_without_a_chinese_voice_reading_aloud_is_off_and_says_why(context, built_site, essays):
    page = _open(context(voices="[{lang: 'en-US', name: 'English'}]"), built_site / essays[0]["urls"]["hans"])
    page.click("#display-menu summary")
    assert page.locator("#aloud-toggle").is_disabled()
    assert page.locator("#aloud-none").is_visible() and "Chinese voice" in page.locator("#aloud-none").text_content()
    page.locator("#p2 > ruby").nth(1).click()
    assert page.locator("#popup .pop-aloud").count() == 0


def test_without_javascript_none_of_the_tools_shows_and_the_saved_page_says_why(context, built_site, essays):
    browser_context = context(java_script_enabled=False)
    page = _open(browser_context, built_site / essays[0]["urls"]["hans"])
    assert page.locator("#display-menu").is_hidden() and page.locator(".aloud, .resume").count() == 0
    listing = _open(browser_context, built_site / "saved.html")
    assert listing.locator("#saved-needs-script").is_visible() and listing.locator("#saved-tools").is_hidden()


def test_the_tools_work_by_keyboard(context, built_site, essays):
    page = _open(context(), built_site / essays[0]["urls"]["hans"])
    page.focus("#display-menu summary")
    page.keyboard.press("Enter")
    page.focus("#size-up")
    page.keyboard.press("Enter")
    assert page.locator("#size-now").inner_text() == "113%"
    assert page.locator("#announce").inner_text().endswith("113%")


def test_the_vocabulary_page_lists_the_words_beyond_the_level_the_reader_picks(context, built_site, essays):
    browser_context = context()
    page = _open(browser_context, built_site / f"vocabulary/{essays[0]['slug']}.html")
    rows = page.locator("#vocab-table tbody tr")
    total = rows.count()
    visible = lambda: page.evaluate("document.querySelectorAll('#vocab-table tbody tr:not([hidden])').length")  # noqa: E731
    assert page.locator("#vocab-level").input_value() == "4" and 0 < visible() < total
    page.select_option("#vocab-level", "6")
    beyond_six = visible()
    assert beyond_six == page.evaluate("document.querySelectorAll('#vocab-table tbody tr[data-level=\"7\"], "
                                       "#vocab-table tbody tr[data-level=\"8\"]').length")
    page.select_option("#vocab-level", "0")
    assert visible() == total
    page.select_option("#vocab-level", "6")
    again = _open(browser_context, built_site / f"vocabulary/{essays[1]['slug']}.html")
    assert again.locator("#vocab-level").input_value() == "6"  # remembered


def test_pinyin_can_stand_only_over_words_beyond_a_chosen_level(context, built_site, essays):
    from site_gen.levels import level

    browser_context = context()
    page = _open(browser_context, built_site / essays[1]["urls"]["hans"])
    page.click("#pinyin-toggle")
    page.click("#display-menu summary")
    page.select_option("#pinyin-level", "4")
    shown = page.evaluate("""() => Array.from(document.querySelectorAll('#p2 > ruby')).map(r => [
        Array.from(r.childNodes).filter(n => n.nodeType === 3).map(n => n.data).join(''),
        getComputedStyle(r.querySelector('rt')).display !== 'none'])""")
    assert shown
    for word, has_reading in shown:
        value = level(word)
        assert has_reading == (value is None or value > 4), (word, value)
    assert any(has for _, has in shown) and not all(has for _, has in shown)
    again = _open(browser_context, built_site / essays[2]["urls"]["hans"])
    assert again.locator("#pinyin-level").input_value() == "4"  # remembered

"""The reading pages in a real browser (headless Chromium, file://, no network): what a reader does."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import chromium

from site_factory import make_site
from site_gen.publish import publish
from site_gen.writer import Writer

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
SLUG = "rengong-zhineng-funeng"
# A word's characters without the syllables over them
BASE_TEXT = "word => Array.from(word.childNodes).filter(n => n.nodeName !== 'RT').map(n => n.textContent).join('')"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-site")
    publish(make_site(), Writer(folder))
    return folder


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.fixture
def open_page(browser, site_dir):
    """Opens site pages on a phone-sized screen; any request off the file system is refused and recorded."""
    context = browser.new_context(viewport=PHONE)
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)

    def open_(path: str, **options):
        page = context.new_page()
        page.goto((site_dir / path).as_uri(), **options)
        return page

    yield open_
    context.close()
    assert outside == [], f"pages asked other hosts for {outside}"


def box(page, selector):
    return page.locator(selector).bounding_box()


def test_pinyin_is_off_until_asked_for_and_then_remembered(open_page):
    page = open_page(f"hans/{SLUG}.html")
    first_reading = page.locator("#p1 rt").first
    assert not first_reading.is_visible()
    page.click("#pinyin-toggle")
    assert first_reading.is_visible()
    assert page.get_attribute("#pinyin-toggle", "aria-pressed") == "true"
    again = open_page(f"hant/{SLUG}.html")
    assert again.locator("#p1 rt").first.is_visible()
    again.click("#pinyin-toggle")  # leave the setting off for the other tests
    assert not again.locator("#p1 rt").first.is_visible()


def test_the_tones_button_waits_for_pinyin_and_says_why(open_page):
    # Tone colours mark the readings: with pinyin off the button did nothing when pressed.
    page = open_page(f"hans/{SLUG}.html")
    tones = page.locator("#tone-toggle")
    assert tones.is_disabled() and "拼音" in tones.get_attribute("title") and "pinyin" in tones.get_attribute("title")
    page.click("#pinyin-toggle")
    assert tones.is_enabled() and tones.get_attribute("title") is None
    page.click("#pinyin-toggle")
    assert tones.is_disabled()


def test_tone_colours_wrap_syllables_by_tone(open_page):
    page = open_page(f"hans/{SLUG}.html")
    page.click("#pinyin-toggle")
    page.click("#tone-toggle")
    first = page.locator("#p1 ruby").first
    assert first.locator("rt span").evaluate_all("spans => spans.map(s => s.className + ':' + s.textContent)") == [
        "tone2:rén", "tone1:gōng"]
    assert first.locator("rt").all_text_contents() == ["rén", "gōng"]
    page.click("#tone-toggle")
    page.click("#pinyin-toggle")


def test_each_syllable_stands_over_its_own_character_legibly(open_page):
    page = open_page(f"hans/{SLUG}.html")
    page.click("#pinyin-toggle")
    word = page.locator("#p1 ruby").first  # 人工 réngōng
    size = word.locator("rt").first.evaluate("rt => parseFloat(getComputedStyle(rt).fontSize)")
    assert size >= 11, "the readings are too small to read on a phone"
    readings = [rt.bounding_box() for rt in word.locator("rt").all()]
    # one over the other character: side by side, not overlapping, centred near each character
    assert readings[0]["x"] + readings[0]["width"] <= readings[1]["x"] + 0.5
    word_box = word.bounding_box()
    assert readings[0]["x"] < word_box["x"] + word_box["width"] / 2 < readings[1]["x"] + readings[1]["width"]
    page.click("#pinyin-toggle")


def test_copying_text_with_pinyin_on_copies_only_the_chinese(open_page):
    page = open_page(f"hans/{SLUG}.html")
    page.click("#pinyin-toggle")
    copied = page.evaluate("""() => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector('#p1'));
        const selection = getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        return selection.toString();
    }""")
    assert "人工智能" in copied.replace("\u200b", "")
    assert not any(letter in copied for letter in "réngōng"), copied[:80]
    page.click("#pinyin-toggle")


def test_the_popup_gives_the_words_whole_reading(open_page):
    page = open_page(f"hans/{SLUG}.html")
    page.locator("#p1 ruby").first.click()
    assert "réngōng" in page.locator("#popup .pop-pinyin").all_text_contents()  # the word's own, beside its term's


def test_clicking_a_word_shows_its_gloss_inside_the_phone_screen_without_covering_it(open_page):
    page = open_page(f"hans/{SLUG}.html")
    for selector in ("#p1 ruby >> nth=0", "#p2 ruby >> nth=-1", "#p3 .term[data-term=人工智能] ruby >> nth=0"):
        word = page.locator(selector)
        word.scroll_into_view_if_needed()
        word.click()
        popup = page.locator("#popup")
        assert popup.is_visible()
        assert "meaning of" in popup.text_content()
        p, w = popup.bounding_box(), word.bounding_box()
        assert p["x"] >= 0 and p["x"] + p["width"] <= PHONE["width"]
        assert p["y"] >= 0 and p["y"] + p["height"] <= PHONE["height"]
        assert p["y"] >= w["y"] + w["height"] or p["y"] + p["height"] <= w["y"], "the popup covers the word"
        assert word.get_attribute("aria-describedby") == "popup"
        page.keyboard.press("Escape")


def test_a_word_at_the_bottom_of_the_screen_gets_its_popup_above(open_page):
    page = open_page(f"hans/{SLUG}.html")
    word = page.locator("#p4 ruby").nth(3)
    word.evaluate("w => window.scrollBy(0, w.getBoundingClientRect().bottom - window.innerHeight + 4)")
    word.click()
    p, w = box(page, "#popup"), word.bounding_box()
    assert p["y"] + p["height"] <= w["y"] and p["y"] >= 0


def test_a_term_shows_its_english_rendering_and_links_to_its_page(open_page):
    page = open_page(f"hans/{SLUG}.html")
    page.locator("#p1 .term[data-term=人工智能] ruby").first.click()
    popup = page.locator("#popup")
    assert "artificial intelligence" in popup.text_content()
    assert popup.locator("a").get_attribute("href") == "terms/rengong-zhineng.html"


def test_a_term_that_is_one_word_skips_a_gloss_pieced_from_its_parts(open_page):
    page = open_page(f"hans/{SLUG}.html")
    page.locator("#p1 .term[data-term=新质生产力] ruby").first.click()
    popup = page.locator("#popup")
    assert "new quality productive forces" in popup.text_content()
    assert "part 1" not in popup.text_content() and popup.locator(".pop-senses").count() == 0


def test_a_word_that_is_part_of_a_term_shows_both_term_and_word(open_page):
    page = open_page(f"hans/{SLUG}.html")
    page.locator("#p1 .term[data-term=人工智能] ruby").nth(1).click()
    text = page.locator("#popup").text_content()
    assert "artificial intelligence" in text and "meaning of 智能" in text


def test_a_traditional_page_names_the_traditional_form_first(open_page):
    page = open_page(f"hant/{SLUG}.html")
    page.locator("#p1 .term[data-term=新质生产力] ruby").first.click()
    assert page.locator("#popup .pop-head span").first.text_content() == "新質生產力"
    page.keyboard.press("Escape")
    word = page.locator("#p1 ruby").nth(page.locator("#p1 ruby").evaluate_all(f"rubies => rubies.map({BASE_TEXT})")
                                        .index("發展"))
    word.click()
    assert page.locator("#popup .pop-head span").first.text_content() == "發展"


def test_gaps_and_restored_words_explain_themselves(open_page):
    page = open_page(f"hans/{SLUG}.html")
    page.locator("article .gap").click()
    assert "missing" in page.locator("#popup").text_content()
    page.keyboard.press("Escape")
    page.locator("article ins.restored ruby").click()
    assert "the official notice was issued" in page.locator("#popup").text_content()


def test_escape_closes_the_popup_and_focus_returns_to_the_word(open_page):
    page = open_page(f"hans/{SLUG}.html")
    word = page.locator("#p2 ruby").nth(2)
    word.click()
    page.keyboard.press("Escape")
    assert page.locator("#popup").is_hidden()
    assert word.evaluate("w => document.activeElement === w")


def test_arrow_keys_move_a_word_cursor_and_enter_opens_the_popup(open_page):
    page = open_page(f"hans/{SLUG}.html")
    page.focus("#p1")
    active = f"() => ({BASE_TEXT})(document.activeElement)"
    page.keyboard.press("ArrowRight")
    assert page.evaluate(active) == "人工"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(active) == "智能"
    page.keyboard.press("Enter")
    assert "meaning of 智能" in page.locator("#popup").text_content()
    assert "智能" in page.locator("#announce").text_content()
    page.keyboard.press("Escape")
    assert page.evaluate(active) == "智能"


def test_switching_script_keeps_the_readers_place(open_page):
    page = open_page(f"hans/{SLUG}.html")
    page.locator("#p6").evaluate("p => p.scrollIntoView({block: 'start'})")
    with page.expect_navigation():
        page.click("#script-switch")
    assert page.url.endswith(f"hant/{SLUG}.html#p6")
    assert page.evaluate("document.documentElement.lang") == "zh-Hant"
    bar = page.locator(".controls").bounding_box()
    top = page.locator("#p6").bounding_box()["y"]
    assert bar["y"] + bar["height"] - 2 <= top <= bar["y"] + bar["height"] + 24


def test_glossary_filter_narrows_the_list_and_sort_reorders_it(open_page):
    page = open_page("hant/glossary.html")
    rows = page.locator("#glossary-table tbody tr")
    total = rows.count()
    visible = "rows => rows.filter(r => !r.hidden).length"
    for query in ("xinzhi", "新质", "新質", "productive", "XīnZhì"):
        page.fill("#glossary-filter", query)
        assert rows.evaluate_all(visible) == 1, query
    page.fill("#glossary-filter", "")
    assert rows.evaluate_all(visible) == total
    page.click("button[data-sort=count]")
    counts = rows.evaluate_all("rows => rows.map(r => Number(r.dataset.count))")
    assert counts == sorted(counts, reverse=True)
    assert page.get_attribute("th:has(button[data-sort=count])", "aria-sort") == "descending"
    # Back to pinyin: the order the page was built in (syllable by syllable, then tone), not letter by letter.
    page.click("button[data-sort=pinyin]")
    assert page.get_attribute("th:has(button[data-sort=pinyin])", "aria-sort") == "ascending"
    keys = rows.evaluate_all("rows => rows.map(r => r.dataset.pinyin)")
    assert keys == sorted(keys) and keys[0].split()[0][-1].isdigit()  # each syllable carries its tone


def test_on_a_wide_screen_the_glossary_table_gets_the_width_a_table_needs(browser, site_dir):
    # It was squeezed into the prose column (40rem, 640 px), wrapping every English rendering.
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto((site_dir / "hans" / "glossary.html").as_uri())
    table = page.locator("#glossary-table").bounding_box()
    essay = next(p for p in (site_dir / "hans").glob("*.html") if p.name != "glossary.html")
    page.goto(essay.as_uri())
    prose = page.locator("main").bounding_box()
    context.close()
    assert table["width"] > 900 and prose["width"] <= 40 * 16 + 1  # the essays keep their reading measure


def test_without_javascript_the_text_reads_cleanly(browser, site_dir):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto((site_dir / f"hans/{SLUG}.html").as_uri())
    text = page.locator("body").inner_text()
    assert '"words"' not in text and "réngōng" not in text
    assert not page.locator("#pinyin-toggle").is_visible() and not page.locator("#popup").is_visible()
    assert "人工智能作为引领新一轮科技革命" in text
    context.close()


def test_hidden_pinyin_leaves_the_lines_as_tall_as_plain_text(open_page):
    page = open_page(f"hans/{SLUG}.html")
    heights = page.evaluate("""() => {
        const original = document.querySelector('#p1');
        const plain = original.cloneNode(false);
        plain.removeAttribute('id');
        const copy = original.cloneNode(true);
        copy.querySelectorAll('rt').forEach(rt => rt.remove());
        plain.textContent = copy.textContent;
        original.after(plain);
        return [original.getBoundingClientRect().height, plain.getBoundingClientRect().height];
    }""")
    assert heights[0] == pytest.approx(heights[1], abs=1)


def test_dark_scheme_keeps_text_readable(browser, site_dir):
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    page.goto((site_dir / f"hans/{SLUG}.html").as_uri())
    colours = page.evaluate("""() => [getComputedStyle(document.body).backgroundColor,
                                      getComputedStyle(document.querySelector('#p1')).color]""")
    luminance = [sum(int(v) for v in c[c.index("(") + 1:-1].split(",")[:3]) / 3 for c in colours]
    assert luminance[0] < 60 and luminance[1] > 180
    context.close()


# Each word's reading box, and the width of the middle character of a three-character word
# whose reading is far wider than it: a stretched word widens that character's advance.
WORD_BOXES = """(selector) => {
    const box = (node, from, to) => { const r = document.createRange(); r.setStart(node, from); r.setEnd(node, to);
                                      return r.getBoundingClientRect(); };
    const words = Array.from(document.querySelectorAll(selector + ' ruby')).map(ruby => {
        const rt = ruby.querySelector('rt').firstChild, reading = box(rt, 0, rt.textContent.length);
        return {text: ruby.firstChild.textContent, left: reading.left, right: reading.right, top: reading.top};
    });
    const probe = document.querySelector(selector + ' ruby');
    probe.firstChild.textContent = '智能化';
    probe.querySelector('rt').textContent = 'zhìnénghuà zhìnénghuà';
    return {words: words, middle: box(probe.firstChild, 1, 2).width};
}"""


@pytest.mark.parametrize("edition", ["hans", "hant"])
@pytest.mark.parametrize("selector", ["h1", "#h1", "#p1", "#a1-p1", "#p90 p"])
def test_pinyin_keeps_each_word_together_and_neighbouring_readings_apart(open_page, edition, selector):
    page = open_page(f"{edition}/{SLUG}.html")
    plain = page.evaluate(WORD_BOXES, selector)
    page.reload()
    page.click("#pinyin-toggle")
    shown = page.evaluate(WORD_BOXES, selector)
    assert shown["middle"] == pytest.approx(plain["middle"], abs=0.5), "a word's characters are spread apart"
    assert page.locator(selector).first.evaluate("n => getComputedStyle(n).textAlign") in ("start", "left")
    words = shown["words"]
    for one, two in zip(words, words[1:]):
        if abs(one["top"] - two["top"]) < 2:  # same line
            assert two["left"] - one["right"] >= 2, f"the readings of {one['text']} and {two['text']} run together"
    page.click("#pinyin-toggle")


# The advance from each Chinese character to the next on its line (as a share of the text size),
# and each visible reading's box, in reading order.
CHARACTER_PITCH = """() => {
    const range = document.createRange(), advances = [], readings = [];
    for (const block of document.querySelectorAll('article p, article h1, article h2, article h3')) {
        const size = parseFloat(getComputedStyle(block).fontSize);
        let last = null;
        for (const rt of block.querySelectorAll('rt')) {
            const base = rt.previousSibling;
            range.selectNodeContents(base);
            const here = range.getBoundingClientRect(), reading = rt.getBoundingClientRect();
            if (reading.width) readings.push({text: rt.textContent, left: reading.left, right: reading.right,
                                              top: reading.top});
            if (last && Math.abs(last.top - here.top) < 2 &&
                /^[\u4e00-\u9fff]$/.test(base.textContent))
                advances.push((here.left - last.left) / size);
            last = {top: here.top, left: here.left};
        }
    }
    return {advances: advances, readings: readings};
}"""


def _never_overlap(readings):
    for one, two in zip(readings, readings[1:]):
        if abs(one["top"] - two["top"]) < 2 and two["left"] > one["left"]:  # neighbours on one line
            assert one["right"] <= two["left"] + 0.5, f"{one['text']} runs into {two['text']}"


@pytest.mark.parametrize("width", [PHONE["width"], 1366])
def test_with_pinyin_on_the_characters_keep_an_even_pitch_and_no_reading_runs_into_the_next(browser, site_dir, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto((site_dir / f"hans/{SLUG}.html").as_uri())
    page.click("#pinyin-toggle")
    page.wait_for_timeout(200)  # ruby.js sets the readings' margins on the next frame
    found = page.evaluate(CHARACTER_PITCH)
    advances = sorted(found["advances"])
    middle = advances[len(advances) // 2]
    assert len(advances) > 40
    even = sum(abs(advance - middle) <= 0.05 * middle for advance in advances) / len(advances)
    # without the margins a wide syllable (zhǎn, shēng) spread its character from its neighbours:
    # about one character in six stood within 5% of the usual pitch
    assert even >= 0.85, f"only {even:.0%} of the characters stand at the usual pitch"
    _never_overlap(found["readings"])
    # readings hidden for known words leave room, which the others are laid out again with
    page.click("#display-menu summary")
    page.select_option("#pinyin-level", "3")
    page.wait_for_timeout(200)
    _never_overlap(page.evaluate(CHARACTER_PITCH)["readings"])
    context.close()


@pytest.mark.parametrize("path", ["index.html", f"hans/{SLUG}.html", f"notes/{SLUG}.html", "hans/glossary.html",
                                  "hant/terms/xinzhi-shengchanli.html", "about.html"])
def test_no_page_scrolls_sideways_on_a_phone(open_page, path):
    page = open_page(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path


def test_every_term_is_underlined_only_when_the_reader_asks(open_page):
    page = open_page(f"hans/{SLUG}.html")
    underline = "el => getComputedStyle(el).textDecorationLine"
    again = page.locator("article .term.again").first
    first = page.locator("article .term:not(.again)").first
    assert page.locator("#terms-toggle").get_attribute("title")  # it says what it does
    assert again.evaluate(underline) == "none" and first.evaluate(underline) == "underline"
    page.click("#terms-toggle")
    assert again.evaluate(underline) == "underline"
    assert open_page(f"hans/{SLUG}.html").locator("article .term.again").first.evaluate(underline) == "underline"
    again.click()  # a term not underlined still opens its popup
    assert page.locator("#popup").is_visible()
    page.keyboard.press("Escape")
    page.click("#terms-toggle")  # leave the setting off for the other tests


def test_tapping_a_title_word_on_a_phone_shows_no_focus_ring_or_key_hint(browser, site_dir):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto((site_dir / f"hans/{SLUG}.html").as_uri())
    page.locator("h1 ruby").first.tap()
    assert page.locator("#popup").is_visible()
    assert not page.evaluate("document.activeElement.matches(':focus-visible')")
    assert page.locator("#keys-hint").bounding_box()["height"] <= 1  # read by screen readers, not shown
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")  # the keyboard's focus still shows
    assert page.evaluate("document.activeElement.matches(':focus-visible')")
    context.close()


def test_the_popup_lists_the_reading_of_the_word_here_first_and_folds_long_lists(browser, built_site):
    page = browser.new_page(viewport=PHONE)
    page.goto((built_site / "hans" / "bawo-xinxing-chengzhenhua-fengfu-neihan-he-shijian-yaoqiu.html").as_uri())
    words = page.locator("article ruby")
    shown = words.evaluate_all(f"rubies => rubies.map(r => [({BASE_TEXT})(r), "
                               "Array.from(r.querySelectorAll('rt')).map(rt => rt.textContent).join('')])")
    first_of = {}
    for index, (word, reading) in enumerate(shown):
        if word == "为" and reading not in first_of:
            words.nth(index).click()
            first_of[reading] = page.locator("#popup .pop-senses > li .pop-reading").first.text_content().strip()
            if reading == "wéi":  # nine senses: four shown, the rest under "more"
                more = page.locator("#popup .pop-more")
                assert more.count() == 1 and not more.locator("span").is_visible()
                more.locator("summary").click()
                assert more.locator("span").is_visible()
            page.keyboard.press("Escape")
    assert first_of == {"wéi": "wéi", "wèi": "wèi"}
    page.close()


def test_a_person_named_in_a_list_of_authors_reads_and_glosses_as_a_name(browser, built_site):
    page = browser.new_page(viewport=PHONE)
    page.goto((built_site / "hans" / "tuidong-rengongzhineng-chanye-maixiang-geng-gaoshuiping.html").as_uri())
    page.click("#pinyin-toggle")
    words = page.locator("article ruby")
    name = words.nth(words.evaluate_all(f"rubies => rubies.map({BASE_TEXT})").index("李兴腾"))
    assert name.locator("rt").all_text_contents() == ["Lǐ", "Xīng", "téng"]
    name.click()
    popup = page.locator("#popup")
    assert "a person's name: surname Lǐ" in popup.text_content()
    assert popup.locator(".pop-level").count() == 0  # a name has no HSK level
    page.close()


def test_switching_script_in_the_middle_of_a_long_paragraph_keeps_the_line(browser, built_site):
    page = browser.new_page(viewport=PHONE)
    page.goto((built_site / "hans" / "bawo-xinxing-chengzhenhua-fengfu-neihan-he-shijian-yaoqiu.html").as_uri())
    paragraphs = page.locator("article p[id]")
    heights = paragraphs.evaluate_all("ps => ps.map(p => p.getBoundingClientRect().height)")
    long_one = paragraphs.nth(max(range(len(heights)), key=heights.__getitem__))
    anchor = long_one.get_attribute("id")
    # the reader is at the paragraph's middle: its first lines are above the bar
    long_one.evaluate("p => window.scrollTo(0, window.scrollY + p.getBoundingClientRect().top + p.offsetHeight / 2)")
    place = """() => { const edge = document.querySelector('.controls').getBoundingClientRect().bottom;
        const words = Array.from(document.getElementById('%s').querySelectorAll('ruby'));
        const i = words.findIndex(w => w.getBoundingClientRect().top >= edge - 1);
        return [i, words[i].getBoundingClientRect().top - edge]; }""" % anchor
    word, height = page.evaluate(place)
    assert word > 10  # well inside the paragraph
    with page.expect_navigation():
        page.click("#script-switch")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.lang") == "zh-Hant"
    word_after, height_after = page.evaluate(place)
    assert word_after == word and abs(height_after - height) <= 4
    page.close()


def test_a_term_popup_heads_with_the_words_as_written_and_never_twice(browser, built_site):
    page = browser.new_page(viewport=PHONE)
    page.goto((built_site / "hans" / "rengongzhineng-funeng-xinzhi-shengchanli-de-lujing-zhiyin.html").as_uri())
    page.locator('.term[data-term="行业大模型"] ruby').first.click()  # written 垂直大模型, another name
    assert page.locator("#popup .pop-head").first.text_content().startswith("垂直大模型")
    assert "行业大模型" in page.locator("#popup .pop-alias").text_content()
    page.keyboard.press("Escape")
    page.locator('.term[data-term="算力"] ruby').first.click()  # a term that is one dictionary word
    assert page.locator("#popup .pop-head").count() == 1  # 算力 suànlì once, then the word's senses
    assert "hash rate" in page.locator("#popup .pop-senses").text_content()
    page.close()

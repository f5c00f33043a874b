"""Essay pages as a reader (and a screen reader) meets them: words, terms, gaps, data, exports."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from site_factory import make_essay, make_site
from site_gen.model import EDITIONS, GAP, RESTORED_CLOSE, RESTORED_OPEN, Paragraph, reading_text
from site_gen.publish import render_pages
from site_gen.render import essay_text, json_script, render_essay

SLUG = "rengong-zhineng-funeng"


@pytest.fixture(scope="module")
def site():
    return make_site()


@pytest.fixture(scope="module")
def pages(site):
    return render_pages(site)


def soup(pages, path):
    return BeautifulSoup(pages[path], "html.parser")


def reading(node) -> str:
    """What a reader reads: the text without pinyin, ruby fallbacks and popups."""
    node = BeautifulSoup(str(node), "html.parser")
    for hidden in node.select("rt, rp, [role=tooltip]"):
        hidden.decompose()
    return node.get_text()


@pytest.mark.parametrize("edition", EDITIONS)
def test_article_names_its_script_and_seed(pages, site, edition):
    page = soup(pages, f"{edition}/{SLUG}.html")
    lang = {"hans": "zh-Hans", "hant": "zh-Hant"}[edition]
    (article,) = page.select("article.essay")
    assert article["lang"] == lang and page.html["lang"] == lang
    assert article["data-source"] == "003_c4ec37985887901a.txt"
    alternates = {link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")}
    hans = f"{SLUG}.html" if edition == "hans" else f"../hans/{SLUG}.html"
    hant = f"{SLUG}.html" if edition == "hant" else f"../hant/{SLUG}.html"
    assert alternates == {"zh-Hans": hans, "zh-Hant": hant, "x-default": hans}  # itself, the other, the default


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_block_reads_as_its_text(pages, site, edition):
    page = soup(pages, f"{edition}/{SLUG}.html")
    essay = site.editions[(SLUG, edition)].essay
    for block in essay.all_blocks():
        if not block.text:
            continue
        node = page.find(id=block.anchor)
        assert node is not None, block.anchor
        text = reading(node.p if node.name == "blockquote" else node)
        assert text == reading_text(block.text)


def test_article_reading_text_has_no_pinyin_or_data(pages):
    article = soup(pages, f"hans/{SLUG}.html").select_one("article")
    text = reading(article)
    assert "réngōng" not in text and "{" not in text
    assert "人工智能作为引领新一轮科技革命" in text


def test_words_are_ruby_and_punctuation_stays_bare(pages):
    page = soup(pages, f"hans/{SLUG}.html")
    rubies = page.select("article ruby")
    assert len(rubies) > 200
    assert all(r.rt is not None for r in rubies)
    assert not [r for r in rubies if any(c in reading(r) for c in "，。、“”,")]
    first = page.select_one("#p1 ruby")
    assert [rt.get_text() for rt in first.find_all("rt")] == ["rén", "gōng"]  # a syllable over each character


def test_each_character_has_its_own_syllable_and_other_runs_an_empty_one():
    from site_gen.model import Token
    from site_gen.render import word_html

    assert word_html(Token("新质生产力", "word", "xīnzhìshēngchǎnlì", "新质生产力")) == (
        "<ruby>新<rt>xīn</rt>质<rt>zhì</rt>生<rt>shēng</rt>产<rt>chǎn</rt>力<rt>lì</ruby>")
    assert word_html(Token("5G基站", "word", "jīzhàn", "5G基站")) == "<ruby>5G<rt></rt>基<rt>jī</rt>站<rt>zhàn</ruby>"
    # a name keeps its capitals; a Traditional word is split by its own characters
    assert word_html(Token("長三角", "word", "ChángSānjiǎo", "长三角")) == (
        '<ruby data-k="长三角">長<rt>Cháng</rt>三<rt>Sān</rt>角<rt>jiǎo</ruby>')
    # a reading that does not fit the characters stays whole over the word
    assert word_html(Token("好", "word", "hǎohǎo", "好")) == "<ruby>好<rt>hǎohǎo</ruby>"
    # a sign ending a term the glossary reads aloud has that syllable over it (人工智能+ … jiā)
    assert word_html(Token("人工智能+", "word", "réngōngzhìnéngjiā", "")) == (
        '<ruby data-k="">人<rt>rén</rt>工<rt>gōng</rt>智<rt>zhì</rt>能<rt>néng</rt>+<rt>jiā</ruby>')


def test_terms_are_marked_in_both_scripts_with_the_simplified_headword(pages):
    hans = soup(pages, f"hans/{SLUG}.html").select("article .term[data-term=新质生产力]")
    hant = soup(pages, f"hant/{SLUG}.html").select("article .term[data-term=新质生产力]")
    assert hans and len(hans) == len(hant)
    assert reading(hant[0]) == "新質生產力"


@pytest.mark.parametrize("edition", EDITIONS)
def test_gaps_are_visible_and_restorations_explained(pages, edition):
    page = soup(pages, f"{edition}/{SLUG}.html")
    (gap,) = page.select("article .gap")
    assert gap["tabindex"] == "0" and "missing" in gap["aria-label"]
    (restored,) = page.select("article ins.restored")
    assert restored["data-note"] == "the official notice was issued"
    assert restored.ruby is not None


def test_quotes_asides_and_captions_keep_their_form(pages):
    page = soup(pages, f"hans/{SLUG}.html")
    quote = page.select_one("blockquote#p90")
    assert quote.cite.get_text() == "——习近平"
    sidebar = page.select_one("aside#a1")
    assert "观点速递" in sidebar.select_one(".box-title").get_text() and sidebar.select_one("p#a1-p1")
    assert page.select_one("figure#a2 p#a2-p1")


def test_one_hidden_popup_and_the_page_data_holds_only_this_pages_words(pages, site):
    page = soup(pages, f"hans/{SLUG}.html")
    (popup,) = page.select("[role=tooltip]")
    assert popup["id"] == "popup" and popup.has_attr("hidden")
    data = json.loads(page.select_one("script#page-data").string)
    on_page = {r.get("data-k", reading(r)) for r in page.select("article ruby")}
    assert set(data["words"]) == on_page
    term = data["terms"]["新质生产力"]
    assert term["e"] == "new quality productive forces" and term["url"] == "terms/xinzhi-shengchanli.html"


def test_controls_need_javascript_so_they_start_hidden(pages):
    page = soup(pages, f"hans/{SLUG}.html")
    for control in ("#pinyin-toggle", "#tone-toggle"):
        button = page.select_one(control)
        assert button.has_attr("hidden") and button["aria-pressed"] == "false"


def test_labels_speak_the_pages_script_and_english(pages):
    hans = soup(pages, f"hans/{SLUG}.html").select_one("#script-switch")
    hant = soup(pages, f"hant/{SLUG}.html").select_one("#script-switch")
    assert hans.get_text() == hans["aria-label"] == "繁体 · Traditional" and hans.select_one("[lang=en]")
    assert hant.get_text() == "簡體 · Simplified"


def test_key_terms_follow_first_appearance_and_link_to_term_pages(pages, site):
    page = soup(pages, f"hant/{SLUG}.html")
    links = [a["href"] for a in page.select(".key-terms a")]
    expected = [f"terms/{site.glossary.get(h).slug}.html" for h in site.editions[(SLUG, "hant")].terms_in_order]
    assert links == expected and links[0] == "terms/rengong-zhineng.html"


def test_markup_in_scraped_text_is_shown_not_run():
    essay = make_essay("001", "escaped", 2)
    hostile = Paragraph(text="<script>alert(1)</script>正文", lines=(9,), anchor="p1")
    essay = replace(essay, title="<b>标题</b>", blocks=(hostile,) + essay.blocks[1:])
    page = BeautifulSoup(render_pages(make_site([essay]))["hans/escaped.html"], "html.parser")
    assert not page.select("article script, article b")
    assert reading(page.select_one("#p1")) == "<script>alert(1)</script>正文"
    assert page.title.get_text().startswith("<b>标题</b>")


@pytest.mark.parametrize(
    ("sentence", "english"),
    [
        ("“AI+投资”(AI for Investment)模式", "AI for Investment"),  # seed 000, line 16, in Simplified
        ("行业Know-How深度融合", "Know-How"),  # seed 004, line 43
        ("由Open AI & Co. 发布", "Open AI"),  # constructed: an ampersand stays escaped text
    ],
)
def test_english_phrases_in_chinese_text_are_marked_as_english(sentence, english):
    essay = make_essay("001", "mixed", 2)
    mixed = Paragraph(text=sentence, lines=(9,), anchor="p1")
    page = BeautifulSoup(render_pages(make_site([replace(essay, blocks=(mixed,))]))["hans/mixed.html"], "html.parser")
    paragraph = page.select_one("#p1")
    assert [span.get_text() for span in paragraph.select("span[lang=en]")] == [english]
    assert reading(paragraph) == sentence


def test_a_lone_abbreviation_is_left_to_the_chinese_voice():
    essay = make_essay("001", "abbreviation", 2)
    lone = Paragraph(text="针对AI领域的5G与GDP", lines=(9,), anchor="p1")
    page = BeautifulSoup(render_pages(make_site([replace(essay, blocks=(lone,))]))["hans/abbreviation.html"], "html.parser")
    assert page.select("#p1 [lang=en]") == []


def test_page_data_cannot_end_its_script_element():
    assert "</script>" not in json_script({"x": "</script><script>alert(1)"})


def test_text_export_shows_gaps_and_restorations_plainly(site):
    text = essay_text(site.editions[(SLUG, "hans")].essay)
    head, _, body = text.partition("\n\n")
    assert head.splitlines() == ["人工智能赋能新质生产力的路径指引", "刘晖、任晓刚", "2025-03-10"]
    assert "[…]" in body and "[印发]" in body
    assert not any(mark in text for mark in (GAP, RESTORED_OPEN, RESTORED_CLOSE, "<"))
    assert "【观点速递】" in body and "——习近平" in body and body.endswith("（《光明日报》2025年3月10日）\n")


def test_one_essay_page_renders_on_its_own(site):
    html = render_essay(site, site.editions[(SLUG, "hant")])
    page = BeautifulSoup(html, "html.parser")
    assert page.select_one("article.essay")["lang"] == "zh-Hant"
    assert page.select_one("a[rel=next]")["href"] == "rengong-zhineng-jia.html"


def test_a_term_is_underlined_where_it_first_occurs_in_each_section(pages):
    article = soup(pages, f"hans/{SLUG}.html").select_one("article")
    sections: list[list] = [[]]
    for node in article.find_all(["h2", "h3", "span"]):
        if node.name in ("h2", "h3"):
            sections.append([])  # a heading starts a section, its own terms included
        elif "term" in node.get("class", []) and not node.find_parent("h1"):  # the title is marked apart
            sections[-1].append(node)
    repeated = 0
    for section in sections:
        seen = set()
        for term in section:
            first = term["data-term"] not in seen
            assert ("again" not in term["class"]) == first, term
            repeated += not first
            seen.add(term["data-term"])
    assert repeated, "the page has no term twice in a section: the test shows nothing"

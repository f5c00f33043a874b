"""Scrapes saved as raw HTML pages, whatever their line layout, read as their articles.

Each fixture ``fixtures/scrapes/html_*.html`` is a news page in one layout (minified on one line,
pretty-printed with wrapped paragraphs, ``<br>``-separated, ``<div>`` paragraphs with a sidebar, a
Traditional Hong Kong page with a figure, a page with no ``<h1>``). The essay must have the page's
title, author and date, its headings, and every paragraph exactly as written, with no markup, script
text or page chrome left.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_gen.clean import clean
from site_gen.clean.html_page import join_wrapped, read_page
from site_gen.read.ingest import read_source
from site_gen.model import Aside, Heading, Paragraph, SeedMeta, Source
from site_gen.structure import structure

FIXTURES = Path(__file__).parent / "fixtures" / "scrapes"


def cleaned(text: str):
    return clean(Source(path=Path("page.html"), name="page.html", text=text, sha256="", meta=SeedMeta()))


def essay_of(name: str):
    (essay,) = structure(clean(read_source(FIXTURES / name)))
    return essay


def everything_shown(essay) -> str:
    return "\n".join([essay.title, *essay.authors, essay.author_note, essay.source_note, *essay.credits,
                      *(block.text for block in essay.all_blocks())])


# fixture: (title, authors, date, headings, paragraphs in order, text that must not survive)
PAGES = {
    "html_minified_one_line.html": (
        "县域商业体系建设提速", ("王立新",), "2025-05-06", ["物流下沉打通末端"],
        ["今年以来，多地加快补齐县域商业短板，乡镇商贸中心和村级便民店的数量稳步增加。",
         "商务部门的数据显示，全国已建设改造县级物流配送中心一千二百多个，快递服务基本覆盖所有行政村。",
         "在一些山区县，邮政、快递和供销网点共用一个站点，包裹进村的时间缩短了一天以上。",
         "一位驿站负责人说：“以前取件要跑到镇上，现在在村口就能拿到。”"],
        ["dataLayer", "line-height", "首页", "分享到", "县域好物节", "版权所有", "article end", "经济频道"],
    ),
    "html_pretty_printed_wrapped.html": (
        "算力网络如何走进寻常百姓家", ("李静",), "2025-04-18", ["从“有没有”到“好不好”"],
        ["过去，算力被看作数据中心里的专业资源，离普通人的生活很远。如今，随着“东数西算”工程全面推进，"
         "算力正像水和电一样，通过网络输送到千行百业。",
         "在西部的一处数据中心，工程师指着成排的机柜介绍，这里的服务器承担着东部城市的视频渲染和AI training任务，"
         "电费比东部低了三成以上。",
         "专家认为，下一步的关键是让中小企业用得起、用得好算力，而不只是把机房建起来。"],
        ["font-family", "_hmt", "createElement", "顶部导航", "科技日报"],
    ),
    "html_br_separated.html": (
        "老街区的夜经济", ("周敏",), "2025-06-12", [],
        ["傍晚七点，老街两侧的灯笼次第亮起，小吃摊前很快排起了长队。",
         "街道办负责人介绍，今年街区引入了四十多家特色小店，夜间客流比去年同期增长了近一倍。",
         "一位在街区经营茶馆的店主说，晚上的营业额已经占到全天的一半以上。",
         "也有居民担心噪音问题。对此，街区规定外摆音响晚上十点以后必须关闭。"],
        ["责任编辑"],
    ),
    "html_div_paragraphs_sidebar.html": (
        "职业教育如何对接产业需求", ("刘洋",), "2025-03-02", ["校企共建实训基地"],
        ["职业院校的专业设置，正在越来越多地跟着产业地图走。",
         "在长三角的一所高职院校，新能源汽车专业的毕业生还没离校就被企业预订一空。",
         "学校与企业共建的实训车间里，学生使用的设备与工厂生产线完全一致。",
         "一位带教师傅说，学生上岗后基本不需要再培训。"],
        ["相关阅读", "高职扩招三年成效显著", "多地出台技能人才激励政策", "产教融合型企业名单公布", "教育观察"],
    ),
    "html_hk_traditional_figure.html": (
        "港鐵新綫試行無人駕駛 乘客反應正面", ("陳嘉欣",), "2025-07-21", ["安全措施"],
        ["港鐵公司周一宣布，新綫將於下月起在非繁忙時段試行全自動無人駕駛，初期每小時開出六班列車。",
         "不少乘客表示，列車行駛平穩，到站時間亦比預期準確。",
         "港鐵強調，每列試行列車上仍會安排一名車長隨車，必要時可即時接手。",
         "運輸及物流局表示，會密切留意試行情況，再決定是否推廣至其他路綫。"],
        ["熱門新聞", "天文台發出酷熱天氣警告", "本港新增一宗輸入個案", "pixel", "track()", "香港新聞網"],
    ),
    "html_no_h1_title_meta.html": (
        "社区食堂让老人吃上热乎饭", ("孙丽",), "2025-01-09", [],
        ["中午十一点，社区食堂里已经坐满了前来就餐的老人，三菜一汤只要十二元。",
         "食堂负责人介绍，八十岁以上的老人还能再享受两元补贴，行动不便的可以预约送餐上门。",
         "据了解，全市已建成社区食堂三百余家，今年还将新增一百家。"],
        ["点赞", "打印", "城市网", "main.css"],
    ),
}
IDS = lambda name: name.removeprefix("html_").removesuffix(".html")  # noqa: E731


@pytest.mark.parametrize("name", sorted(PAGES), ids=IDS)
def test_a_pages_title_author_and_date_come_from_its_head_or_its_text(name):
    title, authors, date, *_ = PAGES[name]
    essay = essay_of(name)
    assert (essay.title, essay.authors, essay.date) == (title, authors, date)


@pytest.mark.parametrize("name", sorted(PAGES), ids=IDS)
def test_a_pages_headings_and_paragraphs_arrive_one_block_each_and_whole(name):
    _, _, _, headings, paragraphs, _ = PAGES[name]
    essay = essay_of(name)
    assert [block.text for block in essay.blocks if isinstance(block, Heading)] == headings
    assert [block.text for block in essay.blocks if isinstance(block, Paragraph)] == paragraphs


@pytest.mark.parametrize("name", sorted(PAGES), ids=IDS)
def test_no_markup_script_or_page_chrome_survives(name):
    *_, gone = PAGES[name]
    shown = everything_shown(essay_of(name))
    assert not re.search(r"<\s*/?\s*[A-Za-z!]|&[a-z]+;|&#\d+;", shown)
    for noise in gone:
        assert noise not in shown, f"{noise!r} should have been removed"


@pytest.mark.parametrize("name", sorted(PAGES), ids=IDS)
def test_every_line_of_the_page_is_accounted_for_in_the_report(name):
    """Nothing vanishes silently: a source line with text is either kept or named in a change."""
    source = read_source(FIXTURES / name)
    result = clean(source)
    touched = {n for change in result.changes for n in change.lines} | {line.number for line in result.lines}
    filled = {n for n, text in enumerate(source.lines, start=1) if text.strip()}
    assert filled <= touched


def test_a_figure_caption_becomes_a_caption_aside_under_its_paragraph():
    essay = essay_of("html_hk_traditional_figure.html")
    captions = [block for block in essay.blocks if isinstance(block, Aside) and block.role == "caption"]
    assert [block.text for block in captions] == ["試行列車停靠在新綫總站月台。（港鐵圖片）"]
    assert essay.blocks.index(captions[0]) == 1


def test_blocks_of_a_minified_page_keep_the_line_they_stand_on():
    essay = essay_of("html_minified_one_line.html")
    assert {block.lines for block in essay.blocks} == {(1,)}


def test_a_wrapped_paragraph_is_numbered_by_the_line_it_starts_on_and_its_join_recorded():
    source = read_source(FIXTURES / "html_pretty_printed_wrapped.html")
    result = clean(source)
    first = next(line for line in result.lines if line.text.startswith("过去"))
    assert source.lines[first.number - 1].strip().startswith("过去，算力") and first.number == 26
    joins = [change for change in result.changes if "wrapped over several source lines" in change.why]
    assert any("“东数西算”\n" in change.text and "“东数西算”工程" in change.result for change in joins)


def test_scripts_styles_and_comments_are_removed_on_the_record():
    result = clean(read_source(FIXTURES / "html_pretty_printed_wrapped.html"))
    removed = [change for change in result.changes if change.rule == "read" and change.action == "removed"]
    whys = " ".join(change.why for change in removed)
    assert "<style>" in whys and "<script>" in whys and "comment" in whys
    style = next(change for change in removed if "<style>" in change.why)
    assert style.lines == tuple(range(8, 12))


def test_several_paragraphs_and_a_heading_on_one_line_are_separate_lines_with_hints():
    page = "<div><p>第一段写完了。</p><p>第二段也写完了。</p><h2>小标题</h2><p>第三段。</p></div>"
    lines = cleaned(page).lines
    assert [(line.text, line.hint) for line in lines] == [
        ("第一段写完了。", ""), ("第二段也写完了。", ""), ("小标题", "heading2"), ("第三段。", "")]


def test_list_items_table_rows_and_quotes_keep_their_role():
    page = ("<article><ul><li>社会保险补贴</li><li>岗位补贴</li></ul>"
            "<table><tr><td>年份</td><td>产量</td></tr><tr><td>2024</td><td>1012吨</td></tr></table>"
            "<blockquote><p>种一棵树最好的时间是十年前。</p></blockquote></article>")
    assert [(line.text, line.hint) for line in cleaned(page).lines] == [
        ("社会保险补贴", "item"), ("岗位补贴", "item"), ("年份 产量", "item"), ("2024 1012吨", "item"),
        ("种一棵树最好的时间是十年前。", "quote")]


def test_paragraphs_whose_end_tags_are_left_out_are_still_apart():
    lines = cleaned("<body><p>第一段写完了。<p>第二段也写完了。<p>第三段。</body>").lines
    assert [line.text for line in lines] == ["第一段写完了。", "第二段也写完了。", "第三段。"]


def test_an_ad_container_goes_whole_but_an_unclosed_one_ends_with_its_parent():
    page = '<div class="text"><p>正文第一段。</p><div class="ad"><p>买一送一</p></div><p>正文第二段。</p></div>'
    assert [line.text for line in cleaned(page).lines] == ["正文第一段。", "正文第二段。"]
    unclosed = '<div class="text"><p>正文第一段。</p><div id="ad-box"><p>买一送一</p></div><p>正文第二段。</p>'
    assert [line.text for line in cleaned(unclosed).lines] == ["正文第一段。", "正文第二段。"]


def test_a_lost_word_in_a_page_is_a_gap_and_entities_are_decoded():
    lines = cleaned("<p>部门相继&amp;&amp;规划，研发（R&amp;D）投入增加，&#x4E00;举两得。</p>").lines
    assert [line.text for line in lines] == ["部门相继\ue000规划，研发（R&D）投入增加，一举两得。"]


def test_text_with_a_few_empty_tags_is_not_a_page_and_stays_line_for_line():
    text = '<li id="a"><table id="a"></table></li>\n第一行是一句话。\n第二行\n也是一句话。'
    result = cleaned(text)
    assert [(line.number, line.text) for line in result.lines] == [(2, "第一行是一句话。"), (3, "第二行"), (4, "也是一句话。")]
    assert not any(change.rule == "lay_out_html_blocks" for change in result.changes)


def test_the_page_title_is_not_taken_when_the_text_already_opens_with_it():
    page = "<html><head><title>标题就在正文里_某网</title></head><body><p>标题就在正文里</p><p>正文一句话写在这里。</p></body></html>"
    lines = cleaned(page).lines
    assert [(line.text, line.hint) for line in lines] == [("标题就在正文里", ""), ("正文一句话写在这里。", "")]


def test_wrapped_text_joins_without_a_space_between_chinese_and_with_one_between_latin_words():
    assert join_wrapped("中国\n  人民") == "中国人民"
    assert join_wrapped("open\n  source") == "open source"
    assert join_wrapped("<b>中</b>\n <i>文</i>") == "<b>中</b><i>文</i>"


def test_a_page_cut_off_in_a_tag_or_a_script_is_read_without_error():
    page = read_page("<p>第一段。</p><script>var x = 1;\n<p>这里仍在脚本里")
    assert [block.text for block in page.blocks] == ["第一段。"]
    assert page.removals[0].first == 1 and page.removals[0].last == 2
    assert [line.text for line in cleaned("<p>第一段。</p><div class=\"x").lines] == ["第一段。"]

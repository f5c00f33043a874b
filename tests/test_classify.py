"""The main-text classifier: evidence, a verdict per block, the neighbours' say, and the article's region.

Pages are built as blocks directly, the way a reader hands them over, so each test shows one
kind of evidence at work and what a reader would notice: the article kept whole, chrome gone.
"""

from __future__ import annotations

from site_gen.clean.classify import classify_blocks, measure
from site_gen.model import SourceBlock

PROSE = [
    "今年以来，多地加快补齐县域商业短板，乡镇商贸中心和村级便民店的数量稳步增加，群众购物更方便了。",
    "商务部门的数据显示，全国已建设改造县级物流配送中心一千二百多个，快递服务基本覆盖所有行政村。",
    "在一些山区县，邮政、快递和供销网点共用一个站点，包裹进村的时间缩短了一天以上，运费也降了下来。",
    "一位驿站负责人说，以前取件要跑到镇上，现在在村口就能拿到，老人们也学会了在手机上查物流。",
]


def paragraph(text: str, **evidence) -> SourceBlock:
    return SourceBlock("paragraph", text, 1, **evidence)


def link(text: str, **evidence) -> SourceBlock:
    return SourceBlock("item", text, 1, link_chars=len(text), links=1, **evidence)


def kept(blocks: list[SourceBlock]) -> list[str]:
    return [item.block.text for item in classify_blocks(blocks) if item.place == "article" and item.verdict.label == "good"]


def test_prose_is_measured_by_characters_sentences_links_and_function_words():
    evidence = measure(paragraph(PROSE[0]))
    assert evidence.sentences == 1 and evidence.chars > 40
    assert evidence.link_density == 0 and evidence.function_density > 0.04
    assert measure(link("首页 新闻 财经")).link_density == 1


def test_a_navigation_bar_and_a_headline_list_around_the_article_go_whatever_their_words():
    nav = [link(word) for word in ("首页", "要闻", "財經", "科技", "体育", "Life")]
    headlines = [link(f"某某地区第{n}季度经济数据发布 多项指标回升") for n in range(1, 9)]
    blocks = nav + [paragraph(text) for text in PROSE] + headlines
    assert kept(blocks) == PROSE


def test_a_short_line_between_paragraphs_stays_and_a_short_label_among_links_goes():
    blocks = [link("首页"), link("新闻"), paragraph("更多"), link("体育"),
              paragraph(PROSE[0]), paragraph("记者手记"), paragraph(PROSE[1]), paragraph(PROSE[2])]
    assert kept(blocks) == [PROSE[0], "记者手记", PROSE[1], PROSE[2]]


def test_a_paragraph_dotted_with_keyword_links_is_still_prose():
    dotted = SourceBlock("paragraph", PROSE[1], 1, link_chars=8, links=3)
    assert kept([paragraph(PROSE[0]), dotted, paragraph(PROSE[2])]) == [PROSE[0], PROSE[1], PROSE[2]]


def test_blocks_in_a_comment_box_or_a_hidden_share_panel_go():
    comments = [paragraph("网友甲：说得好，支持！", container="comment"),
                paragraph("这篇文章写得很有道理，希望各地都能推广这样的做法，让农民得到实惠。", container="comment")]
    hidden = [paragraph("分享到微信朋友圈", hidden=True)]
    assert kept([paragraph(text) for text in PROSE] + comments + hidden) == PROSE


def test_a_heading_over_the_text_stays_and_a_heading_over_a_link_list_goes():
    blocks = ([paragraph(PROSE[0]), SourceBlock("heading", "物流下沉打通末端", 1, level=2), paragraph(PROSE[1]),
               paragraph(PROSE[2])] + [SourceBlock("heading", "热门推荐", 1, level=2)]
              + [link(f"第{n}条推荐新闻的标题在这里") for n in range(5)])
    assert kept(blocks) == [PROSE[0], "物流下沉打通末端", PROSE[1], PROSE[2]]


def test_the_article_is_chosen_before_a_longer_list_of_teasers_that_alternate_with_headline_links():
    teasers = []
    for n in range(6):
        teasers += [link(f"另一篇报道的标题{n}：市场观察"), paragraph(PROSE[n % 4] + PROSE[(n + 1) % 4])]
    blocks = [paragraph(text) for text in PROSE] + [link("更多新闻"), link("最新报道")] + teasers
    assert kept(blocks) == PROSE


def test_a_staff_credit_is_chrome_even_inside_the_article():
    blocks = [paragraph(PROSE[0]), paragraph("责任编辑：王小明"), paragraph(PROSE[1]), paragraph("排版 | 蹦蹦")]
    assert kept(blocks) == [PROSE[0], PROSE[1]]


def test_every_verdict_says_why_in_words():
    for item in classify_blocks([link("首页"), paragraph(PROSE[0]), paragraph(PROSE[1])]):
        assert item.verdict.why and item.verdict.why[0].isalpha()


def test_an_article_cut_by_a_short_list_of_links_is_kept_whole():
    related = [paragraph("相关阅读"), link("县域商业体系建设三年行动计划发布"), link("多地出台措施推动快递进村")]
    blocks = [paragraph(PROSE[0]), paragraph(PROSE[1])] + related + [paragraph(PROSE[2]), paragraph(PROSE[3])]
    assert kept(blocks) == PROSE


def test_a_page_of_short_lines_only_keeps_them_rather_than_losing_the_text():
    lines = ["春眠不觉晓，", "处处闻啼鸟。", "夜来风雨声，", "花落知多少。"]
    blocks = [link("首页"), link("诗词")] + [paragraph(text) for text in lines]
    assert kept(blocks) == lines

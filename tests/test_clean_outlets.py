"""More outlets' pages through clean and structure: what vanishes, what stays, and that no body sentence is lost.

Each fixture under ``fixtures/scrapes/`` is in one outlet's style (tech media, 学习强国, a government
Q&A, a finance portal, a portal with comments, a translated foreign paper, a paywalled Traditional site,
a WeChat copy). Losing a sentence of the article is worse than leaving debris, so every sentence of the
body is checked to arrive whole.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_gen.clean import clean
from site_gen.read.ingest import read_source
from site_gen.model import Aside, Heading, Paragraph, SeedMeta, Source
from site_gen.structure import structure

FIXTURES = Path(__file__).parent / "fixtures" / "scrapes"


def only_essay(name: str):
    (essay,) = structure(clean(read_source(FIXTURES / name)))
    return essay


def clean_text(text: str):
    return clean(Source(path=Path("t.txt"), name="t.txt", text=text, sha256="", meta=SeedMeta()))


def reading(essay) -> str:
    return "\n".join([essay.title, *(block.text for block in essay.all_blocks())])


# fixture: (title, authors, date, noise that must vanish, body sentences that must arrive whole)
OUTLETS = {
    "kr36_tech_article.txt": (
        "大模型“卷”向端侧：手机里的AI还缺什么？", ("王思远",), "2025-05-20",
        ["36氪首页", "编辑｜", "题图来源", "仅提供信息存储空间服务", "+1", "收藏"],
        ["编者按：端侧大模型成为今年手机厂商的必争之地。", "所谓端侧（on-device），指的是模型直接运行在手机芯片上，而不依赖云端服务器。",
         "只需执行`./main -m model.gguf -p \"你好\"`，就能在笔记本上跑起一个小模型。", "某App创始人Kevin Zhang说。"],
    ),
    "xuexi_article_with_top_metadata.txt": (
        "以高质量党建引领基层治理", ("赵建华",), "2025-03-18",
        ["学习强国", "责任编辑", "来源：", "分享到"],
        ["基层是国家治理的“最后一公里”。", "才能把制度优势更好转化为治理效能。"],
    ),
    "gov_policy_qa_interpretation.txt": (
        "权威解读｜《关于健全社会救助体系的意见》答问", (), "2025-02-27",
        ["首页 >", "字体", "打印", "我要纠错", "责任编辑", "扫一扫"],
        ["问：《意见》出台的背景是什么？", "答：社会救助事关困难群众基本生活，是保障基本民生的兜底性制度安排。",
         "同时，对遭遇突发事件的家庭，及时给予临时救助，防止出现冲击社会道德底线的事件。", "问：如何确保政策落地见效？"],
    ),
    "sina_finance_stock_news.txt": (
        "贵州茅台一季度净利润同比增长11.6%", (), "2025-04-25",
        ["新浪财经 >", "尽在新浪财经APP", "新浪声明", "责任编辑"],
        ["贵州茅台（600519.SH）4月25日晚间披露一季报。", "同日，五粮液（000858.SZ）也发布一季报，净利润同比增长5.8%。",
         "港股方面，华润啤酒（00291.HK）股价微涨0.4%。"],
    ),
    "netease_with_comments.txt": (
        "老城区加装电梯，难在哪儿？", (), "2025-06-03",
        ["网易首页", "举报", "分享至", "NBJ", "跟帖", "网友“", "打开网易新闻"],
        ["住在六楼的刘阿姨说，以前下楼买菜要歇两回，现在几分钟就能到楼下。", "让住户自己商量出资比例，效果明显。"],
    ),
    "nytimes_chinese_translation.txt": (
        "人工智慧能取代翻譯嗎？", ("CADE METZ",), "2025-03-14",
        ["紐約時報中文網 >", "英文原文", "英文版", "翻譯：", "©"],
        ["「機器能譯出句子，但譯不出語氣。」", "仍是機器翻譯難以跨越的門檻。", "Cade Metz是科技記者，報導人工智慧、自動駕駛汽車、機器人和其他新興技術。"],
    ),
    "initium_paywall_traditional.txt": (
        "疫後的旺角：街坊小店如何在租金與客流之間求生", ("何嘉欣",), "2025-04-08",
        ["付費牆", "訂閱", "登入", "HK$", "發自香港"],
        ["老闆梁先生說，疫情三年熬過來了，沒想到最難的是現在。", "「租金回落了兩成，可生意跌了一半。」他說。"],
    ),
    "wechat_image_placeholders.txt": (
        "一座小城的夜市经济", ("小城故事",), "2025-06-10",
        ["[图片]", "▲", "摄影：", "往期推荐", "小城的老街", "阅读原文", "END", "在看"],
        ["从晚上六点开始，三百多个摊位陆续亮灯。", "一家奶茶店的店员说，晚上的营业额占到全天的六成。"],
    ),
}


@pytest.mark.parametrize("name", sorted(OUTLETS), ids=lambda name: name.removesuffix(".txt"))
def test_an_outlets_page_reads_as_its_article(name):
    title, authors, date, gone, kept = OUTLETS[name]
    essay = only_essay(name)
    assert (essay.title, essay.authors, essay.date) == (title, authors, date)
    text = reading(essay)
    for noise in gone:
        assert noise not in text, f"{noise!r} should have been removed"
    for sentence in kept:
        assert sentence in text, f"{sentence!r} should have been kept whole"


def _sentences(text: str) -> list[str]:
    """The full sentences of a fixture's paragraphs (lines of 30 characters or more ending on 。！？)."""
    return [part for line in text.split("\n") if len(line.strip()) >= 30 and line.strip()[-1] in "。！？”」"
            for part in re.findall(r"[^。！？]+[。！？]", line.strip()) if len(part) >= 8]


@pytest.mark.parametrize("name", sorted(OUTLETS), ids=lambda name: name.removesuffix(".txt"))
def test_no_sentence_of_the_body_is_lost(name):
    essay = only_essay(name)
    kept = "".join([reading(essay), essay.author_note, essay.source_note, *essay.credits]).replace("\n", "")
    gone_on_purpose = {"新浪声明", "仅代表作者本人", "網友", "网友", "点击阅读原文", "點擊查看"}
    for sentence in _sentences((FIXTURES / name).read_text(encoding="utf-8")):
        if not any(word in sentence for word in gone_on_purpose):
            assert sentence.strip() in kept, sentence


def test_the_editors_note_and_code_span_of_a_tech_article_stay_as_written():
    essay = only_essay("kr36_tech_article.txt")
    assert essay.blocks[0].text.startswith("编者按：") and isinstance(essay.blocks[0], Paragraph)
    assert [block.text for block in essay.blocks if isinstance(block, Heading)] == ["开发者的门槛"]
    assert essay.source_note.startswith("本文来自微信公众号“智能涌现”")


def test_a_translation_names_its_translator_among_the_credits():
    assert only_essay("nytimes_chinese_translation.txt").credits == ("翻譯：王燦",)


def test_wechat_captions_under_a_triangle_become_caption_asides_without_the_photographers_credit():
    captions = [block.text for block in only_essay("wechat_image_placeholders.txt").blocks
                if isinstance(block, Aside) and block.role == "caption"]
    assert captions == ["夜幕降临，夜市里人头攒动。", "老杨的烤串摊前排起了长队"]


def test_a_portals_original_title_and_source_go_with_the_notes():
    essay = only_essay("netease_with_comments.txt")
    assert "原标题：老楼加装电梯，“最后一公里”怎么走通" in essay.source_note
    assert "本文来源：北京青年报" in essay.source_note


def test_a_number_between_paragraphs_is_not_taken_for_a_counter():
    source = "\n".join(["数据一览", "年份和数量如下。", "2017", "1012", "以上数据来自农业农村部的监测报告。"])
    result = clean_text(source)
    assert [line.text for line in result.lines][2:4] == ["2017", "1012"]


def test_comments_are_left_alone_when_the_article_goes_on_after_the_label():
    long_paragraph = "读者的意见很有价值，" * 25 + "编辑部会认真研究。"
    source = "\n".join(["正文第一段说完了。", "热门评论", long_paragraph])
    result = clean_text(source)
    assert long_paragraph in [line.text for line in result.lines]

"""Scrapes in the styles of outlets the seeds never showed, through clean and structure, read as a reader would.

Each fixture under ``fixtures/scrapes/`` names its outlet style; the tests say what must vanish
(chrome, paywalls, buttons, signatures, markup) and what must stay (title, author, date,
headings, every paragraph whole, quotes as quotes, captions as asides).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.clean import clean
from site_gen.ingest import read_source
from site_gen.model import Aside, Heading, Paragraph, Quote
from site_gen.structure import structure

FIXTURES = Path(__file__).parent / "fixtures" / "scrapes"


def cleaned(name: str):
    return clean(read_source(FIXTURES / name))


def essays(name: str):
    return structure(cleaned(name))


def only_essay(name: str):
    (essay,) = essays(name)
    return essay


def reading(result) -> str:
    return "\n".join(line.text for line in result.lines)


def body_text(essay) -> str:
    return "\n".join(block.text for block in essay.all_blocks())


def of_kind(essay, kind) -> list:
    return [block for block in essay.all_blocks() if isinstance(block, kind)]


# What each page's chrome leaves behind if a rule misses it, and words of the article that must stay.
CLEAN_CASES = {
    "people_daily_opinion_page.txt": (
        ["人民网 >>", "字号", "打印本页", "关闭窗口", "责编", "分享让更多人看到", "推荐阅读", "夜经济点亮", "版权所有"],
        ["守护好城市的“烟火气”", "让摊主心里有", "在秩序与活力之间找到平衡点。"],
    ),
    "xinhua_dispatch_with_correction_link.txt": (
        ["【纠错】", "责任编辑", "扫一扫", "img.news.cn", "李博 摄"],
        ["新华社北京1月15日电（记者 周圆、赵文君）", "工人在江苏一家汽车工厂的生产线上作业。", "充电基础设施建设也将进一步提速。"],
    ),
    "guangming_theory_with_references.txt": (
        ["光明网 >", "责编"],
        ["提升社会治理效能[1]", "（一）从经验判断转向数据研判", "[3]张康之：《论技术治理的限度》"],
    ),
    "thepaper_markdown_export.txt": (
        ["tags:", "![](", "图片来源", "](https", "| ---", "责任编辑", "校对", "报料", "未经授权", "> ", "- 技能", "**"],
        ["以前是打鱼的，现在是护鱼的，心里踏实。", "技能培训和就业推荐", "农业农村部发布的监测报告", "2017 1012头"],
    ),
    "caixin_paywall_article.txt": (
        ["付费内容", "登录后阅读全文", "已有账号", "98/年", "畅读", "推荐阅读", "净息差"],
        ["央行年内第二次降准", "“降准的信号意义大于实际意义。”一位券商首席经济学家对财新表示。"],
    ),
    "zaobao_traditional_html.txt": (
        ["<", "分享至", "廣告", "相關新聞", "可免費學習網購"],
        ["「沒有人應該被數字化浪潮拋在後面。」", "志願者在社區中心教導長者使用電子支付。"],
    ),
    "hk01_traditional_plain.txt": (
        ["香港01 >", "相關文章", "加價2.7%", "下載香港01 App", "分享至"],
        ["首班車於早上6時正開出。", "「以前出市區要轉兩程巴士，之後搭港鐵就方便得多。」"],
    ),
    "liberty_times_taiwan.txt": (
        ["自由時報 >", "不用抽", "點我下載", "延伸閱讀", "香蕉價格崩跌", "推薦文章", "留言", "網路言論規範"],
        ["〔記者楊綺雯／台北報導〕", "民眾不必搶購。"],
    ),
    "toutiao_baijiahao_repost.txt": (
        ["首页", "关注\n", "举报", "点赞", "评论 45", "收藏", "1.2万阅读", "仅代表作者观点"],
        ["县城咖啡店为什么越开越多？", "为什么县城也开始喝咖啡？", "欢迎在评论区留言。"],
    ),
    "zhihu_column_markdown.txt": (
        ["zhimg", "](", "赞同了该文章", "赞同 326", "添加评论", "申请转载", "编辑于", "IP 属地", "> "],
        ["张子墨", "1. 把长期主义当成不作为", "种一棵树最好的时间是十年前，其次是现在。", "相信积累的力量"],
    ),
    "gov_notice_page.txt": (
        ["当前位置", "索引号", "主题分类", "发文机关", "扫一扫", "我要纠错"],
        ["国务院办公厅关于推进城市地下管网改造的指导意见", "国办发〔2025〕9号", "（一）摸清管网底数。", "（此件公开发布）"],
    ),
    "pdf_text_dump.txt": (
        ["— 1 —", "— 3 —", "数字经济研究"],
        ["平台经济治理的国际比较与启示", "其规则在很大程度上影响着市场秩序。"],
    ),
    "forum_repost_with_signature.txt": (
        ["本帖最后由", "转载请注明出处", "人生如茶", "blog.example.com", "回复 | 引用"],
        ["退休以后，我和老伴回到了乡下老家。", "心里说不出的舒坦。"],
    ),
}


@pytest.mark.parametrize("name", sorted(CLEAN_CASES), ids=lambda name: name.removesuffix(".txt"))
def test_chrome_goes_and_the_article_stays(name):
    gone, kept = CLEAN_CASES[name]
    text = reading(cleaned(name))
    for noise in gone:
        assert noise not in text, f"{noise!r} should have been removed"
    for words in kept:
        assert words in text, f"{words!r} should have been kept"


def test_every_new_style_has_a_fixture():
    on_disk = {path.name for path in FIXTURES.glob("*.txt")}
    assert set(CLEAN_CASES) <= on_disk and len(CLEAN_CASES) >= 10


def test_markdown_quotes_list_items_and_table_rows_keep_their_role_as_hints():
    hints = {line.text: line.hint for line in cleaned("thepaper_markdown_export.txt").lines}
    assert hints["“以前是打鱼的，现在是护鱼的，心里踏实。”"] == "quote"
    assert hints["社会保险补贴"] == hints["2022 1249头"] == "item"


def test_a_photo_credit_without_brackets_makes_its_line_a_caption():
    lines = {line.text: line.hint for line in cleaned("xinhua_dispatch_with_correction_link.txt").lines}
    assert lines["1月10日，工人在江苏一家汽车工厂的生产线上作业。"] == "caption"


def test_a_government_metadata_table_leaves_only_its_date():
    result = cleaned("gov_notice_page.txt")
    assert [line.text for line in result.lines if line.hint == "date"] == ["2025-03-28"]
    assert "发文字号" not in reading(result) and "标 题" not in reading(result)

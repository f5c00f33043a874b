"""Scrapes in the styles of outlets the seeds never showed, through clean and structure, read as a reader would.

Each fixture under ``fixtures/scrapes/`` names its outlet style; the tests say what must vanish
(chrome, paywalls, buttons, signatures, markup) and what must stay (title, author, date,
headings, every paragraph whole, quotes as quotes, captions as asides).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.clean import clean
from site_gen.read.ingest import read_source
from site_gen.model import Aside, Heading, Paragraph, Quote
from site_gen.structure.text import ends_sentence
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


# ── Structure: what the reader sees of each essay ─────────────────────────────

HEADS = {
    # fixture: (title, authors, date)
    "people_daily_opinion_page.txt": ("守护好城市的“烟火气”", ("李晓燕",), "2025-04-18"),
    "xinhua_dispatch_with_correction_link.txt": ("我国新能源汽车产销连续十年位居全球第一", ("周圆", "赵文君"), "2025-01-15"),
    "guangming_theory_with_references.txt": ("以数字化赋能基层治理现代化", ("陈立新",), "2025-03-20"),
    "thepaper_markdown_export.txt": ("长江禁渔五年：江豚回来了，渔民上岸了", ("刘晨", "周雨桐"), "2025-01-02"),
    "caixin_paywall_article.txt": ("央行年内第二次降准 释放长期资金约1万亿元", ("戚展宁",), "2025-05-07"),
    "zaobao_traditional_html.txt": ("新加坡推出樂齡數碼計劃 助長者跨越數字鴻溝", ("林佩儀",), "2025-03-12"),
    "hk01_traditional_plain.txt": ("港鐵新車站周日啟用 預計每日接載三萬人次", ("陳嘉欣",), "2025-06-20"),
    "liberty_times_taiwan.txt": ("颱風過後農損逾3億 農委會啟動現金救助", ("楊綺雯",), "2025-08-05"),
    "toutiao_baijiahao_repost.txt": ("县城咖啡店为什么越开越多？", ("财经观察家",), "2025-04-12"),
    "zhihu_column_markdown.txt": ("为什么说“慢就是快”？——谈谈长期主义", ("张子墨",), ""),
    "gov_notice_page.txt": ("国务院办公厅关于推进城市地下管网改造的指导意见", (), "2025-03-28"),
    "pdf_text_dump.txt": ("平台经济治理的国际比较与启示", ("孙浩然",), ""),
    "taiwan_news_with_related_list.txt": ("AI伺服器出貨暢旺 供應鏈營收創新高", ("陳怡君",), "2025-05-08"),
    "xinhua_style_news_page.txt": ("数字农业加快发展 智慧农机走进田间", ("张明",), "2025-06-12"),
    "wechat_article_copy.txt": ("乡村振兴的数字化路径", (), "2025-03-02"),
}


@pytest.mark.parametrize("name", sorted(HEADS), ids=lambda name: name.removesuffix(".txt"))
def test_one_essay_with_its_title_authors_and_date(name):
    essay = only_essay(name)
    assert (essay.title, essay.authors, essay.date) == HEADS[name]
    assert not essay.title_derived
    # The metadata lines went into the essay's fields, not into its text.
    assert not any(block.text.startswith(("来源：", "發佈日期", "發布 /", "原创 ", "文｜")) for block in essay.all_blocks())


@pytest.mark.parametrize("name", sorted(HEADS), ids=lambda name: name.removesuffix(".txt"))
def test_every_paragraph_ends_a_sentence_or_stands_whole(name):
    for block in only_essay(name).all_blocks():
        if isinstance(block, Paragraph) and len(block.text) > 30:
            assert ends_sentence(block.text), block.text[-20:]


def test_a_theory_article_keeps_numbered_headings_footnotes_and_references():
    essay = only_essay("guangming_theory_with_references.txt")
    headings = [(block.text, block.level) for block in of_kind(essay, Heading)]
    assert ("一、数字化重塑基层治理的运行逻辑", 2) in headings and ("（一）从经验判断转向数据研判", 3) in headings
    assert ("注释", 2) in headings
    # A paragraph ending on a footnote mark is whole; the next one is not glued to it.
    assert "人民满意才是目的。”[3]" in body_text(essay) and "[3]基层治理" not in body_text(essay)
    assert essay.author_note == "作者单位：华中师范大学政治与国际关系学院"
    assert essay.source_note.startswith("《光明日报》（2025年03月20日11版）")


def test_a_government_notice_keeps_its_numbered_points_and_its_closing_lines_apart():
    essay = only_essay("gov_notice_page.txt")
    assert [block.text for block in of_kind(essay, Heading) if block.level == 3] == ["（一）摸清管网底数。", "（二）加快老旧管网改造。"]
    closing = [block.text for block in essay.blocks[-4:]]
    assert closing == ["附件：城市地下管网改造重点任务分工", "国务院办公厅", "2025年3月28日", "（此件公开发布）"]
    assert "国办发〔2025〕9号" in essay.source_note


def test_markdown_quote_list_and_table_read_as_quote_and_separate_lines():
    essay = only_essay("thepaper_markdown_export.txt")
    (quote,) = of_kind(essay, Quote)
    assert quote.text == "“以前是打鱼的，现在是护鱼的，心里踏实。”"
    paragraphs = [block.text for block in of_kind(essay, Paragraph)]
    assert ["技能培训和就业推荐", "社会保险补贴", "创业贷款贴息"] == paragraphs[paragraphs.index("技能培训和就业推荐"):][:3]
    assert "原标题：《长江十年禁渔进入第五年，沿江渔民过得怎么样？》" in essay.source_note


def test_a_pdf_dump_is_rejoined_into_paragraphs_under_its_headings():
    essay = only_essay("pdf_text_dump.txt")
    assert [block.text for block in of_kind(essay, Heading)] == ["一、引言", "二、欧盟的事前规制模式", "三、对我国的启示"]
    assert any(block.text.startswith("欧盟以《数字市场法》为代表，对“守门人”平台设定") for block in of_kind(essay, Paragraph))
    assert essay.author_note == "作者单位：南开大学经济学院"


def test_photo_captions_become_caption_asides():
    for name in ("xinhua_dispatch_with_correction_link.txt", "zaobao_traditional_html.txt"):
        captions = [block for block in only_essay(name).blocks if isinstance(block, Aside) and block.role == "caption"]
        assert len(captions) == 1, name


def test_a_site_name_above_the_title_is_removed_with_a_record():
    essay = only_essay("caixin_paywall_article.txt")
    assert any(change.text == "財新網" and change.action == "removed" for change in essay.changes)


# ── Who wrote a forum post, a column, a self-media piece ──────────────────────


def test_a_forum_post_names_its_poster_and_drops_the_replies():
    essay = only_essay("forum_repost_with_signature.txt")
    assert essay.authors == ("青山依旧",)
    assert "沙发" not in body_text(essay) and "顶一个" not in body_text(essay)


def test_a_column_authors_tagline_is_not_a_heading():
    essay = only_essay("zhihu_column_markdown.txt")
    assert "经济学博士 / 关注行为金融" not in [block.text for block in of_kind(essay, Heading)]


def test_a_self_media_account_is_the_author():
    assert only_essay("toutiao_baijiahao_repost.txt").authors == ("财经观察家",)


# ── Several articles in one file: newspaper pages and 专题 pages ───────────────

PAGES = Path(__file__).parent / "fixtures" / "structure"


def page(name: str):
    return structure(clean(read_source(PAGES / name)))


def test_a_front_page_gives_each_news_item_its_title_reporter_and_the_pages_date():
    items = page("front_page_three_news_items.txt")
    assert [(item.title, item.authors, item.date) for item in items] == [
        ("今年前4个月全国铁路发送旅客14.3亿人次", ("韩鑫",), "2025-05-07"),
        ("我国首个深远海漂浮式风电项目全容量并网", ("李刚",), "2025-05-07"),
        ("春播粮食作物已完成意向面积过半", ("郁静娴",), "2025-05-07"),
    ]
    for item in items:
        # Each item is its dateline paragraph and one more, with no other item's headline inside it.
        assert [block.kind for block in item.blocks] == ["paragraph", "paragraph"]
        assert item.blocks[0].text.startswith("本报")


def test_a_traditional_theory_page_gives_two_essays_each_with_byline_headings_note_and_quote():
    first, second = page("theory_page_two_essays_traditional.txt")
    assert (first.title, first.authors) == ("以科技創新引領產業升級", ("陳志明",))
    assert (second.title, second.authors) == ("在開放合作中提升治理效能", ("黃美玲",))
    assert [block.text for block in of_kind(first, Heading)] == ["強化基礎研究的源頭供給", "推動成果轉化落地"]
    assert first.author_note == "作者為香港科技大學公共政策學部教授"
    assert second.author_note == "作者為香港中文大學政治與行政學系副教授"
    (quote,) = of_kind(first, Quote)
    assert quote.attribution == "摘自黨的二十大報告"
    assert first.script == second.script == "hant"
    # The page's masthead is nobody's title and nobody's text.
    assert all("文匯論壇" not in body_text(essay) + essay.title for essay in (first, second))


def test_a_second_headline_with_only_a_dateline_opens_an_essay_of_its_own():
    first, second = page("second_headline_with_dateline_only.txt")
    assert (first.title, first.authors, first.date) == ("一季度我国外贸进出口同比增长1.3%", ("王晓峰",), "2025-04-14")
    assert (second.title, second.authors, second.date) == ("民营企业进出口比重继续提升", (), "2025-04-14")
    assert not of_kind(first, Heading)
    assert second.blocks[0].text.startswith("新华社北京4月14日电 海关统计显示")


def test_headings_followed_by_a_speakers_name_or_an_epigraph_stay_one_essay():
    (essay,) = page("interview_essay_with_name_lines.txt")
    assert essay.title == "守护一条河的三十年" and essay.authors == ("周小川",)
    assert [block.text for block in of_kind(essay, Heading)] == [
        "一、从“打鱼人”到“护河人”", "二、年轻人接过了船桨", "三、一条河的新生"]
    (epigraph,) = of_kind(essay, Quote)
    assert epigraph.attribution == "题记" and epigraph.text.startswith("一条河，连着两岸人家")
    text = body_text(essay)
    assert "偷排、乱倒垃圾，在屏幕上看得清清楚楚" in text and text.endswith("让孙子也能在河里学会游泳。")


def test_the_seeds_hold_six_essays():
    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    counts = [len(structure(clean(read_source(path)))) for path in seeds]
    assert counts == [1, 1, 1, 2, 1]

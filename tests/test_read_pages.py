"""Whole pages from sites the cleaner has never seen, one fixture per kind of noise, read as a reader would.

Each fixture under ``fixtures/pages/`` is a page written for these tests (invented news and policy prose)
and named after the noise it carries: a reader tool's Markdown under a long navigation bar, a column of
unrelated headlines after the article, a Jina Reader clipping, a WeChat copy whose front matter names the
account, Hugo front matter holding the time a page was archived, a raw HTML page with its editor in
``<meta name=author>``, comments, a columnist's bio box and counters, pages in GBK (one declaring gb2312,
one whose ``<meta charset>`` says utf-8) and in Big5, ``<title>`` elements with a site's name and a column
label, and pages that must lose nothing (keyword links, a short line, a bold heading, a copyright sentence
quoted in the text). The GBK and Big5 fixtures were written as text and saved with ``.encode("gbk")`` and
``.encode("big5")``.

Every page goes through the real pipeline, ``structure(clean(read_source(path)))``, and the tests assert
what a reader of the essay would notice: its title, authors and date, its headings, its first and last
paragraphs, how many paragraphs it has, and that no page chrome shows anywhere (title, authors, notes,
credits, blocks). What the pipeline does not do yet is marked ``xfail`` with what came out instead.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pytest

from site_gen.clean import clean
from site_gen.model import Aside, Heading, Paragraph
from site_gen.read.ingest import read_source
from site_gen.structure import structure

FIXTURES = Path(__file__).parent / "fixtures" / "pages"


class Page(NamedTuple):
    """What a reader of the page's essay sees."""

    title: str
    authors: tuple[str, ...]
    date: str
    headings: list[str]
    first: str  # the first paragraph, exactly
    last: str  # the last paragraph, exactly
    paragraphs: int  # how many paragraphs the article has
    gone: list[str]  # page chrome: none of it may show anywhere


PAGES = {
    "md_reader_nav_bar.md": Page(
        "老旧小区加装电梯驶入快车道", ("周若琳",), "2024-06-12", ["资金难题如何破解", "后续管养有人管"],
        "今年以来，我市把老旧小区加装电梯列入民生实事项目，截至五月底已有一百八十六部电梯完工投用，"
        "另有九十多部正在施工，数量超过去年全年。",
        "市住建局表示，下一步将推行“统一设计、统一招标、统一维保”的片区化模式，进一步压缩审批和施工时间，"
        "力争年底前再完成一百五十部电梯的加装任务。",
        6,
        ["首页", "时政", "数字报", "English", "滨江日报网", "正文", "elevator.jpg", "分享到", "上一篇", "下一篇",
         "端午假期", "关于我们", "广告服务", "网站地图", "版权所有", "镜像", "ICP备"],
    ),
    "md_headline_column.md": Page(
        "夏粮收购进度过半 优质小麦卖出好价钱", ("贺佳明",), "2024-06-20", ["预约收购减少排队"],
        "记者从省粮食和物资储备局获悉，截至6月19日，全省各类粮食企业累计收购新产小麦四百一十二万吨，"
        "收购进度已经过半，比去年同期加快了约五天。",
        "省粮食和物资储备局有关负责人表示，将继续做好最低收购价执行预案的各项准备，一旦市场价格低于最低收购价，"
        "将及时启动托市收购，切实保护种粮农民利益。",
        4,
        ["中原农讯", "农业要闻", "本报记者", "孙丽萍", "热点排行", "文旅消费季", "高温橙色预警", "省运会",
         "中考成绩", "防汛抗旱", "新能源汽车下乡", "06-20", "06-19", "查看更多"],
    ),
    "md_jina_reader.md": Page(
        "高校毕业生就业见习岗位扩容 三万个岗位面向社会发布", ("韩雪",), "2024-06-11", ["留用率成为考核重点"],
        "记者从市人力资源和社会保障局获悉，今年全市新募集就业见习岗位三万零六百个，涵盖智能制造、电子商务、"
        "医疗健康、文化创意等二十多个行业，将于本周起陆续面向离校未就业高校毕业生发布。",
        "高校毕业生可通过“南湖就业”小程序查询岗位信息并在线报名，人社部门还将在六月下旬举办三场见习岗位"
        "专场招聘会，现场为毕业生提供政策咨询和简历指导。",
        5,
        ["Title:", "URL Source", "Published Time", "Markdown Content", "Image 1", "Image 2", "南湖网", "新闻中心",
         "问政", "登录", "注册", "王涛", "责任编辑", "上一篇", "防潮指南", "要闻", "南湖隧道", "湖鲜美食节",
         "社保卡", "Copyright", "新闻热线"],
    ),
    "md_wechat_account.md": Page(
        "一座县城的图书馆之变", ("陈思远",), "2024-04-23", ["一、从“藏书楼”到“城市客厅”", "二、把书送到村口"],
        "走进临川县图书馆新馆，首先映入眼帘的是一整面落地玻璃窗，阳光洒在原木色的书架上。每天上午九点开馆前，"
        "门口总有十几位读者在排队等候，其中不少是带着孩子的年轻父母。",
        "一座图书馆，改变的不只是县城的文化地标，还有人们的生活方式。正如一位读者在留言簿上写的："
        "“在这里，每个人都能找到属于自己的一束光。”",
        6,
        ["书香临川", "公众号", "发布时间", "原文链接", "mp.weixin", "林晓", "images/", ".jpg", "END", "二维码",
         "长按", "在看", "每天一篇好文"],
    ),
    "md_hugo_archive_date.md": Page(
        "社区卫生服务中心开出“夜间门诊”", ("郑晓岚",), "2024-05-03", ["上班族不用再请假看病"],
        "晚上七点，城北街道社区卫生服务中心的灯依然亮着。候诊区里坐着十几位居民，有下班后赶来开药的上班族，"
        "也有带着发烧孩子的年轻妈妈。",
        "区卫生健康委表示，将根据居民需求和运行情况，适时把夜间门诊扩展到周末，并探索与附近三甲医院开展远程会诊，"
        "让居民在家门口就能看上“专家号”。",
        5,
        ["2025", "03:27", "lastmod", "draft", "categories", "tags", "作者："],
    ),
    "md_negative_short_line_bold_heading.md": Page(
        "节后招聘会人气旺 企业抢人更重“留人”", ("杜明远",), "2024-02-26", ["稳岗补贴直达企业"],
        "春节假期刚过，城西人力资源市场就迎来了求职高峰。招聘大厅里，两百多家企业摆开展位，提供的岗位涵盖"
        "电子装配、物流仓储、家政服务等多个领域，现场人头攒动。",
        "市人社局还将在全年举办各类招聘活动三百场以上，重点面向高校毕业生、农民工和就业困难人员，"
        "并为有需要的求职者提供免费的职业技能培训。",
        6,
        ["文/"],
    ),
    "html_editor_meta_comments_bio.html": Page(
        "海铁联运让内陆城市“靠”上大海", ("马骏",), "2024-09-05", ["打通码头的“最后一公里”"],
        "九月的第一周，一列满载光伏组件的集装箱班列从西部的内陆城市出发，经过两千多公里的铁路运输直抵东海港，"
        "货物在码头不落地就装上了开往欧洲的远洋货轮。",
        "向海而兴，是沿海城市的优势，也可以成为内陆城市的机遇。把港口的功能延伸到内陆，让更多城市“靠”上大海，"
        "开放的大门就会开得更大。",
        6,
        ["首页", "港航", "城事", "阅读 1.2万", "1.2万", "吴静怡", "责任编辑", "点赞", "收藏", "专栏作者", "网友评论", "name", "reader_8848", "email", "发表评论", "文明上网",
         "早点解决", "铁路运价", "海边的风", "举报", "0574", "jubao", "版权所有", "东海网", "ICP"],
    ),
    "html_gbk_declared_gb2312.html": Page(
        "城乡公交一体化 村民出行更便捷", ("宋志刚",), "2024-03-18", [],
        "早上六点半，家住李集镇的村民张玉梅在村口候车亭等了不到十分钟，一辆崭新的城乡公交车就稳稳停了下来。"
        "她刷卡上车，四十分钟后便到了县城的菜市场。",
        "为了让公交车开得下去，县里还同步建设了城乡公交调度中心，每一辆车都装上了定位设备，"
        "村民通过手机就能查看车辆到站时间，不用再站在路边干等。",
        4,
        ["网站首页", "县市区", "民生热线", "论坛", "点击数", "2867", "何萍", "责任编辑", "相关新闻", "农资供应",
         "生态廊道", "停车场", "淮河晨报社主办", "版权所有", "ICP", "不得转载"],
    ),
    "html_gbk_declared_utf8.html": Page(
        "家电以旧换新“换”出消费新活力", ("骆佳慧",), "2024-08-02", ["回收网络延伸到小区"],
        "家住南城区的林先生最近把用了十二年的老冰箱换成了一台一级能效的新冰箱。他说，旧冰箱回收抵了三百元，"
        "再加上政府补贴，新冰箱比标价便宜了将近一千元。",
        "回收来的旧家电被统一运往位于工业园区的拆解中心。在这里，压缩机、铜管、塑料外壳被分门别类地拆解出来，"
        "再送往下游企业重新利用，资源化利用率达到九成以上。",
        4,
        ["西江要闻", "消费维权", "房产家居", "浏览", "5637", "朋友圈", "复制链接", "西江之窗", "ICP", "联系电话"],
    ),
    "html_big5_taiwan.html": Page(
        "在地食材進校園 山城學童午餐吃得更安心", ("林佩君",), "2024-07-18", ["小農收入更穩定"],
        "台中市政府今年起擴大推動校園午餐使用在地食材，山城地區的國中小學每週至少有三天供應在地生產的蔬菜與雞蛋，"
        "讓學童吃得更新鮮，也幫小農打開穩定的銷售通路。",
        "市府教育局指出，目前已有八十六所學校加入在地食材計畫，明年預計擴大到一百二十所，並將定期抽驗農藥殘留，"
        "確保食材安全無虞。",
        4,
        ["首頁", "即時", "娛樂", "記者林佩君", "14:32", "熱門新聞", "颱風假", "大谷翔平", "國道三號", "中台灣新聞網",
         "版權所有", "轉載"],
    ),
    "html_title_site_suffix_column_label.html": Page(
        "城市口袋公园让居民“推窗见绿”", ("段雨晴",), "2024-10-09", [],
        "在城区一处老旧厂房拆除后留下的空地上，一座占地不到两千平方米的口袋公园近日建成开放。健身步道、"
        "儿童游乐设施和林荫座椅一应俱全，附近居民吃过晚饭就能过来散步。",
        "按照计划，到明年底全市口袋公园总数将超过二百个，园林部门还将同步推进绿道连通，"
        "逐步实现城区居民“推窗见绿、出门入园”的目标。",
        4,
        ["【", "民生观察", "社会频道", "云岭网", "当前位置", "县域", "文旅", "分享到", "版权所有", "禁止转载"],
    ),
    "html_title_traditional_suffix_no_h1.html": Page(
        "長照據點走進巷弄 長輩就近參加共餐", ("黃詩涵",), "2024-11-02", [],
        "高雄市前鎮區的一處巷弄裡，每週二、週四中午總是特別熱鬧。二十多位長輩圍坐在社區活動中心的長桌旁，"
        "一邊吃著志工準備的午餐，一邊聊著家常，笑聲不斷。",
        "社會局表示，全市已設立長照據點四百三十多處，未來將優先在長輩人口比例較高的里增設據點，"
        "並結合醫療院所提供定期量血壓和用藥諮詢服務。",
        4,
        ["｜", "地方", "港灣新聞網", "首頁", "政治", "記者黃詩涵", "延伸閱讀", "輕軌", "旗津", "流感疫苗", "版權所有",
         "Harbor News"],
    ),
    "html_negative_keyword_links.html": Page(
        "前八月锂电池出口稳中有升 海外储能需求成主要推力", ("程立航",), "2024-09-14", ["绿色壁垒带来新考验"],
        "海关总署最新数据显示，今年前八个月，我国锂电池出口额同比增长百分之十二，其中对东南亚和中东市场的"
        "出口增速均超过三成，成为外贸增长的一大亮点。",
        "专家建议，企业应加快建立覆盖全生命周期的碳排放核算体系，同时加强电池回收利用技术研发，"
        "以更高的绿色标准赢得国际市场的长期信任。",
        5,
        ["财经频道", "汇通财讯", "股票", "基金", "外汇", "邵楠", "责任编辑", "相关个股", "电池科技", "储能股份",
         "光伏新材", "版权所有", "投资建议"],
    ),
    "html_negative_copyright_in_text.html": Page(
        "短视频“搬运”侵权频发 平台不能只当“二传手”", ("钱文博",), "2024-12-10", [],
        "近年来，短视频平台上“搬运”他人作品的现象屡见不鲜。一些账号把影视剧、综艺节目剪辑拼接后发布，"
        "配上耸人听闻的标题，短短几天就能吸引数十万粉丝。",
        "去年以来，相关部门开展了多轮网络版权专项整治行动，下架侵权链接数万条，一批典型案件也已经进入司法程序，"
        "为规范行业秩序树立了标杆。",
        6,
        ["法治动态", "以案说法", "律师问答", "法治周刊网", "Copyright", "摘编", "镜像", "和平路", "邮编"],
    ),
}

# What the pipeline does not do yet: (fixture, aspect) -> what came out instead.
# (fixture, aspect) -> what the pipeline produces instead, for what it does not handle yet.
NOT_YET: dict[tuple[str, str], str] = {}


def cases(aspect: str) -> list:
    """Every fixture, the ones the pipeline does not handle yet for ``aspect`` marked xfail with why."""
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[name, aspect]))
            if (name, aspect) in NOT_YET else name for name in sorted(PAGES)]


def ids(name: str) -> str:
    return name.rsplit(".", 1)[0]


@lru_cache(maxsize=None)  # one pipeline run a fixture: the tests only read the essay
def essay_of(name: str):
    (essay,) = structure(clean(read_source(FIXTURES / name)))
    return essay


def paragraphs(essay) -> list[str]:
    return [block.text for block in essay.all_blocks() if isinstance(block, Paragraph)]


def everything_shown(essay) -> str:
    return "\n".join([essay.title, *essay.authors, essay.author_note, essay.source_note, *essay.credits,
                      *(block.text for block in essay.all_blocks())])


def test_every_fixture_is_in_the_table():
    assert sorted(path.name for path in FIXTURES.iterdir()) == sorted(PAGES)


@pytest.mark.parametrize("name", cases("title"), ids=ids)
def test_the_title_is_the_bare_headline(name):
    assert essay_of(name).title == PAGES[name].title


@pytest.mark.parametrize("name", cases("authors"), ids=ids)
def test_the_authors_are_the_people_the_byline_names(name):
    assert essay_of(name).authors == PAGES[name].authors


@pytest.mark.parametrize("name", cases("date"), ids=ids)
def test_the_date_is_the_one_the_page_shows(name):
    assert essay_of(name).date == PAGES[name].date


@pytest.mark.parametrize("name", cases("headings"), ids=ids)
def test_the_articles_headings_and_only_they_are_headings(name):
    assert [block.text for block in essay_of(name).all_blocks() if isinstance(block, Heading)] == PAGES[name].headings


@pytest.mark.parametrize("name", cases("first"), ids=ids)
def test_the_first_paragraph_is_the_articles_first_exactly(name):
    assert paragraphs(essay_of(name))[:1] == [PAGES[name].first]


@pytest.mark.parametrize("name", cases("last"), ids=ids)
def test_the_last_paragraph_is_the_articles_last_exactly(name):
    assert paragraphs(essay_of(name))[-1:] == [PAGES[name].last]


@pytest.mark.parametrize("name", cases("paragraphs"), ids=ids)
def test_every_paragraph_of_the_article_is_there_and_nothing_else(name):
    assert len(paragraphs(essay_of(name))) == PAGES[name].paragraphs


@pytest.mark.parametrize("name", cases("gone"), ids=ids)
def test_no_page_chrome_shows_anywhere(name):
    shown = everything_shown(essay_of(name))
    assert [noise for noise in PAGES[name].gone if noise in shown] == []


@pytest.mark.parametrize("name", cases("asides"), ids=ids)
def test_no_article_paragraph_is_shown_as_a_caption_or_aside(name):
    """A paragraph under an image is still a paragraph: only a short line that describes the image is its caption."""
    essay = essay_of(name)
    asides = [block.text for block in essay.all_blocks() if isinstance(block, Aside)]
    assert asides == []


@pytest.mark.parametrize("name", sorted(PAGES), ids=ids)
def test_every_line_of_the_page_is_kept_or_named_in_the_report(name):
    """Nothing vanishes silently: a source line with text is either kept or named in a change."""
    source = read_source(FIXTURES / name)
    result = clean(source)
    touched = {n for change in result.changes for n in change.lines} | {line.number for line in result.lines}
    assert {n for n, text in enumerate(source.lines, start=1) if text.strip()} <= touched


# ── Envelopes: what a saving tool wrapped around the page ────────────────────────────────────────────


def test_a_wechat_account_is_never_the_author_and_the_title_shows_once():
    essay = essay_of("md_wechat_account.md")
    assert "书香临川" not in essay.authors
    shown = everything_shown(essay)
    assert shown.count("一座县城的图书馆之变") == 1  # the title, not again as a heading or paragraph


def test_an_archiving_timestamp_never_wins_over_the_date_the_page_shows():
    essay = essay_of("md_hugo_archive_date.md")
    assert not essay.date.startswith("2025-01-14")


def test_a_clippers_header_gives_the_source_address():
    essay = essay_of("md_jina_reader.md")
    assert essay.source_url == "https://news.nanhu.example.cn/2024/0611/c1234-567890.html"


# ── Heads: who is named where ─────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("name, never", [
    ("html_editor_meta_comments_bio.html", ["吴静怡", "name", "reader_8848@qq.com", "email@example.com", "东海网"]),
    ("html_negative_keyword_links.html", ["汇通财讯", "邵楠"]),
    ("html_gbk_declared_gb2312.html", ["何萍"]),
    ("html_title_traditional_suffix_no_h1.html", ["港灣新聞網"]),
    ("md_jina_reader.md", ["王涛", "南湖网"]),
], ids=["editor-in-meta", "site-in-meta", "editor-in-gb2312-meta", "site-name", "editor-after-text"])
def test_an_editor_a_site_or_a_form_placeholder_is_never_an_author(name, never):
    authors = essay_of(name).authors
    assert [who for who in never if any(who in author for author in authors)] == []


# ── Encodings ─────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("name, encoding", [
    ("html_gbk_declared_gb2312.html", "gb18030"),
    ("html_gbk_declared_utf8.html", "gb18030"),
    ("html_big5_taiwan.html", "big5hkscs"),
], ids=["gbk-declared-gb2312", "gbk-declared-utf8", "big5"])
def test_a_legacy_encoding_is_read_and_its_reading_reported(name, encoding):
    source = read_source(FIXTURES / name)
    assert source.encoding == encoding
    assert any(change.rule == "read" and f"decoded as {encoding}" in change.why for change in source.reading)


def test_a_big5_page_stays_in_traditional_script():
    essay = essay_of("html_big5_taiwan.html")
    assert essay.script == "hant" and "學童" in essay.title


# ── Nothing of the article lost ───────────────────────────────────────────────────────────────────────


def test_paragraphs_dotted_with_keyword_links_keep_every_word():
    kept = paragraphs(essay_of("html_negative_keyword_links.html"))
    assert "业内人士分析，海外储能市场需求旺盛是出口增长的主要原因。随着越来越多的国家推进能源转型，大型光伏电站" \
           "和工商业储能项目对电池的需求持续释放。" in kept
    assert "不过，欧美市场对碳足迹认证和本地化生产的要求越来越高，部分企业已经开始调整布局，通过在海外建厂、" \
           "与当地企业合资等方式应对贸易壁垒。" in kept


@pytest.mark.parametrize("name, before, short, after", [
    ("md_negative_short_line_bold_heading.md", "记者在现场看到", "变化是实实在在的。", "与前几年相比"),
    ("html_negative_copyright_in_text.html", "有意思的是", "这显然是一种误解。", "根据著作权法的规定"),
], ids=["markdown", "html"])
def test_a_short_paragraph_between_long_ones_stays_in_its_place(name, before, short, after):
    kept = paragraphs(essay_of(name))
    at = kept.index(short)
    assert kept[at - 1].startswith(before) and kept[at + 1].startswith(after)


@pytest.mark.parametrize("name, heading, then", [
    ("md_negative_short_line_bold_heading.md", "稳岗补贴直达企业", "为帮助企业稳定用工"),
    ("html_negative_keyword_links.html", "绿色壁垒带来新考验", "不过，欧美市场"),
    ("md_jina_reader.md", "留用率成为考核重点", "为了防止见习"),
], ids=["markdown", "html", "clipper"])
def test_a_bold_line_of_its_own_is_a_heading_over_the_text_it_introduces(name, heading, then):
    blocks = list(essay_of(name).all_blocks())
    at = next(i for i, block in enumerate(blocks) if block.text == heading)
    assert isinstance(blocks[at], Heading) and blocks[at + 1].text.startswith(then)


def test_a_copyright_sentence_quoted_in_the_text_is_kept_and_the_footer_goes():
    essay = essay_of("html_negative_copyright_in_text.html")
    shown = everything_shown(essay)
    assert "不少搬运账号还会在视频末尾打上“版权所有，侵权必究”的字样" in shown
    assert "原作者即便没有标注“未经授权，不得转载”，也同样受到法律保护。" in shown
    assert "法治周刊网 版权所有" not in shown


def test_a_columnists_bio_box_is_the_authors_note_not_the_last_paragraph():
    essay = essay_of("html_editor_meta_comments_bio.html")
    assert essay.author_note.startswith("马骏，东海晨报首席评论员")
    assert not any("首席评论员" in block.text for block in essay.all_blocks())

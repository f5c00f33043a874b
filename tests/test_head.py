"""Choosing an essay's title, authors and date among what a page offers, never from its chrome."""

from __future__ import annotations

import pytest

from site_gen.clean.classify import classify_blocks
from site_gen.clean.head import (choose_head, credited_names, displayed_date, is_person, without_column_label,
                                 without_site_name)
from site_gen.model import Candidate, SourceBlock

PROSE = "今年以来，多地加快补齐县域商业短板，乡镇商贸中心和村级便民店的数量稳步增加，群众购物更方便了。"


@pytest.mark.parametrize("title, headline", [
    ("县域商业体系建设提速_经济频道_某某网", "县域商业体系建设提速"),
    ("疫後的旺角 | 端傳媒 Initium Media", "疫後的旺角"),
    ("台積電 EPS 預估大公開｜Will Shen - 方格子", "台積電 EPS 預估大公開"),
    ("《规划》解读∣数字经济将成为助推器", "《规划》解读∣数字经济将成为助推器"),  # ∣ is the headline's own
])
def test_a_page_title_loses_the_sites_name(title, headline):
    assert without_site_name(title) == headline


def test_a_column_label_before_a_headline_goes():
    assert without_column_label("【中国稳健前行】县域商业体系建设提速") == "县域商业体系建设提速"
    assert without_column_label("专家谈 | 县域商业体系建设提速") == "县域商业体系建设提速"


@pytest.mark.parametrize("line, names", [
    ("作者：王鹏", ["王鹏"]),
    ("作者︱春春", ["春春"]),
    ("文 | 李静", ["李静"]),
    ("2025年6月12日 来源：城市晚报 记者 周敏", ["周敏"]),
    ("本文来源：某某经济报道 作者：何苗 张梦洁", ["何苗", "张梦洁"]),
    ("作者：《某某杂志》记者 林涛", ["林涛"]),
    ("作者：王鹏　　2025年10月29日某某时报", ["王鹏"]),
    ("作者：责任编辑：陈晓", []),  # an empty author field before the editor's credit
    ("分享到：微信 微博", []),
])
def test_a_credit_line_names_its_people_and_no_one_else(line, names):
    assert credited_names(line) == names


@pytest.mark.parametrize("name", ["東森財經", "某某日报", "name", "someone@example.com",
                                  "https://example.org", "作者", "小编"])
def test_sites_placeholders_and_addresses_are_never_authors(name):
    assert not is_person(name, rejected=set())


def test_the_site_a_page_title_names_is_never_an_author():
    blocks = [SourceBlock("heading", "八部委如何玩转互联网", 3, level=1), SourceBlock("paragraph", PROSE, 4),
              SourceBlock("paragraph", PROSE, 5)]
    candidates = [Candidate("title", "八部委如何玩转互联网_网易财经", "<title>", 1),
                  Candidate("author", "网易", "<meta author>", 2)]
    assert _head(blocks, candidates).authors == ()


def test_an_editor_named_on_the_page_is_never_an_author():
    assert not is_person("陈晓", rejected={"陈晓"})
    assert is_person("周敏", rejected={"陈晓"})


@pytest.mark.parametrize("line, day", [
    ("发稿时间：2017-03-10 08:42:00 来源：某某网", "2017-03-10"),
    ("2025年4月14日 上午3:43", "2025-04-14"),
    ("發佈於 普通常識 2025/09/17", "2025-09-17"),
    ("十一月 6th, 2009", "2009-11-06"),
    (PROSE, ""),
])
def test_the_date_a_page_shows(line, day):
    assert displayed_date(line) == day


def _head(blocks, candidates):
    classified = classify_blocks(blocks)
    places = [item.place for item in classified]
    start = places.index("article")
    end = len(places) - 1 - places[::-1].index("article")
    return choose_head(classified, start, end, candidates)


def test_the_meta_author_that_the_page_credits_as_its_editor_loses_to_the_byline():
    blocks = [SourceBlock("heading", "县域商业体系建设提速", 3, level=1),
              SourceBlock("paragraph", "2025-05-06 来源：某某网 作者：王立新", 4),
              SourceBlock("paragraph", PROSE, 5), SourceBlock("paragraph", PROSE, 6),
              SourceBlock("paragraph", "责任编辑：陈晓", 7)]
    candidates = [Candidate("title", "县域商业体系建设提速_经济_某某网", "<title>", 1),
                  Candidate("author", "陈晓", "<meta author>", 2)]
    head = _head(blocks, candidates)
    assert (head.title, head.authors, head.date) == ("县域商业体系建设提速", ("王立新",), "2025-05-06")


def test_an_account_name_is_not_an_author_and_a_saving_time_is_not_a_date():
    blocks = [SourceBlock("paragraph", PROSE, 10), SourceBlock("paragraph", PROSE, 11)]
    candidates = [Candidate("title", "县域商业体系建设提速", "front matter title", 2),
                  Candidate("author", "某某观察", "front matter author", 3),
                  Candidate("account", "某某观察", "archiver 公众号", 8),
                  Candidate("date", "2025-11-07 12:38:07.324143+00:00",
                            "front matter date (the time the page was saved)", 4)]
    head = _head(blocks, candidates)
    assert (head.title, head.authors, head.date) == ("县域商业体系建设提速", (), "")


def test_a_trailing_author_credit_names_the_author_when_the_head_has_none():
    blocks = [SourceBlock("heading", "宇航员在太空中能不能喝酒", 1, level=1), SourceBlock("paragraph", PROSE, 2),
              SourceBlock("paragraph", PROSE, 3), SourceBlock("paragraph", "作者︱春春", 4)]
    assert _head(blocks, [Candidate("author", "肖春芳", "<meta author>", 1),
                          Candidate("site", "肖春芳", "<meta og:site_name>", 1)]).authors == ("春春",)


def test_a_salutation_above_the_text_is_no_headline():
    blocks = [SourceBlock("paragraph", "国务院办公厅关于推进城市地下管网改造的指导意见", 1),
              SourceBlock("paragraph", "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：", 2),
              SourceBlock("paragraph", PROSE, 3), SourceBlock("paragraph", PROSE, 4)]
    assert _head(blocks, []).title == "国务院办公厅关于推进城市地下管网改造的指导意见"

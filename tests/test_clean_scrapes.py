"""Scrapes from other sites come out clean: two real ones read in place, and our own in other sites' styles."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.clean import clean
from site_gen.model import SeedMeta, Source

FIXTURES = Path(__file__).parent / "fixtures" / "scrapes"


def clean_file(path: Path):
    return clean(Source(path=path, name=path.name, text=path.read_text(encoding="utf-8"), sha256="", meta=SeedMeta()))


def reading(result) -> str:
    return "\n".join(line.text for line in result.lines)


def hinted(result, hint: str) -> list[str]:
    return [line.text for line in result.lines if line.hint == hint]


def assert_clean(result, gone: list[str], kept: list[str]) -> None:
    text = reading(result)
    for noise in gone:
        assert noise not in text, f"{noise!r} should have been removed"
    for words in kept:
        assert words in text, f"{words!r} should have been kept"
    assert "<" not in text and "javascript:" not in text.lower()


# ── Real scrapes, read in place (never copied into the project) ──────────────


def test_government_markdown_page_with_front_matter(scrapes_dir):
    (path,) = scrapes_dir.glob("ndrc_*.txt")
    result = clean_file(path)
    assert hinted(result, "title") == ["《“十四五”数字经济发展规划》解读∣数字经济将成为国家发展新征程的助推器"]
    assert hinted(result, "date") == ["2022-01-21"]
    assert hinted(result, "byline") == ["张平文"]
    assert hinted(result, "source_url") == ["https://www.ndrc.gov.cn/xxgk/jd/jd/202201/t20220121_1312601.html?code=&state=123"]
    assert hinted(result, "heading2")[0] == "一、数字经济将为中国经济的高质量发展提供有力支撑"
    assert_clean(result, gone=["publishDate", "featured", "Markdown Slides", "##", "](http", "summary:"],
                 kept=["《“十四五”数字经济发展规划》（以下简称《规划》）是国家"])
    # The summary repeats the first paragraph: the reader sees that text once.
    assert reading(result).count("是我国数字经济领域的首部国家级规划") == 1


def test_hong_kong_news_page_with_figure_captions(scrapes_dir):
    (path,) = scrapes_dir.glob("hkcnews_*.txt")
    result = clean_file(path)
    assert hinted(result, "title")[0].startswith("阿里推自研5納米晶片「倚天710」")
    assert hinted(result, "date") == ["2021-10-20"]
    assert hinted(result, "byline") == ["中國組記者翁維愷"]
    assert len(hinted(result, "caption")) == 3 and len(hinted(result, "lead")) == 3
    assert_clean(result, gone=["<figure>", "img src", "**", "category:", "tags:", "倚天710晶片\"", "\u3000"],
                 kept=["「倚天 710」", "主頻最高達到 3.2GHz", "是吧？"])
    # The "# title" heading repeats the front-matter title and is dropped, so the title appears once.
    assert sum(line.text == hinted(result, "title")[0] for line in result.lines) == 1


# ── Our own scrapes in the styles of other Chinese news sites ────────────────


def test_xinhua_style_page_with_menu_share_box_and_footer():
    result = clean_file(FIXTURES / "xinhua_style_news_page.txt")
    assert hinted(result, "heading1") == ["数字农业加快发展 智慧农机走进田间"]
    assert_clean(result, gone=["首页 | 时政", "当前位置", "分享到", "【打印】", "责任编辑", "Copyright", "未经授权",
                               "_hmt", "float:left", "新华网</title>", "王刚 摄", "onerror"],
                 kept=["新华社北京6月12日电（记者 张明）夏收时节", "联合收割机在麦田里作业。",
                       "今年全国小麦机收率超过97%，智能农机"])


def test_taiwanese_page_with_related_list_and_comment_box():
    result = clean_file(FIXTURES / "taiwan_news_with_related_list.txt")
    assert_clean(result, gone=["首頁", "延伸閱讀", "晶片股全面走強", "雲端巨頭加碼投資", "分享至", "發表評論", "則評論", "版權所有"],
                 kept=["AI伺服器出貨暢旺 供應鏈營收創新高", "記者陳怡君／台北報導", "出貨節奏可能因此受到影響。"])
    assert not any(line.text.startswith(("\u3000", " ")) for line in result.lines)


def test_wechat_article_copy_loses_its_follow_prompts():
    result = clean_file(FIXTURES / "wechat_article_copy.txt")
    assert_clean(result, gone=["点击上方蓝字", "长按识别二维码", "阅读原文", "点个在看", "END", "▼"],
                 kept=["乡村振兴的数字化路径", "原创 农经观察 2025年03月02日", "培养懂技术、会经营的新型农民。"])


def test_portal_page_with_entities_and_inline_ads():
    result = clean_file(FIXTURES / "portal_page_with_entities_and_ads.txt")
    assert_clean(result, gone=["&nbsp;", "&ldquo;", "&#12290;", "賭場", "【廣告】", "加微信", "分享到", "&lt;"],
                 kept=["“東數西算”工程全面啟動後，西部地區數據中心建設明顯提速。", "降低用算成本。"])


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_fixture_line_removed_is_reported(path):
    result = clean_file(path)
    accounted = {line.number for line in result.lines} | {n for change in result.changes for n in change.lines}
    for number, text in enumerate(result.source.lines, start=1):
        assert not text.strip() or number in accounted, f"line {number} vanished silently"

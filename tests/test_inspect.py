"""``site-gen inspect FILE``: what an editor reads in the report on how one seed is read and classified."""

from __future__ import annotations

import re

import pytest

from site_gen.cli import main
from site_gen.clean import clean
from site_gen.read.ingest import read_source
from site_gen.suggest import display_width
from tests.conftest import SEEDS, seed_path

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<title>城市书店的新生活_文化频道_示例新闻网</title>
<meta property="article:published_time" content="2024-05-18T09:30:00+08:00">
</head>
<body>
<nav class="nav">
<a href="/">首页</a> <a href="/news">新闻</a> <a href="/culture">文化</a> <a href="/tech">科技</a> <a href="/sports">体育</a>
</nav>
<article class="article">
<h1>城市书店的新生活</h1>
<p class="byline">作者：王鹏</p>
<p>走进老城区的一家小书店，你会发现这里不只是卖书的地方。店主把二楼改成了阅读室，周末还会请附近的老师来给孩子们讲故事，这让书店成了街坊们愿意常来的去处。</p>
<p>过去几年，实体书店的经营并不容易。网上购书方便又便宜，很多读者已经习惯了在手机上下单。可是在这家书店里，人们买的不只是书，也是一段安静的时间和一次面对面的交流。</p>
<p>店主说，她并不想和网店比价格，而是想让每一位走进来的人都能找到一本合适的书。她相信，只要书店还能给人带来温暖，它就会一直开下去。</p>
</article>
<footer class="footer">
<p>版权所有 © 2024 示例新闻网 保留所有权利</p>
<ul>
<li><a href="/a1">新能源汽车销量再创新高</a></li>
<li><a href="/a2">多地发布高温预警</a></li>
<li><a href="/a3">国际油价连续三日下跌</a></li>
</ul>
</footer>
</body>
</html>
"""
PARAGRAPHS = ("走进老城区的一家小书店", "过去几年，实体书店", "店主说，她并不想")

NOTE = """---
title: "雨后的菜市场"
author: 李明
date: 2023-09-02
url: https://example.org/posts/caishichang
---

# 雨后的菜市场

雨停以后，菜市场里的人渐渐多了起来。摊主们把湿漉漉的篷布卷起，把新鲜的蔬菜重新摆好，空气里都是泥土和青菜的味道。

我喜欢在这个时候去买菜，因为大家的心情似乎都比平时好一些。卖豆腐的阿姨会多给一块，卖鱼的师傅也愿意和你聊上几句。

这样的烟火气，是城市里最让人安心的东西。它不需要宏大的叙事，只需要一个个普通人认真地过好每一天。
"""

def line_of(text: str, page: str = PAGE) -> int:
    """The source line of the page that holds ``text``, as an editor counts it."""
    return next(n for n, line in enumerate(page.splitlines(), start=1) if text in line)


_ROW = re.compile(r"^\s+\d+ (?:head|article|tail)\s")


def report_of(path, capsys) -> str:
    assert main(["inspect", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def block(report: str, text: str) -> tuple[str, str]:
    """The row of the block whose text shows ``text``, and its reason (the lines under the row)."""
    lines = report.splitlines()
    for i, line in enumerate(lines):
        if _ROW.match(line) and text in line:
            reason = []
            for following in lines[i + 1:]:
                if not following.strip() or _ROW.match(following):
                    break
                reason.append(following.strip())
            return line, " ".join(reason)
    raise AssertionError(f"no block row shows {text!r}")


def section(report: str, heading: str) -> str:
    """The paragraph of the report that starts with ``heading``."""
    return next(part for part in report.split("\n\n") if part.startswith(heading))


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "bookshop.html"
    path.write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    return path


def test_the_header_says_how_the_file_was_read(page, capsys):
    report = report_of(page, capsys)
    assert report.startswith(f"inspect {page}\n")
    assert "format    html: by its suffix .html" in report
    assert "encoding  utf-8" in report
    assert "<head> element" in section(report, f"inspect {page}")  # what reading took off before the rules


def test_the_nav_bar_is_left_out_as_link_dense_and_the_paragraphs_are_kept(page, capsys):
    report = report_of(page, capsys)
    row, why = block(report, "首页 新闻 文化 科技 体育")
    assert " head " in row and "left out" in row and " nav " in row and "100%" in row
    assert "link-dense" in why
    for opening in PARAGRAPHS:
        row, why = block(report, opening)
        assert " article " in row and " kept " in row and " paragraph " in row
        assert why.startswith("prose")


def test_the_footer_and_its_headline_links_stand_after_the_article_left_out(page, capsys):
    report = report_of(page, capsys)
    for text in ("版权所有", "新能源汽车销量再创新高", "多地发布高温预警", "国际油价连续三日下跌"):
        row, why = block(report, text)
        assert " tail " in row and "left out" in row and "footer" in row
    assert "link-dense" in block(report, "多地发布高温预警")[1]
    region = f"blocks 2–6 (lines {line_of('<h1>')}–{line_of(PARAGRAPHS[-1])})"
    assert region in report  # the article region, by block and source line


def test_the_chosen_title_author_and_date_are_shown_with_where_they_came_from(page, capsys):
    report = report_of(page, capsys)
    candidates = section(report, "metadata candidates")
    assert "<title>" in candidates and "城市书店的新生活_文化频道_示例新闻网" in candidates
    assert "<meta article:published_time>" in candidates
    chosen = section(report, "chosen").splitlines()
    title = chosen.index(next(line for line in chosen if line.split()[:1] == ["title"]))
    assert chosen[title].split() == ["title", "城市书店的新生活"]  # the site's name is not in it
    assert chosen[title + 1].strip() == f"line {line_of('<h1>')}: the page's headline, as its metadata names it"
    assert "王鹏" in "\n".join(chosen)
    assert f"line {line_of('作者：王鹏')}: the byline under the headline" in "\n".join(chosen)
    assert "2024-05-18" in "\n".join(chosen)
    assert "from the page's <meta article:published_time>" in "\n".join(chosen)
    # the blocks the head took say so, instead of the classifier's verdict alone
    row, why = block(report, "作者：王鹏")
    assert " taken " in row and why.startswith("taken for the head: the author credit")


def test_the_lines_the_rules_keep_are_those_the_build_reads(page, capsys):
    report = report_of(page, capsys)
    kept = section(report, "lines after every cleaning rule")
    cleaned = clean(read_source(page))
    assert f"({len(cleaned.lines)})" in kept.splitlines()[0]
    assert re.search(rf"^\s+{line_of('<h1>')} title\s+城市书店的新生活$", kept, re.MULTILINE)
    assert re.search(rf"^\s+{line_of('作者：王鹏')} byline\s+王鹏$", kept, re.MULTILINE)
    for opening in PARAGRAPHS:
        assert opening in kept
    assert "首页" not in kept and "版权所有" not in kept
    assert re.search(r"^\s+lay_out_page_blocks\s+.*removed \d+", section(report, "changes by rule"), re.MULTILINE)


def test_a_markdown_pages_front_matter_gives_the_candidates_and_the_head(tmp_path, capsys):
    path = tmp_path / "market.md"
    path.write_text(NOTE, encoding="utf-8")
    report = report_of(path, capsys)
    assert "format    markdown: by its suffix .md" in report
    assert "front matter" in section(report, f"inspect {path}")  # taken off before the rules, lines 1–6
    candidates = section(report, "metadata candidates")
    for origin, value in (("front matter title", "雨后的菜市场"), ("front matter author", "李明"),
                          ("front matter date", "2023-09-02")):
        assert re.search(rf"{origin}\s+{value}$", candidates, re.MULTILINE)
    chosen = section(report, "chosen")
    assert "李明" in chosen and f"line {line_of('author:', NOTE)}: from the page's front matter author" in chosen
    assert "2023-09-02" in chosen and f"line {line_of('date:', NOTE)}: from the page's front matter date" in chosen
    row, why = block(report, "雨停以后")
    assert " article " in row and " kept " in row


def test_a_text_seed_is_read_line_by_line_its_kept_lines_listed_with_hints(capsys):
    path = seed_path("001")
    report = report_of(path, capsys)
    assert "format    text: by its suffix .txt" in report
    assert "read line by line" in report and "metadata candidates" not in report
    cleaned = clean(read_source(path))
    kept = section(report, "lines after every cleaning rule").splitlines()[2:]
    assert len(kept) == len(cleaned.lines)
    for row, line in zip(kept, cleaned.lines):
        assert row.split()[0] == str(line.number)
        assert (row.split()[1] == line.hint) if line.hint else True
    assert any(line.hint for line in cleaned.lines)  # the seed has headings: the hints are shown
    by_rule = section(report, "changes by rule")
    for rule in {change.rule for change in cleaned.changes}:
        assert re.search(rf"^\s+{rule}\s", by_rule, re.MULTILINE)


@pytest.mark.parametrize("name", [path.name for path in sorted(SEEDS.glob("*.txt"))[:1]] + ["page"])
def test_every_line_fits_a_100_column_terminal(name, page, capsys):
    path = page if name == "page" else SEEDS / name
    for line in report_of(path, capsys).splitlines():
        assert display_width(line) <= 100, line


def test_a_gb18030_page_says_its_encoding_and_how_it_was_told(tmp_path, capsys):
    path = tmp_path / "bookshop.html"
    path.write_bytes(PAGE.format(charset="gbk").encode("gb18030"))
    report = report_of(path, capsys)
    encoding = next(line for line in report.splitlines() if line.startswith("encoding"))
    assert "gb18030" in encoding and "declared" in encoding and "reads as Chinese" in encoding
    assert " kept " in block(report, PARAGRAPHS[0])[0]


@pytest.mark.parametrize("make", ["missing", "binary", "folder"])
def test_a_file_that_cannot_be_read_ends_in_one_line_naming_it_and_exit_1(tmp_path, capsys, make):
    path = tmp_path / "page.html"
    if make == "binary":
        path.write_bytes(b"\x00\x01\x02 not text")
    elif make == "folder":
        path.mkdir()
    assert main(["inspect", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip()
    assert str(path) in err and "\n" not in err and "Traceback" not in err

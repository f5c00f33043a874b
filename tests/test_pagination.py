"""A page that is one part of several is flagged as incomplete on its source-notes page."""

from __future__ import annotations

from pathlib import Path

from site_gen.clean import clean
from site_gen.read.ingest import read_source

PROSE = ("县域商业体系建设提速，乡镇商贸中心和村级便民店的数量稳步增加，群众购物更方便了。",
         "商务部门的数据显示，全国已建设改造县级物流配送中心一千二百多个，快递服务基本覆盖所有行政村。",
         "在一些山区县，邮政、快递和供销网点共用一个站点，包裹进村的时间缩短了一天以上。")


def flags(path: Path) -> list[str]:
    return [change.why for change in clean(read_source(path)).changes if change.action == "flagged"
            and change.why.startswith("incomplete")]


def test_a_text_scrape_ending_on_a_pager_is_flagged_and_the_pager_goes(tmp_path):
    path = tmp_path / "part1.txt"
    path.write_text("县域商业体系建设提速\n\n" + "\n\n".join(PROSE) + "\n\n1 2 3 下一页\n", encoding="utf-8")
    (why,) = flags(path)
    assert "下一页" in why
    assert "下一页" not in "\n".join(line.text for line in clean(read_source(path)).lines)


def test_a_saved_page_with_a_pager_under_the_article_is_flagged(tmp_path):
    path = tmp_path / "part1.html"
    body = "".join(f"<p>{text}</p>" for text in PROSE)
    path.write_text(f"<html><body><h1>县域商业体系建设提速</h1>{body}"
                    '<div class="pages"><a href="1">1</a> <a href="2">2</a> <a href="2">下一页</a></div>'
                    "<div>第1页 共2页</div></body></html>", encoding="utf-8")
    assert len(flags(path)) == 1


def test_a_link_to_the_next_article_is_no_pager(tmp_path):
    path = tmp_path / "whole.html"
    body = "".join(f"<p>{text}</p>" for text in PROSE)
    path.write_text(f"<html><body><h1>县域商业体系建设提速</h1>{body}"
                    '<p><a href="prev">上一篇：春耕备耕有序推进</a> <a href="next">下一篇：夏粮收购开始</a></p>'
                    "</body></html>", encoding="utf-8")
    assert flags(path) == []

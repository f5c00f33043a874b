"""A portal's column page: a column label over the text, a byline row without labels, a biography box
and a QR-code promo in the sidebar that the article's region runs into."""

from __future__ import annotations

from site_gen.clean import clean
from site_gen.read.ingest import read_source
from site_gen.structure import structure

PARAGRAPHS = [
    "在很多人眼里，共享单车的故事已经讲完了。押金风波过后，行业进入了拼运营效率的阶段，车辆调度成了决定成本的关键。",
    "一位运营负责人告诉我们，早晚高峰的潮汐效应最让人头疼，地铁站口的车辆往往在半小时内就被骑光，而写字楼下却堆满了车。",
    "为此，不少企业开始用算法预测每个站点的需求，提前安排调度车辆，把车从闲置区域搬到需求旺盛的地方。",
    "不过，算法再精确也替代不了一线运维人员的经验，下雨天、节假日和大型活动都会让预测失灵，需要人工及时介入。",
]


def page() -> str:
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return f"""<html><head><title>共享单车的下半场：拼的是调度_财经_某某网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/money">财经</a> <a href="/tech">科技</a></div>
<h1>共享单车的下半场：拼的是调度</h1>
<div class="column"><h2>观察</h2>
<div class="info"><span>No.321</span> <span>leonwang</span> <span>2024-05-20 09:30:11</span> <a href="#c">0人参与</a></div>
<div class="text">{body}<p>本文为某某研究院授权发布，转载请注明出处。</p></div></div>
<div class="right"><h2>作者简介</h2><p>城市交通研究者，长期关注出行行业。</p>
<h2>某某财经公众号</h2><p>扫描左侧二维码即可关注，更多资讯。</p></div>
</body></html>"""


def essay(tmp_path):
    path = tmp_path / "column.html"
    path.write_text(page(), encoding="utf-8")
    (found,) = structure(clean(read_source(path)))
    return found


def test_the_date_in_a_byline_row_without_labels_is_found_below_the_column_label(tmp_path):
    found = essay(tmp_path)
    assert found.title == "共享单车的下半场：拼的是调度" and found.date == "2024-05-20"


def test_the_column_label_and_the_sidebar_promo_are_not_the_article(tmp_path):
    found = essay(tmp_path)
    texts = [block.text for block in found.all_blocks()]
    assert texts[0] == PARAGRAPHS[0] and PARAGRAPHS[-1] in texts
    shown = "\n".join(texts + [found.author_note, *found.credits, found.source_note])
    assert "观察" not in texts and "二维码" not in shown and "公众号" not in shown


def test_a_biography_box_is_the_authors_note(tmp_path):
    assert "城市交通研究者" in essay(tmp_path).author_note


def test_an_original_title_line_is_no_heading_and_a_bio_box_repeating_the_text_shows_once(tmp_path):
    bio = "城市交通研究者，长期关注出行行业。"
    text = page().replace('<div class="text">', '<div class="text"><p><strong>原标题：[观察] No.12 单车的调度难题</strong></p>')
    text = text.replace("<p>本文为某某研究院授权发布", f"<p>作者为{bio}</p><p>本文为某某研究院授权发布")
    path = tmp_path / "column.html"
    path.write_text(text, encoding="utf-8")
    (found,) = structure(clean(read_source(path)))
    shown = [block.text for block in found.all_blocks()] + [found.author_note]
    assert not any("原标题" in text for text in shown)
    assert sum("城市交通研究者" in text for text in shown) == 1

"""The structure stage: what a reader sees of each essay (title, authors, headings, asides, notes)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_gen.model import GAP, Aside, Change, Cleaned, EssayMeta, Heading, Line, Paragraph, Quote, SeedMeta, Source
from site_gen.structure.bylines import read_byline
from site_gen.structure.notes import is_biography, iso_date, split_trailing_note
from site_gen.structure.text import ends_sentence, forms_word_across
from site_gen.structure import structure

from tests.conftest import SCRAPES, seed_path

FIXTURES = Path(__file__).parent / "fixtures" / "structure"

# Seed lines that are page chrome (HTML debris, breadcrumbs, editor credits, ads, spam).
# The cleaning stage removes them; these hand-built inputs leave them out the same way.
CHROME_LINES = {
    "000": set(),
    "001": {51, 53, 57},
    "002": set(range(1, 8)) | {64, 66},
    "003": {91},
    "004": set(),
}
_HALF_WIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})


def cleaned_from_text(path: Path, text: str, skip: set[int] = frozenset(), meta: SeedMeta | None = None,
                      changes: tuple[Change, ...] = ()) -> Cleaned:
    """A Cleaned as the cleaning stage promises it: non-empty stripped lines, full-width marks, hints."""
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped or number in skip:
            continue
        hint = ""
        heading = re.match(r"^(#{1,4})\s*(.*)$", stripped)
        if heading:
            hint, stripped = f"heading{len(heading.group(1))}", heading.group(2)
        lines.append(Line(number, stripped.replace("&&", GAP).translate(_HALF_WIDTH), hint))
    source = Source(path, path.name, text, hashlib.sha256(text.encode()).hexdigest(), meta or SeedMeta())
    return Cleaned(source, tuple(lines), changes)


def seed_essays(prefix: str):
    path = seed_path(prefix)
    return structure(cleaned_from_text(path, path.read_text(encoding="utf-8"), CHROME_LINES[prefix]))


def fixture_essays(name: str, **kwargs):
    path = FIXTURES / name
    return structure(cleaned_from_text(path, path.read_text(encoding="utf-8"), **kwargs))


@pytest.fixture(scope="module")
def all_seed_essays():
    return {prefix: seed_essays(prefix) for prefix in CHROME_LINES}


def blocks_of(essay, kind):
    return [block for block in essay.all_blocks() if block.kind == kind]


# ── Essays, titles, authors, dates ───────────────────────────────────────────


def test_five_seeds_hold_six_essays_with_their_titles_authors_and_dates(all_seed_essays):
    found = [(essay.title, essay.authors, essay.date) for essays in all_seed_essays.values() for essay in essays]
    assert len(found) == 6
    assert found[1:] == [
        ("“人工智能+”赋能新质生产力发展", ("董志勇",), "2025-01-13"),
        ("制度賦能“人工智能+”，推動產業向新質生產力加速躍遷", ("王鵬",), "2025-08-11"),
        ("人工智能赋能新质生产力的路径指引", ("刘晖", "任晓刚"), ""),
        ("把握新型城镇化丰富内涵和实践要求", ("韩成福",), ""),
        ("推动人工智能产业迈向更高水平", ("中国科学院科技战略咨询研究院",), ""),
    ]


def test_a_seed_without_title_gets_a_short_derived_title_that_is_flagged(all_seed_essays):
    (essay,) = all_seed_essays["000"]
    assert essay.title_derived
    assert 6 <= len(essay.title) <= 20 and "生産力" in essay.title
    assert not re.search(r"[，。；：！？]", essay.title)
    assert any(change.action == "flagged" and change.result == essay.title for change in essay.changes)
    # The derived title is a phrase of the essay, not invented text.
    assert any(essay.title in block.text for block in essay.blocks)


def test_seed_003_splits_where_the_second_title_and_byline_stand(all_seed_essays):
    first, second = all_seed_essays["003"]
    assert first.lines == (3, 59) and second.lines == (61, 89)
    for essay in (first, second):
        for block in essay.all_blocks():
            assert all(essay.lines[0] <= number <= essay.lines[1] for number in block.lines)


def test_script_follows_the_seed(all_seed_essays):
    scripts = [essay.script for essays in all_seed_essays.values() for essay in essays]
    assert scripts == ["hant", "hans", "hant", "hans", "hans", "hans"]


def test_sidecar_values_replace_detected_ones():
    path = seed_path("003")
    meta = SeedMeta(essays=(EssayMeta(index=2, title="新型城镇化", title_en="New urbanisation", authors=("韩成福",),
                                      date="2025-11-01", slug="urbanisation"),))
    essays = structure(cleaned_from_text(path, path.read_text(encoding="utf-8"), CHROME_LINES["003"], meta=meta))
    assert essays[0].title == "人工智能赋能新质生产力的路径指引"
    assert (essays[1].title, essays[1].title_en, essays[1].date, essays[1].slug) == (
        "新型城镇化", "New urbanisation", "2025-11-01", "urbanisation")


def test_a_sidecar_title_is_not_marked_derived():
    meta = SeedMeta(essays=(EssayMeta(index=1, title="城市数字治理"),))
    (essay,) = fixture_essays("no_title.txt", meta=meta)
    assert essay.title == "城市数字治理" and not essay.title_derived


# ── Headings ─────────────────────────────────────────────────────────────────


def test_numbered_headings_are_sections_and_the_lines_under_them_subsections(all_seed_essays):
    (essay,) = all_seed_essays["002"]
    levels = {block.text[:6]: block.level for block in blocks_of(essay, "heading")}
    assert levels["一、人工智能"] == 2 and levels["二、多地制度"] == 2 and levels["三、從政策倡"] == 2
    assert levels["AI正在重塑"] == 3 and levels["優化項目評價"] == 3
    assert len(levels) == 13


def test_markdown_headings_keep_their_level(all_seed_essays):
    (essay,) = all_seed_essays["001"]
    assert [(block.text, block.level) for block in blocks_of(essay, "heading")] == [
        ("我国人工智能发展成就斐然", 2),
        ("人工智能打开新质生产力新的发展空间", 2),
        ("牢牢把握人工智能发展的重大历史机遇", 2),
    ]


def test_lead_sentences_ending_in_a_full_stop_stay_paragraphs(all_seed_essays):
    (essay,) = all_seed_essays["000"]
    headings = [block.text for block in blocks_of(essay, "heading")]
    assert len(headings) == 3
    paragraphs = [block.text for block in blocks_of(essay, "paragraph")]
    assert any(text.startswith("一是政策體系") for text in paragraphs)
    assert any(text.startswith("機遇一：") for text in paragraphs)
    assert not any(re.search(r"[。！？；]$", heading) for essays in [essay] for heading in headings)


# ── Paragraphs cut by page breaks, and sidebars inside a sentence ────────────


def test_no_paragraph_ends_mid_sentence(all_seed_essays):
    for essays in all_seed_essays.values():
        for essay in essays:
            for block in blocks_of(essay, "paragraph"):
                assert ends_sentence(block.text), (essay.source_name, block.lines, block.text[-15:])
                assert block.text.strip()


@pytest.mark.parametrize("prefix, lines", [
    ("001", (13, 15)), ("001", (19, 21)), ("001", (29, 31)), ("001", (41, 43)),
    ("003", (15, 17)), ("003", (27, 29)), ("003", (41, 43)), ("003", (75, 77)), ("003", (79, 81)), ("003", (85, 87)),
    ("004", (57, 61)), ("004", (75, 77)), ("004", (35, 41)), ("004", (17, 25)),
])
def test_a_paragraph_cut_by_a_page_break_is_one_paragraph_again(all_seed_essays, prefix, lines):
    essays = all_seed_essays[prefix]
    paragraph = next(block for essay in essays for block in blocks_of(essay, "paragraph") if block.lines[0] == lines[0])
    assert paragraph.lines == lines
    essay = next(essay for essay in essays if essay.lines[0] <= lines[0] <= essay.lines[1])
    assert any(change.action == "repaired" and change.lines == lines for change in essay.changes)


def test_the_viewpoint_boxes_are_asides_after_the_paragraph_they_interrupted(all_seed_essays):
    (essay,) = all_seed_essays["004"]
    blocks = list(essay.blocks)
    asides = [block for block in blocks if isinstance(block, Aside)]
    assert [(aside.title, aside.lines) for aside in asides] == [("观点速递", (19, 21, 23)), ("观点速递", (37, 39))]
    for aside, interrupted in zip(asides, [(17, 25), (35, 41)]):
        before = blocks[blocks.index(aside) - 1]
        assert isinstance(before, Paragraph) and before.lines == interrupted
        assert isinstance(aside.children[0], Heading) and isinstance(aside.children[-1], Paragraph)
    assert "采用与人脑一样的存算一体模拟计算方式" in blocks[blocks.index(asides[0]) - 1].text
    assert "积极推动建设人工智能系统" in blocks[blocks.index(asides[1]) - 1].text
    assert sum(change.action == "moved" and change.lines in ((19, 21, 23), (37, 39)) for change in essay.changes) == 2
    # The box headings are no longer section headings of the essay.
    assert "观点速递" not in [block.text for block in essay.blocks if isinstance(block, Heading)]


def test_a_sidebar_in_another_outlets_style_is_found_by_the_word_across_the_break():
    (essay,) = fixture_essays("sidebar_other_outlet.txt")
    kinds = [block.kind for block in essay.blocks]
    assert kinds == ["paragraph", "aside", "paragraph"]
    first, aside, last = essay.blocks
    assert "推动了经济高质量发展，也为传统产业" in first.text and first.lines == (5, 13)
    assert aside.title == "延伸阅读" and [child.kind for child in aside.children] == ["heading", "paragraph"]
    assert essay.authors == ("青山智库课题组",)


def test_an_unfinished_paragraph_before_a_real_section_is_left_alone_and_flagged():
    text = "人工智能的发展\n\n李明\n\n人工智能正在深刻改变生产方式和生活方式，各地加快布局算力设施和数据平台，推动产业\n\n二、加快数据要素市场建设\n\n数据要素市场是数字经济的基础。\n"
    (essay,) = structure(cleaned_from_text(Path("cut.txt"), text))
    assert [block.kind for block in essay.blocks] == ["paragraph", "heading", "paragraph"]
    assert any(change.action == "flagged" and change.lines == (5,) for change in essay.changes)


# ── Quotes ───────────────────────────────────────────────────────────────────


def test_quotes_with_attributions_form_boxes_where_they_stand(all_seed_essays):
    first, second = all_seed_essays["003"]
    box = first.blocks[-1]
    assert isinstance(box, Aside) and box.role == "quotes"
    quotes = box.children
    assert all(isinstance(quote, Quote) for quote in quotes)
    assert [quote.lines for quote in quotes] == [(51, 53, 55), (57, 59)]
    assert quotes[0].attribution == "习近平总书记2025年4月在二十届中央政治局第二十次集体学习时的讲话"
    assert quotes[0].text.split("\n")[1].startswith("我国数据资源丰富")
    assert quotes[1].attribution == "《国务院关于深入实施“人工智能+”行动的意见》"
    opening = second.blocks[0]
    assert isinstance(opening, Aside) and opening.role == "quotes" and len(opening.children) == 2
    assert opening.children[0].attribution.startswith("习近平总书记2024年10月")
    assert isinstance(second.blocks[1], Paragraph) and second.blocks[1].text.startswith("城镇化是现代化的必由之路")


def test_a_dash_line_in_running_text_quotes_only_the_paragraph_before_it():
    text = "标题一则\n\n王小明\n\n第一段正文。\n\n第二段引文。\n\n——某人的讲话\n\n第三段正文。\n"
    (essay,) = structure(cleaned_from_text(Path("q.txt"), text))
    assert [block.kind for block in essay.blocks] == ["paragraph", "quote", "paragraph"]
    assert essay.blocks[1].text == "第二段引文。" and essay.blocks[1].attribution == "某人的讲话"


# ── Notes ────────────────────────────────────────────────────────────────────


def test_notes_at_the_essay_end_move_to_the_essay(all_seed_essays):
    first, second = all_seed_essays["003"]
    assert first.author_note == "作者均系北京市习近平新时代中国特色社会主义思想研究中心研究员"
    assert second.author_note.startswith("作者系内蒙古自治区")
    (essay_001,) = all_seed_essays["001"]
    assert essay_001.source_note == "《人民日报》2025年1月13日"
    (essay_002,) = all_seed_essays["002"]
    assert essay_002.author_note.startswith("北京社科院研究員") and essay_002.author_note.endswith("特聘教授。")
    for essays in all_seed_essays.values():
        for essay in essays:
            for block in essay.all_blocks():
                assert not block.text.startswith(("（作者", "（《")) and "研究員，北京市" not in block.text


def test_writer_credits_leave_the_last_paragraph(all_seed_essays):
    (essay_004,) = all_seed_essays["004"]
    assert essay_004.credits == ("执笔：王晓明 鹿文亮 侯云仙",)
    assert essay_004.blocks[-1].text.endswith("推动人工智能产业可持续发展。")
    (essay_000,) = all_seed_essays["000"]
    assert essay_000.credits == ("國聲智庫課題組",)
    assert essay_000.blocks[-1].text.endswith("譜寫更加輝煌的篇章。")
    assert any(change.action == "moved" and "執筆" not in change.text and change.lines == (18,)
               for change in essay_000.changes)


def test_a_collective_credit_is_the_author_when_there_is_no_byline(all_seed_essays):
    (essay_000,) = all_seed_essays["000"]
    assert essay_000.authors == ("國聲智庫課題組",)
    (essay_004,) = all_seed_essays["004"]  # a writer credit names hands, not the author
    assert essay_004.authors == ("中国科学院科技战略咨询研究院",)


def test_two_essays_in_one_constructed_file():
    first, second = fixture_essays("two_essays.txt")
    assert (first.title, first.authors, first.date) == ("数字乡村建设的新路径", ("张伟", "李明华", "王芳"), "2024-03-05")
    assert first.author_note == "作者系某大学农业经济研究所研究员"
    assert isinstance(first.blocks[-1], Quote) and first.blocks[-1].lines == (15, 17)
    assert [(block.kind, getattr(block, "level", 0)) for block in first.blocks[:3]] == [
        ("paragraph", 0), ("heading", 2), ("paragraph", 0)]
    assert (second.title, second.authors, second.lines) == ("城市更新要坚持以人为本", ("周晓东",), (19, 25))
    assert second.author_note == "作者单位：某市规划设计研究院"
    assert second.blocks[-1].text.endswith("稳步实施。")


def test_a_constructed_seed_without_title_derives_one_from_its_recurring_phrase():
    (essay,) = fixture_essays("no_title.txt")
    assert essay.title_derived and "城市数字治理" in essay.title and len(essay.title) <= 20


# ── Anchors and the report ───────────────────────────────────────────────────


def test_anchors_are_unique_and_the_same_on_every_build(all_seed_essays):
    for prefix, essays in all_seed_essays.items():
        again = seed_essays(prefix)
        for essay, rebuilt in zip(essays, again):
            anchors = [block.anchor for block in essay.all_blocks()]
            assert len(anchors) == len(set(anchors)) and all(anchors)
            assert anchors == [block.anchor for block in rebuilt.all_blocks()]
    (essay,) = all_seed_essays["004"]
    assert [block.anchor for block in essay.blocks[:7]] == ["p1", "h1", "p2", "p3", "p4", "p5", "a1"]
    assert [child.anchor for child in essay.blocks[6].children] == ["a1-h1", "a1-p1"]


def test_cleaning_changes_go_to_the_essay_holding_their_lines():
    path = seed_path("003")
    changes = (
        Change("strip_chrome", "removed", (1,), "x"),
        Change("strip_chrome", "removed", (60,), "x"),
        Change("strip_chrome", "removed", (70,), "x"),
        Change("strip_editor_credits", "removed", (91,), "本版编辑"),
    )
    first, second = structure(cleaned_from_text(path, path.read_text(encoding="utf-8"), CHROME_LINES["003"], changes=changes))
    assert [change.lines for change in first.changes if change.rule.startswith("strip")] == [(1,), (60,)]
    assert [change.lines for change in second.changes if change.rule.startswith("strip")] == [(70,), (91,)]


_PIECES = st.sampled_from(["人工智能", "发展", "王 鹏", "——某人", "（作者系研究员）", "。", "，", "积", "极推动", "观点速递",
                            "一、", "《刊物》一文中", "2025年1月1日", "（执笔：李四）", "\u3000", GAP])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_PIECES, min_size=1, max_size=8).map("".join), max_size=14))
def test_any_lines_give_essays_whose_blocks_are_non_empty_with_unique_anchors(texts):
    essays = structure(cleaned_from_text(Path("any.txt"), "\n\n".join(texts)))
    for essay in essays:
        anchors = [block.anchor for block in essay.all_blocks()]
        assert len(anchors) == len(set(anchors))
        assert all(block.text.strip() for block in essay.all_blocks())
        assert essay.title


def test_an_empty_seed_has_no_essays():
    assert structure(cleaned_from_text(Path("empty.txt"), "\n\n")) == ()


# ── Single rules ─────────────────────────────────────────────────────────────


@pytest.mark.parametrize("line, authors", [
    ("王 鵬", ("王鵬",)),
    ("刘 晖 任晓刚", ("刘晖", "任晓刚")),
    ("■ 北京大学 董志勇", ("董志勇",)),
    ("中国科学院科技战略咨询研究院", ("中国科学院科技战略咨询研究院",)),
    ("中國組記者翁維愷", ("翁維愷",)),
    ("欧阳明远", ("欧阳明远",)),
])
def test_bylines_split_into_people(line, authors):
    assert read_byline(line).authors == authors


@pytest.mark.parametrize("line", ["打造国际科技创新中心", "观点速递", "公益宣传", "数字经济", "2025年08月11日", "王小明说，这很好"])
def test_headings_and_phrases_are_not_bylines(line):
    assert read_byline(line) is None


def test_dates_read_in_both_notations():
    assert iso_date("2025年08月11日") == "2025-08-11"
    assert iso_date("2022-01-21T00:00:00Z") == "2022-01-21"
    assert iso_date("20世纪50年代至70年代") == ""


def test_biography_lines_and_trailing_credits():
    assert is_biography("某大学经济学院教授，某研究中心主任")
    assert not is_biography("我国数据资源丰富，产业体系完备。")
    assert split_trailing_note("计划（2018—2020年）") == ("计划（2018—2020年）", "", "")
    assert split_trailing_note("发展。（执笔：张三 李四）") == ("发展。", "执笔：张三 李四", "credits")


def test_words_cut_by_a_page_break_are_recognised():
    assert forms_word_across("其治理模式被多国借鉴，积", "极推动建设")
    assert not forms_word_across("采用与人脑一样的", "存算一体模拟计算方式")


# ── Through the real cleaner, when it is there ───────────────────────────────


def _real_pipeline(path: Path):
    clean = pytest.importorskip("site_gen.clean").clean
    from site_gen.read.ingest import read_source

    return structure(clean(read_source(path)))


def test_the_real_cleaner_and_structure_agree_on_the_six_essays():
    essays = [essay for prefix in CHROME_LINES for essay in _real_pipeline(seed_path(prefix))]
    assert len(essays) == 6
    assert [essay.authors for essay in essays][1:] == [("董志勇",), ("王鵬",), ("刘晖", "任晓刚"), ("韩成福",),
                                                       ("中国科学院科技战略咨询研究院",)]
    for essay in essays:
        for block in essay.all_blocks():
            assert block.text.strip()
            if isinstance(block, Paragraph):
                assert ends_sentence(block.text), (essay.source_name, block.lines, block.text[-15:])


def test_outside_scrapes_give_one_essay_each_with_their_authors():
    if not SCRAPES.is_dir():
        pytest.skip(f"outside scrapes not available at {SCRAPES} (they are read in place, never copied)")
    essays = {path.name: _real_pipeline(path) for path in sorted(SCRAPES.glob("*.txt"))}
    assert all(len(found) == 1 for found in essays.values())
    hkcnews = next(found[0] for name, found in essays.items() if name.startswith("hkcnews"))
    assert hkcnews.authors == ("翁維愷",) and hkcnews.date == "2021-10-20" and hkcnews.script == "hant"
    assert any(block.kind == "aside" and block.role == "caption" for block in hkcnews.blocks)

"""The clean stage on real seed lines and on constructed cases: what a reader would notice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import seed_path
from site_gen.clean import build_cleaners, clean
from site_gen.errors import ConfigError, SidecarError
from site_gen.read.ingest import read_source
from site_gen.model import GAP, RESTORED_CLOSE, RESTORED_OPEN, Erratum, SeedMeta, Source, plain_text

CASES = Path(__file__).parent / "cleaning_cases"


def cleaned(text: str, errata: tuple[Erratum, ...] = (), disabled=(), sidecar: Path | None = None):
    source = Source(path=Path("scrape.txt"), name="scrape.txt", text=text, sha256="",
                    meta=SeedMeta(path=sidecar, errata=errata))
    return clean(source, disabled)


def texts(result) -> list[str]:
    return [line.text for line in result.lines]


def seed(prefix: str):
    return clean(read_source(seed_path(prefix)))


def joined(result) -> str:
    return "\n".join(texts(result))


# ── Seeds ────────────────────────────────────────────────────────────────────


def test_seed_002_html_debris_breadcrumb_and_editor_are_gone_but_the_article_head_stays():
    result = seed("002")
    lines = texts(result)
    assert lines[:3] == ["制度賦能“人工智能+”，推動產業向新質生產力加速躍遷", "王 鵬", "2025年08月11日"]
    assert result.lines[0].number == 8
    assert not any(mark in joined(result) for mark in ("<", "•", ">>", "責任編輯"))


def test_seed_002_spam_after_the_article_goes_and_the_author_biography_stays():
    result = seed("002")
    assert texts(result)[-1].startswith("北京社科院研究員，北京市習近平新時代")
    assert "啪啪" not in joined(result)
    (spam,) = [c for c in result.changes if c.rule == "remove_trailing_spam"]
    assert spam.lines == (66,) and "other script" in spam.why


def test_seed_001_markdown_gives_heading_hints_and_the_ad_block_and_image_credit_go():
    result = seed("001")
    by_number = {line.number: line for line in result.lines}
    assert (by_number[3].text, by_number[3].hint) == ("“人工智能+”赋能新质生产力发展", "heading1")
    assert (by_number[9].text, by_number[9].hint) == ("我国人工智能发展成就斐然", "heading2")
    assert by_number[5].text == "北京大学 董志勇"
    assert texts(result)[-1] == "（《人民日报》2025年1月13日）"
    assert not any(word in joined(result) for word in ("公益宣传", "图源", "#", "■"))


def test_seed_001_hyphen_for_yi_is_repaired():
    line = next(line for line in seed("001").lines if line.number == 27)
    assert "仓储配对的一体化生产流程" in line.text and "-体化" not in line.text


def test_seed_003_keeps_author_notes_quotes_and_spaced_bylines_and_drops_the_page_editor():
    lines = texts(seed("003"))
    assert "刘 晖 任晓刚" in lines
    assert "（作者均系北京市习近平新时代中国特色社会主义思想研究中心研究员）" in lines
    assert "——《国务院关于深入实施“人工智能+”行动的意见》" in lines
    assert lines[-1].startswith("（作者系内蒙古自治区")
    assert not any("本版编辑" in line for line in lines)


def test_seed_004_stray_and_becomes_he():
    line = next(line for line in seed("004").lines if line.number == 81)
    assert "多阶段系统布局和强化政策支持" in line.text and " and " not in line.text


def test_seed_000_gaps_restorations_punctuation_and_spacing():
    result = seed("000")
    by_number = {line.number: line.text for line in result.lines}
    assert "&&" not in joined(result)
    errata = read_source(seed_path("000")).meta.errata
    for erratum in errata:
        assert f"{erratum.before[-1:]}{RESTORED_OPEN}{erratum.word}{RESTORED_CLOSE}" in by_number[erratum.line]
    assert "形成戰略引領合力。國家層面，《新一代" in by_number[4]
    assert "在此背景下，“新質生産力”這一重大概念" in by_number[1]
    assert "人工智能（AI）作為" in by_number[1]
    assert "科技-産業-金融新循環" in by_number[11]
    assert "“數字 glue”" in by_number[10]
    assert by_number[18].endswith("(國聲智庫課題組)") or by_number[18].endswith("（國聲智庫課題組）")
    restored = [c for c in result.changes if c.action == "restored"]
    assert len(restored) == len(errata) and all(c.rule == "apply_errata" for c in restored)


def test_seed_000_without_errata_shows_every_lost_word_as_a_gap():
    source = read_source(seed_path("000"))
    result = clean(Source(source.path, source.name, source.text, source.sha256, SeedMeta()))
    assert joined(result).count(GAP) == source.text.count("&&") == 7
    assert f"等地率先{GAP}地方性" in joined(result)
    assert not [c for c in result.changes if c.action == "restored"]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_seed_line_vanishes_without_a_record(prefix):
    result = seed(prefix)
    kept = {line.number for line in result.lines}
    reported = {number for change in result.changes for number in change.lines}
    for number, text in enumerate(result.source.lines, start=1):
        if text.strip():
            assert number in kept or number in reported, f"line {number} dropped silently: {text[:40]}"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_output_is_clean_and_cleaning_it_again_changes_nothing(prefix):
    first = seed(prefix)
    for line in first.lines:
        assert line.text == line.text.strip() and line.text
        assert not any(mark in line.text for mark in ("<", "&&", "\u3000", "\xa0", "**"))
    again = cleaned("\n".join(plain_text(text) for text in texts(first)))
    assert texts(again) == [plain_text(text) for text in texts(first)]
    assert again.changes == ()


# ── Registry and switches ────────────────────────────────────────────────────


def test_rules_have_snake_case_verb_names_and_one_line_docstrings():
    cleaners = build_cleaners()
    for name, rule in cleaners.items():
        assert name.islower() and "_" in name and " " not in name
        assert rule.__doc__ and rule.__doc__.strip(), f"{name} has no docstring"


def test_a_disabled_rule_leaves_its_noise_in_place():
    text = "人工智能发展成就斐然，前景广阔。\n\n图源千图网"
    assert "图源千图网" not in texts(cleaned(text))
    assert texts(cleaned(text, disabled=["remove_image_credits"]))[-1] == "图源千图网"


def test_an_unknown_rule_name_is_a_config_error_listing_the_known_ones():
    with pytest.raises(ConfigError) as error:
        cleaned("文本。", disabled=["strip_adverts"])
    assert "strip_adverts" in str(error.value) and "remove_ad_blocks" in str(error.value)


def test_every_change_names_a_registered_rule():
    names = set(build_cleaners().names())
    for prefix in ("000", "001", "002", "003", "004"):
        assert {change.rule for change in seed(prefix).changes} <= names


# ── Errata ───────────────────────────────────────────────────────────────────


def test_an_erratum_fills_only_the_gap_after_its_context():
    text = "第一段。\n北京、上海等地率先&&條例，隨後&&政策。"
    result = cleaned(text, errata=(Erratum(line=2, before="隨後", word="出臺"),))
    assert texts(result)[1] == f"北京、上海等地率先{GAP}條例，隨後{RESTORED_OPEN}出臺{RESTORED_CLOSE}政策。"


def test_an_erratum_that_matches_no_gap_names_the_sidecar_and_its_line(tmp_path):
    sidecar = tmp_path / "seed.toml"
    with pytest.raises(SidecarError) as error:
        cleaned("沒有缺字的一行。", errata=(Erratum(line=1, before="缺字", word="詞", sidecar_line=7),), sidecar=sidecar)
    assert str(error.value).startswith(f"sidecar error: {sidecar}:7:")


# ── Constructed noise ────────────────────────────────────────────────────────


def test_hostile_html_vanishes_with_its_content():
    text = (
        "<script>\nalert('x')\n</script>\n"
        '<p onclick="steal()">正文第一段。<a href="javascript:alert(1)">點此</a></p>\n'
        "<style>p { color: red }</style><iframe src='http://ads.example'></iframe>\n"
        "<!-- 註釋\n跨行 -->第二段。"
    )
    out = joined(cleaned(text))
    assert out == "正文第一段。點此\n第二段。"


def test_html_headings_bold_leads_and_captions_become_hints():
    result = cleaned("<h2>發展成就</h2>\n<p><strong>導語一段。</strong></p>\n<figcaption>圖為會場。</figcaption>")
    assert [(line.text, line.hint) for line in result.lines] == [
        ("發展成就", "heading2"), ("導語一段。", "lead"), ("圖為會場。", "caption")]


def test_breadcrumbs_go_but_a_comparison_in_a_sentence_stays():
    text = "首页 > 新闻 > 正文\n当前位置：首页 > 评论\n当收入 > 支出时，预算出现盈余。"
    assert texts(cleaned(text)) == ["当收入 > 支出时，预算出现盈余。"]


def test_private_use_characters_from_a_scrape_are_removed_and_recorded():
    result = cleaned("新質生産力\ue000的孕育\uf8ff。")
    assert texts(result) == ["新質生産力的孕育。"]
    assert result.changes[0].rule == "remove_private_use"


def test_spam_without_any_lexicon_word_goes_after_a_traditional_article():
    text = "制度賦能人工智能，推動產業向新質生產力加速躍遷。\n（作者系北京社科院研究員）\n点击领取新人红包立即到账"
    assert texts(cleaned(text))[-1] == "（作者系北京社科院研究員）"


def test_a_legitimate_last_line_without_an_end_marker_stays():
    text = "人工智能是引领科技革命的战略性技术。\n推动人工智能产业迈向更高水平"
    assert texts(cleaned(text))[-1] == "推动人工智能产业迈向更高水平"


def test_a_lexicon_word_alone_does_not_make_spam():
    text = "文艺作品的情节推向高潮。\n（作者系文学评论家）\n故事在此推向高潮，读者为之动容。"
    assert texts(cleaned(text))[-1] == "故事在此推向高潮，读者为之动容。"


def test_front_matter_becomes_hints_and_a_repeated_summary_and_title_go():
    text = "---\ntitle: 數字經濟\nsummary: 第一段的開頭\ndate: 2022-01-21T00:00:00Z\nauthors: [\"甲\", \"乙\"]\ntags: [x]\n---\n# 數字經濟\n第一段的開頭與其餘部分。"
    result = cleaned(text)
    assert [(line.text, line.hint) for line in result.lines] == [
        ("數字經濟", "title"), ("2022-01-21", "date"), ("甲 乙", "byline"), ("第一段的開頭與其餘部分。", "")]


def test_a_trailing_self_link_becomes_the_source_url():
    result = cleaned("正文一段。\n\n[標題](https://example.org/a?b=1&c=2)")
    assert (result.lines[-1].text, result.lines[-1].hint) == ("https://example.org/a?b=1&c=2", "source_url")


# ── Data cases (after ftfy's tests/test-cases) ───────────────────────────────


def _cases():
    for path in sorted(CASES.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            marks = [pytest.mark.xfail(strict=True, reason=case["comment"])] if case["expect"] == "fail" else []
            yield pytest.param(case, id=f"{path.stem}:{case['label']}", marks=marks)


@pytest.mark.parametrize("case", list(_cases()))
def test_cleaning_case(case):
    assert "\n".join(plain_text(text) for text in texts(cleaned(case["original"]))) == case["expected"]


# ── The rules' own examples ──────────────────────────────────────────────────


@pytest.mark.parametrize("module", ["blocks", "chrome", "draft", "front_matter", "gaps", "markup", "slips", "spam", "whitespace",
                                    "head", "classify", "article"])
def test_rule_docstring_examples_hold(module):
    import doctest
    import importlib

    outcome = doctest.testmod(importlib.import_module(f"site_gen.clean.{module}"))
    assert outcome.failed == 0


def test_a_text_caption_label_becomes_a_caption_hint_and_image_sources_go():
    result = cleaned("图注：农民在田间查看智能灌溉设备。\n图片来源：视觉中国\n正文一段。")
    assert [(line.text, line.hint) for line in result.lines] == [
        ("农民在田间查看智能灌溉设备。", "caption"), ("正文一段。", "")]


def test_an_author_note_closing_the_file_is_never_taken_for_spam():
    text = "制度賦能人工智能，推動產業躍遷。\n（作者系北京社科院研究员）"
    assert texts(cleaned(text))[-1] == "（作者系北京社科院研究员）"

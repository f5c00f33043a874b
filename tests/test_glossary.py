"""The glossary: the real file loads and covers the essays; bad entries give one clear line; find() matches."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from opencc import OpenCC

from site_gen.config import PACKAGE_DATA
from site_gen.errors import GlossaryError
from site_gen.glossary.file import CATEGORIES, load_glossary
from site_gen.glossary.pinyin import pinyin_problem, slug_from_pinyin
from site_gen.read.ingest import read_source

from conftest import SEEDS, seed_path

GLOSSARY = PACKAGE_DATA / "glossary.toml"
FIXTURES = Path(__file__).parent / "fixtures" / "glossary"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(GLOSSARY)


@pytest.fixture(scope="module")
def seeds_simplified() -> dict[str, str]:
    to_simplified = OpenCC("t2s")
    return {path.name: to_simplified.convert(path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))}


# ── The real file ────────────────────────────────────────────────────────────


def test_real_glossary_has_enough_terms_with_every_field(glossary):
    assert len(glossary) >= 60
    for term in glossary.terms:
        assert term.category in CATEGORIES
        assert term.english and term.explanation and term.explanation_zh
        assert term.traditional, term.headword
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*(-\d+)?", term.slug), term.slug


def test_every_term_occurs_in_the_essays(glossary, seeds_simplified):
    found = {headword for text in seeds_simplified.values() for _, _, headword in glossary.find(text)}
    missing = [term.headword for term in glossary.terms if term.headword not in found]
    assert missing == [], f"terms that occur in no seed: {missing}"


def test_terms_named_as_central_are_present(glossary):
    for headword in ("新质生产力", "人工智能+", "东数西算", "揭榜挂帅", "专精特新", "卡脖子", "耐心资本", "监管沙盒", "新型举国体制"):
        assert glossary.get(headword) is not None, headword


def test_official_renderings_are_used(glossary):
    assert glossary.get("新质生产力").english == "new quality productive forces"
    assert glossary.get("东数西算").english == "East Data, West Computing"
    assert glossary.get("东数西算").source.startswith("http")


def test_polyphones_are_read_as_in_these_terms(glossary):
    assert glossary.get("卡脖子").pinyin.startswith("qiǎ")  # not kǎ
    assert glossary.get("行业大模型").pinyin.startswith("háng")  # not xíng
    assert glossary.get("千行百业").pinyin == "qiānháng bǎiyè"
    assert glossary.get("全要素生产率").pinyin.endswith("lǜ")  # not shuài


def test_slugs_are_unique_and_come_from_the_pinyin(glossary):
    slugs = [term.slug for term in glossary.terms]
    assert len(slugs) == len(set(slugs))
    assert glossary.get("新质生产力").slug == "xinzhi-shengchanli"
    assert slug_from_pinyin("Yuè-Gǎng-Ào Dàwānqū") == "yue-gang-ao-dawanqu"


def test_traditional_form_is_derived_when_absent(glossary):
    assert glossary.get("新质生产力").traditional == "新質生產力"


def test_related_terms_resolve(glossary):
    for term in glossary.terms:
        for name in term.related:
            assert glossary.get(name) is not None


# ── Validation: one clear line per malformed entry ───────────────────────────

BAD_ENTRIES = [
    # fixture, line, message fragment
    ("pinyin_digits.toml", 13, "term '卡脖子': field 'pinyin': expected tone-marked pinyin, got 'qia3 bo2 zi'"),
    ("pinyin_count.toml", 13, "term '卡脖子': field 'pinyin': pinyin 'qiǎ bó' has 2 syllables but the headword has 3"),
    ("pinyin_not_syllable.toml", 13, "term '卡脖子': field 'pinyin': expected tone-marked pinyin"),
    ("missing_english.toml", 11, "term '卡脖子': field 'english': missing"),
    ("empty_explanation_zh.toml", 16, "term '卡脖子': field 'explanation_zh': empty"),
    ("bad_category.toml", 17, "term '卡脖子': field 'category': expected one of policy, economy"),
    ("unknown_related.toml", 18, "term '卡脖子': field 'related': '芯片' is not another term's headword"),
    ("duplicate_headword.toml", 12, "term '算力': field 'headword': duplicate"),
    ("alias_claimed_twice.toml", 18, "term '卡脖子': field 'aliases': '算力' is already claimed by term '算力'"),
    ("long_explanation.toml", 15, "term '卡脖子': field 'explanation': expected 1 to 3 sentences, got 4"),
    ("unknown_field.toml", 15, "term '卡脖子': field 'englsh': not a known field"),
    ("aliases_not_list.toml", 18, "term '卡脖子': field 'aliases': expected a list"),
    ("traditional_headword.toml", 12, "term '監管沙盒': field 'headword': expected Simplified script"),
    ("bad_syntax.toml", 14, "invalid TOML"),
]


@pytest.mark.parametrize("name, line, fragment", BAD_ENTRIES, ids=[case[0] for case in BAD_ENTRIES])
def test_malformed_entry_names_file_line_term_and_field(name, line, fragment):
    path = FIXTURES / name
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    message = str(caught.value)
    assert message.startswith(f"glossary error: {path}:{line}: "), message
    assert fragment in message
    assert "\n" not in message


def test_the_valid_fixture_loads():
    small = load_glossary(FIXTURES / "valid.toml")
    assert [term.headword for term in small.terms] == ["算力", "卡脖子"]
    assert small.get("算力").related == ("卡脖子",)


def test_alias_in_the_other_script_cannot_belong_to_two_terms(tmp_path):
    entry = 'headword = "{}"\npinyin = "{}"\nenglish = "x"\nexplanation = "X."\nexplanation_zh = "某。"\ncategory = "governance"\n'
    path = tmp_path / "glossary.toml"
    path.write_text(
        "[[term]]\n" + entry.format("监管沙盒", "jiānguǎn shāhé")
        + "\n[[term]]\n" + entry.format("伦理沙箱", "lúnlǐ shāxiāng") + 'aliases = ["監管沙盒"]\n',
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match=r":16: term '伦理沙箱': field 'aliases': '監管沙盒' is already claimed by term '监管沙盒'"):
        load_glossary(path)


def test_unreadable_file_is_a_glossary_error(tmp_path):
    path = tmp_path / "glossary.toml"
    path.write_bytes(b"\xff\xfe[[term]]")
    with pytest.raises(GlossaryError, match="cannot read"):
        load_glossary(path)


@pytest.mark.parametrize(
    "pinyin, headword, ok",
    [
        ("xīnzhì shēngchǎnlì", "新质生产力", True),
        ("réngōng zhìnéng jiā", "人工智能+", True),  # the plus sign is read jiā
        ("Yuè-Gǎng-Ào Dàwānqū", "粤港澳大湾区", True),
        ("xī'ān", "西安", True),
        ("xiān", "西安", False),  # one syllable without the apostrophe
        ("xinzhi shengchanli", "新质生产力", False),  # no tone marks at all
        ("xīnzhì shēngchǎnlì", "新质生产", False),
        ("qiǎ bózī", "卡脖子", True),
    ],
)
def test_pinyin_check(pinyin, headword, ok):
    assert (pinyin_problem(pinyin, headword) is None) is ok


# ── Matching ─────────────────────────────────────────────────────────────────


def test_find_in_a_traditional_seed_with_mixed_script(glossary):
    # Seed 000 writes 揭榜挂帥 (a Simplified 挂 inside Traditional text) and the variant 産.
    text = seed_path("000").read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if "揭榜挂帥" in l)
    found = {headword for _, _, headword in glossary.find(line)}
    assert {"揭榜挂帅", "新型举国体制", "卡脖子", "新质生产力"} <= found
    assert "新质生产力" in {h for _, _, h in glossary.find("新質生産力")}


def test_find_returns_spans_that_cover_the_term_text(glossary):
    text = "国家“东数西算”工程已初步缓解了东部算力紧张"
    assert [(text[s:e], h) for s, e, h in glossary.find(text)] == [("东数西算", "东数西算"), ("算力", "算力")]


def test_longest_term_wins_and_matches_never_overlap(glossary):
    text = "中国生成式人工智能专利申请量超过3.8万件,开展“人工智能+”行动"
    found = glossary.find(text)
    assert [h for _, _, h in found] == ["生成式人工智能", "人工智能+"]
    assert all(found[i][1] <= found[i + 1][0] for i in range(len(found) - 1))


def test_latin_alias_is_case_insensitive_but_not_inside_a_word(glossary):
    assert [h for _, _, h in glossary.find("以“ai+”驱动发展")] == ["人工智能+"]
    assert glossary.find("以“AI+”驱动发展")[0][:2] == (2, 5)
    assert glossary.find("OpenAI+") == []


def test_alias_matches_in_both_scripts(glossary):
    assert [h for _, _, h in glossary.find("推進鄉村全面振興")] == ["乡村振兴"]
    assert [h for _, _, h in glossary.find("推进乡村全面振兴")] == ["乡村振兴"]


def test_surface_forms_hold_every_spelling(glossary):
    forms = glossary.surface_forms()
    assert {"新质生产力", "新質生產力", "AI+", "乡村全面振兴", "鄉村全面振興"} <= forms
    for form in forms:
        assert glossary.find(form), form


def test_find_is_fast_over_the_whole_corpus(glossary, seeds_simplified):
    corpus = "".join(seeds_simplified.values()) * 10
    started = time.perf_counter()
    glossary.find(corpus)
    assert time.perf_counter() - started < 2.0  # about 0.1 s on one core


def test_terms_found_in_outside_scrapes(glossary, scrapes_dir):
    found = set()
    for path in scrapes_dir.glob("*.txt"):
        found |= {headword for _, _, headword in glossary.find(read_source(path).text)}
    assert {"数字经济", "数据要素", "十四五", "卡脖子"} <= found


@pytest.mark.parametrize("text", ["", "# terms will come later\n\n"], ids=["empty", "comments-only"])
def test_a_glossary_without_terms_builds_a_site_that_says_so(tmp_path, text):
    from site_gen.cli import main

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("人工智能赋能发展\n\n人工智能是新一轮科技革命的重要驱动力量。\n", encoding="utf-8")
    (tmp_path / "glossary.toml").write_text(text, encoding="utf-8")
    assert load_glossary(tmp_path / "glossary.toml").terms == ()
    (tmp_path / "site.toml").write_text(f'glossary = "{tmp_path / "glossary.toml"}"\n', encoding="utf-8")
    assert main(["--config", str(tmp_path / "site.toml"), "build", "-q", "--source", str(tmp_path / "seeds"),
                 "--out", str(tmp_path / "_site")]) == 0
    page = (tmp_path / "_site" / "hans" / "glossary.html").read_text(encoding="utf-8")
    assert "The glossary has no terms yet." in page and "glossary-table" not in page


def test_everyday_must_be_true_or_false(tmp_path):
    good = (PACKAGE_DATA / "glossary.toml").read_text(encoding="utf-8")
    bad = tmp_path / "glossary.toml"
    bad.write_text(good.replace("everyday = true", 'everyday = "yes"', 1), encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"field 'everyday': expected true or false"):
        load_glossary(bad)
    everyday = {term.headword for term in load_glossary(PACKAGE_DATA / "glossary.toml").terms if term.everyday}
    assert everyday == {"场景", "算法", "赋能"}

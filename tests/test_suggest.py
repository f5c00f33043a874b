"""Term suggestions: frequent expressions the glossary lacks, with examples, in an aligned table."""

from __future__ import annotations

import re

import pytest
from opencc import OpenCC

from conftest import SEEDS
from site_gen.config import PACKAGE_DATA
from site_gen.glossary.file import load_glossary
from site_gen.suggest import Suggestion, display_width, format_suggestions, suggest_terms


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(PACKAGE_DATA / "glossary.toml")


@pytest.fixture(scope="module")
def seed_suggestions(glossary) -> list[Suggestion]:
    to_simplified = OpenCC("t2s")
    texts = [(path.stem[:3], to_simplified.convert(path.read_text(encoding="utf-8"))) for path in sorted(SEEDS.glob("*.txt"))]
    return suggest_terms(texts, glossary)


def test_seed_suggestions_are_new_multi_character_expressions(seed_suggestions, glossary):
    assert len(seed_suggestions) == 40
    forms = glossary.surface_forms()
    for suggestion in seed_suggestions:
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,8}", suggestion.text), suggestion.text
        assert suggestion.count >= 2
        assert glossary.find(suggestion.text) == [], f"{suggestion.text} contains a glossary term"
        assert not any(suggestion.text in form for form in forms), f"{suggestion.text} is inside a glossary term"


def test_seed_suggestions_skip_function_words_and_everyday_phrases(seed_suggestions):
    texts = {suggestion.text for suggestion in seed_suggestions}
    assert not texts & {"我国", "一些", "发展", "技术", "方面", "推动", "进行"}
    assert not any(re.search(r"[的是了和与在]$|^[的是了和与在]", text) for text in texts)


def test_seed_suggestions_carry_examples_from_the_essays(seed_suggestions):
    for suggestion in seed_suggestions:
        assert 1 <= len(suggestion.examples) <= 2
        assert all(suggestion.text in example for example in suggestion.examples)
        assert set(suggestion.labels) <= {"000", "001", "002", "003", "004"}


def test_a_coinage_repeated_across_essays_is_suggested_with_its_count():
    glossary = load_glossary(PACKAGE_DATA / "glossary.toml")
    texts = [
        ("a", "发展银发经济是应对人口老龄化的重要举措。各地纷纷出台政策支持银发经济。"),
        ("b", "银发经济涵盖养老服务和老年用品等多个领域。"),
    ]
    suggestions = {s.text: s for s in suggest_terms(texts, glossary)}
    assert suggestions["银发经济"].count == 3
    assert suggestions["银发经济"].labels == ("a", "b")
    assert len(suggestions["银发经济"].examples) == 2  # one from each essay
    assert "银发" not in suggestions  # only ever seen inside 银发经济


def test_known_terms_and_their_parts_are_not_suggested():
    glossary = load_glossary(PACKAGE_DATA / "glossary.toml")
    texts = [("a", "确保举国体制的资源投向更科学。举国体制需要完善。要发挥新型举国体制优势。")]
    assert [s.text for s in suggest_terms(texts, glossary)] == []


def test_limit_caps_the_list(glossary):
    texts = [("a", "智能客服和语音助手。智能客服和语音助手。数字员工和智能合约。数字员工和智能合约。")]
    assert len(suggest_terms(texts, glossary, limit=2)) == 2


def test_table_columns_line_up_for_wide_characters():
    table = format_suggestions(
        [
            Suggestion("政企合作", 6, ("政企合作打造人工智能产业创新生态",)),
            Suggestion("资源禀赋", 12, ("依据各地区的资源禀赋与产业基础",)),
            Suggestion("专有所服务平台", 3, ("在专有所服务平台建设方面",)),
        ]
    )
    lines = table.splitlines()
    assert lines[0].split() == ["count", "expression", "example"]
    example_columns = {display_width(line[: line.index(example)]) for line, example in zip(lines[1:], ("政企合作打造", "依据", "在专"))}
    assert len(example_columns) == 1
    assert lines[2].startswith("   12  资源禀赋")


def test_empty_table_says_so():
    assert format_suggestions([]) == "no candidate terms found"

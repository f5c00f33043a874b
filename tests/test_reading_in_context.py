"""Each character is read as its sentence reads it, on the pages of both editions alike."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import SEEDS
from polyphone_pages import page_readings
from site_gen.pinyin import reading_in_context
from site_gen.script import to_simplified

CHECKED = Path(__file__).parent / "data" / "polyphones_checked.tsv"


def read(sentence: str, char: str, nth: int = 0) -> str:
    """The reading of the ``nth`` ``char`` of ``sentence``."""
    at = -1
    for _ in range(nth + 1):
        at = sentence.index(char, at + 1)
    return reading_in_context(sentence, at)


@pytest.mark.parametrize(("sentence", "reading"), [
    ("坚持以人民为中心的发展思想。", "wéi"),            # 以X为Y
    ("以数据、算力等新型生产要素为支撑。", "wéi"),      # an enumeration comma does not end the clause
    ("我国市场规模约为55亿美元。", "wéi"),              # X为 a number: "is"
    ("为确保基金的战略导向，应当加强监管。", "wèi"),    # starts its clause: "in order to"
    ("这些都为进一步推动改革打下了基础。", "wèi"),      # after an adverb
    ("这些顶层设计为地方政府构建治理框架。", "wèi"),    # a verb of building follows: "for"
    ("为了发展", "wèi"),                               # pypinyin's phrase
])
def test_wei_is_read_by_its_construction(sentence, reading):
    assert read(sentence, "为") == reading


@pytest.mark.parametrize(("sentence", "reading"), [
    ("我们要积极地推进改革。", "de"),
    ("可辩证地借鉴吸收发达国家的经验。", "de"),
    ("北京、上海、深圳等地率先出台政策。", "dì"),
    ("多地建立清单机制。", "dì"),
    ("由常住地提供基本公共服务。", "dì"),
    ("坚持外出就业和就地就近就业并重。", "dì"),
])
def test_di_is_the_particle_after_a_word_of_manner_and_a_place_elsewhere(sentence, reading):
    assert read(sentence, "地") == reading


@pytest.mark.parametrize(("sentence", "char", "reading"), [
    ("高校应设立交叉学科。", "应", "yīng"),
    ("优势互补与深度合作。", "与", "yǔ"),
    ("为创新提供更宽阔的空间。", "更", "gèng"),
    ("有效降低了不良贷款率。", "率", "lǜ"),
    ("城镇化率超过六成。", "率", "lǜ"),  # a rate inside a word pypinyin does not list
    ("率先出台政策。", "率", "shuài"),
])
def test_lone_function_words_and_rates(sentence, char, reading):
    assert read(sentence, char) == reading


def test_lone_de_chang_and_zhong_follow_the_words_around_them():
    assert read("让人才引进来、留得住。", "得") == "de"
    assert read("敢于投向长周期项目。", "长") == "cháng"
    assert read("往往重规模扩张、轻质量提升。", "重") == "zhòng"
    assert read("经济持续增长。", "长") == "zhǎng"  # inside a word pypinyin lists


def test_checked_words_and_glossary_terms_keep_their_checked_readings():
    assert read("对大模型进行调优。", "调") == "tiáo"     # a checked word the segmenter keeps whole
    assert read("赋能千行百业。", "行") == "háng"          # the glossary's reading of its term
    assert read("化工行业的龙头企业。", "行") == "háng"    # a listed phrase inside an unlisted word


def test_a_character_that_is_not_chinese_has_no_reading():
    assert reading_in_context("5G基站", 0) == "" and reading_in_context("5G基站", 2) == "jī"


def test_the_batched_model_reads_as_the_g2pm_package_but_only_readings_a_character_has():
    from g2pM import G2pM

    from site_gen.polyphones import PolyphoneModel

    text = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(encoding="utf-8")
    sentences = [line.strip() for line in text.split("。") if 4 < len(line.strip()) < 120][:60]
    package = G2pM()
    for sentence, readings in zip(sentences, PolyphoneModel().read(sentences), strict=True):
        expected = package(sentence, tone=True, char_split=True)
        for at, reading in enumerate(readings):
            if reading is None:
                continue
            possible = package.cedict[sentence[at]]
            assert reading in possible, (sentence, at)
            if expected[at] in possible:  # the package may name a reading the character never has
                assert reading == expected[at], (sentence, at)


def _rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]


def _checked() -> Counter:
    return Counter(tuple(row) for row in _rows(CHECKED))


def test_every_polyphone_on_the_pages_is_checked_and_reads_as_checked(built_site):
    from site_gen.polyphones import PolyphoneModel

    polyphonic = PolyphoneModel().polyphonic  # the characters the context model decides between readings of
    shown = Counter()
    for page in sorted((built_site / "hans").glob("*.html")):
        if page.stem == "glossary":
            continue
        for word, reading, context in page_readings(page):
            if polyphonic & set(word):
                shown[page.stem, word, reading, context] += 1
    missing, unchecked = _checked() - shown, shown - _checked()
    assert not missing and not unchecked, (sorted(missing)[:10], sorted(unchecked)[:10])
    assert sum(_checked().values()) > 5000


def test_the_traditional_pages_show_the_simplified_pages_readings(built_site):
    for page in sorted((built_site / "hans").glob("*.html")):
        if page.stem == "glossary":
            continue
        simplified = page_readings(page)
        traditional = page_readings(built_site / "hant" / page.name)
        assert len(simplified) == len(traditional), page.stem
        for (word, reading, _), (traditional_word, traditional_reading, context) in zip(
                simplified, traditional, strict=True):
            if to_simplified(traditional_word, "hant") == word:  # not a Taiwan word given its mainland form
                assert traditional_reading == reading, (page.stem, context)


def test_a_checked_word_is_cut_whole_only_where_it_stands_as_a_word():
    assert read("人民城市为人民。", "为") == "wèi"   # the checked word 为人民
    assert read("成为人民群众的贴心人。", "为") == "wéi"  # 成为 stays a word beside it
    assert read("将潜能转化为现实生产力。", "为") == "wéi"

"""Annotation: the same words and readings in both editions, terms, gaps and restorations."""

from __future__ import annotations

import re

import pytest

from conftest import seed_path
from site_gen.annotate import Annotator
from site_gen.dictionary import Dictionary
from site_gen.model import GAP, RESTORED_CLOSE, RESTORED_OPEN, Aside, Essay, Paragraph, TermMatch, Token
from site_gen.pinyin import Readings
from site_gen.script import detect_script, make_editions


class TinyGlossary:
    """Stands in for glossary.Glossary: its three methods the annotator uses, over a few spellings in both scripts."""

    def __init__(self, spellings: dict[str, str]):
        self.spellings = spellings  # spelling -> Simplified headword
        longest_first = sorted(spellings, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, longest_first)))

    def surface_forms(self) -> set[str]:
        return set(self.spellings)

    def readings(self) -> dict[str, str]:
        return {}

    def find(self, text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), self.spellings[m.group()]) for m in self.pattern.finditer(text)]


GLOSSARY = TinyGlossary({"新质生产力": "新质生产力", "新質生產力": "新质生产力", "人工智能": "人工智能", "算力": "算力"})


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator(GLOSSARY, Readings(), Dictionary.load())


def first_paragraph(prefix: str, contains: str) -> str:
    lines = seed_path(prefix).read_text(encoding="utf-8").split("\n")
    return next(line.strip() for line in lines if contains in line)


def one_block_essay(text: str) -> Essay:
    block = Paragraph(text=text, lines=(7,), anchor="p1")
    return Essay(source_name="x.txt", index=1, title="标题", blocks=(block,), script=detect_script(text))


def tokens_of(inlines) -> list[Token]:
    return [token for item in inlines for token in (item.tokens if isinstance(item, TermMatch) else (item,))]


@pytest.mark.parametrize("prefix, contains", [("003", "数据作为新型生产要素"), ("000", "重塑生")])
def test_both_editions_have_the_same_words_and_readings(annotator, prefix, contains):
    essay = one_block_essay(first_paragraph(prefix, contains))
    editions = make_editions(essay)
    hans = tokens_of(annotator.annotate(editions["hans"], "hans").inlines["p1"])
    hant = tokens_of(annotator.annotate(editions["hant"], "hant").inlines["p1"])
    assert [len(t.text) for t in hans] == [len(t.text) for t in hant]
    assert [(t.kind, t.pinyin, t.key) for t in hans] == [(t.kind, t.pinyin, t.key) for t in hant]
    assert "".join(t.text for t in hant) == editions["hant"].blocks[0].text
    assert any(t.text == "數據" and t.key == "数据" for t in hant)


def test_terms_are_marked_in_both_scripts(annotator):
    editions = make_editions(one_block_essay("人工智能赋能新质生产力，算力是基础"))
    for edition in ("hans", "hant"):
        inlines = annotator.annotate(editions[edition], edition).inlines["p1"]
        terms = [item.term for item in inlines if isinstance(item, TermMatch)]
        assert terms == ["人工智能", "新质生产力", "算力"]
    hant = annotator.annotate(editions["hant"], "hant").inlines["p1"]
    assert [item.text for item in hant if isinstance(item, TermMatch)] == ["人工智能", "新質生產力", "算力"]


def test_punctuation_latin_and_digits_get_no_reading_or_key(annotator):
    inlines = annotator.annotate(one_block_essay("AI的2035年目标——“加快”"), "hans").inlines["p1"]
    kinds = {token.text: (token.kind, token.pinyin, token.key) for token in tokens_of(inlines)}
    assert kinds["AI"] == kinds["2035"] == ("other", "", "")
    assert kinds["——“"] == ("punct", "", "")
    assert kinds["年"] == ("word", "nián", "年")


def test_gaps_and_restorations_come_through(annotator):
    text = f"有关部门相继{GAP}，并{RESTORED_OPEN}印发{RESTORED_CLOSE}文件"
    editions = make_editions(one_block_essay(text))
    for edition, restored_text in (("hans", "印发"), ("hant", "印發")):
        tokens = tokens_of(annotator.annotate(editions[edition], edition).inlines["p1"])
        assert Token(GAP, kind="gap") in tokens
        (restored,) = [token for token in tokens if token.kind == "restored"]
        assert (restored.text, restored.pinyin, restored.key) == (restored_text, "yìnfā", "印发")


def test_chongsu_reads_chongsu_on_the_page_data(annotator):
    essay = one_block_essay(first_paragraph("000", "重塑生"))
    hant = make_editions(essay)["hant"]
    tokens = tokens_of(annotator.annotate(hant, "hant").inlines["p1"])
    words = {(token.key, token.pinyin) for token in tokens if token.key}
    data = Dictionary.load().page_data(words)
    assert data["重塑"]["p"] == "chóngsù"
    assert data["重塑"]["d"][0][0] == "chóng sù"


def test_every_key_has_gloss_data(annotator):
    essay = one_block_essay(first_paragraph("004", "人工智能是引领"))
    tokens = tokens_of(annotator.annotate(essay, "hans").inlines["p1"])
    keys = {(token.key, token.pinyin) for token in tokens if token.key}
    assert set(Dictionary.load().page_data(keys)) == {key for key, _ in keys}


def test_aside_children_and_the_title_are_annotated(annotator):
    child = Paragraph(text="算力发展", lines=(9,), anchor="a1-1")
    essay = Essay(source_name="x.txt", index=1, title="新质生产力",
                  blocks=(Aside(text="", lines=(8,), anchor="a1", title="观点", children=(child,)),))
    annotated = annotator.annotate(essay, "hans")
    assert set(annotated.inlines) == {"a1", "a1-1"}
    assert [item.term for item in annotated.title_inlines if isinstance(item, TermMatch)] == ["新质生产力"]
    assert annotated.terms_in_order == ("算力",)


def test_a_long_term_reads_as_its_words_and_a_coinage_stays_whole():
    from site_gen.config import load_config
    from site_gen.glossary.file import load_glossary

    from conftest import PROJECT

    annotator = Annotator(load_glossary(load_config(PROJECT).glossary), Readings(), Dictionary.load())
    inlines = annotator.inlines("统筹发展和安全，培育新质生产力", "hans")
    terms = {item.term: [token.text for token in item.tokens] for item in inlines if isinstance(item, TermMatch)}
    assert terms["统筹发展和安全"] == ["统筹", "发展", "和", "安全"]  # four readable rubies, one term mark
    assert terms["新质生产力"] == ["新质生产力"]  # 新|质 alone would gloss as "new" and "character"


def test_the_traditional_edition_takes_the_simplified_edition_s_words(annotator):
    """附著於 converts back to 附著于, which jieba cuts 附|著 (read fù zhù); the Simplified page has 附着 fùzhuó."""
    essay = one_block_essay(first_paragraph("002", "附著"))
    editions = make_editions(essay)
    hans = tokens_of(annotator.annotate(editions["hans"], "hans").inlines["p1"])
    hant = tokens_of(annotator.annotate(editions["hant"], "hant").inlines["p1"])
    assert [(t.kind, t.pinyin, t.key) for t in hans] == [(t.kind, t.pinyin, t.key) for t in hant]
    assert ("附著", "fùzhuó", "附着") in [(t.text, t.pinyin, t.key) for t in hant]


def test_the_traditional_edition_is_not_converted_back_when_the_simplified_one_was_annotated(monkeypatch):
    from site_gen import annotate

    fresh = Annotator(GLOSSARY, Readings(), Dictionary.load())
    converted: list[str] = []
    monkeypatch.setattr(annotate, "to_simplified", lambda text, script: converted.append(text) or text)
    text = f"人工智能赋能{RESTORED_OPEN}新质生产力{RESTORED_CLOSE}发展，{GAP}算力"
    editions = make_editions(Essay(source_name="y.txt", index=2, title="头发", script="hans",
                                   blocks=(Paragraph(text=text, lines=(3,), anchor="p1"),)))
    fresh.annotate(editions["hans"], "hans")
    fresh.annotate(editions["hant"], "hant")
    assert converted == []


def test_a_traditional_text_unlike_the_simplified_one_remembered_is_converted(annotator):
    annotator.annotate(make_editions(one_block_essay("发展头发"))["hans"], "hans")
    other = make_editions(one_block_essay("算力发展"))["hant"]  # same seed, essay and anchor, other text
    tokens = tokens_of(annotator.annotate(other, "hant").inlines["p1"])
    assert [(t.text, t.key) for t in tokens] == [("算力", "算力"), ("發展", "发展")]


def test_a_word_shown_again_is_the_same_token(annotator):
    first = tokens_of(annotator.inlines("发展数据，发展算力", "hans"))
    again = tokens_of(annotator.inlines("数据发展", "hans"))
    by_text = {token.text: token for token in first}
    assert first[0] is first[3] is by_text["发展"] is again[1]
    assert again[0] is by_text["数据"]


def test_names_are_capitalised_as_pinyin_writes_them_and_common_words_are_not(annotator):
    tokens = {token.text: token.pinyin for token in annotator.inlines("习近平在北京谈互联网和长江经济带。", "hans")
              if isinstance(token, Token)}
    assert tokens["习近平"] == "XíJìnpíng" and tokens["北京"] == "Běijīng" and tokens["长江"] == "ChángJiāng"
    assert tokens["互联网"] == "hùliánwǎng"  # CC-CEDICT's "the Internet", a common noun in Chinese


def _words(annotator, text: str) -> dict[str, str]:
    return {token.text: token.pinyin for token in tokens_of(annotator.inlines(text, "hans")) if token.kind == "word"}


def test_people_named_in_a_list_are_kept_whole_and_read_as_names(annotator):
    # names jieba's dictionary does not know, which a cut without its model breaks into characters
    words = _words(annotator, "学者陈雨桐、黄鹏强、郭江江在《经济研究》撰文指出，数据要素很重要。")
    assert words["陈雨桐"] == "ChénYǔtóng" and words["黄鹏强"] == "HuángPéngqiáng" and words["郭江江"] == "GuōJiāngjiāng"
    assert words["学者"] == "xuézhě" and words["在"] == "zài"
    # a surname is read as a surname (曾 Zēng, not céng), the given name after it capitalised
    assert _words(annotator, "曾晓岚、涂雨等人认为")["曾晓岚"] == "ZēngXiǎolán"


@pytest.mark.parametrize("text", [
    "推动高质量、高效率发展。",          # words jieba knows, though 高 is a surname
    "北京、上海、深圳等地率先试点。",    # places
    "黄鹏强指出，数据很重要。",          # a name alone, not in a list: nothing tells it from words
    "完善张弛有度、宽严相济的机制。",    # known words starting with surnames
])
def test_lists_of_words_are_not_read_as_names(annotator, text):
    words = _words(annotator, text)
    assert not any(reading[:1].isupper() and word[:1] not in "北上深" for word, reading in words.items()), words


def test_a_function_word_jieba_glues_to_the_next_word_stands_apart(annotator):
    # jieba's dictionary has 对外部, 在城镇 and 更具, which CC-CEDICT does not: each was glossed "by parts"
    words = [t.text for t in tokens_of(annotator.inlines("摆脱对外部技术的依赖，九亿人生活在城镇，更具活力。", "hans"))]
    assert "对外部" not in words and "在城镇" not in words and "更具" not in words
    assert {"对", "外部", "在", "城镇", "更"} <= set(words)
    # a word CC-CEDICT knows, a glossary term and a checked word keep their shape
    assert "在于" in [t.text for t in tokens_of(annotator.inlines("问题在于创新。", "hans"))]
    assert "为人民" in [t.text for t in tokens_of(annotator.inlines("人民城市为人民。", "hans"))]

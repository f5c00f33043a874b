"""Readings: hand-checked polyphonic words of the essays read right."""

from __future__ import annotations

from pathlib import Path

import pytest
from opencc import OpenCC

from conftest import SEEDS
from site_gen.errors import ConfigError
from site_gen.pinyin import Readings, join_syllables, load_overrides

POLYPHONES = Path(__file__).parent / "data" / "polyphones.tsv"


def checked_words() -> list[tuple[str, str]]:
    lines = POLYPHONES.read_text(encoding="utf-8").split("\n")
    return [tuple(line.split("\t")) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def readings() -> Readings:
    return Readings()


def test_the_checked_list_is_large_and_taken_from_the_essays():
    essays = OpenCC("t2s").convert("".join(path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")))
    words = [word for word, _ in checked_words()]
    assert len(words) >= 60
    assert [word for word in words if word not in essays] == []


@pytest.mark.parametrize("word, expected", checked_words())
def test_polyphonic_word_reads_as_checked_by_hand(readings, word, expected):
    # Case is the pages' to decide (a name is capitalised there, from the glossary's reading or the
    # dictionary's), which test_site_readings checks; here the syllables and tones are.
    assert readings.word(word).lower() == expected.lower()


def test_latin_and_digits_get_no_reading(readings):
    assert readings.word("AI") == readings.word("2035") == readings.word("GPU") == ""


def test_syllables_starting_with_a_o_e_are_set_off_by_an_apostrophe():
    assert join_syllables(["xī", "ān"]) == "xī'ān"
    assert join_syllables(["fā", "zhǎn"]) == "fāzhǎn"
    assert join_syllables(["ài"]) == "ài"


def test_a_malformed_override_names_the_file_and_line(tmp_path):
    bad = tmp_path / "overrides.tsv"
    bad.write_text("# comment\n重塑\tchóngsù\tagain\n重构\tchong2gou4\tnumbered\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_overrides(bad)
    assert f"{bad}:3:" in str(error.value)


def test_an_override_without_a_reason_is_refused(tmp_path):
    bad = tmp_path / "overrides.tsv"
    bad.write_text("重塑\tchóngsù\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=":1:"):
        load_overrides(bad)


def test_every_project_override_changes_a_reading():
    """An override is dead weight where pypinyin already agrees and no context model would be asked
    (更好 stays: pypinyin reads it right, but it is no phrase pypinyin lists, and the model reads 好 hào)."""
    from site_gen.annotate import _capitalised
    from site_gen.dictionary import Dictionary

    plain = Readings(overrides={})
    dictionary = Dictionary.load()
    # An override also decides case: 兴城 in 产业兴城 is a verb phrase, though CC-CEDICT and jieba
    # know the city of Xingcheng (the pages would capitalise it)
    same = [word for word, reading in load_overrides().items() if plain.word(word) == reading and plain.decided(word)
            and _capitalised(word, reading, dictionary.lookup(word)) == reading]
    assert same == []
    # a single character the context decides never takes the list's reading: such an entry is dead
    assert [word for word in load_overrides() if len(word) == 1 and not plain.decided(word)] == []


def test_a_word_is_read_once():
    readings = Readings()
    read: list[str] = []
    uncached = readings._read

    def counting(word: str) -> str:
        read.append(word)
        return uncached(word)

    readings._read = counting
    assert [readings.word(word) for word in ("重塑", "发展", "重塑", "AI", "发展", "AI")] == [
        "chóngsù", "fāzhǎn", "chóngsù", "", "fāzhǎn", ""]
    assert read == ["重塑", "发展", "AI"]


def test_terms_sort_by_pinyin_syllable_by_syllable_then_by_tone():
    # Letter by letter, chǎnyè came before cháng but after chǎng's neighbours; a dictionary
    # compares syllables: chǎn, chǎnyè, cháng, chǎng.
    from types import SimpleNamespace

    from site_gen.render.terms import pinyin_order

    terms = [SimpleNamespace(headword=h, pinyin=p) for h, p in
             [("常", "cháng"), ("产业", "chǎnyè"), ("厂", "chǎng"), ("产", "chǎn"), ("长三角", "Cháng Sānjiǎo"),
              ("产学研", "chǎn-xué-yán")]]
    ordered = [t.headword for t in sorted(terms, key=pinyin_order)]
    assert ordered == ["产", "产学研", "产业", "常", "长三角", "厂"]


def test_a_reading_splits_into_the_headwords_syllables():
    from site_gen.pinyin import split_syllables, syllable_order

    assert split_syllables("方案", "fāng'àn") == ["fāng", "àn"]
    assert split_syllables("人工智能+", "réngōng zhìnéng jiā") is None  # the + is read, not a Han character
    assert split_syllables("绿色", "lǜsè") == ["lǜ", "sè"]
    assert [syllable_order(s) for s in ("lǜ", "de", "Xīn")] == ["lu4", "de5", "xin1"]

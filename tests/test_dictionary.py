"""The dictionary: every reading kept, references resolved, a gloss for every word."""

from __future__ import annotations

import json

import pytest

from site_gen.dictionary import CHARACTER_GLOSS, Dictionary, tone_marks


@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return Dictionary.load()


def test_numbered_pinyin_becomes_tone_marks():
    assert tone_marks("fa1 zhan3") == "fā zhǎn"
    assert tone_marks("lu:4 nu:3") == "lǜ nǚ"
    assert tone_marks("hou4 gui4 zhuo2 le5") == "hòu guì zhuó le"
    assert tone_marks("Xin1 jiang1") == "Xīn jiāng"


def test_every_reading_of_a_headword_is_kept(dictionary):
    readings = {entry.pinyin for entry in dictionary.lookup("行")}
    assert {"háng", "xíng"} <= readings


def test_lookup_works_by_either_script(dictionary):
    assert dictionary.lookup("发展")[0].senses == dictionary.lookup("發展")[0].senses
    assert dictionary.lookup("发展")[0].traditional == "發展"


def test_the_reading_used_in_context_comes_first(dictionary):
    assert dictionary.entries_for("行", "háng")[0].pinyin == "háng"
    assert dictionary.entries_for("行", "xíng")[0].pinyin == "xíng"
    assert dictionary.entries_for("地", "de")[0].senses[0] == "-ly"


def test_surnames_and_variants_come_after_real_senses(dictionary):
    first = dictionary.lookup("乾")[0]
    assert not first.senses[0].startswith("surname")
    assert not dictionary.entries_for("为", "wéi")[1].senses[0].startswith("variant of")


def test_a_cross_reference_brings_the_senses_it_points_at(dictionary):
    (variant, *_) = [entry for entry in dictionary.lookup("爲") if entry.pinyin == "wéi"]
    assert any(sense.startswith("→ 为: as (in the capacity of)") for sense in variant.senses)


def test_words_missing_from_cedict_fall_back_to_their_parts(dictionary):
    assert dictionary.lookup("新质生产力") == ()
    (entry,) = dictionary.entries_for("新质生产力")
    assert entry.senses[0].startswith(CHARACTER_GLOSS) and "生产力:" in entry.senses[0]
    assert entry.traditional == "新質生產力"
    # trailing punctuation of a term: the word itself is glossed
    assert dictionary.entries_for("人工智能+")[0].senses == ("artificial intelligence (AI)",)


def test_page_data_is_compact_and_keyed_by_word(dictionary):
    data = dictionary.page_data([("发展", "fāzhǎn"), ("行", "háng"), ("发展", "fāzhǎn"), ("", "")])
    assert list(data) == ["发展", "行"]
    assert data["发展"] == {
        "s": "发展", "t": "發展", "p": "fāzhǎn",
        "d": [["fā zhǎn", ["development", "growth", "to develop", "to grow", "to expand"]]],
        "h": 3,  # its HSK 3.0 level
    }
    assert 2 <= len(data["行"]["d"]) <= 3  # xíng and háng, each reading once
    json.dumps(data)  # embeddable as it is


def test_the_licence_names_cc_cedict_and_cc_by_sa(dictionary):
    assert "CC-CEDICT" in dictionary.licence and "CC BY-SA 4.0" in dictionary.licence


def test_cedict_notation_reads_in_the_pages_script_with_tone_marks():
    from site_gen.dictionary import readable_sense

    assert readable_sense("CL:個|个[ge4],輪|轮[lun2]") == "measure words: 个 gè, 轮 lún"
    assert readable_sense("CL:個|个[ge4],輪|轮[lun2]", "hant") == "measure words: 個 gè, 輪 lún"
    assert readable_sense("see 未可厚非[wei4 ke3 hou4 fei1]") == "see 未可厚非 wèi kě hòu fēi"
    assert readable_sense("to develop") == "to develop"


def test_page_data_shows_no_raw_cedict_notation():
    dictionary = Dictionary.load()
    data = dictionary.page_data([("月", "yuè"), ("发展", "fāzhǎn")], edition="hant")
    senses = [sense for word in data.values() for _, entry_senses in word["d"] for sense in entry_senses]
    assert not any("[" in sense or "CL:" in sense for sense in senses), senses
    assert any("個" in sense for sense in data["月"]["d"][0][1])


def test_a_word_s_page_data_is_made_once_per_reading_and_script():
    dictionary = Dictionary.load()
    looked_up: list[tuple[str, str]] = []
    entries_for = dictionary.entries_for

    def counting(word, pinyin=""):
        looked_up.append((word, pinyin))
        return entries_for(word, pinyin)

    dictionary.entries_for = counting
    words = [("发展", "fāzhǎn"), ("行", "háng"), ("行", "xíng"), ("", ""), ("新质生产力", "xīnzhìshēngchǎnlì")]
    first = dictionary.page_data(words)
    assert looked_up == [("发展", "fāzhǎn"), ("行", "háng"), ("新质生产力", "xīnzhìshēngchǎnlì")]
    assert dictionary.page_data(words) == first and dictionary.page_data(reversed(words[:2])) == {
        "发展": first["发展"], "行": first["行"]}
    assert len(looked_up) == 3
    traditional = dictionary.page_data(words, edition="hant")
    assert len(looked_up) == 6 and set(traditional) == set(first)
    fresh = Dictionary.load().page_data(words, edition="hant")
    assert json.dumps(traditional, sort_keys=True) == json.dumps(fresh, sort_keys=True)


def _senses(dictionary, word: str, reading: str) -> dict[str, list[str]]:
    return dict(dictionary.page_data([(word, reading)])[word]["d"])


def test_a_popup_keeps_every_sense_of_a_reading(dictionary):
    hai = _senses(dictionary, "还", "hái")["hái"]
    assert "also" in hai and len(hai) > 4  # 此外，还需…: "also" was the fifth sense and was dropped
    assert "to adjust" in _senses(dictionary, "调", "tiáo")["tiáo"]


def test_senses_pointing_back_at_the_word_itself_are_left_out(dictionary):
    he = _senses(dictionary, "和", "hé")
    assert not [sense for senses in he.values() for sense in senses if "variant of 和" in sense or "→ 和" in sense]
    assert list(he).count("hé") == 1  # the two entries read hé are one item


def test_todays_meaning_comes_before_the_original_one(dictionary):
    assert _senses(dictionary, "革命", "gémìng")["gé mìng"][0] == "revolution"


def test_a_surname_only_reading_is_left_out_beside_real_ones(dictionary):
    assert "Huán" not in _senses(dictionary, "还", "hái")


def test_a_name_the_dictionary_lacks_is_glossed_as_a_name_without_a_level(dictionary):
    # read as a name in context (a list of authors), 郭江江 was glossed "outer city wall; river; river"
    entry = dictionary.page_data([("郭江江", "GuōJiāngjiāng")])["郭江江"]
    assert entry["d"] == [["Guō Jiāngjiāng", ["a person's name: surname Guō"]]] and entry["n"] == 1
    assert dictionary.page_data([("曾晓岚", "ZēngXiǎolán")])["曾晓岚"]["d"][0][0] == "Zēng Xiǎolán"  # 曾 as a surname
    # the same characters read as ordinary words keep their pieced gloss and their level
    assert "n" not in dictionary.page_data([("江江", "jiāngjiāng")])["江江"]
    # a common word read with capitals as part of a name (中央经济工作会议: Jīngjì) keeps its level
    assert "n" not in dictionary.page_data([("经济", "Jīngjì")])["经济"]

"""The script stage: both editions in the right script, a Traditional seed's wording kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from site_gen.model import GAP, RESTORED_CLOSE, RESTORED_OPEN, Aside, Essay, Paragraph, Quote
from site_gen.script import TABLES, detect_script, make_editions, to_simplified, to_traditional, normalise_traditional

from conftest import SEEDS

S2T, T2S, TW2S = OpenCC("s2tw"), OpenCC("t2s"), OpenCC("tw2s")


def essay_of(text: str, name: str = "excerpt.txt", script: str | None = None) -> Essay:
    """An essay with one paragraph per non-empty line, as structure would give it."""
    blocks = tuple(
        Paragraph(text=line.strip(), lines=(number,), anchor=f"p{number}")
        for number, line in enumerate(text.split("\n"), 1)
        if line.strip()
    )
    return Essay(
        source_name=name, index=1, title=blocks[0].text, blocks=blocks[1:],
        script=script or detect_script(text), lines=(1, len(text.split("\n"))),
    )


def seed_essays():
    return [essay_of(path.read_text(encoding="utf-8"), path.name) for path in sorted(SEEDS.glob("*.txt"))]


def edition_texts(essay: Essay) -> str:
    return "\n".join([essay.title, *(block.text for block in essay.all_blocks())])


def test_detects_the_script_each_seed_is_written_in():
    scripts = {essay.source_name[:3]: essay.script for essay in seed_essays()}
    assert scripts == {"000": "hant", "001": "hans", "002": "hant", "003": "hans", "004": "hans"}


@pytest.mark.parametrize("essay", seed_essays(), ids=lambda essay: essay.source_name[:3])
def test_both_editions_of_every_seed_are_in_the_right_script(essay):
    editions = make_editions(essay)
    hans, hant = edition_texts(editions["hans"]), edition_texts(editions["hant"])
    assert T2S.convert(hans) == hans, "t2s still finds Traditional characters in the Simplified edition"
    again = S2T.convert(hant)
    # s2tw is not idempotent on its own output (指明瞭), so a change it would make again
    # counts only if the character is not a Traditional (or Taiwan-standard) form in its own right.
    def own_forms(char):
        forms = TABLES.traditional_forms(T2S.convert(char))
        return set(forms) | {TABLES.taiwan_form.get(form, form) for form in forms}

    left = {hant[max(0, i - 2) : i + 3] for i, char in enumerate(hant) if again[i] != char and char not in own_forms(char)}
    assert not left
    # 群 and 峰 are Simplified-only to OpenCC's own standard but the Taiwan standard writes them
    assert not set(hant) & (TABLES.simplified_only - set(TABLES.taiwan_form.values()))
    assert TW2S.convert(hant) == hans or essay.script == "hant"


def test_simplified_goes_to_traditional_by_phrase():
    assert to_traditional("头发的发展", "hans")[0] == "頭髮的發展"
    assert to_traditional("以后干部把衣服晾干", "hans")[0] == "以後幹部把衣服晾乾"
    assert to_traditional("台风吹过台湾", "hans")[0] == "颱風吹過臺灣"


def test_a_character_no_phrase_decided_is_flagged_in_the_report():
    essay = essay_of("标题\n他后来把它系在门上")
    hant = make_editions(essay)["hant"]
    flagged = [change for change in hant.changes if change.action == "flagged"]
    assert [change.text for change in flagged] == ["把它系在门"]
    assert all(change.rule == "convert_script" and change.lines == (2,) for change in flagged)
    assert any("系" in change.why and "chose" in change.why for change in flagged)
    # a phrase decided 后来 -> 後來, so 后 is not flagged
    assert not any(change.why.startswith("后") for change in flagged)


def test_a_traditional_seed_keeps_its_distinctions():
    text = "幹部要保持乾淨，皇后在颱風後回到臺灣，頭髮已經白了，萬里之外，指明了方向"
    converted, _ = to_traditional(text, "hant")
    assert converted == text  # 明了 is no stray Simplified phrase to turn into 明瞭
    assert to_simplified(text, "hant") == "干部要保持干净，皇后在台风后回到台湾，头发已经白了，万里之外，指明了方向"


def test_variants_and_stray_simplified_characters_become_standard_traditional():
    text, notes = to_traditional("新質生産力附著于産業并且為製造面臨著挑戰", "hant")
    assert text == "新質生產力附著於產業並且為製造面臨著挑戰"  # Taiwan standard, as the seeds write it
    assert ("産", "產") in {(note.char, note.chosen) for note in notes}
    # 著 as in 著名 is a word of its own, not the particle zhe
    assert to_traditional("著名學者", "hant")[0] == "著名學者"


def test_variant_changes_are_counted_once_per_character():
    essay = essay_of("標題\n産業與産品\n生産")
    changes = [c for c in make_editions(essay)["hant"].changes if c.rule == "normalise_variants"]
    assert len(changes) == 1
    assert changes[0].lines == (2, 3) and "3 times" in changes[0].why


def test_every_text_field_is_converted_and_anchors_kept():
    aside = Aside(text="", lines=(5,), anchor="a1", title="观点速递",
                  children=(Paragraph(text="发展数据", lines=(6,), anchor="a1-1"),))
    essay = Essay(
        source_name="x.txt", index=1, title="数字经济", authors=("刘 晖",), author_note="作者系研究员",
        source_note="《人民日报》", credits=("执笔：张三",), script="hans",
        blocks=(Quote(text="创新发展", lines=(3,), anchor="q1", attribution="——习近平"), aside),
    )
    hant = make_editions(essay)["hant"]
    assert (hant.title, hant.authors, hant.author_note) == ("數字經濟", ("劉 暉",), "作者系研究員")
    assert (hant.source_note, hant.credits) == ("《人民日報》", ("執筆：張三",))
    quote, converted_aside = hant.blocks
    assert (quote.text, quote.attribution, quote.anchor, quote.lines) == ("創新發展", "——習近平", "q1", (3,))
    assert converted_aside.title == "觀點速遞" and converted_aside.children[0].text == "發展數據"
    assert converted_aside.children[0].anchor == "a1-1"


def test_inline_marks_survive_conversion():
    text = f"有关部门相继{GAP}，并{RESTORED_OPEN}印发{RESTORED_CLOSE}文件"
    converted, _ = to_traditional(text, "hans")
    assert converted == f"有關部門相繼{GAP}，並{RESTORED_OPEN}印發{RESTORED_CLOSE}文件"


def structured_essays():
    """The seeds through the real clean and structure stages."""
    from site_gen.clean import clean
    from site_gen.read.ingest import read_source
    from site_gen.structure import structure

    return [essay for path in sorted(SEEDS.glob("*.txt")) for essay in structure(clean(read_source(path)))]


def test_structured_essays_come_out_in_the_right_script():
    for essay in structured_essays():
        editions = make_editions(essay)
        hans, hant = edition_texts(editions["hans"]), edition_texts(editions["hant"])
        assert T2S.convert(hans) == hans, essay.source_name
        assert not set(hant) & (TABLES.simplified_only - set(TABLES.taiwan_form.values())), essay.source_name
        assert [b.anchor for b in editions["hant"].all_blocks()] == [b.anchor for b in essay.all_blocks()]


def test_a_traditional_writers_tai_bu_and_weekday_zhou_are_kept_as_written():
    # 台 is the everyday Taiwan and Hong Kong form (台灣, 台積電); 周二 stands beside 週二.
    text, notes = normalise_traditional("台積電週四法說會前，新台幣走強；阿里巴巴周二發布晶片布局。")
    assert text == "台積電週四法說會前，新台幣走強；阿里巴巴周二發布晶片布局。" and notes == []


def test_a_stray_zhou_outside_a_weekday_still_takes_the_standard_form():
    text, _ = normalise_traditional("縮短研發周期")
    assert text == "縮短研發週期"


def _cover(piece: str, start: int, longest: int, covered: list[bool]) -> None:
    """OpenCC's phrase matching as written out plainly (time as the square of a run): the oracle."""
    for size in range(min(len(piece), longest), 1, -1):
        for offset in range(len(piece) - size + 1):
            if piece[offset : offset + size] in TABLES.phrases:
                covered[start + offset : start + offset + size] = [True] * size
                _cover(piece[:offset], start, size, covered)
                _cover(piece[offset + size :], start + offset + size, size, covered)
                return


def _plain_coverage(text: str) -> list[bool]:
    from site_gen.script import _SEPARATORS

    whole = [False] * len(text)
    start = 0
    for piece in _SEPARATORS.split(text):
        _cover(piece, start, TABLES.longest_phrase, whole)
        start += len(piece)
    return whole


def test_phrase_coverage_remembered_per_run_is_the_coverage_of_the_whole_text():
    from site_gen.script import phrase_covered

    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        whole = _plain_coverage(text)
        assert phrase_covered(text) == whole
        assert phrase_covered(text) == whole  # from the remembered runs


PHRASE_KEYS = sorted(key for key in TABLES.phrases if len(key) > 1)[::97]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PHRASE_KEYS), st.sampled_from(PHRASE_KEYS).map(lambda key: key[1:]),
                          st.sampled_from(PHRASE_KEYS).map(lambda key: key[:-1]), st.sampled_from("的了，发干后")),
                max_size=40))
def test_phrase_coverage_matches_opencc_matching_on_runs_of_overlapping_phrases(parts):
    from site_gen.script import phrase_covered

    text = "".join(parts)
    assert phrase_covered(text) == _plain_coverage(text)



@pytest.mark.parametrize(("simplified", "traditional"), [
    ("建立与之相适应的分配制度", "建立與之相適應的分配制度"),  # not 配制 -> 配製 across 分配|制度
    ("更加注重城乡融合", "更加注重城鄉融合"),                  # not 加注 -> 加註 across 更加|注重
    ("为发展路径指明了方向。", "為發展路徑指明了方向。"),      # not 明了 -> 明瞭 across 指明|了
    ("产业链、资金链和人才链", "產業鏈、資金鏈和人才鏈"),      # not 金链 -> 金鍊 across 资金|链
    ("结构复杂的制造业", "結構複雜的製造業"),                  # phrases inside words still decide
])
def test_opencc_phrases_are_held_to_word_boundaries(simplified, traditional):
    assert to_traditional(simplified, "hans")[0] == traditional


@pytest.mark.parametrize(("written", "standard"), [
    ("盡管如此", "儘管如此"),
    ("結構復雜", "結構複雜"),
    ("避免重復建設", "避免重複建設"),
    ("復合型人才", "複合型人才"),
    ("云算力平台", "雲算力平台"),
])
def test_a_traditional_writers_other_form_of_a_merged_character_is_corrected(written, standard):
    text, notes = normalise_traditional(written)
    assert text == standard
    assert [(note.char, note.chosen) for note in notes] == [
        (a, b) for a, b in zip(written, standard, strict=True) if a != b]  # each correction is reported


def test_a_traditional_writers_own_forms_are_kept():
    for kept in ("人云亦云", "恢復經濟", "民族復興", "分配制度", "指明了方向"):
        assert normalise_traditional(kept) == (kept, [])


# Words of the seeds whose Traditional form does not come back to the same Simplified word, each
# for a reason that is not a conversion error.
ROUND_TRIP_EXPLAINED = {
    "复盘": "覆盤 is the standard Traditional form, and 覆 is written the same in Simplified",
    "附着": "附著 is the Taiwan form; read back, 著 there is zhuó and stays 著",
}


def test_the_seeds_come_back_from_traditional_unchanged_but_for_explained_words():
    from site_gen.script import _TW2S, simplified_to_traditional
    from site_gen.structure.text import jieba_module

    changed = set()
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        simplified = to_simplified(text, detect_script(text))
        back = _TW2S.convert(simplified_to_traditional(simplified)[0])
        offset = 0
        for word in jieba_module().cut(simplified, HMM=False):
            if back[offset:offset + len(word)] != word:
                changed.add(word)
            offset += len(word)
    assert changed - set(ROUND_TRIP_EXPLAINED) == set()


def test_taiwan_words_take_their_mainland_form_in_the_simplified_edition_only():
    editions = make_editions(essay_of("晶片產業\n\n透過EDA軟體設計晶片，軟體動物不在此列。", "taiwan.txt", "hant"))
    assert editions["hans"].blocks[0].text == "通过EDA软件设计芯片，软体动物不在此列。"  # 软体动物 is a word of its own
    assert editions["hans"].title == "芯片产业"
    assert editions["hant"].blocks[0].text == "透過EDA軟體設計晶片，軟體動物不在此列。"  # the writer's words
    reported = {(change.text, change.result) for change in editions["hans"].changes if change.rule == "mainland_vocabulary"}
    assert reported == {("透过", "通过"), ("软体", "软件"), ("晶片", "芯片")}


def test_words_mainland_writing_uses_too_are_kept():
    from site_gen.script import mainland_words

    assert mainland_words("社群媒体的进阶功能")[0] == "社群媒体的进阶功能"

"""Cleaning rules take time in proportion to their input, whatever the input is.

A regular expression that tries a long run from each of its characters takes time as the
square of the run: a scraped line of 100,000 characters without punctuation, a run of digits or
of spaces, then costs minutes instead of milliseconds. Each case below is sized so that the
quadratic form takes over a minute on a development machine and the linear one a few
milliseconds; the limit is far above the second, so the tests say "not quadratic", not "fast".
"""

from __future__ import annotations

import time

import pytest

from site_gen.clean.slips import _MARK_BESIDE_CJK, _protect, widen_punctuation

LIMIT = 5.0  # seconds; the linear forms take well under a tenth of that
RUN = 100_000


def _seconds(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


@pytest.mark.parametrize("line", [
    pytest.param("人工智能" * (RUN // 4), id="Han-characters-without-punctuation"),
    pytest.param("ab" * (RUN // 2), id="Latin-letters-without-an-at-sign"),
    pytest.param("1" * RUN + "x", id="digits-without-a-separator"),
    pytest.param("1." * (RUN // 2), id="digits-and-dots"),
])
def test_protecting_addresses_and_numbers_is_linear(line):
    assert _seconds(lambda: _protect(line)) < LIMIT


@pytest.mark.parametrize("line", [
    pytest.param(" " * RUN + "a", id="spaces-before-a-letter"),
    pytest.param("中" + " " * RUN + "a", id="spaces-after-a-Han-character"),
    pytest.param(", " * (RUN // 2), id="commas-and-spaces"),
])
def test_widening_punctuation_is_linear(line):
    assert _seconds(lambda: widen_punctuation(line)) < LIMIT
    assert _seconds(lambda: _MARK_BESIDE_CJK.findall(line)) < LIMIT


def test_what_is_protected_is_unchanged_by_the_linear_forms():
    text, kept = _protect("联系邮箱abc.d@example.com，版本3.10.2，时间09:30，网址https://example.org/a")
    assert kept == ["abc.d@example.com", "3.10.2", "09:30", "https://example.org/a"]
    assert widen_punctuation("中国 , 美国,日本 ,韩国") == "中国，美国，日本，韩国"
    assert widen_punctuation("发展 , , 中") == "发展，，中"


def test_placing_restored_words_notes_is_linear_in_blocks_and_changes():
    # A seed of many lost words restored by errata: thousands of blocks and of restorations.
    from site_gen.model import Change, Essay, Paragraph
    from site_gen.render import restorations

    count = 20_000
    blocks = tuple(Paragraph(f"第{n}段", (n,), f"p{n}") for n in range(1, count + 1))
    changes = tuple(Change("errata", "restored", (n,), "&&", "出台", why=f"note {n}") for n in range(1, count + 1))
    essay = Essay(source_name="a.txt", index=1, title="题", blocks=blocks, changes=changes)
    found: list[list[str]] = []
    assert _seconds(lambda: found.extend(map(restorations(essay), blocks))) < LIMIT
    assert found[0] == ["note 1"] and found[-1] == [f"note {count}"]
    assert all(len(notes) == 1 for notes in found)


@pytest.mark.parametrize("line", [
    pytest.param("<a " * (RUN // 2), id="unclosed-tags"),
    pytest.param("<" * RUN, id="angle-brackets"),
    pytest.param("<b>" + "粗<" * (RUN // 2), id="text-between-unclosed-brackets"),
])
def test_stripping_markup_from_a_line_is_not_quadratic(line):
    from site_gen.clean.markup import html_to_text

    assert _seconds(lambda: html_to_text(line)) < LIMIT


def test_a_bracket_no_tag_closes_reads_as_before():
    from site_gen.clean.markup import html_to_text

    assert html_to_text("价格<100元<200元") == ("价格<100元<200元", None)
    assert html_to_text("a < b <i>x</i> &amp; <b>粗</b>") == ("a < b x & 粗", None)
    assert html_to_text('文<img src=x onerror=alert(1)') == ("文", None)  # an unclosed tag is still no text


@pytest.mark.parametrize("text", [
    pytest.param("a" * RUN, id="one-run-of-letters"),
    pytest.param("ab'" * (RUN // 3), id="letters-and-apostrophes"),
    pytest.param("ab " * (RUN // 3) + "中", id="words-and-spaces"),
])
def test_marking_english_phrases_is_linear(text):
    # The page marks English phrases for screen readers; a scraped run of letters reached it
    # from a seed (1 MB of one letter never finished building).
    from site_gen.render import mark_english

    assert _seconds(lambda: mark_english(text)) < LIMIT


def test_english_phrases_are_marked_as_before():
    from site_gen.render import mark_english

    assert mark_english("推动AI for Investment与Know-How，GDP增长") == (
        '推动<span lang="en">AI for Investment</span>与<span lang="en">Know-How</span>，GDP增长')
    assert mark_english("it’s fine") == '<span lang="en">it’s fine</span>'


def test_finding_opencc_phrases_in_a_run_without_separators_is_linear():
    # A line without punctuation is one run for OpenCC: the phrases are matched across all of it.
    from site_gen.script import TABLES, _piece_phrases

    phrases = sorted(key for key in TABLES.phrases if len(key) > 1)[::50]
    run = "".join(phrases)
    run = (run * (RUN // len(run) + 1))[:RUN]
    assert _seconds(lambda: _piece_phrases(run)) < LIMIT


def test_reading_wei_in_a_line_without_commas_is_linear():
    # Each lone 为 looks at the clause around it; with no comma in 100,000 characters the clause
    # would be the whole line, read again for every 为 (a quadratic 2 s here, minutes at 1 MB).
    from site_gen.pinyin import _clause_around, read_wei

    line = "企业为发展提供服务" * (RUN // 9)
    places = [at for at, char in enumerate(line) if char == "为"]
    assert _seconds(lambda: [read_wei(line, at, "企业", "发展") for at in places]) < LIMIT / 5
    before, after = _clause_around(line, places[len(places) // 2])
    assert before.endswith("企业") and after.startswith("发展") and len(before) <= 100 >= len(after)
    # A real clause is read whole, as before
    assert _clause_around("他说，以人民为中心，是根本。", 6) == ("以人民", "中心")


def test_reading_zhong_in_a_line_without_stops_is_linear():
    # Each lone 重 looks for a 轻 answering it in its sentence: the rest of the line was copied for
    # every 重 (0.4 s for a few hundred in a 1 MB seed of long paragraphs; quadratic).
    from site_gen.pinyin import read_zhong

    line = "重规模扩张轻质量提升" * (RUN // 10)
    places = [at for at, char in enumerate(line) if char == "重"]
    assert _seconds(lambda: [read_zhong(line, at, "", "规模") for at in places]) < LIMIT / 5
    assert read_zhong("重规模扩张、轻质量提升。", 0, "", "规模") == "zhòng"
    assert read_zhong("重规模扩张。轻质量提升。", 0, "", "规模") is None  # another sentence's 轻


@pytest.mark.parametrize("text", [
    pytest.param("人工智能" * (RUN // 4) + "、", id="a-Han-run-then-a-list-mark"),
    pytest.param("人、" * (RUN // 2), id="list-marks-between-single-characters"),
])
def test_finding_names_in_lists_is_linear(text):
    from site_gen.names import listed_names

    assert _seconds(lambda: listed_names(text, lambda c: c == "李", lambda w: False, lambda t: [])) < LIMIT

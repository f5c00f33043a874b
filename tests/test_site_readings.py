"""What a reader of the built pages sees: readings, term marks and the terms' two-way links."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

from opencc import OpenCC

from polyphone_pages import page_words
from site_gen.model import EDITIONS

POLYPHONES = Path(__file__).parent / "data" / "polyphones.tsv"
TERM = re.compile(r'data-term="([^"]+)"')
TO_SIMPLIFIED = OpenCC("t2s")


def _essay_pages(site: Path, edition: str) -> list[Path]:
    essays = json.loads((site / "essays.json").read_text(encoding="utf-8"))
    return [site / edition / f"{essay['slug']}.html" for essay in essays]


def test_pinyin_on_the_pages_matches_the_hand_checked_polyphones(built_site):
    checked = dict(line.split("\t") for line in POLYPHONES.read_text(encoding="utf-8").splitlines() if line)
    seen: Counter = Counter()
    wrong = []
    for edition in EDITIONS:
        for page in _essay_pages(built_site, edition):
            for key, word, reading in page_words(page.read_text(encoding="utf-8")):
                simplified = html.unescape(key) or TO_SIMPLIFIED.convert(html.unescape(word))
                if simplified in checked:
                    seen[simplified] += 1
                    if html.unescape(reading) != checked[simplified]:
                        wrong.append((page.name, word, reading, checked[simplified]))
    assert not wrong, wrong[:10]
    # Most listed words stand on the pages as words of their own, in both editions.
    assert len(seen) >= 0.6 * len(checked), sorted(set(checked) - set(seen))


def test_the_essays_carry_hundreds_of_term_marks_in_both_editions(built_site):
    for edition in EDITIONS:
        marks = sum(len(TERM.findall(page.read_text(encoding="utf-8"))) for page in _essay_pages(built_site, edition))
        assert marks >= 300, (edition, marks)


def test_term_pages_and_essay_pages_link_both_ways(built_site):
    glossary = json.loads((built_site / "glossary.json").read_text(encoding="utf-8"))
    terms = glossary["terms"] if isinstance(glossary, dict) else glossary
    assert len(terms) >= 60
    checked = 0
    for edition in EDITIONS:
        for page in _essay_pages(built_site, edition):
            text = page.read_text(encoding="utf-8")
            for target in sorted(set(re.findall(r'href="(terms/[^"#]+\.html)"', text)))[:5]:
                term_page = (page.parent / target).read_text(encoding="utf-8")
                assert f"../{page.name}#" in term_page, (page.name, target)
                checked += 1
    assert checked >= 20


def test_the_traditional_pages_carry_no_wrong_forms(built_site):
    # Forms the Traditional sources wrote (盡管, 復雜, 重復, 復合, 云算力) and OpenCC's phrases
    # across word boundaries wrote (分配製度, 更加註重, 指明瞭) before the script stage held them.
    wrong = ("盡管", "復雜", "重復", "復合", "云算力", "製度", "註重", "指明瞭", "資金鍊")
    articles = ""
    for page in _essay_pages(built_site, "hant"):
        text = page.read_text(encoding="utf-8")
        article = re.sub(r"<rt>[^<]*|<[^>]+>", "", text[text.index("<article"):text.index("</article>")])
        assert [form for form in wrong if form in article] == [], page.name
        articles += article
    assert all(form in articles for form in ("儘管", "複雜", "重複", "複合", "雲算力", "分配制度"))

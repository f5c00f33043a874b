"""The trailing-spam rule compares a suspect line with the article's words: cut once, and only when needed."""

from __future__ import annotations

import re
from pathlib import Path

import jieba
import pytest
from opencc import OpenCC

from conftest import seed_path
from site_gen.clean import clean, spam
from site_gen.model import SeedMeta, Source

HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def words_of_whole_text(text: str) -> set[str]:
    """The article's words as the rule once cut them: the whole text at once."""
    simplified = OpenCC("t2s").convert(text)
    return {word for run in HAN_RUN.findall(simplified) for word in jieba.lcut(run) if len(word) >= 2}


@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_a_text_s_words_are_its_lines_words(prefix):
    text = seed_path(prefix).read_text(encoding="utf-8")
    assert spam._words(text) == words_of_whole_text(text)


@pytest.fixture
def cuts(monkeypatch) -> list[str]:
    """The texts jieba is asked to cut for the rule, with the rule's cache of lines emptied."""
    spam._line_words.cache_clear()
    calls: list[str] = []
    lcut = jieba.lcut

    def counting(text, *args, **kwargs):
        calls.append(text)
        return lcut(text, *args, **kwargs)

    monkeypatch.setattr(jieba, "lcut", counting)
    return calls


def cleaned(text: str):
    source = Source(path=Path("scrape.txt"), name="scrape.txt", text=text, sha256="", meta=SeedMeta(path=None))
    return clean(source)


def test_spam_behind_spam_goes_and_the_article_is_cut_once(cuts):
    article = "制度賦能人工智能，推動產業向新質生產力加速躍遷。\n（作者系北京社科院研究員）"
    result = cleaned(article + "\n点击领取新人红包立即到账\n男女啪啪激烈高潮喷出网站")
    assert [line.text for line in result.lines][-1] == "（作者系北京社科院研究員）"
    article_runs = set(HAN_RUN.findall(OpenCC("t2s").convert(article)))
    assert sorted(run for run in cuts if run in article_runs) == sorted(article_runs)  # each once


def test_a_line_that_cannot_be_spam_is_not_compared_with_the_article(cuts):
    text = "人工智能是引领科技革命的战略性技术。\n推动人工智能产业迈向更高水平。"
    assert [line.text for line in cleaned(text).lines][-1] == "推动人工智能产业迈向更高水平。"
    assert cuts == []  # a sentence in the article's script, with no link or spam word: one signal at most

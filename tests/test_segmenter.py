"""The essays' words are cut by jieba-rs (annotate.Segmenter) for speed; they must be the very
words jieba's own Python code cuts with the same dictionary and the same added words."""

from __future__ import annotations

import sys
from pathlib import Path

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_gen.annotate import CHECKED_WORD_FREQUENCY, TERM_WORD_FREQUENCY, make_segmenter
from site_gen.build import seed_editions

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
from bench.corpus import make_essay  # noqa: E402

TERMS = {"新质生产力", "人工智能+", "千行百业", "行业大模型", "东数西算", "高质量发展"}
CHECKED = {"调优", "为人民", "更好", "重塑", "转化为"}


def jieba_oracle(words: set[str], checked: set[str]) -> jieba.Tokenizer:
    """The segmenter as jieba's Python code makes it: the stock dictionary, the checked words at a
    common word's frequency, the terms far above any word."""
    stock = jieba.dt
    stock.check_initialized()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = dict(stock.FREQ), stock.total
    tokenizer.initialized = True
    for word in sorted(checked - words):
        tokenizer.add_word(word, freq=max(tokenizer.FREQ.get(word, 0), CHECKED_WORD_FREQUENCY))
    for word in sorted(words):
        tokenizer.add_word(word, freq=TERM_WORD_FREQUENCY)
    return tokenizer


@pytest.fixture(scope="module")
def pair():
    return make_segmenter(TERMS, CHECKED), jieba_oracle(TERMS, CHECKED)


@pytest.fixture(scope="module")
def texts():
    found = []
    for path in sorted((PROJECT / "seeds").glob("*.txt")):
        for _, editions in seed_editions(path, ()):
            found += [editions["hans"].title, *(block.text for block in editions["hans"].all_blocks())]
    for number in range(1, 13):  # the benchmark corpus: the seeds' paragraphs recombined, with their noise
        found += make_essay(number, han=2500).seed_text().splitlines()
    return [text for text in found if text.strip()]


def test_the_seeds_and_a_corpus_are_cut_as_jieba_cuts_them(pair, texts):
    fast, oracle = pair
    assert sum(map(len, texts)) > 50_000
    for text in texts:
        assert fast.cut(text, HMM=False) == list(oracle.cut(text, HMM=False)), text


def test_terms_and_checked_words_are_cut_whole():
    fast = make_segmenter(TERMS, CHECKED)
    assert "新质生产力" in fast.cut("加快发展新质生产力。")
    assert "调优" in fast.cut("模型调优需要数据。")
    assert fast.cut("成为人民群众的")[:1] == ["成为"]  # a checked word yields to a better cut


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="新质生产力人工智能加快发展为人民更好调优，。AI+ 12的了行业大模型数据", max_size=60))
def test_any_text_of_the_seeds_characters_is_cut_alike(pair, text):
    fast, oracle = pair
    assert fast.cut(text, HMM=False) == list(oracle.cut(text, HMM=False))

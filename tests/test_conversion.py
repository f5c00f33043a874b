"""The shared OpenCC converters: OpenCC's results exactly, one converter per direction, each text converted once."""

from __future__ import annotations

import random

import pytest
from opencc import OpenCC

from conftest import seed_path
from site_gen.conversion import Converter, converter

NAMES = ("t2s", "tw2s", "s2tw", "s2t")
SAMPLES = (
    "",
    " ",
    "\n\n",
    "，",
    "头发。",
    "  人工智能赋能新质生产力 ",
    "制度賦能“人工智能+”，推動產業向新質生產力加速躍遷",
    "他著名的研究顯著地附著於某類設備，台灣的周二",
    "开发布局、发展、后来的皇后、干部和干净，一批复合型人才",
    "AI for Investment (GPT-4.5) 3.2GHz https://example.org/a?b=1",
)


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    return [seed_path(prefix).read_text(encoding="utf-8") for prefix in ("000", "002", "003")]


@pytest.mark.parametrize("name", NAMES)
def test_the_shared_converter_gives_opencc_s_own_results(name, seed_texts):
    fresh, shared = OpenCC(name), converter(name)
    rng = random.Random(name)
    texts = list(SAMPLES) + seed_texts
    for text in seed_texts:  # pieces cut anywhere, so a cached piece meets every neighbour
        for _ in range(200):
            start = rng.randrange(len(text))
            texts.append(text[start : start + rng.randrange(1, 80)])
    for text in texts + texts:  # the second time from the caches
        assert shared.convert(text) == fresh.convert(text), text


@pytest.mark.parametrize("name", NAMES)
def test_pieces_made_of_the_dictionaries_own_keys_convert_as_opencc_converts_them(name):
    """Overlapping phrases, a key inside a longer one, a key cut in half: where the order of matching decides."""
    fresh, shared = OpenCC(name), Converter(name)
    tables = [table for group in fresh._dict_chain_data for _, _, table in group]
    keys = sorted(key for table in tables for key in table)
    values = sorted(value.split(" ")[0] for table in tables for value in table.values())
    rng = random.Random(f"keys {name}")
    for _ in range(3000):
        parts = []
        for _ in range(rng.randrange(1, 8)):
            part = rng.choice(keys) if rng.random() < 0.6 else rng.choice(values)
            if rng.random() < 0.3:
                part = part[rng.randrange(len(part)) :]
            if rng.random() < 0.2:
                part += rng.choice("的了人中国发展头发干后")
            parts.append(part)
        piece = "".join(fresh.split_chars_re.split("".join(parts))[::2])
        assert shared.convert(piece) == fresh.convert(piece), piece


def test_one_converter_per_direction_shared_by_every_stage():
    from site_gen import script
    from site_gen.clean import spam
    from site_gen.glossary import TO_SIMPLIFIED, TO_TRADITIONAL
    from site_gen.render import labels
    from site_gen.structure import bylines

    assert converter("t2s") is converter("t2s") is script._T2S is TO_SIMPLIFIED is spam._converter("t2s")
    assert converter("s2tw") is script._S2T is TO_TRADITIONAL is labels._simplified_to_traditional()
    assert bylines._to_simplified() == converter("t2s").convert


def test_a_text_and_its_pieces_are_converted_once(monkeypatch):
    from site_gen import conversion

    calls: list[str] = []
    convert_piece = conversion.convert_piece

    def counting(piece, chain):
        calls.append(piece)
        return convert_piece(piece, chain)

    monkeypatch.setattr(conversion, "convert_piece", counting)
    fresh = Converter("s2tw")
    assert fresh.convert("发展，头发。发展") == "發展，頭髮。發展"
    assert calls == ["发展", "头发"]  # the second 发展 is the first one's piece
    assert fresh.convert("发展，头发。发展") == "發展，頭髮。發展"
    assert fresh.convert("头发，发展") == "頭髮，發展"
    assert calls == ["发展", "头发"]


def test_a_text_converted_once_is_not_remembered():
    fresh = Converter("t2s")
    text = "".join(chr(code) for code in range(0x4E00, 0x4F00))
    assert fresh.convert_once(text) == OpenCC("t2s").convert(text)
    assert fresh.cache_info()["texts"].currsize == fresh.cache_info()["pieces"].currsize == 0

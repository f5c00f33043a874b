"""The JSON form of a cache entry's value: every model value comes back as it was written, and
anything ``encode`` does not write is refused as BadEntry (so the entry is rebuilt), never made
into objects of the wrong shape that would fail later, halfway through the pages.

The sample holds an object of every class an entry may name, so each Field the reader compiles
is met; the rejections below spoil one spot of its JSON each.
"""

from __future__ import annotations

import copy
import json
from dataclasses import replace

import pytest

from site_gen import cache as cache_module
from site_gen.build import SeedOutput
from site_gen.cache import BadEntry, decode_json, encode
from site_gen.model import (AnnotatedEssay, Aside, Change, Essay, Heading, Paragraph, Quote, TermMatch, TermUse,
                            Token)


def _sample() -> SeedOutput:
    token = Token("人工智能", "word", "réngōngzhìnéng", "人工智能")
    term = TermMatch("赋能", (Token("赋能", "word", "fùnéng", "赋能"), Token("。", "punct")))
    change = Change("strip_html_debris", "removed", (3, 4), "<br>", "", "markup left in the text")
    blocks = (Heading("一、总论", (5,), "h1", level=2), Paragraph("人工智能是新一轮科技革命。", (6,), "p1"),
              Quote("要发展", (7,), "q1", attribution="——某人"),
              Aside("观点速递", (8, 9), "a1", title="观点", children=(Paragraph("子段", (9,), "a1p1"),)))
    hans = Essay("a.txt", 1, "人工智能赋能", ("董志勇",), "2025-01-13", blocks, lines=(1, 9), changes=(change,))
    hant = replace(hans, title="人工智能賦能", script="hans")
    use = TermUse("赋能", 1, (("p1", "人工智能是新一轮科技革命。", (0, 2)),), more=0)
    inlines = {"p1": (token, term), "h1": (token,)}
    editions = {"hans": AnnotatedEssay(hans, "hans", inlines, (token, term), (use,)),
                "hant": AnnotatedEssay(hant, "hant", inlines, (token,), ())}
    return SeedOutput((hans,), (editions,))


def _decoded(data, parts=()):
    return decode_json(json.dumps(data, ensure_ascii=False), cache_module._model_classes(), parts)


def test_every_model_value_round_trips():
    sample = _sample()
    assert _decoded(encode(sample)) == sample


def test_an_essay_written_twice_is_stored_once_and_read_as_one_object():
    sample = _sample()
    table, _ = encode(sample)
    assert len(table) == 2  # the Simplified essay (as itself and as its edition) and the Traditional one
    decoded = _decoded([table, _])
    assert decoded.essays[0] is decoded.editions[0]["hans"].essay
    assert decoded.editions[0]["hant"].essay == sample.editions[0]["hant"].essay


def test_an_entry_with_detached_text_round_trips_through_the_cache(tmp_path):
    sample = _sample()
    store = cache_module.StageCache(tmp_path / "cache")
    store.put("k", "a.txt", sample)
    again = store.get("k", "a.txt")
    assert isinstance(again.editions[0]["hans"].inlines, cache_module.CachedPart)
    assert again == sample


# Where things are in the sample's JSON: [table, value]; the table holds the two essays, each an
# array of Essay's 17 fields; the value is ["SeedOutput", essays, editions].
def _essay(data):
    return data[0][0]


def _block(data, at):
    return _essay(data)[5][at]


def _edition(data, name="hans"):
    return data[1][2][0][name]


SPOILT = {
    # wrong JSON types
    "a string in a tuple of ints": lambda d: _block(d, 1)[2].__setitem__(0, "6"),
    "a string in a pair of ints": lambda d: _essay(d)[13].__setitem__(1, "9"),
    "a number in a tuple of strings": lambda d: _essay(d)[3].__setitem__(0, 42),
    "a string for a tuple of strings": lambda d: _essay(d).__setitem__(3, "董志勇"),
    "null for a tuple": lambda d: _essay(d).__setitem__(3, None),
    "a bool for an int": lambda d: _edition(d)[4][0].__setitem__(1, True),
    "a float for an int": lambda d: _edition(d)[4][0].__setitem__(1, 1.0),
    "a string in a sentence's offsets": lambda d: _edition(d)[4][0][2][0][2].__setitem__(1, "2"),
    "an object for a string": lambda d: _essay(d).__setitem__(2, ["Paragraph", "x", [1], "p"]),
    "a mapping for a tuple of blocks": lambda d: _essay(d).__setitem__(5, {}),
    "an array for the editions' mapping": lambda d: d[1][2].__setitem__(0, []),
    "a string for an edition": lambda d: d[1][2][0].__setitem__("hans", "essay"),
    # wrong lengths
    "a pair of three": lambda d: _essay(d)[13].append(10),
    "a paragraph without its anchor": lambda d: _block(d, 1).pop(),
    "a change with a field too many": lambda d: _essay(d)[14][0].append("x"),
    "a sentence of two": lambda d: _edition(d)[4][0][2][0].pop(),
    "an object without its class": lambda d: _essay(d)[5].__setitem__(1, []),
    # classes
    "an unknown class": lambda d: _block(d, 1).__setitem__(0, "Path"),
    "a class name that is not a string": lambda d: _block(d, 1).__setitem__(0, 1),
    "a token where a block is due": lambda d: _essay(d)[5].__setitem__(1, ["Token", "人", "word", "", ""]),
    "a token among an aside's blocks": lambda d: _block(d, 3).__setitem__(5, [["Token", "人", "word", "", ""]]),
    # Literals
    "a token kind there is not": lambda d: _edition(d)[3][0].__setitem__(2, "verb"),
    "a script there is not": lambda d: _essay(d).__setitem__(16, "latin"),
    "a change action there is not": lambda d: _essay(d)[14][0].__setitem__(1, "deleted"),
    "an edition there is not": lambda d: d[1][2][0].__setitem__("hanz", d[1][2][0].pop("hant")),
    # references
    "an essay the table does not hold": lambda d: _edition(d).__setitem__(0, 2),
    "an essay at a negative index": lambda d: _edition(d).__setitem__(0, -1),
    "a reference inside the table": lambda d: d[0].__setitem__(1, 0),
    "a part the entry does not hold": lambda d: _edition(d).__setitem__(2, 0),
    # the line as a whole
    "the value alone": lambda d: d.__setitem__(slice(None), d[1]),
    "the table alone": lambda d: d.pop(),
    "a third item": lambda d: d.append([]),
    "a table that is not an array": lambda d: d.__setitem__(0, {}),
    "a value that is not a named object": lambda d: d.__setitem__(1, [1, 2]),
    "a value that is a string": lambda d: d.__setitem__(1, "SeedOutput"),
}


@pytest.mark.parametrize("spoil", SPOILT.values(), ids=SPOILT.keys())
def test_anything_encode_does_not_write_is_refused(spoil):
    data = encode(_sample())
    spoilt = copy.deepcopy(data)
    spoil(spoilt)
    assert json.dumps(spoilt) != json.dumps(data)  # (the spoiling found its spot; True == 1 in Python)
    with pytest.raises(BadEntry):
        _decoded(spoilt)


@pytest.mark.parametrize("text", ["42", "null", '"x"', "{}", "[]", '{"_": "SeedOutput", "f": [[], []]}'])
def test_a_line_that_is_not_a_table_and_a_value_is_refused(text):
    with pytest.raises(BadEntry):
        decode_json(text, cache_module._model_classes())

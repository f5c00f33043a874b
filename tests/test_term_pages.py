"""A term page stays readable and small however many essays use the term."""

from __future__ import annotations

from site_gen.model import Essay, Token
from site_gen.render.terms import ESSAYS_QUOTED, SENTENCES_PER_ESSAY, Occurrence, grouped


def _hits(essays: int, per_essay: int) -> list[Occurrence]:
    found = []
    for n in range(essays):
        essay = Essay(source_name=f"{n:04}.txt", index=1, title=f"第{n}篇", slug=f"essay-{n}")
        found += [Occurrence(essay, f"p{k + 1}", (Token("新质生产力"),)) for k in range(per_essay)]
    return found


def test_each_essay_is_quoted_a_few_times_and_links_to_the_rest():
    quoted, further = grouped(_hits(essays=2, per_essay=SENTENCES_PER_ESSAY + 4))
    assert [len(group.shown) for group in quoted] == [SENTENCES_PER_ESSAY] * 2
    assert [(group.more, group.next_anchor) for group in quoted] == [(4, f"p{SENTENCES_PER_ESSAY + 1}")] * 2
    assert further == []


def test_essays_beyond_the_quoted_ones_are_listed_with_their_counts():
    quoted, further = grouped(_hits(essays=ESSAYS_QUOTED + 25, per_essay=2))
    assert len(quoted) == ESSAYS_QUOTED and all(group.more == 0 for group in quoted)
    assert [essay.slug for essay, _ in further] == [f"essay-{n}" for n in range(ESSAYS_QUOTED, ESSAYS_QUOTED + 25)]
    assert {count for _, count in further} == {2}


def test_the_quoted_sentences_do_not_grow_with_the_corpus():
    small = sum(len(g.shown) for g in grouped(_hits(essays=ESSAYS_QUOTED, per_essay=9))[0])
    large = sum(len(g.shown) for g in grouped(_hits(essays=ESSAYS_QUOTED * 20, per_essay=9))[0])
    assert small == large == ESSAYS_QUOTED * SENTENCES_PER_ESSAY

"""A term page stays readable and small however many essays use the term."""

from __future__ import annotations

from site_gen.model import GAP, Essay, Paragraph, TermMatch, Token, term_uses
from site_gen.render.terms import ESSAYS_QUOTED, SENTENCES_PER_ESSAY, EssayHits, Occurrence, grouped

TERM = "新质生产力"


def _sentence() -> tuple:
    return (TermMatch(TERM, (Token(TERM),)), Token("发展", "word"), Token("。", "punct"))


def _hits(essays: int, per_essay: int) -> list[EssayHits]:
    """The term's hits in ``essays`` essays of ``per_essay`` one-sentence paragraphs each, as the build
    derives them from the annotated text (model.term_uses)."""
    found = []
    for n in range(essays):
        essay = Essay(source_name=f"{n:04}.txt", index=1, title=f"第{n}篇", slug=f"essay-{n}")
        blocks = [Paragraph("", (k + 1,), f"p{k + 1}") for k in range(per_essay)]
        (use,) = term_uses(blocks, {block.anchor: _sentence() for block in blocks})
        shown = tuple(Occurrence(essay, *sentence) for sentence in use.sentences)
        found.append(EssayHits(essay, shown, use.more, use.next_anchor))
    return found


def test_an_essay_keeps_the_count_and_first_sentences_of_each_term():
    blocks = [Paragraph("", (k + 1,), f"p{k + 1}") for k in range(5)]
    inlines = {block.anchor: _sentence() * 2 for block in blocks}  # two sentences a paragraph
    (use,) = term_uses(blocks, inlines)
    assert use.count == 10
    assert [anchor for anchor, _, _ in use.sentences] == ["p1", "p1", "p2"][:SENTENCES_PER_ESSAY]
    assert use.sentences[0][1:] == (f"{TERM}发展。", (0, len(TERM)))
    assert (use.more, use.next_anchor) == (10 - SENTENCES_PER_ESSAY, "p2")


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


def test_a_quoted_sentence_marks_the_term_and_shows_lost_words():
    hit = Occurrence(Essay(source_name="a.txt", index=1, title="题"), "p1", f"发展{GAP}<新质生产力>。", (4, 9))
    assert str(hit.html) == ('发展<span class="gap" role="img" aria-label="…"></span>&lt;'
                             '<mark>新质生产力</mark>&gt;。')


def test_further_essays_go_on_pages_of_their_own_linked_in_a_chain(tmp_path, monkeypatch):
    # However many essays use a term, no page lists more than FURTHER_PER_PAGE of them.
    from bs4 import BeautifulSoup

    from site_factory import make_site
    from site_gen.publish import publish
    from site_gen.render import terms
    from site_gen.writer import Writer

    monkeypatch.setattr(terms, "ESSAYS_QUOTED", 0)  # every essay using the term is a further one
    monkeypatch.setattr(terms, "FURTHER_PER_PAGE", 1)
    site = make_site()
    publish(site, Writer(tmp_path))
    first = tmp_path / "hans" / "terms" / "xinzhi-shengchanli.html"
    chain, page, listed = [first], BeautifulSoup(first.read_text(encoding="utf-8"), "html.parser"), []
    while True:
        listed += [a.get_text() for a in page.select(".further-essays li a")]
        assert len(page.select(".further-essays li")) <= 1
        following = page.select_one(".further-pages a[rel=next]")
        if following is None:
            break
        chain.append((chain[-1].parent / following["href"]).resolve())
        page = BeautifulSoup(chain[-1].read_text(encoding="utf-8"), "html.parser")
        back = page.select_one(".further-pages a[rel=prev]")["href"]
        assert (chain[-1].parent / back).resolve() == chain[-2].resolve()
    titles = {e.slug: site.editions[(e.slug, "hans")].essay.title for e in site.essays}
    using = [slug for slug in titles if TERM in "".join(
        t.term for ts in site.editions[(slug, "hans")].inlines.values() for t in ts if isinstance(t, TermMatch))]
    assert len(chain) == len(using) >= 2  # a page for each
    assert sorted(listed) == sorted(titles[slug] for slug in using)
    assert "data-pagefind-body" not in chain[-1].read_text(encoding="utf-8")  # lists of titles are not indexed

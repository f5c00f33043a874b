"""The glossary in each script: the index page, one page per term, and where each term occurs.

Occurrences are counted and quoted from the annotated text itself (the TermMatches the
annotator found), so the glossary, the essays' key terms and the counts always agree.
"""

from __future__ import annotations

import heapq
import unicodedata
from collections import Counter
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup, escape

from ..model import EDITIONS, GAP, TERM_SENTENCES_KEPT, AnnotatedEssay, EditionName, Essay, Site, plain_text
from ..translations import TRANSLATED, EssayEnglish, english_of, english_sentence
from ..pinyin import split_syllables, syllable_order
from . import search_shards, urls
from .labels import category_label, in_script
from .reuse import PageReuse, Reused

# A term page quotes at most this many sentences from each essay and this many essays in full;
# beyond that it lists the further essays by title, this many to a page, each page linking to
# the next, so no page grows with the corpus.
SENTENCES_PER_ESSAY = TERM_SENTENCES_KEPT
ESSAYS_QUOTED = 40
FURTHER_PER_PAGE = 200


@dataclass(frozen=True)
class Occurrence:
    """One sentence of an essay (in one edition) that holds a term."""

    essay: Essay
    anchor: str
    text: str
    marks: tuple[int, ...]  # the term's start and end offsets in ``text``, pair after pair
    english: str = ""  # the sentence's English, where the essay has a translation of its paragraph

    @property
    def html(self) -> Markup:
        return sentence_html(self.text, self.marks)


@dataclass(frozen=True)
class EssayHits:
    """A term's sentences in one essay, as its page shows them: the first few, and where the rest begin."""

    essay: Essay
    shown: tuple[Occurrence, ...]
    more: int  # sentences not quoted
    next_anchor: str  # where the first of those stands

    @property
    def sentences(self) -> int:
        return len(self.shown) + self.more


def occurrences(site: Site, edition: EditionName) -> dict[str, list[EssayHits]]:
    """Each term's sentences, by essay in home-page order, from the essays' TermUses (model.py)."""
    found: dict[str, list[EssayHits]] = {}
    for essay in site.essays:
        annotated = site.editions[(essay.slug, edition)]
        in_english = _english_sentences(english_of(site).of(essay), annotated.essay)
        for use in annotated.term_uses:
            shown = tuple(Occurrence(annotated.essay, *sentence, english=in_english(*sentence[:2]))
                          for sentence in use.sentences)
            found.setdefault(use.term, []).append(EssayHits(annotated.essay, shown, use.more, use.next_anchor))
    return found


def _english_sentences(english: EssayEnglish | None, essay: Essay):
    """A function giving the English of a sentence of a block of ``essay`` ("" where there is none)."""
    if english is None:
        return lambda anchor, sentence: ""
    chinese = {block.anchor: plain_text(block.text) for block in essay.all_blocks()}

    def of(anchor: str, sentence: str) -> str:
        unit = english.get(anchor)
        if unit.state != TRANSLATED or anchor not in chinese:
            return ""
        return english_sentence(chinese[anchor], unit.text, sentence)
    return of


def grouped(hits: list[EssayHits]) -> tuple[list[EssayHits], list[tuple[Essay, int]]]:
    """A term's essays split into those quoted and the further ones, with their sentence counts."""
    quoted = hits[:ESSAYS_QUOTED]
    further = [(group.essay, group.sentences) for group in hits[ESSAYS_QUOTED:]]
    return quoted, further


def further_pages(further: list[tuple[Essay, int]]) -> list[list[tuple[Essay, int]]]:
    """The further essays in pages of FURTHER_PER_PAGE: the first on the term's page, the rest
    on pages of their own (``urls.term_more_page``); one empty page when there are none."""
    return [further[at:at + FURTHER_PER_PAGE] for at in range(0, len(further), FURTHER_PER_PAGE)] or [[]]


def term_counts(annotated: AnnotatedEssay) -> Counter:
    """How often each term occurs in one essay edition."""
    return Counter({use.term: use.count for use in annotated.term_uses})


def counts_by_essay(site: Site) -> dict[str, Counter]:
    """Occurrences of each term per essay slug (counted in the Simplified edition)."""
    return {essay.slug: term_counts(site.editions[(essay.slug, "hans")]) for essay in site.essays}


def related_essays(site: Site, limit: int = 5) -> dict[str, list[Essay]]:
    """For each essay, the others sharing its terms, most shared first (home order breaks ties).

    Each essay's terms are one integer, a bit per term, so the terms two essays share are
    counted with one ``&`` and a bit count: every pair is still compared, but a thousand
    essays' million pairs take a fraction of a second instead of seconds of set intersections.
    """
    counts = counts_by_essay(site)
    bit = {term: 1 << at for at, term in enumerate(sorted({t for c in counts.values() for t in c}))}
    masks = [sum(bit[term] for term in counts[essay.slug]) for essay in site.essays]
    related = {}
    for essay, mask in zip(site.essays, masks):
        shared = ((-(mask & other).bit_count(), at) for at, other in enumerate(masks) if mask & other)
        ranked = heapq.nsmallest(limit + 1, shared)  # the essay itself is among them (it shares all its terms)
        related[essay.slug] = [site.essays[at] for _, at in ranked if site.essays[at].slug != essay.slug][:limit]
    return related


def toneless(pinyin: str) -> str:
    """Pinyin without tone marks, for sorting and for filtering as a reader types ("xinzhi")."""
    decomposed = unicodedata.normalize("NFD", pinyin)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def pinyin_order(term) -> str:
    """The key that sorts terms by pinyin as a dictionary does: syllable by syllable, each by its
    letters and then its tone (chǎn, chǎnyè, cháng, chǎng), not letter by letter across syllables.
    A reading that does not split into the headword's syllables sorts by its letters alone."""
    syllables = split_syllables(term.headword, term.pinyin)
    if syllables is None:
        return toneless(term.pinyin)
    return " ".join(map(syllable_order, syllables))


def display(term, edition: EditionName) -> str:
    """The term's headword in the page's script."""
    return term.traditional if edition == "hant" and term.traditional else term.headword


def sentence_html(text: str, marks: tuple[int, ...]) -> Markup:
    """A sentence as plain text with the term's occurrences (``marks``: start, end, …) highlighted
    and each lost word shown as a gap mark (words are not glossed here)."""
    parts, at = [], 0
    for start, end in zip(marks[::2], marks[1::2]):
        parts += [_with_gaps(text[at:start]), Markup("<mark>{}</mark>").format(_with_gaps(text[start:end]))]
        at = end
    parts.append(_with_gaps(text[at:]))
    return Markup("").join(parts).strip()


_GAP_HTML = Markup('<span class="gap" role="img" aria-label="…"></span>')


def _with_gaps(text: str) -> Markup:
    return _GAP_HTML.join(escape(piece) for piece in text.split(GAP))


def term_description(term, edition: EditionName) -> str:
    """A term page's description for search results and share cards: the term, its reading and both explanations."""
    return (f"{display(term, edition)}（{term.pinyin}）：{in_script(term.explanation_zh, edition)} "
            f"· {term.english}: {term.explanation}")


def render_glossary_pages(site: Site, env: Environment, context_for) -> dict[str, str | Reused]:
    """The glossary index and every term page, in both scripts: {site path: html}, or the last
    build's page where nothing it is made of changed (reuse.py): a term page is made of the
    glossary (a site-wide input) and of the essays that use the term, in order."""
    reuse = site.reuse if site.reuse is not None else PageReuse()
    shards = tuple(search_shards(site))
    totals: Counter = Counter()
    for counts in counts_by_essay(site).values():
        totals.update(counts)
    orders = {term.headword: pinyin_order(term) for term in site.glossary.terms}
    terms = sorted(site.glossary.terms, key=lambda t: (orders[t.headword], t.headword))
    pages: dict[str, str] = {}
    for edition in EDITIONS:
        found = occurrences(site, edition)
        path = urls.glossary_page(edition)
        pages[path] = env.get_template("glossary.html").render(
            **context_for(path, edition),
            terms=terms,
            totals=totals,
            display=display,
            toneless=toneless,
            pinyin_orders=orders,
            category=category_label,
        )
        for term in terms:
            path = urls.term_page(term.slug, edition)
            hits = found.get(term.headword, [])
            used_in = tuple(reuse.essay_inputs(group.essay) for group in hits)
            groups, further = grouped(hits)
            listed = further_pages(further)
            own = [path] + [urls.term_more_page(term.slug, edition, n) for n in range(2, len(listed) + 1)]
            kept = {page: reuse.page(page, "term", edition, term.headword, used_in, shards) for page in own}
            if all(kept.values()):
                pages.update(kept)
                continue
            for number, chunk in enumerate(listed[1:], start=2):
                more = urls.term_more_page(term.slug, edition, number)
                pages[more] = env.get_template("term_more.html").render(
                    **context_for(more, edition), term=term, name=display(term, edition), further=chunk,
                    number=number, pages=len(listed), total_further=len(further),
                    earlier=urls.term_more_page(term.slug, edition, number - 1),
                    later=urls.term_more_page(term.slug, edition, number + 1) if number < len(listed) else "")
            pages[path] = env.get_template("term.html").render(
                **context_for(path, edition, description=term_description(term, edition)),
                term=term,
                name=display(term, edition),
                explanation_zh=in_script(term.explanation_zh, edition),
                category=category_label(term.category, edition),
                related_terms=[t for t in map(site.glossary.get, term.related) if t is not None],
                groups=groups,
                further=listed[0],
                total_further=len(further),
                later=urls.term_more_page(term.slug, edition, 2) if len(listed) > 1 else "",
                total=totals[term.headword],
                display=display,
            )
    return pages

"""The glossary in each script: the index page, one page per term, and where each term occurs.

Occurrences are counted and quoted from the annotated text itself (the TermMatches the
annotator found), so the glossary, the essays' key terms and the counts always agree.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup, escape

from ..model import EDITIONS, AnnotatedEssay, EditionName, Essay, Inline, Site, TermMatch
from . import urls
from .labels import category_label, in_script

SENTENCE_ENDS = "。！？!?"


@dataclass(frozen=True)
class Occurrence:
    """One sentence of an essay (in one edition) that holds a term."""

    essay: Essay
    anchor: str
    sentence: tuple[Inline, ...]


def split_sentences(inlines: tuple[Inline, ...]) -> list[tuple[Inline, ...]]:
    """A block's inlines cut into sentences after each 。！？ (closing quotes stay with their sentence)."""
    sentences: list[tuple[Inline, ...]] = []
    current: list[Inline] = []
    for item in inlines:
        current.append(item)
        if not isinstance(item, TermMatch) and item.kind == "punct" and any(c in SENTENCE_ENDS for c in item.text):
            sentences.append(tuple(current))
            current = []
    if current:
        sentences.append(tuple(current))
    return sentences


def occurrences(site: Site, edition: EditionName) -> dict[str, list[Occurrence]]:
    """Every sentence holding each term, in home-page and reading order."""
    found: dict[str, list[Occurrence]] = {}
    for essay in site.essays:
        annotated = site.editions[(essay.slug, edition)]
        for block in annotated.essay.all_blocks():
            for sentence in split_sentences(annotated.inlines.get(block.anchor, ())):
                for headword in dict.fromkeys(i.term for i in sentence if isinstance(i, TermMatch)):
                    found.setdefault(headword, []).append(Occurrence(annotated.essay, block.anchor, sentence))
    return found


# A term page quotes at most this many sentences from each essay and this many essays in full;
# beyond that it links onward, so the page stays readable and small however large the corpus grows.
SENTENCES_PER_ESSAY = 3
ESSAYS_QUOTED = 40


@dataclass(frozen=True)
class EssayHits:
    """A term's sentences in one essay, as its page shows them: the first few, and where the rest begin."""

    essay: Essay
    shown: tuple[Occurrence, ...]
    more: int  # sentences not quoted
    next_anchor: str  # where the first of those stands


def grouped(found: list[Occurrence]) -> tuple[list[EssayHits], list[tuple[Essay, int]]]:
    """Occurrences grouped by essay: the essays quoted, and the further essays with their counts."""
    by_essay: dict[str, list[Occurrence]] = {}
    for hit in found:
        by_essay.setdefault(hit.essay.slug, []).append(hit)
    quoted, further = [], []
    for hits in by_essay.values():
        if len(quoted) < ESSAYS_QUOTED:
            shown = tuple(hits[:SENTENCES_PER_ESSAY])
            rest = hits[SENTENCES_PER_ESSAY:]
            quoted.append(EssayHits(hits[0].essay, shown, len(rest), rest[0].anchor if rest else ""))
        else:
            further.append((hits[0].essay, len(hits)))
    return quoted, further


def term_counts(annotated: AnnotatedEssay) -> Counter:
    """How often each term occurs in one essay edition."""
    counts: Counter = Counter()
    for inlines in annotated.inlines.values():
        counts.update(item.term for item in inlines if isinstance(item, TermMatch))
    return counts


def counts_by_essay(site: Site) -> dict[str, Counter]:
    """Occurrences of each term per essay slug (counted in the Simplified edition)."""
    return {essay.slug: term_counts(site.editions[(essay.slug, "hans")]) for essay in site.essays}


def related_essays(site: Site, limit: int = 5) -> dict[str, list[Essay]]:
    """For each essay, the others sharing its terms, most shared first (home order breaks ties)."""
    terms = {slug: set(counts) for slug, counts in counts_by_essay(site).items()}
    by_slug = {e.slug: e for e in site.essays}
    related = {}
    for essay in site.essays:
        shared = [(len(terms[essay.slug] & terms[other.slug]), at, other) for at, other in enumerate(site.essays)]
        ranked = sorted((-n, at, other.slug) for n, at, other in shared if n and other.slug != essay.slug)
        related[essay.slug] = [by_slug[slug] for _, _, slug in ranked[:limit]]
    return related


def toneless(pinyin: str) -> str:
    """Pinyin without tone marks, for sorting and for filtering as a reader types ("xinzhi")."""
    decomposed = unicodedata.normalize("NFD", pinyin)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def display(term, edition: EditionName) -> str:
    """The term's headword in the page's script."""
    return term.traditional if edition == "hant" and term.traditional else term.headword


def sentence_html(sentence: tuple[Inline, ...], headword: str) -> Markup:
    """A sentence as plain text with the term highlighted (words are not glossed here)."""
    parts = []
    for item in sentence:
        text = escape("".join(t.text for t in item.tokens) if isinstance(item, TermMatch) else item.text)
        if isinstance(item, TermMatch) and item.term == headword:
            text = Markup("<mark>{}</mark>").format(text)
        elif not isinstance(item, TermMatch) and item.kind == "gap":
            text = Markup('<span class="gap" role="img" aria-label="…"></span>')
        parts.append(text)
    return Markup("").join(parts).strip()


def term_description(term, edition: EditionName) -> str:
    """A term page's description for search results and share cards: the term, its reading and both explanations."""
    return (f"{display(term, edition)}（{term.pinyin}）：{in_script(term.explanation_zh, edition)} "
            f"· {term.english}: {term.explanation}")


def render_glossary_pages(site: Site, env: Environment, context_for) -> dict[str, str]:
    """The glossary index and every term page, in both scripts: {site path: html}."""
    totals: Counter = Counter()
    for counts in counts_by_essay(site).values():
        totals.update(counts)
    terms = sorted(site.glossary.terms, key=lambda t: (toneless(t.pinyin), t.headword))
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
            category=category_label,
        )
        for term in terms:
            path = urls.term_page(term.slug, edition)
            groups, further = grouped(found.get(term.headword, []))
            pages[path] = env.get_template("term.html").render(
                **context_for(path, edition, description=term_description(term, edition)),
                term=term,
                name=display(term, edition),
                explanation_zh=in_script(term.explanation_zh, edition),
                category=category_label(term.category, edition),
                related_terms=[t for t in map(site.glossary.get, term.related) if t is not None],
                groups=groups,
                further=further,
                total=totals[term.headword],
                display=display,
                sentence_html=sentence_html,
            )
    return pages

"""One essay in one edition as a reading page, its source-notes page and its plain-text export.

Words become ``<ruby>词<rt>cí</rt>语<rt>yǔ</rt></ruby>`` (the ruby element is the word, with a
syllable over each character; site.js reads it for the popup), glossary terms a ``span.term`` around their words, gaps a
visible explained mark and restorations an ``<ins>``. Everything a reader does not
read as text (pinyin, popup data) lives in ``<rt>`` or in the page's JSON, so the
article's reading text is its text with the ruby annotations removed.

The package's other modules are the parts of the published site: where each page lives,
its labels, and the corpus-wide indexes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape

from ..dictionary import CHARACTER_GLOSS
from ..pinyin import split_syllables_and_rest
from ..levels import essay_difficulty
from ..translations import MISSING, STALE, English, english_of
from ..model import (
    EDITION_LANG,
    INLINE_MARKS,
    AnnotatedEssay,
    Block,
    EditionName,
    Essay,
    Inline,
    Site,
    TermMatch,
    Token,
    plain_text,
    tokens_of,
)
from . import meta, urls
from .labels import in_script, labels_for
from .notes import change_groups, line_ranges
from .theme import Assets, template_loader


def make_environment(templates: Path | None) -> Environment:
    """The one Jinja2 environment of a build: autoescaping on, undefined names are errors.

    ``templates`` is the project's folder of templates that replace the package's."""
    environment = Environment(
        loader=template_loader(templates),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["line_ranges"] = line_ranges
    return environment


def page_context(site: Site, path: str, edition: EditionName, **card_fields) -> dict:
    """What every page template needs: where it is, how to link, its language and labels, and what its
    head tells other programs (``card_fields`` change its share card: title, description, type, …)."""
    labels = labels_for(edition)
    base_url = site.config.base_url
    return {
        "alternates": meta.alternates(base_url, path),
        "card": meta.card(edition, path, **{"description": labels["description"].text, **card_fields}),
        "csp": Markup(meta.CONTENT_SECURITY_POLICY),  # quotes kept as written: the policy is the site's own text
        "feeds": feed_links(site, edition) if base_url else [],
        "path": path,
        "url": partial(urls.relative, path),
        "paths": urls,
        "edition": edition,
        "lang": EDITION_LANG[edition],
        "other": urls.OTHER_EDITION[edition],
        "other_lang": EDITION_LANG[urls.OTHER_EDITION[edition]],
        "L": labels,
        "config": site.config,
        "site_title": in_script(site.config.title, edition),
        "canonical": urls.absolute(site.config.base_url, path) if site.config.base_url else "",
        "asset": lambda name: urls.relative(path, site_assets(site).path(name)),
        "search_shards": search_shards(site),
    }


def search_shards(site: Site) -> list[str]:
    """The essays' shards of the search index that hold at least one essay (search.js merges each);
    worked out once per site, since every page names them."""
    found = getattr(site, "_search_shards", None)
    if found is None:
        count = urls.search_shard_count(len(site.essays))
        found = sorted({urls.page_search_shard(urls.essay_page(e.slug, "hans"), count) for e in site.essays}
                       - {urls.SITE_SHARD}, key=lambda s: int(s[1:]))
        site._search_shards = found
    return found


def feed_links(site: Site, edition: EditionName) -> list[dict]:
    """The site's Atom feeds for a page's head, the page's own script first (feeds need a base URL)."""
    order = (edition, urls.OTHER_EDITION[edition])
    return [{"path": urls.feed(e), "lang": EDITION_LANG[e],
             "title": f"{in_script(site.config.title, e)} · {labels_for(e)[e].zh}"} for e in order]


def site_assets(site: Site) -> Assets:
    """The build's static files and their fingerprinted paths, collected once per site."""
    if site.assets is None:
        site.assets = Assets.collect(site.config.static)
    return site.assets


def json_script(data: object) -> Markup:
    """JSON safe to place inside ``<script type="application/json">`` (sorted keys, so builds repeat)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # "</" would end the script element early; "<\/" means the same to a JSON parser.
    return Markup(text.replace("</", "<\\/"))


# ── Inline marks ─────────────────────────────────────────────────────────────


# Two or more Latin words joined by spaces or hyphens ("AI for Investment", "Know-How"):
# English inside Chinese text, which a screen reader should voice in English. A lone
# abbreviation (AI, GDP, 5G) reads the same in either voice, so it stays unmarked.
# A phrase starts only where a word does, and a word is never given back once read (``*+``):
# else a run of letters with no space is tried from each of its letters, each try reading to
# its end (a 20,000-letter run took 7 s, a million never finished).
ENGLISH_PHRASE = re.compile(r"(?<![A-Za-z])[A-Za-z][A-Za-z'’]*+(?:[ -][A-Za-z][A-Za-z'’]*+)+")


def mark_english(text: str) -> str:
    """Escaped ``text`` with each English phrase in a ``<span lang="en">``."""
    parts, last = [], 0
    for phrase in ENGLISH_PHRASE.finditer(text):
        parts.append(escape(text[last : phrase.start()]))
        parts.append(Markup('<span lang="en">{}</span>').format(phrase.group()))
        last = phrase.end()
    parts.append(escape(text[last:]))
    return "".join(map(str, parts))


def _text_html(text: str) -> str:
    """Bare text (punctuation, Latin, digits); a line break inside a block stays a line break."""
    return mark_english(text).replace("\n", "<br>")


@lru_cache(maxsize=1 << 16)
def word_html(token: Token) -> str:
    """A word as one ruby element with a reading over each of its characters; ``data-k`` only
    when the dictionary key differs from the text.

    The ruby element is the word (what a tap opens), and each character has its own syllable
    (新<rt>xīn</rt>质<rt>zhì</rt>…), so a learner sees which sound is which character's. A run of
    letters or digits inside a word (5G基站) gets an empty reading. The last ``</rt>`` is left
    out (HTML allows it before ``</ruby>``): a long essay has thousands of words. Remembered per
    distinct token: a corpus repeats its words.
    """
    text = "".join(ch for ch in token.text if ch not in INLINE_MARKS)
    key = "" if token.key == text else f' data-k="{escape(token.key)}"'
    return f"<ruby{key}>{_ruby_pairs(text, token.pinyin)}</ruby>"


_HAN_CHARACTER = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _ruby_pairs(text: str, reading: str) -> str:
    """Each Han character of ``text`` with its syllable, other runs with an empty reading (a sign
    ending the word with the reading's last syllable: 人工智能+ jiā); the whole reading over the
    whole word when it cannot be split by character."""
    split = split_syllables_and_rest(text, reading) if reading else None
    if not split or not split[0] or (split[1] and _HAN_CHARACTER.match(text[-1:])):
        return f"{escape(text)}<rt>{escape(reading)}"
    syllables, rest = split
    pairs, others = [], ""
    next_syllable = iter(syllables).__next__
    for char in text:
        if _HAN_CHARACTER.match(char):
            if others:
                pairs.append(f"{escape(others)}<rt></rt>")
                others = ""
            pairs.append(f"{escape(char)}<rt>{escape(next_syllable())}</rt>")
        else:
            others += char
    if others:
        pairs.append(f"{escape(others)}<rt>{escape(rest)}</rt>")
    return "".join(pairs).removesuffix("</rt>")


def gap_html(gap_label: str) -> str:
    """The visible mark for a word the source lost; CSS draws 〔…〕 so the reading text stays clean."""
    return f'<span class="gap" role="img" tabindex="0" aria-label="{escape(gap_label)}"></span>'


WORD_KINDS = ("word", "gap", "restored")


def join_plain_text(inlines: tuple[Inline, ...]) -> list[Inline]:
    """Neighbouring tokens of bare text as one, so a phrase split into tokens is seen whole."""
    joined: list[Inline] = []
    for item in inlines:
        plain = isinstance(item, Token) and item.kind not in WORD_KINDS
        last = joined[-1] if joined else None
        if plain and isinstance(last, Token) and last.kind not in WORD_KINDS:
            joined[-1] = replace(last, text=last.text + item.text)
        else:
            joined.append(item)
    return joined


def inline_html(inlines: tuple[Inline, ...], gap_label: str, notes: list[str],
                first_mark: Callable[[str], bool] | None = None) -> Markup:
    """A block's inlines as HTML; ``notes`` are the editor's notes for its restored words, in order.

    ``first_mark(term)`` says whether a term's occurrence is the one underlined (``TermMarks``);
    any other occurrence is still a term a tap opens, marked ``again`` (underlined only when the
    reader asks for every term)."""
    notes = list(notes)
    parts: list[str] = []

    def token(item: Token) -> str:
        if item.kind == "word":
            return word_html(item)
        if item.kind == "gap":
            return gap_html(gap_label)
        if item.kind == "restored":
            note = notes.pop(0) if notes else ""
            return f'<ins class="restored" data-note="{escape(note)}">{word_html(item)}</ins>'
        return _text_html(item.text)

    for item in join_plain_text(inlines):
        if isinstance(item, TermMatch):
            inner = "".join(token(t) for t in item.tokens)
            again = "" if first_mark is None or first_mark(item.term) else " again"
            parts.append(f'<span class="term{again}" data-term="{escape(item.term)}">{inner}</span>')
        else:
            parts.append(token(item))
    return Markup("".join(parts))


def restorations(essay: Essay) -> Callable[[Block], list[str]]:
    """The editor's notes for the words restored in a block of ``essay`` (matched by source line,
    in order), as a function of the block: the restorations are indexed by line once, so a page
    costs its blocks plus its changes, not their product (a seed of many lost words has
    thousands of both)."""
    restored = [change for change in essay.changes if change.action == "restored"]
    by_line: dict[int, list[int]] = {}
    for at, change in enumerate(restored):
        for line in change.lines:
            by_line.setdefault(line, []).append(at)

    def notes(block: Block) -> list[str]:
        found = sorted({at for line in block.lines for at in by_line.get(line, ())})
        return [restored[at].why for at in found]

    return notes


# ── Essay page ───────────────────────────────────────────────────────────────


def page_words(annotated: AnnotatedEssay) -> list[tuple[str, str]]:
    """Every distinct (dictionary key, reading) of the page's words, in a stable order."""
    found: set[tuple[str, str]] = set()
    groups = [annotated.title_inlines, *annotated.inlines.values()]
    for inlines in groups:
        for token in tokens_of(inlines):
            if token.kind in ("word", "restored") and token.key:
                found.add((token.key, token.pinyin))
    return sorted(found)


def page_terms(site: Site, annotated: AnnotatedEssay, page: str) -> dict[str, dict]:
    """The popup data of every glossary term on the page."""
    headwords = dict.fromkeys(
        [i.term for i in annotated.title_inlines if isinstance(i, TermMatch)] + list(annotated.terms_in_order)
    )
    data = {}
    for headword in headwords:
        term = site.glossary.get(headword)
        if term is None:
            continue
        data[headword] = {
            "t": term.traditional,
            "p": term.pinyin,
            "e": term.english,
            "x": term.explanation,
            "url": urls.relative(page, urls.term_page(term.slug, annotated.edition)),
        }
    return data


def neighbours(site: Site, essay: Essay) -> tuple[Essay | None, Essay | None]:
    """The essays before and after ``essay`` in home-page order."""
    slugs = [e.slug for e in site.essays]
    at = slugs.index(essay.slug)
    return (site.essays[at - 1] if at > 0 else None, site.essays[at + 1] if at + 1 < len(slugs) else None)


@dataclass(frozen=True)
class LinkedEssay:
    """An essay an essay page links to: all the page needs of it."""

    slug: str
    title: str  # in the page's script


@dataclass(frozen=True)
class EssayLinks:
    """The essays one essay's page links to in one edition: before and after it, and related reading."""

    previous: LinkedEssay | None
    following: LinkedEssay | None
    related: tuple[LinkedEssay, ...]

    @classmethod
    def of(cls, site: Site, essay: Essay, edition: EditionName, related: tuple[Essay, ...] = (),
           around: tuple[Essay | None, Essay | None] | None = None) -> "EssayLinks":
        """``essay``'s links in ``edition`` (``around``: its neighbours, when the caller knows them)."""
        def linked(other: Essay | None) -> LinkedEssay | None:
            return other and LinkedEssay(other.slug, site.editions[(other.slug, edition)].essay.title)

        previous, following = around or neighbours(site, essay)
        return cls(linked(previous), linked(following), tuple(map(linked, related)))

    def titles(self) -> dict[str, str]:
        return {e.slug: e.title for e in (self.previous, self.following, *self.related) if e is not None}


def english_html(parts: list[English], labels) -> Markup:
    """A unit's English as the reader opens it (with its attribution, for a quote: ``parts``): a
    <details> under its Chinese, which every English reading mode opens (site.js), and which
    works without JavaScript. A unit whose Chinese changed since it was translated says so
    instead of showing English that may be wrong."""
    if not parts or parts[0].state == MISSING:
        return Markup("")
    if any(part.state == STALE for part in parts):
        body = Markup('<p class="stale-note">{}</p>').format(labels["en_stale"].en)
    else:
        body = Markup("").join(Markup('<p{}>{}</p>').format(Markup(' class="cite"') if at else "", part.text)
                               for at, part in enumerate(parts) if part.state != MISSING)
    return Markup('<details class="trans{}" lang="en"><summary>{}</summary>{}</details>').format(
        " stale" if any(part.state == STALE for part in parts) else "", labels["en_one"].en, body)


class TermMarks:
    """Which occurrences of the glossary's terms are underlined on a page: the first of each term
    in each section (a heading starts one), and never an everyday word of the register (场景,
    the glossary's ``everyday``). Every occurrence underlined was about three marks in every
    hundred characters, and one essay's 场景 was underlined 53 times."""

    def __init__(self, everyday: frozenset[str] = frozenset()):
        self._seen: set[str] = set()
        self._everyday = everyday  # terms never underlined unless the reader asks

    def new_section(self) -> None:
        self._seen = set()

    def first(self, term: str) -> bool:
        if term in self._seen or term in self._everyday:
            return False
        self._seen.add(term)
        return True


def render_essay(
    site: Site, annotated: AnnotatedEssay, env: Environment | None = None, related: tuple[Essay, ...] = (),
    links: EssayLinks | None = None, word_levels: tuple[int, ...] | None = None,
) -> str:
    """The reading page of one essay in one edition (``related``: essays to suggest, best first;
    ``links``: the essays it links to, worked out by the caller, else from ``site`` and ``related``;
    ``word_levels``: the Simplified edition's, which both editions state, else from ``site``)."""
    env = env or make_environment(site.config.templates)
    essay, edition = annotated.essay, annotated.edition
    path = urls.essay_page(essay.slug, edition)
    context = page_context(site, path, edition, **meta.essay_card(essay))
    gap_label = context["L"]["gap"].text

    notes = restorations(essay)
    marks = TermMarks(frozenset(term.headword for term in site.glossary.terms if term.everyday))

    def inline(block: Block) -> Markup:
        if block.kind == "heading":
            marks.new_section()
        return inline_html(annotated.inlines.get(block.anchor, ()), gap_label, notes(block), marks.first)

    links = links or EssayLinks.of(site, essay, edition, tuple(related))
    terms = [t for t in map(site.glossary.get, annotated.terms_in_order) if t is not None]
    page_data = {
        "words": site.dictionary.page_data(page_words(annotated), edition=annotated.edition),
        "terms": page_terms(site, annotated, path),
        "pieced": CHARACTER_GLOSS,  # how a gloss pieced from a word's parts begins; a term's popup skips those
    }
    title = (
        inline_html(annotated.title_inlines, gap_label, []) if annotated.title_inlines else Markup(escape(essay.title))
    )
    english = english_of(site).of(essay)
    title_en = english_of(site).title(essay)
    return env.get_template("essay.html").render(
        **context,
        essay=essay,
        title_html=title,
        title_en=title_en,
        english=english,
        difficulty=essay_difficulty(essay, word_levels if word_levels is not None else annotated.word_levels
                                    if edition == "hans" else site.editions[(essay.slug, "hans")].word_levels),
        en=(lambda *units: english_html([english.get(unit) for unit in units], context["L"])) if english else None,
        inline=inline,
        other_page=urls.essay_page(essay.slug, context["other"]),
        previous=links.previous,
        following=links.following,
        titles=links.titles(),
        terms=terms,
        related=links.related,
        page_data=json_script(page_data),
        source_link=meta.source_link(essay.source_url),
    )


# ── Source notes and text export ─────────────────────────────────────────────


def seed_sha256(site: Site, essay: Essay) -> str:
    """The seed file's sha256, so a reader can check the notes describe the file they have."""
    seed = Path(site.config.source) / essay.source_name
    return hashlib.sha256(seed.read_bytes()).hexdigest() if seed.is_file() else ""


def render_notes(site: Site, essay: Essay, env: Environment | None = None) -> str:
    """The source-notes page: every change cleaning made to the essay, grouped by action."""
    env = env or make_environment(site.config.templates)
    path = urls.notes_page(essay.slug)
    return env.get_template("notes.html").render(
        **page_context(site, path, "hans"),
        essay=essay,
        sha256=seed_sha256(site, essay),
        groups=change_groups(essay),
        source_link=meta.source_link(essay.source_url),
    )


def _block_text(block: Block) -> list[str]:
    """One block as plain-text paragraphs; an aside gives its title and then its children."""
    if block.kind == "aside":
        lines = [f"【{block.title}】"] if block.title else []
        for child in block.children:
            lines.extend(_block_text(child))
        return lines
    text = plain_text(block.text)
    if block.kind == "quote" and block.attribution:
        text = f"{text}\n——{block.attribution}"
    return [text]


VOCABULARY_COLUMNS = ("simplified", "traditional", "pinyin", "hsk", "english", "count")


def vocabulary_rows(site: Site, simplified: AnnotatedEssay, traditional: AnnotatedEssay) -> list[list]:
    """The essay's words, hardest first (beyond the syllabus, then HSK 7-9 down to 1), then by how
    often they occur: each word once, in Simplified and Traditional, with the reading it has in
    the essay, its HSK level ("" beyond the syllabus), its first senses (a key term's: the
    glossary's English) and its count. Names and words without Chinese characters are left out,
    as levels.counts leaves them."""
    from ..levels import BAND, LEVELS, level

    forms = {}  # Simplified key -> Traditional form, from the two editions' tokens side by side
    for anchor, items in simplified.inlines.items():
        for mine, theirs in zip(tokens_of(items), tokens_of(traditional.inlines.get(anchor, ())), strict=False):
            forms.setdefault(mine.key or mine.text, theirs.text)
    seen: dict[str, list] = {}
    for items in simplified.inlines.values():
        for token in tokens_of(items):
            word = token.key or token.text
            if token.kind != "word" or token.pinyin[:1].isupper() or not token.key:
                continue
            if word not in seen:
                term = site.glossary.get(word)  # a key term: the glossary's (official) English
                entry = site.dictionary.page_data([(word, token.pinyin)]).get(word)
                senses = [term.english] if term else entry["d"][0][1][:3] if entry else []
                value = level(word)
                seen[word] = [word, forms.get(word, word), token.pinyin,
                              "" if value is None else ("7-9" if value == BAND else str(value)),
                              "; ".join(senses), 0]
            seen[word][5] += 1
    order = {label: at for at, label in enumerate(["", "7-9", *map(str, reversed(LEVELS[:-1]))])}
    return sorted(seen.values(), key=lambda row: (order[row[3]], -row[5], row[2].lower()))


def essay_vocabulary(rows: list[list]) -> str:
    """``vocabulary_rows`` as CSV, which a spreadsheet or Anki reads as it is."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(VOCABULARY_COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


def render_vocabulary(site: Site, essay: Essay, rows: list[list], env: Environment | None = None) -> str:
    """The essay's vocabulary page: its words with readings, levels and glosses, hardest first; the
    reader picks the level beyond which words are listed (learn.js; without it every word shows)."""
    env = env or make_environment(site.config.templates)
    return env.get_template("vocabulary.html").render(
        **page_context(site, urls.vocabulary_page(essay.slug), "hans"), essay=essay, rows=rows)


def essay_text(essay: Essay) -> str:
    """The clean-text export: title, authors, date, a blank line, then the blocks."""
    head = [essay.title, "、".join(essay.authors), essay.date]
    body: list[str] = []
    for block in essay.blocks:
        body.extend(_block_text(block))
    # Notes are kept without their brackets; print them as the source did, in （）.
    tail = [f"（{plain_text(note).strip('（）()')}）" for note in (essay.author_note, *essay.credits, essay.source_note)
            if note]
    return "\n".join(line for line in head if line) + "\n\n" + "\n\n".join(body + tail) + "\n"

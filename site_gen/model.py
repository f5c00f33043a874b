"""The document model every stage shares: small frozen dataclasses named for what a reader sees.

Data flows one way:

    Source ──clean──▶ Cleaned (Lines + Changes) ──structure──▶ Essay(s)
           ──script──▶ Essay per edition ──annotate──▶ AnnotatedEssay ──render/publish──▶ files

Inline marks inside block text
------------------------------
Block text is plain Unicode.  Two editorial marks travel inside it as private-use
characters, because they must survive script conversion and word segmentation
untouched (OpenCC and jieba pass private-use characters through unchanged) and the
cleaner strips any private-use character that arrives in a scrape:

* ``GAP``: a word the source lost (scrapes show it as ``&&``).  Rendered as a
  visible, explained gap mark; never guessed silently.
* ``RESTORED_OPEN`` word ``RESTORED_CLOSE``: a word an editor restored through the
  seed's errata sidecar.  Rendered bracketed, with a tooltip saying so.

Use ``plain_text()`` to turn marked text into what a reader of a plain-text export sees.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

GAP = "\ue000"
RESTORED_OPEN = "\ue001"
RESTORED_CLOSE = "\ue002"
INLINE_MARKS = (GAP, RESTORED_OPEN, RESTORED_CLOSE)

EditionName = Literal["hans", "hant"]
EDITIONS: tuple[EditionName, ...] = ("hans", "hant")
EDITION_LANG = {"hans": "zh-Hans", "hant": "zh-Hant"}


def plain_text(text: str) -> str:
    """Marked block text as a plain-text reader sees it: gaps as […], restorations as [word]."""
    return text.replace(GAP, "[…]").replace(RESTORED_OPEN, "[").replace(RESTORED_CLOSE, "]")


def reading_text(text: str) -> str:
    """Marked block text with the marks removed (restored words kept, gaps dropped)."""
    return text.replace(GAP, "").replace(RESTORED_OPEN, "").replace(RESTORED_CLOSE, "")


# ── Input ────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Erratum:
    """An editor's restoration of one lost word, from a seed's sidecar."""

    line: int  # source line (1-based) holding the gap
    before: str  # text that ends right before the gap on that line, to pick the gap
    word: str  # the restored word, in the seed's own script
    note: str = ""  # why the editor is sure (shown in the tooltip and source notes)
    sidecar_line: int = 0  # where the erratum stands in the sidecar, for error messages


@dataclass(frozen=True)
class EssayMeta:
    """An editor's overrides for one essay of a seed (1-based ``index`` in seed order)."""

    index: int = 1
    title: str | None = None
    title_en: str | None = None
    authors: tuple[str, ...] | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    source_url: str | None = None
    slug: str | None = None
    retrieved: str | None = None  # ISO YYYY-MM-DD: when the page at source_url was saved
    line: int | None = None  # where its [[essay]] table starts in the sidecar, for errors


@dataclass(frozen=True)
class SeedMeta:
    """Everything a seed's optional sidecar (``seeds/<stem>.toml``) says."""

    path: Path | None = None
    essays: tuple[EssayMeta, ...] = ()
    errata: tuple[Erratum, ...] = ()

    def for_essay(self, index: int) -> EssayMeta:
        for meta in self.essays:
            if meta.index == index:
                return meta
        return EssayMeta(index=index)


@dataclass(frozen=True)
class SourceBlock:
    """One block of a page as its reader found it, with the evidence its markup gave.

    Readers of structured formats (HTML, Markdown) cut a page into blocks before any markup is
    thrown away, so that what the markup said (a heading, a list item, text inside links, a
    container the site's template named ``comment-list``) is still there when the cleaner judges
    which blocks are the article.
    """

    kind: str  # "paragraph" | "heading" | "item" | "quote" | "caption" | "cell" | "preformatted"
    text: str  # the block's text, white space as a reader sees it
    line: int  # the source line it starts on (1-based)
    level: int = 0  # a heading's level, 1–6
    last_line: int = 0  # the source line its text ends on, when it is wrapped over several
    link_chars: int = 0  # characters of its text inside links
    links: int = 0  # how many links it holds
    emphasis: bool = False  # all of its text is bold
    container: str = ""  # the word naming the chrome container it stands in ("nav", "comment", "footer"), if any
    in_content: bool = False  # it stands inside a container named as the article ("article", "content", "post")
    hidden: bool = False  # the page hides it (display: none)
    after_image: bool = False  # an image stands right before it (its caption, if it is short)


@dataclass(frozen=True)
class Candidate:
    """A value a file offers for one of an essay's fields, and where it came from.

    Pages say their title, authors and date in several places that disagree (``<title>`` adds the
    site's name; ``<meta name=author>`` often holds the editor; front matter holds the time a page
    was archived). The cleaner chooses among candidates, so each keeps its origin.
    """

    field: str  # "title" | "author" | "date" | "source_url" | "description" | "account" | "site" | "retrieved"
    value: str
    origin: str  # e.g. "<title>", "<meta author>", "front matter date (the time the page was saved)"
    line: int = 0


@dataclass(frozen=True)
class Source:
    """One seed file as read from disk: decoded text, its hash and its sidecar.

    A plain-text seed is read as lines (``blocks`` is None). An HTML or Markdown seed also carries
    the blocks its reader found and the metadata candidates its head and envelope offer; ``reading``
    records what reading itself did (the encoding, an envelope taken off) for the source notes.
    """

    path: Path
    name: str  # file name, e.g. "000_f15c36d88b174ecb.txt"; shown as data-source
    text: str
    sha256: str
    meta: SeedMeta = field(default_factory=SeedMeta)
    format: str = "text"  # "text" | "markdown" | "html"
    encoding: str = "utf-8"
    blocks: tuple[SourceBlock, ...] | None = None
    candidates: tuple[Candidate, ...] = ()
    reading: tuple["Change", ...] = ()

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(self.text.split("\n"))


# ── Cleaning ─────────────────────────────────────────────────────────────────

ChangeAction = Literal["removed", "repaired", "moved", "flagged", "restored"]


@dataclass(frozen=True)
class Change:
    """One entry of a cleaning report: what a rule removed, repaired, moved or flagged."""

    rule: str  # registry name of the rule, e.g. "strip_html_debris"
    action: ChangeAction
    lines: tuple[int, ...]  # source line numbers (1-based)
    text: str  # the text removed, or the text before a repair
    result: str = ""  # the text after a repair ("" for a removal)
    why: str = ""  # one line a reader of the source notes understands


@dataclass(frozen=True)
class Line:
    """A cleaned source line with its provenance.

    ``hint`` carries what the markup told the cleaner before it stripped the markup:
    "" (nothing), "heading1"…"heading4" (markdown ``#`` markers), "title" (front-matter
    or ``<h1>`` title), "lead" (bold lead paragraph), "caption" (figure caption),
    "byline", "date", "source_url" (front-matter fields), "quote" (a markdown ``>`` line),
    "item" (a list item or table row that lost its marker).
    """

    number: int
    text: str
    hint: str = ""


@dataclass(frozen=True)
class Cleaned:
    """The clean stage's output: the lines that remain, and the report of all it did."""

    source: Source
    lines: tuple[Line, ...]
    changes: tuple[Change, ...]


# ── Structure ────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Block:
    """A unit of an essay's body. ``anchor`` is stable across editions and rebuilds."""

    kind = "block"
    text: str
    lines: tuple[int, ...]
    anchor: str = ""


@dataclass(frozen=True)
class Heading(Block):
    kind = "heading"
    level: int = 2  # 2 = section, 3 = subsection (the essay title is the page's h1)


@dataclass(frozen=True)
class Paragraph(Block):
    kind = "paragraph"


@dataclass(frozen=True)
class Quote(Block):
    """A pull quote; ``attribution`` is the ``——`` line naming who said it."""

    kind = "quote"
    attribution: str = ""


@dataclass(frozen=True)
class Aside(Block):
    """A sidebar or box (观点速递, figure caption, boxed quotes): a title and blocks of its own."""

    kind = "aside"
    title: str = ""
    children: tuple[Block, ...] = ()
    role: str = "sidebar"  # "sidebar" | "quotes" | "caption"


@dataclass(frozen=True)
class Essay:
    """One essay as a reader sees it, with the report of everything cleaning did to it."""

    source_name: str  # seed file name
    index: int  # 1-based position within the seed
    title: str
    authors: tuple[str, ...] = ()
    date: str = ""  # ISO YYYY-MM-DD, "" when the seed gives none
    blocks: tuple[Block, ...] = ()
    title_en: str = ""
    title_derived: bool = False  # the seed had no title; this one was derived
    author_note: str = ""  # (作者系…) / an author biography
    source_note: str = ""  # (《人民日报》2025年1月13日)
    credits: tuple[str, ...] = ()  # (执笔：…), (國聲智庫課題組): writer credits kept for the reader
    source_url: str = ""
    retrieved: str = ""  # ISO YYYY-MM-DD the page was saved, when the saving tool or the sidecar says
    lines: tuple[int, int] = (0, 0)  # first and last source line the essay covers
    changes: tuple[Change, ...] = ()
    slug: str = ""
    script: EditionName = "hans"  # the script the seed was written in

    def all_blocks(self):
        """Every block in reading order, aside children after their aside."""
        for block in self.blocks:
            yield block
            if isinstance(block, Aside):
                yield from block.children


# ── Annotation ───────────────────────────────────────────────────────────────

TokenKind = Literal["word", "punct", "other", "gap", "restored"]


@dataclass(frozen=True)
class Token:
    """A word (or punctuation run) of an edition's text.

    ``key`` is the word's Simplified form, the key into the dictionary data; ""
    when nothing useful can be glossed (punctuation, numbers, Latin).
    """

    text: str
    kind: TokenKind = "word"
    pinyin: str = ""  # tone marks, syllables joined as pinyin orthography writes the word
    key: str = ""


@dataclass(frozen=True)
class TermMatch:
    """A run of tokens that is an occurrence of a glossary term."""

    term: str  # the term's Simplified headword
    tokens: tuple[Token, ...]

    @property
    def text(self) -> str:
        return "".join(token.text for token in self.tokens)


Inline = Token | TermMatch


SENTENCE_ENDS = "。！？!?"
TERM_SENTENCES_KEPT = 3  # sentences an essay keeps of each term for the corpus pages (term pages quote them)


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


@dataclass(frozen=True)
class TermUse:
    """Where one glossary term occurs in one essay edition: what the corpus pages (term pages,
    counts, related essays) need of it, so they never need the essay's whole annotated text."""

    term: str  # the term's Simplified headword
    count: int  # occurrences
    # The first few sentences holding it: (block anchor, the sentence's text, the term's
    # occurrences in it as start and end offsets, one pair after another).
    sentences: tuple[tuple[str, str, tuple[int, ...]], ...]
    more: int = 0  # further sentences holding it
    next_anchor: str = ""  # the block where the first of those stands


def _sentence_marks(sentence: tuple[Inline, ...]) -> tuple[str, dict[str, list[int]]]:
    """A sentence's text and, for each term in it, the start and end of each of its occurrences."""
    text, marks = [], {}
    at = 0
    for item in sentence:
        piece = item.text
        if isinstance(item, TermMatch):
            marks.setdefault(item.term, []).extend((at, at + len(piece)))
        text.append(piece)
        at += len(piece)
    return "".join(text), marks


def term_uses(blocks, inlines) -> tuple[TermUse, ...]:
    """Each term's TermUse in ``blocks`` (reading order), terms by first appearance.

    ``inlines`` maps a block's anchor to its inlines, as in AnnotatedEssay.
    """
    counts: dict[str, int] = {}
    sentences: dict[str, list[tuple[str, str, tuple[int, ...]]]] = {}
    for block in blocks:
        for sentence in split_sentences(inlines.get(block.anchor, ())):
            text, marks = _sentence_marks(sentence)
            for term, offsets in marks.items():
                counts[term] = counts.get(term, 0) + len(offsets) // 2
                sentences.setdefault(term, []).append((block.anchor, text, tuple(offsets)))
    uses = []
    for term, found in sentences.items():
        rest = found[TERM_SENTENCES_KEPT:]
        uses.append(TermUse(term, counts[term], tuple(found[:TERM_SENTENCES_KEPT]), len(rest),
                            rest[0][0] if rest else ""))
    return tuple(uses)


def tokens_of(items: tuple[Inline, ...]) -> list[Token]:
    """A block's tokens in order, those inside a term's match included."""
    return [token for item in items for token in (item.tokens if isinstance(item, TermMatch) else (item,))]


@dataclass(frozen=True)
class AnnotatedEssay:
    """An essay in one edition with its text segmented: ``inlines[anchor]`` per block.

    ``inlines`` may be a mapping that reads the text from the build cache when first used
    (cache.CachedInlines), so a build holds in memory only the essays it is rendering;
    ``term_uses`` is derived from it when not given.
    """

    essay: Essay
    edition: EditionName
    inlines: Mapping[str, tuple[Inline, ...]]
    title_inlines: tuple[Inline, ...] = ()
    term_uses: tuple[TermUse, ...] | None = None
    # Word tokens at each HSK level (levels.counts): kept with the entry, so the corpus pages can say
    # how hard each essay is without reading its text again
    word_levels: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if self.term_uses is None:
            object.__setattr__(self, "term_uses", term_uses(self.essay.all_blocks(), self.inlines))
        if self.word_levels is None:
            from .levels import counts

            words = ((token.key or token.text, token.pinyin) for items in self.inlines.values()
                     for token in tokens_of(items) if token.kind == "word")
            object.__setattr__(self, "word_levels", counts(words))

    @property
    def terms_in_order(self) -> tuple[str, ...]:
        """Terms by first appearance."""
        return tuple(use.term for use in self.term_uses)


# ── The whole site ───────────────────────────────────────────────────────────


@dataclass
class Site:
    """Everything the publish stage needs, gathered before any page is written.

    ``essays`` are in home-page order (seed file order, then position in the seed),
    each with its slug set and in the script its seed was written in.
    ``editions[(slug, "hans"|"hant")]`` is that essay annotated in one edition.
    """

    config: "object"  # config.Config
    essays: tuple[Essay, ...]
    editions: dict[tuple[str, EditionName], AnnotatedEssay]
    glossary: "object"  # glossary.Glossary
    dictionary: "object"  # dictionary.Dictionary
    assets: "object" = None  # render.theme.Assets, collected when the first page is rendered
    reuse: "object" = None  # render.reuse.PageReuse: the last build's pages that may be carried over
    english: "object" = None  # translations.SiteEnglish: each essay's English, where it has one

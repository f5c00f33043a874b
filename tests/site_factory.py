"""Hand-made Sites for the render and publish tests, built from real seed excerpts.

The stand-in glossary, dictionary and segmenter offer the same attributes as the real
ones (``glossary.terms/get``, ``dictionary.page_data/licence``, tokens and term
matches), so the page tests do not depend on the annotation stages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from opencc import OpenCC
from pypinyin import Style, lazy_pinyin

from site_gen.config import Config
from site_gen.dictionary import CHARACTER_GLOSS
from site_gen.model import (
    EDITIONS,
    GAP,
    RESTORED_CLOSE,
    RESTORED_OPEN,
    AnnotatedEssay,
    Aside,
    Change,
    Essay,
    Heading,
    Paragraph,
    Quote,
    Site,
    TermMatch,
    Token,
)

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT / "seeds"
CONVERT = {"hans": OpenCC("t2s"), "hant": OpenCC("s2t")}


@dataclass(frozen=True)
class FakeTerm:
    headword: str
    traditional: str
    pinyin: str
    english: str
    explanation: str
    explanation_zh: str
    slug: str
    category: str = "economy"
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    source: str = ""
    everyday: bool = False


class FakeGlossary:
    def __init__(self, terms):
        self.terms = tuple(terms)

    def get(self, headword):
        return next((t for t in self.terms if t.headword == headword), None)


class FakeDictionary:
    licence = "CC-CEDICT, © MDBG, CC BY-SA 4.0 (test stand-in)"

    def page_data(self, words, edition="hans"):
        return {key: {"s": key, "t": CONVERT["hant"].convert(key), "p": pinyin, "d": [[pinyin, senses(key)]]}
                for key, pinyin in words}


def senses(key: str) -> list[str]:
    """Three senses for a word the stand-in knows; one pieced from its parts for a one-word term."""
    if key in ONE_WORD_TERMS:
        return [CHARACTER_GLOSS + "; ".join(f"{key[i:i + 2]}: part {i // 2 + 1}" for i in range(0, len(key), 2))]
    return [f"meaning of {key}", f"second sense of {key}", "a third, longer sense"]


TERMS = (
    FakeTerm("新质生产力", "新質生產力", "xīnzhì shēngchǎnlì", "new quality productive forces",
             "Productive forces driven by innovation.", "由创新起主导作用的先进生产力。", "xinzhi-shengchanli",
             related=("人工智能", "高质量发展"), source="https://english.www.gov.cn/"),
    FakeTerm("人工智能", "人工智能", "réngōng zhìnéng", "artificial intelligence",
             "Machines performing tasks that need human intelligence.", "模拟人类智能的技术。", "rengong-zhineng",
             category="technology", aliases=("AI",), related=("新质生产力",)),
    FakeTerm("高质量发展", "高質量發展", "gāozhìliàng fāzhǎn", "high-quality development",
             "Growth that puts quality before speed.", "以质量和效益为首要的发展。", "gaozhiliang-fazhan"),
    FakeTerm("产业变革", "產業變革", "chǎnyè biàngé", "industrial transformation",
             "Deep change in how industries are organised.", "产业的深刻变化。", "chanye-biange",
             category="industry"),
    FakeTerm("卡脖子", "卡脖子", "qiǎ bózi", "chokepoint", "A technology others can withhold.",
             "受制于人的关键技术。", "qia-bozi", category="technology"),
)

# The real segmenter keeps a glossary term as one word, and CC-CEDICT may lack it; the stand-in does so for these.
ONE_WORD_TERMS = {"新质生产力"}

PUNCT = re.compile(r"[\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’—…·、《》（）()\[\],.:;!?]+")
LATIN = re.compile(r"[A-Za-z0-9%.+\-]+")


@lru_cache(maxsize=None)
def reading(word: str) -> str:
    return "".join(lazy_pinyin(CONVERT["hans"].convert(word), style=Style.TONE))


def word_token(text: str, kind: str = "word") -> Token:
    key = CONVERT["hans"].convert(text)
    return Token(text, kind, reading(text), key)


def segment(text: str, edition: str) -> tuple:
    """A crude stand-in segmenter: terms, then two-character words, punctuation runs and Latin runs."""
    surfaces = sorted(((t.traditional if edition == "hant" else t.headword), t.headword) for t in TERMS)
    items, at = [], 0
    while at < len(text):
        term = next((h for s, h in surfaces if text.startswith(s, at)), None)
        if term:
            size = len(TERMS[[t.headword for t in TERMS].index(term)].headword)
            words = [text[i:min(i + 2, at + size)] for i in range(at, at + size, 2)]
            if term in ONE_WORD_TERMS:
                words = [text[at:at + size]]
            items.append(TermMatch(term, tuple(word_token(w) for w in words)))
            at += size
        elif text[at] == GAP:
            items.append(Token(GAP, "gap"))
            at += 1
        elif text[at] == RESTORED_OPEN:
            end = text.index(RESTORED_CLOSE, at)
            items.append(word_token(text[at + 1:end], "restored"))
            at = end + 1
        elif match := PUNCT.match(text, at):
            items.append(Token(match.group(), "punct"))
            at = match.end()
        elif match := LATIN.match(text, at):
            items.append(Token(match.group(), "other"))
            at = match.end()
        else:
            end = at + 1
            if end < len(text) and not PUNCT.match(text, end) and not LATIN.match(text, end) and text[end] not in (GAP, RESTORED_OPEN):
                end += 1
            items.append(word_token(text[at:end]))
            at = end
    return tuple(items)


def seed_lines(prefix: str) -> list[tuple[int, str]]:
    """Numbered non-empty lines of a seed, cleaned just enough to read as paragraphs."""
    (path,) = SEEDS.glob(f"{prefix}*.txt")
    lines = path.read_text(encoding="utf-8").split("\n")
    cleaned = [(n, re.sub(r"^[#■\s]+", "", line).replace("&&", GAP).strip()) for n, line in enumerate(lines, 1)]
    return [(n, text) for n, text in cleaned if text and "<" not in text]


def make_essay(prefix: str, slug: str, paragraphs: int = 6, extras: bool = False, **fields) -> Essay:
    """An essay from a seed's opening lines: title, then headings (short lines) and paragraphs."""
    lines = seed_lines(prefix)
    (first, title), body = lines[0], lines[2:]
    blocks, count = [], {"p": 0, "h": 0}
    for number, text in body:
        kind = "h" if len(text) < 30 else "p"
        count[kind] += 1
        block = Heading if kind == "h" else Paragraph
        blocks.append(block(text=text, lines=(number,), anchor=f"{kind}{count[kind]}"))
        if count["p"] >= paragraphs:
            break
    changes = [Change("strip_share_buttons", "removed", (first + 1,), "分享到：微信 微博", why="share buttons")]
    if extras:
        blocks = add_extras(blocks, changes)
    last = blocks[-1].lines[-1]
    script = "hant" if CONVERT["hans"].convert(title) != title else "hans"
    return Essay(source_name=next(SEEDS.glob(f"{prefix}*.txt")).name, index=1, title=title,
                 blocks=tuple(blocks), lines=(first, last), changes=tuple(changes), slug=slug,
                 script=script, **fields)


def add_extras(blocks: list, changes: list) -> list:
    """A gap, an editor's restoration, a quote and both kinds of aside, placed mid-essay."""
    at = len(blocks) // 2
    target = next(i for i in range(at, len(blocks)) if isinstance(blocks[i], Paragraph))
    para = blocks[target]
    text = para.text[:12] + GAP + para.text[12:30] + RESTORED_OPEN + "印发" + RESTORED_CLOSE + para.text[30:]
    blocks[target] = replace(para, text=text)
    changes.append(Change("mark_lost_words", "repaired", para.lines, "&&", GAP, "a word was lost in the scrape"))
    changes.append(Change("apply_errata", "restored", para.lines, "&&", "印发", "the official notice was issued"))
    line = para.lines[0]
    quote = Quote(text="发展新质生产力是推动高质量发展的内在要求和重要着力点。", lines=(line,), anchor="p90",
                  attribution="——习近平")
    sidebar = Aside(text="", lines=(line,), anchor="a1", title="观点速递", role="sidebar", children=(
        Paragraph(text="人工智能驱动新质生产力发展路径的研究指出，要加强算力建设。", lines=(line,), anchor="a1-p1"),))
    caption = Aside(text="", lines=(line,), anchor="a2", title="", role="caption", children=(
        Paragraph(text="图为智能工厂的生产线。", lines=(line,), anchor="a2-p1"),))
    return blocks[: target + 1] + [quote, sidebar, caption] + blocks[target + 1:]


def edition_of(essay: Essay, edition: str) -> Essay:
    """The essay's text converted into one script (anchors and lines unchanged)."""
    convert = CONVERT[edition].convert

    def block(b):
        changed = replace(b, text=convert(b.text))
        if isinstance(b, Aside):
            changed = replace(changed, title=convert(b.title), children=tuple(block(c) for c in b.children))
        return changed

    return replace(essay, title=convert(essay.title), authors=tuple(map(convert, essay.authors)),
                   blocks=tuple(block(b) for b in essay.blocks), author_note=convert(essay.author_note),
                   credits=tuple(map(convert, essay.credits)), source_note=convert(essay.source_note))


def annotate(essay: Essay, edition: str) -> AnnotatedEssay:
    text = edition_of(essay, edition)
    inlines = {b.anchor: segment(b.text, edition) for b in text.all_blocks()}
    return AnnotatedEssay(text, edition, inlines, segment(text.title, edition))


def make_site(essays=None, base_url: str = "", templates: Path | None = None) -> Site:
    """A three-essay site (two Simplified seeds, one Traditional) unless ``essays`` is given."""
    if essays is None:
        essays = [
            make_essay("003", "rengong-zhineng-funeng", 8, extras=True, authors=("刘晖", "任晓刚"),
                       date="2025-03-10", title_en="Paths for AI to empower new productive forces",
                       author_note="（作者单位：北京市社会科学院）", credits=("（执笔：刘晖）",),
                       source_note="（《光明日报》2025年3月10日）"),
            make_essay("001", "rengong-zhineng-jia", 6, authors=("董志勇",), date="2025-02-14"),
            make_essay("000", "shisiwu-zhuji", 5),
        ]
    config = Config(source=SEEDS, templates=templates, static=None,
                    base_url=base_url)
    editions = {(e.slug, ed): annotate(e, ed) for e in essays for ed in EDITIONS}
    return Site(config=config, essays=tuple(essays), editions=editions, glossary=FakeGlossary(TERMS),
                dictionary=FakeDictionary())


def long_essay() -> Essay:
    """The largest seed, every line a paragraph: an upper bound for one page's weight."""
    return make_essay("004", "longest", paragraphs=10_000, extras=True)

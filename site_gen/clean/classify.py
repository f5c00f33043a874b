"""Tell the article from the page around it: each block's evidence, a verdict, then the neighbours' say.

After jusText's context-sensitive algorithm (Pomikálek 2011), adapted to Chinese:

1. **Evidence** (``measure``): characters, sentence punctuation, link density (characters inside
   links ÷ all), function-word density (的 了 是 在 和 也 要 等 … per Han character: running
   prose is full of them, headline lists and menus are not), emphasis, the container the page's
   template put it in, whether it is hidden.
2. **A verdict from the block alone** (``classify_alone``): long, sentence-like, link-poor blocks
   are *good*; link-dense blocks and blocks in a navigation, comment or footer container are
   *bad*; blocks too short to judge are *short*; the rest are *near-good*.
3. **Neighbours decide the unclear** (``revise_by_neighbours``): a short block between good ones
   is good, between bad ones bad; a near-good block between bad ones is bad; a heading is kept
   when good text follows it.
4. **The article is one region** (``article_region``): the run of good blocks with the most text,
   with gaps of a few bad blocks inside it. What stands before it is the page's head (title,
   byline, date, navigation), what follows it is chrome (headline lists, comment boxes, bio boxes,
   footers) even when no rule names its words.

Every verdict carries a reason in words a reader follows ("link-dense: 9 links, no sentence").
Thresholds are named module constants, so they can be tested and tuned in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import SourceBlock
from .draft import HAN as HAN_RANGE

HAN = re.compile(f"[{HAN_RANGE}]")
LATIN_WORD = re.compile(r"[A-Za-z0-9]+")
SENTENCE_END = re.compile(r"[。！？!?；;…]")
# The commonest function words of Chinese prose (jusText's stop words, for Chinese), by character.
FUNCTION_CHARS = frozenset("的了是在和也要等这有为与对就不而都中将把被从以及其之所很还更已並這為與對將從們们")

LINK_DENSITY_MAX = 0.5  # above this a block is mostly links: navigation, a headline list
SHORT_MAX = 10  # characters: too short to judge alone (a label, a number, a name)
GOOD_MIN = 30  # characters of a good block: a sentence of running prose
FUNCTION_DENSITY_MIN = 0.04  # prose has 8–15% function characters; a headline list under 4%
LONG_LINKED_MIN = 80  # a block this long with a sentence is prose even if keyword links dot it
CREDIT_MAX = 40  # characters of a staff credit line
QR_APPEAL_MAX = 60  # characters: a longer sentence mentioning a QR code is the article's own
QR_APPEAL = re.compile(r"二维码|二維碼|扫码|掃碼|扫一扫|掃一掃|长按识别|長按識別|长按关注|長按關注")
# Who handled the page rather than wrote the piece: 责任编辑：X, 校对 | X, 排版：X, 题图：X.
STAFF_CREDIT = re.compile(
    r"(?:责任编辑|責任編輯|责编|責編|编辑|編輯|核稿|校对|校對|排版|审核|審核|审校|審校|值班|美编|美編|监制|監製|出品|"
    r"题图|題圖|图片|圖片|摄影|攝影|视觉|視覺|设计|設計)\s*[：:|｜︱/／]?\s*([^\s\]】）)|｜/]{2,12})")
# The label of an abstract box, alone on its line, perhaps behind an emoji or a bracket: 📋 摘要, 【导读】.
ABSTRACT_LABEL = re.compile(r"^\W{0,3}(摘要|导读|導讀|内容提要|內容提要|提要|核心提示|本文导读|本文導讀|编者按|編者按)\W{0,3}$")
REGION_GAP_MAX = 3
FIRST_REGION_SHARE = 0.5  # the first run of text this close to the largest one is the article
LINK_RUN_MIN = 2  # link-dense blocks in a row that end a run of text (a menu, a headline list)
CONTINUATION_CHROME_MAX = 0.2  # a run this free of chrome after a few links continues the article  # bad blocks the article may hold inside it (an ad, a share bar) before it ends


@dataclass(frozen=True)
class Evidence:
    """What a block's text and markup say about it, before any verdict."""

    chars: int  # characters, spaces not counted (a Latin word counts as 2)
    han: int
    sentences: int  # marks that end a sentence
    link_density: float
    function_density: float

    def describe(self) -> str:
        return (f"{self.chars} chars, {self.sentences} sentence mark(s), links {self.link_density:.0%}, "
                f"function words {self.function_density:.0%}")


@dataclass(frozen=True)
class Verdict:
    """A block's class (good, near, short, bad, heading) and why."""

    label: str
    why: str


def measure(block: SourceBlock) -> Evidence:
    """The evidence of one block's text."""
    text = block.text
    han = len(HAN.findall(text))
    latin = LATIN_WORD.findall(text)
    chars = han + 2 * len(latin) + len(SENTENCE_END.findall(text))
    visible = len(re.sub(r"\s+", "", text)) or 1
    return Evidence(
        chars=chars,
        han=han,
        sentences=len(SENTENCE_END.findall(text)),
        link_density=min(block.link_chars / visible, 1.0),
        function_density=sum(ch in FUNCTION_CHARS for ch in text) / han if han else 0.0,
    )


def classify_alone(block: SourceBlock, evidence: Evidence) -> Verdict:
    """A verdict from the block's own evidence (jusText's context-free pass)."""
    if block.hidden:
        return Verdict("bad", "hidden on the page")
    prose = evidence.sentences >= 1 and evidence.chars >= LONG_LINKED_MIN
    if evidence.link_density > LINK_DENSITY_MAX and not prose:
        return Verdict("bad", f"link-dense: {block.links or 1} link(s), {evidence.link_density:.0%} of its text, "
                              f"{'no sentence' if not evidence.sentences else 'short'}")
    if block.container and not block.in_content:
        if prose and evidence.function_density >= FUNCTION_DENSITY_MIN:
            return Verdict("near", f"prose, but in the page's '{block.container}' area")
        return Verdict("bad", f"in the page's '{block.container}' area, not prose")
    if len(block.text) <= QR_APPEAL_MAX and QR_APPEAL.search(block.text):
        return Verdict("bad", "an appeal to scan a QR code or follow an account")
    if len(block.text) <= CREDIT_MAX and STAFF_CREDIT.match(block.text.strip(" []【】")):
        return Verdict("bad", "a credit for the page's staff (editor, proofreader, layout, photos)")
    if block.kind == "heading":
        return Verdict("heading", f"a level-{block.level or 2} heading")
    if ABSTRACT_LABEL.match(block.text.strip()):
        return Verdict("near", "the label of an abstract above the text")
    if evidence.chars <= SHORT_MAX:
        return Verdict("short", "too short to judge alone")
    if (evidence.sentences >= 1 and evidence.chars >= GOOD_MIN
            and (evidence.function_density >= FUNCTION_DENSITY_MIN or not evidence.han)):
        return Verdict("good", "prose: " + evidence.describe())
    if evidence.sentences or evidence.chars >= GOOD_MIN:
        return Verdict("near", "sentence-like but short or sparse: " + evidence.describe())
    return Verdict("short", "a label or headline: no sentence mark")


def _without_prose(verdicts: list[Verdict]) -> list[Verdict]:
    """A page with no block of prose (short lines, a poem, a list): its blocks that are neither links nor
    in a chrome container stand for the article, so that no text is lost because none of it is long."""
    return [Verdict("good", f"text on a page without longer prose ({verdict.why})")
            if verdict.label in ("near", "short") else verdict for verdict in verdicts]


def _nearest(labels: list[str], skip: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """For every block, the nearest label before it and after it that is not in ``skip``; the page's edges
    are bad. One pass each way, so a page of thousands of short blocks costs no more than their number."""
    before, after = [""] * len(labels), [""] * len(labels)
    seen = "bad"
    for i, label in enumerate(labels):
        before[i] = seen
        seen = seen if label in skip else label
    seen = "bad"
    for i in range(len(labels) - 1, -1, -1):
        after[i] = seen
        seen = seen if labels[i] in skip else labels[i]
    return before, after


def revise_by_neighbours(verdicts: list[Verdict]) -> list[Verdict]:
    """jusText's context-sensitive pass: the neighbours decide short, near-good and heading blocks."""
    labels = [verdict.label for verdict in verdicts]
    revised = list(verdicts)
    clear_before, clear_after = _nearest(labels, ("short", "near", "heading"))  # the nearest good or bad
    any_before, any_after = _nearest(labels, ("short", "heading"))  # near-good counts too
    for i, label in enumerate(labels):
        if label == "heading":
            keep = any_after[i] in ("good", "near") or clear_after[i] == "good"
            revised[i] = Verdict("good" if keep else "bad",
                                 "a heading over the article's text" if keep else "a heading over no article text")
        elif label != "short":
            continue
        elif clear_before[i] == clear_after[i] == "good":
            revised[i] = Verdict("good", "short, between paragraphs of the article")
        elif clear_before[i] == clear_after[i] == "bad":
            revised[i] = Verdict("bad", "short, among page chrome")
        elif "good" in (clear_before[i], clear_after[i]) and "near" in (any_before[i], any_after[i]):
            revised[i] = Verdict("good", "short, beside the article's text")
        else:
            revised[i] = Verdict("bad", "short, at the article's edge beside page chrome")
    labels = [verdict.label for verdict in revised]
    near_before, near_after = _nearest(labels, ("near",))
    for i, label in enumerate(labels):
        if label == "near":
            good = not (near_before[i] == near_after[i] == "bad")
            revised[i] = Verdict("good" if good else "bad",
                                 ("sentence-like, beside the article's text" if good else
                                  "sentence-like, but among page chrome") + f" ({verdicts[i].why})")
    return revised


@dataclass
class _Run:
    """A run of good blocks (with a few bad ones inside) that may be the article."""

    first: int
    last: int
    chars: int = 0
    good: int = 0
    bad: int = 0
    after_links: bool = False  # it follows a run of links, not a long stretch of chrome

    @property
    def chrome_share(self) -> float:
        return self.bad / (self.good + self.bad)

    @property
    def score(self) -> float:
        return self.chars * (1 - self.chrome_share)


def _runs(verdicts: list[Verdict], evidence: list[Evidence]) -> list[_Run]:
    """Runs of good blocks, cut where more than REGION_GAP_MAX bad blocks stand in a row, or where
    LINK_RUN_MIN link-dense blocks do (a headline list is never inside an article's sentence flow)."""
    runs: list[_Run] = []
    run: _Run | None = None
    gap = links = 0
    for i, verdict in enumerate(verdicts):
        if verdict.label == "good":
            if run is None:
                run = _Run(i, i, after_links=links >= LINK_RUN_MIN and bool(runs))
            elif links >= LINK_RUN_MIN:
                runs.append(run)
                run = _Run(i, i, after_links=True)
            run.bad += gap if run.good else 0
            run.last, run.chars, run.good = i, run.chars + evidence[i].chars, run.good + 1
            gap = links = 0
            continue
        gap += 1
        links = links + 1 if evidence[i].link_density > LINK_DENSITY_MAX else 0
        if run is not None and gap > REGION_GAP_MAX:
            runs.append(run)
            run = None
    if run is not None:
        runs.append(run)
    return runs


def _merge_continuations(runs: list[_Run]) -> list[_Run]:
    """Put back together an article that a short list of links cut (相关阅读 inside the text): the run after
    the links continues it when it is clean prose, not teasers alternating with headline links."""
    merged: list[_Run] = []
    for run in runs:
        if merged and run.after_links and run.chrome_share < CONTINUATION_CHROME_MAX \
                and merged[-1].chrome_share < CONTINUATION_CHROME_MAX:
            previous = merged[-1]
            gap = run.first - previous.last - 1
            merged[-1] = _Run(previous.first, run.last, previous.chars + run.chars, previous.good + run.good,
                              previous.bad + run.bad + gap, previous.after_links)
        else:
            merged.append(run)
    return merged


def article_region(verdicts: list[Verdict], evidence: list[Evidence]) -> tuple[int, int] | None:
    """First and last index of the article; None when no block is good.

    Runs of good blocks are scored by their characters, discounted by the share of chrome inside
    them: a list of teasers (a headline link, a paragraph, a headline link…) holds much text but
    as much chrome. The article is the first run scoring at least FIRST_REGION_SHARE of the best:
    pages print the article before their lists of other stories.
    """
    runs = _merge_continuations(_runs(verdicts, evidence))
    if not runs:
        return None
    best = max(run.score for run in runs)
    chosen = next(run for run in runs if run.score >= FIRST_REGION_SHARE * best)
    return chosen.first, chosen.last


@dataclass(frozen=True)
class Classified:
    """A block with its evidence, its verdict, and whether it stands in the article's region."""

    block: SourceBlock
    evidence: Evidence
    verdict: Verdict
    place: str  # "head" (before the article), "article", "tail" (after it)


def classify_blocks(blocks: list[SourceBlock]) -> list[Classified]:
    """Every block with its evidence, its verdict after the neighbours' pass, and its place on the page."""
    evidence = [measure(block) for block in blocks]
    alone = [classify_alone(block, ev) for block, ev in zip(blocks, evidence)]
    if not any(verdict.label == "good" for verdict in alone):
        alone = _without_prose(alone)
    verdicts = revise_by_neighbours(alone)
    region = article_region(verdicts, evidence)
    first, last = region if region is not None else (len(blocks), len(blocks) - 1)
    places = ["head" if i < first else "tail" if i > last else "article" for i in range(len(blocks))]
    return [Classified(block, ev, verdict, place)
            for block, ev, verdict, place in zip(blocks, evidence, verdicts, places)]

"""Slips of an earlier conversion: half-width punctuation in Chinese, ``-体化`` for 一体化, a stray ``and``."""

from __future__ import annotations

import re
from functools import lru_cache

from .draft import CJK_PUNCT, HAN

# Latin and number runs that own their punctuation: URLs, e-mail, versions, ratios, times.
# Each alternative starts only where its run starts (the lookbehinds), so a long run without
# a match is scanned once, not once from each of its characters; an address is ASCII (``\w``
# would take a whole line of Han characters for the part before an ``@``).
_PROTECTED = re.compile(r"(?:https?://|www\.)[^\s\u3000-\u303f\uff00-\uffef]+"
                        r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.]+"
                        r"|(?<!\d)\d+(?:[.:/,]\d+)+")
_CJK = f"[{HAN}{CJK_PUNCT}]"
_WIDE = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
# (The spaces before a mark are taken only from where their run starts: scanning a long run of
# spaces from each of its characters would take time as the square of its length.)
_MARK_BESIDE_CJK = re.compile(rf"(?<={_CJK}) *([,:;!?]) *|(?:(?<! ) +)?([,:;!?]) *(?={_CJK})")
_PARENS = re.compile(r"\(([^()]*)\)")


def _protect(text: str) -> tuple[str, list[str]]:
    """Swap URLs, e-mail addresses and number runs for placeholders, so nothing inside them changes."""
    kept: list[str] = []

    def hold(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    return _PROTECTED.sub(hold, text), kept


def _restore(text: str, kept: list[str]) -> str:
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


def _widen_parens(match: re.Match[str]) -> str:
    """Full-width parentheses unless they hold a Latin phrase of several words (``(AI for Investment)``)."""
    inside = match.group(1)
    if " " in inside.strip() and not re.search(f"[{HAN}]", inside):
        return match.group(0)
    return f"（{inside}）"


def widen_punctuation(text: str) -> str:
    """Turn half-width ``, : ; ! ? ( )`` beside Chinese into their full-width forms, dropping the space around them.

    Leaves them alone inside Latin and number runs (``GPT-4.5``, ``3.2GHz``, ``1/10``, ``1,000``), in URLs,
    and around a Latin phrase in parentheses (``(AI for Investment)``).

    >>> widen_punctuation("當前,全球正處在交匯點,人工智能(AI)作為引領這場變革的核心技術")
    '當前，全球正處在交匯點，人工智能（AI）作為引領這場變革的核心技術'
    >>> widen_punctuation("机遇一:产业智能化, 主频最高达到 3.2GHz, 见 https://example.org/a?b=1")
    '机遇一：产业智能化，主频最高达到 3.2GHz，见 https://example.org/a?b=1'
    """
    if not re.search(f"[{HAN}]", text):
        return text
    text, kept = _protect(text)
    # A widened mark makes its half-width neighbour "beside Chinese" too (",,人", "((注))"): repeat until stable.
    while (wider := _widen_once(text)) != text:
        text = wider
    return _restore(text, kept)


def _widen_once(text: str) -> str:
    text = _PARENS.sub(_widen_parens, text)
    return _MARK_BESIDE_CJK.sub(lambda m: _WIDE[m.group(1) or m.group(2)], text)


class _Words:
    """Words of jieba's dictionary and CC-CEDICT (both scripts), answered without copying either."""

    def __init__(self) -> None:
        import jieba

        from ..dictionary import Dictionary

        jieba.initialize()
        self._jieba = jieba.dt.FREQ
        self._cedict = Dictionary.load()  # shared with the annotate stage, parsed once per process

    def __contains__(self, word: str) -> bool:
        return bool(self._jieba.get(word)) or word in self._cedict


@lru_cache(maxsize=1)
def _dictionary() -> _Words:
    return _Words()


# A hyphen that links words into a chain (科技-産業-金融) has another hyphen a short word away.
_LIST_AFTER = re.compile(rf"[{HAN}]{{1,4}}-")
_LIST_BEFORE = re.compile(rf"-[{HAN}]{{1,4}}$")
_HYPHEN_FOR_YI = re.compile(rf"(?:(?<=[{HAN}{CJK_PUNCT}])|^)-(?=[{HAN}])")


def restore_hyphenated_yi(text: str) -> str:
    """Turn a hyphen that stands for 一 back into 一 (``的-体化生产`` -> ``的一体化生产``).

    Only when 一 and the two or three characters after the hyphen make a dictionary word (jieba or
    CC-CEDICT), and the hyphen is not one link of a list (``科技-産業-金融``) or a Latin run (``GPT-4``).

    >>> restore_hyphenated_yi("实现从裁剪、车缝、整烫到仓储配对的-体化生产流程")
    '实现从裁剪、车缝、整烫到仓储配对的一体化生产流程'
    >>> restore_hyphenated_yi("構建“精準滴灌”式科技-産業-金融新循環")
    '構建“精準滴灌”式科技-産業-金融新循環'
    """
    if "-" not in text:
        return text

    def repair(match: re.Match[str]) -> str:
        after = text[match.end() : match.end() + 3]
        if _LIST_AFTER.match(text, match.end()) or _LIST_BEFORE.search(text, 0, match.start()):
            return "-"  # a hyphenated list such as 科技-産業-金融
        words = _dictionary()
        return "一" if any("一" + after[:n] in words for n in (3, 2)) else "-"

    return _HYPHEN_FOR_YI.sub(repair, text)


_STRAY_CONJUNCTION = re.compile(rf"(?<=[{HAN}{CJK_PUNCT}]) *\b(and|or|AND|OR)\b *(?=[{HAN}])")


def replace_stray_conjunctions(text: str) -> str:
    """Turn an English ``and``/``or`` left between Chinese words into 和/或.

    Leaves ``and``/``or`` between Latin words (``R and D``, ``AI for Investment``) alone.

    >>> replace_stray_conjunctions("开展多维度、多阶段系统布局 and 强化政策支持")
    '开展多维度、多阶段系统布局和强化政策支持'
    """
    return _STRAY_CONJUNCTION.sub(lambda m: "和" if m.group(1).lower() == "and" else "或", text)

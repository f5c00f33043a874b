"""Spam injected after an article's natural end (an obscene or advertising line appended to the page).

No single signal is trusted: a line is spam only when several agree. The signals are its
position (after the author note, source line or editor credit, or the last line of the file),
no sentence punctuation, a script other than the document's, no word shared with the article,
a link or contact number, and a hit in a small lexicon of spam words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Set
from functools import lru_cache

from .draft import END_MARKER, HAN, Draft, has_sentence_punct

# Rules whose removals also mark an article's end (the editor line, the copyright footer, …).
END_RULES = ("remove_editor_credits", "remove_copyright_footers", "remove_share_boxes", "remove_follow_prompts",
             "remove_action_buttons", "remove_paywall_prompts")
SPAM_WORDS = (
    "啪啪", "高潮", "喷出", "色情", "成人网", "成人视频", "约炮", "裸聊", "一夜情", "无码", "援交", "偷拍",
    "博彩", "赌场", "百家乐", "六合彩", "时时彩", "棋牌", "娱乐城", "代孕", "办证", "发票代开", "迷药",
)
_CONTACT = re.compile(r"(?:https?://|www\.|\.com\b|\.net\b|\.cc\b|QQ|微信号|加微|\d{7,})", re.IGNORECASE)
SPAM_THRESHOLD = 3
_HAN_RUN = re.compile(f"[{HAN}]+")


@lru_cache(maxsize=4096)
def _script_of_char(char: str) -> str:
    """ "hant" or "hans" for a character only one script writes, else ""."""
    if _converter("t2s").convert(char) != char:
        return "hant"
    if _converter("s2t").convert(char) != char:
        return "hans"
    return ""


def _converter(kind: str):
    from ..conversion import converter

    return converter(kind)


def script_of(text: str) -> str:
    """The script ``text`` is written in: "hant", "hans", or "" when nothing tells.

    >>> script_of("制度賦能“人工智能+”"), script_of("男女网站"), script_of("人工智能")
    ('hant', 'hans', '')
    """
    counts = {"hant": 0, "hans": 0, "": 0}
    for char in text:
        counts[_script_of_char(char)] += 1
    if counts["hant"] == counts["hans"]:
        return ""
    return "hant" if counts["hant"] > counts["hans"] else "hans"


def _words(text: str) -> frozenset[str]:
    """Chinese words of two or more characters, in Simplified script so both scripts compare.

    Words never run across a line (OpenCC and the runs of Chinese characters both stop at
    a line break), so a text's words are its lines' words, and each line is cut once however
    many passes and articles it is part of.
    """
    return frozenset().union(*map(_line_words, text.split("\n")))


@lru_cache(maxsize=4096)
def _line_words(line: str) -> frozenset[str]:
    import jieba

    simplified = _converter("t2s").convert(line)
    return frozenset(word for run in _HAN_RUN.findall(simplified) for word in jieba.lcut(run) if len(word) >= 2)


def spam_signals(line: str, article_words: Set[str], script: str) -> list[str]:
    """The signals that call ``line`` spam, given the article's words and script.

    >>> spam_signals("男女啪啪激烈高潮喷出网站", {"制度", "人工智能"}, "hant")
    ['no sentence punctuation', 'written in the other script', 'shares no word with the article', 'spam vocabulary']
    """
    return _signals(line, lambda: article_words, script)


def _signals(line: str, article_words: Callable[[], Set[str]], script: str, needed: int = 0) -> list[str]:
    """spam_signals, asking for the article's words only when the line's other signals could reach ``needed``
    with that one (a line that cannot be spam whatever the article says is not compared with it)."""
    no_punctuation = not has_sentence_punct(line)
    other_script = bool(script) and script_of(line) not in ("", script)
    contact = bool(_CONTACT.search(line))
    simplified = _converter("t2s").convert(line)
    vocabulary = any(word in simplified for word in SPAM_WORDS)
    others = no_punctuation + other_script + contact + vocabulary
    no_shared_word = (others + 1 >= needed and bool(_HAN_RUN.search(line))
                      and not (_words(line) & article_words()))
    signals = (
        ("no sentence punctuation", no_punctuation),
        ("written in the other script", other_script),
        ("shares no word with the article", no_shared_word),
        ("carries a link or contact number", contact),
        ("spam vocabulary", vocabulary),
    )
    return [signal for signal, present in signals if present]


def _article_end(draft: Draft) -> int:
    """The source line number after which the article is over (0 when nothing marks the end)."""
    ends = [number for change in draft.changes if change.rule in END_RULES and change.action == "removed"
            for number in change.lines]
    ends += [line.number for line in draft.lines if END_MARKER.match(line.text.strip())]
    return max(ends, default=0)


def _suspects(draft: Draft) -> list[int]:
    """Lines after the article's end, or the last line when nothing marks the end (hint lines excepted)."""
    filled = [i for i, line in enumerate(draft.lines) if line.text.strip() and not line.hint]
    if len(filled) < 2:
        return []
    end = _article_end(draft)
    if end == 0:
        return [filled[-1]]
    return [i for i in filled if draft.lines[i].number > end]


def _remove_once(draft: Draft) -> bool:
    """Remove the suspects that enough signals agree on; True when something was removed."""
    suspects = _suspects(draft)
    if not suspects:
        return False
    article = "\n".join(line.text for i, line in enumerate(draft.lines) if i not in suspects)
    script = script_of(article)
    words: list[frozenset[str]] = []  # the article's words, cut only if some suspect needs them

    def article_words() -> frozenset[str]:
        if not words:
            words.append(_words(article))
        return words[0]

    groups = []
    for i in suspects:
        signals = _signals(draft.lines[i].text, article_words, script, needed=SPAM_THRESHOLD)
        if len(signals) >= SPAM_THRESHOLD:
            groups.append(([i], "spam after the article: " + ", ".join(signals)))
    draft.remove_groups(groups)
    return bool(groups)


def remove_trailing_spam(draft: Draft) -> None:
    """Remove lines after the article's end that several spam signals agree on.

    Repeats until nothing more goes, so that spam hidden behind spam goes too. A bare author
    biography, or any sentence sharing the article's words, stays.
    """
    while _remove_once(draft):
        pass


remove_trailing_spam.idempotent = True  # type: ignore[attr-defined]

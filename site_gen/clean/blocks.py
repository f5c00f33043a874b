"""Chrome that runs over several lines: an ad label with its slogan, a list of unrelated headlines."""

from __future__ import annotations

import re

from .draft import END_MARKER, Draft

_AD_LABEL = re.compile(
    r"^[【\[（(]?\s*(?:公益宣传|公益宣傳|公益广告|公益廣告|广告|廣告|推广|推廣|赞助|贊助|商业推广|商業推廣|AD|Advertisement)"
    r"\s*[】\]）)]?$",
    re.IGNORECASE,
)
_AD_PREFIX = re.compile(r"^[【\[（(]\s*(?:广告|廣告|推广|推廣|赞助|贊助|AD)\s*[】\]）)]", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[。！？]")
SLOGAN_MAX = 40


def _is_slogan(text: str) -> bool:
    """A short line that is not a sentence: the headline of an ad."""
    return 0 < len(text) <= SLOGAN_MAX and not _SENTENCE_END.search(text)


def remove_ad_blocks(draft: Draft) -> None:
    """Remove ad blocks: a label line (``公益宣传``, ``广告``) with the slogan headline after it,
    and lines that announce themselves as ads (``【广告】…``).

    A sentence that uses 公益 or 广告 in its ordinary sense is not a label line and stays.
    """
    groups = []
    for i, line in enumerate(draft.lines):
        text = line.text.strip()
        if _AD_PREFIX.match(text):
            groups.append(([i], "a line marked as an advertisement"))
        elif _AD_LABEL.match(text):
            slogan = draft.next_text(i)
            take = [i] + ([slogan] if slogan is not None and _is_slogan(draft.lines[slogan].text.strip()) else [])
            groups.append((take, "advertisement block: its label and slogan"))
    draft.remove_groups(groups)


remove_ad_blocks.idempotent = True  # type: ignore[attr-defined]

_SIDEBAR_LABEL = re.compile(
    r"^[【\[■▌|]?\s*(?:相关阅读|相關閱讀|延伸阅读|延伸閱讀|热门推荐|熱門推薦|相关新闻|相關新聞|推荐阅读|推薦閱讀|猜你喜欢|猜你喜歡|"
    r"热点新闻|熱點新聞|更多精彩|精彩推荐|精彩推薦|往期回顾|往期回顧|往期推荐|往期推薦|热门文章|熱門文章|相关文章|相關文章|"
    r"最新文章|编辑推荐|編輯推薦|更多阅读|更多閱讀|热读|熱讀|热门新闻|熱門新聞|相关报道|相關報道)\s*[】\]]?\s*[:：]?$"
)
# An article heading ("二、…", "（三）…", "第四，…") ends a sidebar: the article resumes.
_SECTION_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[，、：:])")
HEADLINE_MAX = 40


def _is_headline_item(text: str) -> bool:
    """A line of a headline list: short, not a sentence, not the start of an article section."""
    return (0 < len(text) <= HEADLINE_MAX and not _SENTENCE_END.search(text.rstrip("？?"))
            and not _SECTION_START.match(text) and not END_MARKER.match(text))


def remove_related_sidebars(draft: Draft) -> None:
    """Remove "related reading" sidebars: the label (``相关阅读``, ``延伸閱讀``) and the short headlines listed under it.

    The list ends at the first sentence or article heading, which stays.
    """
    groups = []
    i = 0
    while i < len(draft.lines):
        if not _SIDEBAR_LABEL.match(draft.lines[i].text.strip()):
            i += 1
            continue
        take = [i]
        j = draft.next_text(i)
        while j is not None and _is_headline_item(draft.lines[j].text.strip()):
            take.append(j)
            j = draft.next_text(j)
        groups.append((take, "sidebar of unrelated headlines"))
        i = take[-1] + 1
    draft.remove_groups(groups)


remove_related_sidebars.idempotent = True  # type: ignore[attr-defined]

# What opens the readers' comments under an article: a label, or a forum reply's floor (沙发, 2楼, #3).
_THREAD_LABEL = re.compile(
    r"^[【\[]?\s*(?:热门跟帖|熱門跟帖|跟帖评论|跟帖評論|热门评论|熱門評論|精彩评论|精彩評論|最新评论|最新評論|全部评论|全部評論|"
    r"精选留言|精選留言|网友评论|網友評論|读者评论|讀者評論|评论区|評論區|全部回复|全部回覆|热门回复|熱門回覆)\s*[】\]]?\s*(?:[（(]?\d+[)）]?)?\s*[:：]?$"
)
_REPLY_FLOOR = re.compile(r"^(?:沙发|沙發|板凳|地板|\d{1,4}\s*楼|\d{1,4}\s*樓|#\d{1,4}|\d{1,4}#)(?:$|[\s:：])")
COMMENT_MAX = 200  # a reader's comment is short; a long paragraph after the label means the article goes on


def remove_comment_threads(draft: Draft) -> None:
    """Remove the readers' comments under an article: from their label (``热门跟帖``, ``精选留言``) or the
    first reply's floor (``沙发``, ``2楼``) to the end of the page.

    Only when every line after it is comment-sized: the article never resumes below its comments.
    """
    filled = [i for i, line in enumerate(draft.lines) if line.text.strip()]
    for at, i in enumerate(filled):
        text = draft.lines[i].text.strip()
        if not (_THREAD_LABEL.match(text) or _REPLY_FLOOR.match(text)) or at == 0:
            continue
        rest = filled[at:]
        if all(len(draft.lines[j].text.strip()) <= COMMENT_MAX and not END_MARKER.match(draft.lines[j].text.strip())
               for j in rest):
            draft.remove(rest, "readers' comments under the article")
            return


remove_comment_threads.idempotent = True  # type: ignore[attr-defined]

# A headline with its date glued on or set after it: 标题2015/07/01, 标题 2025-06-12 09:30, 标题（06-12）.
_DATED_HEADLINE = re.compile(
    r"^(?P<headline>[^。！？!?]{4,60}?)\s*[（(\[]?(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/]\d{1,2})"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?[）)\]]?$")
DATED_HEADLINES_MIN = 2  # one dated line may be the article's own closing date


def remove_dated_headline_lists(draft: Draft) -> None:
    """Remove a list of other stories' headlines, each with its date, left at the end of a page.

    An extractor keeps the "related news" list under an article as lines like
    ``内地与香港基金互认今日启动2015/07/01``. Only a run of two or more such lines at the very
    end goes: a single dated line may close the article (a signature's date).
    """
    filled = [i for i, line in enumerate(draft.lines) if line.text.strip()]
    run: list[int] = []
    for i in reversed(filled):
        if not _DATED_HEADLINE.match(draft.lines[i].text.strip()) or draft.lines[i].hint in ("date", "title"):
            break
        run.append(i)
    if len(run) >= DATED_HEADLINES_MIN and len(run) < len(filled):
        draft.remove(sorted(run), "a list of other stories' headlines with their dates, after the article")


remove_dated_headline_lists.idempotent = True  # type: ignore[attr-defined]

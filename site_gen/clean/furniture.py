"""Page furniture that is not the article: buttons and counters, paywalls, page numbers, running
headers, signatures, edit stamps and a government page's metadata table.

Like the rest of the chrome, furniture is recognised by the words sites use for it and by the
shape of the line (short, not a sentence); a paragraph that mentions 评论 or 订阅 stays.
"""

from __future__ import annotations

import re
from .draft import Draft, drop_lines_matching, has_sentence_punct

SHORT = 60

# Button labels under an article, alone or several in a row, perhaps with a count (点赞 328).
_BUTTON = (
    r"(?:\+\s*)?(?:已关注|关注|關注|举报|舉報|点赞|點讚|點贊|赞同|贊同|赞|讚|评论|評論|留言|收藏|分享|转发|轉發|喜欢|喜歡|"
    r"在看|打赏|打賞|阅读|閱讀|跟帖|参与|參與|添加评论|添加評論|申请转载|申請轉載|回复|回覆|引用|只看该作者|只看該作者|"
    r"小字号|大字号|中字号|字号|字號|打印|列印|首页|首頁|展开全文|展開全文|复制链接|複製連結|上一页|下一页|上一頁|下一頁)"
)
_COUNT = r"(?:\d+(?:\.\d+)?\s*[万萬千kKwW]?\+?)"
_BUTTON_ROW = re.compile(rf"^(?:(?:{_BUTTON}\s*{_COUNT}?|{_COUNT}\s*{_BUTTON})[\s|｜·・/]*)+$")
# "1.2万阅读", "326 人赞同了该文章": a counter with its unit.
_COUNTER = re.compile(rf"^{_COUNT}\s*(?:人|次)?\s*(?:阅读|閱讀|浏览|瀏覽|播放|赞同了该文章|贊同了該文章|赞同|点赞|评论|收藏)$")


def _is_button_row(text: str) -> bool:
    """True for a row of button labels or a bare counter; never for a sentence."""
    return len(text) <= SHORT and not has_sentence_punct(text) and bool(_BUTTON_ROW.match(text) or _COUNTER.match(text))


# A count printed under a button without its label (``举报`` / ``0``, ``+1`` / ``4``).
_BARE_COUNT = re.compile(rf"^\+?{_COUNT}$")


_LONE_LABEL = re.compile(rf"^{_BUTTON}$")


def _is_button(draft: Draft, index: int) -> bool:
    """A button row; a lone word without a count (阅读, 分享) only at the page's edge, for in the text it is a word."""
    text = draft.lines[index].text.strip()
    return _is_button_row(text) and (not _LONE_LABEL.match(text) or draft.at_page_edge(index))


def remove_action_buttons(draft: Draft) -> None:
    """Remove rows of buttons and counters (``关注``, ``点赞 328``, ``1.2万阅读``, ``回复 | 引用 | 举报``),
    and bare counts printed beside them (``+1``, ``0``); a number between paragraphs stays, and so does a
    word of a list the article introduced (``三件事：`` / ``阅读`` / ``分享``)."""
    filled = [i for i, line in enumerate(draft.lines) if line.text.strip()]
    buttons = {i for i in filled if _is_button(draft, i)}
    counts = {i for i in filled if _BARE_COUNT.match(draft.lines[i].text.strip())}
    doomed = set(buttons)
    while near := {i for i in counts - doomed if _beside(filled, i, doomed)}:
        doomed |= near  # +1 / 4 / 收藏: a count reaches the buttons through the counts beside it
    doomed = sorted(doomed)
    draft.remove_groups([([i], "buttons and counters of the page (like, share, report, follow)") for i in doomed])


remove_action_buttons.idempotent = True  # type: ignore[attr-defined]


def _beside(filled: list[int], index: int, others: set[int]) -> bool:
    """True when the filled line before or after ``index`` is one of ``others``."""
    at = filled.index(index)
    return any(0 <= near < len(filled) and filled[near] in others for near in (at - 1, at + 1))

_PAYWALL = re.compile(
    r"(?:付费内容|付費內容|登录后阅读|登錄後閱讀|登入後閱讀|(?:订阅|訂閱|购买|購買).{0,12}(?:阅读|閱讀)全文|(?:阅读|閱讀)全文(?=\s*(?:$|[>》→…。！!]))|"
    r"已有账号|已有帳號|已有账户|已有帳戶|开通会员|開通會員|(?:订阅|訂閱)\s*[￥¥$]|(?:会员|會員).{0,4}(?:畅读|暢讀)|试读结束|試讀結束|"
    r"剩余\d+%|剩餘\d+%|付费墙|付費牆|已是(?:会员|會員)|(?:月费|月費|年费|年費)\s*(?:HK|NT|US)?[＄$￥¥])"
)
remove_paywall_prompts = drop_lines_matching(
    re.compile(rf"^(?=.*{_PAYWALL.pattern})[^。！]{{0,{SHORT}}}[。！]?$"), "paywall prompt (subscribe or log in to read on)")
remove_paywall_prompts.__doc__ = (
    "Remove paywall prompts (``登录后阅读全文``, ``订阅 ￥98/年``, ``已有账号？登录``); "
    "a sentence about subscriptions is longer or has more than one clause and stays."
)

_EDIT_STAMP = re.compile(
    r"^本帖最[后後]由.{0,40}[编編][辑輯]$|"
    r"^(?:编辑于|編輯於|发布于|發佈於|发表于|發表於)\s*[\d\-/:年月日\s]{6,}.{0,20}$|^IP\s*属地|^IP\s*屬地"
)
remove_edit_stamps = drop_lines_matching(_EDIT_STAMP, "edit stamp of a forum or column page")
remove_edit_stamps.__doc__ = "Remove edit stamps (``本帖最后由 … 编辑``, ``编辑于 2025-02-18・IP 属地上海``)."

_PAGE_NUMBER = re.compile(
    r"^(?:[—–\-－]+\s*\d{1,4}\s*[—–\-－]+|第\s*\d{1,4}\s*[页頁](?:\s*[/／，,]?\s*共\s*\d{1,4}\s*[页頁])?|"
    r"\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s+\d{1,4}(?:\s+of\s+\d{1,4})?)$"
)
remove_page_numbers = drop_lines_matching(_PAGE_NUMBER, "page number of a printed or PDF page")
remove_page_numbers.__doc__ = "Remove page numbers on a line of their own (``— 3 —``, ``第 3 页 共 12 页``, ``Page 3``)."

RUNNING_HEADER_MIN = 3  # a short line printed this often is the page's header, not the text
PAGE_MIN_LINES = 4  # a page holds at least this many lines: a refrain repeats closer than that


def _spread_apart(places: list[int]) -> bool:
    """True when every repeat stands a page's length after the one before (a header), not in one verse."""
    return all(later - earlier >= PAGE_MIN_LINES for earlier, later in zip(places, places[1:]))



def remove_running_headers(draft: Draft) -> None:
    """Remove running headers: a short line that is not a sentence, printed again and again (on every page).

    A heading appears once; a title repeated once above the text is the structure stage's to drop; a refrain
    repeated within a few lines (a poem, a song) is text.
    """
    filled = [i for i, line in enumerate(draft.lines) if line.text.strip() and not line.hint]
    places: dict[str, list[int]] = {}
    for at, i in enumerate(filled):
        places.setdefault(draft.lines[i].text.strip(), []).append(at)
    headers = {text for text, at in places.items() if len(at) >= RUNNING_HEADER_MIN and len(text) <= 40
               and not has_sentence_punct(text) and _spread_apart(at)}
    doomed = [i for i in filled if draft.lines[i].text.strip() in headers]
    draft.remove_groups([(doomed, "running header repeated on every page")])


remove_running_headers.idempotent = True  # type: ignore[attr-defined]

_SIGNATURE_DELIMITER = re.compile(r"^(?:--|-- |——)$")
SIGNATURE_MAX_LINES = 4


def remove_signatures(draft: Draft) -> None:
    """Remove a signature block: the ``--`` delimiter and the few short lines after it, up to a blank line.

    Forum and mail software print a poster's motto and links there, under every post.
    """
    groups = []
    for i, line in enumerate(draft.lines):
        if not _SIGNATURE_DELIMITER.match(line.text.strip()):
            continue
        take = [i]
        for j in range(i + 1, min(len(draft.lines), i + 1 + SIGNATURE_MAX_LINES)):
            text = draft.lines[j].text.strip()
            if not text or len(text) > SHORT:
                break
            take.append(j)
        if len(take) > 1:
            groups.append((take, "signature block under a post"))
    draft.remove_groups(groups)


remove_signatures.idempotent = True  # type: ignore[attr-defined]

# The metadata table a government page prints above a document (索引号、发文机关、成文日期…).
_METADATA_LABEL = re.compile(
    r"^(?:索\s*引\s*号|索取号|主题分类|主題分類|主\s*题\s*词|发文机关|發文機關|发布机构|發布機構|成文日期|发布日期|發布日期|"
    r"发文字号|發文字號|文\s*号|标\s*题|標\s*題|有\s*效\s*性|公开方式|体裁分类|组配分类|生效日期|废止日期)\s*[:：]"
)
_WRITTEN_ON = re.compile(r"(?:成文日期|发布日期|發布日期)\s*[:：]\s*(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})")


def take_document_metadata(draft: Draft) -> None:
    """Remove a government page's metadata table (two or more ``索引号：…`` lines), keeping its date.

    The date the document was written (成文日期, else 发布日期) becomes a date hint line; the title
    and number are printed again above the document itself.
    """
    rows = [i for i, line in enumerate(draft.lines) if _METADATA_LABEL.match(line.text.strip())]
    if len(rows) < 2:
        return
    dated = next((i for i in rows if _WRITTEN_ON.search(draft.lines[i].text)), None)
    if dated is not None:
        year, month, day = (int(part) for part in _WRITTEN_ON.search(draft.lines[dated].text).groups())
        draft.repair(dated, f"{year:04d}-{month:02d}-{day:02d}", "the document's date, from the page's metadata table",
                     action="moved", hint="date")
    draft.remove_groups([([i for i in rows if i != dated], "metadata table of a government page")])


take_document_metadata.idempotent = True  # type: ignore[attr-defined]

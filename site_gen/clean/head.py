"""Choose an essay's title, authors and date among what a page offers, never from its chrome.

A page says these things several times and the sayings disagree: ``<title>`` adds the site's name
(``标题_教育频道_中国青年网``), ``<meta name=author>`` often holds the web editor, front matter
holds the time an archiver saved the page, a WeChat copy names the account where a person's name
belongs. The page's own headline and byline, shown to its readers, are the best evidence; the
head's metadata comes next; the envelope a saving tool added comes last. Each choice keeps where
it came from, for the source notes.

Authors are people or a collective credit, never an editor (责任编辑, 校对), a site or
publication (网易, 東森財經), an account (公众号), or a form's placeholder (``name``, an e-mail).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Candidate
from ..structure.bylines import read_byline
from ..structure.meta import read_meta_line
from ..structure.notes import iso_date
from .classify import STAFF_CREDIT, Classified

# A page <title> adds the site's name after the article's: 标题_新浪新闻, 标题 - 网易, 标题 | 端傳媒.
_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜—–]|\s-\s|\s-(?=\S)|--)\s*[^_|｜—–]{1,24}$")
# A column label before a headline: 【中国稳健前行】…, 专家谈 | …
_COLUMN_LABEL = re.compile(r"^(?:【[^】]{1,16}】|[^\s|｜：:]{2,8}\s*[|｜]\s*)(?=\S)")
_URL = re.compile(r"^(?:https?:)?//|^www\.")
_BRACKETED = re.compile(r"^[【（(\[].*[】）)\]]$")  # 【作者单位：…】, （记者 王鹏）: a note, not a headline
_TITLE_SEPARATORS = "-_|｜—–·:： "
TITLE_MIN = 5  # characters: shorter title-like lines are labels (東森財經, 閱讀全文)
TITLE_MAX = 80
_SENTENCE_END = re.compile(r"[。！!；;]")

# A labelled author credit: 作者：X, 文 | X, 作者︱X, 撰文：X, 记者 X; the name ends at a separator or a date.
_AUTHOR_LABEL = re.compile(
    r"(?:作\s*者\s*[：:|｜︱/／]"  # 作者： is a label wherever it stands (来源：某报作者：马骏)
    r"|(?:^|(?<=[\s\u3000\d:：|｜/／]))(?:(?:文|撰文|撰稿|执笔|執筆|记者|記者|编译|編譯)\s*[：:|｜︱/／]"
    r"|(?:本报|本報|本台|本刊|本网|本網|特约|特約|见习|見習)?(?:记者|記者)|(?:作者|特约撰稿人|特約撰稿人)(?=\s)))\s*")
_NAME_END = re.compile(r"\s{2,}|[\u3000/／|｜︱，,。；;（(]|\d|(?:报道|報導|報道|发自|發自|校对|校對|排版|编辑|編輯|责编|責編|"
                       r"阅读|閱讀|浏览|瀏覽|点击|點擊|来源|來源|发布|發布|发表|發表|时间|時間)")
# Publications and sites: a name that ends like one is no person.
_MEDIA_ENDING = re.compile(r"(?:网|網|报|報|社|财经|財經|新闻|新聞|日报|日報|媒体|媒體|电视台|電視台|频道|頻道|杂志|雜誌|"
                           r"周刊|週刊|时报|時報|中文网|官网|官方|Blog|blog|\.com|\.cn)$")
_PLACEHOLDER = re.compile(r"^(?:name|author|admin|user|匿名|佚名|作者|小编|小編|网友|網友)$", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+\.\S+")
_PUBLICATION = re.compile(r"《[^》]{1,20}》")
# Where a page shows its date: 发稿时间：2017-03-10, 發佈於 2025/09/17, 2025年4月14日 上午3:43, 十一月 6th, 2009.
_CHINESE_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                  "十一": 11, "十二": 12}
_MONTH_ORDINAL = re.compile(r"(十[一二]?|[一二三四五六七八九])月\s*(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})")
META_LINE_MAX = 80
HEAD_LINES_ABOVE = 3  # blocks above the text searched for a byline when the title came from metadata
HEAD_LINES_BELOW = 8  # blocks into the article searched for a byline and date before its first paragraph
# Preference among metadata origins, best first; the page's own headline and byline come before all.
DATE_ORIGINS = ("JSON-LD", "<meta article:published_time", "<meta og:published_time", "<time>", "<meta pubdate",
                "<meta publishdate", "<meta publish_date", "<meta dc.date", "<meta date", "clipper", "archiver",
                "front matter")
TITLE_ORIGINS = ("JSON-LD", "<meta og:title", "<meta twitter:title", "front matter", "clipper", "<title>",
                 "<meta title")
AUTHOR_ORIGINS = ("JSON-LD", "front matter", "clipper", "archiver 作者", "<meta article:author", "<meta dc.creator",
                  "<meta author", "<meta byl")


@dataclass
class Head:
    """What the page's head says, chosen: each value with the line it came from and why."""

    title: str = ""
    title_line: int = 0
    title_why: str = ""
    authors: tuple[str, ...] = ()
    authors_line: int = 0
    authors_why: str = ""
    byline_text: str = ""  # the byline as the page prints it, when it has more than the names (an affiliation)
    date: str = ""
    date_line: int = 0
    date_why: str = ""
    source_url: str = ""
    source_url_line: int = 0
    used: dict[int, str] = field(default_factory=dict)  # block index -> why it is taken into the head


def without_site_name(title: str) -> str:
    """A page title without the site's name after it, nor a column label before it.

    >>> without_site_name("海外留学生看两会：出国前后关注点大不同_教育频道_中国青年网")
    '海外留学生看两会：出国前后关注点大不同'
    >>> without_site_name("台積電 EPS 預估大公開：長期投資到底值不值得？｜Will Shen - 方格子")
    '台積電 EPS 預估大公開：長期投資到底值不值得？'
    """
    title = title.strip()
    while (shorter := _SITE_SUFFIX.sub("", title)) != title and len(shorter) >= TITLE_MIN:
        title = shorter
    return title


def site_names(title: str) -> list[str]:
    """The site's name a page title ends on: 标题_教育频道_中国青年网 -> [中国青年网]. Only the last part:
    a part before it may name the column or the author (标题｜Will Shen - 方格子)."""
    headline = without_site_name(title)
    rest = title.strip()[len(headline):] if title.strip().startswith(headline) else ""
    parts = [part.strip() for part in re.split(r"[_|｜—–]|\s-\s?|--", rest) if len(part.strip()) >= 2]
    return parts[-1:]


def without_column_label(title: str) -> str:
    """A headline without the column label a site put before it (【中国稳健前行】, 专家谈 |)."""
    shorter = _COLUMN_LABEL.sub("", title).strip()
    return shorter if len(shorter) >= TITLE_MIN else title


def _same(a: str, b: str) -> bool:
    squeeze = lambda s: re.sub(r"[\s\u3000]+", "", s)  # noqa: E731
    return bool(a) and squeeze(a) == squeeze(b)


def _by_origin(candidates: list[Candidate], kind: str, order: tuple[str, ...]) -> list[Candidate]:
    """Candidates of one field, best origin first; those marked as misleading left out."""
    usable = [c for c in candidates if c.field == kind and "(" not in c.origin]
    rank = lambda c: next((i for i, prefix in enumerate(order) if c.origin.startswith(prefix)), len(order))  # noqa
    return sorted(usable, key=rank)


def _names_title(name: str, text: str) -> bool:
    """True when a metadata title ``name`` is the headline ``text``, or the headline and then the site's
    name after a separator (``标题-业界-IT评论``)."""
    if _same(text, name):
        return True
    return len(text) >= TITLE_MIN and name.startswith(text) and name[len(text):][:1] in _TITLE_SEPARATORS


def is_title_like(text: str) -> bool:
    """A line that could be a headline: not a sentence, a label, a URL, a date line or a byline."""
    return (TITLE_MIN <= len(text) <= TITLE_MAX and not _SENTENCE_END.search(text) and not _URL.match(text)
            and read_meta_line(text) is None and read_byline(text) is None and not _BRACKETED.match(text)
            and not text.rstrip().endswith(("：", ":")))  # a salutation or label introduces what follows


def choose_title(blocks: list[Classified], start: int, candidates: list[Candidate], head: Head) -> None:
    """The headline: the page's own heading that its metadata names, else its first <h1> above the text,
    else the nearest headline-like line above the text, else the metadata's title without the site's name."""
    offered = [c for c in _by_origin(candidates, "title", TITLE_ORIGINS) if len(without_site_name(c.value)) >= TITLE_MIN]
    named = [without_site_name(c.value) for c in offered] + [c.value for c in offered]
    window = range(0, min(len(blocks), start + 6))
    for i in window:
        text = blocks[i].block.text
        linked = blocks[i].evidence.link_density > 0.5 and blocks[i].block.kind != "heading"
        if not linked and any(_names_title(name, text) or _names_title(name, without_column_label(text))
                              for name in named):
            return _take_title(blocks, i, head, "the page's headline, as its metadata names it")
    for i in window:
        block = blocks[i].block
        if block.kind == "heading" and block.level == 1 and is_title_like(block.text) and \
                blocks[i].evidence.link_density <= 0.5:
            return _take_title(blocks, i, head, "the page's <h1> headline")
    if not named:
        for i in range(min(start, len(blocks)) - 1, -1, -1):
            block = blocks[i]
            if block.evidence.link_density <= 0.5 and not block.block.hidden and is_title_like(block.block.text) \
                    and not _is_credit(block.block.text):
                return _take_title(blocks, i, head, "the headline-like line above the article")
        return
    best = offered[0]
    head.title, head.title_line = without_column_label(without_site_name(best.value)), best.line
    head.title_why = f"from the page's {best.origin}"


def _take_title(blocks: list[Classified], index: int, head: Head, why: str) -> None:
    head.title = without_column_label(blocks[index].block.text)
    head.title_line, head.title_why = blocks[index].block.line, why
    head.used[index] = "the essay's title"
    for i in range(index + 1, min(len(blocks), index + 12)):
        if _same(blocks[i].block.text, head.title) or _same(blocks[i].block.text, blocks[index].block.text):
            head.used[i] = "repeats the title"


def _is_credit(text: str) -> bool:
    return bool(_AUTHOR_LABEL.search(text) or STAFF_CREDIT.match(text))


def editors_on_page(blocks: list[Classified]) -> set[str]:
    """Names the page credits as its editors, proofreaders or photographers: never authors."""
    names = set()
    for block in blocks:
        for match in STAFF_CREDIT.finditer(block.block.text):
            names.add(match.group(1).strip(" ]】"))
    return names


def credited_names(text: str) -> list[str]:
    """The people a labelled credit names: 作者：何苗 张梦洁 -> [何苗, 张梦洁]; [] when it names none."""
    names: list[str] = []
    for match in _AUTHOR_LABEL.finditer(text):
        rest = text[match.end():]
        if STAFF_CREDIT.match(rest):
            continue  # 作者：责任编辑：… — an empty author field
        end = _NAME_END.search(rest)
        names += [name for name in people_in(rest[: end.start()] if end else rest) if name not in names]
    return names


def people_in(text: str) -> list[str]:
    """The people a byline text names, the outlet and role around them left out; never a number."""
    text = _PUBLICATION.sub(" ", text).strip()
    text = re.split(r"\s{2,}|\u3000|\d{4}\s*年|\n", text)[0].strip()
    if not text:
        return []
    byline = read_byline(text, hinted=True)
    return [name for name in byline.authors if not re.search(r"\d", name)] if byline else []


def is_person(name: str, rejected: set[str]) -> bool:
    """A name that can stand as an author: not an editor, site, account, e-mail, URL or placeholder."""
    name = name.strip()
    return bool(name) and not (
        name in rejected or any(len(other) >= 2 and (other in name or name in other) for other in rejected)
        or _MEDIA_ENDING.search(name) or _PLACEHOLDER.match(name) or _EMAIL.search(name) or _URL.match(name)
        or len(name) > 30)


def choose_authors(blocks: list[Classified], start: int, end: int, candidates: list[Candidate], head: Head) -> None:
    """The authors: a byline the page shows near its headline, else a credit after the text, else metadata."""
    rejected = editors_on_page(blocks) | {c.value.strip() for c in candidates if c.field in ("site", "account")}
    rejected |= {part for c in candidates if c.field == "title" for part in site_names(c.value)}
    near_head = list(range(_above_text(blocks, head, start), _text_start(blocks, start) + 1))
    after_end = list(range(end + 1, min(len(blocks), end + 8)))
    for where, indexes in (("the byline under the headline", near_head), ("the author credit after the text", after_end)):
        for i in indexes:
            text = blocks[i].block.text
            if len(text) > META_LINE_MAX:
                continue
            names = [name for name in credited_names(text) if is_person(name, rejected)]
            printed = read_byline(text) if where.endswith("headline") and not names else None
            if printed is not None and all(is_person(name, rejected) for name in printed.authors):
                # A byline without a label (北京大学 董志勇): the structure stage reads it as printed,
                # so the affiliation beside the names is kept.
                names, head.byline_text = list(printed.authors), text
            if names:
                head.authors, head.authors_line, head.authors_why = tuple(names), blocks[i].block.line, where
                head.used.setdefault(i, "the author credit, shown as the byline")
                return
    for candidate in _by_origin(candidates, "author", AUTHOR_ORIGINS):
        names = [name for name in people_in(candidate.value) if is_person(name, rejected)]
        if names:
            head.authors, head.authors_line = tuple(names), candidate.line
            head.authors_why = f"from the page's {candidate.origin}"
            return


def _text_start(blocks: list[Classified], start: int) -> int:
    """The article's first paragraph of prose (a column label, a byline row and a date may stand above it),
    at most HEAD_LINES_BELOW blocks into the article."""
    if start >= len(blocks):
        return len(blocks) - 1  # no article: the search ends at the page's last block
    last = min(len(blocks), start + HEAD_LINES_BELOW) - 1
    for i in range(start, last + 1):
        if blocks[i].verdict.label == "good" and blocks[i].evidence.sentences and blocks[i].block.kind != "heading" \
                and blocks[i].evidence.chars > META_LINE_MAX // 2:
            return i
    return max(start, last)


def _above_text(blocks: list[Classified], head: Head, start: int) -> int:
    """Where the byline and date may stand: after the title block, or, when the title came from the
    page's metadata, a few blocks above the text."""
    titles = [i for i, why in head.used.items() if why == "the essay's title"]
    return titles[0] + 1 if titles else max(0, start - HEAD_LINES_ABOVE)


def head_index(head: Head, start: int) -> int:
    """The index of the title block, or just above the article when the title came from metadata."""
    titles = [i for i, why in head.used.items() if why == "the essay's title"]
    return titles[0] if titles else start - 1


def displayed_date(text: str) -> str:
    """The date a short head line shows, as YYYY-MM-DD; "" when it shows none.

    >>> displayed_date("发稿时间：2017-03-10 08:42:00 来源： 人民日报海外版"), displayed_date("十一月 6th, 2009")
    ('2017-03-10', '2009-11-06')
    """
    if len(text) > META_LINE_MAX:
        return ""
    if match := _MONTH_ORDINAL.search(text):
        month, day, year = _CHINESE_MONTH[match.group(1)], int(match.group(2)), int(match.group(3))
        return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= day <= 31 else ""
    return iso_date(text)


def choose_date(blocks: list[Classified], start: int, candidates: list[Candidate], head: Head) -> None:
    """The date the page shows near its headline, else its metadata's publication date; a saving time never."""
    titles = [i for i, why in head.used.items() if why == "the essay's title"]
    for i in range(max(0, _above_text(blocks, head, start) - 2), _text_start(blocks, start) + 1):
        if i in titles:
            continue
        if date := displayed_date(blocks[i].block.text):
            head.date, head.date_line, head.date_why = date, blocks[i].block.line, "the date the page shows"
            return
    for candidate in _by_origin(candidates, "date", DATE_ORIGINS):
        if date := iso_date(candidate.value):
            head.date, head.date_line, head.date_why = date, candidate.line, f"from the page's {candidate.origin}"
            return


def choose_head(blocks: list[Classified], start: int, end: int, candidates: list[Candidate]) -> Head:
    """Title, authors, date and address of the essay whose text runs from block ``start`` to ``end``."""
    head = Head()
    choose_title(blocks, start, candidates, head)
    choose_authors(blocks, start, end, candidates, head)
    choose_date(blocks, start, candidates, head)
    urls = [c for c in candidates if c.field == "source_url" and _URL.match(c.value)]
    if urls:
        head.source_url, head.source_url_line = urls[0].value, urls[0].line
    return head

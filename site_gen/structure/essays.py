"""Where essays begin and what their opening lines say: the title, byline, date and metadata.

One file may hold several essays (a newspaper page, a 专题 page). A title line opens a new one
when what follows it is what only an article's head holds: a byline, or a dispatch's dateline
(本报北京5月6日电, 新华社北京4月14日电). A section heading inside one essay is followed by running
text, or by a speaker's name (张三：), never by either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Change, Line
from .bylines import Byline, opens_with_dateline, read_byline
from .meta import read_meta_line
from .notes import author_note_of, is_date_line, iso_date, source_note_of
from .text import has_sentence_marks, is_heading_like, is_numbered_heading, wrap_width

RULE = "structure"
HEADER_HINTS = ("byline", "date", "source_url")
# The one question or exclamation mark a title may carry: at its end, or closing its main part before a subtitle.
_TITLE_QUESTION = re.compile(r"[？！?!](?=——|$)")


@dataclass
class Header:
    """What an essay's opening lines say about it."""

    title: str = ""
    authors: tuple[str, ...] = ()
    affiliation: str = ""
    date: str = ""
    source_url: str = ""
    sources: list[str] = field(default_factory=list)  # 来源：…, 原标题：…, a document number
    changes: list[Change] = field(default_factory=list)


def _byline_of(line: Line) -> Byline | None:
    return read_byline(line.text, hinted=line.hint == "byline")


def is_title_line(line: Line) -> bool:
    """A title hint, or a short line without sentence punctuation that is not a byline or date.

    A title may end on one question or exclamation mark (县城咖啡店为什么越开越多？), and so may its
    main part before a subtitle (为什么说“慢就是快”？——谈谈长期主义).
    """
    if line.hint in ("title", "heading1"):
        return True
    if line.hint:
        return False
    text = _TITLE_QUESTION.sub("", line.text.strip())
    return is_heading_like(text) and _byline_of(line) is None and read_meta_line(line.text) is None


def _is_header_data(line: Line) -> bool:
    """A byline, date or metadata line of an essay's head."""
    return line.hint in HEADER_HINTS or _byline_of(line) is not None or read_meta_line(line.text) is not None


HEAD_MAX_LINES = 6
SITE_NAME_MAX_CHARS = 6  # 学习强国, 財新網: a site's name above the byline is shorter than a title


def title_index(lines: list[Line]) -> int | None:
    """Which of the opening lines is the title: a title hint, else the longest title-like line before the text.

    Site and account names (財新網, 财经观察家) stand above the title too, and are shorter than it;
    numbered section headings (一、…) are never the title.
    """
    candidates = []
    bylined = False  # a byline under a title (not a site's name) closes the head: the text starts after it
    width = wrap_width([line.text for line in lines])
    for index, line in enumerate(lines[:HEAD_MAX_LINES]):
        if line.hint in ("title", "heading1"):
            return index
        wrapped = bool(width) and len(line.text.strip()) >= width
        if author_note_of(line.text) or source_note_of(line.text):
            continue  # 【作者单位：…】 printed under the byline: a note, not the title
        if _is_header_data(line):
            bylined = bylined or (_byline_of(line) is not None and any(
                len(lines[at].text.strip()) > SITE_NAME_MAX_CHARS for at in candidates))
        elif is_title_line(line) and not is_numbered_heading(line.text) and not wrapped and not bylined:
            candidates.append(index)
        else:
            break
    if not candidates or len(lines) < 2:
        return None
    return max(candidates, key=lambda index: len(lines[index].text.strip()))


def _has_body(lines: list[Line]) -> bool:
    """True when some line reads as running text (has a full stop or the like)."""
    return any(has_sentence_marks(line.text) for line in lines if not line.hint or line.hint == "lead")


def opens_essay(lines: list[Line], index: int) -> bool:
    """A title line followed (past any date line) by a byline, or by a paragraph opening on a dispatch's dateline.

    Running text must follow the byline; a dateline paragraph is running text itself.
    """
    line = lines[index]
    if line.hint == "title":
        return True
    if not is_title_line(line) or is_numbered_heading(line.text):
        return False
    following = index + 1
    while following < len(lines) and (lines[following].hint in ("date", "source_url") or read_meta_line(lines[following].text)):
        following += 1
    if following >= len(lines):
        return False
    if _byline_of(lines[following]) is not None:
        return _has_body(lines[following + 1:])
    return not lines[following].hint and opens_with_dateline(lines[following].text)


def split_essays(lines: list[Line]) -> tuple[list[list[Line]], list[Change]]:
    """The cleaned lines cut into one run per essay; leftovers before the first title are reported."""
    starts = [index for index in range(len(lines)) if opens_essay(lines, index)]
    changes: list[Change] = []
    if not starts or starts[0] > 0:
        leading = lines[: starts[0]] if starts else lines
        if _has_body(leading) or not starts:
            starts.insert(0, 0)  # an essay printed without a title
        else:
            changes.append(Change(RULE, "removed", tuple(line.number for line in leading),
                                  " / ".join(line.text for line in leading),
                                  why="short lines before the first essay's title belong to no essay"))
    bounds = starts + [len(lines)]
    return [lines[start:end] for start, end in zip(bounds, bounds[1:]) if end > start], changes


ACCOUNT_MAX_CHARS = 12
# A column author's tagline under the name: short descriptions between slashes or bars.
_TAGLINE = re.compile(r"^[^。！？；，/｜|]{2,16}(?:\s*[/／｜|]\s*[^。！？；，/｜|]{2,16}){1,3}$")


def is_tagline(text: str) -> bool:
    """A line like 经济学博士 / 关注行为金融 printed under an author's name (not a numbered heading)."""
    return bool(_TAGLINE.match(text.strip())) and not is_numbered_heading(text)



def _account_above_date(head: list[Line]) -> Line | None:
    """A self-media page's account name: a short name-like line right above the line giving the time it posted.

    (财经观察家 / 2025-04-12 10:35·湖北): the account wrote the piece. A site's name stands above the title
    or the navigation, not above a date.
    """
    for line, following in zip(head, head[1:]):
        name = line.text.strip()
        meta = read_meta_line(following.text) if not following.hint else None
        if (meta is not None and meta.date and not _is_header_data(line) and len(name) <= ACCOUNT_MAX_CHARS
                and is_heading_like(name) and read_meta_line(name) is None and " " not in name):
            return line
    return None


def read_header(lines: list[Line]) -> tuple[Header, list[Line]]:
    """Title, byline, date and address from the essay's opening lines; returns the rest as body."""
    header = Header()
    rest = list(lines)
    at = title_index(rest)
    if at is not None:
        above = [line for line in rest[:at] if not _is_header_data(line)]
        account = _account_above_date(rest[:at])
        if account is not None:
            above.remove(account)
            header.authors = (account.text.strip(),)
        if above:
            header.changes.append(Change(RULE, "removed", tuple(line.number for line in above),
                                         " / ".join(line.text for line in above),
                                         why="a short line above the title: the site's or account's name"))
        header.title = rest[at].text.strip()
        rest = [line for line in rest[:at] if _is_header_data(line)] + rest[at + 1:]
    body: list[Line] = []
    in_header = True
    for line in rest:
        byline = _byline_of(line) if in_header or line.hint == "byline" else None
        meta = read_meta_line(line.text) if in_header and not line.hint else None
        if line.hint == "source_url":
            header.source_url = line.text.strip()
        elif (line.hint == "date" or (in_header and is_date_line(line.text))) and not header.date:
            header.date = iso_date(line.text)
        elif meta is not None:
            header.date = header.date or meta.date
            header.sources += [meta.source] if meta.source else []
            poster = read_byline(meta.rest) if meta.rest else None  # 楼主：青山依旧  发表于 2025-5-3
            header.authors = header.authors or (poster.authors if poster else ())
        elif byline is not None and not header.authors:
            header.authors, header.affiliation = byline.authors, byline.affiliation
        elif in_header and header.authors and not header.affiliation and is_tagline(line.text):
            header.affiliation = line.text.strip()  # 经济学博士 / 关注行为金融: the author, not a section
        elif in_header and header.title and line.text.strip() == header.title:
            header.changes.append(Change(RULE, "removed", (line.number,), line.text,
                                         why="the title printed a second time above the text"))
        else:
            in_header = False
            body.append(line)
    return header, body

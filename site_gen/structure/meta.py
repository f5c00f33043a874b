"""Metadata lines around an article's head: when it was published, where from, and who reported it.

Sites print these in many shapes (``2025-06-12 09:30:15 来源：新华网``, ``發佈日期：2025-06-20 18:45``,
``2025年04月18日08:21 | 来源：人民网－人民日报``, ``原创 农经观察 2025年03月02日 08:00``); what they
share is a date or a labelled field, and nothing that reads as a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .notes import iso_date
from .text import has_sentence_marks

META_MAX_CHARS = 70
LEFTOVER_MAX_HAN = 12  # a place (湖北) or an account name may stay beside the date; a sentence may not

_SOURCE_FIELD = re.compile(r"(?:来源|來源|出处|出處|稿源)\s*[:：]\s*([^\s|｜·・]+)")
_ORIGINAL_TITLE = re.compile(r"^(?:原标题|原標題|原题|原題)\s*[:：]\s*(.+)$")
_DOCUMENT_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,10}[〔［\[]\d{4}[〕］\]]\s*\d{1,4}\s*号$")
_DATES = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?|"
    r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM|am|pm)?"
)
_LABELS = re.compile(
    r"(?:最[后後]更新(?:日期|时间|時間)?|更新(?:日期|时间|時間)|发布(?:日期|时间)?|發[布佈](?:日期|時間)?|"
    r"发表于|發表於|出版(?:日期|時間)?|日期|时间|時間|原创|原創|星期.|週.|周[一二三四五六日天])\s*[:：/／]?"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Meta:
    """What a metadata line says: a date (ISO), a source or an original title, for the essay's notes."""

    date: str = ""
    source: str = ""
    rest: str = ""  # what the line says beside its date and source: a poster or an account (楼主：青山依旧)


def read_meta_line(text: str) -> Meta | None:
    """The date and source a header line gives, or None when it is not a metadata line.

    >>> read_meta_line("2025-06-12 09:30:15　来源：新华网")
    Meta(date='2025-06-12', source='来源：新华网')
    >>> read_meta_line("發佈日期：2025-06-20 18:45"), read_meta_line("数字乡村建设的新路径")
    (Meta(date='2025-06-20', source=''), None)
    """
    text = text.strip()
    if not text or len(text) > META_MAX_CHARS:
        return None
    if original := _ORIGINAL_TITLE.match(text):
        return Meta(source=f"原标题：{original.group(1).strip()}")
    if _DOCUMENT_NUMBER.match(text):
        return Meta(source=text)
    if has_sentence_marks(text.replace("？", "")) or "，" in text:
        return None
    date = iso_date(text)
    source = _SOURCE_FIELD.search(text)
    if not date and not source:
        return None
    leftover = _LABELS.sub("", _DATES.sub("", _SOURCE_FIELD.sub("", text)))
    if len(_HAN.findall(leftover)) > LEFTOVER_MAX_HAN:
        return None
    return Meta(date=date, source=f"来源：{source.group(1)}" if source else "", rest=leftover.strip(" \t·・|｜"))

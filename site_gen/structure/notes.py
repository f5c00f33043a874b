"""Notes around an essay's body: dates, author notes, source notes, writer credits, biographies.

Every note is stored without its brackets: ``（作者系…）`` becomes ``作者系…``.
"""

from __future__ import annotations

import re

from .bylines import simplified
from .text import ends_sentence, has_sentence_marks

_DATE_PATTERNS = (
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"),
)
# A date line may carry a weekday or a time of day, nothing that reads as a sentence.
_DATE_LINE = re.compile(
    r"^(发布时间|發佈時間|发布日期|日期|时间|時間)?[：:\s]*[\d年月日\-/.\s]+"
    r"(星期.|周.|週.|[\dT:.\sZ+-]*)?$"
)
_BRACKETED = re.compile(r"^[（(【\[](.+)[）)】\]]$")
# A print edition's line without outer brackets: 《 人民日报 》（ 2025年04月18日 05 版）
_EDITION_LINE = re.compile(r"^《\s*[^》]{1,20}?\s*》\s*[（(]\s*\d{4}\s*年[^（）()]{0,30}[）)]$")
_AUTHOR_NOTE = re.compile(r"^(本文)?作者(均|分别|分別)?(系|為|为|是|单位|單位)")
_SOURCE_NOTE = re.compile(r"^(《[^》]+》|来源|來源|原载|原載|转自|轉自|摘自|本文来源|本文來源|原标题|原標題)")
# A line that says where the article was first published, printed without brackets under it:
# 本文来源：北京青年报, 本文来自微信公众号“智能涌现”（ID：…），36氪经授权发布。
_REPOST_NOTE = re.compile(r"^(?:本文|此文|该文|該文)(?:来源|來源|来自|來自|转自|轉自|转载自|轉載自|原载于|原載於|首发于|首發於)")
# A translator's or writer's credit on a line of its own: 翻译：王灿, 編譯／李明.
_CREDIT_LINE = re.compile(r"^(?:翻译|翻譯|编译|編譯|译者|譯者|执笔|執筆|整理|采写|採寫)\s*[:：｜|/／]\s*[^。！？，,]{1,30}$")
# Role titles that end each clause of a bare biography line (Simplified forms).
ROLE_TITLES = (
    "研究员", "教授", "院长", "所长", "主任", "院士", "校长", "书记", "理事长", "会长", "主编", "编审",
    "博士", "讲师", "专家", "学者", "经济学家", "总监", "总裁", "董事长", "秘书长", "副研究员", "研究生",
)
CREDIT_LABELS = ("执笔", "撰稿", "撰文", "整理", "统筹", "课题组", "采写", "编写")
_TRAILING_BRACKET = re.compile(r"^(?P<body>.*[。！？!?…”])\s*[（(](?P<note>[^（）()]{2,40})[）)]\s*$")


def iso_date(text: str) -> str:
    """The first date written in the text as YYYY-MM-DD, or "" when there is none."""
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return ""


def is_date_line(text: str) -> bool:
    """True when the whole line is a date (perhaps with a weekday or time), like 2025年08月11日."""
    text = text.strip()
    return bool(iso_date(text)) and bool(_DATE_LINE.match(text))


def _unbracket(text: str) -> str | None:
    match = _BRACKETED.match(text.strip())
    return match.group(1).strip() if match else None


def author_note_of(text: str) -> str | None:
    """The note of a line like （作者系…研究员）, without brackets; None for other lines."""
    inner = _unbracket(text)
    return inner if inner and _AUTHOR_NOTE.match(simplified(inner)) else None


def source_note_of(text: str) -> str | None:
    """The note of a line like （《人民日报》2025年1月13日） or （来源：…）; None for other lines."""
    if _EDITION_LINE.match(text.strip()):
        return re.sub(r"\s+", "", text.strip())
    if len(text.strip()) <= 100 and _REPOST_NOTE.match(simplified(text.strip())):
        return text.strip()
    inner = _unbracket(text)
    if not inner or has_sentence_marks(inner) or len(inner) > 80:
        return None
    return inner if _SOURCE_NOTE.match(simplified(inner)) else None


def credit_of(text: str) -> str | None:
    """The credit of a line like 翻译：王灿 (who translated or wrote up the piece); None for other lines."""
    text = text.strip()
    return text if _CREDIT_LINE.match(text) else None


def is_biography(text: str) -> bool:
    """A bare line of comma-separated affiliations, each ending in a role title (…研究员，…教授。)."""
    text = text.strip().rstrip("。.")
    if not text or has_sentence_marks(text) or len(text) > 200:
        return False
    clauses = [clause for clause in re.split(r"[，,；;]", simplified(text)) if clause]
    # Each clause names a place of work and a role: "…研究院院长、特聘教授".
    return all(
        part.endswith(ROLE_TITLES) and len(part) <= 40
        for clause in clauses
        for part in clause.split("、")
    )


def split_trailing_note(text: str) -> tuple[str, str, str]:
    """Split ``…。（执笔：某某）`` into (paragraph, note, kind); kind is "credits", "author_note" or "".

    A bracketed remark after the last full stop is a credit when it starts with a
    writing label (执笔、撰稿) or names a collective (…课题组); when it lists role
    titles it is a note on the author. Anything else (a year, an abbreviation) stays.
    """
    match = _TRAILING_BRACKET.match(text)
    if not match:
        return text, "", ""
    note, body = match.group("note").strip(), match.group("body").rstrip()
    plain = simplified(note)
    if has_sentence_marks(note) or not ends_sentence(body):
        return text, "", ""
    if plain.startswith(CREDIT_LABELS) or plain.endswith(("课题组", "研究组", "调研组", "写作组", "编写组")):
        return body, note, "credits"
    if (" " in note and any(title in plain for title in ROLE_TITLES)) or "作者" in plain:
        return body, note, "author_note"
    return text, "", ""

"""What a saving tool wrapped around a page: front matter and clipper preambles, mined for metadata.

Scrapes come in envelopes: YAML front matter from Hugo, Jekyll, archivers and crawlers; Jina
Reader's ``Title:`` / ``URL Source:`` / ``Markdown Content:`` preamble; a WeChat archiver's
``> 公众号: …`` / ``> 发布时间: …`` / ``> 原文链接: …`` quote. None of it is the article. Each
field a reader cares about becomes a ``Candidate`` (title, author, date, source URL, description),
with its origin, and the envelope's lines are reported as removed. Some fields are known to mislead:
a crawler's or archiver's timestamp is when the page was saved, not published (it is kept as a
``saved`` candidate, which loses to any date the page shows), and a title that is a URL is no title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..model import Candidate

_FENCE = re.compile(r"^(?:---|\+\+\+)[ \t]*$")
MAX_FRONT_MATTER_LINES = 200
# Front-matter names by the field they are a candidate for (the first of each found wins within a block).
FIELD_NAMES = {
    "title": ("title", "headline"),
    "date": ("publishdate", "published", "pubdate", "date", "createtime", "created", "publish_time", "published_time"),
    "author": ("authors", "author", "byline", "writer"),
    "source_url": ("original_url", "source_url", "source", "canonical", "url", "link"),
    "description": ("summary", "description", "excerpt", "abstract"),
}
# Fields that record when a tool saved the page: a date equal to one of them is no publication date.
SAVED_NAMES = ("lastmod", "extracted_date", "crawled", "crawl_date", "fetched", "saved", "archived", "md_date",
               "updated", "modified")
# Of those, the ones that name the saving itself (a page's own lastmod or updated is not when it was saved): the
# essay's source line says when its address was retrieved.
RETRIEVED_NAMES = ("extracted_date", "crawled", "crawl_date", "fetched", "saved", "archived")
_TIMESTAMP = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?")
_WAYBACK = re.compile(r"^https?://web\.archive\.org/web/\d{1,14}[a-z_]*/(https?://.+)$")
_URL = re.compile(r"^(?:https?:)?//\S+$|^www\.\S+$")
# Jina Reader and similar clippers: "Title: …", "URL Source: …", "Published Time: …", "Markdown Content:".
_CLIPPER_FIELD = re.compile(r"^(Title|URL Source|Published Time|Description|Author|Markdown Content)\s*:\s*(.*)$")
CLIPPER_FIELDS = {"Title": "title", "URL Source": "source_url", "Published Time": "date", "Description": "description",
                  "Author": "author"}
# A WeChat archiver's quoted preamble: "> 公众号: 账号", "> 发布时间: …", "> 原文链接: https://…", "> 作者: …".
_QUOTED_FIELD = re.compile(r"^>\s*(公众号|公眾號|发布时间|發布時間|发表时间|原文链接|原文鏈接|原文地址|作者|来源|來源)\s*[:：]\s*(.*)$")
QUOTED_FIELDS = {"公众号": "account", "公眾號": "account", "发布时间": "date", "發布時間": "date", "发表时间": "date",
                 "原文链接": "source_url", "原文鏈接": "source_url", "原文地址": "source_url", "作者": "author",
                 "来源": "site", "來源": "site"}
# Template code a static-site generator left in the body: {{ … }}, {% … %}.
_LIQUID = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


@dataclass
class Envelope:
    """The body of a file without its envelope, where the body starts, and what the envelope said."""

    body: str
    first_line: int  # the source line the body starts on (1-based)
    candidates: list[Candidate] = field(default_factory=list)
    removed: list[tuple[int, int, str, str]] = field(default_factory=list)  # (first, last, text, why)


def open_envelope(text: str) -> Envelope:
    """Take front matter and a clipper's or archiver's preamble off ``text``; keep what they say as candidates."""
    envelope = Envelope(text, 1)
    _take_front_matter(envelope)
    _take_clipper_preamble(envelope)
    _take_quoted_preamble(envelope)
    return envelope


def _take_front_matter(envelope: Envelope) -> None:
    lines = envelope.body.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or not _FENCE.match(lines[start]):
        return
    end = next((i for i in range(start + 1, min(len(lines), start + MAX_FRONT_MATTER_LINES)) if _FENCE.match(lines[i])),
               None)
    if end is None:
        return
    block = lines[start + 1:end]
    fields = front_matter_fields(block)
    first = envelope.first_line + start
    envelope.candidates += field_candidates(fields, first + 1, "front matter")
    envelope.removed.append((first, first + end - start, "\n".join(lines[start:end + 1]),
                             "front matter: another site's metadata (title, date and author kept as candidates)"))
    envelope.first_line += end + 1
    envelope.body = "\n".join(lines[end + 1:])


def front_matter_fields(block: list[str]) -> dict[str, tuple[int, object]]:
    """Front-matter fields: lowercased name -> (line offset in the block, value).

    YAML first (with Python-specific tags such as ``!!python/unicode`` read as plain values); when the
    YAML is broken, a line reader that takes ``name: value`` pairs and continues a quoted value over lines.
    """
    offsets = {}
    for offset, line in enumerate(block):
        if match := re.match(r"^([A-Za-z_][\w-]*)\s*[:=]", line):
            offsets.setdefault(match.group(1).lower(), offset)
    try:
        data = yaml.load("\n".join(block), Loader=_LenientLoader)  # noqa: S506 - a safe loader, see below
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        data = _fields_by_line(block)
    return {str(key).lower(): (offsets.get(str(key).lower(), 0), value) for key, value in data.items()}


class _LenientLoader(yaml.SafeLoader):
    """yaml's SafeLoader that reads ``!!python/…`` and other unknown tags as the plain value they tag."""


def _plain_value(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_LenientLoader.add_multi_constructor("", _plain_value)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _plain_value)


def _fields_by_line(block: list[str]) -> dict[str, object]:
    """``name: value`` pairs of broken YAML, a quoted value continuing over lines until its quote closes."""
    fields: dict[str, object] = {}
    current = None
    for line in block:
        if current is not None:
            fields[current] = f"{fields[current]}\n{line}"
            if line.rstrip().endswith(('"', "'")):
                current = None
            continue
        match = re.match(r"^([A-Za-z_][\w-]*)\s*[:=]\s*(.*)$", line)
        if not match:
            continue
        name, value = match.group(1).lower(), match.group(2).strip()
        fields.setdefault(name, value)
        if value[:1] in "\"'" and not (len(value) > 1 and value.endswith(value[0])):
            current = name
    return {name: str(value).strip().strip("\"'") for name, value in fields.items()}


def _text_of(value: object) -> list[str]:
    """A field's value as text items (a list gives several)."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [item for entry in value for item in _text_of(entry)]
    if isinstance(value, dict):
        return _text_of(value.get("name"))
    text = str(value).strip()
    return [text] if text else []


def field_candidates(fields: dict[str, tuple[int, object]], first_line: int, origin: str) -> list[Candidate]:
    """Candidates from front-matter fields; a date that is the saving time, or a title that is a URL, is marked."""
    saved = {day for name in SAVED_NAMES if name in fields for text in _text_of(fields[name][1])
             if (day := _minute(text))}
    found = []
    for kind, names in FIELD_NAMES.items():
        for name in names:
            if name not in fields:
                continue
            offset, value = fields[name]
            for text in _text_of(value):
                note = ""
                if kind == "date" and (_minute(text) in saved or _is_machine_time(text)):
                    note = " (the time the page was saved)"
                if kind == "title" and _URL.match(text):
                    note = " (a URL, not a title)"
                if kind == "source_url" and (original := original_url(text)) != text:
                    text, note = original, ", the page a Wayback Machine copy was made of"
                found.append(Candidate(kind, text, f"front matter {name}{note}", first_line + offset))
    for name in RETRIEVED_NAMES:
        offset, value = fields.get(name, (0, None))
        if day := _day(value):
            found.append(Candidate("retrieved", day, f"front matter {name} (the time the page was saved)",
                                   first_line + offset))
    return found


def _day(value: object) -> str | None:
    """A field's date without a time (``2025-06-25``), as ISO."""
    match = next((m for text in _text_of(value) if (m := _TIMESTAMP.search(text))), None)
    return f"{match.group(1)}-{int(match.group(2)):02d}-{int(match.group(3)):02d}" if match else None


def original_url(url: str) -> str:
    """The address an archive copy was made of: a Wayback Machine URL unwrapped, any other URL as it is.

    >>> original_url("https://web.archive.org/web/20220625162305/https://www.example.org/a/1")
    'https://www.example.org/a/1'
    """
    match = _WAYBACK.match(url.strip())
    return match.group(1) if match else url


def _minute(text: str) -> str | None:
    """A timestamp to the minute (``2025-11-07 12:38``), to compare a date with the saving time."""
    match = _TIMESTAMP.search(text)
    if not match or match.group(4) is None:
        return None
    year, month, day, hour, minute = match.group(1, 2, 3, 4, 5)
    return f"{year}-{int(month):02d}-{int(day):02d} {int(hour):02d}:{minute}"


def _is_machine_time(text: str) -> bool:
    """A timestamp to the microsecond is a program's clock, not an editor's date."""
    match = _TIMESTAMP.search(text)
    return bool(match and match.group(7) and len(match.group(7)) > 4)


def _take_clipper_preamble(envelope: Envelope) -> None:
    """Jina Reader's head: ``Title:``, ``URL Source:``, ``Published Time:`` lines up to ``Markdown Content:``."""
    lines = envelope.body.split("\n")
    head = [i for i, line in enumerate(lines[:30]) if line.strip()]
    if not head or not _CLIPPER_FIELD.match(lines[head[0]]):
        return
    end = next((i for i in head if lines[i].startswith("Markdown Content:")), None)
    if end is None:
        return
    for i in range(head[0], end):
        if match := _CLIPPER_FIELD.match(lines[i]):
            name, value = match.group(1), match.group(2).strip()
            if name in CLIPPER_FIELDS and value:
                envelope.candidates.append(Candidate(CLIPPER_FIELDS[name], value, f"clipper {name}",
                                                     envelope.first_line + i))
    envelope.removed.append((envelope.first_line + head[0], envelope.first_line + end,
                             "\n".join(lines[head[0]:end + 1]), "a clipping tool's header (its fields kept as candidates)"))
    envelope.first_line += end + 1
    envelope.body = "\n".join(lines[end + 1:])


def _take_quoted_preamble(envelope: Envelope) -> None:
    """A WeChat archiver's quoted field lines (``> 公众号: …``) near the top, wherever a ``# title`` puts them."""
    lines = envelope.body.split("\n")
    taken = []
    for i, line in enumerate(lines[:15]):
        if match := _QUOTED_FIELD.match(line.strip()):
            name, value = match.group(1), match.group(2).strip()
            envelope.candidates.append(Candidate(QUOTED_FIELDS[name], value, f"archiver {name}",
                                                 envelope.first_line + i))
            taken.append(i)
    if len(taken) < 2:  # one quoted line may be the article's own quote
        envelope.candidates = [c for c in envelope.candidates if not c.origin.startswith("archiver")]
        return
    for i in taken:
        envelope.removed.append((envelope.first_line + i, envelope.first_line + i, lines[i],
                                 "an archiving tool's field line (kept as a candidate)"))
        lines[i] = ""
    envelope.body = "\n".join(lines)


def strip_template_code(text: str) -> str:
    """A static-site generator's template code ({{ … }}, {% … %}) blanked out, keeping the line count."""
    return _LIQUID.sub(lambda match: "\n" * match.group(0).count("\n"), text)

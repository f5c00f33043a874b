"""A YAML front-matter block (``---`` … ``---``) at the top of a scrape saved as Markdown.

The fields a reader sees (title, date, authors, source URL) become hint lines for the
structure stage; everything else (tags, layout switches, template comments) is removed
with a record. A ``summary`` that the first paragraph repeats is dropped, as is a
``#`` heading that repeats the title.
"""

from __future__ import annotations

import re

from .draft import Draft

_FENCE = re.compile(r"^(?:---|\+\+\+)\s*$")
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*[:=]\s*(.*)$")
_LIST_ITEM = re.compile(r"^\s+-\s+(.*)$")
MAX_FRONT_MATTER_LINES = 120

# Field names seen on blogs and static-site generators, by the hint they become (first found wins).
FIELD_HINTS = {
    "title": ("title", "headline"),
    "date": ("date", "publishdate", "published", "pubdate", "created"),
    "byline": ("authors", "author", "byline", "writer"),
    "source_url": ("original_url", "source_url", "canonical", "url", "link"),
    "lead": ("summary", "description", "excerpt", "abstract"),
}
_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def parse_front_matter(lines: list[str]) -> dict[str, tuple[int, list[str]]]:
    """Top-level fields of a front-matter block: lowercased name -> (line offset, values).

    >>> parse_front_matter(['title: "倚天710"', 'authors: ["张平文", "李明"]', 'tags:', '  - "晶片"'])
    {'title': (0, ['倚天710']), 'authors': (1, ['张平文', '李明']), 'tags': (2, ['晶片'])}
    """
    fields: dict[str, tuple[int, list[str]]] = {}
    current = None
    for offset, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if (item := _LIST_ITEM.match(line)) and current is not None:
            fields[current][1].append(_unquote(item.group(1)))
        elif field := _FIELD.match(line):
            current = field.group(1).lower()
            value = field.group(2).strip()
            if value.startswith("[") and value.endswith("]"):
                values = [_unquote(v) for v in value[1:-1].split(",") if _unquote(v)]
            else:
                values = [_unquote(value)] if _unquote(value) else []
            fields.setdefault(current, (offset, values))
    return fields


def _fence_end(draft: Draft) -> tuple[int, int] | None:
    """List indexes of the opening and closing fence, when the draft starts with front matter."""
    start = next((i for i, line in enumerate(draft.lines) if line.text.strip()), None)
    if start is None or not _FENCE.match(draft.lines[start].text):
        return None
    for end in range(start + 1, min(len(draft.lines), start + MAX_FRONT_MATTER_LINES)):
        if _FENCE.match(draft.lines[end].text):
            return start, end
    return None


def _hint_values(fields: dict[str, tuple[int, list[str]]]) -> dict[str, tuple[int, str]]:
    """The front matter's reader-facing fields: hint -> (line offset, text)."""
    found = {}
    for hint, names in FIELD_HINTS.items():
        for name in names:
            if name in fields and fields[name][1]:
                offset, values = fields[name]
                found[hint] = (offset, " ".join(values))
                break
    if "date" in found and (day := iso_day(found["date"][1])):
        found["date"] = (found["date"][0], day)
    return found


def iso_day(value: str) -> str | None:
    """The YYYY-MM-DD day of an ISO date or timestamp (``2025-05-06T08:00:00+08:00``), else None."""
    iso = _ISO_DATE.match(value.strip())
    return iso.group(1) if iso else None


def _bare(text: str) -> str:
    """A body line without markdown markers, for comparing it with a front-matter field."""
    return re.sub(r"^#+\s*|\*\*", "", text).strip()


def strip_front_matter(draft: Draft) -> None:
    """Replace a leading front-matter block by hint lines for its title, date, authors and URL.

    A ``---`` that is not followed by a closing ``---`` near the top is left alone (a markdown rule).
    """
    fence = _fence_end(draft)
    if fence is None:
        return
    start, end = fence
    block = draft.lines[start + 1 : end]
    values = _hint_values(parse_front_matter([line.text for line in block]))
    body = draft.next_text(end)
    if body is not None and "title" in values and _bare(draft.lines[body].text) == values["title"][1]:
        body = draft.next_text(body)  # the first paragraph comes after a heading repeating the title
    kept: dict[int, str] = {}
    repeated: list[int] = []
    for hint, (offset, text) in values.items():
        if hint == "lead" and body is not None and _repeats(text, draft.lines[body].text):
            repeated.append(start + 1 + offset)
        else:
            kept[start + 1 + offset] = hint
    for i, hint in kept.items():
        draft.repair(i, values[hint][1], f"front-matter {hint} kept for the structure stage", hint=hint)
    draft.remove_groups([
        (repeated, "front-matter summary that the first paragraph repeats"),
        ([i for i in range(start, end + 1) if i not in kept], "front matter (metadata for another site's templates)"),
    ])
    _drop_repeated_title(draft, values.get("title"))


def _repeats(summary: str, paragraph: str) -> bool:
    """True when a summary is the first paragraph, or its cut-off beginning."""
    summary, paragraph = _bare(summary).rstrip("…."), _bare(paragraph)
    return bool(summary) and (paragraph.startswith(summary) or summary.startswith(paragraph))


def _drop_repeated_title(draft: Draft, title: tuple[int, str] | None) -> None:
    """Remove the first body line when it only repeats the front-matter title."""
    if title is None:
        return
    first_body = next((i for i, line in enumerate(draft.lines) if line.text.strip() and not line.hint), None)
    if first_body is not None and _bare(draft.lines[first_body].text) == title[1]:
        draft.remove([first_body], "repeats the front-matter title")


strip_front_matter.idempotent = True  # type: ignore[attr-defined]

"""Describe how one seed file is read and classified, for the editor asking why its page came out as it did.

``site-gen inspect FILE`` prints the report this module writes, top to bottom in the order the
pipeline decides:

1. **reading**: the format (by suffix, or a Markdown file read as the HTML page it holds), the
   encoding and how it was told, and what reading took off before any rule ran;
2. for a page read as blocks (HTML, Markdown): the **metadata candidates** with their origins, the
   **head chosen** (title, authors, date, each with why), then **one row per block**: source line,
   place (head, article, tail), the classifier's verdict, kind, evidence in short, the opening of its
   text, and the reason. All of it comes from ``clean.page.read_page``, the same call the cleaning
   rule makes, so the report cannot drift from the build;
3. **the lines every cleaning rule left** (what the structure stage reads), with their hints, and a
   count of the changes by rule. A plain ``.txt`` seed has no blocks: it is read line by line by the
   named rules, so this part is its whole story.

Rows fit a 100-column terminal: Chinese characters take two columns, so text is cut by columns.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from collections.abc import Container
from pathlib import Path

from .clean import clean
from .clean.classify import Classified
from .clean.page import PageReading, read_page
from .model import Candidate, Change, Cleaned, Source, plain_text
from .read.ingest import READER, SEED_FORMATS, read_source
from .suggest import display_width, pad

WIDTH = 99  # columns a report line takes at most: one under a 100-column terminal, so none wraps
TEXT_CHARS = 40  # characters of a block's or line's text shown, at most
INDENT = "  "
LABEL_COLUMNS = 10  # columns of the header's labels (format, encoding, reading, sidecar)
LABEL = 8  # columns of the labels before a chosen value
# A block's row: source line, place, verdict, kind, evidence (characters, sentence marks, link and function-word
# density, the container it stands in), then the opening of its text.
BLOCK_COLUMNS = ("line", "place", "verdict", "kind", "chars", "marks", "links", "func", "area", "text")


def inspect_file(path: Path) -> str:
    """The report on how ``path`` is read, classified and cleaned; SourceError/SidecarError if it cannot be read."""
    path = Path(path)
    source = read_source(path)
    cleaned = clean(source)
    parts = [_reading(path, source)]
    if source.blocks is None:
        parts.append(_line_by_line())
    else:
        page = read_page(source)
        parts += [_candidates(source.candidates), _chosen(page), _blocks(page)]
    parts += [_cleaned_lines(cleaned), _changes_by_rule(cleaned.changes)]
    return "\n\n".join(part for part in parts if part) + "\n"


# ── Text in columns ──────────────────────────────────────────────────────────


def clip(text: str, columns: int, chars: int = TEXT_CHARS) -> str:
    """``text`` on one line, cut to ``chars`` characters and ``columns`` terminal columns, "…" where cut."""
    text = re.sub(r"\s+", " ", plain_text(text)).strip()
    if len(text) <= chars and display_width(text) <= columns:
        return text
    shown, used = [], 1  # the ellipsis takes a column
    for ch in text[:chars]:
        used += display_width(ch)
        if used > columns:
            break
        shown.append(ch)
    return "".join(shown) + "…"


def line_numbers(numbers: tuple[int, ...] | list[int]) -> str:
    """Source lines as runs: ``3–7, 9``; "—" for none."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in runs) or "—"


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], right: Container[int] = (),
           chars: int = WIDTH) -> list[str]:
    """Rows as columns aligned by terminal width (``right`` ones to the right); the last column is text, cut
    to ``chars`` characters and to what the line has left of WIDTH."""
    widths = [max(display_width(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    room = max(WIDTH - len(INDENT) - sum(widths) - len(widths), 12)
    lines = []
    for n, row in enumerate([header, *rows]):
        cells = [" " * (widths[i] - display_width(cell)) + cell if i in right else pad(cell, widths[i])
                 for i, cell in enumerate(row[:-1])]
        lines.append((INDENT + " ".join([*cells, row[-1] if n == 0 else clip(row[-1], room, chars)])).rstrip())
    return lines


def _wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH - display_width(indent), break_on_hyphens=False) or [""]


# ── Reading ──────────────────────────────────────────────────────────────────


def _format_why(path: Path, source: Source) -> str:
    suffix = path.suffix.lower()
    by_suffix = SEED_FORMATS.get(suffix)
    if by_suffix is None:
        return (f"{source.format}: the suffix '{suffix or '(none)'}' is no seed format, so it is read as text "
                f"(the build reads only {', '.join(SEED_FORMATS)})")
    if by_suffix != source.format:
        return f"{source.format}: its suffix says {by_suffix}, but its body is an HTML page, so it is read as one"
    return f"{source.format}: by its suffix {suffix}"


def _labelled(label: str, text: str) -> list[str]:
    """``text`` after a label column, wrapped under itself."""
    indent = " " * LABEL_COLUMNS
    return [(f"{label:<{LABEL_COLUMNS}}" if i == 0 else indent) + part for i, part in enumerate(_wrapped(text, indent))]


def _reading(path: Path, source: Source) -> str:
    lines = [f"inspect {path}", *_labelled("format", _format_why(path, source))]
    decoded = [change for change in source.reading if change.action == "repaired"]
    if source.encoding == "utf-8" and not decoded:
        lines += _labelled("encoding", "utf-8: the bytes are valid UTF-8")
    else:
        lines += _labelled("encoding", f"{source.encoding}: " + "; ".join(change.why for change in decoded))
    removed = [change for change in source.reading if change.action != "repaired"]
    if removed:
        lines += _labelled("reading", f"took {len(removed)} part(s) off before the rules ran:")
        rows = [(line_numbers(change.lines), change.why) for change in removed]
        lines += _table(("lines", "why"), rows)
    else:
        lines += _labelled("reading", "took nothing off before the rules ran")
    sidecar = source.meta.path.name if source.meta.path else "the sidecar"
    for meta in source.meta.essays:
        fields = [name for name in ("title", "title_en", "authors", "date", "source_url", "slug")
                  if getattr(meta, name) is not None]
        lines += _labelled("sidecar", f"{sidecar} sets essay {meta.index}'s {', '.join(fields) or 'nothing'}, "
                                      "over what the seed says")
    if source.meta.errata:
        lines += _labelled("sidecar", f"restores {len(source.meta.errata)} lost word(s) (errata)")
    return "\n".join(lines)


def _line_by_line() -> str:
    text = ("a plain-text seed has no blocks: it is read line by line by the named cleaning rules "
            "(build_cleaners() in site_gen/clean/__init__.py); the structure stage then finds the title, "
            "authors and date among the lines they keep, by their hints and wording.")
    return "\n".join(["read line by line", *(INDENT + line for line in _wrapped(text, INDENT))])


# ── A page read as blocks ────────────────────────────────────────────────────


def _candidates(candidates: tuple[Candidate, ...]) -> str:
    if not candidates:
        return "metadata candidates: none (no <title>, <meta>, JSON-LD, front matter or clipper fields)"
    rows = [(str(c.line or "—"), c.field, c.origin, c.value) for c in candidates]
    lines = _table(("line", "field", "origin", "value"), rows, right={0})
    return "\n".join([f"metadata candidates ({len(candidates)}), in the order the file gives them:", *lines])


def _chosen(page: PageReading) -> str:
    head = page.head
    rows = [("title", head.title, head.title_line, head.title_why),
            ("authors", "、".join(head.authors), head.authors_line, head.authors_why),
            ("date", head.date, head.date_line, head.date_why),
            ("source", head.source_url, head.source_url_line, "the page's address" if head.source_url else "")]
    lines = ["chosen (clean.head.choose_head, as the cleaning rule calls it):"]
    for label, value, line, why in rows:
        if not value:
            lines.append(f"{INDENT}{label:<{LABEL}} — none found")
            continue
        lines.append(f"{INDENT}{label:<{LABEL}} {clip(value, WIDTH - len(INDENT) - LABEL - 1, 80)}")
        lines.append(f"{INDENT}{'':<{LABEL}} line {line or '—'}: {why}")
    return "\n".join(lines)


def _block_row(item: Classified, verdict: str) -> tuple[str, ...]:
    """A block's cells under BLOCK_COLUMNS: where it stands, its verdict, kind and evidence, its text."""
    block, evidence = item.block, item.evidence
    kind = f"{block.kind} {block.level}" if block.kind == "heading" and block.level else block.kind
    area = block.container or ("content" if block.in_content else "")  # the template's chrome or article box
    return (str(block.line), item.place, verdict, kind, str(evidence.chars), str(evidence.sentences),
            f"{evidence.link_density:.0%}", f"{evidence.function_density:.0%}", area, block.text)


def _verdict(page: PageReading, index: int) -> tuple[str, str]:
    """The verdict column and the reason line of block ``index``."""
    item = page.classified[index]
    if index in page.head.used:
        return "taken", f"taken for the head: {page.head.used[index]} (classifier: {item.verdict.why})"
    return ("kept" if item.verdict.label == "good" else "left out"), item.verdict.why


def _blocks(page: PageReading) -> str:
    blocks = page.classified
    if not blocks:
        return "blocks: none: the page holds no reading text"
    places = Counter(item.place for item in blocks)
    if places["article"]:
        first, last = blocks[page.start].block.line, blocks[page.end].block.line
        region = (f"the article is blocks {page.start + 1}–{page.end + 1} (lines {first}–{last}), with "
                  f"{places['head']} above it (head) and {places['tail']} after it (tail)")
    else:
        region = "no block reads as the article's text: all of them are page chrome"
    legend = ("verdict: the classifier's; kept = article text, left out = page chrome, taken = used for the head "
              "(title, byline). Only kept blocks in the article become paragraphs; of the blocks around it, only "
              "the chosen head and closing notes may stay: the lines after every rule, below, show what did.")
    verdicts = [_verdict(page, i) for i in range(len(blocks))]
    rows = [_block_row(item, verdict) for item, (verdict, _) in zip(blocks, verdicts)]
    table = _table(BLOCK_COLUMNS, rows, right={0, 4, 5, 6, 7}, chars=TEXT_CHARS)
    reason_indent = " " * (len(INDENT) + max(display_width(row[0]) for row in [BLOCK_COLUMNS, *rows]) + 1)
    lines = [*_wrapped(f"blocks ({len(blocks)}): {region}", ""), *_wrapped(legend, ""), table[0]]
    for row_line, (_, why) in zip(table[1:], verdicts):
        lines.append(row_line)
        lines += [reason_indent + part for part in _wrapped(why, reason_indent)]
    return "\n".join(lines)


# ── What the rules leave ─────────────────────────────────────────────────────


def _cleaned_lines(cleaned: Cleaned) -> str:
    if not cleaned.lines:
        return "lines after every cleaning rule: none"
    rows = [(str(line.number), line.hint or "", line.text) for line in cleaned.lines]
    return "\n".join([f"lines after every cleaning rule ({len(cleaned.lines)}), what the structure stage reads:",
                      *_table(("line", "hint", "text"), rows, right={0}, chars=TEXT_CHARS)])


def _changes_by_rule(changes: tuple[Change, ...]) -> str:
    if not changes:
        return "changes by rule: none"
    counts: dict[str, Counter] = {}
    for change in changes:
        counts.setdefault(change.rule, Counter())[change.action] += 1
    rows = [(f"{rule} (before the rules)" if rule == READER else rule,
             ", ".join(f"{action} {n}" for action, n in sorted(counts[rule].items())))  # as build prints them
            for rule in counts]
    return "\n".join([f"changes by rule ({len(changes)}, each listed on the essay's source-notes page):",
                      *_table(("rule", "changes"), rows)])

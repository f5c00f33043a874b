"""Markup left in a scrape: HTML tags and entities, hostile HTML, and markdown markers.

Markup is parsed (beautifulsoup4 with html.parser) and never passed through; what it said
about a line (a heading, a bold lead, a figure caption) survives as the line's hint.
"""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

from .draft import Draft

# Elements whose content is never reading text, and that must vanish whole.
HOSTILE = ("script", "style", "iframe", "noscript", "template", "object", "embed", "svg", "frameset", "frame")

# Markup that can open on one line and close on a later one: (opener, closer-for-opener).
_SPANS = (
    (re.compile(r"<!--"), lambda m: re.compile(r"-->")),
    (
        re.compile(rf"<({'|'.join(HOSTILE)})\b", re.IGNORECASE),
        lambda m: re.compile(rf"</{m.group(1)}\s*>", re.IGNORECASE),
    ),
    (re.compile(r"<[A-Za-z][\w:-]*(\s[^<>]*)?$"), lambda m: re.compile(">")),  # a tag cut by a line end
)


def _open_span(text: str) -> tuple[int, re.Pattern[str]] | None:
    """Where markup opens on this line without closing on it, and the pattern that closes it."""
    for opener, closer_for in _SPANS:
        for match in opener.finditer(text):
            closer = closer_for(match)
            if not closer.search(text, match.end()):
                return match.start(), closer
    return None


def remove_multiline_markup(draft: Draft) -> None:
    """Remove comments, scripts, styles, frames and tags that run over several lines, content included.

    A single-line element is left to ``strip_html``; text before the opener and after the closer stays.
    """
    i = 0
    while i < len(draft.lines):
        span = _open_span(draft.lines[i].text)
        if span is None:
            i += 1
            continue
        start, closer = span
        j = i + 1
        while j < len(draft.lines) and not closer.search(draft.lines[j].text):
            j += 1
        head = draft.lines[i].text[:start]
        tail = ""
        if j < len(draft.lines):
            tail = draft.lines[j].text[closer.search(draft.lines[j].text).end() :]
        why = "markup running over several lines (comment, script, style, frame or a cut tag)"
        draft.repair(i, head, why)
        if j < len(draft.lines):
            draft.repair(j, tail, why)
        draft.remove(range(i + 1, min(j, len(draft.lines))), why)
        i += 1


remove_multiline_markup.idempotent = True  # type: ignore[attr-defined]

# Elements that are never reading text without being hostile: page metadata, and ad containers
# (recognised by class or id such as "ad", "ad-banner", "advert", "sponsor", "promo").
NOT_TEXT = ("title", "head", "meta", "link", "button", "select", "input")
_AD_CONTAINER = re.compile(r"(?:^|[\s_-])(?:ads?|advert\w*|banner|sponsor\w*|promo\w*|guanggao)(?:$|[\s_-])", re.IGNORECASE)

_LEFTOVER_TAG = re.compile(r"<[A-Za-z/!?][^<>]*>?")
_SCRIPT_URL = re.compile(r"(?:javascript|vbscript)\s*:[^\s\"'<>]*|data:[\w.+-]+/[^\s\"'<>]*", re.IGNORECASE)
_HEADING = re.compile(r"h[1-4]")


def _hint_of(soup: BeautifulSoup, text: str) -> str | None:
    """What the markup says the line is: a heading, a figure caption or a bold lead (None: nothing)."""
    heading = soup.find(_HEADING)
    if heading is not None and heading.get_text().strip():
        return f"heading{heading.name[1]}"
    if soup.find("figcaption") is not None:
        return "caption"
    bold = "".join(tag.get_text() for tag in soup.find_all(["strong", "b"], recursive=True))
    if bold.strip() and bold.strip() == text:
        return "lead"
    return None


def is_ad_container(attrs) -> bool:
    """True for an element whose class or id names it an advertisement (``attrs``: a tag or a dict of attributes)."""
    classes = attrs.get("class") or []
    names = " ".join([*([classes] if isinstance(classes, str) else classes), attrs.get("id") or ""])
    return bool(names.strip() and _AD_CONTAINER.search(names))


_UNCLOSED_LT = re.compile(r"<(?=[^<>]*(?:<|$))")


def html_to_text(text: str) -> tuple[str, str | None]:
    """A line's reading text with every tag, entity and hostile element gone, and the hint its markup gave.

    >>> html_to_text('<figcaption>阿里巴巴自主研發的倚天710晶片。</figcaption>')
    ('阿里巴巴自主研發的倚天710晶片。', 'caption')
    >>> html_to_text('<li id="aa00a"><table id="aa00a"></table></li>')
    ('', None)
    >>> html_to_text('<a href="javascript:alert(1)" onclick="x()">詳情</a>&nbsp;<script>alert(1)</script>')
    ('詳情\\xa0', None)
    """
    if "<" not in text and "&" not in text and ":" not in text:
        return text, None
    # A "<" that no ">" closes before the next "<" cannot open a tag: written as &lt;, it reads the
    # same, and the standard library's parser no longer rescans the rest of the line at each one
    # (150 KB of "<a " took minutes).
    text = _UNCLOSED_LT.sub("&lt;", text)
    with warnings.catch_warnings():
        # A line that is only a URL or a file name is still a line of text, not a mistake.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(HOSTILE + NOT_TEXT):
        tag.decompose()
    for tag in soup.find_all(is_ad_container):
        tag.decompose()
    plain = soup.get_text()
    while (cleaner := _LEFTOVER_TAG.sub("", plain)) != plain:
        plain = cleaner  # entities can spell out a tag (&lt;b&gt;), and tags can nest inside fragments
    plain = _SCRIPT_URL.sub("", plain)
    return plain, _hint_of(soup, plain.strip())


def strip_html(draft: Draft) -> None:
    """Remove tags, entities and hostile HTML (scripts, styles, frames, event handlers, script URLs),
    page metadata (``<title>``) and ad containers (``class="ad-banner"``).

    Leaves text that merely contains ``<`` or ``&`` (``a < b``, ``R&D``) as it is.
    """
    for i, line in enumerate(draft.lines):
        plain, hint = html_to_text(line.text)
        draft.repair(i, plain, "HTML markup and entities", hint=hint)


strip_html.idempotent = True  # type: ignore[attr-defined]

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_MD_MARKER = re.compile(r"^[■□◆◇]+\s*")  # ▲ over a line marks a photo caption: mark_captions
_MD_QUOTE = re.compile(r"^>+\s*")
_MD_BULLET = re.compile(r"^[-*+]\s+(?=\S)")
_MD_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+(?=\S)")
_MD_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
_MD_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?$")
_MD_TABLE_ROW = re.compile(r"^\|(.*\|.*)\|$")
_MD_BOLD_LINE = re.compile(r"^(\*\*|__)(.+?)\1$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))+\)")
_MD_EMPTY_LINK = re.compile(r"\[\s*\]\((?:[^()\s]|\([^)]*\))*\)")


def markdown_to_text(text: str) -> tuple[str, str | None]:
    """A line with markdown markers taken off, and the hint they gave (heading level, bold lead).

    Markers can be stacked (``# **标题**``, ``■ ## 标题``), so they come off until none is left.

    >>> markdown_to_text("## 我国人工智能发展成就斐然")
    ('我国人工智能发展成就斐然', 'heading2')
    >>> markdown_to_text("■ 北京大学 董志勇")
    ('北京大学 董志勇', None)
    >>> markdown_to_text("**多家外媒表示驚嘆。**")
    ('多家外媒表示驚嘆。', 'lead')
    >>> markdown_to_text("> 种一棵树最好的时间是十年前。"), markdown_to_text("- 社会保险补贴")
    (('种一棵树最好的时间是十年前。', 'quote'), ('社会保险补贴', 'item'))
    >>> markdown_to_text("| 2017 | 1012头 |"), markdown_to_text("[![](a.jpg)](https://example.org/p)")
    (('2017 1012头', 'item'), ('', None))
    """
    hint = None
    while True:
        plain, found = _markdown_once(text)
        hint = hint or found
        if plain == text:
            return plain, hint
        text = plain


def _markdown_once(text: str) -> tuple[str, str | None]:
    """One layer of markdown markers off a line, and the hint they gave."""
    hint = None
    if _MD_RULE.match(text) or _MD_TABLE_RULE.match(text):
        return "", None
    if heading := _MD_HEADING.match(text):
        text, hint = heading.group(2), f"heading{min(len(heading.group(1)), 4)}"
    elif row := _MD_TABLE_ROW.match(text):
        # The model has no tables: a row reads as one line, its cells apart.
        text, hint = " ".join(cell.strip() for cell in row.group(1).split("|") if cell.strip()), "item"
    elif _MD_QUOTE.match(text):
        text, hint = _MD_QUOTE.sub("", text), "quote"
    elif _MD_BULLET.match(text):
        text, hint = _MD_BULLET.sub("", text), "item"
    elif _MD_NUMBERED.match(text):
        hint = "item"  # the number is part of what the reader sees
    text = _MD_MARKER.sub("", text)
    if bold := _MD_BOLD_LINE.match(text):
        text, hint = bold.group(2), hint or "lead"
    text = _MD_LINK.sub(r"\1", _MD_EMPTY_LINK.sub("", _MD_IMAGE.sub("", text)))
    return _MD_EMPHASIS.sub(r"\2", text), hint


def strip_markdown(draft: Draft) -> None:
    """Remove markdown markers an earlier conversion left (``#``, ``##``, ``■``, ``**``, links, rules, quotes,
    list bullets, table pipes); quotes, list items and table rows keep their role as the line's hint.

    Leaves ``#`` without a following space (``#话题#``) and single ``*`` alone.
    """
    for i, line in enumerate(draft.lines):
        plain, hint = markdown_to_text(line.text)
        if draft.source.blocks is not None and line.hint:
            hint = None  # the page's own markup already said what this line is (a heading, not "2." an item)
        draft.repair(i, plain, "markdown markers from an earlier conversion", hint=hint)


strip_markdown.idempotent = True  # type: ignore[attr-defined]

_SELF_LINK = re.compile(r"^\[[^\]]*\]\((https?://[^)\s]+)\)$")


def take_trailing_self_link(draft: Draft) -> None:
    """Turn a markdown link alone on the last line (a link back to the article) into a source-URL hint.

    Links anywhere else are left to ``strip_markdown``, which keeps their text.
    """
    last = next((i for i in range(len(draft.lines) - 1, -1, -1) if draft.lines[i].text.strip()), None)
    if last is None or not (link := _SELF_LINK.match(draft.lines[last].text.strip())):
        return
    draft.repair(last, link.group(1), "a link back to the article: kept as its source URL",
                 action="moved", hint="source_url")


take_trailing_self_link.idempotent = True  # type: ignore[attr-defined]

"""Read an HTML page (or an HTML fragment, as Markdown renders to) into blocks with their evidence.

The page is parsed once, with lxml (linear in the page's size, lenient with broken markup). Its
text is cut at every block-level element and ``<br>``: each cut is a ``SourceBlock`` that keeps
what the markup said before the markup is gone — the element's kind (heading and level, list
item, quote, caption, table cell), how much of its text sits inside links, whether it is all bold,
and the names of the containers around it (``class="comment-list"``, ``<footer>``,
``id="article-content"``), which a site's template uses to say what its parts are.

The page's ``<head>`` gives metadata candidates, each with where it came from: ``<title>``,
``og:title``, ``<meta name=author>``, ``article:published_time``, JSON-LD, ``<time>``.
Deciding among them is the clean and structure stages' job: an editor often stands in
``<meta name=author>``, and a ``<title>`` carries the site's name.
"""

from __future__ import annotations

import json
import re

from lxml import etree
from lxml import html as lxml_html

from ..model import Candidate, SourceBlock

# Elements that never hold reading text.
SKIPPED = frozenset({"script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
                     "svg", "math", "canvas", "map", "select", "option", "textarea", "button", "input", "head",
                     "title", "meta", "link", "audio", "video", "source"})
BLOCK_ELEMENTS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "tfoot", "thead", "tr", "td", "th", "ul", "br",
})
KIND_OF_ELEMENT = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
                   "h6": "heading", "li": "item", "dt": "item", "dd": "item", "blockquote": "quote",
                   "figcaption": "caption", "caption": "caption", "td": "cell", "th": "cell", "pre": "preformatted"}
EMPHASIS = frozenset({"strong", "b"})
# Words a site's template names its parts with (class, id, element): navigation, comments, sidebars,
# footers. These are the web's common English words and stems (readability's and trafilatura's
# lists), never one site's; a name is split into words first (``commentList`` -> comment, list).
CHROME_WORDS = re.compile(
    r"^(?:nav|navbar|navigation|menu|menus|foot|footer|side|sidebar|aside|comments?|cmt|replies|reply|share|"
    r"sharing|social|related|relate|recommend\w*|hot|hotnews|rank\w*|banner|ad|ads|advert\w*|sponsor\w*|"
    r"promo\w*|breadcrumbs?|crumbs?|login|signin|register|copyright|tags?|keywords?|subscribe|subscription|"
    r"follow|pager|pagination|popup|modal|toolbar|widget|bottom|topbar|masthead|logo|search|bio|newsletter|"
    r"hidden)$")
CONTENT_WORDS = re.compile(r"^(?:article|content|post|entry|main|story|text|body|detail|rich|js_content|"
                           r"editor|arti|artibody|endtext)$")
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\n\f\u00a0\u200b]+")
_UNSEEN = re.compile(r"[\s\u3000\u200b]+")  # what does not count as a block's characters
_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019"
# White space holding a line break between Chinese characters is a pretty-printer's wrap: it joins to nothing.
_WRAP_IN_CJK = re.compile(f"(?<=[{_CJK}])[ \t\r\f\u00a0]*\n\\s*(?=[{_CJK}])")

META_CANDIDATES = {  # <meta name|property> -> the field it is a candidate for
    "og:title": "title", "twitter:title": "title", "title": "title",
    "author": "author", "article:author": "author", "dc.creator": "author", "byl": "author",
    "article:published_time": "date", "og:published_time": "date", "pubdate": "date", "publishdate": "date",
    "publish_date": "date", "dc.date": "date", "date": "date", "og:release_date": "date",
    "description": "description", "og:description": "description",
    "og:url": "source_url", "og:site_name": "site",
}


def _name_words(element) -> list[str]:
    """The words of an element's class and id: ``commentList main-nav`` -> comment, list, main, nav."""
    names = " ".join(filter(None, (element.get("class", ""), element.get("id", ""))))
    names = re.sub(r"([a-z])([A-Z])", r"\1 \2", names).lower()
    return [word for word in re.split(r"[^a-z]+", names) if word]


def collapse(text: str) -> str:
    """White space as a reader sees it: a wrapped line joins Chinese text with nothing, other runs are one space.

    >>> collapse("第一段文字\\n      继续。Deep\\n  Learning  模型")
    '第一段文字继续。Deep Learning 模型'
    """
    return _SPACE.sub(" ", _WRAP_IN_CJK.sub("", text)).strip()


class _Walker:
    """Cuts the element tree into blocks; see the module docstring."""

    def __init__(self, first_line: int):
        self.offset = first_line - 1
        self.blocks: list[SourceBlock] = []
        self.skipped: list[tuple[int, int, str, str]] = []  # (first line, last line, text, what it was)
        self.parts: list[str] = []
        self.started = False  # the block under way has text that is not white space
        self.line = 0
        self.link_chars = 0
        self.links = 0
        self.bold_chars = 0
        self.image_before = False  # an image was the last thing read: the next block may be its caption

    def add(self, text: str | None, line: int, in_link: bool, bold: bool) -> None:
        if not text:
            return
        if not self.started:
            # The text starts where its first character stands, perhaps lines below its tag.
            self.line = line + text[: len(text) - len(text.lstrip())].count("\n")
            self.started = bool(text.strip())
        self.parts.append(text)
        visible = len(_UNSEEN.sub("", text))
        self.link_chars += visible if in_link else 0
        self.bold_chars += visible if bold else 0

    def flush(self, kind: str, level: int, chrome: str, content: bool, hidden: bool) -> None:
        raw = "".join(self.parts)
        text = collapse(raw)
        if text:
            visible = len(_UNSEEN.sub("", raw)) or 1
            first = self.line + self.offset
            self.blocks.append(SourceBlock(
                kind=kind, text=text, line=first, level=level, last_line=first + raw.strip().count("\n"),
                link_chars=min(self.link_chars, visible), links=self.links,
                emphasis=self.bold_chars >= visible * 0.9, container=chrome, in_content=content, hidden=hidden,
                after_image=self.image_before))
            self.image_before = False
        self.parts, self.link_chars, self.links, self.bold_chars, self.line = [], 0, 0, 0, 0
        self.started = False

    def _skip(self, element, tag: str) -> None:
        """Note an element that is never reading text (a script, a style sheet, a comment, a form control)."""
        text = element.text or "" if not tag else element.text_content() if tag in ("script", "style") else ""
        if not tag and not isinstance(element, etree._Comment):
            return  # a processing instruction or entity: nothing a reader would miss
        what = "an HTML comment" if not tag else f"<{tag}> element"
        first = (element.sourceline or self.line or 1) + self.offset
        inner = [node.sourceline + self.offset for node in element.iter() if node.sourceline] if tag else []
        self.skipped.append((first, max([first, *inner]) + text.count("\n"), text.strip(), what))

    def walk(self, element, kind="paragraph", level=0, in_link=False, bold=False, chrome="", content=False,
             hidden=False) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in SKIPPED:
            self._skip(element, tag)
            self.add(element.tail, element.sourceline or self.line, in_link, bold)
            return
        words = _name_words(element)
        if not chrome:
            if tag in ("nav", "footer", "aside"):
                chrome = tag
            else:
                chrome = next((word for word in words if CHROME_WORDS.match(word)), "")
        content = content or tag in ("article", "main") or any(CONTENT_WORDS.match(word) for word in words)
        hidden = hidden or bool(HIDDEN_STYLE.search(element.get("style", ""))) or element.get("hidden") is not None
        is_block = tag in BLOCK_ELEMENTS
        inner_kind, inner_level = kind, level
        if tag in KIND_OF_ELEMENT:
            inner_kind = KIND_OF_ELEMENT[tag]
            inner_level = int(tag[1]) if inner_kind == "heading" else 0
        elif tag == "p":
            inner_kind, inner_level = "paragraph", 0
        line = element.sourceline or self.line
        if is_block:
            self.flush(kind, level, chrome, content, hidden)
        if tag == "a":
            self.links += 1
        if tag == "img" and not self.started:
            self.image_before = True
        inner_link, inner_bold = in_link or tag == "a", bold or tag in EMPHASIS
        self.add(element.text, line, inner_link, inner_bold)
        for child in element:
            self.walk(child, inner_kind, inner_level, inner_link, inner_bold, chrome, content, hidden)
        if is_block:
            self.flush(inner_kind, inner_level, chrome, content, hidden)
        self.add(element.tail, line, in_link, bold)


def parse(text: str):
    """The document tree of an HTML page or fragment (lxml, lenient).

    ``huge_tree``: libxml2 otherwise stops nesting elements 255 deep and drops what lies deeper
    without a word (a page of 10,000 nested divs kept 130 of its paragraphs). Deeper than
    Python's recursion allows, the walk stops and the seed is refused in one line
    (``ingest.read_structured``). A parser per call: lxml's are not to be shared by threads.
    """
    return lxml_html.document_fromstring(text, parser=lxml_html.HTMLParser(huge_tree=True))


def read_html_blocks(text: str, first_line: int = 1) -> tuple[list[SourceBlock], list[Candidate]]:
    """The blocks of an HTML page or fragment in reading order, and the metadata its head offers."""
    blocks, candidates, _ = read_html(text, first_line)
    return blocks, candidates


def read_html(text: str, first_line: int = 1) -> tuple[list[SourceBlock], list[Candidate],
                                                         list[tuple[int, int, str, str]]]:
    """Blocks, metadata candidates, and the elements never read (first line, last line, text, what they were)."""
    try:
        tree = parse(text)
    except (etree.ParserError, ValueError):
        return [], [], []
    walker = _Walker(first_line)
    body = tree.find("body")
    walker.walk(body if body is not None else tree)
    walker.flush("paragraph", 0, "", False, False)
    head = tree.find("head")
    if head is not None:
        walker._skip(head, "head")
        for child in head:
            if not isinstance(child.tag, str) or child.tag in ("script", "style"):
                walker._skip(child, child.tag if isinstance(child.tag, str) else "")
    return walker.blocks, head_candidates(tree, first_line), walker.skipped


def head_candidates(tree, first_line: int = 1) -> list[Candidate]:
    """Title, author, date, description and URL the page's head and markup offer, each with its origin."""
    offset = first_line - 1
    found: list[Candidate] = []
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        found.append(Candidate("title", collapse(title.text_content()), "<title>", (title.sourceline or 1) + offset))
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = collapse(meta.get("content") or "")
        if key in META_CANDIDATES and value:
            found.append(Candidate(META_CANDIDATES[key], value, f"<meta {key}>", (meta.sourceline or 1) + offset))
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json":
            found += _json_ld_candidates(script.text or "", (script.sourceline or 1) + offset)
    for time in tree.iter("time"):
        when = time.get("datetime") or time.text_content()
        if when and when.strip():
            found.append(Candidate("date", when.strip(), "<time>", (time.sourceline or 1) + offset))
    return found


def _json_ld_candidates(text: str, line: int) -> list[Candidate]:
    """headline, author names and datePublished of JSON-LD articles."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    items = data if isinstance(data, list) else [data]
    items += [node for item in list(items) if isinstance(item, dict) for node in item.get("@graph", [])
              if isinstance(node, dict)]
    found = []
    for item in items:
        if not isinstance(item, dict) or "Article" not in str(item.get("@type", "")) and "Posting" not in str(
                item.get("@type", "")):
            continue
        if isinstance(item.get("headline"), str):
            found.append(Candidate("title", collapse(item["headline"]), "JSON-LD headline", line))
        authors = item.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            name = author.get("name") if isinstance(author, dict) else author
            if isinstance(name, str) and name.strip():
                found.append(Candidate("author", collapse(name), "JSON-LD author", line))
        if isinstance(item.get("datePublished"), str):
            found.append(Candidate("date", item["datePublished"], "JSON-LD datePublished", line))
    return found

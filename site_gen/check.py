"""Check a built site as a reader's browser and a crawler would meet it (``site-gen check``).

Every internal link and anchor (``href``, ``src``, ``srcset``; ``url()`` in stylesheets)
must land on a file of the site, and a ``#fragment`` on an element with that id; links to
other hosts are collected, never fetched. Absolute links under the base URL's path count
as internal. Every HTML page but ``404.html`` must be reachable from ``index.html`` by
following links; ``sitemap.xml`` must be a sitemap listing only existing pages; every other
XML file must parse, and an Atom or RSS feed's links must land; every JSON file must parse;
``robots.txt`` must name an existing sitemap.

Each problem is one line naming the file and the link: ``hans/x.html: link to
hant/y.html#p9: no element with id p9``.
"""

from __future__ import annotations

import json
import posixpath
import re
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from .errors import SiteGenError

HOME = "index.html"
NOT_FOUND = "404.html"  # served for any missing path, so nothing links to it
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
ATOM_NS = "http://www.w3.org/2005/Atom"
# Links a reader follows; <link> elements (stylesheets, alternates) are checked but do not make a page reachable.
NAVIGABLE = {"a", "area", "iframe", "frame"}
LINK_ATTRIBUTES = ("href", "src", "srcset", "poster")
# Fragments a browser honours without an element: the top of the page, and text fragments.
BUILTIN_FRAGMENTS = {"", "top"}

_FIND_IDS = etree.XPath("//@id | //a/@name", smart_strings=False)
_FIND_LINKING = etree.XPath("//*[@href or @src or @srcset or @poster]")
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


class CheckError(SiteGenError):
    """The site folder cannot be checked at all (missing, not a folder)."""

    category = "check error"


@dataclass
class Report:
    """What the check found: one line per problem, and what it looked at."""

    problems: list[str] = field(default_factory=list)
    files: int = 0
    pages: int = 0
    links: int = 0
    external: dict[str, str] = field(default_factory=dict)  # URL -> the first file linking to it
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        outside = f", {len(self.external)} distinct link(s) to other hosts not fetched" if self.external else ""
        found = f"{len(self.problems)} problem(s)" if self.problems else "no problems"
        return (f"checked {self.files} files ({self.pages} pages, {self.links} internal links{outside}) "
                f"in {self.seconds:.1f} s: {found}")


@dataclass
class _Page:
    ids: set[str]
    links: list[tuple[str, bool]]  # (attribute value as written, whether a reader follows it)


class _Site:
    """The files of one built site and the rules for resolving links between them."""

    def __init__(self, root: Path, base_url: str):
        self.root = root
        self.files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
        split = urlsplit(base_url) if base_url else None
        self.origin = f"{split.scheme}://{split.netloc}".lower() if split else ""
        self.base_path = (split.path if split else "").rstrip("/") + "/"  # as urls.absolute() reads it

    def resolve(self, link: str, where: str) -> tuple[str, str, str | None]:
        """``link`` as found in file ``where``: ("internal", site path, fragment or None),
        ("external", URL, None), ("other", link, None) for mailto: and the like, or ("bad", why, None)."""
        link = link.strip()
        parts = urlsplit(link)
        fragment = unquote(parts.fragment) if "#" in link else None
        if parts.scheme and parts.scheme.lower() not in ("http", "https"):
            return "other", link, None
        if parts.netloc:  # absolute, or protocol-relative: internal only under the base URL
            scheme = (parts.scheme or self.origin.partition(":")[0] or "https").lower()
            if not self.origin or f"{scheme}://{parts.netloc.lower()}" != self.origin:
                return "external", link, None
            path = parts.path or "/"
            if not path.startswith(self.base_path):  # another site on the same host
                return "external", link, None
        elif parts.path.startswith("/"):
            path = parts.path
        elif not parts.path:  # "#id" or "?query": this very file
            return "internal", where, fragment
        else:
            return self._within(posixpath.join(posixpath.dirname(where), unquote(parts.path)), fragment)
        if not path.startswith(self.base_path):
            return "bad", f"outside the base path {self.base_path}", None
        return self._within(unquote(path[len(self.base_path):]), fragment)

    @staticmethod
    def _within(path: str, fragment: str | None) -> tuple[str, str, str | None]:
        """A path from the site's root to the file it names (a folder's index.html), unless it leaves the site."""
        normal = posixpath.normpath(path) if path else "."
        if normal == ".." or normal.startswith("../"):
            return "bad", "leaves the site's folder", None
        if normal == "." or path.endswith("/"):
            normal = posixpath.normpath(posixpath.join(normal, HOME))
        return "internal", normal, fragment


def _parse_html(data: bytes) -> _Page:
    parser = etree.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True)
    document = etree.fromstring(data, parser)
    if document is None:  # an empty file
        return _Page(set(), [])
    links: list[tuple[str, bool]] = []
    for element in _FIND_LINKING(document):
        navigable = element.tag in NAVIGABLE
        for attribute in LINK_ATTRIBUTES:
            value = element.get(attribute)
            if value is None:
                continue
            if attribute == "srcset":
                links.extend((url, False) for url in srcset_urls(value))
            else:
                links.append((value, navigable and attribute in ("href", "src")))
    return _Page(set(_FIND_IDS(document)), links)


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset`` attribute (image candidate strings, as the HTML standard splits them)."""
    urls, position = [], 0
    while position < len(value):
        while position < len(value) and (value[position].isspace() or value[position] == ","):
            position += 1
        start = position
        while position < len(value) and not value[position].isspace():
            position += 1
        url = value[start:position]
        if url.endswith(","):
            url = url.rstrip(",")
        else:  # skip the descriptors up to the next comma outside parentheses
            depth = 0
            while position < len(value) and (value[position] != "," or depth):
                depth += {"(": 1, ")": -1}.get(value[position], 0)
                position += 1
        if url:
            urls.append(url)
    return urls


def css_urls(text: str) -> list[str]:
    """The ``url()`` and ``@import`` targets of a stylesheet, comments left out."""
    found = []
    for match in _CSS_URL.finditer(_CSS_COMMENT.sub("", text)):
        url = next((group for group in match.groups() if group is not None), "")
        if url and not url.startswith("data:"):
            found.append(url)
    return found


def check_site(root: Path, base_url: str = "") -> Report:
    """Check the built site in ``root``; ``base_url`` is where it is served (see ``site_base_url``)."""
    started = time.perf_counter()
    if not root.is_dir():
        raise CheckError(f"there is no site to check in {root} (run site-gen build first)", root)
    site = _Site(root, base_url)
    report = Report(files=len(site.files))
    pages: dict[str, _Page] = {}
    for path in sorted(site.files):
        if path.endswith((".html", ".htm")):
            try:
                pages[path] = _parse_html((root / path).read_bytes())
            except (etree.ParserError, ValueError) as error:
                report.problems.append(f"{path}: cannot be read as HTML: {error}")
    report.pages = len(pages)

    graph: dict[str, set[str]] = {path: set() for path in pages}
    for path, page in pages.items():
        for link, navigable in page.links:
            target = _check_link(site, pages, report, path, link)
            if navigable and target in pages:
                graph[path].add(target)
    for path in sorted(p for p in site.files if p.endswith(".css")):
        text = (root / path).read_text(encoding="utf-8", errors="replace")
        for link in css_urls(text):
            _check_link(site, pages, report, path, link)

    if HOME not in pages:
        report.problems.append(f"{HOME}: missing: the site has no home page")
    else:
        reached = _reachable(graph, HOME)
        for path in sorted(set(pages) - reached - {NOT_FOUND}):
            report.problems.append(f"{path}: orphan page: no link leads to it from {HOME}")

    for path in sorted(site.files):
        if path.endswith(".xml"):
            _check_xml(site, pages, report, path)
        elif path.endswith((".json", ".webmanifest")):
            _check_json(root, report, path)
    if "robots.txt" in site.files:
        _check_robots(site, pages, report)
    report.seconds = time.perf_counter() - started
    return report


def _check_link(site: _Site, pages: dict[str, _Page], report: Report, where: str, link: str,
                what: str = "link") -> str | None:
    """Check one link found in file ``where``; the site path it lands on (None if it does not)."""
    kind, target, fragment = site.resolve(link, where)
    if kind == "other":
        return None
    if kind == "external":
        report.external.setdefault(target, where)
        return None
    if kind == "bad":
        report.problems.append(f"{where}: {what} {link}: {target}")
        return None
    report.links += 1
    shown = target + (f"#{fragment}" if fragment else "")
    if target not in site.files:
        report.problems.append(f"{where}: {what} to {shown}: no such file")
        return None
    if fragment is not None and target in pages and fragment not in BUILTIN_FRAGMENTS \
            and not fragment.startswith(":~:") and fragment not in pages[target].ids:
        report.problems.append(f"{where}: {what} to {shown}: no element with id {fragment}")
    return target


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, queue = {start}, deque([start])
    while queue:
        for target in graph[queue.popleft()]:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _parse_xml(root: Path, report: Report, path: str):
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        return etree.parse(str(root / path), parser).getroot()
    except etree.XMLSyntaxError as error:
        report.problems.append(f"{path}: not valid XML: {error.msg} (line {error.lineno})")
    return None


def _check_xml(site: _Site, pages: dict[str, _Page], report: Report, path: str) -> None:
    """sitemap.xml lists existing pages; a feed's links land; any other XML file parses."""
    document = _parse_xml(site.root, report, path)
    if document is None:
        return
    tag = etree.QName(document).localname if isinstance(document.tag, str) else ""
    namespace = etree.QName(document).namespace if isinstance(document.tag, str) else None
    if path.rsplit("/", 1)[-1] == "sitemap.xml" or namespace == SITEMAP_NS:
        _check_sitemap(site, pages, report, path, document, tag, namespace)
    elif namespace == ATOM_NS and tag == "feed":
        for link in document.iter(f"{{{ATOM_NS}}}link"):
            href = link.get("href")
            if href is None:
                report.problems.append(f"{path}: a feed link without href (line {link.sourceline})")
                continue
            entry = link.getparent() is not None and etree.QName(link.getparent()).localname == "entry"
            _check_link(site, pages, report, path, href,
                        "entry link" if entry else "feed link")
    elif tag == "rss":
        for link in document.iter("link"):
            if link.text and link.text.strip():
                _check_link(site, pages, report, path, link.text.strip(), "feed link")


def _check_sitemap(site, pages, report, path, document, tag, namespace) -> None:
    if namespace != SITEMAP_NS or tag not in ("urlset", "sitemapindex"):
        report.problems.append(f"{path}: not a sitemap: the root element is <{tag}> in namespace "
                               f"{namespace or '(none)'}, not <urlset> in {SITEMAP_NS}")
        return
    locs = list(document.iter(f"{{{SITEMAP_NS}}}loc"))
    if not locs:
        report.problems.append(f"{path}: lists no pages")
    for loc in locs:
        url = (loc.text or "").strip()
        if not re.match(r"^https?://", url):
            report.problems.append(f"{path}: lists {url or '(an empty <loc>)'}: not an absolute http(s) URL")
            continue
        kind, target, _ = site.resolve(url, path)
        if kind != "internal":
            why = target if kind == "bad" else f"not under the site's base URL {site.origin}{site.base_path}"
            report.problems.append(f"{path}: lists {url}: {why}")
        elif target not in site.files:
            report.problems.append(f"{path}: lists {url}: no such page")
        else:
            report.links += 1


def _check_robots(site: _Site, pages: dict[str, _Page], report: Report) -> None:
    """robots.txt's ``Sitemap:`` lines name a sitemap of the site."""
    text = (site.root / "robots.txt").read_text(encoding="utf-8", errors="replace")
    for match in re.finditer(r"^\s*sitemap\s*:\s*(\S+)", text, re.IGNORECASE | re.MULTILINE):
        _check_link(site, pages, report, "robots.txt", match.group(1), "sitemap line")


def _check_json(root: Path, report: Report, path: str) -> None:
    try:
        json.loads((root / path).read_bytes())
    except (ValueError, UnicodeDecodeError) as error:
        report.problems.append(f"{path}: not valid JSON: {error}")


def site_base_url(root: Path, configured: str = "") -> str:
    """The URL the site in ``root`` was built for: what its home page's canonical link says, else ``configured``."""
    home = root / HOME
    if home.is_file():
        head = home.read_bytes()[:20000].decode("utf-8", "replace")
        match = re.search(r"""<link\b[^>]*\brel=["']?canonical["']?[^>]*>""", head, re.IGNORECASE)
        href = re.search(r"""\bhref=["']([^"']+)["']""", match.group(0)) if match else None
        if href and re.match(r"^https?://", href.group(1)):
            return href.group(1).rsplit("/", 1)[0] + "/"
    return configured

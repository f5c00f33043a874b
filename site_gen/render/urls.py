"""Where every page of the site lives, and relative links between them.

All paths are POSIX paths relative to the site root. Links are always relative
to the page that holds them, so the site works from a sub-path and from file://.
"""

from __future__ import annotations

import hashlib
import posixpath
from urllib.parse import urlsplit

from ..model import EditionName

OTHER_EDITION: dict[EditionName, EditionName] = {"hans": "hant", "hant": "hans"}

HOME = "index.html"
ABOUT = "about.html"
SAVED = "saved.html"  # the reader's saved words, kept in their browser (learn.js)
ESSAYS_JSON = "essays.json"
GLOSSARY_JSON = "glossary.json"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NOT_FOUND = "404.html"  # served by the host for any missing address, at any depth


def essay_page(slug: str, edition: EditionName) -> str:
    return f"{edition}/{slug}.html"


def essay_export(slug: str, edition: EditionName) -> str:
    return f"{edition}/{slug}.txt"


def essay_vocabulary(slug: str) -> str:
    """The essay's words with readings, HSK levels and glosses, as CSV (levels.py)."""
    return f"vocabulary/{slug}.csv"


def vocabulary_page(slug: str) -> str:
    """The same words as a page, listed beyond the level the reader picks."""
    return f"vocabulary/{slug}.html"


def notes_page(slug: str) -> str:
    return f"notes/{slug}.html"


def glossary_page(edition: EditionName) -> str:
    return f"{edition}/glossary.html"


def term_page(term_slug: str, edition: EditionName) -> str:
    return f"{edition}/terms/{term_slug}.html"


def term_more_page(term_slug: str, edition: EditionName, number: int) -> str:
    """Page ``number`` (2, 3, …) of the further essays using a term; page 1 is the term's own page."""
    return term_page(term_slug, edition) if number == 1 else f"{edition}/terms/{term_slug}/{number}.html"


def feed(edition: EditionName) -> str:
    return f"{edition}/feed.xml"


def edition_pages(path: str) -> dict[EditionName, str]:
    """The page at ``path`` in both editions (essays, glossaries, terms); {} for a page with one edition."""
    first, slash, rest = path.partition("/")
    if first not in OTHER_EDITION or not slash or not path.endswith(".html"):
        return {}
    return {"hans": f"hans/{rest}", "hant": f"hant/{rest}"}


def static_file(name: str) -> str:
    return f"static/{name}"


def search_folder(edition: EditionName) -> str:
    """The search index of one edition's pages (search.py writes it, search.js reads it)."""
    return f"pagefind/{edition}/"


# The index of an edition is made of shards, each a Pagefind bundle that search.js merges at search
# time: the glossary and term pages (which change with any essay) in one, the essays spread over the
# others by their slug, so a new or changed essay has only its own shard indexed again.
SITE_SHARD = "site"
ESSAYS_PER_SEARCH_SHARD = 64


def search_shard_count(essays: int) -> int:
    """How many shards the essays are spread over: a power of two, about ESSAYS_PER_SEARCH_SHARD essays
    each, so the count (and with it every essay's shard) changes only when the corpus doubles."""
    count = 1
    while count * ESSAYS_PER_SEARCH_SHARD < essays:
        count *= 2
    return count


def essay_search_shard(slug: str, count: int) -> str:
    """The shard an essay's pages are indexed in: by a hash of its slug, stable across builds."""
    return f"e{int(hashlib.sha256(slug.encode('utf-8')).hexdigest()[:8], 16) % count}"


def page_search_shard(path: str, count: int) -> str:
    """The shard of an edition's page at ``path``: an essay's, or the site's for the glossary and terms.

    With one shard of essays there is no point in two bundles (the term pages change whenever an
    essay does): every page is in the site's."""
    edition, _, rest = path.partition("/")
    if count == 1 or "/" in rest or path == glossary_page(edition) or not rest.endswith(".html"):
        return SITE_SHARD
    return essay_search_shard(rest.removesuffix(".html"), count)


def search_bundle(edition: EditionName, shard: str) -> str:
    """The folder of one shard of an edition's index."""
    return f"{search_folder(edition)}{shard}/"


def search_script(edition: EditionName) -> str:
    """The script search.js loads: the site shard's, into which it merges the essays' shards."""
    return search_bundle(edition, SITE_SHARD) + "pagefind.js"


def relative(from_page: str, target: str) -> str:
    """The link from ``from_page`` to ``target`` (both site paths), keeping any #fragment."""
    path, _, fragment = target.partition("#")
    link = _relative_path(from_page, path)
    return f"{link}#{fragment}" if fragment else link


def _relative_path(from_page: str, path: str) -> str:
    """``posixpath.relpath(path, dirname(from_page))`` for plain site paths, by comparing their
    parts: a term page links to hundreds of essays, and relpath makes both paths absolute
    each time. Anything unusual (``..``, ``.``, an absolute or empty path) goes to relpath."""
    here, there = from_page.split("/")[:-1], path.rstrip("/").split("/")
    if not path or path.startswith("/") or from_page.startswith("/") or not all(
            part and part not in (".", "..") for part in (*here, *there)):
        return posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    common = 0
    while common < len(here) and common < len(there) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


def absolute(base_url: str, target: str) -> str:
    """``target`` under the configured base URL (for sitemap.xml and canonical links)."""
    return base_url.rstrip("/") + "/" + target


def from_root(base_url: str, target: str) -> str:
    """``target`` as a link from the host's root (``/reading/static/site.css``), for a page such as 404.html
    that the host serves at any depth, where no relative link would hold; ``/target`` without a base URL."""
    return urlsplit(base_url).path.rstrip("/") + "/" + target

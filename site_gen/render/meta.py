"""What a page's head tells other programs: its editions, its share card, its feeds and what it may load.

* **Alternates** (as Hugo writes them): a page that exists in both scripts names both, and
  the Simplified one as ``x-default``; absolute under the base URL, relative without one.
* **Share card** (Open Graph, read by chat apps and social sites, and Twitter's card, which
  falls back to it): an essay shares as an article, titled "中文标题 · English title" — the
  Chinese first, so a card that cuts the title short cuts the English — with the opening of
  its text as the description and its date as the published time.
* **Content-Security-Policy**: every page may load only the site's own files. Pages hold no
  inline script (the JSON data blocks are not run), no ``style=`` attribute and no ``on*=``
  handler, so nothing needs an exception; ``'wasm-unsafe-eval'`` lets a search index built
  for the site run its WebAssembly. Chromium matches ``'self'`` against file: addresses on a
  page opened from ``file://``, so the same policy holds there (tests/test_publishing.py).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..model import EDITION_LANG, EDITIONS, EditionName, Essay, Paragraph, reading_text
from . import urls

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
])

OG_LOCALE: dict[EditionName, str] = {"hans": "zh_CN", "hant": "zh_TW"}
DESCRIPTION_CHARS = 110  # what a search result or a share card shows of Chinese text, about two lines


def alternates(base_url: str, path: str) -> list[tuple[str, str]]:
    """(hreflang, href) of each edition of the page at ``path``, then ``x-default`` (the Simplified one)."""
    pages = urls.edition_pages(path)
    if not pages:
        return []

    def link(target: str) -> str:
        return urls.absolute(base_url, target) if base_url else urls.relative(path, target)

    return [(EDITION_LANG[e], link(pages[e])) for e in EDITIONS] + [("x-default", link(pages["hans"]))]


def summary(essay: Essay, limit: int = DESCRIPTION_CHARS) -> str:
    """The opening of the essay's text, cut at ``limit`` characters (with …), for descriptions and feeds."""
    text = ""
    for block in essay.all_blocks():
        if isinstance(block, Paragraph):
            text += reading_text(block.text).strip()
            if len(text) > limit:
                break
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def share_title(title: str, title_en: str) -> str:
    """``中文标题 · English title``, or the Chinese title alone."""
    return f"{title} · {title_en}" if title_en else title


def card(edition: EditionName, path: str, description: str, **fields) -> dict:
    """A page's share card: its defaults, then ``fields`` (title, type, published, authors)."""
    other = urls.OTHER_EDITION[edition]
    found = {
        "title": "",  # "" = the page's <title>
        "description": description,
        "type": "website",
        "locale": OG_LOCALE[edition],
        "locale_alternates": [OG_LOCALE[other]] if urls.edition_pages(path) else [],
        "published": "",
        "authors": (),
    }
    found.update(fields)
    return found


def essay_card(essay: Essay) -> dict:
    """What an essay page's share card says: an article, titled in Chinese and English, dated, with its opening."""
    return {"description": summary(essay), "title": share_title(essay.title, essay.title_en), "type": "article",
            "published": essay.date, "authors": essay.authors}


def source_link(url: str) -> tuple[str, str] | None:
    """(href, host name) of an essay's source address; None for anything that is not a web address."""
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    elif url.startswith("www."):
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in url):
        return None
    return url, parts.hostname

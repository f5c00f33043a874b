"""The site's machine-readable files: essays.json, glossary.json, sitemap.xml and robots.txt."""

from __future__ import annotations

import json
from collections import Counter
from xml.sax.saxutils import escape

from ..model import EDITIONS, Site
from . import urls
from .meta import alternates
from ..levels import essay_difficulty
from ..translations import english_of

QUOTE = {'"': "&quot;"}  # escaped in an attribute's value too


def to_json(data: object) -> str:
    """Stable JSON: sorted keys and fixed indentation, so two builds give identical bytes."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def essay_urls(slug: str) -> dict[str, str]:
    """Where one essay's pages, text exports and source notes are (relative to the site root)."""
    found = {edition: urls.essay_page(slug, edition) for edition in EDITIONS}
    found.update({f"{edition}_text": urls.essay_export(slug, edition) for edition in EDITIONS})
    found["notes"] = urls.notes_page(slug)
    return found


def essays_json(site: Site) -> str:
    """One entry per essay, in home order: titles in both scripts and the URLs of its pages and exports."""
    entries = []
    for essay in site.essays:
        entries.append(
            {
                "slug": essay.slug,
                "title": {e: site.editions[(essay.slug, e)].essay.title for e in EDITIONS},
                "title_en": english_of(site).title(essay),
                "english": english_of(site).about(essay),
                "difficulty": essay_difficulty(essay, site.editions[(essay.slug, "hans")].word_levels),
                "authors": list(essay.authors),
                "date": essay.date,
                "source": essay.source_name,
                "source_note": essay.source_note,
                "source_url": essay.source_url,
                "retrieved": essay.retrieved,
                "urls": essay_urls(essay.slug),
            }
        )
    return to_json(entries)


def glossary_json(site: Site, per_essay: dict[str, Counter]) -> str:
    """Every term with its fields, how often it occurs (in all and per essay) and its pages."""
    entries = []
    for term in site.glossary.terms:
        counts = {slug: c[term.headword] for slug, c in per_essay.items() if c[term.headword]}
        entries.append(
            {
                "headword": term.headword,
                "traditional": term.traditional,
                "pinyin": term.pinyin,
                "english": term.english,
                "explanation": term.explanation,
                "explanation_zh": term.explanation_zh,
                "aliases": list(term.aliases),
                "related": list(term.related),
                "category": term.category,
                "source": term.source,
                "slug": term.slug,
                "count": sum(counts.values()),
                "counts": counts,
                "pages": {e: urls.term_page(term.slug, e) for e in EDITIONS},
            }
        )
    return to_json(entries)


def page_dates(site: Site) -> dict[str, str]:
    """{site path: date} of each dated essay's pages: their text is the essay's, as of its date."""
    return {urls.essay_page(essay.slug, edition): essay.date
            for essay in site.essays if essay.date for edition in EDITIONS}


def sitemap_xml(base_url: str, paths: list[str], dates: dict[str, str] | None = None) -> str:
    """Absolute URLs of every HTML page but 404.html, each with its date (``dates``) and, for a page in
    both scripts, both editions as alternates (Google's xhtml:link). Written only with a base URL."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for path in sorted(p for p in paths if p.endswith(".html") and p != urls.NOT_FOUND):
        lines += ["  <url>", f"    <loc>{escape(urls.absolute(base_url, path))}</loc>"]
        if (dates or {}).get(path):
            lines.append(f"    <lastmod>{escape(dates[path])}</lastmod>")
        for hreflang, href in alternates(base_url, path):
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{hreflang}" href="{escape(href, QUOTE)}"/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base_url: str) -> str:
    """Every crawler may read every page; with a base URL, where the sitemap is.

    Crawlers read robots.txt only at a host's root: a site served from a sub-path publishes its
    own for the host's owner to copy the Sitemap line from."""
    lines = ["User-agent: *", "Disallow:"]
    if base_url:
        lines += ["", f"Sitemap: {urls.absolute(base_url, urls.SITEMAP)}"]
    return "\n".join(lines) + "\n"

"""The site's machine-readable files: essays.json, glossary.json and sitemap.xml."""

from __future__ import annotations

import json
from collections import Counter
from xml.sax.saxutils import escape

from ..model import EDITIONS, Site
from . import urls


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
                "title_en": essay.title_en,
                "authors": list(essay.authors),
                "date": essay.date,
                "source": essay.source_name,
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


def sitemap_xml(base_url: str, paths: list[str]) -> str:
    """Absolute URLs of every HTML page (only written when a base URL is configured)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path in sorted(p for p in paths if p.endswith(".html")):
        lines.append(f"  <url><loc>{escape(urls.absolute(base_url, path))}</loc></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"

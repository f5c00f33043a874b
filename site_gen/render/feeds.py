"""An Atom feed per edition (``hans/feed.xml``, ``hant/feed.xml``), so a reader can follow new essays.

Feeds need absolute addresses (a feed reader fetches the feed alone, with no page to resolve a
link against), so they are written only with a base URL. Entries are the essays, newest first
(undated ones last, in home order); each gives the title as the share card does ("中文 · English"),
the authors, the date, the opening of the text and the address of the essay's page. Nothing in a
feed comes from the clock: the feed's ``updated`` is its newest essay's date, so two builds of the
same essays give the same bytes.
"""

from __future__ import annotations

from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

from ..model import EDITION_LANG, EditionName, Essay, Site
from . import urls
from .labels import in_script, labels_for
from .meta import share_title, summary
from ..translations import english_of

# The day of a feed of essays none of which is dated: a fixed day, never the build's clock.
UNDATED = "1970-01-01"


def _moment(date: str) -> datetime:
    """An essay's ISO date as the instant Atom asks for (midnight UTC: the day stays the day)."""
    return datetime.fromisoformat(date).replace(tzinfo=timezone.utc)


def feed_order(essays: list[Essay]) -> list[Essay]:
    """Newest first; undated essays after the dated ones, in home order."""
    dated = sorted((e for e in essays if e.date), key=lambda e: e.date, reverse=True)
    return dated + [e for e in essays if not e.date]


def atom_feed(site: Site, edition: EditionName) -> str:
    """The Atom feed of one edition's essays (the site must have a base URL)."""
    base = site.config.base_url
    essays = [site.editions[(essay.slug, edition)].essay for essay in site.essays]
    ordered = feed_order(essays)
    newest = _moment(ordered[0].date if ordered and ordered[0].date else UNDATED)
    title = in_script(site.config.title, edition)
    labels = labels_for(edition)

    feed = FeedGenerator()
    feed.id(urls.absolute(base, urls.feed(edition)))
    feed.title(f"{title} · {labels[edition].zh}")
    feed.subtitle(labels["description"].text)
    feed.author({"name": title})  # the site speaks for an essay that names no author
    feed.language(EDITION_LANG[edition])
    feed.link(href=urls.absolute(base, urls.feed(edition)), rel="self", type="application/atom+xml")
    feed.link(href=urls.absolute(base, urls.HOME), rel="alternate", type="text/html")
    feed.updated(newest)
    for essay in ordered:
        page = urls.absolute(base, urls.essay_page(essay.slug, edition))
        entry = feed.add_entry(order="append")
        entry.id(page)
        entry.title(share_title(essay.title, english_of(site).title(essay)))
        entry.link(href=page, rel="alternate")  # feedgen 1.0 writes an entry link's href alone: alternate is Atom's default
        for author in essay.authors:
            entry.author({"name": author})
        when = _moment(essay.date) if essay.date else newest
        entry.updated(when)
        if essay.date:
            entry.published(when)
        english = english_of(site).summary(essay)
        entry.summary(summary(essay, 200) + (f"\n\n{english}" if english else ""))
    return feed.atom_str(pretty=True).decode("utf-8")

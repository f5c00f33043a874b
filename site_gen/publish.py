"""Publish the whole site through the build's Writer: every page, export, data file and asset.

This is the "reduce" side of the pipeline: it sees all essays at once, so prev/next
links, related essays, term pages and counts cover the whole corpus. Pages are
rendered in a fixed order and JSON keys are sorted, so one Site always gives the
same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError

from .errors import BuildError, ConfigError
from .model import EDITIONS, Essay, Paragraph, Site, reading_text
from .render import data, urls
from .render.terms import counts_by_essay, related_essays, render_glossary_pages
from .render import EssayLinks, make_environment, page_context, search_shards, site_assets
from .render.site_files import site_files
from .render.reuse import PageReuse, Reused
from .render.workers import EssayWork, essay_paths, rendered
from .render.theme import Assets
from .writer import Writer
from .levels import essay_difficulty
from .translations import english_of

EXCERPT_CHARS = 80  # about two lines of a phone screen; CSS clamps to two lines anyway


def publish(site: Site, writer: Writer) -> None:
    """Write every file of the site (see ARCHITECTURE.md, "Output layout")."""
    templates = site.config.templates

    def write(path: str, text: str | Reused) -> None:
        if isinstance(text, Reused):
            writer.link_file(text.path, path)
        else:
            writer.write_text(path, text)

    try:
        pages = render_pages(site, write)  # each page written as it is made: a large site is never held whole
        files = site_files(site, list(pages))
    except TemplateNotFound as error:
        raise ConfigError(f"template '{error.name}' not found", templates) from None
    except TemplateSyntaxError as error:
        raise ConfigError(f"template syntax: {error.message}", error.filename or templates, error.lineno) from None
    except UndefinedError as error:
        raise BuildError(f"a template uses a value that does not exist: {error.message}", templates) from None
    except TemplateError as error:
        raise BuildError(f"template failed: {error.message}", templates) from None
    for path, text in files.items():  # 404.html, robots.txt; with a base URL, sitemap.xml and the feeds
        writer.write_text(path, text)
    copy_static(site_assets(site), writer)


class Pages(dict):
    """{site path: text} that refuses a second page on one path, naming what wanted it both times.

    Slugs are unique by construction (slugs.py); this is the guard that makes any
    future collision a build error instead of one page silently replacing another.
    With a ``sink``, each page is handed to it as it is added and only its path is kept
    (its text is None).
    """

    def __init__(self, sink: Callable[[str, str | Reused], None] | None = None) -> None:
        super().__init__()
        self.sources: dict[str, str] = {}
        self._sink = sink

    def add(self, path: str, text: str | Reused, source: str) -> None:
        if path in self:
            raise BuildError(f"two pages want the same path {path!r}: {self.sources[path]} and {source}")
        self.sources[path] = source
        if self._sink is not None:
            self._sink(path, text)
            text = None
        super().__setitem__(path, text)

    def __setitem__(self, path: str, text: str) -> None:
        self.add(path, text, "the site's own pages")

    def update(self, other=(), **more) -> None:
        for path, text in dict(other, **more).items():
            self[path] = text


def render_pages(site: Site, sink: Callable[[str, str | Reused], None] | None = None) -> Pages:
    """Every page and data file of the site as {site path: text}, in a fixed order (with a ``sink``,
    each handed to it as it is made: see Pages)."""
    env = make_environment(site.config.templates)
    context_for = partial(page_context, site)
    related = related_essays(site)
    reuse = site.reuse if site.reuse is not None else PageReuse()
    pages = Pages(sink)
    shards = tuple(search_shards(site))  # every page's search box names them
    for essay, path, text in essay_pages(site, env, related, reuse, shards):
        pages.add(path, text, f"essay {essay.index} of the seed {essay.source_name}")
    pages.update(render_glossary_pages(site, env, context_for))
    pages[urls.HOME] = env.get_template("index.html").render(
        **context_for(urls.HOME, "hans"), essays=home_entries(site)
    )
    pages[urls.ABOUT] = env.get_template("about.html").render(
        **context_for(urls.ABOUT, "hans"),
        licence=site.dictionary.licence,
        sources=sorted({term.source for term in site.glossary.terms if term.source}),
        essays=site.essays,
        translated=[essay for essay in site.essays if english_of(site).of(essay)],
    )
    pages[urls.SAVED] = env.get_template("saved.html").render(**context_for(urls.SAVED, "hans"))
    pages[urls.ESSAYS_JSON] = data.essays_json(site)
    pages[urls.GLOSSARY_JSON] = data.glossary_json(site, counts_by_essay(site))
    return pages


def essay_pages(site: Site, env, related: dict[str, list[Essay]], reuse: PageReuse,
                shards: tuple[str, ...]) -> Iterator[tuple[Essay, str, str | Reused]]:
    """Each essay's own pages, essay by essay in home order: (essay, site path, text), the text
    being the last build's file where nothing the page is made of changed (reuse.py), else
    rendered, on every core when there are many (render/workers.py)."""
    plans: list[tuple[Essay, dict[str, Reused | None], EssayWork | None]] = []
    for at, essay in enumerate(site.essays):
        around = (site.essays[at - 1] if at else None, site.essays[at + 1] if at + 1 < len(site.essays) else None)
        english = english_of(site).of(essay)
        own = (*reuse.essay_inputs(essay), english.digest() if english else "")
        links = {edition: EssayLinks.of(site, essay, edition, tuple(related[essay.slug]), around)
                 for edition in EDITIONS}
        kept: dict[str, Reused | None] = {}
        for path, edition, kind in essay_paths(essay):
            if kind == "essay":
                kept[path] = reuse.page(path, kind, edition, own, links[edition], shards)
            elif kind in ("text", "vocabulary", "vocabulary page"):
                kept[path] = reuse.page(path, kind, edition, own)
            else:
                kept[path] = reuse.page(path, kind, own, shards)
        wanted = frozenset(path for path, old in kept.items() if old is None)
        editions = {edition: site.editions[(essay.slug, edition)] for edition in EDITIONS}
        plans.append((essay, kept, EssayWork(essay, editions, links, wanted) if wanted else None))
    works = [work for _, _, work in plans if work is not None]
    made = rendered(site, env, works, len(works))
    for essay, kept, work in plans:
        fresh = next(made) if work is not None else {}
        for path, old in kept.items():
            yield essay, path, old or fresh[path]


def excerpt(essay: Essay) -> str:
    """The opening of the essay's first paragraph, for the home page."""
    first = next((b for b in essay.all_blocks() if isinstance(b, Paragraph)), None)
    text = reading_text(first.text) if first else ""
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rstrip() + "…"


def home_entries(site: Site) -> list[dict]:
    """What the home page shows of each essay: both titles, byline, excerpt (Simplified)."""
    entries = []
    for essay in site.essays:
        hans = site.editions[(essay.slug, "hans")].essay
        hant = site.editions[(essay.slug, "hant")].essay
        english = english_of(site).of(essay)
        entries.append({"essay": hans, "title_hant": hant.title, "excerpt": excerpt(hans),
                        "title_en": english_of(site).title(essay),
                        "summary_en": english.summary if english else "",
                        "english": english is not None and english.count("translated") > 0,
                        "difficulty": essay_difficulty(hans, site.editions[(essay.slug, "hans")].word_levels)})
    return entries


def copy_static(assets: Assets, writer: Writer) -> None:
    """Copy the stylesheet, script and any other static file, under their published names."""
    for name, source in assets.sources.items():
        writer.copy_file(source, assets.path(name))

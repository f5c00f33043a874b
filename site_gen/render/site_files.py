"""The files a host and other programs look for beside the pages: 404.html, robots.txt, sitemap.xml, feeds.

``404.html`` is served by the host (GitHub Pages, Netlify, nginx's ``error_page``) for a missing
address at any depth, so no relative link on it would hold: its links start at the host's
root, under the base URL's path (``/reading/static/site.….css``), or at ``/`` without a base URL.
It is no page of the site's own, so the sitemap leaves it out and it asks not to be indexed.
"""

from __future__ import annotations

from functools import partial

from jinja2 import Environment

from ..model import EDITIONS, Site
from . import data, make_environment, page_context, site_assets, urls
from .feeds import atom_feed


def render_not_found(site: Site, env: Environment) -> str:
    """404.html: bilingual, with links home and to the glossary that hold at any depth."""
    link = partial(urls.from_root, site.config.base_url)
    context = page_context(site, urls.NOT_FOUND, "hans")
    context.update(url=link, asset=lambda name: link(site_assets(site).path(name)), canonical="", alternates=[])
    return env.get_template("404.html").render(**context)


def site_files(site: Site, paths: list[str], env: Environment | None = None) -> dict[str, str]:
    """{site path: text} of 404.html and robots.txt, and with a base URL sitemap.xml and an Atom feed per
    edition; ``paths`` are the site's pages, for the sitemap."""
    env = env or make_environment(site.config.templates)
    base = site.config.base_url
    files = {urls.NOT_FOUND: render_not_found(site, env), urls.ROBOTS: data.robots_txt(base)}
    if base:
        files[urls.SITEMAP] = data.sitemap_xml(base, paths, data.page_dates(site))
        for edition in EDITIONS:
            files[urls.feed(edition)] = atom_feed(site, edition)
    return files

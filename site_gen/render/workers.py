"""Each essay's own pages, rendered on every core: its reading page in each edition, its text
exports and its source notes.

These pages are most of a site and most of a cold build's rendering, and each needs only its
essay, the glossary, the dictionary and the few essays it links to. So the build hands each
essay to a pool of worker processes as an ``EssayWork`` (the essay, its editions, whose texts a
worker reads from the build cache itself, its links, and which of its pages the last build
cannot give), and writes the pages as they come back, in the essays' order, so the site is the
same bytes as when one process renders it all. Below ``PARALLEL_FROM`` essays to render (adding
a seed renders one essay and its neighbours) starting the pool costs more than it saves, and
the build's own process renders them.

The pool is started as the seed workers are (``executors.START_METHOD``): under fork each worker
inherits the build's dictionary and glossary; under spawn they are sent to it once.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace

from jinja2 import Environment

from .. import executors
from ..executors import SERIAL, die_with
from ..model import EDITIONS, AnnotatedEssay, EditionName, Essay, Site
from . import (EssayLinks, essay_text, essay_vocabulary, make_environment, render_essay, render_notes,
               render_vocabulary, search_shards, site_assets, urls, vocabulary_rows)

# Essays to render from which a pool of processes is worth its start (about a second).
PARALLEL_FROM = 24
# Essays handed to a worker at a time: fewer round trips, and still an even share at the end.
CHUNK = 4


@dataclass(frozen=True)
class EssayWork:
    """One essay's pages still to be made: everything a worker needs to make them."""

    essay: Essay
    editions: dict[EditionName, AnnotatedEssay]
    links: dict[EditionName, EssayLinks]
    wanted: frozenset[str]  # the site paths to render; the others are carried over from the last build


def essay_paths(essay: Essay) -> list[tuple[str, EditionName | None, str]]:
    """(site path, edition or None, kind) of each of the essay's own pages, in the order they are written."""
    paths: list[tuple[str, EditionName | None, str]] = []
    for edition in EDITIONS:
        paths += [(urls.essay_page(essay.slug, edition), edition, "essay"),
                  (urls.essay_export(essay.slug, edition), edition, "text")]
    return paths + [(urls.essay_vocabulary(essay.slug), None, "vocabulary"),
                    (urls.vocabulary_page(essay.slug), None, "vocabulary page"), (urls.notes_page(essay.slug), None, "notes")]


def render_work(site: Site, env: Environment, work: EssayWork) -> dict[str, str]:
    """The pages ``work`` asks for, {site path: text}; the essay's texts are let go afterwards."""
    pages: dict[str, str] = {}
    rows = None  # the essay's vocabulary, for its CSV and its page
    for path, edition, kind in essay_paths(work.essay):
        if path not in work.wanted:
            continue
        if kind == "essay":
            pages[path] = render_essay(site, work.editions[edition], env, links=work.links[edition],
                                       word_levels=work.editions["hans"].word_levels)
        elif kind == "text":
            pages[path] = essay_text(work.editions[edition].essay)
        elif kind in ("vocabulary", "vocabulary page"):
            if rows is None:
                rows = vocabulary_rows(site, work.editions["hans"], work.editions["hant"])
            pages[path] = essay_vocabulary(rows) if kind == "vocabulary" else render_vocabulary(site, work.essay, rows, env)
        else:
            pages[path] = render_notes(site, work.essay, env)
    for annotated in work.editions.values():
        forget = getattr(annotated.inlines, "forget", None)  # cache.CachedPart: read again if needed again
        if forget is not None:
            forget()
    return pages


def rendered(site: Site, env: Environment, works: Iterable[EssayWork], count: int) -> Iterator[dict[str, str]]:
    """Each work's pages, in the works' order: from a pool of processes when ``count`` works are
    many and more than one core may be used, else rendered here."""
    processes = min(site.config.jobs or os.cpu_count() or 1, count)
    if count < PARALLEL_FROM or processes < 2 or site.config.executor == SERIAL:
        for work in works:
            yield _render_beside(site, env, work) if _worth_splitting(site, work) else render_work(site, env, work)
        return

    context = multiprocessing.get_context(executors.START_METHOD)  # read now: a test may change it
    pool = ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=_install,
                               initargs=(_worker_site(site), os.getpid()))
    try:
        yield from pool.map(_render_here, works, chunksize=CHUNK)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # a build that stopped early leaves no work running


# Characters of an essay from which, when the build renders it alone, its Traditional pages are
# made in a second process beside the Simplified ones: a seed of 1 MB is one page of a third of
# a million characters per edition, about a second to render each.
SPLIT_FROM = 100_000


def _worth_splitting(site: Site, work: EssayWork) -> bool:
    """Whether ``work`` is one long essay to render on two cores (forked: the essay's texts are in
    this process's memory already, and a forked process starts in milliseconds)."""
    cores = site.config.jobs or os.cpu_count() or 1
    if cores < 2 or site.config.executor == SERIAL or executors.START_METHOD not in (None, "fork"):
        return False
    if not sys.platform.startswith("linux"):  # fork is Linux's default; elsewhere it is unsafe or absent
        return False
    return (any(edition == "hant" for path, edition, _ in essay_paths(work.essay) if path in work.wanted)
            and sum(len(block.text) for block in work.essay.all_blocks()) >= SPLIT_FROM)


def _render_beside(site: Site, env: Environment, work: EssayWork) -> dict[str, str]:
    """``render_work``, the Traditional edition's pages, the vocabulary and the notes made in a
    forked process while this one makes the Simplified edition's pages."""
    theirs = frozenset(path for path, edition, _ in essay_paths(work.essay)
                       if path in work.wanted and edition != "hans")
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    helper = context.Process(target=_render_part, args=(site, env, replace(work, wanted=theirs), send, os.getpid()))
    helper.start()
    send.close()
    made = None
    try:
        pages = render_work(site, env, replace(work, wanted=work.wanted - theirs))
        try:
            made = receive.recv()
        except EOFError:
            from ..errors import BuildError

            helper.join()
            raise BuildError(f"the process rendering the Traditional pages of {work.essay.source_name} "
                             f"ended without them (exit status {helper.exitcode})") from None
    finally:
        receive.close()
        if made is None:  # this process stopped first (an error, Ctrl-C): the helper's work is moot
            helper.terminate()
        helper.join()
    if isinstance(made, BaseException):
        raise made
    return {**pages, **made}


def _render_part(site: Site, env: Environment, work: EssayWork, send, build: int) -> None:
    """The forked process of ``_render_beside``: renders ``work`` and sends back its pages, or the
    error that stopped it, which the build raises as its own."""
    die_with(build)
    try:
        made: object = render_work(site, env, work)
    except BaseException as error:  # noqa: BLE001 - every failure goes back to the build, which reports it
        made = error
    try:
        send.send(made)
    except BaseException:  # noqa: BLE001 - the build has gone or cannot take it: nothing to tell
        pass
    finally:
        send.close()
        os._exit(0)  # no atexit handler of the build's runs twice


def _worker_site(site: Site) -> Site:
    """What of the site a worker needs: settings, glossary, dictionary, assets and search shards,
    without the corpus (each work brings its own essay)."""
    shards = search_shards(site)
    site_assets(site)
    lean = replace(site, essays=(), editions={}, reuse=None)
    lean._search_shards = shards
    return lean


_SITE: Site | None = None
_ENV: Environment | None = None


def _install(site: Site, build: int) -> None:
    """The pool's initializer: the site and one template environment for every essay this process
    renders; the process ends with the build's (``build``)."""
    global _SITE, _ENV
    die_with(build)
    _SITE, _ENV = site, make_environment(site.config.templates)


def _render_here(work: EssayWork) -> dict[str, str]:
    return render_work(_SITE, _ENV, work)

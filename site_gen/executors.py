"""Where the per-seed stages run: in this process, in a local pool of processes, or on a Dask cluster.

The ``executor`` setting chooses (``site-gen build --executor``):

| setting | what runs the seeds |
|---|---|
| ``local`` (default) | a pool of ``jobs`` processes (0: one per core) from ``PARALLEL_FROM`` seeds on, else this process |
| ``serial`` | this process, one seed after the other (for debugging) |
| ``dask://HOST:PORT``, ``tcp://HOST:PORT`` | the Dask scheduler's workers, through ``Client.get_executor()`` |

Each is a ``concurrent.futures.Executor`` given the same work: ``run_seed(name, seed bytes, sidecar
bytes or None, settings)``. The seed travels as its bytes, named by the path the build knows it by, so
a worker reads nothing from the build's disk; the settings (the cleaning rules switched off and the
glossary, already checked) reach each worker process once: through the pool's initializer, or scattered
to every Dask worker. Each worker process sets up its annotator (jieba, pinyin, CC-CEDICT: about 1.5 s)
on its first seed and keeps it for every later one, keyed by the glossary, so a pool works under the
spawn start method as under fork; under fork the build loads it once before the pool starts, and the
workers inherit it.

A user error in one seed (it cannot be read, its sidecar is broken) is returned as a value, never
raised: the other seeds go on, and a Dask worker does not log it as a failed task with a traceback.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .errors import BuildError, SiteGenError

LOCAL, SERIAL = "local", "serial"
# dask://scheduler:8786, tcp://10.0.0.5:8786, tcp://[::1]:8786
ADDRESS = re.compile(r"^(?:dask|tcp)://(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):\d{1,5}$")
# Below this many seeds to process, starting local worker processes costs more than it saves.
PARALLEL_FROM = 6
# The local pool's start method: None for the platform's default (fork on Linux); "spawn" works as well.
START_METHOD: str | None = None
# Seeds handed out per worker at a time: enough to keep each busy, few enough that the bytes of a
# large corpus are read as the work goes rather than all at once.
IN_FLIGHT_PER_WORKER = 2
DASK_HINT = "pip install 'dask[distributed]'"


def check_executor(value: object) -> str:
    """The ``executor`` setting, checked; ValueError saying what is expected."""
    if not isinstance(value, str) or not (value in (LOCAL, SERIAL) or ADDRESS.match(value)):
        raise ValueError(f"expected \"local\", \"serial\" or a Dask scheduler's address such as "
                         f"dask://127.0.0.1:8786, got {value!r}")
    return value


@dataclass(frozen=True)
class SeedSettings:
    """What every seed's work needs besides the seed: small, picklable, read from no file."""

    disabled_rules: tuple[str, ...]
    glossary: Any  # the checked Glossary (about 50 KB pickled)
    key: str  # the glossary file's SHA-256: a worker's annotator is kept for this glossary only


def seed_settings(disabled_rules: tuple[str, ...], glossary, glossary_file: Path) -> SeedSettings:
    key = hashlib.sha256(Path(glossary_file).read_bytes()).hexdigest()
    return SeedSettings(tuple(disabled_rules), glossary, key)


# ── In each worker process ───────────────────────────────────────────────────


@dataclass(frozen=True)
class _Installed:
    """Stands for the SeedSettings a pool's initializer put into each of its processes."""

    key: str


_SETTINGS: dict[str, SeedSettings] = {}
_ANNOTATORS: dict[str, Any] = {}  # glossary key -> the process's _LazyAnnotator
_LOCK = threading.Lock()  # a Dask worker may run seeds in several threads


def _install(settings: SeedSettings, build: int | None = None) -> None:
    """The local pool's initializer: keep the settings for every seed this process will be given
    (``build``: the build's process, which this one ends with)."""
    die_with(build)
    _quiet_jieba()
    _SETTINGS[settings.key] = settings


_PR_SET_PDEATHSIG = 1  # from Linux's <sys/prctl.h>


def die_with(build: int | None) -> None:
    """End this worker process when the build process ``build`` ends, however it ends.

    A pool's workers otherwise outlive a build killed with SIGKILL, each holding its language
    data (about 400 MB), waiting for work on a pipe they hold open themselves; Linux can kill
    them too (``prctl(PR_SET_PDEATHSIG)``). A worker writes no file (what it makes goes back to
    the build), so nothing is left half done. A forked worker also has the build's SIGTERM
    handler, which would only interrupt the seed at hand: SIGTERM ends a worker outright."""
    if build is None or not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != build:  # the build ended before the request was made
        os._exit(1)


@cache
def _quiet_jieba() -> None:
    """jieba announces each dictionary it loads on stderr, at whatever point a stage first needs it:
    a worker process, which never ran the command line's set-up, is quietened once here."""
    logging.getLogger("jieba").addFilter(lambda record: record.levelno >= logging.WARNING)


def _annotator(settings: SeedSettings):
    """This process's annotator for the settings' glossary, made on first use and kept."""
    with _LOCK:
        annotator = _ANNOTATORS.get(settings.key)
        if annotator is None:
            from .build import _LazyAnnotator
            from .dictionary import Dictionary

            _quiet_jieba()
            _ANNOTATORS.clear()  # a long-lived worker keeps only the glossary of the latest build
            annotator = _ANNOTATORS[settings.key] = _LazyAnnotator(settings.glossary, Dictionary.load())
        return annotator


def run_seed(name: str, seed: bytes, sidecar: bytes | None, settings: SeedSettings | _Installed):
    """Every per-seed stage for one seed given as bytes: its SeedOutput, or the SiteGenError it met.

    ``name`` is the seed's path as the build knows it: it picks the reader by its suffix and names the
    seed in errors and notes, and is never opened.
    """
    from .build import annotated_seed
    from .read.ingest import read_source_bytes

    if isinstance(settings, _Installed):
        settings = _SETTINGS[settings.key]
    try:
        path = Path(name)
        return annotated_seed(path, settings.disabled_rules, _annotator(settings),
                              source=read_source_bytes(path, seed, sidecar))
    except SiteGenError as error:
        return error


@cache
def worker_code() -> tuple[str, str]:
    """The code fingerprint and library versions of this process, as first seen (what it runs)."""
    from .cache import code_fingerprint, library_versions

    return code_fingerprint(), library_versions()


# ── In the build ─────────────────────────────────────────────────────────────


class _InProcess(Executor):
    """Runs each call as it is submitted, in this process."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # noqa: BLE001 - handed over as the future's outcome
            future.set_exception(error)
        return future


@dataclass
class _Workers:
    executor: Executor
    width: int  # seeds out at once
    settings: object  # what each seed's call is given as its settings


@contextmanager
def _workers(executor: str, jobs: int, count: int, settings: SeedSettings, annotator) -> Iterator[_Workers]:
    """The executor ``executor`` names, ready for ``count`` seeds; closed (its processes ended) on exit."""
    if ADDRESS.match(executor):
        with _dask(executor, settings) as workers:
            yield workers
        return
    processes = min(jobs or os.cpu_count() or 1, count)
    if executor == LOCAL and processes > 1 and count >= PARALLEL_FROM:
        context = multiprocessing.get_context(START_METHOD)
        if context.get_start_method() == "fork":  # load it once here: every forked worker inherits it
            annotator()
            _ANNOTATORS[settings.key] = annotator
        try:
            with ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=_install,
                                     initargs=(settings, os.getpid())) as pool:
                yield _Workers(pool, processes * IN_FLIGHT_PER_WORKER, _Installed(settings.key))
        finally:
            _ANNOTATORS.pop(settings.key, None)
        return
    # In this process: the build's own annotator, loaded only if some seed needs it, dropped after.
    _ANNOTATORS[settings.key] = annotator
    try:
        yield _Workers(_InProcess(), 1, settings)
    finally:
        _ANNOTATORS.pop(settings.key, None)


@contextmanager
def _dask(address: str, settings: SeedSettings) -> Iterator[_Workers]:
    """A Dask client's executor, its workers checked to run this site-gen; the client closed on exit."""
    try:
        from distributed import Client
    except ImportError:
        raise BuildError(f"the executor {address} needs Dask's distributed scheduler: {DASK_HINT}") from None
    where = "tcp://" + address.split("://", 1)[1]
    try:
        client = Client(where)
    except (OSError, TimeoutError) as error:
        raise BuildError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    try:
        threads = _checked_workers(client, address)
        shared = client.scatter(settings, broadcast=True, hash=False)
        executor = client.get_executor(pure=False)
        try:
            yield _Workers(executor, max(threads, 1) * IN_FLIGHT_PER_WORKER, shared)
        finally:
            executor.shutdown(wait=False)
    finally:
        client.close()


WORKERS_WAIT = 30  # seconds a scheduler without workers is given to get one


def _checked_workers(client, address: str) -> int:
    """The threads of the cluster's workers, once each is known to run the same site-gen as this build
    (a result made by other code or library versions would be cached under this build's key)."""
    try:
        client.wait_for_workers(1, timeout=WORKERS_WAIT)
    except TimeoutError:
        raise BuildError(f"the Dask scheduler at {address} has no workers") from None
    try:
        found = client.run(worker_code)
    except Exception as error:  # noqa: BLE001 - e.g. ModuleNotFoundError unpickling on the worker
        raise BuildError(f"the Dask workers at {address} cannot run site-gen "
                         f"({type(error).__name__}: {error}): install the same site-gen there") from None
    ours = worker_code()
    others = sorted(worker for worker, code in found.items() if tuple(code) != ours)
    if others:
        raise BuildError(f"the Dask worker(s) {', '.join(others)} run other site-gen code or library versions "
                         "than this build: install the same versions there and restart the workers")
    return sum(client.nthreads().values())


def map_seeds(executor: str, jobs: int, work: Iterable[tuple[str, bytes, bytes | None] | SiteGenError],
              count: int, settings: SeedSettings, annotator,
              advance: Callable[[int], object] = lambda n: None,
              keep: Callable[[int, Any], Any] = lambda index, result: result) -> list[Any]:
    """``run_seed`` over each of ``count`` seeds, on the executor named; the results in the seeds' order.

    ``work`` yields each seed's ``(name, bytes, sidecar bytes or None)``, or the SiteGenError met reading it
    (kept in its place). Seeds are handed out as workers free up, ``width`` at a time, so ``work`` is read
    only as fast as the seeds are done; ``advance(1)`` is called as each seed is done, and what
    ``keep(index, result)`` returns is kept of it (the build stores it in the cache and keeps a
    reference to the entry). Each result is a SeedOutput or a SiteGenError; anything else a worker
    raises (a bug) is raised here.
    """
    results: list[Any] = [None] * count
    if not count:  # every seed was in the cache: no pool to start, no cluster to reach
        return results
    with _workers(executor, jobs, count, settings, annotator) as workers:
        pending: dict[Future, int] = {}

        def collect(done: Iterable[Future]) -> None:
            for future in done:
                index = pending.pop(future)
                results[index] = keep(index, future.result())
                advance(1)

        try:
            for index, item in enumerate(work):
                if isinstance(item, SiteGenError):
                    results[index] = item
                    advance(1)
                    continue
                while len(pending) >= workers.width:
                    collect(wait(pending, return_when=FIRST_COMPLETED).done)
                pending[workers.executor.submit(run_seed, *item, workers.settings)] = index
            while pending:
                collect(wait(pending, return_when=FIRST_COMPLETED).done)
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    return results

"""The build: run every stage, then publish into a fresh folder and swap it in.

Two phases (after Pelican and Zola): first every seed is read, cleaned, structured,
converted and annotated, so that slugs, prev/next links, term pages and related
essays see the whole corpus; then publish writes the pages. The per-seed work is
cached by content (see ``cache.py``), so a rebuild after a new seed arrives redoes
only that seed. Nothing touches the output folder until everything succeeded.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from .cache import StageCache
from .config import Config
from .errors import BuildError, SiteGenError, SourceError
from .manifest import Manifest, inputs_digest, output_state, render_digest
from .model import EDITIONS, AnnotatedEssay, EditionName, Essay, Site, Source, plain_text

# Written into every output folder: only a folder that has it may be replaced.
MARKER = ".site_gen"
SEARCH_COPIES = "search"  # the folder in the build cache that keeps the search index's copies of the pages


@dataclass(frozen=True)
class SeedReport:
    """What the build did with one seed, for the one-line summary."""

    name: str
    essays: int
    changes: Counter
    cached: bool


@dataclass(frozen=True)
class BuildResult:
    out: Path
    seeds: tuple[SeedReport, ...]
    essays: int
    pages: int
    files: int
    seconds: float
    skipped: tuple[SiteGenError, ...] = ()  # seeds that could not be read, each a one-line error
    warnings: tuple[str, ...] = ()  # what was said on stderr as "warning: …" (``--strict`` fails on them)


class ReportedError(SiteGenError):
    """A seed error recorded by an earlier build, told again word for word by a build with nothing to do."""

    def __str__(self) -> str:
        return self.message


class BuildErrors(SiteGenError):
    """Several seeds failed; each message is already one line naming its file."""

    category = "build failed"

    def __init__(self, errors: list[SiteGenError]):
        super().__init__(f"{len(errors)} seed(s) could not be built")
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


def seed_files(config: Config) -> list[Path]:
    """The seed files of ``config.source``, in name order; a missing or empty folder is an error."""
    if not config.source.is_dir():
        raise BuildError(f"the seed folder {config.source} does not exist")
    from .read.ingest import SEED_FORMATS

    seeds = sorted(p for p in config.source.iterdir() if p.suffix.lower() in SEED_FORMATS and p.is_file())
    if not seeds:
        raise BuildError(f"no seed files ({', '.join('*' + suffix for suffix in SEED_FORMATS)}) in {config.source}")
    return seeds


def orphan_sidecars(config: Config, seeds: list[Path]) -> list[Path]:
    """Sidecars in the seed folder whose seed is not there (renamed or removed): their overrides
    and errata would otherwise be dropped without a word."""
    from .read.ingest import sidecar_path

    owned = {sidecar_path(seed) for seed in seeds}
    return sorted(path for path in config.source.glob("*.toml") if path.is_file() and path not in owned)


def duplicate_essays(essays) -> list[tuple[Essay, Essay]]:
    """Each essay whose title and text are those of an earlier one (the same article saved twice,
    from two sites or by two tools), with that earlier essay."""
    first: dict[bytes, Essay] = {}
    found = []
    for essay in essays:
        text = "\n".join([essay.title, *(plain_text(block.text) for block in essay.all_blocks())])
        key = hashlib.sha256(text.encode("utf-8", "surrogateescape")).digest()
        if key in first:
            found.append((essay, first[key]))
        else:
            first[key] = essay
    return found


def _with_slugs(essays: list[Essay]) -> list[Essay]:
    """The essays with their URL slugs, assigned over the whole corpus so none collide."""
    from .slugs import assign_slugs

    keys = [(essay.title, essay.source_name, essay.index, essay.slug or None) for essay in essays]
    return [replace(essay, slug=slug) for essay, slug in zip(essays, assign_slugs(keys), strict=True)]


def _check_output_folder(config: Config) -> None:
    """Refuse an output folder that is a file, holds the seeds, or is someone else's folder."""
    out = config.out
    if out.exists() and not out.is_dir():
        raise BuildError(f"the output path {out} is a file, not a folder")
    protected = {config.source.resolve(), Path.home().resolve(), Path("/").resolve(), Path.cwd().resolve()}
    if out.resolve() in protected or config.source.resolve().is_relative_to(out.resolve()):
        raise BuildError(f"refusing to write the site into {out}: it holds the seeds or other work")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise BuildError(f"refusing to replace {out}: it is not empty and was not written by site-gen")


def _swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` by ``staging``, so readers never see half a site.

    Where the system can exchange two folders in one step (Linux's ``renameat2``), there is no
    moment without a site under ``out``; the staging folder then holds the old site and is removed
    (a build killed meanwhile leaves it to the next, which removes it: ``_remove_leftovers``).
    Elsewhere two renames, with an instant between them when ``out`` does not exist.
    """
    if out.exists() and _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)
        return
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-{os.getpid()}-", dir=out.parent))
        os.rename(out, old / out.name)
    os.rename(staging, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2  # from Linux's <fcntl.h> and <linux/fs.h>


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders' names in one step; False where this system or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2  # glibc 2.28 and later
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    failure = ctypes.get_errno()
    if failure in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):  # not on this file system
        return False
    raise OSError(failure, os.strerror(failure), str(second))


@contextmanager
def _locked(config: Config) -> Iterator[None]:
    """Hold the output folder's lock, then the cache's, for the whole build: a second build of the
    same site waits, saying which process it waits for, instead of swapping folders under the
    first. The locks are the system's (``flock``): a killed build never leaves one held. Where
    the system has none (Windows), builds are not locked."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    held = []
    try:
        for path, what in ((config.out.parent / f".{config.out.name}.lock", str(config.out)),
                           (config.cache / "lock", f"the build cache {config.cache}")):
            handle = _lock_file(path)
            if handle is None:
                continue
            held.append(handle)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "?"
                print(f"waiting for another build (process {holder}) writing {what}", file=sys.stderr)
                fcntl.flock(handle, fcntl.LOCK_EX)
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
        yield
    finally:
        for handle in reversed(held):
            handle.close()  # closing lets the lock go


def _lock_file(path: Path):
    """The lock file at ``path``, opened for reading and writing; None where it cannot be made (an
    unwritable cache is reported and done without elsewhere; an unwritable output folder too)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return open(path, "a+", encoding="utf-8")
    except OSError:
        return None


@dataclass(frozen=True)
class SeedOutput:
    """The per-seed stages' result: essays (not yet slugged) and each one's two editions."""

    essays: tuple[Essay, ...]
    editions: tuple[dict[EditionName, AnnotatedEssay], ...]


def seed_editions(path: Path, disabled_rules: tuple[str, ...],
                  source: Source | None = None) -> list[tuple[Essay, dict[EditionName, Essay]]]:
    """ingest -> clean -> structure -> script: each essay of one seed with its two editions.

    ``source`` is the seed already read (from the bytes a worker was sent); else ``path`` is read.
    """
    from .clean import clean
    from .read.ingest import read_source
    from .script import make_editions
    from .structure import structure

    essays = structure(clean(source if source is not None else read_source(path), disabled_rules))
    return [(essay, make_editions(essay)) for essay in essays]


def process_seed(path: Path, config: Config, annotator: _LazyAnnotator) -> SeedOutput:
    """Every per-seed stage, annotation included, for one seed."""
    return annotated_seed(path, config.disabled_rules, annotator)


def annotated_seed(path: Path, disabled_rules: tuple[str, ...], annotator: _LazyAnnotator,
                   source: Source | None = None) -> SeedOutput:
    """``process_seed`` with only the settings it needs (``source``: as in ``seed_editions``)."""
    essays, editions = [], []
    for essay, texts in seed_editions(path, disabled_rules, source):
        essays.append(replace(essay, changes=texts["hans"].changes))  # the report with the script stage's flags
        editions.append({edition: annotator().annotate(texts[edition], edition) for edition in EDITIONS})
    return SeedOutput(tuple(essays), tuple(editions))


class _LazyAnnotator:
    """Loads jieba, pinyin and dictionary data only if some seed is not cached."""

    def __init__(self, glossary, dictionary) -> None:
        self.glossary, self._dictionary, self._annotator = glossary, dictionary, None

    def __call__(self):
        if self._annotator is None:
            from .annotate import Annotator
            from .pinyin import Readings

            self._annotator = Annotator(self.glossary, Readings(), self._dictionary)
        return self._annotator


def _process_seeds(paths: list[Path], config: Config, annotator: _LazyAnnotator,
                   advance: Callable[[int], object] = lambda n: None,
                   store: Callable[[Path, SeedOutput], SeedOutput] = lambda path, output: output):
    """Run the per-seed stages on the executor the settings name (``executors.py``).

    Each seed goes out as its bytes and its sidecar's, read here as the workers ask for more, so a
    worker needs no access to the seed folder. Returns the outputs by path and the user errors met,
    in seed order; ``advance(1)`` is called as each seed is done, and ``store(path, output)`` as
    each output arrives (what it returns is kept).
    """
    from .executors import map_seeds, seed_settings
    from .read.ingest import seed_bytes, sidecar_bytes, sidecar_path

    def work():
        for path in paths:
            try:
                yield str(path), seed_bytes(path), sidecar_bytes(sidecar_path(path))
            except SiteGenError as error:
                yield error

    settings = seed_settings(config.disabled_rules, annotator.glossary, config.glossary)

    def keep(index: int, result):
        return store(paths[index], result) if isinstance(result, SeedOutput) else result

    results = map_seeds(config.executor, config.jobs, work(), len(paths), settings, annotator, advance, keep)
    made = {path: result for path, result in zip(paths, results, strict=True) if isinstance(result, SeedOutput)}
    return made, [result for result in results if isinstance(result, SiteGenError)]


def build(config: Config, log: Callable[[str], None] = print, use_cache: bool = True,
          progress: Callable[[int], object] | None = None) -> BuildResult:
    """Build the whole site from ``config.source`` into ``config.out``.

    ``use_cache=False`` redoes every seed; ``progress(total)`` makes a progress bar
    (an object with ``update(n)`` and ``close()``) over the seeds not found in the cache.
    Warnings go to stderr as they arise, and are returned in the result too.
    """
    started = time.perf_counter()
    _check_output_folder(config)
    seed_files(config)  # a missing or empty seed folder is said before any lock file is made
    warnings: list[str] = []

    def warn(line: str) -> None:
        warnings.append(line)
        print(line, file=sys.stderr)

    with _locked(config):
        result = _build_locked(config, log, use_cache, progress, started, warn)
    return replace(result, warnings=tuple(warnings))


def _build_locked(config: Config, log: Callable[[str], None], use_cache: bool,
                  progress: Callable[[int], object] | None, started: float,
                  warn: Callable[[str], None]) -> BuildResult:
    """``build``, once no other build of the same site or cache is at work."""
    seeds = seed_files(config)
    for sidecar in orphan_sidecars(config, seeds):
        warn(f"warning: {sidecar}: a sidecar for no seed (no {sidecar.stem}.txt, .md or .html beside it); "
             "it is not used")
    inputs = inputs_digest(config, seeds)
    last = Manifest.load(config) if use_cache else None
    if last is not None and last.still_true(inputs, config.out):
        # Nothing the site is made from changed, and the site is as the last build left it.
        seconds = time.perf_counter() - started
        log(f"up to date: {last.essays} essays, {last.pages} pages in {config.out} "
            f"(nothing changed since the last build; {seconds:.1f} s)")
        for line in last.warnings:  # as the build that made the site said them
            warn(line)
        return BuildResult(config.out, (), last.essays, last.pages, len(last.files), seconds,
                           tuple(map(ReportedError, last.skipped)))

    from .clean import check_disabled_rules
    from .dictionary import Dictionary
    from .glossary.file import load_glossary
    from .translations import load_translations, match_translations

    check_disabled_rules(config.disabled_rules)  # once, not once per seed
    glossary = load_glossary(config.glossary)
    translations = load_translations(config.translations)  # a broken file is said before any seed's work
    dictionary = Dictionary.load()
    cache = StageCache(config.cache, config.glossary, settings=config.disabled_rules, enabled=use_cache,
                       warn=warn)
    outputs, reports, skipped, keys = _seed_outputs(seeds, config, cache, _LazyAnnotator(glossary, dictionary),
                                                    progress)
    if not outputs:
        raise BuildErrors(skipped)  # nothing could be read: keep the previous site
    site = _site(config, outputs, glossary, dictionary)
    site.english = match_translations(site.essays, translations)
    about_seeds = [f"warning: {config.source / essay.source_name}: essay {essay.index} has the title and text "
                   f"of essay {first.index} of {first.source_name}; both are published"
                   for essay, first in duplicate_essays(site.essays)]
    about_seeds += site.english.warnings()  # translations for no essay, entries that translate nothing
    for line in about_seeds:
        warn(line)
    site.reuse = _page_reuse(config, keys, last)
    paths = _publish_into(config.out, site, config.cache / SEARCH_COPIES if use_cache else None)
    cache.prune()
    pages = sum(1 for p in paths if p.endswith(".html"))
    Manifest(inputs, output_state(config.out), len(site.essays), pages, tuple(map(str, skipped)),
             site.reuse.inputs, tuple(about_seeds)).save(config)

    for report in reports:
        log(_seed_line(report))
    result = BuildResult(config.out, tuple(reports), len(site.essays), pages, len(paths),
                         time.perf_counter() - started, tuple(skipped))
    log(f"built {result.essays} essays in {len(EDITIONS)} editions: {result.pages} pages, "
        f"{result.files} files in {result.seconds:.1f} s -> {config.out}"
        + (f"; {len(skipped)} seed(s) skipped" if skipped else ""))
    return result


def _page_reuse(config: Config, keys: dict[Path, str], last: Manifest | None):
    """What the last build wrote into ``config.out``, for essay pages whose inputs did not change
    (render/reuse.py; ``keys``: each seed's cache key); nothing is reused by a build that ignores the cache."""
    from .render.reuse import PageReuse

    reuse = PageReuse(render_digest(config), {seed.name: key for seed, key in keys.items()})
    if last is not None and config.out.is_dir():
        reuse.old_out, reuse.old_files, reuse.old_inputs = config.out, last.files, last.page_inputs
    return reuse


# Characters of essays whose annotated text a build keeps in memory from annotation to rendering,
# rather than decode it again from the cache entry just written (for a seed of 1 MB, 4% of the
# build's time and 38 MB of its peak memory). Beyond it, each essay's text is read back only while
# its pages are made, so a corpus of any size holds one essay's text at a time.
TEXTS_HELD = 1_000_000


def _hold_texts(stored: SeedOutput, made: SeedOutput) -> None:
    """Give each stored edition's detached text (cache.CachedPart) the text just made for it."""
    for stored_editions, made_editions in zip(stored.editions, made.editions, strict=True):
        for edition, annotated in stored_editions.items():
            hold = getattr(annotated.inlines, "hold", None)
            if hold is not None:
                hold(made_editions[edition].inlines)


def _seed_outputs(seeds: list[Path], config: Config, cache: StageCache, annotator: _LazyAnnotator, progress=None):
    """Each seed's output, from the cache or made afresh, and its report line; errors of all seeds at once;
    and the seeds' cache keys (which the page reuse needs too: each costs a read of the seed)."""
    from .read.ingest import sidecar_path

    refused = {**_badly_named(seeds), **_too_large(seeds, config.max_seed_mb)}
    seeds = [path for path in seeds if path not in refused]
    keys = {path: cache.key(path, sidecar_path(path)) for path in seeds}
    found = {path: cache.get(keys[path], path.name) for path in seeds}
    todo = [path for path in seeds if found[path] is None]
    bar = progress(len(todo)) if progress and todo else None

    held = 0  # characters of essays whose annotated text is held in memory until rendered

    def store(path: Path, output: SeedOutput) -> SeedOutput:
        # Stored as it arrives, even when another seed fails (fixing that one then redoes only it);
        # what is kept is the stored entry, whose essay texts are read again only when rendered,
        # unless the first TEXTS_HELD characters' texts, which are kept as they are.
        nonlocal held
        stored = cache.put(keys[path], path.name, output)
        if held < TEXTS_HELD and stored is not output:
            _hold_texts(stored, output)
            held += sum(len(block.text) for essay in output.essays for block in essay.all_blocks())
        return stored

    try:
        made, errors = _process_seeds(todo, config, annotator, bar.update if bar else lambda n: None, store)
    finally:
        if bar:
            bar.close()
    # A seed that cannot be read (its encoding, binary, empty) is skipped and named; any other error
    # (a broken sidecar, an erratum that misses) is an editor's to fix before the site changes.
    errors = [*refused.values(), *errors]
    skipped = [error for error in errors if isinstance(error, SourceError)]
    if len(skipped) < len(errors):
        raise BuildErrors([error for error in errors if not isinstance(error, SourceError)])
    outputs: list[SeedOutput] = []
    reports: list[SeedReport] = []
    for path in seeds:
        output = found[path] or made.get(path)
        if output is None:
            continue
        if not output.essays:  # read, but nothing in it is an essay: say so rather than "0 essays"
            skipped.append(SourceError("no essay found: cleaning took every line for page chrome or noise "
                                       "(site-gen inspect shows how each line was judged)", path))
            continue
        changes = Counter(change.action for essay in output.essays for change in essay.changes)
        reports.append(SeedReport(path.name, len(output.essays), changes, found[path] is not None))
        outputs.append(output)
    return outputs, reports, skipped, keys


def _badly_named(seeds: list[Path]) -> dict[Path, SourceError]:
    """Seeds whose file name is not UTF-8 (bytes from another system's encoding): the name becomes
    the essay's source in pages, JSON and the cache, which all need text. Named with the bytes
    that are not shown as �."""
    found = {}
    for path in seeds:
        try:
            path.name.encode("utf-8")
        except UnicodeEncodeError:
            shown = os.fsencode(path).decode("utf-8", "replace")
            found[path] = SourceError("the file name is not UTF-8 text: rename the file", Path(shown))
    return found


def _too_large(seeds: list[Path], max_mb: float) -> dict[Path, SourceError]:
    """The seeds over the ``max_seed_mb`` setting, each with the error that names it (skipped, never read)."""
    found = {}
    for path in seeds:
        try:
            size = path.stat().st_size
        except OSError:
            continue  # reading it says why
        if size > max_mb * 1_000_000:
            found[path] = SourceError(f"too large to be one essay: {size / 1_000_000:.1f} MB, over the "
                                      f"max_seed_mb setting ({max_mb:g} MB)", path)
    return found


def _site(config: Config, outputs: list[SeedOutput], glossary, dictionary) -> Site:
    """The whole corpus as one Site: essays slugged in seed order."""
    pairs = [(essay, eds) for output in outputs for essay, eds in zip(output.essays, output.editions, strict=True)]
    slugged = _with_slugs([essay for essay, _ in pairs])
    essays: list[Essay] = []
    editions: dict[tuple[str, EditionName], AnnotatedEssay] = {}
    for essay, (_, eds) in zip(slugged, pairs, strict=True):
        essays.append(essay)
        for edition, annotated in eds.items():
            editions[(essay.slug, edition)] = replace(annotated, essay=replace(annotated.essay, slug=essay.slug))
    return Site(config=config, essays=tuple(essays), editions=editions, glossary=glossary, dictionary=dictionary)


def _remove_leftovers(out: Path) -> None:
    """Remove the staging and old-site folders that builds killed mid-way left beside ``out``.

    Each such folder is named with the process that made it (``._site-new-PID-…``); one whose
    process is gone is debris, while one of a build still running is left alone.
    """
    for folder in out.parent.glob(f".{glob.escape(out.name)}-*-*-*"):
        kind, _, rest = folder.name[len(out.name) + 2:].partition("-")
        pid = rest.split("-", 1)[0]
        if kind in ("new", "old") and pid.isdigit() and folder.is_dir() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    """Whether a process ``pid`` exists (one we may not signal exists too)."""
    if pid == os.getpid() or os.name == "nt":  # Windows' os.kill would end the process: never guess there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _readable_by_all(folder: Path) -> None:
    """A site folder is for the world to read: mkdtemp's 0700 would travel with an rsync or a
    copy to the host. Files get the usual permissions from the umask; give the folder the same."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def _publish_into(out: Path, site: Site, search_copies: Path | None = None) -> list[str]:
    """Publish into a staging folder beside ``out`` and swap it in; the paths written, in order.

    ``search_copies``: where the search index's copies of the pages are kept between builds."""
    from .publish import publish
    from .search import write_search_index
    from .writer import Writer

    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-{os.getpid()}-", dir=out.parent))
    _readable_by_all(staging)
    try:
        writer = Writer(staging)
        writer.write_text(MARKER, "This folder is written by site-gen and replaced on every build.\n")
        publish(site, writer)
        write_search_index(staging, site.glossary, writer, search_copies, len(site.essays),  # of the pages just written
                           site.config.jobs)
        _carry_over(out, staging, site.config.keep)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_in(staging, out)
    return writer.paths


def _carry_over(out: Path, staging: Path, names: tuple[str, ...]) -> None:
    """Copy the files the ``keep`` setting names (a host's CNAME, .nojekyll) from the old site into the new.

    A file the build wrote itself stays the build's: a kept robots.txt or 404.html would otherwise never
    change again. Only regular files inside ``out`` are carried, never a link to something outside it.
    """
    root = out.resolve()
    for name in names:
        old, new = out / name, staging / name
        if old.is_file() and not old.is_symlink() and old.resolve().is_relative_to(root) and not new.exists():
            new.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(old, new)


def _seed_line(report: SeedReport) -> str:
    """``002_….txt: 1 essay; removed 14, repaired 9, flagged 2 (cached)``"""
    counts = ", ".join(f"{action} {n}" for action, n in sorted(report.changes.items())) or "no changes"
    essays = f"{report.essays} essay" + ("s" if report.essays != 1 else "")
    return f"{report.name}: {essays}; {counts}" + (" (cached)" if report.cached else "")

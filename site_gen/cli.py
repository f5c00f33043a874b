"""The ``site-gen`` command: ``build`` the site, ``terms --suggest`` new glossary terms, ``inspect`` one seed,
``check`` the built site's links, ``serve`` it locally while editing.

A user error ends in one line on stderr naming the file (and line) and exit status 1;
anything else is a bug, shown briefly, with the traceback under ``--debug``.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from . import INTERRUPTED, __version__
from .config import Config, load_config
from .errors import SiteGenError


# The site was built and published, but some seeds could not be read (each named on stderr).
SKIPPED_SEEDS = 4
STRICT_FAILED = 5  # built, but --strict was given and something was warned about or skipped
# New objects between two collections of the youngest generation (Python's default is 700)
GC_YOUNG_THRESHOLD = 10_000


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="site-gen",
        description="Turn scraped Chinese essays into a clean, linked, bilingual static reading site.",
    )
    parser.add_argument("--version", action="version", version=f"site-gen {__version__}")
    parser.add_argument("--config", type=Path, help="settings file (default: ./site.toml if present)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the site from the seeds")
    build.add_argument("--source", type=Path, help="folder of seed files: .txt, .md, .html (default: seeds)")
    build.add_argument("--out", type=Path, help="folder to write the site to (default: _site)")
    build.add_argument("--base-url", help="absolute URL the site will be served from (for sitemap.xml)")
    build.add_argument("--disable-rule", action="append", metavar="NAME", dest="disabled_rules",
                       help="switch a cleaning rule off by name (repeatable)")
    build.add_argument("--clean", "--no-cache", action="store_true", dest="clean",
                       help="ignore the build cache: redo every seed (the cache is rewritten)")
    build.add_argument("--executor", metavar="WHERE",
                       help="where the per-seed stages run: local (a process pool, the default), serial "
                            "(this process), or a Dask scheduler's address, dask://HOST:PORT")
    build.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    build.add_argument("--strict", action="store_true",
                       help="fail (exit status 5) when a warning was given or a seed was skipped; the site is still built")

    terms = commands.add_parser("terms", help="help grow the glossary")
    terms.add_argument("--suggest", action="store_true", required=True,
                       help="list frequent expressions in the corpus that the glossary lacks")
    terms.add_argument("--source", type=Path, help="folder of seed files: .txt, .md, .html (default: seeds)")
    terms.add_argument("--limit", type=int, default=40, help="how many suggestions (default 40)")

    inspect = commands.add_parser("inspect", help="show how one seed file is read and classified, and why")
    inspect.add_argument("file", type=Path, metavar="FILE",
                         help="a seed file (.txt, .md, .html): its format, encoding, metadata, chosen title, "
                              "authors and date, each block's verdict and reason, and the lines cleaning keeps")

    check = commands.add_parser("check", help="check the built site's links, anchors, sitemap, feeds and JSON")
    check.add_argument("--out", type=Path, help="folder of the built site (default: _site)")
    check.add_argument("--base-url", help="URL the site is served from (default: the one it was built with)")
    check.add_argument("--external", action="store_true", help="also list the links to other hosts (never fetched)")

    new = commands.add_parser("new", help="make a project folder: site.toml, an empty seeds/ and a README")
    new.add_argument("folder", type=Path, metavar="DIR", help="folder to create (must be absent or empty)")
    new.add_argument("--title", default=Config.title, help="the site's title in Chinese")
    new.add_argument("--title-en", default=Config.title_en, help="the site's title in English")

    add = commands.add_parser("add", help="copy scraped files into the seeds under stable names, then build")
    add.add_argument("files", type=Path, nargs="+", metavar="FILE",
                     help="saved pages in any form the readers take: .txt, .md, .markdown, .html, .htm "
                          "(a sidecar FILE.toml beside one is copied with it)")
    add.add_argument("--source", type=Path, help="folder of seed files (default: seeds)")
    add.add_argument("--out", type=Path, help="folder to write the site to (default: _site)")
    add.add_argument("--no-build", action="store_true", help="only copy the files")
    add.add_argument("-q", "--quiet", action="store_true", help="print only errors")

    translate = commands.add_parser("translate", help="the essays' English: status, export for a translation tool, import")
    task = translate.add_mutually_exclusive_group(required=True)
    task.add_argument("--status", action="store_true", help="per essay: units translated, stale, missing")
    task.add_argument("--export", metavar="ESSAY", help="write one essay's units for a translation tool "
                                                        "(ESSAY: SEED.N as in translations/, or a seed of one essay)")
    task.add_argument("--import", metavar="FILE", type=Path, dest="import_file",
                      help="read a translated .po or .xliff file back into its essay's translation")
    translate.add_argument("--format", choices=("po", "xliff"), default="po", help="the export's format (default: po)")
    translate.add_argument("-o", "--output", type=Path, help="the export's file (default: ESSAY.en.po or .xlf here)")
    translate.add_argument("--source", type=Path, help="folder of seed files (default: seeds)")

    serve = commands.add_parser("serve", help="build, serve the site locally, rebuild and reload pages on changes")
    serve.add_argument("--source", type=Path, help="folder of seed files: .txt, .md, .html (default: seeds)")
    serve.add_argument("--out", type=Path, help="folder to write the site to (default: _site)")
    serve.add_argument("--base-url", help="absolute URL the site will be served from; its path is served locally")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--no-watch", action="store_true", help="build and serve once; do not watch for changes")
    return parser


def _config(args: argparse.Namespace) -> Config:
    """The settings: site.toml (or --config), with the options given on the command line."""
    overrides = {
        "source": getattr(args, "source", None),
        "out": getattr(args, "out", None),
        "base_url": getattr(args, "base_url", None),
        "disabled_rules": getattr(args, "disabled_rules", None),
        "executor": getattr(args, "executor", None),
    }
    return load_config(Path.cwd(), overrides, args.config)


def _build(args: argparse.Namespace) -> int:
    """``site-gen build``: the whole site, after dropping the cache if asked."""
    from .build import build

    config = _config(args)
    result = build(config, log=(lambda line: None) if args.quiet else print, use_cache=not args.clean,
                   progress=None if args.quiet else _progress_bar())
    for error in result.skipped:
        print(f"skipped: {error}", file=sys.stderr)
    if args.strict and (result.warnings or result.skipped):
        print(f"strict: {len(result.warnings)} warning(s) and {len(result.skipped)} skipped seed(s): failing",
              file=sys.stderr)
        return STRICT_FAILED
    return SKIPPED_SEEDS if result.skipped else 0


def _progress_bar():
    """A progress bar over the seeds on a terminal (tqdm, on stderr); None when output is piped or logged."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return lambda total: tqdm(total=total, desc="seeds", unit="seed", file=sys.stderr, leave=False,
                              disable=total < 2)


def _new(args: argparse.Namespace) -> int:
    """``site-gen new DIR``: a project folder ready for seeds."""
    from .project import new_project

    for path in new_project(args.folder, args.title, args.title_en):
        print(f"wrote {path}")
    print(f"next: cd {args.folder} && site-gen add SAVED-PAGE.html && open _site/index.html")
    return 0


def _add(args: argparse.Namespace) -> int:
    """``site-gen add FILE…``: copy scraped files into the seeds verbatim, then build."""
    from .build import build
    from .project import add_files

    config = _config(args)
    for seed, what in add_files(args.files, config.source):
        if not args.quiet:
            print(f"{what}: {seed}")
    if args.no_build:
        return 0
    result = build(config, log=(lambda line: None) if args.quiet else print,
                   progress=None if args.quiet else _progress_bar())
    for error in result.skipped:
        print(f"skipped: {error}", file=sys.stderr)
    return SKIPPED_SEEDS if result.skipped else 0


def _suggest(args: argparse.Namespace) -> int:
    """``site-gen terms --suggest``: a table of frequent expressions the glossary lacks."""
    from .build import seed_editions, seed_files
    from .glossary.file import load_glossary
    from .model import reading_text
    from .suggest import format_suggestions, suggest_terms

    if args.limit < 1:
        raise SiteGenError("--limit takes a whole number of 1 or more")
    config = _config(args)
    glossary = load_glossary(config.glossary)
    texts = []
    for path in seed_files(config):
        for essay, editions in seed_editions(path, config.disabled_rules):
            body = "\n".join(reading_text(block.text) for block in editions["hans"].all_blocks())
            texts.append((f"{path.name}#{essay.index}", body))
    print(format_suggestions(suggest_terms(texts, glossary, limit=args.limit)))
    return 0


def _inspect(args: argparse.Namespace) -> int:
    """``site-gen inspect FILE``: the report on how one seed is read, classified and cleaned."""
    from .inspect import inspect_file

    print(inspect_file(args.file), end="")
    return 0


def _check(args: argparse.Namespace) -> int:
    """``site-gen check``: one line per broken link, anchor, orphan page or data file; exit 1 if any."""
    from .check import check_site, site_base_url

    config = _config(args)
    report = check_site(config.out, args.base_url or site_base_url(config.out, config.base_url))
    for problem in report.problems:
        print(problem)
    if args.external:
        for url, where in sorted(report.external.items()):
            print(f"{where}: link to another host (not fetched): {url}")
    print(report.summary())
    return 0 if report.ok else 1


def _translate(args: argparse.Namespace) -> int:
    """``site-gen translate``: --status, --export ESSAY --format po|xliff, --import FILE."""
    from .glossary.file import load_glossary
    from .translate import export, find_essay, import_file, status_lines

    config = _config(args)
    if args.status:
        print("\n".join(status_lines(config)))
        return 0
    if args.import_file:
        path, changed = import_file(config, args.import_file)
        print(f"{path}: {changed} entr{'y' if changed == 1 else 'ies'} changed")
        return 0
    item = find_essay(config, args.export)
    text = export(item, load_glossary(config.glossary), args.format)
    output = args.output or Path(f"{item.name}.en.{'po' if args.format == 'po' else 'xlf'}")
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise SiteGenError(f"cannot write the export: {error.strerror}", output) from None
    print(f"{output}: {item.name} as {args.format.upper()}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    """``site-gen serve``: build, serve on the base URL's path, rebuild on changes; Ctrl-C ends it."""
    from .serve import serve

    return serve(lambda: _config(args), host=args.host, port=args.port, watch=not args.no_watch,
                 settings=args.config, debug=args.debug)


BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a program whose reader went away


def stop_on_terminate() -> Callable[[], None]:
    """Let ``kill`` (SIGTERM) end a command as Ctrl-C does, so a build removes its staging folder
    and leaves the previous site as it was; returns what puts the old handler back."""
    import signal

    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    return lambda: signal.signal(signal.SIGTERM, previous)


def _run(args) -> int:
    """The command the arguments name (``terms`` when none of the others)."""
    commands = {"build": _build, "inspect": _inspect, "new": _new, "add": _add, "check": _check, "serve": _serve,
                "translate": _translate}
    return commands.get(args.command, _suggest)(args)


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit status is 0, 1 for a user error (nothing written), 3 for a bug,
    4 when the site was built without some seeds that could not be read, 5 when ``build --strict``
    met a warning or a skipped seed, 130 if interrupted (Ctrl-C or SIGTERM), 141 if the reader of
    its output went away."""
    args = _parser().parse_args(argv)
    # A build makes millions of small objects (tokens, blocks, page data) that mostly live until
    # it ends and rarely form cycles: scanning for cycles every 700 new objects cost about a tenth
    # of a cold build's time, every 10,000 about half as much.
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    # jieba announces every dictionary load on stderr, and its import resets its logger's level;
    # a filter survives that, and costs nothing when a build never needs jieba.
    logging.getLogger("jieba").addFilter(lambda record: record.levelno >= logging.WARNING)
    restore = stop_on_terminate()
    try:
        status = _run(args)
        sys.stdout.flush()  # here, so a reader that went away is met inside this try, not at exit
        return status
    except SiteGenError as error:
        print(str(error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Whoever read the output stopped (site-gen build | head -1): the work is done or was left
        # where it stood, and there is no one to tell. Quiet stdout so that exit does not complain,
        # and end as a program stopped by SIGPIPE does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return BROKEN_PIPE
    except Exception as error:  # a bug, not the user's fault: say so briefly
        if args.debug:
            traceback.print_exc()
        else:
            print(f"internal error: {type(error).__name__}: {error} (run with --debug for the traceback)",
                  file=sys.stderr)
        return 3
    finally:
        restore()

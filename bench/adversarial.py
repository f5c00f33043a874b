"""Seconds and peak memory per megabyte of whole builds, for ordinary and for hostile input.

    .venv/bin/python bench/adversarial.py                 # 1 MB inputs, 3 runs each
    .venv/bin/python bench/adversarial.py --mb 0.02 --runs 1 --only ordinary-txt

Issue 17's targets, which the verdict column reads the figures against:

- ordinary text costs at most 1 s of CPU per MB (above the baseline: start-up and dictionaries);
- no input of 1 MB takes over 5 s (wall time above the baseline, per MB);
- peak memory is at most 4 × the largest seed plus the dictionaries (the baseline's peak).

Each input is one seed file, alone in a seed folder of its own, in a project folder whose
``site.toml`` raises ``max_seed_mb`` above its size (a larger seed would be skipped unread). The
ordinary inputs are the scale benchmark's essays (``bench/corpus.py``: the real seeds' paragraphs
recombined, with their kinds of noise) made as long as the size asks, as a text seed and as a saved
HTML page; the hostile ones are built here from the seeds' own characters (unclosed tags, a line of
Han characters without punctuation, lost-word gaps, separator lines, nested quotes, runs of one
character, deeply nested ``<div>``s, tiny paragraphs, Markdown list items and ``*`` runs). Each
starts with a title and one real paragraph, so that a build which survives the rest publishes an essay.

Every build is a fresh process, as a user runs it (``python -m site_gen build -q --no-cache``, the
output folder and cache removed first), of a copy of ``site_gen/`` taken at the start (others may be
editing the working tree). Wall time is ``time.perf_counter`` around it; CPU time and peak memory
come from ``os.wait4``: user + system time of the build and of the processes it started and waited
for (render workers, Pagefind), and the largest resident set of any one of them. A baseline build of
a seed of a few hundred bytes says what start-up, loading the dictionaries and writing a site cost,
so the per-MB figures are those above it.

A build may refuse or skip a hostile seed: exit status 4 (built, some seeds skipped) or 1 (nothing
built) with a one-line reason is an answer, and the table shows it. Exit status 3 is an internal
error, a finding; so is a build killed at ``--timeout``.
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import HAN, make_essay, seed_pool  # noqa: E402
from bench.scale import machine, snapshot_code  # noqa: E402

MB = 1_000_000  # as the max_seed_mb setting counts them
CPU_PER_MB = 1.0  # target: seconds of CPU per MB of ordinary text, above the baseline
SECONDS_PER_MB = 5.0  # target: wall seconds per MB of any input, above the baseline
MEMORY_FACTOR = 4  # target: peak ≤ this × the seed's size + the baseline's peak
TIMEOUT = 300.0  # a build still running after this many seconds is killed and reported
MESSAGE_CHARS = 100  # of an exit message shown in the table
SMALL_MB = 0.5  # below this, per-MB figures are mostly the noise of start-up divided by a small size

# Essays of bench/corpus.py by number: 4 is a text seed, 3 a saved HTML page, both in Simplified.
ORDINARY_TXT_ESSAY = 4
ORDINARY_HTML_ESSAY = 3
BASELINE_HAN = 100  # Han characters of the baseline's one paragraph: a seed of about 300 bytes
TITLE = "以新质生产力推动高质量发展"


@dataclass(frozen=True)
class Input:
    name: str  # the table's row
    kind: str  # "baseline", "ordinary" or "hostile"
    file: str  # the seed's file name (its suffix chooses the reader)
    text: str

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")


# ── the seeds' own characters ────────────────────────────────────────────────


@lru_cache(maxsize=1)
def _sentences() -> tuple[str, ...]:
    return tuple(sentence for paragraph in seed_pool().paragraphs for sentence in paragraph)


@lru_cache(maxsize=1)
def _han() -> str:
    """Every Han character of the seeds' paragraphs, in reading order: hostile inputs made of real text."""
    return "".join(HAN.findall("".join(_sentences())))


def _han_at(start: int, count: int) -> str:
    """``count`` Han characters from ``start``, wrapping round the seeds' text."""
    han = _han()
    start %= len(han)
    text = han[start:start + count]
    while len(text) < count:
        text += han[:count - len(text)]
    return text


def _opening() -> str:
    """One real paragraph, so a build that survives the hostile part has an essay to publish."""
    return "".join(seed_pool().paragraphs[0][:4])


def _fill(head: str, piece: Callable[[int], str], size: int, tail: str = "") -> str:
    """``head``, then ``piece(0)``, ``piece(1)``, … while they fit, then ``tail``: about ``size`` bytes."""
    parts, used = [head], len((head + tail).encode("utf-8"))
    number = 0
    while True:
        text = piece(number)
        cost = len(text.encode("utf-8"))
        if used + cost > size:
            break
        parts.append(text)
        used += cost
        number += 1
    return "".join(parts) + tail


def _text_head() -> str:
    return f"{TITLE}\n\n{_opening()}\n\n"


def _html_head() -> str:
    return ('<!DOCTYPE html>\n<html lang="zh-CN">\n<head><meta charset="utf-8">'
            f"<title>{TITLE}</title></head>\n<body>\n"
            '<nav><a href="/">首页</a> <a href="/news/">要闻</a></nav>\n'
            f"<main><h1>{TITLE}</h1>\n<p>{_opening()}</p>\n")


HTML_TAIL = "</main>\n<footer><p>版权所有</p></footer>\n</body>\n</html>\n"


def _markdown_head() -> str:
    return f"# {TITLE}\n\n{_opening()}\n\n"


# ── ordinary input ───────────────────────────────────────────────────────────


def _essay_of_size(number: int, size: int) -> str:
    """Essay ``number`` of bench/corpus.py with as many paragraphs as make its seed about ``size`` bytes.

    The corpus essays are made to a count of Han characters; the bytes per character of a first
    try give the count for the size, and a second try corrects it.
    """
    han = max(size // 4, 60)
    for _ in range(3):
        text = make_essay(number, han=han).seed_text()
        got = len(text.encode("utf-8"))
        if abs(got - size) <= size * 0.02:
            break
        han = max(int(han * size / got), 60)
    return text


def ordinary_txt(size: int) -> Input:
    return Input("ordinary text (.txt)", "ordinary", "ordinary.txt", _essay_of_size(ORDINARY_TXT_ESSAY, size))


def ordinary_html(size: int) -> Input:
    # bench/corpus.py's saved page: the paragraphs in <p>, with a header, navigation, breadcrumb and footer.
    return Input("ordinary saved page (.html)", "ordinary", "ordinary.html",
                 _essay_of_size(ORDINARY_HTML_ESSAY, size))


def baseline() -> Input:
    return Input("baseline: one tiny seed", "baseline", "baseline.txt",
                 make_essay(ORDINARY_TXT_ESSAY, han=BASELINE_HAN).seed_text())


# ── hostile input ────────────────────────────────────────────────────────────


def unclosed_tags_txt(size: int) -> Input:
    # One line of "<a " with no ">": a tag-stripping pattern that looks ahead for the ">" from each
    # "<" takes time as the square of the line.
    return Input("unclosed `<a ` tags (.txt)", "hostile", "unclosed-tags.txt",
                 _fill(_text_head(), lambda n: "<a ", size, "\n"))


def unclosed_tags_html(size: int) -> Input:
    return Input("unclosed `<a ` tags (.html)", "hostile", "unclosed-tags.html",
                 _fill(_html_head(), lambda n: "<a ", size, HTML_TAIL))


def han_line(size: int) -> Input:
    # One line of Han characters without a punctuation mark: no sentence ends anywhere in it.
    return Input("one line of Han, no punctuation", "hostile", "han-line.txt",
                 _fill(_text_head(), lambda n: _han_at(n * 100, 100), size, "\n"))


def gaps(size: int) -> Input:
    # Words lost as "&&" everywhere: 文字&&文字&&… lines, each a repair the gap rule considers.
    def line(n: int) -> str:
        return "&&".join(_han_at(n * 40 + 2 * i, 2) for i in range(20)) + "。\n"

    return Input("`&&` gaps on every line", "hostile", "gaps.txt", _fill(_text_head(), line, size))


SEPARATORS = ("----", "|" * 8, "·" * 6)


def separators(size: int) -> Input:
    # About 10^5 separator lines at 1 MB: each is a line the cleaner judges (and drops) one by one.
    # (The name's | is escaped: it is a cell of a Markdown table.)
    return Input(r"separator lines (`----`, `\|`, `·`)", "hostile", "separators.txt",
                 _fill(_text_head(), lambda n: SEPARATORS[n % 3] + "\n", size))


OPEN_QUOTES, CLOSE_QUOTES = "「『“", "」』”"


def nested_quotes(size: int) -> Input:
    # 「文『字“……”』」 as deep as the size allows, in one paragraph: quotes that open and close in
    # nesting order; a recursive matcher would run out of stack.
    head = _text_head()
    depth = (size - len(head.encode("utf-8")) - 4) // 9  # each level: a mark, a character, a mark: 9 bytes
    han = _han_at(0, depth)
    opened = "".join(OPEN_QUOTES[i % 3] + han[i] for i in range(depth))
    closed = "".join(CLOSE_QUOTES[i % 3] for i in reversed(range(depth)))
    return Input("nested quotes 「『“…”』」", "hostile", "nested-quotes.txt", f"{head}{opened}{closed}。\n")


def run_of_letters(size: int) -> Input:
    return Input("a run of `a`", "hostile", "run-a.txt", _fill(_text_head(), lambda n: "a" * 100, size, "\n"))


def run_of_full_stops(size: int) -> Input:
    return Input("a run of `。`", "hostile", "run-full-stops.txt",
                 _fill(_text_head(), lambda n: "。" * 100, size, "\n"))


def run_of_spaces(size: int) -> Input:
    # Spaces, then ideographic spaces (U+3000), then a character: a pattern for "spaces beside a
    # Han character" that tries the run from each of its spaces is quadratic in it.
    head = _text_head()
    room = size - len(head.encode("utf-8")) - len("文字。\n".encode("utf-8"))
    spaces = " " * (room // 2) + "\u3000" * (room // 2 // 3)
    return Input("a run of spaces and U+3000", "hostile", "run-spaces.txt", f"{head}{spaces}文字。\n")


DIV_LEVEL_HAN = 25  # characters of the paragraph at each level: about 100 bytes a level, 10^4 levels a MB


def nested_divs(size: int) -> Input:
    # <div><p>…</p><div><p>…</p>… about 10^4 levels deep at 1 MB, every level with a paragraph of
    # its own: a recursive walk of the page's tree meets Python's recursion limit.
    head = _html_head()
    close = "</div>"

    def level(n: int) -> str:
        return f"<div><p>{_han_at(n * DIV_LEVEL_HAN, DIV_LEVEL_HAN)}。</p>"

    # Each level costs its opening and its closing tag; the closings are added once the depth is known.
    opened = _fill(head, lambda n: level(n) + close, size - len(HTML_TAIL.encode("utf-8")))
    depth = opened.count(close)
    return Input("nested `<div>`s", "hostile", "nested-divs.html",
                 opened.replace(close, "") + close * depth + HTML_TAIL)


def tiny_paragraphs(size: int) -> Input:
    # <p>字</p> 10^5 times at 1 MB: a block, a classification and a paragraph each.
    return Input("tiny `<p>` elements", "hostile", "tiny-paragraphs.html",
                 _fill(_html_head(), lambda n: f"<p>{_han_at(n, 1)}</p>", size, HTML_TAIL))


def markdown_list(size: int) -> Input:
    # About 10^5 list items at 1 MB, one list.
    return Input("Markdown list items", "hostile", "list-items.md",
                 _fill(_markdown_head(), lambda n: f"- {_han_at(n * 2, 2)}\n", size))


def markdown_stars(size: int) -> Input:
    # Runs of 1 to 7 "*" between characters, closing nothing in order: emphasis a Markdown reader
    # must pair up (or give up on) across the whole line.
    def line(n: int) -> str:
        return "".join("*" * (1 + (n + i) % 7) + _han_at(n * 8 + i * 2, 2) for i in range(8)) + "\n"

    return Input("Markdown `*` runs", "hostile", "stars.md", _fill(_markdown_head(), line, size))


GENERATORS: tuple[Callable[[int], Input], ...] = (
    ordinary_txt, ordinary_html, unclosed_tags_txt, unclosed_tags_html, han_line, gaps, separators,
    nested_quotes, run_of_letters, run_of_full_stops, run_of_spaces, nested_divs, tiny_paragraphs,
    markdown_list, markdown_stars,
)


def make_inputs(size: int, only: set[str] | None = None) -> list[Input]:
    """The baseline and every input of about ``size`` bytes, or those ``only`` names by file name or
    stem ("unclosed-tags" is both the .txt and the .html)."""
    inputs = [generate(size) for generate in GENERATORS]
    if only is not None:
        names = {name for item in inputs for name in (item.file, Path(item.file).stem)}
        if only - names:  # a typo must not pass for a run of the baseline alone
            raise ValueError(f"no input named {', '.join(sorted(only - names))}; the inputs: "
                             f"{', '.join(item.file for item in inputs)}")
        inputs = [item for item in inputs if only & {item.file, Path(item.file).stem}]
    return [baseline(), *inputs]


# ── running builds ───────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float
    status: int  # the exit status; -9 when killed at the timeout
    message: str  # the last line of its stderr


def write_project(work: Path, item: Input) -> Path:
    """A project folder holding the seed alone and a site.toml that lets a seed of its size be read.

    The folder is named after the whole file name: two inputs share a stem (unclosed-tags.txt and
    .html), and one folder for both would build the two seeds together.
    """
    folder = work / item.file
    seeds = folder / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    (seeds / item.file).write_bytes(item.data)
    limit = max(50, math.ceil(len(item.data) / MB) + 1)
    (folder / "site.toml").write_text(f"max_seed_mb = {limit}\n", encoding="utf-8")
    return folder


def run_build(folder: Path, env: dict[str, str], timeout: float) -> Run:
    """One whole build of ``folder`` in a fresh process, from nothing: wall, CPU and peak memory."""
    for leftover in ("site", ".site_gen_cache"):
        shutil.rmtree(folder / leftover, ignore_errors=True)
    command = [sys.executable, "-m", "site_gen", "build", "-q", "--no-cache", "--source", "seeds", "--out", "site"]
    killed = threading.Event()

    def kill(pid: int) -> None:
        killed.set()
        try:
            os.killpg(pid, signal.SIGKILL)  # the build and what it started: its own process group
        except ProcessLookupError:
            pass

    with open(folder / "stderr.txt", "w+b") as stderr:
        started = time.perf_counter()
        # A session of its own, so a build killed at the timeout takes its workers and Pagefind with it.
        child = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=stderr,
                                 start_new_session=True)
        timer = threading.Timer(timeout, kill, (child.pid,))
        timer.start()
        # os.wait4 rather than Popen.wait: it returns the rusage of the child, which on Linux includes
        # the children it waited for (CPU summed, ru_maxrss the largest of them).
        _, raw, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(raw)  # reaped here; Popen must not wait again
        stderr.seek(0)
        lines = [line.strip() for line in stderr.read().decode("utf-8", "replace").splitlines() if line.strip()]
    message = lines[-1].replace(str(folder) + os.sep, "") if lines else ""
    if killed.is_set():
        message = f"killed after {timeout:g} s"
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024 / MB, child.returncode, message)


# ── figures ──────────────────────────────────────────────────────────────────


@dataclass
class Row:
    item: Input
    runs: list[Run]

    @property
    def size_mb(self) -> float:
        return len(self.item.data) / MB

    @property
    def wall(self) -> float:
        return statistics.median(run.wall for run in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(run.cpu for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(run.peak_mb for run in self.runs)

    @property
    def killed(self) -> bool:
        return any(run.message.startswith("killed after") for run in self.runs)

    def status_text(self) -> str:
        statuses = sorted({run.status for run in self.runs})
        text = "/".join(str(status) for status in statuses)
        message = next((run.message for run in self.runs if run.message), "")
        if len(message) > MESSAGE_CHARS:
            message = message[:MESSAGE_CHARS - 1] + "…"
        message = message.replace("|", "\\|")  # a cell of a Markdown table
        return f"{text}: {message}" if message else text

    def wall_text(self) -> str:
        if len(self.runs) == 1:
            return f"{self.wall:.2f} (1 run)"
        return f"{self.wall:.2f} ({min(r.wall for r in self.runs):.2f}–{max(r.wall for r in self.runs):.2f})"


@dataclass(frozen=True)
class Measures:
    """One row's figures read against the baseline's."""

    cpu_per_mb: float  # CPU seconds above the baseline's, per MB of seed
    wall_per_mb: float  # wall seconds above the baseline's, per MB of seed
    memory_ratio: float  # peak ÷ (4 × seed MB + baseline peak)


def measures(row: Row, base: Row) -> Measures:
    return Measures((row.cpu - base.cpu) / row.size_mb, (row.wall - base.wall) / row.size_mb,
                    row.peak_mb / (MEMORY_FACTOR * row.size_mb + base.peak_mb))


def verdict(row: Row, figures: Measures) -> str:
    """Which targets the row misses, in words; "met" when none (CPU is a target for ordinary text only)."""
    missed = []
    if row.killed:
        missed.append(next(run.message for run in row.runs if run.message.startswith("killed")))
    if any(run.status == 3 for run in row.runs):
        missed.append("internal error (exit 3)")
    if row.item.kind == "ordinary" and figures.cpu_per_mb > CPU_PER_MB:
        missed.append(f"CPU {figures.cpu_per_mb:.2f} s/MB > {CPU_PER_MB:g}")
    if figures.wall_per_mb > SECONDS_PER_MB:
        missed.append(f"wall {figures.wall_per_mb:.2f} s/MB > {SECONDS_PER_MB:g}")
    if figures.memory_ratio > 1:
        missed.append(f"memory {figures.memory_ratio:.2f}× the allowance")
    return "met" if not missed else "**not met**: " + "; ".join(missed)


def _mb(value: float) -> str:
    return f"{value:.2f}" if value >= 0.01 else f"{value:.4f}"


HEADER = ("| input | size MB | exit status | wall s, median (min–max) | CPU s | CPU s per MB above baseline "
          "| peak MB | peak ÷ (4 × size + baseline peak) | verdict |")


def table(rows: list[Row]) -> list[str]:
    base = rows[0]
    lines = [HEADER, "|" + "---|" * HEADER.count(" | ") + "---|"]
    lines.append(f"| {base.item.name} | {_mb(base.size_mb)} | {base.status_text()} | {base.wall_text()} "
                 f"| {base.cpu:.2f} | — | {base.peak_mb:.0f} | — | — |")
    for row in rows[1:]:
        figures = measures(row, base)
        lines.append(f"| {row.item.name} | {_mb(row.size_mb)} | {row.status_text()} | {row.wall_text()} "
                     f"| {row.cpu:.2f} | {figures.cpu_per_mb:.2f} | {row.peak_mb:.0f} "
                     f"| {figures.memory_ratio:.2f} | {verdict(row, figures)} |")
    return lines


# ── the run ──────────────────────────────────────────────────────────────────


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def measure_all(inputs: list[Input], work: Path, runs: int, timeout: float) -> list[Row]:
    env, digest = snapshot_code(work)
    print(f"measuring a copy of site_gen/ taken now (digest {digest})", flush=True)
    rows = []
    for item in inputs:
        folder = write_project(work, item)
        row = Row(item, [])
        for number in range(runs):
            run = run_build(folder, env, timeout)
            row.runs.append(run)
            print(f"  {item.name:<38} run {number + 1}: {run.wall:7.2f} s wall {run.cpu:7.2f} s CPU "
                  f"{run.peak_mb:6.0f} MB  exit {run.status}  (load {_load()})", flush=True)
            if row.killed:
                break  # one run past the timeout says enough; more would only cost minutes
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of each input in MB (default 1)")
    parser.add_argument("--runs", type=int, default=3, help="builds of each input (median and range)")
    parser.add_argument("--only", help="inputs to run, by file name or stem, comma-separated "
                        "(the baseline always runs)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds before a build is killed")
    parser.add_argument("--work", type=Path, help="work folder, kept afterwards (default: a temporary one)")
    args = parser.parse_args(argv)
    if args.mb <= 0 or args.runs < 1:
        parser.error("--mb and --runs must be positive")
    only = {name.strip() for name in args.only.split(",")} if args.only else None
    try:
        inputs = make_inputs(int(args.mb * MB), only)
    except ValueError as error:
        parser.error(f"--only: {error}")
    shown = argv if argv is not None else sys.argv[1:]
    info = machine()
    started = datetime.datetime.now(datetime.timezone.utc)
    print(f"`{shlex.join(['.venv/bin/python', 'bench/adversarial.py', *shown])}`, {started:%Y-%m-%d %H:%M} UTC")
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['memory']}; {info['os']}; Python {info['python']}")
    print(f"site_gen: commit {info['code']}")
    print(f"load average (1, 5, 15 min) at the start: {_load()}", flush=True)
    work = args.work or Path(tempfile.mkdtemp(prefix="site_gen_adversarial."))
    work.mkdir(parents=True, exist_ok=True)
    try:
        rows = measure_all(inputs, work, args.runs, args.timeout)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"load average at the end: {_load()}\n")
    print("\n".join(table(rows)))
    print(f"\nTargets: ordinary text ≤ {CPU_PER_MB:g} s CPU per MB and every input ≤ {SECONDS_PER_MB:g} s wall "
          f"per MB, both above the baseline; peak ≤ {MEMORY_FACTOR} × seed size + the baseline's peak.")
    if args.mb < SMALL_MB:
        print(f"Inputs of {args.mb:g} MB: the per-MB figures divide start-up noise by a small size; "
              "the verdicts are meant for 1 MB.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

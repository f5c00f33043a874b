"""Whole-process build figures at 10, 100 and 1,000 essays, with yardsticks timed in the same run.

    .venv/bin/python bench/scale.py                       # sizes 10, 100, 1000; 3 runs; bench/RESULTS.md
    .venv/bin/python bench/scale.py --sizes 10,100 --runs 1 --out /tmp/RESULTS.md
    .venv/bin/python bench/scale.py --quick               # 10 essays, one run

For each size a synthetic corpus (bench/corpus.py: essays of about 5,000 Han characters recombined
from the real seeds, with their kinds of noise, some in Traditional script, some as Markdown or
HTML) is written into a work folder, and ``python -m site_gen build -q`` is timed as a user runs
it, a fresh process each time, its cache beside the seeds: a cold build (no cache, no output
folder), a rebuild with nothing changed, a rebuild after adding one new essay, after appending a
paragraph to one seed, after removing one seed. The real seeds (copied with their sidecars) get a
cold build, a no-op rebuild and one new essay.

Yardsticks, on the same essays' text: jieba alone (``jieba.lcut`` over every line, one process,
dictionary load included), rjieba alone, Pelican (its own virtual environment, default theme, no
feeds) and Hugo (no theme, two one-line layouts), each given the clean essays as Markdown.

Each figure is one child process measured by a fresh helper process: wall time by
``time.perf_counter`` around it, peak memory as ``ru_maxrss`` of the helper's children (the largest
resident set of the command or any process it started and waited for). ``--runs`` repeats each
measurement; the table gives the median and the range. The figures, the machine, the versions and
the targets they are read against are printed and written to ``--out`` (a Markdown file); its
"Hot spots removed" section, written by hand, is kept when the file is written again.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import importlib.metadata
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import Essay, extra_paragraph, make_essay, write_corpus, write_essay  # noqa: E402

PELICAN = Path("/tmp/pelican-venv/bin/pelican")  # Pelican lives in its own venv, never in the project's
HOT_SPOTS = "## Hot spots removed"
MB = 1e6

# Run in a fresh helper: time one command and report the peak resident set of what it ran.
_MEASURE = r"""
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "status": done.returncode, "stderr": done.stderr.decode("utf-8", "replace")[-3000:]}))
"""
_JIEBA = ("import sys, jieba; jieba.setLogLevel(60); "
          "[jieba.lcut(line) for line in open(sys.argv[1], encoding='utf-8').read().splitlines()]")
_RJIEBA = ("import sys, rjieba; "
           "[rjieba.cut(line) for line in open(sys.argv[1], encoding='utf-8').read().splitlines()]")

SITE_GEN_ROWS = (("cold", "site_gen cold build (no cache, no output)"),
                 ("noop", "site_gen rebuild, nothing changed"),
                 ("add", "site_gen rebuild after adding one seed"),
                 ("edit", "site_gen rebuild after editing one seed"),
                 ("remove", "site_gen rebuild after removing one seed"))
REAL_ROWS = SITE_GEN_ROWS[:3]


class MeasureError(RuntimeError):
    pass


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_mb: float


@dataclass
class Figure:
    samples: list[Sample] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def low(self) -> float:
        return min(s.seconds for s in self.samples)

    @property
    def high(self) -> float:
        return max(s.seconds for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return max(s.peak_mb for s in self.samples)

    def time_text(self) -> str:
        if len(self.samples) == 1:
            return f"{_s(self.median)} (1 run)"
        return f"{_s(self.median)} ({_num(self.low)}–{_num(self.high)})"


def _num(seconds: float) -> str:
    return f"{seconds:.2f}" if seconds < 10 else f"{seconds:.1f}" if seconds < 100 else f"{seconds:.0f}"


def _s(seconds: float) -> str:
    return _num(seconds) + " s"


def _ratio(value: float) -> str:
    return f"{value:.3g}×" if value >= 1 else f"{value:.3g} ({value:.1%})"


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Wall time and peak memory of ``command``, run in ``cwd`` by a fresh helper process."""
    helper = subprocess.run([sys.executable, "-c", _MEASURE, str(cwd), *command],
                            capture_output=True, text=True, check=True, env=env)
    result = json.loads(helper.stdout)
    if result["status"] != 0:
        raise MeasureError(f"{shlex.join(command)} exited with status {result['status']}:\n{result['stderr']}")
    return Sample(result["seconds"], result["peak_kib"] * 1024 / MB)


# ── site_gen ─────────────────────────────────────────────────────────────────


def snapshot_code(work: Path) -> tuple[dict[str, str], str]:
    """Copy site_gen as it is now into ``work``: the environment that runs the copy, and its digest.

    The build cache is keyed by a fingerprint of site_gen's code, so an edit made to the working tree
    during a run would turn every later "no-op" rebuild into a cold one; the copy keeps the code the
    same from the first build to the last (and the digest says which code was measured).
    """
    code = work / "code"
    shutil.rmtree(code, ignore_errors=True)
    shutil.copytree(ROOT / "site_gen", code / "site_gen", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    digest = hashlib.sha256()
    for path in sorted((code / "site_gen").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(code).as_posix().encode() + b"\0" + path.read_bytes())
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(code), os.environ.get("PYTHONPATH")]))}
    return env, digest.hexdigest()[:12]


def _build_command(seeds: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "site_gen", "build", "-q", "--source", str(seeds), "--out", str(out)]


def _report(label: str, sample: Sample) -> None:
    print(f"    {label:<44} {_s(sample.seconds):>9} {sample.peak_mb:7.0f} MB", flush=True)


def site_gen_figures(base: Path, runs: int, essays: list[Essay], next_number: int, env: dict[str, str],
                     rows: tuple[tuple[str, str], ...] = SITE_GEN_ROWS) -> dict[str, Figure]:
    """Time site_gen's builds of ``base/seeds`` (cache beside it, site in ``base/site``).

    Each added essay has a number of its own (from ``next_number``), so every "add" is new work;
    the "remove" runs take the added essays away again, and each "edit" appends a different
    paragraph to a different essay, so none of the builds is a cache hit.
    """
    seeds, out, cache = base / "seeds", base / "site", base / ".site_gen_cache"
    build = _build_command(seeds, out)
    figures = {key: Figure() for key, _ in rows}
    labels = dict(rows)

    def timed(key: str) -> None:
        sample = measure(build, base, env)
        figures[key].samples.append(sample)
        _report(labels[key], sample)

    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        timed("cold")
    for _ in range(runs):
        timed("noop")
    added = []
    for run in range(runs):
        added.append(write_essay(seeds, make_essay(next_number + run)))
        timed("add")
    if "edit" in figures:
        for run in range(runs):
            essay = essays[run % len(essays)]
            write_essay(seeds, essay.with_paragraph(extra_paragraph(run)))
            timed("edit")
    if "remove" in figures:
        for path in added:
            path.unlink()
            timed("remove")
    return figures


def site_files(base: Path) -> tuple[int, float]:
    files = [p for p in (base / "site").rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files) / MB


# ── yardsticks ───────────────────────────────────────────────────────────────

_PELICAN_CONF = '''AUTHOR = "scale"
SITENAME = "scale"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
'''
_HUGO_CONFIG = '''baseURL = "https://example.org/"
languageCode = "zh-cn"
title = "scale"
hasCJKLanguage = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
'''
_HUGO_SINGLE = ('<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
                "<body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n")
_HUGO_LIST = ('<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
              '<body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>'
              "</body></html>\n")


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted string


def write_yardstick_inputs(base: Path, essays: list[Essay]) -> None:
    """The essays' text for the segmenters, and the essays as Markdown for Pelican and Hugo."""
    lines = [line for essay in essays for line in essay.plain_lines()]
    (base / "plain.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pelican = base / "pelican"
    (pelican / "content").mkdir(parents=True, exist_ok=True)
    (pelican / "pelicanconf.py").write_text(_PELICAN_CONF, encoding="utf-8")
    hugo = base / "hugo"
    (hugo / "content" / "essays").mkdir(parents=True, exist_ok=True)
    (hugo / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (hugo / "config.toml").write_text(_HUGO_CONFIG, encoding="utf-8")
    (hugo / "layouts" / "_default" / "single.html").write_text(_HUGO_SINGLE, encoding="utf-8")
    (hugo / "layouts" / "_default" / "list.html").write_text(_HUGO_LIST, encoding="utf-8")
    for essay in essays:
        title, slug = essay.in_script(essay.title), essay.name.split(".")[0]
        head = (f"Title: {title}\nDate: {essay.date.isoformat()}\nSlug: {slug}\n"
                f"Authors: {essay.in_script(essay.author)}\n")
        (pelican / "content" / f"{slug}.md").write_text(essay.markdown(head), encoding="utf-8")
        head = f"---\ntitle: {_quoted(title)}\ndate: {essay.date.isoformat()}\nslug: {slug}\n---\n"
        (hugo / "content" / "essays" / f"{slug}.md").write_text(essay.markdown(head), encoding="utf-8")


@dataclass(frozen=True)
class Yardstick:
    key: str
    label: str
    version: str
    command: list[str]
    cwd_name: str  # folder under the size's base folder the command runs in ("" for the base itself)
    fresh: tuple[str, ...] = ()  # folders removed before each run, so each build starts from nothing


def yardsticks(base: Path) -> tuple[list[Yardstick], list[str]]:
    """The yardsticks this machine has, and a line for each it has not."""
    found, missing = [], []
    plain = str(base / "plain.txt")
    found.append(Yardstick("jieba", f"jieba {importlib.metadata.version('jieba')} alone (lcut, one process)",
                           importlib.metadata.version("jieba"), [sys.executable, "-c", _JIEBA, plain], ""))
    try:
        version = importlib.metadata.version("rjieba")
        found.append(Yardstick("rjieba", f"rjieba {version} alone (cut, one process)", version,
                               [sys.executable, "-c", _RJIEBA, plain], ""))
    except importlib.metadata.PackageNotFoundError:
        missing.append("rjieba: not installed in this environment (.venv/bin/pip install rjieba)")
    if PELICAN.exists():
        version = subprocess.run([str(PELICAN), "--version"], capture_output=True, text=True).stdout.strip()
        found.append(Yardstick("pelican", f"Pelican {version} (default theme, no feeds)", version,
                               [str(PELICAN), "content", "-s", "pelicanconf.py", "-o", "output", "-q"], "pelican",
                               ("output", "cache", "__pycache__")))
    else:
        missing.append(f"Pelican: not found at {PELICAN} (python3 -m venv /tmp/pelican-venv && "
                       "/tmp/pelican-venv/bin/pip install 'pelican[markdown]')")
    hugo = shutil.which("hugo")
    if hugo:
        words = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()
        version = words[1].lstrip("v").split("+")[0] if len(words) > 1 else "?"
        found.append(Yardstick("hugo", f"Hugo {version} (no theme)", version,
                               [hugo, "--quiet", "-d", "public"], "hugo", ("public", "resources")))
    else:
        missing.append("Hugo: not installed (apt-get install -y hugo)")
    return found, missing


def yardstick_figures(base: Path, runs: int, sticks: list[Yardstick]) -> dict[str, Figure]:
    figures = {}
    for stick in sticks:
        cwd = base / stick.cwd_name if stick.cwd_name else base
        figure = Figure()
        for _ in range(runs):
            for name in stick.fresh:
                shutil.rmtree(cwd / name, ignore_errors=True)
            sample = measure(stick.command, cwd)
            figure.samples.append(sample)
            _report(stick.label, sample)
        figures[stick.key] = figure
    return figures


# ── the machine ──────────────────────────────────────────────────────────────


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    mem_kib = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                    if line.startswith("MemTotal")), 0)
    os_name = platform.platform()
    release = Path("/etc/os-release")
    if release.exists():
        names = dict(line.split("=", 1) for line in release.read_text().splitlines() if "=" in line)
        os_name = f"{names.get('PRETTY_NAME', '').strip(chr(34))}, Linux {platform.release()}"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "site_gen"], cwd=ROOT, capture_output=True,
                           text=True)
    code = commit.stdout.strip() or "?"
    if dirty.stdout.strip():
        code += " with uncommitted changes in site_gen/ (the working tree was being edited)"
    return {"cpu": cpu, "cores": str(os.cpu_count()), "memory": f"{mem_kib / 1024 / 1024:.1f} GiB",
            "os": os_name, "python": platform.python_version(), "code": code}


# ── results ──────────────────────────────────────────────────────────────────


@dataclass
class SizeResult:
    size: int
    corpus: str  # one line describing the seeds
    site_gen: dict[str, Figure]
    site: str  # one line describing the built site
    yardsticks: dict[str, Figure]
    labels: dict[str, str]  # yardstick key -> label

    def ratios(self) -> list[tuple[str, float]]:
        cold = self.site_gen["cold"].median
        out = [(f"site_gen cold ÷ {self.labels[key].split(' (')[0]}", cold / figure.median)
               for key, figure in self.yardsticks.items()]
        out.append(("site_gen no-op ÷ cold", self.site_gen["noop"].median / cold))
        out.append(("site_gen add one ÷ cold", self.site_gen["add"].median / cold))
        return out


def _corpus_line(essays: list[Essay], seeds: Path) -> str:
    han = sum(e.han_count() for e in essays)
    formats = {f: sum(e.format == f for e in essays) for f in ("txt", "md", "html")}
    hant = sum(e.script == "hant" for e in essays)
    size = sum(p.stat().st_size for p in seeds.iterdir()) / MB
    return (f"{len(essays):,} seed files, {size:.1f} MB, {han:,} Han characters of paragraphs; "
            f"{formats['txt']} .txt, {formats['md']} .md, {formats['html']} .html; {hant} in Traditional script")


def _table(rows: list[tuple[str, Figure]]) -> list[str]:
    lines = ["| measurement | wall time, median (min–max) | peak memory |", "|---|---|---|"]
    lines += [f"| {label} | {figure.time_text()} | {figure.peak_mb:.0f} MB |" for label, figure in rows]
    return lines


def _verdict(measured: float | None, limit: float, unit: str, what: str) -> tuple[str, str]:
    """(figure, verdict) for "measured < limit"."""
    if measured is None:
        return "not measured in this run", "—"
    figure = f"{_num(measured) if unit == 's' else f'{measured:.0f}'} {unit} ({what})"
    if measured <= limit:
        return figure, "met"
    gap = measured - limit
    gap_text = _num(gap) if unit == "s" else f"{gap:.0f}"
    return figure, f"not met (gap {gap_text} {unit}, {measured / limit:.1f}× the target)"


def targets(results: dict[int, SizeResult], real: dict[str, Figure] | None) -> list[tuple[str, str, str]]:
    big = results.get(1000)
    rows = []
    if big and "jieba" in big.yardsticks:
        jieba = big.yardsticks["jieba"].median
        figure, verdict = _verdict(big.site_gen["cold"].median, jieba, "s", f"jieba alone {_s(jieba)}")
    else:
        figure, verdict = _verdict(None, 0, "s", "")
    rows.append(("1,000 essays, cold build ≤ jieba alone on one core", figure, verdict))
    real_noop = real["noop"].median if real else None
    rows.append(("real seeds, no-op rebuild < 0.5 s", *_verdict(real_noop, 0.5, "s", "median")))
    rows.append(("1,000 essays, no-op rebuild < 2 s",
                 *_verdict(big.site_gen["noop"].median if big else None, 2.0, "s", "median")))
    if big:
        cold, add = big.site_gen["cold"].median, big.site_gen["add"].median
        figure, verdict = _verdict(add, 0.05 * cold, "s",
                                   f"{add / cold:.1%} of cold {_s(cold)}; 5% is {_s(0.05 * cold)}")
    else:
        figure, verdict = _verdict(None, 0, "s", "")
    rows.append(("1,000 essays, add one seed < 5% of cold", figure, verdict))
    rows.append(("real seeds, cold build from a fresh process < 1.5 s",
                 *_verdict(real["cold"].median if real else None, 1.5, "s", "median")))
    peak = max(f.peak_mb for f in big.site_gen.values()) if big else None
    rows.append(("1,000 essays, peak memory < 500 MB", *_verdict(peak, 500, "MB", "largest of its builds")))
    return rows


def _hot_spots(out: Path) -> str:
    """The hand-written "Hot spots removed" section of an earlier results file, or an empty one."""
    if out.exists():
        text = out.read_text(encoding="utf-8")
        at = text.find(HOT_SPOTS)
        if at >= 0:
            end = text.find("\n## ", at + len(HOT_SPOTS))
            return text[at:] if end < 0 else text[at:end + 1]
    return f"{HOT_SPOTS}\n\n<!-- hot spots -->\n"


def results_markdown(command: str, started: datetime.datetime, seconds: float, info: dict[str, str],
                     loads: tuple[tuple[float, ...], tuple[float, ...]], sizes: list[int], runs: int,
                     results: dict[int, SizeResult], real: dict[str, Figure] | None, real_line: str,
                     versions: list[str], missing: list[str], hot_spots: str) -> str:
    partial = []
    if 1000 not in sizes:
        partial.append("the 1,000-essay size was not run, so its targets are not measured")
    if runs < 3:
        partial.append(f"{runs} run{'s' * (runs != 1)} per figure instead of 3")
    if real is None:
        partial.append("the real seeds were not measured")
    if not any(r.yardsticks for r in results.values()):
        partial.append("no yardsticks")
    lines = ["# Build speed at scale", ""]
    lines.append(f"Produced by `{command}` on {started:%Y-%m-%d %H:%M} UTC; the whole run took {_s(seconds)}.")
    if partial:
        lines += ["", f"**Partial run**: {'; '.join(partial)}. The full run is "
                  "`.venv/bin/python bench/scale.py` (sizes 10, 100, 1,000; 3 runs), in a quiet window."]
    lines += ["", "## Machine", "",
              f"- CPU: {info['cpu']}, {info['cores']} cores; memory {info['memory']}",
              f"- OS: {info['os']}; Python {info['python']}",
              f"- site_gen: commit {info['code']}",
              f"- load average (1, 5, 15 min) at the start {', '.join(f'{x:.2f}' for x in loads[0])}, "
              f"at the end {', '.join(f'{x:.2f}' for x in loads[1])}",
              f"- yardsticks: {'; '.join(versions) if versions else 'none'}"]
    lines += [f"- {line}" for line in missing]
    lines += ["", "## How it is measured", "",
              "Each figure is one whole process, as a user runs it (`python -m site_gen build -q --source SEEDS "
              "--out OUT`, the cache `.site_gen_cache/` beside the seeds; the code is a copy of `site_gen/` taken "
              "when the run starts, since the cache is keyed by the code and the working tree may be edited "
              "meanwhile), started by a fresh helper process that times it with `time.perf_counter` and reads "
              "the peak resident set of it and of the processes it started (`ru_maxrss` of its children). A cold build starts with no cache and no "
              "output folder; *add one* writes a new essay, *edit one* appends a paragraph to one seed, "
              "*remove one* deletes one of the added essays; each is followed by a full build. The corpora "
              "come from `bench/corpus.py`: essays of about 5,000 Han characters recombined from the real "
              "seeds' paragraphs, with their kinds of noise (`&&` gaps, follow prompts, editor credits, share "
              "boxes, page numbers inside cut paragraphs, spam lines), some in Traditional script, some as "
              "Markdown with front matter or saved HTML pages. The yardsticks get the same essays' clean text: "
              "jieba and rjieba segment every line in one process (import and dictionary load included); "
              "Pelican and Hugo build the essays as Markdown from an empty output folder."]
    if real is not None:
        lines += ["", f"## Real seeds ({real_line})", ""]
        lines += _table([(label, real[key]) for key, label in REAL_ROWS])
    for size in sizes:
        result = results[size]
        lines += ["", f"## {size:,} essays", "", f"Corpus: {result.corpus}. Site: {result.site}.", ""]
        rows = [(label, result.site_gen[key]) for key, label in SITE_GEN_ROWS]
        rows += [(result.labels[key], figure) for key, figure in result.yardsticks.items()]
        lines += _table(rows)
        lines += ["", "| ratio (medians) | value |", "|---|---|"]
        lines += [f"| {name} | {_ratio(value)} |" for name, value in result.ratios()]
    lines += ["", "## Targets", "", "| target | figure | verdict |", "|---|---|---|"]
    lines += [f"| {name} | {figure} | {verdict} |" for name, figure, verdict in targets(results, real)]
    lines += ["", hot_spots.rstrip("\n"), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="corpus sizes in essays, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (median and range)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md", help="the results file written")
    parser.add_argument("--quick", action="store_true", help="10 essays, one run")
    parser.add_argument("--no-yardsticks", action="store_true", help="time site_gen only")
    parser.add_argument("--no-real", action="store_true", help="skip the real seeds")
    parser.add_argument("--work", type=Path, help="work folder, kept afterwards (default: a temporary one)")
    args = parser.parse_args(argv)
    sizes = [10] if args.quick else [int(s) for s in args.sizes.replace("_", "").split(",") if s.strip()]
    runs = 1 if args.quick else args.runs
    if not sizes or min(sizes) < 1 or runs < 1:
        parser.error("sizes and runs must be positive")
    shown = [a for a in (argv if argv is not None else sys.argv[1:])]
    command = shlex.join([".venv/bin/python", "bench/scale.py", *shown])
    started = datetime.datetime.now(datetime.timezone.utc)
    clock = time.perf_counter()
    load_start = os.getloadavg()
    info = machine()
    print(f"{info['cpu']}, {info['cores']} cores, {info['memory']}; {info['os']}; Python {info['python']}")
    print(f"site_gen: {info['code']}; load average {load_start[0]:.2f}", flush=True)
    work = args.work or Path(tempfile.mkdtemp(prefix="site_gen_scale."))
    work.mkdir(parents=True, exist_ok=True)
    env, digest = snapshot_code(work)
    info["code"] += f"; measured from a copy taken at the start (digest {digest})"
    versions: list[str] = []
    missing: list[str] = []
    try:
        real, real_line = None, ""
        if not args.no_real:
            base = work / "real"
            seeds = base / "seeds"
            shutil.rmtree(base, ignore_errors=True)
            shutil.copytree(ROOT / "seeds", seeds)
            count = len([p for p in seeds.iterdir() if p.suffix in (".txt", ".md", ".html")])
            print(f"\nreal seeds: {count} files", flush=True)
            real = site_gen_figures(base, runs, [], 9001, env, REAL_ROWS)
            files, megabytes = site_files(base)
            real_line = f"{count} seed files, their sidecars; a site of {files:,} files, {megabytes:.1f} MB"
        results: dict[int, SizeResult] = {}
        for size in sizes:
            base = work / f"essays{size}"
            shutil.rmtree(base, ignore_errors=True)
            essays = write_corpus(base / "seeds", size)
            corpus = _corpus_line(essays, base / "seeds")
            print(f"\n{size:,} essays: {corpus}", flush=True)
            figures = site_gen_figures(base, runs, essays, size + 1, env)
            files, megabytes = site_files(base)
            site = f"{files:,} files, {megabytes:.1f} MB"
            sticks: list[Yardstick] = []
            if not args.no_yardsticks:
                write_yardstick_inputs(base, essays)
                sticks, missing = yardsticks(base)
                versions = [stick.label.split(" (")[0] for stick in sticks]
            yard = yardstick_figures(base, runs, sticks)
            results[size] = SizeResult(size, corpus, figures, site, yard, {s.key: s.label for s in sticks})
            for name, value in results[size].ratios():
                print(f"    {name:<44} {_ratio(value):>9}", flush=True)
    except MeasureError as error:
        print(f"scale: {error}", file=sys.stderr)
        return 1
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    seconds = time.perf_counter() - clock
    text = results_markdown(command, started, seconds, info, (load_start, os.getloadavg()), sizes, runs, results,
                            real, real_line, versions, missing, _hot_spots(args.out))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print("\nTargets")
    for name, figure, verdict in targets(results, real):
        print(f"    {name:<52} {verdict}: {figure}")
    print(f"\nwritten {args.out} in {_s(seconds)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How faithfully site_gen reads real scraped pages: builds them and checks each page's facts.

The pages and their facts (``facts.json``: title, authors, date, first and last body sentence,
headings, sentences that must survive, page chrome that must not) live outside the project, in
``../shared/scrapes/`` by default: they are other people's articles, so they are copied only into a
temporary folder for the build, never into the project.

    .venv/bin/python bench/fidelity.py [--scrapes DIR] [--compare-trafilatura] [--verbose]

Prints one row per page (checks held / checks made, and what failed with --verbose) and the
share of all checks that hold. With ``--compare-trafilatura`` it also scores trafilatura
(untuned, precision mode) on the same pages with the same checks, as a yardstick.

Texts are compared after NFKC folding (so half- and full-width punctuation compare equal),
with white space, Markdown bold markers and quote-mark styles ignored.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_SCRAPES = PROJECT.parent / "shared" / "scrapes"
# Tags whose text is an annotation over the reading text (pinyin, popups), not the text itself.
ANNOTATION_SELECTORS = ("rt", "rp", "[role=tooltip]", ".gap-note", "script", "template")


def norm(text: str) -> str:
    """Text as compared: NFKC, no white space, no ``**``, one style of double and single quotes."""
    text = unicodedata.normalize("NFKC", text or "").replace("**", "")
    text = re.sub(r"[\s\u200b\ufeff]+", "", text)
    return text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))


@dataclass
class Reading:
    """What a reader gets from one page: head fields and the body's blocks, in order."""

    title: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""
    paragraphs: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    body: str = ""  # every body block, joined
    everything: str = ""  # all a reader sees of the page, head and notes included
    essays: int = 0


@dataclass
class Score:
    file: str
    held: int = 0
    made: int = 0
    missed: list[str] = field(default_factory=list)  # what failed, with what a reader got instead
    missed_keys: list[str] = field(default_factory=list)  # which facts failed: "title", "chrome:责任编辑"…

    def check(self, ok: bool, what: str, key: str) -> None:
        self.made += 1
        self.held += bool(ok)
        if not ok:
            self.missed.append(what)
            self.missed_keys.append(key)


def score(facts: dict, reading: Reading) -> Score:
    """Every check of one page's facts against what a reader gets."""
    result = Score(facts["file"])
    if not reading.essays:  # nothing published: no check holds, not even "the chrome is gone"
        result.made = 5 + sum(len(facts[key]) for key in ("headings", "must_keep", "debris"))
        result.missed.append("no essay published")
        result.missed_keys.append("published")
        return result
    short = lambda s: s if len(s) <= 30 else s[:28] + "…"  # noqa: E731
    result.check(norm(reading.title) == norm(facts["title"]), f"title {reading.title!r}", "title")
    result.check(sorted(map(norm, reading.authors)) == sorted(map(norm, facts["authors"])),
                 f"authors {list(reading.authors)}", "authors")
    result.check(reading.date == (facts["date"] or ""), f"date {reading.date!r}", "date")
    first = reading.paragraphs[0] if reading.paragraphs else ""
    last = reading.paragraphs[-1] if reading.paragraphs else ""
    result.check(norm(first).startswith(norm(facts["first"])), f"first paragraph {short(first)!r}", "first")
    result.check(norm(last).endswith(norm(facts["last"])), f"last paragraph …{last[-30:]!r}", "last")
    headings = [norm(h) for h in reading.headings]
    for heading in facts["headings"]:
        result.check(any(norm(heading) in h for h in headings), f"heading {short(heading)!r}", f"heading:{heading}")
    body = norm(reading.body)
    for sentence in facts["must_keep"]:
        result.check(norm(sentence) in body, f"kept {short(sentence)!r}", f"kept:{sentence}")
    everything = norm(reading.everything)
    for debris in facts["debris"]:
        result.check(norm(debris) not in everything, f"chrome {short(debris)!r}", f"chrome:{debris}")
    return result


# ── site_gen ─────────────────────────────────────────────────────────────────


def _visible_text(node) -> str:
    """A node's reading text: annotations (pinyin, popups, gap notes) removed."""
    from copy import copy

    node = copy(node)
    for selector in ANNOTATION_SELECTORS:
        for hidden in node.select(selector):
            hidden.decompose()
    return node.get_text("")


def read_essay_page(path: Path) -> tuple[str, list[tuple[str, str]], str]:
    """An essay page's title, body blocks as (kind, text), and all the article's text."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.essay")
    title = _visible_text(article.select_one("h1"))
    blocks: list[tuple[str, str]] = []
    for node in article.find_all(["h2", "h3", "h4", "p"]):
        if node.find_parent(["header", "footer", "figure", "aside"]):
            continue
        kind = "heading" if node.name != "p" else "paragraph"
        blocks.append((kind, _visible_text(node)))
    return title, blocks, _visible_text(article)


def site_gen_readings(pages: list[dict], scrapes: Path, work: Path) -> tuple[dict[str, Reading], str]:
    """Build every page in one folder with site_gen; what a reader gets of each, and the build's output."""
    seeds = work / "seeds"
    seeds.mkdir()
    for facts in pages:
        shutil.copyfile(scrapes / facts["file"], seeds / facts["file"])
    run = subprocess.run([sys.executable, "-m", "site_gen", "build", "--source", str(seeds),
                          "--out", str(work / "site"), "--clean"],
                         cwd=work, capture_output=True, text=True)
    log = (run.stdout + run.stderr).strip()
    index = work / "site" / "essays.json"
    essays = json.loads(index.read_text(encoding="utf-8")) if index.exists() else []
    readings: dict[str, Reading] = {}
    for facts in pages:
        edition = "hant" if facts.get("script", "").startswith("Trad") else "hans"
        own = [essay for essay in essays if essay["source"] == facts["file"]]
        reading = Reading(essays=len(own))
        everything = []
        for n, essay in enumerate(own):
            title, blocks, text = read_essay_page(work / "site" / essay["urls"][edition])
            if n == 0:
                reading.title, reading.authors, reading.date = title, tuple(essay["authors"]), essay["date"]
            reading.paragraphs += [text for kind, text in blocks if kind == "paragraph" and text.strip()]
            reading.headings += [text for kind, text in blocks if kind == "heading"]
            reading.body += "\n".join(text for _, text in blocks) + "\n"
            everything.append(text)
        reading.everything = "\n".join(everything)
        readings[facts["file"]] = reading
    return readings, log


# ── trafilatura, as a yardstick ──────────────────────────────────────────────


def trafilatura_reading(path: Path) -> Reading:
    """What trafilatura (untuned, precision mode) makes of one page, read as the same checks read site_gen."""
    import trafilatura
    from charset_normalizer import from_bytes

    data = path.read_bytes()
    best = from_bytes(data).best()
    text = str(best) if best is not None else data.decode("utf-8", "replace")
    if not re.search(r"<(?:html|body|p|div)\b", text, re.IGNORECASE):
        # Text and Markdown scrapes: trafilatura reads HTML, so give it a paragraph per line.
        from html import escape

        text = "<html><body>" + "".join(f"<p>{escape(line)}</p>" for line in text.split("\n") if line.strip()) + \
            "</body></html>"
    doc = trafilatura.bare_extraction(text, favor_precision=True, include_comments=False,
                                      output_format="python", with_metadata=True)
    if doc is None:
        return Reading()
    doc = doc if isinstance(doc, dict) else doc.as_dict()
    body = doc.get("text") or ""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    authors = tuple(a.strip() for a in re.split(r"[;,；，、]", doc.get("author") or "") if a.strip())
    return Reading(title=doc.get("title") or "", authors=authors, date=(doc.get("date") or "")[:10],
                   paragraphs=lines, headings=lines, body=body,
                   everything="\n".join([doc.get("title") or "", doc.get("author") or "", body]), essays=1)


# ── report ───────────────────────────────────────────────────────────────────


def print_table(name: str, scores: list[Score], verbose: bool, extra: dict[str, str] | None = None) -> float:
    """One row per page and the share of checks that hold; returns that share."""
    print(f"\n{name}")
    width = max(len(s.file) for s in scores)
    for s in scores:
        note = f"  {extra[s.file]}" if extra and s.file in extra else ""
        print(f"  {s.file:<{width}}  {s.held:3d}/{s.made:<3d} {100 * s.held / max(s.made, 1):5.1f}%{note}")
        if verbose:
            for miss in s.missed:
                print(f"      ✗ {miss}")
    held, made = sum(s.held for s in scores), sum(s.made for s in scores)
    share = 100 * held / max(made, 1)
    print(f"  {'all pages':<{width}}  {held:3d}/{made:<3d} {share:5.1f}%")
    return share


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scrapes", type=Path, default=DEFAULT_SCRAPES, help="folder with the pages and facts.json")
    parser.add_argument("--only", nargs="*", default=(), help="score only pages whose file name contains one of these")
    parser.add_argument("--compare-trafilatura", action="store_true", help="also score trafilatura on the same pages")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every check that fails")
    args = parser.parse_args(argv)
    facts_path = args.scrapes / "facts.json"
    if not facts_path.exists():
        print(f"fidelity: no facts.json in {args.scrapes}; the scraped pages are not on this machine")
        return 2
    pages = json.loads(facts_path.read_text(encoding="utf-8"))
    if args.only:
        pages = [p for p in pages if any(part in p["file"] for part in args.only)]
    with tempfile.TemporaryDirectory(prefix="site_gen_fidelity_") as tmp:
        readings, log = site_gen_readings(pages, args.scrapes, Path(tmp))
    if args.verbose and log:
        print("site-gen build said:\n  " + log.replace("\n", "\n  "))
    essays = {f: f"{r.essays} essays" for f, r in readings.items() if r.essays != 1}
    print_table("site_gen", [score(p, readings[p["file"]]) for p in pages], args.verbose, essays)
    if args.compare_trafilatura:
        print_table("trafilatura (untuned, favor_precision)",
                    [score(p, trafilatura_reading(args.scrapes / p["file"])) for p in pages], args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How often a polyphonic character is read right in its sentence: the project, pypinyin alone and g2pM.

    .venv/bin/python bench/polyphones.py [--data ../shared/polyphones] [--limit N] [--out bench/POLYPHONES.md]

The data is the development split of the public CPP benchmark (Park & Lee, Interspeech 2020),
read in place and never copied: each line of ``cpp_dev.sent`` is a sentence with one polyphonic
character between two U+2581 marks, the same line of ``cpp_dev.lb`` its reading in numbered
pinyin (``le5``, ``lu:4``). Each system reads the whole sentence and is scored on that character:

- **site_gen**: what the pages show, ``site_gen.pinyin.reading_in_context``: the sentence cut
  into words as the annotate stage cuts it, each character read by the checked readings, pypinyin's
  phrase data or the context model, in that order (the sentences are given to the model at once,
  as the build gives it an essay's);
- **site_gen, words read alone**: each word read as a whole out of its sentence, as the pages did
  before the context model (pypinyin's phrase data and the checked overrides);
- **pypinyin**: ``pypinyin.pinyin`` over the whole sentence (its own phrase matching);
- **g2pM**: the neural model of the benchmark's authors, one sentence per call, as its package runs.

It prints the accuracy of each with the number scored and the seconds taken, and writes them to
``--out`` with the machine and the date.
"""

from __future__ import annotations

import argparse
import datetime
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "polyphones"
MARK = "\u2581"


def load_cases(folder: Path, limit: int | None = None) -> list[tuple[str, int, str]]:
    """(sentence without the marks, index of the polyphonic character, its reading as numbered pinyin)."""
    sentences = (folder / "cpp_dev.sent").read_text(encoding="utf-8").splitlines()
    labels = (folder / "cpp_dev.lb").read_text(encoding="utf-8").splitlines()
    cases = []
    for marked, label in zip(sentences, labels, strict=True):
        at = marked.index(MARK)
        cases.append((marked.replace(MARK, ""), at, normal(label)))
    return cases[:limit] if limit else cases


def normal(reading: str) -> str:
    """A numbered reading as the benchmark writes it: ü as ``u:`` (pypinyin writes ``v``), lower case."""
    return reading.strip().lower().replace("v", "u:").replace("ü", "u:")


def numbered(syllable: str) -> str:
    """A tone-marked syllable (``lǜ``, ``de``) as numbered pinyin (``lu:4``, ``de5``)."""
    from pypinyin.contrib.tone_convert import to_tone3

    return normal(to_tone3(syllable, neutral_tone_with_five=True))


def syllables_of(word: str, reading: str) -> list[str] | None:
    """A word's reading split into one syllable per character (``site_gen.pinyin.split_syllables``)."""
    from site_gen.pinyin import split_syllables

    return split_syllables(word, reading)


def site_gen_reader(cases: list[tuple[str, int, str]]) -> Callable[[str, int], str]:
    """The project's reading of the character at an index, as its pages read it."""
    from site_gen.pinyin import _default_reader, reading_in_context

    _default_reader().readings.prepare(sentence for sentence, _, _ in cases)

    def read(sentence: str, at: int) -> str:
        reading = reading_in_context(sentence, at)
        return numbered(reading) if reading else ""

    return read


def word_reader() -> Callable[[str, int], str]:
    """Each word read alone, out of its sentence (the pages' readings before the context model)."""
    from site_gen.annotate import make_segmenter
    from site_gen.config import PACKAGE_DATA
    from site_gen.glossary.file import load_glossary
    from site_gen.pinyin import Readings

    glossary = load_glossary(PACKAGE_DATA / "glossary.toml")
    segmenter = make_segmenter({word for term in glossary.terms for word in (term.headword, *term.aliases)})
    readings = Readings()

    def read(sentence: str, at: int) -> str:
        start = 0
        for word in segmenter.cut(sentence, HMM=False):
            if start <= at < start + len(word):
                split = syllables_of(word, readings.word(word)) if len(word) > 1 else [readings.word(word)]
                if not split:
                    return ""
                return numbered(split[at - start])
            start += len(word)
        return ""

    return read


def pypinyin_reader() -> Callable[[str, int], str]:
    from pypinyin import Style, pinyin

    def read(sentence: str, at: int) -> str:
        syllables = pinyin(sentence, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda x: [[c] for c in x])
        return normal(syllables[at][0])

    return read


def g2pm_reader() -> Callable[[str, int], str]:
    from g2pM import G2pM

    model = G2pM()

    def read(sentence: str, at: int) -> str:
        return normal(model(sentence, tone=True, char_split=True)[at])

    return read


def score(read: Callable[[str, int], str], cases: list[tuple[str, int, str]]) -> tuple[int, float]:
    """How many cases ``read`` gets right, and the seconds it took."""
    started = time.perf_counter()
    right = sum(read(sentence, at) == label for sentence, at, label in cases)
    return right, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with cpp_dev.sent and cpp_dev.lb")
    parser.add_argument("--limit", type=int, help="score only the first N sentences")
    parser.add_argument("--out", type=Path, help="also write the results as Markdown to this file")
    args = parser.parse_args(argv)
    if not (args.data / "cpp_dev.sent").is_file():
        print(f"the CPP development split is not at {args.data} (it is read in place, never copied)", file=sys.stderr)
        return 2
    cases = load_cases(args.data, args.limit)
    systems = {"site_gen (reading_in_context)": lambda: site_gen_reader(cases),
               "site_gen, each word read alone (the pages before the context model)": word_reader,
               "pypinyin alone (whole sentence)": pypinyin_reader,
               "g2pM (its package, a sentence per call)": g2pm_reader}
    rows = []
    for name, make in systems.items():
        started = time.perf_counter()
        read = make()
        setup = time.perf_counter() - started
        right, seconds = score(read, cases)
        seconds += setup
        rows.append(f"| {name} | {right / len(cases):.2%} | {right:,} of {len(cases):,} | {seconds:.1f} s |")
        print(rows[-1], flush=True)
    if args.out:
        when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        text = (f"# Polyphones read in context\n\n`.venv/bin/python bench/polyphones.py` on {when}: the CPP "
                f"development split ({len(cases):,} sentences), {platform.processor() or platform.machine()}, "
                f"Python {platform.python_version()}.\n\n| system | accuracy | right | time |\n|---|---|---|---|\n"
                + "\n".join(rows) + "\n")
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

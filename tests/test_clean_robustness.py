"""The same scrape saved another way reads the same: line ends, a BOM, indentation, one HTML page, a second pass.

Scrapers differ in how they save a page, not in what the page says. Every fixture and seed is fed
through clean + structure as saved, and again in each variant below; the essays a reader sees (their
titles, body text and notes) must not change.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from site_gen.clean import clean
from site_gen.read.ingest import read_source
from site_gen.model import reading_text
from site_gen.structure import structure

TESTS = Path(__file__).parent
FIXTURES = sorted((TESTS / "fixtures" / "scrapes").glob("*.txt")) + sorted((TESTS / "fixtures" / "structure").glob("*.txt"))
SEEDS = sorted((TESTS.parent / "seeds").glob("*.txt"))
ALL = FIXTURES + SEEDS


def copy_of(path: Path, text: str, folder: Path, encoding: str = "utf-8", sidecar: bool = True) -> Path:
    """The scrape saved under ``folder`` as ``text``, with the seed's sidecar beside it when it has one."""
    copy = folder / path.name
    copy.write_bytes(text.encode(encoding))
    if sidecar and path.with_suffix(".toml").exists():
        copy.with_suffix(".toml").write_bytes(path.with_suffix(".toml").read_bytes())
    return copy


def essays_of(path: Path):
    return structure(clean(read_source(path)))


def reading(essays) -> list[str]:
    """Each essay as a reader meets it: title, body and notes, with spacing ignored (spacing is layout)."""
    def squeeze(text: str) -> str:
        return re.sub(r"\s+", "", reading_text(text))

    return [squeeze(essay.title + "".join(block.text for block in essay.all_blocks())
                    + essay.author_note + essay.source_note + "".join(essay.credits)) for essay in essays]


def with_crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def with_bom(text: str) -> str:
    return "\ufeff" + text


def reindented(text: str) -> str:
    """Leading spaces and tabs of every line changed (some added, some removed), trailing spaces added."""
    lines = text.split("\n")
    return "\n".join(("\u3000\u3000" if index % 2 else "  ") + line.strip() + ("  " if index % 3 else "\t")
                     if line.strip() else line for index, line in enumerate(lines))


def as_html_page(text: str) -> str:
    """The text as one HTML page, a ``<p>`` per line, as a scraper saving the page's DOM writes it.

    Line numbers stay where they were, so a seed's errata still point at their lines.
    """
    lines = [f"<p>{html.escape(line.strip(), quote=False)}</p>" if line.strip() else "" for line in text.split("\n")]
    return "<html><head><title>page</title></head><body><div class=\"article\">" + "\n".join(lines) + "</div></body></html>\n"


VARIANTS = {"crlf": (with_crlf, "utf-8"), "bom": (with_bom, "utf-8"), "reindented": (reindented, "utf-8")}


def _is_plain_text(text: str) -> bool:
    """A scrape with no markup of its own: one HTML page made of its lines must read the same."""
    return "<" not in text and not text.lstrip().startswith(("---", "#")) and "](" not in text and "\n#" not in text


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("path", ALL, ids=lambda path: path.stem)
def test_a_scrape_saved_another_way_reads_the_same(path, variant, tmp_path):
    change, encoding = VARIANTS[variant]
    copy = copy_of(path, change(path.read_text(encoding="utf-8")), tmp_path, encoding)
    assert reading(essays_of(copy)) == reading(essays_of(path))


@pytest.mark.parametrize("path", [path for path in ALL if _is_plain_text(path.read_text(encoding="utf-8"))],
                         ids=lambda path: path.stem)
def test_a_plain_scrape_saved_as_one_html_page_reads_the_same(path, tmp_path):
    copy = copy_of(path, as_html_page(path.read_text(encoding="utf-8")), tmp_path)
    assert reading(essays_of(copy)) == reading(essays_of(path))


@pytest.mark.parametrize("path", ALL, ids=lambda path: path.stem)
def test_cleaning_the_cleaned_text_again_reads_the_same(path, tmp_path):
    first = clean(read_source(path))
    # The marks of lost and restored words are the cleaner's own; a second pass reads them as plain text,
    # with the restored words already in it (so without the errata that restored them).
    text = "\n\n".join(reading_text(line.text) for line in first.lines) + "\n"
    copy = copy_of(path, text, tmp_path, sidecar=False)
    again = clean(read_source(copy))
    assert [reading_text(line.text) for line in again.lines] == [reading_text(line.text) for line in first.lines]
    assert reading(structure(again)) == reading(structure(first))


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.stem)
def test_a_seed_saved_as_an_html_page_reads_as_the_seed_does(path, tmp_path):
    """The block reader and classifier give the same essays as the line rules on the seeds' own text."""
    copy = tmp_path / (path.stem + ".html")
    copy.write_text(as_html_page(path.read_text(encoding="utf-8")), encoding="utf-8")
    if path.with_suffix(".toml").exists():
        copy.with_suffix(".toml").write_bytes(path.with_suffix(".toml").read_bytes())
    assert reading(essays_of(copy)) == reading(essays_of(path))

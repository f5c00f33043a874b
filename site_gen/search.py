"""The site's search index: Pagefind, fed a search copy of each page that it cannot mis-segment.

Pagefind builds a static index that the page's script (``static/search.js``) loads in
small pieces, so search needs no server of its own and asks no other host. It reads the
regions the templates mark ``data-pagefind-body``: the essay, a term's page, the glossary.

Pagefind cuts Chinese into words with jieba when it builds the index, but the browser cuts
the reader's query with its own dictionary (``Intl.Segmenter``), and the two disagree: 生產力
is one word to the browser and 生產 + 力 to jieba, so that query found nothing; and a query
cut into single characters (新 质 生产 力) matched every page holding those characters
anywhere, so 新质生产力 found every page. So the index is built from a copy of each page in
which every Han character is a word of its own, and search.js looks for the query's
characters as an exact phrase: any run of characters is found exactly where it stands,
whatever a segmenter would say. The copy goes to Pagefind only; the published page is as
rendered.

The copy also carries, after the first use of each glossary term in an essay, the term's
pinyin and English (``⦅xīnzhì shēngchǎnlì · new quality productive forces⦆``), so a search
for ``xinzhi`` or "productive forces" finds the essays that use the term and lands on that
paragraph; search.js shows such a gloss only when the hit is in it. A term's page carries a
word for each of its names (headword, pinyin with and without spaces, English, aliases), so
a query that names a term puts the term's page first.

Each edition gets its own index (``pagefind/hans/``, ``pagefind/hant/``): a reader searches
the page's own script first and the other when that finds nothing. (Pagefind's filters
would do the same in one index, but it writes them in a different order on every build.)

Pagefind indexes a whole folder at a time, and at a thousand essays that took 16 s and
1.5 GB per edition on every build. So each edition's index is in shards (``urls.py``): the
glossary and term pages in ``site/``, the essays spread over ``e0/``, ``e1/``, … by a hash
of their slug, about 64 to a shard. Each shard is a Pagefind bundle of its own, kept in the
build cache by the digest of its pages' copies, so a build runs Pagefind only on the shards
whose indexed text changed; search.js loads ``site/`` and merges the essays' bundles into it
(Pagefind's ``mergeIndex``), so a search covers them all. A copy holds only what Pagefind
reads (the marked regions, without the parts it is told to skip, and the attributes it
looks at), so a new essay that changes its neighbours' links, other essays' lists of
related reading or the term pages' lists of essays leaves their copies, and their shards'
indexes, as they were.

The index is written by Pagefind's command-line program, found through its Python package
(``pagefind[extended]``): the package's service API stops the program as soon as it reports
the files written, and on a busy machine ``pagefind.js`` came out cut short.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

from .errors import BuildError
from .model import EDITIONS
from .render import urls
from .render.labels import in_script

# Every character Unicode counts as Han script (JavaScript's \p{Script=Han}); search.js
# spaces the reader's query with the same ranges, so index and query always agree.
HAN_RANGES = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9"
    "\U00016fe2\U00016fe3\U00016ff0\U00016ff1\U00020000-\U0003134f"
)
_HAN = re.compile(f"([{HAN_RANGES}])")
_TAG = re.compile(r"(<[^>]*>)")
_TERM = re.compile(r'<span class="term" data-term="([^"]*)">')
_FIRST_H1_END = re.compile(r"</h1>")
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)

# Brackets around what the copy adds to a page (a term's gloss, a term page's names);
# search.js hides such text unless the reader's hit is inside it.
GLOSS_OPEN, GLOSS_CLOSE = "\u2985", "\u2986"  # ⦅ ⦆

# What Pagefind must not read inside the marked regions: pinyin above the words, popups,
# the reading controls, and on term and glossary pages the parts that repeat other pages
# (sentences quoted from essays, the titles of further essays using the term, related terms,
# the term's facts, how often each term is used, links to the other script, the table head).
EXCLUDE = (
    "rt", "rp", "[role=tooltip]", "script", "style", "template", "noscript",
    ".controls", ".visually-hidden", ".crumbs", ".switch-line", ".filter",
    ".occurrence-essay", ".occurrences", ".more-uses", ".further-head", ".further-essays",
    ".term-page .term-list", ".term-page h2", ".facts", ".use-count", "thead",
)

# The parts of EXCLUDE the copy leaves out itself (a class, or an element always closed in
# the pages); the others (``rt``, compound selectors) are left to Pagefind.
_EXCLUDED_CLASSES = frozenset(s[1:] for s in EXCLUDE if re.fullmatch(r"\.[\w-]+", s))
_EXCLUDED_TAGS = frozenset(s for s in EXCLUDE if s.isalpha()) - {"rt", "rp"}
_TAG_NAME = re.compile(r"</?([A-Za-z][\w-]*)")
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang=\"([^\"]*)\"")
# Attributes Pagefind reads, besides its own data-pagefind-* and those its meta names in [brackets].
# (``data-term`` is the copy's own: search_copy puts the term's gloss after it.)
_READ_ATTRIBUTES = frozenset({"id", "lang", "class", "role", "alt", "src", "data-term"})
# A word's ruby element and the reading in it (``<rt>`` left open before ``</ruby>``, as the pages write it).
_RUBY_READINGS = re.compile(r"<r[tp]>[^<]*(?:</r[tp]>)?|</?ruby\b[^>]*>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"})

# Files of Pagefind's own search interfaces: the site has its own (search.js), so they are not published.
UNUSED = re.compile(r"^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$|^playground/")

# Longest the program may take; the whole corpus takes about a second.
TIMEOUT = 300


def spaced(text: str) -> str:
    """``text`` with a space each side of every Han character, so each is a word of its own."""
    # Splitting on the captured character and joining with spaces gives the same text as
    # substituting " \1 ", several times faster (the whole site's text goes through here).
    return " ".join(_HAN.split(text))


def search_key(text: str) -> str:
    """A name as search.js compares it with a query: no tone marks, lower case, single spaces."""
    decomposed = unicodedata.normalize("NFD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def name_word(text: str) -> str:
    """The one word that stands for a name in the index (search.js's nameWord): ``qn`` and the
    FNV-1a hash of its search key's UTF-8 bytes, so any name, in any script, is one Latin word."""
    value = 0x811C9DC5
    for byte in search_key(text).encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"qn{value:08x}"


def term_names(term, edition) -> list[str]:
    """What a reader may type to mean ``term`` on an ``edition`` page, as search keys."""
    forms = [term.traditional if edition == "hant" else term.headword]
    forms += [in_script(alias, edition) for alias in term.aliases]
    pinyin = search_key(term.pinyin)
    forms += [pinyin, pinyin.replace(" ", "").replace("-", ""), term.english]
    return list(dict.fromkeys(search_key(form) for form in forms))


def term_glosses(glossary) -> dict[str, str]:
    """Each term's gloss by headword: ``⦅xīnzhì shēngchǎnlì · new quality productive forces⦆``."""
    return {term.headword: f"{GLOSS_OPEN}{term.pinyin} · {term.english}{GLOSS_CLOSE}" for term in glossary.terms}


@lru_cache(maxsize=1 << 16)
def _tag(tag: str) -> tuple[str, bool, bool, bool, str] | None:
    """What ``indexed_html`` needs of one tag: its name, whether it closes an element, whether it
    opens one (not a void element), whether Pagefind is told to skip that element, and the tag
    with only the attributes Pagefind reads (a link's address or a popup's data change with the
    corpus; the copy must not). None for a comment or a doctype. Remembered per tag text: a
    site's pages repeat their tags."""
    name_match = _TAG_NAME.match(tag)
    if name_match is None:
        return None
    name, closing = name_match.group(1).lower(), tag.startswith("</")
    if closing:
        return name, True, False, False, tag
    opens = name not in _VOID and not tag.endswith("/>")
    attributes = [(m.group(1), m.group(0)) for m in _ATTRIBUTE.finditer(tag[name_match.end():].rstrip(">/"))]
    named = set()
    classes: list[str] = []
    for key, written in attributes:
        if key == "data-pagefind-meta":
            named.update(re.findall(r"\[([^\]]+)\]", written))
        elif key == "class":
            classes = written.partition("=")[2].strip("\"'").split()
    excluded = name in _EXCLUDED_TAGS or not _EXCLUDED_CLASSES.isdisjoint(classes)
    kept = [written for key, written in attributes
            if key in _READ_ATTRIBUTES or key.startswith("data-pagefind") or key in named]
    return name, False, opens, excluded, f"<{name_match.group(1)}{''.join(' ' + written for written in kept)}>"


def indexed_html(page: str) -> str:
    """The page reduced to what Pagefind indexes: each ``data-pagefind-body`` region, without the
    elements EXCLUDE names as a class or a tag, its tags keeping only the attributes Pagefind
    reads. A page without such a region (or one left unclosed) is kept whole, its scripts removed.

    An element's end is found by counting its own tag name's openings and closings, so the
    regions and skipped elements must close their tags (the templates' always do).
    """
    # The readings above the words go first, in one pass: they are most of a page's tags.
    page = _RUBY_READINGS.sub("", page)
    first = page.find("data-pagefind-body")
    first = page.rfind("<", 0, first) if first >= 0 else -1
    if first < 0:
        return _SCRIPT.sub("", page)
    parts = _TAG.split(page[first:])  # text, tag, text, tag, ...
    kept: list[str] = []
    body: list | None = None  # [tag name, depth] of the region being copied
    skipped: list | None = None  # [tag name, depth] of an element being left out
    closed_any = False
    for i, part in enumerate(parts):
        if i % 2 == 0:
            if body and not skipped and part:
                # Blank runs between tags as one line break: how many elements were left out
                # between two kept ones must not change the copy.
                if not part.isspace():
                    kept.append(part)
                elif kept[-1] != "\n":
                    kept.append("\n")
            continue
        tag = _tag(part)
        if tag is None:
            continue
        name, closing, opens, excluded, reduced = tag
        if body is None:
            if opens and "data-pagefind-body" in part:
                body = [name, 1]
                kept.append(reduced)
            continue
        if skipped is not None:
            if name == skipped[0]:
                skipped[1] += -1 if closing else int(opens)
                if skipped[1] == 0:
                    skipped = None
            continue
        if excluded:
            if opens:
                skipped = [name, 1]
            continue
        if name == body[0]:
            body[1] += -1 if closing else int(opens)
        kept.append(reduced)
        if body[1] == 0:
            body, closed_any = None, True
    if not closed_any or body is not None:
        return _SCRIPT.sub("", page)
    lang = _HTML_LANG.search(page, 0, first)
    head = f'<!DOCTYPE html><html lang="{lang.group(1)}">' if lang else "<!DOCTYPE html><html>"
    return f'{head}<head><meta charset="utf-8"></head><body>{"".join(kept)}</body></html>'


def search_copy(page: str, glosses: dict[str, str], names: list[str] = ()) -> str:
    """The page as Pagefind reads it: what it indexes (``indexed_html``), with Han characters
    spaced in text (never in tags), the gloss of each glossary term after its first use
    (``glosses``: data-term -> gloss), footers as plain blocks, and for a term's page the
    words of its ``names`` at the end of its heading."""
    # Only the indexed regions, without the readings above the words: an essay's page data is
    # over half its bytes, and Pagefind's time grows with the bytes it parses.
    page = indexed_html(page)
    parts = _TAG.split(page)  # text, tag, text, tag, ...
    seen: set[str] = set()
    depth, closing = 0, {}  # open spans; the gloss to add when the span at a depth closes
    for i, part in enumerate(parts):
        if i % 2 == 0:
            parts[i] = spaced(part)
        elif part.startswith("<span"):
            depth += 1
            term = _TERM.fullmatch(part)
            if term:
                headword = html.unescape(term.group(1))
                if headword in glosses and headword not in seen:
                    seen.add(headword)
                    closing[depth] = f" {html.escape(glosses[headword])} "
        elif part == "</span>":
            parts[i] = part + closing.pop(depth, "")
            depth -= 1
        elif part.startswith("<footer") or part == "</footer>":
            # Pagefind skips a <footer>; an essay's (the author's note, credits) is its own text.
            parts[i] = part.replace("footer", "div", 1)
    copy = "".join(parts)
    if names:
        words = " ".join(dict.fromkeys(name_word(name) for name in names))
        copy = _FIRST_H1_END.sub(f" {GLOSS_OPEN}{words}{GLOSS_CLOSE}</h1>", copy, count=1)
    return copy


class CopyStore:
    """The search copies and shard indexes of the last build, kept in the build cache.

    A copy is kept by the digest of what it was made from (the page's bytes, the glossary's
    glosses, the term's names) and the digest of its own text, both in its file name
    (``copies/PAGE.TEXT.html``), so a rebuild makes copies only of the pages that changed. A
    shard's Pagefind output is kept by the digests of its copies' texts and paths, so a rebuild
    runs Pagefind only on the shards whose indexed text changed, however many links did. What
    this build did not ask for is removed at the end.

    Without a folder (or one that cannot be written) the copies are made in ``scratch`` and
    every shard is indexed afresh.
    """

    def __init__(self, folder: Path | None, glosses: dict[str, str], scratch: Path) -> None:
        self.folder, self.glosses, self.scratch = folder, glosses, scratch
        from .cache import code_fingerprint

        self._base = hashlib.sha256(f"{code_fingerprint()}{sorted(glosses.items())!r}".encode()).digest()
        self._used: set[str] = set()
        self._copies: dict[str, str] = {}  # page digest -> the kept copy's file name
        if folder is not None and (folder / "copies").is_dir():
            for name in os.listdir(folder / "copies"):
                page_digest, _, rest = name.partition(".")
                if rest.count(".") == 1 and rest.endswith(".html"):
                    self._copies[page_digest] = name

    def digest(self, page: bytes, names: list[str]) -> str:
        """What the search copy of ``page`` (a term page's ``names``) is kept by."""
        return hashlib.sha256(self._base + repr(names).encode() + page).hexdigest()

    def copy(self, page: bytes, names: list[str], digest: str) -> tuple[str, Path]:
        """The digest of the text of ``page``'s search copy and the file that holds it: the kept
        one, else made now (``digest``: as ``digest`` gives it)."""
        if self.folder is not None:
            name = self._copies.get(digest)
            if name is not None:
                self._used.add(f"copies/{name}")
                return name.split(".")[1], self.folder / "copies" / name
        text = search_copy(page.decode("utf-8"), self.glosses, names).encode("utf-8")
        text_digest = hashlib.sha256(text).hexdigest()
        if self.folder is not None:
            name = f"{digest}.{text_digest}.html"
            kept = self.folder / "copies" / name
            try:
                kept.parent.mkdir(parents=True, exist_ok=True)
                partial = kept.with_suffix(f".{os.getpid()}.tmp")
                partial.write_bytes(text)
                partial.replace(kept)
                self._copies[digest] = name
                self._used.add(f"copies/{name}")
                return text_digest, kept
            except OSError:
                self.folder = None  # unwritable: make copies in the scratch folder
        made = self.scratch / "made" / f"{digest}.html"
        made.parent.mkdir(parents=True, exist_ok=True)
        made.write_bytes(text)
        return text_digest, made

    @staticmethod
    def place(copy: Path, at: Path) -> None:
        """Put the copy ``copy`` where Pagefind will read it as the page ``at``."""
        at.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(copy, at)
        except OSError:  # the cache on another file system than the site
            shutil.copyfile(copy, at)

    def index(self, members: list[tuple[str, str]], make: Callable[[Path], None]) -> Path:
        """The folder of Pagefind's output for a shard of ``members`` (site path, copy text
        digest): the kept one when a build indexed the same copies before, else made by
        ``make(folder)`` and kept."""
        key = hashlib.sha256(repr((pagefind_version(), EXCLUDE, sorted(members))).encode()).hexdigest()
        if self.folder is not None:
            kept = self.folder / "indexes" / key
            self._used.add(f"indexes/{key}")
            if (kept / "pagefind.js").is_file():
                return kept
        out = self.scratch / f"index-{key}"
        make(out)
        if self.folder is not None:
            try:
                kept.parent.mkdir(parents=True, exist_ok=True)
                partial = kept.parent / f".{key}.{os.getpid()}.tmp"
                shutil.copytree(out, partial)
                partial.replace(kept)
            except OSError:
                shutil.rmtree(kept.parent / f".{key}.{os.getpid()}.tmp", ignore_errors=True)
        return out

    def prune(self) -> None:
        if self.folder is None:
            return
        for kind in ("copies", "indexes"):
            folder = self.folder / kind
            if not folder.is_dir():
                continue
            for kept in folder.iterdir():
                if f"{kind}/{kept.name}" not in self._used:
                    if kept.is_dir():
                        shutil.rmtree(kept, ignore_errors=True)
                    else:
                        kept.unlink(missing_ok=True)


def write_search_index(root: Path, glossary, writer, store: Path | None = None, essays: int | None = None,
                       programs: int = 0) -> None:
    """Index the pages under ``root`` and write each edition's index through ``writer`` into
    ``pagefind/<edition>/<shard>/`` (urls.py: the glossary and terms in one shard, the essays
    spread over the rest); ``store`` keeps copies and shard indexes between builds (CopyStore);
    ``essays``: how many essays the site has (by default, the essay pages found), which sets the
    number of shards as the pages' search boxes name them; ``programs``: how many Pagefind programs
    may run at once (0: one per core).

    The search copies and Pagefind's output go to a scratch folder inside ``root`` that is
    removed afterwards, so nothing is left outside the site and every published file goes
    through the build's Writer.
    """
    names = {urls.term_page(term.slug, edition): term_names(term, edition)
             for term in glossary.terms for edition in EDITIONS}
    pages = sorted(path for path in root.rglob("*.html") if path.is_file())
    if essays is None:
        essays = sum(1 for path in pages if path.parent == root / "hans" and path.name != "glossary.html")
    count = urls.search_shard_count(essays)
    scratch = Path(tempfile.mkdtemp(prefix=".search-", dir=root))
    kept = CopyStore(store, term_glosses(glossary), scratch)
    jobs: list[tuple[str, str, list[tuple[str, str, Path]]]] = []  # edition, shard, its pages
    try:
        for edition in EDITIONS:
            # Each shard's pages: site path, the digest of its copy's text, and the copy.
            shards: dict[str, list[tuple[str, str, Path]]] = {}
            for path in pages:
                site_path = path.relative_to(root).as_posix()
                if site_path.startswith(f"{edition}/"):
                    page = path.read_bytes()
                    if b"data-pagefind-body" in page:  # else a page with no reading text of its own
                        text_digest, copy = kept.copy(page, names.get(site_path, []),
                                                      kept.digest(page, names.get(site_path, [])))
                        shard = urls.page_search_shard(site_path, count)
                        shards.setdefault(shard, []).append((site_path, text_digest, copy))
            jobs += [(edition, shard, members) for shard, members in sorted(shards.items())]

        def index(job) -> Path:
            edition, shard, members = job

            def make(folder: Path) -> None:
                # Copies are laid out only for a shard Pagefind has to index again.
                for site_path, _, copy in members:
                    kept.place(copy, scratch / edition / shard / site_path)
                run_pagefind(scratch / edition / shard, folder)

            return kept.index([(site_path, digest) for site_path, digest, _ in members], make)

        # Pagefind is a program of its own: the shards it must index run side by side, one per core.
        with ThreadPoolExecutor(max_workers=max(1, min(len(jobs), programs or os.cpu_count() or 1))) as pool:
            indexes = list(pool.map(index, jobs))
        for (edition, shard, _), out in zip(jobs, indexes, strict=True):
            for path in sorted(p for p in out.rglob("*") if p.is_file()):
                relative = path.relative_to(out).as_posix()
                if not UNUSED.match(relative):
                    writer.write_bytes(urls.search_bundle(edition, shard) + relative, path.read_bytes())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    try:
        kept.prune()
    except OSError:
        pass  # a copy left over is only taken up again or removed by a later build


def pagefind_version() -> str:
    """The Pagefind package's version: a shard index made by another version is made again."""
    from importlib import metadata

    for name in ("pagefind_bin_extended", "pagefind"):
        try:
            return f"{name} {metadata.version(name)}"
        except metadata.PackageNotFoundError:
            continue
    return str(pagefind_program())


def pagefind_program() -> Path:
    """Pagefind's program, as its Python package finds it (``PAGEFIND_BINARY_PATH`` first)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        get_executable = None
    program = get_executable() if get_executable else None
    if program is None or not Path(program).is_file():
        raise BuildError("the search index needs Pagefind: pip install 'pagefind[extended]'")
    return Path(program)


def run_pagefind(pages: Path, out: Path) -> None:
    """Index the folder of search copies ``pages`` into ``out``, as one language (``zh``)."""
    command = [str(pagefind_program()), "--site", str(pages), "--output-path", str(out),
               "--force-language", "zh", "--silent"]
    for selector in EXCLUDE:
        command += ["--exclude-selectors", selector]
    try:
        done = subprocess.run(command, cwd=pages, capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BuildError(f"the search index could not be built: {error}") from None
    if done.returncode != 0 or not (out / "pagefind.js").is_file():
        said = (done.stderr or done.stdout).strip().splitlines()
        raise BuildError("the search index could not be built: " + (said[-1] if said else f"exit status {done.returncode}"))

"""A project folder: ``site-gen new`` makes one, ``site-gen add`` brings scraped files into its seeds.

A new project has a commented ``site.toml``, an empty ``seeds/``, a README line, a
``.gitignore`` and a GitHub Pages workflow that builds, checks and publishes the site.

Seeds are verbatim copies and are never edited, so ``add`` copies each file byte for
byte under a stable name: the original name made safe for any file system, then the
first hex digits of the file's SHA-256. Adding the same file twice is harmless (it is
recognised by its content, under whatever name it was added), two different pages
saved as ``index.html`` get two names, and a sidecar saved beside a file
(``page.toml`` for ``page.html``) travels with it.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import unicodedata
from pathlib import Path

from .errors import SiteGenError
from .read.ingest import SEED_FORMATS, sidecar_path

SITE_TOML = """\
# Settings of this site; every option is optional. `site-gen build --help` lists the command-line ones.
title = "{title}"
title_en = "{title_en}"
# source = "seeds"            # folder of seed files (.txt, .md, .html)
# out = "_site"               # folder the site is written to
# base_url = "https://example.org/reading/"   # where the site will be served: canonical links, sitemap, feeds
# keep = ["CNAME", ".nojekyll"]               # files of the output folder that survive each rebuild
# templates = "templates"     # templates that replace the package's, file by file
# static = "static"           # static files that replace or join the package's
"""

README = """\
# {title}

Add scraped pages with `site-gen add FILE…` (or copy them into `seeds/`), then
`site-gen build` and open `_site/index.html`; `site-gen serve` shows the site as a host
will, rebuilding as you edit. Seeds are verbatim copies: correct them with a sidecar
`seeds/NAME.toml`, never by editing the seed.
"""

GITIGNORE = "_site/\n.site_gen_cache/\n"

# Publishing on GitHub Pages: build with the Pages address as the base URL, check every link,
# then hand the folder to Pages. SITE_GEN is what pip installs (a wheel, a git URL, a version).
PAGES_WORKFLOW = """\
name: Publish the site
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: true
env:
  SITE_GEN: "site_gen @ git+https://github.com/OWNER/site_gen"  # where your copy of site-gen comes from
jobs:
  publish:
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - id: pages
        uses: actions/configure-pages@v5
      - uses: actions/cache@v4
        with:
          path: .site_gen_cache
          key: site-gen-${{ hashFiles('seeds/**', 'site.toml') }}
          restore-keys: site-gen-
      - run: pip install "$SITE_GEN"
      - run: site-gen build --base-url "${{ steps.pages.outputs.base_url }}/"
      - run: site-gen check
      - uses: actions/upload-pages-artifact@v3
        with:
          path: _site
      - id: deployment
        uses: actions/deploy-pages@v4
"""


def new_project(folder: Path, title: str, title_en: str) -> list[Path]:
    """Make a working project folder; the files written. An existing non-empty folder is refused."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SiteGenError(f"refusing to make a project in {folder}: it exists and is not an empty folder")
    (folder / "seeds").mkdir(parents=True, exist_ok=True)
    files = {
        "site.toml": SITE_TOML.format(title=_toml_text(title), title_en=_toml_text(title_en)),
        "README.md": README.format(title=title),
        ".gitignore": GITIGNORE,
        ".github/workflows/pages.yml": PAGES_WORKFLOW,
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in files] + [folder / "seeds"]


def _toml_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def stable_name(path: Path, data: bytes) -> str:
    """``人民日报 评论.HTML`` -> ``人民日报-评论-3fa2b1c4.html``: the name made safe, then a content hash."""
    stem = unicodedata.normalize("NFC", path.stem)
    stem = re.sub(r"[^\w]+", "-", stem).strip("-_")[:60].rstrip("-_") or "page"
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:8]}{path.suffix.lower()}"


def add_files(paths: list[Path], seeds: Path) -> list[tuple[Path, str]]:
    """Copy scraped files into ``seeds``; for each, the seed it became and what happened
    ("added", "already there"). Nothing is copied unless every path can be."""
    for path in paths:
        if not path.is_file():
            raise SiteGenError("not a file", path)
        if path.suffix.lower() not in SEED_FORMATS:
            raise SiteGenError(f"not a seed format (one of {', '.join(sorted(SEED_FORMATS))})", path)
    seeds.mkdir(parents=True, exist_ok=True)
    present = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in sorted(seeds.iterdir())
               if p.is_file() and p.suffix.lower() in SEED_FORMATS}
    done: list[tuple[Path, str]] = []
    for path in paths:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in present:
            done.append((present[digest], "already there"))
            continue
        target = seeds / stable_name(path, data)
        target.write_bytes(data)
        sidecar = sidecar_path(path)
        if sidecar.is_file():
            shutil.copyfile(sidecar, sidecar_path(target))
        present[digest] = target
        done.append((target, "added"))
    return done

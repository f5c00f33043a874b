"""Carry an essay's pages over from the last build when nothing they are made of changed.

Sphinx keeps a map of what each document depends on; this is the same idea for the
pages that make up most of a site: each essay's reading pages, text exports and
source notes. A page's inputs are named in full (the seed's cache key, which covers
its bytes, sidecar and the libraries; the essay's place in its seed and its slug; the
titles of the essays it links to; and the site-wide inputs: code, settings, glossary,
templates and static files), hashed, and recorded in the build manifest. When the
next build computes the same hash and the old file is exactly as that build left it,
the old file is linked into the new site instead of being rendered again.

Term pages are taken over the same way: each is made of the glossary (a site-wide input)
and of the essays that use its term, in order, each named as above; adding an essay
renders again only the pages of the terms it uses. The other pages about the whole corpus
(home, glossary, feeds, indexes) are rendered on every build: there are a handful of them,
and each changes whenever any essay does.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Essay


@dataclass(frozen=True)
class Reused:
    """A page taken over from the last build's file at ``path``."""

    path: Path


@dataclass
class PageReuse:
    """What the last build wrote and from what; collects this build's page inputs as pages are made."""

    site_inputs: str = ""  # one digest of the site-wide inputs (manifest.render_digest)
    seed_keys: dict[str, str] = field(default_factory=dict)  # seed file name -> its cache key
    old_out: Path | None = None
    old_files: dict[str, list[int]] = field(default_factory=dict)  # path -> [size, mtime_ns], as left
    old_inputs: dict[str, str] = field(default_factory=dict)  # path -> digest of the page's inputs
    inputs: dict[str, str] = field(default_factory=dict)  # this build's, filled by ``page``

    def page(self, path: str, *inputs: object) -> Reused | None:
        """Record the page's inputs; the old file to reuse when they are unchanged, else None."""
        digest = hashlib.sha256(repr((self.site_inputs, *inputs)).encode("utf-8", "surrogateescape")).hexdigest()
        self.inputs[path] = digest
        if self.old_out is None or self.old_inputs.get(path) != digest:
            return None
        old = self.old_out / path
        try:
            info = os.stat(old, follow_symlinks=False)
        except OSError:
            return None
        return Reused(old) if self.old_files.get(path) == [info.st_size, info.st_mtime_ns] else None

    def essay_inputs(self, essay: Essay) -> tuple:
        """What every page of one essay is made of: its seed (by cache key), its place and its slug."""
        return (self.seed_keys.get(essay.source_name, ""), essay.source_name, essay.index, essay.slug)

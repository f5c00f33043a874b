"""A content-addressed cache of the per-seed stages, so a rebuild redoes only what changed.

A seed's entry is keyed by everything its result depends on (after Sphinx's
environment versioning): the seed's bytes, its sidecar's bytes, the glossary
file, the cleaning rules switched off, and a fingerprint of site_gen's own code
and data. Change any of them and the key changes; nothing is ever invalidated by
hand, and an unreadable entry is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
FORMAT = "1"  # bump when the pickled shape changes in a way the code fingerprint would miss


def code_fingerprint() -> str:
    """A hash of site_gen's modules and data files: a new version never reuses old results."""
    digest = hashlib.sha256(FORMAT.encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".toml", ".tsv", ".json", ".txt"}:
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _file_hash(path: Path) -> str:
    """The file's SHA-256, or "-" for a file that is absent (a seed without a sidecar)."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "-"


class StageCache:
    """Pickled per-seed results under ``folder``, keyed by content."""

    def __init__(self, folder: Path, *inputs: Path, settings: tuple[str, ...] = ()) -> None:
        self.folder = folder
        base = hashlib.sha256(code_fingerprint().encode())
        for path in inputs:
            base.update(_file_hash(path).encode())
        base.update(repr(settings).encode())
        self._base = base.hexdigest()
        self._used: set[Path] = set()

    def key(self, *paths: Path) -> str:
        """The key of one seed's entry: the build's inputs and settings, then these files' contents."""
        digest = hashlib.sha256(self._base.encode())
        for path in paths:
            digest.update(_file_hash(path).encode())
        return digest.hexdigest()

    def get(self, key: str) -> Any | None:
        """The cached value for ``key``, or None."""
        entry = self.folder / f"{key}.pickle"
        self._used.add(entry)
        if entry.exists():
            try:
                return pickle.loads(entry.read_bytes())
            except Exception:  # a stale or truncated entry is rebuilt, never trusted
                entry.unlink(missing_ok=True)
        return None

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` for ``key``, atomically (a crash never leaves half an entry)."""
        entry = self.folder / f"{key}.pickle"
        self._used.add(entry)
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = entry.with_suffix(".tmp")
        partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(entry)

    def prune(self) -> None:
        """Drop entries this build did not use (removed seeds, old code versions)."""
        if not self.folder.is_dir():
            return
        for entry in self.folder.glob("*.pickle"):
            if entry not in self._used:
                entry.unlink(missing_ok=True)

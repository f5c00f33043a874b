"""The only place files are written: into a fresh folder, refusing two writes to one path.

Slug collisions then surface as an error instead of one page silently replacing
another (after Pelican's writer). ``build.py`` swaps the folder in when all went well.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from .errors import BuildError


class Writer:
    """Writes site files under ``root``; ``paths`` lists every file written, in order."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.paths: list[str] = []
        self._seen: set[str] = set()

    def _target(self, relpath: str) -> Path:
        """The file to write for ``relpath``, its folder made; a path outside the site or written twice is an error."""
        path = PurePosixPath(relpath)
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise BuildError(f"refusing to write outside the site folder: {relpath!r}")
        if relpath in self._seen:
            raise BuildError(f"two pages want the same path {relpath!r} (a slug collision?)")
        self._seen.add(relpath)
        self.paths.append(relpath)
        target = self.root.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write_text(self, relpath: str, text: str) -> None:
        """Write UTF-8 text with Unix newlines, so builds are byte-identical everywhere."""
        self._target(relpath).write_bytes(text.encode("utf-8"))

    def write_bytes(self, relpath: str, data: bytes) -> None:
        """Write binary data as given."""
        self._target(relpath).write_bytes(data)

    def link_file(self, source: Path, relpath: str) -> None:
        """Take a file over from the last build: a hard link (no copy) where the file system allows."""
        target = self._target(relpath)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)

    def copy_file(self, source: Path, relpath: str) -> None:
        """Copy a file (a stylesheet, a script) into the site."""
        shutil.copyfile(source, self._target(relpath))

"""Errors a user can cause, reported as one line naming the file (and line), never a traceback.

Anything else that escapes is a bug in site_gen; the CLI shows it with ``--debug``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path


class SiteGenError(Exception):
    """A problem in the user's input or settings: ``category: file:line: message``."""

    category = "error"

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __reduce__(self):
        # Keep file and line when an error crosses from a worker process to the build.
        return (self.__class__, (self.message, self.path, self.line))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{self.category}: {where}{self.message}"


class SourceError(SiteGenError):
    """A seed that cannot be read: wrong encoding, binary, empty."""

    category = "seed error"


class SidecarError(SiteGenError):
    """A seed's metadata/errata sidecar that is malformed."""

    category = "sidecar error"


class GlossaryError(SiteGenError):
    """A glossary entry that is malformed: names the entry and the field."""

    category = "glossary error"


class ConfigError(SiteGenError):
    """A bad option or configuration value."""

    category = "config error"


class BuildError(SiteGenError):
    """The site cannot be written as asked (two pages on one path, output folder unusable)."""

    category = "build error"


def line_of_key(text: str, key: str) -> int | None:
    """The line where ``key`` is set in a TOML text, to point an error at it."""
    match = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def parse_toml(text: str, path: Path, error: type[SiteGenError]) -> dict:
    """The TOML document in ``text``; a syntax error raises ``error`` at tomllib's line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        line = re.search(r"line (\d+)", str(problem))  # tomllib says where only in its message
        raise error(f"invalid TOML: {problem}", path, int(line.group(1)) if line else None) from None

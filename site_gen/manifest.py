"""What the last build was made from and what it wrote, so a build with nothing to do does nothing.

After each build, a manifest in the cache folder records one digest of every input
of the site (each seed's name and bytes, its sidecar, the glossary, the settings, the
templates and static files in use, site_gen's own code and the libraries' versions)
and the size and modification time of every file the build left in the output
folder. The next build computes the same digest first, before loading any language
data; when it matches and the output folder is exactly as that build left it, the
site is already what a clean build would write, and the build ends there (make and
Ninja decide the same way). Anything else, including a hand-edited or deleted
output file, is a real build.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, fields
from pathlib import Path

from . import cache
from .config import PACKAGE_STATIC, PACKAGE_TEMPLATES, Config

FORMAT = "site_gen-manifest-2"
# Settings that change how a build runs but not what it writes.
NOT_INPUTS = {"jobs", "cache", "executor"}


def _hash_file(digest, path: Path) -> None:
    digest.update(path.name.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"-")


def _theme_files(config: Config) -> list[Path]:
    """Every template and static file a build can use: the package's and the project's."""
    folders = [PACKAGE_TEMPLATES, PACKAGE_STATIC, config.templates, config.static]
    return [path for folder in folders if folder is not None and folder.is_dir()
            for path in sorted(folder.iterdir()) if path.is_file()]


def render_digest(config: Config) -> str:
    """One digest of what every page depends on: code, libraries, settings, glossary, templates, static files."""
    digest = hashlib.sha256(f"{FORMAT}\n{cache.code_fingerprint()}\n{cache.library_versions()}\n".encode())
    for field in fields(Config):
        if field.name not in NOT_INPUTS:
            digest.update(f"{field.name}={getattr(config, field.name)!r}\n".encode("utf-8", "surrogateescape"))
    _hash_file(digest, config.glossary)
    for path in _theme_files(config):
        digest.update(str(path.parent).encode("utf-8", "surrogateescape"))
        _hash_file(digest, path)
    return digest.hexdigest()


def inputs_digest(config: Config, seeds: list[Path]) -> str:
    """One digest of everything the site is made from: the site-wide inputs and every seed and sidecar."""
    from .read.ingest import sidecar_path
    from .translations import translation_files

    digest = hashlib.sha256(render_digest(config).encode())
    for seed in seeds:
        _hash_file(digest, seed)
        _hash_file(digest, sidecar_path(seed))
    for translation in translation_files(config.translations):
        digest.update(translation.name.encode("utf-8", "surrogateescape"))
        _hash_file(digest, translation)
    return digest.hexdigest()


def output_state(out: Path) -> dict[str, list[int]]:
    """{path in the site: [size, modification time in ns]} of every file under ``out``."""
    state: dict[str, list[int]] = {}
    for folder, _, names in os.walk(out):
        for name in names:
            path = os.path.join(folder, name)
            info = os.stat(path, follow_symlinks=False)
            state[os.path.relpath(path, out)] = [info.st_size, info.st_mtime_ns]
    return state


@dataclass(frozen=True)
class Manifest:
    """The last build of one output folder: its inputs' digest, its files and its summary."""

    inputs: str
    files: dict[str, list[int]]
    essays: int
    pages: int
    skipped: tuple[str, ...]  # the one-line errors of seeds that could not be read
    page_inputs: dict[str, str]  # essay pages: a digest of what each was made of (render/reuse.py)
    warnings: tuple[str, ...] = ()  # what the build warned about once it read the seeds (told again by a no-op)

    @staticmethod
    def location(config: Config) -> Path:
        """Beside the stage cache, named after the output folder (one project may build several)."""
        name = hashlib.sha256(str(config.out.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
        return config.cache / f"site-{name}.manifest"

    @classmethod
    def load(cls, config: Config) -> "Manifest | None":
        """The recorded manifest, or None when there is none or it is not one this version wrote."""
        try:
            data = json.loads(cls.location(config).read_text(encoding="utf-8"))
            if data.pop("format") != FORMAT:
                return None
            manifest = cls(**{**data, "skipped": tuple(data["skipped"]), "warnings": tuple(data.get("warnings", ()))})
            if not (isinstance(manifest.inputs, str) and isinstance(manifest.files, dict)
                    and isinstance(manifest.page_inputs, dict) and all(isinstance(w, str) for w in manifest.warnings)):
                return None
            return manifest
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    def save(self, config: Config) -> None:
        """Record this build; a cache folder that cannot be written only costs the next build its shortcut."""
        data = {"format": FORMAT, "inputs": self.inputs, "files": self.files, "essays": self.essays,
                "pages": self.pages, "skipped": list(self.skipped), "page_inputs": self.page_inputs,
                "warnings": list(self.warnings)}
        target = self.location(config)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            partial.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            partial.replace(target)
        except OSError:
            pass

    @staticmethod
    def forget(config: Config) -> None:
        try:
            Manifest.location(config).unlink(missing_ok=True)
        except OSError:
            pass

    def still_true(self, inputs: str, out: Path) -> bool:
        """Whether the inputs are the same and the output folder is exactly as this build left it."""
        return self.inputs == inputs and out.is_dir() and output_state(out) == self.files

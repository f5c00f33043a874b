"""The site's look: templates and static files shipped in the package, overridable file by file.

As with MkDocs' ``custom_dir`` and Hugo's layouts, a project may hold its own
``templates/`` and ``static/`` folders: a file there replaces the package's file of
the same name, and everything else still comes from the package. So an installed
site-gen builds from any folder, and a user changes one template without copying all.

Stylesheets and scripts are published under names that carry a hash of their bytes
(``site.3f9a1c2e.css``), so a host may cache them forever and a new build is never
shown with an old stylesheet.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader

from . import urls

from ..config import PACKAGE_STATIC, PACKAGE_TEMPLATES


def template_loader(user_templates: Path | None) -> ChoiceLoader:
    """The user's templates first (when the folder exists), then the package's."""
    folders = [user_templates] if user_templates is not None and user_templates.is_dir() else []
    return ChoiceLoader([FileSystemLoader(str(folder)) for folder in [*folders, PACKAGE_TEMPLATES]])


def static_sources(user_static: Path | None) -> dict[str, Path]:
    """Every static file to publish, by name: the package's, replaced or added to by the user's."""
    sources = {path.name: path for path in sorted(PACKAGE_STATIC.iterdir()) if path.is_file()}
    if user_static is not None and user_static.is_dir():
        sources.update({path.name: path for path in sorted(user_static.iterdir()) if path.is_file()})
    return sources


def fingerprinted(name: str, data: bytes) -> str:
    """``site.css`` -> ``site.3f9a1c2e.css``: a new name whenever the bytes change."""
    stem, dot, suffix = name.rpartition(".")
    digest = hashlib.sha256(data).hexdigest()[:10]
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


# Only what pages link to by name is renamed; anything else the user adds (a favicon,
# an image a template names literally) keeps its name.
FINGERPRINTED_SUFFIXES = (".css", ".js")


@dataclass(frozen=True)
class Assets:
    """The static files of one build: {name a template asks for: site path}, and their sources."""

    paths: dict[str, str]
    sources: dict[str, Path]

    @classmethod
    def collect(cls, user_static: Path | None) -> "Assets":
        sources = static_sources(user_static)
        paths = {}
        for name, source in sources.items():
            published = fingerprinted(name, source.read_bytes()) if name.endswith(FINGERPRINTED_SUFFIXES) else name
            paths[name] = urls.static_file(published)
        return cls(paths, sources)

    def path(self, name: str) -> str:
        """The site path of the static file a template names (``site.css``)."""
        return self.paths[name]

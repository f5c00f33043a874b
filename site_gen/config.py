"""Typed settings, loaded once from ``site.toml`` (optional) and the command line.

Each option declares its type, default and help text, and validates itself; every
problem is reported as ``config error: site.toml:LINE: option 'key': …`` (after
MkDocs' config schema). Unknown keys are errors too: a typo must not be ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import ConfigError, line_of_key, parse_toml

PACKAGE_DATA = Path(__file__).resolve().parent / "data"
PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"
PACKAGE_STATIC = Path(__file__).resolve().parent / "static"


@dataclass(frozen=True)
class Config:
    """All settings of one build. Paths are absolute once loaded."""

    source: Path = field(default=Path("seeds"), metadata={"help": "folder of seed .txt files"})
    out: Path = field(default=Path("_site"), metadata={"help": "folder the site is written to"})
    base_url: str = field(
        default="",
        metadata={"help": "absolute URL the site is served from, for sitemap.xml and canonical links"},
    )
    title: str = field(default="新质生产力读本", metadata={"help": "site title in Chinese"})
    title_en: str = field(
        default="Reading China's New Productive Forces", metadata={"help": "site title in English"}
    )
    glossary: Path = field(default=PACKAGE_DATA / "glossary.toml", metadata={"help": "glossary file"})
    # A project's own templates/ and static/ replace the package's files one by one (render/theme.py).
    templates: Path = field(
        default=Path("templates"), metadata={"help": "folder of templates that replace the package's, file by file"}
    )
    static: Path = field(
        default=Path("static"), metadata={"help": "folder of static files that replace or add to the package's"}
    )
    translations: Path = field(
        default=Path("translations"),
        metadata={"help": "folder of the essays' English translations, SEED.N.en.toml (default: beside the seed folder)"},
    )
    cache: Path = field(
        default=Path(".site_gen_cache"), metadata={"help": "build cache folder (default: beside the seed folder)"}
    )
    disabled_rules: tuple[str, ...] = field(
        default=(), metadata={"help": "cleaning rules to switch off, by name"}
    )
    jobs: int = field(default=0, metadata={"help": "worker processes for the per-seed stages, and Pagefind programs at once (0 = one per core)"})
    # A scraped article is tens of kilobytes; a seed of megabytes is a whole saved site, a log or a
    # mistake, and costs seconds of CPU per megabyte: it is skipped and named instead.
    max_seed_mb: float = field(default=5.0, metadata={"help": "seeds larger than this many megabytes are skipped"})
    executor: str = field(
        default="local",
        metadata={"help": "where the per-seed stages run: local (a process pool), serial, or dask://HOST:PORT"},
    )
    # A host's own files in the output folder (GitHub Pages' CNAME, .nojekyll) survive each rebuild.
    keep: tuple[str, ...] = field(
        default=("CNAME", ".nojekyll"),
        metadata={"help": "files of the output folder carried into each new build (names relative to it)"},
    )


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


def _check(name: str, value: object) -> object:
    """Validate one option's value; return it normalised or raise ValueError saying what was expected."""
    default = Config.__dataclass_fields__[name].default
    if isinstance(default, Path):
        if not isinstance(value, (str, Path)) or not str(value).strip():
            raise ValueError(f"expected a path, got {value!r}")
        return Path(value)
    if name == "disabled_rules":
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"expected a list of rule names, got {value!r}")
        return tuple(value)
    if name == "keep":
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"expected a list of file names, got {value!r}")
        for entry in value:
            parts = entry.split("/")
            if not entry or entry.startswith("/") or "\\" in entry or any(p in ("", ".", "..") for p in parts):
                raise ValueError(f"expected file names inside the output folder such as CNAME, got {entry!r}")
        return tuple(value)
    if name == "jobs":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"expected a whole number of 0 or more, got {value!r}")
        return value
    if name == "max_seed_mb":
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value <= 1024:
            raise ValueError(f"expected a number of megabytes above 0 and up to 1024, got {value!r}")
        return float(value)
    if name == "executor":
        from .executors import check_executor

        return check_executor(value)
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {value!r}")
    if name == "base_url" and value and not _URL.match(value):
        raise ValueError(f"expected an http(s) URL such as https://example.org/essays/, got {value!r}")
    return value


def load_config(root: Path, overrides: dict[str, object] | None = None, path: Path | None = None) -> Config:
    """Settings from ``root/site.toml`` (or ``path``), then ``overrides`` from the command line.

    Relative paths are resolved against ``root`` (the folder the build runs in).
    ``site.toml`` is optional; a settings file named with ``--config`` must exist.
    """
    settings = root / "site.toml" if path is None else path
    values = _settings_file(settings) if path is not None or settings.exists() else {}
    for key, value in (overrides or {}).items():
        if value is None:
            continue
        try:
            values[key] = _check(key, value)
        except ValueError as error:
            raise ConfigError(f"option --{key.replace('_', '-')}: {error}") from None
    config = Config(**values)
    resolved = {
        f.name: (root / getattr(config, f.name)).resolve()
        for f in fields(Config)
        if isinstance(getattr(config, f.name), Path)
    }
    config = replace(config, **resolved)
    if "cache" not in values:  # beside the seeds, wherever the command was started
        config = replace(config, cache=config.source.parent / ".site_gen_cache")
    if "translations" not in values:
        config = replace(config, translations=config.source.parent / "translations")
    for name in ("templates", "static"):  # optional by default; a folder the user names must exist
        if name in values and not getattr(config, name).is_dir():
            text = settings.read_text(encoding="utf-8") if settings.is_file() else ""
            raise ConfigError(f"option '{name}': the folder {getattr(config, name)} does not exist",
                              settings if name in _file_keys(text) else None, line_of_key(text, name))
    return config


def _file_keys(text: str) -> set[str]:
    return {name for name in ("templates", "static") if line_of_key(text, name)}


def _settings_file(path: Path) -> dict[str, object]:
    """The checked options of one settings file; any problem is a ConfigError at its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read the settings: {error}", path) from None
    known = {f.name for f in fields(Config)}
    values: dict[str, object] = {}
    for key, value in parse_toml(text, path, ConfigError).items():
        if key not in known:
            known_list = ", ".join(sorted(known))
            raise ConfigError(f"option '{key}' is not known (known: {known_list})", path, line_of_key(text, key))
        try:
            values[key] = _check(key, value)
        except ValueError as error:
            raise ConfigError(f"option '{key}': {error}", path, line_of_key(text, key)) from None
    return values

"""Shared test fixtures: where the seeds and the outside scrapes are."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT / "seeds"
# Real scrapes from other sites, read in place and never copied into the project.
SCRAPES = PROJECT.parent / "shared" / "scrapes"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def scrapes_dir() -> Path:
    if not SCRAPES.is_dir() or not any(SCRAPES.iterdir()):
        pytest.skip(f"outside scrapes not available at {SCRAPES} (they are read in place, never copied)")
    return SCRAPES


def seed_path(prefix: str) -> Path:
    """The seed whose file name starts with ``prefix`` (e.g. "003")."""
    (path,) = sorted(SEEDS.glob(f"{prefix}*.txt"))
    return path


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real seeds built once for the whole test session (read-only for tests)."""
    from site_gen.build import build
    from site_gen.config import load_config

    folder = tmp_path_factory.mktemp("built")
    config = load_config(PROJECT, {"out": folder / "site", "cache": folder / "cache"})
    build(config, log=lambda line: None)
    return folder / "site"


CHROMIUM = Path("/usr/bin/chromium")


def chromium():
    """Debian's Chromium, headless, through Playwright: ``yield from chromium()`` in a module's fixture."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield browser
        browser.close()

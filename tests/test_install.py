"""An installed site-gen (a wheel, not the source tree) builds a site from any folder.

The wheel is built from a copy of the repository, installed into a fresh virtual
environment that borrows this environment's libraries (so no network is needed),
and run from a folder that has nothing but seeds: templates, static files and data
must all come from inside the package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SOURCE_FILES = ("pyproject.toml", "README.md", "LICENSE")


def run(*command, cwd=None) -> subprocess.CompletedProcess:
    # Only the installed copy may be found: no PYTHONPATH pointing at a source tree.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, f"{' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin/ folder of a fresh venv with the site_gen wheel installed."""
    root = tmp_path_factory.mktemp("install")
    source = root / "source"
    source.mkdir()
    for name in SOURCE_FILES:
        shutil.copy(PROJECT / name, source / name)
    shutil.copytree(PROJECT / "site_gen", source / "site_gen", ignore=shutil.ignore_patterns("__pycache__"))
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", root / "dist", source)
    wheels = list((root / "dist").glob("site_gen-*.whl"))
    assert len(wheels) == 1

    venv = root / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    # The libraries come from this environment; site_gen itself only from the wheel.
    (purelib / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheels[0])
    return venv / "bin"


def test_the_wheel_holds_templates_static_files_data_and_the_licence(installed):
    names = run(installed / "python", "-c",
                "import importlib.metadata as m; print('\\n'.join(str(f) for f in m.files('site_gen')))").stdout
    for name in ("site_gen/templates/essay.html", "site_gen/static/site.css", "site_gen/static/site.js",
                 "site_gen/data/glossary.toml"):
        assert name in names.splitlines()
    assert "LICENSE" in names


def test_an_installed_site_gen_builds_seeds_from_another_folder(installed, tmp_path):
    (tmp_path / "seeds").mkdir()
    seed = sorted((PROJECT / "seeds").glob("*.txt"))[0]
    shutil.copy(seed, tmp_path / "seeds" / seed.name)
    where = run(installed / "python", "-c", "import site_gen; print(site_gen.__file__)", cwd=tmp_path).stdout
    assert str(installed.parent) in where  # the installed copy, not the source tree
    run(installed / "site-gen", "build", "-q", cwd=tmp_path)
    site = tmp_path / "_site"
    essays = list((site / "hans").glob("*.html"))
    assert len(essays) >= 2  # the essay and the glossary
    assert list((site / "static").glob("site.*.css")) and (site / "index.html").is_file()

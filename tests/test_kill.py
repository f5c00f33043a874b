"""A build that cannot be hurt: killed at any moment (SIGKILL, SIGTERM, SIGINT) it leaves the old site
or the new one, whole, under the output name; the next build removes what it left and equals a clean
build; its worker processes end with it; a second build of the same site waits for the first.

These start real builds in processes of their own and signal them, so they need a POSIX system;
the checks on worker processes read Linux's /proc.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals and flock are POSIX")

# At least 30 kills in CI (the bar); more with SITE_GEN_KILLS=N.
KILLS = int(os.environ.get("SITE_GEN_KILLS", "30"))
SIGNALS = (signal.SIGKILL, signal.SIGTERM, signal.SIGINT)

PARAGRAPH = "人工智能是新一轮科技革命和产业变革的重要驱动力量，将深刻改变经济社会发展的面貌。"
ESSAYS = {
    "a.txt": f"人工智能赋能新质生产力\n作者：董志勇\n\n{PARAGRAPH}\n\n发展新质生产力是推动高质量发展的内在要求。\n",
    "b.txt": f"数字经济的新引擎\n作者：李明\n\n{PARAGRAPH * 2}\n\n东数西算工程全面启动。\n",
}
# The seed each round of kills changes, so that every build has work to do up to the swap.
VARIANTS = (
    "县域经济的新路径\n\n乡村振兴需要县域经济的支撑。\n",
    "县域经济的新路径\n\n乡村振兴需要县域经济的支撑，也需要城乡融合发展。\n\n新的一段。\n",
)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _project(folder: Path, variant: int) -> Path:
    seeds = folder / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for name, text in ESSAYS.items():
        (seeds / name).write_text(text, encoding="utf-8")
    (seeds / "c.txt").write_text(VARIANTS[variant], encoding="utf-8")
    return folder


def _build_command(*more: str) -> list[str]:
    return [sys.executable, "-m", "site_gen", "build", "-q", *more]


def _debris(folder: Path) -> list[str]:
    """Staging and old-site folders, and half-written cache files, left in the project."""
    found = [p.name for p in folder.iterdir() if p.name.startswith("._site-")]
    cache = folder / ".site_gen_cache"
    if cache.is_dir():
        found += [p.name for p in cache.rglob("*.tmp")]
    return found


def test_builds_killed_at_random_moments_leave_a_whole_site_and_the_next_build_equals_a_clean_one(tmp_path):
    references = []
    for variant in range(len(VARIANTS)):  # each state's site, built cleanly in a project of its own
        clean = _project(tmp_path / f"clean{variant}", variant)
        subprocess.run(_build_command(), cwd=clean, check=True)
        references.append(_files(clean / "_site"))
    assert references[0] != references[1]

    project = _project(tmp_path / "project", 0)
    subprocess.run(_build_command(), cwd=project, check=True)
    _project(project, 1)
    started = time.monotonic()
    subprocess.run(_build_command(), cwd=project, check=True)
    duration = time.monotonic() - started  # a build with one seed to redo, from start to exit

    rng = random.Random(20261201)
    variant, outcomes = 1, []
    for kill in range(KILLS):
        variant = 1 - variant
        _project(project, variant)
        build = subprocess.Popen(_build_command(), cwd=project, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0, duration))  # any moment: start-up, seeds, pages, search, swap, after
        sent = SIGNALS[kill % len(SIGNALS)]
        build.send_signal(sent)
        _, said = build.communicate(timeout=120)
        outcomes.append(build.returncode)
        site = _files(project / "_site")
        assert site in references, f"kill {kill} ({sent.name}) left a site that is neither the old nor the new"
        assert "Traceback" not in said and "internal error" not in said, said
    # Both kinds of moment were met: builds stopped by the signal, and builds that had finished.
    assert any(code != 0 for code in outcomes)

    subprocess.run(_build_command(), cwd=project, check=True)
    assert _files(project / "_site") == references[variant]
    assert _debris(project) == []


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux's /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; the request to end with the parent is Linux's")
def test_worker_processes_end_when_their_build_is_killed(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for n in range(10):  # enough seeds for a pool of workers
        (seeds / f"{n:02d}.txt").write_text(f"第{n}篇文章\n\n{PARAGRAPH * (n + 1)}\n", encoding="utf-8")
    (tmp_path / "site.toml").write_text("jobs = 2\n", encoding="utf-8")
    build = subprocess.Popen(_build_command("--clean"), cwd=tmp_path, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and time.monotonic() < deadline and build.poll() is None:
        time.sleep(0.05)
        workers = _children(build.pid)
    assert workers, "the build started no worker processes"
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=30)
    deadline = time.monotonic() + 20
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_alive, workers)), "workers outlived their build"


def test_a_second_build_of_the_same_site_waits_for_the_first_and_says_for_which_process(tmp_path):
    import fcntl

    project = _project(tmp_path, 0)
    subprocess.run(_build_command(), cwd=project, check=True)
    _project(project, 1)
    with open(project / "._site.lock", "a+", encoding="utf-8") as lock:  # as a build at work holds it
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.seek(0)
        lock.truncate()
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        said = tmp_path / "said.txt"
        with open(said, "w", encoding="utf-8") as stderr:
            second = subprocess.Popen(_build_command(), cwd=project, stdout=subprocess.DEVNULL, stderr=stderr)
        deadline = time.monotonic() + 30
        while "waiting" not in said.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        assert second.poll() is None  # it waits
        assert said.read_text(encoding="utf-8").strip() == (
            f"waiting for another build (process {os.getpid()}) writing {project / '_site'}")
    assert second.wait(timeout=120) == 0  # and builds once the lock is let go
    assert "县域经济" in (project / "_site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_the_new_site_replaces_the_old_in_one_step(tmp_path, monkeypatch):
    from site_gen import build

    out, staging = tmp_path / "_site", tmp_path / "._site-new-1-x"
    for folder, text in ((out, "old"), (staging, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")

    def no_rename(*args):
        raise AssertionError("two renames leave a moment with no site under the output name")

    monkeypatch.setattr(build.os, "rename", no_rename)
    build._swap_in(staging, out)
    assert (out / "index.html").read_text(encoding="utf-8") == "new"
    assert not staging.exists()  # the old site, removed

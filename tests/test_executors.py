"""The per-seed stages give the same site wherever they run: in this process, in a local pool of
spawned or forked processes, or on a Dask cluster, and so do the essays' pages, rendered here or in
a pool; a seed's error comes back from a worker as one line."""

from __future__ import annotations

import multiprocessing
import pickle
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from site_gen import executors
from site_gen.build import build
from site_gen.cli import main
from site_gen.config import load_config
from site_gen.errors import ConfigError, SidecarError, SiteGenError, SourceError
from site_gen.render import workers

from conftest import seed_path

SEEDS = ("000", "001", "002")  # one with errata in its sidecar


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for prefix in SEEDS:
        seed = seed_path(prefix)
        for path in (seed, seed.with_suffix(".toml")):
            if path.exists():
                shutil.copy(path, seeds / path.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _build(project: Path, executor: str, out: str, **settings):
    config = load_config(project, {"out": project / out, "cache": project / f"{out}-cache",
                                   "executor": executor})
    return build(replace(config, **settings), log=lambda line: None, use_cache=False)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as local:
        yield local.scheduler_address


def _spawn_pool(monkeypatch) -> list[str]:
    """Make the local executor start a pool of spawned processes for 2 seeds and more; the methods used."""
    methods: list[str] = []

    class Recorded(ProcessPoolExecutor):
        def __init__(self, *args, mp_context=None, **kwargs):
            methods.append(mp_context.get_start_method())
            super().__init__(*args, mp_context=mp_context, **kwargs)

    monkeypatch.setattr(executors, "START_METHOD", "spawn")
    monkeypatch.setattr(executors, "PARALLEL_FROM", 2)
    monkeypatch.setattr(executors, "ProcessPoolExecutor", Recorded)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)  # the essays' pages too
    monkeypatch.setattr(workers, "ProcessPoolExecutor", Recorded)
    return methods


def test_serial_spawned_pool_and_dask_build_the_same_site_byte_for_byte(project, monkeypatch, cluster):
    (project / "seeds" / "003_empty.txt").write_bytes(b"  \n")  # skipped wherever it is read
    results = {"serial": _build(project, "serial", "serial")}
    methods = _spawn_pool(monkeypatch)
    results["spawned"] = _build(project, "local", "spawned", jobs=2)
    assert methods == ["spawn", "spawn"]  # the seeds' pool, then the pages'
    monkeypatch.setattr(executors, "START_METHOD", None)  # the platform's own (fork on Linux)
    results["forked"] = _build(project, "local", "forked", jobs=2)
    assert len(methods) == 4
    results["dask"] = _build(project, cluster.replace("tcp://", "dask://"), "dask")

    site = _files(project / "serial")
    assert len(site) > 50
    for out, result in results.items():
        assert result.essays == len(SEEDS)
        (skipped,) = result.skipped  # the worker's error, its kind, file and words kept
        assert isinstance(skipped, SourceError)
        assert str(skipped) == f"seed error: {project / 'seeds' / '003_empty.txt'}: the file is empty"
        assert _files(project / out) == site, out
    # the workers' results went into the cache: a rebuild on any executor finds them all
    rebuilt = build(load_config(project, {"out": project / "again", "cache": project / "dask-cache"}),
                    log=lambda line: None)
    assert [report.cached for report in rebuilt.seeds] == [True] * len(SEEDS)


def test_a_seed_error_in_a_dask_worker_is_one_line_naming_the_file(project, cluster, capsys):
    (project / "seeds" / "003_bad.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    assert main(["build", "--executor", cluster, "--out", "site"]) == 4  # the others are published
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("skipped: seed error: ") and "003_bad.txt" in err[0] and "binary" in err[0]
    assert len(list((project / "site" / "hans").glob("*.html"))) > len(SEEDS)

    (project / "seeds" / "003_bad.txt").unlink()
    sidecar = seed_path("001").with_suffix(".toml").name
    (project / "seeds" / sidecar).write_text("[[essay]]\nindex = 0\n", encoding="utf-8")
    before = _files(project / "site")
    assert main(["build", "--executor", cluster, "--out", "site"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("sidecar error: ") and f"{sidecar}:1: [[essay]]" in err[0], err
    assert _files(project / "site") == before  # the previous site is untouched


@pytest.mark.parametrize("error", [SourceError("the file is empty", Path("seeds/a.txt")),
                                   SidecarError("[[essay]]: field 'index' counts essays from 1", "a.toml", 2),
                                   SiteGenError("no line")])
def test_user_errors_keep_their_kind_file_and_line_across_processes(error):
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and str(again) == str(error)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        returned = pool.submit(_same, error).result()
    assert type(returned) is type(error) and str(returned) == str(error)


def _same(value):
    return value


@pytest.mark.parametrize("value", ["local", "serial", "dask://scheduler:8786", "tcp://10.0.0.5:8786",
                                   "tcp://[::1]:8786"])
def test_the_executor_setting_takes_local_serial_or_an_address(tmp_path, value):
    (tmp_path / "site.toml").write_text(f'executor = "{value}"\n', encoding="utf-8")
    assert load_config(tmp_path).executor == value


@pytest.mark.parametrize("value", ['"cluster"', '"dask://scheduler"', '"http://host:8786"', "2"])
def test_a_bad_executor_setting_is_a_config_error_at_its_line(tmp_path, value):
    (tmp_path / "site.toml").write_text(f'title = "x"\nexecutor = {value}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    assert str(error.value).startswith(f"config error: {tmp_path / 'site.toml'}:2: option 'executor': expected")
    assert "\n" not in str(error.value)


def test_a_bad_executor_option_is_one_line(project, capsys):
    assert main(["build", "--executor", "everywhere"]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("config error: option --executor: expected")


def test_dask_without_distributed_installed_says_what_to_install(project, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    assert main(["build", "--executor", "dask://127.0.0.1:8786", "--clean"]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "pip install 'dask[distributed]'" in line and line.startswith("build error: ")


def test_workers_running_other_code_are_refused(project, monkeypatch, cluster, capsys):
    import os

    # Sent to the workers by value, this answers with each worker's process id: never this process's.
    monkeypatch.setattr(executors, "worker_code", lambda: (str(os.getpid()), "versions"))
    assert main(["build", "--executor", cluster, "--clean"]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("build error: the Dask worker(s) tcp://") and "install the same versions" in line


def test_a_long_essay_s_traditional_pages_made_beside_the_simplified_ones_are_the_same(project, monkeypatch):
    serial = _build(project, "serial", "serial")
    split = []
    beside = workers._render_beside
    monkeypatch.setattr(workers, "_render_beside", lambda *args: split.append(1) or beside(*args))
    monkeypatch.setattr(workers, "SPLIT_FROM", 1)  # every essay counts as long
    forked = _build(project, "local", "forked", jobs=2)
    assert len(split) == serial.essays == forked.essays == len(SEEDS)
    assert _files(project / "forked") == _files(project / "serial")
    # one core, or the serial executor: never split
    split.clear()
    _build(project, "local", "one-core", jobs=1)
    _build(project, "serial", "serial-again", jobs=2)
    assert split == []


def _one_essay_work():
    from site_gen.model import Essay, Paragraph

    essay = Essay(source_name="x.txt", index=1, title="标题", slug="x",
                  blocks=(Paragraph(text="正文。", lines=(1,), anchor="p1"),))
    return workers.EssayWork(essay, {}, {}, frozenset(path for path, _, _ in workers.essay_paths(essay)))


def test_the_traditional_pages_process_sends_its_pages_or_its_error_back(monkeypatch):
    from site_gen.errors import BuildError

    def fake(site, env, work):
        if "hant/x.html" in work.wanted and site == "fail":
            raise ValueError("a template broke")
        if "hant/x.html" in work.wanted and site == "die":
            import os

            os._exit(3)
        return {path: f"made in {'helper' if 'hant/x.html' in work.wanted else 'build'}" for path in work.wanted}

    monkeypatch.setattr(workers, "render_work", fake)
    pages = workers._render_beside("ok", None, _one_essay_work())
    assert pages["hans/x.html"] == "made in build" and pages["hant/x.html"] == "made in helper"
    assert set(pages) == set(_one_essay_work().wanted)
    with pytest.raises(ValueError, match="a template broke"):
        workers._render_beside("fail", None, _one_essay_work())
    with pytest.raises(BuildError, match="exit status 3"):
        workers._render_beside("die", None, _one_essay_work())

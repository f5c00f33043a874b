"""site-gen serve: the site under its base path, 404.html for what is missing, rebuilds and reloads on changes.

The server is tested on its own first (a hand-made folder, fast), then the command as a reader's editor
runs it: a subprocess on two real seeds, a seed edited, a sidecar broken, Ctrl-C (about 15 s in all).
"""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from site_gen.serve import RELOAD_SCRIPT, SiteServer, base_path, with_reload_script
from tests.conftest import PROJECT, SEEDS

HOME = b'<!doctype html>\n<html><head><link rel="stylesheet" href="static/site.css"></head>' \
       b'<body><a href="hans/a.html">a</a></body></html>\n'
MISSING = b"<!doctype html>\n<html><body><p>not here</p></body></html>\n"


def get(port: int, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.fixture
def folder(tmp_path) -> Path:
    site = tmp_path / "site"
    (site / "hans").mkdir(parents=True)
    (site / "static").mkdir()
    (site / "index.html").write_bytes(HOME)
    (site / "hans" / "a.html").write_bytes(b"<!doctype html><p>A</p>")  # no </body>: the tag goes at the end
    (site / "static" / "site.css").write_bytes(b"body { color: #222 }\n")
    (site / "404.html").write_bytes(MISSING)
    (site / ".site_gen").write_text("marker\n")
    return site


@pytest.fixture
def server(folder):
    running = SiteServer(("127.0.0.1", 0), folder, "/reading/", live_reload=True).start()
    yield running
    running.stop()


def test_the_base_path_of_a_base_url():
    assert base_path("https://example.org/reading/") == "/reading/"
    assert base_path("https://example.org/reading") == "/reading/"
    assert base_path("https://example.org") == "/" == base_path("")


def test_pages_are_served_under_the_base_path_with_the_reload_script_added_to_the_response_only(server, folder):
    port = server.server_address[1]
    status, headers, body = get(port, "/reading/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    tag = f'<script src="{RELOAD_SCRIPT}?build={server.build_token}" defer></script>\n'.encode()
    assert body == HOME.replace(b"</body>", tag + b"</body>")
    assert int(headers["content-length"]) == len(body)
    assert (folder / "index.html").read_bytes() == HOME  # nothing written to the site
    assert get(port, "/reading/hans/a.html")[2].endswith(b"<p>A</p>" + tag)
    status, headers, body = get(port, "/reading/static/site.css")
    assert (status, headers["content-type"], body) == (200, "text/css; charset=utf-8", b"body { color: #222 }\n")
    status, headers, body = get(port, "/reading/index.html", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) == len(HOME) + len(tag)


def test_the_root_and_folders_without_their_slash_redirect(server):
    port = server.server_address[1]
    for path, location in (("/", "/reading/"), ("/reading", "/reading/"), ("/reading/hans", "/reading/hans/")):
        status, headers, _ = get(port, path)
        assert (status, headers["location"]) == (302, location), path


def test_a_missing_path_gets_the_404_page_with_status_404(server, folder):
    port = server.server_address[1]
    for path in ("/reading/hans/no/such/page.html", "/elsewhere.html", "/reading/.site_gen",
                 "/reading/../site/index.html", "/reading/hans/"):
        status, _, body = get(port, path)
        assert status == 404, path
        assert body.startswith(MISSING.replace(b"</body></html>\n", b"")), path
    (folder / "404.html").unlink()
    status, headers, body = get(port, "/reading/nothing.html")
    assert (status, headers["content-type"]) == (404, "text/plain; charset=utf-8")
    assert b"/reading/nothing.html" in body


def test_the_build_number_changes_with_each_build_and_the_script_reloads_on_it(server):
    port = server.server_address[1]
    first = get(port, "/__site_gen_build")[2].decode()
    server.built()
    second = get(port, "/__site_gen_build")[2].decode()
    assert first != second and second == server.build_token
    status, headers, script = get(port, RELOAD_SCRIPT)
    assert status == 200 and headers["content-type"].startswith("text/javascript")
    assert b"/__site_gen_build" in script and b"location.reload()" in script


def test_without_live_reload_responses_are_the_files_themselves(folder):
    server = SiteServer(("127.0.0.1", 0), folder, "/", live_reload=False).start()
    try:
        port = server.server_address[1]
        assert get(port, "/")[2] == HOME
        assert get(port, RELOAD_SCRIPT)[0] == 404
    finally:
        server.stop()


def test_the_script_tag_goes_before_the_last_body_end_tag():
    assert with_reload_script(b"<p>&lt;/body&gt;</p></BODY></html>", "7") == \
        f'<p>&lt;/body&gt;</p><script src="{RELOAD_SCRIPT}?build=7" defer></script>\n</BODY></html>'.encode()


# The command itself, as an editor runs it.

SERVED_SEEDS = ("001_0aeffe864e4315f4", "002_c305a156cb31950e")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Console:
    """The server's merged stdout and stderr, line by line, as they come."""

    def __init__(self, stream):
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)  # the server ended

    def wait_for(self, pattern: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            self.lines.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r} in {self.lines}")

    def rest(self, timeout: float = 5) -> list[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=0.1)
            except queue.Empty:
                continue
            if line is None:
                break
            self.lines.append(line)
        return self.lines


def test_serve_builds_serves_rebuilds_on_a_changed_seed_keeps_the_last_good_site_and_stops_on_ctrl_c(tmp_path):
    project = tmp_path / "project"
    (project / "seeds").mkdir(parents=True)
    for name in SERVED_SEEDS:
        for suffix in (".txt", ".toml"):
            shutil.copy(SEEDS / f"{name}{suffix}", project / "seeds")
    (project / "site.toml").write_text('base_url = "https://example.org/reading/"\n', encoding="utf-8")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "site_gen", "serve", "--port", str(port)], cwd=project, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, encoding="utf-8",
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a background job may ignore Ctrl-C
    )
    console = Console(process.stdout)
    try:
        assert console.wait_for(r"^serving ") == (
            f"serving http://127.0.0.1:{port}/reading/; watching the seeds, glossary, templates, static files "
            "and site.toml (Ctrl-C stops)")
        status, _, home = get(port, "/reading/")
        assert status == 200 and RELOAD_SCRIPT.encode() in home
        seed = project / "seeds" / f"{SERVED_SEEDS[1]}.txt"
        essays = json.loads(get(port, "/reading/essays.json")[2])
        export = "/reading/" + next(e["urls"]["hans_text"] for e in essays if e["source"] == seed.name)
        status, _, text = get(port, export)
        assert status == 200 and "新加的一段" not in text.decode()
        assert get(port, "/reading/hans/no/such/page.html")[0] == 404
        assert get(port, "/")[1]["location"] == "/reading/"
        first = get(port, "/__site_gen_build")[2]

        with seed.open("a", encoding="utf-8") as appended:
            appended.write("\n新加的一段：编辑在服务运行时补上的段落，网站应当重新生成。\n")
        line = console.wait_for(r"changed")
        assert re.fullmatch(rf"\d\d:\d\d:\d\d {seed.name} changed: rebuilt 2 essays, \d+ pages in [\d.]+ s", line)
        second = get(port, "/__site_gen_build")[2]
        assert second != first
        assert "新加的一段" in get(port, export)[2].decode()

        sidecar = seed.with_suffix(".toml")
        sidecar.write_text(sidecar.read_text(encoding="utf-8") + "\n[[essay]\n", encoding="utf-8")
        line = console.wait_for(r"changed")
        assert re.fullmatch(rf"\d\d:\d\d:\d\d {sidecar.name} changed: sidecar error: .+ \(still serving the last good site\)",
                            line)
        assert get(port, "/__site_gen_build")[2] == second  # open pages stay as they are
        assert "新加的一段" in get(port, export)[2].decode()

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
        lines = console.rest(timeout=1)
        assert lines[-1] == f"stopped serving http://127.0.0.1:{port}/reading/"
        assert not any("Traceback" in line for line in lines)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    # The reload script lives in responses only: the site on disk is what build() wrote.
    for path, data in tree(project / "_site").items():
        assert b"__site_gen" not in data, path


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_seed_changed_before_the_watcher_first_wakes_is_still_rebuilt(tmp_path):
    # "serving" is printed once the watcher is made; an editor may save before it first wakes.
    from site_gen.config import Config
    from site_gen.serve import _Watcher

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    seed = seeds / "a.txt"
    seed.write_text("标题\n\n正文。\n", encoding="utf-8")
    config = Config(source=seeds, out=tmp_path / "_site", cache=tmp_path / ".site_gen_cache")
    rebuilt: list[set[Path]] = []
    stop = threading.Event()
    watcher = _Watcher(lambda: config, config, server=None, settings=tmp_path / "site.toml", debug=False, say=print)
    watcher.rebuild = lambda changed: (rebuilt.append(changed), stop.set())
    seed.write_text("标题\n\n正文，改过了。\n", encoding="utf-8")  # before run() starts watching
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    thread.join(timeout=20)
    stop.set()
    assert rebuilt and seed in rebuilt[0]

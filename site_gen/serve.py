"""``site-gen serve``: build, serve the site on this machine, rebuild and reload open pages on changes.

The site is served from the path of its base URL (``https://example.org/reading/`` is served
at ``http://127.0.0.1:8000/reading/``, and ``/`` redirects there), so links behave as they
will on the real host; a missing path gets ``404.html`` with status 404. The built files are
never touched: the script that reloads open pages is added to each HTML response only, and
asks ``/__site_gen_build`` for the build number until it changes. A rebuild that fails
leaves the last good site served and prints its one-line error.
"""

from __future__ import annotations

import mimetypes
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from .cli import stop_on_terminate
from .config import Config
from .errors import SiteGenError

RELOAD_SCRIPT = "/__site_gen_reload.js"
BUILD_NUMBER = "/__site_gen_build"
NOT_FOUND_PAGE = "404.html"
# How often an open page asks whether a new build is there (milliseconds), and the watcher wakes.
POLL_MS = 700
WATCH_WAKE_MS = 500

# Same-origin and loaded from a file, so a page's Content-Security-Policy (script-src 'self') allows it.
RELOAD_JS = """\
// Served by site-gen serve only: reloads the page when a new build of the site is ready.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? new URL(script.src).searchParams.get("build") : null;
  function poll() {
    fetch("%(endpoint)s", { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (now) {
        if (now !== null && build !== null && now.trim() !== build) {
          location.reload();
        } else {
          setTimeout(poll, %(poll)d);
        }
      }, function () { setTimeout(poll, %(poll)d * 3); });
  }
  setTimeout(poll, %(poll)d);
})();
""" % {"endpoint": BUILD_NUMBER, "poll": POLL_MS}

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".woff2": "font/woff2",
}


def base_path(base_url: str) -> str:
    """The path the site is served under: ``/reading/`` for ``https://example.org/reading``, else ``/``."""
    return (urlsplit(base_url).path if base_url else "").rstrip("/") + "/"


class SiteServer(ThreadingHTTPServer):
    """Serves the folder ``out`` under ``base`` (a path ending in ``/``); optionally reloads open pages."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], out: Path, base: str = "/", live_reload: bool = False):
        super().__init__(address, _Handler)
        self.out, self.base, self.live_reload = out, base, live_reload
        self._instance = f"{os.getpid():x}{time.time_ns() & 0xFFFFFF:x}"  # a restarted server reloads pages too
        self.build_number = 0
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{self.base}"

    @property
    def build_token(self) -> str:
        return f"{self._instance}.{self.build_number}"

    def built(self) -> None:
        """A new build is in ``out``: open pages reload."""
        self.build_number += 1

    def start(self) -> SiteServer:
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="site-gen serve", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self.shutdown()
            self._thread.join()
            self._thread = None
        self.server_close()

    def handle_error(self, request, client_address) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return  # the browser went away mid-response: nothing to say
        print(f"serve: {type(error).__name__}: {error} (answering {client_address[0]})", file=sys.stderr, flush=True)


class _Handler(BaseHTTPRequestHandler):
    server: SiteServer
    server_version = "site-gen"

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        self._answer(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(with_body=False)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass  # one line per rebuild is what the terminal shows, not one per request

    def _answer(self, with_body: bool) -> None:
        server = self.server
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path == BUILD_NUMBER:
            return self._send(HTTPStatus.OK, "text/plain; charset=utf-8", server.build_token.encode(), with_body)
        if path == RELOAD_SCRIPT and server.live_reload:
            return self._send(HTTPStatus.OK, CONTENT_TYPES[".js"], RELOAD_JS.encode(), with_body)
        if path in ("/", server.base.rstrip("/")) and path != server.base:
            return self._redirect(server.base)
        if path.startswith(server.base):
            found = self._file(path[len(server.base):])
            if found == "folder":
                return self._redirect(quote(path + "/") + (f"?{parts.query}" if parts.query else ""))
            if found is not None:
                return self._send_file(HTTPStatus.OK, found, with_body)
        page = server.out / NOT_FOUND_PAGE
        if page.is_file():
            return self._send_file(HTTPStatus.NOT_FOUND, page, with_body)
        self._send(HTTPStatus.NOT_FOUND, CONTENT_TYPES[".txt"], f"404: {path} is not part of the site\n".encode(),
                   with_body)

    def _file(self, relative: str) -> Path | str | None:
        """The site file a path names (a folder's index.html), "folder" for a folder named without its
        slash, None when there is none. Hidden files and ``..`` are never served."""
        segments = [segment for segment in relative.split("/") if segment]
        if any(segment.startswith(".") or "\\" in segment for segment in segments):
            return None
        out = self.server.out
        for _ in range(8):  # a rebuild swaps the folder in with two renames: wait out the instant between
            if out.is_dir():
                break
            time.sleep(0.025)
        target = out.joinpath(*segments)
        if target.is_dir():
            if relative and not relative.endswith("/"):
                return "folder"
            target = target / "index.html"
        return target if target.is_file() else None

    def _send_file(self, status: HTTPStatus, path: Path, with_body: bool) -> None:
        try:
            data = path.read_bytes()
        except OSError:  # swapped out between the look and the read
            data = b""
        content_type = CONTENT_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] \
            or "application/octet-stream"
        if content_type.startswith("text/html") and self.server.live_reload:
            data = with_reload_script(data, self.server.build_token)
        self._send(status, content_type, data, with_body)

    def _send(self, status: HTTPStatus, content_type: str, data: bytes, with_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if with_body:
            self.wfile.write(data)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


def with_reload_script(html: bytes, build: str) -> bytes:
    """``html`` with the reload script's tag before ``</body>`` (or at the end)."""
    tag = f'<script src="{RELOAD_SCRIPT}?build={quote(build)}" defer></script>\n'.encode()
    end = html.lower().rfind(b"</body>")
    return html + tag if end < 0 else html[:end] + tag + html[end:]


def serve(make_config: Callable[[], Config], host: str = "127.0.0.1", port: int = 8000, watch: bool = True,
          settings: Path | None = None, debug: bool = False, stop: threading.Event | None = None,
          log: Callable[[str], None] | None = None) -> int:
    """Build, serve, and (with ``watch``) rebuild on every change until Ctrl-C or ``stop`` is set.

    ``make_config`` gives the settings, and is asked again when ``settings`` (site.toml) changes.
    """
    say = log or (lambda line: print(line, flush=True))
    stop = stop or threading.Event()
    config = make_config()
    try:
        server = SiteServer((host, port), config.out, base_path(config.base_url), live_reload=watch)
    except OSError as error:
        raise SiteGenError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    restore = stop_on_terminate()
    try:
        _first_build(config, server, watch, say)
        server.start()
        watcher = _Watcher(make_config, config, server, settings or Path.cwd() / "site.toml", debug, say) if watch else None
        watching = "; watching the seeds, glossary, templates, static files and site.toml" if watch else ""
        say(f"serving {server.url}{watching} (Ctrl-C stops)")
        if watcher is not None:
            watcher.run(stop)
        else:
            while not stop.wait(0.5):
                pass
    except KeyboardInterrupt:
        say(f"stopped serving {server.url}")
    finally:
        server.stop()
        restore()
    return 0


def _first_build(config: Config, server: SiteServer, watch: bool, say: Callable[[str], None]) -> None:
    """Build once; when watching, a user error is printed and the previous site (if any) served instead."""
    from .build import build

    try:
        result = build(config, log=say)
    except SiteGenError as error:
        if not watch:
            raise
        _complain(f"{error}; " + ("serving the previous site" if config.out.is_dir() else "nothing to serve yet")
                  + " until it is fixed")
        return
    for error in result.skipped:
        _complain(f"skipped: {error}")
    server.built()


def _complain(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _editor_files():
    """watchfiles' filter of version-control folders and editors' swap and backup files."""
    import watchfiles

    return watchfiles.DefaultFilter()


class _Watcher:
    """Rebuilds when a seed, sidecar, the glossary, a template, a static file or site.toml changes.

    Folders are watched with watchfiles; the single files (site.toml, the glossary) and folders that
    do not exist yet are looked at each time the watcher wakes, so that an editor's save-by-rename
    and a templates/ folder made later are both seen.
    """

    def __init__(self, make_config, config: Config, server: SiteServer, settings: Path, debug: bool, say):
        self.make_config, self.config, self.server = make_config, config, server
        self.settings, self.debug, self.say = settings, debug, say
        self._editor_files = _editor_files()
        # The folders as the first build saw them: a change made before the watcher starts
        # (between "serving" and the first wake) is found by comparing with this.
        self._files_at_start: dict[Path, tuple] | None = self.folder_files()
        self._stamps_at_start: dict[Path, tuple | None] | None = self.stamps()

    def folder_files(self) -> dict[Path, tuple]:
        """Each file in the watched folders that the site depends on, with its time and size."""
        import watchfiles

        found = {}
        for folder in self.folders():
            for path in folder.rglob("*"):
                try:
                    info = path.stat()
                except OSError:
                    continue
                if path.is_file() and self._relevant(watchfiles.Change.modified, str(path)):
                    found[path] = (info.st_mtime_ns, info.st_size)
        return found

    def _missed(self) -> set[Path]:
        """Files changed since the watcher was made and before it first woke (once; empty after)."""
        if self._files_at_start is None:
            return set()
        before, now = self._files_at_start, self.folder_files()
        self._files_at_start = None
        return {path for path in before.keys() | now.keys() if before.get(path) != now.get(path)}

    def folders(self) -> tuple[Path, ...]:
        wanted = (self.config.source, self.config.translations, self.config.templates, self.config.static)
        return tuple(dict.fromkeys(path for path in wanted if path.is_dir()))

    def stamps(self) -> dict[Path, tuple | None]:
        """What the single files and the optional folders look like now (changed = rebuild)."""
        found = {}
        for path in (self.settings, self.config.glossary, self.config.translations, self.config.templates,
                     self.config.static):
            try:
                info = path.stat()
                found[path] = (info.st_mtime_ns, info.st_size, path.is_dir())
            except OSError:
                found[path] = None
        return found

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            folders, stamps = self.folders(), self._stamps_at_start or self.stamps()
            self._stamps_at_start = None
            for changes in self._changes(folders, stop):
                now = self.stamps()
                changed = {Path(path) for _, path in changes} | {path for path in now if now[path] != stamps.get(path)}
                changed |= self._missed()
                stamps = now
                if changed:
                    self.rebuild(changed)
                    fresh = self.stamps()  # site.toml may have named another glossary: start watching it as it is
                    stamps = {path: stamps.get(path, fresh[path]) for path in fresh}
                if self.folders() != folders:
                    break  # a folder appeared, went, or site.toml moved one: watch the new set

    def _changes(self, folders: tuple[Path, ...], stop: threading.Event) -> Iterator[set]:
        if not folders:
            while not stop.wait(WATCH_WAKE_MS / 1000):
                yield set()
            return
        import watchfiles

        yield from watchfiles.watch(*folders, watch_filter=self._relevant, stop_event=stop,
                                    rust_timeout=WATCH_WAKE_MS, yield_on_timeout=True, debounce=800)

    def _relevant(self, change, path: str) -> bool:
        """A change the site depends on: not the site, the cache or an editor's scratch file."""
        if not self._editor_files(change, path):
            return False
        where = Path(path)
        out, cache = self.config.out, self.config.cache
        if where.is_relative_to(out) or where.is_relative_to(cache) or where.name.startswith(f".{out.name}-"):
            return False
        if where.is_relative_to(self.config.source):  # seeds and their sidecars, not what lies beside them
            from .read.ingest import SEED_FORMATS

            return where.parent == self.config.source and where.suffix.lower() in {*SEED_FORMATS, ".toml"}
        return True

    def rebuild(self, changed: set[Path]) -> None:
        from .build import build

        names = sorted(path.name for path in changed)
        what = f"{names[0]} changed" if len(names) == 1 else f"{len(names)} files changed ({', '.join(names[:3])}"
        what += "" if len(names) == 1 else (", …)" if len(names) > 3 else ")")
        stamp = time.strftime("%H:%M:%S")
        try:
            if self.settings in changed:
                self.config = self.make_config()
            result = build(self.config, log=lambda line: None)
        except SiteGenError as error:
            _complain(f"{stamp} {what}: {error} (still serving the last good site)")
            return
        except Exception as error:  # a bug in site-gen: say so, keep serving
            if self.debug:
                traceback.print_exc()
            _complain(f"{stamp} {what}: internal error: {type(error).__name__}: {error} "
                      f"(still serving the last good site{'' if self.debug else '; --debug shows the traceback'})")
            return
        moved = (self.server.out, self.server.base) != (self.config.out, base_path(self.config.base_url))
        self.server.out, self.server.base = self.config.out, base_path(self.config.base_url)
        self.server.built()
        skipped = f"; {len(result.skipped)} seed(s) skipped" if result.skipped else ""
        self.say(f"{stamp} {what}: rebuilt {result.essays} essays, {result.pages} pages in {result.seconds:.1f} s"
                 f"{skipped}" + (f"; now serving {self.server.url}" if moved else ""))
        for error in result.skipped:
            _complain(f"skipped: {error}")

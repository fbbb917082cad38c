"""The built site as a reader meets it: served like GitHub Pages, opened in Chromium.

Shared by the browser tests and `make audit`, so both look at the site the same way.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags that keep Chromium from calling home: on this project's machines the network is closed.
QUIET = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# GitHub Pages compresses these; the rest (images, zip) it sends as they are.
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


@functools.cache
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    # Compressed once per file version, as GitHub Pages does: compressing the 0.6 MB search
    # index on every request took the CPU from the browser being measured (Lighthouse).
    return gzip.compress(path.read_bytes(), mtime=0)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it, as GitHub Pages serves them."""

    def log_message(self, *args) -> None:  # the tests' output stays readable
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        if not urlparse(self.path).path.endswith("/") and path.name == "index.html":
            return super().send_head()  # the base class redirects /topics/energy to .../
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on a loopback port; yields its base URL."""

    def handler(*args, **kwargs):
        return _Handler(*args, directory=str(directory), **kwargs)

    for path in directory.rglob("*"):  # compressed up front: no measured load waits for it
        if path.suffix in COMPRESSED and path.is_file():
            _gzipped(path, path.stat().st_mtime_ns)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def site_pages(site: Path, offline: bool) -> list[str]:
    """Every page's path relative to the site root, as a reader's URL would end."""
    if offline:
        return sorted(
            str(p.relative_to(site)) for p in site.rglob("*.html") if p.name != "404.html"
        )
    return sorted(
        str(p.parent.relative_to(site)) + "/" if p.parent != site else ""
        for p in site.rglob("index.html")
    )


class Visit:
    """A browser context that blocks and records every request leaving the machine,
    and every console error."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(**options)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)

    def _route(self, route):
        url = urlparse(route.request.url)
        local = url.hostname in ("127.0.0.1", "localhost")
        if url.scheme in ("file", "data", "blob", "about") or local:
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def page(self, url: str):
        page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"{url}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"{url}: {e}"))
        page.goto(url)
        page.wait_for_load_state("load")
        return page

    def close(self):
        self.context.close()


def axe_violations(page) -> list[dict]:
    """axe-core's violations on an open page: [{'id', 'impact', 'nodes': [...]}, ...]."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response["violations"]

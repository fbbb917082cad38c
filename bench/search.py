"""Search at scale, in Chromium: what Material's whole-index search costs a reader, and Pagefind.

The site is served from a loopback port by a server that gzips, as a host would; the browser's
CPU is throttled 4× (CDP ``Emulation.setCPUThrottlingRate``), roughly a mid-range phone.
"""

from __future__ import annotations

import gzip
import http.server
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CPU_SLOWDOWN = 4
QUERY = "pipeline"
#: Lighthouse's mobile network: 1.6 Mbit/s down. Download times are computed from it.
MOBILE_BITS_PER_SECOND = 1.6e6
#: Where search stops serving readers: first results more than this long after the page
#: loads, on the mobile network and CPU above.
READER_WAIT_LIMIT = 3.0


@dataclass(frozen=True)
class SearchCost:
    fetched_bytes: int  # what crossed the wire for the search, gzip where the server gzips
    first_results: float  # seconds from the page's load event to the first results shown

    @property
    def mobile_download(self) -> float:
        return self.fetched_bytes * 8 / MOBILE_BITS_PER_SECOND

    @property
    def reader_wait(self) -> float:
        """First results after load on a mid-range phone: measured time plus the mobile download."""
        return self.first_results + self.mobile_download


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzipped to a client that accepts it, with their compressed length."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, *args) -> None:
        pass


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


class Served:
    """The folder on a free loopback port, for the length of a ``with`` block."""

    def __init__(self, folder: Path):
        handler = partial(_GzipHandler, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> Served:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_) -> None:
        self.server.shutdown()
        self.server.server_close()


def _measure(url: str, wait_for_results: str, search_requests: str, type_query: bool) -> SearchCost:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        fetched = []
        page.on(
            "requestfinished",
            lambda r: search_requests in r.url and fetched.append(r.sizes()["responseBodySize"]),
        )
        page.goto(url, wait_until="load")
        loaded = time.perf_counter()
        if type_query:
            page.keyboard.press("/")  # Material's shortcut to the search box
            page.keyboard.type(QUERY)
        page.wait_for_selector(wait_for_results, timeout=600_000)
        first = time.perf_counter() - loaded
        page.wait_for_load_state("networkidle")
        browser.close()
    return SearchCost(sum(fetched), first)


def material(site: Path) -> SearchCost:
    """Type the query into Material's search box as the page loads; wait for the first result."""
    with Served(site) as served:
        return _measure(served.url, "li.md-search-result__item", "search_index.json", True)


PAGEFIND_PROBE = """<!doctype html><meta charset="utf-8"><title>Pagefind probe</title>
<script type="module">
const pagefind = await import("./pagefind/pagefind.js");
const search = await pagefind.search("QUERY");
const first = await search.results[0].data();
const found = document.createElement("p");
found.id = "found";
found.textContent = `${search.results.length} results; first: ${first.url}`;
document.body.append(found);
</script>
"""


def pagefind(site: Path, work: Path) -> tuple[SearchCost, int]:
    """Index a copy of the site with Pagefind (the PyPI wheel's own binary, offline) and query it.

    Returns the cost of the first query and the size of the whole index on disk.
    """
    copy = work / "pagefind-site"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy)
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(copy), "--quiet"],
        check=True,
        timeout=900,
    )
    (copy / "pagefind-probe.html").write_text(PAGEFIND_PROBE.replace("QUERY", QUERY), "utf-8")
    index = sum(f.stat().st_size for f in (copy / "pagefind").rglob("*") if f.is_file())
    with Served(copy) as served:
        cost = _measure(served.url + "pagefind-probe.html", "#found", "/pagefind/", False)
    return cost, index

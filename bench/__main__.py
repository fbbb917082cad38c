"""``python -m bench`` (``make bench``): what the build costs, how it grows, and the budgets.

Measures the real site (full build, the rebuild ``mkdocs serve`` does after a YAML edit, peak
memory, sizes) and synthetic projects at 1×, 10× and 100× the data (see :mod:`bench.synthetic`),
each built through the data and macros and, as a baseline, from the same rendered Markdown as
plain pages. Writes ``BENCHMARKS.md``, prints a pass or fail line per budget, and exits non-zero
when a budget fails. Everything is built in a temporary folder; the checkout is only read.
"""

from __future__ import annotations

import gzip
import os
import platform
import queue
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import mkdocs
from material import __version__ as material_version

from bench import search
from bench.synthetic import capture_config, generate, plain_project
from macros.dataset import load

REPO = Path(__file__).resolve().parent.parent
OFFLINE_ZIP = REPO / "dist/russia-china-viewpoints-offline.zip"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
#: Scale → timed builds of each kind. One each at 100×, where a build takes minutes.
SCALES = {1: 5, 10: 3, 100: 1}
REAL_RUNS = 5
REBUILDS = 3
KB, MB = 1024, 1024 * 1024

BUDGETS = {
    "overhead": 1.25,  # data + macros build ÷ plain-Markdown baseline, at each scale
    "growth": 120.0,  # 100× build ÷ 1× build
    "full_build": 5.0,  # seconds, real site
    "rebuild": 3.0,  # seconds, real site, after a YAML edit under mkdocs serve
    "topic_page": 150 * KB,  # HTML of the largest topic page, real site
    "search_index_gzip_10x": 1 * MB,
}


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


class Timings(list):
    """Runs of one build; the summary is the median with the range."""

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self)

    def __str__(self) -> str:
        low, high = min(r.seconds for r in self), max(r.seconds for r in self)
        return f"{self.median:.2f} s ({low:.2f}–{high:.2f}, n={len(self)})"

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self)


def build(root: Path, site: Path, config: Path | None = None) -> Run:
    """One strict ``mkdocs build`` in its own process: wall time and that process's peak memory."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "--site-dir", str(site)]
    command += ["--config-file", str(config)] if config else []
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=root, env=ENV, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if status:
            errors.seek(0)
            raise SystemExit(f"build of {root} failed:\n{errors.read().decode()}")
    return Run(seconds, usage.ru_maxrss / 1024)


def builds(root: Path, site: Path, runs: int, config: Path | None = None) -> Timings:
    return Timings(build(root, site, config) for _ in range(runs))


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


@dataclass(frozen=True)
class Sizes:
    topic_pages: dict[str, tuple[int, int]]  # slug → raw, gzip
    index: tuple[int, int]
    site: int
    files: int

    @classmethod
    def of(cls, site: Path) -> Sizes:
        pages = sorted((site / "topics").glob("*/index.html"))
        index = site / "search/search_index.json"
        files = [f for f in site.rglob("*") if f.is_file()]
        return cls(
            {p.parent.name: (p.stat().st_size, gzipped(p)) for p in pages},
            (index.stat().st_size, gzipped(index)),
            sum(f.stat().st_size for f in files),
            len(files),
        )

    @property
    def largest_page(self) -> tuple[str, int, int]:
        slug = max(self.topic_pages, key=lambda s: self.topic_pages[s][0])
        return (slug, *self.topic_pages[slug])


def project_copy(work: Path) -> Path:
    root = work / "real"
    shutil.copytree(
        REPO,
        root,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "site", "dist", "test-output", "__pycache__", ".*_cache"
        ),
    )
    return root


def rebuilds(root: Path, runs: int) -> Timings:
    """``mkdocs serve`` on a free port; time from a YAML edit to the log's 'Documentation built'."""
    lines: queue.Queue[str] = queue.Queue()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=ENV,
        stderr=subprocess.PIPE,
        text=True,
    )
    threading.Thread(
        target=lambda: [lines.put(line) for line in server.stderr], daemon=True
    ).start()

    def wait_for(text: str) -> None:
        while text not in lines.get(timeout=120):
            pass

    data = root / "data/topics/energy.yml"
    original = data.read_text(encoding="utf-8")
    timings = Timings()
    try:
        wait_for("Serving on")
        for i in range(runs):
            time.sleep(1)  # let the watcher settle, as between a contributor's edits
            start = time.perf_counter()
            data.write_text(
                original.replace("title: Energy", f"title: Energy {i}", 1), encoding="utf-8"
            )
            wait_for("Documentation built")
            timings.append(Run(time.perf_counter() - start, 0.0))
    finally:
        data.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    return timings


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GB RAM; {platform.platform()}; "
        f"Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
        f"Material {material_version}"
    )


@dataclass
class Scale:
    k: int
    sources: int
    topics: int
    claims: int
    load_seconds: float
    macros: Timings
    plain: Timings
    sizes: Sizes
    search: search.SearchCost

    @property
    def overhead(self) -> float:
        return self.macros.median / self.plain.median


def measure_scale(k: int, runs: int, work: Path) -> Scale:
    root, plain = work / f"x{k}" / "project", work / f"x{k}" / "plain"
    counts = generate(REPO, k, root)
    start = time.perf_counter()
    load(root)
    load_seconds = time.perf_counter() - start
    site = root.parent / "site"
    # The first build also writes each page's rendered Markdown, for the baseline. It is the
    # warm-up; at one run per kind (100×) it is the timed run, its extra writes included.
    capture = build(root, site, capture_config(root))
    macros = Timings([capture]) if runs == 1 else builds(root, site, runs)
    plain_project(root, plain)
    plain_site = plain.parent / "plain-site"
    if runs > 1:
        build(plain, plain_site)
    plain_runs = builds(plain, plain_site, runs)
    print(f"  {k}×: macros {macros}, plain {plain_runs}", flush=True)
    return Scale(
        k,
        counts.sources,
        counts.topics,
        counts.claims,
        load_seconds,
        macros,
        plain_runs,
        Sizes.of(site),
        search.material(site),
    )


def budget_lines(real: Timings, rebuild: Timings, sizes: Sizes, scales: dict[int, Scale]):
    """(passed, text) for each budget."""
    out = [
        (
            s.overhead <= BUDGETS["overhead"],
            f"{k}×: data + macros build ÷ plain baseline = {s.overhead:.2f} (≤ {BUDGETS['overhead']})",
        )
        for k, s in scales.items()
    ]
    growth = scales[100].macros.median / scales[1].macros.median
    out.append(
        (
            growth <= BUDGETS["growth"],
            f"100× build ÷ 1× build = {growth:.0f} (≤ {BUDGETS['growth']:.0f})",
        )
    )
    out.append(
        (
            real.median <= BUDGETS["full_build"],
            f"real site full build {real} (≤ {BUDGETS['full_build']} s)",
        )
    )
    out.append(
        (
            rebuild.median <= BUDGETS["rebuild"],
            f"real site rebuild after a YAML edit {rebuild} (≤ {BUDGETS['rebuild']} s)",
        )
    )
    slug, raw, _ = sizes.largest_page
    out.append(
        (
            raw <= BUDGETS["topic_page"],
            f"largest topic page ({slug}) {raw / KB:.0f} KB HTML (≤ 150 KB)",
        )
    )
    index = scales[10].sizes.index[1]
    out.append(
        (
            index <= BUDGETS["search_index_gzip_10x"],
            f"search index at 10× {index / MB:.2f} MB gzip (≤ 1 MB)",
        )
    )
    return out


def report(real, rebuild, sizes, zipped, scales, budgets, pagefind, took) -> str:
    slug, raw, gz = sizes.largest_page
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m bench`); do not edit by hand. Times are wall-clock",
        "medians with the min–max range and the number of timed runs (n), each build a fresh",
        "`mkdocs build --strict` process after one untimed warm-up build (none at 100×, see below).",
        "",
        f"Machine: {machine()}. The whole run took {took / 60:.1f} min.",
        "",
        "## Budgets",
        "",
        *[f"- {'PASS' if ok else 'FAIL'}: {text}" for ok, text in budgets],
        "",
        "## The real site",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| full build | {real} |",
        f"| rebuild after a YAML edit under `mkdocs serve` | {rebuild} |",
        f"| peak memory of a build | {real.peak_mb:.0f} MB |",
        f"| search index | {sizes.index[0] / KB:.0f} KB raw, {sizes.index[1] / KB:.0f} KB gzip |",
        f"| whole site | {sizes.site / MB:.1f} MB in {sizes.files} files |",
        f"| offline zip | {zipped} |",
        "",
        "| topic page | HTML | gzip |",
        "| --- | ---: | ---: |",
        *[
            f"| {s} | {r / KB:.0f} KB{' ⚠' if r > BUDGETS['topic_page'] else ''} | {g / KB:.0f} KB |"
            for s, (r, g) in sizes.topic_pages.items()
        ],
        "",
        "## Synthetic corpora",
        "",
        "Scale k multiplies sources and topics by √k each (so claims by k); texts are copies of the",
        "real ones with each copy's words marked, so every quote is found once (`bench/synthetic.py`).",
        "Baseline: the Markdown the macros produced for each page, written as plain pages and built",
        "with the same `mkdocs.yml` minus the macros plugin. At 100× each kind is built once: the",
        "data + macros run is the one that also writes the rendered Markdown for the baseline.",
        "",
        "| k | sources × topics | claims | load + validate | data + macros build | plain baseline | overhead | peak memory | largest topic page (HTML / gzip) | search index (raw / gzip) | site |",
        "| ---: | --- | ---: | ---: | --- | --- | ---: | ---: | --- | --- | ---: |",
    ]
    for k, s in scales.items():
        name, page, page_gz = s.sizes.largest_page
        lines.append(
            f"| {k}× | {s.sources} × {s.topics} | {s.claims} | {s.load_seconds:.2f} s | {s.macros} | "
            f"{s.plain} | {s.overhead:.2f} | {s.macros.peak_mb:.0f} MB | {page / KB:.0f} KB / {page_gz / KB:.0f} KB | "
            f"{s.sizes.index[0] / MB:.1f} MB / {s.sizes.index[1] / MB:.2f} MB | {s.sizes.site / MB:.0f} MB |"
        )
    growth = scales[100].macros.median / scales[1].macros.median
    load_growth = scales[100].load_seconds / scales[1].load_seconds
    lines += [
        "",
        f"Growth from 1× to 100×: build {growth:.0f}×, load and validation {load_growth:.0f}×.",
        "Overhead in seconds (data + macros − plain): "
        + "; ".join(
            f"{k}×: {s.macros.median - s.plain.median:.1f} s, of which load + validate {s.load_seconds:.1f} s"
            for k, s in scales.items()
        )
        + ".",
        "",
        "## Search at scale",
        "",
        f"Chromium with its CPU throttled {search.CPU_SLOWDOWN}× (a mid-range phone), the site served",
        "gzipped from a loopback port; the query is typed into the search box as soon as the page has",
        f"loaded. Download time is computed for Lighthouse's mobile network "
        f"({search.MOBILE_BITS_PER_SECOND / 1e6:.1f} Mbit/s), on top of the measured time.",
        "",
        "| k | search | fetched for the first query | download at 1.6 Mbit/s | page load → first results (local) | a reader waits |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
        *[
            f"| {k}× | Material (whole index) | {s.search.fetched_bytes / KB:.0f} KB | "
            f"{s.search.mobile_download:.1f} s | {s.search.first_results:.2f} s | {s.search.reader_wait:.1f} s |"
            for k, s in scales.items()
        ],
    ]
    if pagefind:
        cost, index = pagefind
        lines.append(
            f"| 100× | Pagefind prototype (chunked; whole index {index / MB:.1f} MB) | "
            f"{cost.fetched_bytes / KB:.0f} KB | {cost.mobile_download:.1f} s | {cost.first_results:.2f} s | {cost.reader_wait:.1f} s |"
        )
    top = scales[100].search
    crossing = [k for k, s in scales.items() if s.search.reader_wait > search.READER_WAIT_LIMIT]
    lines += [
        "",
        f"The line: a reader should see results within {search.READER_WAIT_LIMIT:.0f} s of the page",
        "loading on that phone, download included. Material's search fetches and indexes the whole",
        f"index before it can answer; at 100× that is {top.fetched_bytes / MB:.1f} MB gzip, "
        f"{top.mobile_download:.0f} s on the mobile network plus {top.first_results:.1f} s measured",
        "locally. Scales past the line: "
        + (", ".join(f"{k}×" for k in crossing) if crossing else "none")
        + ".",
    ]
    if pagefind:
        lines += [
            f"Pagefind fetches only the chunks a query needs: {cost.fetched_bytes / KB:.0f} KB for the "
            f"first query at 100×, results {cost.first_results:.2f} s after load (+ "
            f"{cost.mobile_download:.1f} s download). The prototype lives in `bench/search.py` only;",
            "switching the site would mean indexing `site/` with Pagefind after `mkdocs build` and",
            "replacing Material's search box with Pagefind's UI (also in the offline edition).",
        ]
    lines += ["", (Path(__file__).parent / "findings.md").read_text(encoding="utf-8")]
    return "\n".join(lines)


def main() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        work = Path(folder)
        root = project_copy(work)
        print("real site: full builds", flush=True)
        build(root, work / "real-site")
        real = builds(root, work / "real-site", REAL_RUNS)
        sizes = Sizes.of(work / "real-site")
        print(f"  {real}; rebuilds under mkdocs serve", flush=True)
        rebuild = rebuilds(root, REBUILDS)
        print(f"  {rebuild}", flush=True)
        scales = {}
        for k, runs in SCALES.items():
            print(f"synthetic {k}×", flush=True)
            scales[k] = measure_scale(k, runs, work)
        top = scales[100]
        slow = top.search.reader_wait > search.READER_WAIT_LIMIT
        pagefind = search.pagefind(work / "x100/site", work) if slow else None
        zipped = (
            f"{OFFLINE_ZIP.stat().st_size / MB:.1f} MB (`make offline`)"
            if OFFLINE_ZIP.is_file()
            else "not measured: run `make bench`, which builds it first"
        )
        budgets = budget_lines(real, rebuild, sizes, scales)
        took = time.perf_counter() - started
        text = report(real, rebuild, sizes, zipped, scales, budgets, pagefind, took)
    (REPO / "BENCHMARKS.md").write_text(text, encoding="utf-8")
    for ok, line in budgets:
        print(f"{'PASS' if ok else 'FAIL'}: {line}")
    print(f"wrote BENCHMARKS.md in {took / 60:.1f} min")
    return 0 if all(ok for ok, _ in budgets) else 1


if __name__ == "__main__":
    sys.exit(main())

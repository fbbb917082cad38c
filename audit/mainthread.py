"""The main-thread cost of pages in Chromium, for two builds side by side.

    .venv/bin/python -m audit.mainthread BASELINE_SITE SITE [PAGE ...]

Lighthouse's performance score on a shared two-core machine moves by ten points between runs
of the same page, which hides changes of a few tens of milliseconds. This loads each page in
turn from both builds (alternating, so both meet the same machine) with the CPU throttled 4×,
as Lighthouse's mobile profile does, and prints the medians of: blocking time after the first
paint (the sum over long tasks of their time beyond 50 ms), style recalculation, layout and
script time, and the ratio of each to the baseline.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from playwright import sync_api as playwright

from .browser import CHROMIUM, QUIET, serve

LOADS = 7
WATCH_LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver(list => list.getEntries().forEach(
    task => __longTasks.push([task.startTime, task.duration]))).observe({type: "longtask", buffered: true});
"""
BLOCKING_AFTER_FIRST_PAINT = """() => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
    return __longTasks.filter(([start]) => start >= paint)
        .reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
}"""
METRICS = {"RecalcStyleDuration": "style", "LayoutDuration": "layout", "ScriptDuration": "script"}


def load(browser, url: str) -> dict[str, float]:
    """One cold load of a phone-sized page: each figure in milliseconds."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    try:
        page = context.new_page()
        page.add_init_script(WATCH_LONG_TASKS)
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        cdp.send("Performance.enable")
        page.goto(url, wait_until="load")
        page.wait_for_timeout(1500)  # Material mounts its components after the load event
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        figures = {label: metrics[name] * 1000 for name, label in METRICS.items()}
        return {"blocking": page.evaluate(BLOCKING_AFTER_FIRST_PAINT), **figures}
    finally:
        context.close()


def main(baseline: Path, site: Path, pages: list[str]) -> None:
    with (
        serve(baseline) as before,
        serve(site) as after,
        playwright.sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=CHROMIUM, args=QUIET)
        for path in pages:
            runs = {before: [], after: []}
            for _ in range(LOADS):
                for base in runs:
                    runs[base].append(load(browser, base + path.lstrip("/")))
            print(f"{path}  (medians of {LOADS} loads, ms; ratio to baseline)")
            for name in runs[before][0]:
                old = statistics.median(run[name] for run in runs[before])
                new = statistics.median(run[name] for run in runs[after])
                ratio = f"{new / old:.2f}" if old else "-"
                print(f"  {name:9s} {old:7.0f} → {new:7.0f}  ×{ratio}")
        browser.close()


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:] or ["/", "/topics/west-factor/"])

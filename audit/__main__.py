"""`make audit`: links, axe and Lighthouse over the site as `make pages` publishes it.

Prints one table per check and exits non-zero if any page misses its target:
no broken link, no axe violation (light and dark palettes), and Lighthouse
(mobile, its default) accessibility, best practices and SEO at 100 and
performance at least 95, on the home page and every topic page. Each page is
run five times and each score is the median, as Lighthouse's guide to variability
advises: the performance score of one run on a shared two-core machine varies by
ten points or more.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright import sync_api as playwright

from .browser import CHROMIUM, QUIET, Visit, axe_violations, serve, site_pages
from .links import check_links

HERE = Path(__file__).parent
LIGHTHOUSE = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
RUNS = 5


def links(site: Path) -> bool:
    checked, problems = check_links(site)
    print(f"\n## Links\n\n{checked} internal links and anchors checked, {len(problems)} broken.")
    for problem in problems:
        print(f"- {problem}")
    return not problems


def axe(base: str, pages: list[str]) -> bool:
    print("\n## axe-core\n\n| page | light | dark |\n|---|---|---|")
    clean = True
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=QUIET)
        visits = {scheme: Visit(browser, color_scheme=scheme) for scheme in ("light", "dark")}
        for path in pages:
            found = {}
            for scheme, visit in visits.items():
                page = visit.page(base + path)
                found[scheme] = sorted({v["id"] for v in axe_violations(page)})
                page.close()
            clean &= not any(found.values())
            cells = [", ".join(ids) if ids else "0 violations" for ids in found.values()]
            print(f"| /{path} | {cells[0]} | {cells[1]} |")
        outside = [url for visit in visits.values() for url in visit.outside]
        browser.close()
    if outside:
        print(f"\nRequests to other hosts: {outside}")
    return clean and not outside


def lighthouse_run(url: str, report: Path) -> dict[str, int]:
    """One Lighthouse run: each category's score out of 100."""
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new " + " ".join(QUIET),
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM or ""},
        check=True,
    )
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def lighthouse(base: str, pages: list[str]) -> bool:
    print(f"\n## Lighthouse (mobile, median of {RUNS} runs)\n")
    print("| page | " + " | ".join(CATEGORIES) + " | performance runs |")
    print("|---" * (len(CATEGORIES) + 2) + "|")
    passed = True
    with tempfile.TemporaryDirectory() as out:
        for path in pages:
            runs = [lighthouse_run(base + path, Path(out) / "report.json") for _ in range(RUNS)]
            scores = {name: statistics.median(run[name] for run in runs) for name in CATEGORIES}
            passed &= all(scores[name] >= TARGETS[name] for name in CATEGORIES)
            spread = ", ".join(str(run["performance"]) for run in runs)
            print(
                f"| /{path} | "
                + " | ".join(f"{scores[name]:g}" for name in CATEGORIES)
                + f" | {spread} |"
            )
    return passed


def main(site: Path) -> int:
    if not CHROMIUM:
        print("Chromium is not installed (make browser installs it).", file=sys.stderr)
        return 2
    pages = site_pages(site, offline=False)
    audited = [""] + [path for path in pages if path.startswith("topics/")]
    results = [links(site)]
    with serve(site) as base:
        results.append(axe(base, pages))
        results.append(lighthouse(base, audited))
    print(
        "\nTargets: no broken link; no axe violation; Lighthouse "
        + ", ".join(f"{name} ≥ {target}" for name, target in TARGETS.items())
        + "."
    )
    print("All met." if all(results) else "Some targets were missed (see above).")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))

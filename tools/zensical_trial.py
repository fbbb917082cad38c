"""Build this project with Zensical and print what works: a trial, not a migration.

Run from the project root as `python3 -m tools.zensical_trial` (`make zensical`).

Zensical (the Material for MkDocs team's successor) is installed in its own venv, .venv-zensical,
from requirements-zensical.txt, so it cannot disturb the pinned MkDocs stack. Each build runs on a
temporary copy of the project, because Zensical writes .cache/ into the project and will not
write a site outside it:

1. as is: mkdocs.yml and macros/ unchanged;
2. without macros: the macros left unrendered, to judge theme, nav, search, overrides and strict;
3. with tools/zensical_adapter.py in place of macros/__init__.py, online and offline.

Exit status 0 whenever the trial ran, whatever the builds showed; 1 only when it could not run.
Standard library and audit/links.py only: it runs under any Python 3.11+ before any venv exists.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from audit.links import ADDED_BY_MAKE_PAGES, check_links

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-zensical"
REQUIREMENTS = ROOT / "requirements-zensical.txt"
PROJECT = ("docs", "data", "sources", "macros", "overrides", "mkdocs.yml")
TOPIC = "topics/energy"  # a topic page: prose around macro calls


class CannotRun(Exception):
    pass


def zensical() -> Path:
    """The venv's zensical, (re)installed when requirements-zensical.txt is newer than the venv."""
    stamp = VENV / "installed"
    if not stamp.exists() or stamp.stat().st_mtime < REQUIREMENTS.stat().st_mtime:
        venv.create(VENV, with_pip=True, clear=True)
        install = [VENV / "bin/python", "-m", "pip", "install", "--quiet", "-r", REQUIREMENTS]
        if subprocess.run(install, check=False).returncode:
            raise CannotRun(f"could not install {REQUIREMENTS.name} into {VENV.name}")
        stamp.touch()
    return VENV / "bin/zensical"


@dataclass
class Build:
    ok: bool
    seconds: float
    site: Path
    error: str
    directory_urls: bool

    def page(self, src: str) -> str:
        if src == "index" or not self.directory_urls:
            path = self.site / f"{src}.html"
        else:
            path = self.site / src / "index.html"
        return path.read_text(encoding="utf-8") if path.exists() else ""


def build(
    tmp: Path,
    name: str,
    edit: Callable[[Path], None] | None = None,
    env: dict[str, str] | None = None,
) -> Build:
    project = tmp / name
    project.mkdir()
    for item in PROJECT:
        copy = shutil.copytree if (ROOT / item).is_dir() else shutil.copy
        copy(ROOT / item, project / item)
    if edit:
        edit(project)
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    command = [zensical(), "build", "--clean", "--strict", "--config-file", "mkdocs.yml"]
    start = time.perf_counter()
    run = subprocess.run(
        command, check=False, cwd=project, env=environment, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    output = run.stdout + run.stderr
    # The first exception named in a traceback, else the last line Zensical printed.
    errors = re.findall(r"\b\w+Error: .*", output) or output.strip().splitlines()[-1:]
    return Build(
        ok=run.returncode == 0,
        seconds=seconds,
        site=project / "site",
        error=errors[0].strip() if errors else "",
        directory_urls=environment.get("OFFLINE") != "true",
    )


def without_macros(project: Path) -> None:
    config = project / "mkdocs.yml"
    text, count = re.subn(
        r"^(\s+)on_undefined: strict$",
        r"\g<0>\n\1render_by_default: false",
        config.read_text(encoding="utf-8"),
        flags=re.MULTILINE,
    )
    if count != 1:
        raise CannotRun("mkdocs.yml: the macros plugin's on_undefined line has moved")
    config.write_text(text, encoding="utf-8")


def with_adapter(project: Path) -> None:
    macros = project / "macros"
    (macros / "__init__.py").rename(macros / "mkdocs_adapter.py.txt")
    shutil.copy(ROOT / "tools/zensical_adapter.py", macros / "__init__.py")


def macros_rendered(html: str) -> bool:
    """Quotes drawn from the data are on the page and no macro call is left as text."""
    return "<blockquote" in html and "{{" not in html


def description(html: str) -> str:
    found = re.search(r'<meta name="description" content="([^"]*)"', html)
    return found[1] if found else ""


def show_broken(result: Build) -> None:
    checked, problems = check_links(result.site, ADDED_BY_MAKE_PAGES)
    # 404.html links from the root of site_url's path, as MkDocs' own 404.html does: a checker
    # reading the site from a folder cannot follow them.
    broken = [problem for problem in problems if not problem.startswith("404.html:")]
    print(f"   links and anchors checked: {checked}, broken outside 404.html: {len(broken)}")
    for problem in broken[:5]:
        print(f"     {problem}")


def yes(flag: bool) -> str:
    return "yes" if flag else "no"


def report(label: str, result: Build) -> None:
    status = "ran" if result.ok else f"FAILED ({result.error or 'no output'})"
    print(f"{label}: build {status} in {result.seconds:.1f} s")


def main() -> int:
    version = subprocess.run([zensical(), "--version"], check=False, capture_output=True, text=True)
    print(f"Zensical trial ({version.stdout.strip() or 'version unknown'})")
    with tempfile.TemporaryDirectory(prefix="zensical-trial-") as name:
        tmp = Path(name)

        plain = build(tmp, "as-is")
        report("1. mkdocs.yml and macros/ as they are", plain)
        print(f"   macros rendered: {yes(macros_rendered(plain.page(TOPIC)))}")

        bare = build(tmp, "without-macros", without_macros)
        report("2. macros switched off (render_by_default: false)", bare)
        home = bare.page("index")
        pages = len(list((ROOT / "docs").rglob("*.md")))
        built = len(list(bare.site.rglob("index.html")))
        print(
            f"   pages built: {built} of {pages}; nav links on home: {home.count('md-nav__link')}"
        )
        print(f"   search index: {yes((bare.site / 'search.json').exists())}")
        # Both partials differ from Zensical's own: source.html drops the marker that makes the
        # theme ask api.github.com for stars; search.html is Material 9.8.1's full search form,
        # where Zensical's partial is a stub its script fills in.
        source = 'class="md-source"' in home and 'data-md-component="source"' not in home
        print(f"   overrides/partials/source.html used: {yes(source)}")
        search = "md-search__form" in home
        print(f"   overrides/partials/search.html (Material 9.8.1's form) used: {yes(search)}")
        variant = re.search(r"assets/stylesheets/(\w+)/main", home)
        print(f"   theme variant: {variant[1] if variant else 'unknown'}")

        adapted = build(tmp, "adapter", with_adapter, {"PYTHONPATH": str(tmp / "adapter")})
        report("3. tools/zensical_adapter.py as macros/__init__.py", adapted)
        topic = adapted.page(TOPIC)
        print(f"   macros rendered: {yes(macros_rendered(topic))}")
        own = description(topic) not in ("", description(adapted.page("index")))
        print(f"   the topic's own description (not the site's): {yes(own)}")
        show_broken(adapted)

        offline = build(
            tmp,
            "adapter-offline",
            with_adapter,
            {"PYTHONPATH": str(tmp / "adapter-offline"), "OFFLINE": "true"},
        )
        report("   the same with OFFLINE=true", offline)
        print(f"   macros rendered: {yes(macros_rendered(offline.page(TOPIC)))}")
        print(f"   search index for file://: {yes((offline.site / 'search.js').exists())}")
        show_broken(offline)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (CannotRun, OSError) as error:
        print(f"zensical trial could not run: {error}", file=sys.stderr)
        sys.exit(1)

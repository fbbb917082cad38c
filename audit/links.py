"""Every link and anchor inside a built site resolves.

MkDocs checks the links written in Markdown; the macros write HTML, which it
does not check. This reads the built pages, as a reader's browser would.
"""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

# Where the site lives when it names no address of its own (no site_url).
UNKNOWN_BASE = "http://site.invalid/"
# `make pages` adds the offline zip to the built site, as the deployment does.
ADDED_BY_MAKE_PAGES = frozenset({"downloads/russia-china-viewpoints-offline.zip"})


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"])
        if tag == "a" and found.get("name"):
            self.ids.add(found["name"])
        if tag == "link" and found.get("rel") == "canonical":
            self.canonical = found.get("href")
            return  # the page's own address, not a link a reader follows
        self.links += [found[name] for name in ("href", "src") if found.get(name)]


@cache
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(site: Path, path: str) -> Path | None:
    """The file a site path is served from, as GitHub Pages resolves it."""
    file = site / unquote(path).lstrip("/")
    for candidate in (file, file / "index.html"):
        if candidate.is_file():
            return candidate
    return None


def check_links(site: Path, added_later: frozenset[str] = frozenset()) -> tuple[int, list[str]]:
    """How many internal links were followed, and 'page: link (reason)' for each that
    leads nowhere."""
    _parse.cache_clear()
    # Links are resolved against the address the site says it is published at (the home page's
    # canonical URL): the 404 page links from the site's root path, as it is served at any depth.
    home = site / "index.html"
    canonical = _parse(home).canonical if home.is_file() else None
    # The folder of that address: an edition without directory URLs names ".../index.html".
    base = urljoin(canonical, ".") if canonical else UNKNOWN_BASE
    root = urlparse(base)
    checked, problems = 0, []
    for page in sorted(site.rglob("*.html")):
        here = urljoin(base, page.relative_to(site).as_posix())
        for link in _parse(page).links:
            url = urlparse(urljoin(here, link))
            if (url.scheme, url.netloc) != (root.scheme, root.netloc):
                continue  # other hosts are the outside-request tests' business
            checked += 1
            path = url.path.removeprefix(root.path)
            # A path outside the site's own folder on its host leads nowhere on GitHub Pages.
            target = _target(site, path) if url.path.startswith(root.path) else None
            if target is None:
                if path not in added_later:
                    problems.append(f"{page.relative_to(site)}: {link} (no such file)")
            elif url.fragment and target.suffix == ".html":
                if unquote(url.fragment) not in _parse(target).ids:
                    problems.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    return checked, problems

"""What a page says about itself: where to edit it and its data, how to cite it, and the
citation tags of a source.

Plain functions: the adapter passes in what MkDocs knows (title, URLs) and the data files the
page's macros drew on (render.DATA_FILES).
"""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from .dataset import Dataset
from .render import escape


@dataclass(frozen=True)
class PageInfo:
    title: str
    site_name: str
    permalink: str | None  # absolute: site_url + the page's URL; None without a site_url
    edit_url: str | None  # MkDocs' page.edit_url; None without a repo_url
    page_file: str  # the page's Markdown file, e.g. "docs/topics/energy.md"
    data_files: list[str]  # e.g. ["data/topics/energy.yml", "data/figures.yml"]
    data_url: str | None  # where data files are shown on GitHub: repo_url/blob/<branch>/
    date: str | None  # ISO date the page or its data last changed; None if unknown


def data_url(repo_url: str | None, edit_uri: str | None) -> str | None:
    """repo_url/blob/<branch>/, on the branch that edit_uri (``edit/<branch>/docs/``) edits."""
    if not repo_url or not edit_uri or not edit_uri.startswith("edit/"):
        return None
    return f"{repo_url.rstrip('/')}/blob/{edit_uri.split('/')[1]}/"


@cache
def commit_dates(root: Path) -> dict[str, str]:
    """Each file under ``root`` (relative path) to the date of the last commit that changed it.

    One ``git log`` for the whole build rather than one per page. Empty when git or the history
    is missing (a copied project, a release tarball).
    """
    try:
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--relative", "--", "."],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    for commit in log.split("\0")[1:]:
        date, *paths = commit.split("\n")
        for path in filter(None, paths):
            dates.setdefault(path, date)  # newest first: keep the first date seen
    return dates


def last_changed(
    dates: dict[str, str], paths: Iterable[str], source_date_epoch: str | None
) -> str | None:
    """When the page last changed: the newest commit date of its files (a path ending in "/"
    covers everything under it). Without history, the date of SOURCE_DATE_EPOCH, the
    reproducible-builds convention for a fixed build date; without either, None. Never the
    wall clock, so that building the same commit twice gives the same pages.
    """
    paths = list(paths)
    found = [
        date
        for path, date in dates.items()
        if any(path == p or (p.endswith("/") and path.startswith(p)) for p in paths)
    ]
    if found:
        return max(found)
    if source_date_epoch:
        return datetime.fromtimestamp(int(source_date_epoch), UTC).date().isoformat()
    return None


def reference(info: PageInfo) -> str:
    """The page as a reference, up to its permalink: "Title." Site. Last changed <date>."""
    title = "" if info.title == info.site_name else f"“{info.title}.” "
    return f"{title}{info.site_name}. " + (f"Last changed {info.date}." if info.date else "n.d.")


def page_footer(info: PageInfo) -> str:
    """Where to edit the page and its data, and how to cite it: HTML appended to the page.

    Left out of the search index, which would otherwise match every page on "cite" or a file name.
    """
    edit = []
    if info.edit_url:
        edit.append(f"Edit the text of this page: {_link(info.edit_url, info.page_file)}.")
    if info.data_url and info.data_files:
        links = ", ".join(_link(info.data_url + path, path) for path in info.data_files)
        edit.append(f"Edit the data for this page: {links}.")
    permalink = (
        f' <a class="page-info__permalink" href="{_attribute(info.permalink)}">{escape(info.permalink)}</a>'
        if info.permalink
        else ""
    )
    return (
        '<div class="page-info" data-search-exclude>'
        + "".join(f'<p class="page-info__edit">{line}</p>' for line in edit)
        # Marked itself too: Material's search would index an excluded block's heading as a
        # section titled with the page's title, which then ranks for every word of that title.
        + '<h2 id="cite-this-page" data-search-exclude>Cite this page</h2>'
        + f'<p class="page-info__citation">{escape(reference(info))}{permalink}</p></div>'
    )


def _link(url: str, text: str) -> str:
    return f'<a href="{_attribute(url)}">{escape(text)}</a>'


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)


# "Name (Affiliation)", the form attributed_author takes in data/sources.yml.
_AFFILIATION = re.compile(r"(?P<name>.+?)(?: \((?P<institution>[^()]+)\))?")


def citation_tags(data: Dataset, page: str) -> list[tuple[str, str]]:
    """Highwire Press ``citation_*`` meta tags for a source page (``sources/<id>.md``), taken
    from data/sources.yml only, for reference managers such as Zotero; none for other pages.

    Left out on purpose: a date we only infer (a tag cannot say "c."), and a journal title for
    kinds that are not articles (their outlet is a series or an unnamed volume).
    """
    kind, _, sid = page.removesuffix(".md").partition("/")
    if kind != "sources" or sid not in data.sources:
        return []
    source = data.sources[sid]
    tags = [("citation_title", source.title)]
    # The text's own authors; failing those, the one publication records name (shown as such).
    authors = source.authors or ([source.attributed_author] if source.attributed_author else [])
    for author in authors:
        match = _AFFILIATION.fullmatch(author)
        tags.append(("citation_author", match["name"]))
        if match["institution"]:
            tags.append(("citation_author_institution", match["institution"]))
    if source.published.status != "inferred":
        tags.append(("citation_publication_date", source.published.sort.replace("-", "/")))
    if source.kind in ("article", "newsletter article"):
        tags.append(("citation_journal_title", source.outlet))
    if source.publisher:
        tags.append(("citation_publisher", source.publisher))
    if source.url:
        tags.append(("citation_public_url", source.url))
    return tags

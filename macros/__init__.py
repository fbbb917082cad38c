"""mkdocs-macros adapter: load the data once per build and register the renderers as macros.

Everything here is MkDocs glue; the work is done in plain modules
(corpus → yamlfile → schema → dataset → render) that the tests call directly.
"""

from __future__ import annotations

import html
import os
from functools import cache
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from . import downloads
from .citation import PageInfo, citation_tags, commit_dates, data_url, last_changed, page_footer
from .dataset import DataError, load
from .render import Renderer, data_files

MACROS = (
    "topic_overview",
    "aspect_matrix",
    "viewpoints",
    "source_profile",
    "source_topics",
    "source_claims",
    "text_map",
    "assessment_matrix",
    "source_list",
    "topic_list",
    "assessment_scale",
    "claim_counts",
    "coverage_table",
    "uncited_list",
    "comparison",
    "topic_figures",
    "figures",
    "timeline",
    "glossary",
    "abbreviations",
    "page_meta",
    "download_list",
    "download_fields",
    "data_reference",
)

# The dataset downloads of the build under way: made with the data in define_env, written into
# the built site by on_post_build (mkdocs-macros offers modules no other place for state that
# pages cannot read).
_downloads: dict[str, bytes] = {}


def define_env(env) -> None:
    try:
        data = load(Path(env.project_dir))
    except DataError as error:
        # A BuildError is printed by MkDocs as it is, without a traceback, and stops the build.
        raise PluginError(f"the data has {len(error.problems)} problem(s):\n{error}") from None

    # One renderer per page (keyed by its source path, as pages are not hashable): it remembers
    # the glossary terms the page has explained.
    @cache
    def page_renderer(src_uri: str, page_url: str) -> Renderer:
        # Cached: a page links to the same few pages hundreds of times (every claim's locator).
        @cache
        def url(target: str) -> str:
            # The downloads are not MkDocs files: on_post_build writes them into the site.
            if not target.startswith(f"{downloads.FOLDER}/"):
                target = env.variables["files"].get_file_from_path(target).url
            return get_relative_url(target, page_url)

        return Renderer(data, url)

    def renderer() -> Renderer:
        return page_renderer(env.page.file.src_uri, env.page.url)

    def call(name: str, *args):
        # Recorded for the page's "Edit the data for this page" links and its date.
        used = env.page.meta.setdefault("data_files", [])
        used += [f for f in data_files(name, *args) if f not in used]
        return getattr(renderer(), name)(*args)

    _downloads.clear()
    _downloads.update(downloads.files(data, env.conf["site_url"] or ""))

    for name in MACROS:
        env.macro(lambda *args, _name=name: call(_name, *args), name)
    env.macro(lambda page: citation_tags(data, page), "citation_tags")
    commit_dates.cache_clear()  # mkdocs serve: a commit since the last build changes dates


def on_pre_page_macros(env) -> None:
    """Topic and source pages take their description (for search engines) and a topic its key
    terms (for the site search) from the data; the page's front matter wins."""
    for key, value in env.macros["page_meta"](env.page.file.src_uri).items():
        if key == "description":
            # Material writes it into an attribute as it is: a '"' or '<' in a title would break out.
            value = html.escape(value, quote=True)
        env.page.meta.setdefault(key, value)
    # Highwire Press tags of a source page, written into <head> by overrides/main.html.
    env.page.meta["citation_tags"] = env.macros["citation_tags"](env.page.file.src_uri)


def on_post_page_macros(env) -> None:
    """Append where to edit and how to cite the page, and the glossary as Markdown abbreviations,
    so terms in hand-written prose get tooltips too."""
    page, config, root = env.page, env.conf, Path(env.project_dir)
    page_file = Path(page.file.abs_src_path).relative_to(root).as_posix()
    files = page.meta.get("data_files", [])
    info = PageInfo(
        title=config["site_name"] if page.is_homepage else page.title,
        site_name=config["site_name"],
        permalink=page.canonical_url,
        edit_url=page.edit_url,
        page_file=page_file,
        data_files=files,
        data_url=data_url(config["repo_url"], config["edit_uri"]),
        date=last_changed(
            commit_dates(root), [page_file, *files], os.environ.get("SOURCE_DATE_EPOCH")
        ),
    )
    env.markdown += "\n\n" + page_footer(info)
    env.markdown += "\n\n" + env.macros["abbreviations"]()


def on_post_build(env) -> None:
    """Write the dataset downloads into the built site, the offline edition's included."""
    folder = Path(env.conf["site_dir"]) / downloads.FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in _downloads.items():
        (folder / name).write_bytes(content)

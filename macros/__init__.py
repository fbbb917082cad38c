"""mkdocs-macros adapter: load the data once per build and register the renderers as macros.

Everything here is MkDocs glue; the work is done in plain modules
(corpus → yamlfile → schema → dataset → render) that the tests call directly.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from .dataset import DataError, load
from .render import Renderer

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
)


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
            return get_relative_url(env.variables["files"].get_file_from_path(target).url, page_url)

        return Renderer(data, url)

    def renderer() -> Renderer:
        return page_renderer(env.page.file.src_uri, env.page.url)

    for name in MACROS:
        env.macro(lambda *args, _name=name: getattr(renderer(), _name)(*args), name)


def on_pre_page_macros(env) -> None:
    """Topic and source pages take their description (for search engines) and a topic its key
    terms (for the site search) from the data; the page's front matter wins."""
    for key, value in env.macros["page_meta"](env.page.file.src_uri).items():
        env.page.meta.setdefault(key, value)


def on_post_page_macros(env) -> None:
    """Append the glossary as Markdown abbreviations, so terms in hand-written prose get tooltips too."""
    env.markdown += "\n\n" + env.macros["abbreviations"]()

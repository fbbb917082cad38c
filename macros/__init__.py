"""mkdocs-macros adapter: load the data once per build and register the renderers as macros.

Everything here is MkDocs glue; the work is done in plain modules
(corpus → yamlfile → schema → dataset → render) that the tests call directly.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from . import downloads
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
    "description",
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

    def renderer() -> Renderer:
        page = env.page

        # Cached: a page links to the same few pages hundreds of times (every claim's locator).
        @cache
        def url(target: str) -> str:
            # The downloads are not MkDocs files: on_post_build writes them into the site.
            if not target.startswith(f"{downloads.FOLDER}/"):
                target = env.variables["files"].get_file_from_path(target).url
            return get_relative_url(target, page.url)

        return Renderer(data, url)

    _downloads.clear()
    _downloads.update(downloads.files(data, env.conf["site_url"] or ""))

    for name in MACROS:
        env.macro(lambda *args, _name=name: getattr(renderer(), _name)(*args), name)


def on_pre_page_macros(env) -> None:
    """Topic and source pages take their description (for search engines) from the data."""
    description = env.macros["description"](env.page.file.src_uri)
    if description and "description" not in env.page.meta:
        env.page.meta["description"] = description


def on_post_page_macros(env) -> None:
    """Append the glossary as Markdown abbreviations, so terms in hand-written prose get tooltips too."""
    env.markdown += "\n\n" + env.macros["abbreviations"]()


def on_post_build(env) -> None:
    """Write the dataset downloads into the built site, the offline edition's included."""
    folder = Path(env.conf["site_dir"]) / downloads.FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in _downloads.items():
        (folder / name).write_bytes(content)

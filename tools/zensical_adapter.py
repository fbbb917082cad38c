"""Trial only: what macros/__init__.py would be under Zensical's own macros extension.

tools/zensical_trial.py puts this file in place of macros/__init__.py in a temporary copy of the
project, to show whether the plain rendering modules run under Zensical once the MkDocs glue is
swapped. The site itself keeps the mkdocs-macros adapter; nothing imports this file there.

Zensical's MacroEnv differs from mkdocs-macros': the module is executed and define_env called
for every page, with env.page (url, path, meta) and env.conf but no files collection, and there
are no on_pre_page_macros / on_post_page_macros hooks.
"""

from __future__ import annotations

import ast
import posixpath
import sys
from pathlib import Path

from .dataset import DataError, Dataset, load
from .render import Renderer

# The trial keeps the original adapter beside this file, as text: it imports mkdocs.
ORIGINAL = Path(__file__).with_name("mkdocs_adapter.py.txt")


def macro_names() -> tuple[str, ...]:
    """The MACROS tuple of the mkdocs-macros adapter, so both register the same names."""
    for node in ast.parse(ORIGINAL.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "MACROS" for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise LookupError(f"no MACROS in {ORIGINAL}")


def dataset(project_dir: str) -> Dataset:
    # Zensical executes this file afresh for every page; the package it imported once through
    # sys.path stays in sys.modules, so the data is loaded once per build there.
    package = sys.modules[__package__].__dict__
    if "_dataset" not in package:
        try:
            package["_dataset"] = load(Path(project_dir))
        except DataError as error:
            raise RuntimeError(f"the data has {len(error.problems)} problem(s):\n{error}") from None
    return package["_dataset"]


def define_env(env) -> None:
    here = posixpath.dirname(env.page.path) if env.page else ""
    # Zensical resolves relative links in a page's HTML as it does Markdown links, from the
    # source file ("../sources/x.md"), to the built URL online and offline alike.
    renderer = Renderer(
        dataset(env.project_dir), lambda target: posixpath.relpath(target, here or ".")
    )
    for name in macro_names():
        env.macro(getattr(renderer, name), name)
    if env.page:
        # The meta dict is shared with the page Zensical renders (only the Page object is copied).
        for key, value in renderer.page_meta(env.page.path).items():
            env.page.meta.setdefault(key, value)

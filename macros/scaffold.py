"""Add a new source with placeholders that pass the checks: ``python -m macros new-source ID FILE``.

The data files are edited as text, appending to them, so their comments and layout stay as
the contributor left them. Nothing is kept unless the data loads afterwards.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .dataset import NOT_ADDRESSED, DataError, load
from .schema import FILES, SLUG

MKDOCS = "mkdocs.yml"


class Refused(Exception):
    """The source cannot be added; the message says why, and nothing was changed."""


def _entry(sid: str) -> str:
    """A sources.yml entry: every field a placeholder that validates and says what to write."""
    return f"""{sid}:
  # TODO: replace every placeholder below (CONTRIBUTING.md, "Add a source", lists the fields).
  label: "TODO ({sid})"  # short name for tables, e.g. Appel (2019); also the page's heading
  authors: ["TODO: author as printed"]  # [] if the text names none; then give attributed_author
  title: "TODO: title as printed"
  outlet: "TODO: series, journal, website or volume"
  publisher: ""  # TODO: institution behind the outlet, if known
  published:
    text: "TODO: date as shown to readers, e.g. July 2019"
    sort: "0000"  # TODO: year or year-month, e.g. "2019-07"
    status: as printed  # TODO: as printed, attributed or inferred
  kind: article  # TODO: policy memo, article, essay, newsletter article or book chapter
  url: ""  # TODO: address of the original
  text: sources/{sid}.txt
  thesis: "TODO: one paragraph, in our words, on the source's argument."
  overall: {NOT_ADDRESSED}  # TODO: an id from data/assessments.yml
  overall_rationale: "TODO: one sentence on why that overall assessment."
"""


def _appended(text: str, addition: str) -> str:
    return text + ("" if not text or text.endswith("\n") else "\n") + addition


def _with_viewpoint(name: str, text: str, sid: str) -> str:
    """``text`` with a not-addressed viewpoint for ``sid`` after the last line of its viewpoints."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"viewpoints:\s*$", line)), None)
    if start is None:
        raise Refused(f"{name}: no 'viewpoints:' block to add the source to")
    last, indent = start, ""
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip() or line.startswith("#"):
            continue  # a comment in the first column may belong to the next field
        if not line[0].isspace():
            break  # the next top-level field
        last, indent = i, indent or line[: len(line) - len(line.lstrip())]
    indent = indent or "  "
    viewpoint = (
        f"{indent}{sid}:\n"
        f"{indent * 2}assessment: {NOT_ADDRESSED}\n"
        f'{indent * 2}rationale: "TODO: confirm the text does not discuss this topic, '
        'or give its viewpoint instead."\n'
    )
    head = "".join(lines[: last + 1])
    return _appended(head, viewpoint) + "".join(lines[last + 1 :])


def _with_nav_entry(text: str, sid: str) -> str | None:
    """mkdocs.yml with the source's page after the last source page of the nav, if it lists them."""
    lines = text.splitlines(keepends=True)
    listed = [i for i, line in enumerate(lines) if re.match(r"\s*- sources/[^/]+\.md\s*$", line)]
    if not listed:
        return None
    line = lines[listed[-1]]
    entry = line[: len(line) - len(line.lstrip())] + f"- sources/{sid}.md\n"
    return _appended("".join(lines[: listed[-1] + 1]), entry) + "".join(lines[listed[-1] + 1 :])


def _page(root: Path, model: str, sid: str, label: str) -> str:
    """The new source's page, modelled on the page of the first source."""
    page = (root / f"docs/sources/{model}.md").read_text(encoding="utf-8")
    heading, rest = page.split("\n", 1)
    return f"# {label}\n{rest.replace(model, sid)}" if heading.startswith("# ") else page


def new_source(root: Path, sid: str, text_file: Path) -> list[str]:
    """Add source ``sid`` with the text in ``text_file``; return the files written, relative to ``root``.

    Raises :class:`Refused`, having changed nothing, if the id is not a valid slug or is taken,
    if the file is missing, or if the data would not load afterwards.
    """
    if not re.fullmatch(SLUG, sid):
        raise Refused(
            f"{sid!r} is not a valid id: lowercase letters and digits in words joined by "
            "single hyphens, e.g. smith-2020"
        )
    if not text_file.is_file():
        raise Refused(f"no such file: {text_file}")
    try:
        text = text_file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise Refused(f"{text_file} is not UTF-8 text") from None
    sources_yml = FILES["sources"][0]
    sources = yaml.safe_load((root / sources_yml).read_text(encoding="utf-8")) or {}
    if not sources:
        raise Refused(f"{sources_yml} has no source whose page the new page can follow")
    taken = [
        name for name in (f"sources/{sid}.txt", f"docs/sources/{sid}.md") if (root / name).exists()
    ]
    if sid in sources or taken:
        where = ", ".join(([sources_yml] if sid in sources else []) + taken)
        raise Refused(f"source {sid!r} already exists ({where})")

    label = f"TODO ({sid})"
    changes = {
        f"sources/{sid}.txt": text,
        sources_yml: _appended((root / sources_yml).read_text(encoding="utf-8"), _entry(sid)),
        f"docs/sources/{sid}.md": _page(root, next(iter(sources)), sid, label),
    }
    for path in sorted(root.glob(FILES["topic"][0])):
        name = path.relative_to(root).as_posix()
        changes[name] = _with_viewpoint(name, path.read_text(encoding="utf-8"), sid)
    if (root / MKDOCS).is_file():
        nav = _with_nav_entry((root / MKDOCS).read_text(encoding="utf-8"), sid)
        if nav is not None:
            changes[MKDOCS] = nav

    originals = {
        name: (root / name).read_text(encoding="utf-8") if (root / name).exists() else None
        for name in changes
    }
    for name, content in changes.items():
        (root / name).write_text(content, encoding="utf-8")
    try:
        load(root)
    except DataError as error:
        for name, content in originals.items():
            if content is None:
                (root / name).unlink()
            else:
                (root / name).write_text(content, encoding="utf-8")
        raise Refused(
            f"the data would not pass the checks, so nothing was changed:\n{error}"
        ) from None
    return list(changes)

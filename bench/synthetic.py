"""A copy of the project with k times the data, and the same pages as plain Markdown.

Scale k multiplies sources and topics by √k each (rounded), so claims grow k-fold while every
topic still has a viewpoint from every source. Synthetic topic t is copy ``t // 11`` of real topic
``t % 11`` and synthetic source j is a copy of real source ``j % 5``: the real YAML and pages are
the templates. Copy c ≥ 1 of a topic quotes copy c of its source's text, in which every word of
four letters or more carries a suffix naming c; the same suffix is put on the quotes, so each one
is found verbatim, once, by the project's own validation. At k = 1 the copy is the real data.
"""

from __future__ import annotations

import math
import re
import shutil
import string
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.dataset import load
from macros.render import source_page, topic_page

REAL_SOURCES = 5
REAL_TOPICS = 11
#: What a project holds besides its data and texts; copied as they are.
PROJECT_FILES = ("mkdocs.yml", "overrides", "macros", "docs")
_CACHE = shutil.ignore_patterns("__pycache__")
_WORD = re.compile(r"(?<![A-Za-z])([A-Za-z]{4,})(?![A-Za-z])")
#: An MkDocs hook that writes each page's Markdown as the macros plugin leaves it.
CAPTURE_HOOK = """
from pathlib import Path

import yaml

OUT = Path(__file__).parent / "rendered"


def on_page_markdown(markdown, page, config, files):
    front = "---\\n" + yaml.safe_dump(page.meta, allow_unicode=True) + "---\\n\\n" if page.meta else ""
    path = OUT / page.file.src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(front + markdown, encoding="utf-8")
"""


@dataclass(frozen=True)
class Counts:
    sources: int
    topics: int
    claims: int


def _suffix(copy: int) -> str:
    """Copy 0 is the original; copies 1, 2, … are marked b, c, …, ba, bb, …"""
    if copy == 0:
        return ""
    letters = ""
    while copy:
        copy, digit = divmod(copy, 26)
        letters = string.ascii_lowercase[digit] + letters
    return letters


def marked(text: str, copy: int) -> str:
    """The text of one copy: every word of four letters or more with the copy's suffix."""
    suffix = _suffix(copy)
    return _WORD.sub(lambda m: m.group(1) + suffix, text) if suffix else text


def _copy_id(real: str, copy: int) -> str:
    return real if copy == 0 else f"{real}-{copy + 1}"


def _dump(path: Path, value: object) -> None:
    path.write_text(
        yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )


def generate(real_root: Path, scale: int, root: Path) -> Counts:
    """Write at ``root`` a complete project with ``scale`` times the data of ``real_root``."""
    n_sources = round(REAL_SOURCES * math.sqrt(scale))
    n_topics = round(REAL_TOPICS * math.sqrt(scale))
    real = load(real_root)
    real_sources, real_topics = list(real.sources), list(real.topics)
    raw_sources = yaml.safe_load((real_root / "data/sources.yml").read_text(encoding="utf-8"))
    raw_topics = {
        slug: yaml.safe_load((real_root / f"data/topics/{slug}.yml").read_text(encoding="utf-8"))
        for slug in real_topics
    }
    text_copies = math.ceil(n_topics / REAL_TOPICS)

    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for name in PROJECT_FILES:
        if (real_root / name).is_dir():
            shutil.copytree(real_root / name, root / name, ignore=_CACHE)
        else:
            shutil.copy(real_root / name, root / name)
    shutil.copytree(real_root / "data", root / "data", ignore=shutil.ignore_patterns("topics"))
    (root / "data/topics").mkdir()
    (root / "sources").mkdir()

    sources = {}  # synthetic id -> (real id, copy of the source)
    for j in range(n_sources):
        rid = real_sources[j % REAL_SOURCES]
        sources[_copy_id(rid, j // REAL_SOURCES)] = rid
    topics = {}  # synthetic slug -> (real slug, copy of the topic = copy of the texts it quotes)
    for t in range(n_topics):
        slug = real_topics[t % REAL_TOPICS]
        topics[_copy_id(slug, t // REAL_TOPICS)] = (slug, t // REAL_TOPICS)

    source_data = {}
    for sid, rid in sources.items():
        entry = dict(raw_sources[rid], text=f"sources/{sid}.txt")
        if sid != rid:
            entry["label"] = f"{entry['label']} {sid.rsplit('-', 1)[1]}"
        source_data[sid] = entry
        text = (real_root / real.sources[rid].text).read_text(encoding="utf-8")
        (root / entry["text"]).write_text(
            "\n\n".join(marked(text, c) for c in range(text_copies)), encoding="utf-8"
        )
    _dump(root / "data/sources.yml", source_data)
    if scale != 1:
        # Paragraph numbers of the uncited list no longer hold in the longer texts.
        _dump(root / "data/uncited.yml", {})

    claims = 0
    for slug, (real_slug, copy) in topics.items():
        topic = raw_topics[real_slug]
        homes = {t for t, (_, c) in topics.items() if c == copy}
        viewpoints = {}
        for sid, rid in sources.items():
            viewpoint = dict(topic["viewpoints"][rid])
            viewpoint["claims"] = [
                dict(c, id=_copy_id(c["id"], copy), quote=marked(c["quote"], copy))
                for c in viewpoint.get("claims", [])
            ]
            viewpoint["shared_claims"] = [
                dict(s, claim=_copy_id(s["claim"], copy))
                for s in viewpoint.get("shared_claims", [])
                if _copy_id(real.homes[(rid, s["claim"])], copy) in homes
            ]
            claims += len(viewpoint["claims"])
            viewpoints[sid] = viewpoint
        comparison = {
            kind: [
                dict(g, claims=refs)
                for g in topic.get("comparison", {}).get(kind, [])
                for refs in [_copied_refs(real, g["claims"], copy, homes)]
                if len({r.split("/")[0] for r in refs}) >= 2
            ]
            for kind in ("agree", "disagree")
        }
        comparison["none"] = topic.get("comparison", {}).get("none", "")
        _dump(
            root / f"data/topics/{slug}.yml",
            dict(
                topic,
                title=topic["title"] + (f" {copy + 1}" if copy else ""),
                order=topic["order"] + 100 * copy,
                viewpoints=viewpoints,
                comparison=comparison,
            ),
        )

    _write_pages(real_root, root, "topics", {s: r for s, (r, _) in topics.items()}, topic_page)
    _write_pages(real_root, root, "sources", sources, source_page)
    return Counts(len(sources), len(topics), claims)


def _copied_refs(real, refs: list[str], copy: int, homes: set[str]) -> list[str]:
    """A comparison's claims in topic copy ``copy``, keeping those whose home topic is copied too."""
    out = []
    for ref in refs:
        rid, claim = ref.split("/")
        if _copy_id(real.homes[(rid, claim)], copy) in homes:
            out.append(f"{rid}/{_copy_id(claim, copy)}")
    return out


def _write_pages(real_root: Path, root: Path, folder: str, ids: dict[str, str], page) -> None:
    """A page per synthetic id from its real page, its macro calls pointed at the copy, and the nav."""
    for new, old in ids.items():
        text = (real_root / "docs" / page(old)).read_text(encoding="utf-8")
        (root / "docs" / page(new)).write_text(text.replace(f'"{old}"', f'"{new}"'), "utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    listed = re.compile(rf"^( +- ){folder}/[a-z0-9-]+\.md\n", re.MULTILINE)
    indent = listed.search(config).group(1)
    heading = f"  - {folder.title()}:\n"
    entries = "".join(f"{indent}{page(i)}\n" for i in ids)
    config = listed.sub("", config).replace(heading, heading + entries, 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")


def capture_config(root: Path) -> Path:
    """A config that builds like mkdocs.yml and also writes each page's rendered Markdown."""
    (root / "capture_hook.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    path = root / "mkdocs.capture.yml"
    path.write_text("INHERIT: mkdocs.yml\nhooks:\n  - capture_hook.py\n", encoding="utf-8")
    return path


def plain_project(root: Path, plain: Path) -> None:
    """The baseline: the Markdown captured from ``root`` as plain pages, built without macros."""
    shutil.rmtree(plain, ignore_errors=True)
    shutil.copytree(root / "docs", plain / "docs", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(root / "rendered", plain / "docs", dirs_exist_ok=True)
    shutil.copytree(root / "overrides", plain / "overrides")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config, removed = re.subn(r"^  - macros:\n(?:      .*\n)+", "", config, flags=re.MULTILINE)
    assert removed == 1, "mkdocs.yml no longer lists the macros plugin as expected"
    config = re.sub(r"^watch:\n(?:  - .*\n)+", "", config, flags=re.MULTILINE)
    (plain / "mkdocs.yml").write_text(config, encoding="utf-8")

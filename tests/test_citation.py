"""Where to edit a page and its data, how to cite it, and a source's citation tags."""

import html
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import edit, mkdocs_build

import macros
from macros.citation import (
    PageInfo,
    citation_tags,
    commit_dates,
    data_url,
    last_changed,
    page_footer,
    reference,
)
from macros.dataset import load
from macros.render import DATA_FILES, data_files

ENERGY = PageInfo(
    title="Energy",
    site_name="Russia–China Viewpoints",
    permalink="https://example.org/site/topics/energy/",
    edit_url="https://github.com/o/r/edit/main/docs/topics/energy.md",
    page_file="docs/topics/energy.md",
    data_files=["data/topics/energy.yml", "data/figures.yml"],
    data_url="https://github.com/o/r/blob/main/",
    date="2026-11-20",
)


def test_every_macro_declares_the_data_it_draws_on():
    assert set(DATA_FILES) == set(macros.MACROS)


def test_data_files_fill_in_the_macro_argument():
    assert data_files("viewpoints", "energy") == ["data/topics/energy.yml"]
    assert data_files("text_map", "appel-2019") == ["sources/appel-2019.txt", "data/uncited.yml"]
    assert data_files("abbreviations") == []


def test_data_url_follows_the_branch_edit_uri_names():
    assert (
        data_url("https://github.com/o/r/", "edit/trunk/docs/")
        == "https://github.com/o/r/blob/trunk/"
    )
    assert data_url(None, "edit/main/docs/") is None
    assert data_url("https://github.com/o/r", None) is None


def test_last_changed_is_the_newest_commit_of_the_page_and_its_data():
    dates = {
        "docs/topics/energy.md": "2026-01-05",
        "data/topics/energy.yml": "2026-03-01",
        "data/topics/arms.yml": "2026-09-09",
        "data/figures.yml": "2026-02-02",
    }
    assert last_changed(dates, ["docs/topics/energy.md", "data/topics/energy.yml"], None) == (
        "2026-03-01"
    )
    # A folder stands for every file under it.
    assert last_changed(dates, ["docs/index.md", "data/topics/"], None) == "2026-09-09"


def test_without_history_the_date_is_source_date_epoch_or_none():
    assert last_changed({}, ["docs/index.md"], "1700000000") == "2023-11-14"
    assert last_changed({"other.md": "2026-01-01"}, ["docs/index.md"], None) is None


def test_commit_dates_reads_the_last_commit_of_each_file(tmp_path):
    def commit(name: str, day: str) -> None:
        (tmp_path / name).write_text(day)
        date = f"{day}T12:00:00+00:00"
        env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        for args in (["add", name], ["commit", "-qm", name]):
            subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True)

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "config", "user.email", "t@example.org"], cwd=tmp_path, check=True)
    subprocess.run(["git", "config", "user.name", "T"], cwd=tmp_path, check=True)
    commit("a.md", "2025-01-01")
    commit("b.md", "2025-02-01")
    commit("a.md", "2025-03-01")
    assert commit_dates(tmp_path) == {"a.md": "2025-03-01", "b.md": "2025-02-01"}


def test_commit_dates_is_empty_outside_a_repository(tmp_path):
    assert commit_dates(tmp_path) == {}


def citation(footer: str) -> str:
    """The citation as a reader copies it: its text, markup removed."""
    paragraph = footer.split('<p class="page-info__citation">', 1)[1].split("</p>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", "", paragraph))


def test_citation_names_page_site_date_and_permalink():
    assert citation(page_footer(ENERGY)) == (
        "“Energy.” Russia–China Viewpoints. Last changed 2026-11-20. "
        "https://example.org/site/topics/energy/"
    )
    assert f'<a class="page-info__permalink" href="{ENERGY.permalink}">' in page_footer(ENERGY)


def test_home_page_citation_names_the_site_once_and_says_when_undated():
    home = PageInfo(**{**ENERGY.__dict__, "title": ENERGY.site_name, "date": None})
    assert reference(home) == "Russia–China Viewpoints. n.d."


def test_footer_links_the_page_file_and_each_data_file():
    footer = page_footer(ENERGY)
    assert footer.startswith('<div class="page-info" data-search-exclude>')
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer)
    assert links == [
        (ENERGY.edit_url, "docs/topics/energy.md"),
        ("https://github.com/o/r/blob/main/data/topics/energy.yml", "data/topics/energy.yml"),
        ("https://github.com/o/r/blob/main/data/figures.yml", "data/figures.yml"),
    ]


def test_footer_without_repository_or_data_has_no_edit_links():
    bare = PageInfo(**{**ENERGY.__dict__, "edit_url": None, "data_url": None})
    assert "Edit" not in page_footer(bare)
    assert "Edit the data" not in page_footer(PageInfo(**{**ENERGY.__dict__, "data_files": []}))


def test_footer_escapes_the_title():
    footer = page_footer(PageInfo(**{**ENERGY.__dict__, "title": "<script>x</script> {{ y }}"}))
    assert "<script>" not in footer and "{{" not in footer
    assert "&#60;script&#62;x" in footer


@pytest.fixture(scope="module")
def data():
    return load(Path(__file__).resolve().parent.parent)


def tags(data, page: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in citation_tags(data, page):
        found.setdefault(name, []).append(value)
    return found


def test_citation_tags_of_a_source_with_printed_authors_and_date(data):
    assert tags(data, "sources/appel-2019.md") == {
        "citation_title": [
            "Are Xi Jinping and Vladimir Putin Partners? Interpreting the Russia-China Rapprochement"
        ],
        "citation_author": ["Hilary Appel"],
        "citation_publication_date": ["2019/07"],
        "citation_publisher": [
            "PONARS Eurasia, Institute for European, Russian and Eurasian Studies, "
            "George Washington University"
        ],
        "citation_public_url": [
            "https://www.ponarseurasia.org/are-xi-jinping-and-vladimir-putin-partners-"
            "interpreting-the-russia-china-rapprochement/"
        ],
    }


def test_citation_tags_use_the_attributed_author_and_leave_out_an_inferred_date(data):
    aron = tags(data, "sources/aron-2019.md")
    assert aron["citation_author"] == ["Leon Aron"]
    assert aron["citation_author_institution"] == ["American Enterprise Institute"]
    assert aron["citation_journal_title"] == ["Foreign Affairs (attributed)"]
    assert "citation_publication_date" not in tags(data, "sources/kaczmarek-2017.md")


def test_only_source_pages_have_citation_tags(data):
    assert citation_tags(data, "topics/energy.md") == []
    assert citation_tags(data, "index.md") == []


def test_built_source_page_escapes_its_citation_tags_and_dates_from_source_date_epoch(
    project, monkeypatch
):
    """The fixture project has no git history, repo_url or site_url: no edit links, no
    permalink, and the date SOURCE_DATE_EPOCH gives."""
    title = '<script>alert(1)</script> "q" & {{ y }}'
    edit(project / "data/sources.yml", "title: A Test Memo", f"title: '{title}'")
    edit(
        project / "mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: overrides\n"
    )
    (project / "overrides").mkdir()
    (project / "overrides/main.html").write_text(
        (Path(macros.__file__).parent.parent / "overrides/main.html").read_text()
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site/sources/alpha/index.html").read_text(encoding="utf-8")
    contents = re.findall(r'<meta name="citation_title" content="([^"]*)">', page)
    assert [html.unescape(c) for c in contents] == [title]
    assert "<script>alert" not in page
    assert "Last changed 1970-01-02." in page
    assert "page-info__permalink" not in page and "Edit the" not in page

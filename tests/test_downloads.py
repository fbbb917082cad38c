"""The dataset downloads: they parse, hold every claim once, and link to anchors that exist."""

import csv
import io
import json
from pathlib import Path
from urllib.parse import urlparse

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from conftest import FIXTURE, REPO, edit, mkdocs_build

from macros.dataset import load
from macros.downloads import DESCRIPTIONS, FOLDER, TABLES, bibtex_escape, files
from macros.render import escape

URL = "https://example.org/rcv/"
NEEDED = {
    "claim",
    "source",
    "source_title",
    "topic",
    "aspect",
    "assessment",
    "paraphrase",
    "quote",
    "paragraphs",
    "permalink",
}


@pytest.fixture(scope="module", params=[REPO, FIXTURE], ids=["real", "fixture"])
def built(request):
    data = load(request.param)
    return data, files(data, URL)


def _rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))


def _claim_count(data) -> int:
    return sum(len(data.defined_claims(sid)) for sid in data.sources)


def test_json_holds_every_source_topic_viewpoint_and_claim(built):
    data, downloads = built
    dataset = json.loads(downloads["dataset.json"])
    assert dataset["schema_version"] == 1
    assert "CC BY 4.0" in dataset["licence"]
    assert list(dataset["sources"]) == list(data.sources)
    assert list(dataset["topics"]) == list(data.topics)
    for slug, topic in dataset["topics"].items():
        # Silent sources included: every topic has a viewpoint from every source.
        assert list(topic["viewpoints"]) == list(data.sources), slug
    claims = [
        claim
        for topic in dataset["topics"].values()
        for viewpoint in topic["viewpoints"].values()
        for claim in viewpoint["claims"]
    ]
    assert len(claims) == _claim_count(data)
    assert all(claim["permalink"].startswith(URL + "topics/") for claim in claims)
    assert len(dataset["figures"]) == len(data.figures)
    assert len(dataset["events"]) == len(data.events)
    assert len(dataset["glossary"]) == len(data.glossary)


def test_claims_csv_has_one_row_per_claim(built):
    data, downloads = built
    rows = _rows(downloads["claims.csv"])
    assert NEEDED <= set(rows[0])
    assert len(rows) == _claim_count(data)
    assert len({row["claim"] for row in rows}) == len(rows)
    for row in rows:
        source, claim = row["claim"].split("/")
        assert data.homes[(source, claim)] == row["topic"]
        assert row["permalink"] == f"{URL}topics/{row['topic']}/#{source}-{claim}"
        assert row["paragraphs"] and row["quote"] and row["paraphrase"]


def test_viewpoints_csv_has_a_row_for_every_source_on_every_topic(built):
    data, downloads = built
    rows = _rows(downloads["viewpoints.csv"])
    assert [(r["topic"], r["source"]) for r in rows] == [
        (slug, sid) for slug in data.topics for sid in data.sources
    ]
    silent = [r for r in rows if r["assessment"] == "not-addressed"]
    assert silent and all(r["claims"] == "0" for r in silent)


def test_figures_and_events_csv_have_a_row_per_report_and_mention(built):
    data, downloads = built
    figures, events = _rows(downloads["figures.csv"]), _rows(downloads["events.csv"])
    assert len(figures) == sum(len(f.reports) for f in data.figures.values())
    assert len(events) == sum(len(e.mentions) for e in data.events.values())
    for row in figures + events:
        assert row["quote"] and row["paragraphs"] and row["source"] in data.sources


def test_bibtex_parses_into_one_entry_per_source(built):
    data, downloads = built
    library = bibtexparser.parse_string(downloads["sources.bib"].decode("utf-8"))
    assert library.failed_blocks == []
    assert [entry.key for entry in library.entries] == list(data.sources)
    for entry in library.entries:
        source = data.sources[entry.key]
        assert entry.fields_dict["title"].value == bibtex_escape(source.title)
        assert ("author" in entry.fields_dict) == bool(source.authors), entry.key
        assert entry.fields_dict["date"].value.startswith(source.published.sort[:4])


def test_real_bibtex_has_the_five_sources():
    library = bibtexparser.parse_string(files(load(REPO), URL)["sources.bib"].decode("utf-8"))
    assert [e.key for e in library.entries] == [
        "appel-2019",
        "taussig-2018",
        "aron-2019",
        "asif-2021",
        "kaczmarek-2017",
    ]
    assert library.entries[0].fields_dict["author"].value == "Hilary Appel"
    assert "author" not in library.entries[2].fields_dict  # the text names no author


def test_csl_json_items_have_id_type_title_author_and_date(built):
    data, downloads = built
    items = json.loads(downloads["sources.csl.json"])
    assert [item["id"] for item in items] == list(data.sources)
    for item in items:
        source = data.sources[item["id"]]
        assert item["type"] and item["title"] == source.title
        assert item.get("author", []) == [{"literal": name} for name in source.authors]
        year = item["issued"]["date-parts"][0][0]
        assert str(year) == source.published.sort[:4]
        assert item["issued"].get("circa", False) == (source.published.status == "inferred")


AWKWARD = 'He said "no, never",\nthen left. <script>alert(1)</script> {{ x }} a|b'


def test_awkward_values_round_trip_through_csv_and_json(project):
    edit(project / "data/topics/energy.yml", "Russia sought Chinese capital.", json.dumps(AWKWARD))
    downloads = files(load(project), URL)
    [row] = [r for r in _rows(downloads["claims.csv"]) if r["claim"] == "alpha/investment"]
    assert row["paraphrase"] == AWKWARD
    claims = json.loads(downloads["dataset.json"])["topics"]["energy"]["viewpoints"]["alpha"]
    assert claims["claims"][1]["paraphrase"] == AWKWARD


def test_bibtex_escapes_latex_special_characters(project):
    title = r"Oil & Gas: 100% {Braced} $5 #1 snake_case back\slash ~ – Ünïcode"
    edit(project / "data/sources.yml", "title: A Test Memo", f"title: {json.dumps(title)}")
    bib = files(load(project), URL)["sources.bib"].decode("utf-8")
    assert r"Oil \& Gas: 100\% \{Braced\} \$5 \#1 snake\_case back\textbackslash{}slash" in bib
    library = bibtexparser.parse_string(bib, append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == [] and len(library.entries) == 2
    assert library.entries[0].fields_dict["title"].value == title
    assert bibtex_escape("x^y") == r"x\textasciicircum{}y"


def _json_permalinks(node) -> list[str]:
    if isinstance(node, dict):
        own = [node["permalink"]] if "permalink" in node else []
        return own + [link for value in node.values() for link in _json_permalinks(value)]
    if isinstance(node, list):
        return [link for value in node for link in _json_permalinks(value)]
    return []


def test_permalinks_lead_to_anchors_in_the_built_pages(site):
    dataset = json.loads((site / FOLDER / "dataset.json").read_text("utf-8"))
    base = dataset["site_url"]
    links = _json_permalinks(dataset["topics"]) + [
        row["permalink"] for name in TABLES for row in _rows((site / FOLDER / name).read_bytes())
    ]
    assert len(links) > 2 * _claim_count(load(REPO))  # every claim in both files, and more
    for link in links:
        assert link.startswith(base), link
        url = urlparse(link.removeprefix(base))
        page = (site / url.path / "index.html").read_text("utf-8")
        assert f'id="{url.fragment}"' in page, link


def test_data_page_links_every_download_and_describes_every_column(site):
    page = (site / "data/index.html").read_text("utf-8")
    for name in DESCRIPTIONS:
        assert f'href="../{FOLDER}/{name}"' in page, name
        assert (site / FOLDER / name).is_file(), name
    for table in TABLES.values():
        for column in table.columns:
            assert f"<code>{escape(column.name)}</code>" in page, column.name
    home = (site / "index.html").read_text("utf-8")
    assert 'href="data/"' in home


def _build_downloads(project: Path, out: Path) -> dict[str, bytes]:
    result = mkdocs_build(project, "--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    return {p.name: p.read_bytes() for p in sorted((out / FOLDER).iterdir())}


def test_two_builds_give_identical_downloads_offline_edition_included(project, tmp_path):
    online = _build_downloads(project, tmp_path / "online")
    # Another process (another hash seed), and the offline edition (as OFFLINE=true builds it).
    edit(project / "mkdocs.yml", "  - search\n", "  - search\n  - offline\n")
    offline = _build_downloads(project, tmp_path / "offline")
    assert (tmp_path / "offline/index.html").is_file() and not (
        tmp_path / "offline/topics/energy/index.html"
    ).exists()
    assert set(online) == set(DESCRIPTIONS)
    assert online == offline


def test_csl_json_renders_a_bibliography_in_a_csl_processor(built):
    # citeproc-py reads the items as Zotero or Pandoc would and formats them in a bundled style.
    data, downloads = built
    items = json.loads(downloads["sources.csl.json"])
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    entries = [str(entry) for entry in bibliography.bibliography()]
    assert len(entries) == len(data.sources)
    for source in data.sources.values():
        assert sum(source.title in entry for entry in entries) == 1, source.title

"""The real data and the real site: everything validates, every page shows every source."""

import html
import re
import subprocess

import html5lib
import pytest
from conftest import REPO
from mkdocs.config import load_config

from audit.links import ADDED_BY_MAKE_PAGES, check_links
from macros.coverage import TARGET, coverage
from macros.dataset import load
from macros.render import DATA_FILES

FIRST_TOPICS = ["energy", "arms", "central-asia", "arctic", "global-governance"]


@pytest.fixture(scope="module")
def data():
    return load(REPO)


def test_every_topic_has_a_viewpoint_from_every_source(data):
    for slug, topic in data.topics.items():
        assert list(topic.viewpoints) == list(data.sources), slug


def test_required_topics_exist(data):
    required = FIRST_TOPICS + [
        "trade-investment",
        "leaders-regimes",
        "west-factor",
        "territory-history",
        "east-asia",
    ]
    assert set(required) <= set(data.topics)
    assert len(data.topics) >= 10


def test_first_five_topics_hold_at_least_150_verified_quotes(data):
    quotes = sum(
        len(data.topics[t].viewpoints[s].claims) for t in FIRST_TOPICS for s in data.sources
    )
    assert quotes >= 150
    # Loading succeeded, so each one was found verbatim in its source text.
    assert len(data.locations) == sum(len(data.defined_claims(s)) for s in data.sources)


@pytest.mark.parametrize(
    "source", ["appel-2019", "taussig-2018", "aron-2019", "asif-2021", "kaczmarek-2017"]
)
def test_coverage_meets_target_with_no_gaps(data, source):
    report = coverage(data, source)
    assert not report.gaps, [f"¶{p.number}: {p.opening}" for p in report.gaps]
    assert report.percent >= TARGET


def test_strict_build_has_no_warning(site):
    assert (site / "index.html").is_file()


@pytest.mark.parametrize(
    "slug",
    FIRST_TOPICS
    + [
        "trade-investment",
        "leaders-regimes",
        "west-factor",
        "territory-history",
        "east-asia",
        "alliance-outlook",
    ],
)
def test_topic_page_shows_all_sources_and_every_claim(site, data, slug):
    page = (site / "topics" / slug / "index.html").read_text(encoding="utf-8")
    for sid in data.sources:
        assert re.search(rf'<h2 id="{sid}">', page), sid
    assert page.count('class="glance__card"') == len(data.sources)
    entries = [e for sid in data.sources for e in data.entries(slug, sid)]
    for entry in entries:
        assert page.count(f'id="{entry.anchor}"') == 1, entry.anchor
    assert page.count("<blockquote") == len(entries)


def test_quote_elements_are_used_only_for_quotes(site, data):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert html.count("<blockquote") == html.count('<blockquote class="claim__quote">'), page
        if page.parent.name != "timeline":
            assert "<q>" not in html and "<q " not in html, page
    timeline = (site / "timeline/index.html").read_text(encoding="utf-8")
    assert timeline.count("<q>") == sum(len(e.mentions) for e in data.events.values())


def test_no_page_loads_anything_from_another_host(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|img|iframe)[^>]+src="(https?:)?//', html), page
        # A canonical link names the page's own address; the browser fetches nothing from it.
        assert not re.search(r'<link(?![^>]*rel="canonical")[^>]+href="(https?:)?//', html), page
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_locators_link_to_the_paragraph_on_the_source_page(site, data):
    page = (site / "topics/energy/index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="\.\./\.\./sources/([a-z0-9-]+)/#p(\d+)"', page))
    assert links
    for sid, number in links:
        source_page = (site / "sources" / sid / "index.html").read_text(encoding="utf-8")
        assert f'<tr id="p{number}">' in source_page


def test_figures_page_has_a_chart_and_a_verified_quote_per_value(site, data):
    page = (site / "figures/index.html").read_text(encoding="utf-8")
    assert len(data.figures) >= 10
    for fid, figure in data.figures.items():
        section = page.split(f'<section class="figure" id="{fid}">', 1)[1].split("</section>", 1)[0]
        assert section.count('<svg class="chart" role="img"') == 1, fid
        assert f'<title id="{fid}-chart-title">' in section, fid
        assert section.count('<blockquote class="claim__quote">') == len(figure.reports), fid
        assert len({r.source for r in figure.reports}) >= 2, fid


def test_each_figure_is_linked_from_its_topic_pages(site, data):
    for fid, figure in data.figures.items():
        for slug in figure.topics:
            page = (site / "topics" / slug / "index.html").read_text(encoding="utf-8")
            assert f'figures/#{fid}"' in page, (fid, slug)


def test_timeline_lists_every_event_in_date_order_within_periods(site, data):
    page = (site / "timeline/index.html").read_text(encoding="utf-8")
    for eid in data.events:
        assert page.count(f'<li class="event" id="{eid}">') == 1, eid
    for period in re.findall(r'<ol class="timeline">(.*?)</ol>', page, re.S):
        dates = re.findall(r'<time datetime="([\d-]+)">', period)
        assert dates == sorted(dates)


def test_home_matrix_is_a_real_table_with_text_labels(site, data):
    page = (site / "index.html").read_text(encoding="utf-8")
    table = page.split('<table class="overview">', 1)[1].split("</table>", 1)[0]
    assert (
        table.count('<th scope="row">') == len(data.topics) + 1
    )  # one per topic and the overall row
    assert table.count('class="assessment assessment--') == (len(data.topics) + 1) * len(
        data.sources
    )
    labels = set(re.findall(r'class="assessment assessment--[a-z-]+">([^<]+)</span>', table))
    assert (
        labels <= {a.label for a in data.assessments.values()} and labels
    )  # colour always comes with its words


def test_topics_show_agreement_and_disagreement_or_say_why_not(site, data):
    for slug, topic in data.topics.items():
        speaking = [s for s, v in topic.viewpoints.items() if v.assessment != "not-addressed"]
        if len(speaking) >= 2:
            assert (
                topic.comparison.agree and topic.comparison.disagree
            ) or topic.comparison.none, slug
        page = (site / "topics" / slug / "index.html").read_text(encoding="utf-8")
        assert 'id="where-the-sources-agree"' in page and 'id="where-they-disagree"' in page
        assert page.count('class="comparison comparison--agree"') == len(topic.comparison.agree)
        assert page.count('class="comparison comparison--disagree"') == len(
            topic.comparison.disagree
        )


@pytest.mark.parametrize(
    "page, term",
    [
        ("topics/arms", "S-400"),
        ("topics/arms", "Su-35"),
        ("topics/energy", "Power of Siberia"),
        ("topics/central-asia", "SCO"),
    ],
)
def test_glossary_terms_show_their_meaning_as_tooltips(site, data, page, term):
    html = (site / page / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<abbr title="[^"]+">{re.escape(term)}</abbr>', html), term


def test_glossary_terms_in_hand_written_prose_get_tooltips(site):
    html = (site / "topics/energy/index.html").read_text(encoding="utf-8")
    prose = html.split("The sources that discuss energy", 1)[1].split("</p>", 1)[0]
    assert "<abbr title=" in prose


def test_glossary_page_lists_every_term(site, data):
    html = (site / "glossary/index.html").read_text(encoding="utf-8")
    assert len(data.glossary) >= 40
    assert html.count('<tr id="term-') == len(data.glossary)


def test_every_page_has_a_description_of_its_own(site):
    descriptions = {}
    for page in site.rglob("index.html"):
        found = re.findall(r'<meta name="description" content="([^"]+)"', page.read_text("utf-8"))
        assert len(found) == 1, page
        descriptions.setdefault(found[0], []).append(str(page.relative_to(site)))
    assert [pages for pages in descriptions.values() if len(pages) > 1] == []
    assert len(descriptions) >= 20


def test_every_internal_link_and_anchor_resolves(site):
    checked, problems = check_links(site, ADDED_BY_MAKE_PAGES)
    assert problems == []
    assert checked > 1000


def test_link_checker_reports_missing_pages_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<h2 id="here">A</h2><a href="#here">ok</a>')
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#gone">x</a><a href="b/">x</a><a href="https://x.org">out</a>'
    )
    checked, problems = check_links(tmp_path)
    assert checked == 4
    assert problems == ["index.html: a/#gone (no such anchor)", "index.html: b/ (no such file)"]


@pytest.fixture(scope="module")
def config():
    return load_config(str(REPO / "mkdocs.yml"))


@pytest.fixture(scope="module")
def pages(site) -> dict[str, str]:
    """Each built page's HTML, by the Markdown file it is built from (docs/topics/energy.md)."""
    built = {}
    for page in site.rglob("index.html"):
        folder = page.parent.relative_to(site).as_posix()
        built["docs/index.md" if folder == "." else f"docs/{folder}.md"] = page.read_text("utf-8")
    assert len(built) >= 20 and all((REPO / source).is_file() for source in built)
    return built


def page_info(page: str) -> str:
    found = re.findall(r'<div class="page-info" data-search-exclude>(.*?)</div>', page, re.S)
    assert len(found) == 1
    return found[0]


def data_links(page: str) -> dict[str, str]:
    """The "Edit the data for this page" links: file shown to the address it links to."""
    line = re.search(r"Edit the data for this page: (.*?)</p>", page_info(page))
    return (
        {text: href for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', line[1])}
        if line
        else {}
    )


def test_every_page_has_an_edit_button_for_its_markdown_file(pages, config):
    for source, page in pages.items():
        buttons = re.findall(r'<a href="([^"]+)" title="Edit this page"[^>]*rel="edit"', page)
        assert buttons == [f"{config.repo_url.rstrip('/')}/edit/main/{source}"], source


def test_every_page_drawn_from_data_links_to_that_data_on_github(pages, config, data):
    expected = {
        "docs/index.md": {"data/sources.yml"},
        "docs/figures.md": {"data/figures.yml"},
        "docs/timeline.md": {"data/events.yml"},
        "docs/glossary.md": {"data/glossary.yml"},
        "docs/coverage.md": {"data/uncited.yml"},
        "docs/method.md": {"data/assessments.yml"},
        **{f"docs/topics/{slug}.md": {f"data/topics/{slug}.yml"} for slug in data.topics},
        **{
            f"docs/sources/{sid}.md": {"data/sources.yml", s.text}
            for sid, s in data.sources.items()
        },
    }
    for source, page in pages.items():
        links = data_links(page)
        assert expected.get(source, set()) <= set(links), source
        # A page any of whose macros shows data says where that data is.
        calls = re.findall(r"\{\{\s*(\w+)\(", (REPO / source).read_text("utf-8"))
        if any(DATA_FILES.get(name) for name in calls):
            assert links, source
        for path, href in links.items():
            assert (REPO / path).exists(), (source, path)
            assert href == f"{config.repo_url.rstrip('/')}/blob/main/{path}", (source, href)


def test_every_page_ends_with_a_citation_with_its_permalink_and_last_change(pages, config):
    for source, page in pages.items():
        info = page_info(page)
        assert '<h2 id="cite-this-page" data-search-exclude>Cite this page</h2>' in info
        canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', page)
        permalinks = re.findall(r'<a class="page-info__permalink" href="([^"]+)">', info)
        url = source.removeprefix("docs/").removesuffix(".md").removesuffix("index")
        assert permalinks == canonical == [config.site_url + (url and url + "/")], source
        # The date of the last commit touching the page or the data it shows, as git says.
        git = ["git", "log", "-1", "--format=%cs", "--", source, *data_links(page)]
        date = subprocess.run(git, cwd=REPO, capture_output=True, text=True, check=True).stdout
        paragraph = info.split('<p class="page-info__citation">', 1)[1]
        citation = html.unescape(re.sub(r"<[^>]+>", "", paragraph))
        assert citation.endswith(f" Last changed {date.strip()}. {permalinks[0]}"), source
        # The page's title as the browser shows it, then the site's name (once, on the home page).
        title = html.unescape(re.search(r"<title>(.*?)(?: - [^<]*)?</title>", page)[1])
        named = "" if source == "docs/index.md" else f"“{title}.” "
        assert citation.startswith(f"{named}{config.site_name}. Last changed"), source


def test_edit_and_cite_blocks_are_left_out_of_search(site):
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "Cite this page" not in index and "Edit the data" not in index
    assert "#cite-this-page" not in index


def test_source_pages_carry_citation_tags_from_the_data(pages, data):
    for source, page in pages.items():
        tags = {}
        for name, value in re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', page):
            tags.setdefault(name, []).append(html.unescape(value))
        sid = source.removeprefix("docs/sources/").removesuffix(".md")
        if sid not in data.sources:
            assert tags == {}, source
            continue
        s = data.sources[sid]
        assert tags["citation_title"] == [s.title]
        authors = s.authors or [s.attributed_author.split(" (")[0]]
        assert tags["citation_author"] == authors
        dated = s.published.status != "inferred"
        assert tags.get("citation_publication_date") == (
            [s.published.sort.replace("-", "/")] if dated else None
        ), sid
        assert tags.get("citation_publisher") == ([s.publisher] if s.publisher else None), sid
        assert tags.get("citation_public_url") == ([s.url] if s.url else None), sid


def test_link_checker_resolves_absolute_paths_under_the_site_root(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text("<p>A</p>")
    (tmp_path / "index.html").write_text(
        '<link rel="canonical" href="https://x.org/sub/index.html">'
    )
    (tmp_path / "404.html").write_text('<a href="/sub/a/">ok</a><a href="/a/">x</a>')
    checked, problems = check_links(tmp_path)
    assert checked == 2
    assert problems == ["404.html: /a/ (no such file)"]


def test_only_the_offline_edition_loads_the_iframe_worker_shim(site):
    # The offline edition's search from file:// needs it (tests/test_browser.py checks that).
    for page in site.rglob("*.html"):
        assert "iframe-worker" not in page.read_text(encoding="utf-8"), page


def test_every_page_is_well_formed_html(site):
    # html5lib parses as browsers do and reports each repair it makes (a stray end tag, an
    # unclosed element): a value that turned into markup shows up here.
    for page in sorted(site.rglob("*.html")):
        parser = html5lib.HTMLParser()
        parser.parse(page.read_text(encoding="utf-8"))
        assert parser.errors == [], (page.relative_to(site), parser.errors[:5])

"""The site as a reader meets it: in Chromium, hosted over HTTP and offline from file://.

The browser is the system Chromium driven by Playwright. A missing browser is
a failure, never a skip: `make test` installs it.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlparse

import pytest
from conftest import REPO, mkdocs_build
from playwright import sync_api as playwright
from pypdf import PdfReader

from audit.browser import CHROMIUM, QUIET, Visit, axe_violations, serve, site_pages
from audit.links import ADDED_BY_MAKE_PAGES, check_links
from audit.mainthread import load as main_thread_load

SHOTS = REPO / "test-output"

# Names (of pipelines, weapons, people, organisations), acronyms, hyphenated terms, and figures
# with their units, as a reader would type them.
TOPIC_TERMS = [
    ("energy", "Power of Siberia"),
    ("energy", "ESPO"),
    ("energy", "Yamal LNG"),
    ("energy", "$400 billion"),
    ("energy", "38 billion cubic meters"),
    ("arms", "S-400"),
    ("arms", "Su-35"),
    ("arms", "Vostok"),
    ("central-asia", "Kazakhstan"),
    ("central-asia", "Eurasian Economic Union"),
    ("central-asia", "Shanghai Cooperation Organization"),
    ("arctic", "Northern Sea Route"),
    ("global-governance", "AIIB"),
    ("global-governance", "globalization"),
    ("trade-investment", "sub-Saharan"),
    ("trade-investment", "100 billion dollars"),
    ("leaders-regimes", "Xi Jinping"),
    ("leaders-regimes", "regime survival"),
    ("west-factor", "sanctions"),
    ("territory-history", "Crimea"),
    ("east-asia", "THAAD"),
    ("alliance-outlook", "alliance"),
]


@pytest.fixture(scope="session")
def browser():
    assert CHROMIUM, "Chromium is not installed (make test installs it with apt-get)"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=QUIET)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def hosted(tmp_path_factory):
    """The hosted build, served on a loopback port with gzip as GitHub Pages serves it."""
    out = tmp_path_factory.mktemp("hosted")
    result = mkdocs_build(REPO, "--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    with serve(out) as base:
        yield base, out


@pytest.fixture(scope="session")
def offline(tmp_path_factory):
    """The offline edition, opened from the file system."""
    out = tmp_path_factory.mktemp("offline")
    env_before = os.environ.get("OFFLINE")
    os.environ["OFFLINE"] = "true"
    try:
        result = mkdocs_build(REPO, "--site-dir", str(out))
    finally:
        os.environ.pop("OFFLINE") if env_before is None else os.environ.__setitem__(
            "OFFLINE", env_before
        )
    assert result.returncode == 0, result.stderr
    return out


def search(page, term: str) -> list[str]:
    page.locator("label.md-header__button[for='__search']").click() if page.viewport_size[
        "width"
    ] < 960 else None
    page.locator("input.md-search__input").click()
    page.keyboard.type(term, delay=10)
    page.wait_for_selector("li.md-search-result__item", timeout=20_000)
    page.wait_for_timeout(1500)  # the worker answers each keystroke; let the last answer arrive
    # One result item per page, its sections nested inside: the first three pages found.
    return [
        a.get_attribute("href")
        for item in page.locator("li.md-search-result__item").all()[:3]
        for a in item.locator("a").all()
    ]


# The text of the section a heading opens: the heading and what follows it up to the next
# heading of its rank or above.
SECTION_TEXT = """heading => {
    let text = heading.textContent, next = heading.nextElementSibling;
    while (next && !/^H[1-2]$/.test(next.tagName)) {
        text += next.textContent;
        next = next.nextElementSibling;
    }
    return text;
}"""


@pytest.mark.parametrize("slug, term", TOPIC_TERMS)
def test_offline_search_finds_the_topic_page(browser, offline, slug, term):
    visit = Visit(browser, offline=True)
    try:
        page = visit.page((offline / "index.html").as_uri())
        hrefs = search(page, term)
        matches = [h for h in hrefs if f"topics/{slug}.html" in h]
        assert matches, f"{term!r}: {hrefs}"
        # The result also links straight to the sections of the page where the term is found,
        # best first; Material folds them under "N more on this page" when the page ranks first.
        result = (
            page.locator(".md-search-result__item")
            .filter(has=page.locator(f"a[href*='topics/{slug}.html']"))
            .first
        )
        if result.locator(".md-search-result__more > summary").count():
            result.locator(".md-search-result__more > summary").click()
        sections = result.locator("a[href*='#']:visible").all()
        assert sections, f"{term!r}: no link to a section in {matches}"
        sections[0].click()
        page.wait_for_load_state("load")
        assert urlparse(page.url).path.endswith(f"topics/{slug}.html")
        anchor = urlparse(page.url).fragment
        assert page.locator(f"[id='{anchor}']").count() == 1, anchor
        # The section it lands on holds the term (or, for a phrase, its last word).
        section = page.locator(f"[id='{anchor}']").evaluate(SECTION_TEXT)
        words = re.split(r"[\s\-]+", term.lower())
        assert words[-1] in section.lower(), (term, anchor)
        assert visit.outside == []
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.parametrize("edition", ["hosted", "offline"])
def test_no_request_leaves_the_machine_and_no_console_error(browser, request, edition):
    visit = Visit(browser, offline=edition == "offline")
    try:
        if edition == "hosted":
            base, site = request.getfixturevalue("hosted")
            urls = [base + p for p in site_pages(site, False)]
        else:
            site = request.getfixturevalue("offline")
            urls = [(site / p).as_uri() for p in site_pages(site, True)]
        assert len(urls) >= 20
        for url in urls:
            visit.page(url).close()
        assert visit.outside == []
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.parametrize("width, side_by_side", [(1280, True), (390, False)])
def test_viewpoints_sit_side_by_side_on_wide_screens_and_stack_on_phones(
    browser, hosted, width, side_by_side
):
    base, _ = hosted
    visit = Visit(browser, viewport={"width": width, "height": 900})
    try:
        page = visit.page(base + "topics/energy/")
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"energy-{width}.png"), full_page=True)
        for selector in (".glance__card", ".viewpoint"):
            boxes = [b.bounding_box() for b in page.locator(selector).all()]
            assert len(boxes) == 5
            tops = [round(b["y"]) for b in boxes]
            lefts = [round(b["x"]) for b in boxes]
            if side_by_side:
                assert tops[0] == tops[1] and lefts[1] > lefts[0] + boxes[0]["width"] - 1, (
                    selector,
                    boxes,
                )
            else:
                assert len(set(lefts)) == 1 and tops == sorted(tops) and len(set(tops)) == 5, (
                    selector,
                    boxes,
                )
    finally:
        visit.close()


def test_permalinks_land_on_the_claim(browser, hosted):
    base, site = hosted
    html = (site / "topics/arms/index.html").read_text(encoding="utf-8")
    anchors = re.findall(r'<article class="claim" id="([^"]+)"', html)
    visit = Visit(browser, viewport={"width": 1280, "height": 800})
    try:
        for anchor in (anchors[0], anchors[len(anchors) // 2], anchors[-1]):
            page = visit.page(f"{base}topics/arms/#{anchor}")
            claim = page.locator(f"[id='{anchor}']")
            assert claim.evaluate("e => e.matches(':target')")
            top = claim.evaluate("e => e.getBoundingClientRect().top")
            assert 0 <= top < 800, (anchor, top)
            page.close()
    finally:
        visit.close()


PALETTE = """() => [document.body.dataset.mdColorScheme,
    [...document.querySelectorAll("form[data-palette] label:not([hidden])")].map(l => l.title)]"""


@pytest.mark.parametrize(
    "system, opens_in, other, toggle",
    [
        ("light", "default", "slate", "Switch to dark mode"),
        ("dark", "slate", "default", "Switch to light mode"),
    ],
)
def test_pages_open_in_the_readers_palette_and_the_toggle_switches_every_page(
    browser, hosted, system, opens_in, other, toggle
):
    base, site = hosted
    # Material's own palette component is not mounted: its two whole-page style recalculations
    # on every load are what the replacement saves.
    assert 'data-md-component="palette"' not in (site / "index.html").read_text(encoding="utf-8")
    visit = Visit(browser, color_scheme=system)
    try:
        page = visit.page(base + "topics/energy/")
        assert page.evaluate(PALETTE) == [opens_in, [toggle]]
        page.locator("form[data-palette] label:not([hidden])").click()
        assert page.evaluate(PALETTE)[0] == other
        # The choice is kept for every page, and Enter on the focused toggle switches back.
        page = visit.page(base + "topics/arms/")
        assert page.evaluate(PALETTE)[0] == other
        page.locator("form[data-palette] input:checked").focus()
        page.keyboard.press("Enter")
        assert page.evaluate(PALETTE) == [opens_in, [toggle]]
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_page(browser, hosted, scheme):
    base, site = hosted
    found = {}
    visit = Visit(browser, color_scheme=scheme)
    try:
        for path in site_pages(site, False):
            page = visit.page(base + path)
            violations = axe_violations(page)
            if violations:
                found[path] = [(v["id"], v["nodes"][0]["target"]) for v in violations]
            page.close()
    finally:
        visit.close()
    assert found == {}


def test_a_topic_page_prints_every_viewpoint_and_citation_without_navigation(browser, hosted):
    base, site = hosted
    html = (site / "topics/energy/index.html").read_text(encoding="utf-8")
    visit = Visit(browser, viewport={"width": 1280, "height": 900})
    try:
        page = visit.page(base + "topics/energy/")
        page.emulate_media(media="print")
        for chrome in (
            ".md-header",
            ".md-sidebar--primary",
            ".md-sidebar--secondary",
            ".md-footer",
        ):
            assert not page.locator(chrome).first.is_visible(), chrome
        claims = page.locator("article.claim")
        assert claims.count() == html.count('<article class="claim"') > 0
        hidden = [c.get_attribute("id") for c in claims.all() if not c.is_visible()]
        assert hidden == []
        assert all(q.is_visible() for q in page.locator("article.claim blockquote").all())
        SHOTS.mkdir(exist_ok=True)
        pdf = SHOTS / "energy.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=False)
    finally:
        visit.close()
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    words = " ".join(text.split())
    for label in re.findall(r'<h2 id="[^"]+">([^<]+)<', html):
        assert " ".join(label.split()) in words, label
    locators = re.findall(r'class="claim__locator"[^>]*>(¶\s?\d+)', html)
    assert locators and all(loc in words for loc in locators)


def test_every_link_and_anchor_of_the_offline_edition_resolves(offline):
    # The offline zip itself is added to the hosted site only (make pages).
    checked, problems = check_links(offline, ADDED_BY_MAKE_PAGES)
    assert problems == []
    assert checked > 1000


def test_main_thread_comparison_measures_a_page(browser, hosted):
    # audit.mainthread compares two builds; one load here shows its figures are real readings.
    base, _ = hosted
    figures = main_thread_load(browser, base + "topics/energy/")
    assert set(figures) == {"blocking", "style", "layout", "script"}
    assert all(figures[name] > 0 for name in ("style", "layout", "script")), figures
    assert figures["blocking"] >= 0

"""Data values reach the page as the characters typed, never as markup or template code."""

import html
import re

import pytest
from conftest import REPO, edit, mkdocs_build

from macros.dataset import load
from macros.render import Renderer, escape

DANGEROUS = [
    "<script>alert(1)</script>",
    "{{ config.site_name }}",
    "a | b | c",
    "*not emphasis* and [no](link)",
    "`code` # heading _under_",
]


@pytest.mark.parametrize("value", DANGEROUS)
def test_escape_leaves_no_active_character(value):
    escaped = escape(value)
    assert not re.search(r"[<>{}|*\[\]`#_]", escaped.replace("&#", "")), escaped


def test_escape_round_trips_through_html():
    for value in DANGEROUS:
        assert html.unescape(escape(value)) == value


def test_renderer_escapes_data_values(project):
    edit(
        project / "data/topics/energy.yml",
        "Russia sought Chinese capital.",
        '"<script>alert(1)</script> {{ x }} a|b"',
    )
    data = load(project)
    out = Renderer(data, url=lambda page: "/" + page).viewpoints("energy")
    assert "<script>" not in out
    assert "&#60;script&#62;alert(1)&#60;/script&#62; &#123;&#123; x &#125;&#125; a&#124;b" in out


@pytest.mark.parametrize("value", DANGEROUS)
def test_built_page_shows_dangerous_value_literally(project, value):
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    edit(
        project / "data/topics/energy.yml",
        "paraphrase: Russia sought Chinese capital.",
        f'paraphrase: "{quoted}"',
    )
    edit(
        project / "data/topics/energy.yml", "rationale: Energy ties grow.", f'rationale: "{quoted}"'
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site/topics/energy/index.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert text.count(value) >= 2  # the rationale card and the claim
    assert "<script>alert(1)" not in page


def test_a_glossary_term_is_explained_at_its_first_use_on_each_page():
    data = load(REPO)
    page = Renderer(data, url=lambda page: "/" + page)
    first, again = page.text("SCO summits"), page.text("the SCO and the SCO")
    assert first == '<abbr title="Shanghai Cooperation Organization">SCO</abbr> summits'
    assert again == "the SCO and the SCO"
    assert "<abbr" in Renderer(data, url=lambda page: "/" + page).text("the SCO")


def test_a_run_of_claims_on_one_aspect_is_labelled_once():
    """The aspect heads its run of claims; a later claim in the run shows a label only to say
    which other topic it comes from."""
    data = load(REPO)
    out = Renderer(data, url=lambda page: "/" + page).viewpoints("energy")
    order = list(data.topics["energy"].aspects)
    runs = labels = 0
    for source in data.sources:
        entries = sorted(data.entries("energy", source), key=lambda e: order.index(e.aspect))
        for i, entry in enumerate(entries):
            first = i == 0 or entry.aspect != entries[i - 1].aspect
            runs += first
            labels += first or entry.home != "energy"
    assert out.count('class="claim"') > runs > 0
    assert out.count('<p class="claim__aspect">') == labels
    assert len(re.findall(r'<p class="claim__aspect"><a [^>]+>also on ', out)) == labels - runs

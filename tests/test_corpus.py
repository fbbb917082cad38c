"""The source texts: normalisation, paragraphs, headings and quote lookup."""

from pathlib import Path

import pytest

from macros.corpus import SourceText, normalise, quote_fragments

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("China’s  “partner”", 'China\'s "partner"'),
        ("Russia–China — ties", "Russia-China-ties"),
        (r"for \$9 billion", "for $9 billion"),
        ("[stating](#) that", "stating that"),
        ("GDP.<sup>3</sup> In", "GDP. In"),
        ("**bold** and *it*", "bold and it"),
        (r"Economics\\_Business", "Economics_Business"),
    ],
)
def test_normalise_folds_presentation_only(raw, expected):
    assert normalise(raw) == expected


def test_normalise_keeps_words_and_case():
    assert normalise("Russia") != normalise("russia")
    assert normalise("the alliance") != normalise("an alliance")


def test_ellipsis_splits_a_quote_into_fragments():
    assert quote_fragments("one two ... three … four") == ["one two", "three", "four"]


@pytest.fixture(scope="module")
def appel() -> SourceText:
    return SourceText.read(REPO / "sources/appel-2019.txt")


def test_quote_is_located_with_paragraph_and_heading(appel):
    location = appel.locate(
        "Russia has also pursued Chinese investment in the oil sector, agreeing to sell "
        "to CEFC China a 14 percent stake in Rosneft for $9 billion in September 2017."
    )
    assert location is not None
    assert location.paragraph.number == 10
    assert location.paragraph.heading == "Expanding Economic and Military Cooperation"


def test_fragments_must_stand_in_order(appel):
    assert (
        appel.locate(
            "Russia has sought to attract Chinese investment ... surpassing Saudi Arabia in 2016"
        )
        is not None
    )
    assert (
        appel.locate(
            "surpassing Saudi Arabia in 2016 ... Russia has sought to attract Chinese investment"
        )
        is None
    )


def test_altered_quote_is_not_found(appel):
    assert appel.locate("Russia has sought to attract Japanese investment") is None


def test_quote_may_begin_inside_brackets(appel):
    assert (
        appel.locate("BRI) has led to enormous investment in transportation infrastructure")
        is not None
    )


def test_paragraphs_split_on_single_line_breaks_too():
    aron = SourceText.read(REPO / "sources/aron-2019.txt")
    openings = [p.opening for p in aron.paragraphs]
    assert any(o.startswith("In March of 1969") for o in openings)
    assert any(o.startswith("Economic relations between Russia and China") for o in openings)


def test_front_matter_lines_are_not_headings(appel):
    # Before the body begins, short lines are title and byline, not section headings.
    assert appel.paragraphs[6].heading == ""
    assert appel.paragraphs[6].substantive

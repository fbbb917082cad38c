"""The shape of the data in ``data/``: one model per kind of file.

The field descriptions are the data reference for contributors. Checks that
need more than one file (ids, aspects, quotes) live in :mod:`macros.dataset`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG)]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    # No docstring: pydantic would copy it into every model's JSON Schema description.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Assessment(Strict):
    """One step of the scale on which sources are placed, topic by topic and overall."""

    label: Text = Field(description="How the assessment is shown, e.g. 'Partnership with limits'.")
    definition: Text = Field(description="What a source must argue for this assessment to apply.")


class Published(Strict):
    """When the source was published, and how we know."""

    text: Text = Field(description="The date as shown to readers, e.g. 'July 2019' or 'c. 2017'.")
    sort: Annotated[str, Field(pattern=r"^\d{4}(-\d{2})?$")] = Field(
        description="Year or year-month used for ordering, e.g. '2019-07'."
    )
    status: Literal["as printed", "attributed", "inferred"] = Field(
        description="Whether the text prints the date, publication records attribute it, or we infer it."
    )
    basis: str = Field("", description="How an attributed or inferred date was arrived at.")


class Source(Strict):
    """One published analysis compared on the site; its text is in sources/."""

    label: Text = Field(description="Short name used in tables, e.g. 'Appel (2019)'.")
    authors: list[Text] = Field(
        description="Authors as printed in the text; empty if it names none."
    )
    attributed_author: str = Field(
        "", description="Author named by publication records when the text names none."
    )
    attribution_note: str = Field(
        "", description="What is attributed or inferred about authorship, shown to readers."
    )
    title: Text = Field(description="Title as printed.")
    outlet: Text = Field(description="Where it appeared (series, journal, website, volume).")
    publisher: str = Field("", description="Institution behind the outlet, if known.")
    published: Published = Field(description="When it was published, and how we know.")
    kind: Literal["policy memo", "article", "essay", "newsletter article", "book chapter"] = Field(
        description="What sort of publication it is."
    )
    url: str = Field("", description="Address of the original, where known.")
    text: Annotated[str, Field(pattern=r"^sources/[a-z0-9-]+\.txt$")] = Field(
        description="The source's text in this repository, e.g. 'sources/appel-2019.txt'."
    )
    thesis: Text = Field(description="One paragraph, in our words, on the source's argument.")
    overall: Slug = Field(
        description="The source's overall assessment of the relationship (an id from data/assessments.yml)."
    )
    overall_rationale: Text = Field(description="One sentence on why that overall assessment.")


class Aspect(Strict):
    """A sub-question of a topic: one row of its matrix."""

    title: Text = Field(description="Short name of the sub-question, shown as a matrix row.")
    question: Text = Field(description="The sub-question the aspect compares.")


class Claim(Strict):
    """One thing a source says, in our words, backed by its own words."""

    id: Slug = Field(
        description="Stable id, unique within the source; part of the claim's permalink."
    )
    aspect: Slug = Field(description="The aspect of this topic the claim bears on.")
    paraphrase: Text = Field(description="What the quote says, in our own words.")
    quote: Text = Field(
        description="The source's exact words; '...' joins fragments that stand in this order."
    )


class SharedClaim(Strict):
    """A claim defined on another topic that bears on this one too; it is shown here, not repeated."""

    claim: Slug = Field(description="Id of a claim of the same source defined on another topic.")
    aspect: Slug = Field(description="The aspect of this topic it bears on.")


class Viewpoint(Strict):
    """What one source says on one topic; a silent source has assessment 'not-addressed' and no claims."""

    assessment: Slug = Field(
        description="An id from data/assessments.yml; 'not-addressed' if the source is silent."
    )
    rationale: Text = Field(description="One sentence on why this assessment.")
    summary: str = Field(
        "",
        description="What the source argues on the topic, in our words; required unless not addressed.",
    )
    claims: list[Claim] = Field(
        default_factory=list, description="The source's claims on this topic."
    )
    shared_claims: list[SharedClaim] = Field(
        default_factory=list,
        description="Claims defined on another topic that bear on this one too.",
    )

    @model_validator(mode="after")
    def _silence_has_no_claims(self) -> Viewpoint:
        if self.assessment == "not-addressed":
            if self.claims or self.shared_claims:
                raise ValueError("a source that does not address the topic has no claims")
        elif not self.summary:
            raise ValueError("summary is required unless the assessment is 'not-addressed'")
        return self


ClaimRef = Annotated[str, Field(pattern=r"^[a-z0-9-]+/[a-z0-9]+(-[a-z0-9]+)*$")]


class ClaimGroup(Strict):
    """Claims from two or more sources that agree, or disagree, on one aspect."""

    aspect: Slug = Field(description="The aspect of the topic the claims bear on.")
    note: Text = Field(description="One line saying what the sources agree or disagree on.")
    claims: list[ClaimRef] = Field(
        min_length=2, description="The claims, as 'source-id/claim-id', from two or more sources."
    )


class Comparison(Strict):
    """Where the sources agree and where they disagree on a topic."""

    agree: list[ClaimGroup] = Field(
        default_factory=list, description="Groups of claims on which the sources agree."
    )
    disagree: list[ClaimGroup] = Field(
        default_factory=list, description="Groups of claims on which they disagree."
    )
    none: str = Field(
        "", description="Said plainly where the texts offer no agreement or no disagreement."
    )


class Topic(Strict):
    """A topic: one file data/topics/<id>.yml, one page docs/topics/<id>.md."""

    title: Text = Field(description="The topic's name.")
    order: int = Field(description="Position of the topic in lists and tables.")
    question: Text = Field(description="The question the topic answers.")
    introduction: Text = Field(description="A short neutral introduction, in our words.")
    aspects: dict[Slug, Aspect] = Field(description="The sub-questions compared, by id.")
    viewpoints: dict[Slug, Viewpoint] = Field(
        description="One viewpoint for every source, by source id."
    )
    comparison: Comparison = Field(
        default_factory=Comparison, description="Where the sources agree and where they disagree."
    )


class UncitedParagraph(Strict):
    """A substantive paragraph that no claim cites, and why."""

    reason: Text = Field(description="Why the paragraph is not cited, e.g. 'publisher footer'.")
    starts: Text = Field(description="The paragraph's first words, so a renumbering is caught.")


class FigureReport(Strict):
    """One source's value for a figure."""

    source: Slug = Field(description="The source reporting the value.")
    value: float = Field(description="The value in the figure's unit.")
    stated: Text = Field(description="What the source says, in its own unit, e.g. '4,250 miles'.")
    year: int | None = Field(None, description="The year the value refers to, if any.")
    quote: Text = Field(description="The source's exact words giving the value.")


class Figure(Strict):
    """A statistic that two or more sources report, compared on the figures page."""

    title: Text = Field(description="What is counted, e.g. 'Bilateral trade in 2018'.")
    unit: Text = Field(
        description="The one unit every value is given in, e.g. 'billion US dollars'."
    )
    topics: list[Slug] = Field(description="Topics on whose pages the figure is linked.")
    reports: list[FigureReport] = Field(min_length=2, description="Each source's value.")
    note: str = Field(
        "", description="Why values differ, as far as the texts allow; required where they do."
    )


#: The timeline's periods, in order, with their headings.
PERIODS = {
    "before-1945": "Before 1945",
    "cold-war": "The Cold War (1945–1991)",
    "1990s-2000s": "Normalisation and partnership (1992–2008)",
    "after-2008": "After the financial crisis (2009–2013)",
    "after-crimea": "After Crimea (2014 onward)",
}


class EventMention(Strict):
    """One source's mention of an event."""

    source: Slug = Field(description="The source mentioning the event.")
    date_given: Text = Field(description="How the source dates the event, as written.")
    quote: Text = Field(description="The source's exact words on the event.")


class Event(Strict):
    """A dated event the sources cite, shown on the timeline."""

    title: Text = Field(description="What happened.")
    date: Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] = Field(
        description="ISO date, as precise as the texts allow."
    )
    period: Literal[tuple(PERIODS)] = Field(  # type: ignore[valid-type]
        description="The period the timeline groups it under."
    )
    topics: list[Slug] = Field(default_factory=list, description="Topics the event bears on.")
    mentions: list[EventMention] = Field(min_length=1, description="The sources that mention it.")
    note: str = Field("", description="Where sources date or describe it differently.")


class GlossaryEntry(Strict):
    """A term or acronym, shown as a tooltip wherever the site uses it."""

    expansion: str = Field("", description="What an acronym stands for.")
    definition: Text = Field(description="A neutral definition, in our words.")
    aliases: list[Text] = Field(
        default_factory=list, description="Other spellings the texts use for the same thing."
    )
    sources: list[Slug] = Field(
        default_factory=list, description="Sources whose texts use the term."
    )


def _by_id(entry: Any, description: str, key: Any = Slug) -> Any:
    """A file that maps ids to entries, with the description shown in its JSON Schema."""
    return Annotated[dict[key, entry], Field(description=description)]


#: Every kind of data file, by the name of its JSON Schema: where it lives and its whole content.
FILES: dict[str, tuple[str, Any]] = {
    "assessments": (
        "data/assessments.yml",
        _by_id(Assessment, "The assessment scale, strongest cooperation first, by assessment id."),
    ),
    "sources": (
        "data/sources.yml",
        _by_id(Source, "The sources compared, in the order they are shown, by source id."),
    ),
    "uncited": (
        "data/uncited.yml",
        _by_id(
            Annotated[
                dict[int, UncitedParagraph],
                # pydantic says nothing about integer keys; YAML editors see them as text.
                Field(json_schema_extra={"propertyNames": {"pattern": r"^[1-9][0-9]*$"}}),
            ],
            "By source id, then paragraph number (as on the Coverage page): paragraphs no claim cites.",
        ),
    ),
    "figures": (
        "data/figures.yml",
        _by_id(Figure, "Statistics reported by two or more sources, by figure id."),
    ),
    "events": (
        "data/events.yml",
        _by_id(Event, "Dated events the sources cite, by event id."),
    ),
    "glossary": (
        "data/glossary.yml",
        _by_id(
            GlossaryEntry,
            "Terms and acronyms, spelled exactly as in the texts (case-sensitive), by term.",
            key=str,
        ),
    ),
    "topic": ("data/topics/*.yml", Topic),
}

"""The dataset as files for researchers: CSV, JSON, BibTeX and CSL-JSON.

:func:`files` turns the checked data into the contents of the site's ``downloads/`` folder; the
mkdocs-macros adapter writes them after the build. Each file's columns or fields are declared once
here with what they mean, and the Data page draws its tables from the same declarations, so the
page cannot drift from the files. Nothing depends on the time or the machine: two builds from the
same data give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .corpus import Location
from .dataset import Dataset, Entry
from .schema import Source

FOLDER = "downloads"
SCHEMA_VERSION = 1
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_NOTE = (
    "Our text and data (paraphrases, summaries, assessments, rationales, definitions, notes) are "
    f"licensed {LICENCE} ({LICENCE_URL}). Quotations remain their authors'; the source texts "
    "belong to their authors and publishers and are not part of the downloads."
)
# Cells holding several values join them with this.
JOIN = "; "


@dataclass(frozen=True)
class Site:
    """Where the site is published; permalinks are absolute when ``url`` is set."""

    data: Dataset
    url: str

    def permalink(self, page: str, anchor: str = "") -> str:
        """The published address of a page of the site (directory URLs), with an anchor."""
        return f"{self.url}{page}/" + (f"#{anchor}" if anchor else "")

    def source(self, sid: str) -> Source:
        return self.data.sources[sid]

    @cached_property
    def shared_onto(self) -> dict[tuple[str, str], list[str]]:
        """The topics each claim is shared onto, by (source, claim id): built once, not searched
        for every row."""
        onto: dict[tuple[str, str], list[str]] = {}
        for slug, topic in self.data.topics.items():
            for sid, viewpoint in topic.viewpoints.items():
                for ref in viewpoint.shared_claims:
                    onto.setdefault((sid, ref.claim), []).append(slug)
        return onto


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    value: Callable[[Site, Any], object]


@dataclass(frozen=True)
class Table:
    """One CSV file: what a row is, its columns, and the rows in order."""

    name: str
    row: str
    columns: tuple[Column, ...]
    rows: Callable[[Dataset], Iterable[Any]]


def _paragraphs(location: Location) -> str:
    return JOIN.join(map(str, location.paragraphs))


def _source_columns(source_id: Callable[[Any], str]) -> tuple[Column, ...]:
    """The source of a row, for rows whose source id ``source_id`` gives."""
    return (
        Column(
            "source",
            "Id of the source (as in sources.bib and sources.csl.json).",
            lambda s, row: source_id(row),
        ),
        Column(
            "source_label",
            "The source's short name, as in the site's tables.",
            lambda s, row: s.source(source_id(row)).label,
        ),
    )


def _claim_location(site: Site, entry: Entry) -> Location:
    return site.data.locations[(entry.source, entry.claim.id)]


# A row of figures.csv or events.csv: (figure or event id, figure or event, report or mention).
def _quote_location(site: Site, row: tuple[str, Any, Any]) -> Location:
    return site.data.quotes[(row[2].source, row[2].quote)]


_PARAGRAPHS = (
    "Paragraph number(s) of the source text the quote stands in, as the site's locators and "
    f"text maps number them, joined by '{JOIN}'."
)
_SECTION = "Heading of the section the quote starts in (empty before the first heading)."
PARAGRAPHS = Column("paragraphs", _PARAGRAPHS, lambda s, e: _paragraphs(_claim_location(s, e)))
SECTION = Column("section", _SECTION, lambda s, e: _claim_location(s, e).paragraph.heading)
PERMALINK = Column(
    "permalink",
    "Address of the claim on its topic page.",
    lambda s, e: s.permalink(f"topics/{e.home}", e.anchor),
)
QUOTE_PARAGRAPHS = Column(
    "paragraphs", _PARAGRAPHS, lambda s, row: _paragraphs(_quote_location(s, row))
)
QUOTE_SECTION = Column(
    "section", _SECTION, lambda s, row: _quote_location(s, row).paragraph.heading
)


def _topics_and_permalink(kind: str, title: str, page: str) -> tuple[Column, Column]:
    """The last two columns of figures.csv and events.csv (rows are (id, item, report))."""
    return (
        Column(
            "topics",
            f"Ids of the topics the {kind} bears on, joined by '{JOIN}'.",
            lambda s, p: JOIN.join(p[1].topics),
        ),
        Column(
            "permalink",
            f"Address of the {kind} on the {title} page.",
            lambda s, p: s.permalink(page, p[0]),
        ),
    )


def _also_on(site: Site, entry: Entry) -> str:
    return JOIN.join(site.shared_onto.get((entry.source, entry.claim.id), []))


CLAIMS = Table(
    "claims.csv",
    "one claim, on the topic that defines it (a claim that also bears on other topics is listed "
    "once; also_on names those topics)",
    (
        Column(
            "claim",
            "The claim's id, as source-id/claim-id; unique.",
            lambda s, e: f"{e.source}/{e.claim.id}",
        ),
        *_source_columns(lambda e: e.source),
        Column(
            "authors",
            f"Authors as printed in the text, joined by '{JOIN}'; empty if it names none.",
            lambda s, e: JOIN.join(s.source(e.source).authors),
        ),
        Column(
            "attributed_author",
            "Author named by publication records when the text names none.",
            lambda s, e: s.source(e.source).attributed_author,
        ),
        Column(
            "source_title", "The source's title as printed.", lambda s, e: s.source(e.source).title
        ),
        Column("topic", "Id of the topic that defines the claim.", lambda s, e: e.home),
        Column("topic_title", "The topic's name.", lambda s, e: s.data.topics[e.home].title),
        Column(
            "aspect", "Id of the aspect of the topic the claim bears on.", lambda s, e: e.aspect
        ),
        Column(
            "aspect_title",
            "The aspect's name.",
            lambda s, e: s.data.topics[e.home].aspects[e.aspect].title,
        ),
        Column(
            "assessment",
            "Id of the source's assessment on this topic (see dataset.json, assessments).",
            lambda s, e: s.data.topics[e.home].viewpoints[e.source].assessment,
        ),
        Column(
            "assessment_label",
            "How that assessment is shown on the site.",
            lambda s, e: (
                s.data.assessments[s.data.topics[e.home].viewpoints[e.source].assessment].label
            ),
        ),
        Column("paraphrase", "What the quote says, in our words.", lambda s, e: e.claim.paraphrase),
        Column(
            "quote",
            "The source's exact words, verified against its text; '...' joins fragments that stand "
            "in this order.",
            lambda s, e: e.claim.quote,
        ),
        PARAGRAPHS,
        SECTION,
        Column(
            "also_on",
            f"Ids of other topics the claim is shown on too, joined by '{JOIN}'.",
            _also_on,
        ),
        PERMALINK,
    ),
    lambda data: [
        e
        for slug in data.topics
        for sid in data.sources
        for e in data.entries(slug, sid)
        if e.home == slug
    ],
)

# A row of viewpoints.csv: (topic id, source id).
VIEWPOINTS = Table(
    "viewpoints.csv",
    "one source on one topic, 'not addressed' included",
    (
        Column("topic", "Id of the topic.", lambda s, v: v[0]),
        Column("topic_title", "The topic's name.", lambda s, v: s.data.topics[v[0]].title),
        *_source_columns(lambda v: v[1]),
        Column(
            "assessment",
            "Id of the source's assessment on the topic; 'not-addressed' when it is silent.",
            lambda s, v: s.data.topics[v[0]].viewpoints[v[1]].assessment,
        ),
        Column(
            "assessment_label",
            "How that assessment is shown on the site.",
            lambda s, v: s.data.assessments[s.data.topics[v[0]].viewpoints[v[1]].assessment].label,
        ),
        Column(
            "rationale",
            "One sentence, in our words, on why this assessment.",
            lambda s, v: s.data.topics[v[0]].viewpoints[v[1]].rationale,
        ),
        Column(
            "summary",
            "What the source argues on the topic, in our words; empty when not addressed.",
            lambda s, v: s.data.topics[v[0]].viewpoints[v[1]].summary,
        ),
        Column(
            "claims",
            "How many claims the topic page shows for the source, shared claims included.",
            lambda s, v: len(s.data.entries(*v)),
        ),
        Column(
            "permalink",
            "Address of the source's section on the topic page.",
            lambda s, v: s.permalink(f"topics/{v[0]}", v[1]),
        ),
    ),
    lambda data: [(slug, sid) for slug in data.topics for sid in data.sources],
)


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


FIGURES = Table(
    "figures.csv",
    "one source's value for one figure (a statistic two or more sources report)",
    (
        Column("figure", "Id of the figure.", lambda s, p: p[0]),
        Column("figure_title", "What is counted.", lambda s, p: p[1].title),
        Column("unit", "The unit every value of the figure is given in.", lambda s, p: p[1].unit),
        *_source_columns(lambda row: row[2].source),
        Column(
            "value", "The source's value, in the figure's unit.", lambda s, p: _number(p[2].value)
        ),
        Column("stated", "What the source says, in its own unit.", lambda s, p: p[2].stated),
        Column("year", "The year the value refers to, if any.", lambda s, p: p[2].year or ""),
        Column(
            "quote", "The source's exact words giving the value, verified.", lambda s, p: p[2].quote
        ),
        QUOTE_PARAGRAPHS,
        QUOTE_SECTION,
        Column(
            "note",
            "Why the sources' values differ, as far as the texts allow.",
            lambda s, p: p[1].note,
        ),
        *_topics_and_permalink("figure", "Figures", "figures"),
    ),
    lambda data: [(fid, f, r) for fid, f in data.figures.items() for r in f.reports],
)

EVENTS = Table(
    "events.csv",
    "one source's mention of one dated event",
    (
        Column("event", "Id of the event.", lambda s, p: p[0]),
        Column("event_title", "What happened, in our words.", lambda s, p: p[1].title),
        Column("date", "ISO date, as precise as the texts allow.", lambda s, p: p[1].date),
        Column(
            "period", "Id of the period the timeline groups it under.", lambda s, p: p[1].period
        ),
        *_source_columns(lambda row: row[2].source),
        Column(
            "date_given",
            "How the source dates the event, as written.",
            lambda s, p: p[2].date_given,
        ),
        Column(
            "quote", "The source's exact words on the event, verified.", lambda s, p: p[2].quote
        ),
        QUOTE_PARAGRAPHS,
        QUOTE_SECTION,
        Column("note", "Where sources date or describe it differently.", lambda s, p: p[1].note),
        *_topics_and_permalink("event", "Timeline", "timeline"),
    ),
    lambda data: [(eid, e, m) for eid, e in data.events.items() for m in e.mentions],
)

TABLES = {table.name: table for table in (CLAIMS, VIEWPOINTS, FIGURES, EVENTS)}


def csv_text(site: Site, table: Table) -> str:
    out = io.StringIO()
    # RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(c.name for c in table.columns)
    writer.writerows([c.value(site, row) for c in table.columns] for row in table.rows(site.data))
    return out.getvalue()


# dataset.json ---------------------------------------------------------------

#: Fields that dataset.json adds to the data files' own, by where they are added.
JSON_ADDED = {
    "topics → viewpoints → claims": (PARAGRAPHS, SECTION, PERMALINK),
    "topics → viewpoints → shared_claims": (
        Column(
            "permalink",
            "Address of the shared claim on this topic's page.",
            lambda s, x: s.permalink(f"topics/{x[0]}", f"{x[1]}-{x[2].claim}"),
        ),
    ),
    "figures → reports": (QUOTE_PARAGRAPHS, QUOTE_SECTION),
    "events → mentions": (QUOTE_PARAGRAPHS, QUOTE_SECTION),
}


def _topic(site: Site, slug: str) -> dict[str, Any]:
    topic = site.data.topics[slug]
    out = topic.model_dump(mode="json")
    for sid, viewpoint in out["viewpoints"].items():
        entries = [e for e in site.data.entries(slug, sid) if e.home == slug]
        added = JSON_ADDED["topics → viewpoints → claims"]
        viewpoint["claims"] = [
            {**claim, **{c.name: c.value(site, e) for c in added}}
            for claim, e in zip(viewpoint["claims"], entries, strict=True)
        ]
        (shared_link,) = JSON_ADDED["topics → viewpoints → shared_claims"]
        viewpoint["shared_claims"] = [
            {**ref, shared_link.name: shared_link.value(site, (slug, sid, model))}
            for ref, model in zip(
                viewpoint["shared_claims"], topic.viewpoints[sid].shared_claims, strict=True
            )
        ]
    return out


def _with_locations(site: Site, kind: str, key: str) -> dict[str, Any]:
    """Figures or events as in their data file, each report or mention with its paragraphs."""
    items = getattr(site.data, kind)
    added = JSON_ADDED[f"{kind} → {key}"]
    out = {}
    for item_id, item in items.items():
        dumped = item.model_dump(mode="json")
        dumped[key] = [
            {**part, **{c.name: c.value(site, (item_id, item, model)) for c in added}}
            for part, model in zip(dumped[key], getattr(item, key), strict=True)
        ]
        out[item_id] = dumped
    return out


def _dump(models: dict[Any, Any]) -> dict[str, Any]:
    return {str(key): value.model_dump(mode="json") for key, value in models.items()}


#: The top-level fields of dataset.json, in order, with what they hold.
JSON_FIELDS: dict[str, tuple[str, Callable[[Site], object]]] = {
    "schema_version": (
        "Version of this file's layout; it changes when a field is renamed or removed.",
        lambda s: SCHEMA_VERSION,
    ),
    "generated_from": (
        "What the file is made from.",
        lambda s: "data/*.yml and data/topics/*.yml, every quote checked against sources/*.txt",
    ),
    "licence": (
        "The licence of our text and data, and what it does not cover.",
        lambda s: LICENCE_NOTE,
    ),
    "site_url": ("Where the site is published; the permalinks start with it.", lambda s: s.url),
    "assessments": (
        "The assessment scale, as in data/assessments.yml.",
        lambda s: _dump(s.data.assessments),
    ),
    "sources": ("The sources, as in data/sources.yml.", lambda s: _dump(s.data.sources)),
    "topics": (
        "Every topic as in data/topics/<id>.yml, with every source's viewpoint ('not-addressed' "
        "included), its claims and shared claims, plus the fields listed below.",
        lambda s: {slug: _topic(s, slug) for slug in s.data.topics},
    ),
    "figures": (
        "As in data/figures.yml, plus the fields listed below.",
        lambda s: _with_locations(s, "figures", "reports"),
    ),
    "events": (
        "As in data/events.yml, plus the fields listed below.",
        lambda s: _with_locations(s, "events", "mentions"),
    ),
    "glossary": ("As in data/glossary.yml.", lambda s: _dump(s.data.glossary)),
    "uncited": (
        "As in data/uncited.yml: by source, the paragraphs no claim cites and why.",
        lambda s: {sid: _dump(paragraphs) for sid, paragraphs in s.data.uncited.items()},
    ),
}


def json_text(site: Site) -> str:
    dataset = {name: build(site) for name, (_, build) in JSON_FIELDS.items()}
    return json.dumps(dataset, indent=2, ensure_ascii=False) + "\n"


# Citations ------------------------------------------------------------------

#: By kind of source: the BibLaTeX entry type, the BibLaTeX field that holds the outlet, the CSL type.
KINDS = {
    "policy memo": ("report", "type", "report"),
    "article": ("article", "journaltitle", "article-journal"),
    "essay": ("article", "journaltitle", "article-journal"),
    "newsletter article": ("article", "journaltitle", "article-magazine"),
    # The volume is not known, so the outlet is a note, not a booktitle.
    "book chapter": ("incollection", "note", "chapter"),
}

_BIBTEX_SPECIAL = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)


def bibtex_escape(value: str) -> str:
    """A value as BibLaTeX text: LaTeX's special characters escaped, other characters as UTF-8."""
    return value.translate(_BIBTEX_SPECIAL)


def _date(source: Source) -> tuple[list[int], bool]:
    """The date parts known, and whether the date is inferred (an approximation)."""
    parts = [int(part) for part in source.published.sort.split("-")]
    return parts, source.published.status == "inferred"


#: The citation fields, with what they hold; the first of each pair is BibLaTeX's, the second CSL's.
CITATION_FIELDS = (
    ("key", "id", "The source id, as in the other files."),
    (
        "entry type",
        "type",
        "From the kind of publication: "
        + "; ".join(f"{k}: @{b} / {c}" for k, (b, _, c) in KINDS.items())
        + ".",
    ),
    (
        "author",
        "author",
        "Authors as printed in the text (CSL: as literal names); left out when the text names none.",
    ),
    ("title", "title", "Title as printed."),
    (
        "journaltitle, type or note",
        "container-title",
        "Where it appeared (outlet): BibLaTeX journaltitle for articles, type for reports, note for the chapter whose volume is unknown.",
    ),
    ("institution or publisher", "publisher", "The institution behind the outlet, where known."),
    (
        "date",
        "issued",
        "Year or year-month of publication; an inferred date is marked approximate (BibLaTeX '~', CSL circa).",
    ),
    ("url", "URL", "Address of the original, where known."),
    (
        "addendum",
        "note",
        "What is attributed or inferred about authorship or date, where the text does not print it.",
    ),
)


def _attribution(source: Source) -> str:
    """What readers are told on the source's page about an author or date the text does not print."""
    return " ".join(filter(None, (source.attribution_note, source.published.basis)))


def _bibtex_entry(sid: str, source: Source) -> str:
    entry_type, outlet_field, _ = KINDS[source.kind]
    parts, approximate = _date(source)
    fields = [
        ("author", " and ".join(source.authors)),
        ("title", source.title),
        (outlet_field, source.outlet),
        ("institution" if entry_type == "report" else "publisher", source.publisher),
        ("date", "-".join(f"{p:02d}" for p in parts) + ("~" if approximate else "")),
        ("url", source.url),
        ("addendum", _attribution(source)),
    ]
    body = "".join(
        f"  {name} = {{{value if name in ('url', 'date') else bibtex_escape(value)}}},\n"
        for name, value in fields
        if value
    )
    return f"@{entry_type}{{{sid},\n{body}}}\n"


def bibtex_text(data: Dataset) -> str:
    header = (
        "% The sources compared on the site, for BibLaTeX (UTF-8; use biber, or bibtex8/bibtexu).\n"
    )
    return header + "\n".join(_bibtex_entry(sid, s) for sid, s in data.sources.items())


def _csl_item(sid: str, source: Source) -> dict[str, Any]:
    parts, approximate = _date(source)
    item: dict[str, Any] = {"id": sid, "type": KINDS[source.kind][2]}
    if source.authors:
        item["author"] = [{"literal": name} for name in source.authors]
    item["title"] = source.title
    item["container-title"] = source.outlet
    if source.publisher:
        item["publisher"] = source.publisher
    item["issued"] = {"date-parts": [parts], **({"circa": True} if approximate else {})}
    if source.url:
        item["URL"] = source.url
    if _attribution(source):
        item["note"] = _attribution(source)
    return item


def csl_json_text(data: Dataset) -> str:
    items = [_csl_item(sid, s) for sid, s in data.sources.items()]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


# All the files --------------------------------------------------------------

#: Every file in downloads/, in the order the Data page lists them, with what it holds.
DESCRIPTIONS = {
    "claims.csv": "Every claim: paraphrase, verified quote, locator, source, topic, aspect and permalink.",
    "viewpoints.csv": "Every source's assessment on every topic, 'not addressed' included.",
    "figures.csv": "Every value a source gives for a figure, with its quote.",
    "events.csv": "Every mention of a dated event, with its quote.",
    "dataset.json": "The whole dataset: sources, assessments, topics with every viewpoint and claim, figures, events, glossary.",
    "sources.bib": "The sources compared, as BibLaTeX entries.",
    "sources.csl.json": "The sources compared, as CSL-JSON (for Zotero, Pandoc, citeproc).",
}


def files(data: Dataset, site_url: str) -> dict[str, bytes]:
    """The name and content of every file in downloads/."""
    site = Site(data, site_url)
    texts = {name: csv_text(site, table) for name, table in TABLES.items()}
    texts["dataset.json"] = json_text(site)
    texts["sources.bib"] = bibtex_text(data)
    texts["sources.csl.json"] = csl_json_text(data)
    return {name: texts[name].encode("utf-8") for name in DESCRIPTIONS}

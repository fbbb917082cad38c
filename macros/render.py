"""Draw the checked data as HTML fragments for the Markdown pages.

Every value from the data passes through :func:`escape` on its way out, so
that ``<script>``, ``{{ }}``, ``|`` or Markdown syntax in a YAML file shows as
the characters typed. Links to other pages go through ``url``, a function the
caller supplies (``"sources/appel-2019.md"`` to a relative href), so this
module knows nothing of MkDocs.
"""

from __future__ import annotations

import calendar
import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from . import downloads, reference
from .corpus import Location, Paragraph
from .coverage import SourceCoverage, coverage
from .dataset import NOT_ADDRESSED, Dataset, Entry
from .schema import PERIODS, Figure, GlossaryEntry

Url = Callable[[str], str]

# Characters that Markdown, Jinja or a table parser would act on, written as
# character references so they reach the reader as typed.
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]|~^#"})


def escape(value: object) -> str:
    # str.translate, not a loop over characters: every value on the site passes through here.
    return str(value).translate(_INERT)


def _gist(text: str, words: int = 9) -> str:
    """The opening words of a paraphrase, for table cells that must stay readable side by side."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


# The files a contributor edits to change what each macro shows, by macro; "{0}" is the macro's
# first argument, a path ending in "/" stands for every file under it. Pages link to the files
# their macros drew on ("Edit the data for this page"), so no page lists its data by hand.
DATA_FILES: dict[str, tuple[str, ...]] = {
    "topic_overview": ("data/topics/{0}.yml",),
    "aspect_matrix": ("data/topics/{0}.yml",),
    "viewpoints": ("data/topics/{0}.yml",),
    "comparison": ("data/topics/{0}.yml",),
    "topic_figures": ("data/figures.yml",),
    "source_profile": ("data/sources.yml",),
    "source_topics": ("data/topics/",),
    "source_claims": ("data/topics/",),
    "text_map": ("sources/{0}.txt", "data/uncited.yml"),
    "assessment_matrix": ("data/topics/", "data/sources.yml"),
    "source_list": ("data/sources.yml",),
    "topic_list": ("data/topics/",),
    "assessment_scale": ("data/assessments.yml",),
    "claim_counts": ("data/topics/",),
    "coverage_table": ("sources/", "data/topics/", "data/uncited.yml"),
    "uncited_list": ("data/uncited.yml",),
    "figures": ("data/figures.yml",),
    "timeline": ("data/events.yml",),
    "glossary": ("data/glossary.yml",),
    # Added to every page, or read by the adapter: incidental, not what the page is about.
    "abbreviations": (),
    "page_meta": (),
    # The Data page describes the files built from all of the data, not one file of it.
    "download_list": (),
    "download_fields": (),
    "data_reference": (),
}


def data_files(macro: str, *args: object) -> list[str]:
    """The data files a call of ``macro`` draws on (see DATA_FILES)."""
    return [template.format(*args) for template in DATA_FILES[macro]]


def topic_page(topic: str) -> str:
    return f"topics/{topic}.md"


def source_page(source: str) -> str:
    return f"sources/{source}.md"


@dataclass
class Renderer:
    """Renders the fragments of one page: make one per page, since it remembers which glossary
    terms that page has already explained."""

    data: Dataset
    url: Url
    explained: set[str] = field(default_factory=set)

    def href(self, page: str, anchor: str = "") -> str:
        return html.escape(self.url(page) + (f"#{anchor}" if anchor else ""), quote=True)

    def page_meta(self, page: str) -> dict[str, object]:
        """What a page drawn from the data says of itself: its summary for search engines and,
        for a topic, its key terms, which the site search indexes as the page's tags."""
        kind, _, name = page.removesuffix(".md").partition("/")
        if kind == "topics" and name in self.data.topics:
            topic = self.data.topics[name]
            return {
                "description": f"{topic.question} What published analyses of Russia–China "
                "relations say, side by side, each claim with a verified quote.",
                "tags": self.key_terms(name),
            }
        if kind == "sources" and name in self.data.sources:
            source = self.data.sources[name]
            return {
                "description": f"{source.title} ({source.label}): its thesis, its assessment on "
                "each topic, and every claim it makes, each with a verified quote and locator."
            }
        return {}

    def key_terms(self, slug: str) -> list[str]:
        """The glossary terms a topic's viewpoints use more than once, most used first.

        Search ranks a page's tags far above its text, so a query naming a thing ("Power of
        Siberia", "S-400") finds the topic about it first, however common its words are.
        """
        pattern = self.data.term_pattern
        if pattern is None:
            return []
        texts = []
        for sid, viewpoint in self.data.topics[slug].viewpoints.items():
            texts += [viewpoint.rationale, viewpoint.summary]
            texts += [
                text
                for e in self.data.entries(slug, sid)
                for text in (e.claim.paraphrase, e.claim.quote)
            ]
        used = Counter(
            self.data.term_of[m.group()] for text in texts for m in pattern.finditer(text)
        )
        return [term for term, count in used.most_common() if count > 1]

    # Small pieces -------------------------------------------------------

    def badge(self, assessment: str) -> str:
        label = self.data.assessments[assessment].label
        return f'<span class="assessment assessment--{assessment}">{escape(label)}</span>'

    def source_name(self, source: str) -> str:
        return f'<a href="{self.href(source_page(source))}">{escape(self.data.sources[source].label)}</a>'

    def text(self, value: str) -> str:
        """A data value escaped, with a glossary term's first use on the page marked up to show
        its meaning as a tooltip. Only the first: as in print, a term is explained once, and
        repeating the definition at every use made the longest topic pages a tenth larger."""
        pattern = self.data.term_pattern
        if pattern is None:
            return escape(value)
        out, last = [], 0
        for match in pattern.finditer(value):
            term = match.group()
            out.append(escape(value[last : match.start()]))
            if term in self.explained:
                out.append(escape(term))
            else:
                self.explained.add(term)
                out.append(
                    f'<abbr title="{escape(_tooltip(self.data.terms[term]))}">{escape(term)}</abbr>'
                )
            last = match.end()
        return "".join(out) + escape(value[last:])

    def locator(self, source: str, location: Location) -> str:
        """Paragraph number and nearest heading, linked to that paragraph in the source's text map."""
        paragraph = location.paragraph
        where = f"¶{paragraph.number}" + (
            f" · {escape(paragraph.heading)}" if paragraph.heading else ""
        )
        return (
            f'<a class="claim__locator" href="{self.href(source_page(source), f"p{paragraph.number}")}">'
            f"{where}</a>"
        )

    def claim_locator(self, entry: Entry) -> str:
        return self.locator(entry.source, self.data.locations[(entry.source, entry.claim.id)])

    def claim(self, entry: Entry, topic: str, show_aspect: bool = True) -> str:
        """One claim: its aspect (shown once at the head of a run of claims on the same aspect),
        our paraphrase, the verified quote, the locator and the claim's permalink."""
        label = [escape(self.data.topics[topic].aspects[entry.aspect].title)] if show_aspect else []
        if entry.home != topic:
            label.append(
                f'<a href="{self.href(topic_page(entry.home), entry.anchor)}">'
                f"also on {escape(self.data.topics[entry.home].title)}</a>"
            )
        return (
            f'<article class="claim" id="{entry.anchor}">'
            + (f'<p class="claim__aspect">{" · ".join(label)}</p>' if label else "")
            + f'<p class="claim__paraphrase">{self.text(entry.claim.paraphrase)}</p>'
            f'<blockquote class="claim__quote"><p>{self.text(entry.claim.quote)}</p></blockquote>'
            f'<p class="claim__source">{self.claim_locator(entry)} '
            f'<a class="claim__permalink" href="#{entry.anchor}" aria-label="Permalink to this claim">#</a></p>'
            f"</article>"
        )

    # Topic pages --------------------------------------------------------

    def topic_overview(self, slug: str) -> str:
        """The question, the introduction and every source's assessment side by side."""
        topic = self.data.topics[slug]
        cards = []
        for sid in self.data.sources:
            viewpoint = topic.viewpoints[sid]
            count = len(self.data.entries(slug, sid))
            more = (
                f'<a href="#{sid}">{count} claim{"s" if count != 1 else ""}</a>'
                if viewpoint.assessment != NOT_ADDRESSED
                else "No claims"
            )
            cards.append(
                f'<div class="glance__card"><p class="glance__source">{self.source_name(sid)}</p>'
                f"<p>{self.badge(viewpoint.assessment)}</p>"
                f'<p class="glance__rationale">{self.text(viewpoint.rationale)}</p>'
                f'<p class="glance__more">{more}</p></div>'
            )
        return (
            f'<p class="topic-question"><strong>{escape(topic.question)}</strong></p>\n\n'
            f"<p>{escape(topic.introduction)}</p>\n\n"
            f'<div class="glance" role="list">{"".join(cards)}</div>'
        ).replace('<div class="glance__card">', '<div class="glance__card" role="listitem">')

    def aspect_matrix(self, slug: str) -> str:
        """Aspects down, sources across; each cell lists the source's claims on that aspect."""
        topic = self.data.topics[slug]
        head = "".join(
            f'<th scope="col">{escape(self.data.sources[s].label)}</th>' for s in self.data.sources
        )
        rows = []
        entries = {sid: self.data.entries(slug, sid) for sid in self.data.sources}
        for aid, aspect in topic.aspects.items():
            cells = []
            for sid in self.data.sources:
                links = [
                    f'<li><a href="#{e.anchor}">{escape(_gist(e.claim.paraphrase))}</a></li>'
                    for e in entries[sid]
                    if e.aspect == aid
                ]
                cells.append(
                    f"<td><ul>{''.join(links)}</ul></td>"
                    if links
                    else '<td class="matrix__empty"><span aria-label="not addressed">—</span></td>'
                )
            rows.append(
                f'<tr><th scope="row"><span class="matrix__aspect">{escape(aspect.title)}</span>'
                f'<span class="matrix__question">{escape(aspect.question)}</span></th>{"".join(cells)}</tr>'
            )
        return (
            f'<div class="matrix-wrap"><table class="matrix"><caption>What each source says on each aspect of '
            f'{escape(topic.title)}</caption><thead><tr><th scope="col">Aspect</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )

    def viewpoints(self, slug: str) -> str:
        """Per source: heading, assessment, summary and every claim with its quote."""
        topic = self.data.topics[slug]
        sections = []
        for sid, source in self.data.sources.items():
            viewpoint = topic.viewpoints[sid]
            order = list(topic.aspects)
            entries = sorted(self.data.entries(slug, sid), key=lambda e: order.index(e.aspect))
            body = [f"<p>{self.badge(viewpoint.assessment)} {self.text(viewpoint.rationale)}</p>"]
            if viewpoint.summary:
                body.append(f'<p class="viewpoint__summary">{self.text(viewpoint.summary)}</p>')
            if viewpoint.assessment == NOT_ADDRESSED:
                body.append(
                    '<p class="viewpoint__silent">This source does not address the topic.</p>'
                )
            body += [
                self.claim(e, slug, show_aspect=i == 0 or e.aspect != entries[i - 1].aspect)
                for i, e in enumerate(entries)
            ]
            sections.append(
                f'<section class="viewpoint" markdown>\n\n## {escape(source.label)} {{ #{sid} }}\n\n'
                f'<div class="viewpoint__body">{"".join(body)}</div>\n\n</section>'
            )
        return '<div class="viewpoints" markdown>\n\n' + "\n\n".join(sections) + "\n\n</div>"

    # Source pages -------------------------------------------------------

    def source_profile(self, sid: str) -> str:
        source = self.data.sources[sid]
        authors = (
            ", ".join(source.authors)
            or f"Not named in the text; attributed to {source.attributed_author}"
        )
        date = source.published.text + (
            "" if source.published.status == "as printed" else f" ({source.published.status})"
        )
        rows = [
            ("Author", authors),
            ("Title", source.title),
            ("Published in", source.outlet),
            ("Publisher", source.publisher),
            ("Date", date),
            ("Kind", source.kind),
        ]
        meta = "".join(f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in rows if v)
        if source.published.basis:
            meta += f"<dt>How the date is known</dt><dd>{escape(source.published.basis)}</dd>"
        if source.url:
            meta += f'<dt>Original</dt><dd><a href="{html.escape(source.url, quote=True)}">{escape(source.url)}</a></dd>'
        note = (
            f'<p class="source__attribution"><strong>Attribution:</strong> {escape(source.attribution_note)}</p>'
            if source.attribution_note
            else ""
        )
        return (
            f'<dl class="source__meta">{meta}</dl>{note}'
            f'<p class="source__thesis">{escape(source.thesis)}</p>'
            f"<p>Overall: {self.badge(source.overall)} {escape(source.overall_rationale)}</p>"
        )

    def source_topics(self, sid: str) -> str:
        rows = []
        for slug, topic in self.data.topics.items():
            viewpoint = topic.viewpoints[sid]
            rows.append(
                f'<tr><th scope="row"><a href="{self.href(topic_page(slug), sid)}">{escape(topic.title)}</a></th>'
                f"<td>{self.badge(viewpoint.assessment)}</td><td>{self.text(viewpoint.rationale)}</td>"
                f"<td>{len(self.data.entries(slug, sid))}</td></tr>"
            )
        return (
            '<table class="source-topics"><thead><tr><th scope="col">Topic</th><th scope="col">Assessment</th>'
            f'<th scope="col">Why</th><th scope="col">Claims</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        )

    def source_claims(self, sid: str) -> str:
        """All the source's claims, grouped by the topic that defines them."""
        parts = []
        for slug, topic in self.data.topics.items():
            entries = [e for e in self.data.entries(slug, sid) if e.home == slug]
            if entries:
                parts.append(
                    f'<h3 id="claims-{slug}" data-search-exclude><a href="{self.href(topic_page(slug), sid)}">'
                    f"{escape(topic.title)}</a></h3>"
                    + "".join(self._source_claim(e) for e in entries)
                )
        # Excluded from search: the same claims are found on their topic pages.
        return f"<div data-search-exclude>{''.join(parts)}</div>"

    def _source_claim(self, entry: Entry) -> str:
        return (
            f'<div class="claim claim--compact"><p class="claim__paraphrase">{self.text(entry.claim.paraphrase)}</p>'
            f'<blockquote class="claim__quote"><p>{self.text(entry.claim.quote)}</p></blockquote>'
            f'<p class="claim__source">{self.claim_locator(entry)} · <a href="{self.href(topic_page(entry.home), entry.anchor)}">'
            f"on the {escape(self.data.topics[entry.home].title)} page</a></p></div>"
        )

    def text_map(self, sid: str) -> str:
        """Each paragraph of the text: where it stands, how it opens, and what cites it."""
        report = coverage(self.data, sid)
        rows = [self._paragraph_row(sid, p, report) for p in self.data.texts[sid].paragraphs]
        return (
            '<table class="text-map" data-search-exclude><thead><tr><th scope="col">¶</th><th scope="col">Section</th>'
            '<th scope="col">Opens with</th><th scope="col">Cited by</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )

    def _paragraph_row(self, sid: str, paragraph: Paragraph, report: SourceCoverage) -> str:
        cited = report.cited.get(paragraph.number, [])
        if cited:
            uses = ", ".join(
                f'<a href="{self.href(topic_page(e.home), e.anchor)}">{escape(self.data.topics[e.home].title)}: '
                f"{escape(e.claim.id)}</a>"
                for e in cited
            )
        elif paragraph.number in report.reasons:
            uses = f"<em>Not cited: {escape(report.reasons[paragraph.number])}</em>"
        elif paragraph.substantive:
            uses = "<strong>Not cited yet</strong>"
        else:
            uses = f'<span class="text-map__short">Short ({paragraph.words} words)</span>'
        return (
            f'<tr id="p{paragraph.number}"><td>{paragraph.number}</td><td>{escape(paragraph.heading)}</td>'
            f"<td>{escape(paragraph.opening)}</td><td>{uses}</td></tr>"
        )

    # Site-wide ----------------------------------------------------------

    def assessment_matrix(self) -> str:
        """Topics down, sources across, each cell the source's assessment; an overall row last."""
        head = "".join(f'<th scope="col">{self.source_name(s)}</th>' for s in self.data.sources)
        rows = []
        for slug, topic in self.data.topics.items():
            cells = "".join(
                f'<td><a href="{self.href(topic_page(slug), sid)}">{self.badge(topic.viewpoints[sid].assessment)}</a></td>'
                for sid in self.data.sources
            )
            rows.append(
                f'<tr><th scope="row"><a href="{self.href(topic_page(slug))}">{escape(topic.title)}</a></th>{cells}</tr>'
            )
        overall = "".join(
            f'<td><a href="{self.href(source_page(sid))}">{self.badge(s.overall)}</a></td>'
            for sid, s in self.data.sources.items()
        )
        return (
            f'<div class="matrix-wrap"><table class="overview"><caption>Each source\'s assessment, topic by topic'
            f'</caption><thead><tr><th scope="col">Topic</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
            f'<tfoot><tr><th scope="row">Overall</th>{overall}</tr></tfoot></table></div>'
        )

    def source_list(self) -> str:
        items = []
        for sid, source in self.data.sources.items():
            by = ", ".join(source.authors) or f"attributed to {source.attributed_author}"
            items.append(
                f"<li>{self.source_name(sid)} — {escape(by)}, <cite>{escape(source.title)}</cite>, "
                f"{escape(source.outlet)}, {escape(source.published.text)}</li>"
            )
        return f'<ul class="source-list">{"".join(items)}</ul>'

    def topic_list(self) -> str:
        return (
            '<ul class="topic-list">'
            + "".join(
                f'<li><a href="{self.href(topic_page(slug))}">{escape(t.title)}</a> — {escape(t.question)}</li>'
                for slug, t in self.data.topics.items()
            )
            + "</ul>"
        )

    def assessment_scale(self) -> str:
        rows = "".join(
            f"<tr><td>{self.badge(aid)}</td><td>{escape(a.definition)}</td></tr>"
            for aid, a in self.data.assessments.items()
        )
        return (
            '<table class="scale"><thead><tr><th scope="col">Assessment</th><th scope="col">Meaning</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )

    def claim_counts(self) -> str:
        """Claims per topic and source, with totals: the size of the comparison."""
        head = "".join(
            f'<th scope="col">{escape(s.label)}</th>' for s in self.data.sources.values()
        )
        rows, totals = [], dict.fromkeys(self.data.sources, 0)
        for slug, topic in self.data.topics.items():
            counts = {
                sid: sum(1 for e in self.data.entries(slug, sid) if e.home == slug)
                for sid in self.data.sources
            }
            for sid, n in counts.items():
                totals[sid] += n
            rows.append(
                f'<tr><th scope="row"><a href="{self.href(topic_page(slug))}">{escape(topic.title)}</a></th>'
                + "".join(f"<td>{n}</td>" for n in counts.values())
                + f"<td>{sum(counts.values())}</td></tr>"
            )
        foot = (
            "".join(f"<td>{n}</td>" for n in totals.values()) + f"<td>{sum(totals.values())}</td>"
        )
        return (
            f'<table class="counts"><caption>Verified quotes (claims) by topic and source</caption><thead><tr>'
            f'<th scope="col">Topic</th>{head}<th scope="col">All</th></tr></thead><tbody>{"".join(rows)}</tbody>'
            f'<tfoot><tr><th scope="row">All topics</th>{foot}</tr></tfoot></table>'
        )

    def coverage_table(self) -> str:
        rows = []
        for sid in self.data.sources:
            report = coverage(self.data, sid)
            rows.append(
                f'<tr><th scope="row">{self.source_name(sid)}</th><td>{len(report.substantive)}</td>'
                f"<td>{report.cited_count}</td><td>{report.percent:.0f}%</td><td>{len(report.reasons)}</td>"
                f"<td>{len(report.gaps)}</td>"
                f'<td><a href="{self.href(source_page(sid), "text-map")}">Text map</a></td></tr>'
            )
        return (
            '<table class="coverage"><thead><tr><th scope="col">Source</th><th scope="col">Substantive paragraphs</th>'
            '<th scope="col">Cited</th><th scope="col">Share cited</th><th scope="col">Not cited, with reason</th>'
            f'<th scope="col">Gaps</th><th scope="col">Detail</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        )

    def uncited_list(self) -> str:
        items = []
        for sid in self.data.sources:
            report = coverage(self.data, sid)
            for number, reason in sorted(report.reasons.items()):
                paragraph = self.data.texts[sid].paragraphs[number - 1]
                items.append(
                    f'<li><a href="{self.href(source_page(sid), f"p{number}")}">'
                    f"{escape(self.data.sources[sid].label)}, ¶{number}</a> ({escape(paragraph.opening)}): "
                    f"{escape(reason)}</li>"
                )
        return f'<ul class="uncited">{"".join(items)}</ul>' if items else "<p>None.</p>"

    # Comparative views --------------------------------------------------

    def comparison(self, slug: str, kind: str) -> str:
        """The groups of claims on which the sources agree (``kind="agree"``) or disagree."""
        topic = self.data.topics[slug]
        groups = getattr(topic.comparison, kind)
        if not groups:
            return f'<p class="comparison__none">{escape(topic.comparison.none or "The texts offer no such point on this topic.")}</p>'
        items = []
        for group in groups:
            claims = "".join(
                f'<li><span class="comparison__source">{escape(self.data.sources[e.source].label)}:</span> '
                f'<a href="{self._claim_href(e, slug)}">{self.text(e.claim.paraphrase)}</a></li>'
                for e in map(self.data.entry, group.claims)
            )
            items.append(
                f'<div class="comparison comparison--{kind}"><p><strong>{escape(topic.aspects[group.aspect].title)}.</strong> '
                f"{self.text(group.note)}</p><ul>{claims}</ul></div>"
            )
        return "".join(items)

    def _claim_href(self, entry: Entry, topic: str) -> str:
        viewpoint = self.data.topics[topic].viewpoints[entry.source]
        shown_here = entry.home == topic or any(
            r.claim == entry.claim.id for r in viewpoint.shared_claims
        )
        return f"#{entry.anchor}" if shown_here else self.href(topic_page(entry.home), entry.anchor)

    def topic_figures(self, slug: str) -> str:
        figures = [(fid, f) for fid, f in self.data.figures.items() if slug in f.topics]
        if not figures:
            return "<p>No statistic on this topic is reported by two or more sources.</p>"
        return (
            '<ul class="figure-links">'
            + "".join(
                f'<li><a href="{self.href("figures.md", fid)}">{escape(f.title)}</a> '
                f"({len({r.source for r in f.reports})} sources)</li>"
                for fid, f in figures
            )
            + "</ul>"
        )

    def figures(self) -> str:
        """Every statistic two or more sources report: a chart, each source's value and quote, and a note."""
        parts = []
        for fid, figure in self.data.figures.items():
            rows = "".join(
                f'<tr><th scope="row">{self.source_name(r.source)}</th><td>{escape(r.stated)}</td>'
                f"<td>{_number(r.value)} {escape(figure.unit)}</td><td>{r.year or ''}</td>"
                f'<td><blockquote class="claim__quote"><p>{self.text(r.quote)}</p></blockquote>'
                f"{self.locator(r.source, self.data.quotes[(r.source, r.quote)])}</td></tr>"
                for r in figure.reports
            )
            topics = ", ".join(
                f'<a href="{self.href(topic_page(t))}">{escape(self.data.topics[t].title)}</a>'
                for t in figure.topics
            )
            note = (
                f'<p class="figure__note"><strong>Note:</strong> {self.text(figure.note)}</p>'
                if figure.note
                else ""
            )
            parts.append(
                f'<section class="figure" id="{fid}"><h2>{escape(figure.title)}</h2>'
                f"{self._chart(fid, figure)}"
                f'<table class="figure__values"><thead><tr><th scope="col">Source</th><th scope="col">As stated</th>'
                f'<th scope="col">In {escape(figure.unit)}</th><th scope="col">Year</th><th scope="col">Quote</th></tr></thead>'
                f'<tbody>{rows}</tbody></table>{note}<p class="figure__topics">Topics: {topics}</p></section>'
            )
        return "".join(parts)

    def _chart(self, fid: str, figure: Figure) -> str:
        """A bar per source, drawn as inline SVG, with the values also written out as its text alternative."""
        width, label_width, bar_height, gap = 560, 170, 22, 8
        # Bars for years start just before the earliest one; from zero they would all look the same.
        base = min(r.value for r in figure.reports) - 1 if figure.unit == "year" else 0
        top = (max(r.value for r in figure.reports) - base) or 1
        bars, summary = [], []
        for i, r in enumerate(figure.reports):
            y = i * (bar_height + gap)
            length = (width - label_width - 110) * (r.value - base) / top
            label = self.data.sources[r.source].label
            bars.append(
                f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
                f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" class="chart__bar"/>'
                f'<text x="{label_width + length + 6:.1f}" y="{y + 16}">{_number(r.value)}</text>'
            )
            summary.append(f"{label}: {_number(r.value)}")
        height = len(figure.reports) * (bar_height + gap)
        description = f"{figure.title}, in {figure.unit}. " + "; ".join(summary) + "."
        return (
            f'<svg class="chart" role="img" aria-labelledby="{fid}-chart-title" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}"><title id="{fid}-chart-title">{escape(description)}</title>'
            f"{''.join(bars)}</svg>"
        )

    def timeline(self) -> str:
        """Events grouped by period, in date order, each with every source's mention."""
        parts = []
        for period, title in PERIODS.items():
            events = sorted(
                ((eid, e) for eid, e in self.data.events.items() if e.period == period),
                key=lambda x: x[1].date,
            )
            if not events:
                continue
            items = []
            for eid, event in events:
                mentions = "".join(
                    f"<li>{self.source_name(m.source)} ({escape(m.date_given)}): <q>{self.text(m.quote)}</q> "
                    f"{self.locator(m.source, self.data.quotes[(m.source, m.quote)])}</li>"
                    for m in event.mentions
                )
                note = (
                    f'<p class="event__note"><strong>Note:</strong> {self.text(event.note)}</p>'
                    if event.note
                    else ""
                )
                items.append(
                    f'<li class="event" id="{eid}"><p><time datetime="{event.date}">{escape(_date(event.date))}</time> — '
                    f"<strong>{self.text(event.title)}</strong></p><ul>{mentions}</ul>{note}</li>"
                )
            parts.append(
                f'<h2 id="{period}">{escape(title)}</h2><ol class="timeline">{"".join(items)}</ol>'
            )
        return "".join(parts)

    def glossary(self) -> str:
        rows = "".join(
            f'<tr id="term-{_slug(term)}"><th scope="row">{escape(term)}</th><td>{escape(e.expansion)}</td>'
            f"<td>{escape(e.definition)}</td><td>{escape(', '.join(e.aliases))}</td>"
            f"<td>{', '.join(self.source_name(s) for s in e.sources)}</td></tr>"
            for term, e in sorted(self.data.glossary.items(), key=lambda item: item[0].lower())
        )
        return (
            '<table class="glossary" data-search-exclude><thead><tr><th scope="col">Term</th><th scope="col">Stands for</th>'
            '<th scope="col">Meaning</th><th scope="col">Also written</th><th scope="col">Used by</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )

    def abbreviations(self) -> str:
        """Markdown abbreviation definitions, so terms in hand-written prose show their meaning too.

        One block each: Python-Markdown takes one definition off a block per pass and re-tests
        the rest against every block processor, so a single block of N lines costs N² scans.
        """
        return "\n\n".join(
            f"*[{name}]: {_tooltip(entry)}" for name, entry in self.data.terms.items()
        )

    # Data page ----------------------------------------------------------

    def download_list(self) -> str:
        """Every file in downloads/, linked, with what it holds."""
        items = "".join(
            f'<li><a href="{self.href(f"{downloads.FOLDER}/{name}")}" download><code>{escape(name)}</code></a>'
            f" — {escape(description)}</li>"
            for name, description in downloads.DESCRIPTIONS.items()
        )
        return f'<ul class="downloads">{items}</ul>'

    def download_fields(self, name: str) -> str:
        """The columns of a CSV download, the top-level and added fields of dataset.json, or the
        citation fields ("sources"), from the declarations the files are written with."""
        if name in downloads.TABLES:
            table = downloads.TABLES[name]
            caption = f"Columns of {name}; one row is {table.row}"
            rows = [(c.name, c.meaning) for c in table.columns]
            return _field_table(caption, "Column", rows)
        if name == "dataset.json":
            top = _field_table(
                "Top-level fields of dataset.json",
                "Field",
                [(key, meaning) for key, (meaning, _) in downloads.JSON_FIELDS.items()],
            )
            added = [
                (f"{where} → {c.name}", c.meaning)
                for where, columns in downloads.JSON_ADDED.items()
                for c in columns
            ]
            return top + _field_table(
                "Fields dataset.json adds to those of the data files", "Field", added
            )
        if name == "sources":
            return _field_table(
                "Fields of sources.bib (BibLaTeX) and sources.csl.json (CSL-JSON)",
                "BibLaTeX / CSL-JSON",
                [(f"{bib} / {csl}", meaning) for bib, csl, meaning in downloads.CITATION_FIELDS],
            )
        raise ValueError(
            f"no download {name!r}: one of {', '.join(downloads.TABLES)}, dataset.json, sources"
        )

    def data_reference(self) -> str:
        """The data files' fields (those of dataset.json), as in CONTRIBUTING.md's data reference."""
        return reference.reference()


def _field_table(caption: str, heading: str, rows: list[tuple[str, str]]) -> str:
    body = "".join(
        f"<tr><td><code>{escape(name)}</code></td><td>{escape(meaning)}</td></tr>"
        for name, meaning in rows
    )
    return (
        f'<table class="fields"><caption>{escape(caption)}</caption><thead><tr><th scope="col">{escape(heading)}</th>'
        f'<th scope="col">Meaning</th></tr></thead><tbody>{body}</tbody></table>'
    )


def _tooltip(entry: GlossaryEntry) -> str:
    """A hover hint: what an acronym stands for, or else the definition's first sentence.
    The whole definition is on the glossary page; repeated in full on every page, the
    definitions made the longest topic pages a tenth larger."""
    return entry.expansion or re.split(r"(?<=[.!?])\s+(?=[A-Z])", entry.definition, maxsplit=1)[0]


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def _date(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = calendar.month_name[int(parts[1])]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def _slug(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")

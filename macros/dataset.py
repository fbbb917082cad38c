"""Load every data file, check it, and index it for rendering.

:func:`load` is called once per build. It reads and checks everything before
anything is drawn, and raises :class:`DataError` listing every problem found,
one ``file:line: field: message`` line each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from .corpus import Location, SourceText
from .schema import (
    FILES,
    Assessment,
    Claim,
    Event,
    Figure,
    GlossaryEntry,
    Source,
    Topic,
    UncitedParagraph,
    Viewpoint,
)
from .yamlfile import DataError, Problem, YamlFile, read_yaml

NOT_ADDRESSED = "not-addressed"
_SILENT = Viewpoint(assessment=NOT_ADDRESSED, rationale="-")
T = TypeVar("T")


@dataclass(frozen=True)
class Entry:
    """A claim as it appears on one topic: defined there, or shared from its home topic."""

    source: str
    claim: Claim
    aspect: str
    home: str  # the topic that defines the claim

    @property
    def anchor(self) -> str:
        return f"{self.source}-{self.claim.id}"


@dataclass
class Dataset:
    root: Path
    assessments: dict[str, Assessment]
    sources: dict[str, Source]
    texts: dict[str, SourceText]
    topics: dict[str, Topic]
    uncited: dict[str, dict[int, UncitedParagraph]]
    figures: dict[str, Figure] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    glossary: dict[str, GlossaryEntry] = field(default_factory=dict)
    locations: dict[tuple[str, str], Location] = field(default_factory=dict)
    quotes: dict[tuple[str, str], Location] = field(
        default_factory=dict
    )  # (source, quote) of figures and events
    homes: dict[tuple[str, str], str] = field(default_factory=dict)

    @cached_property
    def term_of(self) -> dict[str, str]:
        """Every glossary term and alias, to the term it is filed under."""
        return {
            name: term for term, entry in self.glossary.items() for name in (term, *entry.aliases)
        }

    @cached_property
    def terms(self) -> dict[str, GlossaryEntry]:
        """Every glossary term and alias, to the entry that defines it."""
        return {name: self.glossary[term] for name, term in self.term_of.items()}

    @cached_property
    def term_pattern(self) -> re.Pattern[str] | None:
        """Finds glossary terms in running text, longest first, whole words only."""
        if not self.terms:
            return None
        names = sorted(self.terms, key=len, reverse=True)
        return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")

    def entry(self, ref: str) -> Entry:
        """The claim named ``source-id/claim-id``, as defined on its home topic."""
        source, claim_id = ref.split("/")
        home = self.homes[(source, claim_id)]
        claim = next(c for c in self.topics[home].viewpoints[source].claims if c.id == claim_id)
        return Entry(source, claim, claim.aspect, home)

    def entries(self, topic: str, source: str) -> list[Entry]:
        """The claims of ``source`` shown on ``topic``, its own first, then those shared in."""
        viewpoint = self.topics[topic].viewpoints[source]
        own = [Entry(source, c, c.aspect, topic) for c in viewpoint.claims]
        shared = [
            Entry(source, e.claim, ref.aspect, e.home)
            for ref in viewpoint.shared_claims
            for e in [self.entry(f"{source}/{ref.claim}")]
        ]
        return own + shared

    def defined_claims(self, source: str) -> list[Entry]:
        """Every claim of a source once, in topic order."""
        return [
            Entry(source, claim, claim.aspect, slug)
            for slug, topic in self.topics.items()
            for claim in topic.viewpoints.get(source, _SILENT).claims
        ]

    def citations(self, source: str) -> dict[int, list[Entry]]:
        """Paragraph number to the claims that quote it."""
        cited: dict[int, list[Entry]] = {}
        for entry in self.defined_claims(source):
            location = self.locations.get((source, entry.claim.id))
            for number in location.paragraphs if location else ():
                cited.setdefault(number, []).append(entry)
        return cited


class _Checker:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []

    def read(self, relative: str, keyed_by_id: bool = False) -> YamlFile | None:
        path = self.root / relative
        if not path.is_file():
            self.problems.append(Problem(relative, 1, "", "file is missing"))
            return None
        parsed, problems = read_yaml(path, relative, keyed_by_id)
        self.problems += problems
        return None if problems else parsed

    def validate(self, file: YamlFile, kind: Any) -> Any:
        try:
            return TypeAdapter(kind).validate_python(file.data)
        except ValidationError as error:
            for detail in error.errors():
                self.problems.append(file.problem(detail["loc"], _message(detail)))
            return None


def _message(detail: dict[str, Any]) -> str:
    if detail["type"] == "missing":
        return "missing (required field)"
    if detail["type"] == "extra_forbidden":
        return "unknown field"
    message = detail["msg"].removeprefix("Value error, ")
    return message[0].lower() + message[1:]


def load(root: Path) -> Dataset:
    """Read and check the data under ``root``; raise DataError with every problem found."""
    check = _Checker(root)
    files = {
        kind: check.read(path, keyed_by_id=True)
        for kind, (path, _) in FILES.items()
        if kind != "topic"
    }
    valid = {kind: _validated(check, file, FILES[kind][1]) for kind, file in files.items()}
    topic_files = {
        p.stem: check.read(p.relative_to(root).as_posix())
        for p in sorted(root.glob(FILES["topic"][0]))
    }
    topics = {slug: _validated(check, f, Topic) for slug, f in topic_files.items()}
    assessments, sources = valid["assessments"], valid["sources"]
    if check.problems:
        raise DataError(check.problems)

    texts = {}
    for sid, source in sources.items():
        if (root / source.text).is_file():
            texts[sid] = SourceText.read(root / source.text)
        else:
            check.problems.append(
                files["sources"].problem((sid, "text"), f"no such file: {source.text}")
            )
        if source.overall not in assessments:
            check.problems.append(
                files["sources"].problem((sid, "overall"), f"unknown assessment {source.overall!r}")
            )
    topics = dict(sorted(topics.items(), key=lambda item: item[1].order))
    data = Dataset(
        root,
        assessments,
        sources,
        texts,
        topics,
        valid["uncited"],
        valid["figures"],
        valid["events"],
        valid["glossary"],
    )
    for slug in topics:
        _check_topic(check, data, slug, topic_files[slug])
    _check_shared(check, data, topic_files)
    for slug in topics:
        _check_comparison(check, data, slug, topic_files[slug])
    _check_figures(check, data, files["figures"])
    _check_events(check, data, files["events"])
    _check_glossary(check, data, files["glossary"])
    _check_pages(check, data)
    _check_uncited(check, data, files["uncited"])
    if check.problems:
        raise DataError(check.problems)
    return data


def _validated(check: _Checker, file: YamlFile | None, kind: type[T]) -> T | None:
    return None if file is None else check.validate(file, kind)


def _check_topic(check: _Checker, data: Dataset, slug: str, file: YamlFile) -> None:
    topic = data.topics[slug]
    for sid in data.sources:
        if sid not in topic.viewpoints:
            check.problems.append(
                file.problem(
                    ("viewpoints",),
                    f"no viewpoint for source {sid!r} "
                    "(every source needs one; use assessment: not-addressed if it is silent)",
                )
            )
    for sid, viewpoint in topic.viewpoints.items():
        where = ("viewpoints", sid)
        if sid not in data.sources:
            check.problems.append(
                file.problem(where, f"unknown source id {sid!r} (not in data/sources.yml)")
            )
            continue
        if viewpoint.assessment not in data.assessments:
            check.problems.append(
                file.problem(
                    where + ("assessment",), f"unknown assessment {viewpoint.assessment!r}"
                )
            )
        for i, claim in enumerate(viewpoint.claims):
            path = where + ("claims", i)
            if claim.aspect not in topic.aspects:
                check.problems.append(
                    file.problem(
                        path + ("aspect",), f"unknown aspect {claim.aspect!r} for topic {slug!r}"
                    )
                )
            key = (sid, claim.id)
            if key in data.homes:
                check.problems.append(
                    file.problem(
                        path + ("id",),
                        f"claim id {claim.id!r} is already used in data/topics/{data.homes[key]}.yml",
                    )
                )
                continue
            data.homes[key] = slug
            if sid in data.texts:
                location = data.texts[sid].locate(claim.quote)
                if location is None:
                    check.problems.append(
                        file.problem(path + ("quote",), f"not found in {data.sources[sid].text}")
                    )
                else:
                    data.locations[key] = location


def _check_shared(check: _Checker, data: Dataset, files: dict[str, YamlFile]) -> None:
    """Shared claims may point to any topic, so they are checked once every claim is known."""
    for slug, topic in data.topics.items():
        for sid, viewpoint in topic.viewpoints.items():
            for i, ref in enumerate(viewpoint.shared_claims):
                path = ("viewpoints", sid, "shared_claims", i)
                home = data.homes.get((sid, ref.claim))
                if home is None:
                    check.problems.append(
                        files[slug].problem(
                            path + ("claim",),
                            f"no claim {ref.claim!r} of {sid} is defined on any topic",
                        )
                    )
                elif home == slug:
                    check.problems.append(
                        files[slug].problem(
                            path + ("claim",),
                            f"claim {ref.claim!r} is defined on this topic already",
                        )
                    )
                if ref.aspect not in topic.aspects:
                    check.problems.append(
                        files[slug].problem(
                            path + ("aspect",), f"unknown aspect {ref.aspect!r} for topic {slug!r}"
                        )
                    )


def _check_comparison(check: _Checker, data: Dataset, slug: str, file: YamlFile) -> None:
    topic = data.topics[slug]
    for kind in ("agree", "disagree"):
        for i, group in enumerate(getattr(topic.comparison, kind)):
            path = ("comparison", kind, i)
            if group.aspect not in topic.aspects:
                check.problems.append(
                    file.problem(
                        path + ("aspect",), f"unknown aspect {group.aspect!r} for topic {slug!r}"
                    )
                )
            for j, ref in enumerate(group.claims):
                if tuple(ref.split("/")) not in data.homes:
                    check.problems.append(
                        file.problem(
                            path + ("claims", j), f"no claim {ref!r} is defined on any topic"
                        )
                    )
            if len({ref.split("/")[0] for ref in group.claims}) < 2:
                check.problems.append(
                    file.problem(
                        path + ("claims",), "a group needs claims from two or more sources"
                    )
                )


def _check_quote(
    check: _Checker, data: Dataset, file: YamlFile, path: tuple, source: str, quote: str
) -> None:
    if source not in data.sources:
        check.problems.append(
            file.problem(
                path + ("source",), f"unknown source id {source!r} (not in data/sources.yml)"
            )
        )
        return
    location = data.texts[source].locate(quote) if source in data.texts else None
    if location is None:
        check.problems.append(
            file.problem(path + ("quote",), f"not found in {data.sources[source].text}")
        )
    else:
        data.quotes[(source, quote)] = location


def _check_topics_exist(
    check: _Checker, data: Dataset, file: YamlFile, path: tuple, topics: list[str]
) -> None:
    for i, slug in enumerate(topics):
        if slug not in data.topics:
            check.problems.append(file.problem(path + ("topics", i), f"unknown topic {slug!r}"))


def _check_figures(check: _Checker, data: Dataset, file: YamlFile) -> None:
    for fid, figure in data.figures.items():
        _check_topics_exist(check, data, file, (fid,), figure.topics)
        for i, report in enumerate(figure.reports):
            _check_quote(check, data, file, (fid, "reports", i), report.source, report.quote)
        if len({r.source for r in figure.reports}) < 2:
            check.problems.append(
                file.problem((fid, "reports"), "a figure needs values from two or more sources")
            )
        if len({r.value for r in figure.reports}) > 1 and not figure.note:
            check.problems.append(
                file.problem((fid,), "the sources' values differ, so a note must say why")
            )


def _check_events(check: _Checker, data: Dataset, file: YamlFile) -> None:
    for eid, event in data.events.items():
        _check_topics_exist(check, data, file, (eid,), event.topics)
        for i, mention in enumerate(event.mentions):
            _check_quote(check, data, file, (eid, "mentions", i), mention.source, mention.quote)


def _check_glossary(check: _Checker, data: Dataset, file: YamlFile) -> None:
    defined: dict[str, str] = {}
    for term, entry in data.glossary.items():
        for i, name in enumerate([term, *entry.aliases]):
            path = (term,) if i == 0 else (term, "aliases", i - 1)
            if name in defined:
                check.problems.append(
                    file.problem(
                        path, f"term {name!r} is defined twice (also under {defined[name]!r})"
                    )
                )
            defined.setdefault(name, term)
        for i, source in enumerate(entry.sources):
            if source not in data.sources:
                check.problems.append(
                    file.problem((term, "sources", i), f"unknown source id {source!r}")
                )


def _check_pages(check: _Checker, data: Dataset) -> None:
    for folder, ids, kind in (
        ("topics", data.topics, "topic"),
        ("sources", data.sources, "source"),
    ):
        pages = {p.stem for p in (data.root / "docs" / folder).glob("*.md")}
        data_file = "data/sources.yml" if kind == "source" else "data/topics/{}.yml"
        for missing in sorted(set(ids) - pages):
            check.problems.append(
                Problem(
                    data_file.format(missing),
                    1,
                    "",
                    f"{kind} has no page docs/{folder}/{missing}.md",
                )
            )
        for orphan in sorted(pages - set(ids)):
            check.problems.append(
                Problem(
                    f"docs/{folder}/{orphan}.md",
                    1,
                    "",
                    f"page has no {kind} {orphan!r} in the data",
                )
            )


def _check_uncited(check: _Checker, data: Dataset, file: YamlFile) -> None:
    for sid, paragraphs in data.uncited.items():
        if sid not in data.texts:
            check.problems.append(file.problem((sid,), f"unknown source id {sid!r}"))
            continue
        text, cited = data.texts[sid], data.citations(sid)
        for number, entry in paragraphs.items():
            path = (sid, number)
            if not 1 <= number <= len(text.paragraphs):
                check.problems.append(
                    file.problem(path, f"{data.sources[sid].text} has no paragraph {number}")
                )
            elif not text.paragraphs[number - 1].opening.startswith(entry.starts.rstrip(" …")):
                check.problems.append(
                    file.problem(
                        path + ("starts",),
                        f"paragraph {number} starts {text.paragraphs[number - 1].opening!r}",
                    )
                )
            elif number in cited:
                check.problems.append(
                    file.problem(
                        path,
                        f"paragraph {number} is cited by claim {cited[number][0].claim.id!r}; remove it here",
                    )
                )


def load_or_exit(root: Path) -> Dataset:
    """For command-line use: print the problems and exit non-zero instead of a traceback."""
    try:
        return load(root)
    except DataError as error:
        raise SystemExit(str(error)) from None

"""The source texts: paragraphs, headings, and verbatim quote lookup.

The texts in ``sources/`` are kept exactly as published, page noise included, so
the comparison of a quote with its text happens on a normalised form of both
(see :func:`normalise`). Each text is normalised and indexed once; looking a
quote up is then a dictionary hit plus a few ``startswith`` checks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

#: A paragraph with at least this many words carries an argument; shorter
#: blocks are titles, captions, bylines, footer lines and the like.
SUBSTANTIVE_WORDS = 30

_SUPERSCRIPT = re.compile(r"<sup>[^<]*</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_ESCAPE = re.compile(r"\\+([^\sA-Za-z0-9])")
_EMPHASIS = re.compile(r"\*+")
_DASHES = re.compile(r"\s*[-‐‑‒–—―−]+\s*")
_SPACE = re.compile(r"\s+")
_TYPOGRAPHY = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "\u00a0": " ",
    }
)
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_TERMINAL = re.compile(r"[.!?:;,\"”)]$")


def plain(text: str) -> str:
    """The text as a reader sees it: Markdown escapes, links, emphasis and footnote markers removed."""
    text = _SUPERSCRIPT.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def normalise(text: str) -> str:
    """What a quote and its text are compared on.

    Only presentation is folded: white space, typographic quotes and dashes,
    Markdown escapes, link and emphasis syntax, and footnote markers. Words,
    spelling, punctuation and case must match exactly.
    """
    return _DASHES.sub("-", plain(text).translate(_TYPOGRAPHY))


def quote_fragments(quote: str) -> list[str]:
    """A quote's parts: ``...`` joins fragments that stand in this order in the text."""
    return [fragment for fragment in map(normalise, _ELLIPSIS.split(quote)) if fragment]


@dataclass(frozen=True)
class Paragraph:
    number: int
    heading: str
    text: str

    @cached_property
    def normalised(self) -> str:
        # Cached: the word count, the quote index and coverage on every page all need it.
        return normalise(self.text)

    @cached_property
    def words(self) -> int:
        return len(self.normalised.split())

    @property
    def substantive(self) -> bool:
        return self.words >= SUBSTANTIVE_WORDS

    @property
    def opening(self) -> str:
        """The first words, for readers who look the paragraph up in the original."""
        words = plain(self.text).split()
        return " ".join(words[:8]) + (" …" if len(words) > 8 else "")


@dataclass(frozen=True)
class Location:
    """Where a quote stands: the paragraph its first fragment starts in."""

    paragraph: Paragraph
    paragraphs: tuple[int, ...]


def _is_heading(block: Paragraph, body_started: bool) -> bool:
    if _MD_HEADING.match(block.text):
        return True
    line = block.normalised
    # A plain-text heading is a short title-like line without closing
    # punctuation, once the body has begun: before it, such lines are title,
    # byline and dateline; after it, all-caps lines are publisher furniture.
    return (
        body_started
        and 0 < len(line.split()) <= 15
        and not _TERMINAL.search(line)
        and ". " not in line
        and "Photo Credit" not in line
        and line[0].isupper()
        and not line.isupper()
    )


def _heading_text(block: str) -> str:
    return plain(_MD_HEADING.sub("", block.strip()))


def _blocks(text: str) -> list[str]:
    """Paragraphs: each line, except where a Markdown hard break (two trailing spaces) continues it.

    Some texts separate paragraphs by blank lines, others by single line breaks.
    """
    return re.split(r"(?<!  )\n", text)


@dataclass
class SourceText:
    """One source's text, split into numbered paragraphs, in which quotes are looked up."""

    path: Path
    paragraphs: list[Paragraph] = field(default_factory=list)
    _text: str = ""
    _starts: list[int] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> SourceText:
        source = cls(path)
        heading, body_started, number = "", False, 0
        for block in map(str.strip, _blocks(path.read_text(encoding="utf-8"))):
            if not block or set(block) <= {"-", "*", "_"}:
                continue
            # Made before knowing whether the block is a heading, so it is normalised once.
            paragraph = Paragraph(number + 1, heading, block)
            if _is_heading(paragraph, body_started):
                heading = _heading_text(block)
                continue
            number += 1
            body_started = body_started or paragraph.substantive
            source.paragraphs.append(paragraph)
        source._index()
        return source

    def _index(self) -> None:
        parts: list[str] = []
        offset = 0
        for paragraph in self.paragraphs:
            self._starts.append(offset)
            parts.append(paragraph.normalised)
            offset += len(parts[-1]) + 1
        self._text = " ".join(parts)

    def _paragraph_at(self, offset: int) -> Paragraph:
        return self.paragraphs[bisect.bisect_right(self._starts, offset) - 1]

    def _starts_a_word(self, start: int) -> bool:
        """Whether a match at ``start`` begins a word, or begins just inside the brackets or
        quote marks that open one."""
        text = self._text
        while start > 0 and not (text[start - 1].isspace() or text[start - 1].isalnum()):
            start -= 1
        return start == 0 or text[start - 1] == " "

    def _find(self, fragment: str, after: int) -> int:
        """Where the fragment stands from ``after`` on, beginning a word and with its first word
        whole. str.find, rather than an index of every word, since a text is searched for a
        few hundred fragments at most: building the index cost more than all the searches."""
        first_end = len(fragment.split(" ", 1)[0])
        start = self._text.find(fragment, after)
        while start >= 0:
            end = start + first_end
            if self._starts_a_word(start) and (end == len(self._text) or self._text[end] == " "):
                return start
            start = self._text.find(fragment, start + 1)
        return -1

    def locate(self, quote: str) -> Location | None:
        """Where the quote stands in this text, or None if it is not there verbatim."""
        fragments = quote_fragments(quote)
        if not fragments:
            return None
        found, position = [], 0
        for fragment in fragments:
            start = self._find(fragment, position)
            if start < 0:
                return None
            found.append(self._paragraph_at(start).number)
            position = start + len(fragment)
        return Location(self.paragraphs[found[0] - 1], tuple(dict.fromkeys(found)))

    @property
    def substantive(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.substantive]

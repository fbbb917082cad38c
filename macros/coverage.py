"""How much of each source text the claims account for.

A substantive paragraph (see :data:`macros.corpus.SUBSTANTIVE_WORDS`) is
either cited by a claim, listed in ``data/uncited.yml`` with a reason, or a
gap. Run ``python -m macros coverage`` for the report; the tests hold every
source to :data:`TARGET` and to no gaps.
"""

from __future__ import annotations

from dataclasses import dataclass

from .corpus import Paragraph
from .dataset import Dataset, Entry

#: Share of a source's substantive paragraphs that claims must cite.
TARGET = 90.0


@dataclass(frozen=True)
class SourceCoverage:
    source: str
    substantive: list[Paragraph]
    cited: dict[int, list[Entry]]
    reasons: dict[int, str]

    @property
    def cited_count(self) -> int:
        return sum(1 for p in self.substantive if p.number in self.cited)

    @property
    def percent(self) -> float:
        return 100.0 * self.cited_count / len(self.substantive) if self.substantive else 100.0

    @property
    def gaps(self) -> list[Paragraph]:
        return [
            p
            for p in self.substantive
            if p.number not in self.cited and p.number not in self.reasons
        ]

    @property
    def meets_target(self) -> bool:
        return not self.gaps and self.percent >= TARGET


def coverage(data: Dataset, source: str) -> SourceCoverage:
    reasons = {n: u.reason for n, u in data.uncited.get(source, {}).items()}
    return SourceCoverage(source, data.texts[source].substantive, data.citations(source), reasons)


def report(data: Dataset) -> str:
    lines = [f"{'source':<16} {'cited/substantive':>18} {'share':>6}  gaps"]
    for sid in data.sources:
        c = coverage(data, sid)
        lines.append(
            f"{sid:<16} {c.cited_count:>8}/{len(c.substantive):<9} {c.percent:>5.0f}%  {len(c.gaps)}"
        )
        lines += [f"  gap: {data.sources[sid].text} ¶{p.number}: {p.opening}" for p in c.gaps]
    lines.append("")
    lines.append(
        f"{'claims by topic':<18} " + " ".join(f"{s:>15}" for s in data.sources) + f" {'all':>5}"
    )
    for slug in data.topics:
        counts = [sum(1 for e in data.entries(slug, sid) if e.home == slug) for sid in data.sources]
        lines.append(f"{slug:<18} " + " ".join(f"{n:>15}" for n in counts) + f" {sum(counts):>5}")
    return "\n".join(lines)

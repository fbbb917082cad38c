"""Each kind of mistake in the data gives one line naming file, line, field and problem.

Every case breaks one thing in a copy of tests/fixture and checks the exact message.
"""

from pathlib import Path

import pytest
from conftest import edit, mkdocs_build

from macros.dataset import DataError, load

ENERGY = "data/topics/energy.yml"
SOURCES = "data/sources.yml"


def problems(root: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(root)
    return [str(p) for p in caught.value.problems]


def test_fixture_is_valid(project):
    data = load(project)
    assert list(data.topics) == ["energy"]


def test_duplicate_key(project):
    edit(
        project / ENERGY,
        "    rationale: Energy ties grow.\n",
        "    rationale: Energy ties grow.\n    rationale: Again.\n",
    )
    assert problems(project) == [
        f"{ENERGY}:16: viewpoints[alpha].rationale: duplicate key (first written on line 15)"
    ]


def test_yaml_syntax_error(project):
    edit(project / ENERGY, "question: Does energy bind them?", "question: [Does energy bind them?")
    [problem] = problems(project)
    assert problem.startswith(f"{ENERGY}:3: (file): YAML syntax error:")


def test_missing_field(project):
    edit(project / ENERGY, "        paraphrase: Russia sought Chinese capital.\n", "")
    assert problems(project) == [
        f"{ENERGY}:22: viewpoints[alpha].claims[1].paraphrase: missing (required field)"
    ]


def test_unknown_field(project):
    edit(project / ENERGY, "        aspect: oil\n", "        aspect: oil\n        colour: red\n")
    assert problems(project) == [f"{ENERGY}:20: viewpoints[alpha].claims[0].colour: unknown field"]


def test_wrong_type(project):
    edit(project / ENERGY, "order: 1", "order: first")
    assert problems(project) == [f"{ENERGY}:2: order: input should be a valid integer"]


def test_unknown_source_id(project):
    edit(project / ENERGY, "  beta:\n", "  gamma:\n")
    assert problems(project) == [
        f"{ENERGY}:12: viewpoints: no viewpoint for source 'beta' (every source needs one; use assessment: not-addressed if it is silent)",
        f"{ENERGY}:26: viewpoints[gamma]: unknown source id 'gamma' (not in data/sources.yml)",
    ]


def test_altered_quote(project):
    edit(project / ENERGY, "surpassing Saudi Arabia in 2016", "surpassing Iraq in 2016")
    assert problems(project) == [
        f"{ENERGY}:21: viewpoints[alpha].claims[0].quote: not found in sources/alpha.txt"
    ]


def test_source_missing_from_topic(project):
    edit(
        project / ENERGY,
        "  beta:\n    assessment: not-addressed\n    rationale: Beta does not discuss energy.\n",
        "",
    )
    assert problems(project) == [
        f"{ENERGY}:12: viewpoints: no viewpoint for source 'beta' (every source needs one; use assessment: not-addressed if it is silent)"
    ]


def test_unknown_aspect(project):
    edit(project / ENERGY, "        aspect: oil\n", "        aspect: gas\n")
    assert problems(project) == [
        f"{ENERGY}:19: viewpoints[alpha].claims[0].aspect: unknown aspect 'gas' for topic 'energy'"
    ]


def test_unknown_assessment(project):
    edit(project / ENERGY, "assessment: close-partnership", "assessment: frenemies")
    assert problems(project) == [
        f"{ENERGY}:14: viewpoints[alpha].assessment: unknown assessment 'frenemies'"
    ]


def test_silent_source_with_summary_missing(project):
    edit(project / ENERGY, "    summary: Alpha finds energy ties growing.\n", "")
    assert problems(project) == [
        f"{ENERGY}:13: viewpoints[alpha]: summary is required unless the assessment is 'not-addressed'"
    ]


def test_duplicate_claim_id(project):
    edit(project / ENERGY, "      - id: investment\n", "      - id: oil-supplier\n")
    assert problems(project) == [
        f"{ENERGY}:22: viewpoints[alpha].claims[1].id: claim id 'oil-supplier' is already used in data/topics/energy.yml"
    ]


def test_topic_without_page(project):
    (project / "docs/topics/energy.md").unlink()
    assert problems(project) == [f"{ENERGY}:1: (file): topic has no page docs/topics/energy.md"]


def test_page_without_topic(project):
    (project / "docs/topics/arctic.md").write_text("# Arctic\n")
    assert problems(project) == [
        "docs/topics/arctic.md:1: (file): page has no topic 'arctic' in the data"
    ]


def test_shared_claim_must_exist(project):
    edit(
        project / ENERGY,
        "  beta:\n",
        "    shared_claims:\n      - claim: no-such-claim\n        aspect: oil\n  beta:\n",
    )
    assert problems(project) == [
        f"{ENERGY}:27: viewpoints[alpha].shared_claims[0].claim: no claim 'no-such-claim' of alpha is defined on any topic"
    ]


def test_every_problem_is_reported_at_once(project):
    edit(project / ENERGY, "surpassing Saudi Arabia in 2016", "surpassing Iraq in 2016")
    edit(project / ENERGY, "        aspect: investment\n", "        aspect: gas\n")
    assert len(problems(project)) == 2


def test_build_stops_with_the_message_and_no_traceback(project):
    edit(project / ENERGY, "surpassing Saudi Arabia in 2016", "surpassing Iraq in 2016")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert (
        f"{ENERGY}:21: viewpoints[alpha].claims[0].quote: not found in sources/alpha.txt"
        in result.stderr
    )
    assert "Traceback" not in result.stderr + result.stdout


def test_command_line_check_prints_the_same_line(project):
    import subprocess
    import sys

    edit(project / ENERGY, "order: 1", "order: first")
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check", str(project)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == f"{ENERGY}:2: order: input should be a valid integer"


FIGURES, EVENTS, GLOSSARY = "data/figures.yml", "data/events.yml", "data/glossary.yml"


def test_figure_quote_not_verbatim(project):
    edit(project / FIGURES, "largest oil supplier only in 2015", "largest oil supplier in 2015")
    assert problems(project) == [
        f"{FIGURES}:13: [top-supplier-year].reports[1].quote: not found in sources/beta.txt"
    ]


def test_figure_values_that_differ_need_a_note(project):
    edit(project / FIGURES, "  note: The two texts date the change a year apart.\n", "")
    assert problems(project) == [
        f"{FIGURES}:1: [top-supplier-year]: the sources' values differ, so a note must say why"
    ]


def test_event_with_unknown_source(project):
    edit(project / EVENTS, "    - source: alpha", "    - source: gamma")
    assert problems(project) == [
        f"{EVENTS}:7: [oil-supplier].mentions[0].source: unknown source id 'gamma' (not in data/sources.yml)"
    ]


def test_glossary_term_defined_twice(project):
    edit(project / GLOSSARY, "  aliases: [Siberia pipeline]", "  aliases: [CNPC]")
    assert problems(project) == [
        f"{GLOSSARY}:7: [Power of Siberia].aliases[0]: term 'CNPC' is defined twice (also under 'CNPC')"
    ]


def test_comparison_group_with_unknown_claim(project):
    (project / ENERGY).write_text(
        (project / ENERGY).read_text()
        + (
            "comparison:\n  agree:\n    - aspect: oil\n      note: Both date it.\n"
            "      claims: [alpha/oil-supplier, beta/no-such-claim]\n"
        )
    )
    assert problems(project) == [
        f"{ENERGY}:33: comparison.agree[0].claims[1]: no claim 'beta/no-such-claim' is defined on any topic"
    ]

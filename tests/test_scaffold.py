"""`python -m macros new-source`: a new source on the fixture project passes the checks and builds."""

import subprocess
import sys

import pytest
from conftest import edit, mkdocs_build

from macros.dataset import load

ENERGY = "data/topics/energy.yml"
COMPARISON = "# What the sources share.\ncomparison:\n  none: The texts offer no comparison.\n"
NAV = "nav:\n  - index.md\n  - topics/energy.md\n  - Sources:\n      - sources/alpha.md\n      - sources/beta.md\n"


def new_source(root, *args):
    return subprocess.run(
        [sys.executable, "-m", "macros", "new-source", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def snapshot(root):
    """Every file of the project and its content (bytecode aside: running Python may write it)."""
    return {
        p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture
def text(tmp_path):
    path = tmp_path / "gamma.txt"
    path.write_text("# Gamma\n\nRussia and China trade more than ever.\n", encoding="utf-8")
    return path


def test_new_source_is_shown_not_addressed_on_every_topic(project, text):
    # A field after the viewpoints, with its comment, and an explicit nav, as in the real project.
    (project / ENERGY).write_text((project / ENERGY).read_text() + COMPARISON)
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text() + NAV)
    before = (project / ENERGY).read_text()

    result = new_source(project, "gamma", str(text))
    assert result.returncode == 0, result.stderr

    viewpoint = (
        "  gamma:\n    assessment: not-addressed\n"
        '    rationale: "TODO: confirm the text does not discuss this topic, or give its viewpoint instead."\n'
    )
    assert (project / ENERGY).read_text() == before.replace(COMPARISON, viewpoint + COMPARISON)
    assert (
        "      - sources/beta.md\n      - sources/gamma.md\n"
        in (project / "mkdocs.yml").read_text()
    )
    assert (project / "sources/gamma.txt").read_text() == text.read_text()
    data = load(project)
    assert list(data.sources) == ["alpha", "beta", "gamma"]
    assert data.topics["energy"].viewpoints["gamma"].assessment == "not-addressed"

    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    page = (project / "site/topics/energy/index.html").read_text()
    section = page[page.index('id="gamma"') :]
    assert "TODO (gamma)" in section[:2000] and "Not addressed" in section[:2000]
    assert "TODO (gamma)" in (project / "site/index.html").read_text()
    assert (project / "site/sources/gamma/index.html").is_file()


@pytest.mark.parametrize(
    "sid, file, message",
    [
        ("Gamma_1", "text", "'Gamma_1' is not a valid id"),
        (
            "alpha",
            "text",
            "source 'alpha' already exists (data/sources.yml, sources/alpha.txt, docs/sources/alpha.md)",
        ),
        ("gamma", "missing", "no such file: "),
    ],
)
def test_new_source_refuses_and_changes_nothing(project, text, sid, file, message):
    files = snapshot(project)
    result = new_source(project, sid, str(text if file == "text" else text.with_name("none.txt")))
    assert result.returncode == 1
    assert result.stderr.startswith(f"new-source: {message}")
    assert "Traceback" not in result.stderr
    assert snapshot(project) == files


def test_new_source_undoes_everything_if_the_data_would_not_load(project, text):
    edit(project / ENERGY, "surpassing Saudi Arabia", "surpassing Iraq")
    files = snapshot(project)
    result = new_source(project, "gamma", str(text))
    assert result.returncode == 1
    assert "the data would not pass the checks, so nothing was changed" in result.stderr
    assert "viewpoints[alpha].claims[0].quote: not found" in result.stderr
    assert snapshot(project) == files

"""The benchmark's synthetic projects are valid projects: every quote of every copy verifies."""

from conftest import REPO

from bench.synthetic import generate, marked
from macros.dataset import load


def test_marked_copy_keeps_short_words_and_marks_long_ones():
    assert marked("The gas deal, 2019.", 0) == "The gas deal, 2019."
    assert marked("The gas deal, 2019.", 1) == "The gas dealb, 2019."


def test_scaled_project_validates_with_every_claim_located(tmp_path):
    counts = generate(REPO, 2, tmp_path / "x2")
    data = load(tmp_path / "x2")
    assert (counts.sources, counts.topics) == (7, 16)
    assert len(data.sources) == 7 and len(data.topics) == 16
    assert len(data.locations) == counts.claims > 530

"""The JSON Schemas and CONTRIBUTING.md's data reference match the models, and accept the real data."""

import json

import pytest
import yaml
from conftest import REPO, edit
from jsonschema import Draft202012Validator

from macros.dataset import DataError, load
from macros.reference import COMMAND, data_files, generated, modeline, schema_file

GENERATED = generated(REPO)


@pytest.mark.parametrize("path", GENERATED, ids=lambda path: str(path.relative_to(REPO)))
def test_generated_file_matches_the_models(path):
    assert path.is_file() and path.read_text(encoding="utf-8") == GENERATED[path], (
        f"{path.relative_to(REPO)} differs from what macros/schema.py exports: "
        f"run `{COMMAND}` (python -m macros schema) and commit the result"
    )


def test_no_stale_schema_file():
    assert set((REPO / "schema").iterdir()) == {p for p in GENERATED if p.suffix == ".json"}


def test_every_data_file_has_a_kind():
    assert set((REPO / "data").rglob("*.yml")) == {path for _, path in data_files(REPO)}


def as_written(path):
    """The file as an editor's schema check sees it: YAML read as JSON, keys as text."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8"))))


def validator(kind):
    schema = json.loads((REPO / schema_file(kind)).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize(
    "kind, path", data_files(REPO), ids=lambda value: getattr(value, "name", value)
)
def test_data_file_is_valid_by_its_json_schema(kind, path):
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in validator(kind).iter_errors(as_written(path))
    ]
    assert not errors


@pytest.mark.parametrize(
    "kind, path", data_files(REPO), ids=lambda value: getattr(value, "name", value)
)
def test_data_file_names_its_schema_on_the_first_line(kind, path):
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == modeline(kind), f"{path.relative_to(REPO)} must start with: {modeline(kind)}"


def test_json_schema_rejects_a_bad_file():
    bad = {
        "Not An Id": {},
        "smith-2020": {"label": "", "colour": "red", "published": {"sort": "July"}},
    }
    messages = {e.message for e in validator("sources").iter_errors(bad)}
    assert "'Not An Id' does not match any of the regexes: '^[a-z0-9]+(-[a-z0-9]+)*$'" in messages
    assert "'title' is a required property" in messages
    assert "Additional properties are not allowed ('colour' was unexpected)" in messages
    assert "'' should be non-empty" in messages
    assert "'July' does not match '^\\\\d{4}(-\\\\d{2})?$'" in messages


def test_json_schema_rejects_a_paragraph_key_that_is_not_a_number():
    bad = {"alpha": {"first": {"reason": "footer", "starts": "©"}}}
    assert not validator("uncited").is_valid(bad)


def test_schema_line_keeps_error_lines_exact(project):
    """The schema comment is a line like any other: problems below it are reported one line lower."""
    energy = project / "data/topics/energy.yml"
    energy.write_text(modeline("topic") + "\n" + energy.read_text(encoding="utf-8"))
    edit(energy, "order: 1", "order: first")
    with pytest.raises(DataError) as caught:
        load(project)
    assert [str(p) for p in caught.value.problems] == [
        "data/topics/energy.yml:3: order: input should be a valid integer"
    ]

"""The GitHub files: the workflows pass actionlint, the issue forms follow GitHub's form schema."""

import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ISSUE_TEMPLATES = REPO / ".github" / "ISSUE_TEMPLATE"
FORMS = sorted(path for path in ISSUE_TEMPLATES.glob("*.yml") if path.name != "config.yml")
ELEMENT_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def test_workflows_pass_actionlint():
    assert WORKFLOWS, "no workflows found"
    # The binary is installed beside the venv's Python by the pinned requirement.
    actionlint = Path(sys.executable).with_name("actionlint")
    result = subprocess.run(
        [actionlint, "-no-color", *WORKFLOWS], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def form_problems(form: object) -> list[str]:
    """What keeps GitHub from showing this issue form; it rejects a broken form without a word."""
    if not isinstance(form, dict):
        return ["not a mapping"]
    problems = [f"no {key}" for key in ("name", "description", "body") if not form.get(key)]
    ids = []
    for number, element in enumerate(form.get("body") or []):
        kind = element.get("type")
        if kind not in ELEMENT_TYPES:
            problems.append(f"body[{number}]: type {kind!r} is not one of {sorted(ELEMENT_TYPES)}")
        attributes = element.get("attributes") or {}
        if kind == "markdown":
            if not attributes.get("value"):
                problems.append(f"body[{number}]: markdown without attributes.value")
            continue
        if not attributes.get("label"):
            problems.append(f"body[{number}]: no attributes.label")
        if kind in {"dropdown", "checkboxes"} and not attributes.get("options"):
            problems.append(f"body[{number}]: {kind} without attributes.options")
        if "id" in element:
            if not re.fullmatch(r"[A-Za-z0-9_-]+", str(element["id"])):
                problems.append(f"body[{number}]: id {element['id']!r} has characters forms reject")
            ids.append(element["id"])
    problems += [
        f"id {id_!r} is used twice" for id_ in sorted({i for i in ids if ids.count(i) > 1})
    ]
    return problems


def test_issue_forms_follow_the_form_schema():
    assert FORMS, "no issue forms found"
    problems = [
        f"{path.name}: {problem}"
        for path in FORMS
        for problem in form_problems(yaml.safe_load(path.read_text(encoding="utf-8")))
    ]
    assert not problems, "\n".join(problems)


def test_issue_template_chooser_config():
    config = yaml.safe_load((ISSUE_TEMPLATES / "config.yml").read_text(encoding="utf-8"))
    assert isinstance(config.get("blank_issues_enabled"), bool), config

"""The data reference, generated from :mod:`macros.schema`: JSON Schemas and CONTRIBUTING.md's tables.

``python -m macros schema`` writes ``schema/<kind>.schema.json`` for each kind of data file
(editors use them through each file's ``# yaml-language-server: $schema=...`` line) and the
tables between the data-reference markers of CONTRIBUTING.md. The tests compare both with what
:func:`generated` returns, so neither can drift from the checks.
"""

from __future__ import annotations

import html
import json
import posixpath
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from .schema import FILES, SLUG

CONTRIBUTING = "CONTRIBUTING.md"
START, END = "<!-- data-reference:start -->", "<!-- data-reference:end -->"
COMMAND = "make schema"


def schema_file(kind: str) -> str:
    return f"schema/{kind}.schema.json"


def modeline(kind: str) -> str:
    """The first line of every data file of this kind: where editors find its schema."""
    folder = posixpath.dirname(FILES[kind][0])
    return f"# yaml-language-server: $schema={posixpath.relpath(schema_file(kind), folder)}"


def data_files(root: Path) -> list[tuple[str, Path]]:
    """Every data file under ``root``, with its kind."""
    return [
        (kind, path) for kind, (pattern, _) in FILES.items() for path in sorted(root.glob(pattern))
    ]


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a whole data file of this kind, as written."""
    pattern, content = FILES[kind]
    schema = TypeAdapter(content).json_schema()
    _close_id_maps(schema)
    # A mapping file has no title of its own; a topic keeps its model's, "Topic".
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": pattern, **schema}


def _close_id_maps(node: Any) -> None:
    """pydantic describes an id-keyed mapping by ``patternProperties`` alone, which lets any other
    key through; the data checks reject it, so the schema must too."""
    if isinstance(node, dict):
        if "patternProperties" in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _close_id_maps(value)
    elif isinstance(node, list):
        for value in node:
            _close_id_maps(value)


def _type(node: dict[str, Any]) -> str:
    """How a contributor reads a JSON Schema type: 'list of [Claim](#claim)', 'id', 'text'."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in node:
        return " or ".join(_type(option) for option in node["anyOf"])
    if "enum" in node:
        return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
    kind = node.get("type")
    if kind == "array":
        at_least = f" (at least {node['minItems']})" if "minItems" in node else ""
        return f"list of {_type(node['items'])}{at_least}"
    if kind == "object":
        [(key, value)] = node.get(
            "patternProperties", {"": node.get("additionalProperties")}
        ).items()
        key = key or node.get("propertyNames", {}).get("pattern", "")
        return f"mapping of {_key(key)} to {_type(value)}"
    if kind == "string":
        if node.get("pattern") == SLUG:
            return "id"
        if "pattern" in node:
            return f"text matching `{node['pattern']}`"
        return "text" if node.get("minLength") else "text (may be empty)"
    return {"integer": "whole number", "number": "number", "null": "nothing"}[kind]


def _key(pattern: str) -> str:
    if pattern == SLUG:
        return "id"
    return f"key matching `{pattern}`" if pattern else "text"


def _models(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The models a file is made of, the outermost first, each once."""
    defs = schema.get("$defs", {})
    found: list[tuple[str, dict[str, Any]]] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if "$ref" in node:
                name = node["$ref"].rsplit("/", 1)[1]
                if name not in dict(found):
                    found.append((name, defs[name]))
                    visit(defs[name]["properties"])
            for key, value in node.items():
                if key != "$defs":
                    visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    if "properties" in schema:
        found.append((schema["title"], schema))
    visit(schema.get("properties", schema))
    return found


def _prose(text: str) -> str:
    """A description as Markdown text: "data/topics/<id>.yml" must not become an HTML tag, nor a
    "|" end a table cell."""
    return html.escape(text, quote=False).replace("|", "\\|")


def _section(kind: str) -> str:
    pattern = FILES[kind][0]
    schema = json_schema(kind)
    lines = [f"### `{pattern}`", "", f"Schema: `{schema_file(kind)}`."]
    if "properties" not in schema:
        lines[-1] += f" {_prose(schema['description'])} The file is a {_type(schema)}."
    for name, model in _models(schema):
        lines += ["", f"#### {name}", "", _prose(model.get("description", "")), ""]
        lines += ["| Field | Type | Required | Meaning |", "| --- | --- | --- | --- |"]
        required = set(model.get("required", ()))
        for field, node in model["properties"].items():
            needed = "yes" if field in required else "no"
            lines.append(
                f"| `{field}` | {_type(node)} | {needed} | {_prose(node.get('description', ''))} |"
            )
    return "\n".join(lines)


def reference() -> str:
    """The data reference: one section per kind of data file, one table per model."""
    note = (
        f"<!-- Generated from macros/schema.py by `{COMMAND}`; edit the models, not this text. -->"
    )
    return "\n\n".join([note, *(_section(kind) for kind in FILES)])


def generated(root: Path) -> dict[Path, str]:
    """Every generated file under ``root`` with the text it must have."""
    files = {
        root / schema_file(kind): json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
        for kind in FILES
    }
    guide = (root / CONTRIBUTING).read_text(encoding="utf-8")
    before, rest = guide.split(START, 1)
    _, after = rest.split(END, 1)
    files[root / CONTRIBUTING] = f"{before}{START}\n{reference()}\n{END}{after}"
    return files


def write(root: Path) -> list[Path]:
    """Write the generated files that differ from :func:`generated`; return those written."""
    written = []
    for path, text in generated(root).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written

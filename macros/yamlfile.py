"""Strict YAML reading that remembers where every value was written.

PyYAML keeps the last of two equal keys without a word; here that is an
error. Each value's line is kept by its path (``("viewpoints", "aron-2019",
"claims", 3, "quote")``) so a problem found later, by the schema or by the
quote check, can name the line a contributor has to edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data, printed as ``file:line: field: message``."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field or '(file)'}: {self.message}"


class DataError(Exception):
    """The data has problems; the message has one line per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


#: Fields whose keys are ids chosen by contributors rather than field names.
ID_MAPS = {"viewpoints", "aspects"}


def field_name(path: Path_, keyed_by_id: bool = False) -> str:
    """``viewpoints[aron-2019].claims[3].quote``: fields dotted, ids and indexes in brackets.

    ``keyed_by_id`` says the file itself maps ids to entries (``sources.yml``).
    """
    out = ""
    for i, part in enumerate(path):
        by_id = (i == 0 and keyed_by_id) or (i > 0 and path[i - 1] in ID_MAPS)
        if isinstance(part, int) or by_id or not re.fullmatch(r"[a-z_]+", str(part)):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


@dataclass
class YamlFile:
    """A parsed YAML file, its values and the line of each value's path."""

    name: str
    data: Any
    lines: dict[Path_, int]
    keyed_by_id: bool = False

    def line(self, path: Path_) -> int:
        """The line of the nearest written ancestor: a missing field is reported at its parent."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, path: Path_, message: str) -> Problem:
        return Problem(self.name, self.line(path), field_name(path, self.keyed_by_id), message)


class _Reader:
    def __init__(self, name: str, keyed_by_id: bool):
        self.name = name
        self.keyed_by_id = keyed_by_id
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self._scalars = yaml.SafeLoader("")

    def value(self, node: yaml.Node, path: Path_) -> Any:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.value(key_node, path + ("<key>",))
                if key in result:
                    self.problems.append(
                        Problem(
                            self.name,
                            key_node.start_mark.line + 1,
                            field_name(path + (str(key),), self.keyed_by_id),
                            f"duplicate key (first written on line {self.lines[path + (key,)]})",
                        )
                    )
                    continue
                self.lines[path + (key,)] = key_node.start_mark.line + 1
                result[key] = self.value(value_node, path + (key,))
                self.lines[path + (key,)] = key_node.start_mark.line + 1
            self.lines.pop(path + ("<key>",), None)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalars.construct_object(node, deep=True)


def read_yaml(
    path: Path, name: str, keyed_by_id: bool = False
) -> tuple[YamlFile | None, list[Problem]]:
    """Parse ``path``; ``name`` is how problems name the file (relative to the project)."""
    try:
        node = _compose(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return None, [
            Problem(name, line, "", f"YAML syntax error: {error.problem or error.context}")
        ]
    if node is None:
        return YamlFile(name, {}, {(): 1}, keyed_by_id), []
    reader = _Reader(name, keyed_by_id)
    data = reader.value(node, ())
    return YamlFile(name, data, reader.lines, keyed_by_id), reader.problems


def _compose(text: str) -> yaml.Node | None:
    """The file's node tree, by libyaml when it is installed: the same nodes and line marks,
    some 15 times faster than PyYAML's pure-Python parser, which took a quarter of the build."""
    try:
        return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError:
        # Parsed again for the error: PyYAML's names the line to edit, libyaml's may name the next.
        return yaml.compose(text, Loader=yaml.SafeLoader)

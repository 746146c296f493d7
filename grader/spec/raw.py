"""Layer one of spec loading: YAML into plain data, remembering the line of every value.

Like packaging's `RawMetadata`, nothing is validated here beyond YAML itself; the
validated layer (`grader.spec.load`) reports what is wrong with the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from grader.errors import Problem, SpecError

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class RawSpec:
    """A spec file's data, its source text and the 1-based line of every value."""

    file: str
    data: Any
    lines: dict[PathKey, int]
    text: str

    def line(self, path: PathKey = ()) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line:
                return line
        return 1

    def problem(self, path: PathKey, message: str) -> Problem:
        return Problem(self.file, self.line(path), field_name(path), message)


def field_name(path: PathKey) -> str:
    """`('options', 2, 'feedback')` -> `options[2].feedback`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def parse(text: str, file: str) -> RawSpec:
    """Parse YAML text; malformed YAML raises `SpecError` with the line and what to do."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise SpecError(
                [Problem(file, 1, "", "the file is empty; write the exercise as a YAML mapping")]
            )
        lines: dict[PathKey, int] = {}
        problems: list[Problem] = []
        data = _build(loader, node, (), lines, problems, file)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        reason = exc.problem or "malformed YAML"
        raise SpecError(
            [Problem(file, line, "", f"invalid YAML: {reason}; check indentation and quoting")]
        ) from None
    except yaml.YAMLError as exc:
        raise SpecError([Problem(file, 1, "", f"invalid YAML: {exc}")]) from None
    finally:
        loader.dispose()
    if problems:
        raise SpecError(problems)
    return RawSpec(file, data, lines, text)


def _build(
    loader: Any,
    node: yaml.Node,
    path: PathKey,
    lines: dict[PathKey, int],
    problems: list[Problem],
    file: str,
) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                problems.append(
                    Problem(
                        file,
                        key_node.start_mark.line + 1,
                        field_name(path),
                        f"keys must be text, not {key!r}",
                    )
                )
                continue
            if key in result:
                problems.append(
                    Problem(
                        file,
                        key_node.start_mark.line + 1,
                        field_name((*path, key)),
                        "appears twice; keep one",
                    )
                )
                continue
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _build(loader, value_node, (*path, key), lines, problems, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, (*path, i), lines, problems, file)
            for i, item in enumerate(node.value)
        ]
    return loader.construct_object(node)


def load(path: Path) -> RawSpec:
    """Read and parse one spec file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SpecError([Problem(str(path), 0, "", f"cannot read it ({exc.strerror})")]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError(
            [Problem(str(path), 0, "", f"not UTF-8 (byte offset {exc.start}); save it as UTF-8")]
        ) from None
    return parse(text, str(path))

"""Layer one of spec loading: YAML into plain data, remembering the line of every value.

Like packaging's `RawMetadata`, nothing is validated here beyond YAML itself; the
validated layer (`grader.spec.load`) reports what is wrong with the data.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from grader.errors import Problem, SpecError
from grader.files import UnreadableText, position, read_limited
from grader.spec.yaml_errors import yaml_problem

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
    plain: dict[PathKey, str] = field(default_factory=dict, compare=False)
    """The source text of every unquoted value YAML read as something other than text
    (`yes` as true, `~` as null, `1.10` as 1.1...), to explain its traps."""

    def line(self, path: PathKey = ()) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line:
                return line
        return 1

    def problem(self, path: PathKey, message: str) -> Problem:
        return Problem(self.file, self.line(path), field_name(path), message)

    @cached_property
    def digest(self) -> str:
        """SHA-256 of the spec as read (of the file's bytes: they are its text in UTF-8)."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


def field_name(path: PathKey) -> str:
    """`('options', 2, 'feedback')` -> `options[2].feedback`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def parse(text: str, file: str) -> RawSpec:
    """Parse YAML text; malformed YAML raises `SpecError` with the line and what to do."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_SPEC_BYTES:
        raise SpecError([Problem(file, 1, "", _too_large(size))])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise SpecError(
                [Problem(file, 1, "", "the file is empty; write the exercise as a YAML mapping")]
            )
        builder = _Builder(loader, file)
        data = builder.build(node, ())
    except yaml.MarkedYAMLError as exc:
        raise SpecError([yaml_problem(exc, text, file)]) from None
    except yaml.YAMLError as exc:
        raise SpecError([Problem(file, 1, "", f"invalid YAML: {exc}")]) from None
    except RecursionError:  # PyYAML's pure-Python composer, on very deep nesting
        raise SpecError(
            [
                Problem(
                    file, 1, "", f"invalid YAML: nests deeper than {MAX_DEPTH} levels; flatten it"
                )
            ]
        ) from None
    finally:
        loader.dispose()
    if builder.problems:
        raise SpecError(builder.problems)
    return RawSpec(file, data, builder.lines, text, builder.plain)


MAX_SPEC_BYTES = 1024 * 1024
"""The largest spec file (exercises take a few kilobytes; sample files hold long answers)."""


def _too_large(size: int) -> str:
    return (
        f"the file is {size:,} bytes; a spec may hold at most {MAX_SPEC_BYTES:,} "
        "(exercises take a few kilobytes): shorten it, or move long sample answers into "
        "sample files"
    )


_TAGS = {"timestamp": "date", "int": "number", "float": "number", "bool": "boolean"}
"""How messages name the YAML types of scalars."""

MAX_VALUES = 100_000
"""Values a spec file may hold once its YAML aliases are expanded (a few hundred is usual)."""
MAX_DEPTH = 64
"""Levels of nesting a spec file may use (exercises use five or so)."""


class _Builder:
    """Plain data from the composed YAML nodes, noting each value's line and every problem.

    An alias is the node it names, so a few lines can stand for a billion values or for a
    value that contains itself: both are problems here, never a hang or a RecursionError.
    """

    def __init__(self, loader: Any, file: str) -> None:
        self.loader, self.file = loader, file
        self.lines: dict[PathKey, int] = {}
        self.plain: dict[PathKey, str] = {}
        self.problems: list[Problem] = []
        self._values = 0
        self._open: set[int] = set()  # the nodes being built: an ancestor met again is a cycle

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        self._values += 1
        if self._values > MAX_VALUES:
            raise self._fatal(
                path[:1],
                f"holds over {MAX_VALUES:,} values once its YAML aliases "
                "are expanded; write the values out instead",
            )
        if len(path) > MAX_DEPTH:
            raise self._fatal(path[:1], f"nests deeper than {MAX_DEPTH} levels; flatten it")
        if id(node) in self._open:
            raise self._fatal(
                path, "is a YAML alias of a value that contains it; write the value out instead"
            )
        if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            value = self._scalar(node, path)
            if not isinstance(value, str) and isinstance(node, yaml.ScalarNode) and not node.style:
                self.plain[path] = node.value
            return value
        self._open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self._open.discard(id(node))

    def _scalar(self, node: yaml.Node, path: PathKey) -> Any:
        """The value YAML reads; None, with a problem, for a value its type cannot hold
        (`2024-13-45` is read as a date, `!!int x` as a number)."""
        try:
            return self.loader.construct_object(node)
        except (ValueError, OverflowError) as exc:
            what = node.tag.rpartition(":")[2] or node.tag
            message = (
                f"YAML reads `{node.value}` as a {_TAGS.get(what, what)}, and it is not one "
                f"({exc}); put it in quotes for text, or write a valid {_TAGS.get(what, what)}"
            )
            self.problems.append(
                Problem(self.file, node.start_mark.line + 1, field_name(path), message)
            )
            return None

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Problem(
                        self.file,
                        key_node.start_mark.line + 1,
                        field_name(path),
                        "keys must be text, not a list or a mapping; put the key in quotes",
                    )
                )
                continue
            key = self._scalar(key_node, path)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                message = f"keys must be text, not {key!r}"
                if not key_node.style:
                    message += f" (YAML reads `{key_node.value}` as {yaml_reading(key)})"
                self.problems.append(
                    Problem(self.file, line, field_name(path), message + "; put it in quotes")
                )
            elif key in first:
                message = f"appears twice (first on line {first[key]}); keep one"
                self.problems.append(Problem(self.file, line, field_name((*path, key)), message))
            else:
                first[key] = line
                self.lines[(*path, key)] = line
                result[key] = self.build(value_node, (*path, key))
        return result

    def _fatal(self, path: PathKey, message: str) -> SpecError:
        line = next(
            (
                self.lines[path[:end]]
                for end in range(len(path), -1, -1)
                if path[:end] in self.lines
            ),
            1,
        )
        return SpecError([*self.problems, Problem(self.file, line, field_name(path), message)])


def yaml_reading(value: Any) -> str:
    """How YAML read an unquoted value: `true`, `null`, `the number 1.1`, `a date`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return f"a {type(value).__name__}"  # date, datetime, bytes (!!binary)


def load(path: Path) -> RawSpec:
    """Read and parse one spec file (at most `MAX_SPEC_BYTES`)."""
    file = str(path)
    try:
        data, size = read_limited(path, MAX_SPEC_BYTES)
    except OSError as exc:
        raise SpecError([Problem(file, 0, "", f"cannot read it ({exc.strerror})")]) from None
    except UnreadableText as exc:
        raise SpecError([Problem(file, 0, "", f"cannot read it: {exc}")]) from None
    if size > MAX_SPEC_BYTES:
        raise SpecError([Problem(file, 0, "", _too_large(size))])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = position(data, exc.start)
        message = (
            f"not UTF-8: byte 0x{data[exc.start]:02x} at column {column} "
            f"(offset {exc.start}); save the file as UTF-8"
        )
        raise SpecError([Problem(file, line, "", message)]) from None
    return parse(text, file)

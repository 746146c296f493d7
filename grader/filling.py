"""`grader fill`: expected values computed from the reference solution, written into the
spec's own text (its comments and layout kept) and shown as a diff for review.

The kind says which values its reference gives (`Kind.fill`); this module edits the YAML
text: it replaces the lines of a field, or inserts a field at the end of its mapping.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from dataclasses import dataclass
from typing import Any

import yaml

from grader.exercise import AnyExercise, Fill
from grader.runner import Runner
from grader.spec import raw as raw_layer
from grader.spec.loader import validate_raw
from grader.spec.raw import PathKey, RawSpec, field_name

__all__ = ["Filled", "fill"]


@dataclass(frozen=True)
class Filled:
    """The spec's text with the computed values in, its diff, and what was left undone."""

    text: str
    diff: str
    notes: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.diff)


def fill(exercise: AnyExercise, runner: Runner) -> Filled:
    """The exercise's spec with every value its reference gives filled in."""
    raw = exercise.raw
    fills = exercise.kind.fill(exercise, runner)
    notes = [f"{field_name(f.path) or 'the exercise'}: {f.note}" for f in fills if f.note]
    edits: list[_Edit] = []
    for item in fills:
        try:
            edits += _edits(raw, item)
        except _CannotEdit as exc:
            notes.append(f"{field_name(item.path)}: {exc}; write {_fields_text(item)} by hand")
    text = _apply(raw.text, edits)
    if text != raw.text:
        _check_loads(text, raw.file)
    diff = "".join(
        difflib.unified_diff(
            raw.text.splitlines(keepends=True),
            text.splitlines(keepends=True),
            fromfile=raw.file,
            tofile=f"{raw.file} (filled)",
        )
    )
    return Filled(text, diff, tuple(notes))


class _CannotEdit(Exception):
    """The YAML around a field is written in a way this editor leaves to the author."""


@dataclass(frozen=True)
class _Edit:
    start: int
    """The index of the first line replaced (or of the line the new ones go before)."""
    end: int
    lines: list[str]


def _edits(raw: RawSpec, item: Fill) -> list[_Edit]:
    lines = raw.text.splitlines(keepends=True)
    edits: list[_Edit] = []
    data = _at(raw.data, item.path)
    replaced = [key for key in item.remove if key in data and key not in item.fields]
    inserted: list[str] = []
    for key, value in item.fields.items():
        # a field takes the place of the one it replaces (`raises` for `returns`)
        where = key if key in data else (replaced.pop(0) if replaced else None)
        if where is None:
            inserted += _render(key, value, _column(raw, lines, item.path))
            continue
        start, end, column = _extent(raw, lines, (*item.path, where))
        rendered = _render(key, value, column)
        prefix = lines[start][:column]  # keeps the `- ` of a list item's first field
        first = rendered[0].lstrip(" ").removesuffix("\n") + _inline_comment(lines[start][column:])
        edits.append(_Edit(start, end, [prefix + first + "\n", *rendered[1:]]))
    for key in replaced:
        start, end, _ = _extent(raw, lines, (*item.path, key))
        edits.append(_Edit(start, end, []))
    if inserted:
        after = (*item.path, item.after) if item.after in data else None
        at = _extent(raw, lines, after)[1] if after else _mapping_end(raw, lines, item.path)
        edits.append(_Edit(at, at, inserted))
    return edits


def _inline_comment(line: str) -> str:
    """The ` # comment` that ends a field's key line, with the spaces before it ('' when
    there is none, or when the line alone is not YAML, as in a value of several lines)."""
    header = _BLOCK_HEADER.match(line)  # a block scalar's token runs on past its comment
    if header:
        return header.group(1)
    try:
        tokens = list(yaml.scan(line, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return ""
    ends = [t.end_mark.index for t in tokens if not isinstance(t, _STRUCTURE)]
    rest = line[max(ends, default=0) :].rstrip("\r\n")
    return rest if rest.strip().startswith("#") else ""


_BLOCK_HEADER = re.compile(r"[^:#]*:\s+[|>][-+0-9]*(\s+#.*?)\r?\n?$")
"""`key: |  # comment`: a block scalar's header, with its comment."""
_STRUCTURE = (yaml.StreamEndToken, yaml.BlockEndToken)
"""Tokens the scanner adds at the end of a line, after any comment."""


def _at(data: Any, path: PathKey) -> dict[str, Any]:
    for part in path:
        data = data[part]
    if not isinstance(data, dict):
        raise _CannotEdit("is not a mapping")
    return data


_LEAD = re.compile(r"^( *(?:- +)*)")


def _key_column(line: str, key: str) -> int:
    """Where `key:` starts on its line (after the indentation and any `- `)."""
    column = len(_LEAD.match(line).group(1))  # type: ignore[union-attr]
    if not line[column:].startswith(f"{key}:"):
        raise _CannotEdit("is written in a form this command does not edit (a {...} mapping?)")
    return column


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    return not line.strip()


def _extent(raw: RawSpec, lines: list[str], path: PathKey) -> tuple[int, int, int]:
    """The lines of a field (its key line and the value's, trailing blank lines left out),
    and the column of its key."""
    start = raw.lines[path] - 1
    column = _key_column(lines[start], str(path[-1]))
    end = start + 1
    while end < len(lines) and (_blank(lines[end]) or _indent(lines[end]) > column):
        end += 1
    while end > start + 1 and _blank(lines[end - 1]):
        end -= 1
    return start, end, column


def _column(raw: RawSpec, lines: list[str], path: PathKey) -> int:
    """The column of the keys of the mapping at `path` (0 at the top)."""
    if not path:
        return 0
    data = _at(raw.data, path)
    first = next(iter(data), None)
    if first is None:
        raise _CannotEdit("is an empty mapping")
    return _key_column(lines[raw.lines[(*path, first)] - 1], first)


def _mapping_end(raw: RawSpec, lines: list[str], path: PathKey) -> int:
    """The index of the line after the mapping at `path` (its trailing blank lines left)."""
    if not path:
        end = len(lines)
    else:
        column = _column(raw, lines, path)
        end = raw.lines[path]  # the line after the mapping's first
        while end < len(lines) and (_blank(lines[end]) or _indent(lines[end]) >= column):
            end += 1
    while end > 0 and _blank(lines[end - 1]):
        end -= 1
    return end


def _apply(text: str, edits: list[_Edit]) -> str:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        lines[edit.start : edit.end] = edit.lines
    return "".join(lines)


def _check_loads(text: str, file: str) -> None:
    """The filled text must still load (`SpecError` otherwise: nothing is written)."""
    validate_raw(raw_layer.parse(text, file))


# -- YAML text of values ------------------------------------------------------------------


def _render(key: str, value: Any, column: int) -> list[str]:
    """`key: value` at `column`, as YAML lines: a block literal for text of several
    lines, else one line of flow YAML that reads back as the same value."""
    pad = " " * column
    if isinstance(value, str) and _block_friendly(value):
        body = value[:-1].split("\n")
        return [f"{pad}{key}: |\n", *(f"{pad}  {line}\n" if line else "\n" for line in body)]
    return [f"{pad}{key}: {flow(value)}\n"]


def _block_friendly(text: str) -> bool:
    """Text a `|` block keeps exactly: several lines, one final newline, nothing a block
    would lose (leading spaces on the first line, trailing spaces, tabs, control chars)."""
    if not text.endswith("\n") or text.endswith("\n\n") or text.count("\n") < 2:
        return False
    lines = text[:-1].split("\n")
    return (
        not lines[0].startswith(" ")
        and all(line == line.rstrip() for line in lines)
        and all(ch.isprintable() for line in lines for ch in line)
    )


def flow(value: Any) -> str:
    """One line of YAML for `value` (JSON's forms, floats always with a dot)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, str):
        plain = _PLAIN.fullmatch(value) and yaml.safe_load(value) == value
        return value if plain else json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow(k)}: {flow(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no YAML form for {type(value).__name__}")


_PLAIN = re.compile(r"[A-Za-z_][\w.]*")
"""Text written without quotes (names such as `ValueError`), when YAML reads it back."""


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    mantissa, e, exponent = text.partition("e")
    if e and "." not in mantissa:
        mantissa += ".0"  # YAML 1.1 reads 1e-07 as text
    if e and not exponent.startswith(("-", "+")):
        exponent = "+" + exponent
    return f"{mantissa}{e}{exponent}"


def _fields_text(item: Fill) -> str:
    return ", ".join(f"`{key}: {flow(value)}`" for key, value in item.fields.items())

"""Layer two of spec loading: a validated `Exercise`, or every problem at once.

`load_exercise(path)` reads YAML (`grader.spec.raw`), checks it against the schema and the
kind's own rules, and raises `SpecError` listing each problem with file, line and field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from grader import kinds
from grader.errors import Problem, SpecError
from grader.exercise import Difficulty, Exercise
from grader.kinds.base import SpecReader
from grader.spec import raw as raw_layer
from grader.spec import schema
from grader.spec.raw import RawSpec
from sandbox.limits import DEFAULT_MODULES, Limits

__all__ = ["load_exercise", "parse_exercise", "validate_raw"]


def load_exercise(path: Path) -> Exercise:
    return validate_raw(raw_layer.load(path))


def parse_exercise(text: str, file: str = "<exercise>") -> Exercise:
    return validate_raw(raw_layer.parse(text, file))


def validate_raw(raw: RawSpec) -> Exercise:
    """The validated exercise; `SpecError` with all problems when there are any."""
    if not isinstance(raw.data, dict):
        raise SpecError([Problem(raw.file, 1, "", "an exercise must be a YAML mapping of fields")])
    problems = schema.problems(raw)
    kind = kinds.get(raw.data.get("kind", ""))
    if kind is None:
        if "kind" in raw.data and not any(p.field == "kind" for p in problems):
            problems.append(raw.problem(("kind",), "unknown kind"))
        raise SpecError(problems)
    reader = SpecReader(raw)
    try:
        body = kind.parse(reader)
    except (KeyError, TypeError, AttributeError, ValueError, IndexError, ArithmeticError):
        if not problems:  # schema-valid data must parse: this is a bug in the kind
            raise
        body = None  # the kind's checks stop at the first malformed value
    problems += reader.problems
    if problems:
        raise SpecError(problems)
    return _exercise(raw, body)


def _exercise(raw: RawSpec, body: Any) -> Exercise:
    data = raw.data
    lock = data.get("lock")
    return Exercise(
        id=data["id"],
        kind=data["kind"],
        title=data["title"],
        topic=data["topic"],
        difficulty=Difficulty(data["difficulty"]),
        prompt=data["prompt"],
        hint=data["hint"],
        solution=tuple(data["solution"]),
        body=body,
        points=float(data.get("points", 1)),
        tags=tuple(data.get("tags", ())),
        limits=limits_of(data),  # the schema keeps every value within Limits' bounds
        file=raw.file,
        lock_salt=lock["salt"] if lock else None,
    )


def limits_of(data: dict[str, Any]) -> Limits:
    values = dict(data.get("limits", {}))
    allowed = data.get("allowed_imports")
    if allowed is not None:
        values["allowed_imports"] = frozenset(allowed) & DEFAULT_MODULES
    return Limits(**values)

"""Layer two of spec loading: a validated `Exercise`, or every problem at once.

`load_exercise(path)` reads YAML (`grader.spec.raw`), checks it against the schema and the
kind's own rules, and raises `SpecError` listing each problem with file, line and field.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

from grader import kinds
from grader.errors import Problem, SpecError
from grader.exercise import AnyExercise, Difficulty, Exercise, Kind
from grader.spec import raw as raw_layer
from grader.spec import schema
from grader.spec.raw import RawSpec
from grader.spec.reader import SpecReader
from grader.spec.samples import parse_samples
from grader.toolkit.rules import parse_rules
from sandbox.limits import DEFAULT_MODULES, Limits

B = TypeVar("B")

__all__ = ["load_exercise", "parse_exercise", "validate_raw"]


def load_exercise(path: Path) -> AnyExercise:
    return validate_raw(raw_layer.load(path))


def parse_exercise(text: str, file: str = "<exercise>") -> AnyExercise:
    return validate_raw(raw_layer.parse(text, file))


def validate_raw(raw: RawSpec) -> AnyExercise:
    """The validated exercise; `SpecError` with all problems when there are any."""
    if not isinstance(raw.data, dict):
        raise SpecError([Problem(raw.file, 1, "", "an exercise must be a YAML mapping of fields")])
    problems = schema.problems(raw)
    kind = kinds.get(raw.data.get("kind", ""))
    if kind is None:
        if "kind" in raw.data and not any(p.field == "kind" for p in problems):
            problems.append(raw.problem(("kind",), "unknown kind"))
        raise SpecError(problems)
    return _exercise(raw, kind, problems)


def _exercise(raw: RawSpec, kind: Kind[B], problems: list[Problem]) -> Exercise[B]:
    """The exercise with the body `kind` reads; `SpecError` when anything is wrong."""
    reader = SpecReader(raw)
    try:
        body = kind.parse(reader)
        rules = parse_rules(reader, kind.answer == "code")
        samples = parse_samples(reader, kind.answer)
    except (KeyError, TypeError, AttributeError, ValueError, IndexError, ArithmeticError):
        if not problems:  # schema-valid data must parse: this is a bug in the kind
            raise
        # stopped at a malformed value
        raise SpecError(problems + _not_follow_on(problems, reader.problems)) from None
    problems = problems + _not_follow_on(problems, reader.problems)
    if problems:
        raise SpecError(problems)
    data = {**kind.derive(raw.data), **raw.data}
    return Exercise(
        id=data["id"],
        kind=kind,
        title=data["title"],
        topic=data["topic"],
        difficulty=Difficulty(data["difficulty"]) if "difficulty" in data else None,
        prompt=data["prompt"],
        hint=data["hint"],
        solution=tuple(data["solution"]),
        body=body,
        raw=raw,
        points=float(data.get("points", 1)),
        tags=tuple(data.get("tags", ())),
        limits=limits_of(data),  # the schema keeps every value within Limits' bounds
        rules=rules,
        samples=samples,
    )


def _not_follow_on(schema_problems: list[Problem], kind_problems: list[Problem]) -> list[Problem]:
    """The kind's problems, less those about an item the schema already refused: an empty
    keyword is not also a keyword the hint "gives away", `answer: "A, B"` does not also
    name "options that do not exist"."""
    refused = {_item(p.field) for p in schema_problems if p.field and not _unknown(p)}
    return [p for p in kind_problems if not p.field or _item(p.field) not in refused]


def _unknown(problem: Problem) -> bool:
    """An unknown field (a typo, `retuns:`): the kind reads nothing from it, so what the
    kind says of its item (that `returns` is missing) is no follow-on."""
    return problem.message.startswith("unknown field")


def _item(field: str) -> str:
    """The field, or the list item, a problem is about: `concepts[0].hint` -> `concepts[0]`."""
    match = re.match(r"[^.\[]*(?:\[\d+\])?", field)
    return match.group() if match else field


def limits_of(data: dict[str, Any]) -> Limits:
    values = dict(data.get("limits", {}))
    allowed = data.get("allowed_imports")
    if allowed is not None:
        values["allowed_imports"] = frozenset(allowed) & DEFAULT_MODULES
    return Limits(**values)

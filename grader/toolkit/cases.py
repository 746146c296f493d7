"""What the kinds graded by test cases share (write-program, write-function): the cases'
common fields, their rules, and running the reference solution against them."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from typing import Any, TypeVar

from grader.exercise import Exercise, FieldProblems, Fill, Kind
from grader.runner import Runner
from grader.spec.bounds import MAX_POINTS
from grader.spec.reader import SpecReader
from grader.submission import Submission
from grader.toolkit.literals import python_literal
from grader.toolkit.runs import error_text, run_failure
from grader.verdict import Check, Status, Verdict
from sandbox.outcome import CallResult, Outcome
from sandbox.values import Opaque, decode

__all__ = [
    "CASE_COMMON",
    "TOLERANCE",
    "call_fill",
    "case_fills",
    "case_hints_held_back",
    "check_case_names",
    "output_fill",
    "reference_problems",
]

B = TypeVar("B")


def case_hints_held_back(
    checks: list[Check], hinted: list[bool], broken: list[bool]
) -> list[Check]:
    """The cases' checks, without their hints when a case with no hint of its own is
    `broken` (it crashed, raised, or gave None where a value was due). A case's hint names
    the mistake that case was written to catch; a program that fails even where none is
    foreseen is wrong at its base (a missing `return`), and those hints would send the
    learner after the wrong mistake."""
    at_base = any(failed and not has_hint for failed, has_hint in zip(broken, hinted, strict=True))
    if not at_base:
        return checks
    return [
        dataclasses.replace(check, hint=None) if check.hint and has_hint else check
        for check, has_hint in zip(checks, hinted, strict=True)
    ]


CASE_COMMON: dict[str, Any] = {
    "name": {"type": "string", "minLength": 1},
    "points": {"type": "number", "minimum": 0, "maximum": MAX_POINTS, "default": 1},
    "hidden": {"type": "boolean", "default": False},
    "hint": {"type": "string", "minLength": 1},
}
TOLERANCE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "rel": {"type": "number", "minimum": 0},
        "abs": {"type": "number", "minimum": 0},
    },
    "additionalProperties": False,
    "examples": [{"rel": 0.01}, {"abs": 0.001}],
}


def check_case_names(spec: SpecReader, names: list[str], hidden: list[bool]) -> None:
    """Case names are unique, and learners see at least one case as an example."""
    for index, name in enumerate(names):
        if names.index(name) != index:
            spec.problem(("cases", index, "name"), f"'{name}' is used by another case")
    if hidden and all(hidden):
        spec.problem(("cases",), "every case is hidden; leave at least one visible as an example")


def reference_problems(
    kind: Kind[B], exercise: Exercise[B], solution_code: str | None, runner: Runner
) -> FieldProblems:
    """What is wrong when the reference solution does not pass its own exercise."""
    if solution_code is None:
        if exercise.locked:
            return []  # locked: the reference solution is only in the key
        return [(("solution_code",), "missing: validate needs a reference solution to run")]
    verdict = kind.grade(exercise, Submission(solution_code, "solution.py"), runner)
    return _failures(verdict, exercise.raw.data.get("cases", []))


def _failures(verdict: Verdict, items: list[Any]) -> FieldProblems:
    if verdict.passed:
        return []
    failing: FieldProblems = [
        (
            ("cases", i),
            f"the reference solution fails this case: {_what_failed(check, verdict.kind)}"
            + _input_note(check, items[i] if i < len(items) else {}),
        )
        for i, check in enumerate(verdict.checks)
        if not check.passed
    ]
    error = verdict.error
    detail = error_text(error) if error else verdict.message
    if error and error.line:
        detail += f" (line {error.line})"
    summary: FieldProblems = [
        (("solution_code",), f"the reference solution gets {verdict.status}: {detail}")
    ]
    if not failing:
        return summary
    # A stop (a timeout, memory, a refusal) is said once, beside the cases it failed; and
    # not at all when a failing case already says it (a program run once per case).
    plain = verdict.status in (Status.WRONG_ANSWER, Status.PRESENTATION_ERROR)
    told = any(f"{verdict.status}: {error.type if error else ''}" in m for _, m in failing)
    return failing if plain or told else [*summary, *failing]


_DID = ("raises ", "returns ", "printed ", "does not return")
"""How a call's `actual` begins when it says what the call did."""


def _what_failed(check: Check, kind: str) -> str:
    """The check's message, with what the reference did instead when the message lacks it
    (`should return 5` alone hides a ZeroDivisionError or a timeout)."""
    actual = (check.actual or "").strip()
    if not actual or actual in check.message:
        return check.message
    shown = actual if len(actual) <= 200 else actual[:200] + "..."
    if actual.startswith(_DID):
        return f"{check.message}; it {shown}"
    if kind == "write-function":  # a returned value, shown as Python writes it
        return f"{check.message}; it returns {shown}"
    return f"{check.message}; it printed {shown!r}"


def _input_note(check: Check, item: Any) -> str:
    """Why a case whose run hit the end of its input failed: it has no (or too little) stdin."""
    if "EOFError" not in check.message or not isinstance(item, dict):
        return ""
    if item.get("stdin"):
        return "; its `stdin:` ends before the program has read all it asks input() for"
    return "; the program reads input(), so give this case a `stdin:`"


def case_fills(
    kind: Kind[B],
    exercise: Exercise[B],
    solution_code: str | None,
    runner: Runner,
    expected_of: Callable[[int, dict[str, Any]], Fill],
) -> list[Fill]:
    """The cases whose expected values the reference does not give, each filled in by
    `expected_of(index, case)`; a note when there is no reference to run."""
    if solution_code is None:
        return [Fill((), note="there is no `solution_code` to compute expected values from")]
    verdict = kind.grade(exercise, Submission(solution_code, "solution.py"), runner)
    items = exercise.raw.data.get("cases", [])
    if len(verdict.checks) != len(items):
        note = f"the reference solution gets {verdict.status}: {verdict.message}"
        return [Fill(("solution_code",), note=note)]
    return [
        expected_of(index, item)
        for index, (item, check) in enumerate(zip(items, verdict.checks, strict=True))
        if not check.passed
    ]


def call_fill(index: int, item: dict[str, Any], result: CallResult | None) -> Fill:
    """What a write-function case expects, as the reference's call gave it."""
    path = ("cases", index)
    if result is None:
        return Fill(path, note="the reference solution stopped before this call")
    if not result.returned:
        if result.error is None:
            return Fill(path, note="the reference solution's call was stopped (a limit)")
        raised = {"raises": result.error.type}
        return Fill(path, raised, remove=("returns", "returns_literal", "prints"))
    value = decode(result.value)
    if _has_opaque(value):
        return Fill(path, note=f"returns {result.display}, which is not plain data")
    printed = {"prints": result.stdout} if "prints" in item else {}
    if _is_yaml_data(value):
        return Fill(path, {"returns": value, **printed}, remove=("returns_literal", "raises"))
    literal = python_literal(value)
    if literal is None:
        return Fill(
            path, note=f"returns {result.display}, which no YAML value or Python literal states"
        )
    return Fill(path, {"returns_literal": literal, **printed}, remove=("returns", "raises"))


def output_fill(index: int, outcome: Outcome) -> Fill:
    """What a write-program case expects, as the reference printed it."""
    path = ("cases", index)
    status = run_failure(outcome)
    if status is not None:
        error = f": {error_text(outcome.error)}" if outcome.error else ""
        return Fill(path, note=f"the reference solution gets {status}{error}")
    return Fill(path, {"expected": outcome.stdout}, remove=("expected_sha256",))


def _is_yaml_data(value: Any) -> bool:
    """Whether YAML writes `value` as itself (tuples, sets and non-text keys it cannot)."""
    if isinstance(value, float):
        return not math.isnan(value)  # a spec refuses `.nan`
    if value is None or isinstance(value, (bool, int, str)):
        return True
    if isinstance(value, list):
        return all(_is_yaml_data(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_yaml_data(v) for k, v in value.items())
    return False


def _has_opaque(value: Any) -> bool:
    if isinstance(value, Opaque):
        return True
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_has_opaque(item) for item in value)
    if isinstance(value, dict):
        return any(_has_opaque(k) or _has_opaque(v) for k, v in value.items())
    return False

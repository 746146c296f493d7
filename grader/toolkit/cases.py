"""What the kinds graded by test cases share (write-program, write-function): the cases'
common fields, their rules, and running the reference solution against them."""

from __future__ import annotations

from typing import Any, TypeVar

from grader.exercise import Exercise, FieldProblems, Kind
from grader.runner import Runner
from grader.spec.bounds import MAX_POINTS
from grader.spec.reader import SpecReader
from grader.submission import Submission
from grader.verdict import Check, Status, Verdict

__all__ = ["CASE_COMMON", "TOLERANCE", "check_case_names", "reference_problems"]

B = TypeVar("B")

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
    detail = f"{error.type}: {error.message}" if error else verdict.message
    if error and error.line:
        detail += f" (line {error.line})"
    summary: FieldProblems = [
        (("solution_code",), f"the reference solution gets {verdict.status}: {detail}")
    ]
    if not failing:
        return summary
    # A stop (a timeout, memory, a refusal) is said once, beside the cases it failed.
    plain = verdict.status in (Status.WRONG_ANSWER, Status.PRESENTATION_ERROR)
    return failing if plain else [*summary, *failing]


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

"""write-program: the learner's program reads stdin and prints; each case gives stdin, the
expected stdout, a comparison mode, points, and whether it is hidden."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from grader.compare import HASHABLE_MODES, Comparison, Match, Mode, canonical_forms, compare_locked
from grader.digests import LOCKED_DIGESTS, digests
from grader.exercise import Exercise
from grader.grading import (
    error_summary,
    explain_outcome,
    failed_run_verdict,
    output_check,
    run_failure,
    status_from_checks,
    verdict_for,
)
from grader.kinds import register
from grader.kinds.base import Kind, Presentation, SpecReader
from grader.runner import Runner
from grader.spec.schema import MAX_POINTS
from grader.submission import Submission
from grader.verdict import Check, Status, Verdict, ordered_hints
from sandbox.outcome import Outcome

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
}
SEVERITY = (
    Status.SYNTAX_ERROR,
    Status.FORBIDDEN,
    Status.TIMEOUT,
    Status.MEMORY_LIMIT,
    Status.OUTPUT_LIMIT,
    Status.RUNTIME_ERROR,
    Status.WRONG_ANSWER,
    Status.PRESENTATION_ERROR,
    Status.PASSED,
)
"""Verdict statuses from most to least urgent: the verdict shows the most urgent one."""


@dataclass(frozen=True)
class Case:
    name: str
    stdin: str
    expected: str | None
    """None when locked: `digests` then stand for the expected output."""
    comparison: Comparison
    points: float = 1.0
    hidden: bool = False
    hint: str | None = None
    digests: dict[str, str] | None = None


@dataclass(frozen=True)
class Body:
    cases: tuple[Case, ...]
    starter: str | None = None
    solution_code: str | None = None


def comparison_of(
    spec: SpecReader, item: dict[str, Any], path: tuple[str | int, ...]
) -> Comparison:
    mode = Mode(item.get("compare", spec.data.get("compare", Mode.WHITESPACE.value)))
    tolerance = item.get("tolerance", spec.data.get("tolerance", {}))
    if tolerance and mode is not Mode.FLOAT:
        spec.problem((*path, "tolerance"), "only used with `compare: float`")
    if mode is Mode.REGEX:
        spec.regex((*path, "expected"), item.get("expected", ""))
    return Comparison(mode, tolerance.get("rel", 1e-9), tolerance.get("abs", 1e-9))


def case_name(item: dict[str, Any], index: int) -> str:
    return item.get("name") or f"case {index + 1}"


def check_cases(spec: SpecReader, names: list[str], hidden: list[bool]) -> None:
    """Case names are unique, and learners see at least one case as an example."""
    for index, name in enumerate(names):
        if names.index(name) != index:
            spec.problem(("cases", index, "name"), f"'{name}' is used by another case")
    if hidden and all(hidden):
        spec.problem(("cases",), "every case is hidden; leave at least one visible as an example")


def worst(statuses: list[Status]) -> Status:
    return min(statuses, key=SEVERITY.index) if statuses else Status.PASSED


class WriteProgram(Kind):
    name = "write-program"
    answer = "code"
    summary = "Write a program that reads input and prints the right output."
    properties: ClassVar[dict[str, Any]] = {
        "starter": {"type": "string"},
        "solution_code": {
            "type": "string",
            "minLength": 1,
            "description": "Reference solution; validate runs it.",
        },
        "compare": {"enum": [m.value for m in Mode], "default": Mode.WHITESPACE.value},
        "tolerance": TOLERANCE,
        "cases": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    **CASE_COMMON,
                    "stdin": {"type": "string", "default": ""},
                    "expected": {"type": "string"},
                    "expected_sha256": LOCKED_DIGESTS,
                    "compare": {"enum": [m.value for m in Mode]},
                    "tolerance": TOLERANCE,
                },
                "required": [],
                "additionalProperties": False,
            },
        },
    }
    required = ("cases",)
    template = """\
starter: |
  TODO: code learners start from
# Default comparison: exact, whitespace, case-insensitive, float, regex, unordered-lines.
compare: whitespace
cases:
  - name: TODO
    stdin: |
      TODO: input
    expected: |
      TODO: expected output
  - name: TODO hidden case
    stdin: |
      TODO: input
    expected: |
      TODO: expected output
    hidden: true
# The reference solution; `grader validate` runs it against every case.
solution_code: |
  TODO: a correct program
"""

    def parse(self, spec: SpecReader) -> Body:
        data = spec.data
        cases = tuple(
            Case(
                case_name(item, i),
                item.get("stdin", ""),
                _expected(spec, item, i),
                comparison_of(spec, item, ("cases", i)),
                float(item.get("points", 1)),
                bool(item.get("hidden", False)),
                item.get("hint"),
                item.get("expected_sha256"),
            )
            for i, item in enumerate(data["cases"])
        )
        check_cases(spec, [c.name for c in cases], [c.hidden for c in cases])
        if sum(c.points for c in cases) <= 0:
            spec.problem(("cases",), "cases are worth 0 points in total")
        return Body(cases, data.get("starter"), data.get("solution_code"))

    def grade(self, exercise: Exercise, submission: Submission, runner: Runner) -> Verdict:
        body: Body = exercise.body
        source = submission.text or ""
        total = sum(c.points for c in body.cases)
        checks: list[Check] = []
        matches: list[Match] = []
        statuses: list[Status] = []
        first_failure: tuple[Case, Outcome] | None = None
        for case in body.cases:
            outcome = runner.run(
                source, filename=submission.filename, stdin=case.stdin, limits=exercise.limits
            )
            failure = run_failure(outcome)
            if failure in (Status.SYNTAX_ERROR, Status.FORBIDDEN):
                return failed_run_verdict(exercise, outcome, source)
            if failure is not None:
                checks.append(_crashed_case(case, outcome, failure))
                matches.append(Match(False))
                statuses.append(failure)
                first_failure = first_failure or (case, outcome)
                continue
            check, match = _case_check(exercise, case, outcome.stdout)
            checks.append(check)
            matches.append(match)
            statuses.append(status_from_checks([check], [match]))
        return _verdict(exercise, body, source, checks, statuses, first_failure, total)

    def lock(
        self, exercise: Exercise, data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        return data, lock_cases(data, salt)

    def present(self, exercise: Exercise) -> Presentation:
        body: Body = exercise.body
        visible = [c for c in body.cases if not c.hidden]
        examples = [
            c for c in visible if c.expected is not None and c.comparison.mode is not Mode.REGEX
        ]
        notes = tuple(f"Example - input {c.stdin!r} -> output {c.expected!r}" for c in examples[:2])
        hidden = sum(1 for c in body.cases if c.hidden)
        if hidden:
            notes += (f"Plus {hidden} hidden test{'s' if hidden > 1 else ''}.",)
        return Presentation(starter=body.starter, notes=notes)

    def check(self, exercise: Exercise, runner: Runner) -> list[tuple[tuple[str | int, ...], str]]:
        body: Body = exercise.body
        if body.solution_code is None:
            if exercise.locked:
                return []  # locked: the reference solution is only in the key
            return [(("solution_code",), "missing: validate needs a reference solution to run")]
        verdict = self.grade(exercise, Submission(body.solution_code, "solution.py"), runner)
        return reference_problems(verdict)


def _expected(spec: SpecReader, item: dict[str, Any], index: int) -> str | None:
    if ("expected" in item) == ("expected_sha256" in item):
        spec.problem(("cases", index), "give `expected` (the output this case must print)")
    return item.get("expected")


def _case_check(exercise: Exercise, case: Case, stdout: str) -> tuple[Check, Match]:
    if case.expected is not None:
        return output_check(
            case.name,
            case.expected,
            stdout,
            case.comparison,
            points=case.points,
            hidden=case.hidden,
            hint=case.hint,
        )
    assert exercise.lock_salt is not None and case.digests is not None
    match = compare_locked(exercise.lock_salt, case.digests, stdout, case.comparison)
    if match.equal:
        return Check.make(
            case.name,
            True,
            actual=stdout,
            points=case.points,
            max_points=case.points,
            hidden=case.hidden,
        ), match
    what = "only whitespace differs" if match.presentation_only else "the output differs"
    message = f"{what} (the expected output is locked, so it is not shown)"
    return Check.make(
        case.name,
        False,
        actual=stdout,
        message=message,
        hint=case.hint,
        max_points=case.points,
        hidden=case.hidden,
    ), match


def lock_cases(data: dict[str, Any], salt: str, solution: str = "solution_code") -> list[str]:
    """Digests for every expected output that a digest can stand for; warnings for the rest."""
    warnings = []
    cases = [dict(item) for item in data["cases"]]
    for index, item in enumerate(cases):
        mode = Mode(item.get("compare", data.get("compare", Mode.WHITESPACE.value)))
        if mode not in HASHABLE_MODES:
            warnings.append(f"cases[{index}] (compare: {mode}) cannot be hashed and stays readable")
            continue
        item["expected_sha256"] = digests(salt, canonical_forms(item.pop("expected"), mode))
    data["cases"] = cases
    data.pop(solution, None)
    return warnings


def reference_problems(verdict: Verdict) -> list[tuple[tuple[str | int, ...], str]]:
    """What is wrong when the reference solution does not pass its own exercise."""
    if verdict.passed:
        return []
    failing = [
        (("cases", i), f"the reference solution fails this case: {_what_failed(check)}")
        for i, check in enumerate(verdict.checks)
        if not check.passed
    ]
    error = verdict.error
    detail = f"{error.type}: {error.message}" if error else verdict.message
    if error and error.line:
        detail += f" (line {error.line})"
    summary = [(("solution_code",), f"the reference solution gets {verdict.status}: {detail}")]
    if not failing:
        return summary
    # A stop (a timeout, memory, a refusal) is said once, beside the cases it failed.
    plain = verdict.status in (Status.WRONG_ANSWER, Status.PRESENTATION_ERROR)
    return failing if plain else [*summary, *failing]


def _what_failed(check: Check) -> str:
    """The check's message, with what the reference did instead when the message lacks it
    (`should return 5` alone hides a ZeroDivisionError or a timeout)."""
    actual = (check.actual or "").strip()
    if not actual:
        return check.message
    shown = actual if len(actual) <= 200 else actual[:200] + "..."
    if actual.startswith(("raises ", "does not return")):
        return f"{check.message}; it {shown}"
    return f"{check.message}; got {shown!r}"


def _crashed_case(case: Any, outcome: Outcome, failure: Status) -> Check:
    error = outcome.error
    message = f"{failure}: {error.type}: {error.message}" if error else str(failure)
    if error and error.line:
        message += f" (line {error.line})"
    return Check.make(
        case.name,
        False,
        actual=outcome.stdout,
        message=message,
        max_points=case.points,
        hidden=case.hidden,
    )


def _verdict(
    exercise: Exercise,
    body: Body,
    source: str,
    checks: list[Check],
    statuses: list[Status],
    first_failure: tuple[Any, Outcome] | None,
    total: float,
) -> Verdict:
    earned = sum(c.points for c in checks)
    score = exercise.points * earned / total if total else 0.0
    status = worst(statuses)
    passed = sum(1 for c in checks if c.passed)
    message = f"{passed} of {len(checks)} tests passed."
    hints: list[str | None] = [c.hint for c in checks if not c.passed]
    error = None
    if first_failure is not None:
        case, outcome = first_failure
        hints.append(explain_outcome(outcome, source))
        error = None if case.hidden else error_summary(outcome)
    if any(not c.passed and c.hidden for c in checks) and all(
        c.passed for c in checks if not c.hidden
    ):
        message += " A hidden test failed: think about inputs the examples do not show."
    hints = ordered_hints(hints, exercise.hint if status is not Status.PASSED else None)
    return verdict_for(exercise, status, score, message, checks, hints, error=error)


register(WriteProgram())

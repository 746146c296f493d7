"""write-program: the learner's program reads stdin and prints; each case gives stdin, the
expected stdout, a comparison mode, points, and whether it is hidden."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

from grader.compare import HASHABLE_MODES, Comparison, Mode, canonical_forms, tolerance_note
from grader.digests import LOCKED_DIGESTS, digests
from grader.exercise import Exercise, FieldProblems, Fill, Kind, Presentation, Reveal
from grader.runner import Runner
from grader.spec.reader import SpecReader
from grader.submission import Submission
from grader.toolkit.cases import (
    CASE_COMMON,
    TOLERANCE,
    case_fills,
    case_hints_held_back,
    check_case_names,
    output_fill,
    reference_problems,
)
from grader.toolkit.expected import ExpectedOutput, PlainOutput
from grader.toolkit.misconceptions import (
    Finding,
    Pending,
    errors,
    first_findings,
    without_hint_when_explained,
)
from grader.toolkit.misconceptions.outputs import OutputFacts, diagnose, same_output
from grader.toolkit.misconceptions.source import SourceFacts
from grader.toolkit.outputs import output_check
from grader.toolkit.runs import (
    error_summary,
    error_text,
    failed_run_verdict,
    record_failure,
    run_failure,
)
from grader.toolkit.verdicts import VerdictBuilder
from grader.verdict import Check, Status, Verdict
from sandbox.outcome import Outcome


@dataclass(frozen=True)
class Case:
    name: str
    stdin: str
    expected: ExpectedOutput
    points: float = 1.0
    hidden: bool = False
    hint: str | None = None


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
    if item.get("tolerance") and mode is not Mode.FLOAT:  # the exercise's: see `parse`
        spec.problem((*path, "tolerance"), f"only used with `compare: float`, not `{mode}`")
    if mode is Mode.REGEX:
        spec.regex((*path, "expected"), item.get("expected", ""))
    return Comparison(mode, tolerance.get("rel", 1e-9), tolerance.get("abs", 1e-9))


def case_name(item: dict[str, Any], index: int) -> str:
    name: str = item.get("name") or f"case {index + 1}"
    return name


class WriteProgram(Kind[Body]):
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
                float(item.get("points", 1)),
                bool(item.get("hidden", False)),
                item.get("hint"),
            )
            for i, item in enumerate(data["cases"])
        )
        check_case_names(spec, [c.name for c in cases], [c.hidden for c in cases])
        _check_shared_tolerance(spec, cases)
        if sum(c.points for c in cases) <= 0:
            spec.problem(("cases",), "cases are worth 0 points in total")
        return Body(cases, data.get("starter"), data.get("solution_code"))

    def grade(self, exercise: Exercise[Body], submission: Submission, runner: Runner) -> Verdict:
        source = submission.text or ""
        builder = VerdictBuilder(exercise)
        first_failure: tuple[Case, Outcome] | None = None
        learner = SourceFacts(source)
        printed: list[tuple[Case, str]] = []
        judged: list[tuple[Check, bool]] = []
        """Each case's check, and whether it is right but for whitespace."""
        crashed: list[bool] = []
        found: list[tuple[Finding, bool]] = []
        pending: list[Pending] = []
        for case in exercise.body.cases:
            outcome = runner.run(
                source, filename=submission.filename, stdin=case.stdin, limits=exercise.limits
            )
            failure = run_failure(outcome)
            if failure in (Status.SYNTAX_ERROR, Status.FORBIDDEN):
                return failed_run_verdict(exercise, outcome, source)
            crashed.append(failure is not None)
            if failure is not None:
                judged.append((_crashed_case(case, outcome, failure), False))
                record_failure(builder, outcome, source, hidden=case.hidden)
                first_failure = first_failure or (case, outcome)
                error = outcome.error and errors.diagnose(outcome.error, learner, "Your code")
                found += [(error, case.hidden)] if error else []
                continue
            check, match = output_check(
                case.name,
                case.expected,
                outcome.stdout,
                points=case.points,
                hidden=case.hidden,
                hint=case.hint,
            )
            printed.append((case, outcome.stdout))
            if not check.passed:
                facts = OutputFacts(case.expected, outcome.stdout, learner)
                detect: Callable[[], Finding | None] = partial(diagnose, facts)
                check, detect = without_hint_when_explained(check, detect)
                pending.append((detect, case.hidden))
            judged.append((check, match.presentation_only))
        hinted = [case.hint is not None for case in exercise.body.cases[: len(judged)]]
        checks = case_hints_held_back([check for check, _ in judged], hinted, crashed)
        for check, (_, whitespace_only) in zip(checks, judged, strict=True):
            builder.add(check, whitespace_only=whitespace_only)
        if any(not check.passed for check in builder.checks):
            builder.diagnose(*first_findings([*_same_output(printed), *found], pending))
        return _verdict(builder, first_failure)

    def lock(
        self, exercise: Exercise[Body], data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        return data, lock_cases(data, salt)

    def present(self, exercise: Exercise[Body]) -> Presentation:
        body = exercise.body
        visible = [c for c in body.cases if not c.hidden]
        examples = [
            (c.stdin, c.expected.text)
            for c in visible
            if c.expected.text is not None and c.expected.comparison.mode is not Mode.REGEX
        ]
        notes = tuple(f"Example - input {stdin!r} -> output {out!r}" for stdin, out in examples)
        hidden = sum(1 for c in body.cases if c.hidden)
        if hidden:
            notes += (f"Plus {hidden} hidden test{'s' if hidden > 1 else ''}.",)
        floats = (c.expected.comparison for c in body.cases)
        tolerance = tolerance_note((c for c in floats if c.mode is Mode.FLOAT), "Numbers")
        notes += (tolerance,) if tolerance else ()
        return Presentation(starter=body.starter, notes=notes)

    def reveal(self, exercise: Exercise[Body], runner: Runner) -> Reveal:
        body = exercise.body
        hints = tuple(dict.fromkeys(c.hint for c in body.cases if c.hint))
        return Reveal(answer=body.solution_code, verbatim=True, mistakes=hints)

    def check(self, exercise: Exercise[Body], runner: Runner) -> FieldProblems:
        return reference_problems(self, exercise, exercise.body.solution_code, runner)

    def fill(self, exercise: Exercise[Body], runner: Runner) -> list[Fill]:
        body = exercise.body

        def expected(index: int, item: dict[str, Any]) -> Fill:
            case = body.cases[index]
            if case.expected.comparison.mode is Mode.REGEX:
                return Fill(("cases", index), note="compares with a regex: write it by hand")
            run = runner.run(
                body.solution_code or "",
                filename="solution.py",
                stdin=case.stdin,
                limits=exercise.limits,
            )
            return output_fill(index, run)

        return case_fills(self, exercise, body.solution_code, runner, expected)


def _expected(spec: SpecReader, item: dict[str, Any], index: int) -> ExpectedOutput:
    path = ("cases", index)
    if ("expected" in item) == ("expected_sha256" in item):
        spec.problem(path, "give `expected` (the output this case must print)")
    comparison = comparison_of(spec, item, path)
    if "expected" in item or "expected_sha256" not in item:
        return PlainOutput(item.get("expected", ""), comparison)
    return spec.locked_output((*path, "expected_sha256"), item["expected_sha256"], comparison)


def _check_shared_tolerance(spec: SpecReader, cases: tuple[Case, ...]) -> None:
    """An exercise-level `tolerance` needs a case that compares floats with it."""
    items = spec.data["cases"]
    if not spec.data.get("tolerance") or any(
        case.expected.comparison.mode is Mode.FLOAT and "tolerance" not in item
        for case, item in zip(cases, items, strict=True)
    ):
        return
    mode = spec.data.get("compare", Mode.WHITESPACE.value)
    spec.problem(
        ("tolerance",),
        f"only used with `compare: float`, and no case uses it (the exercise compares `{mode}`)",
    )


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


def _same_output(printed: list[tuple[Case, str]]) -> list[tuple[Finding, bool]]:
    """The finding when the program printed the same thing for every input."""
    found = same_output([out for _, out in printed], [case.expected.text for case, _ in printed])
    return [] if found is None else [(found, False)]


def _crashed_case(case: Case, outcome: Outcome, failure: Status) -> Check:
    error = outcome.error
    message = f"{failure}: {error_text(error)}" if error else str(failure)
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


def _verdict(builder: VerdictBuilder, first_failure: tuple[Case, Outcome] | None) -> Verdict:
    checks = builder.checks
    passed = sum(1 for c in checks if c.passed)
    message = f"{passed} of {len(checks)} tests passed."
    if any(not c.passed and c.hidden for c in checks) and all(
        c.passed for c in checks if not c.hidden
    ):
        message += " A hidden test failed: think about inputs the examples do not show."
    error = None
    if first_failure is not None:
        case, outcome = first_failure
        error = None if case.hidden else error_summary(outcome)
    return builder.verdict(message, error=error)


KIND = WriteProgram()

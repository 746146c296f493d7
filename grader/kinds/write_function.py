"""write-function: the learner writes a function; each case is a call with literal arguments
and the value it must return (or the exception it must raise).

Return values are serialised inside the sandbox child and compared here as plain data,
never through a learner object's `__eq__`.
"""

from __future__ import annotations

import ast
import json
import math
from dataclasses import dataclass, field
from typing import Any, ClassVar

from grader.compare import Comparison, normalize
from grader.digests import LOCKED_DIGESTS, salted
from grader.exercise import Exercise
from grader.grading import (
    explain_outcome,
    failed_run_verdict,
    run_failure,
    verdict_for,
)
from grader.kinds import register
from grader.kinds.base import Kind, Presentation, SpecReader
from grader.kinds.write_program import (
    CASE_COMMON,
    TOLERANCE,
    check_cases,
    reference_problems,
    worst,
)
from grader.runner import Runner
from grader.submission import Submission
from grader.verdict import Check, Status, Verdict, ordered_hints
from sandbox.calls import parse_call
from sandbox.outcome import CallResult
from sandbox.values import Opaque, decode, encode

_MISSING = object()


@dataclass(frozen=True)
class Case:
    name: str
    call: str
    returns: Any = _MISSING
    raises: str | None = None
    prints: str | None = None
    tolerance: Comparison = field(default_factory=Comparison)
    points: float = 1.0
    hidden: bool = False
    hint: str | None = None
    returns_digest: str | None = None
    """Locked: the digest of the canonical return value, in place of `returns`."""
    raises_digest: str | None = None

    @property
    def locked(self) -> bool:
        return self.returns_digest is not None or self.raises_digest is not None


@dataclass(frozen=True)
class Body:
    function: str
    cases: tuple[Case, ...]
    starter: str | None = None
    solution_code: str | None = None


def values_equal(expected: Any, actual: Any, tolerance: Comparison) -> bool:
    """Python equality on plain data, with float tolerance; opaque objects equal nothing."""
    if isinstance(actual, Opaque) or isinstance(expected, Opaque):
        return False
    if _is_number(expected) and _is_number(actual):
        if isinstance(expected, float) or isinstance(actual, float):
            try:
                return math.isclose(
                    expected, actual, rel_tol=tolerance.rel_tol, abs_tol=tolerance.abs_tol
                )
            except OverflowError:  # an int beyond any float is close to none
                return False
        return bool(expected == actual)
    if isinstance(expected, (list, tuple)) or isinstance(actual, (list, tuple)):
        return (
            type(expected) is type(actual)
            and len(expected) == len(actual)
            and all(values_equal(e, a, tolerance) for e, a in zip(expected, actual, strict=True))
        )
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(
            values_equal(expected[k], actual[k], tolerance) for k in expected
        )
    if isinstance(expected, (set, frozenset)) and isinstance(actual, (set, frozenset)):
        return set(expected) == set(actual)
    return type(expected) is type(actual) and bool(expected == actual)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _case(spec: SpecReader, item: dict[str, Any], index: int, function: str) -> Case:
    path = ("cases", index)
    try:
        called, _, _ = parse_call(item["call"])
        if called != function:
            spec.problem(
                (*path, "call"), f"calls '{called}', but the exercise's function is '{function}'"
            )
    except ValueError as exc:
        spec.problem((*path, "call"), str(exc))
    returns = item.get("returns", _MISSING)
    if "returns_literal" in item:
        try:
            returns = ast.literal_eval(item["returns_literal"])
        except (ValueError, SyntaxError):
            spec.problem((*path, "returns_literal"), "not a Python literal")
    keys = ("returns", "returns_literal", "raises", "returns_sha256", "raises_sha256")
    if len([key for key in keys if key in item]) != 1:
        spec.problem(path, "give exactly one of: returns, returns_literal, raises")
    tolerance = item.get("tolerance", spec.data.get("tolerance", {}))
    return Case(
        item.get("name") or item["call"],
        item["call"],
        returns,
        item.get("raises"),
        item.get("prints"),
        Comparison(rel_tol=tolerance.get("rel", 1e-9), abs_tol=tolerance.get("abs", 1e-9)),
        float(item.get("points", 1)),
        bool(item.get("hidden", False)),
        item.get("hint"),
        item.get("returns_sha256", {}).get("value"),
        item.get("raises_sha256", {}).get("type"),
    )


class _Unhashable(Exception):
    pass


def canonical(encoded: Any) -> str:
    """One text per value, as `sandbox.values.encode` gives it: dict entries sorted and
    whole floats as ints. Raises `_Unhashable` for other floats (they need a tolerance)."""

    def walk(value: Any) -> Any:
        if isinstance(value, float):
            if value.is_integer():
                return int(value)
            raise _Unhashable
        if isinstance(value, list):
            return [walk(item) for item in value]
        if isinstance(value, dict):
            if "$float" in value:
                raise _Unhashable
            if "$dict" in value:
                pairs = [[walk(k), walk(v)] for k, v in value["$dict"]]
                return {"$dict": sorted(pairs, key=lambda pair: json.dumps(pair, sort_keys=True))}
            return {key: walk(item) for key, item in value.items()}
        return value

    return json.dumps(walk(encoded), sort_keys=True, ensure_ascii=False)


def _failure_text(result: CallResult) -> str:
    """What a call that returned nothing did instead."""
    if result.error:
        return f"raises {result.error.type}: {result.error.message}"
    return "does not return: the program was stopped (a time, memory or output limit)"


def _expectation(case: Case) -> str:
    if case.locked:
        return "give the expected result (locked, so it is not shown)"
    return f"raise {case.raises}" if case.raises else f"return {case.returns!r}"


def _locked_ok(case: Case, result: CallResult, salt: str) -> bool:
    if case.raises_digest is not None:
        return result.error is not None and salted(salt, result.error.type) == case.raises_digest
    if not result.returned:
        return False
    try:
        return salted(salt, canonical(result.value)) == case.returns_digest
    except _Unhashable:
        return False


def _judge(case: Case, result: CallResult | None, salt: str | None) -> Check:
    common = {"max_points": case.points, "hidden": case.hidden}
    if result is None:
        return Check.make(
            case.name, False, message="not run: the program stopped before this call", **common
        )
    expected_text = f"raises {case.raises}" if case.raises else repr(case.returns)
    if case.locked and salt is not None:
        ok, expected_text = _locked_ok(case, result, salt), "(locked)"
        actual = result.display if result.returned else _failure_text(result)
    elif case.raises:
        raised = result.error.type if result.error else None
        ok = raised == case.raises
        actual = f"raises {raised}" if raised else f"returns {result.display}"
    elif not result.returned:
        ok, actual = False, _failure_text(result)
    else:
        ok, actual = (
            values_equal(case.returns, decode(result.value), case.tolerance),
            result.display,
        )
    if ok and case.prints is not None and normalize(result.stdout) != normalize(case.prints):
        ok, actual = False, f"printed {result.stdout!r}"
        expected_text = f"prints {case.prints!r}"
    message = "" if ok else f"{case.call} should {_expectation(case)}"
    return Check.make(
        case.name,
        ok,
        expected=expected_text,
        actual=actual,
        message=message,
        hint=None if ok else case.hint,
        points=case.points if ok else 0.0,
        **common,
    )


class WriteFunction(Kind):
    name = "write-function"
    answer = "code"
    summary = "Write a function that returns the right values."
    properties: ClassVar[dict[str, Any]] = {
        "function": {"type": "string", "pattern": r"^[A-Za-z_][A-Za-z0-9_]*$"},
        "starter": {"type": "string"},
        "solution_code": {"type": "string", "minLength": 1},
        "tolerance": TOLERANCE,
        "cases": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    **CASE_COMMON,
                    "call": {"type": "string", "minLength": 1, "description": "e.g. add(2, 3)"},
                    "returns": {"description": "The expected value, as YAML data."},
                    "returns_literal": {
                        "type": "string",
                        "description": "A Python literal, for tuples and sets.",
                    },
                    "raises": {"type": "string", "description": "The exception type name."},
                    "returns_sha256": LOCKED_DIGESTS,
                    "raises_sha256": LOCKED_DIGESTS,
                    "prints": {
                        "type": "string",
                        "description": "Also expect this output from the call.",
                    },
                    "tolerance": TOLERANCE,
                },
                "required": ["call"],
                "additionalProperties": False,
            },
        },
    }
    required = ("function", "cases")
    template = """\
function: TODO_name
starter: |
  def TODO_name():
      ...
cases:
  - call: "TODO_name(1, 2)"
    returns: TODO
  - call: "TODO_name(0, 0)"
    raises: ValueError
    hidden: true
# The reference solution; `grader validate` runs every call against it.
solution_code: |
  TODO: a correct function
"""

    def parse(self, spec: SpecReader) -> Body:
        data = spec.data
        cases = tuple(
            _case(spec, item, i, data["function"]) for i, item in enumerate(data["cases"])
        )
        check_cases(spec, [c.name for c in cases], [c.hidden for c in cases])
        return Body(data["function"], cases, data.get("starter"), data.get("solution_code"))

    def grade(self, exercise: Exercise, submission: Submission, runner: Runner) -> Verdict:
        body: Body = exercise.body
        source = submission.text or ""
        outcome = runner.run(
            source,
            filename=submission.filename,
            limits=exercise.limits,
            calls=[case.call for case in body.cases],
        )
        results = {r.call: r for r in outcome.calls}
        if not outcome.calls and run_failure(outcome):
            return failed_run_verdict(exercise, outcome, source)
        if _undefined(body.function, outcome.calls):
            missing = f"The program does not define a function named '{body.function}'."
            define = f"Define `def {body.function}(...)`: the name must match exactly."
            hints = ordered_hints(define, exercise.hint)
            return verdict_for(exercise, Status.WRONG_ANSWER, 0.0, missing, (), hints)
        salt = exercise.lock_salt
        checks = tuple(_judge(case, results.get(case.call), salt) for case in body.cases)
        total = sum(c.points for c in body.cases) or 1.0
        score = exercise.points * sum(c.points for c in checks) / total
        failure = run_failure(outcome)
        status = worst(
            [Status.PASSED if c.passed else Status.WRONG_ANSWER for c in checks]
            + ([failure] if failure else [])
        )
        passed = sum(1 for c in checks if c.passed)
        message = f"{passed} of {len(checks)} calls returned the right result."
        notes = [c.hint for c in checks if not c.passed]
        if failure:
            notes.append(explain_outcome(outcome, source))
        hints = ordered_hints(notes, None if status is Status.PASSED else exercise.hint)
        return verdict_for(exercise, status, score, message, checks, hints)

    def lock(
        self, exercise: Exercise, data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        body: Body = exercise.body
        cases = [dict(item) for item in data["cases"]]
        warnings = []
        for index, (item, case) in enumerate(zip(cases, body.cases, strict=True)):
            if case.raises is not None:
                item.pop("raises")
                item["raises_sha256"] = {"type": salted(salt, case.raises)}
                continue
            try:
                text = canonical(encode(case.returns))
            except _Unhashable:
                warnings.append(f"cases[{index}] returns a float and stays readable (tolerance)")
                continue
            item.pop("returns", None)
            item.pop("returns_literal", None)
            item["returns_sha256"] = {"value": salted(salt, text)}
        data["cases"] = cases
        data.pop("solution_code", None)
        return data, warnings

    def present(self, exercise: Exercise) -> Presentation:
        body: Body = exercise.body
        examples = [c for c in body.cases if not c.hidden][:3]
        notes = tuple(
            f"Example: {c.call} -> {'raises ' + c.raises if c.raises else repr(c.returns)}"
            for c in examples
            if not c.locked
        )
        return Presentation(
            starter=body.starter, notes=(f"Define the function `{body.function}`.", *notes)
        )

    def check(self, exercise: Exercise, runner: Runner) -> list[tuple[tuple[str | int, ...], str]]:
        body: Body = exercise.body
        if body.solution_code is None:
            if exercise.locked:
                return []  # locked: the reference solution is only in the key
            return [(("solution_code",), "missing: validate needs a reference solution to run")]
        return reference_problems(
            self.grade(exercise, Submission(body.solution_code, "solution.py"), runner)
        )


def _undefined(function: str, calls: tuple[CallResult, ...]) -> bool:
    """True when the program ran but never defined the function (every call says so)."""
    missing = f"name '{function}' is not defined"
    return bool(calls) and all(
        not c.returned and c.error is not None and c.error.message.startswith(missing)
        for c in calls
    )


register(WriteFunction())

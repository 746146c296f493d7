"""write-function: the learner writes a function; each case is a call with literal arguments
and the value it must return (or the exception it must raise).

Return values are serialised inside the sandbox child and compared here as plain data,
never through a learner object's `__eq__`.
"""

from __future__ import annotations

import ast
import json
import math
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

from grader.compare import Comparison, normalize
from grader.digests import LOCKED_DIGESTS, salted
from grader.exercise import Exercise, FieldProblems, Fill, Kind, Presentation, Reveal
from grader.runner import Runner
from grader.spec.reader import SpecReader
from grader.submission import Submission
from grader.toolkit.cases import (
    CASE_COMMON,
    TOLERANCE,
    call_fill,
    case_fills,
    check_case_names,
    reference_problems,
)
from grader.toolkit.expected import Expected, Plain, Unhashable
from grader.toolkit.runs import failed_run_verdict, record_failure, run_failure
from grader.toolkit.verdicts import VerdictBuilder
from grader.verdict import Check, Verdict
from sandbox.calls import parse_call
from sandbox.outcome import CallResult
from sandbox.values import Opaque, decode, encode


@dataclass(frozen=True)
class Case:
    name: str
    call: str
    returns: Expected[Any] | None = None
    """The value the call must return, compared with the encoded value the sandbox gives."""
    raises: Expected[str] | None = None
    """The name of the exception type the call must raise."""
    prints: str | None = None
    points: float = 1.0
    hidden: bool = False
    hint: str | None = None


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
    keys = ("returns", "returns_literal", "raises", "returns_sha256", "raises_sha256")
    if len([key for key in keys if key in item]) != 1:
        spec.problem(path, "give exactly one of: returns, returns_literal, raises")
    tolerance = item.get("tolerance", spec.data.get("tolerance", {}))
    comparison = Comparison(rel_tol=tolerance.get("rel", 1e-9), abs_tol=tolerance.get("abs", 1e-9))
    hidden_name = f"hidden case {index + 1}" if item.get("hidden") else None
    return Case(
        item.get("name") or hidden_name or item["call"],  # a hidden call is never shown
        item["call"],
        _returns(spec, item, path, comparison),
        _raises(spec, item, path),
        item.get("prints"),
        float(item.get("points", 1)),
        bool(item.get("hidden", False)),
        item.get("hint"),
    )


def _returns(
    spec: SpecReader, item: dict[str, Any], path: tuple[str | int, ...], tolerance: Comparison
) -> Expected[Any] | None:
    """What the call must return: a YAML value, a Python literal, or (locked) a digest."""
    if "returns_literal" in item:
        try:
            value = ast.literal_eval(item["returns_literal"])
        except (ValueError, SyntaxError):
            spec.problem((*path, "returns_literal"), "not a Python literal")
            return None
    elif "returns" in item:
        value = item["returns"]
    elif "value" in item.get("returns_sha256", {}):
        digest = item["returns_sha256"]["value"]
        return spec.salted((*path, "returns_sha256"), digest, _canonical_form)
    else:
        return None
    return Plain(value, partial(_returns_equal, tolerance=tolerance))


def _raises(
    spec: SpecReader, item: dict[str, Any], path: tuple[str | int, ...]
) -> Expected[str] | None:
    """The exception type the call must raise, or (locked) its digest."""
    if "raises" in item:
        return Plain(item["raises"])
    if "type" in item.get("raises_sha256", {}):
        return spec.salted((*path, "raises_sha256"), item["raises_sha256"]["type"])
    return None


def _returns_equal(expected: Any, encoded: Any, *, tolerance: Comparison) -> bool:
    return values_equal(expected, decode(encoded), tolerance)


def _canonical_form(encoded: Any) -> tuple[str]:
    return (canonical(encoded),)


def canonical(encoded: Any) -> str:
    """One text per value, as `sandbox.values.encode` gives it: dict entries sorted and
    whole floats as ints. Raises `Unhashable` for other floats (they need a tolerance)."""

    def walk(value: Any) -> Any:
        if isinstance(value, float):
            if value.is_integer():
                return int(value)
            raise Unhashable
        if isinstance(value, list):
            return [walk(item) for item in value]
        if isinstance(value, dict):
            if "$float" in value:
                raise Unhashable
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
    """What the call should do, for the message of a failed check."""
    if isinstance(case.raises, Plain):
        return f"raise {case.raises.answer}"
    if isinstance(case.returns, Plain):
        return f"return {case.returns.answer!r}"
    return "give the expected result (locked, so it is not shown)"


def _expected_text(case: Case) -> str | None:
    """The expected result as a check shows it; None when it is locked."""
    if isinstance(case.raises, Plain):
        return f"raises {case.raises.answer}"
    if isinstance(case.returns, Plain):
        return repr(case.returns.answer)
    return None


def _gives(case: Case, result: CallResult) -> bool:
    """Whether the call returned or raised what the case expects."""
    if case.raises is not None:
        return result.error is not None and case.raises.matches(result.error.type)
    return result.returned and case.returns is not None and case.returns.matches(result.value)


def _actual(case: Case, result: CallResult) -> str:
    """What the call did, as the check shows it."""
    if isinstance(case.raises, Plain):
        raised = result.error.type if result.error else None
        return f"raises {raised}" if raised else f"returns {result.display}"
    return result.display if result.returned else _failure_text(result)


def _judge(case: Case, result: CallResult | None) -> Check:
    common: dict[str, Any] = {"max_points": case.points, "hidden": case.hidden}
    if result is None:
        return Check.make(
            case.name, False, message="not run: the program stopped before this call", **common
        )
    ok, expected_text, actual = _gives(case, result), _expected_text(case), _actual(case, result)
    expected_text = "(locked)" if expected_text is None else expected_text
    expectation = _expectation(case)
    if ok and case.prints is not None and normalize(result.stdout) != normalize(case.prints):
        ok, actual = False, f"printed {result.stdout!r}"
        expected_text = f"prints {case.prints!r}"
        expectation = f"print {case.prints!r}"
    message = "" if ok else f"{case.call} should {expectation}"
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


class WriteFunction(Kind[Body]):
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
        check_case_names(spec, [c.name for c in cases], [c.hidden for c in cases])
        return Body(data["function"], cases, data.get("starter"), data.get("solution_code"))

    def grade(self, exercise: Exercise[Body], submission: Submission, runner: Runner) -> Verdict:
        body = exercise.body
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
        builder = VerdictBuilder(exercise)
        if _undefined(body.function, outcome.calls):
            builder.fail()
            builder.hint(f"Define `def {body.function}(...)`: the name must match exactly.")
            return builder.verdict(
                f"The program does not define a function named '{body.function}'."
            )
        for case in body.cases:
            builder.add(_judge(case, results.get(case.call)))
        if run_failure(outcome):
            record_failure(builder, outcome, source)
        passed = sum(1 for c in builder.checks if c.passed)
        return builder.verdict(
            f"{passed} of {len(builder.checks)} calls returned the right result."
        )

    def lock(
        self, exercise: Exercise[Body], data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        cases = [dict(item) for item in data["cases"]]
        warnings = []
        for index, (item, case) in enumerate(zip(cases, exercise.body.cases, strict=True)):
            if isinstance(case.raises, Plain):
                item.pop("raises")
                item["raises_sha256"] = {"type": salted(salt, case.raises.answer)}
                continue
            if not isinstance(case.returns, Plain):
                continue  # nothing readable to lock
            try:
                text = canonical(encode(case.returns.answer))
            except Unhashable:
                warnings.append(f"cases[{index}] returns a float and stays readable (tolerance)")
                continue
            item.pop("returns", None)
            item.pop("returns_literal", None)
            item["returns_sha256"] = {"value": salted(salt, text)}
        data["cases"] = cases
        data.pop("solution_code", None)
        return data, warnings

    def present(self, exercise: Exercise[Body]) -> Presentation:
        body = exercise.body
        examples = [c for c in body.cases if not c.hidden][:3]
        shown = [(c.call, _expected_text(c)) for c in examples]
        notes = tuple(f"Example: {call} -> {text}" for call, text in shown if text is not None)
        return Presentation(
            starter=body.starter, notes=(f"Define the function `{body.function}`.", *notes)
        )

    def reveal(self, exercise: Exercise[Body], runner: Runner) -> Reveal:
        body = exercise.body
        hints = tuple(dict.fromkeys(c.hint for c in body.cases if c.hint))
        return Reveal(answer=body.solution_code, verbatim=True, mistakes=hints)

    def check(self, exercise: Exercise[Body], runner: Runner) -> FieldProblems:
        return reference_problems(self, exercise, exercise.body.solution_code, runner)

    def fill(self, exercise: Exercise[Body], runner: Runner) -> list[Fill]:
        code, calls = exercise.body.solution_code, [c.call for c in exercise.body.cases]
        ran = code and runner.run(code, filename="solution.py", limits=exercise.limits, calls=calls)
        results = {r.call: r for r in ran.calls} if ran else {}
        return case_fills(
            self,
            exercise,
            code,
            runner,
            lambda i, item: call_fill(i, item, results.get(item["call"])),
        )


def _undefined(function: str, calls: tuple[CallResult, ...]) -> bool:
    """True when the program ran but never defined the function (every call says so)."""
    missing = f"name '{function}' is not defined"
    return bool(calls) and all(
        not c.returned and c.error is not None and c.error.message.startswith(missing)
        for c in calls
    )


KIND = WriteFunction()

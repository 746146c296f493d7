"""write-function: the learner writes a function; each case is a call with literal arguments
and the value it must return (or the exception it must raise).

Return values are serialised inside the sandbox child and compared here as plain data,
never through a learner object's `__eq__`.
"""

from __future__ import annotations

import ast
import builtins
import difflib
import json
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any, ClassVar

from grader.compare import Comparison, normalize, tolerance_note
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
    case_hints_held_back,
    check_case_names,
    reference_problems,
)
from grader.toolkit.expected import Expected, Plain, Unhashable
from grader.toolkit.misconceptions import (
    Finding,
    Pending,
    first_findings,
    without_hint_when_explained,
)
from grader.toolkit.misconceptions.calls import (
    CallFacts,
    ChangedArgument,
    changed_argument,
    diagnose,
    mutated_argument,
    same_result,
)
from grader.toolkit.misconceptions.source import SourceFacts
from grader.toolkit.runs import (
    error_summary,
    failed_run_verdict,
    record_failure,
    run_failure,
    stop_summary,
)
from grader.toolkit.values import values_equal
from grader.toolkit.verdicts import VerdictBuilder
from grader.verdict import Check, Verdict
from sandbox.calls import parse_call
from sandbox.outcome import CallResult, Outcome
from sandbox.values import TooLarge, decode, encode, safe_repr

UNCHANGED = "leave its arguments unchanged"


DEFAULT_COMPARISON = Comparison()


@dataclass(frozen=True)
class Case:
    name: str
    call: str
    returns: Expected[Any] | None = None
    """The value the call must return, compared with the encoded value the sandbox gives."""
    raises: Expected[str] | None = None
    """The name of the exception type the call must raise (or of a base class of it)."""
    prints: str | None = None
    points: float = 1.0
    hidden: bool = False
    hint: str | None = None
    exact: bool = False
    """The exact type: no subclass of the exception, no float for an int."""
    mutates: bool = False
    """The call may change its arguments (else they must be as they were)."""
    comparison: Comparison = DEFAULT_COMPARISON
    """How returned floats are compared (the tolerance)."""
    args_after: Expected[Any] | None = None
    """The positional arguments as the call must leave them (`args_after`): changing them
    is the task, and this is how they must end up."""


@dataclass(frozen=True)
class Body:
    function: str
    cases: tuple[Case, ...]
    starter: str | None = None
    solution_code: str | None = None


def _case(
    spec: SpecReader, item: dict[str, Any], index: int, function: str, hidden_number: int
) -> Case:
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
    hidden = bool(item.get("hidden", False))
    exact = bool(item.get("exact", spec.data.get("exact", False)))
    # A hidden case's call would show its inputs in every report: it is named by number.
    name = item.get("name") or (f"hidden case {hidden_number}" if hidden else item["call"])
    return Case(
        name,
        item["call"],
        _returns(spec, item, path, comparison, exact),
        _raises(spec, item, path),
        item.get("prints"),
        float(item.get("points", 1)),
        hidden,
        item.get("hint"),
        exact,
        bool(item.get("mutates", spec.data.get("mutates", False))) or _changes(item),
        comparison,
        _args_after(spec, item, path, comparison, exact),
    )


def _changes(item: dict[str, Any]) -> bool:
    return "args_after" in item or "args_after_sha256" in item


def _args_after(
    spec: SpecReader,
    item: dict[str, Any],
    path: tuple[str | int, ...],
    tolerance: Comparison,
    exact: bool,
) -> Expected[Any] | None:
    """The arguments as the call must leave them: a Python literal of a list, one item per
    positional argument, or (locked) its digest."""
    if "args_after_sha256" in item:
        digest = item["args_after_sha256"].get("value", "")
        return spec.salted(
            (*path, "args_after_sha256"), digest, partial(_canonical_form, exact=exact)
        )
    if "args_after" not in item:
        return None
    where = (*path, "args_after")
    try:
        value = ast.literal_eval(item["args_after"])
    except (ValueError, SyntaxError, TypeError, RecursionError, MemoryError):
        value = None
    try:
        _, args, _ = parse_call(str(item.get("call", "")))
    except ValueError:
        return None  # the call's own problem is reported
    if not isinstance(value, list) or len(value) != len(args):
        spec.problem(
            where,
            f"a list literal with one value per positional argument ({len(args)} here), as "
            "each is after the call: `[[3, 2]]` for a call on one list",
        )
        return None
    if _arguments_encoded(item["call"]) is not None and not any(_mutable(a) for a in args):
        spec.problem(where, "the call's arguments cannot change: none of them is mutable")
        return None
    return Plain(value, partial(_returns_equal, tolerance=tolerance, exact=exact))


def _mutable(values: Any) -> bool:
    """Whether a call's literal arguments hold a list, dict or set (else no call changes
    them, and the sandbox reports no arguments after it)."""
    if isinstance(values, (list, dict, set)):
        return True
    if isinstance(values, tuple):
        return any(_mutable(v) for v in values)
    return False


def _returns(
    spec: SpecReader,
    item: dict[str, Any],
    path: tuple[str | int, ...],
    tolerance: Comparison,
    exact: bool,
) -> Expected[Any] | None:
    """What the call must return: a YAML value, a Python literal, or (locked) a digest."""
    if "returns_literal" in item:
        try:
            value = ast.literal_eval(item["returns_literal"])
        except (ValueError, SyntaxError, TypeError, RecursionError, MemoryError):
            spec.problem(
                (*path, "returns_literal"),
                "not a Python literal: write a value such as (1, 2), {1, 2} or set()",
            )
            return None
    elif "returns" in item:
        value = item["returns"]
    elif "value" in item.get("returns_sha256", {}):
        digest = item["returns_sha256"]["value"]
        return spec.salted((*path, "returns_sha256"), digest, partial(_canonical_form, exact=exact))
    else:
        return None
    return Plain(value, partial(_returns_equal, tolerance=tolerance, exact=exact))


def _raises(
    spec: SpecReader, item: dict[str, Any], path: tuple[str | int, ...]
) -> Expected[str] | None:
    """The exception type the call must raise, or (locked) its digest."""
    if "raises" in item:
        return Plain(item["raises"])
    if "type" in item.get("raises_sha256", {}):
        return spec.salted((*path, "raises_sha256"), item["raises_sha256"]["type"])
    return None


def _returns_equal(expected: Any, encoded: Any, *, tolerance: Comparison, exact: bool) -> bool:
    return values_equal(expected, decode(encoded), tolerance, exact=exact)


def _canonical_form(encoded: Any, *, exact: bool = False) -> tuple[str]:
    return (canonical(encoded, exact=exact),)


def canonical(encoded: Any, *, exact: bool = False) -> str:
    """One text per value, as `sandbox.values.encode` gives it: dict entries sorted, whole
    floats as ints (unless `exact`), dict keys and set members with their own type.
    Raises `Unhashable` for other floats (they need a tolerance)."""

    def walk(value: Any, key: bool) -> Any:
        if isinstance(value, float):
            if key:
                return value
            if value.is_integer():
                return value if exact else int(value)
            raise Unhashable
        if isinstance(value, list):
            return [walk(item, key) for item in value]
        if isinstance(value, dict):
            if "$float" in value and not key:
                raise Unhashable
            if "$dict" in value:
                pairs = [[walk(k, True), walk(v, key)] for k, v in value["$dict"]]
                return {"$dict": sorted(pairs, key=lambda pair: json.dumps(pair, sort_keys=True))}
            if "$set" in value:
                members = [walk(item, True) for item in value["$set"]]
                return {"$set": sorted(members, key=lambda item: json.dumps(item, sort_keys=True))}
            return {name: walk(item, key) for name, item in value.items()}
        return value

    return json.dumps(walk(encoded, False), sort_keys=True, ensure_ascii=False)


def _failure_text(result: CallResult) -> str:
    """What a call that returned nothing did instead (a stopped run says why in the
    verdict's message)."""
    if result.error:
        error = result.error
        return f"raises {error.type}: {error.message}" if error.message else f"raises {error.type}"
    return "does not return: the program was stopped during this call (see the message)"


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
    """Whether the call returned or raised what the case expects. An exception counts
    when its class or (unless the case is `exact`) one of its base classes is the one
    expected, as with `pytest.raises`."""
    if case.raises is not None:
        error = result.error
        if error is None:
            return False
        if case.exact or not result.raised_types:
            return case.raises.matches(error.type)
        return any(case.raises.matches(name) for name in result.raised_types)
    return result.returned and case.returns is not None and case.returns.matches(result.value)


_BUILTIN_EXCEPTIONS = tuple(
    sorted(
        name
        for name, value in vars(builtins).items()
        if isinstance(value, type) and issubclass(value, BaseException)
    )
)


def _classes_defined(*sources: str | None) -> set[str]:
    """The names of the classes that the exercise's code defines."""
    found: set[str] = set()
    for source in sources:
        try:
            tree = ast.parse(source or "")
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            continue
        found.update(node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef))
    return found


def _mutable_argument(call: str) -> bool:
    """Whether a case's call passes a list, dict or set (or anything not a plain literal
    of an immutable type): only then can it change its arguments."""
    try:
        node = ast.parse(call, mode="eval").body
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return True
    if not isinstance(node, ast.Call):
        return True
    values = [*node.args, *(k.value for k in node.keywords)]
    return any(not _immutable_literal(value) for value in values)


def _immutable_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
        return True
    if isinstance(node, ast.Tuple):
        return all(_immutable_literal(item) for item in node.elts)
    return False


def _broken(case: Case, result: CallResult | None) -> bool:
    """Whether a failed call failed at the base: not run, raised where a value was due,
    or gave None where a value was due."""
    if result is None:
        return True
    if case.raises is not None:
        return False
    return result.error is not None or (result.returned and result.display == "None")


def _actual(case: Case, result: CallResult) -> str:
    """What the call did, as the check shows it."""
    if isinstance(case.raises, Plain):
        raised = result.error.type if result.error else None
        return f"raises {raised}" if raised else f"returns {result.display}"
    return result.display if result.returned else _failure_text(result)


def _judge(case: Case, result: CallResult | None, learner: Learner) -> tuple[Check, list[Pending]]:
    """The case's check, and the mistakes to look for when it failed (the result's
    first, then a changed argument's)."""
    common: dict[str, Any] = {"max_points": case.points, "hidden": case.hidden}
    if result is None:
        message = "not run: the program stopped before this call"
        return Check.make(case.name, False, message=message, **common), []
    ok, expected_text, actual = _gives(case, result), _expected_text(case), _actual(case, result)
    expected_text = "(locked)" if expected_text is None else expected_text
    message = "" if ok else f"{case.call} should {_expectation(case)}"
    detect = partial(diagnose, learner.facts(case, result))
    if ok and case.prints is not None and normalize(result.stdout) != normalize(case.prints):
        ok, actual = False, f"printed {result.stdout!r}"
        expected_text = f"prints {case.prints!r}"
        message = f"{case.call} should print {case.prints!r}"
    after_hint = None
    if ok and case.args_after is not None and not _left_as(case, result):
        ok, expected_text, actual = False, _after_text(case), _after_actual(result)
        message = f"{case.call} should leave {_after_text(case)}"
        if json.dumps(result.arguments) == _arguments_encoded(case.call):
            after_hint = _UNCHANGED_AFTER
    changed = learner.changed_argument(case, result)
    only_changed = ok and changed is not None  # the case's hint is about the result
    pending: list[Pending] = []
    if changed is not None:
        finding, what = changed
        pending.append((partial(_known, finding), case.hidden))
        if ok:  # the result is right: what the check shows is the argument
            ok, message = False, f"{case.call} should {UNCHANGED}"
            expected_text = f"{what.name} left as {safe_repr(what.before)}"
            actual = f"{what.name} changed to {safe_repr(what.after)}"
    check = Check.make(
        case.name,
        ok,
        expected=expected_text,
        actual=actual,
        message=message,
        hint=None if ok or only_changed else after_hint or case.hint,
        points=case.points if ok else 0.0,
        **common,
    )
    if not ok and not only_changed:
        check, explained = without_hint_when_explained(check, detect)
        pending.insert(0, (explained, case.hidden))
    return check, pending


_LOADED_INPUT = (
    "Your file reads input() when it is loaded, but the tests import it, give it no input "
    "and call `{0}` themselves: put code that tries your function out under "
    '`if __name__ == "__main__":`, or remove it.'
)


def _reads_input(outcome: Outcome) -> bool:
    return outcome.error is not None and outcome.error.type == "EOFError"


def _known(finding: Finding) -> Finding:
    return finding


def _shown_after(case: Case) -> str:
    return f", and leaves {_after_text(case)}" if isinstance(case.args_after, Plain) else ""


def _left_as(case: Case, result: CallResult) -> bool:
    """Whether the call left its positional arguments as `args_after` says."""
    if case.args_after is None:
        return True
    if result.arguments is None:
        return False
    return case.args_after.matches(result.arguments[0])


_UNCHANGED_AFTER = (
    "Your function leaves the list it is given as it was: `xs = ...` inside it makes a new "
    "list and leaves the caller's alone. Change the list itself: `xs[:] = ...`, "
    "`xs.remove(...)`, `del xs[i]` or `xs.append(...)`."
)


def _after_text(case: Case) -> str:
    """`its argument as [1, 3]` (one argument), `its arguments as ([1], {})` (several)."""
    if not isinstance(case.args_after, Plain):
        return "its arguments as expected (locked, so they are not shown)"
    after = case.args_after.answer
    if len(after) == 1:
        return f"its argument as {safe_repr(after[0])}"
    return f"its arguments as ({', '.join(safe_repr(a) for a in after)})"


def _after_actual(result: CallResult) -> str:
    if result.arguments is None:
        return "arguments not reported"
    after = decode(result.arguments)[0]
    if len(after) == 1:
        return f"left it as {safe_repr(after[0])}"
    return f"left them as ({', '.join(safe_repr(a) for a in after)})"


class Learner:
    """The learner's program, as the detectors read it, for the calls of one grading."""

    def __init__(self, source: str, function: str) -> None:
        self.function = function
        self.source = SourceFacts(source)

    def facts(self, case: Case, result: CallResult) -> CallFacts:
        return CallFacts(
            case.call, self.function, result, case.returns, case.raises, case.exact, self.source
        )

    def changed_argument(
        self, case: Case, result: CallResult
    ) -> tuple[Finding, ChangedArgument] | None:
        """The finding, and the argument, when the call changed one it must leave alone."""
        if case.mutates or result.arguments is None:
            return None
        encoded = _arguments_encoded(case.call)
        if encoded is None or json.dumps(result.arguments) == encoded:
            return None  # the common case: as the call found them, to the byte
        parameters = self.source.parameters(self.function)
        before, after = decode(json.loads(encoded)), decode(result.arguments)
        what = changed_argument(parameters, before, after)
        finding = mutated_argument(case.call, parameters, before, after)
        return None if what is None or finding is None else (finding, what)


@lru_cache(maxsize=1024)
def _arguments_encoded(call: str) -> str | None:
    """A call's literal arguments, `[args, kwargs]` as the sandbox encodes them (as JSON,
    so that the cache holds no mutable value)."""
    try:
        _, args, kwargs = parse_call(call)
        return json.dumps(encode([args, kwargs]))
    except (ValueError, TooLarge):
        return None


class WriteFunction(Kind[Body]):
    name = "write-function"
    answer = "code"
    summary = "Write a function that returns the right values."
    properties: ClassVar[dict[str, Any]] = {
        "function": {"type": "string", "pattern": r"^[A-Za-z_][A-Za-z0-9_]*$"},
        "starter": {"type": "string"},
        "solution_code": {"type": "string", "minLength": 1},
        "tolerance": TOLERANCE,
        "exact": {
            "type": "boolean",
            "default": False,
            "description": "Every case's result must have exactly the stated type.",
        },
        "mutates": {
            "type": "boolean",
            "default": False,
            "description": "The function's task is to change its arguments.",
        },
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
                    "exact": {
                        "type": "boolean",
                        "description": "No subclass of the exception; no float for an int.",
                    },
                    "mutates": {
                        "type": "boolean",
                        "description": "The call may change its arguments.",
                    },
                    "args_after": {
                        "type": "string",
                        "description": "The positional arguments after the call, as a Python "
                        "list literal (implies mutates): [[3, 2]] for a call on one list.",
                    },
                    "args_after_sha256": LOCKED_DIGESTS,
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
        hidden = [bool(item.get("hidden", False)) for item in data["cases"]]
        cases = tuple(
            _case(spec, item, i, data["function"], sum(hidden[: i + 1]))
            for i, item in enumerate(data["cases"])
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
            hint = _LOADED_INPUT.format(body.function) if _reads_input(outcome) else None
            return failed_run_verdict(exercise, outcome, source, hint=hint)
        builder = VerdictBuilder(exercise)
        if _undefined(body.function, outcome.calls):
            builder.fail()
            builder.hint(f"Define `def {body.function}(...)`: the name must match exactly.")
            return builder.verdict(
                f"The program does not define a function named '{body.function}'."
            )
        learner = Learner(source, body.function)
        pending: list[Pending] = []
        checks, broken = [], []
        for case in body.cases:
            check, detections = _judge(case, results.get(case.call), learner)
            checks.append(check)
            broken.append(not check.passed and _broken(case, results.get(case.call)))
            pending += detections
        hinted = [case.hint is not None for case in body.cases]
        for check in case_hints_held_back(checks, hinted, broken):
            builder.add(check)
        if any(not check.passed for check in builder.checks):
            same = _same_result(body.cases, results, learner)
            written_in = [pair for pair in same if pair[0].mistake == "same-result"]
            # a computed result that never changes says less than any specific finding
            hints = first_findings(written_in, pending) or first_findings(same)
            builder.diagnose(*hints)
        passed = sum(1 for c in builder.checks if c.passed)
        message = f"{passed} of {len(builder.checks)} calls returned the right result."
        if run_failure(outcome):  # a call was stopped, and so were the calls after it
            stopped = next((case for case in body.cases if case.call not in results), None)
            record_failure(builder, outcome, source, hidden=stopped is not None and stopped.hidden)
            message = f"{message} {stop_summary(outcome)}."
            return builder.verdict(message, error=error_summary(outcome))
        return builder.verdict(message)

    def lock(
        self, exercise: Exercise[Body], data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        cases = [dict(item) for item in data["cases"]]
        warnings = []
        for index, (item, case) in enumerate(zip(cases, exercise.body.cases, strict=True)):
            if isinstance(case.args_after, Plain):
                try:
                    after = canonical(encode(case.args_after.answer), exact=case.exact)
                    item.pop("args_after")
                    item["args_after_sha256"] = {"value": salted(salt, after)}
                except Unhashable:
                    warnings.append(f"cases[{index}].args_after holds a float and stays readable")
            if isinstance(case.raises, Plain):
                item.pop("raises")
                item["raises_sha256"] = {"type": salted(salt, case.raises.answer)}
                continue
            if not isinstance(case.returns, Plain):
                continue  # nothing readable to lock
            try:
                text = canonical(encode(case.returns.answer), exact=case.exact)
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
        examples = [c for c in body.cases if not c.hidden]  # each visible case, as `check` runs it
        shown = [(c.call, _expected_text(c), _shown_after(c)) for c in examples]
        notes = tuple(
            f"Example: {call} -> {text}{after}" for call, text, after in shown if text is not None
        )
        if any(not case.mutates and _mutable_argument(case.call) for case in body.cases):
            notes += ("The tests check that your function leaves its arguments unchanged.",)
        returning = (case.comparison for case in body.cases if case.returns is not None)
        tolerance = tolerance_note(returning, "Returned numbers")
        notes += (tolerance,) if tolerance else ()
        if hidden := len(body.cases) - len(examples):
            notes += (f"Plus {hidden} hidden test{'s' if hidden > 1 else ''}.",)
        return Presentation(
            starter=body.starter, notes=(f"Define the function `{body.function}`.", *notes)
        )

    def reveal(self, exercise: Exercise[Body], runner: Runner) -> Reveal:
        body = exercise.body
        hints = tuple(dict.fromkeys(c.hint for c in body.cases if c.hint))
        return Reveal(answer=body.solution_code, verbatim=True, mistakes=hints)

    def advice(self, exercise: Exercise[Body]) -> FieldProblems:
        """An exception a case must raise that nothing defines: no built-in one, and no
        class of the exercise's code (`ValeuError`)."""
        body = exercise.body
        defined = _classes_defined(body.solution_code, body.starter)
        found: FieldProblems = []
        for index, case in enumerate(body.cases):
            if not isinstance(case.raises, Plain):
                continue
            name = case.raises.answer
            if name in _BUILTIN_EXCEPTIONS or name in defined:
                continue
            close = difflib.get_close_matches(name, [*_BUILTIN_EXCEPTIONS, *defined], n=1)
            suggestion = f": did you mean {close[0]}?" if close else ""
            found.append(
                (
                    ("cases", index, "raises"),
                    f"'{name}' is no built-in exception, and no class of the solution or "
                    f"starter has that name{suggestion}",
                )
            )
        return found

    def check(self, exercise: Exercise[Body], runner: Runner) -> FieldProblems:
        problems = reference_problems(self, exercise, exercise.body.solution_code, runner)
        return [
            (path, f"{message} (if changing them is the task, say `mutates: true`)")
            if UNCHANGED in message
            else (path, message)
            for path, message in problems
        ]

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


def _same_result(
    cases: tuple[Case, ...], results: dict[str, CallResult], learner: Learner
) -> list[tuple[Finding, bool]]:
    """The finding when every call returned the same value (a result written in)."""
    ran = [c for c in cases if c.call in results and c.returns]
    facts = [learner.facts(c, results[c.call]) for c in ran]
    found = same_result(facts, [c.hidden for c in ran])
    return [] if found is None else [(found, False)]


def _undefined(function: str, calls: tuple[CallResult, ...]) -> bool:
    """True when the program ran but never defined the function (every call says so)."""
    missing = f"name '{function}' is not defined"
    return bool(calls) and all(
        not c.returned and c.error is not None and c.error.message.startswith(missing)
        for c in calls
    )


KIND = WriteFunction()

"""Judgements that need the child's reports, graded end to end in the real sandbox:
exception classes and `exact`, changed arguments and `mutates`, typed dict keys, runaway
recursion; and the digests a locked bank keeps for them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import yaml

from grader.errors import SpecError
from grader.exercise import AnyExercise
from grader.kinds.write_function import canonical
from grader.runner import CachingRunner
from grader.spec.loader import parse_exercise
from grader.toolkit.expected import Salted
from grader.verdict import Status, Verdict
from sandbox.values import encode

from .conftest import COMMON, exercise

Check = Callable[..., Verdict]

PARSE = """\
function: parse_record
cases:
  - call: "parse_record('ada,36')"
    returns_literal: "('ada', 36)"
  - call: "parse_record('ada')"
    raises: ValueError
"""
RECORDS = """\
class BadRecord(ValueError):
    pass


def parse_record(line):
    parts = line.split(",")
    if len(parts) != 2:
        raise BadRecord(f"not a record: {line!r}")
    return parts[0], int(parts[1])
"""


def test_a_learner_subclass_of_the_expected_exception_passes(check: Check) -> None:
    assert check(exercise("write-function", PARSE), RECORDS, "f.py").passed


def test_exact_refuses_a_subclass_and_says_which_class_it_wants(check: Check) -> None:
    target = exercise(
        "write-function", PARSE.replace("raises: ValueError", "raises: ValueError\n    exact: true")
    )
    verdict = check(target, RECORDS, "f.py")
    assert verdict.status is Status.WRONG_ANSWER
    assert verdict.hints[0] == (
        "`parse_record('ada')` raised BadRecord. BadRecord is a subclass of ValueError, but "
        "this case wants exactly ValueError: `raise ValueError(...)`, not a subclass of it."
    )


def test_a_function_that_sorts_its_argument_fails_unless_mutation_is_the_task(
    check: Check,
) -> None:
    cases = 'cases:\n  - {call: "smallest([5, 2, 8])", returns: 2}\n'
    source = "def smallest(numbers):\n    numbers.sort()\n    return numbers[0]\n"
    verdict = check(exercise("write-function", "function: smallest\n" + cases), source, "f.py")
    assert verdict.status is Status.WRONG_ANSWER
    assert verdict.hints[0].startswith(
        "`smallest([5, 2, 8])` changed its argument `numbers` from `[5, 2, 8]` to `[2, 5, 8]`"
    )
    allowed = exercise("write-function", "function: smallest\nmutates: true\n" + cases)
    assert check(allowed, source, "f.py").passed


def test_dict_keys_of_another_type_do_not_pass(check: Check) -> None:
    target = exercise(
        "write-function",
        "function: invert\ncases:\n"
        "  - {call: \"invert({'a': 1, 'b': 2})\", returns_literal: \"{1: 'a', 2: 'b'}\"}\n",
    )
    source = "def invert(d):\n    return {(v == 1) or float(v): k for k, v in d.items()}\n"
    verdict = check(target, source, "f.py")
    assert verdict.status is Status.WRONG_ANSWER
    assert "the key `True` is a bool where `1`, an int, is expected" in verdict.hints[0]


def test_runaway_recursion_in_a_call_is_named(check: Check) -> None:
    target = exercise(
        "write-function", 'function: fact\ncases:\n  - {call: "fact(4)", returns: 24}\n'
    )
    verdict = check(target, "def fact(n):\n    return n * fact(n - 1)\n", "f.py")
    assert verdict.hints[0].startswith("`fact(4)` kept calling itself until Python stopped it")


def _locked(body: str, runner: CachingRunner) -> AnyExercise:
    """`body` as `grader lock` writes it."""
    salt = "0123456789abcdef0123456789abcdef"
    target = exercise("write-function", body)
    data = yaml.safe_load(COMMON.format(id="test-exercise", kind="write-function") + body)
    locked, _ = target.kind.lock(target, data, salt, runner)
    locked["lock"] = {"salt": salt}
    return parse_exercise(yaml.safe_dump(locked), "locked.yaml")


def test_a_locked_bank_keeps_subclasses_exactness_and_key_types(
    check: Check, runner: CachingRunner
) -> None:
    locked = _locked(PARSE, runner)
    assert isinstance(locked.body.cases[1].raises, Salted)  # the name is a digest now
    assert check(locked, RECORDS, "f.py").passed
    exact = _locked(
        PARSE.replace("raises: ValueError", "raises: ValueError\n    exact: true"), runner
    )
    assert check(exact, RECORDS, "f.py").status is Status.WRONG_ANSWER
    assert canonical(encode(5.0)) == canonical(encode(5))
    assert canonical(encode(5.0), exact=True) != canonical(encode(5), exact=True)
    assert canonical(encode({True: "a"})) != canonical(encode({1: "a"}))
    assert canonical(encode({2.0: "b"})) != canonical(encode({2: "b"}))
    assert canonical(encode({1, 2})) != canonical(encode({1.0, 2}))


AVERAGE = """\
function: average
cases:
  - call: "average([1, 3])"
    returns: 2
  - call: "average([7])"
    returns: 7
  - call: "average([2, 4])"
    returns: 3
"""


def test_a_call_stopped_by_a_rule_says_which_rule_and_where(check: Check) -> None:
    """The run is stopped inside the second call: the verdict names the refused line, and
    the call says it was stopped rather than blame a time, memory or output limit."""
    program = (
        "def average(numbers):\n"
        "    if len(numbers) == 1:\n"
        "        return type('E', (), {})\n"
        "    return sum(numbers) / len(numbers)\n"
    )
    verdict = check(exercise("write-function", AVERAGE), program, "f.py")
    assert verdict.status is Status.FORBIDDEN
    assert "type() with three arguments is not allowed" in verdict.message
    assert "line 3: type()" in verdict.message and "(line 3)" not in verdict.message
    assert verdict.message.startswith("1 of 3 calls returned the right result.")
    stopped = verdict.checks[1]
    assert "stopped during this call" in (stopped.actual or "")
    assert "time, memory or output limit" not in (stopped.actual or "")


DROP = """\
function: drop_negatives
cases:
  - call: "drop_negatives([1, -2, 3, -4])"
    returns: null
    args_after: "[[1, 3]]"
  - call: "drop_negatives([-1, -1])"
    returns: null
    args_after: "[[]]"
solution_code: |
  def drop_negatives(xs):
      xs[:] = [x for x in xs if x >= 0]
"""
DROP_RIGHT = "def drop_negatives(xs):\n    xs[:] = [x for x in xs if x >= 0]\n"
DROP_REBINDS = "def drop_negatives(xs):\n    xs = [x for x in xs if x >= 0]\n"
DROP_SKIPS = (
    "def drop_negatives(xs):\n    for x in xs:\n        if x < 0:\n            xs.remove(x)\n"
)


@pytest.mark.parametrize("locked", [False, True], ids=["plain", "locked"])
def test_args_after_is_how_a_call_that_changes_its_arguments_must_leave_them(
    check: Check, runner: CachingRunner, locked: bool
) -> None:
    """An instructor review: with `mutates: true` nothing could check the arguments'
    new value, so a parameter rebound or a list changed while looped over passed."""
    target = _locked(DROP, runner) if locked else exercise("write-function", DROP)
    assert check(target, DROP_RIGHT, "f.py").passed
    rebinds = check(target, DROP_REBINDS, "f.py")
    assert rebinds.score == 0.0
    assert rebinds.hints[0].startswith("Your function leaves the list it is given as it was")
    skips = check(target, DROP_SKIPS, "f.py")
    assert skips.score == 0.5  # [-1, -1] is left as [-1]
    if not locked:
        assert "should leave its argument as []" in skips.checks[1].message


@pytest.mark.parametrize(
    ("after", "problem"),
    [
        ('"[1, 3]"', "one value per positional argument (1 here)"),
        ('"not a literal"', "a list literal"),
    ],
)
def test_args_after_must_give_one_value_per_positional_argument(after: str, problem: str) -> None:
    body = DROP.replace('args_after: "[[1, 3]]"', f"args_after: {after}")
    with pytest.raises(SpecError) as refused:
        exercise("write-function", body)
    assert problem in refused.value.format()


def test_args_after_on_a_call_whose_arguments_cannot_change_is_refused() -> None:
    body = 'function: add\ncases:\n  - {call: "add(1, 2)", returns: 3, args_after: "[1, 2]"}\n'
    with pytest.raises(SpecError) as refused:
        exercise("write-function", body)
    assert "none of them is mutable" in refused.value.format()


def test_a_hidden_cases_rounding_hint_tells_nothing_of_its_expected_value(check: Check) -> None:
    """A learner review read '16 are expected' in the hint of a hidden case."""
    target = exercise(
        "write-function",
        "function: mean\ncases:\n  - {call: 'mean([2, 4])', returns: 3}\n"
        "  - {call: 'mean([1, 2, 4])', returns: 2.3333333333333335, hidden: true}\n",
    )
    verdict = check(target, "def mean(xs):\n    return round(sum(xs) / len(xs), 2)\n", "f.py")
    hidden = [h for h in verdict.hints if h.startswith("On a hidden test")]
    assert hidden and "rounded" in hidden[0], verdict.hints
    assert not any(digit in hidden[0] for digit in "013456789"), hidden  # 2: its own decimals

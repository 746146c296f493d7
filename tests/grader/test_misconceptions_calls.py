"""Each write-function misconception detector on a realistic learner submission, graded
with scripted outcomes (what the sandbox gives for that source): the hint it must get."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from grader.grading import grade
from grader.submission import Submission
from grader.testing import FakeRunner, call_raised, ran, returned
from grader.toolkit.misconceptions import calls
from grader.verdict import Status, Verdict
from sandbox.outcome import CallResult

from .conftest import exercise


@dataclass(frozen=True)
class Attempt:
    """A learner's function, what its calls gave, and the hint the detector must give."""

    detector: str
    cases: str
    source: str
    results: tuple[CallResult, ...]
    hint: str
    function: str = "average"


AVERAGE = """\
  - {call: "average([1, 2, 3, 4])", returns: 2.5}
  - {call: "average([])", raises: ValueError}
"""
ATTEMPTS = [
    # a learner review: `first = second = 0` got only the hint about raising
    Attempt(
        "running_value_started_outside",
        '  - {call: "second([5, -1])", returns: -1}\n',
        "def second(values):\n    first = runner_up = 0\n    for v in values:\n"
        "        if v > first:\n            first, runner_up = v, first\n"
        "        elif v > runner_up:\n            runner_up = v\n    return runner_up\n",
        (returned("second([5, -1])", 0),),
        "`second([5, -1])` returned `0`, which is not one of the values given: a "
        "running value that starts at 0 keeps it when no item beats it",
        "second",
    ),
    # ... and a second review: with every value below the start, the call raised instead
    Attempt(
        "running_value_beyond_every_item",
        '  - {call: "second_largest([-1, -5])", returns: -5}\n',
        "def second_largest(numbers):\n    first = second = 0\n    for x in numbers:\n"
        "        if x > first:\n            first, second = x, first\n"
        "        elif first > x > second:\n            second = x\n"
        "    if first == second:\n        raise ValueError\n    return second\n",
        (call_raised("second_largest([-1, -5])", "ValueError", text="raise ValueError"),),
        "In `second_largest([-1, -5])` every value is below 0, where your `first` starts (0), "
        "so no item beats it",
        "second_largest",
    ),
    Attempt(
        "swapped_min_and_max",
        '  - {call: "clamp(5, 0, 10)", returns: 5}\n  - {call: "clamp(-3, 0, 10)", returns: 0}\n',
        "def clamp(value, low, high):\n    return min(low, max(value, high))\n",
        (returned("clamp(5, 0, 10)", 0), returned("clamp(-3, 0, 10)", 0)),
        "`clamp(5, 0, 10)` returned `0` where `5` is expected: check which bound `min` and "
        "which `max` applies",
        "clamp",
    ),
    Attempt(
        "error_in_call",
        '  - {call: "factorial(5)", returns: 120}\n',
        "def factorial(n):\n    return n * factorial(n - 1)\n",
        (call_raised("factorial(5)", "RecursionError", "maximum recursion depth exceeded"),),
        "`factorial(5)` kept calling itself until Python stopped it with RecursionError "
        "(maximum recursion depth exceeded). A recursive function needs a base case",
        "factorial",
    ),
    Attempt(
        "error_in_call",
        '  - {call: "flatten([[1, 2], [3]])", returns: [1, 2, 3]}\n',
        "def flatten(batches):\n    return [item for item in batch for batch in batches]\n",
        (call_raised("flatten([[1, 2], [3]])", "NameError", "name 'batch' is not defined"),),
        "In `[item for item in batch for batch in batches]` the `for` clauses are in the "
        "wrong order: `batch` is used before `for batch in batches` defines it.",
        "flatten",
    ),
    Attempt(
        "returned_instead_of_raising",
        AVERAGE,
        "def average(numbers):\n    if not numbers:\n        return 'no numbers'\n"
        "    return sum(numbers) / len(numbers)\n",
        (returned("average([1, 2, 3, 4])", 2.5), returned("average([])", "no numbers")),
        "`average([])` returned `'no numbers'` instead of raising ValueError: a function "
        "signals this case with `raise ValueError(...)`",
    ),
    Attempt(
        "returned_instead_of_raising",
        AVERAGE,
        "def average(numbers):\n    if not numbers:\n        print('Error: empty list')\n"
        "    else:\n        return sum(numbers) / len(numbers)\n",
        (
            returned("average([1, 2, 3, 4])", 2.5),
            returned("average([])", None, stdout="Error: empty list\n"),
        ),
        "`average([])` printed `Error: empty list` and returned None instead of raising",
    ),
    Attempt(
        "subclass_of_exact_exception",
        '  - {call: "average([])", raises: ValueError, exact: true}\n',
        "import statistics\n\ndef average(numbers):\n    return statistics.mean(numbers)\n",
        (
            call_raised(
                "average([])",
                "StatisticsError",
                "mean requires at least one data point",
                bases=("ValueError", "Exception", "BaseException"),
            ),
        ),
        "`average([])` raised StatisticsError. StatisticsError is a subclass of ValueError, "
        "but this case wants exactly ValueError",
    ),
    Attempt(
        "too_general_exception",
        AVERAGE,
        "def average(numbers):\n    if not numbers:\n        raise Exception('empty')\n"
        "    return sum(numbers) / len(numbers)\n",
        (returned("average([1, 2, 3, 4])", 2.5), call_raised("average([])", "Exception", "empty")),
        "`average([])` raised Exception. Exception is more general than the ValueError this "
        "case expects",
    ),
    Attempt(
        "other_exception",
        AVERAGE,
        "def average(numbers):\n    return sum(numbers) / len(numbers)\n",
        (
            returned("average([1, 2, 3, 4])", 2.5),
            call_raised("average([])", "ZeroDivisionError", "division by zero"),
        ),
        "`average([])` raised ZeroDivisionError (division by zero), not ValueError: detect "
        "this case yourself, before the step that fails, and raise ValueError.",
    ),
    Attempt(
        "unexpected_exception",
        '  - {call: "last([4, 5, 6])", returns: 6}\n',
        "def last(items):\n    return items[len(items)]\n",
        (call_raised("last([4, 5, 6])", "IndexError", "list index out of range"),),
        "`last([4, 5, 6])` raised IndexError: list index out of range. An index is past the end.",
        "last",
    ),
    Attempt(
        "printed_instead_of_returned",
        AVERAGE,
        "def average(numbers):\n    if not numbers:\n        raise ValueError('empty')\n"
        "    print(sum(numbers) / len(numbers))\n",
        (
            returned("average([1, 2, 3, 4])", None, stdout="2.5\n"),
            call_raised("average([])", "ValueError", "empty"),
        ),
        "Your function printed `2.5` but returned None: use `return` instead of `print()`: "
        "print shows the right value",
    ),
    Attempt(
        "result_of_in_place_method",
        '  - {call: "ordered([3, 1, 2])", returns: [1, 2, 3]}\n',
        "def ordered(numbers):\n    return numbers.sort()\n",
        (returned("ordered([3, 1, 2])", None, arguments=([[1, 2, 3]], {})),),
        "`numbers.sort()` changes its object in place and gives back None, so your function "
        "returned None. Call `sort()` on a line of its own and then return the object, or "
        "use `sorted(...)`",
        "ordered",
    ),
    Attempt(
        "missing_return",
        AVERAGE,
        "def average(numbers):\n    if not numbers:\n        raise ValueError('empty')\n"
        "    mean = sum(numbers) / len(numbers)\n",
        (returned("average([1, 2, 3, 4])", None), call_raised("average([])", "ValueError")),
        "`average` has no `return` with a value, so every call gives back None",
    ),
    Attempt(
        "text_instead_of_value",
        '  - {call: "total([4, 6])", returns: 10}\n',
        "def total(numbers):\n    return str(sum(numbers))\n",
        (returned("total([4, 6])", "10"),),
        "`total([4, 6])` returned the text `'10'`, but the value itself, `10`, is expected: "
        "return an int, not text made from it",
        "total",
    ),
    Attempt(
        "text_instead_of_value",
        '  - {call: "is_even(4)", returns: true}\n',
        "def is_even(n):\n    if n % 2 == 0:\n        return 'True'\n    return 'False'\n",
        (returned("is_even(4)", "True"),),
        "`is_even(4)` returned the text `'True'`, but the value itself, `True`, is expected: "
        "return a bool",
        "is_even",
    ),
    Attempt(
        "wrong_container",
        '  - {call: "pair(1, 2)", returns_literal: "(1, 2)"}\n',
        "def pair(a, b):\n    return [a, b]\n",
        (returned("pair(1, 2)", [1, 2]),),
        "`pair(1, 2)` returned a list, `[1, 2]`, with the right items, but a tuple is "
        "expected (`tuple(...)` makes one).",
        "pair",
    ),
    Attempt(
        "wrong_number_type",
        '  - {call: "half(10)", returns: 5, exact: true}\n',
        "def half(n):\n    return n / 2\n",
        (returned("half(10)", 5.0),),
        "`half(10)` returned a float, `5.0`, but an int is expected: `/` always gives a float",
        "half",
    ),
    Attempt(
        "wrong_number_type",
        '  - {call: "is_even(4)", returns: true}\n',
        "def is_even(n):\n    if n % 2 == 0:\n        return 1\n    return 0\n",
        (returned("is_even(4)", 1),),
        "`is_even(4)` returned an int, `1`, but True or False is expected",
        "is_even",
    ),
    Attempt(
        "integer_division",
        AVERAGE,
        "def average(numbers):\n    if not numbers:\n        raise ValueError('empty')\n"
        "    return sum(numbers) // len(numbers)\n",
        (returned("average([1, 2, 3, 4])", 2), call_raised("average([])", "ValueError")),
        "`average([1, 2, 3, 4])` returned `2` where `2.5` is expected: `//` and int() drop "
        "the fraction; `/` keeps it.",
    ),
    Attempt(
        "integer_division",
        '  - {call: "pages(7, 2)", returns: 3}\n',
        "def pages(lines, per_page):\n    return lines / per_page\n",
        (returned("pages(7, 2)", 3.5),),
        "`pages(7, 2)` returned `3.5` where `3` is expected: `/` keeps the fraction; `//` "
        "divides to a whole number",
        "pages",
    ),
    Attempt(
        "rounding",
        '  - {call: "share(1, 3)", returns: 0.33}\n',
        "def share(part, whole):\n    return part / whole\n",
        (returned("share(1, 3)", 1 / 3),),
        "`share(1, 3)` returned `0.3333333333333333` where `0.33` is expected: round it to "
        "2 decimals: `round(x, 2)`.",
        "share",
    ),
    Attempt(
        "text_case_or_spaces",
        '  - {call: "greet(\'Ada\')", returns: "Hello, Ada"}\n',
        "def greet(name):\n    return 'Hello, ' + name + ' '\n",
        (returned("greet('Ada')", "Hello, Ada "),),
        "`greet('Ada')` returned `'Hello, Ada '` where `'Hello, Ada'` is expected: they "
        "differ only in spaces at the start or the end (`.strip()` removes them).",
        "greet",
    ),
    Attempt(
        "text_case_or_spaces",
        '  - {call: "shout(\'hi\')", returns: "HI!"}\n',
        "def shout(word):\n    return word.capitalize() + '!'\n",
        (returned("shout('hi')", "Hi!"),),
        "they differ only in capitals",
        "shout",
    ),
    Attempt(
        "off_by_one",
        '  - {call: "count_up(3)", returns: [1, 2, 3]}\n',
        "def count_up(n):\n    return list(range(1, n))\n",
        (returned("count_up(3)", [1, 2]),),
        "`count_up(3)` returned `[1, 2]`: the last item is missing compared with the expected "
        "result; is a bound off by one?",
        "count_up",
    ),
    Attempt(
        "off_by_one",
        "  - {call: \"vowels('banana')\", returns: 3}\n",
        "def vowels(text):\n    count = 0\n    for i in range(1, len(text)):\n"
        "        if text[i] in 'aeiou':\n            count += 1\n    return count\n",
        (returned("vowels('banana')", 2),),
        "`vowels('banana')` returned `2`, one less than the expected `3`",
        "vowels",
    ),
    Attempt(
        "constant_for_argument",
        "  - {call: 'to_int(\"3.5\", -1)', returns: -1}\n",
        "def to_int(text, default):\n    try:\n        return int(text)\n    except ValueError:\n"
        "        return 0\n",
        (returned('to_int("3.5", -1)', 0),),
        '`to_int("3.5", -1)` returned `0`, a value written in your code, where the argument '
        "`default` (`-1`) is expected: return the argument `default` itself",
        "to_int",
    ),
    Attempt(
        "element_types",
        "  - {call: \"invert({'a': 1, 'b': 2})\", returns_literal: \"{1: 'a', 2: 'b'}\"}\n",
        "def invert(mapping):\n    return {float(v): k for k, v in mapping.items()}\n",
        (returned("invert({'a': 1, 'b': 2})", {1.0: "a", 2.0: "b"}),),
        "`invert({'a': 1, 'b': 2})` returned the right values, but the key `1.0` is a float "
        "where `1`, an int, is expected.",
        "invert",
    ),
    Attempt(
        "different_type",
        "  - {call: \"best([{'id': 'a', 'score': 3}])\", returns: a}\n",
        "def best(runs):\n    return max(runs, key=lambda r: r['score'])\n",
        (returned("best([{'id': 'a', 'score': 3}])", {"id": "a", "score": 3}),),
        "returned a dict, `{'id': 'a', 'score': 3}`, where text (a str) is expected. The "
        "expected value is its `'id'` entry: return just that.",
        "best",
    ),
]


def graded(attempt: Attempt) -> Verdict:
    target = exercise("write-function", f"function: {attempt.function}\ncases:\n{attempt.cases}")
    runner = FakeRunner([ran(calls=attempt.results)])
    return grade(target, Submission.from_text(attempt.source, "f.py"), runner)


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=lambda a: a.detector)
def test_each_call_detector_names_the_mistake(attempt: Attempt) -> None:
    verdict = graded(attempt)
    assert not verdict.passed
    assert attempt.hint in verdict.hints[0], verdict.hints
    assert verdict.hints[-1] == "The general hint."
    assert attempt.detector in {d.__name__ for d in calls.DETECTORS}


def test_every_call_detector_has_a_realistic_attempt() -> None:
    assert {d.__name__ for d in calls.DETECTORS} == {a.detector for a in ATTEMPTS}


def test_a_number_one_off_is_called_off_by_one_only_when_the_code_has_a_bound() -> None:
    """`return 0` for an expected -1 has no range, comparison, len or +/- 1 to be off by."""
    attempt = Attempt(
        "off_by_one",
        "  - {call: \"sign_of('x')\", returns: -1}\n",
        "def sign_of(text):\n    if text.isdigit():\n        return 1\n    return 0\n",
        (returned("sign_of('x')", 0),),
        "",
        "sign_of",
    )
    assert not any("off by one" in hint for hint in graded(attempt).hints)


def test_a_changed_argument_fails_the_case_and_names_the_parameter() -> None:
    attempt = Attempt(
        "mutated_argument",
        '  - {call: "largest([3, 9, 4])", returns: 9, hint: Look at every number.}\n',
        "def largest(numbers):\n    numbers.sort()\n    return numbers[-1]\n",
        (returned("largest([3, 9, 4])", 9, arguments=([[3, 4, 9]], {})),),
        "`largest([3, 9, 4])` changed its argument `numbers` from `[3, 9, 4]` to `[3, 4, 9]`: "
        "sorting a list with `.sort()` changes the caller's list; `sorted(...)` gives a sorted "
        "copy",
        "largest",
    )
    verdict = graded(attempt)
    assert verdict.status is Status.WRONG_ANSWER and verdict.score == 0.0
    assert verdict.checks[0].message == "largest([3, 9, 4]) should leave its arguments unchanged"
    # the result was right: the check shows the argument, not the same value twice
    assert verdict.checks[0].expected == "`numbers` left as [3, 9, 4]"
    assert verdict.checks[0].actual == "`numbers` changed to [3, 4, 9]"
    assert attempt.hint in verdict.hints[0]
    assert "Look at every number." not in verdict.hints  # that hint is about the result


def test_a_changed_argument_is_allowed_when_mutation_is_the_task() -> None:
    target = exercise(
        "write-function",
        'function: add_one\nmutates: true\ncases:\n  - {call: "add_one([1])", returns: null}\n',
    )
    results = [returned("add_one([1])", None, arguments=([[1, 1]], {}))]
    source = "def add_one(items):\n    items.append(1)\n"
    assert grade(
        target, Submission.from_text(source, "f.py"), FakeRunner([ran(calls=results)])
    ).passed


def test_a_subclass_of_the_expected_exception_counts_unless_exact() -> None:
    raised = call_raised("parse('x')", "BadRecord", "bad", bases=("ValueError", "Exception"))
    for exact, status in ((False, Status.PASSED), (True, Status.WRONG_ANSWER)):
        target = exercise(
            "write-function",
            f"function: parse\ncases:\n  - {{call: \"parse('x')\", raises: ValueError, "
            f"exact: {str(exact).lower()}}}\n",
        )
        source = "class BadRecord(ValueError):\n    pass\n\ndef parse(text):\n    raise BadRecord(text)\n"
        verdict = grade(
            target, Submission.from_text(source, "f.py"), FakeRunner([ran(calls=[raised])])
        )
        assert verdict.status is status


def test_the_same_result_for_every_call_is_named() -> None:
    attempt = Attempt(
        "same_result",
        '  - {call: "average([1, 2, 3, 4])", returns: 2.5}\n  - {call: "average([7])", returns: 7}\n',
        "def average(numbers):\n    return 2.5\n",
        (returned("average([1, 2, 3, 4])", 2.5), returned("average([7])", 2.5)),
        "Your function returned `2.5` for every call: the result must be computed from the "
        "arguments",
    )
    assert attempt.hint in graded(attempt).hints[0]


def test_the_same_computed_result_for_every_call_is_not_called_written_in() -> None:
    """A condition that can never be true returns False for every call, but nothing was
    written in: the hint names a call whose result differs, never a hidden one."""
    attempt = Attempt(
        "same_result",
        '  - {call: "is_leap(2000)", returns: true, hidden: true}\n'
        '  - {call: "is_leap(1900)", returns: false}\n'
        '  - {call: "is_leap(2024)", returns: true}\n',
        "def is_leap(y):\n    return y % 4 == 0 and y % 100 != 0 and y % 400 == 0\n",
        (
            returned("is_leap(2000)", False),
            returned("is_leap(1900)", False),
            returned("is_leap(2024)", False),
        ),
        "Your function returned `False` for every call, whatever the arguments, but "
        "`is_leap(2024)` should give `True`",
        function="is_leap",
    )
    hints = graded(attempt).public().hints
    assert hints[0].startswith(attempt.hint)
    assert "written into the function" not in hints[0]
    assert "2000" not in " ".join(hints)


def test_a_hidden_case_hint_quotes_no_data_and_its_name_hides_the_call() -> None:
    attempt = Attempt(
        "printed_instead_of_returned",
        '  - {call: "average([-3, 3, 9])", returns: 3, hidden: true}\n'
        '  - {call: "average([1, 2])", returns: 1.5}\n',
        "def average(numbers):\n    print(sum(numbers) / len(numbers))\n",
        (
            returned("average([-3, 3, 9])", None, stdout="3.0\n"),
            returned("average([1, 2])", 1.5),
        ),
        "On a hidden test, your function printed its result but returned None",
    )
    verdict = graded(attempt).public()
    assert verdict.hints[0].startswith(attempt.hint)
    assert verdict.checks[0].name == "hidden case 1"
    assert "-3" not in str(verdict.to_dict()) and "3.0" not in str(verdict.to_dict())


def test_dict_keys_and_set_members_are_compared_with_their_type() -> None:
    target = exercise(
        "write-function",
        "function: f\ncases:\n"
        "  - {call: 'f(1)', returns_literal: \"{1: 'a', 2: 'b'}\"}\n"
        "  - {call: 'f(2)', returns_literal: '{1, 2}'}\n",
    )
    lying = [returned("f(1)", {True: "a", 2.0: "b"}), returned("f(2)", {True, 2.0})]
    verdict = grade(target, Submission.from_text("x", "f.py"), FakeRunner([ran(calls=lying)]))
    assert verdict.score == 0.0
    assert "the key `True` is a bool where `1`, an int, is expected" in verdict.hints[0]
    right = [returned("f(1)", {1: "a", 2: "b"}), returned("f(2)", {1, 2})]
    assert grade(target, Submission.from_text("x", "f.py"), FakeRunner([ran(calls=right)])).passed


def test_learners_are_told_that_arguments_are_checked_unless_mutation_is_the_task() -> None:
    note = "The tests check that your function leaves its arguments unchanged."
    cases = 'cases:\n  - {call: "f([1])", returns: 1}\n'
    checked = exercise("write-function", "function: f\n" + cases)
    assert note in checked.kind.present(checked).notes
    mutating = exercise("write-function", "function: f\nmutates: true\n" + cases)
    assert note not in mutating.kind.present(mutating).notes
    # an instructor review: said of a function that only takes numbers and strings
    plain = exercise(
        "write-function", "function: f\ncases:\n  - {call: \"f(-1, 'a', (2, 3))\", returns: 1}\n"
    )
    assert note not in plain.kind.present(plain).notes


def test_validate_says_how_to_allow_a_reference_that_changes_its_arguments() -> None:
    target = exercise(
        "write-function",
        'function: f\nsolution_code: "def f(xs):\\n    xs.append(1)\\n    return 1\\n"\n'
        'cases:\n  - {call: "f([0])", returns: 1}\n',
    )
    runner = FakeRunner([ran(calls=[returned("f([0])", 1, arguments=([[0, 1]], {}))])])
    [(field, message)] = target.kind.check(target, runner)
    assert field == ("cases", 0)
    assert message.startswith("the reference solution fails this case: f([0]) should leave")
    assert message.endswith("(if changing them is the task, say `mutates: true`)")


def test_a_case_hint_is_left_out_when_the_result_is_explained_whole() -> None:
    target = exercise(
        "write-function",
        'function: half\ncases:\n  - {call: "half(5)", returns: 2.5, hint: Mind the remainder.}\n',
    )
    source = "def half(n):\n    print(n / 2)\n"
    results = [returned("half(5)", None, stdout="2.5\n")]
    verdict = grade(target, Submission.from_text(source, "f.py"), FakeRunner([ran(calls=results)]))
    assert verdict.hints[0].startswith("Your function printed `2.5` but returned None")
    assert "Mind the remainder." not in verdict.hints
    wrong = [returned("half(5)", None, stdout="2\n")]  # printed, and the wrong value
    verdict = grade(target, Submission.from_text(source, "f.py"), FakeRunner([ran(calls=wrong)]))
    assert "Mind the remainder." in verdict.hints


def test_a_result_of_another_type_leaves_out_the_hints_written_about_values() -> None:
    """A learner review: `(2, 4, 2)` for "2.4.2" got "A minor release resets PATCH to 0"
    and the other cases' hints, though its numbers were right."""
    attempt = Attempt(
        "different_type",
        "  - {call: \"bump('2.4.1', 'minor')\", returns: \"2.5.0\", hint: A minor release "
        "resets PATCH to 0.}\n",
        "def bump(version, part):\n    a, b, c = map(int, version.split('.'))\n"
        "    return (a, b + 1, 0)\n",
        (returned("bump('2.4.1', 'minor')", (2, 5, 0)),),
        "returned a tuple, `(2, 5, 0)`, where text (a str) is expected.",
        "bump",
    )
    verdict = graded(attempt)
    assert attempt.hint in verdict.hints[0]
    assert "A minor release resets PATCH to 0." not in verdict.hints


def test_an_address_in_a_quoted_value_is_stable_in_the_hints() -> None:
    """Reports are byte-identical from run to run: a generator's `at 0x7f...` in a hint
    (a learner review saw one, where the checks showed `at 0x…`) changes with each run."""
    shown = "<generator object flatten.<locals>.<genexpr> at 0x7f195ffa1b40>"
    attempt = Attempt(
        "different_type",
        '  - {call: "flatten([[1], [2]])", returns_literal: "[1, 2]"}\n',
        "def flatten(batches):\n    return (x for b in batches for x in b)\n",
        (CallResult("flatten([[1], [2]])", True, {"$object": "generator", "repr": shown}, shown),),
        "returned a generator object",
        "flatten",
    )
    verdict = graded(attempt)
    assert attempt.hint in verdict.hints[0]
    assert "0x7f" not in " ".join(verdict.hints) and "at 0x…" in verdict.hints[0]


def test_a_wrong_exception_raised_on_purpose_is_told_to_raise_the_right_one() -> None:
    """`raise TypeError(...)` is the program's choice, not a step that fails by itself."""
    attempt = Attempt(
        "other_exception",
        '  - {call: "clamp(1, 5, 2)", raises: ValueError}\n',
        "def clamp(x, low, high):\n    if low > high:\n        raise TypeError('no')\n"
        "    return max(low, min(x, high))\n",
        (call_raised("clamp(1, 5, 2)", "TypeError", "no", text="raise TypeError('no')"),),
        "raised TypeError (no), not ValueError: raise ValueError there instead.",
        "clamp",
    )
    verdict = graded(attempt)
    assert attempt.hint in verdict.hints[0]


def test_validate_warns_about_an_exception_that_nothing_defines() -> None:
    """An instructor review: `raises: ValeuError` was only found when the reference ran."""
    target = exercise(
        "write-function",
        "function: f\n"
        "solution_code: |\n  class BadRecord(ValueError):\n      pass\n"
        "  def f(x):\n      raise BadRecord(x)\n"
        "cases:\n"
        "  - {call: 'f(1)', raises: ValeuError}\n"
        "  - {call: 'f(2)', raises: BadRecord}\n"
        "  - {call: 'f(3)', raises: ValueError}\n",
    )
    [(field, message)] = target.kind.advice(target)
    assert field == ("cases", 0, "raises")
    assert message.endswith("did you mean ValueError?")


def test_an_int_found_among_ints_is_not_said_to_be_the_item_to_return() -> None:
    """An instructor review: a list returned where a count was due was told to return
    the item equal to the count, only because 1 was in [1, 3]."""
    target = exercise(
        "write-function", 'function: f\ncases:\n  - {call: "f([1, -2, 3])", returns: 1}\n'
    )
    runner = FakeRunner([ran(calls=[returned("f([1, -2, 3])", [1, 3])])])
    verdict = grade(target, Submission.from_text("x", "f.py"), runner)
    assert "returned a list, `[1, 3]`, where an int is expected." in verdict.hints[0]
    assert "return just that item" not in verdict.hints[0]

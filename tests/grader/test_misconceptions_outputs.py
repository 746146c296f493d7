"""Each output misconception detector on a realistic learner program, graded with the
output the sandbox gives for it (write-program): the hint it must get. Also locked."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from grader.compare import Mode, canonical_forms
from grader.digests import digests
from grader.grading import grade
from grader.submission import Submission
from grader.testing import FakeRunner, crashed, ran
from grader.toolkit.misconceptions import outputs
from grader.verdict import Status, Verdict

from .conftest import exercise

SALT = "0123456789abcdef0123456789abcdef"


@dataclass(frozen=True)
class Attempt:
    """A learner's program, its output, the case's expected output and the hint."""

    detector: str
    expected: str
    source: str
    printed: str
    hint: str
    compare: str = "whitespace"
    status: Status = Status.WRONG_ANSWER


ATTEMPTS = [
    Attempt(
        "prompt_in_output",
        "10\n",
        "n = int(input('Enter a number: '))\nprint(n * 2)\n",
        "Enter a number: 10\n",
        "Your `input('Enter a number: ')` shows the text `Enter a number: `. input() prints "
        "its prompt, so the prompt became part of your output.",
    ),
    Attempt(
        "printed_none",
        "a b c\n",
        "def show(words):\n    print(*words)\n\nprint(show(sorted(input().split())))\n",
        "a b c\nNone\n",
        "Your output has an extra `None` line; the rest is right. print() shows None for a "
        "value that is None, most often the result of a function without `return`",
    ),
    Attempt(
        "printed_none",
        "a b c\n",
        "words = input().split()\nprint(words.sort())\nprint(*words)\n",
        "None\na b c\n",
        "Your output has a `None` line: `print(words.sort())` prints what the method gives back",
    ),
    Attempt(
        "printed_container",
        "3 4 8\n",
        "totals = [3, 4, 8]\nprint(totals)\n",
        "[3, 4, 8]\n",
        "You printed the list itself, `[3, 4, 8]`, with its brackets and commas: print its "
        "items separated by spaces: `print(*items)`",
    ),
    Attempt(
        "printed_container",
        "to 2\nbe 1\n",
        "counts = {'to': 2, 'be': 1}\nprint(counts)\n",
        "{'to': 2, 'be': 1}\n",
        "You printed the dict itself, `{'to': 2, 'be': 1}`",
        compare="unordered-lines",
    ),
    # an instructor review: one name per line was expected, and the hint said print(*items)
    Attempt(
        "printed_container",
        "ada\nalan\ntotal: 2\n",
        "seen = ['ada', 'alan']\nprint(seen)\nprint('total:', len(seen))\n",
        "['ada', 'alan']\ntotal: 2\n",
        "with its brackets and commas: print its items one per line: "
        "`print(*items, sep='\\n')`, or print(item) in a for loop.",
    ),
    # an instructor review: a printed Counter got the hint of the case, not this one
    Attempt(
        "printed_container",
        "go 3\nstop 1\n",
        "from collections import Counter\nprint(Counter(input().lower().split()))\n",
        "Counter({'go': 3, 'stop': 1})\n",
        "You printed the Counter itself, `Counter({'go': 3, 'stop': 1})`, with its brackets "
        "and commas: print each key and value",
        compare="unordered-lines",
    ),
    Attempt(
        "printed_container",
        "3 4 8\n",
        "from collections import deque\nprint(deque([3, 4, 8]))\n",
        "deque([3, 4, 8])\n",
        "You printed the deque itself, `deque([3, 4, 8])`",
    ),
    Attempt(
        "printed_container",
        "a 1\nb 2\n",
        "counts = {'a': 1, 'b': 2}\nprint(counts.items())\n",
        "dict_items([('a', 1), ('b', 2)])\n",
        "You printed the dict_items itself",
    ),
    # an instructor review: in any order, lines were said to be extra "at the start"
    Attempt(
        "extra_or_missing_lines",
        "the 2\ncat 1\n",
        "words = input().split()\nfor w in words:\n    print(w, words.count(w))\n",
        "the 2\ncat 1\nthe 2\n",
        "Your output repeats lines, such as `the 2`: each expected line should appear once.",
        compare="unordered-lines",
    ),
    Attempt(
        "extra_or_missing_lines",
        "b 1\na 1\n",
        "print('debug')\nprint('a 1')\nprint('b 1')\n",
        "debug\na 1\nb 1\n",
        "Your output has one line that is not expected, `debug`; the other lines are right.",
        compare="unordered-lines",
    ),
    # a learner review: fields swapped got the hint about rounding the total
    Attempt(
        "value_order",
        "3 x apple @ 0.50 = 1.50\n",
        "item, price, n = input(), float(input()), int(input())\n"
        "print(f'{item} x {n} @ {price:.2f} = {price * n:.2f}')\n",
        "apple x 3 @ 0.50 = 1.50\n",
        "Your output has `apple x 3 @ 0.50 = 1.50` where `3 x apple @ 0.50 = 1.50` is "
        "expected: the right values, in another order",
    ),
    # a learner review: one line's colon got a hint about summing the rolls
    Attempt(
        "wrong_separator",
        "roll 1: [1-6]\ntotal [1-6]",
        "r = 4\nprint(f'roll 1: {r}')\nprint(f'total: {r}')\n",
        "roll 1: 4\ntotal: 4\n",
        "Line 2 of your output, `total: 4`, separates its values with `': '`",
        compare="regex",
    ),
    # a learner review: a minus sign (acc - baseline for baseline - acc) was read as a
    # separator, and the hint said to check sep=
    Attempt(
        "flipped_sign",
        "day 2: drop 0.07\nmean 0.873\n",
        "base, acc = 0.92, 0.85\nprint(f'day 2: drop {round(acc - base, 2)}')\nprint('mean 0.873')\n",
        "day 2: drop -0.07\nmean 0.873\n",
        "Your numbers have the opposite sign, as in `day 2: drop -0.07`: check the order of a "
        "subtraction",
    ),
    Attempt(
        "flipped_sign",
        "change -3\n",
        "old, new = 5, 2\nprint('change', old - new)\n",
        "change 3\n",
        "Your numbers have the opposite sign, as in `change 3`",
    ),
    Attempt(
        "wrong_separator",
        "3 4 8\n",
        "print(*[3, 4, 8], sep=', ')\n",
        "3, 4, 8\n",
        "Your output separates the values with `', '`: the expected output separates them "
        "with spaces.",
    ),
    Attempt(
        "line_breaks",
        "1\n2\nFizz\n",
        "for i in range(1, 4):\n    print('Fizz' if i % 3 == 0 else i, end=' ')\n",
        "1 2 Fizz ",
        "Your output is all on one line, `1 2 Fizz`: each value must be on a line of its own: "
        "leave out `end=' '`",
        status=Status.PRESENTATION_ERROR,
    ),
    Attempt(
        "line_breaks",
        "3 4 8\n",
        "total = 0\nfor n in [3, 1, 4]:\n    total += n\n    print(total)\n",
        "3\n4\n8\n",
        "Your output puts each value on a line of its own, but they belong on one line "
        "separated by spaces",
        status=Status.PRESENTATION_ERROR,
    ),
    Attempt(
        "spaces_inside",
        "A.L.\n",
        "for w in input().split():\n    print(w[0].upper(), '.', end='')\nprint()\n",
        "A .L .\n",
        "Line 1 of your output is `A .L .`, but `A.L.` is expected: the characters are right, "
        "but spaces are added or missing inside it. print() puts a space between its "
        "arguments",
    ),
    Attempt(
        "spaces_inside",
        "A.L.\n",
        "for w in input().split():\n    print(w[0].upper() + '.')\n",
        "A.\nL.\n",
        "Your output breaks the line `A.L.` over several lines (line 1 is `A.`)",
    ),
    Attempt(
        "exact_whitespace",
        "3 x apple = 1.50\n",
        "print(f'{3} x apple = {1.5:.2f}', end='')\n",
        "3 x apple = 1.50",
        "The output is compared character by character, and your output does not end with a "
        "line break",
        compare="exact",
        status=Status.PRESENTATION_ERROR,
    ),
    Attempt(
        "exact_whitespace",
        "total 5\n",
        "print('total', 5, '')\n",
        "total 5 \n",
        "lines of your output end with spaces",
        compare="exact",
        status=Status.PRESENTATION_ERROR,
    ),
    Attempt(
        "presentation",
        "3 4 8\n",
        "print('3  4', 8)\n",
        "3  4 8\n",
        "The values are right, but the spaces between them are not: line 1 of your output is "
        "`3  4 8`",
        status=Status.PRESENTATION_ERROR,
    ),
    Attempt(
        "presentation",
        "batch 1: a b\nbatch 2: c\n",
        "print('batch 1:', 'a', end=' ')\nprint('b batch 2: c')\n",
        "batch 1: a b batch 2: c\n",
        "The values are right, but the line breaks are not: your output has 1 lines where 2 "
        "are expected",
        status=Status.PRESENTATION_ERROR,
    ),
    Attempt(
        "capitals",
        "A.L.\n",
        "print(''.join(w[0] + '.' for w in input().split()))\n",
        "a.l.\n",
        "Your output differs only in capitals: line 1 is `a.l.` where `A.L.` is expected.",
    ),
    Attempt(
        "printed_bool",
        "yes\n",
        "text = input()\nprint(text == text[::-1])\n",
        "True\n",
        "Your output has `True`, a bool printed as it is, where `yes` is expected",
    ),
    Attempt(
        "numbers",
        "mean 5\n",
        "values = [4, 6]\nprint('mean', sum(values) / len(values))\n",
        "mean 5.0\n",
        "Your output has `5.0` where `5` is expected: `/` always gives a float",
    ),
    Attempt(
        "numbers",
        "2.5\n",
        "a, b = 10, 4\nprint(a // b)\n",
        "2\n",
        "Your output has `2` where `2.5` is expected: `//` and int() drop the fraction",
    ),
    Attempt(
        "numbers",
        "0.33\n",
        "print(1 / 3)\n",
        "0.3333333333333333\n",
        "Your output has `0.3333333333333333` where `0.33` is expected: show it with 2 decimals",
    ),
    Attempt(
        "numbers",
        "= 1.50\n",
        "print('=', round(0.5 * 3, 2))\n",
        "= 1.5\n",
        "Your output has `1.5` where `1.50` is expected: show exactly 2 decimals",
    ),
    Attempt(
        "numbers",
        "stdev 2.138\n",
        "print('stdev', round(2.1380899, 2))\n",
        "stdev 2.14\n",
        "Your output has `2.14` where `2.138` is expected: that is the expected value rounded "
        "to 2 decimals",
    ),
    Attempt(
        "numbers",
        "day 2: drop 0.07\nday 3: drop 0.06\n",
        "for i, d in enumerate([0.07, 0.06], 1):\n    print(f'day {i}: drop {d}')\n",
        "day 1: drop 0.07\nday 2: drop 0.06\n",
        "Your output has `1` where `2` is expected: every such number is one less than "
        "expected. Does a count start at 0?",
    ),
    Attempt(
        "shifted_lines",
        "1\n2\nFizz\n4\n",
        "for i in range(4):\n    print('Fizz' if i % 3 == 0 else i)\n",
        "Fizz\n1\n2\nFizz\n",
        "Your output is one step early: it starts with an extra first line and misses the last one",
    ),
    Attempt(
        "line_order",
        "apple: 2\npear: 4\n",
        "items = {'pear': 4, 'apple': 2}\nfor k in items:\n    print(f'{k}: {items[k]}')\n",
        "pear: 4\napple: 2\n",
        "Your output has the right lines, but in another order: the expected output has them "
        "(in sorted order) starting with `apple: 2`",
    ),
    Attempt(
        "extra_or_missing_lines",
        "1\n2\nFizz\n4\nBuzz\n",
        "for i in range(1, 5):\n    print('Fizz' if i % 3 == 0 else i)\n",
        "1\n2\nFizz\n4\n",
        "Your output misses the last expected line, `Buzz`; the other lines are right. Does "
        "a loop stop one step too soon?",
    ),
    Attempt(
        "extra_or_missing_lines",
        "apple: 2\npear: 4\n",
        "items = {'apple': 2, 'pear': 4}\nfor k in sorted(items):\n    print('k =', k)\n"
        "    print(f'{k}: {items[k]}')\n",
        "k = apple\napple: 2\nk = pear\npear: 4\n",
        "Your output has lines that are not expected, `k = apple` and 1 more; everything else "
        "is right",
    ),
    Attempt(
        "values_off_by_one",
        "3 4 8\n",
        "totals = [0]\nfor n in [3, 1, 4]:\n    totals.append(totals[-1] + n)\nprint(*totals)\n",
        "0 3 4 8\n",
        "Line 1 of your output has one value too many at the start, `0`",
    ),
    Attempt(
        "counts_from_zero",
        "roll 1: [1-6]\nroll 2: [1-6]\ntotal ([2-9]|1[0-2])",
        "import random\nt = 0\nfor k in range(2):\n    v = random.randint(1, 6)\n    t += v\n"
        "    print(f'roll {k}: {v}')\nprint('total', t)\n",
        "roll 0: 4\nroll 1: 2\ntotal 6\n",
        "Your output has `roll 0: 4`, and each line's number is one less than expected",
        compare="regex",
    ),
]


def graded(attempt: Attempt, *, locked: bool = False) -> Verdict:
    quoted = attempt.expected.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if locked:
        forms = digests(SALT, canonical_forms(attempt.expected, Mode(attempt.compare)))
        case = f"{{name: one, expected_sha256: {forms}, compare: {attempt.compare}}}"
        body = f"lock: {{salt: {SALT}}}\ncases:\n  - {case}\n"
    else:
        body = f'cases:\n  - {{name: one, expected: "{quoted}", compare: {attempt.compare}}}\n'
    target = exercise("write-program", body)
    runner = FakeRunner([ran(attempt.printed)])
    return grade(target, Submission.from_text(attempt.source, "p.py"), runner)


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=lambda a: a.detector)
def test_each_output_detector_names_the_mistake(attempt: Attempt) -> None:
    verdict = graded(attempt)
    assert verdict.status is attempt.status
    assert attempt.hint in verdict.hints[0], verdict.hints
    assert verdict.hints[-1] == "The general hint."
    assert attempt.detector in {d.__name__ for d in outputs.DETECTORS}


def test_every_output_detector_has_a_realistic_attempt() -> None:
    assert {d.__name__ for d in outputs.DETECTORS} == {a.detector for a in ATTEMPTS}


REPAIRED = {"prompt_in_output", "printed_none", "printed_container", "wrong_separator"}
REPAIRED |= {"line_breaks", "exact_whitespace", "counts_from_zero"}


LOCKABLE = [a for a in ATTEMPTS if a.detector in REPAIRED and a.compare != "regex"]


@pytest.mark.parametrize("attempt", LOCKABLE, ids=lambda a: a.detector)
def test_detectors_that_repair_the_output_work_on_a_locked_bank(attempt: Attempt) -> None:
    verdict = graded(attempt, locked=True)
    assert verdict.status is attempt.status
    assert attempt.hint.split(":")[0] in verdict.hints[0], verdict.hints


def test_a_locked_output_with_one_extra_line_at_the_end_is_named() -> None:
    attempt = Attempt("", "1\n2\n", "print(1)\nprint(2)\nprint('done')\n", "1\n2\ndone\n", "")
    verdict = graded(attempt, locked=True)
    assert verdict.hints[0].startswith("Your output has one line too many at the end, `done`")


def test_spaces_inside_a_locked_output_are_a_wrong_answer_named_without_the_output() -> None:
    attempt = Attempt("", "A.L.\n", "print('A. L.')\n", "A. L.\n", "")
    verdict = graded(attempt, locked=True)
    assert verdict.status is Status.WRONG_ANSWER
    assert verdict.hints[0].startswith("The characters of your output are right, but spaces")


def test_the_same_output_for_every_input_is_named() -> None:
    target = exercise(
        "write-program",
        'cases:\n  - {stdin: "ada lovelace", expected: "A.L."}\n'
        '  - {stdin: "alan turing", expected: "A.T."}\n',
    )
    runner = FakeRunner([ran("A.L.\n"), ran("A.L.\n")])
    verdict = grade(target, Submission.from_text("print('A.L.')\n", "p.py"), runner)
    assert verdict.hints[0].startswith("Your program printed the same output, `A.L.`, for every")


def test_a_crash_from_runaway_recursion_is_named() -> None:
    target = exercise("write-program", 'cases:\n  - {stdin: "5", expected: "120"}\n')
    source = "def fact(n):\n    return n * fact(n - 1)\n\nprint(fact(int(input())))\n"
    crash = crashed("RecursionError", "maximum recursion depth exceeded", line=2)
    verdict = grade(target, Submission.from_text(source, "p.py"), FakeRunner([crash]))
    assert verdict.status is Status.RUNTIME_ERROR
    assert verdict.hints[0].startswith("Your code kept calling itself until Python stopped it")


def test_a_case_hint_is_left_out_when_a_complete_finding_explains_the_failure() -> None:
    target = exercise(
        "write-program",
        'cases:\n  - {stdin: "15", expected: "FizzBuzz", hint: "Test 15 before 3 and 5."}\n',
    )
    prompt = "n = int(input('n? '))\nprint('FizzBuzz' if n % 15 == 0 else n)\n"
    verdict = grade(
        target, Submission.from_text(prompt, "p.py"), FakeRunner([ran("n? FizzBuzz\n")])
    )
    assert verdict.hints[0].startswith("Your `input('n? ')` shows the text `n? `")
    assert "Test 15 before 3 and 5." not in verdict.hints
    both = "n = int(input('n? '))\nprint('Fizz' if n % 3 == 0 else n)\n"
    verdict = grade(target, Submission.from_text(both, "p.py"), FakeRunner([ran("n? Fizz\n")]))
    assert "Test 15 before 3 and 5." in verdict.hints  # the prompt alone does not explain it


def test_a_missing_last_line_names_range_only_for_a_program_that_uses_it() -> None:
    """A learner review: a generator that never yields its last, partial batch was told
    about `range(a, b)`, which it does not call."""
    with_range = graded(
        ATTEMPTS[
            [a.source for a in ATTEMPTS].index(
                "for i in range(1, 5):\n    print('Fizz' if i % 3 == 0 else i)\n"
            )
        ]
    )
    assert "`range(a, b)` stops before b" in with_range.hints[0]
    leftover = Attempt(
        "extra_or_missing_lines",
        "batch 1: a b\nbatch 2: c\n",
        "batch = []\nk = 0\nfor w in 'abc':\n    batch.append(w)\n    if len(batch) == 2:\n"
        "        k += 1\n        print(f'batch {k}:', *batch)\n        batch = []\n",
        "batch 1: a b\n",
        "Or is the last part left over after the loop, never printed or yielded?",
    )
    verdict = graded(leftover)
    assert leftover.hint in verdict.hints[0] and "range(" not in verdict.hints[0]


@pytest.mark.parametrize(
    ("printed", "needed"),
    [("BMI: 22.9\n", "the output needs at least 2"), ("BMI: 23\n", "the output needs at least 2")],
)
def test_a_number_rounded_too_early_is_told_the_decimals_the_tolerance_needs(
    printed: str, needed: str
) -> None:
    """An instructor review: with a tolerance of 0.01, `round(x, 1)` was told that the
    output needs 15 decimals."""
    body = (
        "compare: float\ntolerance: {abs: 0.01}\n"
        'cases:\n  - {name: one, expected: "BMI: 22.857142857142858\\n"}\n'
    )
    target = exercise("write-program", body)
    source = "w = float(input())\nh = float(input())\nprint('BMI:', round(w / h ** 2, 1))\n"
    verdict = grade(target, Submission.from_text(source, "p.py"), FakeRunner([ran(printed)]))
    assert needed in verdict.hints[0], verdict.hints

"""Each of the seven kinds, graded end to end in the real sandbox."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from grader.grading import grade
from grader.runner import CachingRunner
from grader.submission import Submission
from grader.verdict import Status, Verdict

from .conftest import exercise

Check = Callable[..., Verdict]

PREDICT = exercise(
    "predict-output",
    """\
    code: |
      for n in range(1, 4):
          print(n * 10)
    mistakes:
      - output: "0\\n10\\n20"
        hint: starts at one
      - pattern: "^10 20 30$"
        hint: each print is its own line
    """,
)
PREDICT_ERROR = exercise(
    "predict-output",
    """\
    code: |
      print("start")
      print(1 / 0)
    mistakes:
      - error: ValueError
        hint: which error does dividing by zero raise?
    """,
)
PREDICT_LOOP = exercise(
    "predict-output", "code: |\n  while True:\n      pass\nlimits: {timeout: 0.5}\n"
)
PREDICT_NOTHING = exercise("predict-output", "code: |\n  x = 1\n")


@pytest.mark.parametrize(
    "target, answer, status, hint",
    [
        (PREDICT, "10\n20\n30\n", Status.PASSED, None),
        (PREDICT, "0\n10\n20", Status.WRONG_ANSWER, "starts at one"),
        (PREDICT, "10 20 30", Status.PRESENTATION_ERROR, "each print is its own line"),
        (PREDICT_ERROR, "start\nZeroDivisionError", Status.PASSED, None),
        (PREDICT_ERROR, "start\nError", Status.PASSED, None),
        (
            PREDICT_ERROR,
            "start\nValueError",
            Status.WRONG_ANSWER,
            "which error does dividing by zero raise?",
        ),
        (
            PREDICT_ERROR,
            "start\n0",
            Status.WRONG_ANSWER,
            "Trace the code line by line: Python stops at the first line that raises an error.",
        ),
        (PREDICT_LOOP, "infinite loop", Status.PASSED, None),
        (PREDICT_NOTHING, "Nothing", Status.PASSED, None),
    ],
)
def test_predict_output(
    check: Check, target, answer: str, status: Status, hint: str | None
) -> None:
    verdict = check(target, answer)
    assert verdict.status is status
    if hint:
        assert verdict.hints[0] == hint
    assert verdict.hints[-1:] == (() if status is Status.PASSED else ("The general hint.",))


def test_predict_output_wrong_answer_does_not_reveal_the_output(check: Check) -> None:
    verdict = check(PREDICT, "1\n2\n3\n")
    assert all(c.expected is None for c in verdict.checks)
    assert "line 1" in verdict.checks[0].message


FIX = exercise(
    "fix-syntax-error",
    """\
    code: |
      total = 0
      for n in [1, 2, 3]
          total += n
      print("total", total)
    fixed: |
      total = 0
      for n in [1, 2, 3]:
          total += n
      print("total", total)
    """,
)


@pytest.mark.parametrize(
    "source, status",
    [
        ("total = 0\nfor n in [1, 2, 3]:\n    total += n\nprint('total', total)\n", Status.PASSED),
        (
            "total = 0\nfor n in [1, 2, 3]:\n    total += n\nprint('total:', total)\n",
            Status.WRONG_ANSWER,
        ),
        (  # a line without an error changed: the output's spacing is beside the point
            "total = 0\nfor n in [1, 2, 3]:\n    total += n\nprint('total', total, sep='  ')\n",
            Status.WRONG_ANSWER,
        ),
        (  # formatting and comments are not changes
            "total = 0  # start\nfor n in [1,2,3] :\n\n    total+=n\nprint( 'total',total )\n",
            Status.PASSED,
        ),
        (
            "total = 0\nfor n in [1, 2, 3]\n    total += n\nprint('total', total)\n",
            Status.SYNTAX_ERROR,
        ),
        ("print('total', 6)\n", Status.WRONG_ANSWER),
        (  # a line without an error changed, and it crashes: the change decides
            "total = 0\nfor n in [1, 2, 3]:\n    total += n\nprint('total', totl)\n",
            Status.WRONG_ANSWER,
        ),
    ],
)
def test_fix_syntax_error(check: Check, source: str, status: Status) -> None:
    assert check(FIX, source, "fix.py").status is status


def test_a_fix_that_changes_more_than_the_error_and_crashes_is_told_both(check: Check) -> None:
    verdict = check(FIX, "total = 0\nfor n in [1, 2, 3]:\n    total += n\nprint('total', totl)\n")
    assert verdict.status is Status.WRONG_ANSWER
    assert "also changes lines that have no error" in verdict.message
    assert "NameError: name 'totl' is not defined" in verdict.message
    assert any("does not know the name 'totl'" in hint for hint in verdict.hints)


def test_fix_still_broken_gets_cpython_message_caret_and_explanation(check: Check) -> None:
    verdict = check(FIX, "total = 0\nfor n in [1, 2, 3]\n    total += n\n", "fix.py")
    assert verdict.error is not None
    assert verdict.error.traceback.endswith(
        "    for n in [1, 2, 3]\n                      ^\nSyntaxError: expected ':'\n"
    )
    assert verdict.hints[0].startswith("A line that starts a block")


def test_fix_rewrite_is_refused_with_a_hint_to_fix_only_the_error(check: Check) -> None:
    verdict = check(FIX, 'print("total", 6)\n', "fix.py")
    assert verdict.hints[0].startswith("Your program only prints values typed in by hand")
    assert verdict.hints[1] == "Fix only the error: keep the rest of the program as it was."
    assert verdict.message.endswith("the fix also changes lines that have no error.")


FIND = exercise(
    "find-the-error",
    """\
    code: |
      items = [1, 2, 3]
      print(items[3])
    mistakes:
      - type: KeyError
        hint: lists are indexed by position
    """,
)
FIND_OPTIONS = exercise(
    "find-the-error",
    """\
    code: |
      for x in range(3)
          print(x)
    options:
      - text: Missing colon after the for line
        correct: true
      - text: print needs a semicolon
        feedback: Python statements do not end with semicolons.
    """,
)


@pytest.mark.parametrize(
    "target, answer, status, score",
    [
        (FIND, "IndexError line 2", Status.PASSED, 1.0),
        (FIND, "line 2: IndexError", Status.PASSED, 1.0),
        (FIND, "KeyError line 2", Status.WRONG_ANSWER, 0.5),
        (FIND, "IndexError line 1", Status.WRONG_ANSWER, 0.5),
        (FIND_OPTIONS, "A", Status.PASSED, 1.0),
        (FIND_OPTIONS, "B", Status.WRONG_ANSWER, 0.0),
    ],
)
def test_find_the_error(check: Check, target, answer: str, status: Status, score: float) -> None:
    verdict = check(target, answer)
    assert (verdict.status, verdict.score) == (status, score)


@pytest.mark.parametrize(
    "answer, score",
    [
        # a bare "error" before the name names no type (a review: every such answer lost half)
        ("the error is an IndexError on line 2", 1.0),
        ("Error: IndexError, line 2", 1.0),
        # a denied name is not put forward
        ("It is not a KeyError; it's an IndexError on line 2", 1.0),
        ("Not a KeyError but an IndexError, line 2", 1.0),
        ("It is not an IndexError; it's a KeyError on line 2", 0.5),
        ("line 2 raises an index error, rather than a key error", 1.0),
        # a base class beside the name is no second answer
        ("IndexError (a LookupError) on line 2", 1.0),
        # two names put forward are two answers: the type fails, the line is graded
        ("KeyError line 2? no wait, IndexError line 2", 0.5),
        ("IndexError, line 2. Maybe a TypeError", 0.5),
        ("KeyError or IndexError, line 3", 0.0),
        # two lines offered: the line fails, the type is graded (a review lost both)
        ("IndexError on line 2 or 3", 0.5),
        # two errors stated, each with its line: both parts are offered twice
        ("IndexError line 2\nValueError line 1", 0.0),
    ],
)
def test_find_the_error_reads_the_type_the_learner_puts_forward(
    check: Check, answer: str, score: float
) -> None:
    assert check(FIND, answer).score == score


@pytest.mark.parametrize(
    "answer, score, line",
    [
        # a review: a line the answer clears before the real one won (0.5, "line 1 is not...")
        ("The list on line 1 is fine; it is an IndexError raised on line 2.", 1.0, "2"),
        ("Line 1 is OK, the IndexError is on line 2", 1.0, "2"),
        ("line 1 is not the problem: IndexError on line 2", 1.0, "2"),
        ("Line 1 (the list) is correct; line 2 raises an IndexError", 1.0, "2"),
        ("Nothing wrong with line 1, IndexError on line 2", 1.0, "2"),
        ("Not line 1 but line 2: IndexError", 1.0, "2"),
        # what already worked: the answer first, a cleared line after it
        ("IndexError line 2, not line 1", 1.0, "2"),
        ("IndexError at line 2 (line 1 is fine)", 1.0, "2"),
        # a line that is not cleared is still an answer
        ("Line 2 is not valid: IndexError", 1.0, "2"),
        ("IndexError line 1", 0.5, "1"),
        # every line cleared: no line given
        ("IndexError. Line 1 is fine.", 0.5, None),
    ],
)
def test_find_the_error_a_line_the_answer_clears_is_not_its_line(
    check: Check, answer: str, score: float, line: str | None
) -> None:
    verdict = check(FIND, answer)
    assert verdict.score == score
    assert next(c for c in verdict.checks if c.name == "line").actual == line


def test_find_the_error_two_lines_offered_after_a_cleared_one_are_still_two(check: Check) -> None:
    verdict = check(FIND, "Line 1 is fine; IndexError line 2 or 3")
    assert verdict.score == 0.5
    assert verdict.message == "Your answer offers two possibilities; choose one."


def test_a_misspelt_error_name_is_read_and_told_its_spelling(check: Check) -> None:
    verdict = check(FIND, "IndexErorr line 2")
    assert verdict.score == 0.5
    assert verdict.hints[0] == (
        "Python has no exception called IndexErorr: check its spelling (IndexError?)."
    )


def test_find_the_error_mistake_hint(check: Check) -> None:
    assert check(FIND, "KeyError line 2").hints[0] == "lists are indexed by position"


PREDICT_WIDTH = exercise(
    "predict-output", 'code: |\n  count = 7\n  print(f"[{count:3}]")\n  print("a", "b")\n'
)


@pytest.mark.parametrize(
    "answer, hint",
    [
        ("[7  ]\na b", "a width in a format"),  # the width pads on the other side
        ("[  7]\na\nb", "the line breaks differ"),
    ],
)
def test_a_spacing_mistake_is_told_where_its_spaces_come_from(
    check: Check, answer: str, hint: str
) -> None:
    assert any(hint in h for h in check(PREDICT_WIDTH, answer).hints)


PREDICT_LIST = exercise("predict-output", "code: |\n  print([1, 2, 3])\n  print(int('x'))\n")


def test_a_list_written_without_its_spaces_is_told_how_python_writes_one(check: Check) -> None:
    """A review was told print() puts no space inside a value, which a list's has."""
    hints = check(PREDICT_LIST, "[1,2,3]\nValueError").hints
    assert any("with a space after each comma" in h for h in hints), hints
    assert not any("none inside a value" in h for h in hints)


def test_a_right_answer_under_a_label_line_is_told_to_leave_the_label_out(
    check: Check,
) -> None:
    verdict = check(PREDICT_LIST, "Output:\n[1, 2, 3]\nValueError")
    assert verdict.status is Status.WRONG_ANSWER
    assert verdict.hints[0] == (
        "Right, but answer with the output alone: Python does not display `Output:`."
    )


def test_an_error_name_written_as_two_words_is_told_its_one_word_name(check: Check) -> None:
    verdict = check(PREDICT_LIST, "[1, 2, 3]\nvalue error")
    assert verdict.status is Status.WRONG_ANSWER
    assert verdict.hints[0] == (
        "Right error, but write its name as Python does, in one word: ValueError."
    )


PREDICT_EXHAUSTED = exercise(
    "predict-output",
    """\
    code: |
      gen = (n for n in range(0, 6, 2))
      print(sum(gen))
      print(list(gen))
      print(next(gen))
    mistakes:
      - pattern: "^12"
        hint: range(0, 6, 2) stops before 6.
    """,
)


@pytest.mark.parametrize(
    "answer", ["6\n[]\nstopiteration", "6\n[]\nSTOPITERATION", "6\n[]\nstopiteration: boom"]
)
def test_an_error_name_in_other_capitals_passes_as_find_the_error_reads_it(
    check: Check, answer: str
) -> None:
    """A review: `stopiteration` failed here while find-the-error accepts `typeerror`."""
    assert check(PREDICT_EXHAUSTED, answer).status is Status.PASSED


@pytest.mark.parametrize("answer", ["12\n[]\nStopIteration", "8\n[0]\nStopIteration"])
def test_the_right_error_name_is_never_told_to_be_written_in_one_word(
    check: Check, answer: str
) -> None:
    """A review: every wrong answer ending in `StopIteration` was told to write it "in one
    word: StopIteration", as the learner had."""
    verdict = check(PREDICT_EXHAUSTED, answer)
    assert verdict.status is Status.WRONG_ANSWER
    assert not any("one word" in hint for hint in verdict.hints), verdict.hints


@pytest.mark.parametrize("answer", ["6\n[]\nStop Iteration", "6\n[]\nstop iteration"])
def test_an_error_name_in_two_words_is_told_first_and_not_about_print_spaces(
    check: Check, answer: str
) -> None:
    verdict = check(PREDICT_EXHAUSTED, answer)
    assert verdict.hints[0] == (
        "Right error, but write its name as Python does, in one word: StopIteration."
    )
    assert not any("print() puts one space" in hint for hint in verdict.hints)


MC = exercise(
    "multiple-choice",
    """\
    options:
      - text: Lists are mutable
        correct: true
      - text: Tuples are mutable
        feedback: Tuples cannot change after they are made.
      - text: Strings are mutable
        feedback: String methods return new strings.
      - text: Dicts keep insertion order
        correct: true
    """,
)


@pytest.mark.parametrize(
    "answer, status, score, first_hint",
    [
        ("A, D", Status.PASSED, 1.0, None),
        ("AD", Status.PASSED, 1.0, None),
        ("a and d", Status.PASSED, 1.0, None),
        ("A", Status.WRONG_ANSWER, 0.5, "1 more option is also correct."),
        ("A, B", Status.WRONG_ANSWER, 0.0, "Tuples cannot change after they are made."),
        ("Strings are mutable", Status.WRONG_ANSWER, 0.0, "String methods return new strings."),
        ("Q", Status.WRONG_ANSWER, 0.0, "Options run from A to D."),
    ],
)
def test_multiple_choice(
    check: Check, answer: str, status: Status, score: float, first_hint: str | None
) -> None:
    verdict = check(MC, answer)
    assert (verdict.status, verdict.score) == (status, score)
    if first_hint:
        assert verdict.hints[0] == first_hint


MC_WORDS = exercise(
    "multiple-choice",
    """\
    options:
      - text: "0"
        correct: true
      - text: the empty string
        correct: true
      - text: the string 'False'
        feedback: str(False) is 'False', but the question asks what is falsy.
      - text: a list holding one zero
        feedback: A list with an item in it is truthy, whatever the item.
    """,
)


@pytest.mark.parametrize(
    "answer, read_as",
    [
        ("It is A and B", "AB"),
        ("It's B", "B"),
        ("b because an empty string is falsy", "B"),
        ("B, because it is empty", "B"),
        ("I'd say D", "D"),
        ("My answer is A", "A"),
        ("the empty string and 0", "AB"),
        ("the empty string, 0", "AB"),
        ("the answer is the empty string", "B"),
        ("It is the empty string", "B"),
        ("A list holding one zero", "D"),
        ("B) the empty string", "B"),
        ("D as it holds an item", "D"),
        # a learner review: bold, a reason in brackets, a reason on the next line
        ("**B**", "B"),
        ("B (it is empty)", "B"),
        ("B\n(D would hold an item)", "B"),
        ("B\nbecause it is empty", "B"),
    ],
)
def test_a_choice_is_read_from_the_phrases_learners_wrap_it_in(
    check: Check, answer: str, read_as: str
) -> None:
    chosen = sorted(c.name.removeprefix("option ") for c in check(MC_WORDS, answer).checks)
    assert "".join(chosen) == read_as


@pytest.mark.parametrize("answer", ["B (or maybe D)", "B\n(or D)", "B\nbecause A and D"])
def test_a_reason_that_adds_an_option_reads_two_ways(check: Check, answer: str) -> None:
    verdict = check(MC_WORDS, answer)
    assert not verdict.passed and not verdict.checks, verdict


@pytest.mark.parametrize(
    "answer",
    [
        # a learner review: the last letter was dropped, or the answer refused as two ways
        "A and D are true",
        "A, D are true",
        "A, D. B is wrong because a tuple cannot change.",
        "A and D are good examples of mutability",
        # other ways learners put it
        "A and D are both correct",
        "a and d are right",
        "A D are correct",
        "Options A and D.",
        "A & D",
        "A, D and nothing else",
        "A and D only",
        "I think A and D, because lists can change",
        "Both A and D",
        "Only A and D",
        "A and D. C is a common mistake",
        "A and D are true; B and C are false",
        "A and D but not C",
        "Not B, it's A and D",
        "A and D\nB is wrong",
    ],
)
def test_letters_followed_by_prose_are_all_read(check: Check, answer: str) -> None:
    verdict = check(MC, answer)
    assert verdict.status is Status.PASSED, (verdict.message, verdict.hints)


@pytest.mark.parametrize(
    "answer, quoted",
    [
        ("A or D?", "or D"),
        ("either A or D", "or D"),
        ("A and D. Or maybe C", "Or maybe C"),
        ("A and D are true, and B too", "and D"),
    ],
)
def test_letters_with_an_alternative_still_read_two_ways(
    check: Check, answer: str, quoted: str
) -> None:
    verdict = check(MC, answer)
    assert not verdict.passed and not verdict.checks
    assert verdict.hints[0].startswith(f"Your answer can be read two ways ('{quoted}')")


@pytest.mark.parametrize(
    "answer, ruled_out",
    [
        ("I would not pick B", "option you rule out (B)"),
        ("Not B, not C", "options you rule out (B, C)"),
        ("It is not C", "option you rule out (C)"),
        ("B and C are wrong", "options you rule out (B, C)"),
        ("B isn't right", "option you rule out (B)"),
    ],
)
def test_an_answer_that_only_rules_options_out_is_told_to_choose(
    check: Check, answer: str, ruled_out: str
) -> None:
    """A review: "I would not pick B" was told it "names no option"."""
    verdict = check(MC, answer)
    assert not verdict.passed and not verdict.checks
    assert verdict.hints[0] == (
        f"Your answer says which {ruled_out}, not which you choose: give the letter of each "
        "option you choose."
    )


@pytest.mark.parametrize(
    "answer, read_as",
    [
        ("B is true", "B"),
        ("D is the right one", "D"),
        ("I would not pick C, I'd pick D", "D"),
        ("C is wrong, B is correct", "B"),
        ("B but not D", "B"),
        ("B and not D", "B"),
        ("B is wrong\nD", "D"),
    ],
)
def test_one_letter_with_what_is_said_of_it_is_read(
    check: Check, answer: str, read_as: str
) -> None:
    chosen = sorted(c.name.removeprefix("option ") for c in check(MC_WORDS, answer).checks)
    assert "".join(chosen) == read_as


def test_a_for_after_a_lowercase_a_is_a_text_not_a_letter_and_a_reason() -> None:
    """`for` starts no reason: `a for loop ...` is the article and a text, never letter A."""
    from grader.toolkit.choices import Option, parse_choice

    loops = (Option("A", "a tuple", False, "Not a loop."), Option("B", "a for loop", True))
    assert parse_choice("a for loop", loops) == {"B"}
    assert parse_choice("a for loop counting up", loops) != {"A"}


@pytest.mark.parametrize(
    "answer, chosen",
    [
        ("A and B, since str() falls back to __repr__ (not D)", {"A", "B"}),  # a review's
        ("A, B because both change what print shows", {"A", "B"}),
        ("B because it is a list and a value", {"B"}),  # `and a` adds no option
        ("B, not C", {"B"}),
        ("C, B: both give 0", {"B", "C"}),  # a second review's: ':' '(' '-' start reasons too
        ("B, C (not D: it raises)", {"B", "C"}),
        ("A, B, not C or D", {"A", "B"}),
        ("B C: both are methods", {"B", "C"}),
        ("A function with no return gives back None, so the answer is B", {"B"}),
        ("B because B or C", None),
        ("A and B because C and D do too", None),
    ],
)
def test_letters_with_a_reason_are_read_unless_the_reason_adds_an_option(
    answer: str, chosen: set[str] | None
) -> None:
    from grader.toolkit.choices import Option, parse_choice

    methods = ("__str__", "__repr__", "__init__", "__print__")
    options = tuple(
        Option(label, text, label in "AB") for label, text in zip("ABCD", methods, strict=True)
    )
    assert parse_choice(answer, options) == (None if chosen is None else frozenset(chosen))


def test_an_answer_that_names_no_option_is_told_so_not_told_the_range() -> None:
    """'All of them' or a paraphrase names no letter beyond the options (a review saw
    "Options run from A to D" for those)."""
    from grader.toolkit.choices import Option, unclear_choice

    options = tuple(Option(label, f"option {label}", label == "B") for label in "ABCD")
    assert unclear_choice("E", options) == "Options run from A to D."
    told = unclear_choice("All of them, because each helps", options)
    assert told.startswith("Your answer names no option: give the letter of an option (A to D)")


@pytest.mark.parametrize(
    "answer, letter, quoted",
    [
        ("C) the empty string", "C", "B"),
        ("A) the string 'False'", "A", "C"),
        ("B) a list holding one zero", "B", "D"),
        ("C, because it is the empty string", "C", None),
    ],
)
def test_a_letter_with_another_options_text_is_a_contradiction_not_that_text(
    check: Check, answer: str, letter: str, quoted: str | None
) -> None:
    verdict = check(MC_WORDS, answer)
    if quoted is None:  # a reason, not an option's text: the letter stands
        assert [c.name for c in verdict.checks] == [f"option {letter}"]
        return
    assert verdict.score == 0.0 and not verdict.checks
    assert verdict.hints[0].startswith(
        f"Your answer gives the letter {letter} but the text of option {quoted}"
    )


PROGRAM = exercise(
    "write-program",
    """\
    cases:
      - name: sum
        stdin: "2\\n3\\n"
        expected: "5\\n"
      - name: float
        stdin: "1\\n"
        expected: "area 3.14159\\n"
        compare: float
        tolerance: {rel: 0.001}
      - name: unordered
        stdin: "3\\n"
        expected: "c\\nb\\na\\n"
        compare: unordered-lines
      - name: shout
        stdin: "hi\\n"
        expected: "HI!\\n"
        compare: case-insensitive
      - name: regex
        stdin: "x\\n"
        expected: "id-\\\\d{3}"
        compare: regex
      - name: secret
        stdin: "700\\n800\\n"
        expected: "1500\\n"
        hidden: true
        points: 2
    """,
)
PROGRAM_SOURCE = """\
first = input()
if first == "1":
    print("area", 3.1416)
elif first == "3":
    print("a\\nb\\nc")
elif first == "hi":
    print("hi!")
elif first == "x":
    print("id-042")
else:
    print(int(first) + int(input()))
"""


def test_write_program_all_comparison_modes_pass(check: Check) -> None:
    verdict = check(PROGRAM, PROGRAM_SOURCE, "main.py")
    assert verdict.status is Status.PASSED, verdict.checks
    assert verdict.score == 1.0


def test_write_program_hidden_case_failure_reveals_nothing(check: Check) -> None:
    source = PROGRAM_SOURCE.replace(
        "int(first) + int(input())", "int(first) + int(input()) if first != '700' else 'x'"
    )
    verdict = check(PROGRAM, source, "main.py").public()
    secret = verdict.checks[-1]
    assert verdict.status is Status.WRONG_ANSWER
    assert (secret.message, secret.expected, secret.actual, secret.diff) == (
        "a hidden test failed",
        None,
        None,
        None,
    )
    assert "1500" not in str(verdict.to_dict()) and "700" not in str(verdict.to_dict())
    assert "A hidden test failed" in verdict.message
    assert verdict.score == pytest.approx(5 / 7)


def test_write_program_points_per_case(check: Check) -> None:
    verdict = check(PROGRAM, "print(5)\n", "main.py")
    assert [c.points for c in verdict.checks] == [1, 0, 0, 0, 0, 0]
    assert verdict.score == pytest.approx(1 / 7)


@pytest.mark.parametrize(
    "source, status",
    [
        ("print(int(input()) + int(input())\n", Status.SYNTAX_ERROR),
        ("import os\n", Status.FORBIDDEN),
        ("while True:\n    pass\n", Status.TIMEOUT),
        ("x = [0] * 10**9\n", Status.MEMORY_LIMIT),
        ("while True:\n    print('spam' * 100)\n", Status.OUTPUT_LIMIT),
        ("print(undefined)\n", Status.RUNTIME_ERROR),
    ],
)
def test_write_program_failure_statuses(runner: CachingRunner, source: str, status: Status) -> None:
    short = exercise(
        "write-program", 'cases:\n  - stdin: ""\n    expected: "x"\nlimits: {timeout: 0.5}\n'
    )
    assert grade(short, Submission.from_text(source, "main.py"), runner).status is status


FUNCTION = exercise(
    "write-function",
    """\
    function: pair
    cases:
      - call: pair(1, 2)
        returns_literal: "(1, 2)"
      - call: pair(0.1, 0.2)
        returns_literal: "(0.1, 0.2)"
      - call: pair(None, None)
        raises: ValueError
      - call: pair('a', 'b')
        returns_literal: "('a', 'b')"
        prints: "pairing\\n"
    """,
)


def test_write_function_compares_values_and_exceptions(check: Check) -> None:
    source = (
        "def pair(a, b):\n"
        "    if a is None:\n"
        "        raise ValueError('no')\n"
        "    if a == 'a':\n"
        "        print('pairing')\n"
        "    return (a, b)\n"
    )
    assert check(FUNCTION, source, "f.py").status is Status.PASSED


def test_write_function_does_not_run_the_learners_main_block(check: Check) -> None:
    """Learners test their function under `if __name__ == "__main__":`, as a test's import
    never runs it (a review's right solution scored 0 on its `input()` there)."""
    source = (
        "def pair(a, b):\n"
        "    if a is None:\n"
        "        raise ValueError('no')\n"
        "    if a == 'a':\n"
        "        print('pairing')\n"
        "    return (a, b)\n\n\n"
        "if __name__ == '__main__':\n"
        "    print(pair(None, None))\n"
        "    input('press enter')\n"
    )
    assert check(FUNCTION, source, "f.py").status is Status.PASSED


def test_write_function_list_is_not_a_tuple(check: Check) -> None:
    source = "def pair(a, b):\n    return [a, b]\n"
    assert check(FUNCTION, source, "f.py").status is Status.WRONG_ANSWER


def test_write_function_object_with_lying_eq_never_passes(check: Check) -> None:
    source = "class Liar:\n    def __eq__(self, other):\n        return True\ndef pair(a, b):\n    return Liar()\n"
    verdict = check(FUNCTION, source, "f.py")
    assert verdict.score == 0.0
    assert "at 0x…" in verdict.checks[0].actual


def test_write_function_missing_function(check: Check) -> None:
    verdict = check(FUNCTION, "def pear(a, b):\n    return (a, b)\n", "f.py")
    assert verdict.message == "The program does not define a function named 'pair'."


EXPLAIN = exercise(
    "explain",
    """\
    concepts:
      - name: mutability
        hint: Can the value change after it is made?
        keywords: [mutab, immutab]
        synonyms: [can be changed]
      - name: hashing
        hint: What does a dictionary need from its keys?
        keywords: [hash]
      - name: ordering
        hint: Think about the order of items.
        patterns: ['\\border(ed)?\\b']
    pass_fraction: 0.66
    min_words: 4
    """,
)


def test_explain_scores_the_fraction_of_concepts(check: Check) -> None:
    verdict = check(EXPLAIN, "Tuples are immutable so they can be hashed.")
    assert verdict.status is Status.PASSED
    assert verdict.message == "You covered 2 of 3 concepts."
    assert verdict.score == pytest.approx(2 / 3)


def test_explain_hints_name_missing_ideas_without_keywords(check: Check) -> None:
    verdict = check(EXPLAIN, "A tuple can be changed never, I think.")
    assert verdict.status is Status.WRONG_ANSWER
    assert verdict.hints[:2] == (
        "What does a dictionary need from its keys?",
        "Think about the order of items.",
    )
    assert not any("hash" in h for h in verdict.hints)


def test_explain_too_short(check: Check) -> None:
    verdict = check(EXPLAIN, "immutable hash order")
    assert verdict.status is Status.WRONG_ANSWER
    assert "Write at least 4 words." in verdict.message


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "it is empty"),
        (b"\xff\xfeA\x00", "it is UTF-16 text, not UTF-8; save it as UTF-8"),
        ("B) 8\n".encode("utf-16-le"), "it is UTF-16 text, not UTF-8; save it as UTF-8"),
        (b"PK\x03\x04\x00\x00\x00\x08\x00", "it looks binary (a NUL byte at offset 4"),
        (b"caf\xe9\n", "not UTF-8 text (byte 0xe9 at offset 3: line 1, column 4)"),
        (b"x" * (1024 * 1024 + 1), "the limit is 1,048,576 bytes"),
    ],
)
def test_invalid_submissions(runner: CachingRunner, data: bytes, problem: str) -> None:
    verdict = grade(MC, Submission.from_bytes(data, "a.txt"), runner)
    assert verdict.status is Status.INVALID_SUBMISSION
    assert problem in verdict.message


def test_multiple_choice_feedback_never_names_an_unchosen_correct_option(check: Check) -> None:
    verdict = check(MC, "B")
    assert [c.name for c in verdict.checks] == ["option B"]
    assert "A" not in verdict.message and "D" not in verdict.message


def test_multiple_choice_options_may_differ_only_in_case(check: Check) -> None:
    target = exercise(
        "multiple-choice",
        """\
        options:
          - text: Model_Ready
            correct: true
          - text: model_ready
            feedback: capitalize() only changes the first letter.
        """,
    )
    assert check(target, "Model_Ready").status is Status.PASSED
    assert check(target, "model_ready").status is Status.WRONG_ANSWER


@pytest.mark.parametrize(
    "answer", ["IndexError (2)", "indexerror line 2", "IndexError, l2", "line 2 IndexError"]
)
def test_find_the_error_answer_forms(check: Check, answer: str) -> None:
    assert check(FIND, answer).status is Status.PASSED


def test_hint_on_a_hidden_case_is_shown_without_its_data(check: Check) -> None:
    target = exercise(
        "write-program",
        """\
        cases:
          - stdin: "1\\n"
            expected: "2\\n"
          - stdin: "-5\\n"
            expected: "-10\\n"
            hidden: true
            hint: Negative numbers double too.
        """,
    )
    verdict = check(target, "n = int(input())\nprint(abs(n) * 2)\n", "p.py").public()
    assert "Negative numbers double too." in verdict.hints
    assert "-10" not in str(verdict.to_dict()) and "-5" not in str(verdict.to_dict())


def test_regex_case_feedback_speaks_of_a_pattern(check: Check) -> None:
    target = exercise("write-program", 'cases:\n  - expected: "roll: [1-6]"\n    compare: regex\n')
    failed = check(target, "print('roll: 7')\n", "p.py").checks[0]
    assert failed.message == "the output does not match the expected pattern"
    assert failed.expected == "output matching the pattern 'roll: [1-6]'" and failed.diff is None


def test_explain_refuses_keywords_too_short_to_match_safely() -> None:
    from grader.errors import SpecError

    with pytest.raises(SpecError) as caught:
        exercise(
            "explain",
            "concepts:\n  - name: ci\n    hint: Think about pipelines.\n    keywords: [ci]\n",
        )
    assert [p.field for p in caught.value.problems] == ["concepts[0].keywords[0]"]
    assert "too short" in caught.value.problems[0].message


def test_empty_predict_output_answer_gets_the_nothing_hint(check: Check) -> None:
    verdict = grade(PREDICT_NOTHING, Submission.from_bytes(b"", "a.txt"), CachingRunner(None))  # type: ignore[arg-type]
    assert verdict.status is Status.INVALID_SUBMISSION
    assert verdict.hints[0] == "If you think the program prints nothing, answer 'Nothing'."


CATASTROPHIC = [
    r"^(\d+\s*)+$",
    r"(a+)+b",
    r"(a*)*",
    r"(\w+\s*)+",
    r"(-?\d+)+$",
    r"(.*,)+x",
    r"(a|a)+$",
    r"(a|aa)+$",
]
SAFE = [
    r"^(0\s*)+$",
    r"^\d+(\s+\d+)*\s*$",
    r"(\w+\s)+",
    r"(ab?)+",
    r"(\d{3})+",
    r"(a|ab)+",
    r"(\d++\s*)+",
    r"(?>\d+\s*)+",
    r"(?s)4 = 2 \* 2.*4 is prime",
]


def _regex_problems(kind: str, pattern: str) -> list[str]:
    """The problems of `pattern` in each place a spec holds a regex."""
    quoted = pattern.replace("\\", "\\\\")
    bodies = {
        "predict-output": f'code: print(1)\nmistakes:\n  - pattern: "{quoted}"\n    hint: h\n',
        "explain": f'concepts:\n  - name: n\n    hint: h\n    patterns: ["{quoted}"]\n',
        "write-program": f'cases:\n  - expected: "{quoted}"\n    compare: regex\n',
    }
    from grader.errors import SpecError

    try:
        exercise(kind, bodies[kind])
    except SpecError as exc:
        return [f"{p.field}: {p.message}" for p in exc.problems]
    return []


@pytest.mark.parametrize("kind", ["predict-output", "explain", "write-program"])
@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_regex_with_nested_quantifiers_is_refused_for_catastrophic_backtracking(
    kind: str, pattern: str
) -> None:
    found = _regex_problems(kind, pattern)
    assert len(found) == 1 and "catastrophic backtracking" in found[0], found
    assert "rewrite it" in found[0]


@pytest.mark.parametrize("pattern", SAFE)
def test_regex_without_ambiguous_repetition_is_accepted(pattern: str) -> None:
    assert _regex_problems("predict-output", pattern) == []


def test_regexes_accepted_as_safe_see_a_bounded_part_of_long_answers() -> None:
    """The work of a safe pattern is bounded by what it sees: no nested ambiguous
    repetition, on at most MAX_PATTERN_INPUT characters whatever the answer's length."""
    import re

    from grader.spec.regexes import backtracking_risk
    from grader.toolkit.patterns import MAX_PATTERN_INPUT, pattern_search

    seen: list[int] = []

    class Recording:
        """A compiled pattern that records how many characters each search sees."""

        def __init__(self, pattern: str) -> None:
            self.compiled = re.compile(pattern)

        def search(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
            seen.append(len(text[pos:endpos]))
            return self.compiled.search(text, pos, endpos)

    answer = "1" * 5000 + "a" * 5000 + "!"
    for pattern in SAFE:
        assert backtracking_risk(pattern) is None, pattern
        pattern_search(Recording(pattern), answer)  # type: ignore[arg-type]
    assert seen == [MAX_PATTERN_INPUT] * len(SAFE)
    assert all(backtracking_risk(p) for p in CATASTROPHIC)


def test_instructor_regexes_see_a_bounded_part_of_the_answer() -> None:
    from grader.kinds.explain import read
    from grader.kinds.predict_output import Mistake
    from grader.toolkit.patterns import MAX_PATTERN_INPUT
    from grader.toolkit.prose import Prose

    target = exercise("explain", "concepts:\n  - name: n\n    hint: h\n    patterns: ['needle']\n")
    assert read(target.body, Prose("a needle here"))[0].covered
    assert not read(target.body, Prose("word " * MAX_PATTERN_INPUT + "needle"))[0].covered
    import re

    mistake = Mistake("h", pattern=re.compile("needle"))
    assert mistake.matches("needle") and not mistake.matches("x" * MAX_PATTERN_INPUT + "needle")


@pytest.mark.parametrize(
    "options, answer, message",
    [
        (
            "  - text: A\n    correct: true\n  - text: B\n    correct: true\n",
            "",
            "options: every option is marked `correct: true`",
        ),
        (
            "  - text: A\n    correct: true\n  - text: B\n    correct: true\n"
            "  - text: C\n    feedback: f\n",
            "answer: [A, A, B]\n",
            "answer: names A more than once; list each once",
        ),
        ("  - text: A\n    correct: true\n", "", "options: needs at least 2 options; it has 1"),
        (
            "  - text: B\n    correct: true\n  - text: Something else\n    feedback: f\n",
            "",
            "options[0].text: reads as the letters B: a learner answering B would get this option",
        ),
    ],
    ids=["all-correct", "answer-repeats", "one-option", "text-reads-as-a-letter"],
)
def test_multiple_choice_spec_rules(options: str, answer: str, message: str) -> None:
    from grader.errors import SpecError

    with pytest.raises(SpecError) as caught:
        exercise("multiple-choice", "options:\n" + options + answer)
    found = [f"{p.field}: {p.message}" for p in caught.value.problems]
    assert len(found) == 1 and found[0].startswith(message), found


def test_write_function_reading_input_when_loaded_is_told_to_move_it_under_main(
    check: Check,
) -> None:
    """A learner review was told input() ran past the lines of input, which a
    write-function exercise never gives."""
    source = "def pair(a, b):\n    return (a, b)\n\nx = input('a? ')\nprint(pair(x, x))\n"
    verdict = check(FUNCTION, source, "f.py")
    assert verdict.status is Status.RUNTIME_ERROR
    assert verdict.hints[0].startswith("Your file reads input() when it is loaded")
    assert not any("more times than there are lines" in h for h in verdict.hints)

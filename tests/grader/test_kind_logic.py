"""Each kind's own logic, graded with scripted outcomes (`grader.testing.FakeRunner`):
what it runs, and what it makes of what the sandbox says. The end-to-end tests in
test_kinds.py grade the same kinds in the real sandbox."""

from __future__ import annotations

import pytest

from grader.compare import Mode, canonical_forms
from grader.digests import digests, salted
from grader.errors import BrokenExercise
from grader.exercise import AnyExercise
from grader.grading import grade
from grader.kinds.write_function import canonical
from grader.submission import Submission
from grader.testing import (
    FakeRunner,
    Run,
    call_raised,
    crashed,
    ran,
    returned,
    syntax_error,
    timed_out,
)
from grader.verdict import Status, Verdict
from sandbox.outcome import Outcome
from sandbox.values import encode

from .conftest import exercise

SALT = "0123456789abcdef0123456789abcdef"
LOCK = f"lock: {{salt: {SALT}}}\n"


def graded(
    target: AnyExercise, answer: str, runner: FakeRunner | None = None, filename: str = "a.py"
) -> Verdict:
    """The verdict on `answer`; without a runner, any run is a test failure."""
    return grade(target, Submission.from_text(answer, filename), runner or FakeRunner([]))


# -- write-program ---------------------------------------------------------------------------

PROGRAM = exercise(
    "write-program",
    """\
    cases:
      - {name: small, stdin: "1 2\\n", expected: "3\\n", hint: add them}
      - {name: big, stdin: "40 2\\n", expected: "42\\n", points: 3, hidden: true}
    """,
)


def test_write_program_runs_each_case_with_its_stdin() -> None:
    runner = FakeRunner([ran("3\n"), ran("42\n")])
    verdict = graded(PROGRAM, "x", runner)
    assert [run.stdin for run in runner.runs] == ["1 2\n", "40 2\n"]
    assert (verdict.status, verdict.score, verdict.message) == (
        Status.PASSED,
        1.0,
        "2 of 2 tests passed.",
    )
    assert verdict.hints == ()


def test_write_program_scores_by_case_points_and_keeps_hidden_cases_quiet() -> None:
    verdict = graded(PROGRAM, "x", FakeRunner([ran("3\n"), ran("41\n")]))
    assert verdict.status is Status.WRONG_ANSWER and verdict.score == 0.25
    assert verdict.message.endswith(
        "A hidden test failed: think about inputs the examples do not show."
    )
    assert verdict.hints == ("The general hint.",)


def test_write_program_whitespace_only_is_a_presentation_error() -> None:
    verdict = graded(PROGRAM, "x", FakeRunner([ran("3 \n\n"), ran("  42\n")]))
    assert verdict.status is Status.PRESENTATION_ERROR and verdict.score == 0.25


def test_write_program_spaces_inside_a_value_are_a_wrong_answer() -> None:
    verdict = graded(PROGRAM, "x", FakeRunner([ran("3\n"), ran("4 2\n")]))
    assert verdict.status is Status.WRONG_ANSWER and verdict.score == 0.25


def test_write_program_a_crash_in_one_case_is_explained_once() -> None:
    crash = crashed("ValueError", "invalid literal for int() with base 10: 'x'", line=1)
    verdict = graded(PROGRAM, "int('x')", FakeRunner([crash, crash]))
    assert verdict.status is Status.RUNTIME_ERROR and verdict.score == 0.0
    assert verdict.checks[0].message.startswith("runtime_error: ValueError")
    assert verdict.error is not None and verdict.error.type == "ValueError"
    assert len(verdict.hints) == 2 and verdict.hints[-1] == "The general hint."


def test_write_program_stops_at_a_syntax_error() -> None:
    runner = FakeRunner([syntax_error("expected ':'", line=1, text="if x")])
    verdict = graded(PROGRAM, "if x\n", runner)
    assert len(runner.runs) == 1 and verdict.checks == ()
    assert verdict.status is Status.SYNTAX_ERROR and "colon" in verdict.hints[0].lower()


def test_write_program_locked_cases_say_only_whether_the_output_is_right() -> None:
    expected = digests(SALT, canonical_forms("3\n", Mode.WHITESPACE))
    locked = exercise(
        "write-program",
        LOCK + f"cases: [{{name: small, stdin: '1 2', expected_sha256: {expected}}}]\n",
    )
    assert graded(locked, "x", FakeRunner([ran("3\n")])).passed
    verdict = graded(locked, "x", FakeRunner([ran("4\n")]))
    assert verdict.status is Status.WRONG_ANSWER and verdict.checks[0].expected is None
    assert "locked" in verdict.checks[0].message


# -- write-function --------------------------------------------------------------------------

FUNCTION = exercise(
    "write-function",
    """\
    function: half
    cases:
      - {call: "half(4)", returns: 2}
      - {call: "half(1)", returns: 0.5, hint: mind the remainder}
      - {call: "half(None)", raises: TypeError}
    """,
)
CALLS = ["half(4)", "half(1)", "half(None)"]


def test_write_function_makes_every_call_in_one_run() -> None:
    results = [
        returned("half(4)", 2.0),
        returned("half(1)", 0.5),
        call_raised("half(None)", "TypeError", "no"),
    ]
    runner = FakeRunner([ran(calls=results)])
    verdict = graded(FUNCTION, "def half(n): return n / 2", runner)
    assert runner.runs[0].calls == tuple(CALLS)
    assert verdict.passed and verdict.score == 1.0


def test_write_function_names_the_wrong_calls_and_their_hints() -> None:
    results = [returned("half(4)", 2), returned("half(1)", 0), returned("half(None)", None)]
    source = "def half(n):\n    if n is None:\n        return None\n    return n // 2\n"
    verdict = graded(FUNCTION, source, FakeRunner([ran(calls=results)]))
    assert verdict.status is Status.WRONG_ANSWER and verdict.score == pytest.approx(1 / 3)
    assert [c.message for c in verdict.checks if not c.passed] == [
        "half(1) should return 0.5",
        "half(None) should raise TypeError",
    ]
    assert verdict.checks[2].actual == "returns None"
    assert verdict.hints[2:] == ("mind the remainder", "The general hint.")
    assert verdict.hints[0].startswith("`half(1)` returned `0` where `0.5` is expected: `//`")
    assert verdict.hints[1].startswith("`half(None)` returned `None` instead of raising TypeError")


def test_write_function_an_undefined_function_is_said_so() -> None:
    missing = [call_raised(call, "NameError", "name 'half' is not defined") for call in CALLS]
    verdict = graded(FUNCTION, "def halve(n): ...", FakeRunner([ran(calls=missing)]))
    assert verdict.status is Status.WRONG_ANSWER and verdict.checks == ()
    assert verdict.hints[0] == "Define `def half(...)`: the name must match exactly."


def test_write_function_a_timeout_keeps_the_calls_made_before_it() -> None:
    stopped = timed_out()
    stopped = Outcome(stopped.status, error=stopped.error, calls=(returned("half(4)", 2),))
    verdict = graded(FUNCTION, "x", FakeRunner([stopped]))
    assert verdict.status is Status.TIMEOUT and verdict.score == pytest.approx(1 / 3)
    assert verdict.checks[1].message == "not run: the program stopped before this call"


def test_write_function_locked_values_and_errors_match_by_digest() -> None:
    value = salted(SALT, canonical(encode(2)))
    error = salted(SALT, "TypeError")
    locked = exercise(
        "write-function",
        LOCK
        + "function: half\ncases:\n"
        + f"  - {{call: 'half(4)', returns_sha256: {{value: {value}}}}}\n"
        + f"  - {{call: 'half(None)', raises_sha256: {{type: {error}}}}}\n",
    )
    right = [returned("half(4)", 2.0), call_raised("half(None)", "TypeError")]
    assert graded(locked, "x", FakeRunner([ran(calls=right)])).passed
    wrong = [returned("half(4)", 3), call_raised("half(None)", "ValueError")]
    verdict = graded(locked, "x", FakeRunner([ran(calls=wrong)]))
    assert [c.expected for c in verdict.checks] == ["(locked)", "(locked)"]
    assert (
        verdict.checks[0].message
        == "half(4) should give the expected result (locked, so it is not shown)"
    )


# -- predict-output --------------------------------------------------------------------------

PREDICT = exercise(
    "predict-output",
    """\
    code: |
      print("start")
      print(1 / 0)
    mistakes:
      - {error: ValueError, hint: which error does dividing by zero raise?}
    """,
)
RAISES = crashed("ZeroDivisionError", "division by zero", line=2, stdout="start\n")


@pytest.mark.parametrize(
    "answer, status, first_hint",
    [
        ("start\nZeroDivisionError", Status.PASSED, None),
        ("start\nError", Status.PASSED, None),
        ("start\nValueError", Status.WRONG_ANSWER, "which error does dividing by zero raise?"),
        ("start", Status.WRONG_ANSWER, "Trace the code line by line"),
        (
            "start ZeroDivisionError",
            Status.PRESENTATION_ERROR,
            "Right values, but the line breaks differ",
        ),
    ],
)
def test_predict_output_compares_with_what_the_snippet_really_did(
    answer: str, status: Status, first_hint: str | None
) -> None:
    runner = FakeRunner([RAISES])
    verdict = graded(PREDICT, answer, runner, "a.txt")
    assert runner.runs[0].source == 'print("start")\nprint(1 / 0)\n'
    assert verdict.status is status
    assert verdict.score == (1.0 if status is Status.PASSED else 0.0)
    if first_hint:
        assert verdict.hints[0].startswith(first_hint) and verdict.hints[-1] == "The general hint."
    else:
        assert verdict.hints == ()


def test_predict_output_a_snippet_that_never_ends_is_an_infinite_loop() -> None:
    looping = exercise("predict-output", "code: 'while True: pass'\n")
    assert graded(looping, "Infinite Loop", FakeRunner([timed_out()]), "a.txt").passed
    verdict = graded(looping, "Nothing", FakeRunner([timed_out()]), "a.txt")
    assert verdict.hints[0] == "Check whether the loop can ever stop."


TRACEBACK = """\
Traceback (most recent call last):
  File "snippet.py", line 2, in <module>
    print(1 / 0)
          ~~^~~
"""


@pytest.mark.parametrize(
    "answer",
    [
        "start\nZeroDivisionError",
        "start\nZeroDivisionError: division by zero",
        "start\nError",
        "start\nValueError",  # a wrong error: the exercise's hint for it, as without
        "start\nstart\nZeroDivisionError",  # a wrong output: the same hints, as without
        "start ZeroDivisionError",  # only the spacing: a presentation error, as without
    ],
)
def test_predict_output_a_traceback_before_the_error_line_is_judged_as_that_line_alone(
    answer: str,
) -> None:
    head, _, last = answer.rpartition("\n")
    with_traceback = f"{head}\n{TRACEBACK}{last}" if head else f"{TRACEBACK}{answer}"
    alone = graded(PREDICT, answer, FakeRunner([RAISES]), "a.txt")
    assert graded(PREDICT, with_traceback, FakeRunner([RAISES]), "a.txt") == alone
    unindented = with_traceback.replace('  File "snippet.py"', 'File "snippet.py"')
    assert graded(PREDICT, unindented, FakeRunner([RAISES]), "a.txt") == alone


def test_predict_output_a_traceback_is_set_aside_only_right_before_the_error_line() -> None:
    printed_inside = f"{TRACEBACK}start\nZeroDivisionError"  # output after the traceback
    assert graded(PREDICT, printed_inside, FakeRunner([RAISES]), "a.txt").status is (
        Status.WRONG_ANSWER
    )
    silent = exercise("predict-output", "code: 'x = 1'\n")  # a snippet that does not raise
    assert not graded(silent, f"{TRACEBACK}Nothing", FakeRunner([ran("")]), "a.txt").passed


def test_predict_output_a_traceback_without_its_error_line_is_told_to_end_with_it() -> None:
    verdict = graded(PREDICT, f"start\n{TRACEBACK}", FakeRunner([RAISES]), "a.txt")
    assert verdict.status is Status.WRONG_ANSWER
    assert verdict.hints[0].startswith("Python ends a traceback with a line that names the error")
    assert "ZeroDivisionError" not in verdict.hints[0]


def test_predict_output_the_right_error_in_other_capitals_passes() -> None:
    """As find-the-error reads error names (`typeerror`): a review saw them differ."""
    verdict = graded(PREDICT, "start\nzerodivisionerror", FakeRunner([RAISES]), "a.txt")
    assert verdict.status is Status.PASSED


SILENT = exercise("predict-output", "code: |\n  for i in range(5, 0):\n      print(i)\n")


@pytest.mark.parametrize(
    "answer",
    [
        "Nothing",
        "nothing",
        "Nothing.",
        "NOTHING!",
        "(nothing)",
        "`Nothing`",
        "'Nothing'",
        "Nothing at all.",
        "nothing is printed",
        "Nothing gets printed.",
        "nothing will be printed",
        "No output",
        "no output.",
        "There is no output.",
        "It prints nothing.",
        "The program prints nothing at all",
        "It doesn't print anything.",
        "Nothing happens.",
        "Nothing, because range(5, 0) is empty",
        "nothing since the range is empty",
        "No output (as the loop never runs)",
        "Nothing - because the start is past the stop",
    ],
)
def test_predict_output_any_common_phrase_for_nothing_passes_when_nothing_is_printed(
    answer: str,
) -> None:
    assert graded(SILENT, answer, FakeRunner([ran("")]), "a.txt").passed


@pytest.mark.parametrize(
    "answer",
    [
        "None",
        "0",
        "nothing 5",
        "Nothing\nNothing",
        "empty",
        "something",
        "it prints 5",
        "5 4 3 2 1 because the range counts down",
    ],
)
def test_predict_output_answers_that_do_not_say_nothing_fail_on_a_silent_snippet(
    answer: str,
) -> None:
    assert not graded(SILENT, answer, FakeRunner([ran("")]), "a.txt").passed


@pytest.mark.parametrize("answer, passed", [("Nothing", True), ("nothing", False)])
def test_predict_output_a_snippet_printing_the_word_nothing_is_judged_on_its_output(
    answer: str, passed: bool
) -> None:
    printing = exercise("predict-output", "code: print('Nothing')\n")
    assert graded(printing, answer, FakeRunner([ran("Nothing\n")]), "a.txt").passed is passed
    assert not graded(printing, "no output", FakeRunner([ran("Nothing\n")]), "a.txt").passed


@pytest.mark.parametrize("answer", ["infinite loop.", "(Infinite Loop)", "INFINITE LOOP!"])
def test_predict_output_infinite_loop_is_read_in_any_case_and_punctuation(answer: str) -> None:
    looping = exercise("predict-output", "code: 'while True: pass'\n")
    assert graded(looping, answer, FakeRunner([timed_out()]), "a.txt").passed


REPRS = exercise("predict-output", "code: |\n  print(['fast', 'cheap'], {'mode': 'safe'})\n")
REPRS_OUTPUT = "['fast', 'cheap'] {'mode': 'safe'}\n"


def test_predict_output_right_values_in_double_quotes_are_told_about_the_repr() -> None:
    answer = '["fast", "cheap"] {"mode": "safe"}'
    verdict = graded(REPRS, answer, FakeRunner([ran(REPRS_OUTPUT)]), "a.txt")
    assert verdict.status is Status.WRONG_ANSWER
    assert verdict.hints[0].startswith("Right values, but Python displays \"fast\" as 'fast'")
    assert verdict.hints[-1] == "The general hint."


@pytest.mark.parametrize(
    "answer",
    [
        '["fast", "cheap"] {"mode": "fast"}',  # a wrong value as well
        "['fast', 'cheap'] {'mode': 'fast'}",  # a wrong value, the quotes right
        '["fast", "cheap"]',  # a value missing
    ],
)
def test_predict_output_quotes_are_named_only_when_they_are_the_only_difference(
    answer: str,
) -> None:
    verdict = graded(REPRS, answer, FakeRunner([ran(REPRS_OUTPUT)]), "a.txt")
    assert verdict.status is Status.WRONG_ANSWER
    assert not any("quotes" in hint for hint in verdict.hints)


@pytest.mark.parametrize(
    "answer, status",
    [
        ("start\nValueError", Status.WRONG_ANSWER),
        ("start ZeroDivisionError", Status.PRESENTATION_ERROR),
        ("start\nZeroDivisionError", Status.PASSED),
    ],
)
def test_predict_output_checks_label_the_answer_as_the_learners(
    answer: str, status: Status
) -> None:
    from grader.render.text import verdict_text as shown
    from grader.reports.common import verdict_text as reported
    from grader.verdict import Verdict

    verdict = graded(PREDICT, answer, FakeRunner([RAISES]), "a.txt")
    assert verdict.status is status
    (check,) = verdict.checks
    assert (check.actual, check.actual_label) == (answer, "your answer")
    assert Verdict.from_dict(verdict.to_dict()) == verdict  # as the batch store keeps it
    for text in (shown(verdict).plain, reported(verdict)):
        assert "actual" not in text
        assert ("your answer:" in text) is (status is not Status.PASSED)
    if status is Status.WRONG_ANSWER:
        assert check.expected is None  # the output stays hidden from a wrong answer


# -- fix-syntax-error ------------------------------------------------------------------------

FIX = exercise(
    "fix-syntax-error",
    """\
    code: |
      for n in range(3)
          print(n)
    fixed: |
      for n in range(3):
          print(n)
    """,
)
REFERENCE = "for n in range(3):\n    print(n)\n"


REFERENCE_RUN = ran("0\n1\n2\n")


def by_file(learner: Outcome, reference: Outcome = REFERENCE_RUN) -> FakeRunner:
    return FakeRunner(lambda run: reference if run.filename == "fixed.py" else learner)


def test_fix_syntax_error_passes_a_fix_that_prints_what_the_reference_prints() -> None:
    runner = by_file(ran("0\n1\n2\n"))
    verdict = graded(FIX, REFERENCE, runner)
    assert verdict.passed and verdict.score == 1.0 and verdict.output == "0\n1\n2\n"
    assert {run.filename for run in runner.runs} == {"a.py", "fixed.py"}


def test_fix_syntax_error_a_fix_that_changes_another_line_is_wrong() -> None:
    verdict = graded(FIX, REFERENCE.replace("n)", "n + 1)"), by_file(ran("1\n2\n3\n")))
    assert verdict.status is Status.WRONG_ANSWER and verdict.score == 0.0
    assert verdict.hints[0] == (
        "You also changed line 2: `print(n)` became `print(n + 1)`. "
        "That line has no error: keep it as it was."
    )


def test_fix_syntax_error_a_fix_that_prints_something_else_is_wrong() -> None:
    verdict = graded(FIX, REFERENCE, by_file(ran("0\n1\n")))
    assert verdict.status is Status.WRONG_ANSWER
    assert verdict.hints[1].startswith("The program compiles now but prints something else")
    assert verdict.hints[0].startswith("Your output misses the last expected line, `2`")


def test_fix_syntax_error_a_rewrite_is_not_a_fix() -> None:
    verdict = graded(FIX, "print(0)\nprint(1)\nprint(2)\nprint()\n", by_file(ran("0\n1\n2\n\n")))
    assert (
        verdict.status is Status.WRONG_ANSWER
        and verdict.checks[0].name == "fixes only the syntax error"
    )
    assert verdict.hints == (
        "Your program is a rewrite, not the original with its error fixed: start again from "
        "the original code and change only what Python's error message points at.",
        "Fix only the error: keep the rest of the program as it was.",
        "The general hint.",
    )


def test_fix_syntax_error_a_fix_that_still_does_not_compile() -> None:
    verdict = graded(
        FIX, "for n in range(3)\n    print(n)\n", by_file(syntax_error("expected ':'", line=1))
    )
    assert verdict.status is Status.SYNTAX_ERROR and verdict.checks == ()


def test_fix_syntax_error_a_reference_that_fails_is_a_broken_exercise() -> None:
    with pytest.raises(BrokenExercise):
        graded(FIX, REFERENCE, by_file(ran("0\n1\n2\n"), reference=crashed("NameError", "x")))


# -- multiple-choice and find-the-error -------------------------------------------------------

CHOICE = exercise(
    "multiple-choice",
    """\
    points: 2
    options:
      - {text: a list, correct: true}
      - {text: a tuple, correct: true}
      - {text: an int, feedback: an int is not a sequence}
    """,
)


@pytest.mark.parametrize(
    "answer, status, score, hints",
    [
        ("A, B", Status.PASSED, 2.0, ()),
        ("A", Status.WRONG_ANSWER, 1.0, ("1 more option is also correct.", "The general hint.")),
        ("A, C", Status.WRONG_ANSWER, 0.0, ("an int is not a sequence", "The general hint.")),
        ("Z", Status.WRONG_ANSWER, 0.0, ("Options run from A to C.", "The general hint.")),
    ],
)
def test_multiple_choice_gives_partial_credit_and_the_feedback_of_wrong_options(
    answer: str, status: Status, score: float, hints: tuple[str, ...]
) -> None:
    verdict = graded(CHOICE, answer, filename="a.txt")
    assert (verdict.status, verdict.score, verdict.hints) == (status, score, hints)


def test_multiple_choice_locked_grades_the_whole_answer() -> None:
    locked = exercise(
        "multiple-choice",
        LOCK
        + f"multiple: true\nanswer_sha256: {{answer: {salted(SALT, 'AB')}}}\n"
        + "options: [{text: a list}, {text: a tuple}, {text: an int, feedback: not a sequence}]\n",
    )
    assert graded(locked, "B and A", filename="a.txt").passed
    verdict = graded(locked, "A", filename="a.txt")
    assert verdict.score == 0.0 and [c.name for c in verdict.checks] == ["answer"]


FIND = exercise(
    "find-the-error",
    """\
    code: |
      scores = {"ada": 3}
      print(scores["bob"])
    mistakes:
      - {type: IndexError, hint: dictionaries are looked up by key}
    """,
)


@pytest.mark.parametrize(
    "answer, score, first_hint",
    [
        ("KeyError line 2", 1.0, None),
        ("KeyError line 1", 0.5, "The general hint."),
        ("IndexError line 2", 0.5, "dictionaries are looked up by key"),
        ("line 2", 0.5, "Name the error type as Python does"),
    ],
)
def test_find_the_error_gives_half_the_points_for_the_type_and_half_for_the_line(
    answer: str, score: float, first_hint: str | None
) -> None:
    runner = FakeRunner([crashed("KeyError", "'bob'", line=2)])
    verdict = graded(FIND, answer, runner, "a.txt")
    assert verdict.score == score and verdict.passed == (score == 1.0)
    if first_hint:
        assert verdict.hints[0].startswith(first_hint)


# -- explain ---------------------------------------------------------------------------------

EXPLAIN = exercise(
    "explain",
    """\
    concepts:
      - {name: automation, hint: What happens to repeated steps?, keywords: [automat]}
      - {name: monitoring, hint: What do you watch later?, keywords: [monitor]}
      - {name: versions, hint: How do you go back?, synonyms: [version control]}
      - {name: tests, hint: How do you know it works?, keywords: [test]}
    pass_fraction: 0.75
    min_words: 8
    """,
)


def test_explain_passes_at_the_pass_fraction_with_the_missed_concept_hinted() -> None:
    answer = "We automate deployment, monitor drift and test every model we ship."
    verdict = graded(EXPLAIN, answer, filename="a.txt")
    assert verdict.passed and verdict.score == 0.75
    assert verdict.hints == ("How do you go back?",)


def test_explain_too_few_words_do_not_pass_and_score_nothing() -> None:
    verdict = graded(EXPLAIN, "We automate, monitor, test and version.", filename="a.txt")
    assert verdict.status is Status.WRONG_ANSWER and verdict.message.endswith(
        "Your answer has 6 words. Write at least 8 words."
    )
    assert verdict.score == 0.0
    assert verdict.hints[0].startswith("Your answer has 6 words; explain in at least 8 words")


def test_explain_locked_keywords_match_by_digest() -> None:
    locked = exercise(
        "explain",
        LOCK
        + "concepts:\n"
        + f"  - {{name: automation, hint: h, keywords_sha256: [{salted(SALT, 'automat')}]}}\n"
        + f"  - {{name: versions, hint: g, synonyms_sha256: [{salted(SALT, 'version control')}]}}\n",
    )
    verdict = graded(
        locked, "Pipelines automate it all and version control keeps history.", filename="a.txt"
    )
    assert verdict.passed
    verdict = graded(
        locked, "Pipelines make it all run and git keeps the history.", filename="a.txt"
    )
    assert verdict.score == 0.0 and verdict.hints == ("h", "g", "The general hint.")


def test_the_fake_runner_refuses_a_run_it_has_no_outcome_for() -> None:
    runner = FakeRunner([ran("1\n")])
    runner.run("print(1)")
    with pytest.raises(LookupError):
        runner.run("print(2)")
    assert runner.runs == [
        Run("print(1)", "main.py", "", None, ()),
        Run("print(2)", "main.py", "", None, ()),
    ]


def test_a_fix_with_comments_on_top_changes_no_more_lines() -> None:
    """`grader start` writes the prompt as comments above the code: they are no change."""
    from grader.kinds.fix_syntax_error import changed_lines, similarity

    broken = "for n in range(3)\n    print(n)\n"
    fixed = "# Fix the loop.\n# Keep the rest.\n\nfor n in range(3):\n    print(n)  # done\n"
    assert changed_lines(broken, fixed) == 2  # the for line, and the print line's comment
    assert changed_lines(broken, "# a note\n" + broken.replace(")\n", "):\n", 1)) == 1
    assert similarity(broken, "# a note\n" + broken) == 1.0


def test_reveal_gives_each_kinds_final_answer_and_mistakes() -> None:
    choice = exercise(
        "multiple-choice",
        """\
        options:
          - {text: "Right", correct: true}
          - {text: "Wrong", feedback: "The usual slip."}
        """,
    )
    shown = choice.kind.reveal(choice, FakeRunner([]))
    assert (shown.answer, shown.mistakes) == ("A. Right", ("B. Wrong: The usual slip.",))
    predict = exercise(
        "predict-output",
        """\
        code: "print(1)\\nprint(2)"
        mistakes: [{output: "1 2", hint: "Each print ends its line."}]
        """,
    )
    runner = FakeRunner([ran("1\n2\n")])
    shown = predict.kind.reveal(predict, runner)
    assert (shown.answer, shown.verbatim) == ("1\n2", True)
    assert shown.mistakes == ("Each print ends its line.",)
    assert runner.runs[0].source == "print(1)\nprint(2)"


def test_reveal_of_a_locked_choice_gives_nothing_away() -> None:
    locked = exercise(
        "multiple-choice",
        f"""\
        options:
          - {{text: "Right", feedback: "Yes."}}
          - {{text: "Wrong", feedback: "No."}}
        answer_sha256: {{answer: {salted(SALT, "A")}}}
        {LOCK}""",
    )
    assert locked.kind.reveal(locked, FakeRunner([])).answer is None

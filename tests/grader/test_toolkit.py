"""The kind toolkit on its own: the verdict builder, expected answers, output checks and
failed runs. No sandbox: outcomes come from `grader.testing`."""

from __future__ import annotations

import pytest

from grader.compare import Comparison, Mode, canonical_forms
from grader.digests import digests, salted
from grader.spec.raw import parse
from grader.spec.reader import NOT_LOCKED, SpecReader
from grader.testing import crashed, ran, timed_out
from grader.toolkit.expected import (
    DigestMemo,
    LockedOutput,
    Plain,
    PlainOutput,
    Salted,
    Unhashable,
)
from grader.toolkit.outputs import LOCKED_NOTE, output_check
from grader.toolkit.runs import failed_run_verdict, record_failure
from grader.toolkit.verdicts import VerdictBuilder, invalid_verdict, worst
from grader.verdict import Check, Status

from .conftest import exercise

SALT = "0123456789abcdef0123456789abcdef"
TARGET = exercise(
    "multiple-choice",
    "points: 4\n" + "options: [{text: a, correct: true}, {text: b, feedback: f}]\n",
)


def scored(points: float, max_points: float, hint: str | None = None) -> Check:
    return Check(
        f"c{points}/{max_points}",
        points == max_points,
        points=points,
        max_points=max_points,
        hint=hint,
    )


# -- the verdict builder -------------------------------------------------------------------


def test_the_score_is_points_times_earned_over_possible() -> None:
    builder = VerdictBuilder(TARGET)
    for check in (scored(1, 1), scored(0, 2), scored(1, 1)):
        builder.add(check)
    verdict = builder.verdict("m")
    assert (verdict.score, verdict.max_score, verdict.status) == (2.0, 4.0, Status.WRONG_ANSWER)


def test_full_marks_are_exactly_the_points() -> None:
    tenth = exercise(
        "multiple-choice",
        "points: 0.7\noptions: [{text: a, correct: true}, {text: b, feedback: f}]\n",
    )
    builder = VerdictBuilder(tenth)
    for _ in range(3):
        builder.add(scored(1, 1))
    assert builder.verdict("m").score == 0.7  # 0.7 * 3 / 3 would be 0.6999999999999998


def test_no_checks_score_nothing() -> None:
    builder = VerdictBuilder(TARGET)
    builder.fail()
    assert (builder.score, builder.status) == (0.0, Status.WRONG_ANSWER)


@pytest.mark.parametrize(
    "failed, failures, status",
    [
        ([], [], Status.PASSED),
        ([True], [], Status.PRESENTATION_ERROR),
        ([True, False], [], Status.WRONG_ANSWER),
        ([False], [Status.TIMEOUT], Status.TIMEOUT),
        ([], [Status.RUNTIME_ERROR, Status.SYNTAX_ERROR], Status.SYNTAX_ERROR),
    ],
)
def test_the_status_is_the_most_urgent_failure(
    failed: list[bool], failures: list[Status], status: Status
) -> None:
    builder = VerdictBuilder(TARGET)
    builder.add(scored(1, 1))
    for whitespace_only in failed:
        builder.add(scored(0, 1), whitespace_only=whitespace_only)
    for failure in failures:
        builder.fail(failure)
    assert builder.status is status


def test_worst_of_nothing_is_passed() -> None:
    assert worst([]) is Status.PASSED
    assert (
        worst([Status.PASSED, Status.INVALID_SUBMISSION, Status.TIMEOUT])
        is Status.INVALID_SUBMISSION
    )


def test_hints_go_most_specific_first_and_the_general_hint_last() -> None:
    builder = VerdictBuilder(TARGET)
    builder.add(scored(0, 1, hint="case hint"))
    builder.add(scored(1, 1, hint="hint of a passed check"))
    builder.hint("kind hint", None, "case hint")
    builder.run_failed(Status.TIMEOUT, "first explanation")
    builder.run_failed(Status.RUNTIME_ERROR, "second explanation")
    assert builder.verdict("m").hints == (
        "case hint",
        "kind hint",
        "first explanation",
        "The general hint.",
    )


def test_a_passed_answer_gets_no_general_hint() -> None:
    builder = VerdictBuilder(TARGET)
    builder.add(scored(1, 1))
    builder.hint("said anyway")
    assert builder.verdict("m").hints == ("said anyway",)


def test_credit_with_a_pass_mark_decides_over_failed_checks() -> None:
    builder = VerdictBuilder(TARGET)
    for ok in (True, True, True, False):
        builder.add(Check("concept", ok, hint=None if ok else "missed idea"))
    builder.credit(3, 4, pass_at=0.75)
    verdict = builder.verdict("m")
    assert (verdict.status, verdict.score, verdict.hints) == (Status.PASSED, 3.0, ("missed idea",))
    builder.fail()  # too short, say
    assert builder.verdict("m").status is Status.WRONG_ANSWER
    assert builder.verdict("m").hints[-1] == "The general hint."


def test_credit_below_the_pass_mark_is_a_wrong_answer() -> None:
    builder = VerdictBuilder(TARGET)
    builder.add(Check("option A", True))  # every chosen option right, but one missing
    builder.credit(1, 2)
    assert (builder.status, builder.score) == (Status.WRONG_ANSWER, 2.0)


def test_an_invalid_submission_gets_no_general_hint() -> None:
    empty = invalid_verdict(exercise("predict-output", "code: print(1)\n"), "a.txt: it is empty")
    assert empty.status is Status.INVALID_SUBMISSION and empty.score == 0.0
    assert empty.hints == (
        "If you think the program prints nothing, answer 'Nothing'.",
        "Submit a non-empty UTF-8 text file of at most 1 MB.",
    )
    assert invalid_verdict(TARGET, "a.txt: not UTF-8").hints == (
        "Submit a non-empty UTF-8 text file of at most 1 MB.",
    )


# -- failed runs ---------------------------------------------------------------------------


def test_a_failed_run_verdict_explains_the_error_and_keeps_the_output() -> None:
    outcome = crashed("ZeroDivisionError", "division by zero", line=2, stdout="start\n")
    verdict = failed_run_verdict(TARGET, outcome, "print('start')\nprint(1 / 0)\n")
    assert verdict.status is Status.RUNTIME_ERROR and verdict.score == 0.0
    assert (
        verdict.message
        == "The program stopped with an error: ZeroDivisionError: division by zero (line 2)"
    )
    assert verdict.error is not None and verdict.error.line == 2
    assert verdict.output == "start\n"
    assert len(verdict.hints) == 2 and "zero" in verdict.hints[0]
    assert verdict.hints[1] == "The general hint."


def test_recording_a_normal_run_as_a_failure_is_a_bug() -> None:
    with pytest.raises(ValueError):
        record_failure(VerdictBuilder(TARGET), ran("fine\n"), "")
    builder = VerdictBuilder(TARGET)
    assert record_failure(builder, timed_out(), "while True: pass\n") is Status.TIMEOUT
    assert builder.explained


# -- expected answers ----------------------------------------------------------------------


def test_a_plain_answer_matches_by_equality_or_its_own_rule() -> None:
    assert Plain("B").matches("B") and not Plain("B").matches("b")
    folded = Plain("B", equal=lambda expected, given: expected.casefold() == given.casefold())
    assert folded.matches("b")


def test_a_salted_answer_matches_only_through_its_digests() -> None:
    answer = Salted(
        SALT, frozenset({salted(SALT, "AC")}), lambda chosen: ("".join(sorted(chosen)),)
    )
    assert answer.matches(frozenset("CA")) and not answer.matches(frozenset("A"))
    assert not Salted("another salt", answer.digests, answer.forms).matches(frozenset("AC"))


def test_a_salted_answer_matches_any_of_its_forms() -> None:
    stems = Salted(
        SALT,
        frozenset({salted(SALT, "monit")}),
        lambda word: (word[:n] for n in range(2, len(word) + 1)),
    )
    assert stems.matches("monitoring") and not stems.matches("mon")


def test_a_form_that_cannot_be_hashed_matches_nothing() -> None:
    def unhashable(value: float) -> tuple[str]:
        raise Unhashable

    assert not Salted(SALT, frozenset({salted(SALT, "0.5")}), unhashable).matches(0.5)


@pytest.mark.parametrize(
    "actual, equal, presentation_only, spacing_inside",
    [
        ("A.L. T.\n", True, False, False),
        ("A.L.  T.  \n\n", False, True, False),
        ("A.L.\nT.\n", False, True, False),
        ("A. L. T.\n", False, False, True),
        ("A.L.T.\n", False, False, True),
        ("A.T.\n", False, False, False),
    ],
)
def test_locked_outputs_compare_as_plain_ones(
    actual: str, equal: bool, presentation_only: bool, spacing_inside: bool
) -> None:
    how = Comparison(Mode.WHITESPACE)
    plain = PlainOutput("A.L. T.\n", how)
    forms = canonical_forms("A.L. T.\n", Mode.WHITESPACE)
    locked = LockedOutput(SALT, digests(SALT, forms), how)
    for expected in (plain, locked):
        match = expected.compare(actual)
        assert (match.equal, match.presentation_only, match.spacing_inside) == (
            equal,
            presentation_only,
            spacing_inside,
        )
    assert (plain.text, locked.text) == ("A.L. T.\n", None)


def test_an_output_locked_without_tokens_keeps_spacing_a_presentation_error() -> None:
    forms = canonical_forms("A.L.\n", Mode.WHITESPACE)
    del forms["tokens"]  # locked before the tokens form existed
    match = LockedOutput(SALT, digests(SALT, forms)).compare("A. L.\n")
    assert match.presentation_only and not match.spacing_inside


def test_a_locked_output_check_shows_nothing_of_the_expected_output() -> None:
    locked = LockedOutput(SALT, digests(SALT, canonical_forms("4 2\n", Mode.WHITESPACE)))
    check, match = output_check("case", locked, "4\n2\n", points=2, hint="h")
    assert not check.passed and match.presentation_only
    assert check.expected is None and check.diff is None and check.hint == "h"
    assert check.message == f"only whitespace differs {LOCKED_NOTE}"
    check, match = output_check("case", locked, "42\n", points=2)
    assert (
        match.spacing_inside and check.message == f"only spaces inside a line differ {LOCKED_NOTE}"
    )
    check, _ = output_check("case", locked, "41\n", points=2, locked_message="not it")
    assert check.message == "not it" and check.max_points == 2 and check.points == 0


def test_a_plain_output_check_names_the_first_difference() -> None:
    check, match = output_check("case", PlainOutput("1\n2\n3\n"), "1\n2\n4\n", points=1)
    assert not check.passed and not match.presentation_only
    assert check.expected == "1\n2\n3\n" and check.diff and "line 3" in check.message
    passed, _ = output_check("case", PlainOutput("1\n"), "1\n", points=3)
    assert (passed.passed, passed.points, passed.max_points) == (True, 3, 3)


def test_a_digest_in_a_spec_without_a_lock_is_a_problem() -> None:
    reader = SpecReader(parse("id: x\nanswer_sha256: {answer: abc}\n", "x.yaml"))
    reader.salted(("answer_sha256", "answer"), "abc")
    assert [(p.line, p.field, p.message) for p in reader.problems] == [
        (2, "answer_sha256.answer", NOT_LOCKED)
    ]
    locked = SpecReader(parse(f"id: x\nlock: {{salt: {SALT}}}\n", "x.yaml"))
    assert locked.salted(("a",), salted(SALT, "B")).matches("B") and not locked.problems


def test_a_memo_candidate_is_digested_once_for_every_value_that_asks() -> None:
    calls: list[str] = []

    class Words(DigestMemo):
        def __init__(self, *words: str) -> None:
            super().__init__()
            self.words = words

    def forms(candidate: Words) -> tuple[str, ...]:
        calls.append("forms")
        return candidate.words

    terms = [Salted(SALT, frozenset({salted(SALT, word)}), forms) for word in ("drift", "alert")]
    answer = Words("watch", "for", "drift")
    assert [term.matches(answer) for term in terms] == [True, False]
    assert calls == ["forms"]
    assert not terms[0].matches(Words("nothing")) and calls == ["forms", "forms"]

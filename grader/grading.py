"""The grading core: `grade(exercise, submission, runner) -> Verdict`. Pure: no printing,
no exits; learner failures are verdicts, never exceptions."""

from __future__ import annotations

from collections.abc import Iterable

from grader import explanations, kinds
from grader.compare import Comparison, Match, Mode, compare, normalize
from grader.diff import describe_first_difference, unified
from grader.exercise import Exercise
from grader.runner import Runner
from grader.submission import Submission
from grader.verdict import Check, ErrorSummary, Status, Verdict, clip, ordered_hints, stable
from sandbox.outcome import Outcome
from sandbox.status import Status as RunStatus

_RUN_FAILURES = {
    RunStatus.SYNTAX_ERROR: Status.SYNTAX_ERROR,
    RunStatus.RUNTIME_ERROR: Status.RUNTIME_ERROR,
    RunStatus.FORBIDDEN: Status.FORBIDDEN,
    RunStatus.TIMEOUT: Status.TIMEOUT,
    RunStatus.MEMORY_LIMIT: Status.MEMORY_LIMIT,
    RunStatus.OUTPUT_LIMIT: Status.OUTPUT_LIMIT,
}
_RUN_MESSAGES = {
    Status.SYNTAX_ERROR: "The program does not compile",
    Status.RUNTIME_ERROR: "The program stopped with an error",
    Status.FORBIDDEN: "The program uses something exercises do not allow",
    Status.TIMEOUT: "The program did not finish in time",
    Status.MEMORY_LIMIT: "The program used too much memory",
    Status.OUTPUT_LIMIT: "The program printed too much",
}


def grade(exercise: Exercise, submission: Submission, runner: Runner) -> Verdict:
    """Grade one submission against one exercise."""
    kind = kinds.get(exercise.kind)
    if kind is None:  # the loader rejects unknown kinds; this guards library callers
        raise ValueError(f"unknown exercise kind {exercise.kind!r}")
    if submission.problem is not None:
        empty = submission.problem.endswith("it is empty")
        return invalid(exercise, submission.problem, kind.empty_answer_hint if empty else None)
    return kind.grade(exercise, submission, runner)


def verdict_for(
    exercise: Exercise,
    status: Status,
    score: float,
    message: str,
    checks: Iterable[Check] = (),
    hints: Iterable[str] = (),
    *,
    error: ErrorSummary | None = None,
    output: str | None = None,
) -> Verdict:
    """A verdict on `exercise` (its id, kind and points filled in)."""
    return Verdict(
        exercise=exercise.id,
        kind=exercise.kind,
        status=status,
        score=score,
        max_score=exercise.points,
        message=message,
        checks=tuple(checks),
        hints=tuple(hints),
        error=error,
        output=output,
    )


def invalid(exercise: Exercise, problem: str, hint: str | None = None) -> Verdict:
    message = f"The submission cannot be graded: {problem}"
    hints = ordered_hints(hint, "Submit a non-empty UTF-8 text file of at most 1 MB.")
    return verdict_for(exercise, Status.INVALID_SUBMISSION, 0.0, message, (), hints)


# -- helpers shared by kinds ---------------------------------------------------------------


def run_failure(outcome: Outcome) -> Status | None:
    """The verdict status for a run that did not end normally, or None."""
    return _RUN_FAILURES.get(outcome.status)


def error_summary(outcome: Outcome) -> ErrorSummary | None:
    error = outcome.error
    if error is None:
        return None
    return ErrorSummary(error.type, stable(error.message), error.line, stable(error.traceback))


def explain_outcome(outcome: Outcome, source: str) -> str | None:
    """The built-in plain-language explanation of a failed run."""
    error = outcome.error
    if error is None:
        return explanations.explain(str(outcome.status), "")
    line = error.text or _source_line(source, error.line)
    return explanations.explain(error.type, error.message, line)


def _source_line(source: str, line: int | None) -> str:
    lines = source.splitlines()
    return lines[line - 1] if line and 0 < line <= len(lines) else ""


def failed_run_verdict(
    exercise: Exercise, outcome: Outcome, source: str, *, checks: tuple[Check, ...] = ()
) -> Verdict:
    """A verdict for a learner program that crashed, hung or was refused."""
    status = run_failure(outcome)
    assert status is not None
    error = error_summary(outcome)
    detail = f": {error.type}: {error.message}" if error else ""
    where = f" (line {error.line})" if error and error.line else ""
    message = stable(f"{_RUN_MESSAGES[status]}{detail}{where}")
    hints = ordered_hints(explain_outcome(outcome, source), exercise.hint)
    output = clip(outcome.stdout)[0]
    return verdict_for(exercise, status, 0.0, message, checks, hints, error=error, output=output)


def output_check(
    name: str,
    expected: str,
    actual: str,
    how: Comparison,
    *,
    points: float = 0.0,
    hidden: bool = False,
    hint: str | None = None,
) -> tuple[Check, Match]:
    """Compare one output; the check carries a diff naming the first differing line."""
    match = compare(expected, actual, how)
    if match.equal:
        return Check.make(
            name,
            True,
            expected=expected,
            actual=actual,
            points=points,
            max_points=points,
            hidden=hidden,
        ), match
    regex = how.mode is Mode.REGEX
    if regex:
        where = "the output does not match the expected pattern"
    elif match.presentation_only:
        where = "only whitespace differs; " + describe_first_difference(expected, actual)
    else:
        where = describe_first_difference(normalize(expected), normalize(actual))
    check = Check.make(
        name,
        False,
        expected=f"output matching the pattern {expected!r}" if regex else expected,
        actual=actual,
        message=where,
        hint=hint,
        max_points=points,
        hidden=hidden,
        diff=None if regex else unified(expected, actual),
    )
    return check, match


def status_from_checks(checks: Iterable[Check], matches: Iterable[Match]) -> Status:
    """passed when every check passed; presentation_error when only whitespace is wrong."""
    checks, matches = list(checks), list(matches)
    if all(check.passed for check in checks):
        return Status.PASSED
    failed = [m for c, m in zip(checks, matches, strict=True) if not c.passed]
    if failed and all(m.presentation_only for m in failed):
        return Status.PRESENTATION_ERROR
    return Status.WRONG_ANSWER

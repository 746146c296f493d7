"""The one place that turns what a kind found into a verdict.

A kind reports checks, failures and its specific hints; `VerdictBuilder` decides:
- the score: `points × earned / possible`, from the checks' points (or from `credit()`);
- the status: the most urgent of the failed checks and the recorded failures;
- the hints, most specific first: the misconceptions found in this answer (see
  `grader.toolkit.misconceptions`), corrections (`hint(..., first=True)`), the failed
  checks' hints, the kind's own hints, the explanation of the first failed run, then the
  exercise's general hint when not passed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from grader.exercise import AnyExercise
from grader.toolkit.rules import Violation
from grader.verdict import Check, ErrorSummary, Status, Verdict, ordered_hints, stable

__all__ = ["SEVERITY", "VerdictBuilder", "invalid_verdict", "rules_verdict", "worst"]

SEVERITY = (
    Status.INVALID_SUBMISSION,
    Status.SYNTAX_ERROR,
    Status.FORBIDDEN,
    Status.TIMEOUT,
    Status.MEMORY_LIMIT,
    Status.OUTPUT_LIMIT,
    Status.RUNTIME_ERROR,
    Status.WRONG_ANSWER,
    Status.PRESENTATION_ERROR,
    Status.PASSED,
)
"""Verdict statuses from most to least urgent: a verdict shows the most urgent one."""


_URGENCY = {status: rank for rank, status in enumerate(SEVERITY)}


def worst(statuses: Iterable[Status]) -> Status:
    """The most urgent of `statuses`; passed when there are none."""
    return min(statuses, key=_URGENCY.__getitem__, default=Status.PASSED)


@dataclass(frozen=True)
class _Credit:
    earned: float
    possible: float
    pass_at: float


class VerdictBuilder:
    """Collects checks, failures and hints for one exercise, then builds its verdict."""

    def __init__(self, exercise: AnyExercise) -> None:
        self._exercise = exercise
        self._checks: list[Check] = []
        self._check_statuses: list[Status] = []
        self._failures: list[Status] = []
        self._hints: list[str | None] = []
        self._first_hints: list[str | None] = []
        self._diagnosis: list[str] = []
        self._explanation: str | None = None
        self._explained = False
        self._credit: _Credit | None = None

    @property
    def exercise(self) -> AnyExercise:
        return self._exercise

    @property
    def checks(self) -> tuple[Check, ...]:
        return tuple(self._checks)

    def add(self, check: Check, *, whitespace_only: bool = False) -> Check:
        """Record a check. A failed one counts as a wrong answer, or as a presentation
        error when `whitespace_only` (the answer is right but for whitespace)."""
        self._checks.append(check)
        if not check.passed:
            status = Status.PRESENTATION_ERROR if whitespace_only else Status.WRONG_ANSWER
            self._check_statuses.append(status)
        return check

    def hint(self, *hints: str | None, first: bool = False) -> None:
        """Hints about this answer's own mistake, most specific first (None is skipped);
        `first` ones (a correction of a wrong statement) come before the checks' hints."""
        (self._first_hints if first else self._hints).extend(hints)

    def diagnose(self, *hints: str) -> None:
        """The misconceptions proven on this answer: they come before every other hint."""
        self._diagnosis.extend(hints)

    def fail(self, status: Status = Status.WRONG_ANSWER) -> None:
        """Record a failure of the answer as a whole (no check stands for it)."""
        self._failures.append(status)

    def run_failed(self, status: Status, explanation: str | None) -> None:
        """Record a run that crashed, hung or was refused; only the first one's
        explanation is kept (see `grader.toolkit.runs.record_failure`)."""
        self._failures.append(status)
        if not self.explained:
            self._explained, self._explanation = True, explanation

    @property
    def explained(self) -> bool:
        """Whether a failed run was recorded (and with it, its explanation)."""
        return self._explained

    def credit(self, earned: float, possible: float, *, pass_at: float = 1.0) -> None:
        """Score by these units instead of the checks' points: the answer passes when
        `earned / possible >= pass_at`, whatever its checks say."""
        self._credit = _Credit(earned, possible, pass_at)

    @property
    def status(self) -> Status:
        if self._credit is None:
            if not self._failures:
                return worst(self._check_statuses)
            return worst([*self._check_statuses, *self._failures])
        credit = self._credit
        short = credit.possible <= 0 or credit.earned / credit.possible < credit.pass_at
        return worst([*self._failures, *([Status.WRONG_ANSWER] if short else [])])

    @property
    def score(self) -> float:
        if self._credit is not None:
            earned, possible = self._credit.earned, self._credit.possible
        else:
            earned = sum(check.points for check in self._checks)
            possible = sum(check.max_points for check in self._checks)
        points = self._exercise.points
        if possible <= 0:
            return 0.0
        if earned == possible:
            return points
        return points * earned / possible

    def hints(self, status: Status) -> tuple[str, ...]:
        """The hints for a verdict of `status`: the general hint is for answers that were
        graded and did not pass."""
        hints: list[str | None] = [*self._diagnosis, *self._first_hints]
        hints += [check.hint for check in self._checks if not check.passed]
        hints += self._hints
        hints.append(self._explanation)
        if status not in (Status.PASSED, Status.INVALID_SUBMISSION):
            hints.append(self._exercise.hint)
        return ordered_hints(hints)

    def verdict(
        self, message: str, *, error: ErrorSummary | None = None, output: str | None = None
    ) -> Verdict:
        status = self.status
        exercise = self._exercise
        return Verdict(
            exercise=exercise.id,
            kind=exercise.kind.name,
            status=status,
            score=self.score,
            max_score=exercise.points,
            message=stable(message),
            checks=tuple(self._checks),
            hints=self.hints(status),
            error=error,
            output=output,
        )


def invalid_verdict(exercise: AnyExercise, problem: str) -> Verdict:
    """The verdict on a submission that cannot be graded (empty, not UTF-8, too large)."""
    builder = VerdictBuilder(exercise)
    builder.fail(Status.INVALID_SUBMISSION)
    if problem.endswith("it is empty"):
        builder.hint(exercise.kind.empty_answer_hint)
    builder.hint("Submit a non-empty UTF-8 text file of at most 1 MB.")
    return builder.verdict(f"The submission cannot be graded: {problem}")


def rules_verdict(exercise: AnyExercise, broken: list[Violation]) -> Verdict:
    """The verdict on a solution that breaks the exercise's rules (`requires`, `forbids`):
    not run, no points, one failed check and one hint per broken rule."""
    builder = VerdictBuilder(exercise)
    for violation in broken:
        rule = violation.rule
        name = f"{'requires' if violation.required else 'forbids'} {rule.what}"
        builder.add(Check.make(name, False, message=violation.message, hint=violation.hint))
    builder.credit(0, 1)
    what = "; it ".join(violation.message for violation in broken)
    return builder.verdict(f"The solution breaks a rule of this exercise: it {what}.")

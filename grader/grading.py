"""The grading core: `grade(exercise, submission, runner) -> Verdict`. Pure: no printing,
no exits; learner failures are verdicts, never exceptions.

It only dispatches: the exercise's kind grades, with the toolkit below it
(`grader.toolkit`) deciding scores, statuses and the order of hints.
"""

from __future__ import annotations

from grader.exercise import AnyExercise
from grader.runner import Runner
from grader.submission import Submission
from grader.toolkit.rules import violations
from grader.toolkit.verdicts import invalid_verdict, rules_verdict
from grader.verdict import Verdict

__all__ = ["grade"]


def grade(exercise: AnyExercise, submission: Submission, runner: Runner) -> Verdict:
    """Grade one submission against one exercise: its rules on the code first, if any."""
    if submission.problem is not None:
        return invalid_verdict(exercise, submission.problem)
    if exercise.rules and (broken := violations(exercise.rules, submission.text or "")):
        return rules_verdict(exercise, broken)
    return exercise.kind.grade(exercise, submission, runner)

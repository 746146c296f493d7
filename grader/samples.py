"""Running an exercise's samples: each is graded as a learner's submission would be, and
every way its verdict differs from what the spec expects is reported."""

from __future__ import annotations

from dataclasses import dataclass

from grader.errors import Problem
from grader.exercise import AnyExercise
from grader.grading import grade
from grader.reports.common import number
from grader.runner import Runner
from grader.spec.samples import Sample
from grader.submission import Submission
from grader.verdict import Verdict

__all__ = ["SampleResult", "run_samples", "sample_problems"]

SCORE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class SampleResult:
    """A sample, the verdict it got (None when its file cannot be read), and what differs."""

    sample: Sample
    verdict: Verdict | None
    differences: tuple[str, ...]

    @property
    def agrees(self) -> bool:
        return not self.differences


def run_samples(exercise: AnyExercise, runner: Runner) -> list[SampleResult]:
    """Grade every sample of `exercise` and compare each verdict with its expectations."""
    results = []
    for sample in exercise.samples:
        if sample.file is not None and not sample.file.is_file():
            missing = f"no such sample file {sample.file} (paths are relative to the spec's folder)"
            results.append(SampleResult(sample, None, (missing,)))
            continue
        verdict = grade(exercise, _submission(sample, exercise.kind.answer), runner).public()
        results.append(SampleResult(sample, verdict, tuple(differences(sample, verdict))))
    return results


def sample_problems(exercise: AnyExercise, runner: Runner) -> list[Problem]:
    """A problem for every sample whose verdict is not what the spec says, at its line."""
    return [
        exercise.raw.problem(
            result.sample.path, f"{_label(result.sample)}: {'; '.join(result.differences)}"
        )
        for result in run_samples(exercise, runner)
        if result.differences
    ]


def differences(sample: Sample, verdict: Verdict) -> list[str]:
    """How `verdict` differs from what the sample expects (nothing: it agrees)."""
    found = []
    if verdict.status is not sample.status:
        found.append(f"expected {sample.status}, got {verdict.status} ({_clip(verdict.message)})")
    if sample.score is not None and abs(verdict.score - sample.score) > SCORE_TOLERANCE:
        found.append(
            f"expected a score of {number(sample.score)}, got {number(verdict.score)}"
            f" of {number(verdict.max_score)}"
        )
    if sample.hint is not None:
        wanted = sample.hint.casefold()
        if not any(wanted in hint.casefold() for hint in verdict.hints):
            shown = "; ".join(_clip(h, 80) for h in verdict.hints) or "none"
            found.append(f"no hint contains {sample.hint!r} (the hints: {shown})")
    return found


def _submission(sample: Sample, answer: str) -> Submission:
    """The sample as a submission: its text, or its file read as a learner's would be (an
    empty or binary file makes an invalid submission, as it would for a learner)."""
    if sample.file is None:
        filename = "sample.py" if answer == "code" else "sample.txt"
        return Submission.from_text(sample.text or "", filename)
    return Submission.from_path(sample.file)


def _label(sample: Sample) -> str:
    return f"sample '{sample.name}'"


def _clip(text: str, limit: int = 120) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"

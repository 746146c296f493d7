"""What the report renderers read: results, exercise facts, and the first-pass summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from grader.verdict import Status, Verdict


@dataclass(frozen=True)
class Result:
    """One graded submission of a batch."""

    learner: str
    exercise: str
    """The exercise id."""
    submission: str
    """The submission's path relative to the batch directory."""
    digest: str
    """sha256 hex of the submission bytes."""
    verdict: Verdict
    """Already the learner-facing `verdict.public()`."""


@dataclass(frozen=True)
class ExerciseInfo:
    """What the reports show of an exercise."""

    id: str
    title: str
    kind: str
    topic: str
    max_score: float


ResultSource = Callable[[], Iterator[Result]]
"""Each call yields all results again, sorted by (learner, exercise)."""


class ReportWriter(Protocol):
    """A renderer fed one learner at a time."""

    def add(self, learner: str, results: list[Result]) -> None:
        """One learner's results, in exercise order."""

    def close(self) -> None:
        """Finish the report (write what was held back) and free temporary space."""

    def discard(self) -> None:
        """Free temporary space without finishing (after an error); safe after close."""


MAX_DISTINCT = 256
"""Distinct mistakes (or failing checks) counted per exercise; the rest are counted as other."""


class BoundedCounter:
    """A Counter that counts at most `limit` distinct keys; later new keys count in `other`,
    apart from every key (a mistake text can be anything, "(other)" too).

    Mistake texts can quote learner code, so an unbounded Counter could grow with the batch.
    """

    def __init__(self, limit: int = MAX_DISTINCT) -> None:
        self.limit = limit
        self.counts: Counter[str] = Counter()
        self.other = 0

    def add(self, key: str) -> None:
        if key in self.counts or len(self.counts) < self.limit:
            self.counts[key] += 1
        else:
            self.other += 1

    def top(self, n: int) -> list[tuple[str, int]]:
        """The `n` most common keys, most common first, ties in key order."""
        return sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))[:n]


@dataclass
class ExerciseStats:
    """Aggregates of one exercise over the whole batch."""

    submissions: int = 0
    passed: int = 0
    score_sum: float = 0.0
    statuses: Counter[str] = field(default_factory=Counter)
    mistakes: BoundedCounter = field(default_factory=BoundedCounter)
    """The most specific hint of each verdict that did not pass."""
    failed_checks: BoundedCounter = field(default_factory=BoundedCounter)

    def add(self, verdict: Verdict) -> None:
        self.submissions += 1
        self.passed += verdict.passed
        self.score_sum += verdict.score
        self.statuses[verdict.status.value] += 1
        if verdict.status is not Status.PASSED:
            if verdict.hints:
                self.mistakes.add(verdict.hints[0])
            for check in verdict.checks:
                if not check.passed:
                    self.failed_checks.add(check.name)

    @property
    def pass_rate(self) -> float:
        return self.passed / self.submissions if self.submissions else 0.0

    @property
    def mean_score(self) -> float:
        return self.score_sum / self.submissions if self.submissions else 0.0


@dataclass
class Summary:
    """The first pass over the results: which exercises are columns, and their aggregates."""

    exercises: dict[str, ExerciseInfo]
    """Every exercise given or graded, in id order."""
    stats: dict[str, ExerciseStats]
    learners: int = 0
    submissions: int = 0

    @property
    def max_total(self) -> float:
        return sum(info.max_score for info in self.exercises.values())

    @classmethod
    def collect(cls, results: Iterable[Result], exercises: Mapping[str, ExerciseInfo]) -> Summary:
        """One streaming pass; memory grows with the exercises, never with the submissions."""
        infos = dict(exercises)
        stats: dict[str, ExerciseStats] = {}
        learners = submissions = 0
        previous: str | None = None
        for result in results:
            submissions += 1
            if result.learner != previous:
                learners += 1
                previous = result.learner
            verdict = result.verdict
            if result.exercise not in exercises:
                known = infos.get(result.exercise)
                if known is None or verdict.max_score > known.max_score:
                    infos[result.exercise] = ExerciseInfo(
                        result.exercise, result.exercise, verdict.kind, "", verdict.max_score
                    )
            stats.setdefault(result.exercise, ExerciseStats()).add(verdict)
        ordered = {key: infos[key] for key in sorted(infos)}
        return cls(
            exercises=ordered,
            stats={key: stats.get(key, ExerciseStats()) for key in ordered},
            learners=learners,
            submissions=submissions,
        )


def in_order(results: Iterable[Result]) -> Iterator[Result]:
    """The results, checked to come sorted by (learner, exercise) in code point order."""
    previous: tuple[str, str] | None = None
    for result in results:
        key = (result.learner, result.exercise)
        if previous is not None and key < previous:
            raise ValueError(
                f"results must be sorted by (learner, exercise): {key!r} came after {previous!r}"
            )
        previous = key
        yield result


def by_learner(results: Iterable[Result]) -> Iterator[tuple[str, list[Result]]]:
    """Each learner with their results (in exercise order); one learner in memory at a time."""
    learner: str | None = None
    group: list[Result] = []
    for result in results:
        if result.learner != learner:
            if group:
                yield learner or "", group
            learner, group = result.learner, []
        group.append(result)
    if group:
        yield learner or "", group


def best_by_exercise(results: Iterable[Result]) -> dict[str, Result]:
    """One learner's result per exercise: the highest score (the later one on ties)."""
    best: dict[str, Result] = {}
    for result in results:
        kept = best.get(result.exercise)
        if kept is None or result.verdict.score >= kept.verdict.score:
            best[result.exercise] = result
    return best

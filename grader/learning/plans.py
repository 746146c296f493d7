"""What a practice session or a quiz asks, and what a quiz and the progress report say.

Pure functions of the bank, the store's contents and the time: nothing here prints.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from grader.exercise import QUESTION_LEVELS, AnyExercise, Difficulty
from grader.learning.store import Attempt

QUIZ_SHARES = {Difficulty.EASY: 0.4, Difficulty.MEDIUM: 0.4, Difficulty.HARD: 0.2}
"""How a quiz splits its questions across difficulties (10: 4 easy, 4 medium, 2 hard)."""
STRONG_SHARE = 0.8
"""A pattern is strong at 80% right overall, with at least half right at every level."""


def practice_plan(
    exercises: Sequence[AnyExercise],
    schedule: dict[str, datetime],
    attempted: Iterable[str],
    when: datetime,
    count: int,
    *,
    ahead: bool,
) -> list[AnyExercise]:
    """Up to `count` exercises: those due first (the most overdue first), then new ones in
    bank order; with `ahead` (a topic was chosen), then the others, the soonest due first."""
    seen = set(attempted)
    due = sorted(
        (e for e in exercises if e.id in schedule and schedule[e.id] <= when),
        key=lambda e: schedule[e.id],
    )
    new = [e for e in exercises if e.id not in seen and e.id not in schedule]
    chosen = [*due, *new]
    if ahead:
        rest = [e for e in exercises if e not in chosen]
        far = datetime.max.replace(tzinfo=when.tzinfo)
        chosen += sorted(rest, key=lambda e: schedule.get(e.id, far))
    return chosen[:count]


def quiz_plan(exercises: Sequence[AnyExercise], count: int, seed: int) -> list[AnyExercise]:
    """`count` questions drawn across easy, medium and hard with `seed`, easy ones first.

    Each level gets its share (`QUIZ_SHARES`); what a level lacks goes to the others."""
    rng = random.Random(seed)
    pools = {
        level: sorted((e for e in exercises if e.difficulty is level), key=lambda e: e.id)
        for level in QUESTION_LEVELS
    }
    for pool in pools.values():
        rng.shuffle(pool)
    total = min(count, sum(len(pool) for pool in pools.values()))
    wanted = {level: round(total * share) for level, share in QUIZ_SHARES.items()}
    wanted[Difficulty.HARD] = total - wanted[Difficulty.EASY] - wanted[Difficulty.MEDIUM]
    taken = {level: min(wanted[level], len(pools[level])) for level in QUESTION_LEVELS}
    while sum(taken.values()) < total:  # give what a level lacks to the others, in order
        for level in QUESTION_LEVELS:
            if len(pools[level]) > taken[level] and sum(taken.values()) < total:
                taken[level] += 1
    return [e for level in QUESTION_LEVELS for e in pools[level][: taken[level]]]


@dataclass(frozen=True)
class QuizReport:
    by_level: tuple[tuple[Difficulty, int, int], ...]
    """(level, right, asked) for each level asked."""
    missed: tuple[str, ...]

    @property
    def strong(self) -> bool:
        right = sum(r for _, r, _ in self.by_level)
        asked = sum(n for _, _, n in self.by_level)
        levels_ok = all(2 * r >= n for _, r, n in self.by_level)
        return asked > 0 and right >= STRONG_SHARE * asked and levels_ok

    def summary(self) -> str:
        """`easy 4/4, medium 3/4, hard 0/2: this pattern is not strong yet`."""
        parts = ", ".join(f"{level} {right}/{asked}" for level, right, asked in self.by_level)
        verdict = "this pattern is strong" if self.strong else "this pattern is not strong yet"
        return f"{parts}: {verdict}"


def quiz_report(questions: Sequence[AnyExercise], passed: dict[str, bool]) -> QuizReport:
    levels = []
    for level in QUESTION_LEVELS:
        asked = [q for q in questions if q.difficulty is level]
        if asked:
            levels.append((level, sum(1 for q in asked if passed.get(q.id)), len(asked)))
    missed = tuple(q.id for q in questions if not passed.get(q.id))
    return QuizReport(tuple(levels), missed)


@dataclass(frozen=True)
class TopicProgress:
    topic: str
    total: int
    attempted: int
    passed: int
    """Exercises whose latest attempt passed."""
    due: int
    """Scheduled exercises due now."""
    next_due: datetime | None

    @property
    def mastery(self) -> float:
        return self.passed / self.total if self.total else 0.0


def topic_progress(
    exercises: Sequence[AnyExercise],
    latest: dict[str, Attempt],
    schedule: dict[str, datetime],
    when: datetime,
) -> list[TopicProgress]:
    """Per topic: how many exercises were tried, how many passed last time, how many are
    due now and when the next one is."""
    topics = sorted({e.topic for e in exercises})
    rows = []
    for topic in topics:
        ids = [e.id for e in exercises if e.topic == topic]
        times = [schedule[i] for i in ids if i in schedule]
        rows.append(
            TopicProgress(
                topic=topic,
                total=len(ids),
                attempted=sum(1 for i in ids if i in latest),
                passed=sum(1 for i in ids if i in latest and latest[i].passed),
                due=sum(1 for t in times if t <= when),
                next_due=min(times, default=None),
            )
        )
    return rows

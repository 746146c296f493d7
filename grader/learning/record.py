"""Remembering one answered question: the attempt, and its next review when it has one."""

from __future__ import annotations

import hashlib
from datetime import datetime

from grader.exercise import AnyExercise
from grader.learning.schedule import needs_schedule, review
from grader.learning.store import Attempt, ProgressStore, now
from grader.verdict import Verdict

GAVE_UP = "gave_up"
"""The status of an attempt where the learner asked for the solution without passing."""


def digest(answer: str) -> str:
    return hashlib.sha256(answer.encode("utf-8", "surrogatepass")).hexdigest()


def attempt(
    store: ProgressStore,
    exercise: AnyExercise,
    answer: str,
    verdict: Verdict | None,
    *,
    mode: str,
    session: int | None,
) -> None:
    """Store one attempt; `verdict` None when the learner gave up without an answer."""
    level = exercise.difficulty.value if exercise.difficulty else None
    store.record(
        Attempt(
            exercise=exercise.id,
            topic=exercise.topic,
            kind=exercise.kind.name,
            difficulty=level,
            digest=digest(answer),
            status=verdict.status.value if verdict else GAVE_UP,
            score=verdict.score if verdict else 0.0,
            max_score=exercise.points,
            at=now().isoformat(),
            mode=mode,
            session=session,
        )
    )


def reschedule(store: ProgressStore, exercise: AnyExercise, rating: str) -> datetime | None:
    """Review the exercise's card with `rating` (when it has, or now needs, one); its next
    due time, or None when it is not scheduled."""
    card = store.card(exercise.id)
    if not needs_schedule(exercise.kind.name, rating, card is not None):
        return None
    updated, due = review(card, rating, now())
    store.save_card(exercise.id, updated, due)
    return due

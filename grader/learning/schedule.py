"""Spaced repetition with FSRS: when a recall card or a missed question comes back.

Recall cards are rated by the learner (again, hard, good, easy). A question is rated by how
it went: `again` when it was missed (wrong, or given up), `hard` when it passed after
wrong tries or hints, `good` at the first try. A question gets a schedule once it is
missed; one that always passed at the first try is done and does not come back.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import fsrs

RATINGS = ("again", "hard", "good", "easy")


@cache
def _scheduler() -> fsrs.Scheduler:
    import fsrs

    return fsrs.Scheduler(enable_fuzzing=False)  # the same history always gives the same dates


def question_rating(passed: bool, tries: int, hints: int) -> str:
    """How a question went, as an FSRS rating."""
    if not passed:
        return "again"
    return "good" if tries == 1 and hints == 0 else "hard"


def needs_schedule(kind: str, rating: str, scheduled: bool) -> bool:
    """Recall cards are always scheduled; questions once they have been missed."""
    return kind == "recall" or scheduled or rating == "again"


def review(card: str | None, rating: str, when: datetime) -> tuple[str, datetime]:
    """The card (FSRS JSON; None for a new one) after a review with `rating` at `when`, and
    when it is due next."""
    import fsrs

    current = fsrs.Card.from_json(card) if card else fsrs.Card(due=when)
    grade = fsrs.Rating(RATINGS.index(rating) + 1)
    updated, _ = _scheduler().review_card(current, grade, when)
    return updated.to_json(), updated.due

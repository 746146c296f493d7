"""recall: a question and its short answer, as on a flash card ("click to reveal").

The learner recalls the answer, reveals it, then rates how well they knew it: `again`,
`hard`, `good` or `easy` (or 1-4). That rating is the submission: `again` does not pass,
the others do. Practice schedules the card's next review from it (FSRS).

A card states its `question` and `answer`; its title, prompt and solution come from them.
The answer stays readable in a locked bank: showing it is what the card is for, and nothing
is graded against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from grader.exercise import Difficulty, Exercise, Kind, Presentation, Reveal
from grader.runner import Runner
from grader.spec.reader import SpecReader
from grader.submission import Submission
from grader.toolkit.verdicts import VerdictBuilder
from grader.verdict import ANSWER_LABEL, Check, Verdict

RATINGS = ("again", "hard", "good", "easy")
"""How well the learner recalled the answer, worst first (FSRS's ratings 1-4)."""
_CREDIT = {"again": 0.0, "hard": 0.5, "good": 1.0, "easy": 1.0}


@dataclass(frozen=True)
class Body:
    question: str
    answer: str


_RATED = re.compile(r"(again|hard|good|easy)\s*(?:[-\u2013\u2014:,;.(]|$)")
"""A rating word that a comment follows: `easy - I knew it`, `hard: I mixed up the two`."""


def rating_of(text: str) -> str | None:
    """`again`/`hard`/`good`/`easy` (any case, or 1-4, or its initial), or the rating word
    before a comment; None otherwise (an initial alone only: `a class...` is no rating)."""
    word = text.strip().casefold()
    if word.isdigit() and 1 <= int(word) <= len(RATINGS):
        return RATINGS[int(word) - 1]
    for rating in RATINGS:
        if word in (rating, rating[0]):
            return rating
    found = _RATED.match(word)
    return found.group(1) if found else None


class Recall(Kind[Body]):
    name = "recall"
    answer = "text"
    summary = "Recall the answer, reveal it, then rate how well you knew it."
    difficulties = (Difficulty.BEGINNER, Difficulty.INTERMEDIATE)
    derived = ("title", "difficulty", "prompt", "hint", "solution")
    empty_answer_hint = (
        "Rate your recall with one word: again, hard, good or easy (a comment may follow, "
        "as in `easy - I knew it`). `grader practice` shows the card and reveals its answer."
    )
    properties: ClassVar[dict[str, Any]] = {
        "question": {"type": "string", "minLength": 1, "description": "The card's front."},
        "answer": {
            "type": "string",
            "minLength": 1,
            "description": "The card's back: a short answer, shown when the learner reveals it.",
        },
    }
    required = ("question", "answer")
    template = """\
# The front of the card: one question with a short answer.
question: "TODO: the question"
# The back of the card, shown when the learner reveals it.
answer: "TODO: the answer, in a sentence or two"
# Optional: beginner or intermediate.
difficulty: beginner
"""

    def derive(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "title": data["question"],
            "prompt": data["question"],
            "hint": "",
            "solution": [data["answer"]],
        }

    def parse(self, spec: SpecReader) -> Body:
        data = spec.data
        if "prompt" in data:
            spec.problem(("prompt",), "a recall card asks its `question`; remove `prompt`")
        return Body(data["question"], data["answer"])

    def grade(self, exercise: Exercise[Body], submission: Submission, runner: Runner) -> Verdict:
        builder = VerdictBuilder(exercise)
        rating = rating_of(submission.text or "")
        if rating is None:
            builder.fail()
            builder.hint(self.empty_answer_hint)
            return builder.verdict(
                "A recall card takes a rating of how well you recalled it, not the answer itself."
            )
        credit = _CREDIT[rating]
        passed = rating != "again"
        points = exercise.points
        builder.add(
            Check.make(
                "recall",
                passed,
                actual=rating,
                actual_label=ANSWER_LABEL,
                message=f"rated {rating}",
                points=points * credit if passed else 0.0,
                max_points=points,
            )
        )
        if not passed:
            return builder.verdict("Not recalled yet: the card comes back soon.")
        return builder.verdict(f"Recalled ({rating}).")

    def present(self, exercise: Exercise[Body]) -> Presentation:
        return Presentation(
            notes=("Recall the answer, reveal it, then rate yourself: again, hard, good or easy.",)
        )

    def reveal(self, exercise: Exercise[Body], runner: Runner) -> Reveal:
        return Reveal(answer=exercise.body.answer)

    def lock(
        self, exercise: Exercise[Body], data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        return data, []  # the answer is there to be shown; nothing is graded against it


KIND = Recall()

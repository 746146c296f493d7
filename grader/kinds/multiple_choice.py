"""multiple-choice: options A, B, C...; one or more correct; each wrong option explains the
common mistake behind it. Learners answer with letters (`B`, `A, C`) or an option's text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from grader.digests import LOCKED_DIGESTS
from grader.exercise import Exercise, Kind, Presentation, Reveal
from grader.runner import Runner
from grader.spec.reader import SpecReader
from grader.submission import Submission
from grader.toolkit.choices import (
    OPTION_SCHEMA,
    Option,
    correct_answer,
    grade_choice,
    lock_options,
    parse_options,
    reveal_options,
)
from grader.toolkit.expected import Expected, Plain
from grader.verdict import Verdict


@dataclass(frozen=True)
class Body:
    options: tuple[Option, ...]
    correct: Expected[frozenset[str]]
    """The correct letters; locked, known only by their digest."""
    multiple: bool = False


def _check_repeats(spec: SpecReader, declared: str | list[str]) -> None:
    """`answer: [A, A, B]` names A twice."""
    if isinstance(declared, str):
        return
    repeated = sorted({label for label in declared if declared.count(label) > 1})
    if repeated:
        spec.problem(("answer",), f"names {', '.join(repeated)} more than once; list each once")


class MultipleChoice(Kind[Body]):
    name = "multiple-choice"
    answer = "text"
    summary = "Pick the correct option(s)."
    properties: ClassVar[dict[str, Any]] = {
        "options": OPTION_SCHEMA,
        "answer": {
            "description": "Optional; must name exactly the options marked correct.",
            "oneOf": [
                {"type": "string", "pattern": "^[A-Z]$"},
                {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]$"}, "minItems": 1},
            ],
            "examples": ["B", ["A", "C"]],
        },
        "answer_sha256": LOCKED_DIGESTS,
        "multiple": {"type": "boolean", "description": "Written by `grader lock`."},
    }
    required = ("options",)
    template = """\
# Options are labelled A, B, C... in this order. One or more are correct.
options:
  - text: "TODO: the correct option"
    correct: true
  - text: "TODO: a wrong option"
    feedback: "TODO: the common mistake behind it"
  - text: "TODO: another wrong option"
    feedback: "TODO: the common mistake behind it"
# The correct letter(s); `grader validate` checks it against `correct:`.
answer: A
"""

    def parse(self, spec: SpecReader) -> Body:
        options = parse_options(spec)
        correct = correct_answer(spec, options)
        if not isinstance(correct, Plain):
            return Body(options, correct, bool(spec.data.get("multiple", False)))
        body = Body(options, correct, multiple=len(correct.answer) > 1)
        declared = spec.data.get("answer")
        if declared is not None:
            _check_repeats(spec, declared)
            labels = {declared} if isinstance(declared, str) else set(declared)
            unknown = sorted(labels - {o.label for o in body.options})
            if unknown:
                spec.problem(("answer",), f"names options that do not exist: {', '.join(unknown)}")
            elif labels != correct.answer:
                spec.problem(
                    ("answer",),
                    f"says {', '.join(sorted(labels))} but the options marked correct "
                    f"are {', '.join(sorted(correct.answer))}",
                )
        return body

    def grade(self, exercise: Exercise[Body], submission: Submission, runner: Runner) -> Verdict:
        body = exercise.body
        return grade_choice(exercise, body.options, body.correct, submission.text or "")

    def lock(
        self, exercise: Exercise[Body], data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        return data, lock_options(data, salt)

    def present(self, exercise: Exercise[Body]) -> Presentation:
        many = exercise.body.multiple
        notes = ("More than one option is correct: give all their letters.",) if many else ()
        return Presentation(
            options=tuple(f"{o.label}. {o.text}" for o in exercise.body.options), notes=notes
        )

    def reveal(self, exercise: Exercise[Body], runner: Runner) -> Reveal:
        return reveal_options(exercise.body.options, exercise.body.correct)


KIND = MultipleChoice()

"""multiple-choice: options A, B, C...; one or more correct; each wrong option explains the
common mistake behind it. Learners answer with letters (`B`, `A, C`) or an option's text."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Any, ClassVar

from grader.digests import LOCKED_DIGESTS, salted
from grader.exercise import Exercise
from grader.grading import verdict_for
from grader.kinds import register
from grader.kinds.base import Kind, Presentation, SpecReader
from grader.runner import Runner
from grader.submission import Submission
from grader.verdict import Check, Status, Verdict, ordered_hints

LABELS = string.ascii_uppercase


@dataclass(frozen=True)
class Option:
    label: str
    text: str
    correct: bool
    feedback: str | None = None


@dataclass(frozen=True)
class Body:
    options: tuple[Option, ...]
    answer_digest: str | None = None
    """Locked: the digest of the correct letters; `correct` flags are then absent."""
    multiple: bool = False

    @property
    def correct(self) -> frozenset[str]:
        return frozenset(o.label for o in self.options if o.correct)

    def by_label(self, label: str) -> Option:
        return self.options[LABELS.index(label)]


OPTION_SCHEMA: dict[str, Any] = {
    "type": "array",
    "minItems": 2,
    "maxItems": 26,
    "items": {
        "type": "object",
        "properties": {
            "text": {"type": "string", "minLength": 1},
            "correct": {"type": "boolean", "default": False},
            "feedback": {"type": "string", "minLength": 1, "description": "The mistake behind it."},
        },
        "required": ["text"],
        "additionalProperties": False,
    },
}


def parse_options(spec: SpecReader, key: str = "options") -> tuple[Option, ...]:
    """Options with labels; every wrong option must say which mistake it stands for."""
    items = spec.data[key]
    options = tuple(
        Option(LABELS[i], item["text"], bool(item.get("correct", False)), item.get("feedback"))
        for i, item in enumerate(items)
    )
    _check_texts(spec, key, options)
    if "lock" in spec.data:
        return options
    if not any(o.correct for o in options):
        spec.problem((key,), "no option is marked `correct: true`")
    elif len(options) > 1 and all(o.correct for o in options):
        spec.problem(
            (key,),
            "every option is marked `correct: true`, so any answer is right; "
            "add wrong options that stand for common mistakes",
        )
    for index, option in enumerate(options):
        if not option.correct and not option.feedback:
            spec.problem((key, index), "a wrong option needs `feedback`: the mistake behind it")
    return options


def _check_texts(spec: SpecReader, key: str, options: tuple[Option, ...]) -> None:
    seen: dict[str, int] = {}
    for index, option in enumerate(options):
        folded = _fold(option.text, case=True)
        if folded in seen:
            spec.problem((key, index, "text"), f"same text as option {LABELS[seen[folded]]}")
        seen.setdefault(folded, index)
        named = _as_letters(option.text, options)
        if named is not None and named != {option.label}:
            spec.problem(
                (key, index, "text"),
                f"reads as the letters {letters(named)}: a learner answering "
                f"{letters(named)} would get this option; reword it",
            )


def letters(labels: frozenset[str]) -> str:
    return "".join(sorted(labels))


def lock_options(data: dict[str, Any], salt: str, key: str = "options") -> list[str]:
    """Replace `correct` flags (and `answer`) by a digest of the correct letters."""
    options = [dict(item) for item in data[key]]
    correct = frozenset(LABELS[i] for i, item in enumerate(options) if item.pop("correct", False))
    data[key] = options
    data.pop("answer", None)
    data["answer_sha256"] = {"answer": salted(salt, letters(correct))}
    data["multiple"] = len(correct) > 1
    silent = [LABELS[i] for i, item in enumerate(options) if "feedback" not in item]
    if silent:
        return [
            f"options {', '.join(silent)} have no feedback, which points at the correct "
            "ones; give every option feedback"
        ]
    return []


def _fold(text: str, *, case: bool = False) -> str:
    """Whitespace collapsed and a final full stop dropped; case folded unless `case`."""
    folded = " ".join(text.split()).strip(" .")
    return folded if case else folded.casefold()


_PREFIX = re.compile(r"^\s*(?:the\s+)?(?:answer|options?)(?:\s+is)?\s*[:\-]?\s*", re.IGNORECASE)
_SEPARATED = re.compile(
    r"^\(?([a-z])\)?(?:\s*(?:,|;|/|&|\band\b|\s)\s*\(?([a-z])\)?)*\.?$", re.IGNORECASE
)


def parse_answer(answer: str, options: tuple[Option, ...]) -> frozenset[str] | None:
    """The labels chosen, from letters or an option's text; None when it names no option.

    Accepts `B`, `b)`, `(b)`, `A, C`, `A and C`, `AC` (compact letters in capitals only, so
    that a word is never read as letters) and the full text of one option.
    """
    exact = {_fold(o.text, case=True): o.label for o in options}
    if _fold(answer, case=True) in exact:
        return frozenset({exact[_fold(answer, case=True)]})
    folded = [o.label for o in options if _fold(o.text) == _fold(answer)]
    if len(folded) == 1:
        return frozenset(folded)
    return _as_letters(answer, options)


def _as_letters(answer: str, options: tuple[Option, ...]) -> frozenset[str] | None:
    """The labels an answer names as letters, or None when it is not letters."""
    text = _PREFIX.sub("", answer.strip()).strip()
    if _SEPARATED.fullmatch(text):
        letters = re.findall(r"\b[a-z]\b|(?<=\()[a-z](?=\))", text, flags=re.IGNORECASE)
    elif re.fullmatch(r"[A-Z]{2,26}\.?", text):
        letters = list(text.rstrip("."))
    else:
        return None
    chosen = frozenset(letter.upper() for letter in letters)
    if len(chosen) != len(letters) or not chosen <= {o.label for o in options}:
        return None
    return chosen


def grade_choice(
    exercise: Exercise, options: tuple[Option, ...], answer: str, answer_digest: str | None = None
) -> Verdict:
    """Shared by multiple-choice and find-the-error (option form)."""
    correct = frozenset(o.label for o in options if o.correct)
    chosen = parse_answer(answer, options)
    last = LABELS[len(options) - 1]
    if chosen is not None and exercise.lock_salt is not None and answer_digest is not None:
        return _grade_locked(exercise, options, chosen, answer_digest)
    if chosen is None:
        return verdict_for(
            exercise,
            Status.WRONG_ANSWER,
            0.0,
            f"Answer with the letter of an option (A-{last}) or its text.",
            (),
            ordered_hints(f"Options run from A to {last}.", exercise.hint),
        )
    # One check per chosen option only: listing unchosen correct options would give them away.
    checks = tuple(_option_check(o) for o in options if o.label in chosen)
    if chosen == correct:
        return verdict_for(exercise, Status.PASSED, exercise.points, "Correct.", checks, ())
    wrong = [o for o in options if o.label in chosen and not o.correct]
    right = len(chosen & correct) - len(wrong)
    score = exercise.points * max(0, right) / len(correct) if len(correct) > 1 else 0.0
    missing = len(correct - chosen)
    hints = [o.feedback for o in wrong if o.feedback]
    if missing and not wrong:
        hints.append(f"{missing} more option{'s are' if missing > 1 else ' is'} also correct.")
    picked = ", ".join(sorted(chosen))
    if len(correct) == 1:
        message = f"Not quite: {picked} is not the correct answer."
    else:
        message = f"Not quite: {picked} is not the complete, correct set of answers."
    return verdict_for(
        exercise, Status.WRONG_ANSWER, score, message, checks, ordered_hints(hints, exercise.hint)
    )


def _grade_locked(
    exercise: Exercise, options: tuple[Option, ...], chosen: frozenset[str], digest: str
) -> Verdict:
    """Locked: only the whole answer can be checked; feedback of the chosen options is shown."""
    assert exercise.lock_salt is not None
    if salted(exercise.lock_salt, letters(chosen)) == digest:
        check = Check.make(
            "answer",
            True,
            actual=letters(chosen),
            points=exercise.points,
            max_points=exercise.points,
        )
        return verdict_for(exercise, Status.PASSED, exercise.points, "Correct.", (check,), ())
    check = Check.make(
        "answer",
        False,
        actual=", ".join(sorted(chosen)),
        message="not the correct answer",
        max_points=exercise.points,
    )
    feedback = [o.feedback for o in options if o.label in chosen and o.feedback]
    message = f"Not quite: {', '.join(sorted(chosen))} is not the correct answer."
    return verdict_for(
        exercise,
        Status.WRONG_ANSWER,
        0.0,
        message,
        (check,),
        ordered_hints(feedback, exercise.hint),
    )


def _option_check(option: Option) -> Check:
    """The check for a chosen option."""
    if option.correct:
        return Check.make(f"option {option.label}", True, message="correct")
    message = f"{option.label} is not correct"
    return Check.make(f"option {option.label}", False, message=message, hint=option.feedback)


def _check_repeats(spec: SpecReader, declared: str | list[str]) -> None:
    """`answer: [A, A, B]` names A twice."""
    if isinstance(declared, str):
        return
    repeated = sorted({label for label in declared if declared.count(label) > 1})
    if repeated:
        spec.problem(("answer",), f"names {', '.join(repeated)} more than once; list each once")


class MultipleChoice(Kind):
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
        if "lock" in spec.data:
            digest = spec.data.get("answer_sha256", {}).get("answer")
            if digest is None:
                spec.problem(("answer_sha256",), "a locked exercise needs answer_sha256.answer")
            return Body(options, digest, bool(spec.data.get("multiple", False)))
        body = Body(options, multiple=sum(o.correct for o in options) > 1)
        declared = spec.data.get("answer")
        if declared is not None:
            _check_repeats(spec, declared)
            labels = {declared} if isinstance(declared, str) else set(declared)
            unknown = sorted(labels - {o.label for o in body.options})
            if unknown:
                spec.problem(("answer",), f"names options that do not exist: {', '.join(unknown)}")
            elif labels != body.correct:
                spec.problem(
                    ("answer",),
                    f"says {', '.join(sorted(labels))} but the options marked correct "
                    f"are {', '.join(sorted(body.correct))}",
                )
        return body

    def grade(self, exercise: Exercise, submission: Submission, runner: Runner) -> Verdict:
        body: Body = exercise.body
        return grade_choice(exercise, body.options, submission.text or "", body.answer_digest)

    def lock(
        self, exercise: Exercise, data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        return data, lock_options(data, salt)

    def present(self, exercise: Exercise) -> Presentation:
        body: Body = exercise.body
        many = body.multiple
        notes = ("More than one option is correct: give all their letters.",) if many else ()
        return Presentation(
            options=tuple(f"{o.label}. {o.text}" for o in body.options), notes=notes
        )


register(MultipleChoice())

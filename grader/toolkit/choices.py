"""Options to choose from (multiple-choice, and find-the-error in its option form): reading
them, reading a learner's choice, grading it, and locking the correct letters."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Any

from grader.digests import salted
from grader.exercise import AnyExercise
from grader.spec.reader import SpecReader
from grader.toolkit.expected import Expected, Plain
from grader.toolkit.verdicts import VerdictBuilder
from grader.verdict import Check, Verdict

__all__ = [
    "LABELS",
    "OPTION_SCHEMA",
    "Option",
    "correct_answer",
    "grade_choice",
    "letters",
    "lock_options",
    "parse_choice",
    "parse_options",
    "verdict_word",
]

LABELS = string.ascii_uppercase


@dataclass(frozen=True)
class Option:
    label: str
    text: str
    correct: bool
    feedback: str | None = None


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
    if spec.locked:
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


def correct_answer(spec: SpecReader, options: tuple[Option, ...]) -> Expected[frozenset[str]]:
    """The correct letters: from the `correct` flags, or (locked) `answer_sha256.answer`."""
    if not spec.locked:
        return Plain(frozenset(o.label for o in options if o.correct))
    digest = spec.data.get("answer_sha256", {}).get("answer")
    if digest is None:
        spec.problem(("answer_sha256",), "a locked exercise needs answer_sha256.answer")
        digest = ""
    return spec.salted(("answer_sha256", "answer"), digest, _letters_form)


def _letters_form(labels: frozenset[str]) -> tuple[str]:
    return (letters(labels),)


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
    warnings = []
    silent = [LABELS[i] for i, item in enumerate(options) if "feedback" not in item]
    if silent:
        warnings.append(
            f"options {', '.join(silent)} have no feedback, which points at the correct "
            "ones; give every option feedback"
        )
    for index, item in enumerate(options):
        verdict = verdict_word(item.get("feedback", ""))
        if verdict is not None:
            warnings.append(
                f"{key}[{index}].feedback says '{verdict}', which tells a reader of the "
                f"locked bank whether option {LABELS[index]} is correct; explain without "
                "judging"
            )
    return warnings


_VERDICT = re.compile(
    r"^\W*(yes|no|nope|correct|incorrect|right|wrong|exactly|indeed|true|false|"
    r"not quite|well done|good)\s*[:,.!;—–-]"
    r"|\b((?:that|this|it)(?:'s| is) (?:not )?(?:correct|incorrect|right|wrong))\b",
    re.IGNORECASE,
)


def verdict_word(feedback: str) -> str | None:
    """The word that judges an option in its feedback ("Yes: ...", "... is correct")."""
    found = _VERDICT.search(feedback)
    return None if found is None else (found.group(1) or found.group(2))


def _fold(text: str, *, case: bool = False) -> str:
    """Whitespace collapsed and a final full stop dropped; case folded unless `case`."""
    folded = " ".join(text.split()).strip(" .")
    return folded if case else folded.casefold()


_PREFIX = re.compile(r"^\s*(?:the\s+)?(?:answer|options?)(?:\s+is)?\s*[:\-]?\s*", re.IGNORECASE)
_SEPARATED = re.compile(
    r"^\(?([a-z])\)?(?:\s*(?:,|;|/|&|\band\b|\s)\s*\(?([a-z])\)?)*\.?$", re.IGNORECASE
)


def parse_choice(answer: str, options: tuple[Option, ...]) -> frozenset[str] | None:
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
        found = re.findall(r"\b[a-z]\b|(?<=\()[a-z](?=\))", text, flags=re.IGNORECASE)
    elif re.fullmatch(r"[A-Z]{2,26}\.?", text):
        found = list(text.rstrip("."))
    else:
        return None
    chosen = frozenset(letter.upper() for letter in found)
    if len(chosen) != len(found) or not chosen <= {o.label for o in options}:
        return None
    return chosen


def grade_choice(
    exercise: AnyExercise,
    options: tuple[Option, ...],
    correct: Expected[frozenset[str]],
    answer: str,
) -> Verdict:
    """Grade the options a learner chose. With the correct letters known, each chosen
    option is a check and a partial answer earns partial credit; locked, only the whole
    answer can be checked."""
    builder = VerdictBuilder(exercise)
    chosen = parse_choice(answer, options)
    if chosen is None:
        last = LABELS[len(options) - 1]
        builder.fail()
        builder.hint(f"Options run from A to {last}.")
        return builder.verdict(f"Answer with the letter of an option (A-{last}) or its text.")
    if not isinstance(correct, Plain):
        return _grade_whole(builder, options, correct, chosen)
    known = correct.answer
    # One check per chosen option only: listing unchosen correct options would give them away.
    for option in options:
        if option.label in chosen:
            builder.add(_option_check(option))
    wrong = [o for o in options if o.label in chosen and not o.correct]
    right = len(chosen & known) - len(wrong)
    builder.credit(max(0, right), len(known))
    missing = len(known - chosen)
    if missing and not wrong:
        builder.hint(f"{missing} more option{'s are' if missing > 1 else ' is'} also correct.")
    if chosen == known:
        return builder.verdict("Correct.")
    picked = ", ".join(sorted(chosen))
    if len(known) == 1:
        return builder.verdict(f"Not quite: {picked} is not the correct answer.")
    return builder.verdict(f"Not quite: {picked} is not the complete, correct set of answers.")


def _grade_whole(
    builder: VerdictBuilder,
    options: tuple[Option, ...],
    correct: Expected[frozenset[str]],
    chosen: frozenset[str],
) -> Verdict:
    """Locked: the whole answer is right or wrong; the chosen options' feedback is shown."""
    points = builder.exercise.points
    if correct.matches(chosen):
        builder.add(
            Check.make("answer", True, actual=letters(chosen), points=points, max_points=points)
        )
        return builder.verdict("Correct.")
    picked = ", ".join(sorted(chosen))
    builder.add(
        Check.make(
            "answer", False, actual=picked, message="not the correct answer", max_points=points
        )
    )
    builder.hint(*(o.feedback for o in options if o.label in chosen))
    return builder.verdict(f"Not quite: {picked} is not the correct answer.")


def _option_check(option: Option) -> Check:
    """The check for a chosen option."""
    if option.correct:
        return Check.make(f"option {option.label}", True, message="correct")
    message = f"{option.label} is not correct"
    return Check.make(f"option {option.label}", False, message=message, hint=option.feedback)

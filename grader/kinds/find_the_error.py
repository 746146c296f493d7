"""find-the-error: a snippet fails (at compile or run time); the learner names the error's
type and line (`SyntaxError line 3`), or picks the option that describes it. The truth is
what the sandbox reports for the snippet."""

from __future__ import annotations

import builtins
import re
from dataclasses import dataclass
from typing import Any, ClassVar

from grader.digests import LOCKED_DIGESTS, salted
from grader.errors import BrokenExercise
from grader.exercise import Exercise, FieldProblems, Kind, Presentation
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
)
from grader.toolkit.expected import Expected
from grader.toolkit.runs import unfed_input
from grader.toolkit.verdicts import VerdictBuilder
from grader.verdict import Check, Verdict
from sandbox.outcome import Outcome
from sandbox.status import Status as RunStatus

_TYPE = re.compile(
    r"\b([a-z]*(?:error|exception|exit|interrupt|stopiteration|warning))\b", re.IGNORECASE
)
_LINE = re.compile(
    r"\b(?:line|ln|l)\s*[:#]?\s*(\d+)\b|\((\d+)\)|^\s*(\d+)\s*$|\b(\d+)\s*$", re.IGNORECASE
)
_KNOWN_TYPES = {
    name.casefold(): name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
}


@dataclass(frozen=True)
class ErrorFact:
    type: str
    line: int | None


@dataclass(frozen=True)
class Mistake:
    hint: str
    type: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Body:
    code: str
    stdin: str = ""
    error: ErrorFact | None = None
    options: tuple[Option, ...] = ()
    correct: Expected[frozenset[str]] | None = None
    """With `options`: the correct letters (locked, known only by their digest)."""
    mistakes: tuple[Mistake, ...] = ()
    stated_digests: dict[str, Expected[str]] | None = None
    """Locked: the stated error's type and line, known by their digests."""


def snippet_error(exercise: Exercise[Body], runner: Runner) -> tuple[Outcome, ErrorFact | None]:
    body = exercise.body
    outcome = runner.run(body.code, filename="snippet.py", stdin=body.stdin, limits=exercise.limits)
    if outcome.status in (RunStatus.OK, RunStatus.FORBIDDEN) or outcome.error is None:
        return outcome, None
    return outcome, ErrorFact(outcome.error.type, outcome.error.line)


def parse_answer(answer: str, truth: str = "") -> ErrorFact:
    """`SyntaxError line 3`, `line 3: NameError`, `TypeError (3)`, `indexerror l3` -> type
    and line. Builtin names (and the true type) are recognised in any case."""
    found_type = _TYPE.search(answer)
    line_match = _LINE.search(_TYPE.sub(" ", answer))
    line = next((int(g) for g in line_match.groups() if g), None) if line_match else None
    if found_type is None:
        return ErrorFact("", line)
    written = found_type.group(1)
    known = dict(_KNOWN_TYPES, **({truth.casefold(): truth} if truth else {}))
    return ErrorFact(known.get(written.casefold(), written), line)


class FindTheError(Kind[Body]):
    name = "find-the-error"
    answer = "text"
    summary = "Name the error's type and line, or pick the option that describes it."
    properties: ClassVar[dict[str, Any]] = {
        "code": {"type": "string", "minLength": 1},
        "stdin": {"type": "string"},
        "error": {
            "type": "object",
            "description": "Optional; `grader validate` checks it against the sandbox.",
            "properties": {
                "type": {"type": "string", "minLength": 1},
                "line": {"type": "integer", "minimum": 1},
            },
            "required": ["type"],
            "additionalProperties": False,
        },
        "options": OPTION_SCHEMA,
        "error_sha256": LOCKED_DIGESTS,
        "answer_sha256": LOCKED_DIGESTS,
        "multiple": {"type": "boolean", "description": "Written by `grader lock`."},
        "mistakes": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "line": {"type": "integer", "minimum": 1},
                    "hint": {"type": "string", "minLength": 1},
                },
                "required": ["hint"],
                "minProperties": 2,
                "additionalProperties": False,
            },
        },
    }
    required = ("code",)
    template = """\
# A snippet that fails at compile time or at run time.
code: |
  TODO: the failing snippet
# What the sandbox reports; `grader validate` checks it.
error:
  type: TODO
  line: 1
# Wrong guesses worth a targeted hint (by error type or by line).
mistakes:
  - type: TODO
    hint: "TODO: why that is not it"
"""

    def parse(self, spec: SpecReader) -> Body:
        data = spec.data
        error = data.get("error")
        fact = ErrorFact(error["type"], error.get("line")) if error else None
        options = parse_options(spec) if "options" in data else ()
        correct = correct_answer(spec, options) if options else None
        mistakes = tuple(
            Mistake(m["hint"], m.get("type"), m.get("line")) for m in data.get("mistakes", [])
        )
        lines = len(data["code"].splitlines())
        for index, mistake in enumerate(mistakes):
            if mistake.line is not None and mistake.line > lines:
                spec.problem(("mistakes", index, "line"), f"the snippet has only {lines} lines")
        if fact and fact.line and fact.line > lines:
            spec.problem(("error", "line"), f"the snippet has only {lines} lines")
        stated = data.get("error_sha256")
        stated_digests: dict[str, Expected[str]] | None = None
        if stated is not None:
            stated_digests = {
                key: spec.salted(("error_sha256", key), digest) for key, digest in stated.items()
            }
        return Body(
            data["code"], data.get("stdin", ""), fact, options, correct, mistakes, stated_digests
        )

    def grade(self, exercise: Exercise[Body], submission: Submission, runner: Runner) -> Verdict:
        body = exercise.body
        answer = submission.text or ""
        if body.options and body.correct is not None:
            return grade_choice(exercise, body.options, body.correct, answer)
        _, truth = snippet_error(exercise, runner)
        if truth is None:
            raise BrokenExercise(exercise.id, "its snippet raises no error")
        given = parse_answer(answer, truth.type)
        return _grade_fact(exercise, body, truth, given)

    def present(self, exercise: Exercise[Body]) -> Presentation:
        body = exercise.body
        if body.options:
            return Presentation(
                code=body.code, options=tuple(f"{o.label}. {o.text}" for o in body.options)
            )
        return Presentation(
            code=body.code,
            notes=("Answer with the error's type and line, in the form 'SomeError line N'.",),
        )

    def check(self, exercise: Exercise[Body], runner: Runner) -> FieldProblems:
        body = exercise.body
        outcome, truth = snippet_error(exercise, runner)
        if truth is None:
            return [
                (("code",), f"the snippet does not fail in the sandbox (status {outcome.status})")
            ]
        problems: FieldProblems = []
        if (unfed := unfed_input(outcome, exercise.raw.data)) is not None:
            problems.append((("code",), unfed))
        if body.stated_digests:
            stated = {"type": truth.type, "line": str(truth.line)}
            for key, digest in body.stated_digests.items():
                if not digest.matches(stated.get(key, "")):
                    problems.append(
                        (("error_sha256", key), "does not match what the sandbox reports")
                    )
        if body.error and body.error.type != truth.type:
            problems.append(
                (("error", "type"), f"the sandbox reports {truth.type}, not {body.error.type}")
            )
        if body.error and body.error.line and body.error.line != truth.line:
            problems.append(
                (("error", "line"), f"the sandbox reports line {truth.line}, not {body.error.line}")
            )
        for index, mistake in enumerate(body.mistakes):
            if mistake.type in (None, truth.type) and mistake.line in (None, truth.line):
                wrong = "this 'wrong' answer is the correct one; describe a mistake"
                problems.append((("mistakes", index), wrong))
        return problems

    def lock(
        self, exercise: Exercise[Body], data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        _, truth = snippet_error(exercise, runner)
        error = data.pop("error", None)
        if error is not None and truth is not None:
            data["error_sha256"] = {
                "type": salted(salt, truth.type),
                "line": salted(salt, str(truth.line)),
            }
        return data, lock_options(data, salt) if "options" in data else []


def _grade_fact(
    exercise: Exercise[Body], body: Body, truth: ErrorFact, given: ErrorFact
) -> Verdict:
    half = exercise.points / 2
    type_ok = given.type == truth.type
    line_ok = truth.line is None or given.line == truth.line
    builder = VerdictBuilder(exercise)
    builder.add(
        Check.make(
            "error type",
            type_ok,
            actual=given.type or None,
            points=half if type_ok else 0.0,
            max_points=half,
            message="right type" if type_ok else "not the error Python reports",
        )
    )
    builder.add(
        Check.make(
            "line",
            line_ok,
            actual=str(given.line) if given.line else None,
            points=half if line_ok else 0.0,
            max_points=half,
            message="right line" if line_ok else "not the line where Python reports the error",
        )
    )
    if type_ok and line_ok:
        return builder.verdict("Correct.")
    builder.hint(
        *(
            m.hint
            for m in body.mistakes
            if (m.type and m.type == given.type) or (m.line and m.line == given.line)
        )
    )
    if not given.type:
        builder.hint(
            "Name the error type as Python does, for example 'SyntaxError' or 'NameError'."
        )
    if given.line is None:
        builder.hint("Give the line number too, for example 'line 3'.")
    half_right = (
        "The type is right but not the line."
        if type_ok
        else "The line is right but not the type."
        if line_ok
        else ""
    )
    return builder.verdict(half_right or "Neither the type nor the line is what Python reports.")


KIND = FindTheError()

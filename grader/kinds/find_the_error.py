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
from grader.exercise import Exercise
from grader.grading import verdict_for
from grader.kinds import register
from grader.kinds.base import Kind, Presentation, SpecReader
from grader.kinds.multiple_choice import (
    OPTION_SCHEMA,
    Option,
    grade_choice,
    lock_options,
    parse_options,
)
from grader.runner import Runner
from grader.submission import Submission
from grader.verdict import Check, Status, Verdict, ordered_hints
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
    mistakes: tuple[Mistake, ...] = ()
    error_digests: dict[str, str] | None = None
    """Locked: digests of the stated error's type and line."""
    answer_digest: str | None = None


def snippet_error(exercise: Exercise, runner: Runner) -> tuple[Outcome, ErrorFact | None]:
    body: Body = exercise.body
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


class FindTheError(Kind):
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
        "multiple": {"type": "boolean"},
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
        mistakes = tuple(
            Mistake(m["hint"], m.get("type"), m.get("line")) for m in data.get("mistakes", [])
        )
        lines = len(data["code"].splitlines())
        for index, mistake in enumerate(mistakes):
            if mistake.line is not None and mistake.line > lines:
                spec.problem(("mistakes", index, "line"), f"the snippet has only {lines} lines")
        if fact and fact.line and fact.line > lines:
            spec.problem(("error", "line"), f"the snippet has only {lines} lines")
        locked = data.get("error_sha256"), data.get("answer_sha256", {}).get("answer")
        return Body(data["code"], data.get("stdin", ""), fact, options, mistakes, *locked)

    def grade(self, exercise: Exercise, submission: Submission, runner: Runner) -> Verdict:
        body: Body = exercise.body
        answer = submission.text or ""
        if body.options:
            return grade_choice(exercise, body.options, answer, body.answer_digest)
        _, truth = snippet_error(exercise, runner)
        if truth is None:
            raise BrokenExercise(exercise.id, "its snippet raises no error")
        given = parse_answer(answer, truth.type)
        return _grade_fact(exercise, body, truth, given)

    def present(self, exercise: Exercise) -> Presentation:
        body: Body = exercise.body
        if body.options:
            return Presentation(
                code=body.code, options=tuple(f"{o.label}. {o.text}" for o in body.options)
            )
        return Presentation(
            code=body.code,
            notes=("Answer with the error's type and line, in the form 'SomeError line N'.",),
        )

    def check(self, exercise: Exercise, runner: Runner) -> list[tuple[tuple[str | int, ...], str]]:
        body: Body = exercise.body
        outcome, truth = snippet_error(exercise, runner)
        if truth is None:
            return [
                (("code",), f"the snippet does not fail in the sandbox (status {outcome.status})")
            ]
        problems: list[tuple[tuple[str | int, ...], str]] = []
        if body.error_digests and exercise.lock_salt:
            stated = {"type": truth.type, "line": str(truth.line)}
            for key, digest in body.error_digests.items():
                if digest != salted(exercise.lock_salt, stated.get(key, "")):
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
        self, exercise: Exercise, data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        _, truth = snippet_error(exercise, runner)
        error = data.pop("error", None)
        if error is not None and truth is not None:
            data["error_sha256"] = {
                "type": salted(salt, truth.type),
                "line": salted(salt, str(truth.line)),
            }
        return data, lock_options(data, salt) if "options" in data else []


def _grade_fact(exercise: Exercise, body: Body, truth: ErrorFact, given: ErrorFact) -> Verdict:
    half = exercise.points / 2
    type_ok = given.type == truth.type
    line_ok = truth.line is None or given.line == truth.line
    checks = (
        Check.make(
            "error type",
            type_ok,
            actual=given.type or None,
            points=half if type_ok else 0.0,
            max_points=half,
            message="right type" if type_ok else "not the error Python reports",
        ),
        Check.make(
            "line",
            line_ok,
            actual=str(given.line) if given.line else None,
            points=half if line_ok else 0.0,
            max_points=half,
            message="right line" if line_ok else "not the line where Python reports the error",
        ),
    )
    score = sum(c.points for c in checks)
    if type_ok and line_ok:
        return verdict_for(exercise, Status.PASSED, score, "Correct.", checks)
    hints = [
        m.hint
        for m in body.mistakes
        if (m.type and m.type == given.type) or (m.line and m.line == given.line)
    ]
    if not given.type:
        hints.append(
            "Name the error type as Python does, for example 'SyntaxError' or 'NameError'."
        )
    if given.line is None:
        hints.append("Give the line number too, for example 'line 3'.")
    half_right = (
        "The type is right but not the line."
        if type_ok
        else "The line is right but not the type."
        if line_ok
        else ""
    )
    message = half_right or "Neither the type nor the line is what Python reports."
    return verdict_for(
        exercise, Status.WRONG_ANSWER, score, message, checks, ordered_hints(hints, exercise.hint)
    )


register(FindTheError())

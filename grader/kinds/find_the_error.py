"""find-the-error: a snippet fails (at compile or run time); the learner names the error's
type and line (`SyntaxError line 3`), or picks the option that describes it. The truth is
what the sandbox reports for the snippet."""

from __future__ import annotations

import builtins
import re
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from grader.digests import LOCKED_DIGESTS, salted
from grader.errors import BrokenExercise
from grader.exercise import Exercise, FieldProblems, Kind, Presentation, Reveal
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
from grader.toolkit.error_names import (
    EXCEPTION_NAMES,
    looks_like_an_error_name,
    named_error_hint,
)
from grader.toolkit.expected import Expected
from grader.toolkit.runs import unfed_input
from grader.toolkit.verdicts import VerdictBuilder
from grader.verdict import ANSWER_LABEL, Check, Verdict
from sandbox.outcome import Outcome
from sandbox.status import Status as RunStatus

_TYPE = re.compile(
    r"\b([a-z]*(?:error|exception|exit|interrupt|stopiteration|warning))\b", re.IGNORECASE
)
_LINE = re.compile(
    r"\b(?:line|ln|l)\s*[:#]?\s*(\d+)\b|\((\d+)\)|^\s*(\d+)\s*$|\b(\d+)\s*$"
    r"|\b(\d+)(?:st|nd|rd|th)\s+line\b",
    re.IGNORECASE,
)
"""`line 3`, `l3`, `(3)`, a number alone or last, `the 3rd line`."""
_KNOWN_TYPES = {name.casefold(): name for name in EXCEPTION_NAMES}


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


@cache
def _known(truth: str) -> dict[str, str]:
    """The exception names recognised in any case: the builtins and the true type."""
    return dict(_KNOWN_TYPES, **({truth.casefold(): truth} if truth else {}))


_SPACED_TYPE = re.compile(r"\b([a-z]+)\s+(error|exception|warning)\b", re.IGNORECASE)


def _join_spaced(answer: str, known: dict[str, str]) -> str:
    """`Index Error` -> `IndexError`, when that is a known type's name."""

    folded = answer.casefold()
    if not any(f" {word}" in folded for word in ("error", "exception", "warning")):
        return answer

    def joined(match: re.Match[str]) -> str:
        name = match.group(1) + match.group(2)
        return known.get(name.casefold(), match.group())

    return _SPACED_TYPE.sub(joined, answer)


def parse_answer(answer: str, truth: str = "", code: str = "") -> ErrorFact:
    """`SyntaxError line 3`, `line 3: NameError`, `TypeError (3)`, `indexerror l3`, `Index
    Error on line three` -> type and line. Builtin names (and the true type) are recognised
    in any case; a bare `error` names no type. Without a line number, a line of `code`
    quoted in the answer (`IndexError in print(temps[i])`) gives the line."""
    return _read_answer(answer, truth, code)[0]


def _read_answer(answer: str, truth: str, code: str) -> tuple[ErrorFact, list[str]]:
    """The answer's error fact, and every error type it puts forward (see `parse_answer`)."""
    known = _known(truth)
    joined = _join_spaced(answer, known)
    named = _named_types(joined, known)
    return _fact(joined, named or _misspelt_types(joined), code), named


def _fact(answer: str, named: list[str], code: str) -> ErrorFact:
    """The first type named, and the line the answer gives (its spaced names joined)."""
    rest = _NUMBER_WORD.sub(
        lambda m: f"line {_NUMBER_WORDS.index(m.group(1).casefold()) + 1}", _TYPE.sub(" ", answer)
    )
    rest = _ORDINAL_WORD.sub(
        lambda m: f"line {_ORDINAL_WORDS.index(m.group(1).casefold()) + 1}", rest
    )
    lines = _lines_put_forward(rest, _LINE)
    line = lines[0] if lines else _quoted_line(answer, code)
    return ErrorFact(named[0] if named else "", line)


_CLEARED = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:(?:is|was|looks|seems|'s)\s+(?:(?!not\b)\w+\s+)?"
    r"(?:fine|ok|okay|correct|right|good|valid|innocent)\b"
    r"|(?:is\s+not|isn't|was\s+not|wasn't)\s+(?:\w+\s+)?(?:problem|issue|cause|culprit|error|bug)\b"
    r"|(?:has|had)\s+(?:no|nothing)\b|works\b)",
    re.IGNORECASE,
)
"""What clears the line just named (`line 3 is fine`, `line 3 (the loop) is not the problem`)."""
_CLEARED_BEFORE = re.compile(
    r"(?:\bnot|n't|\bnever|\brather than|\binstead of|\bno (?:problem|issue|error|bug)s?"
    r"|\bnothing wrong)\s+(?:(?:on|in|at|with|the)\s+){0,2}$",
    re.IGNORECASE,
)
"""What clears the line named right after it (`not line 6`, `nothing wrong with line 3`)."""


def _lines_put_forward(text: str, pattern: re.Pattern[str]) -> list[int]:
    """The lines the answer gives (as `pattern` reads them), in order, but those it clears
    (`line 3 is fine; ... line 5`, `not line 6`): a line cleared is no answer."""
    lines: list[int] = []
    for match in pattern.finditer(text):
        clause_start = max(text.rfind(mark, 0, match.start()) for mark in _CLAUSE_MARKS) + 1
        if _CLEARED.match(text, match.end()) or _CLEARED_BEFORE.search(
            text, clause_start, match.start()
        ):
            continue
        line = next(int(g) for g in match.groups() if g)
        if line not in lines:
            lines.append(line)
    return lines


_DENIED = re.compile(
    r"(?:\bnot|n't|\bnever|\bno|\brather than|\binstead of|\bunlike)"
    r"\s+(?:(?:a|an|the|just|really|actually|simply|expected|usual)\s+){0,2}$",
    re.IGNORECASE,
)
"""A denial right before a name (`not a KeyError`, `isn't an`, `rather than the`)."""


def _named_types(answer: str, known: dict[str, str]) -> list[str]:
    """The error types the answer puts forward, in order: each name but a bare word
    (`the error is a KeyError`), one that is denied (`not a KeyError`), or a base class of
    another one named (`LookupError` beside `KeyError`)."""
    named: list[str] = []
    for match in _TYPE.finditer(answer):
        written = match.group(1)
        if written.casefold() in _BARE_WORDS:
            continue
        start = match.start()
        clause_start = max(answer.rfind(mark, 0, start) for mark in _CLAUSE_MARKS) + 1
        if _DENIED.search(answer, max(clause_start, start - 60), start):
            continue
        name = known.get(written.casefold(), written)
        if name not in named:
            named.append(name)
    return [n for n in named if not any(_is_base_of(n, other) for other in named)]


_WORD = re.compile(r"\b[A-Za-z]{5,}\b")


def _misspelt_types(answer: str) -> list[str]:
    """Words that are slips of a built-in exception's name (`TypeErorr`), when the answer
    names none as Python spells it: the hint then says which name it looks like."""
    slip = next(
        (w for w in _WORD.findall(answer) if w[0].isupper() and looks_like_an_error_name(w)), None
    )
    return [] if slip is None else [slip]


_EXPLICIT_LINE = re.compile(r"\bline\s*[:#]?\s*(\d+)\b", re.IGNORECASE)


def _names_two_lines(answer: str) -> bool:
    """Whether the answer says `line N` for two different lines, neither of them cleared
    (`line 3 is fine`)."""
    return len(_lines_put_forward(answer, _EXPLICIT_LINE)) > 1


_CLAUSE_MARKS = ".;:,!?()"
"""What ends the clause before a name: a denial counts only within it."""


def _is_base_of(name: str, other: str) -> bool:
    base, derived = getattr(builtins, name, None), getattr(builtins, other, None)
    return (
        name != other
        and isinstance(base, type)
        and isinstance(derived, type)
        and issubclass(derived, base)
    )


_BARE_WORDS = frozenset({"error", "exception", "warning", "exit", "interrupt"})
_NUMBER_WORDS = (
    *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen", "twenty"),
)
_NUMBER_WORD = re.compile(rf"\bline\s+({'|'.join(_NUMBER_WORDS)})\b", re.IGNORECASE)
_ORDINAL_WORDS = (
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
    *("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth"),
)
_ORDINAL_WORD = re.compile(rf"\b({'|'.join(_ORDINAL_WORDS)})\s+line\b", re.IGNORECASE)
MIN_QUOTED = 5
"""Characters a quoted line of code needs to be told from a word of the answer."""


def _quoted_line(answer: str, code: str) -> int | None:
    """The one line of `code` whose text the answer quotes, or None."""
    quoted = {
        number
        for number, text in enumerate(code.splitlines(), 1)
        if len(text.strip()) >= MIN_QUOTED and text.strip() in answer
    }
    return quoted.pop() if len(quoted) == 1 else None


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
        given, named = _read_answer(answer, truth.type, body.code)
        hedged = _hedges(answer, truth.type)
        if len(named) > 1:  # two types put forward (`KeyError? no wait, IndexError`)
            hedged |= {"error type"}
            if _names_two_lines(answer):  # two statements of an error: two lines too
                hedged |= {"line"}
        if hedged:
            return _hedged_verdict(exercise, truth, given, hedged)
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

    def reveal(self, exercise: Exercise[Body], runner: Runner) -> Reveal:
        body = exercise.body
        if body.options and body.correct is not None:
            return reveal_options(body.options, body.correct)
        fact = body.error or snippet_error(exercise, runner)[1]
        mistakes = tuple(m.hint for m in body.mistakes)
        if fact is None:
            return Reveal(mistakes=mistakes)
        where = f" on line {fact.line}" if fact.line else ""
        return Reveal(answer=f"{fact.type}{where}", mistakes=mistakes)

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


_HEDGE = re.compile(
    r"\b([a-z]*(?:error|exception)|(?:line\s*)?\d+)\s*(?:or|/|and/or|,? or maybe)\s*"
    r"((?:line\s*)?\d+|[a-z]*(?:error|exception))\b",
    re.IGNORECASE,
)


def _hedges(answer: str, truth: str) -> set[str]:
    """The parts (`error type`, `line`) for which the answer offers two (`KeyError or
    NameError`, `line 4 or 5`)."""
    if " or " not in answer.casefold() and "/" not in answer:
        return set()
    hedged = set()
    for match in _HEDGE.finditer(_join_spaced(answer, _known(truth))):
        first, second = match.group(1), match.group(2)
        if first[-1].isdigit() == second[-1].isdigit() and first.casefold() != second.casefold():
            hedged.add("line" if first[-1].isdigit() else "error type")
    return hedged


_SAID = {
    "error type": ("right type", "not the error Python reports"),
    "line": ("right line", "not the line where Python reports the error"),
}
"""What a check says of a part of the answer, right and wrong."""


def _hedged_verdict(
    exercise: Exercise[Body], truth: ErrorFact, given: ErrorFact, hedged: set[str]
) -> Verdict:
    """Each part offered twice fails; a part given once is graded as it is."""
    half = exercise.points / 2
    builder = VerdictBuilder(exercise)
    right = {
        "error type": given.type == truth.type,
        "line": truth.line is None or given.line == truth.line,
    }
    for name in ("error type", "line"):
        ok = name not in hedged and right[name]
        message = "two answers given" if name in hedged else _SAID[name][0 if ok else 1]
        builder.add(
            Check.make(name, ok, message=message, points=half if ok else 0.0, max_points=half)
        )
    example = "'KeyError or NameError'" if "error type" in hedged else "'line 4 or 5'"
    builder.hint(
        f"Give one error type and one line: an answer that offers two (such as {example}) "
        "cannot be marked right."
    )
    return builder.verdict("Your answer offers two possibilities; choose one.")


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
            actual_label=ANSWER_LABEL,
            points=half if type_ok else 0.0,
            max_points=half,
            message=_SAID["error type"][0 if type_ok else 1],
        )
    )
    lines = len(body.code.splitlines())
    if line_ok:
        line_message = _SAID["line"][0]
    elif given.line is None:
        line_message = "no line given"
    elif given.line > lines:
        line_message = f"the snippet has only {lines} lines"
    else:
        line_message = _SAID["line"][1]
    builder.add(
        Check.make(
            "line",
            line_ok,
            actual=str(given.line) if given.line else None,
            actual_label=ANSWER_LABEL,
            points=half if line_ok else 0.0,
            max_points=half,
            message=line_message,
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
    elif not type_ok:
        builder.hint(named_error_hint(given.type, truth.type))
    if given.line is None:
        builder.hint(
            "You gave no line number; add the line where Python reports the error, "
            "for example 'line 3'."
        )
    return builder.verdict(_summary(given, type_ok, line_ok))


def _summary(given: ErrorFact, type_ok: bool, line_ok: bool) -> str:
    """What the answer got right and wrong, in terms of what it gave."""
    if not given.type and given.line is None:
        return "Your answer names neither an error type nor a line."
    type_part = (
        "The type is right"
        if type_ok
        else "You named no error type"
        if not given.type
        else f"{given.type} is not the error Python reports"
    )
    line_part = (
        "the line is right"
        if line_ok
        else "you gave no line number"
        if given.line is None
        else f"line {given.line} is not where Python reports it"
    )
    joiner = ", but " if type_ok != line_ok else ", and "
    return f"{type_part}{joiner}{line_part}."


KIND = FindTheError()

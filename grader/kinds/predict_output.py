"""predict-output: the learner types what a snippet prints ("What would Python display?").

The truth is the snippet's real output in the sandbox. When the snippet raises, the last
line of the answer names the error (or just says `Error`), and a traceback written before
it as Python shows it is set aside; a snippet that never ends is answered `Infinite Loop`;
one that prints nothing, `Nothing` (or a phrase that says so: `no output`, `it prints
nothing`...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from grader.compare import normalize, squeeze
from grader.diff import describe_first_difference
from grader.digests import LOCKED_DIGESTS, salted
from grader.exercise import Exercise, FieldProblems, Fill, Kind, Presentation, Reveal
from grader.runner import Runner
from grader.spec.reader import SpecReader
from grader.submission import Submission
from grader.toolkit.error_names import looks_like_an_error_name, named_error_hint
from grader.toolkit.expected import Expected
from grader.toolkit.patterns import pattern_search
from grader.toolkit.runs import unfed_input
from grader.toolkit.verdicts import VerdictBuilder
from grader.verdict import ANSWER_LABEL, Check, Verdict
from sandbox.outcome import Outcome
from sandbox.status import Status as RunStatus

NOTHING = "Nothing"
INFINITE_LOOP = "Infinite Loop"
ERROR = "Error"
_LOOPING = {RunStatus.TIMEOUT, RunStatus.OUTPUT_LIMIT}
_RAISING = {RunStatus.RUNTIME_ERROR, RunStatus.SYNTAX_ERROR, RunStatus.MEMORY_LIMIT}

_TRACEBACK_HEADER = re.compile(r"traceback \(most recent call last\):?", re.IGNORECASE)
_TRACEBACK_LINE = re.compile(r"\s+\S.*|File \".*\", line \d+.*")
"""A line of a traceback's body: indented (`  File ...`, the source line, its carets), or
a `File "...", line N` line written without its indent."""
_KEYWORD_DECORATION = " \t\n.,;:!?()[]{}'\"`*_"
"""What may surround a keyword answer (`(Nothing)`, `'Nothing'`, `Nothing.`)."""
_SAYS_NOTHING = re.compile(
    r"nothing(?: at all)?(?: (?:is |gets |will be )?(?:printed|displayed|shown|output))?"
    r"|nothing happens"
    r"|(?:(?:it|the (?:program|code|snippet)) )?(?:prints|displays|outputs|shows) nothing"
    r"(?: at all)?"
    r"|(?:(?:it|the (?:program|code|snippet)) )?(?:does not|doesn[’']t|will not|won[’']t) "
    r"(?:print|display|output|show) anything(?: at all)?"
    r"|(?:there is |it (?:has|gives|produces) )?no output(?: at all)?"
)
"""Answers that say the snippet prints nothing, once casefolded and undecorated."""
_STRING_REPR = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"")
"""A str between quotes, as a repr shows it (`'fast'`, `"it's"`)."""


@dataclass(frozen=True)
class Mistake:
    """A predictable wrong answer and the hint that fits it."""

    hint: str
    output: str | None = None
    pattern: re.Pattern[str] | None = None
    error: str | None = None

    def matches(self, answer: str) -> bool:
        if self.output is not None and normalize(self.output) == answer:
            return True
        if self.pattern is not None and pattern_search(self.pattern, answer):
            return True
        return self.error is not None and _last_line(answer).casefold().startswith(
            self.error.casefold()
        )


@dataclass(frozen=True)
class Body:
    code: str
    stdin: str = ""
    expected_output: str | None = None
    mistakes: tuple[Mistake, ...] = ()
    stated_digest: Expected[str] | None = None
    """Locked: the answer, known by its digest, in place of `expected_output`."""


@dataclass(frozen=True)
class Truth:
    """What Python displays for the snippet, in answer form."""

    output: str
    error: str | None = None
    looping: bool = False

    @property
    def silent(self) -> bool:
        """Whether the snippet ends normally without printing anything."""
        return not (self.output or self.error or self.looping)

    @property
    def answer(self) -> str:
        if self.looping:
            return INFINITE_LOOP
        lines = [self.output] if self.output else []
        if self.error:
            lines.append(self.error)
        return "\n".join(lines) or NOTHING


def truth_of(outcome: Outcome) -> Truth:
    output = normalize(outcome.stdout)
    if outcome.status in _LOOPING:
        return Truth(output, looping=True)
    if outcome.status in _RAISING:
        return Truth(output, error=outcome.error.type if outcome.error else ERROR)
    return Truth(output)


def snippet_outcome(exercise: Exercise[Body], runner: Runner) -> Outcome:
    body = exercise.body
    return runner.run(body.code, filename="snippet.py", stdin=body.stdin, limits=exercise.limits)


def _second_run(exercise: Exercise[Body], runner: Runner) -> Outcome:
    """The snippet run again (one more newline at its end defeats a caching runner)."""
    body = exercise.body
    return runner.run(
        body.code + "\n", filename="snippet.py", stdin=body.stdin, limits=exercise.limits
    )


def _last_line(text: str) -> str:
    return text.rsplit("\n", 1)[-1].strip()


def _keyword(answer: str) -> str:
    """A one-phrase answer as a keyword: casefolded, one space between its words, without
    the quotes, brackets and punctuation around it."""
    return " ".join(answer.casefold().split()).strip(_KEYWORD_DECORATION)


def says_nothing(answer: str) -> bool:
    """Whether the answer says that nothing is printed (`Nothing.`, `no output`...), with
    or without a reason after it (`Nothing, because the range is empty`)."""
    keyword = _keyword(answer)
    said = _WITH_REASON.fullmatch(keyword)
    claim = said.group(1).strip(_KEYWORD_DECORATION) if said else keyword
    return _SAYS_NOTHING.fullmatch(claim) is not None


_WITH_REASON = re.compile(r"(.+?)(?:\s*[,;:(]\s*|\s+[-–—]\s+|\s+)(?:because|since|as)\b.*")
"""A claim, then why (`..., because ...`, `... since ...`, `... - as ...`)."""


def without_traceback(answer: str) -> str:
    """The answer without the traceback written before its last line as Python shows it
    (`Traceback (most recent call last):`, then its indented lines): what is judged."""
    lines = answer.split("\n")
    start = len(lines) - 1
    if _TRACEBACK_LINE.fullmatch(lines[-1]):
        return answer  # no error line after the traceback
    while start > 0 and _TRACEBACK_LINE.fullmatch(lines[start - 1]):
        start -= 1
    if start == 0 or not _TRACEBACK_HEADER.fullmatch(lines[start - 1].strip()):
        return answer
    return "\n".join([*lines[: start - 1], lines[-1]])


def _ends_in_traceback(answer: str) -> bool:
    """Whether the answer ends with a traceback but not with the error line after it."""
    lines = answer.split("\n")
    end = len(lines)
    while end > 0 and _TRACEBACK_LINE.fullmatch(lines[end - 1]):
        end -= 1
    return end > 0 and _TRACEBACK_HEADER.fullmatch(lines[end - 1].strip()) is not None


def judged_answer(truth: Truth, answer: str) -> str:
    """The part of a normalised answer that is judged: a traceback is set aside when the
    snippet raises (Python shows one there, and the answer form asks only for its last line)."""
    return without_traceback(answer) if truth.error else answer


_LOOPS_FOREVER = re.compile(
    r"\binfinite(?:ly)?\b|\bforever\b|\bendless(?:ly)?\b"
    r"|\bnever (?:stops|ends|finishes|terminates)\b",
    re.IGNORECASE,
)
_DENIES_LOOPING = re.compile(
    r"\b(?:not|n't|no|never an?)\s+(?:an?\s+)?(?:infinite|endless|forever)", re.IGNORECASE
)


def _says_it_loops(answer: str) -> bool:
    """A one-line answer in words that the program never ends (`It never stops: an infinite
    loop, because ...`), as `Infinite Loop` says it."""
    return (
        "\n" not in answer.strip()
        and _LOOPS_FOREVER.search(answer) is not None
        and _DENIES_LOOPING.search(answer) is None
    )


def answer_matches(truth: Truth, answer: str) -> bool:
    """Whether a normalised answer says what Python displays."""
    answer = judged_answer(truth, answer)
    if truth.looping:
        return _keyword(answer) == INFINITE_LOOP.casefold() or _says_it_loops(answer)
    if truth.error is None:
        return answer == truth.answer or (truth.silent and says_nothing(answer))
    head, _, last = answer.rpartition("\n") if "\n" in answer else ("", "", answer)
    return _names_error(last, truth.error) and normalize(head) == truth.output


def _names_error(line: str, error: str) -> bool:
    """Whether an answer's last line names the error: its name (in any case, as
    find-the-error reads it: `stopiteration`), `Error`, or the error line (`KeyError: 'x'`)."""
    said = line.strip().casefold()
    return said == ERROR.casefold() or said.split(":", 1)[0].rstrip() == error.casefold()


class PredictOutput(Kind[Body]):
    name = "predict-output"
    answer = "text"
    summary = "Type what the snippet prints."
    properties: ClassVar[dict[str, Any]] = {
        "code": {"type": "string", "minLength": 1, "description": "The snippet learners read."},
        "stdin": {"type": "string"},
        "expected_output": {
            "type": "string",
            "description": "Optional; `grader validate` checks it equals the real output.",
        },
        "expected_output_sha256": LOCKED_DIGESTS,
        "mistakes": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "output": {"type": "string"},
                    "pattern": {"type": "string"},
                    "error": {"type": "string"},
                    "hint": {"type": "string", "minLength": 1},
                },
                "required": ["hint"],
                "minProperties": 2,
                "additionalProperties": False,
            },
        },
    }
    required = ("code",)
    empty_answer_hint = f"If you think the program prints nothing, answer '{NOTHING}'."
    template = """\
# The snippet learners read. Keep it short; it runs in the sandbox to find the truth.
code: |
  TODO: the snippet
# Optional: what it prints. `grader validate` checks it against the real output.
expected_output: |
  TODO: the exact output
# Predictable wrong answers and the hint that fits each (output, pattern or error).
mistakes:
  - output: |
      TODO: a common wrong prediction
    hint: "TODO: the misunderstanding behind it"
"""

    def parse(self, spec: SpecReader) -> Body:
        data = spec.data
        mistakes = []
        for index, item in enumerate(data.get("mistakes", [])):
            pattern = item.get("pattern")
            compiled = spec.regex(("mistakes", index, "pattern"), pattern) if pattern else None
            mistakes.append(Mistake(item["hint"], item.get("output"), compiled, item.get("error")))
        stated = data.get("expected_output")
        digest = data.get("expected_output_sha256", {}).get("answer")
        stated_digest: Expected[str] | None = None
        if digest is not None:
            stated_digest = spec.salted(("expected_output_sha256", "answer"), digest)
        return Body(data["code"], data.get("stdin", ""), stated, tuple(mistakes), stated_digest)

    def grade(self, exercise: Exercise[Body], submission: Submission, runner: Runner) -> Verdict:
        truth = truth_of(snippet_outcome(exercise, runner))
        given = normalize(submission.text or "")
        answer = judged_answer(truth, given)
        builder = VerdictBuilder(exercise)
        points = exercise.points
        if answer_matches(truth, given):
            builder.add(_answer_check(True, answer, points, expected=truth.answer))
            return builder.verdict("Correct: that is what Python displays.")
        mistaken = [m for m in exercise.body.mistakes if m.matches(answer)]
        builder.hint(*(m.hint for m in mistaken))
        if answer.split() == truth.answer.split():
            # Python's display is the answer itself: where the spaces go is not shown
            where = describe_first_difference(truth.answer, answer).split(":")[0]
            message = f"only whitespace differs ({where})"
            check = _answer_check(False, answer, points, message=message)
            builder.add(check, whitespace_only=True)
            builder.hint(_whitespace_hint(exercise.body.code, truth.answer, answer))
            return builder.verdict("Almost: only whitespace differs.")
        where = describe_first_difference(truth.answer, answer).split(":")[0]
        message = f"your answer differs from what Python displays ({where})"
        builder.add(_answer_check(False, answer, points, message=message))
        builder.hint(_label_hint(truth, answer), first=True)
        builder.hint(_quotes_hint(truth, answer), first=True)
        builder.hint(*_display_hints(truth.output, answer), first=True)
        if squeeze(answer) == squeeze(truth.answer) and not _error_in_words(truth, answer):
            builder.hint(_spaces_hint(exercise.body.code, truth.answer))
        if not any(m.error for m in mistaken):  # the instructor's hint for that error
            builder.hint(_special_hint(truth, given))
        return builder.verdict("Not what Python displays.")

    def present(self, exercise: Exercise[Body]) -> Presentation:
        body = exercise.body
        notes: tuple[str, ...] = (
            "Answer with the exact output. If the code raises, end with the error name "
            f"(or '{ERROR}'); if it never ends, answer '{INFINITE_LOOP}'; "
            f"if it prints nothing, answer '{NOTHING}'.",
        )
        if body.stdin:
            notes += (f"The program's input is: {body.stdin!r}",)
        return Presentation(code=body.code, notes=notes)

    def reveal(self, exercise: Exercise[Body], runner: Runner) -> Reveal:
        truth = truth_of(snippet_outcome(exercise, runner))
        mistakes = tuple(m.hint for m in exercise.body.mistakes)
        return Reveal(answer=truth.answer, verbatim=True, mistakes=mistakes)

    def check(self, exercise: Exercise[Body], runner: Runner) -> FieldProblems:
        body = exercise.body
        outcome = snippet_outcome(exercise, runner)
        problems: FieldProblems = []
        if outcome.status is RunStatus.FORBIDDEN:
            problems.append(
                (
                    ("code",),
                    "the snippet is refused by the sandbox: "
                    + (outcome.error.message if outcome.error else ""),
                )
            )
        if (unfed := unfed_input(outcome, exercise.raw.data)) is not None:
            problems.append((("code",), unfed))
        truth = truth_of(outcome)
        if truth != truth_of(_second_run(exercise, runner)):
            problems.append(
                (
                    ("code",),
                    "prints something else on each run (random without a seed, the time, "
                    "id()...), so no answer can be right; set limits.random_seed or change it",
                )
            )
        if body.expected_output is not None and not answer_matches(
            truth, normalize(body.expected_output)
        ):
            problems.append(
                (("expected_output",), f"does not match the real output {truth.answer!r}")
            )
        if body.stated_digest is not None and not body.stated_digest.matches(truth.answer):
            problems.append((("expected_output_sha256",), "does not match the real output"))
        for index, mistake in enumerate(body.mistakes):
            if mistake.output is not None and answer_matches(truth, normalize(mistake.output)):
                problems.append(
                    (("mistakes", index, "output"), "this 'wrong' output is the correct answer")
                )
            if mistake.pattern is not None and pattern_search(mistake.pattern, truth.answer):
                problems.append(
                    (("mistakes", index, "pattern"), "matches the correct output too; narrow it")
                )
        return problems

    def fill(self, exercise: Exercise[Body], runner: Runner) -> list[Fill]:
        outcome = snippet_outcome(exercise, runner)
        if (unfed := unfed_input(outcome, exercise.raw.data)) is not None:
            return [Fill(("code",), note=unfed)]
        truth, stated = truth_of(outcome), exercise.body.expected_output
        if stated is not None and answer_matches(truth, normalize(stated)):
            return []
        after = "stdin" if "stdin" in exercise.raw.data else "code"
        return [Fill((), {"expected_output": truth.answer + "\n"}, after=after)]

    def lock(
        self, exercise: Exercise[Body], data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        truth = truth_of(snippet_outcome(exercise, runner))
        data.pop("expected_output", None)
        data["expected_output_sha256"] = {"answer": salted(salt, truth.answer)}
        return data, []


def _answer_check(
    passed: bool, answer: str, points: float, *, expected: str | None = None, message: str = ""
) -> Check:
    """The one check: the learner's answer, labelled as theirs (and Python's display when
    it may be shown: on a right answer, or one whose values are all right)."""
    return Check.make(
        "output",
        passed,
        expected=expected,
        actual=answer,
        actual_label=ANSWER_LABEL,
        message=message,
        points=points if passed else 0.0,
        max_points=points,
    )


def _unquoted(text: str) -> str:
    """`text` with the quotes around each str the same, whichever they were."""
    return _STRING_REPR.sub(lambda found: f"\0{found.group()[1:-1]}\0", text)


def _quotes_hint(truth: Truth, answer: str) -> str | None:
    """When the answer is Python's display but for the quotes around strs, that mistake."""
    if answer == truth.answer or _unquoted(answer) != _unquoted(truth.answer):
        return None
    pairs = zip(_STRING_REPR.findall(answer), _STRING_REPR.findall(truth.answer), strict=False)
    mine, python = next((pair for pair in pairs if pair[0] != pair[1]), ("", ""))
    if not python.startswith("'"):
        return None
    return (
        f"Right values, but Python displays {mine} as {python}: the repr of a str (what "
        "print() shows for the strs in a list, a tuple or a dict) is between single quotes, "
        "and between double quotes only when the text holds a single quote."
    )


def _error_in_words(truth: Truth, answer: str) -> bool:
    """Whether the answer's last line is the error's name written as several words
    (`Stop Iteration`, `value error`): only then is its one-word name worth a hint."""
    words = _last_line(answer).split(":", 1)[0].split()
    return (
        truth.error is not None
        and len(words) > 1
        and "".join(words).casefold() == truth.error.casefold()
    )


def _special_hint(truth: Truth, answer: str) -> str | None:
    """A nudge when the answer misses that the snippet raises or never ends, or misses
    how Python writes the error's line."""
    if truth.looping:
        return "Check whether the loop can ever stop."
    if not truth.error:
        return None
    if _ends_in_traceback(answer):
        return (
            "Python ends a traceback with a line that names the error (`SomeError: message`): "
            "end your answer with that line, or with the error's name alone."
        )
    if _error_in_words(truth, answer):
        return f"Right error, but write its name as Python does, in one word: {truth.error}."
    name = _last_line(answer).split(":", 1)[0].strip()
    if name == "None":
        return (
            "A line that raises an error prints nothing, not even None: the program stops "
            "there. End your answer with the error's name."
        )
    if not (
        name == ERROR
        or name.endswith("Error")
        or name.endswith("Exception")
        or looks_like_an_error_name(name)
    ):
        return "Trace the code line by line: Python stops at the first line that raises an error."
    return named_error_hint(name, truth.error)


KIND = PredictOutput()


_BOOLEAN_WORDS = re.compile(r"\b(?:true|false|none|null|TRUE|FALSE|NONE)\b")
_WRITTEN_AS = {"true": "True", "false": "False", "none": "None", "null": "None"}
_QUOTES_HINT = (
    "print() shows a str without quotes: `print('ok')` displays ok. Quotes appear only "
    "around the strs inside a list, a tuple or a dict, which print() shows as Python code."
)
_COMMAS_HINT = (
    "print(a, b) separates the values it is given with a space, not a comma (unless "
    "`sep=` says otherwise); commas appear only inside a list, a tuple or a dict."
)
_CAPITALS_HINT = "Python writes True, False and None with a capital letter (and has no null)."


def _display_hints(output: str, answer: str) -> list[str]:
    """Ways of writing a display that are not Python's, each found when undoing it on a
    line of the answer gives Python's line: quotes, commas, lowercase true/false/none."""
    quotes, commas = "'" in answer or '"' in answer, ", " in answer
    folded = answer.lower()
    capitals = any(word in folded for word in _WRITTEN_AS) and bool(_BOOLEAN_WORDS.search(answer))
    if not (quotes or commas or capitals):
        return []  # most answers: none of these ways of writing
    pairs = [
        (mine, python)
        for mine, python in zip(answer.splitlines(), output.splitlines(), strict=False)
        if mine != python
    ]
    found: list[str] = []
    if quotes and any(_STRING_REPR.sub(_inside, m) == p for m, p in pairs):
        found.append(_QUOTES_HINT)
    if commas and any(m.replace(", ", " ") == p for m, p in pairs):
        found.append(_COMMAS_HINT)
    if capitals and any(_BOOLEAN_WORDS.sub(_capital, m) == p for m, p in pairs):
        found.append(_CAPITALS_HINT)
    return found


def _inside(quoted: re.Match[str]) -> str:
    return quoted.group()[1:-1]


def _capital(word: re.Match[str]) -> str:
    return _WRITTEN_AS[word.group().lower()]


_PADDING = re.compile(r"\{[^{}]*:[^{}]*\d[^{}]*\}|\.(?:ljust|rjust|center|zfill)\(|%-?\d+[sdif]")
"""A width that pads with spaces: `{x:3}`, `{name:<8}`, `.rjust(5)`, `%5d`."""


def _label_hint(truth: Truth, answer: str) -> str | None:
    """A right answer under a label line (`Output:`, `It prints:`), which Python does not
    display."""
    first, _, rest = answer.partition("\n")
    label = first.strip()
    if not rest.strip() or not label.endswith(":") or len(label) > 40:
        return None
    if not answer_matches(truth, normalize(rest)):
        return None
    return f"Right, but answer with the output alone: Python does not display `{label}`."


def _whitespace_hint(code: str, expected: str, answer: str) -> str:
    """What makes only the whitespace differ: the line breaks, or the spaces."""
    if len(expected.splitlines()) != len(answer.splitlines()):
        return (
            "Right values, but the line breaks differ: each print() ends its line unless "
            "`end=` says otherwise, and `\\n` inside a string starts a new one."
        )
    return _spaces_hint(code, expected).replace("The characters are right", "Right values")


_SHOWN_CONTAINER = re.compile(r"[\[({][^\])}\n]*, ")
"""A list, tuple, dict or set shown as Python writes it: a space after each comma."""


def _spaces_hint(code: str, expected: str) -> str:
    """Where spaces inside a line come from, in this snippet."""
    if _SHOWN_CONTAINER.search(expected):
        return (
            "The characters are right, but spaces inside a line are not: print() shows a "
            "list, a tuple or a dict as Python writes it, with a space after each comma "
            "(`[1, 2]`, `{'a': 1}`), and puts one space between the values it is given "
            "(or its `sep=`)."
        )
    if _PADDING.search(code):
        return (
            "The characters are right, but the spaces are not: a width in a format "
            "(`{x:3}`, `.rjust()`) pads with spaces up to that width: a number gets them "
            "before it and a text after it, unless `<`, `>` or `^` says otherwise."
        )
    return (
        "The characters are right, but spaces inside a line are not: print() puts one "
        "space between the values it is given (or its `sep=`), and none inside a value."
    )

"""fix-syntax-error: `code` does not compile; the learner submits the fixed program.

The fix must compile, be the reference fix up to formatting, comments and spellings that
mean the same (`grader.toolkit.structure`), so that a fix that changes what the program
means fails even when it prints the same; and print what the reference fix prints.
"""

from __future__ import annotations

import ast
import difflib
from dataclasses import dataclass
from typing import Any, ClassVar

from grader.compare import Comparison, Mode, canonical_forms, normalize
from grader.digests import LOCKED_DIGESTS, digests, salted
from grader.errors import BrokenExercise
from grader.exercise import Exercise, FieldProblems, Kind, Presentation, Reveal
from grader.runner import Runner
from grader.spec.reader import SpecReader
from grader.submission import Submission
from grader.toolkit import structure
from grader.toolkit.expected import Expected, ExpectedOutput, LockedOutput, PlainOutput
from grader.toolkit.misconceptions import MAX_FINDINGS, Finding, fixes
from grader.toolkit.misconceptions.outputs import OutputFacts, diagnose
from grader.toolkit.misconceptions.source import SourceFacts
from grader.toolkit.outputs import output_check
from grader.toolkit.runs import (
    error_text,
    explain_outcome,
    failed_run_verdict,
    input_note,
    run_failure,
    stop_summary,
)
from grader.toolkit.verdicts import VerdictBuilder
from grader.verdict import Check, Status, Verdict, clip
from sandbox.outcome import Outcome
from sandbox.status import Status as RunStatus

STAY_CLOSE = "Fix only the error: keep the rest of the program as it was."
LOCKED_OUTPUT = "the output is not the fixed program's (locked: not shown)"
ONLY_THE_ERROR = "fixes only the syntax error"


@dataclass(frozen=True)
class Body:
    code: str
    fixed: str | None
    """None when locked: `locked_output` then stands for the reference fix's output."""
    stdin: str = ""
    max_changed_lines: int | None = None
    min_similarity: float | None = None
    locked_output: LockedOutput | None = None
    locked_structure: Expected[str] | None = None
    """Locked: the digest of the reference fix's structure, for this Python version."""

    @property
    def allowed_changes(self) -> int:
        if self.max_changed_lines is not None or self.fixed is None:
            return self.max_changed_lines or 1
        return changed_lines(self.code, self.fixed) + 1


def _lines(text: str) -> list[str]:
    """The lines that hold code: blank and comment-only lines change nothing."""
    lines = (line.rstrip() for line in normalize(text).split("\n"))
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


def changed_lines(before: str, after: str) -> int:
    """Lines replaced, added or removed (blank lines, comment-only lines (such as the
    prompt `grader start` writes on top) and trailing spaces ignored)."""
    matcher = difflib.SequenceMatcher(None, _lines(before), _lines(after), autojunk=False)
    return sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )


def similarity(before: str, after: str) -> float:
    """How alike the code lines are (0 to 1), comments and blank lines aside."""
    old, new = ("\n".join(_lines(text)) for text in (before, after))
    return difflib.SequenceMatcher(None, old, new, autojunk=False).ratio()


def reference_outcome(exercise: Exercise[Body], fixed: str, runner: Runner) -> Outcome:
    body = exercise.body
    return runner.run(fixed, filename="fixed.py", stdin=body.stdin, limits=exercise.limits)


class FixSyntaxError(Kind[Body]):
    name = "fix-syntax-error"
    answer = "code"
    summary = "Fix the syntax error; keep everything else."
    properties: ClassVar[dict[str, Any]] = {
        "code": {"type": "string", "minLength": 1, "description": "The broken program."},
        "fixed": {"type": "string", "minLength": 1, "description": "The reference fix."},
        "stdin": {"type": "string"},
        "max_changed_lines": {
            "type": "integer",
            "minimum": 1,
            "description": "Default: the lines the reference fix changes, plus one.",
        },
        "min_similarity": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        "output_sha256": LOCKED_DIGESTS,
        "structure_sha256": LOCKED_DIGESTS,
    }
    required = ("code",)
    template = """\
# The program with one syntax error (it must not compile).
code: |
  TODO: the broken program
# The fix. A learner's fix must be this program, up to formatting and comments.
fixed: |
  TODO: the fixed program
"""

    def parse(self, spec: SpecReader) -> Body:
        data = spec.data
        if not spec.locked and "fixed" not in data:
            spec.problem(("fixed",), "missing required field")
        if spec.locked and ("output_sha256" not in data or "max_changed_lines" not in data):
            spec.problem(("lock",), "a locked exercise needs output_sha256 and max_changed_lines")
        digests = data.get("output_sha256")
        locked_output = (
            None
            if digests is None
            else spec.locked_output(("output_sha256",), digests, Comparison())
        )
        structure_digest = data.get("structure_sha256", {}).get(structure.PYTHON)
        locked_structure: Expected[str] | None = (
            None
            if structure_digest is None
            else spec.salted(("structure_sha256", structure.PYTHON), structure_digest)
        )
        return Body(
            data["code"],
            data.get("fixed"),
            data.get("stdin", ""),
            data.get("max_changed_lines"),
            data.get("min_similarity"),
            locked_output,
            locked_structure,
        )

    def grade(self, exercise: Exercise[Body], submission: Submission, runner: Runner) -> Verdict:
        body = exercise.body
        source = submission.text or ""
        outcome = runner.run(
            source, filename=submission.filename, stdin=body.stdin, limits=exercise.limits
        )
        if outcome.status is RunStatus.SYNTAX_ERROR:
            return failed_run_verdict(exercise, outcome, source)
        closeness, findings, summary = _structure_check(body, source, exercise.points)
        builder = VerdictBuilder(exercise)
        if not closeness.passed:
            builder.add(closeness)
            builder.diagnose(*(finding.hint for finding in findings[:MAX_FINDINGS]))
            builder.hint(STAY_CLOSE)
            if run_failure(outcome):  # told, but the verdict is the change: wrong_answer
                summary = f"{summary} {stop_summary(outcome)}."
                builder.hint(explain_outcome(outcome, source))
            return builder.verdict(summary, output=clip(outcome.stdout)[0])
        if run_failure(outcome):
            return failed_run_verdict(exercise, outcome, source, checks=(closeness,))
        points = exercise.points
        expected = _expected_output(exercise, runner)
        check, match = output_check(
            "output", expected, outcome.stdout, points=points, locked_message=LOCKED_OUTPUT
        )
        builder.add(closeness)
        builder.add(check, whitespace_only=match.presentation_only)
        if not check.passed:
            finding = diagnose(OutputFacts(expected, outcome.stdout, SourceFacts(source)))
            builder.diagnose(*([finding.hint] if finding else []))
            builder.hint(
                "The program compiles now but prints something else: "
                "compare with what the original was meant to do."
            )
        messages = {
            Status.PASSED: "Fixed: it compiles and prints the right output.",
            Status.PRESENTATION_ERROR: "It compiles; only whitespace in the output differs.",
            Status.WRONG_ANSWER: "It compiles, but its output is not the fixed program's.",
        }
        return builder.verdict(messages[builder.status], output=clip(outcome.stdout)[0])

    def lock(
        self, exercise: Exercise[Body], data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        return _lock(exercise, data, salt, runner)

    def present(self, exercise: Exercise[Body]) -> Presentation:
        body = exercise.body
        return Presentation(
            code=body.code,
            starter=body.code,
            notes=(f"Submit the fixed program as a .py file. {STAY_CLOSE}",),
        )

    def reveal(self, exercise: Exercise[Body], runner: Runner) -> Reveal:
        return Reveal(answer=exercise.body.fixed, verbatim=True, mistakes=(STAY_CLOSE,))

    def check(self, exercise: Exercise[Body], runner: Runner) -> FieldProblems:
        body = exercise.body
        problems: FieldProblems = []
        broken = runner.run(
            body.code, filename="broken.py", stdin=body.stdin, limits=exercise.limits
        )
        if broken.status is not RunStatus.SYNTAX_ERROR:
            problems.append(
                (("code",), f"compiles (status {broken.status}); it must contain a syntax error")
            )
        if body.fixed is None:
            return problems  # locked: the reference fix is not here to run
        reference = reference_outcome(exercise, body.fixed, runner)
        if reference.status is not RunStatus.OK:
            detail = f": {error_text(reference.error)}" if reference.error else ""
            problems.append(
                (
                    ("fixed",),
                    f"the reference fix does not run cleanly ({reference.status}{detail})"
                    + input_note(reference, "stdin" in exercise.raw.data),
                )
            )
        if structure.parse(body.fixed) is None:
            problems.append((("fixed",), "the reference fix does not compile"))
        elif normalize(body.fixed) == normalize(body.code):
            problems.append((("fixed",), "the reference fix is the broken code itself"))
        closeness = _closeness_check(body, body.fixed)
        given = body.max_changed_lines is not None or body.min_similarity is not None
        if given and not closeness.passed:
            rule = "min_similarity" if body.min_similarity is not None else "max_changed_lines"
            problems.append(
                (
                    ("fixed",),
                    f"the reference fix breaks the closeness rule: {closeness.message}; "
                    f"make the fix smaller or change `{rule}`",
                )
            )
        return problems


def _lock(
    exercise: Exercise[Body], data: dict[str, Any], salt: str, runner: Runner
) -> tuple[dict[str, Any], list[str]]:
    body = exercise.body
    fixed = data.pop("fixed")
    reference = reference_outcome(exercise, fixed, runner)
    data["max_changed_lines"] = body.allowed_changes
    data["output_sha256"] = digests(salt, canonical_forms(reference.stdout, Mode.WHITESPACE))
    tree = structure.parse(fixed)
    if tree is not None:
        data["structure_sha256"] = {structure.PYTHON: salted(salt, _structure_text(tree))}
    return data, []


def _expected_output(exercise: Exercise[Body], runner: Runner) -> ExpectedOutput:
    """What the fix must print: the reference fix's output, or (locked) its digests."""
    body = exercise.body
    if body.fixed is None:
        assert body.locked_output is not None  # the parser requires one or the other
        return body.locked_output
    reference = reference_outcome(exercise, body.fixed, runner)
    if reference.status is not RunStatus.OK:
        raise BrokenExercise(exercise.id, f"its reference fix ends with {reference.status}")
    return PlainOutput(reference.stdout, Comparison())


def _structure_text(tree: ast.Module) -> str:
    return structure.dump(structure.canonical(tree))


def _structure_check(body: Body, source: str, points: float) -> tuple[Check, list[Finding], str]:
    """Whether the fix is the reference fix up to formatting: the check, the mistakes
    found when it is not, and the verdict's message then."""
    tree = structure.parse(source)
    reference = None if body.fixed is None else structure.reference(body.code, body.fixed)
    if tree is None or (reference is None and body.locked_structure is None):
        return _closeness_check(body, source), [], REWRITE  # banks locked before structures
    if reference is not None and structure.dump(tree) == reference.raw_text:
        return _only_the_error(True, "only the syntax error is fixed", 0.0), [], ""
    fix = structure.canonical(tree, in_place=True)  # parsed for this grading alone
    text = structure.dump(fix)
    if reference is not None:
        if text == reference.text:
            return _only_the_error(True, "only the syntax error is fixed", 0.0), [], ""
        diff = structure.compare_fix(reference, fix)
        findings = fixes.diagnose(diff, fixes.FixFacts(body.code, source, reference.source, fix))
        if diff.only_at_the_error:
            message, summary = (
                "the fixed line is not the original with only its error fixed",
                MEANING,
            )
        else:
            message, summary = "it changes lines that have no error", REWRITE
        return _only_the_error(False, message, points), findings, summary
    assert body.locked_structure is not None
    if body.locked_structure.matches(text):
        return _only_the_error(True, "only the syntax error is fixed", 0.0), [], ""
    findings = fixes.diagnose_alone(body.code, source)
    message = "the fix changes more than the syntax error (locked: the fix is not shown)"
    return _only_the_error(False, message, points), findings, MEANING


MEANING = "The program compiles, but the fix changes more than the syntax error on its line."
REWRITE = "The program compiles, but the fix also changes lines that have no error."


def _only_the_error(passed: bool, message: str, points: float) -> Check:
    return Check.make(
        ONLY_THE_ERROR,
        passed,
        message=message,
        hint=None if passed else STAY_CLOSE,
        max_points=points,
    )


def _closeness_check(body: Body, source: str) -> Check:
    if body.min_similarity is not None:
        ratio = similarity(body.code, source)
        ok = ratio >= body.min_similarity
        message = f"{ratio:.0%} similar to the original (at least {body.min_similarity:.0%} needed)"
        return Check.make(
            "stays close to the original", ok, message=message, hint=None if ok else STAY_CLOSE
        )
    changed = changed_lines(body.code, source)
    allowed = body.allowed_changes
    ok = changed <= allowed
    message = f"{changed} line{'s' if changed != 1 else ''} changed (at most {allowed} allowed)"
    return Check.make(
        "stays close to the original", ok, message=message, hint=None if ok else STAY_CLOSE
    )


KIND = FixSyntaxError()

"""Learner runs that did not end normally: their status, error and explanation, and the
verdict on a program that crashed, hung or was refused."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from grader import explanations
from grader.exercise import AnyExercise
from grader.toolkit.verdicts import VerdictBuilder
from grader.verdict import Check, ErrorSummary, Status, Verdict, clip, stable
from sandbox.outcome import Outcome
from sandbox.status import Status as RunStatus

__all__ = [
    "error_summary",
    "error_text",
    "explain_outcome",
    "failed_run_verdict",
    "input_note",
    "record_failure",
    "run_failure",
    "stop_summary",
    "unfed_input",
]

_RUN_FAILURES = {
    RunStatus.SYNTAX_ERROR: Status.SYNTAX_ERROR,
    RunStatus.RUNTIME_ERROR: Status.RUNTIME_ERROR,
    RunStatus.FORBIDDEN: Status.FORBIDDEN,
    RunStatus.TIMEOUT: Status.TIMEOUT,
    RunStatus.MEMORY_LIMIT: Status.MEMORY_LIMIT,
    RunStatus.OUTPUT_LIMIT: Status.OUTPUT_LIMIT,
}
_RUN_MESSAGES = {
    Status.SYNTAX_ERROR: "The program does not compile",
    Status.RUNTIME_ERROR: "The program stopped with an error",
    Status.FORBIDDEN: "The program uses something exercises do not allow",
    Status.TIMEOUT: "The program did not finish in time",
    Status.MEMORY_LIMIT: "The program used too much memory",
    Status.OUTPUT_LIMIT: "The program printed too much",
}


def input_note(outcome: Outcome, stdin_given: bool) -> str:
    """For an author: why a run that reads input() ended with EOFError (or "")."""
    if outcome.error is None or outcome.error.type != "EOFError":
        return ""
    if stdin_given:
        return "; it reads more with input() than `stdin:` gives"
    return "; it reads input(), but the spec gives no `stdin:`: add one with the input"


def unfed_input(outcome: Outcome, spec_data: object) -> str | None:
    """A snippet that reads input() with no `stdin:` in its spec ends with EOFError, which
    then passes for the answer: what to do, or None. `stdin: ""` says it is meant."""
    if outcome.error is None or outcome.error.type != "EOFError":
        return None
    if isinstance(spec_data, dict) and "stdin" in spec_data:
        return None
    return (
        "reads input(), but the exercise gives no `stdin:`, so it ends with EOFError; "
        'add `stdin:` with the input (or `stdin: ""` if the EOFError is the point)'
    )


def run_failure(outcome: Outcome) -> Status | None:
    """The verdict status for a run that did not end normally, or None."""
    return _RUN_FAILURES.get(outcome.status)


def error_summary(outcome: Outcome) -> ErrorSummary | None:
    error = outcome.error
    if error is None:
        return None
    return ErrorSummary(error.type, stable(error.message), error.line, stable(error.traceback))


def explain_outcome(outcome: Outcome, source: str, *, hidden: bool = False) -> str | None:
    """The built-in plain-language explanation of a failed run (of a `hidden` test's: one
    that quotes none of its data)."""
    error = outcome.error
    if error is None:
        return explanations.explain(str(outcome.status), "")
    line = error.text or _source_line(source, error.line)
    return explanations.explain(error.type, error.message, line, hidden=hidden)


def _source_line(source: str, line: int | None) -> str:
    lines = source.splitlines()
    return lines[line - 1] if line and 0 < line <= len(lines) else ""


def record_failure(
    builder: VerdictBuilder, outcome: Outcome, source: str, *, hidden: bool = False
) -> Status:
    """Record a failed run in `builder` (explained when it is the first, without the data
    of a `hidden` test); its status."""
    status = run_failure(outcome)
    if status is None:
        raise ValueError(f"the run ended normally ({outcome.status}); nothing failed")
    explained = builder.explained
    builder.run_failed(
        status, None if explained else explain_outcome(outcome, source, hidden=hidden)
    )
    return status


def failed_run_verdict(
    exercise: AnyExercise,
    outcome: Outcome,
    source: str,
    *,
    checks: Iterable[Check] = (),
    hint: str | None = None,
) -> Verdict:
    """The verdict on a learner program that crashed, hung or was refused; `hint` comes
    before the explanation of its error."""
    builder = VerdictBuilder(exercise)
    for check in checks:
        builder.add(check)
    if hint is not None:
        builder.diagnose(hint)
        builder.run_failed(run_failure(outcome) or Status.RUNTIME_ERROR, None)
    else:
        record_failure(builder, outcome, source)
    message = stop_summary(outcome)
    return builder.verdict(message, error=error_summary(outcome), output=clip(outcome.stdout)[0])


class _Error(Protocol):
    @property
    def type(self) -> str: ...

    @property
    def message(self) -> str: ...


def error_text(error: _Error) -> str:
    """`ValueError: bad input` as CPython's last line shows it; `ValueError` when the
    message is empty (as `raise ValueError` gives), never `ValueError: `."""
    return f"{error.type}: {error.message}" if error.message else error.type


def stop_summary(outcome: Outcome) -> str:
    """Why a failed run stopped, for a learner: `The program did not finish in time`,
    `The program uses something exercises do not allow: Forbidden: ... (line 5)`."""
    status = run_failure(outcome)
    if status is None:
        raise ValueError(f"the run ended normally ({outcome.status}); nothing failed")
    error = error_summary(outcome)
    detail = f": {error_text(error)}" if error else ""
    said = error is not None and error.message.startswith(f"line {error.line}:")
    where = f" (line {error.line})" if error and error.line and not said else ""
    return stable(f"{_RUN_MESSAGES[status]}{detail}{where}")

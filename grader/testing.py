"""Testing helpers, as click's `testing.py` is for click: a runner that answers with
scripted outcomes instead of running code, so that a kind's logic is tested without the
sandbox, and builders of the outcomes the sandbox gives.

    runner = FakeRunner([ran("2.5\\n")])
    verdict = grade(exercise, Submission.from_text("print(2.5)", "a.py"), runner)
    assert runner.runs[0].stdin == "1 4\\n"
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sandbox.limits import Limits
from sandbox.outcome import CallResult, ErrorInfo, Outcome
from sandbox.status import Status
from sandbox.values import encode, safe_repr

__all__ = [
    "FakeRunner",
    "Run",
    "call_raised",
    "crashed",
    "ran",
    "returned",
    "syntax_error",
    "timed_out",
]


@dataclass(frozen=True)
class Run:
    """One run a grader asked for."""

    source: str
    filename: str
    stdin: str
    limits: Limits | None
    calls: tuple[str, ...]


class FakeRunner:
    """A `grader.runner.Runner` that never runs anything.

    `script` is either the outcomes to give, one per run in order, or a function from the
    `Run` asked for to its outcome. Every run is recorded in `runs`.
    """

    def __init__(self, script: Iterable[Outcome] | Callable[[Run], Outcome]) -> None:
        self.runs: list[Run] = []
        if callable(script):
            self._respond = script
        else:
            self._respond = _in_order(iter(list(script)))

    def run(
        self,
        source: str,
        *,
        filename: str = "main.py",
        stdin: str = "",
        limits: Limits | None = None,
        calls: Sequence[str] = (),
    ) -> Outcome:
        asked = Run(source, filename, stdin, limits, tuple(calls))
        self.runs.append(asked)
        return self._respond(asked)


def _in_order(outcomes: Iterator[Outcome]) -> Callable[[Run], Outcome]:
    def respond(run: Run) -> Outcome:
        outcome = next(outcomes, None)
        if outcome is None:
            raise LookupError(f"no scripted outcome left for a run of {run.filename}")
        return outcome

    return respond


def ran(stdout: str = "", *, calls: Iterable[CallResult] = ()) -> Outcome:
    """A run that ended normally."""
    return Outcome(Status.OK, stdout, calls=tuple(calls))


def crashed(
    error_type: str,
    message: str,
    *,
    line: int | None = None,
    text: str | None = None,
    stdout: str = "",
    status: Status = Status.RUNTIME_ERROR,
) -> Outcome:
    """A run stopped by an error (a runtime error unless `status` says otherwise)."""
    where = f'  File "main.py", line {line}\n' if line else ""
    traceback = f"Traceback (most recent call last):\n{where}{error_type}: {message}\n"
    error = ErrorInfo(error_type, message, line, text=text, traceback=traceback)
    return Outcome(status, stdout, error)


def syntax_error(message: str, *, line: int, text: str | None = None) -> Outcome:
    """A program that does not compile."""
    return crashed("SyntaxError", message, line=line, text=text, status=Status.SYNTAX_ERROR)


def timed_out(stdout: str = "", *, seconds: float = 2) -> Outcome:
    """A run stopped by the time limit."""
    return crashed(
        "Timeout",
        f"the program ran longer than {seconds:g} s",
        stdout=stdout,
        status=Status.TIMEOUT,
    )


def returned(
    call: str,
    value: Any,
    *,
    stdout: str = "",
    arguments: tuple[list[Any], dict[str, Any]] | None = None,
) -> CallResult:
    """A call that returned `value` (encoded as the sandbox encodes it); `arguments` are
    the arguments as the call left them, `(args, kwargs)`."""
    after = None if arguments is None else encode(list(arguments))
    return CallResult(call, True, encode(value), safe_repr(value), stdout=stdout, arguments=after)


def call_raised(
    call: str,
    error_type: str,
    message: str = "",
    *,
    stdout: str = "",
    bases: Sequence[str] | None = None,
    text: str | None = None,
) -> CallResult:
    """A call that raised `error_type`; its base classes are `bases`, or (for a built-in
    exception) the real ones; `text` is the line of source that raised it."""
    raised = (error_type, *(_builtin_bases(error_type) if bases is None else bases))
    error = ErrorInfo(error_type, message, text=text)
    return CallResult(call, False, error=error, stdout=stdout, raised_types=raised)


def _builtin_bases(name: str) -> tuple[str, ...]:
    found = getattr(builtins, name, None)
    if isinstance(found, type) and issubclass(found, BaseException):
        return tuple(cls.__name__ for cls in found.__mro__[1:-1])
    return ()

"""What a sandboxed run produced, as plain data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sandbox import values
from sandbox.status import Layer, Status

__all__ = ["CallResult", "ErrorInfo", "Layer", "Outcome", "Status"]


@dataclass(frozen=True)
class ErrorInfo:
    """An error as CPython reports it, limited to the learner's own frames."""

    type: str
    message: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    text: str | None = None
    """The source line the error points at."""
    traceback: str = ""
    """The error as CPython would print it (learner frames only)."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ErrorInfo:
        """Fields of the wrong type (in a report the program forged) are left empty."""
        line, column, end_line, end_column = (
            _number(data.get(key)) for key in ("line", "column", "end_line", "end_column")
        )
        source = data.get("text")
        return cls(
            _text(data.get("type")),
            _text(data.get("message")),
            line,
            column,
            end_line,
            end_column,
            source if type(source) is str else None,
            _text(data.get("traceback")),
        )


@dataclass(frozen=True)
class CallResult:
    """One function call made after the program ran (for write-function exercises)."""

    call: str
    returned: bool
    value: Any = None
    """The return value, serialised inside the child (see `sandbox.values`)."""
    display: str = ""
    """A short repr of the value, for feedback only."""
    error: ErrorInfo | None = None
    stdout: str = ""
    raised_types: tuple[str, ...] = ()
    """The raised exception's class and base classes by name, most derived first."""
    arguments: Any = None
    """The arguments after the call, serialised as `[args, kwargs]`; None when every
    argument is immutable (the call cannot have changed them)."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CallResult:
        """A value `sandbox.values.encode` could not have written is an opaque object."""
        error = data.get("error")
        value = data.get("value")
        arguments = data.get("arguments")
        return cls(
            call=_text(data.get("call")),
            returned=data.get("returned") is True,
            value=value if values.well_formed(value) else _MALFORMED,
            display=_text(data.get("display")),
            error=ErrorInfo.from_dict(error) if isinstance(error, dict) else None,
            stdout=_text(data.get("stdout")),
            raised_types=_names(data.get("raised_types")),
            arguments=arguments if values.well_formed(arguments) else None,
        )


def _names(data: Any) -> tuple[str, ...]:
    """Names from a list of strings; nothing from anything else."""
    if isinstance(data, list) and all(isinstance(name, str) for name in data):
        return tuple(data)
    return ()


@dataclass(frozen=True)
class Outcome:
    """The result of `sandbox.run`: never an exception for anything the program did."""

    status: Status
    stdout: str = ""
    error: ErrorInfo | None = None
    duration: float = 0.0
    """Wall-clock seconds from fork to exit."""
    truncated: bool = False
    """True when stdout was cut at `Limits.output_bytes`."""
    calls: tuple[CallResult, ...] = ()
    stopped_by: Layer | None = None
    """Which layer stopped the run, when it was stopped by a limit or a rule."""
    warnings: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.status is Status.OK

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status.value
        data["stopped_by"] = self.stopped_by.value if self.stopped_by else None
        data["duration_ms"] = round(self.duration * 1000, 3)
        del data["duration"]
        data["calls"] = [asdict(c) for c in self.calls]
        data["warnings"] = list(self.warnings)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Outcome:
        error = data.get("error")
        stopped_by = data.get("stopped_by")
        return cls(
            status=Status(data["status"]),
            stdout=_text(data.get("stdout")),
            error=ErrorInfo.from_dict(error) if isinstance(error, dict) else None,
            duration=float(data.get("duration_ms", 0.0)) / 1000,
            truncated=bool(data.get("truncated", False)),
            calls=tuple(
                CallResult.from_dict(c) for c in data.get("calls", ()) if isinstance(c, dict)
            ),
            stopped_by=Layer(stopped_by) if stopped_by else None,
            warnings=tuple(data.get("warnings", ())),
        )


_MALFORMED = {"$object": "malformed value", "repr": "<a value the sandbox did not write>"}


def _text(value: object) -> str:
    return value if type(value) is str else ""


def _number(value: object) -> int | None:
    return value if type(value) is int else None

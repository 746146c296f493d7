"""Verdicts: what grading decided, as data. The same object for the library and the CLI."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any

MAX_VALUE_CHARS = 2000
"""Expected/actual values longer than this are cut, with an explicit marker."""


class Status(enum.StrEnum):
    PASSED = "passed"
    WRONG_ANSWER = "wrong_answer"
    PRESENTATION_ERROR = "presentation_error"
    SYNTAX_ERROR = "syntax_error"
    RUNTIME_ERROR = "runtime_error"
    FORBIDDEN = "forbidden"
    TIMEOUT = "timeout"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    INVALID_SUBMISSION = "invalid_submission"


def truncation_marker(hidden: int) -> str:
    """A marker no program output can be confused with (it names the grader)."""
    return f"\n⟦grader: {hidden:,} more characters not shown⟧"


_ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]{4,}\b")


def stable(text: str) -> str:
    """Object addresses (`at 0x7f...`) replaced, so that reports do not change between runs."""
    return _ADDRESS.sub("at 0x…", text) if "at 0x" in text else text


def clip(text: str | None, limit: int = MAX_VALUE_CHARS) -> tuple[str | None, bool]:
    """`text` made stable and cut to `limit` characters plus a marker; and whether it was cut."""
    if text is None:
        return None, False
    text = stable(text)
    if len(text) <= limit:
        return text, False
    return text[:limit] + truncation_marker(len(text) - limit), True


ANSWER_LABEL = "your answer"
"""`Check.actual_label` of a learner's own text answer (not a program's output)."""


@dataclass(frozen=True)
class Check:
    """One graded aspect: a test case, an option, a concept, the compile step..."""

    name: str
    passed: bool
    expected: str | None = None
    actual: str | None = None
    message: str = ""
    hint: str | None = None
    points: float = 0.0
    max_points: float = 0.0
    hidden: bool = False
    diff: str | None = None
    truncated: bool = False
    actual_label: str = "actual"
    """How `actual` is labelled where it is shown: `your answer` when it is the learner's
    own answer (a text kind) rather than what their program did."""

    @classmethod
    def make(cls, name: str, passed: bool, **fields: Any) -> Check:
        """A check whose expected/actual values are clipped for display."""
        expected, cut_expected = clip(fields.pop("expected", None))
        actual, cut_actual = clip(fields.pop("actual", None))
        message = stable(fields.pop("message", ""))
        return cls(
            name,
            passed,
            expected=expected,
            actual=actual,
            message=message,
            truncated=cut_expected or cut_actual,
            **fields,
        )

    def public(self) -> Check:
        """What a learner may see of a hidden check: that it passed or failed, nothing more."""
        if not self.hidden:
            return self
        message = "hidden test passed" if self.passed else "a hidden test failed"
        return Check(
            self.name,
            self.passed,
            message=message,
            points=self.points,
            max_points=self.max_points,
            hidden=True,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "passed": self.passed,
            "expected": self.expected,
            "actual": self.actual,
            "message": self.message,
            "hint": self.hint,
            "points": self.points,
            "max_points": self.max_points,
            "hidden": self.hidden,
            "diff": self.diff,
            "truncated": self.truncated,
            "actual_label": self.actual_label,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Check:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


@dataclass(frozen=True)
class ErrorSummary:
    """The learner program's error as CPython reported it."""

    type: str
    message: str
    line: int | None = None
    traceback: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "message": self.message,
            "line": self.line,
            "traceback": self.traceback,
        }


@dataclass(frozen=True)
class Verdict:
    """The result of grading one submission. Learner failures are data, never exceptions."""

    exercise: str
    kind: str
    status: Status
    score: float
    max_score: float
    message: str
    checks: tuple[Check, ...] = ()
    hints: tuple[str, ...] = ()
    """Most specific first: the exercise's mistakes, built-in explanations, the general hint."""
    error: ErrorSummary | None = None
    output: str | None = None
    """What the learner's program printed (clipped), when it ran."""

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED

    def public(self) -> Verdict:
        """The verdict with hidden checks reduced to passed/failed. An author's hint on a
        hidden case stays in `hints`: it is written to be shown, and reveals no data."""
        checks = tuple(check.public() for check in self.checks)
        return Verdict(**{**self.__dict__, "checks": checks})

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "kind": self.kind,
            "status": self.status.value,
            "passed": self.passed,
            "score": round(self.score, 6),
            "max_score": round(self.max_score, 6),
            "message": self.message,
            "hints": list(self.hints),
            "checks": [check.to_dict() for check in self.checks],
            "error": self.error.to_dict() if self.error else None,
            "output": self.output,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Verdict:
        error = data.get("error")
        return cls(
            exercise=data["exercise"],
            kind=data["kind"],
            status=Status(data["status"]),
            score=float(data["score"]),
            max_score=float(data["max_score"]),
            message=data.get("message", ""),
            checks=tuple(Check.from_dict(c) for c in data.get("checks", ())),
            hints=tuple(data.get("hints", ())),
            error=ErrorSummary(**error) if error else None,
            output=data.get("output"),
        )


def ordered_hints(*groups: object) -> tuple[str, ...]:
    """Flatten hint groups (most specific first), dropping blanks and repeats; addresses
    in a quoted value are made stable (`at 0x…`), as in the checks."""
    seen: dict[str, None] = {}
    for group in groups:
        items = [group] if isinstance(group, str) or group is None else list(group)  # type: ignore[call-overload]
        for hint in items:
            if hint and hint.strip():
                seen.setdefault(stable(hint), None)
    return tuple(seen)

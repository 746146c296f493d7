"""What a kind reads its fields from: the raw spec, plus every problem found while reading."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from grader.compare import Comparison
from grader.errors import Problem
from grader.spec.raw import PathKey, RawSpec
from grader.spec.regexes import backtracking_risk
from grader.toolkit.expected import LockedOutput, Salted

__all__ = ["NOT_LOCKED", "SpecReader"]

C = TypeVar("C")

NOT_LOCKED = "is written by `grader lock`, but this spec has no `lock:` salt to check it with"


@dataclass
class SpecReader:
    """The raw spec of one exercise, plus the problems found while reading it."""

    raw: RawSpec
    problems: list[Problem] = field(default_factory=list)

    @property
    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = self.raw.data
        return data

    @property
    def locked(self) -> bool:
        """Whether answers are stored as salted digests (`grader lock` wrote a `lock:`)."""
        return "lock" in self.data

    def problem(self, path: PathKey, message: str) -> None:
        self.problems.append(self.raw.problem(path, message))

    def regex(self, path: PathKey, pattern: str) -> re.Pattern[str] | None:
        """`pattern` compiled; None, with a problem, when invalid or prone to hang grading."""
        try:
            compiled = re.compile(pattern)
        except (re.error, RecursionError, OverflowError) as exc:
            self.problem(path, f"not a valid regular expression ({exc})")
            return None
        risk = backtracking_risk(pattern)
        if risk is not None:
            self.problem(path, risk)
            return None
        return compiled

    def salted(
        self,
        path: PathKey,
        digests: str | Iterable[str],
        forms: Callable[[C], Iterable[str]] | None = None,
    ) -> Salted[C]:
        """The answer known by `digests` (one or several) at `path`, under the spec's salt."""
        known = frozenset([digests] if isinstance(digests, str) else digests)
        salt = self._salt(path)
        return Salted(salt, known) if forms is None else Salted(salt, known, forms)

    def locked_output(
        self, path: PathKey, digests: Mapping[str, str], comparison: Comparison
    ) -> LockedOutput:
        """The output known by the digests of its canonical forms at `path`."""
        return LockedOutput(self._salt(path), digests, comparison)

    def _salt(self, path: PathKey) -> str:
        if not self.locked:
            self.problem(path, NOT_LOCKED)
            return ""
        lock = self.data["lock"]
        salt = lock.get("salt") if isinstance(lock, dict) else None
        return salt if isinstance(salt, str) else ""  # the schema reports a bad `lock:`

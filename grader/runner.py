"""What grading needs from a sandbox, and a cache for runs that repeat (reference code)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Protocol

from sandbox.limits import Limits
from sandbox.outcome import Outcome


class Runner(Protocol):
    def run(
        self,
        source: str,
        *,
        filename: str = ...,
        stdin: str = ...,
        limits: Limits | None = ...,
        calls: Sequence[str] = ...,
    ) -> Outcome: ...


class CachingRunner:
    """Memoises runs by their inputs. Sandbox runs are deterministic (fixed hash seed,
    seeded `random`), so a reference snippet graded for 1,000 learners runs once."""

    def __init__(self, runner: Runner, size: int = 256) -> None:
        self._runner = runner
        self._size = size
        self._cache: OrderedDict[tuple[object, ...], Outcome] = OrderedDict()

    def run(
        self,
        source: str,
        *,
        filename: str = "main.py",
        stdin: str = "",
        limits: Limits | None = None,
        calls: Sequence[str] = (),
    ) -> Outcome:
        key = (source, filename, stdin, limits, tuple(calls))
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        outcome = self._runner.run(
            source, filename=filename, stdin=stdin, limits=limits, calls=calls
        )
        self._cache[key] = outcome
        if len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return outcome

"""Expected answers: known in plain, or (in a locked bank) known only by salted digests.

Kinds ask an expected value whether a candidate `matches()`; they never look at the salt.
Only a `Plain` value holds the answer itself, which a kind may then show or use (for
partial credit, say); a `Salted` one can only say yes or no.
"""

from __future__ import annotations

import abc
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from grader.compare import Comparison, Match, compare, compare_locked
from grader.digests import salted

__all__ = [
    "DigestMemo",
    "Expected",
    "ExpectedOutput",
    "LockedOutput",
    "Plain",
    "PlainOutput",
    "Salted",
    "Unhashable",
]

C = TypeVar("C")


class Unhashable(Exception):
    """A candidate that has no canonical text (a float that needs a tolerance, say)."""


class Expected(abc.ABC, Generic[C]):
    """One expected answer, compared with candidates of type `C`."""

    @abc.abstractmethod
    def matches(self, candidate: C) -> bool:
        """Whether `candidate` is the expected answer."""


def _equal(expected: C, candidate: C) -> bool:
    return bool(operator.eq(expected, candidate))


@dataclass(frozen=True)
class Plain(Expected[C]):
    """An answer stated in the spec; `equal(expected, candidate)` compares (== by default)."""

    answer: C
    equal: Callable[[C, C], bool] = field(default=_equal, compare=False)

    def matches(self, candidate: C) -> bool:
        return self.equal(self.answer, candidate)


def _text(candidate: object) -> Iterable[str]:
    return (str(candidate),)


class DigestMemo:
    """A candidate that remembers the digests of its forms, for the many salted values that
    ask about it (each concept of an explain rubric asks about the same answer): each set
    of forms is digested once per candidate, and lives as long as the candidate."""

    def __init__(self) -> None:
        self._digested: dict[tuple[str, Callable[..., Iterable[str]]], frozenset[str]] = {}

    def digests_of(self, salt: str, forms: Callable[..., Iterable[str]]) -> frozenset[str]:
        """The digests of `forms(self)` under `salt`."""
        key = (salt, forms)
        found = self._digested.get(key)
        if found is None:
            found = self._digested[key] = frozenset(salted(salt, text) for text in forms(self))
        return found


@dataclass(frozen=True)
class Salted(Expected[C]):
    """An answer known only by the salted digests of its canonical texts (`grader lock`).

    `forms(candidate)` gives the texts a candidate stands for; it matches when one of their
    digests is among `digests`. A form that raises `Unhashable` matches nothing.
    """

    salt: str
    digests: frozenset[str]
    forms: Callable[[C], Iterable[str]] = field(default=_text, compare=False)

    def matches(self, candidate: C) -> bool:
        try:
            if isinstance(candidate, DigestMemo):
                return not self.digests.isdisjoint(candidate.digests_of(self.salt, self.forms))
            return any(salted(self.salt, text) in self.digests for text in self.forms(candidate))
        except Unhashable:
            return False


class ExpectedOutput(abc.ABC):
    """The output a program must print, compared in one of the instructor's modes."""

    comparison: Comparison

    @abc.abstractmethod
    def compare(self, actual: str) -> Match:
        """Equal, different only in whitespace (a presentation error), or different."""

    @property
    @abc.abstractmethod
    def text(self) -> str | None:
        """The expected output; None when only its digests are known."""


@dataclass(frozen=True)
class PlainOutput(ExpectedOutput):
    expected: str
    comparison: Comparison = field(default_factory=Comparison)

    def compare(self, actual: str) -> Match:
        return compare(self.expected, actual, self.comparison)

    @property
    def text(self) -> str | None:
        return self.expected


@dataclass(frozen=True)
class LockedOutput(ExpectedOutput):
    """Digests of the output's canonical forms (`equal`, `squeezed`; see `canonical_forms`)."""

    salt: str
    digests: Mapping[str, str]
    comparison: Comparison = field(default_factory=Comparison)

    def compare(self, actual: str) -> Match:
        return compare_locked(self.salt, self.digests, actual, self.comparison)

    @property
    def text(self) -> str | None:
        return None

"""Misconception detectors: classic beginner mistakes, named in the learner's own terms.

A detector is a small pure function from what a failed case shows (a call's result, a
program's output, a fix's structure) to a `Finding`, or None. It fires only on what it
can prove: most detectors repair the learner's result the way the mistake would be
repaired (remove the prompt text, return instead of print, round to 2 decimals...) and
fire only when the repaired result is the expected one. They run on failures only, so
a right answer never meets them.

- `calls`: write-function results (printed instead of returned, the wrong type...);
- `outputs`: program output (a prompt in `input()`, `end=`/`sep=`, debug prints...);
- `errors`: errors that name a mistake (runaway recursion, comprehension clauses);
- `fixes`: fix-syntax-error fixes that change what the program means;
- `source`: what they read in the learner's program.

Kinds give the hints to `VerdictBuilder.diagnose`, which puts them before every other hint.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from grader.verdict import Check

__all__ = [
    "UNREADABLE",
    "Finding",
    "Pending",
    "clip",
    "first_findings",
    "on_wrong_answers",
    "without_hint_when_explained",
]

MAX_FINDINGS = 2
"""Distinct mistakes named in one verdict: more would bury the first."""


UNREADABLE = (ArithmeticError, ValueError, RecursionError)
"""What a detector's arithmetic or formatting raises on a learner's monstrous value (an int
of 10,000 digits, a float inf, a list nested 60 deep): such a value shows no mistake."""


class _Judged(Protocol):
    @property
    def right(self) -> bool:
        """Whether the answer is what its case expects."""


FactsT = TypeVar("FactsT", bound=_Judged)


def on_wrong_answers(
    detector: Callable[[FactsT], Finding | None],
) -> Callable[[FactsT], Finding | None]:
    """A detector that never fires on a right answer, nor on a value it cannot read."""

    @functools.wraps(detector)
    def guarded(facts: FactsT) -> Finding | None:
        if facts.right:
            return None
        try:
            return detector(facts)
        except UNREADABLE:  # a value past what arithmetic or text can hold names no mistake
            return None

    return guarded


@dataclass(frozen=True)
class Finding:
    """One mistake found: `hint` quotes the learner's values; `hidden_hint` says the same
    without any data of the case, for hidden cases."""

    mistake: str
    hint: str
    hidden_hint: str
    complete: bool = False
    """Proven to be the whole difference (with this mistake repaired, the case passes), or
    one to repair before any other can be judged (a result of another type). The case's
    own hint, written for other mistakes, is then left out."""

    def text(self, hidden: bool) -> str:
        return self.hidden_hint if hidden else self.hint


Pending = tuple[Callable[[], "Finding | None"], bool]
"""A detection not run yet, and whether its case is hidden."""


def first_findings(
    found: Iterable[tuple[Finding, bool]], pending: Iterable[Pending] = ()
) -> list[str]:
    """The hints of the first findings of distinct mistakes, with whether each case is
    hidden; visible cases first, since their hints can quote values. The `pending`
    detections run in that order, and only until enough mistakes are found."""
    found = list(found)
    mistakes = {finding.mistake for finding, _ in found}
    for detect, hidden in sorted(pending, key=lambda pair: pair[1]):
        if len(mistakes) >= MAX_FINDINGS:
            break
        finding = detect()
        if finding is not None:
            found.append((finding, hidden))
            mistakes.add(finding.mistake)
    ordered = sorted(found, key=lambda pair: pair[1])
    hints: list[str] = []
    seen: set[str] = set()
    for finding, hidden in ordered:
        if finding.mistake not in seen and len(hints) < MAX_FINDINGS:
            seen.add(finding.mistake)
            hints.append(finding.text(hidden))
    return hints


def without_hint_when_explained(
    check: Check, detect: Callable[[], Finding | None]
) -> tuple[Check, Callable[[], Finding | None]]:
    """A failed check without its case's hint when a complete finding explains it (the
    hint was written for other mistakes), and the detection, run at most once."""
    if check.hint is None:
        return check, detect
    finding = detect()
    if finding is not None and finding.complete:
        check = dataclasses.replace(check, hint=None)
    return check, lambda: finding


def clip(text: str, limit: int = 60) -> str:
    """A learner's value or output, short enough to quote in a hint, on one line."""
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 3] + "..."

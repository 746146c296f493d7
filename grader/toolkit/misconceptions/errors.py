"""Detectors for an error that names a classic mistake, in a function call or a program:
runaway recursion, and comprehension clauses written in the wrong order."""

from __future__ import annotations

import re

from grader.toolkit.misconceptions import Finding, clip
from grader.toolkit.misconceptions.source import SourceFacts
from sandbox.outcome import ErrorInfo

__all__ = ["diagnose"]

_UNDEFINED = re.compile(r"name '(\w+)' is not defined")


def runaway_recursion(error: ErrorInfo, source: SourceFacts, what: str) -> Finding | None:
    """Runaway recursion: deeper than Python allows (RecursionError)."""
    if error.type != "RecursionError":
        return None
    advice = (
        "A recursive function needs a base case that returns without calling itself, and "
        "each call must come closer to it."
    )
    return Finding(
        "runaway-recursion",
        f"{what} kept calling itself until Python stopped it with RecursionError "
        f"({error.message}). {advice}",
        f"On a hidden test, your code kept calling itself until Python stopped it "
        f"(RecursionError). {advice}",
    )


def comprehension_order(error: ErrorInfo, source: SourceFacts, what: str) -> Finding | None:
    """`[x for x in row for row in rows]`: a `for` clause uses a name that a later clause
    defines (the clauses go in the order of nested loops)."""
    match = _UNDEFINED.search(error.message) if error.type == "NameError" else None
    if match is None:
        return None
    found = source.misordered_comprehensions().get(match.group(1))
    if found is None:
        return None
    code, later = found
    text = (
        f"In `{clip(code)}` the `for` clauses are in the wrong order: `{match.group(1)}` is "
        f"used before `{clip(later)}` defines it. The clauses go in the order of nested loops: "
        f"`{clip(later)}` first."
    )
    return Finding("comprehension-order", text, text)


def diagnose(error: ErrorInfo, source: SourceFacts, what: str) -> Finding | None:
    """The first finding on this error; `what` names what raised it (a call, say)."""
    for detector in (runaway_recursion, comprehension_order):
        found = detector(error, source, what)
        if found is not None:
            return found
    return None

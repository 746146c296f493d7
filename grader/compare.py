"""Comparing program output with expected output, in the modes instructors choose."""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from grader.digests import salted


class Mode(enum.StrEnum):
    EXACT = "exact"
    WHITESPACE = "whitespace"
    CASE_INSENSITIVE = "case-insensitive"
    FLOAT = "float"
    REGEX = "regex"
    UNORDERED_LINES = "unordered-lines"


DEFAULT_TOLERANCE = 1e-9
"""Both tolerances when an exercise gives none: floats that print alike compare equal."""


@dataclass(frozen=True)
class Comparison:
    mode: Mode = Mode.WHITESPACE
    rel_tol: float = DEFAULT_TOLERANCE
    abs_tol: float = DEFAULT_TOLERANCE


def tolerance_note(comparisons: Iterable[Comparison], numbers: str) -> str | None:
    """How `numbers` are compared, told to a learner; None when no comparison allows more
    than the default (then a number must be as exact as the expected one)."""
    loose = {
        (c.abs_tol, c.rel_tol) for c in comparisons if max(c.abs_tol, c.rel_tol) > DEFAULT_TOLERANCE
    }
    if not loose:
        return None
    if len(loose) > 1:
        return f"{numbers} are compared with a tolerance, which differs from test to test."
    abs_tol, rel_tol = loose.pop()
    given = [f"{abs_tol:g}"] if abs_tol > DEFAULT_TOLERANCE else []
    if rel_tol > DEFAULT_TOLERANCE:
        given.append(f"{rel_tol * 100:g}% of the expected value")
    larger = ", whichever is larger" if len(given) > 1 else ""
    return f"{numbers} are compared with a tolerance of {' or '.join(given)}{larger}."


@dataclass(frozen=True)
class Match:
    equal: bool
    presentation_only: bool = False
    """Not equal, but the same tokens (the same text between whitespace, in the same order):
    only the whitespace between tokens or the line breaks differ, a presentation error."""
    message: str = ""
    spacing_inside: bool = False
    """Not the same tokens, but the same characters once all whitespace is removed: spaces
    added or missing inside a line's values (`A. L.` for `A.L.`), a wrong answer."""


def normalize(text: str) -> str:
    """Line endings to `\\n`, trailing whitespace of each line and trailing blank lines removed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).rstrip("\n")


def squeeze(text: str) -> str:
    """All whitespace removed."""
    return "".join(text.split())


def tokens(text: str) -> str:
    """The text between whitespace, one space apart: what is left when presentation (the
    whitespace between tokens and the line breaks) is ignored."""
    return " ".join(text.split())


HASHABLE_MODES = (Mode.EXACT, Mode.WHITESPACE, Mode.CASE_INSENSITIVE, Mode.UNORDERED_LINES)
"""Modes whose equality is equality of a canonical text, so a locked spec can hash it."""


def canonical_forms(text: str, mode: Mode) -> dict[str, str]:
    """The texts a locked spec stores digests of: equality form first, then `squeezed`
    (all whitespace removed) and `tokens` (presentation ignored)."""
    if mode is Mode.EXACT:
        equal = text
    elif mode is Mode.CASE_INSENSITIVE:
        equal = normalize(text).casefold()
    elif mode is Mode.UNORDERED_LINES:
        equal = "\n".join(sorted(normalize(text).split("\n")))
    elif mode is Mode.WHITESPACE:
        equal = normalize(text)
    else:
        raise ValueError(f"{mode} outputs cannot be locked")
    folded = text.casefold() if mode is Mode.CASE_INSENSITIVE else text
    return {"equal": equal, "squeezed": squeeze(folded), "tokens": tokens(folded)}


PRESENTATION = "only whitespace differs"
SPACING_INSIDE = "only spaces inside a line differ"


def compare(expected: str, actual: str, how: Comparison) -> Match:
    equal = _COMPARERS[how.mode](expected, actual, how)
    if equal:
        return Match(True)
    if how.mode is Mode.REGEX:
        return Match(False)
    if how.mode is Mode.CASE_INSENSITIVE:
        expected, actual = expected.casefold(), actual.casefold()
    if expected.split() == actual.split():
        return Match(False, presentation_only=True, message=PRESENTATION)
    if squeeze(expected) == squeeze(actual):
        return Match(False, message=SPACING_INSIDE, spacing_inside=True)
    return Match(False)


def _exact(expected: str, actual: str, _: Comparison) -> bool:
    return expected == actual


def _whitespace(expected: str, actual: str, _: Comparison) -> bool:
    return normalize(expected) == normalize(actual)


def _case_insensitive(expected: str, actual: str, _: Comparison) -> bool:
    return normalize(expected).casefold() == normalize(actual).casefold()


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|nan)", re.IGNORECASE)


def _float(expected: str, actual: str, how: Comparison) -> bool:
    want, got = normalize(expected).split(), normalize(actual).split()
    if len(want) != len(got):
        return False
    return all(_token_matches(w, g, how) for w, g in zip(want, got, strict=True))


def _token_matches(want: str, got: str, how: Comparison) -> bool:
    if _NUMBER.fullmatch(want) and _NUMBER.fullmatch(got):
        a, b = float(want), float(got)
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=how.rel_tol, abs_tol=how.abs_tol)
    return want == got


def _regex(expected: str, actual: str, _: Comparison) -> bool:
    return re.fullmatch(expected, normalize(actual), re.MULTILINE) is not None


def _unordered_lines(expected: str, actual: str, _: Comparison) -> bool:
    return sorted(normalize(expected).split("\n")) == sorted(normalize(actual).split("\n"))


_COMPARERS = {
    Mode.EXACT: _exact,
    Mode.WHITESPACE: _whitespace,
    Mode.CASE_INSENSITIVE: _case_insensitive,
    Mode.FLOAT: _float,
    Mode.REGEX: _regex,
    Mode.UNORDERED_LINES: _unordered_lines,
}


def compare_locked(salt: str, digests: Mapping[str, str], actual: str, how: Comparison) -> Match:
    """Compare an output with the digests of a locked expected output."""
    forms = canonical_forms(actual, how.mode)
    if digests.get("equal") == salted(salt, forms["equal"]):
        return Match(True)
    if digests.get("tokens") == salted(salt, forms["tokens"]):
        return Match(False, presentation_only=True, message=PRESENTATION)
    if digests.get("squeezed") == salted(salt, forms["squeezed"]):
        if "tokens" not in digests:  # locked before tokens were stored: cannot tell
            return Match(False, presentation_only=True, message=PRESENTATION)
        return Match(False, message=SPACING_INSIDE, spacing_inside=True)
    return Match(False)

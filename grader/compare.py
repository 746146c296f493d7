"""Comparing program output with expected output, in the modes instructors choose."""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from grader.digests import salted


class Mode(enum.StrEnum):
    EXACT = "exact"
    WHITESPACE = "whitespace"
    CASE_INSENSITIVE = "case-insensitive"
    FLOAT = "float"
    REGEX = "regex"
    UNORDERED_LINES = "unordered-lines"


@dataclass(frozen=True)
class Comparison:
    mode: Mode = Mode.WHITESPACE
    rel_tol: float = 1e-9
    abs_tol: float = 1e-9


@dataclass(frozen=True)
class Match:
    equal: bool
    presentation_only: bool = False
    """Not equal, but equal once whitespace is ignored: a presentation error."""
    message: str = ""


def normalize(text: str) -> str:
    """Line endings to `\\n`, trailing whitespace of each line and trailing blank lines removed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).rstrip("\n")


def squeeze(text: str) -> str:
    """All whitespace removed: what is left when presentation is ignored."""
    return "".join(text.split())


HASHABLE_MODES = (Mode.EXACT, Mode.WHITESPACE, Mode.CASE_INSENSITIVE, Mode.UNORDERED_LINES)
"""Modes whose equality is equality of a canonical text, so a locked spec can hash it."""


def canonical_forms(text: str, mode: Mode) -> dict[str, str]:
    """The texts a locked spec stores digests of: equality form first, then `squeezed`."""
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
    squeezed = squeeze(text).casefold() if mode is Mode.CASE_INSENSITIVE else squeeze(text)
    return {"equal": equal, "squeezed": squeezed}


def compare(expected: str, actual: str, how: Comparison) -> Match:
    equal = _COMPARERS[how.mode](expected, actual, how)
    if equal:
        return Match(True)
    if how.mode is not Mode.REGEX and squeeze(expected) == squeeze(actual):
        return Match(False, presentation_only=True, message="only whitespace differs")
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
    if digests.get("squeezed") == salted(salt, forms["squeezed"]):
        return Match(False, presentation_only=True, message="only whitespace differs")
    return Match(False)

"""Values a learner's function returned, compared with expected ones as plain data.

Values come from `sandbox.values.decode`: lists, tuples, dicts, sets, scalars, and `Opaque`
for anything else. Equality is Python's, with two exceptions: floats within a tolerance,
and types that matter. A list is not a tuple, `True` is not `1`, and dict keys and set
members are compared with their type (`{True: 'a', 2.0: 'b'}` is not `{1: 'a', 2: 'b'}`).
An int and a float of the same value are equal unless `exact` (then `5.0` is not `5`).
"""

from __future__ import annotations

import math
from typing import Any

from grader.compare import Comparison
from sandbox.values import Opaque

__all__ = ["is_number", "type_name", "typed", "values_equal"]


def is_number(value: Any) -> bool:
    """An int or a float (not a bool)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def values_equal(expected: Any, actual: Any, tolerance: Comparison, *, exact: bool = False) -> bool:
    """Whether `actual` is `expected` as plain data (see the module's docstring)."""
    if isinstance(actual, Opaque) or isinstance(expected, Opaque):
        return False
    if is_number(expected) and is_number(actual):
        if exact and type(expected) is not type(actual):
            return False
        if isinstance(expected, float) or isinstance(actual, float):
            try:
                return math.isclose(
                    expected, actual, rel_tol=tolerance.rel_tol, abs_tol=tolerance.abs_tol
                )
            except OverflowError:  # an int beyond any float is close to none
                return False
        return bool(expected == actual)
    if isinstance(expected, (list, tuple)) or isinstance(actual, (list, tuple)):
        return (
            type(expected) is type(actual)
            and len(expected) == len(actual)
            and all(
                values_equal(e, a, tolerance, exact=exact)
                for e, a in zip(expected, actual, strict=True)
            )
        )
    if isinstance(expected, dict) and isinstance(actual, dict):
        want = {typed(key): value for key, value in expected.items()}
        got = {typed(key): value for key, value in actual.items()}
        return want.keys() == got.keys() and all(
            values_equal(want[key], got[key], tolerance, exact=exact) for key in want
        )
    if isinstance(expected, (set, frozenset)) and isinstance(actual, (set, frozenset)):
        return {typed(item) for item in expected} == {typed(item) for item in actual}
    return type(expected) is type(actual) and bool(expected == actual)


def typed(value: Any) -> Any:
    """A hashable value that equals another only when both have the same type too."""
    if isinstance(value, tuple):
        return ("tuple", tuple(typed(item) for item in value))
    if isinstance(value, frozenset):
        return ("frozenset", frozenset(typed(item) for item in value))
    return (type(value).__name__, value)


def type_name(value: Any) -> str:
    """What a value is, for a learner: `an int`, `a list`, `text (a str)`..."""
    if isinstance(value, Opaque):
        return f"{_article(value.type_name)} {value.type_name} object"
    names = {
        bool: "a bool",
        int: "an int",
        float: "a float",
        str: "text (a str)",
        list: "a list",
        tuple: "a tuple",
        dict: "a dict",
        set: "a set",
        frozenset: "a set",
        type(None): "None",
    }
    kind = type(value).__name__
    return names.get(type(value), f"{_article(kind)} {kind}")


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"

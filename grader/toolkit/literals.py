"""Python literals of values, as `grader fill` writes them in `returns_literal`.

What fill writes must read back (`ast.literal_eval`, as the spec loader reads it) as the
value the reference returned, and always the same way: a set's members are written in a
stable order, an empty set as `set()`, a frozenset (how values come back from the sandbox)
as a set, an infinity as `1e999`. A value with no literal (NaN, an object) has none.
"""

from __future__ import annotations

import ast
import math
from typing import Any

from sandbox.values import encode

__all__ = ["python_literal"]


class _NoLiteral(Exception):
    """The value holds something no Python literal stands for."""


def python_literal(value: Any) -> str | None:
    """A literal that `ast.literal_eval` reads back as `value`; None when there is none."""
    try:
        text = _literal(value)
        same = encode(ast.literal_eval(text)) == encode(value)
    except (_NoLiteral, ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
        return None
    return text if same else None


def _literal(value: Any) -> str:
    kind = type(value)
    if value is None or kind in (bool, int, str, bytes):
        return repr(value)
    if kind is float:
        return _float(value)
    if kind is complex:
        return _complex(value)
    if kind is list:
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    if kind is tuple:
        items = [_literal(item) for item in value]
        return "(" + items[0] + ",)" if len(items) == 1 else "(" + ", ".join(items) + ")"
    if kind in (set, frozenset):
        return "{" + ", ".join(_ordered(value)) + "}" if value else "set()"
    if kind is dict:
        pairs = (f"{_literal(k)}: {_literal(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    raise _NoLiteral(kind.__name__)


def _float(value: float) -> str:
    if math.isnan(value):
        raise _NoLiteral("nan")
    if math.isinf(value):
        return "1e999" if value > 0 else "-1e999"
    return repr(value)


def _complex(value: complex) -> str:
    if not all(math.isfinite(part) for part in (value.real, value.imag)):
        raise _NoLiteral("complex")
    return repr(value)


def _ordered(members: set[Any] | frozenset[Any]) -> list[str]:
    """The members' literals in a stable order: by value when they compare, else by text."""
    try:
        return [_literal(item) for item in sorted(members)]
    except TypeError:
        return sorted(_literal(item) for item in members)

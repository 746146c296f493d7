"""Values as data: a return value serialised inside the child, never a learner object.

Containers and scalars are read through their base types (`list.copy`, `dict.items`...),
so a learner subclass cannot lie through `__iter__`, `__eq__` or `__repr__`. Anything
else becomes an opaque `{"$object": type, "repr": ...}` that equals nothing expected.
"""

from __future__ import annotations

import math
from typing import Any

MAX_ITEMS = 100_000
MAX_DEPTH = 64
_REPR_LIMIT = 200


class TooLarge(Exception):
    pass


def encode(value: Any) -> Any:
    """A JSON-able, canonical form of `value`."""
    budget = [MAX_ITEMS]
    return _encode(value, budget, 0)


def _encode(value: Any, budget: list[int], depth: int) -> Any:
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise TooLarge("the value is too large or too deeply nested to compare")
    if value is None or type(value) is bool:
        return value
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        number = float.__float__(value)
        return number if math.isfinite(number) else {"$float": repr(number)}
    if isinstance(value, str):
        return str.__str__(value)
    return _encode_container(value, budget, depth + 1)


def _encode_container(value: Any, budget: list[int], depth: int) -> Any:
    if isinstance(value, list):
        return [_encode(item, budget, depth) for item in list.copy(value)]
    if isinstance(value, tuple):
        return {
            "$tuple": [
                _encode(item, budget, depth) for item in tuple.__getitem__(value, slice(None))
            ]
        }
    if isinstance(value, dict):
        return {
            "$dict": [
                [_encode(k, budget, depth), _encode(v, budget, depth)] for k, v in dict.items(value)
            ]
        }
    if isinstance(value, (set, frozenset)):
        items = [_encode(item, budget, depth) for item in frozenset.__iter__(frozenset(value))]
        return {"$set": sorted(items, key=canonical_key)}
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": bytes(value).hex()}
    if isinstance(value, complex):
        return {"$complex": [complex.real.__get__(value), complex.imag.__get__(value)]}
    return {"$object": type(value).__name__, "repr": safe_repr(value)}


def canonical_key(encoded: Any) -> str:
    import json

    return json.dumps(encoded, sort_keys=True, default=str)


def safe_repr(value: Any, limit: int = _REPR_LIMIT) -> str:
    """repr() for display only; a failing or huge repr is replaced, never raised."""
    try:
        text = repr(value)
    except BaseException:
        return f"<{type(value).__name__} object>"
    if not isinstance(text, str):
        return f"<{type(value).__name__} object>"
    text = str.__str__(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def decode(data: Any) -> Any:
    """Rebuild plain Python values (in the grader) from `encode` output."""
    if isinstance(data, list):
        return [decode(item) for item in data]
    if not isinstance(data, dict):
        return data
    if "$tuple" in data:
        return tuple(decode(item) for item in data["$tuple"])
    if "$dict" in data:
        return {_hashable(decode(k)): decode(v) for k, v in data["$dict"]}
    if "$set" in data:
        return frozenset(_hashable(decode(item)) for item in data["$set"])
    if "$float" in data:
        return float(data["$float"])
    if "$bytes" in data:
        return bytes.fromhex(data["$bytes"])
    if "$complex" in data:
        real, imag = data["$complex"]
        return complex(real, imag)
    return Opaque(str(data.get("$object", "object")), str(data.get("repr", "")))


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


class Opaque:
    """A value of a type the grader does not compare; equal to nothing but itself."""

    __slots__ = ("repr", "type_name")

    def __init__(self, type_name: str, text: str) -> None:
        self.type_name = type_name
        self.repr = text

    def __repr__(self) -> str:
        return self.repr or f"<{self.type_name} object>"

"""Values as data: a return value serialised inside the child, never a learner object.

Containers and scalars are read through their base types (`list.copy`, `dict.items`...),
so a learner subclass cannot lie through `__iter__`, `__eq__` or `__repr__`. Anything
else becomes an opaque `{"$object": type, "repr": ...}` that equals nothing expected.
"""

from __future__ import annotations

import math
import sys

from sandbox import plain

TYPE_CHECKING = False  # `typing` costs every zygote and each of its forks
if TYPE_CHECKING:
    from typing import Any

MAX_ITEMS = 100_000
MAX_DEPTH = 64
MAX_BYTES = 1024 * 1024
"""About the most JSON one value may take (the exact size is checked once encoded)."""
MAX_INT_DIGITS = sys.int_info.default_max_str_digits
"""Digits of the largest int JSON writes and reads (4,300)."""
_INT_BOUND = 10**MAX_INT_DIGITS
_REPR_LIMIT = 200


class TooLarge(Exception):
    pass


class _Budget:
    """What is left for the rest of a value: items and (roughly) bytes of JSON."""

    __slots__ = ("bytes", "items")

    def __init__(self) -> None:
        self.items = MAX_ITEMS
        self.bytes = MAX_BYTES

    def take(self, size: int, depth: int) -> None:
        self.items -= 1
        self.bytes -= size
        if self.items < 0 or depth > MAX_DEPTH:
            raise TooLarge("the value is too large or too deeply nested to compare")
        if self.bytes < 0:
            raise TooLarge(f"the value is too large to compare (over {MAX_BYTES:,} bytes)")


def encode(value: Any) -> Any:
    """A JSON-able, canonical form of `value`, of exact built-in types only."""
    return _encode(value, _Budget(), 0)


def _encode(value: Any, budget: _Budget, depth: int) -> Any:
    kind = type(value)
    if value is None or kind is bool:
        budget.take(5, depth)
        return value
    if issubclass(kind, int):
        number = int.__int__(value)
        if not -_INT_BOUND < number < _INT_BOUND:
            raise TooLarge(f"the int is too large to compare (over {MAX_INT_DIGITS:,} digits)")
        budget.take(number.bit_length() // 3 + 2, depth)
        return number
    if issubclass(kind, float):
        budget.take(24, depth)
        real = float.__float__(value)
        return real if math.isfinite(real) else {"$float": repr(real)}
    if issubclass(kind, str):
        text = str.__str__(value)
        budget.take(len(text) + 2, depth)
        return text
    budget.take(12, depth)
    return _encode_container(value, kind, budget, depth + 1)


def _encode_container(value: Any, kind: type, budget: _Budget, depth: int) -> Any:
    if issubclass(kind, list):
        return [_encode(item, budget, depth) for item in list.copy(value)]
    if issubclass(kind, tuple):
        items = tuple.__getitem__(value, slice(None))
        return {"$tuple": [_encode(item, budget, depth) for item in items]}
    if issubclass(kind, dict):
        pairs = dict.items(value)
        return {"$dict": [[_encode(k, budget, depth), _encode(v, budget, depth)] for k, v in pairs]}
    if issubclass(kind, (set, frozenset)):
        members = [_encode(item, budget, depth) for item in frozenset.__iter__(frozenset(value))]
        return {"$set": sorted(members, key=canonical_key)}
    if issubclass(kind, (bytes, bytearray)):
        data = (bytes.hex if issubclass(kind, bytes) else bytearray.hex)(value)
        budget.take(len(data), depth)
        return {"$bytes": data}
    if issubclass(kind, complex):
        return {"$complex": [complex.real.__get__(value), complex.imag.__get__(value)]}
    return {"$object": plain.type_name(kind), "repr": safe_repr(value)}


def canonical_key(encoded: Any) -> str:
    from sandbox import reportjson

    return reportjson.canonical(encoded)


def safe_repr(value: Any, limit: int = _REPR_LIMIT) -> str:
    """repr() for display only; a failing or huge repr is replaced, never raised."""
    try:
        shown: object = repr(value)
    except BaseException:
        shown = None
    if not isinstance(shown, str) or not issubclass(type(shown), str):
        return f"<{plain.type_name(type(value))} object>"
    text = str.__str__(shown)  # a str subclass's characters, never its methods
    return text if len(text) <= limit else text[: limit - 3] + "..."


_SHAPES: dict[str, Any] = {
    "$tuple": list,
    "$dict": list,
    "$set": list,
    "$float": str,
    "$bytes": str,
    "$complex": list,
}


def well_formed(data: Any, depth: int = 0) -> bool:
    """Whether `data` is something `encode` writes (checked before the grader decodes a
    value from a report, which a program could have forged without the language layer)."""
    if data is None or type(data) in (bool, int, float, str):
        return True
    if depth > MAX_DEPTH + 1:
        return False
    if type(data) is list:
        return all(well_formed(item, depth + 1) for item in data)
    if type(data) is not dict or len(data) not in (1, 2):
        return False
    if len(data) == 2:
        return type(data.get("$object")) is str and type(data.get("repr")) is str
    ((key, item),) = data.items()
    if not isinstance(item, _SHAPES.get(key, ())):
        return False
    if key == "$dict":
        return all(type(p) is list and len(p) == 2 and well_formed(p, depth + 1) for p in item)
    if key == "$complex":
        return len(item) == 2 and all(type(n) in (int, float) for n in item)
    if key == "$float":
        return item in ("inf", "-inf", "nan")
    if key == "$bytes":
        return len(item) % 2 == 0 and _HEX.issuperset(item)
    return well_formed(item, depth + 1)


_HEX = frozenset("0123456789abcdef")


def decode(data: Any) -> Any:
    """Rebuild plain Python values (in the grader) from `encode` output. A list or dict
    inside a set or a dict key comes back as a `FrozenList` or `FrozenDict`."""
    if isinstance(data, list):
        return [decode(item) for item in data]
    if not isinstance(data, dict):
        return data
    if "$tuple" in data:
        return tuple(decode(item) for item in data["$tuple"])
    if "$dict" in data:
        return {hashable(decode(k)): decode(v) for k, v in data["$dict"]}
    if "$set" in data:
        return frozenset(hashable(decode(item)) for item in data["$set"])
    if "$float" in data:
        return float(data["$float"])
    if "$bytes" in data:
        return bytes.fromhex(data["$bytes"])
    if "$complex" in data:
        real, imag = data["$complex"]
        return complex(real, imag)
    return Opaque(str(data.get("$object", "object")), str(data.get("repr", "")))


def hashable(value: Any) -> Any:
    """`value` with every list and dict in it frozen (a hashable subclass in the program
    can put them in sets and dict keys)."""
    if isinstance(value, list):
        return FrozenList(hashable(item) for item in value)
    if isinstance(value, dict):
        return FrozenDict((k, hashable(v)) for k, v in value.items())
    if isinstance(value, tuple):
        return tuple(hashable(item) for item in value)
    return value


class _Frozen:
    """A container found in a set or a dict key: equal only to one of its own kind."""

    __slots__ = ("items",)
    items: tuple[Any, ...] | frozenset[Any]

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _Frozen) and type(other) is type(self) and self.items == other.items
        )

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.items))


class FrozenList(_Frozen):
    """A list found in a set or a dict key."""

    __slots__ = ()

    def __init__(self, items: Any) -> None:
        self.items = tuple(items)

    def __repr__(self) -> str:
        return repr(list(self.items))


class FrozenDict(_Frozen):
    """A dict found in a set or a dict key; its items, in any order."""

    __slots__ = ()

    def __init__(self, items: Any) -> None:
        self.items = frozenset(items)

    def __repr__(self) -> str:
        return "{" + ", ".join(sorted(f"{k!r}: {v!r}" for k, v in self.items)) + "}"


class Opaque:
    """A value of a type the grader does not compare; equal to nothing but itself."""

    __slots__ = ("repr", "type_name")

    def __init__(self, type_name: str, text: str) -> None:
        self.type_name = type_name
        self.repr = text

    def __repr__(self) -> str:
        return self.repr or f"<{self.type_name} object>"

"""The child's result, read as untrusted input.

Without the language layer a program can write anything into the channel, so the server
keeps a result only when it has exactly the shape `Outcome.from_dict` reads, holds no more
call results than were asked for, and stays within the run's caps; anything else is a
crash of that run, never an error of the grader. What the program printed is cut at the
output cap by the server itself (`Channel.stdout`).
"""

from __future__ import annotations

from typing import Any

from sandbox import values
from sandbox.compiling import Request
from sandbox.status import Layer, Status

_STATUSES = frozenset(Status)
_LAYERS = frozenset(Layer)
_ERROR_TEXTS = ("type", "message")
_ERROR_OPTIONAL_TEXTS = ("text", "traceback")
_ERROR_NUMBERS = ("line", "column", "end_line", "end_column")
_ERROR_KEYS = frozenset({*_ERROR_TEXTS, *_ERROR_OPTIONAL_TEXTS, *_ERROR_NUMBERS})
COLLISIONS = 256
"""Set items or dict keys with one hash, at most, in a value the child returns."""
CUT_MARK_BYTES = 64
"""Room for the mark a child puts in a traceback it cut at the error cap."""


class Malformed(Exception):
    """The result is not one an honest child writes."""


def checked(result: dict[str, Any], request: Request) -> dict[str, Any] | None:
    """The result rebuilt from its checked fields, or None when it is malformed."""
    try:
        return _checked(result, request)
    except (Malformed, RecursionError):
        return None


def _checked(result: dict[str, Any], request: Request) -> dict[str, Any]:
    status, stopped_by = result.get("status"), result.get("stopped_by")
    _expect(isinstance(status, str) and status in _STATUSES)
    _expect(stopped_by is None or (isinstance(stopped_by, str) and stopped_by in _LAYERS))
    calls = result.get("calls", [])
    _expect(isinstance(calls, list) and len(calls) <= len(request.calls))
    limits = request.limits
    return {
        "status": status,
        "stopped_by": stopped_by,
        "error": _error(result.get("error"), limits.error_bytes),
        "calls": [_call(call, limits.output_bytes, limits.error_bytes) for call in calls],
    }


def _error(error: Any, cap: int) -> dict[str, Any] | None:
    if error is None:
        return None
    _expect(isinstance(error, dict))
    _expect(all(isinstance(error.get(key), str) for key in _ERROR_TEXTS))
    _expect(all(_optional(error.get(key), str) for key in _ERROR_OPTIONAL_TEXTS))
    _expect(all(_optional(error.get(key), int) for key in _ERROR_NUMBERS))
    checked = {key: value for key, value in error.items() if key in _ERROR_KEYS}
    if isinstance(checked.get("traceback"), str):
        checked["traceback"] = cut(checked["traceback"], cap)
    return checked


def _call(call: Any, output_cap: int, error_cap: int) -> dict[str, Any]:
    _expect(isinstance(call, dict) and isinstance(call.get("call"), str))
    returned = call.get("returned")
    _expect(type(returned) is bool)
    display, stdout = call.get("display", ""), call.get("stdout", "")
    _expect(isinstance(display, str) and isinstance(stdout, str))
    _expect(_utf8_size(stdout) <= output_cap)
    if returned:
        _expect(checked_value(call.get("value")))
    return {
        "call": call["call"],
        "returned": returned,
        "value": call.get("value"),
        "display": display,
        "error": _error(call.get("error"), error_cap),
        "stdout": stdout,
    }


def checked_value(encoded: Any) -> bool:
    """Whether the grader can rebuild this call value (`values.decode`) in linear time."""
    return _decodes(encoded, top=False, budget=[values.MAX_ITEMS])


def _decodes(data: Any, *, top: bool, budget: list[int], hashable: bool = False) -> bool:
    """Whether `values.decode` takes `data` (and yields a hashable value where one must be),
    found without building a set or a dict: ints whose hashes all collide would make that
    quadratic, and the grader decodes only what an honest child encoded at its own cost."""
    budget[0] -= 1
    if budget[0] < 0:
        return False
    if isinstance(data, list):
        # decode makes a list; a set item or dict key that is one becomes a tuple (`top`)
        element_hashable = hashable
        return (not hashable or top) and all(
            _decodes(item, top=False, budget=budget, hashable=element_hashable) for item in data
        )
    if not isinstance(data, dict):
        return True
    return _decodes_tagged(data, hashable, budget)


def _decodes_tagged(data: dict[str, Any], hashable: bool, budget: list[int]) -> bool:
    if "$tuple" in data:
        items = data["$tuple"]
        return isinstance(items, list) and all(
            _decodes(item, top=False, budget=budget, hashable=hashable) for item in items
        )
    if "$dict" in data:
        pairs = data["$dict"]
        return (
            not hashable
            and isinstance(pairs, list)
            and all(isinstance(pair, list) and len(pair) == 2 for pair in pairs)
            and all(
                _decodes(key, top=True, budget=budget, hashable=True)
                and _decodes(value, top=False, budget=budget)
                for key, value in pairs
            )
            and _few_collisions([key for key, _ in pairs])
        )
    if "$set" in data:
        items = data["$set"]
        return (
            isinstance(items, list)
            and all(_decodes(item, top=True, budget=budget, hashable=True) for item in items)
            and _few_collisions(items)
        )
    return _decodes_scalar(data)


def _few_collisions(encoded: list[Any]) -> bool:
    """Whether at most COLLISIONS of these set items (or dict keys) share a hash. Integers
    that differ by a multiple of 2**61 - 1 all have one hash: a set of many would take the
    grader quadratic time to rebuild, and an honest child quadratic time to make. Checked
    after the items themselves, so that decoding them here is linear."""
    if len(encoded) <= COLLISIONS:
        return True
    counts: dict[int, int] = {}
    for item in encoded:
        decoded = values.decode(item)
        key = hash(tuple(decoded) if isinstance(decoded, list) else decoded)
        counts[key] = counts.get(key, 0) + 1
    return max(counts.values()) <= COLLISIONS


def _decodes_scalar(data: dict[str, Any]) -> bool:
    try:
        if "$float" in data:
            float(data["$float"])
        elif "$bytes" in data:
            bytes.fromhex(data["$bytes"])
        elif "$complex" in data:
            real, imag = data["$complex"]
            complex(real, imag)
    except (TypeError, ValueError):
        return False
    return True


def cut(text: str, cap: int) -> str:
    """`text` within `cap` bytes (and the mark of the cut), its head and tail kept, as the
    child cuts it: a traceback the child cut already is left as it is."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= cap + CUT_MARK_BYTES:
        return text
    head = data[: cap // 2].decode("utf-8", "ignore")
    tail = data[-cap // 2 :].decode("utf-8", "ignore")
    return f"{head}\n[... {len(data) - cap} bytes of error text cut ...]\n{tail}"


def _optional(value: Any, kind: type) -> bool:
    return value is None or (isinstance(value, kind) and not isinstance(value, bool))


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _expect(condition: bool) -> None:
    if not condition:
        raise Malformed("not a result an honest child writes")

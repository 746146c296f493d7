"""The child's result, read as untrusted input.

Without the language layer a program can write anything into the channel, so the client
(the one process that decodes it; the fork server forwards its bytes unread) keeps a
result only when it has exactly the shape `Outcome.from_dict` reads, holds no more
call results than were asked for, and stays within the run's caps; anything else is a
crash of that run, never an error of the grader. What the program printed is cut at the
output cap by the server itself (`Channel.stdout`).
"""

from __future__ import annotations

import json

from sandbox import values
from sandbox.status import Layer, Status

TYPE_CHECKING = False  # `typing` costs the server's start, every zygote and each fork
if TYPE_CHECKING:
    from typing import Any

    from sandbox.limits import Limits

_STATUSES = frozenset(Status)
_LAYERS = frozenset(Layer)
_ERROR_TEXTS = ("type", "message")
_ERROR_OPTIONAL_TEXTS = ("text", "traceback")
_ERROR_NUMBERS = ("line", "column", "end_line", "end_column")
_MAX_RAISED_TYPES = 64
"""An exception's classes, most derived first: more than a class hierarchy holds is forged."""
_MAX_NAME = 1000
_ERROR_KEYS = frozenset({*_ERROR_TEXTS, *_ERROR_OPTIONAL_TEXTS, *_ERROR_NUMBERS})
COLLISIONS = 256
"""Set items or dict keys with one hash, at most, in a value the child returns."""
CUT_MARK_BYTES = 64
"""Room for the mark a child puts in a traceback it cut at the error cap."""


class Malformed(Exception):
    """The result is not one an honest child writes."""


def _integer(text: str) -> int:
    """An integer of at most `values.MAX_INT_DIGITS` digits, whatever limit the reading
    process set: converting a longer one takes quadratic time."""
    if len(text.lstrip("-")) > values.MAX_INT_DIGITS:
        raise ValueError("an integer of too many digits")
    return int(text)


_DECODER = json.JSONDecoder(parse_int=_integer)


def decoded(raw: bytes) -> dict[str, Any] | None:
    """The report's JSON object (UTF-8 text, as the child writes it), or None when it is
    not one (the program wrote it)."""
    try:
        data = _DECODER.decode(raw.decode("utf-8", "surrogatepass"))
    except (ValueError, RecursionError, MemoryError):  # UnicodeDecodeError is a ValueError
        return None
    return data if isinstance(data, dict) else None


def checked(result: dict[str, Any], calls_asked: int, limits: Limits) -> dict[str, Any] | None:
    """The result of a run that asked for `calls_asked` calls under `limits`, rebuilt from
    its checked fields, or None when it is malformed."""
    try:
        return _checked(result, calls_asked, limits)
    except (Malformed, RecursionError, MemoryError):
        return None


def _checked(result: dict[str, Any], calls_asked: int, limits: Limits) -> dict[str, Any]:
    status, stopped_by = result.get("status"), result.get("stopped_by")
    _expect(isinstance(status, str) and status in _STATUSES)
    _expect(stopped_by is None or (isinstance(stopped_by, str) and stopped_by in _LAYERS))
    calls = result.get("calls", [])
    _expect(isinstance(calls, list) and len(calls) <= calls_asked)
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
    raised_types = call.get("raised_types", [])
    _expect(isinstance(raised_types, list) and len(raised_types) <= _MAX_RAISED_TYPES)
    _expect(all(isinstance(name, str) and len(name) <= _MAX_NAME for name in raised_types))
    arguments = call.get("arguments")
    _expect(arguments is None or checked_value(arguments))
    checked = {
        "call": call["call"],
        "returned": returned,
        "value": call.get("value"),
        "display": display,
        "error": _error(call.get("error"), error_cap),
        "stdout": stdout,
        "raised_types": raised_types,
    }
    if arguments is not None:
        checked["arguments"] = arguments
    return checked


def checked_value(encoded: Any) -> bool:
    """Whether the grader can rebuild this call value (`values.decode`) in linear time: a
    shape `values.encode` writes, whose sets and dict keys have few hash collisions."""
    return values.well_formed(encoded) and _few_collisions_within(encoded)


def _few_collisions_within(data: Any) -> bool:
    if isinstance(data, list):
        return all(_few_collisions_within(item) for item in data)
    if not isinstance(data, dict):
        return True
    if "$tuple" in data:
        return _few_collisions_within(data["$tuple"])
    if "$dict" in data:
        keys = [key for key, _ in data["$dict"]]
        return _few_collisions(keys) and all(
            _few_collisions_within(key) and _few_collisions_within(value)
            for key, value in data["$dict"]
        )
    if "$set" in data:
        return _few_collisions(data["$set"]) and _few_collisions_within(data["$set"])
    return True


def _few_collisions(encoded: list[Any]) -> bool:
    """Whether at most COLLISIONS of these set items (or dict keys) share a hash. Integers
    that differ by a multiple of 2**61 - 1 all have one hash: a set of many would take the
    grader quadratic time to rebuild, and an honest child quadratic time to make. Checked
    after the items' shape, so that decoding them here is linear."""
    if len(encoded) <= COLLISIONS:
        return True
    counts: dict[int, int] = {}
    for item in encoded:
        key = hash(values.hashable(values.decode(item)))
        counts[key] = counts.get(key, 0) + 1
    return max(counts.values()) <= COLLISIONS


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

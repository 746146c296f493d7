"""The child's report made plain: exact built-in types of bounded size, before it leaves.

Everything the child reports can hold learner values: a `str` subclass with its own
methods from `__str__`, a class renamed to 100 MB of text, an int JSON cannot write.
These functions read such values through the base types only (never a learner method)
and cut them to size, so that the report always encodes, and the grader only ever sees
`str`, `int`, `bool`, `None`, lists and dicts of them.
"""

from __future__ import annotations

from sandbox import reportjson
from sandbox.status import Status

TYPE_CHECKING = False  # `typing` costs the server's start, every zygote and each fork
if TYPE_CHECKING:
    from typing import Any

NAME_BYTES = 1024
"""A type name (a learner can rename a class to any text)."""
DISPLAY_BYTES = 1024
"""A call's short repr."""
CALLS_BYTES = 4 * 1024 * 1024
"""The JSON of every call result of a run together (the channel holds 8 MiB)."""
TOO_LARGE = "ValueTooLarge"
"""The error type of a call whose result is too large to report (no Python exception has
this name, so no `raises:` case expects it)."""

_TYPE_NAME = type.__dict__["__name__"]
_NUMBER_FIELDS = ("line", "column", "end_line", "end_column")
_WORD_LIMIT = 1 << 63


def text(value: object, limit: int) -> str:
    """`value`'s characters as an exact `str` of at most `limit` UTF-8 bytes; a longer
    text keeps its beginning and end around a note of what was cut. Not a `str`: ''."""
    if not isinstance(value, str) or not issubclass(type(value), str):
        return ""
    exact = str.__str__(value)  # a subclass's characters, copied into an exact str
    if len(exact) * 4 <= limit or _size(exact) <= limit:
        return exact
    return _cut(exact, limit)


def optional_text(value: object, limit: int) -> str | None:
    return None if value is None else text(value, limit)


def type_name(cls: type) -> str:
    """A class's own name, read from the type itself (never through a metaclass)."""
    return text(_TYPE_NAME.__get__(cls), NAME_BYTES)


def number(value: object) -> int | None:
    """An exact int that JSON and SQLite can hold, or None."""
    if type(value) is int and -_WORD_LIMIT <= value < _WORD_LIMIT:
        return value
    return None


def error(data: Any, cap: int) -> dict[str, Any] | None:
    """An error as `ErrorInfo` reads it: texts cut to `cap` bytes, numbers exact."""
    if not isinstance(data, dict):
        return None
    plain: dict[str, Any] = {
        "type": text(data.get("type"), NAME_BYTES),
        "message": text(data.get("message"), cap),
        "traceback": text(data.get("traceback"), cap),
        "text": optional_text(data.get("text"), cap),
    }
    for key in _NUMBER_FIELDS:
        plain[key] = number(data.get(key))
    return plain


def call(
    data: dict[str, Any], output_bytes: int, cap: int, room: int
) -> tuple[dict[str, Any], int]:
    """One call's result made plain, and the bytes its JSON takes. A result that JSON
    cannot write, or that needs more than `room` bytes, becomes the call's own error."""
    plain = dict(data, stdout=text(data.get("stdout"), output_bytes))
    if "display" in data:
        plain["display"] = text(data["display"], DISPLAY_BYTES)
    if data.get("error") is not None:
        plain["error"] = error(data["error"], cap)
    size = encoded_size(plain)
    if size is not None and size <= room:
        return plain, size
    message = f"the call's result is too large to report (over {room:,} bytes of JSON)"
    if size is None:
        message = "the call's result cannot be reported (JSON cannot write it)"
    failed = too_large(data["call"], message) | {k: data[k] for k in ("stop", "limit") if k in data}
    return failed, encoded_size(failed) or 0


def too_large(call_text: str, message: str) -> dict[str, Any]:
    """A call that returned a value too large to report."""
    error = {"type": TOO_LARGE, "message": message, "traceback": f"{TOO_LARGE}: {message}\n"}
    return {"call": call_text, "returned": False, "error": error, "stdout": ""}


def outcome(data: dict[str, Any], cap: int) -> dict[str, Any]:
    """The child's result with its error made plain (calls are made plain one by one, as
    they return; the other fields are the sandbox's own)."""
    if data.get("error") is None:
        return data
    return dict(data, error=error(data["error"], cap))


def unreportable(data: dict[str, Any]) -> dict[str, Any]:
    """What is left of a result too large for the channel: how the run ended, and why
    nothing more is reported."""
    message = "the program's result is too large to report"
    status = data.get("status")
    kept = {"stopped_by": data["stopped_by"]} if data.get("stopped_by") else {}
    return kept | {
        "status": status if status in set(Status) - {Status.OK} else Status.RUNTIME_ERROR,
        "error": {"type": TOO_LARGE, "message": message, "traceback": f"{TOO_LARGE}: {message}\n"},
        "calls": [],
    }


def encoded_size(data: Any) -> int | None:
    """Bytes of `data` as the channel writes it, or None when JSON cannot write it."""
    try:
        raw = reportjson.dumps(data)
    except (ValueError, TypeError, RecursionError):
        return None
    return _size(raw)


def _size(value: str) -> int:
    return len(value) if value.isascii() else len(value.encode("utf-8", "surrogatepass"))


def _cut(value: str, limit: int) -> str:
    """The beginning and the end of `value`, around a note of how much is cut, in at most
    `limit` bytes: cutting an already cut text again changes nothing."""
    note = "\n[... {} characters cut ...]\n"
    room = max(limit - len(note.format(len(value))), 0) // 2
    head = _prefix(value[:room], room)
    tail = _prefix(value[-room:][::-1], room)[::-1] if room else ""
    return head + note.format(len(value) - len(head) - len(tail)) + tail


def _prefix(value: str, size: int) -> str:
    """The longest prefix of `value` that takes at most `size` UTF-8 bytes."""
    if value.isascii():
        return value[:size]
    data = value.encode("utf-8", "surrogatepass")[:size]
    for end in range(len(data), max(len(data) - 4, 0), -1):  # a character takes 1 to 4
        try:
            return data[:end].decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            continue
    return ""

"""Length-prefixed JSON frames between the grader and its fork server."""

from __future__ import annotations

import json
import os
import select
import struct

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_HEADER = struct.Struct(">I")
MAX_FRAME = 128 * 1024 * 1024
"""Room for the largest reply: 16 MiB of output that JSON escapes to six bytes a character
(control characters), and a result of up to 8 MiB."""


class ProtocolError(Exception):
    """The other side closed the pipe, sent garbage, or took too long."""


def encode(data: dict[str, Any]) -> bytes:
    payload = json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return _HEADER.pack(len(payload)) + payload


def write_frame(fd: int, data: dict[str, Any]) -> None:
    write_all(fd, encode(data))


def write_all(fd: int, data: bytes) -> None:
    """Every byte of `data` (a pipe may take fewer at a time)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def read_frame(fd: int, timeout: float | None = None) -> dict[str, Any]:
    (size,) = _HEADER.unpack(read_exact(fd, _HEADER.size, timeout))
    if size > MAX_FRAME:
        raise ProtocolError(f"frame of {size} bytes is too large")
    try:
        data = json.loads(read_exact(fd, size, timeout).decode("utf-8", "surrogatepass"))
    except ValueError as exc:
        raise ProtocolError(f"malformed frame: {exc}") from exc
    if not isinstance(data, dict):
        raise ProtocolError("a frame must hold a JSON object")
    return data


def read_exact(fd: int, size: int, timeout: float | None = None) -> bytes:
    """Exactly `size` bytes; ProtocolError at end of file or past `timeout` seconds."""
    chunks: list[bytes] = []
    remaining = size
    while remaining:
        if timeout is not None and not select.select([fd], [], [], timeout)[0]:
            raise ProtocolError(f"no answer within {timeout:g} s")
        chunk = os.read(fd, remaining)
        if not chunk:
            raise ProtocolError("the other side closed the pipe")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)

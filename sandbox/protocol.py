"""Length-prefixed frames between the grader and its fork server (JSON requests and the
greeting; replies are bytes framed by `sandbox.relay`), and between the server and its
zygote (marshalled orders and exit statuses)."""

from __future__ import annotations

import json
import os
import select
import struct

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_HEADER = struct.Struct(">I")
MAX_FRAME = 256 * 1024 * 1024
"""Larger than any frame: a reply holds at most 16 MiB of output and the result's 8 MiB as
the child wrote them, and a request its source and input as JSON text."""


class ProtocolError(Exception):
    """The other side closed the pipe, sent garbage, or took too long."""


class PipeClosed(ProtocolError):
    """The other side closed the pipe: it has ended, or is ending."""


def encode(data: dict[str, Any]) -> bytes:
    return frame_bytes(json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass"))


def frame_bytes(payload: bytes) -> bytes:
    """`payload` with its length in front."""
    return _HEADER.pack(len(payload)) + payload


def write_frame(fd: int, data: dict[str, Any]) -> None:
    write_all(fd, encode(data))


def write_all(fd: int, data: bytes) -> None:
    """Every byte of `data` (a pipe may take fewer at a time)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def read_payload(fd: int, timeout: float | None = None) -> bytes:
    """The bytes of one frame."""
    (size,) = _HEADER.unpack(read_exact(fd, _HEADER.size, timeout))
    if size > MAX_FRAME:
        raise ProtocolError(f"frame of {size} bytes is too large")
    return read_exact(fd, size, timeout)


_FIRST_READ = 64 * 1024
"""Bytes a reply's first read takes at most: a pipe's default capacity."""


def read_reply(fd: int, timeout: float | None = None) -> bytes:
    """The bytes of one frame from a side that sends nothing after it until it is answered
    (the reply to a request): a small frame comes in one read, header and all."""
    first = _read_some(fd, _HEADER.size + _FIRST_READ, timeout)
    if len(first) < _HEADER.size:
        first += read_exact(fd, _HEADER.size - len(first), timeout)
    (size,) = _HEADER.unpack_from(first)
    if size > MAX_FRAME:
        raise ProtocolError(f"frame of {size} bytes is too large")
    have = len(first) - _HEADER.size
    if have > size:
        raise ProtocolError("bytes past the end of a reply")
    rest = read_exact(fd, size - have, timeout) if have < size else b""
    return first[_HEADER.size :] + rest


def read_frame(fd: int, timeout: float | None = None) -> dict[str, Any]:
    payload = read_payload(fd, timeout)
    try:
        data = json.loads(payload.decode("utf-8", "surrogatepass"))
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
        chunk = _read_some(fd, remaining, timeout)
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _read_some(fd: int, size: int, timeout: float | None) -> bytes:
    """Between 1 and `size` bytes, as soon as there are any."""
    if timeout is not None and not select.select([fd], [], [], timeout)[0]:
        raise ProtocolError(f"no answer within {timeout:g} s")
    chunk = os.read(fd, size)
    if not chunk:
        raise PipeClosed("the other side closed the pipe")
    return chunk


ORDER_HEADER = struct.Struct("<I")
"""An order to a zygote is the size of its header, the header (what the zygote reads:
clocks, template slot, modules to load) and the payload (the run itself, which only the
child decodes; see `sandbox.zygote.Order`)."""

NO_TEMPLATE = -1
"""The zygote's template slot of an order that forks from no runtime template."""


def send_message(fd: int, data: bytes) -> None:
    """One message between the fork server and its zygote."""
    write_all(fd, _HEADER.pack(len(data)) + data)


def receive_message_into(fd: int, buffer: bytearray) -> int | None:
    """One message read into `buffer` (grown as needed), never into a new object: its
    size, or None at end of file. The caller clears what it read once done with it."""
    try:
        size: int = _HEADER.unpack(read_exact(fd, _HEADER.size))[0]
    except ProtocolError:
        return None
    if size > len(buffer):
        buffer.extend(bytes(size - len(buffer)))
    view = memoryview(buffer)
    done = 0
    while done < size:
        got = os.readv(fd, [view[done:size]])
        if not got:
            return None
        done += got
    return size


def receive_message(fd: int) -> bytes | None:
    """One message, or None at end of file."""
    try:
        return read_exact(fd, _HEADER.unpack(read_exact(fd, _HEADER.size))[0])
    except ProtocolError:
        return None

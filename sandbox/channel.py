"""Shared memory between the fork server and its child: stdout and the result.

The child writes its output straight into a shared mapping as it runs, so the server
still has every byte printed before a kill. The result is JSON text, never a pickle.
A child can write anywhere in the region (and can read all of it), so the server zeroes
the whole region before each run, and reads what the child left as untrusted input.
"""

from __future__ import annotations

import mmap
import struct

from sandbox import reportjson
from sandbox.budget import OutputLimitExceeded
from sandbox.limits import MAX_OUTPUT_BYTES

TYPE_CHECKING = False  # `typing` costs the server's start, every zygote and each fork
if TYPE_CHECKING:
    from typing import Any

_HEADER = struct.Struct("<QQB")  # stdout length, result length, truncated flag
_RESULT_BYTES = 8 * 1024 * 1024
_STDOUT_OFFSET = _HEADER.size
_RESULT_OFFSET = _STDOUT_OFFSET + MAX_OUTPUT_BYTES
REGION_BYTES = _RESULT_OFFSET + _RESULT_BYTES


class Channel:
    """One anonymous shared mapping, made once per server and reused for every run."""

    def __init__(self) -> None:
        self.region = mmap.mmap(-1, REGION_BYTES)

    def scrub(self) -> None:
        """Zero every byte, header included, and free the pages: punching a hole in the
        shared memory costs about what the last child touched, not the region's size."""
        self.region.madvise(mmap.MADV_REMOVE)

    def stdout(self, cap: int) -> tuple[bytes, bool, bool]:
        """The output, at most `cap` bytes: (output, truncated, whether the header claimed
        more than `cap`, which only a program that wrote the header itself can do)."""
        length, _, truncated = _HEADER.unpack_from(self.region, 0)
        over_cap = length > cap
        data = bytes(self.region[_STDOUT_OFFSET : _STDOUT_OFFSET + min(length, cap + 1)])
        if over_cap:
            data = _cut_at_char(data, cap)  # never inside a character
        return data, bool(truncated) or over_cap, over_cap

    def raw_result(self) -> bytes:
        """The bytes of the child's result, unread; empty when it wrote none (it was killed,
        say) or its header claims more than the result area holds."""
        _, length, _ = _HEADER.unpack_from(self.region, 0)
        if not 0 < length <= _RESULT_BYTES:
            return b""
        return bytes(self.region[_RESULT_OFFSET : _RESULT_OFFSET + length])

    def result(self) -> dict[str, Any] | None:
        """The child's result decoded, or None when it wrote none that decodes."""
        from sandbox.untrusted import decoded  # the client's, and the tests': not the child's

        raw = self.raw_result()
        return decoded(raw) if raw else None

    def write_result(self, data: dict[str, Any]) -> None:
        """Write `data` as JSON; ValueError when JSON cannot write it or it does not fit."""
        raw = reportjson.dumps(data).encode("utf-8", "surrogatepass")
        if len(raw) > _RESULT_BYTES:
            raise ValueError(f"the result takes {len(raw):,} bytes; {_RESULT_BYTES:,} fit")
        self.region[_RESULT_OFFSET : _RESULT_OFFSET + len(raw)] = raw
        stdout_length, _, truncated = _HEADER.unpack_from(self.region, 0)
        _HEADER.pack_into(self.region, 0, stdout_length, len(raw), truncated)


class StdoutSink:
    """The program's stdout: UTF-8 (strict, as CPython's), capped, written to the channel."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, channel: Channel, cap: int) -> None:
        self._region = channel.region
        self._cap = cap
        self.position = 0
        self.truncated = False

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        data = text.encode("utf-8")
        if self.truncated:
            raise OutputLimitExceeded("output limit reached")
        room = self._cap - self.position
        if len(data) > room:
            self._append(_cut_at_char(data, room))
            self.truncated = True
            _HEADER.pack_into(self._region, 0, self.position, 0, 1)
            raise OutputLimitExceeded("output limit reached")
        # Inline, not `_append`: `print` costs one frame here, as CPython's stdout costs none,
        # so that a program in deep recursion prints exactly as far as under CPython.
        start = _STDOUT_OFFSET + self.position
        self._region[start : start + len(data)] = data
        self.position += len(data)
        _HEADER.pack_into(self._region, 0, self.position, 0, 0)
        return len(text)

    def _append(self, data: bytes) -> None:
        start = _STDOUT_OFFSET + self.position
        self._region[start : start + len(data)] = data
        self.position += len(data)
        _HEADER.pack_into(self._region, 0, self.position, 0, 0)

    def flush(self) -> None:
        """Nothing is buffered."""

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def text_since(self, start: int) -> str:
        end = _STDOUT_OFFSET + self.position
        return bytes(self._region[_STDOUT_OFFSET + start : end]).decode("utf-8", "replace")


def _cut_at_char(data: bytes, size: int) -> bytes:
    """The longest prefix of at most `size` bytes that ends on a UTF-8 character boundary."""
    cut = max(size, 0)
    while 0 < cut < len(data) and (data[cut] & 0xC0) == 0x80:
        cut -= 1
    return data[:cut]

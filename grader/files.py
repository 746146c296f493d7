"""Reading learner files: UTF-8 text only, with a precise message for anything else."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from grader.errors import SubmissionFileError

MAX_SUBMISSION_BYTES = 1024 * 1024


class UnreadableText(ValueError):
    """The bytes are not acceptable text; the message says why."""


def read_limited(
    path: str | Path, max_bytes: int = MAX_SUBMISSION_BYTES, *, follow_symlinks: bool = True
) -> tuple[bytes, int]:
    """At most `max_bytes + 1` bytes of the regular file at `path`, and its whole size.

    OSError when it cannot be opened (ELOOP for a symbolic link, unless followed);
    `UnreadableText` when it is not a regular file (a FIFO never blocks the reader).
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow_symlinks else os.O_NOFOLLOW)
    with open(os.open(path, flags), "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableText("it is not a regular file")
        return handle.read(max_bytes + 1), info.st_size


def decode_text(
    data: bytes,
    *,
    max_bytes: int = MAX_SUBMISSION_BYTES,
    allow_empty: bool = False,
    size: int | None = None,
) -> str:
    """UTF-8 text (a leading BOM is dropped) or `UnreadableText` saying what is wrong.

    `size` is the whole file's size when `data` is only its beginning."""
    size = max(len(data), size or 0)
    if size > max_bytes:
        raise UnreadableText(f"it is {size:,} bytes; the limit is {max_bytes:,} bytes")
    if not data.strip() and not allow_empty:
        raise UnreadableText("it is empty")
    wide = _wide_encoding(data)
    if wide is not None:
        raise UnreadableText(f"it is {wide} text, not UTF-8; save it as UTF-8")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise UnreadableText(
            f"it looks binary (a NUL byte at {where(data, offset)}); submit a text file"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableText(
            f"it is not UTF-8 text (byte 0x{data[exc.start]:02x} at {where(data, exc.start)}); "
            "save it as UTF-8"
        ) from exc
    return text.removeprefix("\ufeff")


_WIDE_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


def _wide_encoding(data: bytes) -> str | None:
    """`UTF-16` or `UTF-32` when `data` starts with their byte-order mark, or when a NUL
    follows (or precedes) most of its characters, as Windows editors save text; else None."""
    for mark, name in _WIDE_BOMS:
        if data.startswith(mark):
            return name
    sample = data[:4096]
    if len(sample) >= 8 and sample.count(0) * 3 >= len(sample):
        halves = (sample[0::2].count(0), sample[1::2].count(0))
        if max(halves) * 4 >= len(sample) * 3 // 2 and min(halves) * 8 < len(sample):
            return "UTF-16"
    return None


def position(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in bytes) of `offset` in `data`."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def where(data: bytes, offset: int) -> str:
    """`offset 97: line 3, column 5`: where a byte is, for people and for editors."""
    line, column = position(data, offset)
    return f"offset {offset}: line {line}, column {column}"


def read_text_file(
    path: Path,
    *,
    what: str = "file",
    max_bytes: int = MAX_SUBMISSION_BYTES,
    allow_empty: bool = False,
) -> str:
    """Read `path` as UTF-8 text or raise `SubmissionFileError` naming the file and the fix."""
    try:
        if path.is_dir():
            raise SubmissionFileError(f"{path}: is a directory; give a {what} file")
        data, size = read_limited(path, max_bytes)
        return decode_text(data, max_bytes=max_bytes, allow_empty=allow_empty, size=size)
    except FileNotFoundError:
        raise SubmissionFileError(f"{path}: no such {what} file") from None
    except PermissionError:
        raise SubmissionFileError(f"{path}: permission denied") from None
    except OSError as exc:
        raise SubmissionFileError(f"{path}: cannot read it ({exc.strerror})") from None
    except UnreadableText as exc:
        raise SubmissionFileError(f"{path}: cannot use this {what}: {exc}") from None

"""Many small report files, written atomically by a helper process beside the caller.

Thousands of new folders and files (gradescope/<learner>/results.json) are mostly work for
the file system, in the kernel. A forked helper does it on another core while this process
goes on rendering the other reports; each file still appears only once complete. Where a
fork is not safe (other threads are running) or not possible, the files are written here.
"""

from __future__ import annotations

import contextlib
import os
import struct
import threading
from pathlib import Path

from grader.reports.common import atomic_writer
from sandbox.protocol import ProtocolError, read_exact, write_all

_RECORD = struct.Struct(">II")  # path bytes, text bytes


class FileWriter:
    """`write(path, text)` in order; `finish()` waits and raises the first error met."""

    def __init__(self) -> None:
        self._pid: int | None = None
        self._records: int | None = None
        self._errors: int | None = None
        if threading.active_count() == 1 and hasattr(os, "fork"):
            self._start()

    def write(self, path: Path, text: str) -> None:
        if self._records is None:
            _write_file(path, text)
            return
        encoded_path, data = os.fsencode(path), text.encode("utf-8", "surrogatepass")
        write_all(self._records, _RECORD.pack(len(encoded_path), len(data)) + encoded_path + data)

    def finish(self) -> None:
        """Every file written (or the first failure raised as OSError)."""
        if self._pid is None or self._records is None or self._errors is None:
            return
        os.close(self._records)
        self._records = None
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        with os.fdopen(self._errors, "rb") as errors:
            message = errors.read().decode("utf-8", "replace")
        if message or status != 0:
            raise OSError(message or f"the report writer ended with status {status}")

    def _start(self) -> None:
        records_in, records_out = os.pipe()
        errors_in, errors_out = os.pipe()
        pid = os.fork()
        if pid == 0:  # the helper: never returns into the caller's code
            code = 1
            try:
                os.close(records_out)
                os.close(errors_in)
                code = _serve(records_in, errors_out)
            finally:
                os._exit(code)
        os.close(records_in)
        os.close(errors_out)
        self._pid, self._records, self._errors = pid, records_out, errors_in


def _write_file(path: Path, text: str) -> None:
    with atomic_writer(path) as stream:
        stream.write(text)


def _serve(records: int, errors: int) -> int:
    """Write every record; report the first failure and keep draining (so that the caller
    never blocks on a full pipe)."""
    failed = False
    while (record := _next_record(records)) is not None:
        path_size, body = record
        if failed:
            continue
        path = Path(os.fsdecode(body[:path_size]))
        try:
            _write_file(path, body[path_size:].decode("utf-8", "surrogatepass"))
        except Exception as exc:
            failed = True
            with contextlib.suppress(OSError):
                write_all(errors, str(exc).encode("utf-8", "replace"))
    return 1 if failed else 0


def _next_record(records: int) -> tuple[int, bytes] | None:
    """(size of the path, path and text), or None once the caller closed the pipe."""
    try:
        path_size, text_size = _RECORD.unpack(read_exact(records, _RECORD.size))
        return path_size, read_exact(records, path_size + text_size)
    except ProtocolError:
        return None

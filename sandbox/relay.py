"""The fork server's reply to the grader: framing, then the child's bytes as it left them.

The server never parses what the child wrote. It cuts the output at the run's cap, takes
the report's bytes (at most the channel's result area), and forwards both with how the
child ended: its wait status, which clock stopped it, and whether the output was cut. The
client decodes the report once and checks it as untrusted input (`sandbox.untrusted`); a
report that does not hold is a crash of that run, judged from how the child ended.

A reply is a fixed header (`_HEAD`), the output, then the report. The server's own
results (a program that does not compile) and its internal errors travel as JSON text in
the report's place, marked as such by the header's kind.
"""

from __future__ import annotations

import json
import os
import signal
import struct

from sandbox import untrusted
from sandbox.limits import Limits
from sandbox.protocol import ProtocolError
from sandbox.status import STOPPED_BY_CPU, STOPPED_BY_WALL, Layer, Status

TYPE_CHECKING = False  # `typing` costs the server's start, every zygote and each fork
if TYPE_CHECKING:
    from typing import Any

_STOPS = ("", STOPPED_BY_CPU, STOPPED_BY_WALL)
CHILD, SERVER, INTERNAL = 0, 1, 2
"""Kinds of reply: what a child left, a result of the server's own, an internal error."""
_HEAD = struct.Struct(">BiBBBdII")
"""kind, wait status, stopped by (an index into _STOPS), truncated, output over the cap,
duration in seconds, output length, report length."""


# -- in the server ---------------------------------------------------------------------------


def child_reply(
    status: int,
    stopped: str,
    output: tuple[bytes, bool, bool],
    report: bytes,
    duration: float,
) -> bytes:
    """What a child left: `output` as `Channel.stdout` reads it, `report` as raw bytes."""
    stdout, truncated, over_cap = output
    head = _HEAD.pack(
        CHILD, status, _STOPS.index(stopped), truncated, over_cap, duration,
        len(stdout), len(report),
    )  # fmt: skip
    return b"".join((head, stdout, report))


def server_reply(result: dict[str, Any], duration: float) -> bytes:
    """A result the server made itself (the program does not compile, say)."""
    return _text_reply(SERVER, json.dumps(result, ensure_ascii=False), duration)


def internal_reply(message: str) -> bytes:
    """The server failed on this request (not the program)."""
    return _text_reply(INTERNAL, message, 0.0)


def _text_reply(kind: int, text: str, duration: float) -> bytes:
    data = text.encode("utf-8", "surrogatepass")
    return _HEAD.pack(kind, 0, 0, False, False, duration, 0, len(data)) + data


# -- in the client ---------------------------------------------------------------------------


def decode(payload: bytes, calls: int, limits: Limits) -> dict[str, Any]:
    """The wire form of an `Outcome` (or `{"internal_error": ...}`) from a reply to a
    request of `calls` calls under `limits`; ProtocolError when the framing is wrong."""
    if len(payload) < _HEAD.size:
        raise ProtocolError("a reply too short for its header")
    head = _HEAD.unpack_from(payload)
    kind, status, stop, truncated, over_cap, duration, out_size, report_size = head
    if _HEAD.size + out_size + report_size != len(payload) or stop >= len(_STOPS):
        raise ProtocolError("a reply whose header does not match its size")
    report = payload[_HEAD.size + out_size :]
    if kind == INTERNAL:
        return {"internal_error": report.decode("utf-8", "replace")}
    if kind == SERVER:
        result = json.loads(report.decode("utf-8", "surrogatepass"))
        return dict(result, stdout="", truncated=False, duration_ms=duration * 1000)
    if kind != CHILD:
        raise ProtocolError(f"a reply of unknown kind {kind}")
    stdout = payload[_HEAD.size : _HEAD.size + out_size].decode("utf-8", "replace")
    verdict = _judged(status, _STOPS[stop], bool(truncated), bool(over_cap), report, calls, limits)
    return dict(verdict, stdout=stdout, truncated=bool(truncated), duration_ms=duration * 1000)


def _judged(
    status: int,
    stopped: str,
    truncated: bool,
    over_cap: bool,
    report: bytes,
    calls: int,
    limits: Limits,
) -> dict[str, Any]:
    """The child's report when it holds; else the verdict of how the child ended."""
    if over_cap:
        return _output_limit()
    found = untrusted.decoded(report) if report and not stopped else None
    result = untrusted.checked(found, calls, limits) if found is not None else None
    if result is not None:
        return result
    internal = found.get("internal_error") if found is not None else None
    out_of_memory = isinstance(internal, str) and internal.startswith("MemoryError")
    return _from_exit(status, stopped, truncated, out_of_memory, limits)


def _error(kind: str, message: str) -> dict[str, Any]:
    return {"type": kind, "message": message, "traceback": f"{kind}: {message}\n"}


def _output_limit() -> dict[str, Any]:
    message = "the program printed too much"
    error = _error("OutputLimit", message)
    return {"status": Status.OUTPUT_LIMIT, "error": error, "stopped_by": Layer.PROCESS}


def _from_exit(
    status: int, stopped: str, truncated: bool, out_of_memory: bool, limits: Limits
) -> dict[str, Any]:
    """The result of a child that wrote none (or none that holds): judged from how it ended.
    The wall clock stops only programs that sleep or block, and says so."""
    signum = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    by_process = {"stopped_by": Layer.PROCESS}
    if stopped == STOPPED_BY_WALL:
        error = _error("Timeout", limits.wall_message())
        return {"status": Status.TIMEOUT, "error": error} | by_process
    if stopped:  # by the zygote's watch, or by RLIMIT_CPU (the zygote tells, by CPU used)
        error = _error("Timeout", limits.timeout_message())
        return {"status": Status.TIMEOUT, "error": error} | by_process
    if out_of_memory:
        message = "the program ran out of memory"
        return {"status": Status.MEMORY_LIMIT, "error": _error("MemoryError", message)} | by_process
    if truncated or signum == signal.SIGXFSZ:
        return _output_limit()
    if signum is not None:
        message = f"the program was stopped by signal {_signal_name(signum)}"
    else:
        message = f"the program ended without a result (exit status {os.WEXITSTATUS(status)})"
    return {"status": Status.RUNTIME_ERROR, "error": _error("Crash", message)}


def _signal_name(signum: int) -> str:
    """SIGSEGV, say; a real-time signal has no name of its own (SIGRTMIN+6)."""
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"SIGRTMIN+{signum - signal.SIGRTMIN}" if signum > signal.SIGRTMIN else str(signum)

"""The fork server: a warm process that runs each request in one isolated, forked child.

Started by `sandbox.Sandbox` as `python -S -m sandbox.server CONFIG` with a fixed hash
seed and a scrubbed environment. It speaks length-prefixed JSON on stdin/stdout.
Work done once lives here: the network namespace, the seccomp filter, the channel. Each
request is compiled here; the fork itself happens in the zygote (`sandbox.zygote`), which
stays nearly idle between forks so that forking stays cheap.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import sys
import time
from collections import OrderedDict

from sandbox import untrusted
from sandbox.channel import Channel
from sandbox.compiling import SERVER_COMPILE_LIMIT, Compiled, Request, compile_program
from sandbox.isolation import ProcessLayer
from sandbox.limits import Limits
from sandbox.protocol import ProtocolError, read_frame, write_frame
from sandbox.status import Layer, Status
from sandbox.zygote import STOPPED_BY_WALL, Order, Zygote, ZygoteDied

TYPE_CHECKING = False  # `typing` costs the server's start, every zygote and each fork
if TYPE_CHECKING:
    from typing import Any

RUNTIME_TEMPLATES = 16
"""Language-layer runtimes kept warm in the zygote, one per (filename, limits)."""
COMPILED_KEPT = 8
"""Programs kept compiled: the test cases of one submission run the same source in turn."""


class ForkServer:
    def __init__(self, *, language: bool, process: bool) -> None:
        self.language = language
        self.layer = ProcessLayer.prepare(enabled=process)
        self.channel = Channel()
        self.zygote: Zygote | None = None
        self._slots: OrderedDict[tuple[str, Limits], int] = OrderedDict()
        self._compiled: OrderedDict[tuple[str, str, Limits], Compiled | dict[str, Any]] = (
            OrderedDict()
        )

    def start(self) -> Zygote:
        """Fork the zygote: at start, and again after one died."""
        self.zygote = Zygote.spawn(self.language, self.layer, self.channel)
        for warning in self.zygote.warnings:
            if warning not in self.layer.warnings:
                self.layer.warnings.append(warning)
        return self.zygote

    def run(self, request: Request) -> dict[str, Any]:
        """Run one request; the reply is the wire form of an `Outcome`."""
        started = time.monotonic()
        order = self._prepare(request)
        if isinstance(order, dict):
            return _reply(order, "", False, time.monotonic() - started)
        self.channel.scrub()  # no byte an earlier child wrote is left for this one to read
        zygote = self.zygote or self.start()
        try:
            status, stopped = zygote.run(order)
        except ZygoteDied:
            zygote.close()
            self.zygote = None  # the next run forks a new one
            raise
        return self._outcome(status, stopped, time.monotonic() - started, request)

    def _prepare(self, request: Request) -> Order | dict[str, Any]:
        """Compile here when the source is small; a large one compiles in the child, under
        its own limits."""
        compiled: Compiled | dict[str, Any] | None = None
        if len(request.source) <= SERVER_COMPILE_LIMIT:
            try:
                compiled = self._compile(request)
            except MemoryError:
                compiled = None  # let the child try under its own memory limit
        if isinstance(compiled, dict):
            return compiled
        if not self.language:
            return Order(request, compiled)
        slot, build = self._slot((request.filename, request.limits))
        return Order(request, compiled, slot, build)

    def _compile(self, request: Request) -> Compiled | dict[str, Any]:
        """The code (or the result of a program that does not compile), kept for a few
        programs: code objects are immutable, and results are copied into each reply."""
        key = (request.source, request.filename, request.limits)
        found = self._compiled.pop(key, None)
        if found is None:
            found = compile_program(request, self.language)
        self._compiled[key] = found
        if len(self._compiled) > COMPILED_KEPT:
            self._compiled.popitem(last=False)
        return found

    def _slot(self, key: tuple[str, Limits]) -> tuple[int, bool]:
        """The zygote's template slot for this key, and whether it must be built first."""
        slot = self._slots.pop(key, None)
        build = slot is None
        if slot is None:
            if len(self._slots) < RUNTIME_TEMPLATES:
                slot = len(self._slots)
            else:
                _, slot = self._slots.popitem(last=False)  # the least recently used
        self._slots[key] = slot
        return slot, build

    def _outcome(
        self, status: int, stopped: str, duration: float, request: Request
    ) -> dict[str, Any]:
        """The reply, from what the child left in the channel, read as untrusted input: the
        server cuts the output at its cap, and a result that is not one an honest child
        writes is a crash of this run."""
        limits = request.limits
        raw, truncated, over_cap = self.channel.stdout(limits.output_bytes)
        stdout = raw.decode("utf-8", "replace")
        found = None if stopped else self.channel.result()
        result = untrusted.checked(found, request) if found is not None else None
        if over_cap:
            result = _output_limit()
        if result is not None:
            return _reply(result, stdout, truncated, duration)
        internal = found.get("internal_error") if found is not None else None
        out_of_memory = isinstance(internal, str) and internal.startswith("MemoryError")
        verdict = _from_exit(status, stopped, truncated, out_of_memory, limits)
        return _reply(verdict, stdout, truncated, duration)


def _reply(result: dict[str, Any], stdout: str, truncated: bool, duration: float) -> dict[str, Any]:
    return dict(result, stdout=stdout, truncated=truncated, duration_ms=duration * 1000)


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
    if stopped or signum in (signal.SIGXCPU, signal.SIGKILL):  # RLIMIT_CPU: soft, then hard
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


# -- the process ---------------------------------------------------------------------------


def _request(frame: dict[str, Any]) -> Request:
    return Request(
        source=frame["source"],
        filename=frame["filename"],
        stdin=frame.get("stdin", ""),
        limits=Limits.from_dict(frame.get("limits", {})),
        calls=tuple(frame.get("calls", ())),
    )


def serve(config: dict[str, Any]) -> None:
    ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: die with the grader
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stdin, stdout = sys.stdin.fileno(), sys.stdout.fileno()
    server = ForkServer(language=config.get("language", True), process=config.get("process", True))
    server.start()
    # The compiler, loaded once the zygote is forked (it stays out of the zygote, and so of
    # every fork): while the grader is still starting, this costs the first run nothing.
    import sandbox.policy  # noqa: F401

    hello = {"ready": True, "warnings": server.layer.warnings, "isolation": server.layer.report()}
    write_frame(stdout, hello)
    while True:
        try:
            frame = read_frame(stdin)
        except ProtocolError:
            return
        try:
            reply = server.run(_request(frame))
        except Exception as exc:
            reply = {"internal_error": f"{type(exc).__name__}: {exc}"}
        write_frame(stdout, reply)


if __name__ == "__main__":
    serve(json.loads(sys.argv[1]) if len(sys.argv) > 1 else {})

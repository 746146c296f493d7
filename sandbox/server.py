"""The fork server: a warm process that forks one isolated child per run.

Started by `sandbox.Sandbox` as `python -S -m sandbox.server CONFIG` with a fixed hash
seed and a scrubbed environment. It speaks length-prefixed JSON on stdin/stdout.
Work done once lives here: the network namespace, the allowlisted imports, the channel.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import select
import signal
import sys
import time
from collections import OrderedDict
from typing import Any

from sandbox import child, modules
from sandbox.channel import Channel
from sandbox.compiling import SERVER_COMPILE_LIMIT, Request, compile_program
from sandbox.isolation import ProcessLayer, address_space
from sandbox.limits import Limits
from sandbox.protocol import ProtocolError, read_frame, write_frame
from sandbox.runtime import Runtime
from sandbox.status import Layer, Status

ADDRESS_SPACE_REFRESH = 64
"""Runs between two readings of the server's size (a child's RLIMIT_AS builds on it)."""
RUNTIME_TEMPLATES = 16
"""Language-layer runtimes kept warm, one per (filename, limits), reused as templates."""
KILL_GRACE = 0.25
"""Seconds past the timeout before the process layer kills the child's process group."""


class ForkServer:
    def __init__(self, *, language: bool, process: bool) -> None:
        self.language = language
        self.layer = ProcessLayer.prepare(enabled=process)
        self.channel = Channel()
        self._to_preload = sorted(modules.ALLOWLIST)
        self._address_space = address_space()
        self._runs = 0
        self._loaded: frozenset[str] = frozenset()
        self._runtimes: OrderedDict[tuple[str, Limits], Runtime] = OrderedDict()

    def preload_next(self) -> bool:
        """Import one more allowlisted module while idle; False when all are loaded."""
        if not self._to_preload:
            return False
        name = self._to_preload.pop(0)
        with contextlib.suppress(ImportError):
            modules.preload([name])
            self._loaded |= {name}
        self._address_space = address_space()
        if not self._to_preload:
            modules.register_codecs()
            gc.collect()
            gc.freeze()  # children's collections then skip the server's objects
        return True

    def run(self, request: Request) -> dict[str, Any]:
        """Run one request; the reply is the wire form of an `Outcome`."""
        self.channel.reset()
        started = time.monotonic()
        job = self._prepare(request)
        if isinstance(job, dict):
            return _reply(job, "", False, time.monotonic() - started)
        pid = os.fork()
        if pid == 0:
            child.main(job, self.channel, self.layer)
        del job
        _set_group(pid)
        status, timed_out = _wait(pid, request.limits.timeout + KILL_GRACE)
        return self._outcome(status, timed_out, time.monotonic() - started, request.limits)

    def _prepare(self, request: Request) -> child.Job | dict[str, Any]:
        """Compile and build the language layer here, warm, when the source is small."""
        self._runs += 1
        if self._runs % ADDRESS_SPACE_REFRESH == 0:
            self._address_space = address_space()
        job = child.Job(request, self.language, self._address_space)
        if len(request.source) > SERVER_COMPILE_LIMIT:
            return job
        try:
            compiled = compile_program(request, self.language)
        except MemoryError:
            return job  # let the child try under its own memory limit
        if isinstance(compiled, dict):
            return compiled
        if not compiled.imported <= self._loaded:
            modules.preload(compiled.imported)
            self._loaded |= compiled.imported
            job.address_space = self._address_space = address_space()
        modules.preload((), request.source)  # codecs, when the program may need them
        job.compiled = compiled
        if self.language:
            job.runtime = self._runtime(request)
        return job

    def _runtime(self, request: Request) -> Runtime:
        """The language layer for this request: a kept template, readied for one run.

        Building one touches hundreds of pages, each a copy-on-write fault after every
        fork; a template the server never runs code in is as good as a new one, since
        each child works on its own copy of it.
        """
        key = (request.filename, request.limits)
        runtime = self._runtimes.pop(key, None) or child.make_runtime(request, self.channel)
        self._runtimes[key] = runtime
        if len(self._runtimes) > RUNTIME_TEMPLATES:
            self._runtimes.popitem(last=False)
        runtime.begin(request.stdin)
        return runtime

    def _outcome(
        self, status: int, timed_out: bool, duration: float, limits: Limits
    ) -> dict[str, Any]:
        raw, truncated = self.channel.stdout()
        stdout = raw.decode("utf-8", "replace")
        result = None if timed_out else self.channel.result()
        if result is not None and "internal_error" not in result:
            if _well_formed(result):
                return _reply(result, stdout, truncated, duration)
            result = None  # written by the program itself (it can, without the language layer)
        internal = result.get("internal_error", "") if result else ""
        if internal and "MemoryError" not in internal:
            raise RuntimeError(f"sandbox child failed: {internal}")
        return _reply(
            _from_exit(status, timed_out, truncated, internal, limits), stdout, truncated, duration
        )


def _well_formed(result: dict[str, Any]) -> bool:
    """Whether a result has the shape `Outcome.from_dict` reads, so the grader cannot fail
    on it: anything else in the channel was put there by the program, not by the child."""
    error, calls = result.get("error"), result.get("calls", [])
    return (
        result.get("status") in set(Status)
        and result.get("stopped_by") in {None, *Layer}
        and (error is None or isinstance(error, dict))
        and isinstance(calls, list)
        and all(
            isinstance(call, dict)
            and isinstance(call.get("call"), str)
            and "returned" in call
            and (call.get("error") is None or isinstance(call.get("error"), dict))
            for call in calls
        )
    )


def _reply(result: dict[str, Any], stdout: str, truncated: bool, duration: float) -> dict[str, Any]:
    return dict(result, stdout=stdout, truncated=truncated, duration_ms=duration * 1000)


def _error(kind: str, message: str) -> dict[str, Any]:
    return {"type": kind, "message": message, "traceback": f"{kind}: {message}\n"}


def _from_exit(
    status: int, timed_out: bool, truncated: bool, internal: str, limits: Limits
) -> dict[str, Any]:
    """The result of a child that wrote none: judged from how it ended."""
    signum = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    stopped = {"stopped_by": Layer.PROCESS}
    if timed_out or signum in (signal.SIGXCPU, signal.SIGKILL):
        message = f"the program ran longer than {limits.timeout:g} s"
        return {"status": Status.TIMEOUT, "error": _error("Timeout", message)} | stopped
    if "MemoryError" in internal:
        message = "the program ran out of memory"
        return {"status": Status.MEMORY_LIMIT, "error": _error("MemoryError", message)} | stopped
    if truncated or signum == signal.SIGXFSZ:
        message = "the program printed too much"
        return {"status": Status.OUTPUT_LIMIT, "error": _error("OutputLimit", message)} | stopped
    if signum is not None:
        message = f"the program was stopped by signal {signal.Signals(signum).name}"
    else:
        message = f"the program ended without a result (exit status {os.WEXITSTATUS(status)})"
    return {"status": Status.RUNTIME_ERROR, "error": _error("Crash", message)}


def _set_group(pid: int) -> None:
    with contextlib.suppress(OSError):  # the child already did it, or already exited
        os.setpgid(pid, pid)


def _wait(pid: int, timeout: float) -> tuple[int, bool]:
    fd = os.pidfd_open(pid)
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        timed_out = not poller.poll(timeout * 1000)
    finally:
        os.close(fd)
    if timed_out:
        _kill(pid)
    _, status = os.waitpid(pid, 0)
    _kill(pid)  # anything the child left behind in its group
    return status, timed_out


def _kill(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            kill(pid, signal.SIGKILL)


# -- the process ---------------------------------------------------------------------------


def _request(frame: dict[str, Any]) -> Request:
    return Request(
        source=frame["source"],
        filename=frame["filename"],
        stdin=frame.get("stdin", ""),
        limits=Limits.from_dict(frame.get("limits", {})),
        calls=tuple(frame.get("calls", ())),
    )


def _idle(fd: int) -> bool:
    return not select.select([fd], [], [], 0)[0]


def serve(config: dict[str, Any]) -> None:
    libc = ctypes.CDLL(None)
    libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: die with the grader
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stdin, stdout = sys.stdin.fileno(), sys.stdout.fileno()
    server = ForkServer(language=config.get("language", True), process=config.get("process", True))
    hello = {"ready": True, "warnings": server.layer.warnings, "isolation": server.layer.report()}
    write_frame(stdout, hello)
    while True:
        while _idle(stdin) and server.preload_next():
            pass
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

"""The fork server: a warm process that runs each request in one isolated, forked child.

Started by `sandbox.Sandbox` as `python -S -m sandbox.server CONFIG` with a fixed hash
seed and a scrubbed environment. It reads length-prefixed JSON requests on stdin and
answers each with a frame of `sandbox.relay`, which forwards the child's bytes unread.
Work done once lives here: the network namespace, the seccomp filter, the channel. Each
request is compiled here; the fork itself happens in the zygote (`sandbox.zygote`), which
stays nearly idle between forks so that forking stays cheap.
"""

from __future__ import annotations

import ctypes
import json
import signal
import sys
import time
from collections import OrderedDict

from sandbox import relay
from sandbox.channel import Channel
from sandbox.compiling import SERVER_COMPILE_LIMIT, Compiled, Request, compile_program
from sandbox.isolation import ProcessLayer
from sandbox.limits import LIMITS_SLOTS, Limits
from sandbox.protocol import ProtocolError, frame_bytes, read_frame, write_all, write_frame
from sandbox.zygote import Order, Zygote, ZygoteDied

TYPE_CHECKING = False  # `typing` costs the server's start, every zygote and each fork
if TYPE_CHECKING:
    from collections.abc import Callable
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

    def start(self, meanwhile: Callable[[], object] | None = None) -> Zygote:
        """Fork the zygote: at start, and again after one died."""
        self.zygote = Zygote.spawn(self.language, self.layer, self.channel, meanwhile)
        for warning in self.zygote.warnings:
            if warning not in self.layer.warnings:
                self.layer.warnings.append(warning)
        return self.zygote

    def run(self, request: Request) -> bytes:
        """Run one request; the reply is framed by `sandbox.relay`."""
        started = time.monotonic()
        order = self._prepare(request)
        if isinstance(order, dict):
            return relay.server_reply(order, time.monotonic() - started)
        self.channel.scrub()  # no byte an earlier child wrote is left for this one to read
        zygote = self.zygote or self.start()
        try:
            status, stopped = zygote.run(order)
        except ZygoteDied:
            zygote.close()
            self.zygote = None  # the next run forks a new one, which holds no template yet
            self._slots.clear()
            raise
        except RuntimeError:  # the zygote failed this order: it may not hold the template
            self._slots.clear()
            raise
        return self._outcome(status, stopped, time.monotonic() - started, request.limits)

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

    def _outcome(self, status: int, stopped: str, duration: float, limits: Limits) -> bytes:
        """The reply, from what the child left in the channel, which is read here only for
        its sizes: the output cut at its cap, the result's bytes forwarded unread (the client
        decodes and checks them, `sandbox.relay`), none when a clock stopped the child or
        the output header claims more than the cap."""
        output = self.channel.stdout(limits.output_bytes)
        over_cap = output[2]
        report = b"" if stopped or over_cap else self.channel.raw_result()
        return relay.child_reply(status, stopped, output, report, duration)


# -- the process ---------------------------------------------------------------------------


class Requests:
    """Requests from their frames. Limits are the same for most runs: a client names them
    by a slot (`limits_slot`) and sends their fields (`limits`) only the first time, so each
    run's limits are decoded once per server, and are one object from run to run."""

    def __init__(self) -> None:
        self._limits: dict[int, Limits] = {}

    def request(self, frame: dict[str, Any]) -> Request:
        return Request(
            source=frame["source"],
            filename=frame["filename"],
            stdin=frame.get("stdin", ""),
            limits=self._limits_of(frame),
            calls=tuple(frame.get("calls", ())),
        )

    def _limits_of(self, frame: dict[str, Any]) -> Limits:
        slot = frame.get("limits_slot")
        if slot is not None and "limits" not in frame:
            return self._limits[slot]  # KeyError (a slot never filled): an internal error
        limits = Limits.from_dict(frame.get("limits", {}))
        if slot is not None:
            if type(slot) is not int or not 0 <= slot < LIMITS_SLOTS:
                raise ValueError(f"no limits slot {slot!r}")
            self._limits[slot] = limits
        return limits


def _load_compiler() -> None:
    import sandbox.policy  # noqa: F401


def serve(config: dict[str, Any]) -> None:
    ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: die with the grader
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stdin, stdout = sys.stdin.fileno(), sys.stdout.fileno()
    server = ForkServer(language=config.get("language", True), process=config.get("process", True))
    # The compiler loads once the zygote is forked (it stays out of the zygote, and so of
    # every fork), while the zygote enters its namespaces and the grader still starts.
    server.start(meanwhile=_load_compiler)
    requests = Requests()

    hello = {"ready": True, "warnings": server.layer.warnings, "isolation": server.layer.report()}
    write_frame(stdout, hello)
    while True:
        try:
            frame = read_frame(stdin)
        except ProtocolError:
            return
        try:
            reply = server.run(requests.request(frame))
        except Exception as exc:
            reply = relay.internal_reply(f"{type(exc).__name__}: {exc}")
        write_all(stdout, frame_bytes(reply))


if __name__ == "__main__":
    serve(json.loads(sys.argv[1]) if len(sys.argv) > 1 else {})

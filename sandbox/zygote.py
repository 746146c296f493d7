"""The zygote: the one process that forks the children, kept nearly idle between forks.

After a fork, every page the forking process writes costs it a copy-on-write fault (about
2 µs each on a VM). So the fork server does its own work (frames, compiling, results) in a
process that never forks, and hands each run to the zygote, forked from it at start: a
small message in, a fork, a wait, and the exit status out. The zygote holds what children
should find warm: the allowlisted modules that programs import (each loaded the first time
one does) and the language-layer runtimes, kept as templates that each child readies for
its own run. Each zygote is the init of its own pid namespace and lives in an empty root
(see `sandbox.isolation`); it watches each child's CPU clock and the wall clock, and kills
the child at either limit.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import marshal
import os
import select
import signal
import struct
import time
from types import CodeType

from sandbox import child, modules
from sandbox.budget import install_alarm_handler
from sandbox.channel import Channel
from sandbox.compiling import Compiled, Request
from sandbox.isolation import AddressSpace, ProcessLayer
from sandbox.limits import Limits
from sandbox.protocol import ProtocolError, read_exact, write_all
from sandbox.runtime import Runtime
from sandbox.status import STOPPED_BY_CPU, STOPPED_BY_WALL

TYPE_CHECKING = False  # `typing` costs the server's start, every zygote and each fork
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import NoReturn

ADDRESS_SPACE_REFRESH = 64
"""Runs between two readings of the zygote's size (a child's RLIMIT_AS builds on it)."""
KILL_GRACE = 0.25
"""Seconds past a limit (of CPU time, or the wall clock) before the zygote kills the child's
process group: with both layers on, the language layer stops the program first."""
CPU_POLL_MIN = 0.005
"""Seconds at least between two readings of a busy child's CPU clock."""
NO_TEMPLATE = -1
_LENGTH = struct.Struct(">I")


class ZygoteDied(Exception):
    """The zygote exited or stopped answering; the fork server cannot run anything."""


class Order:
    """One run as the server hands it over: the request, its code when the server compiled
    it, and the runtime template slot to fork from (`build` when the slot is new)."""

    __slots__ = ("build", "compiled", "request", "template")

    def __init__(
        self,
        request: Request,
        compiled: Compiled | None,
        template: int = NO_TEMPLATE,
        build: bool = False,
    ) -> None:
        self.request, self.compiled, self.template, self.build = request, compiled, template, build

    def encode(self) -> bytes:
        """Marshal only: plain values and a code object, never a pickle."""
        request, compiled = self.request, self.compiled
        imported = tuple(sorted(compiled.imported)) if compiled else ()
        code = compiled.code if compiled and marshals_faithfully(compiled.code) else None
        # A child forked from a template takes the template's limits (they key its slot).
        needs_limits = self.build or self.template == NO_TEMPLATE
        payload = marshal.dumps(
            (
                request.source,
                request.filename,
                request.stdin,
                request.limits.to_dict() if needs_limits else None,
                request.calls,
                code,  # None: the child compiles the source itself
                imported,
            )
        )
        codecs = modules.mentions_codecs(request.source)
        limits = request.limits
        clocks = (limits.timeout + KILL_GRACE, limits.wall_timeout + KILL_GRACE)
        header = (clocks, self.template, self.build, imported, codecs)
        return marshal.dumps((header, payload))


def marshals_faithfully(code: CodeType) -> bool:
    """False when the code holds a frozenset constant (`x in {1, 2, 3}`, `{"a", "b", "c"}`):
    marshal rebuilds it in its iteration order, which can change that order, and a program
    must print its sets exactly as `python file.py` does."""
    pending: list[object] = [code]
    while pending:
        value = pending.pop()
        if isinstance(value, frozenset):
            return False
        if isinstance(value, CodeType):
            pending.extend(value.co_consts)
        elif isinstance(value, tuple):
            pending.extend(value)
    return True


def decode_job(
    payload: bytes, language: bool, size: int, template: tuple[Runtime, Limits] | None
) -> child.Job:
    """The child's job; the template's limits are the request's (they key its slot), and
    are sent only with the order that builds the template."""
    source, filename, stdin, wire_limits, calls, code, imported = marshal.loads(payload)
    if template is None and wire_limits is None:
        raise ValueError("an order without limits, for a template the zygote does not hold")
    runtime, limits = template or (None, Limits.from_dict(wire_limits))
    request = Request(source, filename, stdin, limits, tuple(calls))
    compiled = Compiled(code, frozenset(imported)) if code is not None else None
    return child.Job(request, language, size, compiled, runtime)


class Zygote:
    """The server's handle on its zygote process."""

    def __init__(self, pid: int, to_zygote: int, from_zygote: int) -> None:
        self.pid, self._to_zygote, self._from_zygote = pid, to_zygote, from_zygote
        self.warnings: list[str] = []

    @classmethod
    def spawn(
        cls,
        language: bool,
        layer: ProcessLayer,
        channel: Channel,
        meanwhile: Callable[[], object] | None = None,
    ) -> Zygote:
        """Fork the zygote, the first process of its own pid namespace, and wait until it has
        entered its empty root, doing `meanwhile` while it gets there. Call it from plain
        functions only: the children run at its depth of the stack, and an `__init__` there
        would cost them recursion depth."""
        inbox, to_zygote = os.pipe()
        from_zygote, outbox = os.pipe()
        layer.new_pid_namespace()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(to_zygote)
                os.close(from_zygote)
                _Process(language, layer, channel, inbox, outbox).serve()
            finally:
                os._exit(70)  # never back into the server's code
        os.close(inbox)
        os.close(outbox)
        zygote = cls(pid, to_zygote, from_zygote)
        if meanwhile is not None:
            meanwhile()
        ready = _receive(from_zygote)
        if ready is None:
            zygote.close()
            raise ZygoteDied("the zygote exited while it started")
        zygote.warnings = list(marshal.loads(ready))
        return zygote

    def close(self) -> None:
        """Let the zygote go (it exits at end of file) and reap it."""
        os.close(self._to_zygote)
        os.close(self._from_zygote)
        os.waitpid(self.pid, 0)

    def run(self, order: Order) -> tuple[int, str]:
        """Fork a child for `order`, wait for it: its wait status, and which clock the zygote
        stopped it by (STOPPED_BY_CPU, STOPPED_BY_WALL, or "")."""
        try:
            _send(self._to_zygote, order.encode())
            reply = _receive(self._from_zygote)
        except OSError as exc:
            raise ZygoteDied(f"the zygote is gone ({exc.strerror})") from exc
        if reply is None:
            raise ZygoteDied("the zygote exited")
        status, stopped, error = marshal.loads(reply)
        if error:
            raise RuntimeError(f"the zygote failed: {error}")
        return status, stopped


class _Process:
    """The zygote's side: a fork per request, with what the child needs loaded first."""

    def __init__(
        self, language: bool, layer: ProcessLayer, channel: Channel, inbox: int, outbox: int
    ) -> None:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        layer.server_pid = os.getpid()  # children check that their parent is this process
        self.null = os.open(os.devnull, os.O_RDWR)  # before the empty root, which has none
        for fd in (0, 1):  # the grader's pipes belong to the server
            os.dup2(self.null, fd)
        self.statm = AddressSpace()
        _send(outbox, marshal.dumps(layer.enter_zygote()))
        if language:  # (without the language layer, a program's own signals stay as CPython's)
            install_alarm_handler()
        self.language, self.layer, self.channel = language, layer, channel
        self.inbox, self.outbox = inbox, outbox
        self.templates: dict[int, tuple[Runtime, Limits]] = {}
        self.loaded: frozenset[str] = frozenset()
        self.codecs = False
        self.size = self.statm.bytes()
        self.runs = 0
        gc.freeze()  # children's collections skip what the zygote holds

    def serve(self) -> NoReturn:
        while (message := _receive(self.inbox)) is not None:
            reply: tuple[int, str, str | None]
            try:
                reply = self.fork_one(message)
            except Exception as exc:
                reply = (0, "", f"{type(exc).__name__}: {exc}")
            _send(self.outbox, marshal.dumps(reply))
        os._exit(0)

    def fork_one(self, message: bytes) -> tuple[int, str, None]:
        ((cpu, wall), template, build, imported, codecs), payload = marshal.loads(message)
        self._ready(imported, codecs)
        kept = self._template(template, build, payload)
        pid = os.fork()
        if pid == 0:
            self._child(payload, kept)
        with contextlib.suppress(OSError):  # the child already did it, or already exited
            os.setpgid(pid, pid)
        status, stopped = _wait(pid, cpu, wall)
        return status, stopped, None

    def _child(self, payload: bytes, kept: tuple[Runtime, Limits] | None) -> NoReturn:
        """In the forked child: never back into the zygote's code, whatever happens."""
        try:
            job = decode_job(payload, self.language, self.size, kept)
        except BaseException as exc:
            with contextlib.suppress(BaseException):
                self.channel.write_result({"internal_error": f"{type(exc).__name__}: {exc}"})
            os._exit(3)
        child.main(job, self.channel, self.layer, self.null)

    def _ready(self, imported: tuple[str, ...], codecs: bool) -> None:
        """Load what this program imports, before the fork, so the child finds it (after
        Landlock it can open no file). Loaded once, kept for every later child."""
        self.runs += 1
        new_codecs = codecs and not self.codecs
        if new_codecs or (imported and not self.loaded.issuperset(imported)):
            modules.preload(imported)
            if new_codecs:
                modules.register_codecs()
                self.codecs = True
            self.loaded |= frozenset(imported)
            self.size = self.statm.bytes()
            gc.freeze()
        elif self.runs % ADDRESS_SPACE_REFRESH == 0:
            self.size = self.statm.bytes()

    def _template(self, slot: int, build: bool, payload: bytes) -> tuple[Runtime, Limits] | None:
        """The runtime (and its limits) kept in `slot`, built first when the server says
        the slot is new.

        Building one touches hundreds of pages; a template no code ever runs in is as good
        as a new one, since each child works on its own copy of it.
        """
        if slot == NO_TEMPLATE:
            return None
        if build or slot not in self.templates:
            request = decode_job(payload, self.language, self.size, None).request
            runtime = child.make_runtime(request, self.channel)
            self.templates[slot] = (runtime, request.limits)
            gc.freeze()
        return self.templates[slot]


def _wait(pid: int, cpu: float, wall: float) -> tuple[int, str]:
    """Wait for the child; kill it once it has used `cpu` seconds of CPU time, or `wall`
    seconds have passed. Its CPU clock is read from here, where the child cannot reach: a
    program that computes wakes this process a few times, one that ends soon not once."""
    fd = os.pidfd_open(pid)
    try:
        stopped = _watch(fd, _cpu_clock(pid), cpu, time.monotonic() + wall)
    finally:
        os.close(fd)
    if stopped:
        _kill(pid)
    _, status = os.waitpid(pid, 0)
    _kill(pid)  # anything the child left behind in its group
    return status, stopped


def _watch(pidfd: int, clock: int, cpu: float, deadline: float) -> str:
    poller = select.poll()
    poller.register(pidfd, select.POLLIN)
    while True:
        cpu_left = cpu - _cpu_time(clock)
        wall_left = deadline - time.monotonic()
        if cpu_left <= 0:
            return STOPPED_BY_CPU
        if wall_left <= 0:
            return STOPPED_BY_WALL
        # One second of wall time gives a process of one thread at most one of CPU.
        if poller.poll(max(min(cpu_left, wall_left), CPU_POLL_MIN) * 1000):
            return ""


def _cpu_time(clock: int) -> float:
    try:
        return time.clock_gettime(clock)
    except OSError:  # no such clock on this kernel: the wall clock alone stops the child
        return 0.0


def _cpu_clock(pid: int) -> int:
    """The clock id of a process's CPU time (the kernel's MAKE_PROCESS_CPUCLOCK)."""
    return ((~pid) << 3) | 2  # CPUCLOCK_SCHED


def _kill(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            kill(pid, signal.SIGKILL)


def _send(fd: int, data: bytes) -> None:
    write_all(fd, _LENGTH.pack(len(data)) + data)


def _receive(fd: int) -> bytes | None:
    """One message, or None at end of file."""
    try:
        return read_exact(fd, _LENGTH.unpack(read_exact(fd, _LENGTH.size))[0])
    except ProtocolError:
        return None

"""The zygote's side (`sandbox.zygote`): a fork per order, with what the child needs loaded.

Imported only in the zygote, after the fork server forks it and before it isolates itself.
The zygote holds what children should find warm: the allowlisted modules that programs
import (each loaded the first time one does) and the language-layer runtimes, kept as
templates that each child readies for its own run. Each zygote is the init of its own pid
namespace and lives in an empty root (see `sandbox.isolation`); it watches each child's CPU
clock and the wall clock, and kills the child at either limit.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import marshal
import os
import select
import signal
import time

from sandbox import child, modules
from sandbox.budget import install_alarm_handler
from sandbox.channel import Channel
from sandbox.compiling import Compiled, Request
from sandbox.isolation import AddressSpace, ProcessLayer
from sandbox.limits import Limits
from sandbox.protocol import NO_TEMPLATE, ORDER_HEADER, receive_message_into, send_message
from sandbox.runtime import Runtime
from sandbox.status import STOPPED_BY_CPU, STOPPED_BY_WALL

TYPE_CHECKING = False  # `typing` costs every zygote and each fork
if TYPE_CHECKING:
    from typing import Any, NoReturn

ADDRESS_SPACE_REFRESH = 64
"""Runs between two readings of the zygote's size (a child's RLIMIT_AS builds on it)."""
CPU_POLL_MIN = 0.005
"""Seconds at least between two readings of a busy child's CPU clock."""


def decode_job(
    payload: memoryview, language: bool, size: int, template: tuple[Runtime, Limits] | None
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


class ZygoteProcess:
    """The zygote's side: a fork per request, with what the child needs loaded first."""

    def __init__(
        self, language: bool, layer: ProcessLayer, channel: Channel, inbox: int, outbox: int
    ) -> None:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        layer.server_pid = os.getpid()  # children check that their parent is this process
        null = os.open(os.devnull, os.O_RDWR)  # before the empty root, which has none
        for fd in (0, 1):  # the grader's pipes belong to the server
            os.dup2(null, fd)
        os.close(null)
        self.statm = AddressSpace()
        send_message(outbox, marshal.dumps(layer.enter_zygote()))
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
        inbox = bytearray(1 << 16)
        """Every order is read here, decoded only by the child, and cleared after its run
        (see `sandbox.zygote.Order`): no later child finds an earlier run's bytes."""
        while (size := receive_message_into(self.inbox, inbox)) is not None:
            reply: tuple[int, str, str | None]
            try:
                reply = self.fork_one(memoryview(inbox)[:size])
            except Exception as exc:
                reply = (0, "", f"{type(exc).__name__}: {exc}")
            finally:
                ctypes.memset((ctypes.c_char * size).from_buffer(inbox), 0, size)
            send_message(self.outbox, marshal.dumps(reply))
        os._exit(0)

    def fork_one(self, order: memoryview) -> tuple[int, str, None]:
        (length,) = ORDER_HEADER.unpack_from(order)
        start = ORDER_HEADER.size + length
        (cpu, wall), template, build, imported, codecs = marshal.loads(
            order[ORDER_HEADER.size : start]
        )
        self._ready(imported, codecs)
        kept = self._template(template, build)
        pid = os.fork()
        if pid == 0:
            self._child(order[start:], kept)
        with contextlib.suppress(OSError):  # the child already did it, or already exited
            os.setpgid(pid, pid)
        status, stopped = _wait(pid, cpu, wall)
        return status, stopped, None

    def _child(self, payload: memoryview, kept: tuple[Runtime, Limits] | None) -> NoReturn:
        """In the forked child: never back into the zygote's code, whatever happens."""
        try:
            job = decode_job(payload, self.language, self.size, kept)
        except BaseException as exc:
            with contextlib.suppress(BaseException):
                self.channel.write_result({"internal_error": f"{type(exc).__name__}: {exc}"})
            os._exit(3)
        child.main(job, self.channel, self.layer)

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

    def _template(
        self, slot: int, build: tuple[str, dict[str, Any]] | None
    ) -> tuple[Runtime, Limits] | None:
        """The runtime (and its limits) kept in `slot`, built first from `build` (the
        filename and limits of the slot's key) when the server says the slot is new. It
        is made with no input: each child gives its own (`Runtime.begin`).

        Building one touches hundreds of pages; a template no code ever runs in is as good
        as a new one, since each child works on its own copy of it.
        """
        if slot == NO_TEMPLATE:
            return None
        if build is not None or slot not in self.templates:
            if build is None:
                raise ValueError(f"no template in slot {slot}, and none to build")
            filename, wire_limits = build
            request = Request("", filename, "", Limits.from_dict(wire_limits))
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
    _, status, usage = os.wait4(pid, 0)
    _kill(pid)  # anything the child left behind in its group
    if not stopped and _killed_by_cpu_limit(status, usage.ru_utime + usage.ru_stime, cpu):
        stopped = STOPPED_BY_CPU  # threads used it faster than this clock was read
    return status, stopped


def _killed_by_cpu_limit(status: int, used: float, cpu: float) -> bool:
    """Whether RLIMIT_CPU ended the child (SIGXCPU, then SIGKILL), not the program itself:
    only then had it used its CPU time (a self-inflicted SIGKILL is a crash)."""
    signum = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    return signum in (signal.SIGXCPU, signal.SIGKILL) and used >= cpu


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

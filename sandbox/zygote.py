"""The zygote: the one process that forks the children, kept nearly idle between forks.

After a fork, every page the forking process writes costs it a copy-on-write fault (about
2 µs each on a VM). So the fork server does its own work (frames, compiling, results) in a
process that never forks, and hands each run to the zygote, forked from it at start: a
small message in, a fork, a wait, and the exit status out. The zygote holds what children
should find warm: the allowlisted modules that programs import (each loaded the first time
one does) and the language-layer runtimes, kept as templates that each child readies for
its own run.
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
from dataclasses import dataclass
from types import CodeType
from typing import NoReturn

from sandbox import child, modules
from sandbox.channel import Channel
from sandbox.compiling import Compiled, Request
from sandbox.isolation import AddressSpace, ProcessLayer
from sandbox.limits import Limits
from sandbox.protocol import ProtocolError, read_exact, write_all
from sandbox.runtime import Runtime

ADDRESS_SPACE_REFRESH = 64
"""Runs between two readings of the zygote's size (a child's RLIMIT_AS builds on it)."""
KILL_GRACE = 0.25
"""Seconds past the timeout before the process layer kills the child's process group."""
NO_TEMPLATE = -1
_LENGTH = struct.Struct(">I")


class ZygoteDied(Exception):
    """The zygote exited or stopped answering; the fork server cannot run anything."""


@dataclass(frozen=True)
class Order:
    """One run as the server hands it over: the request, its code when the server compiled
    it, and the runtime template slot to fork from (`build` when the slot is new)."""

    request: Request
    compiled: Compiled | None
    template: int = NO_TEMPLATE
    build: bool = False

    def encode(self) -> bytes:
        """Marshal only: plain values and a code object, never a pickle."""
        request, compiled = self.request, self.compiled
        imported = tuple(sorted(compiled.imported)) if compiled else ()
        code = compiled.code if compiled and marshals_faithfully(compiled.code) else None
        payload = marshal.dumps(
            (
                request.source,
                request.filename,
                request.stdin,
                request.limits.to_dict(),
                request.calls,
                code,  # None: the child compiles the source itself
                imported,
            )
        )
        codecs = modules.mentions_codecs(request.source)
        header = (request.limits.wall_timeout, self.template, self.build, imported, codecs)
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
    """The child's job; the template's limits are the request's (they key its slot)."""
    source, filename, stdin, wire_limits, calls, code, imported = marshal.loads(payload)
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
    def spawn(cls, language: bool, layer: ProcessLayer, channel: Channel) -> Zygote:
        """Fork the zygote, the first process of its own pid namespace, and wait until it has
        entered its empty root. Call it from plain functions only: the children run at its
        depth of the stack, and an `__init__` there would cost them recursion depth."""
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

    def run(self, order: Order) -> tuple[int, bool]:
        """Fork a child for `order`, wait for it: its wait status, and whether it timed out."""
        try:
            _send(self._to_zygote, order.encode())
            reply = _receive(self._from_zygote)
        except OSError as exc:
            raise ZygoteDied(f"the zygote is gone ({exc.strerror})") from exc
        if reply is None:
            raise ZygoteDied("the zygote exited")
        status, timed_out, error = marshal.loads(reply)
        if error:
            raise RuntimeError(f"the zygote failed: {error}")
        return status, timed_out


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
            try:
                reply = self.fork_one(message)
            except Exception as exc:
                reply = (0, False, f"{type(exc).__name__}: {exc}")
            _send(self.outbox, marshal.dumps(reply))
        os._exit(0)

    def fork_one(self, message: bytes) -> tuple[int, bool, None]:
        (timeout, template, build, imported, codecs), payload = marshal.loads(message)
        self._ready(imported, codecs)
        kept = self._template(template, build, payload)
        pid = os.fork()
        if pid == 0:
            self._child(payload, kept)
        with contextlib.suppress(OSError):  # the child already did it, or already exited
            os.setpgid(pid, pid)
        status, timed_out = _wait(pid, timeout + KILL_GRACE)
        return status, timed_out, None

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


def _send(fd: int, data: bytes) -> None:
    write_all(fd, _LENGTH.pack(len(data)) + data)


def _receive(fd: int) -> bytes | None:
    """One message, or None at end of file."""
    try:
        return read_exact(fd, _LENGTH.unpack(read_exact(fd, _LENGTH.size))[0])
    except ProtocolError:
        return None

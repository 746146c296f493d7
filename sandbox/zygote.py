"""The zygote: the one process that forks the children, kept nearly idle between forks.

After a fork, every page the forking process writes costs it a copy-on-write fault (about
2 µs each on a VM). So the fork server does its own work (frames, compiling, results) in a
process that never forks, and hands each run to the zygote, forked from it at start: a
small message in, a fork, a wait, and the exit status out. This module is the server's
side: the order and the handle. The zygote's own side is `sandbox.zygote_process`, which
only the zygote imports, once it is forked: its imports then run beside the server's (the
compiler, say) rather than before the fork.
"""

from __future__ import annotations

import marshal
import os
from types import CodeType

from sandbox.protocol import NO_TEMPLATE, ORDER_HEADER, receive_message, send_message
from sandbox.source_hints import mentions_codecs

TYPE_CHECKING = False  # `typing` costs the server's start, every zygote and each fork
if TYPE_CHECKING:
    from collections.abc import Callable

    from sandbox.channel import Channel
    from sandbox.compiling import Compiled, Request
    from sandbox.isolation import ProcessLayer

KILL_GRACE = 0.25
"""Seconds past a limit (of CPU time, or the wall clock) before the zygote kills the child's
process group: with both layers on, the language layer stops the program first."""


class ZygoteDied(Exception):
    """The zygote exited or stopped answering; the fork server cannot run anything."""


class Order:
    """One run as the server hands it over: the request, its code when the server compiled
    it, and the runtime template slot to fork from (`build` when the slot is new).

    The zygote never decodes the payload: every child inherits the zygote's memory, and
    Python frees without clearing, so a later child would find this run's source and
    input there. The payload stays in the zygote's receive buffer, cleared after each run.
    """

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
        needs_limits = self.template == NO_TEMPLATE
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
        codecs = mentions_codecs(request.source)
        limits = request.limits
        clocks = (limits.timeout + KILL_GRACE, limits.wall_timeout + KILL_GRACE)
        # What a new template is made of, with no byte of this run in it (`Order` doc).
        build = (request.filename, limits.to_dict()) if self.build else None
        header = marshal.dumps((clocks, self.template, build, imported, codecs))
        return ORDER_HEADER.pack(len(header)) + header + payload


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
                from sandbox.zygote_process import ZygoteProcess  # before it isolates itself

                ZygoteProcess(language, layer, channel, inbox, outbox).serve()
            finally:
                os._exit(70)  # never back into the server's code
        os.close(inbox)
        os.close(outbox)
        zygote = cls(pid, to_zygote, from_zygote)
        if meanwhile is not None:
            meanwhile()
        ready = receive_message(from_zygote)
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
            send_message(self._to_zygote, order.encode())
            reply = receive_message(self._from_zygote)
        except OSError as exc:
            raise ZygoteDied(f"the zygote is gone ({exc.strerror})") from exc
        if reply is None:
            raise ZygoteDied("the zygote exited")
        status, stopped, error = marshal.loads(reply)
        if error:
            raise RuntimeError(f"the zygote failed: {error}")
        return status, stopped

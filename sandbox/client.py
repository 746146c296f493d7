"""`Sandbox`: the grader's handle on one fork server process.

Importing this module is cheap (no subprocess, threading or dataclasses), so the CLI can
start the server first and let it boot while the rest of the grader imports.
"""

from __future__ import annotations

import _thread
import atexit
import functools
import os
import signal
import time
from collections.abc import Sequence

from sandbox import boot
from sandbox.protocol import PipeClosed, ProtocolError, read_frame, read_reply, write_frame

TYPE_CHECKING = False  # importing `typing` would slow the CLI's cold start
if TYPE_CHECKING:
    from typing import Any

    from sandbox.limits import Limits
    from sandbox.outcome import Outcome

_ANSWER_MARGIN = 30.0
"""Seconds past a run's wall-clock backstop before the grader gives up on the server itself."""
_ENDING_WAIT = 5.0
"""How long a server that closed its pipe gets to exit, so that its last words can be read."""


class SandboxError(Exception):
    """The sandbox itself failed (not the learner's program)."""


class _ServerProcess:
    """A fork server (`sandbox.boot`): the one started early, or a new one."""

    def __init__(self, config: dict[str, bool]) -> None:
        spawned = boot.adopt(config) or boot.Spawned(config)
        self.pid = spawned.pid
        self.stdin, self.stdout, self.stderr = spawned.stdin, spawned.stdout, spawned.stderr
        self.returncode: int | None = None
        self.limits_slots: dict[Limits, int] = {}
        """The limits this server was sent, by the slot it keeps them in."""

    def name_limits(self, request: dict[str, Any], limits: Limits) -> None:
        """Name `limits` in `request` by their slot, with their fields the first time."""
        slot = self.limits_slots.get(limits)
        if slot is None:
            from sandbox.limits import LIMITS_SLOTS

            if len(self.limits_slots) >= LIMITS_SLOTS:
                self.limits_slots.clear()  # the server overwrites each slot as it is sent
            slot = self.limits_slots[limits] = len(self.limits_slots)
            request["limits"] = _wire_limits(limits)
        request["limits_slot"] = slot

    def alive(self) -> bool:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode is None

    def ended(self, within: float) -> bool:
        """Whether the server has exited, waiting up to `within` seconds for it to."""
        deadline = time.monotonic() + within
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.005)
        return not self.alive()

    def stderr_text(self) -> str:
        """What the server wrote to stderr (read once it has exited: all of it)."""
        os.set_blocking(self.stderr, False)
        chunks: list[bytes] = []
        try:
            while chunk := os.read(self.stderr, 65536):
                chunks.append(chunk)
        except OSError:  # BlockingIOError included: a child still holds the pipe
            pass
        return b"".join(chunks).decode("utf-8", "replace").strip()

    def stop(self, *, wait: bool) -> None:
        if not wait and self.alive():
            os.kill(self.pid, signal.SIGKILL)
        for fd in (self.stdin, self.stdout, self.stderr):
            os.close(fd)
        if self.returncode is None:
            os.waitpid(self.pid, 0)
            self.returncode = -1


class Sandbox:
    """A fork server with both layers on by default; safe to share between threads."""

    def __init__(self, *, language: bool = True, process: bool = True) -> None:
        if not (language or process):
            raise ValueError("at least one sandbox layer must be on")
        self._config = {"language": language, "process": process}
        self._server: _ServerProcess | None = None
        self._lock = _thread.allocate_lock()
        self._hello: dict[str, Any] | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Start the server process now (it boots while the caller does other work); one
        that died is reaped first, so that the next run gets a fresh server."""
        if self._server is not None and self._server.alive():
            return
        self.close(wait=False)
        self._server = _ServerProcess(self._config)

    def close(self, *, wait: bool = True) -> None:
        """Stop the server: gracefully (EOF, then wait) or at once (`wait=False`). The next
        run starts a new one, greeting and all.

        Either way nothing is left behind: the server holds no files on disk, and its
        children die with it (PR_SET_PDEATHSIG).
        """
        server, self._server, self._hello = self._server, None, None
        if server is not None:
            server.stop(wait=wait)

    def __enter__(self) -> Sandbox:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def warnings(self) -> tuple[str, ...]:
        """Isolation features this machine lacks (empty when everything is in force)."""
        return tuple(self._greeting().get("warnings", ()))

    @property
    def isolation(self) -> dict[str, Any]:
        return dict(self._greeting().get("isolation", {}))

    # -- running ---------------------------------------------------------------------------

    def run(
        self,
        source: str,
        *,
        filename: str = "main.py",
        stdin: str = "",
        limits: Limits | None = None,
        calls: Sequence[str] = (),
    ) -> Outcome:
        """Run `source` in a fresh isolated child; learner failures come back as data (the
        child's report is decoded and checked here, `sandbox.relay`)."""
        from sandbox import relay
        from sandbox.limits import Limits
        from sandbox.outcome import Outcome

        limits = limits or Limits()
        request: dict[str, Any] = {
            "source": source,
            "filename": filename,
            "stdin": stdin,
            "calls": list(calls),
        }
        with self._lock:
            payload = self._exchange(request, limits)
            warnings = self._greeting().get("warnings", [])
        try:
            reply = relay.decode(payload, len(calls), limits)
        except (ProtocolError, ValueError) as exc:  # the server's framing, never the child's
            raise SandboxError(f"the sandbox server sent a malformed reply: {exc}") from exc
        if "internal_error" in reply:
            self._forget_limits()  # whatever failed, the next run sends its limits again
            raise SandboxError(reply["internal_error"])
        return Outcome.from_dict(dict(reply, warnings=warnings))

    def _greeting(self) -> dict[str, Any]:
        server = self._server
        if self._hello is None or server is None:
            self.start()
            server = self._server
            if server is None:
                raise SandboxError("the sandbox server did not start")
            try:
                self._hello = read_frame(server.stdout, timeout=_ANSWER_MARGIN)
            except ProtocolError as exc:
                message = self._failure(exc)
                self.close(wait=False)
                raise SandboxError(message) from exc
        return self._hello

    def _exchange(self, request: dict[str, Any], limits: Limits) -> bytes:
        self.start()  # a server that died since the last run is replaced
        self._greeting()
        server = self._server
        if server is None:
            raise SandboxError("the sandbox server did not start")
        server.name_limits(request, limits)
        timeout = limits.wall_timeout + _ANSWER_MARGIN
        try:
            write_frame(server.stdin, request)
            return read_reply(server.stdout, timeout=timeout)
        except (ProtocolError, BrokenPipeError) as exc:
            message = self._failure(exc)
            self.close(wait=False)
            raise SandboxError(message) from exc

    def _forget_limits(self) -> None:
        with self._lock:
            if self._server is not None:
                self._server.limits_slots.clear()

    def _failure(self, exc: BaseException) -> str:
        """One line: what failed, the server's last words, and where the rest was saved."""
        server = self._server
        # A closed pipe means the server is ending: its last words come once it has ended.
        ending = isinstance(exc, (PipeClosed, BrokenPipeError))
        ended = server is not None and server.ended(_ENDING_WAIT if ending else 0.0)
        detail = server.stderr_text() if server is not None and ended else ""
        message = f"the sandbox server failed: {exc}"
        lines = [line for line in detail.splitlines() if line.strip()]
        if not lines:
            return message
        return f"{message} ({lines[-1].strip()[-500:]}; {_saved(detail)})"


def _saved(detail: str) -> str:
    """Where the server's own report (a traceback, say) was written, for a bug report."""
    import tempfile  # only when a server failed

    try:
        with tempfile.NamedTemporaryFile(
            "w", prefix="grader-sandbox-", suffix=".txt", delete=False, errors="replace"
        ) as report:
            report.write(detail)
    except OSError:
        return "its report could not be saved"
    return f"its report is in {report.name}"


@functools.lru_cache(maxsize=64)
def _wire_limits(limits: Limits) -> dict[str, object]:
    """Limits as sent to the server (the same few Limits serve a whole batch)."""
    return limits.to_dict()


_default: Sandbox | None = None


def default_sandbox() -> Sandbox:
    """The process-wide sandbox behind `sandbox.run`; killed at exit."""
    global _default
    if _default is None:
        _default = Sandbox()
        atexit.register(_default.close, wait=False)
    return _default


def run(
    source: str,
    *,
    filename: str = "main.py",
    stdin: str = "",
    limits: Limits | None = None,
    calls: Sequence[str] = (),
) -> Outcome:
    """Run `source` in the default sandbox (both layers)."""
    return default_sandbox().run(source, filename=filename, stdin=stdin, limits=limits, calls=calls)

"""`Sandbox`: the grader's handle on one fork server process."""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sandbox.limits import Limits
from sandbox.outcome import Outcome
from sandbox.protocol import ProtocolError, read_frame, write_frame

HASH_SEED = "0"
_ANSWER_MARGIN = 30.0
"""Seconds past a run's timeout before the grader gives up on the server itself."""


class SandboxError(Exception):
    """The sandbox itself failed (not the learner's program)."""


class Sandbox:
    """A fork server with both layers on by default; safe to share between threads."""

    def __init__(self, *, language: bool = True, process: bool = True) -> None:
        if not (language or process):
            raise ValueError("at least one sandbox layer must be on")
        self._config = {"language": language, "process": process}
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._hello: dict[str, Any] | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Start the server process now (it boots while the caller does other work)."""
        if self._process is None or self._process.poll() is not None:
            self._hello = None
            self._process = subprocess.Popen(
                [sys.executable, "-S", "-m", "sandbox.server", json.dumps(self._config)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=_server_environment(),
                close_fds=True,
            )

    def close(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream:
                stream.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

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
        """Run `source` in a fresh isolated child; learner failures come back as data."""
        limits = limits or Limits()
        request = {
            "source": source,
            "filename": filename,
            "stdin": stdin,
            "limits": limits.to_dict(),
            "calls": list(calls),
        }
        with self._lock:
            reply = self._exchange(request, limits.timeout + _ANSWER_MARGIN)
        if "internal_error" in reply:
            raise SandboxError(reply["internal_error"])
        outcome = Outcome.from_dict(reply)
        warnings = self.warnings
        return Outcome(**{**outcome.__dict__, "warnings": warnings}) if warnings else outcome

    def _greeting(self) -> dict[str, Any]:
        if self._hello is None:
            self.start()
            assert self._process is not None and self._process.stdout is not None
            try:
                self._hello = read_frame(self._process.stdout.fileno(), timeout=_ANSWER_MARGIN)
            except ProtocolError as exc:
                raise SandboxError(self._failure(exc)) from exc
        return self._hello

    def _exchange(self, request: dict[str, Any], timeout: float) -> dict[str, Any]:
        self._greeting()
        process = self._process
        assert process is not None and process.stdin and process.stdout
        try:
            write_frame(process.stdin.fileno(), request)
            return read_frame(process.stdout.fileno(), timeout=timeout)
        except (ProtocolError, BrokenPipeError) as exc:
            message = self._failure(exc)
            self.close()
            raise SandboxError(message) from exc

    def _failure(self, exc: BaseException) -> str:
        process = self._process
        detail = ""
        if process is not None and process.poll() is not None and process.stderr:
            detail = process.stderr.read().decode("utf-8", "replace").strip()[-2000:]
        return f"the sandbox server failed: {exc}" + (f"\n{detail}" if detail else "")


def _server_environment() -> dict[str, str]:
    """A scrubbed environment: a fixed hash seed and the paths the server imports from."""
    paths = {str(Path(__file__).resolve().parent.parent)}
    spec = importlib.util.find_spec("RestrictedPython")
    if spec and spec.origin:
        paths.add(str(Path(spec.origin).resolve().parent.parent))
    return {
        "PYTHONHASHSEED": HASH_SEED,
        "PYTHONPATH": os.pathsep.join(sorted(paths)),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PATH": "/usr/bin:/bin",
        "LC_ALL": "C.UTF-8",
    }


_default: Sandbox | None = None


def default_sandbox() -> Sandbox:
    """The process-wide sandbox behind `sandbox.run`; closed at exit."""
    global _default
    if _default is None:
        _default = Sandbox()
        atexit.register(_default.close)
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

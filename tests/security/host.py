"""Probes of the host: did a payload leave any effect outside its sandboxed child?"""

from __future__ import annotations

import os
import secrets
import socket
import string
import time
from dataclasses import dataclass, field

from sandbox.client import Sandbox
from sandbox.limits import Limits
from sandbox.outcome import Outcome, Status

NOBODY = 65534
LIMITS = Limits(timeout=0.5, memory_mb=64)
"""Small limits keep the suite fast: every stop happens within about a second."""
WALL_BOUND = 3.0
"""Seconds a hostile run may take at most, from the grader's side (timeout + kill + slack)."""


def nobody_processes() -> set[int]:
    """Pids of processes in this test session (other test runs on the machine have their
    own sandbox children running as nobody) that run as nobody."""
    session = os.getsid(0)
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as handle:
                uid = next(int(line.split()[1]) for line in handle if line.startswith("Uid:"))
            if uid == NOBODY and os.getsid(int(entry)) == session:
                found.add(int(entry))
        except (OSError, StopIteration):
            continue
    return found


def processes_mentioning(text: str) -> list[int]:
    """Pids whose command line contains `text`."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != os.getpid():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    if text.encode() in handle.read():
                        found.append(int(entry))
            except OSError:
                continue
    return found


def server_pid(box: Sandbox) -> int:
    """The pid of the box's fork server (a private detail, read for the liveness check)."""
    server = box._server
    assert server is not None, "the fork server is not running"
    return server.pid


@dataclass
class Host:
    """A marker path, a secret file and a TCP listener, made fresh for one payload."""

    tag: str = field(default_factory=lambda: secrets.token_hex(8))
    secret_text: str = field(default_factory=lambda: "SECRET-" + secrets.token_hex(16))

    def __post_init__(self) -> None:
        self.marker = f"/tmp/sandbox-marker-{self.tag}"
        self.secret = f"/tmp/sandbox-secret-{self.tag}"
        with open(self.secret, "w") as handle:
            handle.write(self.secret_text)
        os.chmod(self.secret, 0o644)
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.listener.setblocking(False)
        self.port = self.listener.getsockname()[1]
        self.nobody_before: set[int] = set()

    def source(self, template: str) -> str:
        return string.Template(template).substitute(
            marker=self.marker, secret=self.secret, port=self.port, grader=os.getpid()
        )

    def run(self, box: Sandbox, template: str) -> tuple[Outcome, float]:
        """Run the payload; the grader side must answer with an Outcome, never raise."""
        self.nobody_before = nobody_processes()
        started = time.monotonic()
        outcome = box.run(self.source(template), filename="payload.py", limits=LIMITS)
        return outcome, time.monotonic() - started

    def assert_untouched(self, box: Sandbox, pid_before: int, outcome: Outcome) -> None:
        """No effect on the host: files, secret, network, processes, grader and server."""
        assert not os.path.lexists(self.marker), "the payload created a file on the host"
        with open(self.secret) as handle:
            assert handle.read() == self.secret_text, "the payload changed a host file"
        shown = outcome.stdout + (outcome.error.traceback if outcome.error else "")
        assert self.secret_text not in shown, "the payload read a host file"
        try:
            connection, _ = self.listener.accept()
        except BlockingIOError:
            pass
        else:
            connection.close()
            raise AssertionError("the payload connected to a host TCP port")
        self._assert_no_processes_left()
        assert server_pid(box) == pid_before, "the fork server was replaced"
        os.kill(pid_before, 0)  # still alive
        after = box.run("print(6 * 7)", limits=LIMITS)
        assert (after.status, after.stdout) == (Status.OK, "42\n"), "the next run failed"

    def _assert_no_processes_left(self) -> None:
        deadline = time.monotonic() + 5.0
        while True:  # a process killed with the run's group may take a moment to go (seconds
            # on a loaded 2-core machine: 1 s made this check flaky beside other test runs)
            left = nobody_processes() - self.nobody_before
            left |= set(processes_mentioning(self.marker))
            if not left or time.monotonic() > deadline:
                break
            time.sleep(0.02)
        assert not left, f"the payload left processes behind: {sorted(left)}"

    def close(self) -> None:
        self.listener.close()
        for path in (self.secret, self.marker):
            if os.path.lexists(path):
                os.remove(path)

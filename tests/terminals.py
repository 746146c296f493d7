"""What tests that drive the grader in a terminal (pexpect) share."""

from __future__ import annotations

import signal


def interruptible() -> None:
    """In a spawned process, before it runs: Ctrl-C interrupts it, even when the test run
    itself ignores SIGINT (a shell's background job does, and an ignored signal stays
    ignored across exec)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)

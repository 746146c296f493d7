"""Entry point. Starts the sandbox server before importing click, so both boot in parallel."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn

_SANDBOXED_COMMANDS = {"run", "check", "batch", "validate", "test", "fill", "practice", "quiz"}


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] and args[0] in _SANDBOXED_COMMANDS and "--help" not in args:
        from sandbox import boot  # imports nothing new: the server starts at once

        boot.start_early({"language": True, "process": True})  # the default sandbox's
    from grader.commands import run

    try:
        run(args)
    except SystemExit as stop:
        leave(stop)
    leave(SystemExit(0))


def leave(stop: SystemExit) -> NoReturn:
    """End the process as `stop` would, without tearing the interpreter down.

    Freeing every module at exit costs a short command 10-20 ms, as much as grading. What
    an exit must still do is done: the atexit handlers run (the sandbox server is stopped),
    and stdout and stderr are flushed. While another thread runs, or when a flush fails (a
    closed pipe), the exit is the ordinary one, with its own reporting.
    """
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        raise stop
    code = stop.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # as `sys.exit("message")` does
        code = 1
    import atexit

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None
    os._exit(code or 0)

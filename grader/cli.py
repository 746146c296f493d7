"""Entry point. Starts the sandbox server before importing click, so both boot in parallel."""

from __future__ import annotations

import sys

_SANDBOXED_COMMANDS = {"run", "check", "batch", "validate", "test", "fill", "practice", "quiz"}


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] and args[0] in _SANDBOXED_COMMANDS and "--help" not in args:
        from sandbox import boot  # imports nothing new: the server starts at once

        boot.start_early({"language": True, "process": True})  # the default sandbox's
    from grader.commands import run

    run(args)

"""`grader run FILE`: run one program in the sandbox and show what CPython would show."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

import click

from grader.files import read_text_file
from sandbox.client import default_sandbox
from sandbox.limits import Limits
from sandbox.outcome import Outcome, Status


@click.command("run")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--stdin",
    "stdin_file",
    type=click.Path(path_type=Path),
    help="File fed to input(); - reads it from a pipe. On a terminal, input() asks you.",
)
@click.option("--timeout", type=click.FloatRange(0, 60, min_open=True), help="Seconds (default 2).")
@click.option("--memory", type=click.IntRange(16, 4096), help="Megabytes (default 256).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def run(
    file: Path, stdin_file: Path | None, timeout: float | None, memory: int | None, fmt: str
) -> None:
    """Run FILE in the sandbox. Exit 0 when it runs cleanly, 1 otherwise."""
    source = read_text_file(file, what="program", allow_empty=True)
    defaults = Limits()
    limits = Limits(timeout=timeout or defaults.timeout, memory_mb=memory or defaults.memory_mb)

    def run_with(stdin: str) -> Outcome:
        return default_sandbox().run(source, filename=str(file), stdin=stdin, limits=limits)

    if stdin_file is None and fmt == "text" and sys.stdin.isatty():
        from grader.commands.terminal_input import run_at_terminal

        outcome = run_at_terminal(source, run_with, _write)
    else:
        outcome = run_with(_stdin(stdin_file))
    if fmt == "json":
        click.echo(json.dumps(outcome.to_dict(), ensure_ascii=False, sort_keys=True))
    else:
        _show(outcome, limits)
    sys.exit(0 if outcome.status is Status.OK else 1)


def _stdin(stdin_file: Path | None) -> str:
    if stdin_file is None:
        return ""
    if str(stdin_file) == "-":
        return sys.stdin.read()
    return read_text_file(stdin_file, what="stdin", allow_empty=True)


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _show(outcome: Outcome, limits: Limits) -> None:
    for warning in outcome.warnings:
        click.echo(f"grader: warning: {warning}", err=True)
    sys.stdout.write(_as_shown(outcome.stdout, sys.stdout))
    sys.stdout.flush()
    if outcome.truncated:
        cap = f"{limits.output_bytes:,}"
        click.echo(
            f"\n[grader: output cut after {cap} bytes; the program printed too much]", err=True
        )
    if outcome.error is not None:
        error = outcome.error.traceback.rstrip("\n") or outcome.error.message
        click.echo(_as_shown(error, sys.stderr), err=True)


def _as_shown(text: str, stream: TextIO) -> str:
    """The program's text as it is, except on a terminal, where its control characters
    are shown, never obeyed (as `grader check` shows them)."""
    if not stream.isatty():
        return text
    from grader.render.text import terminal_text  # rich: only a terminal pays for it

    return terminal_text(text)

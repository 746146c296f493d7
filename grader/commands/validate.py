"""`grader validate [PATH...]`: check specs by reading and by running them in the sandbox."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from grader.bank import default_root
from grader.commands.options import console, exercises_option, format_option, plural
from grader.runner import CachingRunner
from grader.validation import collect
from grader.validation import validate as validate_files
from sandbox.client import default_sandbox


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@exercises_option
@click.option("--no-run", is_flag=True, help="Only read the specs; run nothing in the sandbox.")
@format_option
def validate(paths: tuple[Path, ...], exercises_dir: Path | None, no_run: bool, fmt: str) -> None:
    """Validate exercise files or directories (default: the whole bank).

    Reports every problem as FILE:LINE: FIELD: MESSAGE. Exit 0 only when all is valid.
    """
    started = time.perf_counter()
    files = collect(paths or (exercises_dir or default_root(),))
    report = validate_files(files, None if no_run else CachingRunner(default_sandbox()))
    elapsed = time.perf_counter() - started
    if fmt == "json":
        problems = [p.__dict__ for p in report.problems]
        click.echo(
            json.dumps(
                {"valid": report.ok, "exercises": len(report.exercises), "problems": problems},
                indent=2,
            )
        )
    else:
        out = console()
        for problem in report.problems:
            out.print(str(problem), markup=False)
        count = len(files)
        if report.ok:
            out.print(f"[green]✓[/green] {plural(count, 'exercise file')} valid ({elapsed:.2f} s)")
        else:
            n = len(report.problems)
            out.print(f"[red]✗[/red] {plural(n, 'problem')} in {plural(count, 'file')}")
    sys.exit(0 if report.ok else 1)

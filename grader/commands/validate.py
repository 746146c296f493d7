"""`grader validate [PATH...]`: check specs by reading and by running them in the sandbox."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from grader.bank import SUFFIX, default_root, misnamed_files
from grader.commands.options import console, exercises_option, format_option, plural
from grader.errors import Problem, UsageError
from grader.runner import CachingRunner
from grader.validation import Report, collect
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
    targets = paths or (exercises_dir or default_root(),)
    files = collect(targets)
    misnamed = [problem for target in targets for problem in misnamed_files(target)]
    _require_exercise_files(targets, files, misnamed)
    report = validate_files(files, None if no_run else CachingRunner(default_sandbox()))
    if misnamed:
        found = tuple(sorted({*report.problems, *misnamed}))
        report = Report(report.exercises, found, report.warnings)
    elapsed = time.perf_counter() - started
    if fmt == "json":
        problems = [p.__dict__ for p in report.problems]
        warnings = [p.__dict__ for p in report.warnings]
        summary = {"valid": report.ok, "exercises": len(report.exercises), "problems": problems}
        click.echo(json.dumps({**summary, "warnings": warnings}, indent=2))
    else:
        out = console()
        for problem in (*report.problems, *report.warnings):
            out.print(str(problem), markup=False)
        count = len({*files, *(Path(p.file) for p in misnamed)})
        if report.ok:
            warned = f", {plural(len(report.warnings), 'warning')}" if report.warnings else ""
            out.print(
                f"[green]✓[/green] {plural(count, 'exercise file')} valid{warned} ({elapsed:.2f} s)"
            )
        else:
            n = len(report.problems)
            out.print(f"[red]✗[/red] {plural(n, 'problem')} in {plural(count, 'file')}")
    sys.exit(0 if report.ok else 1)


def _require_exercise_files(
    targets: tuple[Path, ...], files: list[Path], misnamed: list[Problem]
) -> None:
    """A path that does not exist, or a directory with no exercise file at all, is a
    usage error, not "1 problem" or "0 files valid"."""
    for target in targets:
        if not target.exists():
            raise UsageError(f"{target}: no such file or directory")
        if not target.is_dir():
            continue
        inside = [f for f in files if f.is_relative_to(target)]
        if not inside and not any(Path(p.file).is_relative_to(target) for p in misnamed):
            raise UsageError(f"{target}: no exercise files (*{SUFFIX}) there")

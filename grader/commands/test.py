"""`grader test [PATH...]`: grade every exercise's samples and show how each fared."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from grader.bank import default_root
from grader.commands.options import console, exercises_option, format_option, plural
from grader.errors import Problem, SpecError, UsageError
from grader.exercise import AnyExercise
from grader.reports.common import number
from grader.runner import CachingRunner
from grader.samples import SampleResult, run_samples
from grader.spec.loader import load_exercise
from grader.validation import collect
from sandbox.client import default_sandbox


@click.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@exercises_option
@format_option
def test(paths: tuple[Path, ...], exercises_dir: Path | None, fmt: str) -> None:
    """Grade the samples of exercise files or directories (default: the whole bank).

    Exit 0 when every sample gets the verdict its spec expects, 1 when one does not,
    2 when a spec cannot be read (see `grader validate`).
    """
    files = collect(paths or (exercises_dir or default_root(),))
    if not files:
        raise UsageError("no exercise files (*.yaml) there")
    problems: list[Problem] = []
    exercises: list[AnyExercise] = []
    for path in files:
        try:
            exercises.append(load_exercise(path))
        except SpecError as exc:
            problems.extend(exc.problems)
    if problems:
        raise SpecError(problems)
    runner = CachingRunner(default_sandbox())
    results = {e.file: run_samples(e, runner) for e in exercises if e.samples}
    failing = sum(1 for found in results.values() for r in found if not r.agrees)
    if fmt == "json":
        click.echo(json.dumps(_json(results, len(exercises)), indent=2, sort_keys=True))
    else:
        _print(results, len(exercises), failing)
    sys.exit(1 if failing else 0)


def _print(results: dict[str, list[SampleResult]], exercises: int, failing: int) -> None:
    out = console()
    for file, found in results.items():
        out.print(file, markup=False, style="bold")
        for result in found:
            mark = "[green]✓[/green]" if result.agrees else "[red]✗[/red]"
            got = _got(result)
            out.print(f"  {mark} {result.sample.name}: {got}", highlight=False)
            for difference in result.differences:
                out.print(f"      {difference}", markup=False)
    count = sum(len(found) for found in results.values())
    bare = exercises - len(results)
    summary = (
        f"{plural(count, 'sample')} in {plural(len(results), 'exercise')}: "
        f"{count - failing} as expected, {failing} not"
    )
    out.print(summary + (f"; {plural(bare, 'exercise')} without samples" if bare else ""))


def _got(result: SampleResult) -> str:
    verdict = result.verdict
    if verdict is None:
        return "not graded"
    return f"{verdict.status} {number(verdict.score)}/{number(verdict.max_score)}"


def _json(results: dict[str, list[SampleResult]], exercises: int) -> dict[str, object]:
    return {
        "exercises": exercises,
        "samples": [
            {
                "file": file,
                "name": result.sample.name,
                "expected": result.sample.status.value,
                "status": result.verdict.status.value if result.verdict else None,
                "score": result.verdict.score if result.verdict else None,
                "agrees": result.agrees,
                "differences": list(result.differences),
            }
            for file, found in results.items()
            for result in found
        ],
    }

"""`grader fill SPEC [--write]`: expected values computed from the reference, as a diff."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from grader import kinds
from grader.commands.options import console
from grader.errors import UsageError
from grader.exercise import Kind
from grader.filling import fill as fill_spec
from grader.reports.common import atomic_writer
from grader.runner import CachingRunner
from grader.spec.loader import load_exercise
from sandbox.client import default_sandbox


@click.command("fill")
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--write", is_flag=True, help="Write the filled values into SPEC.")
def fill(spec: Path, write: bool) -> None:
    """Compute the expected values of SPEC from its reference solution and show them as
    a diff: write-function `returns`/`raises`, write-program `expected`, predict-output
    `expected_output`. Only values that are missing or differ from the reference's are
    changed; review the diff, then run again with --write to keep it.
    """
    if not spec.is_file():
        raise UsageError(f"{spec}: no such exercise file")
    exercise = load_exercise(spec)
    if exercise.locked:
        raise UsageError(f"{spec} is locked; fill the original spec (see `grader unlock`)")
    if not fills_values(exercise.kind):
        takers = ", ".join(k.name for k in kinds.all_kinds() if fills_values(k))
        raise UsageError(
            f"{spec}: a {exercise.kind.name} exercise has no expected values to compute; "
            f"`grader fill` works on {takers}"
        )
    filled = fill_spec(exercise, CachingRunner(default_sandbox()))
    out = console()
    if filled.diff:
        out.print(filled.diff, markup=False, end="")
    for note in filled.notes:
        out.print(f"note: {note}", markup=False)
    if not filled.changed and filled.notes:
        out.print(f"{spec}: nothing else to fill in; see the notes above", markup=False)
    elif not filled.changed:
        out.print(f"{spec}: every expected value already matches the reference", markup=False)
    elif write:
        with atomic_writer(spec) as stream:
            stream.write(filled.text)
        out.print(f"wrote {spec}; run `grader validate {spec}` next", markup=False)
    else:
        out.print(f"nothing written; run `grader fill {spec} --write` to keep this", markup=False)


def fills_values(kind: Kind[Any]) -> bool:
    """Whether the kind computes expected values from its reference (`Kind.fill`)."""
    return type(kind).fill is not Kind.fill

"""`grader report OUT`: write every report from the store in OUT, at any time."""

from __future__ import annotations

from pathlib import Path

import click

from grader.batch.reporting import write_all


@click.command("report")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
def report(out: Path) -> None:
    """Write results.jsonl, gradebook.csv, junit.xml, gradescope/ and report.html in OUT."""
    for path in write_all(out):
        click.echo(str(path))

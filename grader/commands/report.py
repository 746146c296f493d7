"""`grader report OUT [--items]`: write every report from the store in OUT, at any time."""

from __future__ import annotations

from pathlib import Path

import click

from grader.batch.reporting import write_all
from grader.reports import items


@click.command("report")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--items",
    "show_items",
    is_flag=True,
    help="Print the item analysis (items.json) instead of the paths written.",
)
def report(out: Path, show_items: bool) -> None:
    """Write results.jsonl, gradebook.csv, junit.xml, gradescope/, report.html and
    items.json (the item analysis: pass rate, mean, discrimination per exercise) in OUT."""
    written = write_all(out)
    if show_items:
        click.echo((out / items.FILENAME).read_text(encoding="utf-8"), nl=False)
        return
    for path in written:
        click.echo(str(path))

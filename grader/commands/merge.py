"""`grader merge OUT1 OUT2 ... --out OUT`: combine shard stores into one store and reports."""

from __future__ import annotations

from pathlib import Path

import click

from grader.batch.reporting import open_store, write_all
from grader.batch.store import Store


@click.command("merge")
@click.argument(
    "sources", nargs=-1, required=True, type=click.Path(file_okay=False, path_type=Path)
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="The merged store and reports.",
)
def merge(sources: tuple[Path, ...], out: Path) -> None:
    """Merge the stores of shard runs; where two hold the same submission, the later one wins."""
    for source in sources:  # every source checked before OUT is created or changed
        open_store(source).close()  # a clear error when a source has no store
    with Store.in_directory(out) as target:
        for source in sources:
            if source.resolve() != out.resolve():
                added = target.merge_from(source / "grades.sqlite")
                click.echo(f"merged {source}: {added} new verdicts")
        total = target.count()
    paths = write_all(out)
    click.echo(f"{out}: {total} verdicts; wrote {len(paths)} report files")

"""`grader check ID FILE --watch`: grade again each time FILE is saved (watchfiles)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from grader.errors import UsageError

POLL_MS = 200
"""How often the watcher returns with no change (it is live from its first return)."""


def watch_and_grade(path: Path, grade: Callable[[], object]) -> None:
    """Grade once the watcher is live, then after every change to `path`; Ctrl-C ends.

    The folder is watched, not the file: editors that save by writing a new file and
    renaming it over the old one replace the file being watched."""
    import watchfiles

    target = path.resolve()
    if not target.parent.is_dir():
        raise UsageError(f"{path}: its folder does not exist")
    changes = watchfiles.watch(
        target.parent,
        watch_filter=lambda _change, name: Path(name) == target,
        rust_timeout=POLL_MS,
        yield_on_timeout=True,
        recursive=False,
        raise_interrupt=False,
    )
    first = True
    for found in changes:
        if not (first or found):
            continue
        first = False
        if sys.stdout.isatty():
            click.clear()
        if target.exists():
            grade()
        else:
            click.echo(f"{path} is gone (deleted or being saved); waiting for it to come back")
        click.echo(f"\nWatching {path}: save it to grade it again; Ctrl-C to stop.")
    sys.exit(0)

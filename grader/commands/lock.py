"""`grader lock` and `grader unlock`: ship a bank without readable answers, and get it back."""

from __future__ import annotations

from pathlib import Path

import click

from grader.bank import default_root
from grader.commands.options import exercises_option
from grader.locking import lock_bank, unlock_bank
from grader.runner import CachingRunner
from grader.validation import collect
from sandbox.client import default_sandbox


@click.command("lock")
@exercises_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Where the locked bank goes.",
)
@click.option(
    "--key",
    "key_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="New key file; keep it private.",
)
def lock(exercises_dir: Path | None, out: Path, key_path: Path) -> None:
    """Write a locked copy of the bank to OUT; answers become salted hashes.

    The key file holds the original specs: keep it out of what learners receive.
    """
    root = exercises_dir or default_root()
    result = lock_bank(collect([root]), root, out, key_path, CachingRunner(default_sandbox()))
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"locked {len(result.written)} exercises into {out}; key written to {key_path}")


@click.command("unlock")
@click.option(
    "--key", "key_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Where the original specs go.",
)
@click.option(
    "--force", is_flag=True, help="Overwrite files in OUT that differ from the key's specs."
)
def unlock(key_path: Path, out: Path, force: bool) -> None:
    """Write back the original specs held in a lock key.

    Refuses to overwrite a file in OUT that was edited since locking, unless --force.
    """
    written = unlock_bank(key_path, out, force)
    specs = sum(1 for path in written if path.suffix == ".yaml")
    others = len(written) - specs
    extra = f" and {others} sample file{'s' if others != 1 else ''}" if others else ""
    click.echo(f"restored {specs} exercises{extra} into {out}")

"""The `grader` command group. Subcommands load lazily, so a run imports only what it needs."""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from typing import Any, NoReturn

import click

from grader.errors import GraderError, InfrastructureError, UsageError

_COMMANDS = {
    "run": "grader.commands.run:run",
    "check": "grader.commands.check:check",
    "list": "grader.commands.listing:list_exercises",
    "show": "grader.commands.show:show",
    "validate": "grader.commands.validate:validate",
    "test": "grader.commands.test:test",
    "new": "grader.commands.new:new",
    "fill": "grader.commands.fill:fill",
    "lock": "grader.commands.lock:lock",
    "unlock": "grader.commands.lock:unlock",
    "batch": "grader.commands.batch:batch",
    "report": "grader.commands.report:report",
    "merge": "grader.commands.merge:merge",
    "schema": "grader.commands.schema:schema",
    "practice": "grader.commands.practice:practice",
    "quiz": "grader.commands.quiz:quiz",
    "progress": "grader.commands.mastery:progress",
    "start": "grader.commands.start:start",
}


def _module(name: str) -> str:
    return _COMMANDS[name].partition(":")[0]


class LazyGroup(click.Group):
    """Imports a subcommand's module only when that subcommand runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in _COMMANDS if importlib.util.find_spec(_module(name)))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _COMMANDS or importlib.util.find_spec(_module(cmd_name)) is None:
            return None
        module_name, _, attribute = _COMMANDS[cmd_name].partition(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    json_errors = False
    """Whether errors come out as JSON on stdout (the command line asks `--format json`)."""

    def invoke(self, ctx: click.Context) -> Any:
        from sandbox.client import SandboxError

        try:
            return super().invoke(ctx)
        except SandboxError as exc:
            error = InfrastructureError(str(exc))
            click.echo(error.format(), err=True)
            sys.exit(error.exit_code)
        except UsageError as exc:
            _exit_with(exc.format(), exc.exit_code)
        except GraderError as exc:  # spec and infrastructure errors: stderr, as ever
            click.echo(exc.format(), err=True)
            sys.exit(exc.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # a bug in the grader: one line, the traceback kept aside
            click.echo(_internal_error(exc), err=True)
            sys.exit(INTERNAL_ERROR)


def _wants_json(argv: list[str]) -> bool:
    pairs = zip(argv, [*argv[1:], ""], strict=True)
    return "--format=json" in argv or any(a == "--format" and b == "json" for a, b in pairs)


def _exit_with(text: str, code: int) -> NoReturn:
    """A usage error: `text` on stderr, or under `--format json` a JSON object on stdout."""
    if LazyGroup.json_errors:
        message = text.removeprefix("error: ")
        click.echo(json.dumps({"error": {"message": message, "exit_code": code}}))
    else:
        click.echo(text, err=True)
    sys.exit(code)


INTERNAL_ERROR = 70
"""Exit code of a bug in the grader (EX_SOFTWARE)."""


def _internal_error(exc: Exception) -> str:
    """The message for a bug: what happened, and where its traceback was saved."""
    import tempfile  # only for a bug: `run` must start fast
    import traceback

    text = traceback.format_exc()
    try:
        with tempfile.NamedTemporaryFile(
            "w", prefix="grader-crash-", suffix=".txt", delete=False, errors="backslashreplace"
        ) as report:
            report.write(text)
    except OSError:
        where = f"here it is:\n{text}"
    else:
        where = f"its traceback is in {report.name}; please attach it to a bug report"
    what = f"{type(exc).__name__}: {exc}"
    return f"error: internal error ({what}). This is a bug in the grader; {where}"


@click.group(cls=LazyGroup)
@click.version_option(package_name="pygrader", prog_name="grader")
def cli() -> None:
    """Grade Python exercises in a two-layer sandbox."""


def run(args: list[str]) -> None:
    """Run the command line; under `--format json`, usage errors too come out as JSON."""
    LazyGroup.json_errors = _wants_json(args)
    if not LazyGroup.json_errors:
        cli.main(args=args, prog_name="grader")
        return
    try:
        result = cli.main(args=args, prog_name="grader", standalone_mode=False)
    except click.ClickException as exc:
        _exit_with(exc.format_message(), exc.exit_code)
    except click.Abort:
        _exit_with("aborted", 1)
    sys.exit(result if isinstance(result, int) else 0)

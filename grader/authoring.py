"""`grader new`: a commented skeleton of a spec for one kind."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from grader import kinds
from grader.errors import UsageError
from grader.spec.bounds import MAX_SLUG, SLUG

HEADER = """\
# yaml-language-server: $schema={schema}
# Fill in every TODO (`grader fill {path}` computes expected values from the reference
# solution, for review), then run `grader validate {path}`.
id: {id}
kind: {kind}
title: "TODO: a short title"
topic: {topic}
difficulty: easy  # easy, medium or hard
prompt: |
  TODO: what the learner must do (Markdown).
hint: "TODO: the general hint, given after the specific ones"
solution:
  - "TODO: step 1"
  - "TODO: step 2"
points: 1
tags: []
"""


def skeleton(
    kind_name: str, exercise_id: str, topic: str, schema: str, path: str | None = None
) -> str:
    """The commented skeleton; `path` is the file as the instructor names it (for the
    `grader validate` line), `<topic>/<id>.yaml` when not given."""
    kind = kinds.get(kind_name)
    if kind is None:
        raise UsageError(f"unknown kind '{kind_name}'; choose one of: {', '.join(kinds.names())}")
    path = path or f"{topic}/{exercise_id}.yaml"
    header = HEADER.format(schema=schema, path=path, id=exercise_id, kind=kind_name, topic=topic)
    return _without_derived(header, kind.derived) + kind.template


def _without_derived(header: str, derived: tuple[str, ...]) -> str:
    """The header without the fields (and their indented lines) the kind derives."""
    kept: list[str] = []
    skipping = False
    for line in header.splitlines(keepends=True):
        if not line.startswith(" "):
            skipping = line.partition(":")[0] in derived
        if not skipping:
            kept.append(line)
    return "".join(kept)


PACKAGE = Path(__file__).resolve().parent
SCHEMA = PACKAGE / "schema" / "exercise.schema.json"
BANK_SCHEMA = "exercise.schema.json"
"""The copy of the schema `grader new` keeps at the top of a bank outside this project."""


def bank_for_new(given: Path | None, here: Path | None = None) -> Path:
    """The bank a new exercise goes into: `given` (`--bank`), else `./exercises`. Never a
    folder inside the installed package, whose files a reinstall replaces."""
    here = here or Path.cwd()
    if given is None:
        local = here / "exercises"
        if not local.is_dir():
            raise UsageError(
                f"there is no exercise bank here ({local} does not exist); pass --bank DIR "
                "to say which folder the exercise goes into (it is created if missing)"
            )
        given = Path("exercises") if here == Path.cwd() else local
    where = (
        "the grader package"
        if _inside(given, PACKAGE)
        else "a Python environment"
        if installed(given)
        else None
    )
    if where is not None:
        raise UsageError(
            f"{given} is inside {where}, where a reinstall would delete the exercise; "
            "pass --bank DIR with a folder of your own"
        )
    return given


def installed(path: Path) -> bool:
    """Whether `path` lies in a Python environment's packages (site-packages, a venv)."""
    resolved = path.resolve()
    if {"site-packages", "dist-packages"} & set(resolved.parts):
        return True
    in_venv = sys.prefix != sys.base_prefix
    return in_venv and _inside(resolved, Path(sys.prefix))


def schema_reference(topic_folder: Path, root: Path) -> str:
    """The schema path a new spec's first line names, relative to its folder.

    The project's own schema when the bank is part of the checkout the grader runs from;
    otherwise (an installed grader, a bank elsewhere) a copy at the top of the bank, never
    a path into a virtual environment."""
    project = PACKAGE.parent
    if not installed(SCHEMA) and _inside(root, project):
        return Path(os.path.relpath(SCHEMA, topic_folder.resolve())).as_posix()
    copy = root / BANK_SCHEMA
    text = SCHEMA.read_text(encoding="utf-8")
    if not copy.is_file() or copy.read_text(encoding="utf-8") != text:
        try:
            copy.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {copy} ({exc.strerror or exc})") from None
    return Path(os.path.relpath(copy.resolve(), topic_folder.resolve())).as_posix()


def _inside(path: Path, folder: Path) -> bool:
    resolved = path.resolve()
    return resolved == folder.resolve() or folder.resolve() in resolved.parents


def write_skeleton(root: Path, kind_name: str, exercise_id: str, topic: str) -> Path:
    """Create `<root>/<topic>/<id>.yaml`, refusing to touch anything that already exists."""
    _check_slug("ID", exercise_id)
    _check_slug("--topic", topic)
    if kinds.get(kind_name) is None:
        raise UsageError(f"unknown kind '{kind_name}'; choose one of: {', '.join(kinds.names())}")
    _check_id_is_free(root, exercise_id)
    target = root / topic / f"{exercise_id}.yaml"
    if os.path.lexists(target):
        raise UsageError(f"{target} already exists; choose another id")
    folder = _topic_folder(root, topic)
    text = skeleton(kind_name, exercise_id, topic, schema_reference(folder, root), str(target))
    _create(target, text)
    return target


def _check_slug(label: str, value: str) -> None:
    """A lowercase slug of at most MAX_SLUG characters (it becomes a file or folder name)."""
    if not re.fullmatch(SLUG, value):
        raise UsageError(f"{label} '{value}' must be a lowercase slug such as 'loops-basics'")
    if len(value) > MAX_SLUG:
        raise UsageError(f"{label} is {len(value)} characters long; keep it to {MAX_SLUG} at most")


def _check_id_is_free(root: Path, exercise_id: str) -> None:
    """Ids are unique across the bank, and a spec's file name is its id."""
    taken = sorted(root.rglob(f"{exercise_id}.yaml")) if root.is_dir() else []
    if taken:
        raise UsageError(
            f"id '{exercise_id}' is taken: {taken[0]} already exists; choose another id"
        )


def _topic_folder(root: Path, topic: str) -> Path:
    """The topic's folder, made if missing."""
    folder = root / topic
    if os.path.lexists(folder) and not folder.is_dir():
        raise UsageError(f"{folder} exists and is not a directory; choose another --topic")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {folder} ({exc.strerror or exc})") from None
    return folder


def _create(target: Path, text: str) -> None:
    """Write a new file; never through a symbolic link, never over an existing file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(target, flags, 0o666)
    except FileExistsError:
        raise UsageError(f"{target} already exists; choose another id") from None
    except OSError as exc:
        raise UsageError(f"cannot write {target} ({exc.strerror or exc})") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)

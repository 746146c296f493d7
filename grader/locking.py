"""Locked banks (as okpy does): answers, expected outputs and reference solutions are kept
only as salted SHA-256 digests, so a bank can ship to learners without giving answers
away. `grader check` grades locked and unlocked exercises alike.

The key is a JSON file that holds every original spec, byte for byte; `grader unlock`
writes them back. Keep it out of what learners receive.

A salted digest hides an answer from a casual read; it does not stop someone who tries
every letter of a multiple-choice question. Outputs compared with a tolerance (`float`)
or a `regex`, and explain `patterns`, cannot be hashed and stay readable (lock warns).
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import Any

import yaml

from grader.errors import Problem, SpecError, UsageError
from grader.exercise import AnyExercise
from grader.files import where as byte_position
from grader.runner import Runner
from grader.spec import raw as raw_layer
from grader.spec.loader import validate_raw

KEY_FORMAT = "pygrader-lock-key/1"
LOCKED_HEADER = "# Locked by `grader lock`: answers are salted hashes. Do not edit.\n"


@dataclass
class LockResult:
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def lock_bank(
    files: list[Path], root: Path, out: Path, key_path: Path, runner: Runner
) -> LockResult:
    """Write a locked copy of each spec under `out` and the originals to `key_path`."""
    _check_out(root, out)
    if out.resolve() in key_path.resolve().parents:
        raise UsageError(
            f"--key {key_path} is inside --out {out}, which learners get; the key holds "
            "every answer, so keep it outside"
        )
    if key_path.exists():
        raise UsageError(f"{key_path} already exists; choose a new key file (it holds the answers)")
    result = LockResult()
    originals: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for path in files:
        raw = raw_layer.load(path)
        try:
            exercise = validate_raw(raw)
        except SpecError as exc:
            problems.extend(exc.problems)
            continue
        if exercise.locked:
            raise UsageError(f"{path}: already locked")
        salt = secrets.token_hex(16)
        data, warnings = exercise.kind.lock(exercise, dict(raw.data), salt, runner)
        warnings += readable_hidden_inputs(raw.data)
        data["solution"] = [WITHHELD_SOLUTION]  # its steps state the answer; the key keeps them
        data.pop("samples", None)  # right answers among them; the key keeps them too
        data["lock"] = {"salt": salt}
        result.warnings += [f"{path}: {w}" for w in warnings]
        target = out / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            LOCKED_HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        )
        originals[exercise.id] = {"path": path.relative_to(root).as_posix(), "text": raw.text}
        sample_files, missing = _sample_files(exercise, root)
        if sample_files:
            originals[exercise.id]["files"] = sample_files
        result.warnings += [f"{path}: {m}" for m in missing]
        result.written.append(target)
    if problems:
        raise SpecError(problems)
    key_path.parent.mkdir(parents=True, exist_ok=True)
    key_path.write_text(
        json.dumps({"format": KEY_FORMAT, "exercises": originals}, indent=1, sort_keys=True)
    )
    key_path.chmod(0o600)
    return result


WITHHELD_SOLUTION = "The worked solution is not in this locked copy; your teacher has it."


def _sample_files(exercise: AnyExercise, root: Path) -> tuple[list[dict[str, str]], list[str]]:
    """The exercise's sample files for the key (`grader unlock` writes them back), and
    those that cannot be read."""
    files, missing = [], []
    for sample in exercise.samples:
        if sample.file is None:
            continue
        try:
            text = sample.file.read_text(encoding="utf-8")
            relative = sample.file.resolve().relative_to(root.resolve())
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            missing.append(f"sample file {sample.file} is not in the key ({exc})")
            continue
        files.append({"path": relative.as_posix(), "text": text})
    return files, missing


def readable_hidden_inputs(data: dict[str, Any]) -> list[str]:
    """Hidden cases whose inputs (a `call`, a `stdin`) a locked spec still shows: the
    grader must run them, so they cannot be hashed."""
    cases = [case for case in data.get("cases") or [] if isinstance(case, dict)]
    hidden = [i for i, case in enumerate(cases) if case.get("hidden")]
    fields = sorted({name for i in hidden for name in ("call", "stdin") if cases[i].get(name)})
    if not fields:
        return []
    which = ", ".join(f"cases[{i}]" for i in hidden)
    what = " and ".join(f"`{name}`" for name in fields)
    shows = "shows its" if len(hidden) == 1 else "show their"
    return [
        f"hidden {which} {shows} {what} in the locked spec (the grader must run them): "
        "a learner who reads the file sees those inputs, though not the answers"
    ]


def _check_out(root: Path, out: Path) -> None:
    """Refuse an output folder that is the bank, is inside it, or holds it."""
    bank, target = root.resolve(), out.resolve()
    if target == bank:
        raise UsageError(f"--out {out} is the bank itself; choose a folder outside {root}")
    if bank in target.parents:
        raise UsageError(f"--out {out} is inside the bank {root}; choose a folder outside it")
    if target in bank.parents:
        raise UsageError(
            f"--out {out} holds the bank {root}, answers and all; choose a folder outside it"
        )


def unlock_bank(key_path: Path, out: Path, force: bool = False) -> list[Path]:
    """Write back every original spec held in the key; refuse to overwrite a file that
    differs from the key's text unless `force`. Nothing is written when anything is wrong."""
    planned = {out / path: text.encode("utf-8") for path, text in read_key(key_path)}
    blocked = [f"{target}: {why}" for target in planned if (why := _obstacle(out, target))]
    if blocked:
        raise UsageError(
            f"cannot write every spec into {out}; nothing written:\n{_listing(blocked)}"
        )
    changed = {target: data for target, data in planned.items() if not _same(target, data)}
    edited = sorted(str(target) for target in changed if os.path.lexists(target))
    if edited and not force:
        raise UsageError(
            f"{len(edited)} existing file(s) in {out} differ from what the key would write "
            f"(edited since locking?); nothing written. Pass --force to overwrite them:\n"
            + _listing(edited)
        )
    for target, data in changed.items():
        _write(target, data)
    return sorted(planned)


def read_key(key_path: Path) -> list[tuple[PurePath, str]]:
    """The (relative path, text) of every spec in a lock key, checked before any is used."""
    try:
        data = key_path.read_bytes()
        key = json.loads(data.decode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{key_path}: cannot read it ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        where = byte_position(data, exc.start)
        raise UsageError(f"{key_path}: not a lock key (not UTF-8 at {where})") from None
    except ValueError as exc:  # JSON's own message gives the line and column
        raise UsageError(f"{key_path}: not a lock key ({exc})") from None
    if not isinstance(key, dict) or key.get("format") != KEY_FORMAT:
        raise UsageError(f"{key_path}: not a lock key written by `grader lock`")
    entries = key.get("exercises")
    if not isinstance(entries, dict):
        raise UsageError(f"{key_path}: field 'exercises' must be an object of specs by id")
    problems = [p for exercise_id, e in entries.items() for p in _entry_problems(exercise_id, e)]
    files = {
        f"{exercise_id}'s file {index + 1}": item
        for exercise_id, e in entries.items()
        if isinstance(e, dict)
        for index, item in enumerate(_files_of(exercise_id, e, problems))
    }
    problems += [p for name, item in files.items() for p in _entry_problems(name, item)]
    problems += _duplicate_paths({**entries, **files})
    if problems:
        raise UsageError(f"{key_path}: invalid lock key; nothing written:\n{_listing(problems)}")
    everything = [*entries.values(), *files.values()]
    return [(PurePath(e["path"]), e["text"]) for e in everything]


def _files_of(exercise_id: str, entry: dict[str, object], problems: list[str]) -> list[object]:
    """An entry's sample files (`files`: a list of `{"path", "text"}`), if any."""
    files = entry.get("files", [])
    if not isinstance(files, list):
        problems.append(f"entry '{exercise_id}': field 'files' must be a list")
        return []
    return files


def _entry_problems(exercise_id: str, entry: object) -> list[str]:
    """What is wrong with one key entry: `{"path": relative path, "text": spec text}`."""
    where = f"entry '{exercise_id}'"
    if not isinstance(entry, dict):
        return [f"{where}: must be an object with 'path' and 'text'"]
    problems = [
        f"{where}: field '{name}' {why}"
        for name in ("path", "text")
        if (why := _not_text(entry.get(name)))
    ]
    if not _not_text(entry.get("path")) and (why := _unsafe_path(entry["path"])):
        problems.append(f"{where}: field 'path' {why}")
    return problems


def _not_text(value: object) -> str | None:
    """Why `value` cannot be written as UTF-8 text, or None when it can."""
    if not isinstance(value, str):
        return "must be a string"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode (it holds a lone surrogate)"
    return None


def _unsafe_path(path: str) -> str | None:
    """Why `path` could point outside the output folder, or None when it cannot."""
    if "\0" in path:
        return "must not contain a NUL character"
    for flavour in (PurePosixPath(path), PureWindowsPath(path)):
        if flavour.anchor:
            return f"'{path}' must be relative to the output folder"
        if ".." in flavour.parts:
            return f"'{path}' must not contain '..'"
    if not PurePath(path).parts:
        return "must name a file"
    return None


def _duplicate_paths(entries: dict[str, object]) -> list[str]:
    """Entries that would write the same file."""
    owners: dict[PurePath, str] = {}
    problems: list[str] = []
    for exercise_id, entry in entries.items():
        path = entry.get("path") if isinstance(entry, dict) else None
        if not isinstance(path, str) or _not_text(path) or _unsafe_path(path):
            continue
        if (first := owners.setdefault(PurePath(path), exercise_id)) != exercise_id:
            problems.append(
                f"entry '{exercise_id}': field 'path' names the file of entry '{first}'"
            )
    return problems


def _obstacle(out: Path, target: Path) -> str | None:
    """Why `target` cannot be written as a file (something in the way), or None."""
    if target.is_dir() and not target.is_symlink():
        return "is a directory"
    for folder in [target.parent, *target.parent.parents]:
        if os.path.lexists(folder) and not folder.is_dir():
            return f"{folder} is not a directory"
        if folder == out:
            break
    return None


def _same(target: Path, data: bytes) -> bool:
    """Whether `target` already holds exactly `data`."""
    try:
        return target.is_file() and target.read_bytes() == data
    except OSError:
        return False


def _write(target: Path, data: bytes) -> None:
    """Write `data` to `target`, replacing a symbolic link rather than writing through it."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink():
            target.unlink()
        target.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"cannot write {target} ({exc.strerror or exc})") from None


def _listing(lines: list[str], limit: int = 10) -> str:
    """The first `limit` lines, indented, and how many more there are."""
    shown = [f"  {line}" for line in lines[:limit]]
    if len(lines) > limit:
        shown.append(f"  ... and {len(lines) - limit} more")
    return "\n".join(shown)

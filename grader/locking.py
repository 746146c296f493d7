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
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from grader import kinds
from grader.errors import SpecError, UsageError
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
    if key_path.exists():
        raise UsageError(f"{key_path} already exists; choose a new key file (it holds the answers)")
    result = LockResult()
    originals: dict[str, dict[str, str]] = {}
    problems = []
    for path in files:
        raw = raw_layer.load(path)
        try:
            exercise = validate_raw(raw)
        except SpecError as exc:
            problems.extend(exc.problems)
            continue
        if exercise.locked:
            raise UsageError(f"{path}: already locked")
        kind = kinds.get(exercise.kind)
        assert kind is not None
        salt = secrets.token_hex(16)
        data, warnings = kind.lock(exercise, dict(raw.data), salt, runner)
        data["lock"] = {"salt": salt}
        result.warnings += [f"{path}: {w}" for w in warnings]
        target = out / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            LOCKED_HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        )
        originals[exercise.id] = {"path": str(path.relative_to(root)), "text": raw.text}
        result.written.append(target)
    if problems:
        raise SpecError(problems)
    key_path.parent.mkdir(parents=True, exist_ok=True)
    key_path.write_text(
        json.dumps({"format": KEY_FORMAT, "exercises": originals}, indent=1, sort_keys=True)
    )
    key_path.chmod(0o600)
    return result


def unlock_bank(key_path: Path, out: Path) -> list[Path]:
    """Write back every original spec held in the key."""
    try:
        key = json.loads(key_path.read_text())
    except (OSError, ValueError) as exc:
        raise UsageError(f"{key_path}: not a lock key ({exc})") from None
    if not isinstance(key, dict) or key.get("format") != KEY_FORMAT:
        raise UsageError(f"{key_path}: not a lock key written by `grader lock`")
    written = []
    for entry in key["exercises"].values():
        target = out / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(entry["text"])
        written.append(target)
    return sorted(written)

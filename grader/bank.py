"""A bank of exercises: one YAML file per exercise, at `<topic>/<id>.yaml`."""

from __future__ import annotations

import difflib
import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from grader.errors import ExerciseNotFound, Problem, SpecError, UsageError
from grader.exercise import AnyExercise, Difficulty
from grader.spec.loader import load_exercise

PACKAGED_BANK = "grader._exercises"


def default_root() -> Path:
    """`./exercises` when it holds exercise specs (run from a checkout), else the bank
    installed with the package: a learner's own `exercises/` folder never hides it."""
    local = Path("exercises")
    if local.is_dir() and next(local.rglob(f"*{SUFFIX}"), None) is not None:
        return local
    return packaged_root()


def bank_name(root: Path) -> str | None:
    """How to name the bank at `root` to a learner; None for the bundled bank."""
    try:
        if root.resolve() == packaged_root().resolve():
            return None
    except UsageError:
        pass
    return f"{root}{'' if str(root).endswith('/') else '/'}"


def packaged_root() -> Path:
    """The bank installed with the package (a data folder, so a namespace package)."""
    spec = importlib.util.find_spec(PACKAGED_BANK)
    locations = spec.submodule_search_locations if spec is not None else None
    for location in locations or ():
        if Path(location).is_dir():
            return Path(location)
    raise UsageError(
        "the bundled exercise bank is missing from this installation; "
        "reinstall pygrader or pass --exercises DIR"
    )


SUFFIX = ".yaml"
"""What exercise files end in; `.yml`, `.YAML`... are reported, never silently skipped."""


def spec_files(root: Path) -> list[Path]:
    return _yaml_files(root)[0]


def misnamed_files(root: Path) -> list[Problem]:
    """YAML files under `root` (or `root` itself) that the bank skips for their suffix."""
    paths = _yaml_files(root)[1] if root.is_dir() else [root]
    return [_misnamed(p) for p in paths if _is_misnamed(p) and p.is_file()]


def _yaml_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The exercise files under `root`, and its other YAML files (`.yml`...), in one walk."""
    if not root.is_dir():
        raise UsageError(f"{root}: no such exercise directory")
    found = sorted(p for p in root.rglob("*") if p.suffix.lower() in _YAML_SUFFIXES)
    files = [p for p in found if p.is_file()]
    return [p for p in files if p.suffix == SUFFIX], [p for p in files if _is_misnamed(p)]


_YAML_SUFFIXES = (".yaml", ".yml")


def _is_misnamed(path: Path) -> bool:
    return path.suffix.lower() in _YAML_SUFFIXES and path.suffix != SUFFIX


def _misnamed(path: Path) -> Problem:
    message = f"exercise files end in {SUFFIX}; rename it to {path.stem}{SUFFIX}"
    return Problem(str(path), 0, "", message)


@dataclass(frozen=True)
class Bank:
    root: Path
    exercises: dict[str, AnyExercise]

    @classmethod
    def load(cls, root: Path | None = None, files: Iterable[Path] | None = None) -> Bank:
        """Every exercise under `root`; `SpecError` lists every problem in every file."""
        root = root or default_root()
        problems: list[Problem] = []
        if files is None:  # one walk of the bank for both
            files, misnamed = _yaml_files(root)
            problems = [_misnamed(p) for p in misnamed]
        exercises: dict[str, AnyExercise] = {}
        for path in files:
            try:
                exercise = load_exercise(path)
            except SpecError as exc:
                problems.extend(exc.problems)
                continue
            if exercise.id in exercises:
                other = exercises[exercise.id].file
                message = f"'{exercise.id}' is already used by {other}"
                problems.append(exercise.raw.problem(("id",), message))
                continue
            exercises[exercise.id] = exercise
        if problems:
            raise SpecError(problems)
        return cls(root, exercises)

    def get(self, exercise_id: str) -> AnyExercise:
        if exercise_id in self.exercises:
            return self.exercises[exercise_id]
        close = difflib.get_close_matches(exercise_id, list(self.exercises), n=1)
        suggestion = f"; did you mean '{close[0]}'?" if close else "; see `grader list`"
        raise ExerciseNotFound(f"no exercise '{exercise_id}' in {self.root}{suggestion}")

    def select(
        self, *, topic: str | None = None, kind: str | None = None, difficulty: str | None = None
    ) -> list[AnyExercise]:
        folded = topic.casefold() if topic is not None else None
        chosen = [
            e
            for e in self.exercises.values()
            if (folded is None or e.topic.casefold() == folded)
            and (kind is None or e.kind.name == kind)
            and (difficulty is None or e.difficulty == difficulty)
        ]
        return sorted(chosen, key=order)

    def topics(self) -> list[str]:
        return sorted({e.topic for e in self.exercises.values()})


def order(exercise: AnyExercise) -> tuple[str, int, str]:
    """Bank order: by topic, then easy, medium, hard (recall cards after), then id."""
    level = exercise.difficulty
    return (exercise.topic, level.rank if level else len(Difficulty), exercise.id)


def find_exercise(reference: str, root: Path | None = None) -> AnyExercise:
    """An exercise by bank id or by YAML path; only that one file is loaded when possible."""
    path = Path(reference)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        if not path.is_file():
            raise UsageError(f"{path}: no such exercise file")
        return load_exercise(path)
    root = root or default_root()
    candidates = [p for p in spec_files(root) if p.stem == reference]
    if len(candidates) == 1:
        exercise = load_exercise(candidates[0])
        if exercise.id == reference:
            return exercise
    return Bank.load(root).get(reference)

"""`grader validate`: every problem in a bank at once, found by reading and by running.

Reading: the schema, each kind's rules, unique ids, ids matching `<topic>/<id>.yaml`.
Running (in the sandbox): reference solutions pass their own exercise, broken code really
fails to compile, stated outputs and errors equal the real ones, and so on (`Kind.check`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from grader import kinds
from grader.errors import Problem, SpecError
from grader.exercise import Exercise
from grader.runner import Runner
from grader.spec import raw as raw_layer
from grader.spec.loader import load_exercise


@dataclass(frozen=True)
class Report:
    exercises: tuple[Exercise, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def collect(paths: Iterable[Path]) -> list[Path]:
    """YAML files named directly or found under directories, in a stable order."""
    files: set[Path] = set()
    for path in paths:
        if path.is_dir():
            files.update(p for p in path.rglob("*.yaml") if p.is_file())
        elif path.exists():
            files.add(path)
        else:
            files.add(path)  # reported as unreadable by the loader
    return sorted(files)


def validate(files: list[Path], runner: Runner | None) -> Report:
    """Load and check every file; `runner=None` skips the behavioural checks."""
    problems: list[Problem] = []
    exercises: list[Exercise] = []
    for path in files:
        problems += placeholder_problems(path)
        try:
            exercises.append(load_exercise(path))
        except SpecError as exc:
            problems.extend(exc.problems)
    problems += _layout_problems(exercises)
    if runner is not None:
        for exercise in exercises:
            problems += behaviour_problems(exercise, runner)
    return Report(tuple(exercises), tuple(sorted(set(problems))))


def _layout_problems(exercises: list[Exercise]) -> list[Problem]:
    problems = []
    first: dict[str, str] = {}
    for exercise in exercises:
        path = Path(exercise.file)
        if exercise.id in first:
            message = f"'{exercise.id}' is already used by {first[exercise.id]}"
            problems.append(Problem(exercise.file, _line(path, "id"), "id", message))
        first.setdefault(exercise.id, exercise.file)
        if path.stem != exercise.id:
            message = f"must match the file name: rename the file to {exercise.id}.yaml or the id"
            problems.append(Problem(exercise.file, _line(path, "id"), "id", message))
        if path.parent.name != exercise.topic:
            message = f"the file lives in '{path.parent.name}/'; move it to '{exercise.topic}/'"
            problems.append(Problem(exercise.file, _line(path, "topic"), "topic", message))
    return problems


def behaviour_problems(exercise: Exercise, runner: Runner) -> list[Problem]:
    kind = kinds.get(exercise.kind)
    assert kind is not None
    try:
        raw = raw_layer.load(Path(exercise.file)) if Path(exercise.file).is_file() else None
    except SpecError:
        raw = None
    found = []
    for path, message in kind.check(exercise, runner):
        if raw is not None:
            found.append(raw.problem(path, message))
        else:
            found.append(Problem(exercise.file, 0, raw_layer.field_name(path), message))
    return found


def placeholder_problems(path: Path) -> list[Problem]:
    """`TODO` left from `grader new`, outside comments."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []  # the loader reports it
    return [
        Problem(str(path), number, "", "a TODO placeholder is left; fill it in")
        for number, line in enumerate(lines, 1)
        if "TODO" in line and not line.lstrip().startswith("#")
    ]


def _line(path: Path, field: str) -> int:
    try:
        return raw_layer.load(path).line((field,))
    except SpecError:
        return 1

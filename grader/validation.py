"""`grader validate`: every problem in a bank at once, found by reading and by running.

Reading: the schema, each kind's rules, unique ids, ids matching `<topic>/<id>.yaml`.
Running (in the sandbox): reference solutions pass their own exercise, broken code really
fails to compile, stated outputs and errors equal the real ones, and so on (`Kind.check`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from grader.errors import Problem, SpecError
from grader.exercise import AnyExercise
from grader.runner import Runner
from grader.samples import sample_problems
from grader.spec import raw as raw_layer
from grader.spec.loader import validate_raw
from grader.spec.raw import PathKey, RawSpec
from grader.toolkit.rule_names import code_names, name_check
from grader.toolkit.rules import violations


@dataclass(frozen=True)
class Report:
    exercises: tuple[AnyExercise, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()
    """Valid, but likely to misgrade (`Kind.advice`); they do not make a bank invalid."""

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
    exercises: list[AnyExercise] = []
    raws: list[RawSpec] = []
    for path in files:
        try:
            raw = raw_layer.load(path)
        except SpecError as exc:
            problems.extend(exc.problems)
            continue
        raws.append(raw)
        try:
            exercises.append(validate_raw(raw))
        except SpecError as exc:
            problems += placeholder_problems(raw) + list(exc.problems)
    problems += _layout_problems(raws)  # of the files that did not load too: all at once
    problems += exercise_problems(exercises, runner)
    warnings = [w for exercise in exercises for w in advice(exercise)]
    return Report(tuple(exercises), tuple(sorted(set(problems))), tuple(sorted(set(warnings))))


def exercise_problems(exercises: Sequence[AnyExercise], runner: Runner | None) -> list[Problem]:
    """What validate finds in exercises that loaded: TODOs left, files and folders that do
    not match ids and topics, and (given a runner) what running them shows."""
    problems = [p for exercise in exercises for p in placeholder_problems(exercise.raw)]
    problems += [p for exercise in exercises for p in reference_rule_problems(exercise)]
    problems += _layout_problems([exercise.raw for exercise in exercises])
    if runner is not None:
        for exercise in exercises:
            problems += behaviour_problems(exercise, runner)
    return sorted(set(problems))


def advice(exercise: AnyExercise) -> list[Problem]:
    """The kind's warnings about the exercise (`Kind.advice`), each at its field's line."""
    found = [*exercise.kind.advice(exercise), *_rule_advice(exercise)]
    return [exercise.raw.problem(path, f"warning: {message}") for path, message in found]


def _rule_advice(exercise: AnyExercise) -> list[tuple[PathKey, str]]:
    """Rules whose name looks misspelt, but may exist (a learner's helper, a package)."""
    own = code_names(exercise.raw.data)
    found = [
        ((*rule.path, rule.key), name_check(rule.key, rule.target, own))
        for rule in (*exercise.rules.requires, *exercise.rules.forbids)
    ]
    return [(path, checked[0]) for path, checked in found if checked and not checked[1]]


def _layout_problems(raws: Sequence[RawSpec]) -> list[Problem]:
    """Ids used twice, and files whose name or folder does not match their id or topic
    (read from the raw spec, so that a file with other problems is told at once)."""
    problems = []
    first: dict[str, str] = {}
    for raw in raws:
        data = raw.data if isinstance(raw.data, dict) else {}
        path = Path(raw.file).absolute()  # `x.yaml` lives in its folder
        exercise_id, topic = data.get("id"), data.get("topic")
        if isinstance(exercise_id, str):
            if exercise_id in first:
                message = f"'{exercise_id}' is already used by {first[exercise_id]}"
                problems.append(raw.problem(("id",), message))
            first.setdefault(exercise_id, raw.file)
            if path.stem != exercise_id:
                message = (
                    f"must match the file name: rename the file to {exercise_id}.yaml or the id"
                )
                problems.append(raw.problem(("id",), message))
        if isinstance(topic, str) and path.parent.name != topic:
            message = f"the file lives in '{path.parent.name}/'; move it to '{topic}/'"
            problems.append(raw.problem(("topic",), message))
    return problems


def behaviour_problems(exercise: AnyExercise, runner: Runner) -> list[Problem]:
    """What running the exercise finds (`Kind.check`), each at its field's line, and every
    sample whose verdict is not the one its spec expects."""
    found = [
        exercise.raw.problem(path, message)
        for path, message in exercise.kind.check(exercise, runner)
    ]
    return found + sample_problems(exercise, runner)


REFERENCES = ("solution_code", "fixed")
"""The fields that hold an exercise's reference solution, if it has one."""


def reference_rule_problems(exercise: AnyExercise) -> list[Problem]:
    """The exercise's rules (`requires`, `forbids`) that its own reference solution breaks."""
    data = exercise.raw.data
    reference = next((data[f] for f in REFERENCES if isinstance(data.get(f), str)), None)
    if not exercise.rules or reference is None:
        return []
    return [
        exercise.raw.problem(
            v.rule.path, f"the reference solution breaks this rule: it {v.message}"
        )
        for v in violations(exercise.rules, reference) or []
    ]


def placeholder_problems(raw: RawSpec) -> list[Problem]:
    """`TODO` left from `grader new`, outside comments."""
    return [
        Problem(raw.file, number, "", "a TODO placeholder is left; fill it in")
        for number, line in enumerate(raw.text.splitlines(), 1)
        if "TODO" in line and not line.lstrip().startswith("#")
    ]

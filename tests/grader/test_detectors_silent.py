"""Every misconception detector stays silent on right answers: the reference solution of
every bundled code exercise, and the realistic right submissions of the corpus, run in
the real sandbox and put to each detector one by one (not only through `diagnose`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.bank import find_exercise, spec_files
from grader.exercise import AnyExercise
from grader.runner import CachingRunner
from grader.spec.loader import load_exercise
from grader.toolkit import structure
from grader.toolkit.misconceptions import calls, errors, fixes, outputs
from grader.toolkit.misconceptions.source import SourceFacts
from sandbox.calls import parse_call
from sandbox.values import decode, encode
from tests.corpus_files import corpus_paths

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "exercises"


def _code_exercises() -> list[AnyExercise]:
    found = [load_exercise(path) for path in spec_files(BANK)]
    return [e for e in found if e.kind.name in ("write-function", "write-program")]


def _right_corpus_submissions() -> list[tuple[str, str]]:
    """(exercise id, source) of each right submission of the corpus."""
    return [
        (entry.split("/")[0], path.read_text())
        for entry, path in corpus_paths().items()
        if path.name.startswith("right-")
    ]


def _right_answers() -> list[tuple[str, str]]:
    """(exercise id, source): each reference solution and each right corpus submission."""
    answers = [(e.id, e.body.solution_code) for e in _code_exercises()]
    answers += _right_corpus_submissions()
    return [(i, s) for i, s in answers if find_exercise(i, BANK).kind.name != "fix-syntax-error"]


@pytest.mark.parametrize("exercise_id, source", _right_answers(), ids=lambda v: str(v)[:40])
def test_no_detector_fires_on_a_right_answer(
    runner: CachingRunner, exercise_id: str, source: str
) -> None:
    exercise = find_exercise(exercise_id, BANK)
    learner = SourceFacts(source)
    if exercise.kind.name == "write-function":
        _silent_on_calls(exercise, source, learner, runner)
    else:
        _silent_on_outputs(exercise, source, learner, runner)


def _silent_on_calls(
    exercise: AnyExercise, source: str, learner: SourceFacts, runner: CachingRunner
) -> None:
    body = exercise.body
    outcome = runner.run(source, calls=[c.call for c in body.cases], limits=exercise.limits)
    results = {r.call: r for r in outcome.calls}
    facts = []
    for case in body.cases:
        result = results[case.call]
        fact = calls.CallFacts(
            case.call, body.function, result, case.returns, case.raises, case.exact, learner
        )
        assert fact.right, case.call
        for detector in calls.DETECTORS:
            assert detector(fact) is None, (detector.__name__, case.call)
        if result.error:
            assert errors.diagnose(result.error, learner, case.call) is None
        if result.arguments is not None:
            _, args, kwargs = parse_call(case.call)
            before = decode(encode([args, kwargs]))
            after = decode(result.arguments)
            assert calls.mutated_argument(case.call, (), before, after) is None, case.call
        facts.append(fact)
    assert calls.same_result(facts) is None


def _silent_on_outputs(
    exercise: AnyExercise, source: str, learner: SourceFacts, runner: CachingRunner
) -> None:
    printed, wanted = [], []
    for case in exercise.body.cases:
        outcome = runner.run(source, stdin=case.stdin, limits=exercise.limits)
        fact = outputs.OutputFacts(case.expected, outcome.stdout, learner)
        assert fact.would_pass(outcome.stdout), case.name
        for detector in outputs.DETECTORS:
            assert detector(fact) is None, (detector.__name__, case.name)
        printed.append(outcome.stdout)
        wanted.append(case.expected.text)
    assert outputs.same_output(printed, wanted) is None


def _fix_exercises() -> list[AnyExercise]:
    found = [load_exercise(path) for path in spec_files(BANK)]
    return [e for e in found if e.kind.name == "fix-syntax-error"]


def _right_fixes() -> list[tuple[str, str]]:
    fixed = [(e.id, e.body.fixed) for e in _fix_exercises()]
    fixed += _right_corpus_submissions()
    kinds = {e.id for e in _fix_exercises()}
    return [(i, s) for i, s in fixed if i in kinds]


@pytest.mark.parametrize("exercise_id, source", _right_fixes(), ids=lambda v: str(v)[:40])
def test_a_right_fix_has_the_reference_structure_and_no_finding(
    exercise_id: str, source: str
) -> None:
    body = find_exercise(exercise_id, BANK).body
    reference = structure.reference(body.code, body.fixed)
    tree = structure.parse(source)
    assert reference is not None and tree is not None
    fix = structure.canonical(tree)
    assert structure.dump(fix) == reference.text
    diff = structure.compare_fix(reference, fix)
    assert diff.same and fixes.diagnose(diff, fixes.FixFacts(body.code, source, body.fixed)) == []

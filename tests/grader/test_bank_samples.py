"""The bundled bank ships samples (issue 13): every exercise states at least three
submissions and the verdict each must get, a correct one and realistic wrong ones, so that
`grader validate exercises` (run by .ci/run) catches an edit that changes how an exercise
grades. These tests read the specs only; validate grades the samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.bank import Bank
from grader.exercise import AnyExercise
from grader.spec.samples import Sample
from grader.verdict import Status

BANK = Path(__file__).resolve().parents[2] / "exercises"

HINTLESS_KINDS = frozenset({"recall"})
"""Kinds whose failing verdicts may carry no hint: a recall card rated `again` gets none
(only a rating that is not one gets a hint), so one hinted wrong sample is enough there."""


@pytest.fixture(scope="module")
def exercises() -> list[AnyExercise]:
    return sorted(Bank.load(BANK).exercises.values(), key=lambda e: e.id)


def _wrong(exercise: AnyExercise) -> list[Sample]:
    return [s for s in exercise.samples if s.status is not Status.PASSED]


def test_every_bundled_exercise_has_at_least_three_samples(
    exercises: list[AnyExercise],
) -> None:
    thin = [f"{e.id}: {len(e.samples)}" for e in exercises if len(e.samples) < 3]
    assert thin == [], "fewer than 3 samples"


def test_every_bundled_exercise_has_a_passing_sample(exercises: list[AnyExercise]) -> None:
    missing = [e.id for e in exercises if not any(s.status is Status.PASSED for s in e.samples)]
    assert missing == [], "no sample that passes"


def test_every_bundled_exercise_has_at_least_two_non_passing_samples(
    exercises: list[AnyExercise],
) -> None:
    thin = [f"{e.id}: {len(_wrong(e))}" for e in exercises if len(_wrong(e)) < 2]
    assert thin == [], "fewer than 2 samples that do not pass"


def test_every_non_passing_sample_states_the_hint_it_must_get(
    exercises: list[AnyExercise],
) -> None:
    hintless = [
        f"{e.id}: {s.name}"
        for e in exercises
        if e.kind.name not in HINTLESS_KINDS
        for s in _wrong(e)
        if not s.hint
    ]
    assert hintless == [], "non-passing samples without `hint:`"


def test_a_kind_that_may_give_no_hint_still_has_one_hinted_non_passing_sample(
    exercises: list[AnyExercise],
) -> None:
    missing = [
        e.id
        for e in exercises
        if e.kind.name in HINTLESS_KINDS and not any(s.hint for s in _wrong(e))
    ]
    assert missing == [], "no non-passing sample with `hint:`"


def test_no_sample_hint_is_part_of_the_exercise_general_hint(
    exercises: list[AnyExercise],
) -> None:
    """A sample's hint must prove the verdict speaks of that sample's own mistake: text
    from the general hint, which every failing answer gets, proves nothing."""
    general = [
        f"{e.id}: {s.name}: {s.hint!r}"
        for e in exercises
        if e.hint
        for s in e.samples
        if s.hint and s.hint.casefold() in e.hint.casefold()
    ]
    assert general == [], "sample hints taken from the general hint"

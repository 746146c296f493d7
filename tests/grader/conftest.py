"""Helpers for grading tests: exercises from YAML text, graded in the real sandbox."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from grader.exercise import Exercise
from grader.grading import grade
from grader.runner import CachingRunner
from grader.spec.loader import parse_exercise
from grader.submission import Submission
from grader.verdict import Verdict
from sandbox import Sandbox

COMMON = """\
id: {id}
kind: {kind}
title: A test exercise
topic: testing
difficulty: easy
prompt: Do the thing.
hint: The general hint.
solution: [Step one.]
"""


def exercise(kind: str, body: str, id: str = "test-exercise") -> Exercise:
    text = COMMON.format(id=id, kind=kind) + textwrap.dedent(body)
    return parse_exercise(text, f"{id}.yaml")


@pytest.fixture(scope="session")
def runner(sandbox: Sandbox) -> CachingRunner:
    return CachingRunner(sandbox)


@pytest.fixture
def check(runner: CachingRunner) -> Callable[..., Verdict]:
    def _check(target: Exercise, answer: str, filename: str = "answer.txt") -> Verdict:
        return grade(target, Submission.from_text(answer, filename), runner)

    return _check

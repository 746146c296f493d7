"""Every complete exercise shown in docs/authoring.md is valid and behaves as documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from grader.runner import CachingRunner
from grader.spec.loader import parse_exercise
from grader.validation import behaviour_problems

ROOT = Path(__file__).resolve().parents[2]
BLOCKS = re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "authoring.md").read_text(), re.DOTALL)
EXAMPLES = [block for block in BLOCKS if "\nkind: " in block or block.startswith("id: ")]


def test_the_guide_shows_every_kind() -> None:
    kinds = {yaml.safe_load(block)["kind"] for block in EXAMPLES}
    assert kinds == {
        "predict-output",
        "fix-syntax-error",
        "find-the-error",
        "multiple-choice",
        "write-program",
        "write-function",
        "explain",
        "recall",
    }


@pytest.mark.parametrize("block", EXAMPLES, ids=lambda b: yaml.safe_load(b)["id"])
def test_guide_example_is_valid(block: str, runner: CachingRunner) -> None:
    exercise = parse_exercise(block, "guide-example.yaml")
    assert behaviour_problems(exercise, runner) == []

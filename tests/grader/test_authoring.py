"""`grader new` skeletons, and locked banks (`grader lock` / `grader unlock`)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from grader import kinds
from grader.bank import Bank
from grader.grading import grade
from grader.locking import lock_bank, unlock_bank
from grader.runner import CachingRunner
from grader.submission import Submission
from grader.validation import collect, validate

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "submissions"

FILLED = {
    "predict-output": {
        "code": "print('hi')\n",
        "expected_output": "hi\n",
        "mistakes": [{"output": "'hi'", "hint": "print shows no quotes"}],
    },
    "fix-syntax-error": {"code": "print('hi'\n", "fixed": "print('hi')\n", "max_changed_lines": 1},
    "find-the-error": {
        "code": "print(undefined)\n",
        "error": {"type": "NameError", "line": 1},
        "mistakes": [{"type": "TypeError", "hint": "nothing is combined here"}],
    },
    "multiple-choice": {
        "options": [
            {"text": "Right", "correct": True},
            {"text": "Wrong", "feedback": "Because."},
            {"text": "Also wrong", "feedback": "Because, too."},
        ],
        "answer": "A",
    },
    "write-program": {
        "starter": "",
        "cases": [
            {"name": "one", "stdin": "", "expected": "hi\n"},
            {"name": "two", "stdin": "", "expected": "hi\n", "hidden": True},
        ],
        "solution_code": "print('hi')\n",
    },
    "write-function": {
        "function": "double",
        "starter": "def double(n):\n    ...\n",
        "cases": [
            {"call": "double(2)", "returns": 4},
            {"call": "double('a')", "returns": "aa", "hidden": True},
        ],
        "solution_code": "def double(n):\n    return n * 2\n",
    },
    "explain": {
        "concepts": [
            {"name": "speed", "hint": "How quickly does it finish?", "keywords": ["fast"]},
            {"name": "size", "hint": "How big is it?", "keywords": ["small"]},
        ]
    },
}


@pytest.mark.parametrize("kind", kinds.names())
def test_new_skeleton_is_refused_until_filled_in(
    tmp_path: Path, runner: CachingRunner, kind: str
) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "grader",
            "new",
            kind,
            f"my-{kind}",
            "--topic",
            "demo",
            "--exercises",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    path = tmp_path / "demo" / f"my-{kind}.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert not validate([path], runner).ok  # TODO placeholders left
    data = yaml.safe_load(text)
    data.update(title="Filled in", prompt="Do it.", hint="A hint.", solution=["One step."])
    for key in list(data):
        if key in kinds.get(kind).properties:
            del data[key]
    data.update(FILLED[kind])
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    report = validate([path], runner)
    assert report.ok, "\n".join(map(str, report.problems))
    assert not re.search(r"TODO", path.read_text())


def test_new_refuses_an_existing_file(tmp_path: Path) -> None:
    args = [
        sys.executable,
        "-m",
        "grader",
        "new",
        "explain",
        "dup-id",
        "--topic",
        "t",
        "--exercises",
        str(tmp_path),
    ]
    assert subprocess.run(args, capture_output=True).returncode == 0
    again = subprocess.run(args, capture_output=True, text=True)
    assert again.returncode == 2 and "already exists" in again.stderr


@pytest.fixture(scope="module")
def locked_bank(tmp_path_factory: pytest.TempPathFactory, sandbox) -> tuple[Path, Path, Path]:
    base = tmp_path_factory.mktemp("lock")
    source = base / "bank"
    shutil.copytree(ROOT / "exercises", source)
    out, key = base / "locked", base / "key.json"
    result = lock_bank(collect([source]), source, out, key, CachingRunner(sandbox))
    assert result.written
    return source, out, key


def test_locked_bank_has_no_readable_answers(locked_bank: tuple[Path, Path, Path]) -> None:
    _, out, _ = locked_bank
    choice = yaml.safe_load((out / "mlops" / "mlops-purpose-choice.yaml").read_text())
    assert "answer" not in choice and all("correct" not in o for o in choice["options"])
    program = yaml.safe_load((out / "strings" / "strings-initials.yaml").read_text())
    assert "solution_code" not in program
    assert all("expected" not in case and "expected_sha256" in case for case in program["cases"])
    fix = yaml.safe_load((out / "mlops" / "mlops-fix-pipeline-colon.yaml").read_text())
    assert "fixed" not in fix and "output_sha256" in fix
    explain = yaml.safe_load((out / "mlops" / "mlops-explain-production.yaml").read_text())
    assert all("keywords" not in c for c in explain["concepts"])


def test_locked_bank_validates(locked_bank: tuple[Path, Path, Path], runner: CachingRunner) -> None:
    _, out, _ = locked_bank
    report = validate(collect([out]), runner)
    assert report.ok, "\n".join(map(str, report.problems))


@pytest.mark.parametrize(
    "submission", sorted(GOLDEN.glob("*/*")), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_check_grades_locked_and_unlocked_alike(
    locked_bank: tuple[Path, Path, Path], runner: CachingRunner, submission: Path
) -> None:
    source, out, _ = locked_bank
    plain = Bank.load(source).get(submission.parent.name)
    locked = Bank.load(out).get(submission.parent.name)
    answer = Submission.from_path(submission)
    a, b = grade(plain, answer, runner), grade(locked, answer, runner)
    assert (a.status, a.passed) == (b.status, b.passed)


def test_unlock_restores_every_spec_byte_for_byte(
    locked_bank: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    source, _, key = locked_bank
    restored = tmp_path / "restored"
    written = unlock_bank(key, restored)
    assert len(written) == len(list(source.rglob("*.yaml")))
    for path in source.rglob("*.yaml"):
        assert (restored / path.relative_to(source)).read_bytes() == path.read_bytes()


def test_lock_refuses_to_overwrite_a_key(
    locked_bank: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    source, _, key = locked_bank
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "grader",
            "lock",
            "--exercises",
            str(source),
            "--out",
            str(tmp_path / "x"),
            "--key",
            str(key),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "already exists" in result.stderr
    assert json.loads(key.read_text())["format"] == "pygrader-lock-key/1"

"""`grader validate`: each rule, on a deliberately broken exercise under tests/data/broken."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from grader.runner import CachingRunner
from grader.validation import collect, validate

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ROOT / "tests" / "data" / "broken"
RULES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def expected(rule: str) -> tuple[list[tuple[int, str]], list[str]]:
    """`LINE<tab>text` lines that a problem must show; `not<tab>text`, what none may say."""
    rows = [line.split("\t", 1) for line in (BROKEN / rule / "EXPECTED").read_text().splitlines()]
    wanted = [(int(first), text) for first, text in rows if first != "not"]
    return wanted, [text for first, text in rows if first == "not"]


@pytest.mark.parametrize("rule", RULES)
def test_validate_reports_the_rule_with_file_and_line(runner: CachingRunner, rule: str) -> None:
    report = validate(collect([BROKEN / rule]), runner)
    assert not report.ok
    found = [(p.line, str(p)) for p in report.problems]
    wanted, unwanted = expected(rule)
    for line, message in wanted:
        assert any(n == line and message in text for n, text in found), (message, found)
    for message in unwanted:
        assert not any(message in text for _, text in found), (message, found)


def test_every_rule_directory_declares_what_it_expects() -> None:
    assert len(RULES) >= 20
    assert all((BROKEN / rule / "EXPECTED").is_file() for rule in RULES)


def test_all_problems_of_all_files_are_reported_at_once(runner: CachingRunner) -> None:
    report = validate(collect([BROKEN]), runner)
    files = {p.file for p in report.problems}
    assert len(files) >= len(RULES)


def test_the_bundled_bank_is_valid(runner: CachingRunner) -> None:
    report = validate(collect([ROOT / "exercises"]), runner)
    assert report.ok, "\n".join(map(str, report.problems))
    assert len(report.exercises) >= 7


def test_cli_exit_codes_and_json() -> None:
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "grader",
            "validate",
            str(BROKEN / "fix-code-compiles"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    data = json.loads(bad.stdout)
    assert data["valid"] is False and data["problems"][0]["field"] == "code"
    good = subprocess.run(
        [
            sys.executable,
            "-m",
            "grader",
            "validate",
            str(ROOT / "exercises" / "mlops" / "mlops-purpose-choice.yaml"),
        ],
        capture_output=True,
        text=True,
    )
    assert good.returncode == 0, good.stdout + good.stderr
    assert "1 exercise file valid" in good.stdout


def test_no_run_skips_the_sandbox() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "grader", "validate", "--no-run", str(BROKEN / "fix-code-compiles")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0  # only behaviour is wrong there


def _validate_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grader", "validate", "--no-run", *args],
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("name", ["x.yml", "x.YAML"])
def test_validate_reports_exercise_files_not_named_yaml(tmp_path: Path, name: str) -> None:
    source = (ROOT / "exercises" / "mlops" / "mlops-purpose-choice.yaml").read_text()
    (tmp_path / "mlops").mkdir()
    (tmp_path / "mlops" / "mlops-purpose-choice.yaml").write_text(source)
    (tmp_path / "mlops" / name).write_text(source.replace("mlops-purpose-choice", "x"))
    result = _validate_cli(str(tmp_path))
    assert result.returncode == 1, result.stdout + result.stderr
    expected = f"{tmp_path / 'mlops' / name}: exercise files end in .yaml; rename it to x.yaml"
    assert expected in result.stdout.splitlines()
    alone = _validate_cli(str(tmp_path / "mlops" / name))
    assert alone.returncode == 1 and expected in alone.stdout.splitlines()


def test_validate_on_a_directory_without_exercise_files_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not an exercise\n")
    for target in (tmp_path, tmp_path / "empty"):
        target.mkdir(exist_ok=True)
        result = _validate_cli(str(target))
        assert result.returncode == 2, result.stdout + result.stderr
        assert f"{target}: no exercise files (*.yaml) there" in result.stderr
        assert "valid" not in result.stdout


def test_a_spec_over_the_size_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    from grader.spec.raw import MAX_SPEC_BYTES

    spec = tmp_path / "t" / "huge.yaml"
    spec.parent.mkdir()
    spec.write_text("id: huge\nprompt: |\n" + "  filler text\n" * (MAX_SPEC_BYTES // 10))
    report = validate([spec], None)
    assert [p.line for p in report.problems] == [0]
    assert f"a spec may hold at most {MAX_SPEC_BYTES:,}" in report.problems[0].message


def test_validate_from_inside_the_topic_folder() -> None:
    """`cd bank/loops && grader validate x.yaml`: the topic is the folder's name."""
    result = subprocess.run(
        [sys.executable, "-m", "grader", "validate", "loops-predict-range.yaml", "--no-run"],
        cwd=ROOT / "exercises" / "loops",
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the file lives in" not in result.stdout


def test_validate_on_a_path_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-bank"
    result = _validate_cli(str(missing))
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{missing}: no such file or directory" in result.stderr

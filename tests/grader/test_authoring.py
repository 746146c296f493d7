"""`grader new` skeletons, and locked banks (`grader lock` / `grader unlock`)."""

from __future__ import annotations

import json
import os
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
from grader.locking import WITHHELD_SOLUTION, lock_bank, unlock_bank
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
    "recall": {"question": "What does len('ab') give?", "answer": "2", "difficulty": "beginner"},
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
    assert f"then run `grader validate {path}`." in text  # the path `new` printed
    assert f"grader validate {path}" in result.stdout
    assert not validate([path], runner).ok  # TODO placeholders left
    data = yaml.safe_load(text)
    data.update(title="Filled in", prompt="Do it.", hint="A hint.", solution=["One step."])
    for key in list(data):
        if key in kinds.get(kind).properties or key in kinds.get(kind).derived:
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
    solutions = {tuple(yaml.safe_load(p.read_text())["solution"]) for p in out.rglob("*.yaml")}
    assert solutions == {(WITHHELD_SOLUTION,)}  # worked solutions state the answers
    # samples include right answers: neither they nor their files are in the locked bank
    assert not any("samples" in yaml.safe_load(p.read_text()) for p in out.rglob("*.yaml"))
    assert sorted({p.suffix for p in out.rglob("*") if p.is_file()}) == [".yaml"]


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
    files = [path for path in source.rglob("*") if path.is_file()]  # specs and sample files
    assert any(path.suffix == ".py" for path in files)
    assert len(written) == len(files)
    for path in files:
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


def grader(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the `grader` command as an instructor would."""
    command = [sys.executable, "-m", "grader", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True)


def write_key(path: Path, entries: dict[str, object]) -> Path:
    path.write_text(json.dumps({"format": "pygrader-lock-key/1", "exercises": entries}))
    return path


def test_unlock_refuses_to_overwrite_edited_specs_without_force(
    locked_bank: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    source, _, key = locked_bank
    restored = tmp_path / "restored"
    unlock_bank(key, restored)
    edited = sorted(restored.rglob("*.yaml"))[:12]
    for path in edited:
        path.write_text(path.read_text() + "# my edit\n")
    refused = grader("unlock", "--key", key, "--out", restored)
    assert refused.returncode == 2, refused.stderr
    assert "12 existing file(s)" in refused.stderr and "--force" in refused.stderr
    assert str(edited[0]) in refused.stderr and "... and 2 more" in refused.stderr
    assert all(path.read_text().endswith("# my edit\n") for path in edited)
    forced = grader("unlock", "--key", key, "--out", restored, "--force")
    assert forced.returncode == 0, forced.stderr
    for path in source.rglob("*.yaml"):
        assert (restored / path.relative_to(source)).read_bytes() == path.read_bytes()


@pytest.mark.parametrize("out", ["bank", "bank/locked", "."], ids=["same", "inside", "around"])
def test_lock_refuses_an_out_folder_that_overlaps_the_bank(tmp_path: Path, out: str) -> None:
    bank = tmp_path / "bank"
    (bank / "mlops").mkdir(parents=True)
    spec = bank / "mlops" / "mlops-purpose-choice.yaml"
    shutil.copy(ROOT / "exercises" / "mlops" / spec.name, spec)
    before = spec.read_bytes()
    result = grader(
        "lock", "--exercises", bank, "--out", tmp_path / out, "--key", tmp_path / "key.json"
    )
    assert result.returncode == 2 and "--out" in result.stderr, result.stderr
    assert spec.read_bytes() == before
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["bank", "mlops", spec.name]


def test_lock_refuses_a_key_inside_the_locked_bank(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    (bank / "mlops").mkdir(parents=True)
    shutil.copy(ROOT / "exercises" / "mlops" / "mlops-purpose-choice.yaml", bank / "mlops")
    out = tmp_path / "locked"
    result = grader("lock", "--exercises", bank, "--out", out, "--key", out / "key.json")
    assert result.returncode == 2 and "the key holds every answer" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("bad", ["/abs/evil.yaml", "../evil.yaml", "ok/../../evil.yaml"])
def test_unlock_rejects_key_paths_that_leave_the_out_folder(tmp_path: Path, bad: str) -> None:
    bad = str(tmp_path / "evil.yaml") if bad.startswith("/") else bad
    entries = {"good": {"path": "ok/good.yaml", "text": "x"}, "bad": {"path": bad, "text": "x"}}
    key = write_key(tmp_path / "key.json", entries)
    out = tmp_path / "deep" / "out"
    result = grader("unlock", "--key", key, "--out", out)
    assert result.returncode == 2, result.stderr
    assert "entry 'bad': field 'path'" in result.stderr
    assert not (tmp_path / "evil.yaml").exists() and not (tmp_path / "deep").exists()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"path": "ok/bad.yaml", "text": 5}, "entry 'bad': field 'text' must be a string"),
        ({"path": 3, "text": "x"}, "entry 'bad': field 'path' must be a string"),
        ("spec", "entry 'bad': must be an object"),
        ({"path": "ok/good.yaml", "text": "y"}, "field 'path' names the file of entry"),
    ],
    ids=["text-type", "path-type", "not-an-object", "same-path"],
)
def test_unlock_validates_the_whole_key_before_writing(
    tmp_path: Path, entry: object, message: str
) -> None:
    entries = {"bad": entry, "good": {"path": "ok/good.yaml", "text": "x"}}
    key = write_key(tmp_path / "key.json", entries)
    result = grader("unlock", "--key", key, "--out", tmp_path / "out")
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "internal error" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_new_refuses_a_dangling_symlink_at_the_target(tmp_path: Path) -> None:
    bank, outside = tmp_path / "bank", tmp_path / "outside.yaml"
    (bank / "lists").mkdir(parents=True)
    try:
        (bank / "lists" / "taken.yaml").symlink_to(outside)
    except OSError:
        pytest.skip("no symbolic links here")
    result = grader("new", "explain", "taken", "--topic", "lists", "--exercises", bank)
    assert result.returncode == 2 and "already exists" in result.stderr, result.stderr
    assert not outside.exists()


def test_new_refuses_an_id_used_in_another_topic(tmp_path: Path) -> None:
    assert (
        grader("new", "explain", "same", "--topic", "one", "--exercises", tmp_path).returncode == 0
    )
    again = grader("new", "explain", "same", "--topic", "two", "--exercises", tmp_path)
    assert again.returncode == 2, again.stderr
    assert str(tmp_path / "one" / "same.yaml") in again.stderr
    assert not (tmp_path / "two" / "same.yaml").exists()


@pytest.mark.parametrize("option", ["ID", "--topic"])
def test_new_refuses_ids_and_topics_longer_than_64_characters(tmp_path: Path, option: str) -> None:
    long, fine = "a" * 300, "b" * 64
    exercise_id, topic = (long, fine) if option == "ID" else (fine, long)
    result = grader("new", "write-function", exercise_id, "--topic", topic, "--exercises", tmp_path)
    assert result.returncode == 2, result.stderr
    assert f"{option} is 300 characters long; keep it to 64 at most" in result.stderr
    assert grader("new", "explain", fine, "--topic", fine, "--exercises", tmp_path).returncode == 0


def test_new_refuses_a_topic_that_is_not_a_directory(tmp_path: Path) -> None:
    (tmp_path / "filetopic").write_text("not a folder\n")
    result = grader("new", "predict-output", "y", "--topic", "filetopic", "--exercises", tmp_path)
    assert result.returncode == 2, result.stderr
    assert "filetopic exists and is not a directory" in result.stderr


def test_new_outside_a_bank_asks_for_one_and_writes_nothing(tmp_path: Path) -> None:
    from grader.bank import packaged_root

    before = sorted(packaged_root().rglob("*"))
    result = subprocess.run(
        [sys.executable, "-m", "grader", "new", "explain", "stray", "--topic", "zz"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 2, result.stdout
    assert "there is no exercise bank here" in result.stderr and "--bank DIR" in result.stderr
    assert sorted(packaged_root().rglob("*")) == before
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["package", "environment"])
def test_new_never_writes_inside_the_installed_package(tmp_path: Path, where: str) -> None:
    import sysconfig

    from grader.authoring import PACKAGE

    folder = PACKAGE if where == "package" else Path(sysconfig.get_paths()["purelib"])
    bank = folder / "bank-written-by-a-test"
    result = grader("new", "explain", "stray", "--topic", "zz", "--bank", bank)
    assert result.returncode == 2, result.stdout
    assert "where a reinstall would delete the exercise" in result.stderr
    assert not bank.exists()


def test_new_says_where_it_writes_and_points_at_a_schema_in_the_bank(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    result = grader("new", "explain", "fresh", "--topic", "zz", "--bank", bank)
    assert result.returncode == 0, result.stderr
    spec = bank / "zz" / "fresh.yaml"
    assert f"wrote {spec} (in the bank {bank})" in result.stdout
    first = spec.read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../exercise.schema.json"
    assert (bank / "exercise.schema.json").read_text() == (
        ROOT / "grader" / "schema" / "exercise.schema.json"
    ).read_text()


def test_the_schema_comment_never_points_into_an_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An installed grader's schema lies in site-packages: new specs point at a copy."""
    from grader import authoring

    installed = tmp_path / "venv" / "lib" / "site-packages" / "grader" / "schema"
    installed.mkdir(parents=True)
    (installed / "exercise.schema.json").write_text("{}")
    monkeypatch.setattr(authoring, "SCHEMA", installed / "exercise.schema.json")
    monkeypatch.setattr(authoring, "PACKAGE", installed.parent)
    bank = tmp_path / "venv" / ".." / "bank"
    (bank / "t").mkdir(parents=True)
    reference = authoring.schema_reference(bank / "t", bank)
    assert reference == "../exercise.schema.json"
    assert (bank / "exercise.schema.json").read_text() == "{}"
    monkeypatch.undo()  # the real grader, run from this checkout: its own schema
    checkout = authoring.schema_reference(ROOT / "exercises" / "loops", ROOT / "exercises")
    assert checkout == "../../grader/schema/exercise.schema.json"
    assert not (ROOT / "exercises" / "exercise.schema.json").exists()


def test_lock_warns_when_feedback_or_hidden_inputs_give_answers_away(
    tmp_path: Path, runner: CachingRunner
) -> None:
    bank = tmp_path / "bank"
    for topic, name in (("mlops", "mlops-purpose-choice"), ("functions", "functions-average")):
        (bank / topic).mkdir(parents=True)
        shutil.copy(ROOT / "exercises" / topic / f"{name}.yaml", bank / topic)
    choice = bank / "mlops" / "mlops-purpose-choice.yaml"
    text = choice.read_text()
    text = text.replace(
        "    correct: true\n", '    correct: true\n    feedback: "Yes: that is the whole point."\n'
    )
    choice.write_text(text.replace('feedback: "That is', 'feedback: "No, that is'))
    result = lock_bank(collect([bank]), bank, tmp_path / "out", tmp_path / "key.json", runner)
    warnings = "\n".join(result.warnings)
    assert "options[0].feedback says 'Yes'" in warnings  # "Yes: deployment, ..."
    assert "options[1].feedback says 'No'" in warnings
    assert "hidden cases[4], cases[5] show their `call` in the locked spec" in warnings
    assert "options[2].feedback" not in warnings


def test_a_key_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    key = tmp_path / "key.json"
    key.write_bytes(b'{"format": "pygrader-lock-key/1",\n "exercises": "caf\xe9"}')
    result = grader("unlock", "--key", key, "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "not a lock key (not UTF-8 at offset 52: line 2, column 19)" in result.stderr

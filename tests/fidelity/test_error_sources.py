"""Error reports quote the submitted program, whatever lies on disk under its name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sandbox import Sandbox, Status


def test_syntax_error_quotes_the_source_not_a_file_of_the_same_name(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    # The parser reads the offending line back from the file named `filename` when one
    # exists where the server runs; a different file there must not leak into the report.
    decoy = tmp_path / "main.py"
    decoy.write_text("secret = 'do not show'\nif answer = 42:\n    pass\n", encoding="utf-8")
    source = "total = 0\nwhile total = 3:\n    total += 1\n"
    outcome = sandbox.run(source, filename=str(decoy))
    assert outcome.status is Status.SYNTAX_ERROR
    error = outcome.error
    assert error is not None
    assert (error.line, error.column, error.end_column) == (2, 7, 16)
    assert error.text == "while total = 3:"
    assert error.traceback == (
        f'  File "{decoy}", line 2\n'
        "    while total = 3:\n"
        "          ^^^^^^^^^\n"
        "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?\n"
    )


def test_runtime_error_quotes_the_source_not_a_file_of_the_same_name(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    decoy = tmp_path / "main.py"
    decoy.write_text("print('decoy line one')\nprint('decoy line two')\n", encoding="utf-8")
    outcome = sandbox.run("print('hi')\nprint(undefined_name)\n", filename=str(decoy))
    assert outcome.status is Status.RUNTIME_ERROR
    assert outcome.error is not None
    assert "    print(undefined_name)\n" in outcome.error.traceback
    assert "decoy" not in outcome.error.traceback.replace(str(decoy), "")


def test_null_byte_is_reported_as_python_reports_it(sandbox: Sandbox, tmp_path: Path) -> None:
    path = tmp_path / "nul.py"
    path.write_bytes(b"x = 1\ny = 2\nprint(\x00'a')\n")
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, env=env, check=False
    )
    outcome = sandbox.run(path.read_text("utf-8"), filename=str(path))
    assert outcome.status is Status.SYNTAX_ERROR
    assert outcome.error is not None
    assert (outcome.error.line, outcome.error.column) == (3, 0)
    assert outcome.error.traceback == done.stderr

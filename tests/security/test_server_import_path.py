"""The fork server imports only the grader's own code and the standard library."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sandbox import Sandbox, Status


@pytest.mark.parametrize("module", ["json.py", "signal.py", "sandbox/__init__.py"])
def test_files_in_the_working_directory_never_shadow_the_servers_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    """A learner's folder holding `json.py` must not run, as root and unsandboxed, when the
    grader is started from that folder."""
    marker = tmp_path / "ran"
    planted = tmp_path / module
    planted.parent.mkdir(exist_ok=True)
    planted.write_text(f"open({str(marker)!r}, 'w').close()\n")
    monkeypatch.chdir(tmp_path)
    with Sandbox() as box:
        outcome = box.run("print(6 * 7)\n")
    assert (outcome.status, outcome.stdout) == (Status.OK, "42\n")
    assert not marker.exists()
    assert os.getcwd() == str(tmp_path)

"""Starting the fork server early (`sandbox.boot`): the CLI starts it before importing
anything else, and the first sandbox with its config adopts it. Named for the rule each
test checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sandbox import Sandbox, boot

ROOT = Path(__file__).resolve().parents[2]


def _alive(pid: int) -> bool:
    try:
        return os.waitpid(pid, os.WNOHANG) == (0, 0)
    except ChildProcessError:
        return False


def test_the_first_sandbox_with_the_same_config_adopts_the_early_server() -> None:
    boot.start_early({"language": True, "process": True})
    early = boot._early
    assert early is not None and _alive(early.pid)
    with Sandbox() as box:
        outcome = box.run("print('hello')\n")
        assert outcome.stdout == "hello\n"
        assert box._server is not None and box._server.pid == early.pid
    assert boot._early is None  # adopted once: the next sandbox starts its own


def test_an_early_server_of_another_config_is_stopped_not_used() -> None:
    boot.start_early({"language": True, "process": True})
    early = boot._early
    assert early is not None
    with Sandbox(process=False) as box:
        assert box.run("print(1)\n").stdout == "1\n"
        assert box._server is not None and box._server.pid != early.pid
    assert not _alive(early.pid)


def test_boot_imports_only_the_import_system_before_the_server_starts() -> None:
    """What makes the early start early: no `re`, `json`, `enum`, `signal` or `typing`."""
    probe = (
        "import sys; before = set(sys.modules); import sandbox.boot; "
        "sandbox.boot.server_environment(); print(' '.join(sorted(set(sys.modules) - before)))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    found = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    allowed = {"__future__", "warnings", "sandbox", "sandbox.boot"}
    imported = set(found.stdout.split())
    assert {m for m in imported if not m.startswith("importlib")} <= allowed, imported
    assert "importlib.util" not in imported


def test_the_grader_command_is_a_script_that_imports_nothing_before_the_cli() -> None:
    """pip's console-script wrapper imports `re` before the entry point: 10-20 ms later a
    server start (see scripts/grader)."""
    script = (ROOT / "scripts" / "grader").read_text()
    imports = [line for line in script.splitlines() if line.startswith(("import ", "from "))]
    assert imports == ["import sys", "from grader.cli import main"]

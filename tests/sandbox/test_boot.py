"""Starting the fork server early (`sandbox.boot`): the CLI starts it before importing
anything else, and the first sandbox with its config adopts it. Named for the rule each
test checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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


def _buffered_env() -> dict[str, str]:
    """This checkout first on the path, and stdout buffered as it is for users."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return {**env, "PYTHONPATH": str(ROOT)}


def _leaving(body: str) -> subprocess.CompletedProcess[str]:
    """Run `body` in a fresh interpreter that then calls `grader.cli.leave`."""
    env = _buffered_env()
    script = "import atexit, sys, threading, time\nfrom grader.cli import leave\n" + body
    return subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )


def test_leaving_runs_atexit_handlers_and_flushes_what_was_printed() -> None:
    done = _leaving(
        "atexit.register(print, 'handler ran')\n"
        "for _ in range(2000): print('x' * 99)\n"  # what is still buffered is lost unflushed
        "sys.stderr.write('warned')\n"
        "leave(SystemExit(3))\n"
    )
    assert done.returncode == 3
    assert done.stdout == ("x" * 99 + "\n") * 2000 + "handler ran\n"
    assert done.stderr == "warned"


def test_leaving_with_a_message_prints_it_and_exits_1_as_sys_exit_does() -> None:
    done = _leaving("leave(SystemExit('error: no such file'))\n")
    assert (done.returncode, done.stderr) == (1, "error: no such file\n")
    assert _leaving("leave(SystemExit(None))\n").returncode == 0


def test_leaving_while_another_thread_runs_waits_for_it_as_an_ordinary_exit() -> None:
    done = _leaving(
        "threading.Thread(target=lambda: (time.sleep(0.2), print('late'))).start()\n"
        "leave(SystemExit(0))\n"
    )
    assert (done.returncode, done.stdout) == (0, "late\n")


def test_leaving_when_stdout_cannot_be_flushed_is_the_ordinary_exit() -> None:
    done = _leaving(
        "class Broken:\n"
        "    def write(self, text): return len(text)\n"
        "    def flush(self): raise BrokenPipeError(32, 'Broken pipe')\n"
        "sys.stdout = Broken()\n"
        "leave(SystemExit(4))\n"
    )
    assert done.returncode == 120  # CPython's code when the flush at exit fails
    assert "BrokenPipeError" in done.stderr


def test_the_grader_command_exits_with_its_code_and_all_its_output(tmp_path: Path) -> None:
    program = tmp_path / "many.py"
    program.write_text("for i in range(5000):\n    print(i)\n")
    grader = [sys.executable, "-m", "grader"]
    env = _buffered_env()
    done = subprocess.run([*grader, "run", str(program)], env=env, capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout == "".join(f"{i}\n" for i in range(5000))
    missing = subprocess.run(
        [*grader, "run", str(tmp_path / "none.py")], env=env, text=True, capture_output=True
    )
    assert missing.returncode == 2 and "none.py" in missing.stderr


SERVERS_THAT_FAIL = {
    "at_once": "raise ImportError('cannot import name planted')\n",
    # CI once read the server's stderr between its closing the pipe and its exit.
    "slowly_after_closing_its_pipe": (
        "import os, time\nos.close(1)\ntime.sleep(0.5)\n"
        "raise ImportError('cannot import name planted')\n"
    ),
}


@pytest.mark.parametrize("server_source", SERVERS_THAT_FAIL.values(), ids=SERVERS_THAT_FAIL)
def test_a_server_that_fails_to_start_is_one_line_and_a_saved_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server_source: str
) -> None:
    """A learner once saw the server's raw traceback: the error names its last line and
    where the whole of it was saved."""
    from sandbox import SandboxError

    planted = tmp_path / "sandbox"
    planted.mkdir()
    (planted / "__init__.py").write_text("")
    (planted / "server.py").write_text(server_source)
    environment = boot.server_environment()
    monkeypatch.setattr(
        boot, "server_environment", lambda: {**environment, "PYTHONPATH": str(tmp_path)}
    )
    with pytest.raises(SandboxError) as failed, Sandbox() as box:
        box.run("print(1)\n")
    message = str(failed.value)
    assert "\n" not in message and "ImportError: cannot import name planted" in message
    saved = Path(message.rsplit("its report is in ", 1)[1].rstrip(")"))
    assert "Traceback" in saved.read_text()
    saved.unlink()

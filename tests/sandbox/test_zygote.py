"""The fork server's zygote: what it forks from, what it is given, and what happens when
it dies. Named for the rule each test checks."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from sandbox import Sandbox, Status
from sandbox.client import SandboxError
from sandbox.compiling import Request
from sandbox.limits import Limits
from sandbox.server import ForkServer
from sandbox.zygote import marshals_faithfully


def _children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(child) for child in text.split()]


def _status_field(pid: int, name: str) -> str:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"no {name} in /proc/{pid}/status")


def _server_pid(box: Sandbox) -> int:
    box.run("pass")
    assert box._server is not None
    return box._server.pid


@pytest.mark.parametrize(
    "source",
    ["print({'a', 'b', 'c'})", "x = 1\nprint(x in {1, 2, 3})", "def f():\n    return {4, 5, 6}"],
)
def test_code_with_a_frozenset_constant_is_not_marshalled(source: str) -> None:
    assert not marshals_faithfully(compile(source, "t.py", "exec"))


def test_code_without_a_frozenset_constant_is_marshalled() -> None:
    code = compile("def f(x):\n    return (x, ('a', 1.5))\nprint(f(2))", "t.py", "exec")
    assert marshals_faithfully(code)


def test_the_server_runs_under_its_own_seccomp_filter_and_each_zygote_adds_one() -> None:
    with Sandbox() as box:
        server = _server_pid(box)
        (zygote,) = _children(server)
        assert _status_field(server, "Seccomp") == "2"
        assert _status_field(server, "Seccomp_filters") == "1"
        assert _status_field(zygote, "Seccomp_filters") == "2"  # it denies namespace set-up


def test_every_child_adds_a_filter_that_denies_process_creation(process_only: Sandbox) -> None:
    source = "import os\ntry:\n    os.fork()\nexcept OSError as error:\n    print(error.errno)\n"
    assert process_only.run(source).stdout == "1\n"  # EPERM: the child's filter, not NPROC


def test_a_dead_zygote_fails_one_run_then_a_new_zygote_takes_over() -> None:
    with Sandbox() as box:
        (zygote,) = _children(_server_pid(box))
        os.kill(zygote, signal.SIGKILL)
        time.sleep(0.05)
        with pytest.raises(SandboxError, match="zygote"):
            box.run("print(1)")
        outcome = box.run("print(2)")
        assert outcome.status is Status.OK and outcome.stdout == "2\n"


def test_the_test_cases_of_one_program_compile_it_once() -> None:
    server = ForkServer(language=True, process=False)  # no fork: only its compiling side
    first = server._prepare(Request("print(input())\n", "main.py", "a\n", Limits()))
    second = server._prepare(Request("print(input())\n", "main.py", "b\n", Limits()))
    other = server._prepare(Request("print(2)\n", "main.py", "", Limits()))
    assert not isinstance(first, dict) and not isinstance(second, dict)
    assert not isinstance(other, dict)
    assert first.compiled is not None and first.compiled is second.compiled
    assert other.compiled is not first.compiled

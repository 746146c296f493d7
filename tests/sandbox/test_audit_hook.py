"""The audit hook on its own: what it lets the standard library run, and what it refuses.

Each check runs in a fresh interpreter (an audit hook can never be removed), with a
language-layer runtime armed as a child arms it, and code standing for the program's:
functions whose globals are the program's.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETUP = """
import dataclasses, json, sys, types, typing  # loaded before the hook, as the zygote does
from sandbox.budget import ForbiddenOperation
from sandbox.limits import Limits
from sandbox.runtime import Runtime

class Sink:
    def write(self, text):
        return len(text)
    def flush(self):
        pass

runtime = Runtime(filename="main.py", limits=Limits(), sink=Sink(), stdin="")
sys.modules["__main__"] = runtime.module
program = compile(PROGRAM, "main.py", "exec")
library = {}
exec(compile(LIBRARY, "lib.py", "exec"), library)
runtime.arm_audit_hook(program)
exec(program, runtime.globals)  # the program's own code: the one exec allowed
ns = runtime.globals

def outcome(call):
    try:
        call()
    except ForbiddenOperation as exc:
        return "forbidden: " + str(exc)
    except BaseException as exc:
        return type(exc).__name__
    return "ok"
"""


def _run(body: str, program: str = "", library: str = "") -> dict[str, str]:
    head = f"PROGRAM = {program!r}\nLIBRARY = {library!r}\n"
    script = head + SETUP + textwrap.dedent(body) + "\nprint(json.dumps(results))\n"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return dict(json.loads(done.stdout.splitlines()[-1]))


def test_text_compiled_or_run_from_the_programs_code_is_refused() -> None:
    program = "def run(text):\n    return eval(text)\n"
    body = 'ns["eval"] = eval\nresults = {"eval": outcome(lambda: ns["run"]("1 + 1"))}'
    results = _run(body, program)
    assert results["eval"] == "forbidden: line 2: compiling text is not allowed in exercises"


@pytest.mark.parametrize(
    ("module", "expected"),
    [("'__main__'", "ok"), ("'os'", "forbidden"), ("'no such module'", "forbidden")],
)
def test_dataclasses_may_run_its_text_only_in_the_programs_module(
    module: str, expected: str
) -> None:
    results = _run(f"""
        def make():
            namespace = {{"__module__": {module}, "__annotations__": {{"x": int}}}}
            cls = types.new_class("C", (), {{}}, lambda ns: ns.update(namespace))
            dataclasses.dataclass(cls)  # the real one: the hook alone decides
        results = {{"dataclass": outcome(make)}}
    """)
    assert results["dataclass"].split(":")[0] == expected


def test_dataclasses_text_with_a_field_renamed_midway_is_refused() -> None:
    results = _run("""
        late = dataclasses.field(default=0)
        class Rename:
            def __get__(self, obj, owner):
                late.name = "a) or print('escaped') or (0"
                return 1
        def make():
            namespace = {"__module__": "__main__", "__annotations__": {"a": int, "b": int}}
            namespace.update(a=late, b=Rename())
            cls = types.new_class("C", (), {}, lambda ns: ns.update(namespace))
            dataclasses.dataclass(init=False, repr=False)(cls)
        results = {"dataclass": outcome(make)}
    """)
    assert results["dataclass"].startswith("forbidden")


def test_dataclasses_text_is_refused_once_field_name_is_replaced() -> None:
    """An eighth review replaced `Field.name` with a property: the hook read a plain name,
    dataclasses built its text from another read of it."""
    results = _run("""
        def name(field):  # the text gets other code than the name the hook reads
            builder = sys._getframe(1).f_code.co_name
            if builder in ("_init_param", "_field_init", "_field_assign"):
                return "a=0):\\n import os\\n def f(self, a"
            return "a"
        real = dataclasses.Field.name
        dataclasses.Field.name = property(name, lambda field, value: real.__set__(field, value))
        def make():
            namespace = {"__module__": "__main__", "__annotations__": {"a": int}}
            cls = types.new_class("C", (), {}, lambda ns: ns.update(namespace))
            dataclasses.dataclass(cls)
        results = {"dataclass": outcome(make)}
        dataclasses.Field.name = real
        results["intact"] = outcome(make)
    """)
    assert results["dataclass"].startswith("forbidden"), results
    assert results["intact"] == "ok", results


def test_everyday_library_code_that_compiles_still_runs() -> None:
    program = (
        "def make():\n"
        "    collections.namedtuple('P', 'x y')(1, 2)\n"
        "    typing.List['Node']\n"
        "    ast.parse('a + b')\n"
    )
    results = _run(
        """
        import ast, collections, typing
        ns.update(collections=collections, typing=typing, ast=ast)
        results = {"library": outcome(ns["make"])}
        """,
        program,
    )
    assert results == {"library": "ok"}


def test_files_and_processes_are_refused_to_the_program_and_to_library_code() -> None:
    program = (
        "def read(path):\n    return open(path).read()\n"
        "def shell(command):\n    return system(command)\n"
        "def lines(path):\n    return getlines(path)\n"
    )
    results = _run(
        """
        import linecache, os
        ns.update(open=open, system=os.system, getlines=linecache.getlines)
        results = {
            "library": outcome(lambda: ns["lines"]("/etc/hostname")),
            "open": outcome(lambda: ns["read"]("/etc/hostname")),
            "system": outcome(lambda: ns["shell"]("true")),
            "violation": str(runtime.violation),
        }
        """,
        program,
    )
    assert results["open"] == "forbidden: line 2: 'open' is not allowed in exercises"
    assert results["system"] == "forbidden: line 4: 'os.system' is not allowed in exercises"
    assert results["library"] == "ok"  # linecache gets the OSError Landlock would give
    assert "open" in results["violation"]


def test_native_reads_of_frames_by_the_programs_code_are_refused() -> None:
    grab = "def grab(g):\n    return g.gi_frame\n"
    results = _run(
        """
        def gen():
            yield 1
        results = {
            "library": outcome(lambda: library["grab"](gen())),
            "program": outcome(lambda: ns["grab"](gen())),
        }
        """,
        grab,
        grab,
    )
    assert results["library"] == "ok"
    assert results["program"] == "forbidden: line 2: reading 'gi_frame' is not allowed in exercises"

"""The child's report is written by code the program cannot change.

The report is written in the child, after the program ran, in the same interpreter: any
library class the program can reach (`json.JSONEncoder` is offered) may have been changed
by a program that found a way past the write guards (the copy protocol's writes did that:
`test_library_writes.py`), after the sandbox loaded. What writes the report must not run such a class's methods, or
the program would write its own verdict. Each check runs in a fresh interpreter, with
`json.JSONEncoder` changed as such a program would.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHANGED = """
import json
FORGED = '{"status": "ok", "calls": [], "error": null}'
def encode(self, o):
    return FORGED
def iterencode(self, o, _one_shot=False):
    return iter([FORGED])
def init(self, **options):
    self.__dict__.update(skipkeys=False, ensure_ascii=True, check_circular=True,
                         allow_nan=True, sort_keys=False, indent=None,
                         item_separator=', ', key_separator=': ')
for name, value in (('encode', encode), ('iterencode', iterencode), ('__init__', init),
                    ('default', lambda self, o: 'forged')):
    setattr(json.JSONEncoder, name, value)
"""
RESULT = {"status": "runtime_error", "error": {"type": "ValueError", "message": "é"}, "calls": []}


def _in_fresh_interpreter(body: str) -> str:
    """Run `body` once the sandbox's modules are loaded and `json.JSONEncoder` changed."""
    script = "import sandbox.channel, sandbox.plain, sandbox.values\n" + CHANGED
    script += textwrap.dedent(body)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_the_channel_writes_the_result_itself() -> None:
    shown = _in_fresh_interpreter(
        f"""
        from sandbox.channel import Channel
        channel = Channel()
        channel.write_result({RESULT!r})
        print(repr(channel.result()))
        """
    )
    assert ast.literal_eval(shown) == RESULT


def test_sizes_and_sort_keys_of_the_report_are_its_own() -> None:
    shown = _in_fresh_interpreter(
        f"""
        from sandbox import plain, values
        print(plain.encoded_size({RESULT!r}), values.canonical_key({{'$set': [2, 1]}}))
        """
    )
    size, key = shown.split(" ", 1)
    assert int(size) == len(json.dumps(RESULT, ensure_ascii=False).encode())
    assert key == json.dumps({"$set": [2, 1]}, sort_keys=True)

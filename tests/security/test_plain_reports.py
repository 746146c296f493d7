"""Learner values are made plain before trusted code touches them (issue 10, section 3).

Everything the child reports can carry a value the program chose: a `str` subclass with
hostile methods from `__str__`, 100 MB of message, an int JSON cannot write, a set holding
a hashable list. Each must come back as a verdict (an `Outcome` of exact built-in types,
cut to size), never as a sandbox failure or a crash of the grader. Each rule runs against
each layer alone and both together; calls run only with the language layer, so the rules
about returned values run where it is on.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from grader.bank import Bank
from grader.compare import Comparison
from grader.grading import grade
from grader.kinds.write_function import values_equal
from grader.runner import CachingRunner
from grader.submission import Submission
from grader.verdict import Status as VerdictStatus
from sandbox.client import Sandbox
from sandbox.limits import Limits
from sandbox.outcome import Outcome, Status
from sandbox.plain import CALLS_BYTES, NAME_BYTES, TOO_LARGE
from sandbox.values import MAX_BYTES, FrozenDict, FrozenList, decode

LAYERS = ["sandbox", "language_only", "process_only"]
"""Both layers, then each alone (the fixtures of tests/conftest.py)."""
WITH_CALLS = ["sandbox", "language_only"]
"""Calls after the program (write-function) run only with the language layer."""
BANK = Bank.load(Path(__file__).resolve().parents[2] / "exercises").exercises
HOSTILE_STR = '''
class Hostile(str):
    """A str whose every method a reporter might call fails."""
    def __format__(self, spec):
        raise KeyError("format")
    def __add__(self, other):
        raise KeyError("add")
    def __radd__(self, other):
        raise KeyError("radd")
    def isascii(self):
        raise KeyError("isascii")
    def encode(self, *args):
        raise KeyError("encode")
    def rstrip(self, *args):
        raise KeyError("rstrip")
    def split(self, *args):
        raise KeyError("split")
    def __len__(self):
        raise KeyError("len")
'''


@pytest.fixture(params=LAYERS)
def box(request: pytest.FixtureRequest) -> Sandbox:
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


@pytest.fixture(params=WITH_CALLS)
def caller(request: pytest.FixtureRequest) -> Sandbox:
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


def _size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _call(box: Sandbox, source: str, *calls: str, limits: Limits | None = None) -> Outcome:
    return box.run(source, limits=limits or Limits(memory_mb=512), calls=calls)


# Errors ---------------------------------------------------------------------------------


def test_a_100_mb_exception_message_is_cut_to_the_error_limit(box: Sandbox) -> None:
    outcome = box.run('raise ValueError("E" * 10**8)\n', limits=Limits(memory_mb=1024))
    assert outcome.status is Status.RUNTIME_ERROR
    assert outcome.error is not None and outcome.error.type == "ValueError"
    cap = Limits().error_bytes
    assert outcome.error.message.startswith("E" * 1000)
    assert "characters cut ...]" in outcome.error.message
    assert _size(outcome.error.message) <= cap and _size(outcome.error.traceback) <= cap
    assert outcome.error.traceback.startswith("Traceback (most recent call last):")


def test_an_exception_str_that_returns_a_str_subclass_is_read_as_plain_text(box: Sandbox) -> None:
    source = HOSTILE_STR + (
        "class Boom(Exception):\n    def __str__(self):\n        return Hostile('boom')\n"
        "raise Boom()\n"
    )
    outcome = box.run(source)
    assert outcome.status is Status.RUNTIME_ERROR
    assert outcome.error is not None
    assert (outcome.error.type, outcome.error.message) == ("Boom", "boom")
    assert outcome.error.traceback.endswith("\nBoom: boom\n")


def test_a_class_renamed_to_megabytes_of_a_str_subclass_is_a_plain_short_type(
    box: Sandbox,
) -> None:
    source = HOSTILE_STR + (
        "class E(Exception):\n    pass\n"
        "E.__name__ = Hostile('Renamed' * 10**6)\nE.__qualname__ = Hostile('Q' * 10**7)\n"
        "raise E('message')\n"
    )
    outcome = box.run(source, limits=Limits(memory_mb=512))
    assert outcome.status is Status.RUNTIME_ERROR
    assert outcome.error is not None and outcome.error.message == "message"
    assert outcome.error.type.startswith("Renamed") and _size(outcome.error.type) <= NAME_BYTES
    assert _size(outcome.error.traceback) <= Limits().error_bytes


@pytest.mark.parametrize(
    "code, shown",
    [("Exiting('bye')", "bye"), ("'Q' * 10**8", "Q" * 100)],
    ids=["str-subclass", "100-mb"],
)
def test_a_system_exit_code_of_any_type_or_size_is_plain_text(
    box: Sandbox, code: str, shown: str
) -> None:
    source = HOSTILE_STR + (
        "class Exiting(str):\n    def __str__(self):\n        return Hostile(self[:])\n"
        f"raise SystemExit({code})\n"
    )
    outcome = box.run(source, limits=Limits(memory_mb=512))
    assert outcome.status is Status.RUNTIME_ERROR
    assert outcome.error is not None and outcome.error.type == "SystemExit"
    assert outcome.error.message.startswith(shown)
    assert _size(outcome.error.message) <= Limits().error_bytes


@pytest.mark.parametrize("body", ["raise KeyError('code')", "while True:\n            pass"])
def test_a_system_exit_codes_property_is_never_called_by_the_reporter(
    box: Sandbox, body: str
) -> None:
    source = (
        f"class Stop(SystemExit):\n    @property\n    def code(self):\n        {body}\n"
        "raise Stop(3)\n"
    )
    outcome = box.run(source, limits=Limits(timeout=1))
    assert outcome.status is Status.RUNTIME_ERROR
    assert outcome.error is not None and outcome.error.message == "3"


def test_a_grouped_exceptions_huge_messages_are_cut(box: Sandbox) -> None:
    source = 'raise ExceptionGroup("g" * 10**7, [ValueError("v" * 10**7), TypeError("t")])\n'
    outcome = box.run(source, limits=Limits(memory_mb=512))
    assert outcome.status is Status.RUNTIME_ERROR
    assert outcome.error is not None and outcome.error.type == "ExceptionGroup"
    assert outcome.error.message.startswith("g" * 100)
    cap = Limits().error_bytes
    assert _size(outcome.error.message) <= cap and _size(outcome.error.traceback) <= cap


def test_a_result_too_large_for_the_channel_is_reported_as_such(box: Sandbox) -> None:
    """1 MiB of error text (the most a spec allows) in control characters, which JSON writes
    6 bytes each: more than the channel holds. The run says so; it is not lost."""
    limits = Limits(error_bytes=1024 * 1024, memory_mb=512)
    outcome = box.run('raise ValueError("\\x01" * 2**20)\n', limits=limits)
    assert outcome.status is Status.RUNTIME_ERROR
    assert outcome.error is not None and outcome.error.type == TOO_LARGE
    assert outcome.error.message == "the program's result is too large to report"


@pytest.mark.parametrize("layers", ["sandbox", "language_only"])
def test_a_refused_name_of_10_mb_is_cut_in_the_refusal(
    request: pytest.FixtureRequest, layers: str
) -> None:
    box: Sandbox = request.getfixturevalue(layers)
    source = 'class A:\n    pass\ngetattr(A(), "__" + "a" * 10**7 + "__")\n'
    outcome = box.run(source, limits=Limits(memory_mb=512))
    assert outcome.status is Status.FORBIDDEN
    assert outcome.error is not None and outcome.error.message.startswith("line 3: the attribute")
    assert _size(outcome.error.message) <= Limits().error_bytes


# Returned values --------------------------------------------------------------------------

SECOND = "def fine():\n    return 1\n"


def test_a_returned_huge_int_is_the_calls_own_error(caller: Sandbox) -> None:
    outcome = _call(caller, "def f():\n    return 10 ** 5000\n" + SECOND, "f()", "fine()")
    huge, fine = outcome.calls
    assert outcome.status is Status.OK
    assert not huge.returned and huge.error is not None and huge.error.type == TOO_LARGE
    assert "4,300 digits" in huge.error.message
    assert (fine.returned, fine.value) == (True, 1)


def test_a_returned_9_mb_list_is_the_calls_own_error(caller: Sandbox) -> None:
    outcome = _call(caller, 'def f():\n    return ["x" * 100] * 90000\n' + SECOND, "f()", "fine()")
    big, fine = outcome.calls
    assert not big.returned and big.error is not None and big.error.type == TOO_LARGE
    assert f"{MAX_BYTES:,} bytes" in big.error.message
    assert (fine.returned, fine.value) == (True, 1)


def test_calls_too_large_together_become_their_own_errors(caller: Sandbox) -> None:
    """Each value fits on its own; together they would overflow the report, so the later
    ones are too large, and the earlier ones still return."""
    outcome = _call(caller, 'def f():\n    return "z" * 900000\n', *["f()"] * 8)
    returned = [c.returned for c in outcome.calls]
    assert returned[0] and not returned[-1] and returned == sorted(returned, reverse=True)
    assert sum(returned) * 900_000 <= CALLS_BYTES
    cut = outcome.calls[-1]
    assert cut.error is not None and cut.error.type == TOO_LARGE
    assert "too large to report" in cut.error.message
    assert outcome.calls[0].value == "z" * 900000


def test_a_display_from_a_hostile_repr_is_plain_and_the_call_still_returns(
    caller: Sandbox,
) -> None:
    source = HOSTILE_STR + (
        "class R:\n    def __repr__(self):\n        raise KeyError('repr')\n"
        "R.__name__ = Hostile('Shown')\n"
        "class S:\n    def __repr__(self):\n        return Hostile('s' * 10**6)\n"
        "def f():\n    return R()\ndef g():\n    return S()\n"
    )
    r, s = _call(caller, source, "f()", "g()").calls
    assert (r.returned, r.display) == (True, "<Shown object>")
    assert s.returned and s.display.startswith("sss") and len(s.display) <= 200


def test_a_set_of_a_tuple_of_a_hashable_list_subclass_decodes_faithfully(caller: Sandbox) -> None:
    source = (
        "class L(list):\n    def __hash__(self):\n        return 1\n"
        "class D(dict):\n    def __hash__(self):\n        return 2\n"
        "def f():\n    return {(L([1, 2]),), D(a=L([3]))}\n"
        "def g():\n    return {(L([1, 2]),): {D(b=2): 0}}\n"
    )
    f, g = _call(caller, source, "f()", "g()").calls
    assert decode(f.value) == {(FrozenList([1, 2]),), FrozenDict([("a", FrozenList([3]))])}
    assert ((1, 2),) not in decode(f.value)  # a list, never taken for a tuple
    assert decode(g.value) == {(FrozenList([1, 2]),): {FrozenDict([("b", 2)]): 0}}


def test_a_hashable_list_in_a_set_grades_as_a_wrong_answer(caller: Sandbox) -> None:
    source = (
        "class L(list):\n    def __hash__(self):\n        return 1\n"
        "def average(numbers):\n    return {(L([1, 2]),)}\n"
    )
    verdict = grade(BANK["functions-average"], Submission(source, "s.py"), CachingRunner(caller))
    assert verdict.status is VerdictStatus.WRONG_ANSWER
    assert verdict.checks[0].actual == "{([1, 2],)}"


def test_a_huge_int_against_a_float_expectation_is_a_wrong_answer(caller: Sandbox) -> None:
    source = "def average(numbers):\n    return 10 ** 4000\n"
    verdict = grade(BANK["functions-average"], Submission(source, "s.py"), CachingRunner(caller))
    assert verdict.status is VerdictStatus.WRONG_ANSWER
    assert not values_equal(2.5, 10**4000, Comparison())


# Reports the program forged (without the language layer, it can write the channel) ------

FORGE = """
import json, os, sys
frame = sys._getframe()
while frame is not None and "channel" not in frame.f_locals:
    frame = frame.f_back
frame.f_locals["channel"].write_result(json.loads('''RESULT'''))
os._exit(0)
"""


@pytest.mark.parametrize(
    "exercise, result",
    [
        (
            "functions-average",
            '{"status": "ok", "error": null, "calls": [{"call": "average([1, 2, 3, 4])",'
            ' "returned": true, "value": {"$dict": 5}, "display": 7, "stdout": null}]}',
        ),
        (
            "strings-initials",
            '{"status": "runtime_error", "calls": [],'
            ' "error": {"type": 5, "message": ["x"], "line": "3", "traceback": {}}}',
        ),
    ],
    ids=["malformed-value", "mistyped-error"],
)
def test_a_forged_report_of_the_wrong_shape_is_graded_never_a_crash(
    process_only: Sandbox, exercise: str, result: str
) -> None:
    source = FORGE.replace("RESULT", result)
    verdict = grade(BANK[exercise], Submission(source, "s.py"), CachingRunner(process_only))
    assert not verdict.passed


# From the command line (both layers, as in production) ------------------------------------

ROOT = Path(__file__).resolve().parents[2]
FUNCTIONS = {
    "huge-message": 'def average(numbers):\n    raise ValueError("E" * 10**8)\n',
    "str-subclass": HOSTILE_STR
    + (
        "class Boom(Exception):\n    def __str__(self):\n        return Hostile('boom')\n"
        "def average(numbers):\n    raise Boom()\n"
    ),
    "huge-int": "def average(numbers):\n    return 10 ** 5000\n",
    "9-mb-list": 'def average(numbers):\n    return ["x" * 100] * 90000\n',
    "hashable-list-in-a-set": (
        "class L(list):\n    def __hash__(self):\n        return 1\n"
        "def average(numbers):\n    return {(L([1, 2]),)}\n"
    ),
}
PROGRAMS = {
    "huge-message": 'raise ValueError("E" * 10**8)\n',
    "str-subclass": FUNCTIONS["str-subclass"] + "average([])\n",
    "huge-exit-code": 'raise SystemExit("Q" * 10**8)\n',
}


def _grader(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grader", *args], capture_output=True, text=True, cwd=ROOT
    )


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_a_hostile_value_is_a_verdict_of_grader_check(name: str, tmp_path: Path) -> None:
    submission = tmp_path / "average.py"
    submission.write_text(FUNCTIONS[name])
    result = _grader("check", "functions-average", str(submission), "--format", "json")
    assert result.returncode == 1, result.stderr  # not passed; never 3 or 70
    verdict = json.loads(result.stdout)
    assert verdict["status"] == "wrong_answer" and len(result.stdout) < 100_000


@pytest.mark.parametrize("name", list(PROGRAMS))
def test_a_hostile_error_is_shown_by_grader_run(name: str, tmp_path: Path) -> None:
    program = tmp_path / "program.py"
    program.write_text(PROGRAMS[name])
    result = _grader("run", str(program))
    assert result.returncode == 1, result.stderr  # the program failed; the sandbox did not
    assert "characters cut" in result.stderr or "Boom: boom" in result.stderr
    assert len(result.stderr) < 20_000


def test_hostile_values_are_verdicts_of_grader_batch(tmp_path: Path) -> None:
    for name, source in FUNCTIONS.items():
        (tmp_path / "in" / name).mkdir(parents=True)
        (tmp_path / "in" / name / "functions-average.py").write_text(source)
    result = _grader("batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Graded {len(FUNCTIONS)} submissions" in result.stdout
    assert f"In {tmp_path / 'out'}: {len(FUNCTIONS)} verdicts (wrong_answer" in result.stdout

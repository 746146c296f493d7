"""Rules on the solution itself (`requires`, `forbids`), checked on the learner's AST."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from grader.errors import SpecError
from grader.runner import CachingRunner
from grader.spec.loader import parse_exercise
from grader.toolkit.rules import Rule, Rules, violations
from grader.validation import advice, exercise_problems
from grader.verdict import Status, Verdict

from .conftest import COMMON, exercise

ROOT = Path(__file__).resolve().parents[2]


def broken(source: str, *forbids: tuple[str, str], requires=(), entry=None) -> list[str]:
    rules = Rules(tuple(Rule(*r) for r in requires), tuple(Rule(*f) for f in forbids), entry)
    found = violations(rules, textwrap.dedent(source))
    assert found is not None
    return [v.message for v in found]


RECURSION = {"requires": [("construct", "recursion")], "entry": "digits"}


@pytest.mark.parametrize(
    "source",
    [
        "def digits(n):\n    return 1 if n < 10 else 1 + digits(n // 10)\n",
        "def digits(n):\n    return helper(n)\ndef helper(n):\n    return 1 if n < 10 else 1 + digits(n // 10)\n",
        "def digits(n):\n    return 1 if n < 10 else 1 + d(n // 10)\nd = digits\n",
        "def digits(n):\n    return 1 if n < 10 else sum(map(digits, [n // 10])) + 1\n",
        "digits = lambda n: 1 if n < 10 else 1 + digits(n // 10)\n",
        "def digits(n):\n    def go(m):\n        return 1 if m < 10 else 1 + go(m // 10)\n    return go(n)\n",
        "class T:\n    def __init__(self, rest=None):\n        self.rest = rest\n"
        "    def size(self):\n        return 1 + (self.rest.size() if self.rest else 0)\n"
        "def digits(n):\n    return T(T()).size()\n",
    ],
    ids=["direct", "mutual", "alias", "passed-as-value", "lambda", "nested-helper", "method"],
)
def test_recursion_is_found_through_calls_aliases_and_methods(source: str) -> None:
    assert broken(source, **RECURSION) == []


@pytest.mark.parametrize(
    "source",
    [
        "def digits(n):\n    return len(str(n))\n",
        # a recursive function that the graded function never reaches does not count
        "def fact(n):\n    return 1 if n == 0 else n * fact(n - 1)\n"
        "def digits(n):\n    return len(str(n))\n",
    ],
    ids=["none", "unreachable"],
)
def test_recursion_must_be_reachable_from_the_graded_function(source: str) -> None:
    assert broken(source, **RECURSION) == ["does not use recursion"]


def test_a_program_s_recursion_is_reached_from_its_module_code() -> None:
    rules = {"requires": [("construct", "recursion")]}
    source = "def f(n):\n    return 0 if n == 0 else f(n - 1)\n"
    assert broken(source + "print(f(3))\n", **rules) == []
    assert broken(source + "print(3)\n", **rules) == ["does not use recursion"]


STR = ("call", "str")


@pytest.mark.parametrize(
    "source",
    [
        "print(str(5))",
        "s = str\nprint(s(5))",
        "print(list(map(str, [1, 2])))",
        "print(getattr(__builtins__, 'str')(5))",
        "print(__builtins__.str(5))",
        "print(__builtins__['str'](5))",
        "print(globals()['__builtins__']['str'](5))",
        "import builtins\nprint(builtins.str(5))",
        "from builtins import str as text\nprint(text(5))",
        "print(type('')(5))",
        "print(''.__class__(5))",
        "exec('print(str(5))')",
    ],
)
def test_a_forbidden_function_is_found_however_it_is_reached(source: str) -> None:
    assert broken(source, STR)[0].startswith("uses str() (line ")


@pytest.mark.parametrize(
    "source",
    [
        "import statistics\nstatistics.mean([1])",
        "import statistics as s\ns.mean([1])",
        "from statistics import *\nmean([1])",
        "from statistics import mean as m\nm([1])",
        "import statistics.fake",
        "__import__('statistics')",
        "import importlib\nimportlib.import_module('statistics')",
        "exec('import statistics')",
        "def f():\n    import statistics\n",
    ],
)
def test_a_forbidden_module_is_found_in_every_import_form(source: str) -> None:
    assert broken(source, ("import", "statistics"))[0].startswith("uses the module statistics")


CATCH = ("catch", "ValueError")


@pytest.mark.parametrize(
    "handler",
    ["except ValueError:", "except (KeyError, ValueError):", "except ValueError as exc:"],
)
def test_a_required_catch_is_an_except_clause_that_names_the_exception(handler: str) -> None:
    source = f"try:\n    int(text)\n{handler}\n    pass\n"
    assert broken(source, requires=[CATCH]) == []


@pytest.mark.parametrize(
    "handler", ["except:", "except Exception:", "except EOFError:", "except TypeError:"]
)
def test_a_clause_that_does_not_name_the_exception_is_no_required_catch(handler: str) -> None:
    """A review: safe-divide's starter (`except EOFError`) satisfied a `try` requirement
    in a solution that checked the text by hand."""
    source = f"try:\n    int(text)\n{handler}\n    pass\n"
    assert broken(source, requires=[CATCH]) == ["does not use `except ValueError`"]


@pytest.mark.parametrize("handler", ["except ValueError:", "except:", "except Exception:"])
def test_a_forbidden_catch_is_any_clause_that_would_catch_the_exception(handler: str) -> None:
    source = f"try:\n    int(text)\n{handler}\n    pass\n"
    assert broken(source, CATCH) == ["uses `except ValueError` (line 3)"]
    assert broken("try:\n    pass\nexcept KeyError:\n    pass\n", CATCH) == []


def test_a_module_s_exception_is_caught_by_its_own_name() -> None:
    source = "import json\ntry:\n    json.loads(t)\nexcept json.JSONDecodeError:\n    pass\n"
    assert broken(source, requires=[("catch", "JSONDecodeError")]) == []


def test_an_imported_files_main_block_is_not_read_but_a_programs_is() -> None:
    """A learner review's recursive count_digits broke `forbids: fstring` in its own
    self-test under `if __name__ == "__main__":`, which a write-function test never runs."""
    source = (
        "def f(n):\n    return n\n\n"
        "if __name__ == '__main__':\n    print(f'{f(1)}')\n"
        "if '__main__' == __name__:\n    print(str(f(2)))\n"
    )
    fstring, text = ("construct", "fstring"), ("call", "str")
    assert broken(source, fstring, text, entry="f") == []
    assert broken(source, fstring, text) == [
        "uses an f-string (line 5)",
        "uses str() (line 7)",
    ]


def test_names_computed_at_run_time_break_the_rules_they_could_hide() -> None:
    assert broken("exec(code)", STR) == [
        "may use str(): line 1 calls exec(), whose code this check cannot read"
    ]
    assert broken("f = getattr(__builtins__, name)", STR)[0].startswith("may use str(): line 1")
    assert broken("m = __import__(name)", ("import", "statistics"))[0].startswith("may use")
    assert broken("getattr(items, name)()", ("method", "sort"))[0].startswith("may use .sort()")
    assert broken("getattr(items, name)()", STR) == []  # not a module: not a function lookup


def test_types_in_isinstance_annotations_and_except_are_not_uses() -> None:
    source = """\
        def f(x: str) -> str:
            try:
                return x if isinstance(x, (int, str)) else ""
            except (TypeError, str):
                return ""
    """
    assert broken(source, STR) == []


def test_methods_loops_and_constructs() -> None:
    assert broken("a = [2, 1]\na.sort()", ("method", "sort")) == ["uses .sort() (line 2)"]
    assert broken("getattr(a, 'sort')()", ("method", "sort")) == ["uses .sort() (line 1)"]
    assert broken("x = 1\nwhile x:\n    x = 0", ("loop", "while")) == ["uses a while loop (line 2)"]
    assert broken("while x: pass", ("loop", "for")) == []
    assert broken("y = [i for i in x]", ("loop", "for")) == ["uses a for loop (line 1)"]
    assert broken("f = lambda: 0", ("construct", "lambda")) == ["uses a lambda (line 1)"]
    assert broken("print(f'{x}')", ("construct", "fstring")) == ["uses an f-string (line 1)"]
    assert broken("print(f'plain')", ("construct", "fstring")) == []
    assert broken("def f(n):\n    return f(n)\n", ("construct", "recursion")) == [
        "uses recursion (line 2)"
    ]


def test_code_that_does_not_parse_is_left_to_the_kind() -> None:
    assert violations(Rules((), (Rule(*STR),)), "def f(:") is None


RECURSIVE_DIGITS = """\
    function: digits
    requires:
      - recursion
    forbids:
      - call: str
        hint: Count the digits by dividing by 10, not by turning n into text.
      - {loop: while}
    cases:
      - call: digits(7)
        returns: 1
      - call: digits(12345)
        returns: 5
    solution_code: |
      def digits(n):
          return 1 if n < 10 else 1 + digits(n // 10)
"""


def test_a_broken_rule_is_a_wrong_answer_with_its_hint(check: Callable[..., Verdict]) -> None:
    target = exercise("write-function", RECURSIVE_DIGITS)
    shortcut = check(target, "def digits(n):\n    return len(str(n))\n", "a.py")
    assert shortcut.status is Status.WRONG_ANSWER and shortcut.score == 0
    assert [c.name for c in shortcut.checks] == ["requires recursion", "forbids str()"]
    assert shortcut.message == (
        "The solution breaks a rule of this exercise: it does not use recursion; "
        "it uses str() (line 2)."
    )
    assert shortcut.hints[:2] == (
        "This exercise asks for recursion: let the function call itself on a smaller input.",
        "Count the digits by dividing by 10, not by turning n into text.",
    )
    right = check(
        target, "def digits(n):\n    return 1 if n < 10 else 1 + digits(n // 10)\n", "a.py"
    )
    assert right.passed


def test_rule_names_are_checked_with_did_you_mean() -> None:
    with pytest.raises(SpecError) as caught:
        exercise(
            "write-function",
            RECURSIVE_DIGITS.replace("  - recursion", "  - recurssion").replace(
                "{loop: while}", "{loop: whille}"
            ),
        )
    found = [str(p) for p in caught.value.problems]
    assert (
        "test-exercise.yaml:11: requires[0]: unknown construct 'recurssion'; did you mean 'recursion'?"
        in " ".join(found)
    )
    assert any("forbids[1].loop: unknown loop 'whille'; did you mean 'while'?" in p for p in found)


def test_rules_need_a_kind_whose_answers_are_code() -> None:
    with pytest.raises(SpecError) as caught:
        exercise(
            "explain", "requires: [recursion]\nconcepts: [{name: n, hint: h, keywords: [word]}]\n"
        )
    assert any(
        "rules on the solution need a kind whose answers are code" in str(p)
        for p in caught.value.problems
    )


def test_validate_runs_the_rules_on_the_reference(runner: CachingRunner) -> None:
    text = RECURSIVE_DIGITS.replace(
        "return 1 if n < 10 else 1 + digits(n // 10)", "return len(str(n))"
    )
    problems = [str(p) for p in exercise_problems([exercise("write-function", text)], None)]
    assert any(
        ":11: requires[0]: the reference solution breaks this rule: it does not use recursion" in p
        for p in problems
    ), problems
    assert any(
        ":13: forbids[0]: the reference solution breaks this rule: it uses str()" in p
        for p in problems
    )


def test_check_refuses_the_str_shortcut_from_the_cli(tmp_path: Path) -> None:
    spec = tmp_path / "functions" / "functions-digits.yaml"
    spec.parent.mkdir()
    spec.write_text(
        COMMON.format(id="functions-digits", kind="write-function").replace(
            "topic: testing", "topic: functions"
        )
        + textwrap.dedent(RECURSIVE_DIGITS)
    )
    attempt = tmp_path / "attempt.py"
    attempt.write_text("def digits(n):\n    return len(str(n))\n")
    result = subprocess.run(
        [sys.executable, "-m", "grader", "check", str(spec), str(attempt)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    assert "wrong_answer" in result.stdout and "0/1 points" in result.stdout
    assert "it uses str() (line 2)" in result.stdout
    assert parse_exercise(spec.read_text(), str(spec)).rules


RULED = """\
id: ruled
kind: write-function
title: T
topic: t
difficulty: easy
prompt: P
hint: H
solution: [S]
function: f
forbids: [{rule}]
cases:
  - call: f([2, 1])
    returns: [1, 2]
solution_code: |
  def f(xs):
      return sorted(xs)
"""


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        (
            "{import: mth}",
            "there is no module 'mth' here, so this rule could never apply; did you mean 'math'?",
        ),
        (
            "{call: math.sqr}",
            "the module math has no 'sqr', so this rule could never apply; did you mean 'math.sqrt'?",
        ),
        (
            "{call: mth.sqrt}",
            "there is no module 'mth' here, so this rule could never apply; did you mean 'math'?",
        ),
        (
            "{method: srot}",
            "no built-in type or allowed module has a method 'srot', so this rule could never apply; did you mean 'sort'?",
        ),
    ],
)
def test_a_rule_name_that_cannot_exist_is_a_problem_with_a_did_you_mean(
    rule: str, says: str
) -> None:
    with pytest.raises(SpecError) as caught:
        parse_exercise(RULED.format(rule=rule), "x.yaml")
    assert [p.message for p in caught.value.problems] == [says]


@pytest.mark.parametrize(
    "rule",
    [
        "{call: sorted}",
        "{call: str}",
        "{call: f}",
        "{call: sqrt}",
        "{import: os.path}",
        "{import: statistics}",
        "{call: math.sqrt}",
        "{method: sort}",
        "{method: items}",
        "{method: xs}",
    ],
)
def test_a_rule_name_that_exists_is_accepted_without_a_warning(rule: str) -> None:
    exercise = parse_exercise(RULED.format(rule=rule), "x.yaml")
    assert advice(exercise) == []


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        (
            "{call: sortd}",
            "'sortd' is no built-in and appears nowhere in the exercise's code: only code that defines it breaks this rule; did you mean 'sorted'?",
        ),
        ("{call: my_helper}", "only code that defines it breaks this rule; check the spelling"),
        ("{import: nosuchpackage}", "there is no module 'nosuchpackage' here: only code"),
    ],
)
def test_a_rule_name_a_learner_or_a_package_may_define_is_a_warning(rule: str, says: str) -> None:
    exercise = parse_exercise(RULED.format(rule=rule), "x.yaml")  # it loads: not refused
    [warning] = advice(exercise)
    assert warning.line == 10 and says in warning.message, warning

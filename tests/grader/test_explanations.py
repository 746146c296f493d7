"""Built-in plain-language explanations of common beginner errors, triggered by real errors."""

from __future__ import annotations

import pytest

from grader.explanations import RULES, explain, find_rule
from sandbox import Limits, Sandbox

PROGRAMS = {
    "missing-colon": "if True\n    print(1)\n",
    "unclosed-bracket": "print((1, 2)\n",
    "unmatched-bracket": "x = 1)\n",
    "mismatched-bracket": "x = (1, 2]\n",
    "assign-vs-equal": "x = 1\nif x = 1:\n    pass\n",
    "unterminated-string": "print('hello)\n",
    "unterminated-triple": 'x = """abc\n',
    "expected-indent": "def f():\nreturn 1\n",
    "unexpected-indent": "x = 1\n    y = 2\n",
    "unindent-mismatch": "if True:\n        x = 1\n    y = 2\n",
    "tabs-and-spaces": "if True:\n\tx = 1\n        y = 2\n",
    "forgot-comma": "x = [1 2]\n",
    "print-statement": "print 'hello'\n",
    "return-outside": "return 5\n",
    "break-outside": "break\n",
    "bad-number": "x = 2y\n",
    "smart-quote": "print(\u201chi\u201d)\n",
    "invalid-character": "x = 1 \u00a7 2\n",
    "assign-to-call": "len(x) = 5\n",
    "fstring": "x = f'{}'\n",
    "keyword-as-name": "True = 1\n",
    "generic-syntax": "x = = 1\n",
    "unbound-local": "count = 0\ndef f():\n    count += 1\nf()\n",
    "name-error": "total = 1\nprint(totl)\n",
    "str-plus-int": "print('age ' + 5)\n",
    "none-operand": "def f(n):\n    n + 1\nprint(1 + f(2))\n",
    "bad-operands": "print(5 + '5')\n",
    "not-callable": "x = 5\nx(1)\n",
    "missing-argument": "def f(a, b):\n    pass\nf(1)\n",
    "too-many-arguments": "class A:\n    def m():\n        pass\nA().m()\n",
    "none-subscript": "x = None\nx[0]\n",
    "not-iterable": "for i in 5:\n    pass\n",
    "index-type": "[1, 2]['a']\n",
    "immutable-str": "s = 'abc'\ns[0] = 'x'\n",
    "unhashable": "d = {[1]: 2}\n",
    "index-range": "xs = [1, 2, 3]\nfor i in range(len(xs) + 1):\n    print(xs[i])\n",
    "key-error": "d = {'a': 1}\nd['b']\n",
    "zero-division": "print(1 / 0)\n",
    "int-parse": "int('abc')\n",
    "none-attribute": "x = [3, 1].sort()\nx.append(1)\n",
    "attribute-typo": "'abc'.uper()\n",
    "no-attribute": "(1).foo\n",
    "recursion": "def f(n):\n    return f(n + 1)\nf(0)\n",
    "eof": "input()\n",
    "stop-iteration": "next(iter([]))\n",
    "assertion": "assert 1 == 2\n",
    "forbidden-sys": "import sys\nfor line in sys.stdin:\n    print(line)\n",
    "forbidden-import": "import os\n",
    "forbidden": "open('notes.txt')\n",
    "timeout": "while True:\n    pass\n",
    "output-limit": "while True:\n    print('x' * 1000)\n",
    "memory": "x = 'a' * 10**10\n",
}


def test_at_least_25_common_errors_are_explained() -> None:
    assert len(RULES) >= 25


@pytest.mark.parametrize("rule_name", sorted(PROGRAMS))
def test_real_error_gets_its_explanation(sandbox: Sandbox, rule_name: str) -> None:
    outcome = sandbox.run(PROGRAMS[rule_name], filename="p.py", limits=Limits(timeout=0.5))
    error = outcome.error  # none for a stop without one: the status names it (as the kinds do)
    said = (error.type, error.message) if error else (str(outcome.status), "")
    found = find_rule(*said)
    assert found is not None, said
    assert found[0].name == rule_name, said


def test_every_rule_is_exercised_by_a_real_program() -> None:
    assert {rule.name for rule in RULES} == set(PROGRAMS)


def test_name_error_names_the_suggestion() -> None:
    text = explain("NameError", "name 'totl' is not defined. Did you mean: 'total'?")
    assert text is not None and "Did you mean 'total'?" in text


def test_a_type_named_in_an_explanation_takes_its_article() -> None:
    text = explain("TypeError", "unsupported operand type(s) for +: 'int' and 'str'")
    assert text is not None and "`+` cannot combine an int with a str." in text


def test_none_as_an_operand_is_blamed_on_a_missing_return_not_on_input() -> None:
    """A learner review: a recursive call without `return` was told to convert input()."""
    text = explain("TypeError", "unsupported operand type(s) for +: 'int' and 'NoneType'")
    assert text is not None and "without `return` gives None" in text and "input()" not in text


def test_a_value_of_a_learners_type_is_named_with_its_article() -> None:
    from grader.toolkit.values import type_name
    from sandbox.values import Opaque

    assert type_name(Opaque("Anything", "<Anything>")) == "an Anything object"
    assert type_name(Opaque("Point", "Point(1)")) == "a Point object"
    assert type_name(b"x") == "a bytes"


def test_off_by_one_uses_the_source_line() -> None:
    text = explain("IndexError", "list index out of range", "for i in range(len(xs) + 1):")
    assert text is not None and "goes one step too far" in text


@pytest.mark.parametrize(
    ("program", "expected"),
    [
        ("a, b = 1, 1\nif a === b:\n    pass\n", "Python has no `===`"),
        ("a = 1\nif a !== 2:\n    pass\n", "Python has no `===`"),
        ("x = y = 1\nif x:\n    pass\nelse if y:\n    pass\n", "`elif`"),
        ("a = b = 1\nif a && b:\n    pass\n", "`and` and `or`"),
        ("a = 1\nif !a:\n    pass\n", "`not x`"),
        ("x = 1\nx++\n", "`x += 1`"),
        ("for item in [1, 2];\n    print(item)\n", "not a semicolon"),
        ("while True;\n    break\n", "not a semicolon"),
        ('scores = {\n    "a": 0.89;\n    "b": 0.75,\n}\n', "separated by commas"),
    ],
)
def test_a_syntax_error_is_explained_by_the_mistake_on_its_line(
    program: str, expected: str
) -> None:
    """Habits from other languages get their Python spelling, not the generic advice."""
    try:
        compile(program, "main.py", "exec")
    except SyntaxError as error:
        line = program.splitlines()[(error.lineno or 1) - 1]
        text = explain("SyntaxError", error.msg, line)
    else:
        raise AssertionError("the program compiles")
    assert text is not None and expected in text, text


def test_an_exclamation_mark_after_a_string_is_not_called_a_negation() -> None:
    text = explain("SyntaxError", "invalid syntax", 'print(f"Hello, {user}"!)') or ""
    assert "`not x`" not in text and "Python could not read this line" in text


def test_a_line_without_those_habits_keeps_the_generic_syntax_advice() -> None:
    assert "Python could not read this line" in (
        explain("SyntaxError", "invalid syntax", "x = [1 2 3") or ""
    )
    assert "must end with a colon" in (explain("SyntaxError", "expected ':'", "if x > 1") or "")
    assert "must end with a colon" in (
        explain("SyntaxError", "expected ':'", 'if x != 1  # "!" here') or ""
    )
    assert "Python could not read this line" in (
        explain("SyntaxError", "invalid syntax", 'print("wow!" "&&" 2 3)') or ""
    )


def test_an_error_on_a_hidden_test_is_explained_without_the_tests_data() -> None:
    """A KeyError's message is the key a hidden test looked up (a learner review saw
    'plum' from a hidden case in a hint): the advice stays, the key goes."""
    shown = explain("KeyError", "'plum'")
    hidden = explain("KeyError", "'plum'", hidden=True)
    assert shown is not None and "'plum'" in shown
    assert hidden is not None and "plum" not in hidden and ".get(key, default)" in hidden
    quoting = [rule.name for rule in RULES if rule.on_hidden is not None]
    assert quoting == ["key-error"]
    same = explain("ZeroDivisionError", "division by zero", hidden=True)
    assert same == explain("ZeroDivisionError", "division by zero")


def test_an_empty_strings_first_character_is_explained_as_an_empty_string() -> None:
    """`split(" ")` gives empty words between two spaces: `word[0]` fails on one (a learner
    review was told about a list of 3 items)."""
    said = explain("IndexError", "string index out of range", "initials += word[0]")
    assert said is not None and said.startswith("The string is empty")
    listed = explain("IndexError", "list index out of range", "print(xs[0])")
    assert listed is not None and listed.startswith("An index is past the end")


def test_an_error_without_a_message_is_named_alone() -> None:
    """An instructor review saw `ValueError:  (line 3)` for a bare `raise ValueError`."""
    from grader.toolkit.runs import error_text
    from sandbox.outcome import ErrorInfo

    assert error_text(ErrorInfo("ValueError", "")) == "ValueError"
    assert error_text(ErrorInfo("ValueError", "bad")) == "ValueError: bad"

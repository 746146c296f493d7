"""fix-syntax-error judges a fix by its structure: each detector of a fix that compiles
but is not the fix, on a realistic learner fix; the spellings that mean the same; locked
banks. Outcomes are scripted (`grader.testing`); test_corpus.py runs the bank for real."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import yaml

from grader.grading import grade
from grader.spec.loader import parse_exercise
from grader.submission import Submission
from grader.testing import FakeRunner, Run, crashed, ran
from grader.toolkit import structure
from grader.toolkit.misconceptions import fixes
from grader.verdict import Status, Verdict
from sandbox.outcome import Outcome

from .conftest import COMMON, exercise

GUESS = """\
answer = 42
guess = int(input())
if guess = answer:
    print("correct")
else:
    print("try again")
"""
RATIO = """\
def safe_ratio(a, b):
    try:
        return float(a) / float(b)
    except ValueError, TypeError:
        return None

print(safe_ratio("3", "4"))
print(safe_ratio(None, 2))
"""
LENGTHS = """\
names = ["train.csv", "test.csv"]
lengths = [len(name) for name in names
print(lengths)
print(max(lengths))
"""
REGISTRY = """\
registry = {
    "v1.0": 0.81,
    "v1.1": 0.89
    "v2.0": 0.86,
}
best = max(registry, key=registry.get)
print("deploy", best)
"""
FIXES = {
    GUESS: GUESS.replace("guess = answer", "guess == answer"),
    RATIO: RATIO.replace("except ValueError, TypeError", "except (ValueError, TypeError)"),
    LENGTHS: LENGTHS.replace("in names\n", "in names]\n"),
    REGISTRY: REGISTRY.replace("0.89\n", "0.89,\n"),
}


@dataclass(frozen=True)
class Attempt:
    detector: str
    broken: str
    fix: str
    hint: str


ATTEMPTS = [
    Attempt(
        "commented_out",
        LENGTHS,
        LENGTHS.replace("lengths = [len", "lengths = []\n# lengths = [len"),
        "You turned line 2, `lengths = [len(name) for name in names`, into a comment",
    ),
    Attempt(
        "walrus_for_comparison",
        GUESS,
        GUESS.replace("guess = answer", "guess := answer"),
        "Your line 3, `if guess := answer:`, uses `:=`, which assigns",
    ),
    Attempt(
        "is_for_equality",
        GUESS,
        GUESS.replace("guess = answer", "guess is answer"),
        "Your line 3, `if guess is answer:`, uses `is`, which asks whether two names are the "
        "very same object",
    ),
    Attempt(
        "constant_condition",
        GUESS,
        GUESS.replace("guess = answer", "True"),
        "Your line 3 tests the constant `True`, so the condition no longer depends on the "
        "program's values (the original line was `if guess = answer:`)",
    ),
    Attempt(
        "handler_types",
        RATIO,
        RATIO.replace("except ValueError, TypeError", "except"),
        "A bare `except:` catches every error, even a misspelt name's NameError, not only "
        "ValueError and TypeError",
    ),
    Attempt(
        "handler_types",
        RATIO,
        RATIO.replace("except ValueError, TypeError", "except ValueError"),
        "Your line 4, `except ValueError:`, catches only ValueError; the original line also "
        "names TypeError",
    ),
    Attempt(
        "or_in_except",
        RATIO,
        RATIO.replace("except ValueError, TypeError", "except ValueError or TypeError"),
        "`except ValueError or TypeError:` catches only ValueError",
    ),
    Attempt(
        "other_brackets",
        LENGTHS,
        LENGTHS.replace("[len(name) for name in names\n", "(len(name) for name in names)\n"),
        "Your line 2, `lengths = (len(name) for name in names)`, makes a generator with "
        "`( )`, where the program needs a list, written with `[ ]` as the original opens it: "
        "keep that opening bracket",
    ),
    Attempt(
        "hard_coded_value",
        LENGTHS,
        FIXES[LENGTHS].replace("print(max(lengths))", "print(9)"),
        "Your line 4, `print(9)`, uses `9`, a value typed in by hand, where the original line "
        "`print(max(lengths))` computes it",
    ),
    Attempt(
        "removed_code",
        LENGTHS,
        FIXES[LENGTHS].replace("print(lengths)\n", ""),
        "Your fix removes line 3, `print(lengths)`",
    ),
    Attempt(
        "removed_code",
        REGISTRY,
        REGISTRY.replace('    "v2.0": 0.86,\n', ""),
        'Your fix removes line 4, `"v2.0": 0.86,`',
    ),
    Attempt(
        "added_code",
        GUESS,
        FIXES[GUESS] + 'print("done")\n',
        'Your fix adds line 7, `print("done")`',
    ),
    Attempt(
        "changed_elsewhere",
        GUESS,
        FIXES[GUESS].replace('print("correct")', 'print("well done")'),
        'You also changed line 4: `print("correct")` became `print("well done")`. That line '
        "has no error",
    ),
    Attempt(
        "changed_line",
        REGISTRY,
        FIXES[REGISTRY].replace('"v1.1": 0.89,', '"v1.1": 0.99,'),
        'Your line 3, `"v1.1": 0.99,`, is not the original line `"v1.1": 0.89` with only its '
        "syntax error fixed",
    ),
]


def fix_exercise(broken: str, fixed: str, extra: str = "") -> object:
    data = {"code": broken, "fixed": fixed}
    return exercise("fix-syntax-error", yaml.safe_dump(data) + extra)


def by_file(learner: Outcome, reference: Outcome) -> FakeRunner:
    def respond(run: Run) -> Outcome:
        return reference if run.filename == "fixed.py" else learner

    return FakeRunner(respond)


def graded(broken: str, fix: str, printed: str = "out\n") -> Verdict:
    target = fix_exercise(broken, FIXES[broken])
    runner = by_file(ran(printed), ran("out\n"))
    return grade(target, Submission.from_text(fix, "fix.py"), runner)  # type: ignore[arg-type]


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=lambda a: a.detector)
def test_each_fix_detector_names_what_the_fix_changed(attempt: Attempt) -> None:
    verdict = graded(attempt.broken, attempt.fix)
    assert verdict.status is Status.WRONG_ANSWER and verdict.score == 0.0
    assert attempt.hint in verdict.hints[0], verdict.hints
    assert verdict.checks[0].name == "fixes only the syntax error"


def test_every_fix_detector_has_a_realistic_attempt() -> None:
    assert {d.__name__ for d in fixes.DETECTORS} == {a.detector for a in ATTEMPTS}


def test_a_rewrite_is_named_as_such() -> None:
    verdict = graded(LENGTHS, "print([9, 8])\nprint(9)\n")
    assert verdict.hints[0].startswith("Your program only prints values typed in by hand")
    verdict = graded(GUESS, "a = 42\nb = int(input())\nprint('correct' if a == b else 'no')\n")
    assert verdict.hints[0].startswith("Your program is a rewrite, not the original")


def test_a_fix_that_changes_meaning_fails_even_when_it_prints_the_same() -> None:
    verdict = graded(GUESS, GUESS.replace("guess = answer", "guess := answer"))
    assert verdict.status is Status.WRONG_ANSWER
    assert verdict.message == (
        "The program compiles, but the fix changes more than the syntax error on its line."
    )


def test_a_fix_that_crashes_keeps_its_structural_hint_first() -> None:
    target = fix_exercise(RATIO, FIXES[RATIO])
    crash = crashed("TypeError", "float() argument must be a string or a real number", line=3)
    fix = RATIO.replace("except ValueError, TypeError", "except ValueError or TypeError")
    verdict = grade(target, Submission.from_text(fix, "fix.py"), by_file(crash, ran("0.75\n")))  # type: ignore[arg-type]
    assert verdict.status is Status.WRONG_ANSWER  # the change decides; the crash is told
    assert "TypeError: float() argument must be" in verdict.message
    assert verdict.hints[0].startswith("`except ValueError or TypeError:` catches only")


SAME = [
    ("if a == b:\n    pass\n", "if b == a:  # swapped\n    pass\n"),
    ("if a > b:\n    pass\n", "if b < a:\n    pass\n"),
    ("x = (1,\n     2)\n", "x = (1, 2,)\n"),
    ("s = 'a'\n", 's = "a"\n'),
    ("from m import a, b\n", "from m import b, a\n"),
    ("from m import a, b\n", "from m import a\nfrom m import b\n"),
    ("from m import a, b\n", "from m import (\n    a,\n    b,\n)\n"),
    ("import a, b\n", "import b\nimport a\n"),
    (
        "try:\n    f()\nexcept (A, B):\n    pass\n",
        "try:\n    f()\nexcept (B, A) as error:\n    pass\n",
    ),
    (
        "try:\n    f()\nexcept (A, B):\n    pass\n",
        "try:\n    f()\nexcept A:\n    pass\nexcept B:\n    pass\n",
    ),
    ("try:\n    f()\nexcept A:\n    pass\n", "try:\n    f()\nexcept (A,):\n    pass\n"),
    ("for x in y:\n    print(x)\n", "for x in y: print(x)\n"),
]
DIFFERENT = [
    ("if a == b:\n    pass\n", "if a is b:\n    pass\n"),
    ("if a < b:\n    pass\n", "if b < a:\n    pass\n"),
    ("x = 1\n", "x = 1.0\n"),
    ("x = [1]\n", "x = (1,)\n"),
    ("try:\n    f()\nexcept (A, B):\n    pass\n", "try:\n    f()\nexcept A:\n    pass\n"),
    (
        "try:\n    f()\nexcept (A, B) as e:\n    print(e)\n",
        "try:\n    f()\nexcept (A, B):\n    print(e)\n",
    ),
    (
        "try:\n    f()\nexcept A:\n    g()\nexcept B:\n    h()\n",
        "try:\n    f()\nexcept (A, B):\n    g()\n",
    ),
    ("from m import a\n", "import m\n"),
]


def _canonical(source: str) -> str:
    tree = structure.parse(source)
    assert tree is not None
    return structure.dump(structure.canonical(tree))


@pytest.mark.parametrize("one, other", SAME)
def test_spellings_that_mean_the_same_have_one_structure(one: str, other: str) -> None:
    assert _canonical(one) == _canonical(other)


@pytest.mark.parametrize("one, other", DIFFERENT)
def test_spellings_that_mean_something_else_differ(one: str, other: str) -> None:
    assert _canonical(one) != _canonical(other)


SALT = "0123456789abcdef0123456789abcdef"


def _locked(broken: str, fixed: str, *, with_structure: bool = True) -> object:
    target = fix_exercise(broken, fixed)
    runner = FakeRunner([ran("correct\n")])
    data = dict(yaml.safe_load(COMMON.format(id="locked", kind="fix-syntax-error")))
    data.update(code=broken, fixed=fixed)
    locked, _ = target.kind.lock(target, data, SALT, runner)  # type: ignore[attr-defined]
    if not with_structure:
        del locked["structure_sha256"]
    locked["lock"] = {"salt": SALT}
    return parse_exercise(yaml.safe_dump(locked), "locked.yaml")


def test_a_locked_fix_is_judged_by_the_digest_of_its_structure() -> None:
    target = _locked(GUESS, FIXES[GUESS])
    assert set(target.body.locked_structure.digests) and target.body.fixed is None  # type: ignore[attr-defined]
    right = "answer = 42\nguess = int(input())\nif answer == guess:  # compare\n"
    right += '    print("correct")\nelse:\n    print("try again")\n'
    runner = FakeRunner(lambda run: ran("correct\n"))
    assert grade(target, Submission.from_text(right, "fix.py"), runner).passed  # type: ignore[arg-type]
    walrus = GUESS.replace("guess = answer", "guess := answer")
    verdict = grade(target, Submission.from_text(walrus, "fix.py"), runner)  # type: ignore[arg-type]
    assert verdict.status is Status.WRONG_ANSWER
    assert verdict.hints[0].startswith("Your line 3, `if guess := answer:`, uses `:=`")
    changed = FIXES[GUESS].replace('print("correct")', 'print("yes")')
    verdict = grade(target, Submission.from_text(changed, "fix.py"), runner)  # type: ignore[arg-type]
    assert verdict.hints[0].startswith(
        'You also changed line 4: `print("correct")` became `print("yes")`.'
    )


def test_a_bank_locked_before_structures_keeps_the_line_rule() -> None:
    target = _locked(GUESS, FIXES[GUESS], with_structure=False)
    runner = FakeRunner(lambda run: ran("correct\n"))
    walrus = GUESS.replace("guess = answer", "guess := answer")
    assert grade(target, Submission.from_text(walrus, "fix.py"), runner).passed  # type: ignore[arg-type]


def test_validate_refuses_a_reference_fix_that_is_the_broken_code() -> None:
    target = fix_exercise(GUESS, GUESS)
    runner = FakeRunner(lambda run: crashed("SyntaxError", "invalid syntax", line=3))
    problems = target.kind.check(target, runner)  # type: ignore[attr-defined]
    assert (("fixed",), "the reference fix does not compile") in problems

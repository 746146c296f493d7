"""Specs load in two layers and report every problem with file, line and field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from grader import kinds
from grader.bank import Bank
from grader.errors import SpecError
from grader.spec import schema
from grader.spec.loader import parse_exercise
from grader.spec.raw import parse

ROOT = Path(__file__).resolve().parents[2]

BROKEN_MC = """\
id: broken-choice
kind: multiple-choice
title: Broken
topic: testing
difficulty: impossible
prompt: Pick.
hint: A hint.
solution: [One step.]
options:
  - text: Right
    correct: true
  - text: Wrong
    feedback: Because.
  - text: Also wrong
    feedback: 3
colour: blue
"""


def problems_of(text: str, file: str = "x.yaml") -> list[str]:
    with pytest.raises(SpecError) as caught:
        parse_exercise(text, file)
    return [str(p) for p in caught.value.problems]


def test_raw_layer_records_the_line_of_every_value() -> None:
    raw = parse("id: a\noptions:\n  - text: x\n    feedback: y\n", "f.yaml")
    assert raw.line(("options", 0, "feedback")) == 4
    assert raw.line(("options", 5)) == 2  # nearest ancestor


def test_all_problems_are_reported_at_once_with_line_and_field() -> None:
    found = problems_of(BROKEN_MC, "exercises/loops/x.yaml")
    assert "exercises/loops/x.yaml:5: difficulty: must be one of: easy, medium, hard" in found
    assert (
        'exercises/loops/x.yaml:15: options[2].feedback: expected a string (YAML reads `3` as the number 3; put the text in quotes: "3")'
        in found
    )
    assert any(
        p.startswith("exercises/loops/x.yaml:16: colour: unknown field; remove it") for p in found
    )
    assert len(found) == 3


def test_malformed_yaml_names_the_line_and_what_to_do() -> None:
    found = problems_of("id: x\nkind: [unclosed\ntitle: y\n")
    assert len(found) == 1 and found[0].startswith("x.yaml:2: invalid YAML")
    assert "close it with `]`" in found[0] and "(found at line 3)" in found[0]


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        # an unclosed quote runs on to the end of the file: the fault is where it opens
        ('id: y1\nkind: recall\ntopic: bad\nquestion: "q\nanswer: a\n', 4, 'close it with "'),
        ("id: y1\nquestion: 'q\nanswer: a\n", 2, "close it with '"),
        ('a: "x\n---\nb: 1\n', 1, 'quote " opened on line 1'),
        ("id: y3\nquestion: [q, r\nanswer: a\n", 2, "close it with `]`"),
        ("id: y5\nanswer: {a: 1\n", 2, "the `{` opened on line 2 is not closed (found at the end"),
        ('a: "x\n  \\q y"\n', 1, "(found at line 2)"),
        ("a: b\nthis is text\nc: d\n", 2, "add the `: ` after its key"),
        ("a: |x\n  b\n", 1, "block scalar on line 1"),
        ("a: &\n", 1, "needs a name"),
        # where the reader gives up is the fault: block structure, documents, anchors
        ("id: y2\ntopic: bad\n  question: q\n", 3, "indent the key like its neighbours"),
        ('a: "q" extra\nb: 1\n', 1, "block mapping that starts on line 1"),
        ("a: 1\n---\nb: 2\n", 2, "a spec is one document"),
        ("a: &x 1\nb: &x 2\n", 2, "(first on line 1)"),
        ("a: *nope\n", 1, "define the anchor"),
        ("a: !foo x\n", 1, "remove it, or put the value in quotes"),
    ],
)
def test_a_yaml_error_is_reported_where_its_construct_opens_with_what_to_do(
    text: str, line: int, says: str
) -> None:
    [found] = problems_of(text)
    assert found.startswith(f"x.yaml:{line}: invalid YAML: "), found
    assert says in found, found


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("id: x\nquestion: 2024-13-45\n", "x.yaml:2: question: YAML reads `2024-13-45` as a date"),
        ('id: x\nquestion: !!int "q"\n', "x.yaml:2: question: YAML reads `q` as a number"),
        ("id: x\nq: {[c]: 2}\n", "x.yaml:2: q: keys must be text, not a list or a mapping"),
    ],
)
def test_a_value_yaml_cannot_build_is_a_problem_at_its_line(text: str, says: str) -> None:
    assert any(p.startswith(says) for p in problems_of(text)), problems_of(text)


def test_unknown_kind_is_a_problem_on_the_kind_line() -> None:
    text = BROKEN_MC.replace("kind: multiple-choice", "kind: essay")
    assert "x.yaml:2: kind: must be one of: " + ", ".join(kinds.names()) in problems_of(text)


@pytest.mark.parametrize("typed", ["multiple_choice", "Multiple-Choice", "multiple-choise"])
def test_a_misspelt_kind_gets_a_did_you_mean(typed: str) -> None:
    text = BROKEN_MC.replace("kind: multiple-choice", f"kind: {typed}")
    [kind_problem] = [p for p in problems_of(text) if ": kind: " in p]
    assert kind_problem.endswith("(did you mean 'multiple-choice'?)")


def test_ids_and_topics_have_at_most_64_characters() -> None:
    long = "a" * 65
    text = BROKEN_MC.replace("id: broken-choice", f"id: {long}").replace(
        "topic: testing", f"topic: {long}"
    )
    found = problems_of(text)
    assert "x.yaml:1: id: is 65 characters long; keep it to 64 at most" in found
    assert "x.yaml:4: topic: is 65 characters long; keep it to 64 at most" in found


def test_missing_required_fields_are_named() -> None:
    found = problems_of("id: a\nkind: predict-output\n")
    for field in ("title", "topic", "difficulty", "prompt", "hint", "solution", "code"):
        assert any(f" {field}: missing required field" in p for p in found), field


def test_unknown_field_suggests_the_close_name() -> None:
    text = BROKEN_MC.replace("colour: blue\n", "").replace(
        "  - text: Right", "  - text: Right\n    corect: true"
    )
    assert "x.yaml:11: options[0].corect: unknown field; did you mean 'correct'?" in problems_of(
        text
    )


COMMON_FIELDS = "title: T\ntopic: t\ndifficulty: easy\nprompt: P\nhint: H\nsolution: [S]\n"
"""The fields every kind needs, for specs written inline."""


def test_yaml_exponent_without_dot_gets_a_specific_message() -> None:
    text = (
        "id: f\nkind: write-function\n"
        + COMMON_FIELDS
        + "function: f\ntolerance: {rel: 1e-9}\ncases:\n  - call: f(1)\n    returns: 1\n"
    )
    assert any("YAML reads 1e-9 as text" in p for p in problems_of(text))


def test_duplicate_keys_are_refused() -> None:
    assert problems_of("id: a\nid: b\n") == [
        "x.yaml:2: id: appears twice (first on line 1); keep one"
    ]


def laughs(levels: int) -> str:
    """A billion laughs: each level is nine aliases of the one before."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "id: lol\nkind: multiple-choice\n" + "\n".join(lines) + "\n"


def test_yaml_aliases_that_expand_past_the_limit_are_refused_at_once() -> None:
    found = problems_of(laughs(9))  # 9 ** 9 values: a hang, had it been expanded
    assert found == [
        "x.yaml:8: a5: holds over 100,000 values once its YAML aliases are expanded; "
        "write the values out instead"
    ]


def test_yaml_aliases_within_the_limit_still_work() -> None:
    raw = parse(laughs(3), "x.yaml")
    assert raw.data["a1"] == [["lol"] * 9] * 9
    assert raw.data["a2"] == [raw.data["a1"]] * 9


def test_a_yaml_alias_inside_its_own_value_is_refused() -> None:
    found = problems_of("id: a\ntitle: &loop [1, *loop]\n")
    assert found == [
        "x.yaml:2: title[1]: is a YAML alias of a value that contains it; "
        "write the value out instead"
    ]


@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
def test_deep_nesting_is_a_problem_not_a_recursion_error(
    loader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if loader == "pure-python":
        monkeypatch.setattr("grader.spec.raw._Loader", yaml.SafeLoader)
    for depth in (100, 5000):
        found = problems_of("id: a\ntitle: " + "[" * depth + "]" * depth + "\n")
        assert len(found) == 1 and "nest" in found[0], found


def test_semantic_problems_of_a_kind_are_reported_with_schema_problems() -> None:
    text = BROKEN_MC.replace("    correct: true\n", "").replace("colour: blue\n", "")
    found = problems_of(text)
    assert any("options: no option is marked `correct: true`" in p for p in found)


def test_duplicate_ids_in_a_bank(tmp_path: Path) -> None:
    source = (ROOT / "exercises/mlops/mlops-purpose-choice.yaml").read_text()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.yaml").write_text(source)
    (tmp_path / "a" / "two.yaml").write_text(source)
    with pytest.raises(SpecError) as caught:
        Bank.load(tmp_path)
    assert any("'mlops-purpose-choice' is already used by" in str(p) for p in caught.value.problems)


def test_the_bundled_bank_loads() -> None:
    bank = Bank.load(ROOT / "exercises")
    assert {e.kind.name for e in bank.exercises.values()} == set(kinds.names())


def test_shipped_json_schema_is_up_to_date() -> None:
    shipped = json.loads((ROOT / "grader/schema/exercise.schema.json").read_text())
    assert shipped == json.loads(json.dumps(schema.build()))


@pytest.mark.parametrize("closed", [False, True])
def test_both_schemas_are_valid_draft_2020_12(closed: bool) -> None:
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema.build(closed=closed))


def test_every_bundled_exercise_validates_against_the_shipped_schema() -> None:
    import jsonschema
    import yaml

    validator = jsonschema.Draft202012Validator(
        json.loads((ROOT / "grader/schema/exercise.schema.json").read_text())
    )
    for path in sorted((ROOT / "exercises").rglob("*.yaml")):
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text())))
        assert not errors, (path, errors[0].message)


def test_spec_errors_reach_the_cli_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN_MC)
    answer = tmp_path / "a.txt"
    answer.write_text("A\n")
    result = subprocess.run(
        [sys.executable, "-m", "grader", "check", str(bad), str(answer)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{bad}:15: options[2].feedback: expected a string" in result.stderr


@pytest.mark.parametrize("value", ["[predict-output]", "{}", "3"])
def test_a_kind_that_is_not_text_is_a_problem_on_the_kind_line(value: str) -> None:
    text = BROKEN_MC.replace("kind: multiple-choice", f"kind: {value}")
    found = problems_of(text)
    assert "x.yaml:2: kind: must be one of: " + ", ".join(kinds.names()) in found
    assert not any(p.startswith("x.yaml:2: kind: expected") for p in found)


EXPLAIN = (
    "id: e\nkind: explain\n" + COMMON_FIELDS + "concepts: [{name: n, hint: h, keywords: [word]}]\n"
)
WRITE_PROGRAM = EXPLAIN.replace("kind: explain", "kind: write-program").replace(
    "concepts: [{name: n, hint: h, keywords: [word]}]", "cases: [{expected: x}]"
)


@pytest.mark.parametrize(
    "base, field, line",
    [
        (EXPLAIN, "limits: {timeout: .nan}", "limits.timeout"),
        (EXPLAIN, "limits: {timeout: .inf}", "limits.timeout"),
        (EXPLAIN, "min_words: .inf", "min_words"),
        (EXPLAIN, "points: .nan", "points"),
        (EXPLAIN, "points: -.inf", "points"),
        (EXPLAIN, "pass_fraction: .nan", "pass_fraction"),
        (WRITE_PROGRAM, "tolerance: {rel: .nan}\ncompare: float", "tolerance.rel"),
        (WRITE_PROGRAM.replace("{expected: x}", "{expected: x, points: .inf}"), "", "cases[0]"),
    ],
)
def test_every_number_must_be_finite(base: str, field: str, line: str) -> None:
    found = problems_of(base + field + "\n")
    assert len(found) == 1 and "must be a finite number" in found[0], found
    assert found[0].startswith("x.yaml:") and f": {line}" in found[0]
    assert int(found[0].split(":")[1]) in (9, 10)


def test_points_have_a_maximum_so_that_sums_stay_finite() -> None:
    found = problems_of(EXPLAIN + "points: 1.0e+308\n")
    assert found == ["x.yaml:10: points: the value is greater than the maximum of 1000000"]


def test_infinity_is_a_value_a_function_may_return() -> None:
    text = EXPLAIN.replace("kind: explain", "kind: write-function").replace(
        "concepts: [{name: n, hint: h, keywords: [word]}]",
        "function: f\ncases: [{call: f(), returns: .inf}]",
    )
    assert parse_exercise(text, "x.yaml").body.cases[0].returns.answer == float("inf")
    assert "must be a finite number, not NaN" in problems_of(text.replace(".inf", ".nan"))[0]


def test_a_nan_score_never_reaches_check_json(tmp_path: Path) -> None:
    bad = tmp_path / "e.yaml"
    bad.write_text(EXPLAIN + "points: .nan\n")
    answer = tmp_path / "a.txt"
    answer.write_text("one word about things\n")
    result = subprocess.run(
        [sys.executable, "-m", "grader", "check", str(bad), str(answer), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "NaN" not in result.stdout and "Traceback" not in result.stderr
    assert f"{bad}:10: points: must be a finite number" in result.stderr


def test_duplicate_ids_in_a_bank_are_reported_on_the_id_line(tmp_path: Path) -> None:
    source = (ROOT / "exercises/mlops/mlops-purpose-choice.yaml").read_text()
    assert source.startswith("#") and source.splitlines()[1].startswith("id:")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.yaml").write_text(source)
    (tmp_path / "a" / "two.yaml").write_text(source)
    with pytest.raises(SpecError) as caught:
        Bank.load(tmp_path)
    assert [(p.line, p.field) for p in caught.value.problems] == [(2, "id")]
    for command in (["list"], ["show", "mlops-purpose-choice"]):
        result = subprocess.run(
            [sys.executable, "-m", "grader", *command, "--exercises", str(tmp_path)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 2, result.stderr
        assert f"{tmp_path / 'a' / 'two.yaml'}:2: id: 'mlops-purpose-choice'" in result.stderr


@pytest.mark.parametrize("name", ["x.yml", "x.YAML", "x.Yaml"])
def test_a_bank_reports_exercise_files_not_named_yaml(tmp_path: Path, name: str) -> None:
    source = (ROOT / "exercises/mlops/mlops-purpose-choice.yaml").read_text()
    (tmp_path / "mlops").mkdir()
    (tmp_path / "mlops" / "mlops-purpose-choice.yaml").write_text(source)
    (tmp_path / "mlops" / name).write_text(source)
    with pytest.raises(SpecError) as caught:
        Bank.load(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'mlops' / name}: exercise files end in .yaml; rename it to x.yaml"
    ]


def test_a_case_with_only_a_misspelt_returns_is_told_both_the_typo_and_what_it_lacks() -> None:
    text = (
        "id: f\nkind: write-function\n"
        + COMMON_FIELDS
        + "function: f\ncases:\n  - call: f(1)\n    retuns: 1\nsolution_code: 'def f(x): pass'\n"
    )
    found = problems_of(text)
    assert "x.yaml:12: cases[0].retuns: unknown field; did you mean 'returns'?" in found
    assert "x.yaml:11: cases[0]: give exactly one of: returns, returns_literal, raises" in found

"""Item analysis (items.json, and its section of report.html): pass rate, mean,
discrimination and flags per exercise, and each kind's details."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from grader.reports import ExerciseInfo, Result, write_reports
from grader.reports.html import render_html
from grader.reports.items import LOW_DISCRIMINATION, MIN_LEARNERS, ItemAnalysis, normalised
from grader.reports.model import Summary
from grader.verdict import Check, Status, Verdict

from .test_formats import Page

STAMP = "2024-05-01T12:00:00Z"
INFOS = {
    "choice": ExerciseInfo("choice", "Pick one", "multiple-choice", "t", 1.0),
    "easy": ExerciseInfo("easy", "Everyone gets it", "write-program", "t", 1.0),
    "explain": ExerciseInfo("explain", "Say why", "explain", "t", 2.0),
    "function": ExerciseInfo("function", "Write f", "write-function", "t", 2.0),
    "predict": ExerciseInfo("predict", "What prints?", "predict-output", "t", 1.0),
}


def result(learner: str, exercise: str, score: float, checks=(), **fields) -> Result:
    info = INFOS[exercise]
    status = Status.PASSED if score == info.max_score else Status.WRONG_ANSWER
    status = fields.pop("status", status)
    verdict = Verdict(exercise, info.kind, status, score, info.max_score, "", tuple(checks))
    return Result(learner, exercise, f"{learner}/{exercise}", "0" * 64, verdict)


def option(label: str, correct: bool) -> Check:
    return Check(f"option {label}", correct)


def case(name: str, passed: bool) -> Check:
    return Check(name, passed, max_points=1.0, points=1.0 if passed else 0.0)


def output(answer: str, passed: bool) -> Check:
    return Check("output", passed, actual=answer, max_points=1.0)


def batch() -> list[Result]:
    """Six learners: the strong ones (l3-l5) do better at `function` and `explain`;
    `choice` is passed by the weak and failed by the strong; everyone passes `easy`."""
    rows = []
    for n in range(6):
        learner, strong = f"l{n}", n >= 3
        rows.append(
            result(
                learner,
                "choice",
                0.0 if strong else 1.0,
                [option("B", False)] if strong else [option("A", True)],
            )
        )
        rows.append(result(learner, "easy", 1.0, [case("one", True)]))
        rows.append(
            result(
                learner,
                "explain",
                2.0 if strong else 1.0 if n == 2 else 0.0,
                [case("speed", strong or n == 2), case("size", strong)],
            )
        )
        cases = [case("f(1)", True), case("f(2)", strong), case("hidden case 3", n >= 4)]
        rows.append(result(learner, "function", 2.0 * sum(c.passed for c in cases) / 3, cases))
        if n < 4:
            answer = ["10  20 \n\n30", "10 20\n30", "0\n10", "10\n20\n30"][n]
            rows.append(
                result(learner, "predict", 1.0 if n == 3 else 0.0, [output(answer, n == 3)])
            )
    return sorted(rows, key=lambda r: (r.learner, r.exercise))


def analysis_of(rows: list[Result]) -> dict:
    analysis = ItemAnalysis(Summary.collect(rows, INFOS))
    for learner in sorted({r.learner for r in rows}):
        analysis.add(learner, [r for r in rows if r.learner == learner])
    return {item["exercise"]: item for item in analysis.to_dict()["items"]}


def test_discrimination_is_the_correlation_with_the_rest_of_the_total() -> None:
    rows = batch()
    items = analysis_of(rows)
    totals = {r.learner: 0.0 for r in rows}
    for r in rows:
        totals[r.learner] += r.verdict.score
    for exercise, item in items.items():
        mine = [r for r in rows if r.exercise == exercise]
        xs = [r.verdict.score / r.verdict.max_score for r in mine]
        ys = [totals[r.learner] - r.verdict.score for r in mine]
        if len(set(xs)) < 2:
            assert item["discrimination"] is None, exercise
        else:
            assert item["discrimination"] == round(statistics.correlation(xs, ys), 4), exercise


def test_items_are_flagged_when_they_discriminate_badly_or_everyone_passes() -> None:
    items = analysis_of(batch())
    assert items["easy"]["flags"] == ["everyone passes"]
    assert items["choice"]["discrimination"] < 0
    assert items["choice"]["flags"] == ["discriminates negatively"]
    assert items["function"]["discrimination"] > LOW_DISCRIMINATION
    assert items["function"]["flags"] == []
    assert items["predict"]["learners"] < MIN_LEARNERS and items["predict"]["flags"] == []
    assert items["easy"]["pass_rate"] == 1 and items["function"]["mean_score"] == 1.2222


def test_each_kind_has_its_details() -> None:
    items = analysis_of(batch())
    assert items["choice"]["options"] == {"A": 3, "B": 3} and items["choice"]["no_option"] == 0
    assert items["function"]["cases"] == [
        {"name": "f(1)", "passed": 6, "rate": 1.0},
        {"name": "f(2)", "passed": 3, "rate": 0.5},
        {"name": "hidden case 3", "passed": 2, "rate": 0.3333},
    ]
    assert items["explain"]["concepts"] == [
        {"name": "speed", "covered": 4, "rate": 0.6667},
        {"name": "size", "covered": 3, "rate": 0.5},
    ]
    assert items["predict"]["wrong_answers"] == [
        {"answer": "10 20\n30", "count": 2},  # the same once spaces and blank lines go
        {"answer": "0\n10", "count": 1},
    ]


def test_an_answer_that_names_no_option_and_a_locked_answer_are_counted() -> None:
    rows = [
        result("a", "choice", 0.0, [], status=Status.WRONG_ANSWER),
        result("b", "choice", 1.0, [Check("answer", True, actual="AC")]),
        result("c", "choice", 0.0, [Check("answer", False, actual="B, C")]),
    ]
    items = analysis_of(rows)
    assert items["choice"]["options"] == {"A": 1, "B": 1, "C": 2}
    assert items["choice"]["no_option"] == 1


def test_normalised_wrong_answers() -> None:
    assert normalised("  10   20 \r\n\n 30\t\n") == "10 20\n30"


def test_items_json_and_the_html_section(tmp_path: Path) -> None:
    rows = batch()
    write_reports(lambda: iter(rows), INFOS, tmp_path, generated_at=STAMP)
    data = json.loads((tmp_path / "items.json").read_text())
    assert [i["exercise"] for i in data["items"]] == sorted(INFOS)
    assert data["thresholds"] == {"low_discrimination": 0.2, "min_learners": 5}
    page = Page()
    page.feed((tmp_path / "report.html").read_text())
    table = page.tables["item-analysis"]
    assert table[0] == [
        "Exercise",
        "Learners",
        "Pass rate",
        "Mean",
        "Discrimination",
        "Flags",
        "Details",
    ]
    easy = next(row for row in table if row[0].startswith("easy"))
    assert easy[1:6] == ["6", "100 %", "1 / 1", "–", "everyone passes"]
    choice = next(row for row in table if row[0].startswith("choice"))
    assert "discriminates negatively" in choice[5] and choice[4].startswith("-")
    assert "A" in choice[6] and "B" in choice[6]
    assert render_html(rows, INFOS, generated_at=STAMP) == (tmp_path / "report.html").read_text()


def test_grader_report_prints_the_item_analysis_as_json(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    out = tmp_path / "out"
    graded = subprocess.run(
        [
            sys.executable,
            "-m",
            "grader",
            "batch",
            str(root / "examples" / "submissions"),
            "--out",
            str(out),
            "--exercises",
            str(root / "exercises"),
        ],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert graded.returncode == 0, graded.stderr
    report = subprocess.run(
        [sys.executable, "-m", "grader", "report", str(out), "--items"],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout) == json.loads((out / "items.json").read_text())
    choice = next(i for i in json.loads(report.stdout)["items"] if i["kind"] == "multiple-choice")
    assert sum(choice["options"].values()) >= choice["learners"] - choice["no_option"]


@pytest.mark.parametrize("learners", [0, 1])
def test_too_few_learners_give_no_correlation(learners: int) -> None:
    rows = [result(f"l{n}", "function", 2.0, [case("f(1)", True)]) for n in range(learners)]
    item = analysis_of(rows)["function"]
    assert item["discrimination"] is None and item["learners"] == learners
    assert item["flags"] == (["everyone passes"] if learners else [])

"""Each report parsed back with a standard parser, and its content checked."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from grader.reports import Result, write_reports
from grader.reports.common import number, printable, verdict_text
from grader.reports.gradebook import MEAN_ROW, safe_cell
from grader.reports.gradescope import NO_SUBMISSION, directory_name
from grader.reports.junit import xml_attribute, xml_text
from grader.verdict import Verdict, truncation_marker

from .conftest import CONTROL, EXERCISES, FORMULA, LEARNERS, RESULTS, SECRET, STAMP, source

# results.jsonl ---------------------------------------------------------------------------------


def test_jsonl_has_one_verdict_per_line_with_learner_and_exercise(out: Path) -> None:
    data = (out / "results.jsonl").read_bytes()
    lines = data.decode("utf-8").splitlines()  # strict UTF-8, even with a lone surrogate inside
    assert len(lines) == len(RESULTS)
    for line, result in zip(lines, RESULTS, strict=True):
        record = json.loads(line)
        assert record["learner"] == result.learner
        assert record["exercise"] == result.exercise
        assert record["submission"] == result.submission
        assert record["digest"] == result.digest
        assert Verdict.from_dict(record) == result.verdict
        assert list(record) == sorted(record)


def test_jsonl_keeps_control_characters_and_surrogates_exactly(out: Path) -> None:
    records = [json.loads(line) for line in (out / "results.jsonl").read_text("utf-8").splitlines()]
    alice_a = next(r for r in records if r["learner"] == "alice" and r["exercise"] == "ex-a")
    assert alice_a["checks"][1]["actual"] == "5\x00\x07 é 🎉"
    zoe_c = next(r for r in records if r["learner"] == CONTROL and r["exercise"] == "ex-c")
    assert zoe_c["output"] == "lone \udcff surrogate"


# gradebook.csv -----------------------------------------------------------------------------


def read_gradebook(out: Path) -> list[list[str]]:
    with (out / "gradebook.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def test_gradebook_is_learners_by_exercises_with_totals_and_means(out: Path) -> None:
    rows = read_gradebook(out)
    assert rows[0] == ["learner", "ex-a", "ex-b", "ex-c", "ex-d", "total"]
    body = {row[0]: row[1:] for row in rows[1:-1]}
    assert list(body) == [safe_cell(learner) for learner in LEARNERS]
    assert body["alice"] == ["1", "1", "0", "", "2"]
    assert body["bob"] == ["2", "", "", "", "2"], "missing exercises are empty cells"
    assert body[safe_cell(CONTROL)] == ["1.5", "", "1", "", "2.5"]
    assert rows[-1] == [MEAN_ROW, "1.5", "0.5", "0.5", "", "1.625"]


def test_gradebook_neutralises_formulas_and_control_characters(out: Path) -> None:
    learners = [row[0] for row in read_gradebook(out)[1:-1]]
    assert learners[0] == "'" + FORMULA
    assert learners[-1] == "zoë␛[1m␇"
    raw = (out / "gradebook.csv").read_text("utf-8")
    assert "\x1b" not in raw and "\x07" not in raw
    assert all(
        not cell.startswith(("=", "+", "-", "@")) for row in read_gradebook(out) for cell in row
    )


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "|calc", "\t=1", "\r=1"])
def test_safe_cell_quotes_formula_starts(text: str) -> None:
    cell = safe_cell(text)
    assert cell.startswith("'") or not cell.startswith(("=", "+", "-", "@", "|"))
    assert "\t" not in cell and "\r" not in cell


# junit.xml ---------------------------------------------------------------------------------


def test_junit_has_a_suite_per_exercise_and_a_case_per_submission(out: Path) -> None:
    root = ET.parse(out / "junit.xml").getroot()
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("7", "4", "0")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["ex-a", "ex-b", "ex-c", "ex-d"]
    assert [s.get("tests") for s in suites] == ["3", "2", "2", "0"]
    assert [s.get("failures") for s in suites] == ["2", "1", "1", "0"]
    assert {s.get("timestamp") for s in suites} == {STAMP}
    properties = {p.get("name"): p.get("value") for p in suites[1].iter("property")}
    assert properties == {
        "title": "Hello <world>",
        "kind": "write-program",
        "topic": "basics",
        "max_score": "1",
    }
    cases = [case for suite in suites for case in suite.findall("testcase")]
    expected_names = sorted((r.exercise, printable(f"{r.learner}/{r.exercise}")) for r in RESULTS)
    assert [(c.get("classname"), c.get("name")) for c in cases] == expected_names


def case(out: Path, name: str) -> ET.Element:
    root = ET.parse(out / "junit.xml").getroot()
    found = [c for c in root.iter("testcase") if c.get("name") == name]
    assert len(found) == 1, name
    return found[0]


def test_junit_failures_carry_message_type_checks_and_hints(out: Path) -> None:
    failure = case(out, "alice/ex-a").find("failure")
    assert failure is not None
    assert failure.get("type") == "wrong_answer"
    assert failure.get("message") == "1 of 2 calls returned the right result."
    body = failure.text or ""
    assert "wrong_answer: 1/2 points" in body
    assert "✗ add(2, 2) (0/1): add(2, 2) returned the wrong value" in body
    assert "actual: 5␀␇ é 🎉" in body, "control characters shown as pictures"
    assert "✗ hidden case (0/1): a hidden test failed" in body
    assert "add(1, 2)" not in body, "only failing checks"
    assert (
        "1. Add, do not multiply.\n2. Think about negative numbers.\n3. Read the prompt again."
        in body
    )
    assert case(out, "alice/ex-a").get("file") == "alice/add.py"


def test_junit_errors_are_failures_with_the_status_as_type(out: Path) -> None:
    failure = case(out, "alice/ex-c").find("failure")
    assert failure is not None and failure.get("type") == "runtime_error"
    assert "ZeroDivisionError" in (failure.text or "")
    assert "line 2␌" in (failure.text or "")
    timeout = case(out, printable(f"{FORMULA}/ex-b")).find("failure")
    assert timeout is not None and timeout.get("type") == "timeout"


def test_junit_passed_cases_are_empty_and_markup_is_escaped(out: Path) -> None:
    assert list(case(out, "bob/ex-a")) == []
    failure = case(out, printable(f"{CONTROL}/ex-a")).find("failure")
    assert failure is not None
    assert failure.get("message") == 'Almost: <script>alert("x")</script> & ]]> "quoted"'


def test_xml_escaping_survives_every_awkward_character() -> None:
    awkward = "".join(map(chr, range(0x20))) + "\x7f\x85\ud800\udfff\ufffe\uffff<>&\"' é 🎉"
    document = f'<a b="{xml_attribute(awkward)}">{xml_text(awkward)}</a>'
    element = ET.fromstring(document.encode("utf-8"))
    assert element.get("b") == printable(awkward)
    assert element.text == printable(awkward)
    assert all(char in printable(awkward) for char in "\t\n\r")


# gradescope/<learner>/results.json ---------------------------------------------------------


def read_gradescope(out: Path, learner: str) -> dict[str, Any]:
    path = out / "gradescope" / directory_name(learner) / "results.json"
    data: dict[str, Any] = json.loads(path.read_bytes().decode("utf-8"))
    return data


def test_gradescope_has_a_file_per_learner(out: Path) -> None:
    written = sorted(p.relative_to(out).as_posix() for p in out.glob("gradescope/*/results.json"))
    assert written == sorted(
        f"gradescope/{directory_name(learner)}/results.json" for learner in LEARNERS
    )


def test_gradescope_fields(out: Path) -> None:
    data = read_gradescope(out, "alice")
    assert set(data) == {
        "score",
        "output",
        "output_format",
        "visibility",
        "stdout_visibility",
        "extra_data",
        "tests",
    }
    assert "execution_time" not in data
    assert data["score"] == 2.0
    assert data["output"] == "1 of 4 exercises passed; 2 of 5 points."
    assert data["visibility"] == "visible"
    assert data["extra_data"] == {"learner": "alice"}
    tests = data["tests"]
    assert [t["name"] for t in tests] == [
        "Add two numbers (ex-a)",
        "Hello <world> (ex-b)",
        "Explain & justify (ex-c)",
        "Nobody tried this (ex-d)",
    ]
    assert [t["number"] for t in tests] == ["1", "2", "3", "4"]
    assert [t["status"] for t in tests] == ["failed", "passed", "failed", "failed"]
    assert [(t["score"], t["max_score"]) for t in tests] == [(1, 2), (1, 1), (0, 1), (0, 1)]
    assert {t["visibility"] for t in tests} == {"visible"}
    assert {t["output_format"] for t in tests} == {"text"}
    assert tests[0]["tags"] == ["functions", "write-function"]
    assert tests[0]["output"] == printable(verdict_text(RESULTS[1].verdict))
    assert "actual: 5␀␇ é 🎉" in tests[0]["output"]
    assert "✓ add(1, 2) (1/1)" in tests[0]["output"]
    assert tests[0]["extra_data"] == {
        "exercise": "ex-a",
        "status": "wrong_answer",
        "submission": "alice/add.py",
        "digest": "a" * 64,
    }
    assert tests[3]["output"] == NO_SUBMISSION
    assert tests[3]["extra_data"] == {"exercise": "ex-d", "status": "missing"}


def test_gradescope_for_awkward_learners(out: Path) -> None:
    zoe = read_gradescope(out, CONTROL)
    assert zoe["extra_data"] == {"learner": CONTROL}
    assert zoe["tests"][2]["status"] == "passed"
    formula = read_gradescope(out, FORMULA)
    assert formula["score"] == 0 and formula["tests"][1]["extra_data"]["status"] == "timeout"


@pytest.mark.parametrize(
    "learner",
    [
        "",
        ".",
        "..",
        "../etc",
        "a/b",
        "a\\b",
        ".hidden",
        "100%",
        "x" * 300,
        "é" * 300,
        "tab\there",
        "nul\x00",
        "sur\udcffrogate",
        "con:",
        "ok-name_1@x.org",
        "Zoë Smith",
    ],
)
def test_directory_names_are_safe(learner: str) -> None:
    name = directory_name(learner)
    assert name and name not in (".", "..") and not name.startswith(".")
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert len(name.encode("utf-8")) <= 200
    assert name.isprintable()


def test_directory_names_keep_plain_names_and_are_one_to_one() -> None:
    assert directory_name("ok-name_1@x.org") == "ok-name_1@x.org"
    assert directory_name("Zoë Smith") == "Zoë Smith"
    names = [
        "",
        "%",
        "%25",
        ".",
        "%2E",
        "a/b",
        "a%2Fb",
        "x" * 300,
        "x" * 301,
        "x" * 299 + "y",
        "é" * 300,
        "sur\udcffrogate",
        "sur\udcfe",
    ]
    assert len({directory_name(n) for n in names}) == len(names)


# report.html -------------------------------------------------------------------------------


class Page(HTMLParser):
    """Elements with their attributes, and the text inside chosen elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {}
        self.tables: dict[str, list[list[str]]] = {}
        """Table rows (header included) by section id, each a list of cell texts."""
        self.section = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "section":
            self.section = attributes.get("id") or ""
        if tag == "tr":
            self.tables.setdefault(self.section, []).append([])
        if tag in ("td", "th"):
            self.tables[self.section][-1].append("")
        self.stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        self.texts.setdefault(self.section, []).append(data)
        if any(tag in ("td", "th") for tag, _ in self.stack):
            self.tables[self.section][-1][-1] += data

    def text(self, section: str) -> str:
        return "".join(self.texts.get(section, []))

    def find(self, tag: str, **attributes: str) -> list[dict[str, str | None]]:
        return [
            attrs
            for name, attrs in self.elements
            if name == tag
            and all(attrs.get(k.replace("_", "-")) == v for k, v in attributes.items())
        ]


def parse_page(out: Path) -> Page:
    page = Page()
    page.feed((out / "report.html").read_text("utf-8"))
    page.close()
    return page


def test_html_shows_the_score_distribution_as_an_svg_chart(out: Path) -> None:
    page = parse_page(out)
    assert page.find("svg", id="score-chart")
    bars = page.find("g", **{"class": "bar"})
    assert len(bars) == 11
    counts = {bar["data-bucket"]: int(bar["data-count"] or 0) for bar in bars}
    # totals out of 5: formula 0 → 0 %, alice 2 → 40 %, bob 2 → 40 %, zoë 2.5 → 50 %
    assert counts == {
        "0–9": 1,
        "10–19": 0,
        "20–29": 0,
        "30–39": 0,
        "40–49": 2,
        "50–59": 1,
        "60–69": 0,
        "70–79": 0,
        "80–89": 0,
        "90–99": 0,
        "100": 0,
    }


def test_html_shows_pass_rates_statuses_and_mistakes_per_exercise(out: Path) -> None:
    page = parse_page(out)
    order = [attrs["data-exercise"] for attrs in page.find("tr") if "data-exercise" in attrs]
    assert order == sorted(EXERCISES)
    header, *rows = page.tables["exercises"]
    assert header == ["Exercise", "Submissions", "Pass rate", "Mean score", "Statuses"]
    by_id = dict(zip(order, rows, strict=True))
    assert by_id["ex-a"][0] == "ex-aAdd two numbers · functions · write-function"
    assert by_id["ex-a"][1:] == [
        "3",
        "33 %",
        "1.5 / 2",
        "passed 1presentation_error 1wrong_answer 1",
    ]
    assert by_id["ex-d"][1:] == ["0", "0 %", "0 / 1", "no submissions"]
    assert "Hello <world> · basics · write-program" in page.text("exercises")
    mistakes = page.text("mistakes")
    assert "Add, do not multiply. ×1" in mistakes
    assert "Mind the spaces. ×1" in mistakes
    assert "hidden case ×1" in mistakes
    assert "Look for a loop that never ends. ×1" in mistakes


def test_html_has_a_learner_table(out: Path) -> None:
    page = parse_page(out)
    header, *table = page.tables["learners"]
    assert header == ["Learner", "ex-a", "ex-b", "ex-c", "ex-d", "Total", "%", "Passed"]
    assert [row[0] for row in table] == [printable(learner) for learner in LEARNERS]
    alice = table[1]
    assert alice == ["alice", "1", "1", "0", "–", "2", "40 %", "1"]
    assert table[2] == ["bob", "2", "–", "–", "–", "2", "40 %", "1"]
    cells = page.find("td", title="no submission")
    assert len(cells) == 16 - len(RESULTS)


def test_html_escapes_everything_and_loads_nothing(out: Path) -> None:
    raw = (out / "report.html").read_text("utf-8")
    page = parse_page(out)
    assert not page.find("script"), "learner text must not become markup"
    assert "<script>" not in raw
    assert not re.search(r"(?i)\b(https?|ftp|file|data|blob|ws):|//", raw)
    for tag, attrs in page.elements:
        assert "src" not in attrs and "href" not in attrs, tag
    assert "url(" not in raw and "@import" not in raw and "<link" not in raw
    assert "\x1b" not in raw and "\x07" not in raw and "\x00" not in raw
    assert SECRET not in raw
    assert f'datetime="{STAMP}"' in raw


# everything ---------------------------------------------------------------------------------


def test_write_reports_returns_every_path_sorted(out: Path, tmp_path: Path) -> None:
    paths = write_reports(source, EXERCISES, tmp_path / "again", generated_at=STAMP)
    assert paths == sorted(paths)
    names = [p.relative_to(tmp_path / "again").as_posix() for p in paths]
    assert names[:1] == ["gradebook.csv"]
    assert {"junit.xml", "report.html", "results.jsonl"} <= set(names)
    assert len([n for n in names if n.startswith("gradescope/")]) == len(LEARNERS)
    on_disk = sorted(p for p in (tmp_path / "again").rglob("*") if p.is_file())
    assert on_disk == paths, "no temporary files left behind"


def test_hidden_data_appears_in_no_report(out: Path) -> None:
    for path in out.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text("utf-8"), path


def test_results_out_of_order_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="sorted"):
        write_reports(lambda: iter(RESULTS[::-1]), EXERCISES, tmp_path, generated_at=STAMP)


def test_unknown_exercises_become_columns(tmp_path: Path) -> None:
    known = {k: v for k, v in EXERCISES.items() if k != "ex-c"}
    write_reports(source, known, tmp_path, generated_at=STAMP)
    assert read_gradebook(tmp_path)[0] == ["learner", "ex-a", "ex-b", "ex-c", "ex-d", "total"]
    suites = ET.parse(tmp_path / "junit.xml").getroot().findall("testsuite")
    assert [s.get("name") for s in suites] == ["ex-a", "ex-b", "ex-c", "ex-d"]


def test_a_second_submission_for_an_exercise(tmp_path: Path) -> None:
    bob = RESULTS[4]
    worse = Result(
        bob.learner,
        bob.exercise,
        "bob/add-old.py",
        "9" * 64,
        Verdict.from_dict({**bob.verdict.to_dict(), "score": 0.5, "status": "wrong_answer"}),
    )
    results = [*RESULTS[:4], worse, *RESULTS[4:]]
    write_reports(lambda: iter(results), EXERCISES, tmp_path, generated_at=STAMP)
    assert read_gradebook(tmp_path)[3][:2] == ["bob", "2"], "the best score counts"
    names = [c.get("name") for c in ET.parse(tmp_path / "junit.xml").getroot().iter("testcase")]
    assert "bob/ex-a" in names and "bob/ex-a [bob/add.py]" in names


def test_truncated_values_keep_their_marker(tmp_path: Path) -> None:
    from grader.verdict import Check, Status

    long = "x" * 3000
    v = Verdict(
        "ex-b",
        "write-program",
        Status.WRONG_ANSWER,
        0.0,
        1.0,
        "wrong",
        checks=(Check.make("out", False, expected="y", actual=long),),
    )
    results = [Result("amy", "ex-b", "amy.py", "1" * 64, v)]
    write_reports(lambda: iter(results), EXERCISES, tmp_path, generated_at=STAMP)
    failure = ET.parse(tmp_path / "junit.xml").getroot().find(".//failure")
    body = (failure.text if failure is not None else None) or ""
    assert truncation_marker(1000).strip() in body
    assert "x" * 2000 + "\n" in body and "x" * 2001 not in body


def test_number_format() -> None:
    assert [number(x) for x in (0, 1, 2.0, 0.8, 1 / 3, -0.0, 1e-9, 12345.5)] == [
        "0",
        "1",
        "2",
        "0.8",
        "0.333333",
        "0",
        "0",
        "12345.5",
    ]


def test_writers_can_render_to_a_stream(write: Callable[..., Path]) -> None:
    import io

    from grader.reports.gradebook import write_gradebook
    from grader.reports.html import render_html
    from grader.reports.jsonl import write_jsonl
    from grader.reports.junit import write_junit

    out = write()
    for name, render in (
        ("results.jsonl", lambda s: write_jsonl(RESULTS, s)),
        ("gradebook.csv", lambda s: write_gradebook(RESULTS, EXERCISES, s)),
        ("junit.xml", lambda s: write_junit(RESULTS, EXERCISES, s, generated_at=STAMP)),
        ("report.html", lambda s: s.write(render_html(RESULTS, EXERCISES, generated_at=STAMP))),
    ):
        stream = io.StringIO(newline="")
        render(stream)
        assert stream.getvalue() == (out / name).read_bytes().decode("utf-8"), name


def test_junit_spool_in_small_blocks_gives_the_same_document(out: Path) -> None:
    import io

    from grader.reports.junit import JunitWriter, _Spool
    from grader.reports.model import by_learner

    for block, limit in ((64, 10**9), (10**9, 100), (1, 1)):
        stream = io.StringIO()
        writer = JunitWriter(stream, EXERCISES, generated_at=STAMP)
        writer.spool.close()
        writer.spool = _Spool(block=block, limit=limit)
        for learner, group in by_learner(RESULTS):
            writer.add(learner, group)
        assert writer.spool.blocks, "some cases went to the file"
        writer.close()
        assert stream.getvalue() == (out / "junit.xml").read_bytes().decode("utf-8")
        assert writer.spool.file.closed


def test_a_failing_source_leaves_the_previous_reports_and_no_temporary_files(
    out: Path, tmp_path: Path
) -> None:
    import tempfile

    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    temporary = set(Path(tempfile.gettempdir()).iterdir())

    def broken() -> Iterator[Result]:
        yield RESULTS[0]
        raise OSError("the store went away")

    calls = iter([source, broken])
    with pytest.raises(OSError, match="went away"):
        write_reports(lambda: next(calls)(), EXERCISES, out, generated_at="other")
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not {p for p in Path(tempfile.gettempdir()).iterdir() if "grader" in p.name} - temporary
    assert not [p for p in out.rglob("*.partial")]


def test_a_gradescope_file_that_cannot_be_written_fails_the_reports_and_keeps_the_others(
    out: Path,
) -> None:
    before = {p: p.read_bytes() for p in out.glob("*") if p.is_file()}
    scope = out / "gradescope"
    renamed = out / "gradescope-before"
    scope.rename(renamed)
    scope.write_text("a file where the folder should be\n")
    with pytest.raises(OSError):
        write_reports(source, EXERCISES, out, generated_at="other")
    assert {p: p.read_bytes() for p in out.glob("*") if p.is_file() and p != scope} == before
    assert not [p for p in out.rglob("*.partial")]


# Reserved rows -------------------------------------------------------------------------------


def test_a_learner_named_like_the_mean_row_cannot_pass_for_it(tmp_path: Path) -> None:
    names = ["(mean)", "'(mean)", "(other)", "=1", "'=1"]
    results = [
        Result(name, "ex-a", f"{name}/ex-a.py", "a" * 64, RESULTS[1].verdict)
        for name in sorted(names)
    ]
    write_reports(lambda: iter(results), EXERCISES, tmp_path, generated_at=STAMP)
    rows = read_gradebook(tmp_path)
    firsts = [row[0] for row in rows[1:]]
    assert firsts.count(MEAN_ROW) == 1 and firsts[-1] == MEAN_ROW
    learners = firsts[:-1]
    assert not [cell for cell in learners if cell.startswith("(")]
    assert [cell[1:] if cell.startswith("'") else cell for cell in learners] == sorted(names)


def test_a_mistake_that_reads_like_the_other_bucket_is_counted_as_itself(tmp_path: Path) -> None:
    from grader.reports.model import MAX_DISTINCT, BoundedCounter
    from grader.verdict import Status

    from .conftest import verdict

    counter = BoundedCounter(limit=2)
    for key in ("(other)", "b", "c", "(other)", "d"):
        counter.add(key)
    assert (counter.top(5), counter.other) == ([("(other)", 2), ("b", 1)], 2)
    hints = ["(other)", *(f"hint {n:03d}" for n in range(MAX_DISTINCT + 4))]
    results = [
        Result(f"l{n:04d}", "ex-a", f"l{n:04d}/ex-a.py", "a" * 64, verdict(
            "ex-a", Status.WRONG_ANSWER, 0.0, message="wrong", hints=(hint,)
        ))
        for n, hint in enumerate(hints)
    ]  # fmt: skip
    write_reports(lambda: iter(results), EXERCISES, tmp_path, generated_at=STAMP)
    page = parse_page(tmp_path)
    assert len(page.find("li", **{"class": "other"})) == 1
    assert "(other) ×1" in page.text("mistakes")
    assert f"counted) ×{len(hints) - MAX_DISTINCT}" in page.text("mistakes")

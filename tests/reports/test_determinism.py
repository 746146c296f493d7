"""The same results give byte-identical reports; only junit.xml and report.html carry a time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from grader.reports import write_reports

from .conftest import EXERCISES, STAMP, source

TIMED = {"junit.xml", "report.html"}


def tree(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def test_writing_twice_gives_identical_bytes(write: Callable[..., Path]) -> None:
    assert tree(write()) == tree(write())


def test_only_the_timestamp_differs_between_runs(write: Callable[..., Path]) -> None:
    later = "2031-12-31T23:59:59+01:00"
    first, second = tree(write(STAMP)), tree(write(later))
    assert first.keys() == second.keys()
    for name, data in first.items():
        if name in TIMED:
            assert STAMP.encode() in data
            assert data != second[name]
            assert data.replace(STAMP.encode(), later.encode()) == second[name], name
        else:
            assert STAMP.encode() not in data, name
            assert data == second[name], name


def test_the_order_of_the_exercise_mapping_does_not_matter(tmp_path: Path) -> None:
    reverse = dict(reversed(list(EXERCISES.items())))
    write_reports(source, EXERCISES, tmp_path / "a", generated_at=STAMP)
    write_reports(source, reverse, tmp_path / "b", generated_at=STAMP)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_rewriting_into_the_same_directory_replaces_the_files(tmp_path: Path) -> None:
    write_reports(source, EXERCISES, tmp_path, generated_at=STAMP)
    first = tree(tmp_path)
    (tmp_path / "gradebook.csv").write_text("stale")
    write_reports(source, EXERCISES, tmp_path, generated_at=STAMP)
    assert tree(tmp_path) == first

"""FileWriter: many small files, written by a forked helper when that is safe."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from grader.reports.files import FileWriter

TEXTS = {
    f"l{number:03d}/results.json": f'{{"n": {number}, "é": "\\ud800"}}\n' for number in range(300)
}


def _write_all(root: Path) -> FileWriter:
    writer = FileWriter()
    for relative, text in TEXTS.items():
        writer.write(root / relative, text)
    writer.finish()
    return writer


def _assert_written(root: Path) -> None:
    for relative, text in TEXTS.items():
        assert (root / relative).read_text(encoding="utf-8") == text
    assert not list(root.rglob("*.partial"))


def test_a_single_threaded_process_writes_through_a_forked_helper(tmp_path: Path) -> None:
    assert threading.active_count() == 1, "this test needs a single-threaded process"
    writer = FileWriter()
    assert writer._pid is not None
    writer.finish()
    _write_all(tmp_path)
    _assert_written(tmp_path)


def test_with_other_threads_running_the_files_are_written_here(tmp_path: Path) -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        writer = FileWriter()
        assert writer._pid is None
        writer.finish()
        _write_all(tmp_path)
    finally:
        release.set()
        other.join()
    _assert_written(tmp_path)


def test_the_first_failure_is_raised_and_leaves_no_partial_file(tmp_path: Path) -> None:
    (tmp_path / "l005").write_text("a file where a folder should be\n")
    with pytest.raises(OSError, match="l005"):
        _write_all(tmp_path)
    assert (tmp_path / "l004" / "results.json").is_file()
    assert not list(tmp_path.rglob("*.partial"))


def test_finish_twice_is_harmless(tmp_path: Path) -> None:
    writer = _write_all(tmp_path)
    writer.finish()
    _assert_written(tmp_path)

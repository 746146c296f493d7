"""A text answer in a `.md` file is read as the text it shows (a review's fenced
predict-output answer and `**B**` were graded as literal Markdown)."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.submission import Submission, plain_markdown

from .test_cli import BANK, grader


@pytest.mark.parametrize(
    "written, shown",
    [
        ("```\n6\n[]\nStopIteration\n```\n", "6\n[]\nStopIteration\n"),
        ("~~~text\n  a **b**\n~~~\n", "  a **b**\n"),  # a fence holds its text as written
        ("**B**\n", "B\n"),
        ("The answer is *B*, because x\n", "The answer is B, because x\n"),
        ("> B) 8\n", "B) 8\n"),
        ("2 * 3 * 4 = 24\n", "2 * 3 * 4 = 24\n"),
        ("`__name__` is `'__main__'`\n", "`__name__` is `'__main__'`\n"),
    ],
)
def test_a_markdown_answer_is_the_text_it_shows(written: str, shown: str) -> None:
    assert plain_markdown(written) == shown
    assert Submission.from_text(written, "answer.md").text == shown
    assert Submission.from_text(written, "answer.txt").text == written


@pytest.mark.parametrize(
    "exercise, written",
    [
        ("generators-predict-exhausted", "```\n6\n[]\nStopIteration\n```\n"),
        ("mlops-smooth-transition", "**B**\n"),
    ],
)
def test_a_fenced_or_bold_answer_in_a_md_file_is_graded_as_shown(
    tmp_path: Path, exercise: str, written: str
) -> None:
    answer = tmp_path / "answer.md"
    answer.write_text(written)
    result = grader("check", exercise, str(answer), "--exercises", BANK)
    assert result.returncode == 0 and "passed" in result.stdout, result.stdout

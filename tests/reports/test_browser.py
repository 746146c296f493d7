"""report.html in a real headless Chromium: it renders the chart and tables, logs nothing to
the console (no script error, no blocked load) and asks for nothing from the network."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from grader.reports.common import printable

from .conftest import LEARNERS
from .test_formats import Page

BROWSER = next(
    (path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None
)
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="needs Chromium for the headless check (apt-get install chromium)"
)


def chromium(page: Path, profile: Path) -> tuple[str, list[str]]:
    """The rendered DOM of `page`, and the console messages Chromium logged."""
    assert BROWSER is not None
    run = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    return run.stdout, console


def test_report_renders_in_chromium_without_console_messages(out: Path, tmp_path: Path) -> None:
    dom, console = chromium(out / "report.html", tmp_path / "profile")
    assert console == []
    page = Page()
    page.feed(dom)
    assert page.find("svg", id="score-chart")
    assert len(page.find("g", **{"class": "bar"})) == 11
    assert len(page.find("rect")) == 11
    for section in ("distribution", "exercises", "item-analysis", "mistakes", "learners"):
        assert page.find("section", id=section), section
    names = [printable(learner) for learner in LEARNERS]
    assert [row[0] for row in page.tables["learners"][1:]] == names
    assert not page.find("script")


def test_the_console_check_sees_blocked_loads_and_script_errors(tmp_path: Path) -> None:
    """A control: the check above would notice a load or a script error."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'\"></head><body>"
        '<img src="https://example.invalid/x.png"><script>missing()</script></body></html>',
        encoding="utf-8",
    )
    _, console = chromium(bad, tmp_path / "profile")
    assert len(console) >= 2, console

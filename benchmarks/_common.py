"""Shared helpers for benchmarks: timing, medians and side-by-side printing."""

from __future__ import annotations

import statistics
import sysconfig
import time
from collections.abc import Callable
from pathlib import Path


def median_ms(action: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def side_by_side(title: str, rows: list[tuple[str, float, str]]) -> None:
    """Print a small table: label, figure, unit."""
    print(title)
    width = max(len(label) for label, _, _ in rows)
    for label, value, unit in rows:
        print(f"  {label:<{width}}  {value:10.2f} {unit}")


def editable_install_note() -> str | None:
    """A warning when pygrader is installed in editable mode: its import hook then runs
    in every `python file.py` of a naive baseline and inflates it."""
    site_packages = Path(sysconfig.get_paths()["purelib"])
    if any(site_packages.glob("__editable__*pygrader*.pth")):
        return (
            "note: pygrader is installed in editable mode here, which slows every plain\n"
            "      `python file.py`; run this from a regular install (`pip install .`)\n"
            "      for a fair baseline."
        )
    return None

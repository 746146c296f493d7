"""Shared helpers for benchmarks: timing, medians and side-by-side printing."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


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

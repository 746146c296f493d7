"""Helpers shared by the renderers: numbers, safe text, JSON lines, a verdict as plain text."""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from grader.diff import visible
from grader.verdict import Check, Verdict, truncation_marker

_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 forbids or HTML calls parse errors (tab, newline and CR are allowed)."""


def number(value: float, places: int = 6) -> str:
    """A score as short, stable text: 1, 0.8, 0.333333 (six decimals at most)."""
    value = float(value)
    if value.is_integer():
        return str(int(value))
    if not math.isfinite(value):
        return "0"
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, the Unicode control pictures
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def printable(text: str) -> str:
    """`text` with control characters as control pictures (␛) and unencodable ones as �."""
    return _UNSAFE.sub(_picture, text) if _UNSAFE.search(text) else text


def single_line(text: str) -> str:
    """`text` on one line: newlines, tabs and CRs as visible marks too."""
    return printable(text).replace("\r", "␍").replace("\n", "␤").replace("\t", "→")


def json_text(data: Any, *, indent: int | None = None) -> str:
    """Stable JSON (sorted keys, UTF-8); pure ASCII escapes when a lone surrogate is inside,
    so that the text still encodes as UTF-8 and loads back to the same strings."""
    separators = (",", ": ") if indent else (",", ":")
    text = json.dumps(
        data, ensure_ascii=False, sort_keys=True, indent=indent, separators=separators
    )
    if _SURROGATE.search(text):
        text = json.dumps(
            data, ensure_ascii=True, sort_keys=True, indent=indent, separators=separators
        )
    return text


@contextmanager
def atomic_writer(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text stream whose content replaces `path` only once it is complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.partial")
    try:
        with temporary.open("w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


_MARKER = truncation_marker(0).strip().split(" ")[0] + " "
"""How the verdict's truncation markers begin (`⟦grader: `); they are shown as they are."""


def _line(line: str) -> str:
    return line if line.startswith(_MARKER) else visible(line)


def _value(label: str, value: str) -> list[str]:
    if "\n" not in value:
        shown = visible(value) if value != " ".join(value.split()) else value
        return [f"    {label}: {shown or '(nothing)'}"]
    return [f"    {label}:", *(f"      │{_line(line)}" for line in value.split("\n"))]


def check_lines(check: Check) -> list[str]:
    """One check: a mark, its name and message; for a failure, its diff or values."""
    mark = "✓" if check.passed else "✗"
    points = f" ({number(check.points)}/{number(check.max_points)})" if check.max_points else ""
    message = f": {check.message}" if check.message else ""
    lines = [f"{mark} {check.name}{points}{message}"]
    if check.passed:
        return lines
    if check.diff:
        lines.extend(f"    {line}" for line in check.diff.splitlines())
    else:
        for label, value in (("expected", check.expected), (check.actual_label, check.actual)):
            if value is not None:
                lines.extend(_value(label, value))
    return lines


def verdict_text(verdict: Verdict, *, passed_checks: bool = True) -> str:
    """The learner-facing verdict as plain text: status, score, message, error, checks, hints.

    Values are shown as the verdict holds them, with its truncation markers."""
    lines = [
        f"{verdict.status.value}: {number(verdict.score)}/{number(verdict.max_score)} points",
        verdict.message,
    ]
    if verdict.error and verdict.error.traceback:
        lines += ["", verdict.error.traceback.rstrip("\n")]
    checks = [c for c in verdict.checks if passed_checks or not c.passed]
    if checks:
        lines += ["", "Checks:" if passed_checks else "Failing checks:"]
        for check in checks:
            lines += check_lines(check)
    if verdict.hints:
        lines += ["", "Hints:"]
        lines += [f"{index}. {hint}" for index, hint in enumerate(verdict.hints, 1)]
    return "\n".join(lines)

"""Errors as CPython prints them, limited to the learner's own frames."""

from __future__ import annotations

import ctypes
import sys
import traceback
from typing import Any

from sandbox import names


def syntax_error(exc: SyntaxError, source: str, cap: int) -> dict[str, Any]:
    """CPython's own SyntaxError/IndentationError/TabError, with its caret text."""
    if exc.text is None and exc.lineno:
        # CPython reads the line back from the file for errors found after parsing.
        lines = source.splitlines(keepends=True)
        if 0 < exc.lineno <= len(lines):
            exc.text = lines[exc.lineno - 1]
    text = "".join(traceback.format_exception_only(type(exc), exc))
    return {
        "type": type(exc).__name__,
        "message": exc.msg,
        "line": exc.lineno,
        "column": exc.offset,
        "end_line": exc.end_lineno,
        "end_column": exc.end_offset,
        "text": (exc.text or "").rstrip("\n") or None,
        "traceback": _cap(text, cap),
    }


def runtime_error(exc: BaseException, filename: str, cap: int) -> dict[str, Any]:
    """Type, message (with CPython's 'Did you mean'), learner line and learner traceback."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    message = _message(exc)
    try:
        text = _format(exc, filename, message)
    except BaseException:  # a learner __str__ or __repr__ may fail or time out here
        text = f"{type(exc).__name__}: {message}\n"
    last = frames[-1] if frames else None
    return {
        "type": type(exc).__name__,
        "message": message,
        "line": last.lineno if last else None,
        "column": None,
        "end_line": None,
        "end_column": None,
        "text": last.line if last else None,
        "traceback": _cap(text, cap),
    }


def _message(exc: BaseException) -> str:
    try:
        message = str(exc)
    except BaseException:
        return "<exception str() failed>"
    suggestion = _suggestion(exc)
    if suggestion and not names.is_reserved(suggestion) and "Did you mean" not in message:
        message += f". Did you mean: '{suggestion}'?"
    return message


def _suggestion(exc: BaseException) -> str | None:
    """CPython 3.11 computes 'Did you mean' only while printing; ask it directly."""
    if sys.version_info >= (3, 12) or not isinstance(exc, (NameError, AttributeError)):
        return None
    try:
        offer = ctypes.pythonapi._Py_Offer_Suggestions
        offer.restype = ctypes.py_object
        offer.argtypes = (ctypes.py_object,)
        result = offer(exc)
    except (AttributeError, ValueError, OSError, SystemError):
        return None
    return result if isinstance(result, str) else None


def _format(exc: BaseException, filename: str, message: str) -> str:
    te = traceback.TracebackException(type(exc), exc, exc.__traceback__, compact=True)
    _keep_learner_frames(te, filename)
    te._str = message  # type: ignore[attr-defined]
    return "".join(te.format())


def _keep_learner_frames(te: traceback.TracebackException, filename: str) -> None:
    seen: set[int] = set()
    queue: list[traceback.TracebackException | None] = [te]
    while queue:
        current = queue.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        learner = [
            traceback.FrameSummary(f.filename, f.lineno, f.name, line=f.line)
            for f in current.stack
            if f.filename == filename
        ]
        current.stack = traceback.StackSummary.from_list(learner)
        queue += [current.__cause__, current.__context__]
        if not learner:
            current.stack = traceback.StackSummary()


def _cap(text: str, cap: int) -> str:
    data = text.encode("utf-8", "replace")
    if len(data) <= cap:
        return text
    head = data[: cap // 2].decode("utf-8", "ignore")
    tail = data[-cap // 2 :].decode("utf-8", "ignore")
    return f"{head}\n[... {len(data) - cap} bytes of error text cut ...]\n{tail}"

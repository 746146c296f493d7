"""Errors as CPython prints them, limited to the learner's own frames."""

from __future__ import annotations

import builtins
import io
import sys
import traceback
import unicodedata  # noqa: F401  (traceback imports it to draw carets under non-ASCII lines)
from collections.abc import Callable
from types import SimpleNamespace, TracebackType

from sandbox import names, plain

TYPE_CHECKING = False  # `typing` costs every zygote and each of its forks
if TYPE_CHECKING:
    from typing import Any


def syntax_error(exc: SyntaxError, source: str, cap: int) -> dict[str, Any]:
    """CPython's own SyntaxError/IndentationError/TabError, with its caret text."""
    if exc.text is None and exc.lineno:
        # CPython reads the line back from the file (universal newlines) for errors found
        # after parsing, such as 'return' outside function.
        lines = io.StringIO(source, newline=None).readlines()
        if 0 < exc.lineno <= len(lines):
            exc.text = lines[exc.lineno - 1]
    text = as_stderr_shows(printed(exc))
    return {
        "type": type(exc).__name__,
        "message": as_stderr_shows(exc.msg),
        "line": exc.lineno,
        "column": exc.offset,
        "end_line": exc.end_lineno,
        "end_column": exc.end_offset,
        "text": (exc.text or "").rstrip("\n") or None,
        "traceback": plain.text(text, cap),
    }


def printed(exc: BaseException) -> str:
    """The text CPython's own printer (`PyErr_Display`) writes for `exc`, without traceback.

    For a SyntaxError this is exactly what `python file.py` prints; the `traceback`
    module's rendering differs (carets at the end of a line, tabs, multi-line spans).
    """
    saved = sys.stderr, exc.__traceback__, exc.__cause__, exc.__context__
    sys.stderr = buffer = io.StringIO()
    try:
        exc.__traceback__ = exc.__cause__ = exc.__context__ = None  # else printed too
        sys.__excepthook__(type(exc), exc, None)
    finally:
        sys.stderr, exc.__traceback__, exc.__cause__, exc.__context__ = saved
    return buffer.getvalue()


def as_stderr_shows(text: str) -> str:
    """`text` as CPython's stderr writes it: what UTF-8 cannot encode (a lone surrogate in
    a learner's message, say) as a backslash escape, `\\udcff`."""
    if text.isascii():
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def runtime_error(exc: BaseException, filename: str, cap: int) -> dict[str, Any]:
    """Type, message (with CPython's 'Did you mean'), learner line and learner traceback,
    as exact `str`s cut to `cap` bytes: a learner's `__str__` may return a `str` subclass,
    or 100 MB of text."""
    name = plain.type_name(type(exc))
    frames = [f for f in traceback.extract_tb(traceback_of(exc)) if f.filename == filename]
    unstarted = _failed_on_entry(exc, filename)
    if unstarted:
        frames = frames[:-1]
    message = as_stderr_shows(_message(exc, filename, cap))
    try:
        text = as_stderr_shows(_format(exc, filename, message, unstarted, cap))
    except BaseException:  # a learner __str__ or __repr__ may fail or time out here
        text = f"{name}: {message}\n"
    last = frames[-1] if frames else None
    return {
        "type": name,
        "message": message,
        "line": last.lineno if last else None,
        "column": None,
        "end_line": None,
        "end_column": None,
        "text": plain.optional_text(last.line, cap) if last else None,
        "traceback": plain.text(text, cap),
    }


def traceback_of(exc: BaseException) -> TracebackType | None:
    """The traceback itself: a subclass's `__traceback__` property is never called."""
    found: TracebackType | None = _TRACEBACK.__get__(exc)
    return found


_TRACEBACK = BaseException.__dict__["__traceback__"]


def _failed_on_entry(exc: BaseException, filename: str) -> bool:
    """True when a RecursionError hit the tick that opens a learner function.

    A tick takes no recursion depth, except every TICK_BATCH ticks, when it calls back into
    Python to check the budget. If that fails at the limit, CPython would have failed while
    pushing the new frame, so that its traceback ends at the call: the frame is dropped.
    """
    tb = traceback_of(exc)
    if not isinstance(exc, RecursionError) or tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    code = tb.tb_frame.f_code
    if code.co_filename != filename:
        return False
    positions = list(code.co_positions())
    index = tb.tb_lasti // 2
    return 0 <= index < len(positions) and names.is_tick_position(positions[index])


def _message(exc: BaseException, filename: str, cap: int) -> str:
    try:
        message = plain.text(str(exc), cap)
    except BaseException:
        return "<exception str() failed>"
    if "Did you mean" in message:
        return message
    try:
        return plain.text(message + _hint(exc, filename), cap)
    except BaseException:  # dir() and hasattr() run learner code, which may fail
        return message


def _hint(exc: BaseException, filename: str) -> str:
    """What CPython adds to the message: '. Did you mean: ...?', and from 3.12 on, for a
    missing name that is a standard module, '. Did you forget to import ...'."""
    suggestion = _suggestion(exc, filename)
    hint = ""
    if suggestion and not names.is_reserved(suggestion):
        hint = f". Did you mean: '{suggestion}'?"
    name = getattr(exc, "name", None)
    if sys.version_info >= (3, 12) and isinstance(exc, NameError) and name in _STDLIB:
        hint += f"{' Or did' if hint else '. Did'} you forget to import '{name}'?"
    return hint


# -- 'Did you mean': CPython 3.11's Python/suggestions.c, in Python -------------------------
#
# CPython 3.11 computes the suggestion only while printing, in C, and does not export the
# function (`_Py_Offer_Suggestions` is a local symbol in most builds). For a name, it looks
# at the learner frame's variables, then CPython's own module globals and builtins, so the
# guard names and the sandbox's smaller builtins do not change the suggestion.

_MOVE_COST = 2
_CASE_COST = 1
_MAX_CANDIDATES = 750
_MAX_STRING = 40
_SITE_BUILTINS = ("quit", "exit", "copyright", "credits", "license", "help")
_CPYTHON_BUILTINS = [*vars(builtins), *(n for n in _SITE_BUILTINS if n not in vars(builtins))]
_SCRIPT_GLOBALS = (
    "__name__", "__doc__", "__package__", "__loader__", "__spec__", "__annotations__",
    "__builtins__", "__file__", "__cached__",
)  # fmt: skip
"""What a script's globals start with under `python file.py`."""
_CPYTHON_BUILTINS_MAP = dict.fromkeys(_CPYTHON_BUILTINS)


_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ()))


def _suggestion(exc: BaseException, filename: str) -> str | None:
    if sys.version_info >= (3, 12):
        return _traceback_suggestion(exc, filename)
    if type(exc) is AttributeError:
        if type(exc.name) is not str:
            return None
        return _closest(exc.name, dir(exc.obj))
    if type(exc) is NameError and type(exc.name) is str and exc.__traceback__ is not None:
        tb = exc.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        frame = tb.tb_frame
        learner = frame.f_code.co_filename == filename
        scopes = (
            list(frame.f_code.co_varnames),
            _script_globals(frame.f_globals) if learner else list(frame.f_globals),
            _CPYTHON_BUILTINS if learner else list(frame.f_builtins),
        )
        for candidates in scopes:
            found = _closest(exc.name, candidates)
            if found is not None:
                return found
    return None


def _traceback_suggestion(exc: BaseException, filename: str) -> str | None:
    """From 3.12 on, the traceback module's own suggestion, shown a learner frame as under
    `python file.py`: its locals, a script's globals and CPython's builtins."""
    compute: Callable[..., str | None] | None = getattr(
        traceback, "_compute_suggestion_error", None
    )
    name = getattr(exc, "name", None)
    if compute is None or not isinstance(name, str):
        return None
    if isinstance(exc, AttributeError):
        return compute(exc, None, name)
    if not isinstance(exc, NameError) or exc.__traceback__ is None:
        return None
    tb = exc.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    frame = tb.tb_frame
    if frame.f_code.co_filename != filename:
        return compute(exc, tb, name)
    script = dict.fromkeys(_script_globals(frame.f_globals))
    own = script if frame.f_locals is frame.f_globals else frame.f_locals
    shown = SimpleNamespace(f_locals=own, f_globals=script, f_builtins=_CPYTHON_BUILTINS_MAP)
    return compute(exc, SimpleNamespace(tb_next=None, tb_frame=shown), name)


def _script_globals(namespace: dict[str, Any]) -> list[str]:
    own = [k for k in namespace if k not in _SCRIPT_GLOBALS and not names.is_reserved(k)]
    return [*_SCRIPT_GLOBALS, *own]


def _closest(name: str, candidates: list[Any]) -> str | None:
    if len(candidates) >= _MAX_CANDIDATES:
        return None
    wanted = name.encode("utf-8", "surrogatepass")
    best: str | None = None
    best_distance = sys.maxsize
    for item in candidates:
        if not isinstance(item, str):
            return None  # CPython gives up on a name it cannot encode
        if item == name:
            continue
        other = item.encode("utf-8", "surrogatepass")
        # No more than 1/3 of the involved characters should need changing.
        max_distance = min((len(wanted) + len(other) + 3) * _MOVE_COST // 6, best_distance - 1)
        distance = _levenshtein(wanted, other, max_distance)
        if distance <= max_distance and (best is None or distance < best_distance):
            best, best_distance = item, distance
    return best


def _substitution_cost(a: int, b: int) -> int:
    if (a & 31) != (b & 31):
        return _MOVE_COST
    if a == b:
        return 0
    if 65 <= a <= 90:
        a += 32
    if 65 <= b <= 90:
        b += 32
    return _CASE_COST if a == b else _MOVE_COST


def _levenshtein(a: bytes, b: bytes, max_cost: int) -> int:
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    if not a or not b:
        return (len(a) + len(b)) * _MOVE_COST
    if len(a) > _MAX_STRING or len(b) > _MAX_STRING:
        return max_cost + 1
    if len(b) < len(a):
        a, b = b, a
    if (len(b) - len(a)) * _MOVE_COST > max_cost:
        return max_cost + 1
    row = [(i + 1) * _MOVE_COST for i in range(len(a))]
    result = 0
    for b_index, code in enumerate(b):
        distance = result = b_index * _MOVE_COST
        minimum = sys.maxsize
        for index, char in enumerate(a):
            substitute = distance + _substitution_cost(code, char)
            distance = row[index]
            result = min(min(result, distance) + _MOVE_COST, substitute)
            row[index] = result
            minimum = min(minimum, result)
        if minimum > max_cost:
            return max_cost + 1
    return result


def _format(exc: BaseException, filename: str, message: str, unstarted: bool, cap: int) -> str:
    te = traceback.TracebackException(type(exc), exc, exc.__traceback__, compact=True)
    _keep_learner_frames(te, filename)
    _cut_messages(te, cap)
    if unstarted and te.stack:
        te.stack = traceback.StackSummary.from_list(list(te.stack)[:-1])
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
        learner = [f for f in current.stack if f.filename == filename]
        current.stack = traceback.StackSummary.from_list(learner)
        queue += [current.__cause__, current.__context__]


def _cut_messages(te: traceback.TracebackException, cap: int) -> None:
    """Every message in the traceback (chained and grouped exceptions too) as an exact
    `str` of at most `cap` bytes: a learner's `__str__` chose its type and size."""
    seen: set[int] = set()
    queue: list[traceback.TracebackException | None] = [te]
    while queue:
        current = queue.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        current._str = plain.text(current._str, cap)  # type: ignore[attr-defined]
        queue += [current.__cause__, current.__context__, *(current.exceptions or ())]

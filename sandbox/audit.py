"""The language layer's audit hook: no text reaches exec/eval/compile outside the policy.

Installed in each child just before the program runs (`sys.addaudithook`: it can never be
removed). From then on, for the rest of that process:

- `exec` runs only the program's own compiled code, or code made at an allowlisted
  standard-library site whose inputs are made safe: dataclasses (each field name a plain
  identifier, the class's `__module__` the program's) and namedtuple (which checks its
  names as exact identifiers itself); `compile` runs only at those sites, in
  `typing.ForwardRef` (whose code nothing may then run: that would be an `exec`) and in
  `ast.parse` (a tree is not code: making code of it is another `compile`).
- CPython's own audited reads of frames and code (`tb_frame`, `gi_frame`, `f_code`,
  `__code__`) are refused when the program's code makes them (a read CPython does itself,
  past the guards).
- Files, processes, sockets, `ctypes`, new imports, tracing and the like are refused: a
  violation when the program's code asks, and an OSError (as the process layer's Landlock
  and seccomp give) when library code does on its behalf (linecache, say).

Audit hooks are not a boundary on their own (a program with the real `ctypes` could write
to memory); this one backs the guards up, and the process layer holds regardless.
"""

from __future__ import annotations

import ast
import collections
import sys

from sandbox.budget import ForbiddenOperation
from sandbox.modules import is_plain_identifier
from sandbox.names import DENIED_ATTRIBUTES

TYPE_CHECKING = False  # `typing` and `dataclasses` load only when a program imports them
if TYPE_CHECKING:
    from collections.abc import Callable
    from types import CodeType, FrameType
    from typing import Any

_PASS = frozenset(
    {
        "builtins.id", "builtins.input", "builtins.input/result", "object.__setattr__",
        "object.__delattr__", "sys._getframe", "sys._getframemodulename", "time.sleep",
    }
)  # fmt: skip
"""Frequent events that are harmless: answered at once."""
_REFUSED_FAMILIES = frozenset(
    {
        "os", "subprocess", "_posixsubprocess", "socket", "ctypes", "shutil", "gc", "marshal",
        "pickle", "mmap", "resource", "signal", "cpython", "sqlite3", "urllib", "http",
        "ftplib", "smtplib", "poplib", "imaplib", "nntplib", "telnetlib", "glob", "tempfile",
        "webbrowser", "syslog", "fcntl", "pty", "winreg", "msvcrt", "_winapi", "code",
        "function", "setopencode",
    }
)  # fmt: skip
"""Event families (the part before the first dot) refused while the program runs."""
_REFUSED_EVENTS = frozenset(
    {
        "open", "import", "builtins.breakpoint", "sys.addaudithook", "sys.settrace",
        "sys.setprofile", "sys._current_frames", "sys._current_exceptions",
        "sys.setrecursionlimit", "sys.excepthook", "sys.unraisablehook",
    }
)  # fmt: skip

_AST_PARSE: CodeType = ast.parse.__code__
"""Parsing makes a tree, never code (the traceback module parses lines to draw carets)."""
_NAMEDTUPLE: CodeType = collections.namedtuple.__code__


def _forward_ref() -> CodeType | None:
    """`typing.ForwardRef.__init__`'s code, once `typing` is loaded (it compiles a string
    annotation); while it is not, no frame can run it."""
    typing = sys.modules.get("typing")
    return typing.ForwardRef.__init__.__code__ if typing is not None else None


def _dataclass_sites() -> tuple[CodeType | None, frozenset[CodeType]]:
    """`dataclasses._process_class`'s code, and where dataclasses runs the source text it
    builds (3.11-3.12; 3.13 and later); none while `dataclasses` is not loaded."""
    dataclasses = sys.modules.get("dataclasses")
    if dataclasses is None:
        return None, frozenset()
    builder = getattr(dataclasses, "_FuncBuilder", None)
    functions = (
        getattr(dataclasses, "_create_fn", None),
        getattr(builder, "add_fns_to_class", None),
    )
    execs = frozenset(f.__code__ for f in functions if f is not None)
    return dataclasses._process_class.__code__, execs


_FRAMES_TO_CLASS = 4
"""Frames between a dataclasses exec site and the `_process_class` that called it, at most."""


class AuditHook:
    """The hook for one run; `deny` records the violation and returns the exception."""

    def __init__(
        self,
        learner_globals: dict[str, Any],
        deny: Callable[[str], ForbiddenOperation],
        program: CodeType,
    ) -> None:
        self._globals = learner_globals
        self._deny = deny
        self._program = program
        # held here, not read as module globals at each event: a program that reached the
        # module could not switch the hook off by rebinding them
        self._pass, self._refused = _PASS, (_REFUSED_EVENTS, _REFUSED_FAMILIES)
        self._busy = False
        """True while the hook runs: its own reads of frames (audited too) pass."""
        self._field_name = _field_name_slot()
        """`dataclasses.Field.name` as loaded, before the program ran: dataclasses builds
        its text from that attribute, and the names it holds are what the hook checks."""

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if event in self._pass or self._busy:
            return
        self._busy = True
        try:
            self._check(event, args)
        finally:
            self._busy = False

    def _check(self, event: str, args: tuple[Any, ...]) -> None:
        if event == "exec":
            self._check_exec(args[0])
        elif event == "compile":
            self._check_compile()
        elif event == "object.__getattr__":
            if self._asked_by_program(sys._getframe(2)):
                raise self._deny(f"reading '{args[1]}' is not allowed in exercises")
        elif event in self._refused[0] or event.partition(".")[0] in self._refused[1]:
            self._refuse(event, sys._getframe(2))

    def _check_exec(self, code: Any) -> None:
        if code is self._program:
            return
        caller = sys._getframe(3)
        site = caller.f_code
        if site is _NAMEDTUPLE or self._safe_dataclass(caller):
            return
        raise self._deny("running code made from text is not allowed in exercises")

    def _check_compile(self) -> None:
        caller = sys._getframe(3)
        site = caller.f_code
        if site is _NAMEDTUPLE or site is _AST_PARSE or site is _forward_ref():
            return
        if self._safe_dataclass(caller):
            return
        raise self._deny("compiling text is not allowed in exercises")

    def _safe_dataclass(self, site: FrameType) -> bool:
        """A dataclasses exec site, where the class being made runs in the program's module,
        with plain field names."""
        process_class, execs = _dataclass_sites()
        if site.f_code not in execs:
            return False
        frame: FrameType | None = site
        for _ in range(_FRAMES_TO_CLASS):
            frame = frame.f_back if frame is not None else None
            if frame is not None and frame.f_code is process_class:
                break
        else:
            return False
        assert frame is not None
        local = frame.f_locals
        fields = local.get("fields")
        if local.get("globals") is not self._globals or type(fields) is not dict:
            return False
        if self._field_name is None or _field_name_slot() is not self._field_name:
            return False  # `Field.name` replaced: the text may hold other names than these
        return all(_plain_field(name, field) for name, field in fields.items())

    def _asked_by_program(self, frame: FrameType) -> bool:
        """Whether the frame runs the program's code (its globals are the program's)."""
        return frame.f_globals is self._globals

    def _refuse(self, event: str, caller: FrameType) -> None:
        if self._asked_by_program(caller):
            raise self._deny(f"'{event}' is not allowed in exercises")
        if event == "import":
            raise ImportError("no module can be loaded while the program runs")
        raise PermissionError(f"'{event}' is not permitted in the sandbox")


def _field_name_slot() -> Any:
    """The `name` attribute of `dataclasses.Field`, raw (its slot); None before it loads."""
    dataclasses = sys.modules.get("dataclasses")
    return None if dataclasses is None else dataclasses.Field.__dict__.get("name")


def _plain_field(name: Any, field: Any) -> bool:
    field_type = sys.modules["dataclasses"].Field  # loaded: a dataclass is being made
    return (
        type(field) is field_type
        and is_plain_identifier(name)
        and name not in DENIED_ATTRIBUTES  # `dataclasses.replace` reads each field natively
        and field.name is name
    )

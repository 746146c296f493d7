"""The fidelity corpus and its reference runs under real CPython.

Every program under `programs/` is copied into a temporary directory and run there as
`python /tmp/.../NAME.py`, with a fixed hash seed and `NAME.stdin` (or nothing) on stdin.
A `sitecustomize` hook records the uncaught exception's attributes (SyntaxError offsets
included) as JSON, then lets CPython print it as usual; the hook is invisible to programs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROGRAMS = Path(__file__).parent / "programs"
GROUPS = ("ok", "runtime_errors", "syntax_errors")

_HOOK = """\
import os
import sys

_report = os.environ.pop("FIDELITY_REPORT", None)
_script = os.environ.pop("FIDELITY_SCRIPT", None)
_previous = sys.excepthook


def _fidelity_excepthook(kind, exc, tb):
    import json

    data = {"type": kind.__name__, "module": kind.__module__, "qualname": kind.__qualname__}
    if isinstance(exc, SyntaxError):
        for name in ("msg", "lineno", "offset", "end_lineno", "end_offset", "text"):
            data[name] = getattr(exc, name)
    else:
        line, walk = None, tb
        while walk is not None:
            if walk.tb_frame.f_code.co_filename == _script:
                line = walk.tb_lineno
            walk = walk.tb_next
        data["lineno"] = line
    with open(_report, "w", encoding="utf-8") as out:
        json.dump(data, out)
    _previous(kind, exc, tb)


if _report:
    sys.excepthook = _fidelity_excepthook
"""


@dataclass(frozen=True)
class Program:
    group: str
    name: str
    path: Path
    """The copy in the session's work directory; `str(path)` is what CPython shows."""
    source: str
    stdin: str

    @property
    def id(self) -> str:
        return f"{self.group}/{self.name}"


@dataclass(frozen=True)
class Reference:
    """What `python NAME.py` did."""

    returncode: int
    stdout: bytes
    stderr: str
    exception: dict[str, Any] | None
    """The uncaught exception as the hook saw it, or None when the program ended normally."""

    @property
    def last_line(self) -> str:
        """CPython's `Type: message` line (the last line of stderr)."""
        lines = self.stderr.splitlines()
        return lines[-1] if lines else ""


def program_names(group: str) -> list[str]:
    return sorted(path.stem for path in (PROGRAMS / group).glob("*.py"))


def copy_programs(root: Path) -> dict[str, Program]:
    """Every program, copied into `root` (CPython runs it there), keyed by id."""
    programs: dict[str, Program] = {}
    for group in GROUPS:
        (root / group).mkdir()
        for name in program_names(group):
            source_path = PROGRAMS / group / f"{name}.py"
            stdin_path = source_path.with_suffix(".stdin")
            path = root / group / f"{name}.py"
            shutil.copyfile(source_path, path)
            stdin = stdin_path.read_bytes().decode("utf-8") if stdin_path.exists() else ""
            source = source_path.read_bytes().decode("utf-8")
            program = Program(group, name, path, source, stdin)
            programs[program.id] = program
    return programs


def run_cpython(programs: list[Program], scratch: Path) -> dict[str, Reference]:
    """`python NAME.py` for every program, in parallel; keyed by id."""
    hook_dir = scratch / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(_HOOK, encoding="utf-8")

    def run(item: tuple[int, Program]) -> tuple[str, Reference]:
        index, program = item
        report = scratch / f"{index}.json"
        env = {
            "PATH": "/usr/bin:/bin",
            "LC_ALL": "C.UTF-8",
            "PYTHONHASHSEED": "0",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONNOUSERSITE": "1",
            "PYTHONPATH": str(hook_dir),
            "FIDELITY_REPORT": str(report),
            "FIDELITY_SCRIPT": str(program.path),
        }
        done = subprocess.run(
            [sys.executable, str(program.path)],
            input=program.stdin.encode("utf-8"),
            capture_output=True,
            cwd=program.path.parent,
            env=env,
            timeout=60,
            check=False,
        )
        exception = json.loads(report.read_text("utf-8")) if report.exists() else None
        stderr = done.stderr.decode("utf-8", "replace")
        return program.id, Reference(done.returncode, done.stdout, stderr, exception)

    workers = max(2, min(8, 2 * (os.cpu_count() or 1)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(pool.map(run, enumerate(programs)))


def learner_traceback(stderr: str, filename: str) -> str:
    """CPython's traceback text with only the frames of `filename`, as the sandbox shows it.

    A frame is its `  File "...", line N, in name` line and the indented lines under it
    (source and carets). A `Traceback (most recent call last):` header left with no frame
    goes too, as the `traceback` module prints none for an empty stack.
    """
    kept: list[str] = []
    skipping = False
    for line in stderr.splitlines(keepends=True):
        if line.startswith('  File "'):
            skipping = not line.startswith(f'  File "{filename}", ')
        elif not line.startswith("    "):
            skipping = False
        if not skipping:
            kept.append(line)
    result: list[str] = []
    for index, line in enumerate(kept):
        header = line == "Traceback (most recent call last):\n"
        if header and not (index + 1 < len(kept) and kept[index + 1].startswith("  ")):
            continue
        result.append(line)
    return "".join(result)

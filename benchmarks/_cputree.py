"""CPU time by process of a command's whole tree: the command itself, the fork servers,
their zygotes, the zygotes' children (the learner runs) and any other helper.

Linux only. The tree is sampled from /proc every few milliseconds; this process is made a
child subreaper, so that a process whose parent died (a zygote whose server was killed)
comes back to it and is read once more, as a zombie, before it is reaped. A zygote's
children are counted through its `cutime`/`cstime` (they are reaped by the zygote).
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field

_PR_SET_CHILD_SUBREAPER = 36
_TICK = os.sysconf("SC_CLK_TCK")
ROLES = ("children", "zygotes", "servers", "grader", "helpers")


LAYOUTS = ("grader", "flat", "nested")
"""How a tree is read. `grader`: fork servers (by command line) under the command, their
zygotes under them, anything else under the command a helper. `flat`: every process under
the command is a zygote. `nested`: under the command, servers; under them, zygotes."""


@dataclass
class _Seen:
    parent: int
    role: str
    own: float = 0.0
    reaped: float = 0.0
    faults: int = 0
    reaped_faults: int = 0


@dataclass
class TreeCpu:
    """Seconds of CPU (user + system) and page faults, by role, of one command's run."""

    seconds: dict[str, float] = field(default_factory=dict)
    faults: dict[str, int] = field(default_factory=dict)
    wall: float = 0.0
    returncode: int = 0

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def _stat(pid: int) -> tuple[int, float, float, int, int] | None:
    """(parent, own CPU, reaped children's CPU, own faults, children's faults)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            text = handle.read()
    except OSError:
        return None
    fields = text[text.rindex(b")") + 2 :].split()
    parent = int(fields[1])
    minor, child_minor, major, child_major = (int(fields[i]) for i in (7, 8, 9, 10))
    utime, stime, cutime, cstime = (int(fields[i]) / _TICK for i in (11, 12, 13, 14))
    return parent, utime + stime, cutime + cstime, minor + major, child_minor + child_major


def _is_server(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return b"sandbox.server" in handle.read()
    except OSError:
        return False


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(p) for p in handle.read().split()]
    except OSError:
        pass
    return found


def measure(
    command: list[str], layout: str = "grader", interval: float = 0.004, **popen: object
) -> TreeCpu:
    """Run `command` and account its tree's CPU by role (see LAYOUTS)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    seen: dict[int, _Seen] = {}
    started = time.perf_counter()
    process = subprocess.Popen(command, **popen)  # type: ignore[call-overload]
    root = process.pid
    try:
        while True:
            _sample(root, seen, layout)
            _collect_orphans(root, seen, layout)
            if _root_exited(root):
                break
            time.sleep(interval)
        _sample(root, seen, layout)
        _collect_orphans(root, seen, layout)
    finally:
        returncode = process.wait()
        _collect_orphans(root, seen, layout, block=True)
    libc.prctl(_PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)
    result = TreeCpu(wall=time.perf_counter() - started, returncode=returncode)
    seconds: Counter[str] = Counter()
    faults: Counter[str] = Counter()
    for item in seen.values():
        role = item.role
        seconds[role] += item.own
        faults[role] += item.faults
        if role == "zygotes":
            seconds["children"] += item.reaped
            faults["children"] += item.reaped_faults
    result.seconds = {role: seconds[role] for role in ROLES}
    result.faults = {role: faults[role] for role in ROLES}
    return result


def _role(pid: int, parent: int, root: int, seen: dict[int, _Seen], layout: str) -> str:
    if pid == root:
        return "grader"
    above = seen.get(parent)
    above_role = above.role if above is not None else "helpers"
    if above_role == "grader":
        if layout == "flat":
            return "zygotes"
        if layout == "nested" or _is_server(pid):
            return "servers"
        return "helpers"
    if above_role == "servers":
        return "zygotes"
    return "children" if above_role == "zygotes" else "helpers"


def _root_exited(root: int) -> bool:
    """True once the command is a zombie (its final figures are still readable)."""
    try:
        info = os.waitid(os.P_PID, root, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return True
    return info is not None


def _sample(root: int, seen: dict[int, _Seen], layout: str) -> None:
    pending = [root]
    while pending:
        pid = pending.pop()
        item = _record(pid, root, seen, layout)
        # A zygote's children are counted through the zygote; never walked one by one.
        if item is not None and item.role != "zygotes":
            pending += _children(pid)


def _record(pid: int, root: int, seen: dict[int, _Seen], layout: str) -> _Seen | None:
    stat = _stat(pid)
    if stat is None:
        return None
    parent, own, reaped, faults, reaped_faults = stat
    item = seen.get(pid)
    if item is None:
        item = seen[pid] = _Seen(parent, _role(pid, parent, root, seen, layout))
    if item.role == "children":  # a child caught alive: counted through its zygote
        return item
    if item.role == "helpers" and layout == "grader" and parent == root and _is_server(pid):
        item.role = "servers"  # first seen between its spawn and its exec
    item.own, item.reaped = max(item.own, own), max(item.reaped, reaped)
    item.faults = max(item.faults, faults)
    item.reaped_faults = max(item.reaped_faults, reaped_faults)
    return item


def _collect_orphans(root: int, seen: dict[int, _Seen], layout: str, block: bool = False) -> None:
    """Read, then reap, every exited process that was reparented here (not the root);
    with `block`, until none is left (for a second at most)."""
    deadline = time.monotonic() + (1.0 if block else 0.0)
    while True:
        try:
            info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOWAIT | os.WNOHANG)
        except ChildProcessError:
            return
        if info is None or info.si_pid == root:
            if time.monotonic() >= deadline or info is not None:
                return
            time.sleep(0.01)
            continue
        _record(info.si_pid, root, seen, layout)
        os.waitpid(info.si_pid, 0)


def per_file_table(results: dict[str, TreeCpu], files: int) -> list[str]:
    """Lines: ms of CPU per file by role, one column per contender."""
    names = list(results)
    width = max(14, *(len(name) + 2 for name in names))
    lines = ["  CPU per file (ms)  " + "".join(f"{name:>{width}}" for name in names)]
    for role in (*ROLES, "total"):
        cells = []
        for name in names:
            cpu = results[name]
            value = cpu.total if role == "total" else cpu.seconds.get(role, 0.0)
            cells.append(f"{value / files * 1000:{width}.3f}")
        lines.append(f"  {role:<17}  " + "".join(cells))
    lines.append(
        "  faults per file    "
        + "".join(f"{sum(results[n].faults.values()) / files:{width}.0f}" for n in names)
    )
    return lines

"""Starting the fork server: `python -S -P -m sandbox.server` on three pipes, by posix_spawn.

This module imports only what Python has loaded before any code runs (`os`, `sys`), so the
`grader` command starts the server first thing, and the server boots while the grader
imports click, YAML and the rest (`start_early`; the client adopts that server).
"""

from __future__ import annotations

import os
import sys

HASH_SEED = "0"
"""Every server hashes strings alike: a learner's set prints in the same order each run."""


class Spawned:
    """A server process just started: its pid and the grader's ends of its pipes."""

    def __init__(self, config: dict[str, bool]) -> None:
        to_server, self.stdin = os.pipe()
        self.stdout, from_server = os.pipe()
        self.stderr, errors = os.pipe()
        actions = [
            (os.POSIX_SPAWN_DUP2, to_server, 0),
            (os.POSIX_SPAWN_DUP2, from_server, 1),
            (os.POSIX_SPAWN_DUP2, errors, 2),
        ]
        # `-P` keeps the working directory (a learner's folder, say) off the import path
        argv = [sys.executable, "-S", "-P", "-m", "sandbox.server", _json(config)]
        try:
            self.pid = os.posix_spawn(
                sys.executable, argv, server_environment(), file_actions=actions
            )
        finally:
            for fd in (to_server, from_server, errors):
                os.close(fd)
        for fd in (self.stdin, self.stdout, self.stderr):
            os.set_inheritable(fd, False)
        self.config = dict(config)


def _json(config: dict[str, bool]) -> str:
    """`config` as JSON (the server reads it with `json.loads`; no `json` import here)."""
    return "{" + ", ".join(f'"{k}": {"true" if v else "false"}' for k, v in config.items()) + "}"


def server_environment() -> dict[str, str]:
    """A scrubbed environment: a fixed hash seed and the paths the server imports from."""
    from importlib.machinery import PathFinder  # small: the import system is loaded

    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths = [here]  # first: this `sandbox`, never another copy beside RestrictedPython
    spec = PathFinder.find_spec("RestrictedPython")
    if spec and spec.origin:
        found = os.path.dirname(os.path.dirname(os.path.abspath(spec.origin)))
        paths += [found] if found != here else []
    return {
        "PYTHONHASHSEED": HASH_SEED,
        "PYTHONPATH": os.pathsep.join(paths),
        "PATH": "/usr/bin:/bin",
        "LC_ALL": "C.UTF-8",
    }


_early: Spawned | None = None


def start_early(config: dict[str, bool]) -> None:
    """Start a server now, for the first `Sandbox` with this config to adopt."""
    global _early
    if _early is None:
        _early = Spawned(config)


def adopt(config: dict[str, bool]) -> Spawned | None:
    """The server `start_early` started, if its config is `config` (once)."""
    global _early
    found, _early = _early, None
    if found is not None and found.config != config:
        _stop(found)
        return None
    return found


def _stop(spawned: Spawned) -> None:
    for fd in (spawned.stdin, spawned.stdout, spawned.stderr):
        os.close(fd)
    os.kill(spawned.pid, 9)  # SIGKILL (the signal module would import enum)
    os.waitpid(spawned.pid, 0)

"""A two-layer sandbox for learner Python programs.

`run(source, filename=..., stdin=..., limits=Limits())` returns an `Outcome` (plain data).
The language layer (RestrictedPython, relaxed for everyday code, plus runtime guards) and
the process layer (a forked child with rlimits, namespaces, an unprivileged uid, Landlock
and seccomp) each hold on their own. This package never imports `grader`.

Names are imported lazily: the fork server imports `sandbox.server` without the client
(whose `threading` import would slow every fork).
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Sandbox": "sandbox.client",
    "SandboxError": "sandbox.client",
    "default_sandbox": "sandbox.client",
    "run": "sandbox.client",
    "DEFAULT_MODULES": "sandbox.limits",
    "Limits": "sandbox.limits",
    "CallResult": "sandbox.outcome",
    "ErrorInfo": "sandbox.outcome",
    "Layer": "sandbox.outcome",
    "Outcome": "sandbox.outcome",
    "Status": "sandbox.outcome",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'sandbox' has no attribute '{name}'")

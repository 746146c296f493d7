"""How a run ended, and which sandbox layer stopped it."""

from __future__ import annotations

import enum


class Status(enum.StrEnum):
    OK = "ok"
    SYNTAX_ERROR = "syntax_error"
    RUNTIME_ERROR = "runtime_error"
    FORBIDDEN = "forbidden"
    TIMEOUT = "timeout"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"


class Layer(enum.StrEnum):
    """The sandbox layer that stopped a run."""

    LANGUAGE = "language"
    PROCESS = "process"


STOPPED_BY_CPU = "cpu"
"""The zygote stopped the child at its CPU time limit."""
STOPPED_BY_WALL = "wall"
"""The zygote stopped the child at its wall-clock backstop."""

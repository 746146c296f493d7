"""Compiling a program: CPython's own compile for exact errors, then the language policy."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from types import CodeType
from typing import Any

from sandbox import reporting
from sandbox.limits import Limits
from sandbox.policy import transform
from sandbox.status import Layer, Status

SERVER_COMPILE_LIMIT = 64 * 1024
"""Sources up to this size compile in the warm server; larger ones in the limited child."""


@dataclass(frozen=True)
class Request:
    source: str
    filename: str
    stdin: str
    limits: Limits
    calls: tuple[str, ...] = ()


@dataclass(frozen=True)
class Compiled:
    code: CodeType
    imported: frozenset[str] = field(default_factory=frozenset)


def compile_program(request: Request, language: bool) -> Compiled | dict[str, Any]:
    """The code object, or the result dict of a program that does not compile."""
    limits = request.limits
    try:
        plain = compile(request.source, request.filename, "exec", dont_inherit=True)
        if not language:
            return Compiled(plain)
        return _restricted(request)
    except SyntaxError as exc:
        error = reporting.syntax_error(exc, request.source, limits.error_bytes)
        return {"status": Status.SYNTAX_ERROR, "error": error}
    except (RecursionError, ValueError) as exc:
        message = str(exc) or type(exc).__name__
        error = {
            "type": type(exc).__name__,
            "message": message,
            "traceback": f"{type(exc).__name__}: {message}\n",
        }
        return {"status": Status.SYNTAX_ERROR, "error": error}


def _restricted(request: Request) -> Compiled | dict[str, Any]:
    tree = ast.parse(request.source, request.filename)
    policy, tree = transform(tree, request.limits.modules)
    if policy.violations:
        first = policy.violations[0]
        return forbidden(str(first), first.line)
    ast.fix_missing_locations(tree)
    code = compile(tree, request.filename, "exec", dont_inherit=True)
    return Compiled(code, frozenset(policy.imported))


def forbidden(message: str, line: int | None) -> dict[str, Any]:
    error = {"type": "Forbidden", "message": message, "line": line, "traceback": message + "\n"}
    return {"status": Status.FORBIDDEN, "error": error, "stopped_by": Layer.LANGUAGE}


def memory_failure() -> dict[str, Any]:
    message = "the program is too large to compile within the memory limit"
    error = {"type": "MemoryError", "message": message, "traceback": f"MemoryError: {message}\n"}
    return {"status": Status.MEMORY_LIMIT, "error": error, "stopped_by": Layer.PROCESS}

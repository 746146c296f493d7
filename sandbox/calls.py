"""Parsing a function call given as text: `name(literal, ..., key=literal)`."""

from __future__ import annotations

import ast

TYPE_CHECKING = False  # `typing` costs every zygote and each of its forks
if TYPE_CHECKING:
    from typing import Any


def parse_call(call: str) -> tuple[str, list[Any], dict[str, Any]]:
    """The function name and literal arguments; anything else is a ValueError."""
    try:
        node = ast.parse(call.strip(), mode="eval").body
    except SyntaxError as exc:
        raise ValueError(f"not a call: {call!r}") from exc
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
        raise ValueError(f"not a call of a named function: {call!r}")
    if any(isinstance(a, ast.Starred) for a in node.args) or any(
        k.arg is None for k in node.keywords
    ):
        raise ValueError(f"*args and **kwargs are not supported in calls: {call!r}")
    try:
        args = [ast.literal_eval(a) for a in node.args]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
    except ValueError as exc:
        raise ValueError(f"arguments must be Python literals in {call!r}") from exc
    return node.func.id, args, kwargs

"""JSON text of the child's report, by an encoder the program cannot change.

The report is written in the child after the program ran, in the same interpreter, and
`json.dumps` runs the methods of `json.JSONEncoder`, a class the program is offered. The
encoder here holds those methods as they were when the sandbox loaded: nothing a program
does to `json.JSONEncoder` changes what its report says.
"""

from __future__ import annotations

import json

TYPE_CHECKING = False  # `typing` costs the server's start, every zygote and each fork
if TYPE_CHECKING:
    from typing import Any


class _Encoder(json.JSONEncoder):
    """`json.JSONEncoder` with its own methods, in a class no program sees."""

    __init__ = json.JSONEncoder.__init__
    encode = json.JSONEncoder.encode
    iterencode = json.JSONEncoder.iterencode
    default = json.JSONEncoder.default


_REPORT = _Encoder(ensure_ascii=False)
_CANONICAL = _Encoder(sort_keys=True, default=str)


def dumps(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False)`."""
    text: str = _REPORT.encode(data)
    return text


def canonical(data: Any) -> str:
    """`json.dumps(data, sort_keys=True, default=str)`."""
    text: str = _CANONICAL.encode(data)
    return text

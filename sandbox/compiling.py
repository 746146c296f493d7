"""Compiling a program: CPython's own compile for exact errors, then the language policy."""

from __future__ import annotations

import ast
import io
import re
import sys

from sandbox import reporting
from sandbox.limits import Limits
from sandbox.status import Layer, Status

TYPE_CHECKING = False  # `typing` and `dataclasses` would grow every zygote and its forks
if TYPE_CHECKING:
    from types import CodeType
    from typing import Any

MAX_SOURCE_CHARS = 256 * 1024
"""The language layer refuses longer programs: compiling in C cannot be interrupted, and a
program this long would already take most of a run's time to compile."""
SERVER_COMPILE_LIMIT = 64 * 1024
"""Sources up to this size compile in the warm server; larger ones in the limited child."""


class Request:
    """One run as the server receives it."""

    __slots__ = ("calls", "filename", "limits", "source", "stdin")

    def __init__(
        self, source: str, filename: str, stdin: str, limits: Limits, calls: tuple[str, ...] = ()
    ) -> None:
        self.source, self.filename, self.stdin = source, filename, stdin
        self.limits, self.calls = limits, calls


class Compiled:
    """A program's code and the allowlisted modules it imports."""

    __slots__ = ("code", "imported")

    def __init__(self, code: CodeType, imported: frozenset[str] = frozenset()) -> None:
        self.code, self.imported = code, imported


def compile_program(request: Request, language: bool) -> Compiled | dict[str, Any]:
    """The code object, or the result dict of a program that does not compile."""
    limits = request.limits
    if language and len(request.source) > MAX_SOURCE_CHARS:
        size = f"{MAX_SOURCE_CHARS // 1024} KiB"
        return forbidden(f"the program is too large for an exercise (over {size} of text)", None)
    try:
        if not language:
            return Compiled(compile(request.source, request.filename, "exec", dont_inherit=True))
        return _restricted(request)
    except _ParserError as parsed:
        error = reporting.syntax_error(parsed.error, request.source, limits.error_bytes)
        return {"status": Status.SYNTAX_ERROR, "error": error}
    except SyntaxError as exc:
        exc = _source_syntax_error(exc, request)
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


_UNREADABLE = "/dev/null/"
"""A path prefix under which no file can exist (/dev/null is not a directory)."""


def _source_syntax_error(exc: SyntaxError, request: Request) -> SyntaxError:
    """The error as `python file.py` reports it, found in the submitted source.

    On a syntax error the parser reads the offending line back from the file named
    `filename` when one exists where the server runs (a `main.py` in the grader's working
    directory, say), and takes its text and columns from there. Compiled again under a
    path that cannot exist, it quotes the source itself; then the few differences between
    `compile()` of a string and the file reader of `python file.py` are applied.
    """
    if "\0" in request.source:
        return _null_bytes(request)
    try:
        compile(request.source, _UNREADABLE + request.filename, "exec", dont_inherit=True)
    except SyntaxError as again:
        again.filename = request.filename
        _as_read_from_a_file(again, request.source)
        return again
    except (RecursionError, ValueError, MemoryError):
        pass
    return exc


def _null_bytes(request: Request) -> SyntaxError:
    """`python file.py` stops at the first line holding a NUL, quoting it up to the NUL."""
    before = io.StringIO(request.source.partition("\0")[0], newline=None).read()
    line = before.count("\n") + 1
    text = before.rpartition("\n")[2]
    message = "source code cannot contain null bytes"
    return SyntaxError(message, (request.filename, line, 0, text, line, 0))


_TOKENIZER_ERRORS = (
    "invalid decimal literal", "invalid hexadecimal literal", "invalid octal literal",
    "invalid binary literal", "invalid imaginary literal", "invalid digit ",
    "invalid character ", "invalid non-printable character ",
    "leading zeros in decimal integer literals", "unterminated string literal",
    "unterminated triple-quoted string literal", "unmatched '", "closing parenthesis ",
    "too many nested parentheses",
)  # fmt: skip
"""The tokenizer's own messages: these errors read the same from a file and a string."""
_BLOCK_EXPECTED = ("expected an indented block", "expected 'except' or 'finally' block")
_CODING = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.ASCII)
_BLANK = re.compile(r"^[ \t\f]*(?:[#\r\n]|$)", re.ASCII)


def _as_read_from_a_file(exc: SyntaxError, source: str, parsed: bool | None = None) -> None:
    """Turn a parser error of `compile()` into the one `python file.py` reports.

    The tokenizer's errors and those found after parsing ('return' outside function) agree;
    the parser's differ, because the file reader has no encoding set:
    - at the end of the input it is on a fresh line, so the column is 0 ('expected an
      indented block after ...' on the last line), where a string gives the column after
      the last line;
    - before 3.13, columns count UTF-8 bytes, where a string's count characters (unless
      the file declares its encoding); from 3.13 both count characters, but an error at
      the very end of a file with no final newline spans no column;
    - the text is the line read back from the file, never a multi-line token.

    `parsed` says whether the source parses (None: not known yet, parse it to find out).
    """
    if exc.lineno is None or exc.offset is None or (exc.msg or "").startswith(_TOKENIZER_ERRORS):
        return
    if _in_fstring_expression(exc):
        return  # the text is the field's expression, parenthesised, as python shows it
    if parsed is None:
        try:
            ast.parse(source)
        except SyntaxError:
            parsed = False  # a parser error
        except (RecursionError, MemoryError, ValueError):
            return
        else:
            parsed = True
    if parsed:
        return  # found after parsing
    lines = io.StringIO(source, newline=None).readlines()
    text = exc.text or ""
    if _at_end_of_file(exc, text, len(lines)):
        exc.offset = 0
    elif sys.version_info >= (3, 13):
        if _at_end_of_unterminated_file(exc, text, source, len(lines)):
            exc.end_offset = exc.offset
    elif not _declares_encoding(lines):
        exc.offset = _utf8_column(text, exc.offset)
        if exc.end_offset is not None and exc.end_offset > 0:
            exc.end_offset = _utf8_column(text, exc.end_offset)
    if 0 < exc.lineno <= len(lines):
        exc.text = lines[exc.lineno - 1]


def _in_fstring_expression(exc: SyntaxError) -> bool:
    """Before 3.12, an error in an f-string field's expression is reported on that
    expression alone, in parentheses: `(name name)`, with columns in it."""
    text = (exc.text or "").strip()
    return (
        sys.version_info < (3, 12)
        and (exc.msg or "").startswith("f-string")
        and text.startswith("(")
        and text.endswith(")")
        and "\n" not in text
    )


def _at_end_of_file(exc: SyntaxError, text: str, line_count: int) -> bool:
    return (
        (exc.msg or "").startswith(_BLOCK_EXPECTED)
        and exc.end_offset == -1
        and exc.lineno == line_count
        and exc.offset == len(text.rstrip("\n")) + 1
    )


def _at_end_of_unterminated_file(exc: SyntaxError, text: str, source: str, line_count: int) -> bool:
    return (
        not source.endswith(("\n", "\r"))
        and exc.lineno == line_count
        and exc.offset == len(text.rstrip("\r\n")) + 1
        and exc.end_offset == exc.offset + 1
    )


def _declares_encoding(lines: list[str]) -> bool:
    """A PEP 263 coding declaration on the first or second line."""
    if lines and _CODING.match(lines[0]):
        return True
    return len(lines) > 1 and _BLANK.match(lines[0]) is not None and bool(_CODING.match(lines[1]))


def _utf8_column(text: str, column: int) -> int:
    """A 1-based column in characters of `text`, as a 1-based column in its UTF-8 bytes."""
    if column < 1:
        return column
    return len(text[: column - 1].encode("utf-8", "surrogatepass")) + 1


class _ParserError(Exception):
    """The parser refused the source: `error` is exactly what `python file.py` reports."""

    def __init__(self, error: SyntaxError) -> None:
        self.error = error


def _restricted(request: Request) -> Compiled | dict[str, Any]:
    """Parse once, apply the policy, compile the tree: the common case takes one parse.

    The policy wraps expressions and adds statements inside bodies, never moving code
    across a loop or a function, so the transformed tree compiles exactly when the source
    does. When it does not, or the policy found a violation, CPython's own compile of the
    source decides first, so that a SyntaxError is reported exactly, and before any rule of
    the language layer.
    """
    from sandbox.policy import transform  # the server's alone: never in a zygote

    source, filename = request.source, request.filename
    try:
        tree = ast.parse(source, _UNREADABLE + filename)
    except SyntaxError as exc:
        raise _ParserError(_parser_error(exc, request)) from None
    policy, tree = transform(tree, request.limits.modules)
    if not policy.violations:
        ast.fix_missing_locations(tree)
        try:
            code = compile(tree, filename, "exec", dont_inherit=True)
        except SyntaxError:
            pass  # found after parsing: reported from the source itself, below
        else:
            return Compiled(code, frozenset(policy.imported))
    compile(source, filename, "exec", dont_inherit=True)
    if not policy.violations:  # the source compiles and its tree does not: say why
        compile(tree, filename, "exec", dont_inherit=True)
    first = policy.violations[0]
    return forbidden(str(first), first.line)


def _parser_error(exc: SyntaxError, request: Request) -> SyntaxError:
    """A parser error of the source compiled under a path that cannot exist, as `python
    file.py` reports it (see `_source_syntax_error`)."""
    if "\0" in request.source:
        return _null_bytes(request)
    exc.filename = request.filename
    _as_read_from_a_file(exc, request.source, parsed=False)
    return exc


def forbidden(message: str, line: int | None) -> dict[str, Any]:
    error = {"type": "Forbidden", "message": message, "line": line, "traceback": message + "\n"}
    return {"status": Status.FORBIDDEN, "error": error, "stopped_by": Layer.LANGUAGE}


def memory_failure(stopped_by: Layer = Layer.PROCESS) -> dict[str, Any]:
    """The compiler ran out of memory: the process layer's limit, or (without that layer)
    the parser's own stack limit, which refuses the program for the language layer."""
    message = "the program is too large to compile within the memory limit"
    error = {"type": "MemoryError", "message": message, "traceback": f"MemoryError: {message}\n"}
    return {"status": Status.MEMORY_LIMIT, "error": error, "stopped_by": stopped_by}

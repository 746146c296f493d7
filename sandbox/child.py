"""What runs in the forked child: drop privileges, execute, report as JSON.

The child never returns into the server's code: every path ends in `os._exit`.
"""

from __future__ import annotations

import builtins
import io
import linecache
import os
import random
import sys

from sandbox import modules, plain, reporting, values
from sandbox.budget import (
    Budget,
    DeadlineAlarm,
    ForbiddenOperation,
    OutputLimitExceeded,
    TimeLimitExceeded,
    set_recursion_limit,
)
from sandbox.calls import parse_call
from sandbox.channel import Channel, StdoutSink
from sandbox.compiling import Compiled, Request, compile_program, forbidden, memory_failure
from sandbox.isolation import ProcessLayer
from sandbox.runtime import Runtime
from sandbox.status import Layer, Status

TYPE_CHECKING = False  # `typing` costs the server's start, every zygote and each fork
if TYPE_CHECKING:
    from typing import Any, NoReturn


class Job:
    """One run, as the zygote hands it to the child it forks.

    `compiled` is None when the source is too large to compile in the server; the child
    then compiles it under its own limits. `runtime` is the language layer, pre-built.
    """

    __slots__ = ("address_space", "compiled", "language", "request", "runtime")

    def __init__(
        self,
        request: Request,
        language: bool,
        address_space: int = 0,
        compiled: Compiled | None = None,
        runtime: Runtime | None = None,
    ) -> None:
        self.request, self.language, self.address_space = request, language, address_space
        self.compiled, self.runtime = compiled, runtime


def main(job: Job, channel: Channel, layer: ProcessLayer) -> NoReturn:
    code = 0
    try:
        result = _run(job, channel, layer)
        _report(channel, plain.outcome(result, job.request.limits.error_bytes))
    except BaseException as exc:
        try:
            what = plain.text(f"{plain.type_name(type(exc))}: {exc}", plain.NAME_BYTES)
            channel.write_result({"internal_error": what})
        except BaseException:
            code = 3
    finally:
        os._exit(code)


def _report(channel: Channel, result: dict[str, Any]) -> None:
    """Write the result; one that the program's values make too large to write is
    reported as such."""
    try:
        channel.write_result(result)
    except ValueError:
        channel.write_result(plain.unreportable(result))


def _run(job: Job, channel: Channel, layer: ProcessLayer) -> dict[str, Any]:
    request = job.request
    layer.enter_child(request.limits, job.address_space)
    compiled = job.compiled
    if compiled is None:
        stopped_by = Layer.PROCESS if layer.enabled else Layer.LANGUAGE
        try:
            result = _compile_in_child(request, job.language)
        except MemoryError:
            return memory_failure(stopped_by)
        except TimeLimitExceeded:
            return _compile_timeout(request)
        if isinstance(result, dict):
            return result
        compiled = result
        modules.preload(compiled.imported, request.source)
    _prepare_process_state(request, "random" in compiled.imported or not job.language)
    layer.drop_privileges()
    if job.language:
        runtime = job.runtime or make_runtime(request, channel)
        runtime.begin(request.stdin)  # this child's own copy of the zygote's template
        return _execute_restricted(compiled.code, request, runtime)
    return _execute_plain(compiled.code, request, StdoutSink(channel, request.limits.output_bytes))


def make_runtime(request: Request, channel: Channel) -> Runtime:
    sink = StdoutSink(channel, request.limits.output_bytes)
    return Runtime(filename=request.filename, limits=request.limits, sink=sink, stdin=request.stdin)


def _prepare_process_state(request: Request, uses_random: bool) -> None:
    """No file behind the program's name for `linecache`, and a seeded `random` when the
    program can reach it.

    The source itself is given to `linecache` only when an error is reported
    (`_runtime_error`); until then an empty entry stands for it, so that nothing that
    looks up a line (a warning being formatted, say) ever opens a file of that name.
    """
    linecache.cache[request.filename] = (0, None, [], request.filename)
    if uses_random and request.limits.random_seed is not None:
        random.seed(request.limits.random_seed)


def _runtime_error(exc: BaseException, request: Request) -> dict[str, Any]:
    """`reporting.runtime_error`, with the source where tracebacks look for it.

    The lines are read as linecache reads a file, with universal newlines: a CRLF file's
    carets land where CPython's do, and a form feed or U+2028 inside a line splits nothing.
    Filled here, when an error is reported, never before: most programs raise none.
    """
    filename = request.filename
    lines = io.StringIO(request.source, newline=None).readlines()
    linecache.cache[filename] = (len(request.source), None, lines, filename)
    return reporting.runtime_error(exc, filename, request.limits.error_bytes)


def _compile_in_child(request: Request, language: bool) -> Compiled | dict[str, Any]:
    """Compile a large source here; the language layer bounds the time it may take."""
    if not language:
        return compile_program(request, language)
    limits = request.limits
    budget = Budget(limits.timeout, limits.memory_mb * 1024 * 1024)
    with DeadlineAlarm(budget, __file__):  # this file is on the stack: it always raises
        return compile_program(request, language)


def _compile_timeout(request: Request) -> dict[str, Any]:
    message = f"the program is too large to compile within {request.limits.timeout:g} s"
    error = {"type": "TimeLimitExceeded", "message": message, "traceback": f"Timeout: {message}\n"}
    return {"status": Status.TIMEOUT, "error": error, "stopped_by": Layer.LANGUAGE}


def _execute_restricted(code: Any, request: Request, runtime: Runtime) -> dict[str, Any]:
    sink = runtime.sink
    namespace = runtime.install()
    if request.calls:
        runtime.import_as_module()
    set_recursion_limit()
    runtime.arm_audit_hook(code)
    runtime.budget.ticks_home = namespace
    with DeadlineAlarm(runtime.budget, request.filename):
        error = _execute(code, namespace)
        calls = _calls(request, namespace, sink) if error is None else []
        return _classify(error, request, sink, runtime, calls)


def _execute_plain(code: Any, request: Request, sink: StdoutSink) -> dict[str, Any]:
    """Process layer alone: real builtins, nothing restricted but the process itself."""
    sys.stdout = sink
    sys.stdin = io.StringIO(request.stdin)
    name = modules.IMPORTED_MODULE if request.calls else "__main__"
    namespace = {"__name__": name, "__builtins__": builtins}
    error = _execute(code, namespace)
    return _classify(error, request, sink, None, [])


def _execute(code: Any, namespace: dict[str, Any]) -> BaseException | None:
    try:
        exec(code, namespace)
    except BaseException as exc:
        return exc
    return None


def _calls(request: Request, namespace: dict[str, Any], sink: StdoutSink) -> list[dict[str, Any]]:
    """Each call's result, made plain as it returns; together within `plain.CALLS_BYTES`."""
    results = []
    room = plain.CALLS_BYTES
    limits = request.limits
    for call in request.calls:
        start = sink.position
        result = _call(call, namespace, request)
        result["stdout"] = sink.text_since(start)
        result, size = plain.call(result, limits.output_bytes, limits.error_bytes, room)
        room -= size
        results.append(result)
        if result.pop("stop", False):
            break
    return results


def _call(call: str, namespace: dict[str, Any], request: Request) -> dict[str, Any]:
    try:
        name, args, kwargs = parse_call(call)
    except ValueError as exc:
        return {
            "call": call,
            "returned": False,
            "error": {"type": "ValueError", "message": str(exc)},
        }
    function = namespace.get(name)
    if function is None:
        message = f"name '{name}' is not defined"
        return {"call": call, "returned": False, "error": {"type": "NameError", "message": message}}
    try:
        value = function(*args, **kwargs)
        encoded = values.encode(value)
        display = values.safe_repr(value)
        after = _arguments_after(args, kwargs)
    except (ForbiddenOperation, TimeLimitExceeded, OutputLimitExceeded) as exc:
        return {"call": call, "returned": False, "stop": True, "limit": type(exc).__name__}
    except values.TooLarge as exc:
        return plain.too_large(call, str(exc))
    except BaseException as exc:
        error = _runtime_error(exc, request)
        return {"call": call, "returned": False, "error": error, "raised_types": _names(exc)}
    return {"call": call, "returned": True, "value": encoded, "display": display, **after}


def _names(exc: BaseException) -> list[str]:
    """The raised exception's class and its bases, most derived first (without `object`),
    read through `type` so that a metaclass cannot run code here."""
    name = type.__dict__["__name__"].__get__
    # at most 64 classes of at most 1,000 characters, as `sandbox.untrusted` allows
    return [name(cls)[:1000] for cls in type(exc).__mro__[:-1]][:64]


_IMMUTABLE = (int, float, complex, str, bytes, bool, type(None))


def _arguments_after(args: list[Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    """The arguments as the call left them, when a call could have changed them (the
    grader compares them with the literals it asked for); nothing when all are immutable."""
    if all(_immutable(a) for a in args) and all(_immutable(v) for v in kwargs.values()):
        return {}
    try:
        return {"arguments": values.encode([args, kwargs])}
    except values.TooLarge:
        return {"arguments": {"$object": "arguments", "repr": "too large to compare"}}


def _immutable(value: Any) -> bool:
    if type(value) in (tuple, frozenset):
        return all(_immutable(item) for item in value)
    return type(value) in _IMMUTABLE


def _classify(
    error: BaseException | None,
    request: Request,
    sink: StdoutSink,
    runtime: Runtime | None,
    calls: list[dict[str, Any]],
) -> dict[str, Any]:
    result: dict[str, Any] = {"calls": calls, "status": Status.OK, "error": None}
    limit = next((c.get("limit") for c in calls if c.get("limit")), None)
    cap = request.limits.error_bytes
    if runtime is not None and (runtime.violation or isinstance(error, ForbiddenOperation)):
        message = runtime.violation or str(error)
        return forbidden(message, runtime.violation_line) | {"calls": calls}
    if (
        (runtime is not None and runtime.budget.expired)
        or isinstance(error, TimeLimitExceeded)
        or limit == "TimeLimitExceeded"
    ):
        return result | {
            "status": Status.TIMEOUT,
            "stopped_by": Layer.LANGUAGE,
            "error": _limit_error(
                error, request, runtime is not None and runtime.budget.wall_expired
            ),
        }
    if sink.truncated or isinstance(error, OutputLimitExceeded):
        # The cap is the channel's; without the language layer it is the process layer's.
        layer = Layer.LANGUAGE if runtime is not None else Layer.PROCESS
        return result | {"status": Status.OUTPUT_LIMIT, "stopped_by": layer}
    if isinstance(error, MemoryError):
        refused = runtime is not None and runtime.budget.memory_refused
        layer = Layer.LANGUAGE if refused else Layer.PROCESS
        return result | {
            "status": Status.MEMORY_LIMIT,
            "stopped_by": layer,
            "error": _runtime_error(error, request),
        }
    if isinstance(error, SystemExit):
        code = _EXIT_CODE.__get__(error)  # never a subclass's own `code` property
        if code is None or (type(code) in (int, bool) and not code):
            return result
        return result | {"status": Status.RUNTIME_ERROR, "error": _exit_error(code, cap)}
    if error is not None:
        return result | {
            "status": Status.RUNTIME_ERROR,
            "error": _runtime_error(error, request),
        }
    return result


def _limit_error(error: BaseException | None, request: Request, wall: bool) -> dict[str, Any]:
    """The time limit: CPU time, or (`wall`) the wall clock of a program that slept."""
    line = None
    if error is not None:
        frames = [
            t
            for t in _walk_tb(reporting.traceback_of(error))
            if t.tb_frame.f_code.co_filename == request.filename
        ]
        line = frames[-1].tb_lineno if frames else None
    limits = request.limits
    message = limits.wall_message() if wall else limits.timeout_message()
    where = f" (stopped at line {line})" if line else ""
    return {
        "type": "TimeLimitExceeded",
        "message": message,
        "line": line,
        "traceback": f"Timeout: {message}{where}\n",
    }


def _walk_tb(tb: Any) -> list[Any]:
    frames = []
    while tb is not None:
        frames.append(tb)
        tb = tb.tb_next
    return frames


_EXIT_CODE = SystemExit.__dict__["code"]


def _exit_error(code: object, cap: int) -> dict[str, Any]:
    try:
        message = plain.text(str(code), cap)  # the program's own __str__ may fail or stop
    except BaseException:
        message = values.safe_repr(code)
    return {"type": "SystemExit", "message": message, "traceback": f"SystemExit: {message}\n"}

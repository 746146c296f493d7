"""The benchmark's floor: the cheapest honest fork-per-file runner, in three strengths.

Usage: python -S benchmarks/_floor.py MODE LISTING      (MODE: bare, process or both)

One small warm zygote per core, started with -S. Before it forks anything it imports what
a child would otherwise import lazily (`ast` and `tokenize`, which 3.11's tracebacks
need), reads and compiles each file (a syntax error needs no fork) and calls
`gc.freeze()`. Each child disables the collector, runs the program on its stdin, writes
its output and error into shared memory made once per zygote, and leaves with `os._exit`;
nothing is imported after the fork.

- `bare`: no isolation at all.
- `process`: this project's process layer (`sandbox.isolation.ProcessLayer`): network
  namespace, Landlock ruleset and seccomp filters made once; a pid namespace and an empty
  root per zygote; rlimits, the uid drop, Landlock and the child filter per child.
- `both`: the process layer plus this project's language layer: the policy compiles each
  program (in the zygote, before the fork), and the child runs it in a `Runtime` kept as a
  template in the zygote, reporting through a `Channel`, exactly as a sandbox child does.

What none of them has: a fork server between the grader and the zygote, the server's
checks of the result, grading, a store or reports.
"""

import ast  # noqa: F401  (tracebacks of 3.11 parse the failing line to draw carets)
import gc
import io
import linecache
import mmap
import os
import struct
import sys
import tokenize  # noqa: F401
import traceback

STDIN = "2\n40\n"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_SIZE = struct.Struct("<I")


def main() -> None:
    mode, listing = sys.argv[1], sys.argv[2]
    with open(listing) as handle:
        paths = handle.read().split("\n")
    layer = None
    if mode != "bare":
        sys.path.insert(0, ROOT)
        from sandbox.isolation import ProcessLayer

        layer = ProcessLayer.prepare(enabled=True)
    cores = os.cpu_count() or 1
    zygotes = []
    for core in range(cores):
        if layer is not None:
            layer.new_pid_namespace()
        pid = os.fork()
        if pid == 0:
            try:
                zygote(mode, paths[core::cores], layer)
            except BaseException:
                traceback.print_exc()
                os._exit(1)
            finally:
                os._exit(0)
        zygotes.append(pid)
    for pid in zygotes:
        os.waitpid(pid, 0)


def zygote(mode: str, paths: list[str], layer: object) -> None:
    shown = os.dup(1) if os.environ.get("FLOOR_SHOW") else None
    sources = []
    for path in paths:  # read before the empty root, which has no files
        with open(path, "rb") as handle:
            sources.append((path, handle.read().decode()))
    run = _bare if mode == "bare" else _prepare_isolated(mode, layer)
    shared = mmap.mmap(-1, 1 << 20)
    gc.freeze()
    for path, source in sources:
        run(path, source, shared)
        (size,) = _SIZE.unpack_from(shared, 0)
        result = bytes(shared[_SIZE.size : _SIZE.size + size])
        if shown is not None:  # to check the floor does the work
            os.write(shown, b"--- " + path.encode() + b"\n" + result + b"\n")


def _write(shared: mmap.mmap, text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")[: len(shared) - _SIZE.size]
    shared[_SIZE.size : _SIZE.size + len(data)] = data
    _SIZE.pack_into(shared, 0, len(data))


def _bare(path: str, source: str, shared: mmap.mmap) -> None:
    try:
        code = compile(source, path, "exec", dont_inherit=True)
    except SyntaxError:
        _write(shared, traceback.format_exc())
        return
    pid = os.fork()
    if pid == 0:
        gc.disable()
        sys.stdin, sys.stdout = io.StringIO(STDIN), io.StringIO()
        error = ""
        try:
            exec(code, {"__name__": "__main__"})
        except BaseException:
            error = traceback.format_exc()
        _write(shared, sys.stdout.getvalue() + error)
        os._exit(0)
    os.waitpid(pid, 0)


def _prepare_isolated(mode: str, layer: object):  # type: ignore[no-untyped-def]
    """The zygote's one-time work, then the per-file function for `mode`."""
    from sandbox import child, plain
    from sandbox.budget import install_alarm_handler
    from sandbox.channel import Channel, StdoutSink
    from sandbox.compiling import Compiled, Request, compile_program
    from sandbox.isolation import AddressSpace, ProcessLayer
    from sandbox.limits import Limits

    assert isinstance(layer, ProcessLayer)
    layer.server_pid = os.getpid()
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):
        os.dup2(null, fd)
    statm = AddressSpace()
    limits = Limits()
    language = mode == "both"
    channel = Channel()
    template = None
    if language:
        install_alarm_handler()
        # The compiler, loaded before the empty root: compile one program now.
        compile_program(Request("pass\n", "main.py", STDIN, limits), True)
        template = child.make_runtime(Request("", "main.py", STDIN, limits), channel)
    layer.enter_zygote()
    size = statm.bytes()

    def run_process(path: str, source: str, shared: mmap.mmap) -> None:
        try:
            code = compile(source, path, "exec", dont_inherit=True)
        except SyntaxError:
            _write(shared, traceback.format_exc())
            return
        pid = os.fork()
        if pid == 0:
            gc.disable()
            layer.enter_child(limits, size)
            layer.drop_privileges()
            sys.stdin, sys.stdout = io.StringIO(STDIN), io.StringIO()
            error = ""
            try:
                exec(code, {"__name__": "__main__"})
            except BaseException:
                lines = io.StringIO(source, newline=None).readlines()
                linecache.cache[path] = (len(source), None, lines, path)
                error = traceback.format_exc()
            _write(shared, sys.stdout.getvalue() + error)
            os._exit(0)
        os.waitpid(pid, 0)

    def run_both(path: str, source: str, shared: mmap.mmap) -> None:
        request = Request(source, "main.py", STDIN, limits)
        compiled = compile_program(request, True)
        if not isinstance(compiled, Compiled):
            _write(shared, repr(compiled))
            return
        channel.scrub()
        pid = os.fork()
        if pid == 0:
            try:
                gc.disable()
                layer.enter_child(limits, size)
                layer.drop_privileges()
                template.begin(STDIN)
                linecache.cache["main.py"] = (
                    len(source), None, io.StringIO(source, newline=None).readlines(), "main.py"
                )  # fmt: skip
                result = child._execute_restricted(compiled.code, request, template)
                channel.write_result(plain.outcome(result, limits.error_bytes))
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        raw, _, _ = channel.stdout(limits.output_bytes)
        _write(shared, raw.decode("utf-8", "replace") + repr(channel.result()))

    del StdoutSink
    return run_both if language else run_process


if __name__ == "__main__":
    main()

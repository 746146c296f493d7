"""The process layer holds against unrestricted Python, per child (issue 10, section 2).

Each test runs ordinary CPython payloads (real `os`, `ctypes`, raw system calls) with the
process layer alone (`process_only`: plain `exec`, the real builtins), then the same source
with both layers (`sandbox`, as in production), and checks the rule on the host, or from a
later run. A payload under the process layer alone prints `done` at its end, so a test
cannot pass because the payload stopped early; each attempt that works prints `LEAK`.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
import secrets
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sandbox import untrusted, values
from sandbox.client import Sandbox
from sandbox.limits import Limits
from sandbox.outcome import Outcome, Status
from sandbox.untrusted import COLLISIONS
from tests.security.host import LIMITS, NOBODY, Host, server_pid

_ATTEMPT = """\
import ctypes, errno, os, sys
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long

def attempt(what, call, *args):
    try:
        result = call(*args)
    except OSError as error:
        return False
    if isinstance(result, int) and result < 0:
        return False
    print('LEAK', what, repr(result)[:80])
    return True

def raw(number, *args):
    result = libc.syscall(number, *args)
    if result < 0:
        raise OSError(ctypes.get_errno(), 'failed')
    return result
"""
"""The start of every payload: `attempt` prints LEAK when a call works."""


def run(box: Sandbox, host: Host, body: str, limits: Limits = LIMITS, **names: object) -> Outcome:
    source = host.source(_ATTEMPT + body).replace("$$", "$")
    for name, value in names.items():
        source = source.replace(f"@{name}@", str(value))
    return box.run(source, filename="payload.py", limits=limits)


def assert_held(process_only: Outcome, both: Outcome) -> None:
    """The process layer alone ran the payload to its end, and nothing got through."""
    assert "LEAK" not in process_only.stdout, process_only.stdout
    assert process_only.stdout.endswith("done\n"), (process_only.status, process_only.error)
    assert "LEAK" not in both.stdout
    assert both.status is Status.FORBIDDEN  # the language layer refuses `import ctypes` first


# -- host metadata and writes to it -------------------------------------------------------

_RESOLVE = """
import stat
paths = ['$secret', '/etc/shadow', '/etc/passwd', '/etc', '/tmp', '/proc/1/status', '/proc',
         '/home', '/var', '/dev/shm', '@tests@', '../etc/passwd', '../../etc/passwd', '../tmp']
root = os.stat('/')
for path in paths:
    try:
        found = os.stat(path)
    except OSError:
        found = None
    if found is not None and found.st_dev == root.st_dev and stat.S_ISDIR(found.st_mode):
        # a directory of the empty root's own tmpfs, on the way to a bound path (an install
        # under /tmp, say): the sandbox made it, it holds only that way, and it is not the host's
        continue
    attempt('stat ' + path, os.stat, path)
    attempt('lstat ' + path, os.lstat, path)
    attempt('access ' + path, lambda p: os.access(p, os.F_OK) or -1, path)
    attempt('readlink ' + path, os.readlink, path)
    attempt('statvfs ' + path, os.statvfs, path)
    attempt('listxattr ' + path, os.listxattr, path)
    attempt('getxattr ' + path, os.getxattr, path, 'security.selinux')
    attempt('statx ' + path, raw, 332, -100, path.encode(), 0, 0xFFF, ctypes.create_string_buffer(256))
    attempt('chdir ' + path, os.chdir, path)
    os.chdir('/')
print('done')
"""


def test_paths_outside_the_sandbox_do_not_resolve(
    process_only: Sandbox, sandbox: Sandbox, host: Host
) -> None:
    tests = Path(__file__).resolve().parent  # the grader's own files: another learner's too
    alone = run(process_only, host, _RESOLVE, tests=tests)
    assert_held(alone, run(sandbox, host, _RESOLVE, tests=tests))


_TOUCH = """
path = '@writable@'
attempt('utime', os.utime, path, (0, 0))
attempt('utime now', os.utime, path)
attempt('setxattr', os.setxattr, path, 'user.learner', b'was here')
attempt('chmod', os.chmod, path, 0o777)
attempt('truncate', os.truncate, path, 0)
attempt('rename', os.rename, path, '$marker')
attempt('link', os.link, path, '$marker')
attempt('symlink', os.symlink, path, '$marker')
attempt('mkdir', os.mkdir, '$marker')
attempt('utimensat', raw, 280, -100, path.encode(), None, 0)
for inside in ('/', os.path.dirname(os.__file__), os.__file__):  # what the empty root holds
    attempt('utime ' + inside, os.utime, inside, (0, 0))
    attempt('setxattr ' + inside, os.setxattr, inside, 'user.learner', b'x')
    attempt('mkdir in ' + inside, os.mkdir, os.path.join(inside, 'made'))
print('done')
"""


@pytest.fixture
def writable_host_file() -> Iterator[Path]:
    path = Path(f"/tmp/sandbox-writable-{secrets.token_hex(8)}")
    path.write_text("untouched")
    path.chmod(0o666)
    os.utime(path, (1_000_000, 1_000_000))
    yield path
    path.unlink()


def test_host_files_keep_their_times_and_xattrs(
    process_only: Sandbox, sandbox: Sandbox, host: Host, writable_host_file: Path
) -> None:
    before = writable_host_file.stat()
    alone = run(process_only, host, _TOUCH, writable=writable_host_file)
    both = run(sandbox, host, _TOUCH, writable=writable_host_file)
    after = writable_host_file.stat()
    assert (after.st_mtime, after.st_atime, after.st_mode) == (
        before.st_mtime,
        before.st_atime,
        before.st_mode,
    )
    assert os.listxattr(writable_host_file) == []
    assert writable_host_file.read_text() == "untouched"
    assert not os.path.lexists(host.marker)
    assert_held(alone, both)


# -- watching the host ----------------------------------------------------------------------

_WATCH = """
attempt('inotify_init', raw, 253)
attempt('inotify_init1', raw, 294, 0)
fd = libc.syscall(294, 0)
if fd >= 0:
    attempt('inotify_add_watch /tmp', raw, 254, fd, b'/tmp', 0xFFF)
    attempt('inotify_add_watch /', raw, 254, fd, b'/', 0xFFF)
attempt('fanotify_init', raw, 300, 0x200, 0)  # FAN_REPORT_FID: allowed to unprivileged users
attempt('fanotify_init notif', raw, 300, 0, 0)
print('done')
"""


def test_the_host_cannot_be_watched(process_only: Sandbox, sandbox: Sandbox, host: Host) -> None:
    assert_held(run(process_only, host, _WATCH), run(sandbox, host, _WATCH))


# -- nothing outlives a child -----------------------------------------------------------------

_LEAVE = """
secret = b'@secret@'
key = 0x5EC12E7
shm = libc.shmget(key, 4096, 0o1666)
if shm >= 0:
    libc.shmat.restype = ctypes.c_void_p
    address = libc.shmat(shm, None, 0)
    ctypes.memmove(address, secret, len(secret))
    print('LEAK shmget', shm)
queue = libc.msgget(key, 0o1666)
if queue >= 0:
    message = ctypes.create_string_buffer(ctypes.sizeof(ctypes.c_long) + len(secret))
    ctypes.c_long.from_buffer(message).value = 1
    message[ctypes.sizeof(ctypes.c_long):] = secret
    libc.msgsnd(queue, message, len(secret), 0)
    print('LEAK msgget', queue)
attempt('semget', libc.semget, key, 1, 0o1666)
attempt('mq_open', libc.mq_open, b'/learner-queue', os.O_CREAT | os.O_RDWR, 0o666, None)
attempt('mq_open raw', raw, 240, b'learner-raw', os.O_CREAT | os.O_RDWR, 0o666, None)
attempt('add_key', raw, 248, b'user', b'learner', secret, len(secret), -4)  # the user keyring
attempt('add_key session', raw, 248, b'user', b'learner', secret, len(secret), -3)
print('done')
"""
_FIND = """
key = 0x5EC12E7
attempt('shmget', libc.shmget, key, 0, 0)
attempt('msgget', libc.msgget, key, 0)
attempt('semget', libc.semget, key, 0, 0)
attempt('mq_open', libc.mq_open, b'/learner-queue', os.O_RDONLY)
attempt('mq_open raw', raw, 240, b'learner-raw', os.O_RDONLY, 0, None)
attempt('request_key', raw, 249, b'user', b'learner', None, 0)
attempt('keyctl search', raw, 250, 10, -4, b'user', b'learner', 0)  # KEYCTL_SEARCH
print('done')
"""


def test_nothing_a_child_makes_outlives_it(
    process_only: Sandbox, sandbox: Sandbox, host: Host
) -> None:
    secret = secrets.token_hex(8)
    left = run(process_only, host, _LEAVE, secret=secret)
    later = run(process_only, host, _FIND)
    assert_held(left, run(sandbox, host, _LEAVE, secret=secret))
    assert_held(later, run(sandbox, host, _FIND))


# -- no run sees what an earlier run left ---------------------------------------------------

_CHANNEL = """
import sys
from sandbox.channel import _HEADER, _RESULT_OFFSET, _STDOUT_OFFSET
region = sys.stdout._region
"""
_SPREAD = (
    _CHANNEL
    + """
secret = b'@secret@'
for offset in range(_HEADER.size, len(region) - len(secret), 1 << 16):
    region[offset:offset + len(secret)] = secret
print('done')
"""
)
_READ_ALL = (
    _CHANNEL
    + """
if b'@secret@' in bytes(region) or b'@printed@' in bytes(region):
    print('LEAK an earlier run left bytes in the channel')
print('done')
"""
)
_CLAIM_OUTPUT = (
    _CHANNEL
    + """
import os
_HEADER.pack_into(region, 0, 20000, 0, 0)  # as if it had printed 20,000 bytes
os._exit(0)
"""
)


def test_no_byte_of_an_earlier_run_is_readable(
    process_only: Sandbox, sandbox: Sandbox, host: Host
) -> None:
    secret, printed = secrets.token_hex(8), secrets.token_hex(8)
    long_output = f"print({printed!r} * 2000)\nprint('done')\n"
    earlier = [
        run(process_only, host, _SPREAD, secret=secret),  # written all over the channel
        process_only.run(long_output, limits=LIMITS),  # printed, 32 KB
        process_only.run("print('short')\n", limits=LIMITS),
    ]
    assert [outcome.status for outcome in earlier] == [Status.OK] * 3
    later = run(process_only, host, _READ_ALL, secret=secret, printed=printed)
    process_only.run(long_output, limits=LIMITS)
    claimed = run(process_only, host, _CLAIM_OUTPUT)  # the server must not show stale bytes
    assert printed not in claimed.stdout, "a forged header showed an earlier run's output"
    sandbox.run(long_output, limits=LIMITS)
    after = sandbox.run("print('short')\n", limits=LIMITS)
    assert (after.status, after.stdout) == (Status.OK, "short\n")
    assert_held(later, run(sandbox, host, _READ_ALL, secret=secret, printed=printed))


_SCAN_MEMORY = """
PAGE = 4096
libc.malloc.restype = ctypes.c_void_p
present = (ctypes.c_ubyte * 1)()

def mapped(address):
    return libc.mincore(ctypes.c_void_p(address), PAGE, present) == 0

def region(address):
    low = high = address // PAGE * PAGE
    while mapped(low - PAGE):
        low -= PAGE
    while mapped(high):
        high += PAGE
    return ctypes.string_at(low, high - low)

token = '@reversed@'[::-1].encode()  # not in this program's own text
if token in region(libc.malloc(64)):  # the heap: what the zygote read and freed
    print('LEAK an earlier run is in the memory this child inherited')
print('done')
"""
"""Searches the heap that the child inherited from its zygote."""


def test_no_earlier_runs_program_or_input_is_in_a_later_childs_memory(
    process_only: Sandbox, sandbox: Sandbox, host: Host
) -> None:
    """Rule: the zygote never decodes a run (only its child does) and clears the bytes it
    received once the run is over: Python frees without clearing, and every later child
    inherits the zygote's memory (a review read another learner's source and input)."""
    secret = secrets.token_hex(8)
    victim = f"answer = {secret!r}  # the model answer\nprint(input().split()[0])\n"
    scans = []
    for box in (process_only, sandbox):
        for stdin in (f"21 {secret}\n", f"21 {secret} {'x' * 3000}\n"):
            assert box.run(victim, stdin=stdin, limits=LIMITS).status is Status.OK
            scans.append(run(box, host, _SCAN_MEMORY, reversed=secret[::-1]))
    assert_held(scans[0], scans[2])
    assert_held(scans[1], scans[3])


def test_a_childs_standard_streams_are_its_own(
    process_only: Sandbox, sandbox: Sandbox, host: Host
) -> None:
    """Rule: stdin, stdout and stderr are pipes of the child's own, no host file (a lock on
    /dev/null outlived the run, its times changed) and no open file another run shares
    (its status flags carried bits from one run to the next)."""
    body = """
import stat
F_GETFL, F_SETFL = 3, 4
for fd in (0, 1, 2):
    if not stat.S_ISFIFO(os.fstat(fd).st_mode):
        print('LEAK descriptor', fd, 'is a file the host has')
    if libc.fcntl(fd, F_GETFL) & os.O_NONBLOCK:
        print('LEAK an earlier run set a flag on descriptor', fd)
for fd in (0, 1, 2):
    libc.fcntl(fd, F_SETFL, libc.fcntl(fd, F_GETFL) | os.O_NONBLOCK)
print('done')
"""
    run(process_only, host, body)
    assert_held(run(process_only, host, body), run(sandbox, host, body))


# -- no learner reaches another learner's process -------------------------------------------

_REACH = """
import resource, signal
victim = @victim@
reached = attempt('prlimit AS', resource.prlimit, victim, resource.RLIMIT_AS, (1 << 20, 1 << 20))
attempt('prlimit CPU', resource.prlimit, victim, resource.RLIMIT_CPU, (0, 0))
attempt('prlimit64 raw', raw, 302, victim, 9, None, ctypes.create_string_buffer(16))
attempt('renice', os.setpriority, os.PRIO_PROCESS, victim, 19)
attempt('renice group', os.setpriority, os.PRIO_PGRP, victim, 19)
if not reached:  # where one pid can be reached, these would reach every nobody process
    attempt('renice user', os.setpriority, os.PRIO_USER, @nobody@, 19)
    attempt('renice all of my uid', os.setpriority, os.PRIO_USER, 0, 19)
    attempt('ioprio user', raw, 251, 3, @nobody@, (3 << 13) | 7)
attempt('pin', os.sched_setaffinity, victim, {0})
attempt('deschedule', os.sched_setscheduler, victim, os.SCHED_IDLE, os.sched_param(0))
attempt('sched_setparam', os.sched_setparam, victim, os.sched_param(0))
attempt('ioprio process', raw, 251, 1, victim, (3 << 13) | 7)  # IOPRIO_CLASS_IDLE
attempt('stop', os.kill, victim, signal.SIGSTOP)
attempt('pidfd_open', raw, 434, victim, 0)
attempt('process_madvise', raw, 440, 0, None, 0, 0, 0)
attempt('high bits', raw, 302, (1 << 32) | victim, 9, None, ctypes.create_string_buffer(16))
attempt('prlimit the zygote', resource.prlimit, 1, resource.RLIMIT_AS, (1 << 20, 1 << 20))
attempt('pin the zygote', os.sched_setaffinity, 1, {0})
print('done')
"""


def _ioprio(pid: int) -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    return int(libc.syscall(252, 1, pid))  # ioprio_get(IOPRIO_WHO_PROCESS, pid)


def _state(pid: int) -> tuple[object, ...]:
    status = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    limits = Path(f"/proc/{pid}/limits").read_text()  # root here may lack CAP_SYS_RESOURCE
    return (
        limits,
        os.getpriority(os.PRIO_PROCESS, pid),
        os.sched_getaffinity(pid),
        os.sched_getscheduler(pid),
        _ioprio(pid),
        status[0],  # R or S; T once stopped
    )


@contextlib.contextmanager
def nobody_process() -> Iterator[int]:
    """Another process of the uid every learner child runs as (a learner of another batch)."""
    pid = os.fork()
    if pid == 0:
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            time.sleep(30)
        finally:
            os._exit(0)
    try:
        yield pid
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def test_no_child_reaches_another_process_of_its_uid(
    process_only: Sandbox, sandbox: Sandbox, host: Host
) -> None:
    with nobody_process() as victim:
        time.sleep(0.05)
        before = _state(victim)
        alone = run(process_only, host, _REACH, victim=victim, nobody=NOBODY)
        both = run(sandbox, host, _REACH, victim=victim, nobody=NOBODY)
        assert _state(victim) == before
    assert_held(alone, both)


def _child_of(box: Sandbox, deadline: float) -> int:
    """The pid (on the host) of the learner child the box runs now."""
    zygote = Path(f"/proc/{server_pid(box)}/task/{server_pid(box)}/children").read_text().split()
    while time.monotonic() < deadline:
        children = Path(f"/proc/{zygote[0]}/task/{zygote[0]}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.005)
    raise AssertionError("the victim's child never started")


def test_a_learner_cannot_change_the_verdict_of_a_concurrent_learner(
    process_only: Sandbox, host: Host
) -> None:
    correct = "import time\ntime.sleep(1.0)\nblock = bytearray(30 * 10 ** 6)\nprint('ok')\n"
    outcomes: list[Outcome] = []
    with Sandbox() as other_server:  # another learner's server in the same batch
        other_server.run("pass")
        thread = threading.Thread(target=lambda: outcomes.append(other_server.run(correct)))
        thread.start()
        victim = _child_of(other_server, time.monotonic() + 5)
        attack = run(process_only, host, _REACH, victim=victim, nobody=NOBODY)
        thread.join()
    assert "LEAK" not in attack.stdout, attack.stdout
    assert (outcomes[0].status, outcomes[0].stdout) == (Status.OK, "ok\n"), outcomes[0].error


# -- memory outside RLIMIT_AS ---------------------------------------------------------------

_HOLD = """
chunk, held = 16 << 20, 0
libc.shmat.restype = ctypes.c_void_p
for _ in range(8):  # each segment within the address space limit, kept once detached
    shm = libc.shmget(0, chunk, 0o1600)  # IPC_PRIVATE
    address = libc.shmat(shm, None, 0) if shm >= 0 else None
    if address in (None, ctypes.c_void_p(-1).value):
        break
    ctypes.memset(address, 1, chunk)
    libc.shmdt(ctypes.c_void_p(address))
    held += chunk
if held:
    print('LEAK SysV shared memory held', held)
try:
    fd = os.memfd_create('learner')
except OSError:
    pass
else:
    block = b'\\1' * (1 << 20)
    for _ in range(128):  # written, never mapped
        os.write(fd, block)
    print('LEAK memfd held 128 MB')
attempt('memfd_create raw', raw, 319, b'learner', 0)
attempt('memfd_secret', raw, 447, 0)
attempt('mq_open', raw, 240, b'learner-memory', os.O_CREAT | os.O_RDWR, 0o600, None)
# kernel memory that no limit of the child bounds, or that the whole host shares: native
# AIO contexts (`fs.aio-max-nr` is system-wide) and POSIX timers
context = ctypes.c_ulong(0)
attempt('io_setup', raw, 206, 65536, ctypes.byref(context))
attempt('timer_create', raw, 222, 1, None, ctypes.byref(ctypes.c_int(0)))
print('done')
"""


def test_memory_outside_the_address_space_limit_cannot_be_held(
    process_only: Sandbox, sandbox: Sandbox, host: Host
) -> None:
    small = Limits(timeout=LIMITS.timeout, memory_mb=16)
    alone = run(process_only, host, _HOLD, limits=small)
    assert_held(alone, run(sandbox, host, _HOLD, limits=small))


def test_a_child_queues_few_signals_since_every_child_shares_its_uid(process_only: Sandbox) -> None:
    """Rule: queued signals count against the uid, and every child has the same one: each
    child's RLIMIT_SIGPENDING is small, so that one cannot starve the others."""
    source = "import resource\nprint(resource.getrlimit(resource.RLIMIT_SIGPENDING))\n"
    outcome = process_only.run(source, limits=LIMITS)
    assert outcome.stdout == "(64, 64)\n", outcome


# -- the child's report is untrusted input ---------------------------------------------------

_WRITE_REPORT = (
    _CHANNEL
    + """
import os
stdout, result = @stdout@, @result@
region[_STDOUT_OFFSET:_STDOUT_OFFSET + len(stdout)] = stdout
region[_RESULT_OFFSET:_RESULT_OFFSET + len(result)] = result
_HEADER.pack_into(region, 0, len(stdout), len(result), 0)
os._exit(0)
"""
)
_OK = 'b\'{"status": "ok", "error": null, "calls": []}\''


def forge(
    box: Sandbox, host: Host, stdout: str, result: str, output_bytes: int = LIMITS.output_bytes
) -> Outcome:
    """A run whose child writes `stdout` and `result` (Python expressions) itself."""
    run_limits = Limits(timeout=LIMITS.timeout, memory_mb=64, output_bytes=output_bytes)
    return run(box, host, _WRITE_REPORT, limits=run_limits, stdout=stdout, result=result)


def test_the_parent_cuts_output_at_the_cap_whatever_the_child_claims(
    process_only: Sandbox, host: Host
) -> None:
    outcome = forge(process_only, host, "b'x' * (1 << 20)", _OK)
    assert (outcome.status, outcome.truncated) == (Status.OUTPUT_LIMIT, True)
    assert len(outcome.stdout.encode()) == LIMITS.output_bytes
    several = forge(process_only, host, "'é'.encode() * 40000", _OK, output_bytes=1025)
    assert several.stdout == "é" * 512  # cut on a character boundary
    error = 'b\'{"status": "runtime_error", "error": {"type": "E", "message": "m", \''
    traceback = "b'\"traceback\": \"' + b't' * 100000 + b'\"}}'"
    long_error = forge(process_only, host, "b''", f"{error} + {traceback}")
    assert long_error.error is not None
    assert len(long_error.error.traceback.encode()) < LIMITS.error_bytes + 100


FORGED = {  # Python expressions of what a child writes as its result
    "internal error": 'b\'{"internal_error": "LEARNER TEXT: the grader is broken"}\'',
    "not json": "b'{not json'",
    "deeply nested": "b'{\"status\": \"ok\", \"calls\": ' + b'[' * 100000 + b']' * 100000 + b'}'",
    "unknown status": 'b\'{"status": "passed", "calls": []}\'',
    "unknown layer": 'b\'{"status": "ok", "stopped_by": "grader", "calls": []}\'',
    "an unhashable status": 'b\'{"status": ["ok"], "calls": []}\'',
    "error of the wrong type": (
        'b\'{"status": "runtime_error", "error": {"type": 5, "message": "m"}}\''
    ),
    "error with a text line": (
        'b\'{"status": "ok", "error": {"type": "E", "message": "m", "line": "2"}}\''
    ),
    "error without a message": 'b\'{"status": "ok", "error": {"type": "E"}}\'',
    "calls not asked for": (
        'b\'{"status": "ok", "calls": [{"call": "f()", "returned": true, "value": 1}]}\''
    ),
    "not an object": "b'[1, 2, 3]'",
    "a huge number": 'b\'{"status": "ok", "calls": [], "n": \' + b\'9\' * 5000 + b\'}\'',
}


def test_a_forged_report_is_a_crash_of_that_run(process_only: Sandbox, host: Host) -> None:
    answers = {}
    for name, result in FORGED.items():
        outcome = forge(process_only, host, "b''", result)
        error = outcome.error
        answers[name] = (outcome.status, error.type if error else None, "LEARNER" in str(error))
    assert answers == {name: (Status.RUNTIME_ERROR, "Crash", False) for name in FORGED}


FORGED_VALUES = {  # call values a child may write itself, as Python expressions
    "a set that is not a list": "{'$set': 5}",
    "a dict of pairs of three": "{'$dict': [[1, 2, 3]]}",
    "a tuple of a number": "{'$tuple': 5}",
    "a float of no number": "{'$float': 'many'}",
    "integers whose hashes collide": "{'$set': [i * (2 ** 61 - 1) for i in range(50000)]}",
    "tuples whose hashes collide": "{'$dict': [[{'$tuple': [i * (2 ** 61 - 1)]}, 0] for i in range(50000)]}",
}


def test_forged_call_values_are_a_crash_and_never_reach_the_grader(process_only: Sandbox) -> None:
    """A value the grader could not rebuild, or only in quadratic time (a set of integers
    whose hashes all collide costs an honest child the same time to make, a forger none)."""
    answers = {}
    for name, value in FORGED_VALUES.items():
        forged = (
            _CHANNEL
            + "import json, os\n"
            + f"value = {value}\n"
            + "call = {'call': 'f()', 'returned': True, 'value': value, 'display': ''}\n"
            + "raw = json.dumps({'status': 'ok', 'calls': [call]}).encode()\n"
            + "region[_RESULT_OFFSET:_RESULT_OFFSET + len(raw)] = raw\n"
            + "_HEADER.pack_into(region, 0, 0, len(raw), 0)\n"
            + "os._exit(0)\n"
        )
        outcome = process_only.run(forged, calls=["f()"], limits=LIMITS)
        answers[name] = (outcome.status, outcome.calls)
    assert answers == {name: (Status.RUNTIME_ERROR, ()) for name in FORGED_VALUES}


class _Plain:
    pass


HONEST_VALUES = [
    None, True, -(2**80), 1.5, math.inf, math.nan, "é", b"\x00\xff", 1 + 2j, [1, [2, (3, 4)]],
    {1: [2], (1, 2): {3: 4}, "a": {5}}, {1, (2, 3), frozenset({4}), "x", 2.5, None},
    frozenset({(1, (2, 3))}), _Plain(), {"k": _Plain()}, {(1, 2): (3, [4])}, set(range(5000)),
    {i: str(i) for i in range(5000)}, {frozenset({frozenset({1})})},
    {i * (2**61 - 1) for i in range(COLLISIONS)},
]  # fmt: skip


def test_every_value_an_honest_child_returns_passes_the_parents_check() -> None:
    for value in HONEST_VALUES:
        encoded = values.encode(value)
        values.decode(encoded)  # the grader rebuilds it
        assert untrusted.checked_value(encoded), value


def test_a_child_killed_by_any_signal_is_a_crash_of_that_run(process_only: Sandbox) -> None:
    answers = {}
    # SIGKILL and SIGXCPU too: those of RLIMIT_CPU are a timeout only once the CPU time is used
    for signum in (
        signal.SIGRTMIN + 6,
        signal.SIGRTMAX,
        signal.SIGUSR1,
        signal.SIGKILL,
        signal.SIGXCPU,
    ):
        source = f"import os\nprint('before')\nos.kill(os.getpid(), {int(signum)})\n"
        outcome = process_only.run(source, limits=LIMITS)
        message = outcome.error.message if outcome.error else ""
        answers[int(signum)] = (outcome.status, outcome.stdout, "stopped by signal SIG" in message)
    assert set(answers.values()) == {(Status.RUNTIME_ERROR, "before\n", True)}


def test_the_largest_output_cap_still_reaches_the_grader(process_only: Sandbox) -> None:
    """At the largest cap, output of control characters (six bytes each in JSON) still
    fits in one reply frame."""
    size = 16 * 1024 * 1024
    control = (
        _CHANNEL
        + "import os\n"
        + f"region[_STDOUT_OFFSET:_STDOUT_OFFSET + {size}] = b'\\x01' * {size}\n"
        + f"_HEADER.pack_into(region, 0, {size}, 0, 0)\n"
        + "os._exit(0)\n"
    )
    outcome = process_only.run(control, limits=Limits(timeout=5.0, output_bytes=size))
    assert len(outcome.stdout) == size


# -- CPU time, not wall-clock time (section 6) ----------------------------------------------

SLOW_BUT_CORRECT = (
    "import time\n"
    "start = time.process_time()\n"
    "while time.process_time() - start < 0.4:\n"
    "    pass\n"
    "print('correct')\n"
)
ATTACKS = {  # source: (status, message) with both layers, on a quiet or a busy machine
    "slow but correct": (SLOW_BUT_CORRECT, Status.OK, None),
    "infinite loop": (
        "while True:\n    pass\n",
        Status.TIMEOUT,
        "the program ran longer than 0.5 s",
    ),
    "memory growth": (
        "blocks = []\nwhile True:\n    blocks.append(bytearray(10 ** 7))\n",
        Status.MEMORY_LIMIT,
        "the program needs more memory than the exercise allows",
    ),
    "memory bomb": (
        "s = 'a' * (4 * 10 ** 9)\n",
        Status.MEMORY_LIMIT,
        "the program needs more memory than the exercise allows",
    ),
    "regex backtracking": (
        "import re\nre.match(r'(a+)+$', 'a' * 64 + 'b')\n",
        Status.TIMEOUT,
        "the program ran longer than 0.5 s",
    ),
}
ATTACKS_ALONE = {  # the same with the process layer alone
    "slow but correct": (SLOW_BUT_CORRECT, Status.OK, None),
    "infinite loop": (
        "while True:\n    pass\n",
        Status.TIMEOUT,
        "the program ran longer than 0.5 s",
    ),
    "memory growth": (
        "blocks = []\nwhile True:\n    blocks.append(bytearray(10 ** 7))\n",
        Status.MEMORY_LIMIT,
        "",
    ),
}


@contextlib.contextmanager
def busy_machine(loops: int = 2, seconds: float = 60.0) -> Iterator[None]:
    """`loops` processes that each keep a core busy (for at most `seconds`)."""
    pids = []
    for _ in range(loops):
        pid = os.fork()
        if pid == 0:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                pass
            os._exit(0)
        pids.append(pid)
    try:
        time.sleep(0.2)
        yield
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _verdicts(
    box: Sandbox, attacks: dict[str, tuple[str, Status, str | None]]
) -> dict[str, object]:
    found: dict[str, object] = {}
    for name, (source, _, _) in attacks.items():
        outcome = box.run(source, limits=LIMITS)
        message = outcome.error.message if outcome.error else None
        found[name] = (outcome.status, message if attacks[name][2] else None)
    return found


def test_verdicts_do_not_depend_on_how_busy_the_machine_is(
    sandbox: Sandbox, process_only: Sandbox
) -> None:
    expected = {name: (status, message) for name, (_, status, message) in ATTACKS.items()}
    alone = {
        name: (status, message or None) for name, (_, status, message) in ATTACKS_ALONE.items()
    }
    assert _verdicts(sandbox, ATTACKS) == expected
    with busy_machine():
        assert _verdicts(sandbox, ATTACKS) == expected
        assert _verdicts(process_only, ATTACKS_ALONE) == alone


@pytest.mark.parametrize("layers", ["both", "process_only"])
def test_only_a_program_that_sleeps_or_blocks_meets_the_wall_clock(
    layers: str, sandbox: Sandbox, process_only: Sandbox
) -> None:
    box = sandbox if layers == "both" else process_only
    napping = box.run("import time\ntime.sleep(1.0)\nprint('awake')\n", limits=LIMITS)
    assert (napping.status, napping.stdout) == (Status.OK, "awake\n")
    sleeping = box.run("import time\ntime.sleep(100)\n", limits=LIMITS)
    assert sleeping.status is Status.TIMEOUT and sleeping.error is not None
    assert sleeping.error.message == (
        "the program was still running after 6 s of wall-clock time (sleeping or waiting)"
    )


def test_every_process_layer_feature_is_in_force(sandbox: Sandbox) -> None:
    isolation = sandbox.isolation
    assert sandbox.warnings == ()
    assert isolation["pid_namespace"] and isolation["empty_root"]
    denied = set(isolation["seccomp_denied"])
    assert {"shmget", "msgget", "semget", "mq_open", "inotify_init1", "fanotify_init"} <= denied
    assert {"memfd_create", "add_key", "keyctl", "io_setup", "timer_create"} <= denied


def test_a_missing_feature_is_named_in_the_warnings_and_runs_go_on() -> None:
    """Where pivot_root or a pid namespace cannot be had, the run goes on and says so."""
    import subprocess

    from sandbox import relay
    from sandbox.boot import server_environment as _server_environment
    from sandbox.protocol import read_frame, read_payload, write_frame

    script = (
        "import ctypes, errno\n"
        "from sandbox import emptyroot, isolation, server\n"
        "def refuse(*args):\n"
        "    raise OSError(errno.EPERM, 'not here')\n"
        "def unshare(flags, real=isolation._libc.unshare):\n"
        "    if flags == 0x20000000:  # CLONE_NEWPID\n"
        "        ctypes.set_errno(errno.EPERM)\n"
        "        return -1\n"
        "    return real(flags)\n"
        "emptyroot.enter = refuse\n"
        "isolation._libc.unshare = unshare\n"
        "server.serve({'language': True, 'process': True})\n"
    )
    command = [sys.executable, "-S", "-c", script]
    with subprocess.Popen(command, env=_server_environment(), stdin=-1, stdout=-1) as process:
        assert process.stdin is not None and process.stdout is not None
        hello = read_frame(process.stdout.fileno(), timeout=30)
        request = {"source": "print(6 * 7)", "filename": "main.py", "limits": {}}
        write_frame(process.stdin.fileno(), request)
        reply = relay.decode(read_payload(process.stdout.fileno(), timeout=30), 0, Limits())
        process.stdin.close()
    assert reply["status"] == "ok" and reply["stdout"] == "42\n"
    assert any(warning.startswith("no empty root") for warning in hello["warnings"])
    assert any(warning.startswith("no pid namespace") for warning in hello["warnings"])

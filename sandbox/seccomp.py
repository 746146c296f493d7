"""A seccomp filter through ctypes: no new processes, programs, sockets or kernel interfaces.

A denylist on top of the other isolation: everything a Python exercise needs stays allowed;
what could escape or reach outside fails with EPERM: exec, fork, ptrace, io_uring, mounts,
sockets; what the kernel would keep after the child exits (SysV IPC, POSIX message queues,
keys) or hold outside its address space (memfd, POSIX timers) or share with the whole host
(native AIO contexts, which `fs.aio-max-nr` bounds system-wide); watching files (inotify,
fanotify). Calls
that can act on another process (`prlimit`, `setpriority`, `ioprio_set`, `sched_set*`) are
allowed only on the caller itself (a pid of 0). Unknown architectures get no filter and a
warning.

The list is installed in three stacked filters, each once where it can be: the fork server
installs everything but process creation and namespace set-up on itself (every zygote and
child inherits it); each zygote, once it has entered its namespaces and its empty root,
denies namespace set-up; each child adds a small filter that denies process creation. The
kernel runs all of them on every call of the child (it skips them for a call it has found
that they always allow), and a small program is cheap to load: it is JIT-compiled on every
install.
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys

_DENIED_X86_64 = {
    "shmget": 29, "shmat": 30, "shmctl": 31, "socket": 41, "connect": 42, "accept": 43,
    "sendto": 44, "sendmsg": 46, "bind": 49, "listen": 50, "socketpair": 53, "clone": 56,
    "fork": 57, "vfork": 58, "execve": 59, "semget": 64, "semop": 65, "semctl": 66,
    "shmdt": 67, "msgget": 68, "msgsnd": 69, "msgrcv": 70, "msgctl": 71, "ptrace": 101,
    "syslog": 103, "mknod": 133, "personality": 135, "pivot_root": 155, "chroot": 161,
    "sync": 162, "acct": 163, "mount": 165, "umount2": 166, "swapon": 167, "swapoff": 168,
    "reboot": 169, "iopl": 172, "ioperm": 173, "init_module": 175, "delete_module": 176,
    "quotactl": 179, "semtimedop": 220, "mq_open": 240, "mq_unlink": 241,
    "mq_timedsend": 242, "mq_timedreceive": 243, "mq_notify": 244, "mq_getsetattr": 245,
    "kexec_load": 246, "add_key": 248, "request_key": 249, "keyctl": 250,
    "inotify_init": 253, "inotify_add_watch": 254, "inotify_rm_watch": 255,
    "migrate_pages": 256, "mknodat": 259, "unshare": 272, "move_pages": 279,
    "accept4": 288, "inotify_init1": 294, "perf_event_open": 298, "fanotify_init": 300,
    "fanotify_mark": 301, "name_to_handle_at": 303, "open_by_handle_at": 304,
    "syncfs": 306, "setns": 308, "process_vm_readv": 310, "process_vm_writev": 311,
    "kcmp": 312, "finit_module": 313, "memfd_create": 319, "kexec_file_load": 320,
    "bpf": 321, "execveat": 322, "userfaultfd": 323, "pidfd_send_signal": 424,
    "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
    "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432,
    "fspick": 433, "clone3": 435, "pidfd_getfd": 438,
    "process_madvise": 440, "mount_setattr": 442, "memfd_secret": 447,
    "process_mrelease": 448, "statmount": 457, "listmount": 458,
    "io_setup": 206, "io_destroy": 207, "io_getevents": 208, "io_submit": 209,
    "io_cancel": 210, "timer_create": 222, "io_pgetevents": 333,
}  # fmt: skip
_DENIED_AARCH64 = {
    "inotify_init1": 26, "inotify_add_watch": 27, "inotify_rm_watch": 28, "mknodat": 33,
    "umount2": 39, "mount": 40, "pivot_root": 41, "chroot": 51, "quotactl": 60, "sync": 81,
    "acct": 89, "personality": 92, "unshare": 97, "kexec_load": 104, "init_module": 105,
    "delete_module": 106, "syslog": 116, "ptrace": 117, "reboot": 142, "mq_open": 180,
    "mq_unlink": 181, "mq_timedsend": 182, "mq_timedreceive": 183, "mq_notify": 184,
    "mq_getsetattr": 185, "msgget": 186, "msgctl": 187, "msgrcv": 188, "msgsnd": 189,
    "semget": 190, "semctl": 191, "semtimedop": 192, "semop": 193, "shmget": 194,
    "shmctl": 195, "shmat": 196, "shmdt": 197, "socket": 198, "socketpair": 199,
    "bind": 200, "listen": 201, "accept": 202, "connect": 203, "sendto": 206,
    "sendmsg": 211, "add_key": 217, "request_key": 218, "keyctl": 219, "clone": 220,
    "execve": 221, "swapon": 224, "swapoff": 225, "migrate_pages": 238, "move_pages": 239,
    "perf_event_open": 241, "accept4": 242, "fanotify_init": 262, "fanotify_mark": 263,
    "name_to_handle_at": 264, "open_by_handle_at": 265, "syncfs": 267, "setns": 268,
    "process_vm_readv": 270, "process_vm_writev": 271, "kcmp": 272, "finit_module": 273,
    "memfd_create": 279, "bpf": 280, "execveat": 281, "userfaultfd": 282,
    "kexec_file_load": 294, "pidfd_send_signal": 424, "io_uring_setup": 425,
    "io_uring_enter": 426, "io_uring_register": 427, "open_tree": 428, "move_mount": 429,
    "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
    "clone3": 435, "pidfd_getfd": 438, "process_madvise": 440, "mount_setattr": 442,
    "memfd_secret": 447, "process_mrelease": 448, "statmount": 457, "listmount": 458,
    "io_setup": 0, "io_destroy": 1, "io_submit": 2, "io_cancel": 3, "io_getevents": 4,
    "timer_create": 107, "io_pgetevents": 292,
}  # fmt: skip
_SELF_ONLY_X86_64 = {
    "setpriority": 141, "sched_setparam": 142, "sched_setscheduler": 144,
    "sched_setaffinity": 203, "ioprio_set": 251, "prlimit64": 302, "sched_setattr": 314,
}  # fmt: skip
_SELF_ONLY_AARCH64 = {
    "ioprio_set": 30, "sched_setparam": 118, "sched_setscheduler": 119,
    "sched_setaffinity": 122, "setpriority": 140, "prlimit64": 261, "sched_setattr": 274,
}  # fmt: skip
SELF_ONLY: dict[str, tuple[tuple[int, int], ...]] = {
    "prlimit64": ((0, 0),),
    "setpriority": ((0, 1), (1, 0)),  # PRIO_PROCESS or PRIO_PGRP (never PRIO_USER), of itself
    "ioprio_set": ((0, 2), (1, 0)),  # IOPRIO_WHO_PROCESS or _PGRP (never _USER), of itself
    "sched_setparam": ((0, 0),),
    "sched_setscheduler": ((0, 0),),
    "sched_setaffinity": ((0, 0),),
    "sched_setattr": ((0, 0),),
}
"""Calls that may target another process: (argument, largest value allowed), for each
argument checked. Only the low 32 bits are compared: the kernel reads these as `int`."""
PROCESS_CREATION = frozenset({"clone", "clone3", "fork", "vfork"})
"""Denied in each child by its own filter: the fork server and the zygote must still fork."""
NAMESPACE_SETUP = frozenset({"unshare", "setns", "mount", "umount2", "pivot_root"})
"""Denied by each zygote's filter: the server makes a pid namespace for each zygote, and a
zygote makes its mount namespace and empty root, before that filter is installed."""
_ARCHES = {
    "x86_64": (0xC000003E, _DENIED_X86_64, _SELF_ONLY_X86_64),
    "aarch64": (0xC00000B7, _DENIED_AARCH64, _SELF_ONLY_AARCH64),
}

_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGT_K = 0x25
_JGE_K = 0x35
_RET_K = 0x06
_RET_ALLOW = 0x7FFF0000
_RET_KILL_PROCESS = 0x80000000
_RET_ERRNO = 0x00050000
_RET_DENY = _RET_ERRNO | errno.EPERM
_X32_SYSCALL_BIT = 0x40000000
_ARGS_OFFSET = 16  # seccomp_data.args, eight bytes each
_LOW_WORD = 0 if sys.byteorder == "little" else 4
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2

Instruction = tuple[int, int, int, int]


class _Instruction(ctypes.Structure):
    _fields_ = (
        ("code", ctypes.c_uint16),
        ("jt", ctypes.c_uint8),
        ("jf", ctypes.c_uint8),
        ("k", ctypes.c_uint32),
    )


class _Program(ctypes.Structure):
    _fields_ = (("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Instruction)))


def supported() -> bool:
    return os.uname().machine in _ARCHES


def denied_syscalls() -> tuple[str, ...]:
    """Every call denied outright (the calls in SELF_ONLY are checked, not listed)."""
    return tuple(sorted(_ARCHES[os.uname().machine][1])) if supported() else ()


def _program(denied: frozenset[str], self_only: frozenset[str]) -> list[Instruction]:
    arch, numbers, checked = _ARCHES[os.uname().machine]
    code = [
        (_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        (_JEQ_K, 1, 0, arch),
        (_RET_K, 0, 0, _RET_KILL_PROCESS),
        (_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
    ]
    if os.uname().machine == "x86_64":
        code += [(_JGE_K, 0, 1, _X32_SYSCALL_BIT), (_RET_K, 0, 0, _RET_KILL_PROCESS)]
    for number in sorted(numbers[name] for name in denied if name in numbers):
        code += [(_JEQ_K, 0, 1, number), (_RET_K, 0, 0, _RET_DENY)]
    for name in sorted(self_only):
        block = _only_within(SELF_ONLY[name])
        code += [(_JEQ_K, 0, len(block), checked[name]), *block]
    code.append((_RET_K, 0, 0, _RET_ALLOW))
    return code


def _only_within(bounds: tuple[tuple[int, int], ...]) -> list[Instruction]:
    """Allow the call only when each checked argument is at most its bound; it ends the
    program either way (the accumulator no longer holds the call's number)."""
    block: list[Instruction] = []
    for index, (argument, largest) in enumerate(bounds):
        to_deny = 2 * (len(bounds) - index) - 1
        block += [
            (_LD_W_ABS, 0, 0, _ARGS_OFFSET + 8 * argument + _LOW_WORD),
            (_JGT_K, to_deny, 0, largest),
        ]
    return [*block, (_RET_K, 0, 0, _RET_ALLOW), (_RET_K, 0, 0, _RET_DENY)]


def server_filter() -> Filter:
    """Installed once, on the fork server: everything but process creation and namespace
    set-up, and the calls on other processes."""
    denied = frozenset(denied_syscalls()) - PROCESS_CREATION - NAMESPACE_SETUP
    return Filter(denied, frozenset(SELF_ONLY))


def zygote_filter() -> Filter:
    """Installed once by each zygote, when its namespaces and root are ready."""
    return Filter(NAMESPACE_SETUP)


def child_filter() -> Filter:
    """Process creation denied: stacked on the others in every child."""
    return Filter(PROCESS_CREATION)


class Filter:
    """A BPF program that fails the `denied` system calls with EPERM, assembled once."""

    def __init__(self, denied: frozenset[str], self_only: frozenset[str] = frozenset()) -> None:
        code = _program(denied, self_only)
        self._instructions = (_Instruction * len(code))(*(_Instruction(*step) for step in code))
        self._program = _Program(len(code), self._instructions)
        self._libc = ctypes.CDLL(None, use_errno=True)

    def install(self) -> None:
        """Install on this process (PR_SET_NO_NEW_PRIVS must already be set)."""
        program = ctypes.byref(self._program)
        if self._libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, program, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "PR_SET_SECCOMP failed")

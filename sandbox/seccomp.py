"""A seccomp filter through ctypes: no new processes, programs, sockets or kernel interfaces.

A denylist on top of the other isolation: everything a Python exercise needs stays allowed;
what could escape or reach outside (exec, fork, ptrace, io_uring, mounts, sockets) fails
with EPERM. Unknown architectures get no filter and a warning.

The list is installed in two stacked filters. The fork server installs everything but
process creation on itself, once (children inherit it); each child adds a small filter that
denies process creation. The kernel runs both on every call of the child, and a small
program is about a third of the cost to load (it is JIT-compiled on every install).
"""

from __future__ import annotations

import ctypes
import errno
import os

_DENIED_X86_64 = {
    "socket": 41, "connect": 42, "accept": 43, "sendto": 44, "sendmsg": 46, "bind": 49,
    "listen": 50, "socketpair": 53, "clone": 56, "fork": 57, "vfork": 58, "execve": 59,
    "ptrace": 101, "syslog": 103, "mknod": 133, "personality": 135, "pivot_root": 155,
    "chroot": 161, "acct": 163, "mount": 165, "umount2": 166, "swapon": 167, "swapoff": 168,
    "reboot": 169, "iopl": 172, "ioperm": 173, "init_module": 175, "delete_module": 176,
    "quotactl": 179, "kexec_load": 246, "add_key": 248, "request_key": 249, "keyctl": 250,
    "mknodat": 259, "unshare": 272, "accept4": 288, "perf_event_open": 298,
    "name_to_handle_at": 303, "open_by_handle_at": 304, "setns": 308,
    "process_vm_readv": 310, "process_vm_writev": 311, "finit_module": 313,
    "kexec_file_load": 320, "bpf": 321, "execveat": 322, "userfaultfd": 323,
    "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
    "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432,
    "fspick": 433, "clone3": 435, "pidfd_getfd": 438, "process_madvise": 440,
    "mount_setattr": 442,
}  # fmt: skip
_DENIED_AARCH64 = {
    "mknodat": 33, "umount2": 39, "mount": 40, "pivot_root": 41, "chroot": 51, "quotactl": 60,
    "acct": 89, "personality": 92, "unshare": 97, "kexec_load": 104, "init_module": 105,
    "delete_module": 106, "syslog": 116, "ptrace": 117, "reboot": 142, "socket": 198,
    "socketpair": 199, "bind": 200, "listen": 201, "accept": 202, "connect": 203,
    "sendto": 206, "sendmsg": 211, "add_key": 217, "request_key": 218, "keyctl": 219,
    "clone": 220, "execve": 221, "swapon": 224, "swapoff": 225, "perf_event_open": 241,
    "accept4": 242, "name_to_handle_at": 264, "open_by_handle_at": 265, "setns": 268,
    "process_vm_readv": 270, "process_vm_writev": 271, "finit_module": 273, "bpf": 280,
    "execveat": 281, "userfaultfd": 282, "kexec_file_load": 294, "io_uring_setup": 425,
    "io_uring_enter": 426, "io_uring_register": 427, "open_tree": 428, "move_mount": 429,
    "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433, "clone3": 435,
    "pidfd_getfd": 438, "process_madvise": 440, "mount_setattr": 442,
}  # fmt: skip
PROCESS_CREATION = frozenset({"clone", "clone3", "fork", "vfork"})
"""Denied in each child by its own filter: the fork server itself must still fork."""
_ARCHES = {
    "x86_64": (0xC000003E, _DENIED_X86_64),
    "aarch64": (0xC00000B7, _DENIED_AARCH64),
}

_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_RET_K = 0x06
_RET_ALLOW = 0x7FFF0000
_RET_KILL_PROCESS = 0x80000000
_RET_ERRNO = 0x00050000
_X32_SYSCALL_BIT = 0x40000000
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2


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
    return tuple(sorted(_ARCHES[os.uname().machine][1])) if supported() else ()


def _program(denied: frozenset[str]) -> list[tuple[int, int, int, int]]:
    arch, numbers = _ARCHES[os.uname().machine]
    code = [
        (_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        (_JEQ_K, 1, 0, arch),
        (_RET_K, 0, 0, _RET_KILL_PROCESS),
        (_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
    ]
    if os.uname().machine == "x86_64":
        code += [(_JGE_K, 0, 1, _X32_SYSCALL_BIT), (_RET_K, 0, 0, _RET_KILL_PROCESS)]
    for number in sorted(numbers[name] for name in denied):
        code += [(_JEQ_K, 0, 1, number), (_RET_K, 0, 0, _RET_ERRNO | errno.EPERM)]
    code.append((_RET_K, 0, 0, _RET_ALLOW))
    return code


def server_filter() -> Filter:
    """Everything denied but process creation: installed once, on the fork server."""
    return Filter(frozenset(denied_syscalls()) - PROCESS_CREATION)


def child_filter() -> Filter:
    """Process creation denied: stacked on the server's filter in every child."""
    return Filter(PROCESS_CREATION)


class Filter:
    """A BPF program that fails the `denied` system calls with EPERM, assembled once."""

    def __init__(self, denied: frozenset[str]) -> None:
        code = _program(denied)
        self._instructions = (_Instruction * len(code))(*(_Instruction(*step) for step in code))
        self._program = _Program(len(code), self._instructions)
        self._libc = ctypes.CDLL(None, use_errno=True)

    def install(self) -> None:
        """Install on this process (PR_SET_NO_NEW_PRIVS must already be set)."""
        program = ctypes.byref(self._program)
        if self._libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, program, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "PR_SET_SECCOMP failed")

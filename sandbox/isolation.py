"""The process layer: namespaces, an empty root, rlimits, an unprivileged uid, Landlock and
seccomp.

`ProcessLayer.prepare` runs once in the fork server, `new_pid_namespace` before it forks
each zygote and `enter_zygote` once in each zygote; `enter_child` and `drop_privileges` run
in every child, before and after compiling, and do only what differs between children:
the limits that are the same for all (file size, core dumps) are the zygote's own, and
every child inherits them. A feature this machine lacks is reported as a warning and the
run goes on with the others.
"""

from __future__ import annotations

import ctypes
import os
import pwd
import resource
import signal

from sandbox import emptyroot, landlock, seccomp
from sandbox.limits import Limits

_CLONE_NEWUTS = 0x04000000
_CLONE_NEWIPC = 0x08000000
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWPID = 0x20000000
_CLONE_NEWNET = 0x40000000
_HOSTNAME = b"sandbox"
_PR_SET_PDEATHSIG = 1
_PR_SET_NO_NEW_PRIVS = 38
_INTERPRETER_HEADROOM = 64 * 1024 * 1024
"""Address space beyond the program's memory limit, for the interpreter's own mappings."""

_libc = ctypes.CDLL(None, use_errno=True)


class ProcessLayer:
    """Which isolation features are in force, decided once per fork server."""

    def __init__(self, enabled: bool, server_pid: int = 0) -> None:
        self.enabled = enabled
        self.uid: int | None = None
        self.gid: int | None = None
        self.landlock_abi = 0
        self.landlock_fd: int | None = None
        self.seccomp_filter: seccomp.Filter | None = None
        self.zygote_filter: seccomp.Filter | None = None
        self.network_isolated = False
        self.pid_namespaces = False
        self.empty_root = False
        self.import_paths: tuple[str, ...] = ()
        self.drop_capabilities = False
        self.warnings: list[str] = []
        self.server_pid = server_pid

    @classmethod
    def prepare(cls, *, enabled: bool) -> ProcessLayer:
        layer = cls(enabled=enabled, server_pid=os.getpid())
        if not enabled:
            return layer
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past RLIMIT_FSIZE fails instead
        layer._isolate_network()
        layer._choose_user()
        layer._enter_empty_directory()
        layer._prepare_landlock()
        layer.pid_namespaces = layer.network_isolated or os.geteuid() == 0
        layer.empty_root = emptyroot.supported()
        layer.import_paths = emptyroot.import_paths()
        if seccomp.supported():
            seccomp.server_filter().install()  # inherited by every zygote and child
            layer.zygote_filter = seccomp.zygote_filter()
            layer.seccomp_filter = seccomp.child_filter()
        else:
            layer.warnings.append("no seccomp filter for this CPU architecture")
        return layer

    def new_pid_namespace(self) -> None:
        """Make the next process this server forks, a zygote, the first (the init) of a new
        pid namespace: its children see no process of the host or of another server, and
        so cannot signal, renice, pin or `prlimit` them. A namespace whose init has exited
        takes no new process, so each zygote gets a new one."""
        if not self.enabled or not self.pid_namespaces:
            return
        try:
            self_fd = os.pidfd_open(os.getpid())
            try:  # back to this server's own namespace for its children, then a new one
                _check(_libc.setns(self_fd, _CLONE_NEWPID), "setns")
            finally:
                os.close(self_fd)
            _check(_libc.unshare(_CLONE_NEWPID), "unshare(CLONE_NEWPID)")
        except OSError as exc:
            self.pid_namespaces = False
            self.warnings.append(
                f"no pid namespace ({exc.strerror}): learner children share the machine's "
                "process ids; seccomp still refuses calls on any process but their own"
            )

    def enter_zygote(self) -> list[str]:
        """In a new zygote, once: its empty root, then its filter, and the limits every
        child shares (no file written, no core dumped). The warnings it met."""
        if not self.enabled:
            return []
        for kind in (resource.RLIMIT_FSIZE, resource.RLIMIT_CORE):
            resource.setrlimit(kind, (0, 0))
        warnings = []
        if self.empty_root:
            try:
                emptyroot.enter(self.import_paths)
            except OSError as exc:
                warnings.append(
                    f"no empty root ({exc.strerror}): learner code can look up host paths "
                    "(stat, readlink, xattrs), though Landlock keeps their contents closed"
                )
        else:
            warnings.append(
                "no empty root on this CPU architecture: learner code can look up host paths"
            )
        if self.zygote_filter is not None:
            self.zygote_filter.install()
        return warnings

    def _enter_empty_directory(self) -> None:
        """Done once here, inherited by every child: an empty working directory, already
        removed (nothing can be made in it, nothing is left on disk), no supplementary
        groups, and no way to gain privileges through exec."""
        fd = _empty_directory()
        os.fchdir(fd)
        os.close(fd)
        if os.geteuid() == 0:
            os.setgroups([])
        if _libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "PR_SET_NO_NEW_PRIVS failed")

    def _prepare_landlock(self) -> None:
        self.landlock_abi = landlock.abi_version()
        if self.landlock_abi:
            self.landlock_fd = landlock.create_ruleset(self.landlock_abi)
            return
        self.warnings.append(
            "Landlock is unavailable on this kernel: learner code is kept from files "
            "only by the language layer and the unprivileged uid"
        )

    def _isolate_network(self) -> None:
        """New network, IPC and UTS namespaces (and a user namespace when not root)."""
        flags = _CLONE_NEWNET | _CLONE_NEWIPC | _CLONE_NEWUTS
        if os.geteuid() != 0:
            flags |= _CLONE_NEWUSER
            uid, gid = os.getuid(), os.getgid()
        if _libc.unshare(flags) != 0:
            error = os.strerror(ctypes.get_errno())
            self.warnings.append(
                f"no network namespace ({error}): learner code is kept off the network only "
                "by the language layer, seccomp and Landlock"
            )
            return
        if flags & _CLONE_NEWUSER:
            _write("/proc/self/setgroups", "deny")
            _write("/proc/self/uid_map", f"{uid} {uid} 1")
            _write("/proc/self/gid_map", f"{gid} {gid} 1")
            self.drop_capabilities = True
        _libc.sethostname(_HOSTNAME, len(_HOSTNAME))  # not the host's name
        self.network_isolated = True

    def _choose_user(self) -> None:
        if os.geteuid() != 0:
            return
        try:
            nobody = pwd.getpwnam("nobody")
        except KeyError:
            self.warnings.append("no 'nobody' user: learner code runs as root inside the sandbox")
            return
        self.uid, self.gid = nobody.pw_uid, nobody.pw_gid

    def kept_descriptors(self) -> tuple[int, ...]:
        return (self.landlock_fd,) if self.landlock_fd is not None else ()

    # -- in the child ----------------------------------------------------------------------

    def enter_child(self, limits: Limits, address_space: int) -> None:
        """Own process group, quiet descriptors and (process layer) rlimits.

        `address_space` is the zygote's size at fork time, measured there (warm). File size
        and core dumps are 0 from the zygote.
        """
        os.setpgid(0, 0)
        _quiet_descriptors(keep=self.kept_descriptors())
        if not self.enabled:
            return
        cpu = limits.cpu_seconds
        address_space += limits.memory_mb * 1024 * 1024 + _INTERPRETER_HEADROOM
        setrlimit = resource.setrlimit
        setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        setrlimit(resource.RLIMIT_AS, (address_space, address_space))
        setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
        setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))
        # queued signals are counted per uid, and every child has the same one
        setrlimit(resource.RLIMIT_SIGPENDING, (_SIGNALS_PENDING, _SIGNALS_PENDING))

    def drop_privileges(self) -> None:
        """Leave no way out: unprivileged uid, no new privileges, Landlock, seccomp."""
        if not self.enabled:
            return
        if self.uid is not None and self.gid is not None:
            os.setgid(self.gid)
            os.setuid(self.uid)
        if self.drop_capabilities:
            _drop_capabilities()
        if self.landlock_fd is not None:
            landlock.restrict_self(self.landlock_fd)
            os.close(self.landlock_fd)
        if self.seccomp_filter is not None:
            self.seccomp_filter.install()
        _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != self.server_pid:
            os._exit(1)

    def report(self) -> dict[str, object]:
        return {
            "process_layer": self.enabled,
            "network_namespace": self.network_isolated,
            "pid_namespace": self.pid_namespaces,
            "empty_root": self.empty_root,
            "uid": self.uid if self.uid is not None else os.geteuid(),
            "landlock_abi": self.landlock_abi,
            "seccomp": self.seccomp_filter is not None,
            "seccomp_denied": list(seccomp.denied_syscalls()) if self.seccomp_filter else [],
        }


_SIGNALS_PENDING = 64
"""Signals a child may queue (`sigqueue`): the count is its uid's, which every child shares."""


def _write(path: str, text: str) -> None:
    with open(path, "w") as handle:
        handle.write(text)


def _empty_directory() -> int:
    """A descriptor of an empty directory already removed: nothing can be made in it,
    and nothing is left on disk whatever happens to the server."""
    path = f"/tmp/grader-sandbox-{os.getpid()}-{os.urandom(6).hex()}"
    os.mkdir(path, 0o500)
    try:
        return os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    finally:
        os.rmdir(path)


def _quiet_descriptors(keep: tuple[int, ...]) -> None:
    """stdin at its end, stdout and stderr writing nowhere (EPIPE), on pipes of the child's
    own: no host file (`flock` or `utime` on /dev/null would reach the host's), and no
    open file that another run shares (its flags would carry bits between runs). Every
    other descriptor is closed but `keep`."""
    drained, writer = os.pipe()
    os.close(writer)
    reader, nowhere = os.pipe()
    os.close(reader)
    os.dup2(drained, 0)
    os.dup2(nowhere, 1)
    os.dup2(nowhere, 2)
    start = 3
    for fd in sorted(keep):
        os.closerange(start, fd)
        start = fd + 1
    os.closerange(start, 65536)


class AddressSpace:
    """This process's virtual size, read from a descriptor of /proc/self/statm opened at
    start: the empty root has no /proc. Open it in the process to be measured."""

    def __init__(self) -> None:
        self._fd = os.open("/proc/self/statm", os.O_RDONLY | os.O_CLOEXEC)

    def bytes(self) -> int:
        return int(os.pread(self._fd, 128, 0).split()[0]) * resource.getpagesize()


def _check(result: int, what: str) -> None:
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")


class _CapHeader(ctypes.Structure):
    _fields_ = (("version", ctypes.c_uint32), ("pid", ctypes.c_int))


class _CapData(ctypes.Structure):
    _fields_ = (
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    )


def _drop_capabilities() -> None:
    """Clear every capability (a user namespace grants them all to its creator)."""
    header = _CapHeader(0x20080522, 0)
    data = (_CapData * 2)()
    if _libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset failed")

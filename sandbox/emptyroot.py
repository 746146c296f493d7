"""An empty root: a private mount namespace whose `/` is a small read-only tmpfs that holds
only what imports need, bound read-only at the paths the interpreter knows them by.

Entered once per zygote, as isolate and nsjail do: a tmpfs, read-only bind mounts, then
`pivot_root` and the old root detached. After it no host path resolves at all, so `stat`,
`readlink`, `access`, `statvfs`, xattrs, `utime` and `chdir` (which Landlock does not
mediate) find nothing of the host, and what they do find is read-only.
"""

from __future__ import annotations

import ctypes
import os
import sys

_CLONE_NEWNS = 0x00020000
_MS_RDONLY = 0x1
_MS_NOSUID = 0x2
_MS_NODEV = 0x4
_MS_NOEXEC = 0x8
_MS_REMOUNT = 0x20
_MS_BIND = 0x1000
_MS_REC = 0x4000
_MS_PRIVATE = 0x40000
_MNT_DETACH = 0x2
_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}
_STAGE = "/proc"
"""Where the new root is built before the pivot: a directory every Linux system has, and
under which no file the interpreter imports can be (the tmpfs hides it only in the zygote's
own mount namespace, for a moment)."""
_OLD_ROOT = "/.old-root"
_TMPFS_OPTIONS = b"mode=0755,size=16k,nr_inodes=256"

_libc = ctypes.CDLL(None, use_errno=True)


def import_paths() -> tuple[str, ...]:
    """What the zygote and its children may still need to read: the standard library, the
    directories of loaded extension modules and shared libraries (a lazy import loads more
    of them), this package and RestrictedPython. Outermost directories only."""
    found = {os.path.dirname(os.__file__), os.path.dirname(os.path.abspath(__file__))}
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".so"):
            found.add(os.path.dirname(os.path.abspath(path)))
    compiler = _package_directory("RestrictedPython")  # a child may compile a program
    if compiler is not None:
        found.add(compiler)
    found.update(_shared_library_directories())
    return _outermost(found)


def _package_directory(name: str) -> str | None:
    """Where a package lives, found without importing it (the zygote loads the compiler
    only when a child needs it)."""
    module = sys.modules.get(name)
    path = getattr(module, "__file__", None)
    if not isinstance(path, str):
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name)
        path = spec.origin if spec is not None else None
    return os.path.dirname(os.path.abspath(path)) if isinstance(path, str) else None


def _shared_library_directories() -> set[str]:
    """Directories of the shared libraries mapped here (a lazily imported extension module
    may need another library from the same place, libz beside libc, say)."""
    found = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.rstrip("\n").partition("/")[2]
            if path and ".so" in os.path.basename(path):
                found.add(os.path.dirname("/" + path))
    return found


def _outermost(paths: set[str]) -> tuple[str, ...]:
    kept: list[str] = []
    for path in sorted(os.path.normpath(p) for p in paths if os.path.isdir(p)):
        if not any(path == top or path.startswith(top.rstrip("/") + "/") for top in kept):
            kept.append(path)
    return tuple(kept)


def enter(paths: tuple[str, ...]) -> None:
    """Pivot this process (and all it forks later) into an empty root holding `paths`."""
    _check(_libc.unshare(_CLONE_NEWNS), "unshare(CLONE_NEWNS)")
    _mount(None, "/", None, _MS_REC | _MS_PRIVATE)  # nothing propagates back to the host
    _mount(b"sandbox", _STAGE, b"tmpfs", _MS_NOSUID | _MS_NODEV | _MS_NOEXEC, _TMPFS_OPTIONS)
    for path in paths:
        target = _STAGE + path
        os.makedirs(target, mode=0o755, exist_ok=True)
        _mount(path, target, None, _MS_BIND)
        _mount(None, target, None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY | _MS_NOSUID | _MS_NODEV)
    os.mkdir(_STAGE + _OLD_ROOT, 0o700)
    pivot_root = _SYS_PIVOT_ROOT[os.uname().machine]
    _check(_libc.syscall(pivot_root, _STAGE.encode(), (_STAGE + _OLD_ROOT).encode()), "pivot_root")
    os.chdir("/")  # the old working directory would lead back to the host's files
    _check(_libc.umount2(_OLD_ROOT.encode(), _MNT_DETACH), "umount2")
    os.rmdir(_OLD_ROOT)
    _mount(None, "/", None, _MS_REMOUNT | _MS_RDONLY | _MS_NOSUID | _MS_NODEV | _MS_NOEXEC)


def supported() -> bool:
    return os.uname().machine in _SYS_PIVOT_ROOT


def _mount(
    source: str | bytes | None,
    target: str,
    kind: bytes | None,
    flags: int,
    options: bytes | None = None,
) -> None:
    encoded = source.encode() if isinstance(source, str) else source
    result = _libc.mount(encoded, target.encode(), kind, ctypes.c_ulong(flags), options)
    _check(result, f"mount {target}")


def _check(result: int, what: str) -> None:
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")

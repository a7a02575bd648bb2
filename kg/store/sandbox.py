"""A process that runs queries cannot open network sockets.

The second wall behind :mod:`kg.store.guard`: even if a query the guard
allowed made the store reach for the network, the process could not. On Linux
(x86-64 and AArch64) :func:`deny_network` installs a seccomp filter, as any
unprivileged user may once the process has given up gaining privileges
(``PR_SET_NO_NEW_PRIVS``):

- ``socket()`` for any family but ``AF_UNIX`` fails with ``EACCES`` (so no
  TCP, UDP, raw or packet socket, and no DNS lookup), as does
  ``socketpair()`` for those families;
- ``io_uring_setup()`` fails with ``ENOSYS`` (io_uring can create sockets
  without the ``socket()`` call);
- system calls of another ABI (32-bit x86, x32) fail with ``ENOSYS``.

Sockets opened before the call keep working (the pipes and ``AF_UNIX``
sockets a worker talks to its parent through). The filter binds every thread
of the process and every child it starts, and cannot be lifted. Elsewhere
:func:`deny_network` returns False and changes nothing; the server says so
when it starts.

The filter is a classic BPF program, built here rather than through libseccomp
so that nothing needs installing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import platform
import struct
import sys

__all__ = ["deny_network", "network_denied"]

# <linux/audit.h>
_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
# Syscall numbers: (socket, socketpair, io_uring_setup, seccomp).
_SYSCALLS = {"x86_64": (41, 53, 425, 317), "aarch64": (198, 199, 425, 277)}
_X32_BIT = 0x40000000

_BPF_LD_W_ABS = 0x20
_BPF_JEQ_K = 0x15
_BPF_JGE_K = 0x35
_BPF_RET_K = 0x06
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_EACCES = 13
_ENOSYS = 38
_AF_UNIX = 1
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_SECCOMP_SET_MODE_FILTER = 1
_SECCOMP_FILTER_FLAG_TSYNC = 1
# offsets in struct seccomp_data
_NR, _ARCH, _ARG0 = 0, 4, 16


def _program(machine: str) -> list[tuple[int, int, int, int]]:
    sock, pair, uring, _ = _SYSCALLS[machine]
    deny_abi = (_BPF_RET_K, 0, 0, _RET_ERRNO | _ENOSYS)
    deny_family = (_BPF_RET_K, 0, 0, _RET_ERRNO | _EACCES)
    allow = (_BPF_RET_K, 0, 0, _RET_ALLOW)
    # Jump offsets count instructions after the current one.
    return [
        (_BPF_LD_W_ABS, 0, 0, _ARCH),  # 0
        (_BPF_JEQ_K, 1, 0, _AUDIT_ARCH[machine]),  # 1: our ABI -> 3
        deny_abi,  # 2
        (_BPF_LD_W_ABS, 0, 0, _NR),  # 3
        (_BPF_JGE_K, 0, 1, _X32_BIT),  # 4: x32 -> 5, else 6
        deny_abi,  # 5
        (_BPF_JEQ_K, 3, 0, sock),  # 6: -> 10
        (_BPF_JEQ_K, 2, 0, pair),  # 7: -> 10
        (_BPF_JEQ_K, 5, 0, uring),  # 8: -> 14
        allow,  # 9
        (_BPF_LD_W_ABS, 0, 0, _ARG0),  # 10: the address family
        (_BPF_JEQ_K, 1, 0, _AF_UNIX),  # 11: AF_UNIX -> 13
        deny_family,  # 12
        allow,  # 13
        deny_abi,  # 14: io_uring
    ]


def _machine() -> str | None:
    if not sys.platform.startswith("linux"):
        return None
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    return machine if machine in _AUDIT_ARCH else None


def deny_network() -> bool:
    """Forbid this process (all its threads, and its children) to open network sockets.

    Returns
    -------
    bool
        True when the filter is in place (now or from an earlier call); False
        where the platform offers no way to do it (the process is unchanged).
    """
    if network_denied():
        return True
    machine = _machine()
    if machine is None:
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    code = b"".join(struct.pack("HBBI", *instruction) for instruction in _program(machine))
    filters = ctypes.create_string_buffer(code, len(code))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = SockFprog(len(code) // 8, ctypes.cast(filters, ctypes.c_void_p))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    seccomp = _SYSCALLS[machine][3]
    libc.syscall.restype = ctypes.c_long
    # TSYNC applies the filter to threads already running (RocksDB's, for one).
    if libc.syscall(seccomp, _SECCOMP_SET_MODE_FILTER, _SECCOMP_FILTER_FLAG_TSYNC, ctypes.byref(prog)) != 0:
        if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
            return False
    return network_denied()


def network_denied() -> bool:
    """Whether this process is already unable to open an internet socket."""
    import socket

    try:
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    except PermissionError:
        return True
    except OSError:
        return False
    probe.close()
    return False


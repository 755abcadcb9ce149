"""Whether a process still runs, asked of the operating system: a temporary file named after a dead process
is a crash's leftover, one named after a live process is another program's work under way.

POSIX answers ``kill(pid, 0)``. Windows has no such signal (``os.kill`` there ends the process), so it is
asked through kernel32: open the process and see whether it has ended.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Protocol

PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
SYNCHRONIZE = 0x00100000
WAIT_TIMEOUT = 0x102  # the process has not ended within the zero wait
ERROR_ACCESS_DENIED = 5  # it exists, but belongs to someone we may not look at


class Kernel32(Protocol):
    def OpenProcess(self, access: int, inherit: bool, pid: int) -> Any: ...  # noqa: N802 - the Win32 names
    def WaitForSingleObject(self, handle: Any, milliseconds: int) -> int: ...  # noqa: N802
    def CloseHandle(self, handle: Any) -> Any: ...  # noqa: N802


def process_alive(pid: int) -> bool:
    if sys.platform == "win32":
        import ctypes  # only Windows asks kernel32: elsewhere ctypes and libffi are never loaded

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.OpenProcess.restype = ctypes.c_void_p
        kernel32.WaitForSingleObject.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
        kernel32.WaitForSingleObject.restype = ctypes.c_uint32
        kernel32.CloseHandle.argtypes = [ctypes.c_void_p]
        return windows_process_alive(pid, kernel32, ctypes.get_last_error)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def windows_process_alive(pid: int, kernel32: Kernel32, last_error: Any) -> bool:
    """``last_error`` is ``ctypes.get_last_error``, read right after a failed ``OpenProcess``."""
    handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE, False, pid)
    if not handle:
        return bool(last_error() == ERROR_ACCESS_DENIED)  # otherwise no such process
    try:
        return bool(kernel32.WaitForSingleObject(handle, 0) == WAIT_TIMEOUT)
    finally:
        kernel32.CloseHandle(handle)

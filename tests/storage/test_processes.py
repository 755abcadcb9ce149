"""Whether a process still runs: asked for real of this system, and the Windows logic through a stand-in for
kernel32 (so it is checked on Linux too; under Wine the first tests use the real kernel32)."""

from __future__ import annotations

import os
import subprocess
import sys

from ward_office.storage.processes import (
    ERROR_ACCESS_DENIED,
    PROCESS_QUERY_LIMITED_INFORMATION,
    SYNCHRONIZE,
    WAIT_TIMEOUT,
    process_alive,
    windows_process_alive,
)


def test_this_process_and_its_parent_are_alive_and_a_finished_one_is_not() -> None:
    assert process_alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert process_alive(child.pid)
    finally:
        child.kill()
        child.wait()
    assert not process_alive(child.pid)  # ended and waited for: on Windows its handle is closed too


class FakeKernel32:
    """kernel32 as seen by ``windows_process_alive``: processes by pid, with what a wait on each answers."""

    def __init__(self, waits: dict[int, int], denied: set[int] = frozenset()) -> None:
        self.waits, self.denied = waits, denied
        self.opened: list[tuple[int, int]] = []
        self.closed: list[int] = []
        self.error = 0

    def OpenProcess(self, access: int, inherit: bool, pid: int) -> int | None:  # noqa: N802 - Win32's name
        self.opened.append((access, pid))
        if pid in self.denied:
            self.error = ERROR_ACCESS_DENIED
            return None
        if pid not in self.waits:
            self.error = 87  # ERROR_INVALID_PARAMETER: no process has that id
            return None
        return 1000 + pid

    def WaitForSingleObject(self, handle: int, milliseconds: int) -> int:  # noqa: N802
        assert milliseconds == 0
        return self.waits[handle - 1000]

    def CloseHandle(self, handle: int) -> bool:  # noqa: N802
        self.closed.append(handle)
        return True


def test_on_windows_a_running_process_is_alive_an_ended_or_unknown_one_is_not() -> None:
    kernel32 = FakeKernel32({10: WAIT_TIMEOUT, 11: 0})  # 11 has ended (its handle is signalled), 12 never was
    alive = {pid: windows_process_alive(pid, kernel32, lambda: kernel32.error) for pid in (10, 11, 12)}
    assert alive == {10: True, 11: False, 12: False}
    assert kernel32.opened == [(PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE, pid) for pid in (10, 11, 12)]
    assert kernel32.closed == [1010, 1011]  # every handle opened is closed


def test_on_windows_a_process_we_may_not_open_is_taken_as_alive() -> None:
    kernel32 = FakeKernel32({}, denied={4})  # another user's, or a system process
    assert windows_process_alive(4, kernel32, lambda: kernel32.error)
    assert kernel32.closed == []

"""The wait after wrong passwords: 0.5 s after one, then 1, 2, 4 … up to 30 s, per book and user name.

The window keeps the counts in memory (``WINDOW_WAITS``): it stays open, and its sign-in dialog shows the
wait running down. The command line keeps them in a small file of the data folder, since every command is
a new process. Not in the book: a failed sign-in must write nothing into it (it may be read-only, held by
the window, or damaged), and whoever can delete that file can as well copy the book and guess offline,
against scrypt's cost, which no wait changes. The wait is against guessing at the keyboard.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

FIRST_WAIT_SECONDS = 0.5
MAX_WAIT_SECONDS = 30.0
FORGET_AFTER_SECONDS = 3600.0  # a failure this old no longer counts


def wait_after(failures: int) -> float:
    """0.5 s after one wrong password, then 1, 2, 4 … up to 30 s."""
    return 0.0 if failures <= 0 else min(FIRST_WAIT_SECONDS * 2 ** (failures - 1), MAX_WAIT_SECONDS)


class SignInWaits:
    """Wrong passwords in a row per book and user name, and how long the next try must wait.

    With ``file`` the counts are kept there (the command line); without, in memory (the window)."""

    def __init__(self, file: Path | None = None, clock: Callable[[], float] = time.time) -> None:
        self.file = file
        self.clock = clock
        self._memory: dict[str, tuple[int, float]] = {}

    @staticmethod
    def key(book: Path, username: str) -> str:
        return f"{Path(book).resolve()}\n{username.strip().casefold()}"

    def _entries(self) -> dict[str, tuple[int, float]]:
        if self.file is None:
            return self._memory
        try:
            raw = json.loads(self.file.read_text(encoding="utf-8"))
            return {key: (int(value[0]), float(value[1])) for key, value in raw.items()}
        except (OSError, ValueError, TypeError, IndexError, AttributeError):
            return {}

    def _keep(self, entries: dict[str, tuple[int, float]]) -> None:
        now = self.clock()
        entries = {key: value for key, value in entries.items() if now - value[1] < FORGET_AFTER_SECONDS}
        if self.file is None:
            self._memory = entries
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            scratch = self.file.with_name(self.file.name + ".tmp")
            scratch.write_text(json.dumps(entries), encoding="utf-8")
            scratch.replace(self.file)
        except OSError:
            pass  # a full or read-only data folder: the wait of this process still applies

    def _failures(self, book: Path, username: str) -> tuple[int, float]:
        failures, at = self._entries().get(self.key(book, username), (0, 0.0))
        return (0, 0.0) if self.clock() - at >= FORGET_AFTER_SECONDS else (failures, at)

    def seconds_left(self, book: Path, username: str) -> float:
        failures, at = self._failures(book, username)
        return max(0.0, at + wait_after(failures) - self.clock()) if failures else 0.0

    def failed(self, book: Path, username: str) -> float:
        """Count a wrong password; returns the wait before the next try."""
        failures, _at = self._failures(book, username)
        entries = self._entries()
        entries[self.key(book, username)] = (failures + 1, self.clock())
        self._keep(entries)
        return wait_after(failures + 1)

    def succeeded(self, book: Path, username: str) -> None:
        entries = self._entries()
        if entries.pop(self.key(book, username), None) is not None:
            self._keep(entries)


# The window's: it stays open, so memory keeps the count for as long as it matters.
WINDOW_WAITS = SignInWaits()

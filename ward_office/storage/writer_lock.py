"""One writing program per record book: an operating-system lock on ``<book>.lock`` beside the database.

Two copies of the program writing the same file would each trust what they read a moment ago (a staff
list, a check round still open) and undo each other's work, so only one process may hold the book for
writing; a second one opens it to view only and can say who holds it. The lock is the OS's own
(``flock`` on POSIX, ``msvcrt.locking`` on Windows): it dies with the process that holds it, so a
crashed or killed program never leaves a stale lock to be guessed about. Who holds it (user, computer,
process, program, since when) is written into the lock file for the second program to read.

Within one process the lock is shared: the window's connection and its background jobs both write, so
each acquisition of the same book only counts up, and the lock goes when the last one lets go.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import sys
import threading
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from ward_office.core.errors import WardOfficeError
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_time
from ward_office.storage.errors import DatabaseError

# Windows locks byte ranges and refuses to read a locked range, so the lock sits far past the holder's
# details, which stay readable at the start of the file.
_WINDOWS_LOCK_OFFSET = 1 << 30
_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate line ends
_READ_TRIES = 20  # the holder writes its details just after locking; a reader may come in between


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds a record book for writing, as the holder wrote it into the lock file."""

    user: str
    host: str
    pid: int
    program: str
    since: str  # ISO moment with the holder's offset

    @classmethod
    def of_this_process(cls) -> LockHolder:
        return cls(_user(), _host(), os.getpid(), _program(), datetime.now().astimezone()
                   .isoformat(timespec="seconds"))

    def to_text(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_text(cls, text: str) -> LockHolder | None:
        try:
            data = json.loads(text)
            return cls(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["program"]),
                       str(data["since"]))
        except (ValueError, KeyError, TypeError):
            return None

    def since_moment(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.since)
        except ValueError:
            return None


class WriterBusyError(DatabaseError):
    """Another process holds the record book for writing."""

    def __init__(self, path: Path, holder: LockHolder | None) -> None:
        if holder is None:
            super().__init__(N_("The record book {path} is open for writing in another copy of the program; it can "
                                "be written here only once it is closed there"),
                             path=str(path))
        else:
            super().__init__(N_("The record book is open for writing by {user} on computer {host} since {since} "
                                "(program {program}, process {pid}); it can be written here only once it is "
                                "closed there"),
                             user=holder.user, host=holder.host, since=holder.since, program=holder.program,
                             pid=holder.pid)
        self.path = path
        self.holder = holder

    def localized(self) -> str:
        if self.holder is None:
            return super().localized()
        moment = self.holder.since_moment()
        if moment is None:
            since = self.holder.since
        else:
            local = moment.astimezone() if moment.tzinfo else moment
            since = _("{time} on {day}").format(time=format_time(local), day=format_date(local.date()))
        return _(self.message).format(**{**self.params, "since": since})


def view_only_error(reason: WardOfficeError | None = None) -> DatabaseError:
    """What a write on a book open to view only is refused with; ``reason`` says why it is."""
    if reason is None:
        return DatabaseError(N_("The database is open read-only"))
    return DatabaseError(N_("The record book is open here to view only; nothing was changed. {reason}"),
                         reason=reason.localized())


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class _Held:
    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.count = 1


_held: dict[Path, _Held] = {}
_guard = threading.Lock()


def acquire(database: str | Path) -> Path:
    """Hold ``database`` for writing (once more, if this process already does); returns the key to release.

    Raises ``WriterBusyError`` naming the holder when another process has it.
    """
    key = Path(database).resolve()
    with _guard:
        held = _held.get(key)
        if held is not None:
            held.count += 1
            return key
        try:
            key.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(lock_path(key), os.O_RDWR | os.O_CREAT | _BINARY, 0o644)
        except OSError as error:
            raise DatabaseError(N_("Cannot open {path} for writing: {reason}"), path=str(key),
                                reason=error.strerror or str(error)) from error
        if not _try_lock(fd):
            holder = _read_holder(fd)
            os.close(fd)
            raise WriterBusyError(key, holder)
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, LockHolder.of_this_process().to_text().encode("utf-8"))
        except OSError:
            pass  # the lock is what counts; the details only help the message of a second program
        _held[key] = _Held(fd)
        return key


def release(key: Path) -> None:
    """Let go of one acquisition; the last one unlocks the book."""
    with _guard:
        held = _held.get(key)
        if held is None:
            return
        held.count -= 1
        if held.count > 0:
            return
        del _held[key]
        try:
            os.ftruncate(held.fd, 0)
        except OSError:
            pass
        _unlock(held.fd)
        os.close(held.fd)


def holds(database: str | Path) -> bool:
    """Whether this process holds ``database`` for writing."""
    with _guard:
        return Path(database).resolve() in _held


def _read_holder(fd: int) -> LockHolder | None:
    for _attempt in range(_READ_TRIES):
        os.lseek(fd, 0, os.SEEK_SET)
        data = os.read(fd, 4096)
        holder = LockHolder.from_text(data.decode("utf-8", errors="replace")) if data else None
        if holder is not None:
            return holder
        time.sleep(0.01)
    return None


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def _host() -> str:
    """This computer's name. POSIX gives it without the socket module (a few ms at every start)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket  # deferred: only where os.uname is missing (Windows), a few ms of every start

    return socket.gethostname()


def _program() -> str:
    """The command that runs: "ward-office", "ward_office import-clock"…"""
    argv = sys.argv or [""]
    first = Path(argv[0])
    name = first.parent.name if first.name == "__main__.py" else "python" if argv[0] == "-c" else first.stem
    words = [name or "python"]
    if len(argv) > 1 and re.fullmatch(r"[a-z][a-z-]*", argv[1]):  # a command such as import-clock, not a path
        words.append(argv[1])
    return " ".join(words)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

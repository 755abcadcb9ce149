"""Opening the one database file safely: pragmas, migrations, and a refusal to touch foreign files.

WAL with synchronous=FULL keeps every committed change through a power cut, which matters more to
a ward office than write speed. A read-only connection never migrates, so it can inspect a backup or
a file written by a newer program without changing a byte.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ward_office.i18n import N_
from ward_office.storage.backup import BackupFile, backup_before_migration, newest_good_backup
from ward_office.storage.book_file import (
    BUSY_TIMEOUT_MS,
    check_integrity,
    connect_read_only,
    is_sqlite_file,
    read_only_connection,
)
from ward_office.storage.clean_close import forget_clean_close, unchanged_since_clean_close
from ward_office.storage.errors import DatabaseError
from ward_office.storage.migrations import MIGRATIONS, known_migrations

if TYPE_CHECKING:
    import sqlite_utils

# integrity_check reads every page: about 45 ms for a 5 MB book (200 staff, 24 months) on the 2-core
# development machine. Above this size the check on opening is the quicker quick_check.
FULL_CHECK_ON_OPEN_BYTES = 64 * 1024 * 1024
CACHE_KIB = 32_768  # bulk imports into the attendance indexes slow down a third with the 2 MiB default


def open_database(path: str | Path, *, read_only: bool = False) -> sqlite3.Connection:
    """Open (or create) the database at ``path`` and bring its schema up to date."""
    path = Path(path)
    if read_only:
        if not path.is_file():
            raise DatabaseError(N_("The database file {path} does not exist"), path=str(path))
        _refuse_damaged(path)  # reading a damaged file could show wrong scores without a word
        conn = connect_read_only(path)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        _refuse_damaged(path)  # before any connection that could write (a checkpoint on closing included)
        forget_clean_close(path)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite_utils.Database sets it, before or without it
        # Reading the schema is what fails on a file that is not SQLite.
        user_tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        conn.close()
        raise DatabaseError(N_("{path} is not a Ward Office database"), path=str(path)) from error

    try:
        applied = schema_version(conn)
        _check_version(applied, path, user_tables)  # before anything that could write to a foreign file
        pending = MIGRATIONS.pending_names(conn)
        if read_only:
            if pending:
                raise DatabaseError(
                    N_("{path} was written by an older version; open it once for writing to update it"),
                    path=str(path),
                )
        else:
            if applied and pending:
                backup_before_migration(conn, path)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            if pending:
                MIGRATIONS.apply(sqlite_database(conn))
    except BaseException:
        conn.close()
        raise
    return conn


def sqlite_database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """sqlite-utils' view of an open connection (imported on first use: see ``MigrationSet``)."""
    import sqlite_utils  # deferred: slow to load, needed only to migrate or write (see MigrationSet)

    return sqlite_utils.Database(conn, strict=True, execute_plugins=False)


class DamagedDatabaseError(DatabaseError):
    """The book is damaged; it was not opened and nothing was written to it.

    ``backup`` is the newest backup that passes the check, or None.
    """

    def __init__(self, path: Path, problems: list[str], backup: BackupFile | None) -> None:
        super().__init__(N_("The record book {path} is damaged; it was not opened and nothing was written to it"),
                         path=str(path))
        self.path = path
        self.problems = problems
        self.backup = backup


def _refuse_damaged(path: Path) -> None:
    if not path.is_file() or not is_sqlite_file(path):
        return  # a new file, or a foreign one that the schema check refuses
    problems = _early_check_result(path)
    if problems is None:
        problems = [] if unchanged_since_clean_close(path) else _check_on_open(path)
    if problems:
        raise DamagedDatabaseError(path, problems, newest_good_backup(path))


def _check_on_open(path: Path) -> list[str]:
    return check_integrity(path, quick=path.stat().st_size > FULL_CHECK_ON_OPEN_BYTES)


FileState = tuple[tuple[int, int] | None, ...]  # size and modification time of the file and of its -wal


def _file_state(path: Path) -> FileState:
    state: list[tuple[int, int] | None] = []
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            status = os.stat(file)
        except OSError:
            state.append(None)
        else:
            state.append((status.st_size, status.st_mtime_ns))
    return tuple(state)


class _EarlyCheck:
    """The check opening a book runs, begun on another thread before the book is opened."""

    def __init__(self, path: Path) -> None:
        self.state = _file_state(path)
        self.problems: list[str] | None = None  # None until done, or when it could not run
        self.thread = threading.Thread(target=self._run, args=(path,), name="check-on-open", daemon=True)
        self.thread.start()

    def _run(self, path: Path) -> None:
        try:
            self.problems = _check_on_open(path)
        except OSError:
            pass  # opening checks again


_early_checks: dict[Path, _EarlyCheck] = {}
_early_lock = threading.Lock()


def check_in_background(path: Path) -> None:
    """Begin now, on another thread, the check that opening ``path`` runs, so that the check of a big book
    goes on while the window's code loads (SQLite reads the file without holding Python's lock). Opening
    then waits for it, and checks again if the file or its -wal changed in between. A book unchanged since the
    program closed it cleanly is not checked (``storage.clean_close``)."""
    if not path.is_file() or not is_sqlite_file(path) or unchanged_since_clean_close(path):
        return
    with _early_lock:
        _early_checks[path.resolve()] = _EarlyCheck(path)


def _early_check_result(path: Path) -> list[str] | None:
    """The problems the early check of ``path`` found, or None when there is none to use."""
    with _early_lock:
        early = _early_checks.pop(path.resolve(), None)
    if early is None:
        return None
    early.thread.join()
    if early.state != _file_state(path):
        return None
    return early.problems


def _check_version(applied_names: tuple[str, ...], path: Path, user_tables: set[str]) -> None:
    applied = set(applied_names)
    if not applied and user_tables - {MIGRATIONS.migrations_table}:
        # Some other program's SQLite file: never create our tables in it.
        raise DatabaseError(N_("{path} is not a Ward Office database"), path=str(path))
    known = set(known_migrations())
    if applied - known:
        raise DatabaseError(
            N_("{path} was written by a newer version of Ward Office; install that version to open it"),
            path=str(path),
        )


def schema_version(conn: sqlite3.Connection) -> tuple[str, ...]:
    """Names of the migrations applied to the open file, oldest first."""
    return MIGRATIONS.applied_names(conn)


__all__ = ["BUSY_TIMEOUT_MS", "DamagedDatabaseError", "check_in_background", "check_integrity", "is_sqlite_file",
           "open_database", "read_only_connection", "schema_version", "sqlite_database"]

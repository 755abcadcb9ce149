"""The record book as a file: whether it starts like SQLite, what SQLite finds wrong in it, and a connection that
cannot write, to look at a book (or a backup) without opening it: no check on opening, no migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"


def is_sqlite_file(path: Path) -> bool:
    """Whether ``path`` starts like an SQLite database (a damaged one included)."""
    try:
        with Path(path).open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def read_only_connection(path: str | Path) -> sqlite3.Connection:
    """A plain connection that cannot write, to inspect a book without opening it (no check, no migration)."""
    return connect_read_only(Path(path))


def connect_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    options = "mode=ro&immutable=1" if immutable else "mode=ro"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute("PRAGMA query_only = ON")
    return conn


def check_integrity(path: str | Path, *, quick: bool = False) -> list[str]:
    """Problems SQLite finds in the file (empty when sound); opens it read-only and writes nothing.

    ``quick`` runs quick_check, which skips matching indexes against their tables."""
    path = Path(path)
    if not path.is_file():
        return [f"{path}: no such file"]
    # Without a -wal file nobody has the database open, and immutable=1 stops SQLite from creating
    # the -wal and -shm files a read-only WAL reader would otherwise leave behind.
    wal = path.with_name(path.name + "-wal")
    try:
        conn = connect_read_only(path, immutable=not wal.exists())
    except sqlite3.Error as error:
        return [f"{path}: {error}"]
    try:
        check = "quick_check" if quick else "integrity_check"
        problems = [row[0] for row in conn.execute(f"PRAGMA {check}") if row[0] != "ok"]
        problems += [
            f"{table} row {rowid}: no matching row in {parent}"
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")
        ]
        return problems
    except sqlite3.Error as error:
        return [f"{path}: {error}"]
    finally:
        conn.close()

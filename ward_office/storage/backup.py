"""Backups of the record book: whole, verified copies made with SQLite's online backup API, and restores.

A backup is copied into a temporary file in the target folder, checked (integrity and foreign keys), flushed
to disk and only then renamed, so a crash at any moment leaves either no new backup or a whole good one,
never half a file under a backup's name. A restore copies the backup into the live file through the backup
API too, in one transaction, so a crash leaves the old content or the new, never a mix. Old backups are
thinned by age like Anki's: every recent one, then one a day, one a week, one a month.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from ward_office.core.change_log import ChangeAction
from ward_office.core.file_replace import replace_file
from ward_office.i18n import N_
from ward_office.storage import writer_lock
from ward_office.storage.book_file import BUSY_TIMEOUT_MS, check_integrity, is_sqlite_file
from ward_office.storage.errors import DatabaseError
from ward_office.storage.log_chain import append_line
from ward_office.storage.migrations import known_migrations
from ward_office.storage.processes import process_alive

BACKUP_FOLDER_NAME = "sao-luu"
STALE_TEMP_SECONDS = 24 * 3600  # a temporary file this old is left over from a crash, whoever made it
_STAMP = "%Y-%m-%d-%H%M%S"
_NAME = re.compile(r"^(?P<stamp>\d{4}-\d{2}-\d{2}-\d{6})(?:-(?P<reason>[a-z-]+))?\.db$")
_TEMP = re.compile(r"^\..+\.(?P<pid>\d+)\.tmp(?:-journal|-wal|-shm)?$")


class BackupReason(StrEnum):
    MANUAL = "manual"  # "back up now"
    DAILY = "daily"  # the first opening of the day
    MIGRATION = "migration"  # before the schema of an older file is brought up to date
    RESTORE = "restore"  # the current content, kept before a restore replaces it
    IMPORT = "import"  # before a file's records are imported
    DAMAGED = "damaged"  # a raw copy of a damaged file, kept before a restore replaces it; never checked good


@dataclass(frozen=True, slots=True)
class BackupFile:
    """One backup on disk; ``taken_at`` is local time, read from the file name."""

    path: Path
    taken_at: datetime
    reason: BackupReason | None
    size: int


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """How many automatic backups to keep, by age (Anki keeps 12 daily, 10 weekly, 9 monthly)."""

    recent_days: int = 2  # every backup of today and yesterday…
    recent_max: int = 20  # …up to this many
    daily: int = 7  # then the newest of each earlier day, for this many days
    weekly: int = 8  # then the newest of each earlier week
    monthly: int = 12  # then the newest of each earlier month


def backup_folder(db_path: Path) -> Path:
    """The default place of a book's backups: a ``sao-luu`` folder beside it."""
    return Path(db_path).parent / BACKUP_FOLDER_NAME


def backup_name(stem: str, taken_at: datetime, reason: BackupReason) -> str:
    return f"{stem}-{taken_at.strftime(_STAMP)}-{reason.value}.db"


def parse_backup_name(path: Path, stem: str) -> BackupFile | None:
    """The backup ``path`` is, if its name is one of ``stem``'s backups; None for any other file."""
    prefix = f"{stem}-"
    if not path.name.startswith(prefix):
        return None
    match = _NAME.match(path.name[len(prefix):])
    if match is None:
        return None
    try:
        taken_at = datetime.strptime(match["stamp"], _STAMP)
        reason = BackupReason(match["reason"]) if match["reason"] else None
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupFile(path, taken_at, reason, size)


def find_backups(folder: Path, stem: str) -> list[BackupFile]:
    """``stem``'s backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [backup for path in folder.iterdir() if path.is_file()
             if (backup := parse_backup_name(path, stem)) is not None]
    return sorted(found, key=lambda backup: (backup.taken_at, backup.path.name), reverse=True)


def newest_good_backup(db_path: Path, folder: Path | None = None) -> BackupFile | None:
    """The newest backup of ``db_path`` that passes the full check, if any."""
    for backup in find_backups(folder or backup_folder(db_path), Path(db_path).stem):
        if backup.reason is not BackupReason.DAMAGED and not verify_backup(backup.path):
            return backup
    return None


def verify_backup(path: Path, *, quick: bool = False) -> list[str]:
    """Problems that make ``path`` unfit to restore: damage, or not a Ward Office book this program knows."""
    problems = check_integrity(path, quick=quick)
    if problems:
        return problems
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        applied = {row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations")}
    except sqlite3.Error:
        return [f"{path.name}: not a Ward Office database"]
    finally:
        conn.close()
    if not applied:
        return [f"{path.name}: not a Ward Office database"]
    if applied - set(known_migrations()):
        return [f"{path.name}: written by a newer version of Ward Office"]
    return []


# ---- Making a backup ----


def create_backup(source: Path | sqlite3.Connection, folder: Path, *, stem: str, reason: BackupReason,
                  now: datetime | None = None) -> BackupFile:
    """Copy the database (a path, or a connection already open on it) to a new verified file in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(folder)
    taken_at = (now or datetime.now()).replace(microsecond=0)
    while (folder / backup_name(stem, taken_at, reason)).exists():
        taken_at += timedelta(seconds=1)
    final = folder / backup_name(stem, taken_at, reason)
    temp = folder / f".{final.name}.{os.getpid()}.tmp"
    try:
        _copy(source, temp)
        problems = check_integrity(temp)
        if problems:
            raise DatabaseError(N_("The backup copy failed its check, so it was not kept: {problem}"),
                                problem=problems[0])
        _fsync_file(temp)
        os.replace(temp, final)
        _fsync_folder(folder)
    finally:
        _remove_temp(temp)
    return BackupFile(final, taken_at, reason, final.stat().st_size)


def backup_before_migration(conn: sqlite3.Connection, db_path: Path, now: datetime | None = None) -> BackupFile:
    """Keep the file as it is before its schema is brought up to date (``conn`` is open on it, not yet migrated)."""
    backup = create_backup(conn, backup_folder(db_path), stem=db_path.stem, reason=BackupReason.MIGRATION, now=now)
    prune_backups(backup_folder(db_path), db_path.stem, now=now)
    return backup


def _copy(source: Path | sqlite3.Connection, target: Path) -> None:
    """One consistent snapshot of ``source`` into the new file ``target``, as a single self-contained file."""
    if isinstance(source, sqlite3.Connection):
        source_conn, close_source = source, False
    else:
        if not is_sqlite_file(source):
            raise DatabaseError(N_("{path} is not a Ward Office database"), path=str(source))
        # Read-only: a backup never writes to the book it copies, not even a checkpoint when it closes.
        source_conn = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True,
                                      timeout=BUSY_TIMEOUT_MS / 1000)
        close_source = True
    try:
        target_conn = sqlite3.connect(target)
        try:
            source_conn.backup(target_conn)
            target_conn.execute("PRAGMA journal_mode = DELETE")  # a backup needs no -wal beside it
        finally:
            target_conn.close()
    except sqlite3.Error as error:
        raise DatabaseError(N_("The backup could not be made: {reason}"), reason=str(error)) from error
    finally:
        if close_source:
            source_conn.close()


def copy_damaged_file(db_path: Path, folder: Path, *, now: datetime | None = None) -> BackupFile:
    """Keep the raw bytes of a damaged book (and its -wal) before a restore replaces it."""
    folder.mkdir(parents=True, exist_ok=True)
    taken_at = (now or datetime.now()).replace(microsecond=0)
    while (folder / backup_name(db_path.stem, taken_at, BackupReason.DAMAGED)).exists():
        taken_at += timedelta(seconds=1)
    final = folder / backup_name(db_path.stem, taken_at, BackupReason.DAMAGED)
    temp = folder / f".{final.name}.{os.getpid()}.tmp"
    try:
        shutil.copyfile(db_path, temp)
        _fsync_file(temp)
        os.replace(temp, final)
        wal = db_path.with_name(db_path.name + "-wal")
        if wal.is_file():
            shutil.copyfile(wal, final.with_name(final.name + "-wal"))
        _fsync_folder(folder)
    finally:
        _remove_temp(temp)
    return BackupFile(final, taken_at, BackupReason.DAMAGED, final.stat().st_size)


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Delete the temporary files of backups or restores that a crash or a kill cut short."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        match = _TEMP.match(path.name)
        if match is None or not path.is_file():
            continue
        try:
            age = time.time() - path.stat().st_mtime
        except OSError:
            continue
        if int(match["pid"]) == os.getpid() or (process_alive(int(match["pid"])) and age < STALE_TEMP_SECONDS):
            continue
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def _remove_temp(temp: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{temp}{suffix}").unlink(missing_ok=True)


def _fsync_file(path: Path) -> None:
    with path.open("r+b") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if sys.platform == "win32":
        return  # Windows cannot open a folder to flush it; NTFS logs the rename itself
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ---- Thinning old backups ----


def obsolete_backups(backups: Iterable[BackupFile], policy: RetentionPolicy, now: datetime) -> list[BackupFile]:
    """The backups ``policy`` lets go; the newest is always kept, and so are raw copies of damaged files."""
    ordered = sorted((backup for backup in backups if backup.reason is not BackupReason.DAMAGED),
                     key=lambda backup: backup.taken_at, reverse=True)
    first_recent_day = now.date() - timedelta(days=max(policy.recent_days, 0) - 1)
    left = {"recent": policy.recent_max, "daily": policy.daily, "weekly": policy.weekly, "monthly": policy.monthly}
    kept_days: set[date] = set()
    kept_weeks: set[tuple[int, int]] = set()
    kept_months: set[tuple[int, int]] = set()
    obsolete = []
    for index, backup in enumerate(ordered):
        day = backup.taken_at.date()
        week = tuple(day.isocalendar())[:2]
        month_key = (day.year, day.month)
        if policy.recent_days > 0 and day >= first_recent_day and left["recent"] > 0:
            left["recent"] -= 1
        elif left["daily"] > 0 and day not in kept_days:
            left["daily"] -= 1
        elif left["weekly"] > 0 and week not in kept_weeks:
            left["weekly"] -= 1
        elif left["monthly"] > 0 and month_key not in kept_months:
            left["monthly"] -= 1
        elif index > 0:
            obsolete.append(backup)
            continue
        kept_days.add(day)
        kept_weeks.add(week)  # type: ignore[arg-type]
        kept_months.add(month_key)
    return obsolete


def prune_backups(folder: Path, stem: str, policy: RetentionPolicy | None = None,
                  now: datetime | None = None) -> list[BackupFile]:
    """Delete ``stem``'s backups in ``folder`` that the policy no longer keeps; returns them."""
    removed = []
    for backup in obsolete_backups(find_backups(folder, stem), policy or RetentionPolicy(), now or datetime.now()):
        try:
            backup.path.unlink()
        except OSError:
            continue
        removed.append(backup)
    return removed


# ---- Restoring ----


def restore(backup_file: Path, db_path: Path, *, actor: str, detail: Mapping[str, Any] | None = None) -> None:
    """Replace the content of ``db_path`` by ``backup_file``, after checking the backup, with a change-log line.

    The backup is first copied beside the book and the log line added to that copy; the copy then goes into
    the book through the backup API in one transaction, so other connections and a crash see old or new.
    A book SQLite cannot use (damaged) is replaced as a file instead, as nobody can have it open.
    """
    backup_file, db_path = Path(backup_file), Path(db_path)
    if not actor.strip():
        raise DatabaseError(N_("Every change needs the name of the person who makes it"))
    problems = verify_backup(backup_file)
    if problems:
        raise DatabaseError(N_("The backup {file} cannot be restored: {problem}"), file=backup_file.name,
                            problem=problems[0])
    key = writer_lock.acquire(db_path)  # a copy of the program writing elsewhere keeps the book
    remove_stale_temp_files(db_path.parent)
    staged = db_path.with_name(f".{db_path.name}.restore.{os.getpid()}.tmp")
    try:
        _copy(backup_file, staged)
        _log_restore(staged, actor, {"restored_from": backup_file.name, **(detail or {})})
        if db_path.is_file() and is_sqlite_file(db_path) and not check_integrity(db_path, quick=True):
            _copy_into_live(staged, db_path)
        else:
            _replace_file(staged, db_path)
    finally:
        _remove_temp(staged)
        writer_lock.release(key)


def _log_restore(staged: Path, actor: str, detail: Mapping[str, Any]) -> None:
    conn = sqlite3.connect(staged)
    try:
        with conn:
            append_line(conn, datetime.now().astimezone().isoformat(timespec="seconds"), actor,
                        ChangeAction.UPDATE.value, "database", None,
                        json.dumps(dict(detail), ensure_ascii=False, default=str))
    finally:
        conn.close()


def _copy_into_live(staged: Path, db_path: Path) -> None:
    source = sqlite3.connect(f"{staged.resolve().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        target.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        target.execute("PRAGMA synchronous = FULL")
        source.backup(target)  # one step, one transaction on the book
    except sqlite3.Error as error:
        raise DatabaseError(N_("The backup could not be restored: {reason}"), reason=str(error)) from error
    finally:
        target.close()
        source.close()


def _replace_file(staged: Path, db_path: Path) -> None:
    # A stale -wal would be replayed onto the new file, so it goes first; the damaged bytes were kept already.
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    _fsync_file(staged)
    try:
        replace_file(staged, db_path)
    except PermissionError as error:  # Windows: another program still holds the damaged book open
        raise DatabaseError(N_("Cannot replace {file}: another program has it open. Close that program and "
                               "restore again."), file=db_path.name) from error
    _fsync_folder(db_path.parent)

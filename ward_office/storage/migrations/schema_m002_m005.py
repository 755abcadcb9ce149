"""Migrations m002-m005: finished check rounds, clock punches, accounts and ranking snapshots, locked rounds."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ward_office.storage.migrations.locked_sql import LOCKED, lock_triggers

if TYPE_CHECKING:
    import sqlite_utils


# A check round is open until finished; rounds recorded before m002 were entered whole, so they count
# as finished when they began. A finished round refuses new people seen, new violations and any change
# to itself; deleting a violation found in it stays possible (a correction, logged by the repository).
_FINISHED = "(SELECT finished_at FROM checks WHERE id = {check_id}) IS NOT NULL"
_CHECK_LOCKED = LOCKED.format(day="(SELECT date(started_at) FROM checks WHERE id = {check_id})")
_SCHEMA_002 = (
    "ALTER TABLE checks ADD COLUMN finished_at TEXT"
    " CHECK (finished_at IS NULL OR datetime(finished_at) IS NOT NULL)",
    "UPDATE checks SET finished_at = started_at",
    "CREATE INDEX checks_open ON checks (started_at) WHERE finished_at IS NULL",
    """
    CREATE TRIGGER checks_finished_update BEFORE UPDATE ON checks WHEN OLD.finished_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'check_finished'); END
    """,
    f"""
    CREATE TRIGGER check_seen_finished_insert BEFORE INSERT ON check_seen
    WHEN {_FINISHED.format(check_id="NEW.check_id")}
    BEGIN SELECT RAISE(ABORT, 'check_finished'); END
    """,
    f"""
    CREATE TRIGGER check_seen_finished_delete BEFORE DELETE ON check_seen
    WHEN {_FINISHED.format(check_id="OLD.check_id")}
    BEGIN SELECT RAISE(ABORT, 'check_finished'); END
    """,
    f"""
    CREATE TRIGGER events_check_finished_insert BEFORE INSERT ON events
    WHEN NEW.check_id IS NOT NULL AND {_FINISHED.format(check_id="NEW.check_id")}
    BEGIN SELECT RAISE(ABORT, 'check_finished'); END
    """,
    f"""
    CREATE TRIGGER events_check_finished_update BEFORE UPDATE OF check_id ON events
    WHEN NEW.check_id IS NOT OLD.check_id AND NEW.check_id IS NOT NULL
        AND {_FINISHED.format(check_id="NEW.check_id")}
    BEGIN SELECT RAISE(ABORT, 'check_finished'); END
    """,
    # Who was seen in a round of a locked period stays as it was, like the round's violations.
    f"""
    CREATE TRIGGER checks_locked_insert BEFORE INSERT ON checks
    WHEN {LOCKED.format(day="date(NEW.started_at)")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
    f"""
    CREATE TRIGGER check_seen_locked_insert BEFORE INSERT ON check_seen
    WHEN {_CHECK_LOCKED.format(check_id="NEW.check_id")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
    f"""
    CREATE TRIGGER check_seen_locked_delete BEFORE DELETE ON check_seen
    WHEN {_CHECK_LOCKED.format(check_id="OLD.check_id")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
)


def m002_check_finished_at(db: sqlite_utils.Database) -> None:
    backfilled = db.execute("SELECT count(*) FROM checks").fetchone()[0]
    for statement in _SCHEMA_002:
        db.execute(statement)
    if backfilled:
        db.execute(
            "INSERT INTO change_log (at, actor, action, entity, entity_id, detail)"
            " VALUES (?, 'ward-office', 'update', 'check', NULL, json_object('migration', ?, 'count', ?,"
            " 'finished_at', 'started_at'))",
            [datetime.now().astimezone().isoformat(timespec="seconds"), "m002_check_finished_at", backfilled],
        )


# Raw punches are the record the clock kept: re-importing a file adds nothing (the unique key), a punch
# on a day of a locked period is refused like any record of that day. People are linked to clock ids
# through staff.clock_id, so a punch row names no person and linking later needs no rewrite here.
_SCHEMA_003 = (
    """
    CREATE TABLE punches (
        id INTEGER PRIMARY KEY,
        clock_id TEXT NOT NULL CHECK (trim(clock_id) <> ''),
        at TEXT NOT NULL CHECK (at = strftime('%Y-%m-%dT%H:%M:%S', at)),
        day TEXT NOT NULL CHECK (day = date(at)),
        device TEXT NOT NULL DEFAULT '',
        source_file TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        UNIQUE (clock_id, at, device)
    ) STRICT
    """,
    "CREATE INDEX punches_by_day ON punches (day, clock_id)",
    """
    CREATE TABLE clock_mappings (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
        body TEXT NOT NULL CHECK (json_valid(body)),
        saved_at TEXT NOT NULL,
        saved_by TEXT NOT NULL
    ) STRICT
    """,
)


def m003_clock_punches(db: sqlite_utils.Database) -> None:
    for statement in (*_SCHEMA_003, *lock_triggers("punches")):
        db.execute(statement)


# Who may do what: a head (trưởng) and clerks, each with a password kept only as a memory-hard hash.
# A lock keeps the ranking as it stood (a snapshot), so a later plan edit cannot rewrite a closed
# period; snapshots, like the change log, are never changed or removed.
_SCHEMA_004 = (
    """
    CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(username) <> ''),
        full_name TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL CHECK (role IN ('head', 'clerk')),
        password_hash TEXT NOT NULL CHECK (password_hash GLOB 'scrypt$*'),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
    ) STRICT
    """,
    """
    CREATE TABLE period_snapshots (
        id INTEGER PRIMARY KEY,
        period_id INTEGER NOT NULL REFERENCES periods (id),
        taken_at TEXT NOT NULL,
        taken_by TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body))
    ) STRICT
    """,
    "CREATE INDEX period_snapshots_by_period ON period_snapshots (period_id, id)",
    """
    CREATE TRIGGER period_snapshots_no_update BEFORE UPDATE ON period_snapshots
    BEGIN SELECT RAISE(ABORT, 'period_snapshots is append-only'); END
    """,
    """
    CREATE TRIGGER period_snapshots_no_delete BEFORE DELETE ON period_snapshots
    BEGIN SELECT RAISE(ABORT, 'period_snapshots is append-only'); END
    """,
)


def m004_accounts_and_snapshots(db: sqlite_utils.Database) -> None:
    for statement in _SCHEMA_004:
        db.execute(statement)


# m002 made a finished round read-only and refused new rounds and ticks in a locked period; a round of a
# locked period could still be moved, deleted or its ticks rewritten by raw SQL. Now it cannot. Finishing
# a round (setting finished_at) stays possible: it changes no record, and an open round must end.
_SCHEMA_005 = (
    f"""
    CREATE TRIGGER checks_locked_update BEFORE UPDATE OF started_at, kind, checker, location, note, created_at
    ON checks
    WHEN {LOCKED.format(day="date(OLD.started_at)")} OR {LOCKED.format(day="date(NEW.started_at)")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
    f"""
    CREATE TRIGGER checks_locked_delete BEFORE DELETE ON checks
    WHEN {LOCKED.format(day="date(OLD.started_at)")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
    f"""
    CREATE TRIGGER check_seen_locked_update BEFORE UPDATE ON check_seen
    WHEN {_CHECK_LOCKED.format(check_id="OLD.check_id")} OR {_CHECK_LOCKED.format(check_id="NEW.check_id")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
)


def m005_locked_check_rounds(db: sqlite_utils.Database) -> None:
    for statement in _SCHEMA_005:
        db.execute(statement)

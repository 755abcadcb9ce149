"""Migration m012: the head's excuses (miễn trừ) of occurrences of attendance records."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


# One row per excuse: which session (person, day, session) and which of its occurrences (late, early, absent,
# missing punch), the reason, who decided and when. ``attendance_id`` is the record the head saw; scoring matches
# the session and occurrence, so a record cleared and marked again (an undo) keeps its excuse, and one cleared
# for good leaves the excuse with nothing to excuse. An excuse is never deleted or edited: it can only be
# withdrawn, once, with a reason (the columns ``withdrawn_*``), both in the change log. Neither is possible on
# a day of a locked period (khóa sổ). At most one excuse in force per occurrence.
_ROW_LOCKED = "EXISTS (SELECT 1 FROM periods WHERE state = 'locked' AND {row}.day BETWEEN start_day AND end_day)"
_SCHEMA_012 = (
    """
    CREATE TABLE attendance_excuses (
        id INTEGER PRIMARY KEY,
        attendance_id INTEGER NOT NULL,
        staff_id INTEGER NOT NULL REFERENCES staff (id),
        day TEXT NOT NULL CHECK (day = date(day, '+0 days')),
        session TEXT NOT NULL CHECK (session IN ('morning', 'afternoon')),
        trigger TEXT NOT NULL CHECK (trigger IN ('late', 'early', 'absent', 'missing_punch')),
        reason TEXT NOT NULL CHECK (trim(reason) <> ''),
        decided_by TEXT NOT NULL CHECK (decided_by <> ''),
        decided_at TEXT NOT NULL,
        withdrawn_by TEXT,
        withdrawn_at TEXT,
        withdrawal_reason TEXT,
        CHECK ((withdrawn_at IS NULL AND withdrawn_by IS NULL AND withdrawal_reason IS NULL)
               OR (withdrawn_at IS NOT NULL AND withdrawn_by <> '' AND trim(withdrawal_reason) <> ''))
    ) STRICT
    """,
    "CREATE UNIQUE INDEX attendance_excuses_in_force ON attendance_excuses (staff_id, day, session, trigger)"
    " WHERE withdrawn_at IS NULL",
    "CREATE INDEX attendance_excuses_by_day ON attendance_excuses (day)",
    f"""
    CREATE TRIGGER attendance_excuses_locked_insert BEFORE INSERT ON attendance_excuses
    WHEN {_ROW_LOCKED.format(row="NEW")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
    f"""
    CREATE TRIGGER attendance_excuses_locked_update BEFORE UPDATE ON attendance_excuses
    WHEN {_ROW_LOCKED.format(row="OLD")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
    """
    CREATE TRIGGER attendance_excuses_only_withdrawn BEFORE UPDATE ON attendance_excuses
    WHEN OLD.withdrawn_at IS NOT NULL OR NEW.withdrawn_at IS NULL
        OR NEW.id IS NOT OLD.id OR NEW.attendance_id IS NOT OLD.attendance_id OR NEW.staff_id IS NOT OLD.staff_id
        OR NEW.day IS NOT OLD.day OR NEW.session IS NOT OLD.session OR NEW.trigger IS NOT OLD.trigger
        OR NEW.reason IS NOT OLD.reason OR NEW.decided_by IS NOT OLD.decided_by
        OR NEW.decided_at IS NOT OLD.decided_at
    BEGIN SELECT RAISE(ABORT, 'attendance_excuses are only withdrawn, once'); END
    """,
    """
    CREATE TRIGGER attendance_excuses_no_delete BEFORE DELETE ON attendance_excuses
    BEGIN SELECT RAISE(ABORT, 'attendance_excuses are only withdrawn, never deleted'); END
    """,
)


def m012_attendance_excuses(db: sqlite_utils.Database) -> None:
    for statement in _SCHEMA_012:
        db.execute(statement)

"""Migrations m006-m009: change-log filters, the clock's judged days, period reviews, tamper evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ward_office.storage.log_chain import chain_existing_lines

if TYPE_CHECKING:
    import sqlite_utils


# The change-log page filters by who wrote a line and by the person a line is about; without these a filter
# that matches few lines of a big log reads the whole table. The expression is STAFF_OF_LINE of
# storage/change_log.py, written out as it was at this migration. Import lines (a whole file's rows in one
# line, tens of megabytes for a year of clock data) name nobody there and are left out, so that writing
# one does not parse its JSON for the index.
_SCHEMA_006 = (
    "CREATE INDEX change_log_by_actor ON change_log (actor, id)",
    """
    CREATE INDEX change_log_by_staff ON change_log (
        coalesce(json_extract(detail, '$.after.staff_id'), json_extract(detail, '$.before.staff_id')), id)
    WHERE action <> 'import'
    """,
)


def m006_change_log_filters(db: sqlite_utils.Database) -> None:
    for statement in _SCHEMA_006:
        db.execute(statement)

# Which days a clock import derived attendance for, and a digest of everything that derivation read (the
# rules, the day's hours and kind, who was linked and active, the day's punches, its attendance as written).
# Importing the same punches again skips a day whose digest is unchanged. A cache, not a record: emptying it
# only makes the next import derive every day again, so it is not in the change log and not locked.
_SCHEMA_007 = (
    """
    CREATE TABLE clock_judged_days (
        day TEXT PRIMARY KEY CHECK (day = date(day, '+0 days')),
        inputs TEXT NOT NULL CHECK (inputs <> ''),
        judged_at TEXT NOT NULL
    ) STRICT
    """,
)


def m007_clock_judged_days(db: sqlite_utils.Database) -> None:
    for statement in _SCHEMA_007:
        db.execute(statement)


# What the head decided for a period's review meeting (họp bình xét thi đua): the meeting's facts, the edited
# text of the review report, the lists proposed for commendation, reminder and discipline. One row per period's
# dates; the body is JSON the services write. Like attendance, it stays as it was once the period (or a locked
# period holding all of it) is locked.
_REVIEW_LOCKED = ("EXISTS (SELECT 1 FROM periods WHERE state = 'locked' AND start_day <= {row}.start_day"
                  " AND {row}.end_day <= end_day)")
_SCHEMA_008 = (
    """
    CREATE TABLE period_reviews (
        id INTEGER PRIMARY KEY,
        start_day TEXT NOT NULL CHECK (start_day = date(start_day, '+0 days')),
        end_day TEXT NOT NULL CHECK (end_day = date(end_day, '+0 days')),
        body TEXT NOT NULL CHECK (json_valid(body)),
        saved_at TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        UNIQUE (start_day, end_day),
        CHECK (start_day <= end_day)
    ) STRICT
    """,
    f"""
    CREATE TRIGGER period_reviews_locked_insert BEFORE INSERT ON period_reviews
    WHEN {_REVIEW_LOCKED.format(row="NEW")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
    f"""
    CREATE TRIGGER period_reviews_locked_update BEFORE UPDATE ON period_reviews
    WHEN {_REVIEW_LOCKED.format(row="OLD")} OR {_REVIEW_LOCKED.format(row="NEW")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
    f"""
    CREATE TRIGGER period_reviews_locked_delete BEFORE DELETE ON period_reviews
    WHEN {_REVIEW_LOCKED.format(row="OLD")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
)


def m008_period_reviews(db: sqlite_utils.Database) -> None:
    for statement in _SCHEMA_008:
        db.execute(statement)


# Traces of changes made behind the program's back (SQLite cannot stop whoever can write the file):
# - the change log becomes a hash chain (storage/log_chain.py): two columns, the existing lines chained in id
#   order; the append-only trigger is put back exactly as m001 wrote it;
# - a period is locked or unlocked only right after its change-log line is written (the newest line is that
#   lock or unlock of that period, naming the new or the old lock), so a raw reopen-and-relock is refused or
#   leaves its line; a locked period cannot be inserted, deleted, moved or resized;
# - a person's first and last working day, and whether the person exists, decide which days of a locked period
#   are scored for them, so changes that would alter a locked period are refused. Name, position, department,
#   category, badge and clock id do not change a score (scoring reads only the active range; department names
#   are shown, not scored), so they stay editable.
_PERIOD_LOCK_LINE = """
    NOT EXISTS (SELECT 1 FROM change_log WHERE id = (SELECT max(id) FROM change_log)
        AND entity = 'period' AND entity_id = CAST(NEW.id AS TEXT) AND (
            (NEW.state = 'locked' AND action = 'lock'
             AND json_extract(detail, '$.after.locked_at') IS NEW.locked_at
             AND json_extract(detail, '$.after.locked_by') IS NEW.locked_by)
            OR (NEW.state = 'open' AND OLD.state = 'locked' AND action = 'unlock'
                AND json_extract(detail, '$.before.locked_at') IS OLD.locked_at)))
"""
_LOCKED_OVERLAP = ("EXISTS (SELECT 1 FROM periods WHERE state = 'locked'"
                   " AND start_day <= coalesce({last}, '9999-12-31') AND end_day >= coalesce({first}, '0000-01-01'))")
_FROM_MOVED = ("NEW.active_from IS NOT OLD.active_from AND EXISTS (SELECT 1 FROM periods WHERE state = 'locked'"
               " AND min(coalesce(OLD.active_from, '0000-01-01'), coalesce(NEW.active_from, '0000-01-01'))"
               " <= end_day"
               " AND max(coalesce(OLD.active_from, '0000-01-01'), coalesce(NEW.active_from, '0000-01-01'))"
               " > start_day)")
_TO_MOVED = ("NEW.active_to IS NOT OLD.active_to AND EXISTS (SELECT 1 FROM periods WHERE state = 'locked'"
             " AND min(coalesce(OLD.active_to, '9999-12-31'), coalesce(NEW.active_to, '9999-12-31')) < end_day"
             " AND max(coalesce(OLD.active_to, '9999-12-31'), coalesce(NEW.active_to, '9999-12-31')) >= start_day)")
_SCHEMA_009 = (
    "ALTER TABLE change_log ADD COLUMN prev_hash TEXT",
    "ALTER TABLE change_log ADD COLUMN hash TEXT",
    "DROP TRIGGER change_log_no_update",
    "chain existing lines",
    """
    CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
    BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END
    """,
    f"""
    CREATE TRIGGER periods_lock_logged BEFORE UPDATE OF state, locked_at, locked_by ON periods
    WHEN (NEW.state IS NOT OLD.state OR NEW.locked_at IS NOT OLD.locked_at OR NEW.locked_by IS NOT OLD.locked_by)
        AND {_PERIOD_LOCK_LINE}
    BEGIN SELECT RAISE(ABORT, 'period_lock_unlogged'); END
    """,
    """
    CREATE TRIGGER periods_locked_insert BEFORE INSERT ON periods WHEN NEW.state IS NOT 'open'
    BEGIN SELECT RAISE(ABORT, 'period_lock_unlogged'); END
    """,
    """
    CREATE TRIGGER periods_locked_delete BEFORE DELETE ON periods WHEN OLD.state = 'locked'
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
    """
    CREATE TRIGGER periods_locked_dates BEFORE UPDATE OF id, kind, start_day, end_day ON periods
    WHEN OLD.state = 'locked' AND (NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind
        OR NEW.start_day IS NOT OLD.start_day OR NEW.end_day IS NOT OLD.end_day)
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
    f"""
    CREATE TRIGGER staff_locked_insert BEFORE INSERT ON staff
    WHEN {_LOCKED_OVERLAP.format(first="NEW.active_from", last="NEW.active_to")}
    BEGIN SELECT RAISE(ABORT, 'staff_dates_locked'); END
    """,
    f"""
    CREATE TRIGGER staff_locked_update BEFORE UPDATE OF id, active_from, active_to ON staff
    WHEN (NEW.id IS NOT OLD.id AND {_LOCKED_OVERLAP.format(first="OLD.active_from", last="OLD.active_to")})
        OR ({_FROM_MOVED}) OR ({_TO_MOVED})
    BEGIN SELECT RAISE(ABORT, 'staff_dates_locked'); END
    """,
    f"""
    CREATE TRIGGER staff_locked_delete BEFORE DELETE ON staff
    WHEN {_LOCKED_OVERLAP.format(first="OLD.active_from", last="OLD.active_to")}
    BEGIN SELECT RAISE(ABORT, 'staff_dates_locked'); END
    """,
)


def m009_tamper_evidence(db: sqlite_utils.Database) -> None:
    for statement in _SCHEMA_009:
        if statement == "chain existing lines":
            chain_existing_lines(db.conn)
        else:
            db.execute(statement)

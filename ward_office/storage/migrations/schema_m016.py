"""Migration m016: the citizen's voice — satisfaction ratings, paper survey tallies, citizens' praise and
complaints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ward_office.storage.migrations.locked_sql import lock_triggers

if TYPE_CHECKING:
    import sqlite_utils


# Ratings are only added: the unique key (person, time, counter, dossier, level) makes re-importing a file a no-op.
# A tally is one row per person and month, replaced as a whole. A praise or complaint keeps its life in its row
# (verified or not, answered); it is never deleted, only its state moves. Records of a locked period (khóa sổ)
# stay as they were: ratings and feedback by their day, tallies by their month.
_LEVELS = "('very_satisfied', 'satisfied', 'not_satisfied')"
_MONTH_LOCKED = ("EXISTS (SELECT 1 FROM periods WHERE state = 'locked' AND start_day <= date({row}.month, "
                 "'+1 month', '-1 day') AND {row}.month <= end_day)")
_COUNT = "INTEGER NOT NULL CHECK ({column} >= 0)"
_SCHEMA_016 = (
    f"""
    CREATE TABLE satisfaction_ratings (
        id INTEGER PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES staff (id),
        at TEXT NOT NULL CHECK (at = datetime(at)),
        day TEXT NOT NULL CHECK (day = date(at)),
        level TEXT NOT NULL CHECK (level IN {_LEVELS}),
        counter TEXT NOT NULL DEFAULT '',
        dossier TEXT NOT NULL DEFAULT '',
        source_file TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL CHECK (imported_by <> ''),
        UNIQUE (staff_id, at, counter, dossier, level)
    ) STRICT
    """,
    "CREATE INDEX satisfaction_ratings_by_day ON satisfaction_ratings (day, staff_id)",
    *lock_triggers("satisfaction_ratings"),
    f"""
    CREATE TABLE survey_tallies (
        id INTEGER PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES staff (id),
        month TEXT NOT NULL CHECK (month = date(month, 'start of month')),
        very_satisfied {_COUNT.format(column="very_satisfied")},
        satisfied {_COUNT.format(column="satisfied")},
        not_satisfied {_COUNT.format(column="not_satisfied")},
        note TEXT NOT NULL DEFAULT '',
        entered_by TEXT NOT NULL CHECK (entered_by <> ''),
        entered_at TEXT NOT NULL,
        CHECK (very_satisfied + satisfied + not_satisfied > 0),
        UNIQUE (staff_id, month)
    ) STRICT
    """,
    *(f"""
    CREATE TRIGGER survey_tallies_locked_{event.lower()} BEFORE {event} ON survey_tallies
    WHEN {condition}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """ for event, condition in (
        ("INSERT", _MONTH_LOCKED.format(row="NEW")),
        ("UPDATE", f"{_MONTH_LOCKED.format(row='OLD')} OR {_MONTH_LOCKED.format(row='NEW')}"),
        ("DELETE", _MONTH_LOCKED.format(row="OLD")))),
    """
    CREATE TABLE citizen_feedback (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('praise', 'complaint')),
        day TEXT NOT NULL CHECK (day = date(day, '+0 days')),
        channel TEXT NOT NULL
            CHECK (channel IN ('in_person', 'letter', 'phone', 'suggestion_box', 'portal', 'other')),
        staff_id INTEGER NOT NULL REFERENCES staff (id),
        summary TEXT NOT NULL CHECK (trim(summary) <> ''),
        citizen_name TEXT NOT NULL DEFAULT '',
        verification TEXT NOT NULL DEFAULT 'pending' CHECK (verification IN ('pending', 'verified', 'rejected')),
        verification_note TEXT NOT NULL DEFAULT '',
        verified_by TEXT NOT NULL DEFAULT '',
        verified_on TEXT CHECK (verified_on IS NULL OR verified_on = date(verified_on, '+0 days')),
        answered_on TEXT CHECK (answered_on IS NULL OR answered_on = date(answered_on, '+0 days')),
        answer TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL CHECK (recorded_by <> ''),
        recorded_at TEXT NOT NULL,
        CHECK ((verification = 'pending') = (verified_on IS NULL)),
        CHECK (verification = 'pending' OR verified_by <> '')
    ) STRICT
    """,
    "CREATE INDEX citizen_feedback_by_day ON citizen_feedback (day, staff_id)",
    *lock_triggers("citizen_feedback"),
    """
    CREATE TRIGGER citizen_feedback_no_delete BEFORE DELETE ON citizen_feedback
    BEGIN SELECT RAISE(ABORT, 'citizen_feedback is never deleted'); END
    """,
)


def m016_citizens(db: sqlite_utils.Database) -> None:
    for statement in _SCHEMA_016:
        db.execute(statement)

"""Migration m010: the emulation council's decisions on ties at the quota line."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


# When the quota's limit leaves k places for more people equal on every key, the emulation council (Hội đồng thi
# đua) chooses; the head records its decision: the tied people as they stood, the chosen, the meeting's date and
# minutes. Decisions are only ever added (a later one for the same period and grade supersedes the earlier, which
# stays on the record), and none is added once the period, or a locked period holding all of it, is locked.
_DECISION_LOCKED = ("EXISTS (SELECT 1 FROM periods WHERE state = 'locked' AND start_day <= {row}.start_day"
                    " AND {row}.end_day <= end_day)")
_SCHEMA_010 = (
    """
    CREATE TABLE quota_decisions (
        id INTEGER PRIMARY KEY,
        period_kind TEXT NOT NULL CHECK (period_kind IN ('month', 'quarter', 'half_year', 'year', 'range')),
        start_day TEXT NOT NULL CHECK (start_day = date(start_day, '+0 days')),
        end_day TEXT NOT NULL CHECK (end_day = date(end_day, '+0 days')),
        grade_code TEXT NOT NULL CHECK (grade_code <> ''),
        places INTEGER NOT NULL CHECK (places >= 1),
        tied TEXT NOT NULL CHECK (json_valid(tied) AND json_type(tied) = 'array' AND json_array_length(tied) > 1),
        chosen TEXT NOT NULL CHECK (json_valid(chosen) AND json_type(chosen) = 'array'
                                    AND json_array_length(chosen) <= places),
        meeting_date TEXT NOT NULL CHECK (meeting_date = date(meeting_date, '+0 days')),
        minute_number TEXT NOT NULL CHECK (minute_number <> ''),
        reason TEXT NOT NULL CHECK (reason <> ''),
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        CHECK (start_day <= end_day)
    ) STRICT
    """,
    "CREATE INDEX quota_decisions_by_period ON quota_decisions (start_day, end_day, grade_code, id)",
    f"""
    CREATE TRIGGER quota_decisions_locked_insert BEFORE INSERT ON quota_decisions
    WHEN {_DECISION_LOCKED.format(row="NEW")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
    """
    CREATE TRIGGER quota_decisions_no_update BEFORE UPDATE ON quota_decisions
    BEGIN SELECT RAISE(ABORT, 'quota_decisions are only added'); END
    """,
    """
    CREATE TRIGGER quota_decisions_no_delete BEFORE DELETE ON quota_decisions
    BEGIN SELECT RAISE(ABORT, 'quota_decisions are only added'); END
    """,
)


def m010_quota_decisions(db: sqlite_utils.Database) -> None:
    for statement in _SCHEMA_010:
        db.execute(statement)

"""Migration m011: the points the head enters each month for the plan's entered blocks (task results)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


# One row per person, month and entered item; clearing an entry deletes its row (the change log keeps it).
# Points are exact numbers written as text ("65", "32.5"), never negative; the upper bound is the plan's and is
# checked by the program, which knows the plan in force. A month touched by a locked period (khóa sổ) keeps its
# entries as they were: the triggers refuse adding, changing or deleting one, even with raw SQL.
_NUMBER = "({column} <> '' AND {column} NOT GLOB '*[^0-9./]*' AND CAST({column} AS REAL) >= 0)"
_MONTH_LOCKED = ("EXISTS (SELECT 1 FROM periods WHERE state = 'locked' AND start_day <= date({row}.month, "
                 "'+1 month', '-1 day') AND {row}.month <= end_day)")
_SCHEMA_011 = (
    f"""
    CREATE TABLE entered_scores (
        id INTEGER PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES staff(id),
        month TEXT NOT NULL CHECK (month = date(month, 'start of month')),
        item_code TEXT NOT NULL CHECK (item_code <> ''),
        points TEXT NOT NULL CHECK {_NUMBER.format(column="points")},
        self_points TEXT CHECK (self_points IS NULL OR {_NUMBER.format(column="self_points")}),
        note TEXT NOT NULL DEFAULT '',
        entered_by TEXT NOT NULL CHECK (entered_by <> ''),
        entered_at TEXT NOT NULL CHECK (entered_at <> ''),
        UNIQUE (staff_id, month, item_code)
    ) STRICT
    """,
    "CREATE INDEX entered_scores_by_month ON entered_scores (month, staff_id)",
    f"""
    CREATE TRIGGER entered_scores_locked_insert BEFORE INSERT ON entered_scores
    WHEN {_MONTH_LOCKED.format(row="NEW")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
    f"""
    CREATE TRIGGER entered_scores_locked_update BEFORE UPDATE ON entered_scores
    WHEN {_MONTH_LOCKED.format(row="OLD")} OR {_MONTH_LOCKED.format(row="NEW")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
    f"""
    CREATE TRIGGER entered_scores_locked_delete BEFORE DELETE ON entered_scores
    WHEN {_MONTH_LOCKED.format(row="OLD")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
)


def m011_entered_scores(db: sqlite_utils.Database) -> None:
    for statement in _SCHEMA_011:
        db.execute(statement)

"""Migration m001: the first schema (unit, departments, staff, schedule, attendance, events, checks, periods,
change log) with the triggers refusing changes inside a locked period."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ward_office.core.schedule import DEFAULT_SEASONS, WorkSchedule
from ward_office.core.staff import DEFAULT_DEPARTMENTS
from ward_office.storage.migrations.locked_sql import lock_triggers

if TYPE_CHECKING:
    import sqlite_utils


# A day is stored as ISO text. x = date(x, '+0 days') accepts only YYYY-MM-DD of a real date: the
# modifier makes SQLite normalise 2026-02-30 to 2026-03-02, which then differs.
_SCHEMA_001 = (
    """
    CREATE TABLE unit (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        authority TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        place_name TEXT NOT NULL DEFAULT '',
        head_title TEXT NOT NULL DEFAULT '',
        head_name TEXT NOT NULL DEFAULT '',
        preparer_name TEXT NOT NULL DEFAULT ''
    ) STRICT
    """,
    """
    CREATE TABLE departments (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
        sort_order INTEGER NOT NULL DEFAULT 0
    ) STRICT
    """,
    """
    CREATE TABLE staff (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE CHECK (trim(code) <> ''),
        full_name TEXT NOT NULL CHECK (trim(full_name) <> ''),
        gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
        position TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL CHECK (category IN ('can_bo', 'cong_chuc', 'vien_chuc', 'nguoi_lao_dong')),
        department_id INTEGER REFERENCES departments (id),
        badge_number TEXT NOT NULL DEFAULT '',
        clock_id TEXT NOT NULL DEFAULT '',
        active_from TEXT CHECK (active_from IS NULL OR active_from = date(active_from, '+0 days')),
        active_to TEXT CHECK (active_to IS NULL OR active_to = date(active_to, '+0 days')),
        note TEXT NOT NULL DEFAULT '',
        CHECK (active_from IS NULL OR active_to IS NULL OR active_from <= active_to)
    ) STRICT
    """,
    "CREATE UNIQUE INDEX staff_clock_id ON staff (clock_id) WHERE clock_id <> ''",
    "CREATE INDEX staff_department ON staff (department_id)",
    """
    CREATE TABLE work_schedule (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        work_weekdays TEXT NOT NULL CHECK (work_weekdays NOT GLOB '*[^0-6,]*'),
        grace_minutes INTEGER NOT NULL CHECK (grace_minutes BETWEEN 0 AND 240)
    ) STRICT
    """,
    """
    CREATE TABLE schedule_seasons (
        id INTEGER PRIMARY KEY,
        sort_order INTEGER NOT NULL UNIQUE,
        name TEXT NOT NULL,
        first_day TEXT NOT NULL CHECK (first_day GLOB '[01][0-9]-[0-3][0-9]'),
        last_day TEXT NOT NULL CHECK (last_day GLOB '[01][0-9]-[0-3][0-9]'),
        morning_start TEXT NOT NULL CHECK (morning_start GLOB '[0-2][0-9]:[0-5][0-9]'),
        morning_end TEXT NOT NULL CHECK (morning_end GLOB '[0-2][0-9]:[0-5][0-9]'),
        afternoon_start TEXT NOT NULL CHECK (afternoon_start GLOB '[0-2][0-9]:[0-5][0-9]'),
        afternoon_end TEXT NOT NULL CHECK (afternoon_end GLOB '[0-2][0-9]:[0-5][0-9]')
    ) STRICT
    """,
    """
    CREATE TABLE holidays (
        day TEXT PRIMARY KEY CHECK (day = date(day, '+0 days')),
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('holiday', 'working_day')),
        prefilled INTEGER NOT NULL DEFAULT 0 CHECK (prefilled IN (0, 1))
    ) STRICT, WITHOUT ROWID
    """,
    """
    CREATE TABLE attendance (
        id INTEGER PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES staff (id),
        day TEXT NOT NULL CHECK (day = date(day, '+0 days')),
        session TEXT NOT NULL CHECK (session IN ('morning', 'afternoon')),
        status TEXT NOT NULL CHECK (status IN ('present', 'leave', 'absent')),
        late_minutes INTEGER NOT NULL DEFAULT 0 CHECK (late_minutes >= 0),
        early_minutes INTEGER NOT NULL DEFAULT 0 CHECK (early_minutes >= 0),
        leave_code TEXT CHECK (leave_code IN ('P', 'Ô', 'Cô', 'Ts', 'T', 'H', 'Nb', 'No', 'CT')),
        missing_punch INTEGER NOT NULL DEFAULT 0 CHECK (missing_punch IN (0, 1)),
        source TEXT NOT NULL CHECK (source IN ('manual', 'clock', 'import')),
        note TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        UNIQUE (staff_id, day, session),
        CHECK ((status = 'leave') = (leave_code IS NOT NULL)),
        CHECK (status = 'present' OR (late_minutes = 0 AND early_minutes = 0))
    ) STRICT
    """,
    # Covers what scoring reads for a date range, so a month or a year is read from the index alone.
    """
    CREATE INDEX attendance_by_day ON attendance (
        day, staff_id, session, status, late_minutes, early_minutes, leave_code, missing_punch
    )
    """,
    """
    CREATE TABLE checks (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL CHECK (datetime(started_at) IS NOT NULL),
        kind TEXT NOT NULL CHECK (kind IN ('badge', 'attire', 'conduct', 'general')),
        checker TEXT NOT NULL,
        location TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    ) STRICT
    """,
    "CREATE INDEX checks_by_time ON checks (started_at)",
    """
    CREATE TABLE check_seen (
        check_id INTEGER NOT NULL REFERENCES checks (id) ON DELETE CASCADE,
        staff_id INTEGER NOT NULL REFERENCES staff (id),
        PRIMARY KEY (check_id, staff_id)
    ) STRICT, WITHOUT ROWID
    """,
    "CREATE INDEX check_seen_by_staff ON check_seen (staff_id, check_id)",
    """
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES staff (id),
        day TEXT NOT NULL CHECK (day = date(day, '+0 days')),
        criterion_code TEXT NOT NULL CHECK (trim(criterion_code) <> ''),
        note TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL DEFAULT '',
        check_id INTEGER REFERENCES checks (id),
        source TEXT NOT NULL CHECK (source IN ('manual', 'check', 'import')),
        created_at TEXT NOT NULL
    ) STRICT
    """,
    "CREATE INDEX events_by_day ON events (day, staff_id, criterion_code)",
    "CREATE INDEX events_by_staff ON events (staff_id, day)",
    "CREATE INDEX events_by_check ON events (check_id)",
    """
    CREATE TABLE plans (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        effective_from TEXT CHECK (effective_from IS NULL OR effective_from = date(effective_from, '+0 days')),
        name TEXT NOT NULL,
        body TEXT NOT NULL,
        adopted_at TEXT NOT NULL,
        adopted_by TEXT NOT NULL,
        UNIQUE (code, version)
    ) STRICT
    """,
    """
    CREATE TABLE periods (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('month', 'quarter', 'half_year', 'year', 'range')),
        start_day TEXT NOT NULL CHECK (start_day = date(start_day, '+0 days')),
        end_day TEXT NOT NULL CHECK (end_day = date(end_day, '+0 days')),
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'locked')),
        locked_at TEXT,
        locked_by TEXT,
        UNIQUE (start_day, end_day),
        CHECK (start_day <= end_day),
        CHECK ((state = 'locked') = (locked_at IS NOT NULL AND locked_by IS NOT NULL))
    ) STRICT
    """,
    "CREATE INDEX periods_locked ON periods (start_day, end_day) WHERE state = 'locked'",
    """
    CREATE TABLE change_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'lock', 'unlock', 'import')),
        entity TEXT NOT NULL,
        entity_id TEXT,
        detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
    ) STRICT
    """,
    "CREATE INDEX change_log_by_entity ON change_log (entity, entity_id, id)",
    """
    CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
    BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END
    """,
    """
    CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
    BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END
    """,
)


def m001_initial_schema(db: sqlite_utils.Database) -> None:
    for statement in (*_SCHEMA_001, *lock_triggers("attendance"), *lock_triggers("events")):
        db.execute(statement)
    db.conn.executemany(
        "INSERT INTO departments (name, sort_order) VALUES (?, ?)",
        [(name, order) for order, name in enumerate(DEFAULT_DEPARTMENTS, start=1)],
    )
    schedule = WorkSchedule()
    db.execute(
        "INSERT INTO work_schedule (id, work_weekdays, grace_minutes) VALUES (1, ?, ?)",
        [",".join(str(day) for day in sorted(schedule.work_weekdays)), schedule.grace_minutes],
    )
    db.conn.executemany(
        "INSERT INTO schedule_seasons (sort_order, name, first_day, last_day, morning_start, morning_end,"
        " afternoon_start, afternoon_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                order, season.name,
                f"{season.first_day[0]:02d}-{season.first_day[1]:02d}",
                f"{season.last_day[0]:02d}-{season.last_day[1]:02d}",
                season.morning.start.strftime("%H:%M"), season.morning.end.strftime("%H:%M"),
                season.afternoon.start.strftime("%H:%M"), season.afternoon.end.strftime("%H:%M"),
            )
            for order, season in enumerate(DEFAULT_SEASONS, start=1)
        ],
    )

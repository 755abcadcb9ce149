"""The database schema, as an ordered list of migrations that each run once per file.

Never edit a migration once released: add ``m00N_*`` instead. Enum values are written out here, not
read from the core enums, so a migration creates the same schema forever; a test compares the two.
Triggers enforce the two rules nobody may bypass, not even with raw SQL: the change log only grows,
and records inside a locked period stay as they were.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ward_office.core.schedule import DEFAULT_SEASONS, WorkSchedule
from ward_office.core.staff import DEFAULT_DEPARTMENTS

if TYPE_CHECKING:
    import sqlite_utils

Migration = Callable[["sqlite_utils.Database"], None]


class MigrationSet:
    """sqlite-utils' migration set, registered without importing sqlite-utils.

    A book that is up to date (every open but the first after an upgrade) is checked with one query, so the
    window starts without loading sqlite-utils and its plugins (about a third of the start-up time);
    migrating, and writing, load it when needed.
    """

    migrations_table = "_sqlite_migrations"  # sqlite_utils.Migrations.migrations_table; a test compares them

    def __init__(self, name: str) -> None:
        self.name = name
        self._steps: list[Migration] = []

    def __call__(self) -> Callable[[Migration], Migration]:
        """Register the decorated function as the next migration, like ``sqlite_utils.Migrations()``."""
        def register(step: Migration) -> Migration:
            self._steps.append(step)
            return step

        return register

    def names(self) -> tuple[str, ...]:
        return tuple(step.__name__ for step in self._steps)

    def applied_names(self, conn: sqlite3.Connection) -> tuple[str, ...]:
        """The migrations applied to the file, in order, read as sqlite-utils records them."""
        exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                              (self.migrations_table,)).fetchone()
        if exists is None:
            return ()
        return tuple(row[0] for row in conn.execute(
            f"SELECT name FROM {self.migrations_table} WHERE migration_set = ? ORDER BY rowid", (self.name,)))

    def pending_names(self, conn: sqlite3.Connection) -> tuple[str, ...]:
        applied = set(self.applied_names(conn))
        return tuple(name for name in self.names() if name not in applied)

    @cached_property
    def migrations(self) -> sqlite_utils.Migrations:
        import sqlite_utils

        migrations = sqlite_utils.Migrations(self.name)
        for step in self._steps:
            migrations()(step)
        return migrations

    def apply(self, db: sqlite_utils.Database, *, stop_before: str | Iterable[str] | None = None) -> None:
        self.migrations.apply(db, stop_before=stop_before)

    def applied(self, db: sqlite_utils.Database) -> list[Any]:
        return self.migrations.applied(db)


MIGRATIONS = MigrationSet("ward_office")

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

def known_migrations() -> tuple[str, ...]:
    """Every migration this program knows, in order."""
    return MIGRATIONS.names()


_LOCKED = "EXISTS (SELECT 1 FROM periods WHERE state = 'locked' AND {day} BETWEEN start_day AND end_day)"


def _lock_triggers(table: str) -> tuple[str, ...]:
    def trigger(event: str, condition: str) -> str:
        return (
            f"CREATE TRIGGER {table}_locked_{event.lower()} BEFORE {event} ON {table} "
            f"WHEN {condition} BEGIN SELECT RAISE(ABORT, 'period_locked'); END"
        )

    old, new = _LOCKED.format(day="OLD.day"), _LOCKED.format(day="NEW.day")
    return (
        trigger("INSERT", new),
        trigger("UPDATE", f"{old} OR {new}"),
        trigger("DELETE", old),
    )


@MIGRATIONS()
def m001_initial_schema(db: sqlite_utils.Database) -> None:
    for statement in (*_SCHEMA_001, *_lock_triggers("attendance"), *_lock_triggers("events")):
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


# A check round is open until finished; rounds recorded before m002 were entered whole, so they count
# as finished when they began. A finished round refuses new people seen, new violations and any change
# to itself; deleting a violation found in it stays possible (a correction, logged by the repository).
_FINISHED = "(SELECT finished_at FROM checks WHERE id = {check_id}) IS NOT NULL"
_CHECK_LOCKED = _LOCKED.format(day="(SELECT date(started_at) FROM checks WHERE id = {check_id})")
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
    WHEN {_LOCKED.format(day="date(NEW.started_at)")}
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


@MIGRATIONS()
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


@MIGRATIONS()
def m003_clock_punches(db: sqlite_utils.Database) -> None:
    for statement in (*_SCHEMA_003, *_lock_triggers("punches")):
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


@MIGRATIONS()
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
    WHEN {_LOCKED.format(day="date(OLD.started_at)")} OR {_LOCKED.format(day="date(NEW.started_at)")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
    f"""
    CREATE TRIGGER checks_locked_delete BEFORE DELETE ON checks
    WHEN {_LOCKED.format(day="date(OLD.started_at)")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
    f"""
    CREATE TRIGGER check_seen_locked_update BEFORE UPDATE ON check_seen
    WHEN {_CHECK_LOCKED.format(check_id="OLD.check_id")} OR {_CHECK_LOCKED.format(check_id="NEW.check_id")}
    BEGIN SELECT RAISE(ABORT, 'period_locked'); END
    """,
)


@MIGRATIONS()
def m005_locked_check_rounds(db: sqlite_utils.Database) -> None:
    for statement in _SCHEMA_005:
        db.execute(statement)



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


@MIGRATIONS()
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


@MIGRATIONS()
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


@MIGRATIONS()
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


@MIGRATIONS()
def m009_tamper_evidence(db: sqlite_utils.Database) -> None:
    from ward_office.storage.log_chain import chain_existing_lines

    for statement in _SCHEMA_009:
        if statement == "chain existing lines":
            chain_existing_lines(db.conn)
        else:
            db.execute(statement)


def migration_steps() -> tuple[Migration, ...]:
    """Every migration function, in order: what a fresh book is built with (to compare a book's schema)."""
    return tuple(MIGRATIONS._steps)

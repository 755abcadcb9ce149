"""Opening a file: migrations, pragmas, and refusing files that are not ours."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from enum import StrEnum
from pathlib import Path

import pytest
from storage_helpers import ACTOR

from ward_office.core.attendance import AttendanceStatus, LeaveCode, RecordSource
from ward_office.core.change_log import ChangeAction
from ward_office.core.checks import CheckKind, EventSource
from ward_office.core.citizens import FeedbackChannel, FeedbackKind, RatingLevel, Verification
from ward_office.core.period import PeriodKind, PeriodState
from ward_office.core.schedule import DayKind, Session, WorkSchedule
from ward_office.core.staff import DEFAULT_DEPARTMENTS, Gender, StaffCategory
from ward_office.storage import DatabaseError, Store, open_database
from ward_office.storage.migrations import MIGRATIONS

ALL_MIGRATIONS = ("m001_initial_schema", "m002_check_finished_at", "m003_clock_punches",
                  "m004_accounts_and_snapshots", "m005_locked_check_rounds", "m006_change_log_filters",
                  "m007_clock_judged_days", "m008_period_reviews", "m009_tamper_evidence",
                  "m010_quota_decisions", "m011_entered_scores",
                  "m012_attendance_excuses", "m013_event_points",
                  "m014_clock_file_previews", "m015_timesheet_form", "m016_citizens")
TABLES = {
    "unit", "departments", "staff", "work_schedule", "schedule_seasons", "holidays", "attendance", "checks",
    "check_seen", "events", "plans", "periods", "change_log", "punches", "clock_mappings", "accounts",
    "period_snapshots", "clock_judged_days", "period_reviews", "quota_decisions", "entered_scores",
    "attendance_excuses", "clock_file_previews", "_sqlite_migrations",
    "satisfaction_ratings", "survey_tallies", "citizen_feedback",
}


def table_sql(db_path: Path) -> dict[str, str]:
    with sqlite3.connect(db_path) as conn:
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())


def test_empty_file_gets_every_table_strict(store: Store, db_path: Path) -> None:
    tables = table_sql(db_path)
    assert set(tables) == TABLES
    for name, sql in tables.items():
        assert re.search(r"\)\s*STRICT", sql), name


def test_connection_pragmas(store: Store) -> None:
    def pragma(name: str) -> object:
        return store.db.execute(f"PRAGMA {name}").fetchone()[0]

    assert pragma("foreign_keys") == 1
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("busy_timeout") >= 1000


def test_pragmas_without_sqlite_utils(db_path: Path) -> None:
    """The connection is set up as sqlite-utils would set it up, before sqlite-utils is loaded."""
    Store.open(db_path).close()
    with Store.open(db_path, read_only=True) as store:
        assert "db" not in vars(store._context)  # sqlite-utils' Database not made yet
        assert store.conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migration_set_reads_what_sqlite_utils_writes(db_path: Path) -> None:
    import sqlite_utils

    assert MIGRATIONS.migrations_table == sqlite_utils.Migrations.migrations_table
    with Store.open(db_path) as store:
        assert MIGRATIONS.applied_names(store.conn) == tuple(m.name for m in MIGRATIONS.applied(store.db))
        assert MIGRATIONS.pending_names(store.conn) == ()
    db = sqlite_utils.Database(db_path.with_name("partial.db"))
    MIGRATIONS.apply(db, stop_before="m003_clock_punches")
    assert MIGRATIONS.applied_names(db.conn) == ALL_MIGRATIONS[:2]
    assert MIGRATIONS.pending_names(db.conn) == ALL_MIGRATIONS[2:]
    db.close()


def test_an_up_to_date_book_opens_without_sqlite_utils(db_path: Path) -> None:
    """The window's start-up: reading an up-to-date book does not load sqlite-utils (slow to import)."""
    Store.open(db_path).close()
    code = ("import sys; from ward_office.storage import Store\n"
            "with Store.open(sys.argv[1]) as store: store.staff.list(); store.unit.get()\n"
            "print('sqlite_utils' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_open_creates_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "ward.db"
    open_database(path).close()
    assert path.is_file()


def test_reopening_applies_nothing(db_path: Path) -> None:
    with Store.open(db_path) as first:
        applied = MIGRATIONS.applied(first.db)
        assert [m.name for m in applied] == list(ALL_MIGRATIONS)
        before = table_sql(db_path)
    with Store.open(db_path) as second:
        assert MIGRATIONS.applied(second.db) == applied
        assert second.schema_version == ALL_MIGRATIONS
        assert second.departments.list() == first_departments(db_path)
    assert table_sql(db_path) == before


def first_departments(db_path: Path) -> list[object]:
    with Store.open(db_path, read_only=True) as store:
        return list(store.departments.list())


def test_prefilled_defaults(store: Store) -> None:
    departments = store.departments.list()
    assert [d.name for d in departments] == list(DEFAULT_DEPARTMENTS)
    assert store.schedule.get() == WorkSchedule()
    assert store.change_log.list() == []


# Each CHECK (column IN (...)) of the first migration must list exactly the values of the core enum.
ENUM_COLUMNS: list[tuple[str, str, type[StrEnum]]] = [
    ("staff", "gender", Gender),
    ("staff", "category", StaffCategory),
    ("holidays", "kind", DayKind),
    ("attendance", "session", Session),
    ("attendance", "status", AttendanceStatus),
    ("attendance", "leave_code", LeaveCode),
    ("attendance", "source", RecordSource),
    ("checks", "kind", CheckKind),
    ("events", "source", EventSource),
    ("periods", "kind", PeriodKind),
    ("periods", "state", PeriodState),
    ("change_log", "action", ChangeAction),
    ("satisfaction_ratings", "level", RatingLevel),
    ("citizen_feedback", "kind", FeedbackKind),
    ("citizen_feedback", "channel", FeedbackChannel),
    ("citizen_feedback", "verification", Verification),
]


@pytest.mark.parametrize(("table", "column", "enum"), ENUM_COLUMNS)
def test_check_constraints_match_core_enums(store: Store, db_path: Path, table: str, column: str,
                                            enum: type[StrEnum]) -> None:
    sql = table_sql(db_path)[table]
    found = re.search(rf"CHECK \({column} IN \(([^)]*)\)\)", sql)
    assert found, f"{table}.{column} has no CHECK ... IN"
    assert set(re.findall(r"'([^']*)'", found[1])) == {member.value for member in enum}


def test_check_constraints_refuse_other_values(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        store.db.execute("INSERT INTO holidays (day, name, kind) VALUES ('2026-01-01', 'x', 'weekend')")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        store.db.execute("INSERT INTO holidays (day, name, kind) VALUES ('2026-02-30', 'x', 'holiday')")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        store.db.execute("INSERT INTO unit (id, name) VALUES (2, 'x')")


def test_garbage_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"This is a spreadsheet, not a database. " * 200)
    with pytest.raises(DatabaseError) as error:
        open_database(path)
    assert "not a Ward Office database" in str(error.value)
    assert path.read_bytes() == b"This is a spreadsheet, not a database. " * 200


def test_other_programs_sqlite_file_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    conn.close()
    content = path.read_bytes()
    with pytest.raises(DatabaseError):
        open_database(path)
    assert path.read_bytes() == content


def test_file_from_a_newer_program_is_refused(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                     " VALUES ('ward_office', 'm999_from_the_future', '2030-01-01')")
    conn.close()
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(db_path)
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(db_path, read_only=True)


def test_read_only_cannot_write(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.departments.add("Tổ công nghệ", ACTOR)
    content = db_path.read_bytes()
    with Store.open(db_path, read_only=True) as store:
        assert store.read_only
        assert [d.name for d in store.departments.list()][-1] == "Tổ công nghệ"
        with pytest.raises(DatabaseError, match="read-only"):
            store.departments.add("Tổ khác", ACTOR)
        with pytest.raises(sqlite3.OperationalError):
            store.db.execute("INSERT INTO departments (name) VALUES ('raw')")
    assert db_path.read_bytes() == content


def test_read_only_needs_an_existing_migrated_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(tmp_path / "missing.db", read_only=True)
    assert not (tmp_path / "missing.db").exists()
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    with pytest.raises(DatabaseError, match="older version"):
        open_database(empty, read_only=True)


def test_schema_version_of_a_fresh_database(store: Store) -> None:
    assert store.schema_version == ALL_MIGRATIONS

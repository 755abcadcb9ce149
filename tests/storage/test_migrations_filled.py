"""A record book made by any earlier version, full of records, opens in this one with nothing lost.

For every migration, a file is built stopped just before it and filled with the demo ward's rows (the
columns that version had), then opened normally: the remaining migrations run, the file stays sound, every
row is still there and the ranking is the one the same records give in a book made by this version.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from ward_office.core.access import Account, Role
from ward_office.core.period import month, parse_period
from ward_office.services.book_check import verify_store
from ward_office.services.demo import build_demo
from ward_office.services.period_locks import lock_period
from ward_office.services.ranking import score_records
from ward_office.services.ward import Ward
from ward_office.storage import Store
from ward_office.storage.database import check_integrity
from ward_office.storage.migrations import MIGRATIONS, known_migrations

UNTIL = date(2026, 11, 20)
# Children before parents: foreign keys are off while filling, and a finished round's events would be
# refused by m002's trigger if the round came first; periods (one locked) after the records they lock.
FILL_ORDER = ("unit", "departments", "staff", "work_schedule", "schedule_seasons", "holidays", "plans",
              "attendance", "events", "check_seen", "checks", "punches", "clock_mappings", "quota_decisions",
              "entered_scores", "periods", "accounts", "period_snapshots", "period_reviews", "change_log")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, council_decides) -> Path:
    path = tmp_path_factory.mktemp("filled") / "demo.db"
    build_demo(path, staff=20, months=6, seed=7, until=UNTIL)
    with Ward.open(path, actor="truong") as ward:  # a locked month with its kept ranking, to check after migrating
        ward.account = Account(1, "truong", "Trần Quốc Hùng", Role.HEAD)
        council_decides(ward, month(2026, 7), UNTIL)
        lock_period(ward, month(2026, 7), UNTIL)
    return path


def columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def fill_from(path: Path, demo: Path) -> dict[str, int]:
    """Copy the demo's rows into the older file, table by table; returns the row counts copied."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("ATTACH DATABASE ? AS demo", (str(demo),))
    copied = {}
    conn.execute("BEGIN")
    # From m009 on a period is locked only right after its change-log line; a copy of a whole book has no such
    # order, so the periods' triggers step aside while it is copied (as the older program wrote it, over time).
    period_triggers = conn.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' "
                                   "AND tbl_name = 'periods'").fetchall()
    for name, _sql in period_triggers:
        conn.execute(f"DROP TRIGGER main.{name}")
    for table in FILL_ORDER:
        old = columns(conn, "main", table)
        if not old:
            continue  # this version has no such table yet
        shared = [column for column in columns(conn, "demo", table) if column in old]
        names = ", ".join(shared)
        if table != "change_log":  # the log only grows; the rest may hold what a migration seeded
            conn.execute(f"DELETE FROM main.{table}")
        conn.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM demo.{table}")
        copied[table] = conn.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0]
    for _name, sql in period_triggers:
        conn.execute(sql)
    conn.execute("COMMIT")
    conn.close()
    return copied


@pytest.mark.parametrize("stop_before", known_migrations()[1:])
def test_a_filled_book_of_every_earlier_version_opens_with_everything_kept(demo: Path, tmp_path: Path,
                                                                           stop_before: str) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    MIGRATIONS.apply(db, stop_before=stop_before)
    db.close()
    copied = fill_from(path, demo)
    assert copied["attendance"] > 100 and copied["events"] > 10 and copied["checks"] > 3

    with Store.open(path) as store:
        assert store.schema_version == known_migrations()
        for table, count in copied.items():
            assert store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] >= count, table
        period = parse_period("2026-H2")
        with Store.open(demo, read_only=True) as reference:
            assert score_records(store, period, UNTIL) == score_records(reference, period, UNTIL)
        assert verify_store(store).findings == ()  # the old lines chained, the schema as a new book's
    assert check_integrity(path) == []
    assert any(backup.name.startswith("old-") for backup in (tmp_path / "sao-luu").iterdir())

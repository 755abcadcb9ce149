"""Raw punches on disk: re-imports add nothing, locked days refuse them, each batch is one log line."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils
from storage_helpers import ACTOR

from ward_office.core.clock import Punch
from ward_office.core.errors import PeriodLockedError
from ward_office.core.period import month
from ward_office.storage import Store
from ward_office.storage.migrations import MIGRATIONS


def punch(clock_id: str, text: str, device: str = "A") -> Punch:
    return Punch(clock_id, datetime.fromisoformat(text), device)


DAY_PUNCHES = [punch("1", "2026-03-02T07:29:10"), punch("1", "2026-03-02T17:01:00"),
               punch("2", "2026-03-02T07:45:00"), punch("2", "2026-03-03T07:20:00", "B")]


def test_add_many_stores_and_reads_back(store: Store) -> None:
    assert store.punches.add_many(DAY_PUNCHES, "1_attlog.dat", ACTOR) == 4
    assert store.punches.between(date(2026, 3, 2), date(2026, 3, 2)) == sorted(
        DAY_PUNCHES[:3], key=lambda p: (p.at, p.clock_id))
    assert store.punches.between(date(2026, 3, 1), date(2026, 3, 31), clock_id="2") == DAY_PUNCHES[2:]
    assert store.punches.days_with_punches() == [date(2026, 3, 2), date(2026, 3, 3)]
    assert store.punches.days_with_punches(clock_id="1") == [date(2026, 3, 2)]
    assert store.punches.clock_ids() == {"1": 2, "2": 2}
    row = store.db.execute("SELECT day, source_file, imported_by FROM punches WHERE clock_id = '2' AND device = 'B'")
    assert row.fetchone() == ("2026-03-03", "1_attlog.dat", ACTOR)


def test_reimporting_adds_nothing_and_logs_nothing(store: Store) -> None:
    store.punches.add_many(DAY_PUNCHES, "a.dat", ACTOR)
    log = store.change_log.list()
    assert [(line.action.value, line.entity, line.detail["added"], line.detail["devices"]) for line in log] == [
        ("import", "punch", 4, ["A", "B"])]
    assert store.punches.add_many(DAY_PUNCHES, "a.dat", ACTOR) == 0
    assert store.punches.add_many([*DAY_PUNCHES, punch("3", "2026-03-02T07:00:00")], "b.dat", ACTOR) == 1
    assert store.punches.count() == 5
    assert len(store.change_log.list("punch")) == 2


def test_the_same_moment_on_another_device_is_another_punch(store: Store) -> None:
    assert store.punches.add_many([punch("1", "2026-03-02T07:29:10", "A"),
                                   punch("1", "2026-03-02T07:29:10", "B")], "x", ACTOR) == 2


def test_a_punch_on_a_locked_day_is_refused_and_nothing_is_written(store: Store) -> None:
    store.periods.lock(month(2026, 2), ACTOR)
    log_before = len(store.change_log.list())
    with pytest.raises(PeriodLockedError) as raised:
        store.punches.add_many([punch("1", "2026-03-02T07:30:00"), punch("1", "2026-02-27T07:30:00")], "x", ACTOR)
    assert raised.value.params["day"] == "2026-02-27"
    assert store.punches.count() == 0
    assert len(store.change_log.list()) == log_before
    with pytest.raises(sqlite3.IntegrityError, match="period_locked"):
        store.db.execute("INSERT INTO punches (clock_id, at, day, imported_at, imported_by)"
                         " VALUES ('1', '2026-02-10T07:00:00', '2026-02-10', 'x', 'y')")


def test_the_table_refuses_malformed_times(store: Store) -> None:
    for at, day in (("2026-03-02 07:00:00", "2026-03-02"), ("2026-03-02T07:00:00", "2026-03-03")):
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute("INSERT INTO punches (clock_id, at, day, imported_at, imported_by)"
                             " VALUES ('1', ?, ?, 'x', 'y')", [at, day])


def test_mappings_are_remembered_and_changes_logged(store: Store) -> None:
    assert store.punches.get_mapping("Wise Eye") is None
    store.punches.save_mapping("Wise Eye", {"clock_id": "Mã CC", "at": "Giờ"}, ACTOR)
    store.punches.save_mapping("Wise Eye", {"clock_id": "Mã CC", "at": "Giờ"}, ACTOR)  # unchanged: no log
    store.punches.save_mapping("Wise Eye", {"clock_id": "Mã NV", "at": "Giờ"}, ACTOR)
    store.punches.save_mapping("BioTime", {"clock_id": "emp_code"}, ACTOR)
    assert store.punches.get_mapping("Wise Eye") == {"clock_id": "Mã NV", "at": "Giờ"}
    assert store.punches.mapping_names() == ["BioTime", "Wise Eye"]
    assert [line.action.value for line in store.change_log.list("clock_mapping")] == ["insert", "update", "insert"]


def test_a_file_made_before_m003_gets_the_punch_tables(db_path: Path) -> None:
    db = sqlite_utils.Database(db_path)
    MIGRATIONS.apply(db, stop_before="m003_clock_punches")
    assert [m.name for m in MIGRATIONS.applied(db)] == ["m001_initial_schema", "m002_check_finished_at"]
    assert "punches" not in db.table_names()
    db.execute("INSERT INTO staff (code, full_name, gender, category, clock_id) VALUES ('NV1', 'Lê Văn Tám',"
               " 'male', 'cong_chuc', '12')")
    db.conn.commit()
    db.close()
    with Store.open(db_path) as store:
        assert "m003_clock_punches" in store.schema_version
        assert store.staff.by_code("NV1").clock_id == "12"  # type: ignore[union-attr]
        assert store.punches.add_many([punch("12", "2026-03-02T07:30:00")], "x", ACTOR) == 1


def test_a_year_of_punches_for_200_staff_is_stored_once(store: Store) -> None:
    """The size of a big ward's year (its speed is measured in benchmarks/clock_import.py): every punch stored,
    the same file again adds none."""
    start = datetime(2025, 1, 1, 7, 25)
    year = [Punch(str(person), start + timedelta(days=day, minutes=person % 30, hours=hour), "A")
            for day in range(250) for person in range(1, 201) for hour in (0, 5, 6, 9)]
    assert len(year) == 200_000
    assert store.punches.add_many(year, "year.dat", ACTOR) == 200_000
    assert store.punches.add_many(year, "year.dat", ACTOR) == 0
    assert store.db.execute("SELECT count(*) FROM punches").fetchone()[0] == 200_000

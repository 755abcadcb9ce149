"""A clock file's punches (and the attendance derived) are checked once per file: every guarantee of the table
still holds for every row of a big batch, nothing is written when one row breaks it, and every other write still
meets the table's own CHECKs and lock trigger."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone

import pytest
from storage_helpers import ACTOR

from ward_office.core.attendance import Attendance, AttendanceStatus, RecordSource
from ward_office.core.clock import Punch
from ward_office.core.errors import PeriodLockedError
from ward_office.core.frozen import freeze, writable_twin
from ward_office.core.period import month
from ward_office.core.schedule import Session
from ward_office.core.staff import Staff
from ward_office.storage import Store
from ward_office.storage.errors import DatabaseError
from ward_office.storage.migrations.locked_sql import lock_triggers
from ward_office.storage.row_guards import (
    RowGuards,
    first_refusal,
    guards_set_aside,
    index_rebuilt,
    last_id,
    table_checks,
)
from ward_office.storage.tamper import schema_differences

KEY = "0" * 32  # a remembered file's key: a 32-digit digest
BIG = 20_000  # more than one piece of an executemany (punches._PIECE is 50,000 rows: two pieces and a bit)


def big_batch(count: int = BIG) -> list[Punch]:
    """``count`` punches of 100 people from 2026-03-02 on, four a working day."""
    start = datetime(2026, 3, 2, 7, 25)
    return [Punch(str(person), start + timedelta(days=day, hours=hour, minutes=person % 30), "A", line)
            for line, (day, person, hour) in enumerate(
                ((day, person, hour) for day in range(count // 400 + 1) for person in range(1, 101)
                 for hour in (0, 4, 6, 10)), start=1)][:count]


def _nothing_written(store: Store, log_before: int) -> None:
    assert store.punches.count() == 0
    assert len(store.change_log.list()) == log_before
    assert store.punches.remembered_file(KEY) is None


def _table_guards_every_other_write(store: Store) -> None:
    """The CHECKs are on and the trigger is there, as the migrations made them, for any write but the batch's."""
    conn = store.db.conn
    assert conn.execute("PRAGMA ignore_check_constraints").fetchone()[0] == 0
    assert schema_differences(conn) == ([], [], [])
    for at, day in (("2026-03-02 07:00:00", "2026-03-02"), ("2026-03-02T07:00:00", "2026-03-03")):
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            conn.execute("INSERT INTO punches (clock_id, at, day, imported_at, imported_by)"
                         " VALUES ('1', ?, ?, 'x', 'y')", (at, day))
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed: trim"):
        conn.execute("INSERT INTO punches (clock_id, at, day, imported_at, imported_by)"
                     " VALUES (' ', '2026-03-02T07:00:00', '2026-03-02', 'x', 'y')")
    if store.periods.is_locked(datetime(2026, 2, 10).date()):
        with pytest.raises(sqlite3.IntegrityError, match="period_locked"):
            conn.execute("INSERT INTO punches (clock_id, at, day, imported_at, imported_by)"
                         " VALUES ('1', '2026-02-10T07:00:00', '2026-02-10', 'x', 'y')")


def test_a_big_batch_is_stored_whole_and_the_table_keeps_its_guards(store: Store) -> None:
    batch = big_batch()
    assert store.punches.add_many(batch, "big.dat", ACTOR, file_read=(KEY, {"read": BIG})) == BIG
    assert store.punches.count() == BIG
    assert store.punches.add_many(batch, "big.dat", ACTOR) == 0
    _table_guards_every_other_write(store)


@pytest.mark.parametrize("position", [0, BIG // 2, BIG - 1])
def test_a_blank_clock_id_anywhere_in_a_big_batch_refuses_it_all(store: Store, position: int) -> None:
    batch = big_batch()
    batch[position] = Punch(" ", batch[position].at, "A", batch[position].line)
    log_before = len(store.change_log.list())
    with pytest.raises(DatabaseError) as raised:
        store.punches.add_many(batch, "big.dat", ACTOR, file_read=(KEY, {"read": BIG}))
    # Word for word what the table's own CHECK said when rows were checked one by one.
    assert raised.value.params == {"reason": "CHECK constraint failed: trim(clock_id) <> ''"}
    _nothing_written(store, log_before)
    _table_guards_every_other_write(store)


def test_a_time_the_table_would_refuse_in_a_big_batch_refuses_it_all(store: Store) -> None:
    batch = big_batch()
    zoned = batch[BIG - 7].at.replace(tzinfo=timezone(timedelta(hours=7)))  # written with "+07:00": not a punch time
    batch[BIG - 7] = Punch(batch[BIG - 7].clock_id, zoned, "A", batch[BIG - 7].line)
    log_before = len(store.change_log.list())
    with pytest.raises(DatabaseError) as raised:
        store.punches.add_many(batch, "big.dat", ACTOR, file_read=(KEY, {"read": BIG}))
    assert raised.value.params == {"reason": "CHECK constraint failed: at = strftime('%Y-%m-%dT%H:%M:%S', at)"}
    _nothing_written(store, log_before)
    _table_guards_every_other_write(store)


def test_a_punch_on_a_locked_day_in_a_big_batch_refuses_it_all(store: Store) -> None:
    store.periods.lock(month(2026, 2), ACTOR)
    batch = big_batch()
    batch[BIG // 3] = Punch("7", datetime(2026, 2, 27, 7, 30), "A", 99)
    batch[BIG // 2] = Punch("8", datetime(2026, 2, 10, 7, 30), "A", 100)
    log_before = len(store.change_log.list())
    with pytest.raises(PeriodLockedError) as raised:
        store.punches.add_many(batch, "big.dat", ACTOR, file_read=(KEY, {"read": BIG}))
    assert raised.value.params["day"] == "2026-02-10"  # the first locked day of the file, as before
    _nothing_written(store, log_before)
    _table_guards_every_other_write(store)


def test_a_punch_already_stored_on_a_locked_day_is_still_refused(store: Store) -> None:
    """As the trigger did: it fired for every row offered, new or not."""
    store.punches.add_many([Punch("1", datetime(2026, 2, 27, 7, 30), "A")], "a.dat", ACTOR)
    store.periods.lock(month(2026, 2), ACTOR)
    with pytest.raises(PeriodLockedError):
        store.punches.add_many([Punch("1", datetime(2026, 2, 27, 7, 30), "A"), *big_batch(100)], "b.dat", ACTOR)
    assert store.punches.count() == 1


def test_a_row_the_table_refuses_outright_rolls_the_batch_back_with_its_guards(store: Store) -> None:
    with pytest.raises(DatabaseError, match="BLOB"):  # a STRICT column holds whatever the CHECKs
        store.punches.add_many(big_batch(), b"big.dat", ACTOR)  # type: ignore[arg-type]
    assert store.punches.count() == 0
    _table_guards_every_other_write(store)


PUNCH_CHECKS = ("trim(clock_id) <> ''", "at = strftime('%Y-%m-%dT%H:%M:%S', at)", "day = date(at)")


@pytest.mark.parametrize("number", range(len(PUNCH_CHECKS)))
def test_each_check_of_the_table_is_checked_over_the_rows_written(store: Store, number: int) -> None:
    good = ("1", "2026-03-02T07:00:00", "2026-03-02")
    bad = (("  ", "2026-03-02T07:00:00", "2026-03-02"), ("1", "2026-03-02 07:00:00", "2026-03-02"),
           ("1", "2026-03-02T07:00:00", "2026-03-03"))[number]
    with store.atomic():
        conn = store.db.conn
        conn.execute("INSERT INTO punches (clock_id, at, day, imported_at, imported_by) VALUES (?, ?, ?, 'x', 'y')",
                     good)
        after = last_id(conn, "punches")
        with guards_set_aside(conn, "punches") as guards:
            conn.executemany("INSERT INTO punches (clock_id, at, device, day, imported_at, imported_by)"
                             " VALUES (?, ?, ?, ?, 'x', 'y')", [(good[0], good[1], "B", good[2]),
                                                                (bad[0], bad[1], "C", bad[2])])
        assert first_refusal(conn, guards, after) == f"CHECK constraint failed: {PUNCH_CHECKS[number]}"
        assert first_refusal(conn, guards, after + 2) is None
        conn.execute("DELETE FROM punches")
    _table_guards_every_other_write(store)


def test_the_guards_are_read_from_the_book(store: Store) -> None:
    """The CHECKs and refusing triggers checked once per batch are those the migrations made, whatever a later
    migration adds."""
    conn = store.db.conn
    punches = RowGuards.of(conn, "punches")
    assert punches.checks == PUNCH_CHECKS
    assert [(name, sql) for name, sql, _condition, _message in punches.triggers] == [
        ("punches_locked_insert", lock_triggers("punches")[0])]
    attendance = RowGuards.of(conn, "attendance")
    assert attendance.checks == (
        "day = date(day, '+0 days')", "session IN ('morning', 'afternoon')",
        "status IN ('present', 'leave', 'absent')", "late_minutes >= 0", "early_minutes >= 0",
        "leave_code IN ('P', 'Ô', 'Cô', 'Ts', 'T', 'H', 'Nb', 'No', 'CT')", "missing_punch IN (0, 1)",
        "source IN ('manual', 'clock', 'import')", "(status = 'leave') = (leave_code IS NOT NULL)",
        "status = 'present' OR (late_minutes = 0 AND early_minutes = 0)")
    assert [name for name, *_rest in attendance.triggers] == ["attendance_locked_insert"]
    assert table_checks("CREATE TABLE t (a TEXT CHECK (a <> ')'), b INTEGER CHECK ((b > 0) = (a IS NULL)))") == (
        "a <> ')'", "(b > 0) = (a IS NULL)")


def test_a_transaction_ended_inside_the_block_leaves_the_guards_as_they_were(store: Store) -> None:
    conn = store.db.conn
    conn.execute("BEGIN")
    with guards_set_aside(conn, "punches"), index_rebuilt(conn, "punches_by_day", True):
        conn.execute("ROLLBACK")  # as an error that ends the whole transaction does: the drops are undone
    assert not conn.in_transaction
    _table_guards_every_other_write(store)


def test_the_guards_are_set_aside_only_inside_a_transaction(store: Store) -> None:
    with pytest.raises(RuntimeError), guards_set_aside(store.db.conn, "punches"):
        pass
    _table_guards_every_other_write(store)


# ---- The attendance the clock derives: the same guarantees, checked once per import ----

A_YEAR = [datetime(2026, 3, 2).date() + timedelta(days=offset) for offset in range(300)]


def _clock_record(staff_id: int, day: date, session: Session, **changes: object) -> Attendance:
    """A record the clock derives, with ``changes`` set as given, past ``Attendance``'s own checks."""
    record = writable_twin(Attendance)()
    values = dict(staff_id=staff_id, day=day, session=session, status=AttendanceStatus.PRESENT, late_minutes=5,
                  early_minutes=0, leave_code=None, missing_punch=False, source=RecordSource.CLOCK, note="07:35",
                  recorded_by="", id=None) | changes
    for name, value in values.items():
        setattr(record, name, value)
    return freeze(record, Attendance)


def _a_year_derived(person: Staff, other: Staff) -> list[Attendance]:
    assert person.id is not None and other.id is not None
    return [_clock_record(staff_id, day, session) for day in A_YEAR for staff_id in (person.id, other.id)
            for session in Session]  # 1,200 records, a month's insert at a time


def test_a_year_of_derived_attendance_is_stored_and_the_table_keeps_its_guards(store: Store, person: Staff,
                                                                                other: Staff) -> None:
    derived = _a_year_derived(person, other)
    assert store.attendance.apply_clock(derived, [], ACTOR) == len(derived)
    assert len(store.attendance.between(A_YEAR[0], A_YEAR[-1])) == len(derived)
    conn = store.db.conn
    assert schema_differences(conn) == ([], [], [])
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed: late_minutes >= 0"):
        conn.execute("INSERT INTO attendance (staff_id, day, session, status, late_minutes, source, updated_at)"
                     " VALUES (?, '2027-06-01', 'morning', 'present', -1, 'clock', 'x')", (person.id,))


@pytest.mark.parametrize(("changes", "reason"), [
    ({"late_minutes": -3}, "CHECK constraint failed: late_minutes >= 0"),
    ({"status": AttendanceStatus.ABSENT}, "CHECK constraint failed: status = 'present' OR (late_minutes = 0 AND "
                                          "early_minutes = 0)"),
    ({"status": AttendanceStatus.LEAVE, "late_minutes": 0},
     "CHECK constraint failed: (status = 'leave') = (leave_code IS NOT NULL)"),
])
def test_a_derived_record_the_table_refuses_refuses_the_whole_import(store: Store, person: Staff, other: Staff,
                                                                     changes: dict[str, object],
                                                                     reason: str) -> None:
    derived = _a_year_derived(person, other)
    derived[len(derived) - 9] = _clock_record(other.id or 0, derived[-9].day, derived[-9].session, **changes)
    log_before = len(store.change_log.list())
    with pytest.raises(DatabaseError) as raised:
        store.attendance.apply_clock(derived, [], ACTOR, judged={A_YEAR[0]: "inputs"})
    assert raised.value.params == {"reason": reason}  # what the table said when it checked row by row
    assert store.attendance.between(A_YEAR[0], A_YEAR[-1]) == []
    assert len(store.change_log.list()) == log_before
    assert store.punches.judged_days(A_YEAR[0], A_YEAR[-1]) == {}
    assert schema_differences(store.db.conn) == ([], [], [])


def test_a_derived_record_on_a_locked_day_refuses_the_whole_import(store: Store, person: Staff,
                                                                   other: Staff) -> None:
    store.periods.lock(month(2026, 2), ACTOR)
    derived = _a_year_derived(person, other)
    derived[700] = _clock_record(person.id or 0, datetime(2026, 2, 26).date(), Session.MORNING)
    with pytest.raises(PeriodLockedError) as raised:
        store.attendance.apply_clock(derived, [], ACTOR)
    assert raised.value.params["day"] == "2026-02-26"
    assert store.attendance.between(datetime(2026, 2, 1).date(), A_YEAR[-1]) == []
    assert schema_differences(store.db.conn) == ([], [], [])
    with pytest.raises(sqlite3.IntegrityError, match="period_locked"):
        store.db.conn.execute("INSERT INTO attendance (staff_id, day, session, status, source, updated_at)"
                              " VALUES (?, '2026-02-10', 'morning', 'absent', 'clock', 'x')", (person.id,))


def test_a_derived_record_of_nobody_still_meets_the_foreign_key(store: Store, person: Staff, other: Staff) -> None:
    derived = _a_year_derived(person, other)
    derived[300] = _clock_record(9_999, derived[300].day, derived[300].session)
    with pytest.raises(DatabaseError):
        store.attendance.apply_clock(derived, [], ACTOR)
    assert store.attendance.between(A_YEAR[0], A_YEAR[-1]) == []

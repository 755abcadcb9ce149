"""Rules the schema enforces even against raw SQL: locked periods, an append-only log, kept staff."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from storage_helpers import ACTOR, late, make_staff

from ward_office.core.checks import Check, CheckKind, Event
from ward_office.core.errors import PeriodLockedError, WardOfficeError
from ward_office.core.period import month, quarter
from ward_office.core.schedule import Session
from ward_office.core.staff import Staff
from ward_office.storage import InUseError, Store

MARCH = month(2026, 3)


@pytest.fixture
def locked(store: Store, person: Staff) -> Store:
    """March 2026 with one late arrival and one event, then locked."""
    assert person.id is not None
    store.attendance.set(late(person.id, date(2026, 3, 10)), ACTOR)
    store.events.add(Event(person.id, date(2026, 3, 10), "DP1"), ACTOR)
    store.periods.lock(MARCH, "Chủ tịch")
    return store


def counts(store: Store) -> tuple[int, int]:
    return (store.db.execute("SELECT count(*) FROM attendance").fetchone()[0],
            store.db.execute("SELECT count(*) FROM events").fetchone()[0])


def test_periods(store: Store) -> None:
    created = store.periods.get_or_create(MARCH, ACTOR)
    assert store.periods.get_or_create(MARCH, ACTOR) == created
    assert not created.is_locked and store.periods.get(quarter(2026, 1)) is None
    locked = store.periods.lock(MARCH, "Chủ tịch")
    assert locked.is_locked and locked.locked_by == "Chủ tịch" and locked.locked_at is not None
    assert store.periods.lock(MARCH, "Ai khác") == locked  # already locked: unchanged
    store.periods.get_or_create(quarter(2026, 1), ACTOR)
    assert [r.period for r in store.periods.list()] == [quarter(2026, 1), MARCH]
    assert store.periods.is_locked(date(2026, 3, 31)) and not store.periods.is_locked(date(2026, 4, 1))
    assert store.periods.locked_on(date(2026, 3, 1)) == locked
    with pytest.raises(WardOfficeError):
        store.periods.unlock(MARCH, ACTOR, "  ")
    opened = store.periods.unlock(MARCH, ACTOR, "sửa sai sót chấm công")
    assert not opened.is_locked and opened.locked_by is None
    assert not store.periods.is_locked(date(2026, 3, 15))


def test_repositories_refuse_locked_days(locked: Store, person: Staff) -> None:
    assert person.id is not None
    before = counts(locked)
    with pytest.raises(PeriodLockedError) as error:
        locked.attendance.set(late(person.id, date(2026, 3, 11)), ACTOR)
    assert error.value.params["day"] == "2026-03-11"
    with pytest.raises(PeriodLockedError):
        locked.attendance.set(late(person.id, date(2026, 3, 10), 30), ACTOR)
    with pytest.raises(PeriodLockedError):
        locked.attendance.clear(person.id, date(2026, 3, 10), Session.MORNING, ACTOR)
    with pytest.raises(PeriodLockedError) as error:
        locked.attendance.add_many([late(person.id, date(2026, 2, 27)), late(person.id, date(2026, 3, 2))], ACTOR)
    assert error.value.params["day"] == "2026-03-02"
    with pytest.raises(PeriodLockedError):
        locked.events.add(Event(person.id, date(2026, 3, 31), "DP1"), ACTOR)
    with pytest.raises(PeriodLockedError):
        locked.events.add_many([Event(person.id, date(2026, 4, 1), "DP1"), Event(person.id, date(2026, 3, 1), "DP1")],
                               ACTOR)
    with pytest.raises(PeriodLockedError):
        locked.events.delete(locked.events.list(MARCH.start, MARCH.end)[0].id, ACTOR)  # type: ignore[arg-type]
    with pytest.raises(PeriodLockedError):
        locked.checks.add(Check(datetime(2026, 3, 5, 8), CheckKind.BADGE, "A"), ACTOR,
                          [Event(person.id, date(2026, 3, 5), "TP1")])
    assert counts(locked) == before
    assert locked.checks.list() == []
    # Outside the period everything still works.
    locked.attendance.set(late(person.id, date(2026, 4, 1)), ACTOR)
    locked.events.add(Event(person.id, date(2026, 2, 28), "DP1"), ACTOR)


def test_raw_sql_cannot_touch_a_locked_period(locked: Store, person: Staff) -> None:
    db = locked.db
    statements = [
        ("INSERT INTO attendance (staff_id, day, session, status, source, updated_at)"
         " VALUES (?, '2026-03-12', 'morning', 'absent', 'manual', 'x')", (person.id,)),
        ("UPDATE attendance SET late_minutes = 99 WHERE day = '2026-03-10'", ()),
        ("UPDATE attendance SET day = '2026-04-10' WHERE day = '2026-03-10'", ()),  # moving out (OLD)
        ("DELETE FROM attendance WHERE day = '2026-03-10'", ()),
        ("INSERT INTO events (staff_id, day, criterion_code, source, created_at)"
         " VALUES (?, '2026-03-12', 'DP1', 'manual', 'x')", (person.id,)),
        ("UPDATE events SET note = 'sửa' WHERE day = '2026-03-10'", ()),
        ("UPDATE events SET day = '2026-04-10' WHERE day = '2026-03-10'", ()),
        ("DELETE FROM events WHERE day = '2026-03-10'", ()),
    ]
    for sql, params in statements:
        with pytest.raises(sqlite3.IntegrityError, match="period_locked"):
            db.execute(sql, params)
    db.conn.rollback()


def test_raw_sql_cannot_move_a_record_into_a_locked_period(locked: Store, person: Staff) -> None:
    assert person.id is not None
    locked.attendance.set(late(person.id, date(2026, 4, 2)), ACTOR)
    locked.events.add(Event(person.id, date(2026, 4, 2), "DP1"), ACTOR)
    for table in ("attendance", "events"):
        with pytest.raises(sqlite3.IntegrityError, match="period_locked"):
            locked.db.execute(f"UPDATE {table} SET day = '2026-03-20' WHERE day = '2026-04-02'")
    locked.db.conn.rollback()


def test_unlock_allows_changes_again(locked: Store, person: Staff) -> None:
    assert person.id is not None
    locked.periods.unlock(MARCH, "Chủ tịch", "bổ sung đơn nghỉ phép")
    assert locked.attendance.clear(person.id, date(2026, 3, 10), Session.MORNING, ACTOR)


def test_a_lock_on_any_enclosing_period_counts(store: Store, person: Staff) -> None:
    assert person.id is not None
    store.periods.lock(quarter(2026, 1), ACTOR)
    with pytest.raises(PeriodLockedError):
        store.attendance.set(late(person.id, date(2026, 2, 3)), ACTOR)


def test_change_log_is_append_only(store: Store, person: Staff) -> None:
    rows = store.db.execute("SELECT count(*) FROM change_log").fetchone()[0]
    assert rows > 0
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("UPDATE change_log SET actor = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("DELETE FROM change_log")
    store.db.conn.rollback()
    assert store.db.execute("SELECT count(*) FROM change_log").fetchone()[0] == rows
    assert {e.actor for e in store.change_log.list()} == {ACTOR}


def test_staff_with_records_cannot_be_deleted(store: Store, person: Staff, other: Staff) -> None:
    assert person.id is not None and other.id is not None
    store.attendance.set(late(person.id, date(2026, 3, 2)), ACTOR)
    with pytest.raises(InUseError):
        store.staff.delete(person.id, ACTOR)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        store.db.execute("DELETE FROM staff WHERE id = ?", (person.id,))
    store.db.conn.rollback()
    store.events.add(Event(other.id, date(2026, 3, 2), "DP1"), ACTOR)
    with pytest.raises(InUseError):
        store.staff.delete(other.id, ACTOR)
    seen_only = store.staff.add(make_staff("NV003"), ACTOR)
    store.checks.add(Check(datetime(2026, 3, 2, 8), CheckKind.BADGE, "A",
                           seen=frozenset({seen_only.id})), ACTOR)  # type: ignore[arg-type]
    with pytest.raises(InUseError):
        store.staff.delete(seen_only.id, ACTOR)  # type: ignore[arg-type]
    assert len(store.staff.list()) == 3
    mistaken = store.staff.add(make_staff("NV004"), ACTOR)
    store.staff.delete(mistaken.id, ACTOR)  # type: ignore[arg-type]
    assert store.staff.by_code("NV004") is None

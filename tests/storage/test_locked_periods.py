"""A locked period holds against anyone with the file: raw SQL through a plain sqlite3 connection, no
repository, no foreign keys. Every table with lock triggers refuses inserts, updates and deletes inside the
locked month and accepts them outside it; kept rankings are never changed or removed."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from storage_helpers import ACTOR, late

from ward_office.core.checks import Check, CheckKind, Event
from ward_office.core.period import month
from ward_office.core.staff import Staff
from ward_office.storage import Store

MARCH = month(2026, 3)
HEAD = "Chủ tịch"


@pytest.fixture
def book(store: Store, person: Staff) -> Store:
    """One record of every kind in March (locked) and in April (open)."""
    assert person.id is not None
    for day in (date(2026, 3, 10), date(2026, 4, 10)):
        store.attendance.set(late(person.id, day), ACTOR)
        store.events.add(Event(person.id, day, "DP1"), ACTOR)
        check = store.checks.start(Check(datetime(day.year, day.month, day.day, 9), CheckKind.BADGE, ACTOR), ACTOR)
        assert check.id is not None
        store.checks.set_seen(check.id, [person.id], True, ACTOR)  # the round stays open
        store.db.execute(
            "INSERT INTO punches (clock_id, at, day, device, imported_at, imported_by) VALUES ('7', ?, ?, '', 'x', ?)",
            [f"{day.isoformat()}T07:31:00", day.isoformat(), ACTOR])
    store.db.conn.commit()
    store.periods.lock(MARCH, HEAD)
    return store


@pytest.fixture
def raw(book: Store, db_path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection, as any SQLite tool would open the file: no pragmas, no foreign keys."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    yield connection
    connection.close()


def refused(raw: sqlite3.Connection, sql: str, *params: object, reason: str = "period_locked") -> None:
    with pytest.raises(sqlite3.IntegrityError, match=reason):
        raw.execute(sql, params)


def changes(raw: sqlite3.Connection, sql: str, *params: object) -> int:
    return raw.execute(sql, params).rowcount


def count(raw: sqlite3.Connection, table: str, where: str = "1") -> int:
    return raw.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]


def check_id(raw: sqlite3.Connection, day: str) -> int:
    return raw.execute("SELECT id FROM checks WHERE date(started_at) = ?", (day,)).fetchone()[0]


@pytest.mark.parametrize("table", ["attendance", "events", "punches"])
def test_a_day_table_refuses_every_change_inside_the_locked_period(raw: sqlite3.Connection, person: Staff,
                                                                    table: str) -> None:
    before = count(raw, table)
    refused(raw, *_insert(table, "2026-03-12", person))
    refused(raw, f"UPDATE {table} SET {_harmless(table)} WHERE day = '2026-03-10'")
    refused(raw, f"DELETE FROM {table} WHERE day = '2026-03-10'")
    refused(raw, f"UPDATE {table} SET {_move(table, '2026-04-15')} WHERE day = '2026-03-10'")  # moving out
    assert count(raw, table) == before and count(raw, table, "day = '2026-03-10'") == 1


@pytest.mark.parametrize("table", ["attendance", "events", "punches"])
def test_a_day_table_refuses_a_record_moved_into_the_locked_period(raw: sqlite3.Connection, table: str) -> None:
    refused(raw, f"UPDATE {table} SET {_move(table, '2026-03-20')} WHERE day = '2026-04-10'")
    assert count(raw, table, "day = '2026-04-10'") == 1


@pytest.mark.parametrize("table", ["attendance", "events", "punches"])
def test_a_day_table_accepts_every_change_outside_the_locked_period(raw: sqlite3.Connection, person: Staff,
                                                                     table: str) -> None:
    sql, *params = _insert(table, "2026-04-13", person)
    raw.execute(sql, params)
    assert changes(raw, f"UPDATE {table} SET {_harmless(table)} WHERE day = '2026-04-10'") == 1
    assert changes(raw, f"UPDATE {table} SET {_move(table, '2026-04-14')} WHERE day = '2026-04-13'") == 1
    assert changes(raw, f"DELETE FROM {table} WHERE day IN ('2026-04-10', '2026-04-14')") == 2


def test_unlocking_by_raw_sql_is_refused(raw: sqlite3.Connection) -> None:
    refused(raw, "UPDATE periods SET state = 'open', locked_at = NULL, locked_by = NULL", reason="period_lock_unlogged")
    refused(raw, "DELETE FROM periods", reason="period_locked")
    refused(raw, "UPDATE periods SET end_day = '2026-03-09'")
    refused(raw, "INSERT INTO periods (kind, start_day, end_day, state, locked_at, locked_by)"
                 " VALUES ('month', '2026-04-01', '2026-04-30', 'locked', 'x', 'x')", reason="period_lock_unlogged")
    assert count(raw, "periods", "state = 'locked'") == 1


def test_a_raw_unlock_passes_only_right_after_its_change_log_line(book: Store, raw: sqlite3.Connection) -> None:
    """Whoever writes the line first leaves it in the log, for everyone to read (and the chain to check)."""
    period_id, locked_at = raw.execute("SELECT id, locked_at FROM periods WHERE state = 'locked'").fetchone()
    raw.execute("INSERT INTO change_log (at, actor, action, entity, entity_id, detail) VALUES"
                " ('x', 'ai đó', 'unlock', 'period', ?, json_object('before', json_object('locked_at', ?)))",
                (str(period_id), locked_at))
    assert changes(raw, "UPDATE periods SET state = 'open', locked_at = NULL, locked_by = NULL") == 1
    assert changes(raw, "DELETE FROM attendance WHERE day = '2026-03-10'") == 1


def test_the_program_unlocks_and_locks_again(book: Store) -> None:
    book.periods.unlock(MARCH, HEAD, "sửa chấm công")
    assert not book.periods.is_locked(date(2026, 3, 10))
    book.periods.lock(MARCH, HEAD)
    assert book.periods.is_locked(date(2026, 3, 10))


def test_check_rounds_of_the_locked_period_cannot_be_added_or_their_people_changed(raw: sqlite3.Connection,
                                                                                 person: Staff) -> None:
    refused(raw, "INSERT INTO checks (started_at, kind, checker, created_at)"
                 " VALUES ('2026-03-20T09:00:00', 'badge', 'x', 'x')")
    march = check_id(raw, "2026-03-10")
    refused(raw, "INSERT INTO check_seen (check_id, staff_id) VALUES (?, ?)", march, person.id + 1)
    refused(raw, "DELETE FROM check_seen WHERE check_id = ?", march)
    assert count(raw, "check_seen", f"check_id = {march}") == 1


def test_a_finished_round_of_the_locked_period_cannot_be_changed(book: Store, raw: sqlite3.Connection) -> None:
    march = check_id(raw, "2026-03-10")
    book.periods.unlock(MARCH, HEAD, "kết thúc đợt kiểm tra")
    book.checks.finish(march, datetime(2026, 3, 10, 10), ACTOR)
    book.periods.lock(MARCH, HEAD)
    either = "check_finished|period_locked"  # two triggers refuse; which fires first is SQLite's choice
    refused(raw, "UPDATE checks SET note = 'sửa' WHERE id = ?", march, reason=either)
    refused(raw, "UPDATE checks SET started_at = '2026-04-20T09:00:00' WHERE id = ?", march, reason=either)


def test_check_rounds_outside_the_locked_period_change_freely(raw: sqlite3.Connection, person: Staff) -> None:
    raw.execute("INSERT INTO checks (started_at, kind, checker, created_at) VALUES ('2026-04-20T09:00:00', 'badge',"
                " 'x', 'x')")
    april = check_id(raw, "2026-04-10")
    raw.execute("INSERT INTO check_seen (check_id, staff_id) VALUES (?, ?)", (april, person.id + 1))
    assert changes(raw, "DELETE FROM check_seen WHERE check_id = ?", april) == 2
    assert changes(raw, "UPDATE checks SET note = 'sửa' WHERE id = ?", april) == 1


# m005: a round of a locked period cannot be moved, deleted or have its ticks rewritten.
def test_an_open_round_cannot_be_moved_into_the_locked_period(raw: sqlite3.Connection) -> None:
    april = check_id(raw, "2026-04-10")
    refused(raw, "UPDATE checks SET started_at = '2026-03-20T09:00:00' WHERE id = ?", april)


def test_a_round_of_the_locked_period_cannot_be_deleted(raw: sqlite3.Connection) -> None:
    refused(raw, "DELETE FROM checks WHERE id = ?", check_id(raw, "2026-03-10"))


def test_who_was_seen_in_a_round_of_the_locked_period_cannot_be_rewritten(raw: sqlite3.Connection,
                                                                         person: Staff) -> None:
    refused(raw, "UPDATE check_seen SET staff_id = ? WHERE check_id = ?", person.id + 1, check_id(raw, "2026-03-10"))


def test_kept_rankings_cannot_be_changed_or_removed(book: Store, raw: sqlite3.Connection) -> None:
    record = book.periods.get(MARCH)
    assert record is not None
    kept = book.snapshots.add(record.id, {"format": 1, "scored": {}}, HEAD)
    assert book.snapshots.latest(record.id) == kept
    refused(raw, "UPDATE period_snapshots SET body = '{}'", reason="append-only")
    refused(raw, "UPDATE period_snapshots SET taken_by = 'ai khác'", reason="append-only")
    refused(raw, "DELETE FROM period_snapshots", reason="append-only")
    assert book.snapshots.list() == [kept]
    book.periods.unlock(MARCH, HEAD, "bổ sung đơn nghỉ phép")
    assert book.snapshots.list(record.id) == [kept]  # unlocking keeps what was kept
    again = book.snapshots.add(record.id, {"format": 1, "scored": {"n": 2}}, HEAD)
    assert book.snapshots.list(record.id) == [kept, again] and book.snapshots.latest(record.id) == again
    assert again.content() == {"format": 1, "scored": {"n": 2}}
    logged = book.change_log.list("period_snapshot")
    assert [entry.entity_id for entry in logged] == [str(kept.id), str(again.id)]


def test_a_snapshot_written_with_a_failing_lock_is_not_kept(book: Store) -> None:
    april = month(2026, 4)
    with pytest.raises(RuntimeError), book.atomic():
        record = book.periods.lock(april, HEAD)
        book.snapshots.add(record.id, {"format": 1}, HEAD)
        raise RuntimeError("scoring failed")
    assert book.snapshots.list() == []
    assert not book.periods.is_locked(date(2026, 4, 10))


# ---- Statements per table ----


def _insert(table: str, day: str, person: Staff) -> tuple[str, *tuple[object, ...]]:
    if table == "attendance":
        return ("INSERT INTO attendance (staff_id, day, session, status, source, updated_at)"
                " VALUES (?, ?, 'afternoon', 'absent', 'manual', 'x')", person.id, day)
    if table == "events":
        return ("INSERT INTO events (staff_id, day, criterion_code, source, created_at)"
                " VALUES (?, ?, 'DP1', 'manual', 'x')", person.id, day)
    return ("INSERT INTO punches (clock_id, at, day, imported_at, imported_by) VALUES ('8', ?, ?, 'x', 'x')",
            f"{day}T17:02:00", day)


def _harmless(table: str) -> str:
    return {"attendance": "late_minutes = 99", "events": "note = 'sửa'", "punches": "device = 'khác'"}[table]


def _move(table: str, day: str) -> str:
    if table == "punches":
        return f"day = '{day}', at = '{day}' || substr(at, 11)"
    return f"day = '{day}'"

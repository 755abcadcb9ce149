"""Check rounds kept as the checker goes: start, tick, violations, finish; and files made before m002."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlite_utils
from storage_helpers import ACTOR, make_staff

from ward_office.core.checks import Check, CheckFinishedError, CheckKind, Event, EventSource
from ward_office.core.errors import NotFoundError, PeriodLockedError
from ward_office.core.period import month
from ward_office.core.staff import Staff
from ward_office.storage import Store
from ward_office.storage.migrations import MIGRATIONS

MORNING = datetime(2026, 3, 2, 7, 40)


def started(store: Store, at: datetime = MORNING) -> Check:
    return store.checks.start(Check(at, CheckKind.BADGE, "Tổ kiểm tra", "Cổng chính"), ACTOR)


def test_a_round_is_kept_step_by_step(store: Store, person: Staff, other: Staff, db_path: Path) -> None:
    assert person.id is not None and other.id is not None
    check = started(store)
    assert check.id is not None and check.is_open and check.finished_at is None
    assert store.checks.list_open() == [check]

    ticked = store.checks.set_seen(check.id, [person.id], True, ACTOR)
    assert ticked.seen == {person.id}
    event = store.checks.add_violation(check.id, Event(other.id, date(2030, 1, 1), "TP01", "không đeo thẻ"), ACTOR)
    # The violation is dated the round's day, belongs to it, and its person counts as seen.
    assert (event.day, event.check_id, event.source) == (MORNING.date(), check.id, EventSource.CHECK)
    with Store.open(db_path, read_only=True) as again:  # each step is committed on its own
        assert again.checks.get(check.id).seen == {person.id, other.id}
        assert again.events.for_check(check.id) == [event]
        assert again.checks.list_open()[0].id == check.id
    assert store.checks.violation_counts() == {check.id: 1}

    untick = store.checks.set_seen(check.id, [person.id], False, ACTOR)
    assert untick.seen == {other.id}
    finished = store.checks.finish(check.id, datetime(2026, 3, 2, 9, 5), ACTOR)
    assert finished.finished_at == datetime(2026, 3, 2, 9, 5) and not finished.is_open
    assert store.checks.get(check.id) == finished
    assert store.checks.list_open() == []

    log = [(line.action.value, line.detail) for line in store.change_log.list("check")]
    assert [action for action, _detail in log] == ["insert", "update", "update", "update", "update"]
    assert log[1][1]["after"]["seen"] == [person.id]
    assert log[-1][1]["changed"] == ["finished_at"]


def test_a_finished_round_refuses_changes_but_a_mistaken_violation_can_go(store: Store, person: Staff,
                                                                          other: Staff) -> None:
    assert person.id is not None and other.id is not None
    check = started(store)
    assert check.id is not None
    wrong = store.checks.add_violation(check.id, Event(person.id, MORNING.date(), "TP01"), ACTOR)
    store.checks.finish(check.id, MORNING, ACTOR)
    with pytest.raises(CheckFinishedError):
        store.checks.set_seen(check.id, [other.id], True, ACTOR)
    with pytest.raises(CheckFinishedError):
        store.checks.add_violation(check.id, Event(other.id, MORNING.date(), "TP01"), ACTOR)
    with pytest.raises(CheckFinishedError):
        store.checks.finish(check.id, MORNING, ACTOR)
    # Raw SQL cannot get round it either.
    db = store.db
    for statement, params in [
        ("INSERT INTO check_seen (check_id, staff_id) VALUES (?, ?)", (check.id, other.id)),
        ("DELETE FROM check_seen WHERE check_id = ?", (check.id,)),
        ("UPDATE checks SET finished_at = NULL WHERE id = ?", (check.id,)),
        ("INSERT INTO events (staff_id, day, criterion_code, check_id, source, created_at)"
         " VALUES (?, '2026-03-02', 'TP01', ?, 'check', 'x')", (other.id, check.id)),
    ]:
        with pytest.raises(sqlite3.IntegrityError, match="check_finished"):
            db.execute(statement, params)
    store.db.conn.rollback()
    assert store.checks.get(check.id).seen == {person.id}
    # A repository that does not know about rounds gets the same refusal, in words.
    with pytest.raises(CheckFinishedError):
        store.events.add(Event(other.id, MORNING.date(), "TP01", check_id=check.id, source=EventSource.CHECK), ACTOR)

    assert wrong.id is not None
    store.checks.delete_violation(check.id, wrong.id, ACTOR)
    assert store.events.for_check(check.id) == []
    assert store.change_log.list("event")[-1].detail["before"]["check_id"] == check.id


def test_a_violation_is_deleted_only_from_its_own_round(store: Store, person: Staff) -> None:
    assert person.id is not None
    first, second = started(store), started(store, datetime(2026, 3, 3, 8))
    assert first.id is not None and second.id is not None
    event = store.checks.add_violation(first.id, Event(person.id, MORNING.date(), "TP01"), ACTOR)
    assert event.id is not None
    with pytest.raises(NotFoundError):
        store.checks.delete_violation(second.id, event.id, ACTOR)
    assert store.events.for_check(first.id) == [event]


def test_whole_rounds_added_at_once_count_as_finished(store: Store, person: Staff) -> None:
    assert person.id is not None
    stored, events = store.checks.add(Check(MORNING, CheckKind.ATTIRE, "A", seen=frozenset({person.id})), ACTOR,
                                      [Event(person.id, MORNING.date(), "TP02")])
    assert stored.finished_at == MORNING and not stored.is_open
    assert store.checks.get(stored.id) == stored  # type: ignore[arg-type]
    assert store.checks.list_open() == [] and len(events) == 1
    later = datetime(2026, 3, 2, 10)
    assert store.checks.add(Check(MORNING, CheckKind.BADGE, "A", finished_at=later), ACTOR)[0].finished_at == later


def test_locked_period_refuses_rounds_and_ticks(store: Store, person: Staff, other: Staff) -> None:
    assert person.id is not None and other.id is not None
    check = started(store)
    assert check.id is not None
    store.checks.set_seen(check.id, [person.id], True, ACTOR)
    store.periods.lock(month(2026, 3), "Chủ tịch")
    with pytest.raises(PeriodLockedError):
        started(store, datetime(2026, 3, 20, 8))
    with pytest.raises(PeriodLockedError):
        store.checks.set_seen(check.id, [other.id], True, ACTOR)
    with pytest.raises(PeriodLockedError):
        store.checks.set_seen(check.id, [person.id], False, ACTOR)
    with pytest.raises(PeriodLockedError):
        store.checks.add_violation(check.id, Event(other.id, MORNING.date(), "TP01"), ACTOR)
    assert store.checks.get(check.id).seen == {person.id}
    assert store.events.for_check(check.id) == []
    assert [c.id for c in store.checks.list()] == [check.id]
    # A round left open when its month was locked can still be closed: closing changes no record scored.
    assert not store.checks.finish(check.id, datetime(2026, 3, 2, 9), ACTOR).is_open


def test_file_made_before_m002_is_updated_and_keeps_its_rounds(db_path: Path) -> None:
    db = sqlite_utils.Database(db_path)
    MIGRATIONS.apply(db, stop_before="m002_check_finished_at")
    assert [m.name for m in MIGRATIONS.applied(db)] == ["m001_initial_schema"]
    assert "finished_at" not in db["checks"].columns_dict
    db.execute("INSERT INTO staff (code, full_name, gender, category) VALUES ('NV1', 'Lê Văn Tám', 'male',"
               " 'cong_chuc')")
    db.execute("INSERT INTO checks (started_at, kind, checker, created_at) VALUES ('2026-03-02T07:40:00', 'badge',"
               " 'A', 'x')")
    db.execute("INSERT INTO check_seen (check_id, staff_id) VALUES (1, 1)")
    db.execute("INSERT INTO events (staff_id, day, criterion_code, check_id, source, created_at)"
               " VALUES (1, '2026-03-02', 'TP01', 1, 'check', 'x')")
    db.conn.commit()
    db.close()

    with Store.open(db_path) as store:
        assert store.schema_version[:2] == ("m001_initial_schema", "m002_check_finished_at")
        old = store.checks.get(1)  # type: ignore[arg-type]
        assert old.finished_at == old.started_at == MORNING and old.seen == {1}
        assert store.checks.list_open() == []
        assert len(store.events.for_check(old.id)) == 1  # type: ignore[arg-type]
        backfill = store.change_log.list("check")
        assert [(line.action.value, line.detail["count"]) for line in backfill] == [("update", 1)]
        with pytest.raises(CheckFinishedError):
            store.checks.set_seen(old.id, [1], False, ACTOR)  # type: ignore[arg-type, list-item]
        person = store.staff.add(make_staff("NV2"), ACTOR)
        fresh = started(store, datetime(2026, 3, 3, 8))
        assert fresh.id is not None and person.id is not None
        store.checks.add_violation(fresh.id, Event(person.id, date(2026, 3, 3), "TP01"), ACTOR)
        assert store.checks.list_open() == [store.checks.get(fresh.id)]


def test_fresh_file_logs_no_backfill(store: Store) -> None:
    assert store.change_log.list() == []
    assert "finished_at" in store.db["checks"].columns_dict

"""Each change writes its log line in the same transaction, with the values before and after."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from storage_helpers import ACTOR, late, make_staff

from ward_office.core.change_log import ChangeAction
from ward_office.core.checks import Check, CheckKind, Event
from ward_office.core.errors import PeriodLockedError
from ward_office.core.period import month
from ward_office.core.schedule import Holiday, Session
from ward_office.core.staff import Staff
from ward_office.core.unit import Unit
from ward_office.storage import DuplicateError, Store


def test_staff_changes_are_logged(store: Store) -> None:
    person = store.staff.add(make_staff("NV001"), ACTOR)
    store.staff.update(dataclasses.replace(person, position="Trưởng phòng"), "Trưởng phòng TCCB")
    lines = store.change_log.list("staff", person.id)
    assert [(line.action, line.actor) for line in lines] == [
        (ChangeAction.INSERT, ACTOR), (ChangeAction.UPDATE, "Trưởng phòng TCCB")]
    assert lines[0].detail["after"]["code"] == "NV001"
    assert lines[1].detail["before"]["position"] == "Chuyên viên"
    assert lines[1].detail["after"]["position"] == "Trưởng phòng"
    assert lines[1].detail["changed"] == ["position"]
    assert lines[1].entity_id == str(person.id)
    store.staff.delete(person.id, ACTOR)  # type: ignore[arg-type]
    assert store.change_log.list("staff")[-1].action is ChangeAction.DELETE


def test_attendance_changes_are_logged(store: Store, person: Staff) -> None:
    day = date(2026, 3, 2)
    record = store.attendance.set(late(person.id, day, 5), ACTOR)
    store.attendance.set(late(person.id, day, 25), ACTOR)
    store.attendance.clear(person.id, day, Session.MORNING, ACTOR)  # type: ignore[arg-type]
    lines = store.change_log.list("attendance", record.id)
    assert [line.action for line in lines] == [ChangeAction.INSERT, ChangeAction.UPDATE, ChangeAction.DELETE]
    assert lines[1].detail["before"]["late_minutes"] == 5 and lines[1].detail["after"]["late_minutes"] == 25
    assert lines[2].detail["before"]["day"] == "2026-03-02"


def test_bulk_writes_log_one_import_line(store: Store, person: Staff) -> None:
    store.attendance.add_many([late(person.id, date(2026, 3, d)) for d in (3, 1, 2)], ACTOR)
    store.attendance.add_many([late(person.id, date(2026, 3, 2), 40)], ACTOR, replace=True)
    lines = store.change_log.list("attendance")
    assert [line.action for line in lines] == [ChangeAction.IMPORT, ChangeAction.IMPORT]
    assert {key: lines[0].detail[key] for key in ("count", "first_day", "last_day")} == {
        "count": 3, "first_day": "2026-03-01", "last_day": "2026-03-03"}
    assert [(row["day"], row["late_minutes"]) for row in lines[0].detail["after"]] == [
        ("2026-03-03", 10), ("2026-03-01", 10), ("2026-03-02", 10)]
    assert [row["late_minutes"] for row in lines[1].detail["replaced"]] == [10]


def test_every_repository_logs(store: Store, person: Staff) -> None:
    assert person.id is not None
    store.unit.save(Unit(head_name="A"), ACTOR)
    store.departments.add("Tổ mới", ACTOR)
    store.schedule.save(store.schedule.get(), ACTOR)
    store.schedule.add_holiday(Holiday(date(2026, 3, 8), "8/3"), ACTOR)
    store.schedule.remove_holiday(date(2026, 3, 8), ACTOR)
    store.checks.add(Check(datetime(2026, 3, 2, 8), CheckKind.BADGE, "A", seen=frozenset({person.id})), ACTOR,
                     [Event(person.id, date(2026, 3, 2), "TP1")])
    store.periods.lock(month(2026, 1), ACTOR)
    store.periods.unlock(month(2026, 1), ACTOR, "nhầm kỳ")
    seen = [(line.entity, line.action.value) for line in store.change_log.list()]
    assert seen == [
        ("staff", "insert"), ("unit", "insert"), ("department", "insert"), ("work_schedule", "update"),
        ("holiday", "insert"), ("holiday", "delete"), ("check", "insert"), ("event", "insert"),
        ("period", "insert"), ("period", "lock"), ("period", "unlock"),
    ]
    assert store.change_log.list("period")[-1].detail["reason"] == "nhầm kỳ"
    assert store.change_log.list("check")[0].detail["after"]["seen"] == [person.id]
    assert [line.entity for line in store.change_log.list(limit=2)] == ["period", "period"]


def test_failed_change_leaves_no_log_line(store: Store, person: Staff) -> None:
    lines = len(store.change_log.list())
    with pytest.raises(DuplicateError):
        store.staff.add(make_staff("NV001"), ACTOR)
    store.periods.lock(month(2026, 3), ACTOR)
    lines = len(store.change_log.list())
    with pytest.raises(PeriodLockedError):
        store.attendance.set(late(person.id, date(2026, 3, 2)), ACTOR)
    assert len(store.change_log.list()) == lines


def test_log_time_comes_from_the_clock(db_path: Path) -> None:
    moment = datetime(2026, 3, 2, 8, 30, tzinfo=timezone(timedelta(hours=7)))
    with Store.open(db_path, clock=lambda: moment) as store:
        store.departments.add("Tổ mới", ACTOR)
        assert store.change_log.list()[0].at == moment


def test_filters_by_person_and_by_writer_go_through_indexes(store: Store, person: Staff) -> None:
    """A filter that matches few lines of a big log must not read the whole log (migration m006)."""
    store.attendance.set(late(person.id, date(2026, 3, 2), 25), "Hùng")
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        assert [line.actor for line in store.change_log.find(staff_ids=[person.id])] == ["Hùng", ACTOR]
        assert [line.entity for line in store.change_log.find(who="Hùng")] == ["attendance"]
    finally:
        store.conn.set_trace_callback(None)
    by_person, by_writer = (statement for statement in statements if "FROM change_log" in statement)

    def plan(statement: str) -> str:
        return " ".join(row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {statement}"))

    assert "USING INDEX change_log_by_staff" in plan(by_person)
    assert "USING INDEX change_log_by_actor" in plan(by_writer)

"""Every kind of record goes into a real file and comes back equal."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from pathlib import Path

import pytest
from storage_helpers import ACTOR, late, make_staff, on_leave

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode, RecordSource
from ward_office.core.checks import Check, CheckKind, Event, EventSource
from ward_office.core.errors import NotFoundError
from ward_office.core.schedule import DayKind, Holiday, Season, Session, SessionHours, WorkSchedule
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.core.unit import Unit
from ward_office.storage import DuplicateError, Store

# ---- Unit and departments ----


def test_unit_defaults_then_round_trip(store: Store, db_path: Path) -> None:
    assert store.unit.get() == Unit()
    unit = Unit("Ủy ban nhân dân phường Bến Thành", "UBND Quận 1", "1 Lê Lợi", "Bến Thành", "Chủ tịch",
                "Trần Văn An", "Lê Thị Bình")
    store.unit.save(unit, ACTOR)
    store.unit.save(dataclasses.replace(unit, head_name="Phạm Văn Cường"), ACTOR)
    with Store.open(db_path, read_only=True) as again:
        assert again.unit.get() == dataclasses.replace(unit, head_name="Phạm Văn Cường")
    assert store.db.execute("SELECT count(*) FROM unit").fetchone()[0] == 1


def test_departments(store: Store) -> None:
    added = store.departments.add("Tổ công nghệ", ACTOR)
    assert added.id is not None and added.sort_order == 5
    assert store.departments.get(added.id) == added
    assert store.departments.get_or_create("Tổ công nghệ", ACTOR) == added
    assert store.departments.get_or_create(" Tổ công nghệ ", ACTOR) == added
    created = store.departments.get_or_create("Tổ bảo vệ", ACTOR)
    assert [d.name for d in store.departments.list()][-2:] == ["Tổ công nghệ", "Tổ bảo vệ"]
    assert store.departments.by_name("Tổ bảo vệ") == created
    with pytest.raises(DuplicateError):
        store.departments.add("Tổ bảo vệ", ACTOR)
    with pytest.raises(NotFoundError):
        store.departments.get(999)  # type: ignore[arg-type]


# ---- Staff ----


def full_staff(store: Store) -> Staff:
    department = store.departments.list()[1]
    return Staff("NV010", "Nguyễn Văn Đức", Gender.MALE, "Phó Chủ tịch", StaffCategory.CAN_BO,
                 department.id, "B-17", "0042", date(2020, 3, 1), date(2026, 6, 30), "chuyển công tác")


def test_staff_round_trip(store: Store, db_path: Path) -> None:
    staff = store.staff.add(full_staff(store), ACTOR)
    assert staff.id is not None
    with Store.open(db_path, read_only=True) as again:
        assert again.staff.get(staff.id) == staff
        assert again.staff.by_code("NV010") == staff
        assert again.staff.by_clock_id("0042") == staff
    assert store.staff.by_code("nope") is None
    assert store.staff.by_clock_id("") is None


def test_staff_update(store: Store, person: Staff) -> None:
    assert person.id is not None
    changed = dataclasses.replace(person, position="Trưởng phòng", active_to=date(2027, 1, 31))
    store.staff.update(changed, ACTOR)
    assert store.staff.get(person.id) == changed
    with pytest.raises(NotFoundError):
        store.staff.update(make_staff("NV404"), ACTOR)


def test_staff_list_active_on(store: Store) -> None:
    store.staff.add_many([
        make_staff("A", active_to=date(2025, 12, 31)),
        make_staff("B"),
        make_staff("C", active_from=date(2026, 3, 1)),
        make_staff("D", active_from=date(2026, 1, 1), active_to=date(2026, 1, 1)),
    ], ACTOR)
    assert [s.code for s in store.staff.list()] == ["A", "B", "C", "D"]
    assert [s.code for s in store.staff.list(active_on=date(2026, 1, 1))] == ["B", "D"]
    assert [s.code for s in store.staff.list(active_on=date(2025, 12, 31))] == ["A", "B"]
    assert [s.code for s in store.staff.list(active_on=date(2026, 3, 1))] == ["B", "C"]


def test_staff_unique_code_and_clock_id(store: Store, person: Staff) -> None:
    with pytest.raises(DuplicateError, match="NV001"):
        store.staff.add(make_staff("NV001"), ACTOR)
    store.staff.add(make_staff("X1", clock_id="7"), ACTOR)
    with pytest.raises(DuplicateError, match="7"):
        store.staff.add(make_staff("X2", clock_id="7"), ACTOR)
    # Many people may have no clock id.
    store.staff.add_many([make_staff("X3"), make_staff("X4")], ACTOR)
    with pytest.raises(DuplicateError):
        store.staff.update(dataclasses.replace(person, code="X1"), ACTOR)


def test_staff_unique_even_through_raw_sql(store: Store, person: Staff) -> None:
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        store.db.execute(
            "INSERT INTO staff (code, full_name, gender, category) VALUES ('NV001', 'x', 'male', 'can_bo')"
        )


def test_staff_add_many_is_all_or_nothing(store: Store) -> None:
    with pytest.raises(DuplicateError):
        store.staff.add_many([make_staff("S1"), make_staff("S2"), make_staff("S1")], ACTOR)
    assert store.staff.list() == []
    added = store.staff.add_many([make_staff("S1"), make_staff("S2")], ACTOR)
    assert [s.id for s in added] == [s.id for s in store.staff.list()]


# ---- Schedule and holidays ----


def test_schedule_round_trip(store: Store, db_path: Path) -> None:
    schedule = WorkSchedule(
        seasons=(Season("Cả năm", (1, 1), (12, 31), SessionHours(time(7, 15), time(11, 45)),
                        SessionHours(time(13, 0), time(16, 30))),),
        work_weekdays=frozenset({0, 1, 2, 3, 4, 5}),
        grace_minutes=0,
    )
    store.schedule.save(schedule, ACTOR)
    with Store.open(db_path, read_only=True) as again:
        assert again.schedule.get() == schedule


def test_holidays_add_replace_remove(store: Store) -> None:
    store.schedule.add_holiday(Holiday(date(2026, 3, 8), "Ngày Quốc tế Phụ nữ"), ACTOR)
    store.schedule.add_holiday(Holiday(date(2026, 3, 7), "Làm bù", DayKind.WORKING_DAY), ACTOR)
    store.schedule.add_holiday(Holiday(date(2026, 3, 8), "Nghỉ 8/3"), ACTOR)
    assert store.schedule.holidays(2026) == [
        Holiday(date(2026, 3, 7), "Làm bù", DayKind.WORKING_DAY),
        Holiday(date(2026, 3, 8), "Nghỉ 8/3"),
    ]
    assert store.schedule.holidays(2025) == []
    assert store.schedule.remove_holiday(date(2026, 3, 8), ACTOR) is True
    assert store.schedule.remove_holiday(date(2026, 3, 8), ACTOR) is False
    assert [h.day for h in store.schedule.holidays()] == [date(2026, 3, 7)]


def test_calendar(store: Store) -> None:
    store.schedule.add_holiday(Holiday(date(2026, 3, 9), "Nghỉ"), ACTOR)  # a Monday
    store.schedule.add_holiday(Holiday(date(2026, 3, 7), "Làm bù", DayKind.WORKING_DAY), ACTOR)  # a Saturday
    calendar = store.schedule.calendar(date(2026, 3, 1), date(2026, 3, 31))
    assert calendar.schedule == store.schedule.get()
    assert set(calendar.holidays) == {date(2026, 3, 7), date(2026, 3, 9)}
    days = list(calendar.working_days(date(2026, 3, 6), date(2026, 3, 10)))
    assert days == [date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 10)]


# ---- Attendance ----


def test_attendance_upsert_and_clear(store: Store, person: Staff) -> None:
    day = date(2026, 3, 2)
    first = store.attendance.set(late(person.id, day, 12), ACTOR)
    assert first.id is not None and first.recorded_by == ACTOR
    assert store.attendance.get(person.id, day, Session.MORNING) == first  # type: ignore[arg-type]
    second = store.attendance.set(on_leave(person.id, day, LeaveCode.SICK), ACTOR)
    assert second.id == first.id
    assert store.attendance.for_day(day) == [second]
    assert store.db.execute("SELECT count(*) FROM attendance").fetchone()[0] == 1
    assert store.attendance.clear(person.id, day, Session.MORNING, ACTOR) is True  # type: ignore[arg-type]
    assert store.attendance.get(person.id, day, Session.MORNING) is None  # type: ignore[arg-type]
    assert store.attendance.clear(person.id, day, Session.MORNING, ACTOR) is False  # type: ignore[arg-type]


@pytest.mark.parametrize("code", list(LeaveCode))
def test_every_leave_code_round_trips(store: Store, person: Staff, code: LeaveCode) -> None:
    stored = store.attendance.set(on_leave(person.id, date(2026, 3, 2), code, Session.AFTERNOON), ACTOR)
    assert store.attendance.between(date(2026, 3, 1), date(2026, 3, 31)) == [stored]


def test_every_attendance_field_round_trips(store: Store, person: Staff, db_path: Path) -> None:
    assert person.id is not None
    records = [
        Attendance(person.id, date(2026, 3, 2), Session.MORNING, AttendanceStatus.PRESENT, 7, 3,
                   missing_punch=True, source=RecordSource.CLOCK, note="quên chấm công", recorded_by="máy"),
        Attendance(person.id, date(2026, 3, 2), Session.AFTERNOON, AttendanceStatus.ABSENT,
                   source=RecordSource.IMPORT),
    ]
    stored = [store.attendance.set(record, ACTOR) for record in records]
    with Store.open(db_path, read_only=True) as again:
        assert again.attendance.between(date(2026, 3, 2), date(2026, 3, 2), person.id) == stored
    assert [dataclasses.replace(s, id=None) for s in stored] == [
        records[0], dataclasses.replace(records[1], recorded_by=ACTOR)]


def test_attendance_between(store: Store, person: Staff, other: Staff) -> None:
    records = [late(p.id, date(2026, 3, d)) for d in (1, 15, 31) for p in (person, other)]
    assert store.attendance.add_many(records, ACTOR) == 6
    march = store.attendance.between(date(2026, 3, 1), date(2026, 3, 31))
    assert [(a.day.day, a.staff_id) for a in march] == [(d, p.id) for d in (1, 15, 31) for p in (person, other)]
    assert len(store.attendance.between(date(2026, 3, 2), date(2026, 3, 31), other.id)) == 2
    assert store.attendance.between(date(2026, 4, 1), date(2026, 4, 30)) == []


def test_attendance_add_many_refuses_a_session_already_recorded(store: Store, person: Staff) -> None:
    store.attendance.set(late(person.id, date(2026, 3, 3)), ACTOR)
    batch = [late(person.id, date(2026, 3, d), 20) for d in (2, 3, 4)]
    with pytest.raises(DuplicateError, match="2026-03-03"):
        store.attendance.add_many(batch, ACTOR)
    assert [a.day.day for a in store.attendance.between(date(2026, 3, 1), date(2026, 3, 31))] == [3]
    with pytest.raises(DuplicateError):
        store.attendance.add_many([late(person.id, date(2026, 3, 9))] * 2, ACTOR)
    assert store.attendance.add_many(batch, ACTOR, replace=True) == 3
    march = store.attendance.between(date(2026, 3, 1), date(2026, 3, 31))
    assert [(a.day.day, a.late_minutes) for a in march] == [(2, 20), (3, 20), (4, 20)]


def test_attendance_unique_through_raw_sql(store: Store, person: Staff) -> None:
    import sqlite3

    store.attendance.set(late(person.id, date(2026, 3, 3)), ACTOR)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        store.db.execute(
            "INSERT INTO attendance (staff_id, day, session, status, source, updated_at)"
            " VALUES (?, '2026-03-03', 'morning', 'absent', 'manual', 'now')", (person.id,))


# ---- Checks and events ----


def test_check_with_events_round_trip(store: Store, person: Staff, other: Staff, db_path: Path) -> None:
    assert person.id is not None and other.id is not None
    check = Check(datetime(2026, 3, 2, 7, 40), CheckKind.BADGE, "Tổ kiểm tra", "Cổng chính", "đợt 1",
                  frozenset({person.id, other.id}))
    stored, events = store.checks.add(check, ACTOR, [Event(person.id, date(2026, 3, 2), "TP1", "không đeo thẻ")])
    assert stored.id is not None and stored.seen == check.seen
    assert events[0].check_id == stored.id and events[0].source is EventSource.CHECK
    assert events[0].recorded_by == ACTOR and events[0].id is not None
    with Store.open(db_path, read_only=True) as again:
        assert again.checks.get(stored.id) == stored
        assert again.checks.list() == [stored]
        assert again.events.for_check(stored.id) == events
    later = store.checks.add(Check(datetime(2026, 3, 5, 14, 0), CheckKind.CONDUCT, "Tổ kiểm tra"), ACTOR)[0]
    assert store.checks.list(date(2026, 3, 2), date(2026, 3, 2)) == [stored]
    assert store.checks.list(date(2026, 3, 3)) == [later]
    assert store.checks.list(end=date(2026, 3, 5)) == [stored, later]
    assert later.seen == frozenset()


@pytest.mark.parametrize("kind", list(CheckKind))
def test_every_check_kind_round_trips(store: Store, kind: CheckKind) -> None:
    stored, _ = store.checks.add(Check(datetime(2026, 3, 2, 8, 0), kind, "A"), ACTOR)
    assert store.checks.get(stored.id) == stored  # type: ignore[arg-type]


def test_check_is_atomic(store: Store, person: Staff) -> None:
    assert person.id is not None
    count_before = store.db.execute("SELECT (SELECT count(*) FROM checks) + (SELECT count(*) FROM check_seen)"
                                    " + (SELECT count(*) FROM events) + (SELECT count(*) FROM change_log)"
                                    ).fetchone()[0]
    events = [Event(person.id, date(2026, 3, 2), "TP1"), Event(9999, date(2026, 3, 2), "TP1")]  # type: ignore[arg-type]
    with pytest.raises(Exception, match="does not exist"):
        store.checks.add(Check(datetime(2026, 3, 2, 7, 40), CheckKind.BADGE, "A", seen=frozenset({person.id})),
                         ACTOR, events)
    count_after = store.db.execute("SELECT (SELECT count(*) FROM checks) + (SELECT count(*) FROM check_seen)"
                                   " + (SELECT count(*) FROM events) + (SELECT count(*) FROM change_log)"
                                   ).fetchone()[0]
    assert count_after == count_before
    assert store.checks.list() == [] and store.events.list(date(2026, 1, 1), date(2026, 12, 31)) == []


def test_events(store: Store, person: Staff, other: Staff, db_path: Path) -> None:
    assert person.id is not None and other.id is not None
    first = store.events.add(Event(person.id, date(2026, 3, 2), "DP1", "đi muộn", "Tổ trưởng"), ACTOR)
    assert first.recorded_by == "Tổ trưởng"
    assert store.events.add_many([Event(other.id, date(2026, 3, d), "KT1", source=EventSource.IMPORT)
                                  for d in (1, 2, 31)], ACTOR) == 3
    with Store.open(db_path, read_only=True) as again:
        assert again.events.get(first.id) == first  # type: ignore[arg-type]
        march = again.events.list(date(2026, 3, 1), date(2026, 3, 31))
    assert [(e.day.day, e.staff_id) for e in march] == [(1, other.id), (2, person.id), (2, other.id),
                                                         (31, other.id)]
    assert march[0].source is EventSource.IMPORT and march[0].recorded_by == ACTOR
    assert store.events.list(date(2026, 3, 2), date(2026, 3, 2), person.id) == [first]
    store.events.delete(first.id, ACTOR)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        store.events.get(first.id)  # type: ignore[arg-type]


def test_events_add_many_is_all_or_nothing(store: Store, person: Staff) -> None:
    assert person.id is not None
    with pytest.raises(Exception, match="does not exist"):
        store.events.add_many([Event(person.id, date(2026, 3, 2), "A"), Event(999, date(2026, 3, 2), "A")],  # type: ignore[arg-type]
                              ACTOR)
    assert store.events.list(date(2026, 1, 1), date(2026, 12, 31)) == []


# ---- Transactions across repositories ----


def test_store_atomic_groups_writes(store: Store, person: Staff) -> None:
    assert person.id is not None
    with pytest.raises(DuplicateError), store.atomic():
        store.attendance.set(late(person.id, date(2026, 3, 2)), ACTOR)
        store.events.add(Event(person.id, date(2026, 3, 2), "DP1"), ACTOR)
        store.staff.add(make_staff("NV001"), ACTOR)
    assert store.attendance.for_day(date(2026, 3, 2)) == []
    assert store.events.list(date(2026, 3, 2), date(2026, 3, 2)) == []
    with store.atomic(), store.atomic():
        store.attendance.set(late(person.id, date(2026, 3, 2)), ACTOR)
    assert len(store.attendance.for_day(date(2026, 3, 2))) == 1


def test_write_needs_an_actor(store: Store) -> None:
    from ward_office.storage import DatabaseError

    with pytest.raises(DatabaseError, match="name of the person"):
        store.departments.add("Tổ X", " ")
    assert store.departments.by_name("Tổ X") is None

"""The change log read back as typed lines: kind of record, action, values before and after as domain values,
and lines of older programs still readable."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date, datetime
from pathlib import Path

from storage_helpers import ACTOR, late, on_leave

from ward_office.core.access import Role
from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.change_log import Change, ChangeAction, ChangeEntity, ChangeField
from ward_office.core.checks import Check, CheckKind, Event
from ward_office.core.period import Period, PeriodKind, PeriodState, month
from ward_office.core.schedule import DayKind, Holiday, Session
from ward_office.core.staff import Staff
from ward_office.storage import Store
from ward_office.storage.log_chain import append_line

DAY = date(2026, 3, 2)
HASH = "scrypt$16384$8$1$c2FsdA==$aGFzaA=="


def newest(store: Store, entity: ChangeEntity) -> Change:
    return store.change_log.changes(entity)[-1]


def test_attendance_lines_hold_attendance_before_and_after(store: Store, person: Staff) -> None:
    assert person.id is not None
    store.attendance.set(late(person.id, DAY, 5), ACTOR)
    store.attendance.set(on_leave(person.id, DAY, LeaveCode.SICK), ACTOR)
    line = newest(store, ChangeEntity.ATTENDANCE)
    assert (line.entity, line.action, line.actor) == (ChangeEntity.ATTENDANCE, ChangeAction.UPDATE, ACTOR)
    assert isinstance(line.before, Attendance) and isinstance(line.after, Attendance)
    assert (line.before.late_minutes, line.before.status) == (5, AttendanceStatus.PRESENT)
    assert (line.after.status, line.after.leave_code, line.after.day) == (AttendanceStatus.LEAVE, LeaveCode.SICK, DAY)
    assert line.old[ChangeField.DAY] == DAY and line.new[ChangeField.SESSION] is Session.MORNING
    assert line.new[ChangeField.STAFF] == person.id
    assert set(line.changed) == {ChangeField.STATUS, ChangeField.LATE_MINUTES, ChangeField.LEAVE_CODE}
    store.attendance.clear(person.id, DAY, Session.MORNING, ACTOR)
    cleared = newest(store, ChangeEntity.ATTENDANCE)
    assert cleared.action is ChangeAction.DELETE and cleared.after is None
    assert isinstance(cleared.before, Attendance) and cleared.before.leave_code is LeaveCode.SICK


def test_an_import_line_holds_its_totals_typed(store: Store, person: Staff) -> None:
    store.attendance.add_many([late(person.id, date(2026, 3, d)) for d in (3, 1, 2)], ACTOR)
    line = newest(store, ChangeEntity.ATTENDANCE)
    assert line.action is ChangeAction.IMPORT and line.before is None and line.after is None
    assert line.facts[ChangeField.COUNT] == 3
    assert (line.facts[ChangeField.FIRST_DAY], line.facts[ChangeField.LAST_DAY]) == (date(2026, 3, 1),
                                                                                      date(2026, 3, 3))
    assert [row[ChangeField.DAY] for row in line.facts[ChangeField.ROWS]] == [date(2026, 3, d) for d in (3, 1, 2)]


def test_staff_event_and_check_lines_hold_their_records(store: Store, person: Staff, other: Staff) -> None:
    assert person.id is not None and other.id is not None
    store.staff.update(dataclasses.replace(person, position="Trưởng phòng"), ACTOR)
    staff_line = newest(store, ChangeEntity.STAFF)
    assert isinstance(staff_line.before, Staff) and isinstance(staff_line.after, Staff)
    assert (staff_line.before.position, staff_line.after.position) == ("Chuyên viên", "Trưởng phòng")
    assert staff_line.changed == (ChangeField.POSITION,) and staff_line.record_id == str(person.id)

    store.events.add(Event(person.id, DAY, "TP01", "Không đeo thẻ"), ACTOR)
    event_line = newest(store, ChangeEntity.EVENT)
    assert event_line.after == Event(person.id, DAY, "TP01", "Không đeo thẻ", ACTOR)

    check = store.checks.start(Check(datetime(2026, 3, 2, 8), CheckKind.BADGE, "Tổ kiểm tra"), ACTOR)
    assert check.id is not None
    started = newest(store, ChangeEntity.CHECK)
    assert started.after == dataclasses.replace(check, id=None)
    store.checks.set_seen(check.id, [person.id, other.id], True, ACTOR)
    seen = newest(store, ChangeEntity.CHECK)  # only the list of people seen: no whole round to make
    assert seen.before is None and seen.after is None and seen.changed == (ChangeField.SEEN,)
    assert (seen.old[ChangeField.SEEN], seen.new[ChangeField.SEEN]) == ((), (person.id, other.id))


def test_settings_lines_are_typed_values(store: Store) -> None:
    store.schedule.add_holiday(Holiday(date(2026, 12, 24), "Làm bù", DayKind.WORKING_DAY), ACTOR)
    assert newest(store, ChangeEntity.HOLIDAY).after == Holiday(date(2026, 12, 24), "Làm bù", DayKind.WORKING_DAY)
    store.periods.lock(month(2026, 3), ACTOR)
    locked = newest(store, ChangeEntity.PERIOD)
    assert locked.action is ChangeAction.LOCK
    assert locked.after == Period(PeriodKind.MONTH, date(2026, 3, 1), date(2026, 3, 31))
    assert locked.new[ChangeField.STATE] is PeriodState.LOCKED
    account = store.accounts.add("lan", "Nguyễn Thị Lan", Role.CLERK, HASH, ACTOR)
    assert account.id is not None
    store.accounts.set_role(account.id, Role.HEAD, ACTOR)
    role_line = newest(store, ChangeEntity.ACCOUNT)
    assert (role_line.old[ChangeField.ROLE], role_line.new[ChangeField.ROLE]) == (Role.CLERK, Role.HEAD)
    department = store.departments.add("Văn phòng", ACTOR)
    assert newest(store, ChangeEntity.DEPARTMENT).new[ChangeField.NAME] == "Văn phòng" and department.id


def test_find_filters_by_kind_and_gives_typed_lines(store: Store, person: Staff) -> None:
    store.attendance.set(late(person.id, DAY, 5), ACTOR)
    found = store.change_log.find(entities=[ChangeEntity.ATTENDANCE])
    assert [line.entity for line in found] == [ChangeEntity.ATTENDANCE]
    assert [line.entity for line in store.change_log.find(entities=[ChangeEntity.STAFF])] == [ChangeEntity.STAFF]
    assert store.change_log.find(entities=[]) == []


def _write_old_lines(db_path: Path, staff_id: int) -> None:
    """Lines as older programs wrote them: the m002 migration's line (no record, no row), a restore of the
    book, a kind this version does not know, a leave without its type, a day not in ISO form."""
    conn = sqlite3.connect(db_path)
    try:
        with conn:
            at = "2026-03-02T08:00:00+07:00"
            append_line(conn, at, "ward-office", "update", "check", None,
                        '{"migration": "m002_check_finished_at", "count": 3, "finished_at": "started_at"}')
            append_line(conn, at, "Lan", "update", "database", None, '{"restored_from": "so-2026-03-01.sqlite"}')
            append_line(conn, at, "Lan", "insert", "future_thing", "7", '{"after": {"colour": "blue"}}')
            append_line(conn, at, "Lan", "insert", "attendance", "9",
                        f'{{"after": {{"staff_id": {staff_id}, "day": "2026-03-02", "session": "morning",'
                        ' "status": "leave", "leave_code": null}}')
            append_line(conn, at, "Lan", "insert", "holiday", None, '{"after": {"day": "02/03/2026", "name": "Lễ"}}')
    finally:
        conn.close()


def test_lines_of_older_programs_are_still_read(store: Store, person: Staff, db_path: Path) -> None:
    assert person.id is not None
    _write_old_lines(db_path, person.id)
    migration, restore, unknown, leave, holiday = store.change_log.changes()[-5:]
    assert migration.entity is ChangeEntity.CHECK and migration.record_id is None and migration.after is None
    assert migration.facts == {ChangeField.MIGRATION: "m002_check_finished_at", ChangeField.COUNT: 3,
                               ChangeField.FINISHED_AT: "started_at"}  # not a moment: kept as written
    assert restore.entity is ChangeEntity.DATABASE
    assert restore.facts == {ChangeField.RESTORED_FROM: "so-2026-03-01.sqlite"}
    assert (unknown.entity, unknown.new) == ("future_thing", {"colour": "blue"})
    assert leave.after is None  # leave without a type is no Attendance of this version…
    assert leave.new[ChangeField.STATUS] is AttendanceStatus.LEAVE  # …but its values are still read
    assert holiday.new[ChangeField.DAY] == "02/03/2026" and holiday.after is None

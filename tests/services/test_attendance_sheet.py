"""The day sheet and month timesheet services on a real database file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.errors import PeriodLockedError, WardOfficeError
from ward_office.core.period import month
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.services.attendance_sheet import (
    Cell,
    Mark,
    day_sheet,
    mark_cells,
    month_sheet,
    official_order,
    session_code,
    undo,
)
from ward_office.services.ward import Ward

ACTOR = "Nguyễn Thị Lan"
MONDAY = date(2026, 11, 16)
SATURDAY = date(2026, 11, 21)
NATIONAL_DAY = date(2026, 9, 2)


def person(code: str, name: str, position: str = "Chuyên viên", **changes: object) -> Staff:
    values: dict[str, object] = {"code": code, "full_name": name, "gender": Gender.FEMALE, "position": position,
                                 "category": StaffCategory.CONG_CHUC}
    values.update(changes)
    return Staff(**values)  # type: ignore[arg-type]


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Ward]:
    with Ward.open(tmp_path / "ward.db", actor=ACTOR) as opened:
        department = opened.departments()[0]
        opened.store.staff.add_many([
            person("NV001", "Trần Văn Bình"),
            person("NV002", "Lê Thị An"),
            person("NV003", "Đỗ Minh Hải", "Chủ tịch UBND", gender=Gender.MALE, department_id=department.id),
            person("NV004", "Phạm Văn Cũ", active_to=date(2026, 11, 10)),
        ], ACTOR)
        opened.store.schedule.ensure_holidays(2026, ACTOR)
        yield opened


def staff_id(ward: Ward, code: str):
    return next(member.id for member in ward.staff() if member.code == code)


def test_day_sheet_lists_active_staff_in_official_order(ward: Ward) -> None:
    sheet = day_sheet(ward, MONDAY)
    assert [row.staff.full_name for row in sheet.rows] == ["Đỗ Minh Hải", "Lê Thị An", "Trần Văn Bình"]
    assert sheet.rows[0].department == ward.departments()[0].name
    assert sheet.working_day and not sheet.holiday_name and not sheet.locked_period
    assert all(row.morning is None and row.afternoon is None for row in sheet.rows)
    counts = sheet.counts()
    assert (counts.staff, counts.present, counts.late, counts.on_leave, counts.absent) == (3, 3, 0, 0, 0)


def test_official_order_puts_leaders_first() -> None:
    people = [person("A", "Lê Văn An"), person("B", "Nguyễn Bá", "Phó Chủ tịch"), person("C", "Đỗ Anh")]
    assert [member.code for member in official_order(people)] == ["B", "A", "C"]


def test_weekend_and_holiday(ward: Ward) -> None:
    saturday = day_sheet(ward, SATURDAY)
    assert not saturday.working_day and not saturday.is_holiday
    holiday = day_sheet(ward, NATIONAL_DAY)
    assert not holiday.working_day and holiday.is_holiday and holiday.holiday_name


def test_mark_late_then_undo(ward: Ward) -> None:
    cell = Cell(staff_id(ward, "NV001"), MONDAY, Session.MORNING)
    token = mark_cells(ward, [cell], Mark.late(15))
    record = ward.store.attendance.get(cell.staff_id, MONDAY, Session.MORNING)
    assert record is not None and record.late_minutes == 15 and record.recorded_by == ACTOR
    assert len(token) == 1 and token.before[0] == (cell, None)
    assert day_sheet(ward, MONDAY).counts().late == 1

    redo = undo(ward, token)
    assert ward.store.attendance.get(cell.staff_id, MONDAY, Session.MORNING) is None
    assert redo.before[0][1] is not None and redo.before[0][1].late_minutes == 15
    log = ward.store.change_log.list("attendance")
    assert [(entry.action.value, entry.actor) for entry in log] == [("insert", ACTOR), ("delete", ACTOR)]


def test_late_keeps_early_and_note_on_a_present_record(ward: Ward) -> None:
    sid = staff_id(ward, "NV002")
    ward.store.attendance.set(Attendance(sid, MONDAY, Session.AFTERNOON, early_minutes=20, note="Đi họp"), "x")
    mark_cells(ward, [Cell(sid, MONDAY, Session.AFTERNOON)], Mark.late(5))
    record = ward.store.attendance.get(sid, MONDAY, Session.AFTERNOON)
    assert record is not None
    assert (record.late_minutes, record.early_minutes, record.note) == (5, 20, "Đi họp")
    assert record.recorded_by == ACTOR


def test_leave_absent_and_present_on_many_cells_in_one_go(ward: Ward) -> None:
    first, second = staff_id(ward, "NV001"), staff_id(ward, "NV002")
    cells = [Cell(first, MONDAY, Session.MORNING), Cell(first, MONDAY, Session.AFTERNOON),
             Cell(second, MONDAY, Session.MORNING)]
    token = mark_cells(ward, cells, Mark.leave(LeaveCode.SICK))
    assert len(token) == 3
    records = ward.store.attendance.for_day(MONDAY)
    assert {(record.staff_id, record.session, record.leave_code) for record in records} == {
        (first, Session.MORNING, LeaveCode.SICK), (first, Session.AFTERNOON, LeaveCode.SICK),
        (second, Session.MORNING, LeaveCode.SICK)}
    absent = mark_cells(ward, cells[:1], Mark.absent())
    assert ward.store.attendance.get(first, MONDAY, Session.MORNING).status is AttendanceStatus.ABSENT
    assert absent.before[0][1].leave_code is LeaveCode.SICK
    counts = day_sheet(ward, MONDAY).counts()
    assert (counts.present, counts.on_leave, counts.absent) == (2, 2, 1)

    cleared = mark_cells(ward, cells, Mark.present())
    assert ward.store.attendance.for_day(MONDAY) == []
    assert len(cleared) == 3
    assert not mark_cells(ward, cells, Mark.present())  # nothing left to change
    undo(ward, cleared)
    assert len(ward.store.attendance.for_day(MONDAY)) == 3


def test_bad_marks_are_refused() -> None:
    with pytest.raises(WardOfficeError):
        Mark.late(0)
    with pytest.raises(WardOfficeError):
        Mark.early(1000)


def test_locked_period_refuses_and_changes_nothing(ward: Ward) -> None:
    sid = staff_id(ward, "NV001")
    ward.store.periods.lock(month(2026, 11), ACTOR)
    sheet = day_sheet(ward, MONDAY)
    assert sheet.locked_period
    with pytest.raises(PeriodLockedError) as caught:
        mark_cells(ward, [Cell(sid, MONDAY, Session.MORNING), Cell(sid, date(2026, 12, 1), Session.MORNING)],
                   Mark.absent())
    assert "16/11/2026" in caught.value.localized()
    assert ward.store.attendance.between(MONDAY, date(2026, 12, 31)) == []


def test_month_sheet_codes_and_totals(ward: Ward) -> None:
    sid = staff_id(ward, "NV001")
    mark_cells(ward, [Cell(sid, date(2026, 11, 2), Session.MORNING)], Mark.late(10))
    mark_cells(ward, [Cell(sid, date(2026, 11, 3), session) for session in Session], Mark.leave(LeaveCode.ANNUAL))
    mark_cells(ward, [Cell(sid, date(2026, 11, 4), Session.AFTERNOON)], Mark.absent())
    mark_cells(ward, [Cell(sid, date(2026, 11, 5), Session.MORNING)], Mark.leave(LeaveCode.BUSINESS_TRIP))
    sheet = month_sheet(ward, 2026, 11, until=date(2026, 11, 20))
    assert len(sheet.days) == 30
    row = next(row for row in sheet.rows if row.staff.code == "NV001")
    assert row.codes[1] == ("M", "+")
    assert row.codes[2] == ("P", "P")
    assert row.codes[3] == ("+", "Ko")
    assert row.codes[4] == ("CT", "+")
    assert row.codes[0] is None  # Sunday 1/11
    assert row.codes[20] is None  # Saturday 21/11: after "until" anyway
    assert row.codes[22] is None  # Monday 23/11 is after "until"
    # 15 working days from 2 to 20 November = 30 sessions: 2 leave P, 1 CT, 1 absent
    totals = row.totals
    assert totals.worked_days == Fraction(26, 2)
    assert totals.leave_days(LeaveCode.ANNUAL) == 1
    assert totals.leave_days(LeaveCode.BUSINESS_TRIP) == Fraction(1, 2)
    assert totals.absent_days == Fraction(1, 2)
    assert totals.late == 1
    assert sheet.leave_codes_used() == [LeaveCode.ANNUAL, LeaveCode.BUSINESS_TRIP]
    gone = next(row for row in sheet.rows if row.staff.code == "NV004")
    assert gone.codes[9] == ("+", "+") and gone.codes[10] is None  # left on 10/11
    assert gone.totals.worked_days == 7  # 2..6 and 9..10 November


def test_month_sheet_marks_holidays(ward: Ward) -> None:
    sheet = month_sheet(ward, 2026, 9)
    national_day = sheet.days[1]
    assert not national_day.working_day and national_day.holiday_name
    assert all(row.codes[1] is None for row in sheet.rows)


def test_session_code() -> None:
    assert session_code(None) == "+"
    assert session_code(Attendance(1, MONDAY, Session.MORNING, early_minutes=5)) == "S"  # type: ignore[arg-type]
    assert session_code(Attendance(1, MONDAY, Session.MORNING, AttendanceStatus.LEAVE,  # type: ignore[arg-type]
                                   leave_code=LeaveCode.SICK)) == "Ô"


def test_form_totals_count_business_trips_and_meetings_as_working_time(ward: Ward) -> None:
    sid = staff_id(ward, "NV001")
    mark_cells(ward, [Cell(sid, date(2026, 11, 2), Session.MORNING), Cell(sid, date(2026, 11, 3), Session.AFTERNOON)],
               Mark.leave(LeaveCode.BUSINESS_TRIP))
    mark_cells(ward, [Cell(sid, date(2026, 11, 4), session) for session in Session], Mark.leave(LeaveCode.MEETING))
    mark_cells(ward, [Cell(sid, date(2026, 11, 5), session) for session in Session], Mark.leave(LeaveCode.ANNUAL))
    mark_cells(ward, [Cell(sid, date(2026, 11, 6), Session.MORNING)], Mark.absent())
    totals = next(row for row in month_sheet(ward, 2026, 11, until=date(2026, 11, 20)).rows
                  if row.staff.code == "NV001").totals
    # 15 working days from 2 to 20 November = 30 sessions: 2 CT, 2 H, 2 P, 1 Ko, so 23 attended.
    assert totals.worked_days == Fraction(23, 2)  # what the attendance page shows is unchanged
    assert totals.form_days() == (Fraction(27, 2), 1, 0, 0, Fraction(1, 2))  # 23 + 2 CT + 2 H sessions
    assert (totals.due_sessions, totals.at_work_sessions) == (30, 27)
    assert sum(totals.form_days()) * 2 == totals.due_sessions


def test_month_sheet_by_department(ward: Ward) -> None:
    sheet = month_sheet(ward, 2026, 11, until=date(2026, 11, 20))
    groups = sheet.by_department()
    department = ward.departments()[0].name
    assert [(group.name, [row.staff.code for row in group.rows]) for group in groups] == [
        (department, ["NV003"]), ("", ["NV002", "NV001", "NV004"])]  # no department last, in official order
    assert [row.staff.code for row in sheet.rows] == ["NV003", "NV002", "NV001", "NV004"]  # unchanged

"""The pure rule that turns one person's punches of one day into attendance per session."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode, RecordSource
from ward_office.core.clock import Punch, derive_attendance, distinct_times, lunch_split
from ward_office.core.schedule import (
    DEFAULT_SEASONS,
    Holiday,
    Season,
    Session,
    SessionHours,
    WorkCalendar,
    WorkSchedule,
)
from ward_office.core.staff import StaffId

PERSON = StaffId(7)
MONDAY = date(2026, 3, 2)  # winter hours: 07:30–12:00 and 13:30–17:00
CALENDAR = WorkCalendar(WorkSchedule(grace_minutes=5))


def punches(*clock: str, day: date = MONDAY) -> list[Punch]:
    return [Punch("12", datetime.combine(day, time.fromisoformat(text)), "A") for text in clock]


def derive(*clock: str, calendar: WorkCalendar = CALENDAR, day: date = MONDAY,
           existing: tuple[Attendance, ...] = ()) -> dict[Session, Attendance]:
    records = derive_attendance(PERSON, punches(*clock, day=day), day, calendar, existing)
    assert all(record.source is RecordSource.CLOCK and record.staff_id == PERSON for record in records)
    assert len({record.session for record in records}) == len(records)
    return {record.session: record for record in records}


def test_on_time_and_fully_punched_needs_no_record() -> None:
    assert derive("07:28", "11:59", "13:25", "17:02") == {}
    assert derive("07:30", "17:00") == {}


def test_late_beyond_the_grace_counts_every_minute() -> None:
    late = derive("07:47:30", "17:05")
    assert list(late) == [Session.MORNING]
    assert late[Session.MORNING].late_minutes == 17
    assert late[Session.MORNING].note == "07:47, 17:05"


@pytest.mark.parametrize(("arrival", "expected"), [("07:35", 0), ("07:35:59", 0), ("07:36", 6)])
def test_grace_minutes_are_respected(arrival: str, expected: int) -> None:
    found = derive(arrival, "17:00")
    assert (found[Session.MORNING].late_minutes if found else 0) == expected


def test_grace_comes_from_the_schedule_not_a_constant() -> None:
    strict = WorkCalendar(WorkSchedule(grace_minutes=0))
    assert derive("07:33", "17:00", calendar=strict)[Session.MORNING].late_minutes == 3
    lenient = WorkCalendar(WorkSchedule(grace_minutes=15))
    assert derive("07:44", "17:00", calendar=lenient) == {}


def test_hours_come_from_the_season_of_the_day() -> None:
    summer_day = date(2026, 6, 1)  # summer: morning starts at 07:00
    assert derive("07:20", "17:00", day=summer_day)[Session.MORNING].late_minutes == 20
    custom = Season("Cả năm", (1, 1), (12, 31), SessionHours(time(8, 0), time(12, 0)),
                    SessionHours(time(13, 0), time(16, 30)))
    calendar = WorkCalendar(WorkSchedule(seasons=(custom,), grace_minutes=5))
    assert derive("08:04", "16:30", calendar=calendar) == {}
    assert derive("08:04", "16:20", calendar=calendar)[Session.AFTERNOON].early_minutes == 10


def test_leaving_early_is_judged_on_the_last_punch() -> None:
    early = derive("07:25", "16:40")
    assert list(early) == [Session.AFTERNOON]
    assert early[Session.AFTERNOON].early_minutes == 20
    both = derive("07:50", "16:00")
    assert both[Session.MORNING].late_minutes == 20 and both[Session.AFTERNOON].early_minutes == 60


def test_a_single_punch_is_a_missing_punch_in_both_sessions() -> None:
    found = derive("07:29")
    assert set(found) == {Session.MORNING, Session.AFTERNOON}
    for record in found.values():
        assert record.missing_punch and record.status is AttendanceStatus.PRESENT
        assert record.late_minutes == record.early_minutes == 0


def test_a_double_press_is_one_punch() -> None:
    assert distinct_times(punches("07:29:00", "07:29:40", "07:30:30"), MONDAY) == [datetime(2026, 3, 2, 7, 29)]
    assert all(record.missing_punch for record in derive("07:29:00", "07:29:40").values())


def test_punches_only_in_the_morning_leave_the_afternoon_absent() -> None:
    found = derive("07:40", "11:00")
    assert found[Session.AFTERNOON].status is AttendanceStatus.ABSENT
    assert found[Session.MORNING].late_minutes == 10 and found[Session.MORNING].early_minutes == 60


def test_punches_only_in_the_afternoon_leave_the_morning_absent() -> None:
    found = derive("13:40", "17:00")
    assert found[Session.MORNING].status is AttendanceStatus.ABSENT
    assert found[Session.AFTERNOON].late_minutes == 10 and found[Session.AFTERNOON].early_minutes == 0


def test_the_day_is_cut_halfway_through_lunch() -> None:
    winter = DEFAULT_SEASONS[1]
    assert lunch_split(winter) == time(12, 45)
    assert lunch_split(DEFAULT_SEASONS[0]) == time(12, 30)
    # 12:44 still belongs to the morning, so the afternoon was not attended.
    assert derive("07:30", "12:44")[Session.AFTERNOON].status is AttendanceStatus.ABSENT
    assert derive("07:30", "12:46", "17:00") == {}


def test_no_punch_on_a_working_day_is_absence_without_leave() -> None:
    found = derive()
    assert {session: record.status for session, record in found.items()} == {
        Session.MORNING: AttendanceStatus.ABSENT, Session.AFTERNOON: AttendanceStatus.ABSENT}


def test_leave_or_a_manual_record_wins_over_the_clock() -> None:
    leave = Attendance(PERSON, MONDAY, Session.MORNING, AttendanceStatus.LEAVE, leave_code=LeaveCode.ANNUAL)
    found = derive(existing=(leave,))
    assert list(found) == [Session.AFTERNOON]
    manual = Attendance(PERSON, MONDAY, Session.MORNING, late_minutes=3, note="đã báo trước")
    assert derive("07:50", "17:00", existing=(manual,)) == {}
    # An earlier clock record does not block deriving again.
    earlier = Attendance(PERSON, MONDAY, Session.MORNING, late_minutes=40, source=RecordSource.CLOCK)
    assert derive("07:50", "17:00", existing=(earlier,))[Session.MORNING].late_minutes == 20


def test_days_off_derive_nothing() -> None:
    saturday = date(2026, 3, 7)
    assert derive(day=saturday) == {}
    assert derive("09:00", "10:00", day=saturday) == {}
    holiday = date(2026, 4, 30)
    calendar = WorkCalendar(WorkSchedule(), {holiday: Holiday(holiday, "Ngày Giải phóng miền Nam")})
    assert derive(calendar=calendar, day=holiday) == {}


def test_punches_of_other_days_are_ignored() -> None:
    other_day = punches("07:20", "17:10", day=date(2026, 3, 3))
    records = derive_attendance(PERSON, [*punches("07:29", "17:00"), *other_day], MONDAY, CALENDAR)
    assert records == []

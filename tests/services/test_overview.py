"""The dashboard's numbers on a real database file: today's states, open checks, the ends of the ranking
and violations by block."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.checks import Check, CheckKind, Event
from ward_office.core.period import half_year, month
from ward_office.core.schedule import Holiday, Session
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.services.overview import (
    DayState,
    open_checks,
    ranking_extremes,
    score_overview,
    today_attendance,
    violations_by_block,
)
from ward_office.services.ranking import current_review_period
from ward_office.services.ward import Ward, in_own_ward

ACTOR = "Nguyễn Thị Lan"
FRIDAY = date(2026, 11, 20)
SUNDAY = date(2026, 11, 22)
NATIONAL_DAY = date(2026, 9, 2)
NAMES = {
    "NV01": "Lê Thị An",  # no record: on time
    "NV02": "Trần Văn Bình",  # 3 minutes late: within the grace minutes
    "NV03": "Đỗ Minh Cường",  # 12 minutes late
    "NV04": "Phạm Thu Dung",  # left 20 minutes early
    "NV05": "Vũ Đức Em",  # late in the morning and early in the afternoon
    "NV06": "Hoàng Văn Phúc",  # leave in the morning, absent in the afternoon
    "NV07": "Bùi Thị Giang",  # sick in the morning, on a business trip in the afternoon
}


def person(code: str, name: str, **changes: object) -> Staff:
    values: dict[str, object] = {"code": code, "full_name": name, "gender": Gender.FEMALE,
                                 "position": "Chuyên viên", "category": StaffCategory.CONG_CHUC}
    values.update(changes)
    return Staff(**values)  # type: ignore[arg-type]


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Ward]:
    with Ward.open(tmp_path / "ward.db", actor=ACTOR) as opened:
        staff = opened.store.staff.add_many(
            [person(code, name) for code, name in NAMES.items()]
            + [person("NV08", "Ngô Văn Hết", active_to=date(2026, 11, 19))], ACTOR)
        ids = {member.code: member.id for member in staff}

        def record(code: str, session: Session, **values: object) -> Attendance:
            return Attendance(ids[code], FRIDAY, session, **values)  # type: ignore[arg-type]

        for entry in (
            record("NV02", Session.MORNING, late_minutes=3),
            record("NV03", Session.MORNING, late_minutes=12),
            record("NV04", Session.AFTERNOON, early_minutes=20),
            record("NV05", Session.MORNING, late_minutes=12),
            record("NV05", Session.AFTERNOON, early_minutes=30),
            record("NV06", Session.MORNING, status=AttendanceStatus.LEAVE, leave_code=LeaveCode.ANNUAL),
            record("NV06", Session.AFTERNOON, status=AttendanceStatus.ABSENT),
            record("NV07", Session.MORNING, status=AttendanceStatus.LEAVE, leave_code=LeaveCode.SICK),
            record("NV07", Session.AFTERNOON, status=AttendanceStatus.LEAVE, leave_code=LeaveCode.BUSINESS_TRIP),
        ):
            opened.store.attendance.set(entry, ACTOR)
        opened.store.events.add(Event(ids["NV01"], date(2026, 11, 3), "TP01"), ACTOR)
        opened.store.events.add(Event(ids["NV02"], date(2026, 11, 4), "DT01"), ACTOR)  # a commendation
        opened.store.events.add(Event(ids["NV03"], date(2026, 10, 30), "GT02"), ACTOR)  # last month
        yield opened


def test_each_person_has_one_state_by_the_documented_rule(ward: Ward) -> None:
    today = today_attendance(ward, FRIDAY)
    states = {person.staff.code: person.state for person in today.people}
    assert states == {
        "NV01": DayState.PRESENT, "NV02": DayState.PRESENT, "NV03": DayState.LATE, "NV04": DayState.EARLY,
        "NV05": DayState.LATE, "NV06": DayState.ABSENT, "NV07": DayState.ON_LEAVE,
    }
    assert today.working_day and today.holiday_name == ""
    # The tiles count by figure (services.day_figures): present NV01–NV05 (at work in a session), late NV03 and
    # NV05, early NV04 and NV05, on leave NV06 (morning) and NV07, absent NV06 (afternoon).
    assert [today.count(state) for state in DayState] == [5, 2, 2, 2, 1]
    assert [person.staff.code for person in today.with_state(DayState.ON_LEAVE)] == ["NV06", "NV07"]
    both = next(person for person in today.people if person.staff.code == "NV05")
    assert (both.late_minutes, both.early_minutes) == (12, 30)
    within_grace = next(person for person in today.people if person.staff.code == "NV02")
    assert within_grace.late_minutes == 0
    on_leave = today.with_state(DayState.ON_LEAVE)[1]
    assert on_leave.leave_codes == (LeaveCode.SICK, LeaveCode.BUSINESS_TRIP)
    assert today.leave_counts() == {LeaveCode.ANNUAL: 1, LeaveCode.SICK: 1, LeaveCode.BUSINESS_TRIP: 1}


def test_the_overview_and_the_grid_footer_count_the_same_day_alike(ward: Ward) -> None:
    from ward_office.services.attendance_sheet import DayCounts, day_sheet

    today = today_attendance(ward, FRIDAY)
    assert day_sheet(ward, FRIDAY).counts() == DayCounts(7, 5, 2, 2, 2, 1) == DayCounts(
        len(today.people), *(today.count(state) for state in DayState))


def test_the_grace_minutes_come_from_the_schedule(ward: Ward) -> None:
    from dataclasses import replace

    ward.store.schedule.save(replace(ward.store.schedule.get(), grace_minutes=15), ACTOR)
    states = {person.staff.code: person.state for person in today_attendance(ward, FRIDAY).people}
    assert states["NV03"] is DayState.PRESENT  # 12 minutes are now within the grace
    assert states["NV04"] is DayState.EARLY


def test_days_off_are_told_apart(ward: Ward) -> None:
    assert not today_attendance(ward, SUNDAY).working_day
    ward.store.schedule.add_holiday(Holiday(NATIONAL_DAY, "Quốc khánh"), ACTOR)
    holiday = today_attendance(ward, NATIONAL_DAY)
    assert not holiday.working_day and holiday.holiday_name == "Quốc khánh"


def test_open_checks_are_todays_and_the_unfinished(ward: Ward) -> None:
    checks = ward.store.checks
    todays, _events = checks.add(Check(datetime(2026, 11, 20, 8, 0), CheckKind.BADGE, ACTOR), ACTOR)
    checks.add(Check(datetime(2026, 11, 18, 8, 0), CheckKind.ATTIRE, ACTOR), ACTOR)  # entered whole: finished
    checks.add(Check(datetime(2026, 11, 23, 8, 0), CheckKind.CONDUCT, ACTOR), ACTOR)  # later on
    still_open = checks.start(Check(datetime(2026, 11, 19, 14, 0), CheckKind.CONDUCT, ACTOR), ACTOR)
    assert [check.id for check in open_checks(ward, FRIDAY)] == [still_open.id, todays.id]


def test_ranking_extremes_are_the_ends_of_the_engines_ranking(ward: Ward) -> None:
    period = current_review_period(FRIDAY)
    assert period == half_year(2026, 2)
    results = ward.score(period, FRIDAY).ranking.results
    extremes = ranking_extremes(ward, period, FRIDAY, n=3)
    assert extremes.top == results[:3]
    assert extremes.bottom == results[-3:]
    assert extremes.ranked == len(results) == 8
    small = ranking_extremes(ward, period, FRIDAY, n=5)
    assert small.top == results[:5] and small.bottom == results[5:]  # nobody twice


def test_violations_by_block_count_deductions_of_the_month(ward: Ward) -> None:
    blocks = violations_by_block(ward, month(2026, 11), FRIDAY)
    counts = {block.code: block.violations for block in blocks}
    # late NV03, NV05; early NV04, NV05; absent NV06 afternoon; no badge NV01; DT is bonuses only.
    assert counts == {"TG": 5, "TP": 1, "GT": 0, "BT": 0, "KL": 0}
    assert blocks[0].name == "Thời gian làm việc"
    assert {block.code: block.violations for block in violations_by_block(ward, month(2026, 10), FRIDAY)}["GT"] == 1


def test_the_background_version_reads_the_same_file(ward: Ward) -> None:
    assert in_own_ward(ward.path, lambda ward: score_overview(
        ward, FRIDAY), read_only=True) == score_overview(ward, FRIDAY)

"""Rules on leave codes: the school scheme's −0.5 per day of excused leave and −0.25 per sick day."""

from __future__ import annotations

from datetime import date

import pytest

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.errors import PlanError
from ward_office.core.period import month
from ward_office.core.plan import AttendanceTrigger, load_plan
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, score_period

MAY = month(2026, 5)

PLAN = """
[plan]
code = "TRUONG"
name = "Thi đua hằng tháng (25 điểm)"
version = 1
base_score = 25

[[blocks]]
code = "NC"
name = "Ngày công"

[[blocks.criteria]]
code = "CP"
name = "Vắng có phép (mỗi ngày)"
points = -0.5

[[blocks.criteria]]
code = "OM"
name = "Nghỉ ốm (mỗi ngày)"
points = -0.25

[[attendance_rules]]
on = "leave"
codes = ["P", "No"]
criterion = "CP"
count = "day"

[[attendance_rules]]
on = "leave"
codes = ["Ô"]
criterion = "OM"
count = "day"

[[grades]]
code = "A"
name = "Tốt"
min_score = 0
"""


def leave(day: int, code: LeaveCode, session: Session = Session.MORNING) -> Attendance:
    return Attendance(StaffId(1), date(2026, 5, day), session, AttendanceStatus.LEAVE, leave_code=code)


def test_leave_costs_what_the_plan_says_per_day() -> None:
    me = Staff("NV01", "Nguyễn Thị Hoa", Gender.FEMALE, "Giáo viên", StaffCategory.VIEN_CHUC, id=StaffId(1))
    records = [
        leave(4, LeaveCode.ANNUAL), leave(4, LeaveCode.ANNUAL, Session.AFTERNOON),  # a whole day of leave: once
        leave(5, LeaveCode.UNPAID),  # half a day of unpaid leave: a day, once
        leave(6, LeaveCode.SICK), leave(6, LeaveCode.SICK, Session.AFTERNOON), leave(7, LeaveCode.SICK),
        leave(8, LeaveCode.BUSINESS_TRIP),  # no rule takes a business trip: nothing
    ]
    [result] = score_period(ScoringInput(load_plan(PLAN), MAY, [me], records, [], 5)).results
    # 2 days of CP × −0.5 = −1; 2 sick days × −0.25 = −0.5: 25 − 1.5 = 23.5.
    assert result.score == 23.5
    assert [(item.day.day, item.criterion_code, item.trigger) for item in result.items] == [
        (4, "CP", AttendanceTrigger.LEAVE), (5, "CP", AttendanceTrigger.LEAVE),
        (6, "OM", AttendanceTrigger.LEAVE), (7, "OM", AttendanceTrigger.LEAVE)]
    assert result.unexcused_absences == 0 and result.violations == 0  # leave costs points, but is no violation
    assert result.deducted_points == 1.5


@pytest.mark.parametrize(("change", "problem"), [
    (('codes = ["Ô"]', 'codes = ["X"]'), "codes"),  # not a leave code
    (('codes = ["Ô"]', 'codes = ["P"]'), "codes"),  # P already in the first rule
    (('on = "leave"\ncodes = ["Ô"]', 'on = "late"\ncodes = ["Ô"]'), "codes"),  # codes on a rule not on leave
])
def test_leave_rules_are_checked(change: tuple[str, str], problem: str) -> None:
    with pytest.raises(PlanError) as error:
        load_plan(PLAN.replace(*change))
    assert problem in str(error.value.problems[0].params.get("key"))  # type: ignore[attr-defined]

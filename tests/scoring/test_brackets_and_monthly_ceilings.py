"""Deductions by count bracket (late 5–10 days −10, 11 or more −25) and ceilings counted month by month
inside a longer period, each checked by hand."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from ward_office.core.attendance import Attendance, AttendanceStatus
from ward_office.core.errors import PlanError
from ward_office.core.period import Period, half_year, month
from ward_office.core.plan import load_plan
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import GradeChangeKind, ScoringInput, StaffResult, score_period

MAY = month(2026, 5)
H1 = half_year(2026, 1)

PLAN = """
[plan]
code = "T"
name = "Thử"
version = 1
base_score = 100

[aggregation]
default = "direct"

[[blocks]]
code = "TG"
name = "Giờ giấc"

[[blocks.criteria]]
code = "MUON"
name = "Đi muộn (theo số ngày trong tháng)"
brackets = [{ from = 5, points = -10 }, { from = 11, points = -25 }]

[[blocks.criteria]]
code = "VANG"
name = "Vắng không lý do"
points = -1

[[attendance_rules]]
on = "late"
criterion = "MUON"
count = "day"

[[attendance_rules]]
on = "absent"
criterion = "VANG"

[[grades]]
code = "A"
name = "Xuất sắc"
min_score = 90

[[grades]]
code = "B"
name = "Tốt"
min_score = 0

[[ceilings]]
criterion = "VANG"
min_count = 2
max_grade = "B"
reason = "Vắng không lý do từ 2 buổi trở lên trong một tháng"
per = "{per}"
"""


def person(number: int) -> Staff:
    return Staff(f"NV{number:02d}", f"Nguyễn Văn Người{number:02d}", Gender.MALE, "Chuyên viên",
                 StaffCategory.CONG_CHUC, id=StaffId(number))


def late_days(staff: int, count: int) -> list[Attendance]:
    """``count`` working days late in May, both sessions each (counted once a day)."""
    days = [day for day in (MAY.start + timedelta(offset) for offset in range(31)) if day.weekday() < 5][:count]
    return [Attendance(StaffId(staff), day, session, late_minutes=15) for day in days for session in Session]


def scored(period: Period, staff: list[Staff], records: list[Attendance],
           per: str = "period") -> dict[int, StaffResult]:
    ranking = score_period(ScoringInput(load_plan(PLAN.replace("{per}", per)), period, staff, records, [], 5))
    return {int(result.staff.id or 0): result for result in ranking.results}


def test_bracket_deductions_by_count() -> None:
    counts = {1: 4, 2: 5, 3: 10, 4: 11, 5: 16}
    results = scored(MAY, [person(number) for number in counts],
                     [record for number, count in counts.items() for record in late_days(number, count)])
    # 4 days: below the first bracket, 0. 5 and 10: −10. 11 and 16: −25.
    assert {number: result.score for number, result in results.items()} == {1: 100, 2: 90, 3: 90, 4: 75, 5: 75}
    # The day entering a bracket carries the step up to it: the 5th −10, the 11th −15; every other day 0.
    points = [item.raw_points for item in results[4].items]
    assert points == [0, 0, 0, 0, -10, 0, 0, 0, 0, 0, -15]
    assert results[5].items[-1].raw_points == 0 and results[5].items[-1].occurrence == 16


def test_brackets_must_rise_and_replace_points() -> None:
    with pytest.raises(PlanError):
        load_plan(PLAN.replace("{ from = 11, points = -25 }", "{ from = 11, points = -5 }"))
    with pytest.raises(PlanError):
        load_plan(PLAN.replace('brackets = [', 'points = -1\nbrackets = ['))


def absent(staff: int, day: date) -> Attendance:
    return Attendance(StaffId(staff), day, Session.MORNING, AttendanceStatus.ABSENT)


@pytest.mark.parametrize(("per", "grades"), [("month", ("A", "B")), ("period", ("B", "B"))])
def test_a_monthly_ceiling_counts_each_month_on_its_own(per: str, grades: tuple[str, str],
                                                        vietnamese: None) -> None:
    # Person 1: one absent session in January, one in February (2 in the half, never 2 in a month).
    # Person 2: two in March. Both score 100 − 2 × 1 = 98 over the half-year scored directly: A by the score.
    records = [absent(1, date(2026, 1, 7)), absent(1, date(2026, 2, 4)),
               absent(2, date(2026, 3, 4)), absent(2, date(2026, 3, 5))]
    results = scored(H1, [person(1), person(2)], records, per)
    assert [results[number].score for number in (1, 2)] == [Fraction(98)] * 2
    assert (results[1].grade.code, results[2].grade.code) == grades
    [change] = results[2].changes
    assert change.kind is GradeChangeKind.CEILING and change.count == 2
    assert ("trong một tháng" if per == "month" else "trong kỳ") in change.localized()

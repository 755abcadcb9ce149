"""A rule's counting unit: sessions, days, or runs of consecutive working days (weekends do not break a run)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.period import month
from ward_office.core.plan import load_plan
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, score_period

MAY = month(2026, 5)  # Friday 1 May is a holiday here; weekends: 2–3, 9–10, 16–17 May
WORKING = frozenset(day for day in (MAY.start + timedelta(days) for days in range(31))
                    if day.weekday() < 5 and day != date(2026, 5, 1))

PLAN = """
[plan]
code = "T"
name = "Thử"
version = 1
base_score = 100

[[blocks]]
code = "TG"
name = "Giờ giấc"

[[blocks.criteria]]
code = "VANG"
name = "Vắng"
points = -2

[[blocks.criteria]]
code = "MUON"
name = "Muộn"
points = -1

[[attendance_rules]]
on = "absent"
criterion = "VANG"
count = "{absent}"

[[attendance_rules]]
on = "late"
criterion = "MUON"
count = "{late}"

[[grades]]
code = "A"
name = "Đạt"
min_score = 0
"""

ME = StaffId(1)


def absent(day: int, session: Session) -> Attendance:
    return Attendance(ME, date(2026, 5, day), session, AttendanceStatus.ABSENT)


# Whole days absent on Friday 8 and Monday 11 (a weekend between), the morning of Wednesday 13, and the
# afternoon of Thursday 14; late on both sessions of Tuesday 19.
RECORDS = [absent(day, session) for day in (8, 11) for session in Session] + [
    absent(13, Session.MORNING), absent(14, Session.AFTERNOON),
    Attendance(ME, date(2026, 5, 19), Session.AFTERNOON, late_minutes=20),
    Attendance(ME, date(2026, 5, 19), Session.MORNING, late_minutes=20)]


def score(absent_unit: str, late_unit: str, working_days: frozenset[date] | None = WORKING) -> tuple[int, int]:
    plan = load_plan(PLAN.format(absent=absent_unit, late=late_unit))
    me = Staff("NV01", "Nguyễn Văn An", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=ME)
    [result] = score_period(ScoringInput(plan, MAY, [me], RECORDS, [], 5, working_days)).results
    counts = {code: sum(1 for item in result.items if item.criterion_code == code) for code in ("VANG", "MUON")}
    return counts["VANG"], counts["MUON"]


@pytest.mark.parametrize(("absent_unit", "late_unit", "expected"), [
    ("session", "session", (6, 2)),  # 2 + 2 + 1 + 1 absent sessions; 2 late sessions
    ("day", "session", (4, 2)),  # days 8, 11, 13, 14
    # Friday 8 and Monday 11 are consecutive working days: one run; Tuesday 12 was worked, so 13 begins
    # another run, which 14 continues.
    ("run", "day", (2, 1)),
])
def test_counting_units(absent_unit: str, late_unit: str, expected: tuple[int, int]) -> None:
    assert score(absent_unit, late_unit) == expected


def test_without_a_calendar_a_run_is_of_consecutive_days() -> None:
    # 8 and 11 are three days apart: two runs; 13–14 one more.
    assert score("run", "session", working_days=None) == (3, 2)


def test_the_first_record_of_a_day_carries_the_points() -> None:
    plan = load_plan(PLAN.format(absent="day", late="day"))
    me = Staff("NV01", "Nguyễn Văn An", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=ME)
    [result] = score_period(ScoringInput(plan, MAY, [me], RECORDS, [], 5, WORKING)).results
    late = [item for item in result.items if item.criterion_code == "MUON"]
    assert [(item.day.day, item.session) for item in late] == [(19, Session.MORNING)]
    # 4 absent days × −2 and one late day × −1: 100 − 9 = 91.
    assert result.score == 91


def test_each_person_has_their_own_days() -> None:
    # Two people, each absent the whole of Friday 8 and on unpaid leave the whole of Monday 11, counted per day:
    # each has one absence (−2) and one day of leave (−1, here on MUON): 97 each.
    plan = load_plan(PLAN.format(absent="day", late="day") + '\n[[attendance_rules]]\non = "leave"\n'
                     'criterion = "MUON"\ncodes = ["No"]\ncount = "day"\n')
    staff = [Staff(f"NV0{number}", name, Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=StaffId(number))
             for number, name in ((1, "Nguyễn Văn An"), (2, "Trần Văn Bình"))]
    records = [record for number in (1, 2) for session in Session for record in (
        Attendance(StaffId(number), date(2026, 5, 8), session, AttendanceStatus.ABSENT),
        Attendance(StaffId(number), date(2026, 5, 11), session, AttendanceStatus.LEAVE, leave_code=LeaveCode.UNPAID))]
    results = score_period(ScoringInput(plan, MAY, staff, records, [], 5, WORKING)).results
    assert [(result.staff.code, [(item.criterion_code, item.day.day) for item in result.items], result.score)
            for result in results] == [("NV01", [("VANG", 8), ("MUON", 11)], 97),
                                       ("NV02", [("VANG", 8), ("MUON", 11)], 97)]


def test_leaving_early_and_missing_punches_counted_per_day_are_each_persons_own() -> None:
    # Both people leave early and miss a punch in both sessions of Monday 4 and the morning of Tuesday 5: per
    # day, two of each (SOM −1, CC −1): 96 each.
    plan = load_plan(PLAN.format(absent="day", late="day") + (
        '\n[[blocks.criteria]]\ncode = "SOM"\nname = "Về sớm"\npoints = -1\n'
        '\n[[blocks.criteria]]\ncode = "CC"\nname = "Bỏ chấm công"\npoints = -1\n'
        '\n[[attendance_rules]]\non = "early"\ncriterion = "SOM"\ncount = "day"\n'
        '\n[[attendance_rules]]\non = "missing_punch"\ncriterion = "CC"\ncount = "day"\n'))
    staff = [Staff(f"NV0{number}", name, Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=StaffId(number))
             for number, name in ((1, "Nguyễn Văn An"), (2, "Trần Văn Bình"))]
    records = [Attendance(StaffId(number), day, session, early_minutes=30, missing_punch=True)
               for number in (1, 2) for day, session in ((date(2026, 5, 4), Session.MORNING),
                                                         (date(2026, 5, 4), Session.AFTERNOON),
                                                         (date(2026, 5, 5), Session.MORNING))]
    results = score_period(ScoringInput(plan, MAY, staff, records, [], 5, WORKING)).results
    assert [(result.staff.code, sorted((item.criterion_code, item.day.day) for item in result.items), result.score)
            for result in results] == [(code, [("CC", 4), ("CC", 5), ("SOM", 4), ("SOM", 5)], 96)
                                       for code in ("NV01", "NV02")]


def test_without_a_calendar_two_days_in_a_row_are_one_run_and_a_day_between_parts_them() -> None:
    plan = load_plan(PLAN.format(absent="run", late="session"))
    me = Staff("NV01", "Nguyễn Văn An", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=ME)
    records = [absent(4, Session.MORNING), absent(5, Session.MORNING), absent(7, Session.MORNING)]
    [result] = score_period(ScoringInput(plan, MAY, [me], records, [], 5, None)).results
    assert [item.day.day for item in result.items] == [4, 7]  # 4–5 one run; 7 after a day between


def test_two_leave_rules_counted_per_day_each_count_their_own_codes() -> None:
    # A morning of annual leave and an afternoon of sick leave on 4 May: one day of each rule.
    plan = load_plan(PLAN.format(absent="session", late="session").replace("[[grades]]", """\
[[blocks.criteria]]
code = "PHEP"
name = "Nghỉ phép"
points = -0.5

[[blocks.criteria]]
code = "OM"
name = "Nghỉ ốm"
points = -0.25

[[attendance_rules]]
on = "leave"
codes = ["P"]
criterion = "PHEP"
count = "day"

[[attendance_rules]]
on = "leave"
codes = ["Ô"]
criterion = "OM"
count = "day"

[[grades]]"""))
    me = Staff("NV01", "Nguyễn Văn An", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=ME)
    records = [Attendance(ME, date(2026, 5, 4), Session.MORNING, AttendanceStatus.LEAVE, leave_code=LeaveCode.ANNUAL),
               Attendance(ME, date(2026, 5, 4), Session.AFTERNOON, AttendanceStatus.LEAVE, leave_code=LeaveCode.SICK)]
    [result] = score_period(ScoringInput(plan, MAY, [me], records, [], 5, WORKING)).results
    assert [item.criterion_code for item in result.items] == ["PHEP", "OM"]

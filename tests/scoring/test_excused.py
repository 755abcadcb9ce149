"""An occurrence the head excused costs nothing and counts toward nothing (escalation, ceilings, the violation and
unexcused-absence counts), yet stays listed at 0 with its reason."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction

from ward_office.core.attendance import Attendance, AttendanceId, AttendanceStatus
from ward_office.core.excuse import Excuse
from ward_office.core.period import month
from ward_office.core.plan import AttendanceTrigger, load_plan
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, score_period
from ward_office.scoring.excused import excused_text
from ward_office.scoring.results import StaffResult

MAY = month(2026, 5)
ME = StaffId(1)
PLAN = load_plan("""
[plan]
code = "T"
name = "Thử"
version = 1
base_score = 100

[[blocks]]
code = "TG"
name = "Giờ giấc"

[[blocks.criteria]]
code = "MUON"
name = "Đi muộn"
points = -0.5
escalation = [{ from = 2, points = -1 }]

[[blocks.criteria]]
code = "SOM"
name = "Về sớm"
points = -2

[[blocks.criteria]]
code = "VANG"
name = "Vắng không lý do"
points = -1

[[attendance_rules]]
on = "late"
criterion = "MUON"

[[attendance_rules]]
on = "early"
criterion = "SOM"

[[attendance_rules]]
on = "absent"
criterion = "VANG"

[[grades]]
code = "A"
name = "Tốt"
min_score = 90

[[grades]]
code = "C"
name = "Đạt"
min_score = 0

[[ceilings]]
criterion = "VANG"
min_count = 2
max_grade = "C"
reason = "Vắng không lý do từ 2 lần"
""")
PERSON = Staff("NV01", "Nguyễn Văn An", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=ME)


def record(record_id: int, day: int, **values: object) -> Attendance:
    return Attendance(ME, date(2026, 5, day), Session.MORNING, id=AttendanceId(record_id), **values)  # type: ignore[arg-type]


def excuse(day: int, trigger: AttendanceTrigger, **changes: object) -> Excuse:
    return Excuse(AttendanceId(0), ME, date(2026, 5, day), Session.MORNING, trigger, "Đưa con đi cấp cứu",
                  "Trần Văn Hùng", datetime(2026, 5, 20, 9, 0), **changes)  # type: ignore[arg-type]


def score(records: list[Attendance], excuses: list[Excuse]) -> StaffResult:
    [result] = score_period(ScoringInput(PLAN, MAY, [PERSON], records, [], 5, excuses=excuses)).results
    return result


LATES = [record(1, 4, late_minutes=25), record(2, 5, late_minutes=10), record(3, 6, late_minutes=30)]


def test_without_excuses_escalation_counts_every_late() -> None:
    result = score(LATES, [])
    assert [item.points for item in result.items] == [Fraction(-1, 2), -1, -1]
    assert result.score == Fraction(975, 10) and result.violations == 3


def test_an_excused_late_is_0_and_the_next_late_is_the_first() -> None:
    result = score(LATES, [excuse(4, AttendanceTrigger.LATE)])
    # 4 May excused: 5 May is the 1st occurrence (−0.5), 6 May the 2nd (−1): 100 − 1.5.
    assert [(item.day.day, item.occurrence, item.points) for item in result.items] == [
        (4, 0, 0), (5, 1, Fraction(-1, 2)), (6, 2, -1)]
    assert result.score == Fraction(985, 10)
    assert result.violations == 2 and result.deducted_points == Fraction(3, 2)
    excused = result.items[0]
    assert excused.excuse is not None and excused.excuse.reason == "Đưa con đi cấp cứu"
    assert excused.minutes == 25 and excused.trigger is AttendanceTrigger.LATE and excused.record_id == 1
    assert [item.excuse for item in result.items[1:]] == [None, None]


def test_a_withdrawn_excuse_or_one_of_another_occurrence_excuses_nothing() -> None:
    withdrawn = excuse(4, AttendanceTrigger.LATE, withdrawn_at=datetime(2026, 5, 21), withdrawn_by="Trần Văn Hùng",
                       withdrawal_reason="Nhầm người")
    assert score(LATES, [withdrawn]).score == Fraction(975, 10)
    assert score(LATES, [excuse(4, AttendanceTrigger.EARLY)]).score == Fraction(975, 10)


def test_only_the_excused_occurrence_of_a_record_is_set_aside() -> None:
    both = [record(1, 4, late_minutes=25, early_minutes=40)]
    result = score(both, [excuse(4, AttendanceTrigger.LATE)])
    assert [(item.criterion_code, item.points, item.excuse is not None) for item in result.items] == [
        ("MUON", 0, True), ("SOM", -2, False)]
    assert result.score == 98


def test_an_excused_absence_no_longer_reaches_the_ceiling() -> None:
    absences = [record(1, 4, status=AttendanceStatus.ABSENT), record(2, 5, status=AttendanceStatus.ABSENT)]
    result = score(absences, [])
    assert result.score == 98 and result.grade_by_score.code == "A" and result.grade.code == "C"
    assert result.unexcused_absences == 2
    result = score(absences, [excuse(5, AttendanceTrigger.ABSENT)])
    assert result.score == 99 and result.grade.code == "A" and result.changes == ()
    assert result.unexcused_absences == 1 and result.violations == 1
    assert [(item.day.day, item.points, item.excuse is not None) for item in result.items] == [
        (4, -1, False), (5, 0, True)]


def test_a_late_within_the_grace_minutes_gives_no_item_excused_or_not() -> None:
    result = score([record(1, 4, late_minutes=5)], [excuse(4, AttendanceTrigger.LATE)])
    assert result.items == () and result.score == 100


def test_the_excused_item_says_why_and_who_decided(vietnamese) -> None:
    item = score(LATES, [excuse(4, AttendanceTrigger.LATE)]).items[0]
    assert excused_text(item) == ("Đi muộn 25 phút — miễn trừ: Đưa con đi cấp cứu "
                                  "(Lãnh đạo Trần Văn Hùng quyết định ngày 20/05/2026)")

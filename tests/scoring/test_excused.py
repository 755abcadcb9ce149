"""An occurrence the head excused costs nothing and counts toward nothing (escalation, ceilings, the violation and
unexcused-absence counts), yet stays listed at 0 with its reason."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction

from ward_office.core.attendance import Attendance, AttendanceId, AttendanceStatus
from ward_office.core.excuse import Excuse
from ward_office.core.period import half_year, month
from ward_office.core.plan import AttendanceTrigger, load_plan
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, score_period
from ward_office.scoring.excused import excused_text
from ward_office.scoring.results import ItemSource, ScoreItem, StaffResult

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


def test_an_excused_early_leave_is_listed_as_the_engine_would_list_it_at_0() -> None:
    early = record(7, 6, early_minutes=40, note="Xin về sớm", recorded_by="van_thu")
    allowed = excuse(6, AttendanceTrigger.EARLY)
    [item] = score([early], [allowed]).items
    assert item == ScoreItem("SOM", "TG", date(2026, 5, 6), Session.MORNING, ItemSource.ATTENDANCE, 7, 0,
                             Fraction(0), Fraction(0), Fraction(1), False, MAY, AttendanceTrigger.EARLY, 40,
                             "Xin về sớm", "van_thu", allowed)


def test_an_excused_absence_carries_no_minutes() -> None:
    [item] = score([record(1, 4, status=AttendanceStatus.ABSENT)], [excuse(4, AttendanceTrigger.ABSENT)]).items
    assert (item.criterion_code, item.trigger, item.minutes, item.points) == ("VANG", AttendanceTrigger.ABSENT, None, 0)


def test_an_excused_occurrence_on_the_periods_first_day_is_listed() -> None:
    [item] = score([record(1, 1, late_minutes=25)], [excuse(1, AttendanceTrigger.LATE)]).items
    assert (item.day, item.points, item.excuse is not None) == (date(2026, 5, 1), 0, True)


def test_an_excused_occurrence_outside_the_period_or_without_a_rule_is_not_listed() -> None:
    april = Attendance(ME, date(2026, 4, 30), Session.MORNING, late_minutes=25, id=AttendanceId(1))
    april_excuse = Excuse(AttendanceId(0), ME, date(2026, 4, 30), Session.MORNING, AttendanceTrigger.LATE,
                          "Đưa con đi cấp cứu", "Trần Văn Hùng", datetime(2026, 5, 20, 9, 0))
    unpunched = record(2, 5, missing_punch=True)  # the plan has no rule on a missing punch
    result = score([april, unpunched], [april_excuse, excuse(5, AttendanceTrigger.MISSING_PUNCH)])
    assert result.items == () and result.score == 100


PUNCH_PLAN = load_plan("""
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
points = -1

[[blocks.criteria]]
code = "SOM"
name = "Về sớm"
points = -2

[[blocks.criteria]]
code = "QUET"
name = "Thiếu lượt chấm công"
points = -4

[[attendance_rules]]
on = "late"
criterion = "MUON"

[[attendance_rules]]
on = "early"
criterion = "SOM"

[[attendance_rules]]
on = "missing_punch"
criterion = "QUET"

[[grades]]
code = "A"
name = "Tốt"
min_score = 0
""")


def scored(records: list[Attendance], excuses: list[Excuse], grace: int = 5) -> list[tuple[str, Fraction, bool]]:
    [result] = score_period(ScoringInput(PUNCH_PLAN, MAY, [PERSON], records, [], grace, excuses=excuses)).results
    return [(item.criterion_code, item.points, item.excuse is not None) for item in result.items]


def test_what_is_left_of_a_record_scores_whichever_of_its_occurrences_is_excused() -> None:
    record_of_three = [record(1, 4, late_minutes=25, early_minutes=40, missing_punch=True)]
    assert scored(record_of_three, [excuse(4, AttendanceTrigger.LATE)]) == [
        ("MUON", 0, True), ("QUET", -4, False), ("SOM", -2, False)]
    assert scored(record_of_three, [excuse(4, AttendanceTrigger.EARLY)]) == [
        ("MUON", -1, False), ("QUET", -4, False), ("SOM", 0, True)]
    assert scored(record_of_three, [excuse(4, AttendanceTrigger.MISSING_PUNCH)]) == [
        ("MUON", -1, False), ("QUET", 0, True), ("SOM", -2, False)]


def test_an_excused_late_leaves_no_missing_punch_the_record_did_not_have() -> None:
    assert scored([record(1, 4, late_minutes=25)], [excuse(4, AttendanceTrigger.LATE)]) == [("MUON", 0, True)]


def test_without_grace_minutes_an_excused_late_or_early_leaves_nothing_of_itself() -> None:
    both = [record(1, 4, late_minutes=25, early_minutes=40)]
    assert scored(both, [excuse(4, AttendanceTrigger.LATE)], grace=0) == [("MUON", 0, True), ("SOM", -2, False)]
    assert scored(both, [excuse(4, AttendanceTrigger.EARLY)], grace=0) == [("MUON", -1, False), ("SOM", 0, True)]


def test_an_early_leave_within_the_grace_minutes_gives_no_item_excused_or_not() -> None:
    assert scored([record(1, 4, early_minutes=5)], [excuse(4, AttendanceTrigger.EARLY)]) == []


def test_an_excused_occurrence_on_the_last_day_of_a_month_of_a_mean_is_listed_in_that_month() -> None:
    last_of_april = Attendance(ME, date(2026, 4, 30), Session.MORNING, late_minutes=25, id=AttendanceId(1))
    allowed = Excuse(AttendanceId(0), ME, date(2026, 4, 30), Session.MORNING, AttendanceTrigger.LATE,
                     "Đưa con đi cấp cứu", "Trần Văn Hùng", datetime(2026, 5, 20, 9, 0))
    [result] = score_period(ScoringInput(PLAN, half_year(2026, 1), [PERSON], [last_of_april], [], 5,
                                         excuses=[allowed])).results
    assert [(item.day, item.sub_period, item.weight, item.points) for item in result.items] == [
        (date(2026, 4, 30), month(2026, 4), Fraction(1, 6), 0)]


def test_someone_with_nothing_excused_beside_someone_with_an_excuse_keeps_their_items() -> None:
    other = Staff("NV02", "Lê Thị Bình", Gender.FEMALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=StaffId(2))
    records = [record(1, 4, late_minutes=25), Attendance(StaffId(2), date(2026, 5, 4), Session.MORNING,
                                                         late_minutes=25, id=AttendanceId(2))]
    ranking = score_period(ScoringInput(PLAN, MAY, [PERSON, other], records, [], 5,
                                        excuses=[excuse(4, AttendanceTrigger.LATE)]))
    assert {result.staff.code: [item.points for item in result.items] for result in ranking.results} == {
        "NV01": [0], "NV02": [Fraction(-1, 2)]}


def test_an_item_not_excused_has_no_excuse_text() -> None:
    [item] = score([record(1, 4, late_minutes=25)], []).items
    assert excused_text(item) == ""

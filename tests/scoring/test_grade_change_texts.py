"""What a person's papers say of a grade changed by a ceiling, the quota or the emulation council, in Vietnamese,
every number and grade in its place; and how many hold each grade."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction

from ward_office.core.checks import Event
from ward_office.core.period import month
from ward_office.core.plan import Ceiling, CeilingScope, Grade, Quota, QuotaBasis, load_plan
from ward_office.core.quota import QuotaDecision
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, score_period
from ward_office.scoring.results import GradeChange, GradeChangeKind

EXCELLENT = Grade("HTXS", "Hoàn thành xuất sắc nhiệm vụ", Fraction(90))
GOOD = Grade("HTT", "Hoàn thành tốt nhiệm vụ", Fraction(70))


def test_a_ceiling_counted_in_one_month_says_so(vietnamese: None) -> None:
    ceiling = Ceiling("HTT", 3, "Đi muộn", criterion_code="MUON", per=CeilingScope.MONTH)
    change = GradeChange(GradeChangeKind.CEILING, EXCELLENT, GOOD, ceiling=ceiling, count=4)
    assert change.localized() == ("Đi muộn (4 lần trong một tháng): xếp loại Hoàn thành tốt nhiệm vụ thay vì "
                                  "Hoàn thành xuất sắc nhiệm vụ")


def test_the_councils_decision_is_cited_with_its_day_minutes_places_and_grades(vietnamese: None) -> None:
    decision = QuotaDecision(month(2026, 11), "HTXS", 1, (StaffId(1), StaffId(2)), (StaffId(2),), date(2026, 12, 1),
                             "12/BB-HĐTĐ", "Nhiều sáng kiến", "truong", datetime(2026, 12, 1, 15))
    change = GradeChange(GradeChangeKind.COUNCIL, EXCELLENT, GOOD, limit=2, basis_count=5, decision=decision)
    assert change.localized() == ("Hội đồng thi đua quyết định ngày 01/12/2026 (biên bản số 12/BB-HĐTĐ): 2 trong 5 "
                                  "người bằng điểm giữ mức Hoàn thành xuất sắc nhiệm vụ; hạ xuống Hoàn thành tốt "
                                  "nhiệm vụ")


def test_a_quota_of_those_who_reached_the_grade_says_of_whom(vietnamese: None) -> None:
    quota = Quota("HTXS", Fraction(1, 5), QuotaBasis.EXACTLY)
    change = GradeChange(GradeChangeKind.QUOTA, EXCELLENT, GOOD, quota=quota, limit=3, basis_count=16)
    assert change.localized() == ("Tỷ lệ tối đa: chỉ 3 người được xếp loại Hoàn thành xuất sắc nhiệm vụ (20% của "
                                  "16 người đạt mức này); hạ xuống Hoàn thành tốt nhiệm vụ")


def test_a_quota_of_those_graded_the_next_grade_or_better_says_of_whom(vietnamese: None) -> None:
    quota = Quota("HTXS", Fraction(1, 5), QuotaBasis.AT_LEAST_NEXT)
    change = GradeChange(GradeChangeKind.QUOTA, EXCELLENT, GOOD, quota=quota, limit=3, basis_count=16)
    assert change.localized() == ("Theo tỷ lệ tối đa, chỉ 3 người được xếp loại Hoàn thành xuất sắc nhiệm vụ (20% "
                                  "của 16 người xếp loại Hoàn thành tốt nhiệm vụ trở lên); hạ xuống Hoàn thành tốt "
                                  "nhiệm vụ")


def test_a_quota_of_everyone_says_how_many_of_how_many(vietnamese: None) -> None:
    change = GradeChange(GradeChangeKind.QUOTA, EXCELLENT, GOOD, quota=Quota("HTXS", Fraction(1, 5)), limit=3,
                         basis_count=16)
    assert change.localized() == ("Theo tỷ lệ tối đa, chỉ 3/16 người được xếp loại Hoàn thành xuất sắc nhiệm vụ; "
                                  "hạ xuống Hoàn thành tốt nhiệm vụ")

def test_each_grade_is_counted_best_first_an_empty_one_with_0() -> None:
    plan = load_plan("""
[plan]
code = "T"
name = "Thử"
version = 1
base_score = 100

[[blocks]]
code = "TP"
name = "Trang phục, thẻ"

[[blocks.criteria]]
code = "THE"
name = "Không đeo thẻ"
points = -20

[[grades]]
code = "HTXS"
name = "Hoàn thành xuất sắc nhiệm vụ"
min_score = 90

[[grades]]
code = "HTT"
name = "Hoàn thành tốt nhiệm vụ"
min_score = 70

[[grades]]
code = "KHT"
name = "Không hoàn thành nhiệm vụ"
min_score = 0
""")
    staff = tuple(Staff(f"CB{number}", f"Nguyễn Văn Người{number}", Gender.MALE, "Chuyên viên",
                        StaffCategory.CONG_CHUC, id=StaffId(number)) for number in (1, 2, 3))
    events = (Event(StaffId(2), date(2026, 11, 4), "THE"),)  # 80: HTT; the other two 100: HTXS
    ranking = score_period(ScoringInput(plan, month(2026, 11), staff, (), events, 5))
    assert [(grade.code, count) for grade, count in ranking.grade_counts()] == [("HTXS", 2), ("HTT", 1), ("KHT", 0)]

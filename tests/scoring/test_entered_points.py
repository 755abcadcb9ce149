"""The points the head enters each month, in the engine: each entry an item of (points − maximum) on the first day
of its month, weighed by the months of the part it falls in, a ceiling that still binds kept, those lacking an entry
listed after the ranked by name, and the words that say what was entered or is lacking. By hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from fractions import Fraction

from ward_office.core.attendance import Attendance
from ward_office.core.entered_scores import EnteredScore
from ward_office.core.period import Period, PeriodKind, month, quarter
from ward_office.core.plan import load_plan
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, score_period
from ward_office.scoring.entered import entered_note, lacking_text, ungraded_line
from ward_office.scoring.results import ItemSource, Ranking, StaffResult
from ward_office.scoring.versions import score_across_versions, version_runs

HEAD = """
[plan]
code = "NV"
name = "Văn hóa công sở và kết quả nhiệm vụ"
version = {version}
base_score = 100
"""
BODY = """
[[blocks]]
code = "VH"
name = "Văn hóa công sở"
maximum = 30

[[blocks.criteria]]
code = "VM"
name = "Vào muộn"
points = -1

[[blocks.criteria]]
code = "RS"
name = "Ra sớm"
points = -1

[[attendance_rules]]
on = "late"
criterion = "VM"

[[attendance_rules]]
on = "early"
criterion = "RS"

[[blocks]]
code = "NV"
name = "Kết quả thực hiện nhiệm vụ"
entered = true
maximum = 70

[[blocks.criteria]]
code = "NV1"
name = "Khối lượng công việc"
maximum = {nv1}

[[blocks.criteria]]
code = "NV2"
name = "Chất lượng, tiến độ"
maximum = {nv2}

[[ceilings]]
criterion = "VM"
min_count = 2
max_grade = "C"
reason = "Vào muộn"

[[grades]]
code = "A"
name = "Xuất sắc"
min_score = 95

[[grades]]
code = "B"
name = "Tốt"
min_score = 90

[[grades]]
code = "C"
name = "Khá"
min_score = 70

[[grades]]
code = "D"
name = "Chưa đạt"
min_score = 0
"""


def plan(aggregation: str = "", version: int = 1, nv1: int = 40, nv2: int = 30):
    return load_plan(HEAD.format(version=version) + aggregation + BODY.format(nv1=nv1, nv2=nv2))


PLAN = plan()
DIRECT = plan('\n[aggregation]\ndefault = "direct"\n')
AN, BINH, CUONG = (Staff(f"CB{number}", name, Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=StaffId(number))
                   for number, name in ((1, "Lê Văn An"), (2, "Trần Văn Bình"), (3, "Phạm Văn Cường")))
AT = datetime(2026, 5, 5, 9)


def entry(number: int, person: Staff, first: date, code: str, points: str, self_points: str | None = None,
          note: str = "") -> EnteredScore:
    return EnteredScore(person.id or StaffId(0), first, code, Fraction(points),
                        None if self_points is None else Fraction(self_points), note, "truong", AT, id=number)


def full(number: int, person: Staff, first: date, nv1: str, nv2: str) -> list[EnteredScore]:
    return [entry(number, person, first, "NV1", nv1), entry(number + 1, person, first, "NV2", nv2)]


def result_of(ranking: Ranking, person: Staff) -> StaffResult:
    return next(result for result in ranking.results if result.staff.id == person.id)


def test_an_entry_is_an_item_of_its_points_below_the_maximum_on_the_months_first_day() -> None:
    scores = [entry(7, AN, date(2026, 4, 1), "NV1", "35", note="Chậm báo cáo"), entry(8, AN, date(2026, 4, 1), "NV2",
                                                                                  "30")]
    result = result_of(score_period(ScoringInput(PLAN, month(2026, 4), (AN,), (), (), 5, entered_scores=scores)), AN)
    assert [(item.criterion_code, item.block_code, item.day, item.session, item.source, item.record_id,
             item.occurrence, item.raw_points, item.points, item.weight, item.capped, item.note, item.recorded_by)
            for item in result.items] == [
        ("NV1", "NV", date(2026, 4, 1), None, ItemSource.ENTERED, 7, 1, -5, -5, 1, False, "Chậm báo cáo", "truong"),
        ("NV2", "NV", date(2026, 4, 1), None, ItemSource.ENTERED, 8, 1, 0, 0, 1, False, "", "truong"),
    ]
    assert (result.score, dict(result.block_totals), result.grade.code) == (95, {"VH": 0, "NV": -5}, "A")


def test_the_first_days_items_show_the_morning_then_the_afternoon_then_the_entered_by_criterion() -> None:
    first = date(2026, 4, 1)
    late = [Attendance(AN.id or StaffId(0), first, Session.MORNING, late_minutes=20),
            Attendance(AN.id or StaffId(0), first, Session.AFTERNOON, early_minutes=20)]
    ranking = score_period(ScoringInput(PLAN, month(2026, 4), (AN,), late, (), 5,
                                        entered_scores=full(1, AN, first, "40", "30")))
    assert [(item.criterion_code, item.session) for item in result_of(ranking, AN).items] == [
        ("VM", Session.MORNING), ("RS", Session.AFTERNOON), ("NV1", None), ("NV2", None)]


def test_a_period_scored_directly_weighs_each_month_entered_by_its_share() -> None:
    # January to March as one: NV1 −3, −6, −9 and NV2 0, −3, 0 a month: (−18 − 3) / 3 = −7 off the score.
    scores = [*full(1, AN, date(2026, 1, 1), "37", "30"), *full(3, AN, date(2026, 2, 1), "34", "27"),
              *full(5, AN, date(2026, 3, 1), "31", "30")]
    result = result_of(score_period(ScoringInput(DIRECT, quarter(2026, 1), (AN,), (), (), 5,
                                                 entered_scores=scores)), AN)
    assert [(item.day, item.points, item.weight) for item in result.items] == [
        (date(2026, 1, 1), -3, Fraction(1, 3)), (date(2026, 1, 1), 0, Fraction(1, 3)),
        (date(2026, 2, 1), -6, Fraction(1, 3)), (date(2026, 2, 1), -3, Fraction(1, 3)),
        (date(2026, 3, 1), -9, Fraction(1, 3)), (date(2026, 3, 1), 0, Fraction(1, 3))]
    assert (result.score, result.block_totals["NV"]) == (93, -7)
    assert [part.score for part in result.sub_periods] == [93]


def test_a_mean_of_months_weighs_each_month_entered_by_its_month() -> None:
    scores = [*full(1, AN, date(2026, 1, 1), "37", "30"), *full(3, AN, date(2026, 2, 1), "34", "27"),
              *full(5, AN, date(2026, 3, 1), "31", "30")]
    result = result_of(score_period(ScoringInput(PLAN, quarter(2026, 1), (AN,), (), (), 5,
                                                 entered_scores=scores)), AN)
    assert {item.weight for item in result.items} == {Fraction(1, 3)}
    assert [part.score for part in result.sub_periods] == [97, 91, 91]
    assert (result.score, result.block_totals["NV"]) == (93, -7)


def test_a_direct_period_across_the_new_year_counts_both_months() -> None:
    winter = Period(PeriodKind.RANGE, date(2026, 12, 1), date(2027, 1, 31))
    scores = [*full(1, AN, date(2026, 12, 1), "30", "30"), *full(3, AN, date(2027, 1, 1), "40", "26")]
    result = result_of(score_period(ScoringInput(DIRECT, winter, (AN,), (), (), 5, entered_scores=scores)), AN)
    assert [(item.day, item.points) for item in result.items] == [
        (date(2026, 12, 1), -10), (date(2026, 12, 1), 0), (date(2027, 1, 1), 0), (date(2027, 1, 1), -4)]
    assert result.score == 93


def test_a_ceiling_that_bound_still_binds_while_the_lowered_grade_is_above_it() -> None:
    first = date(2026, 4, 1)
    late = [Attendance(person.id or StaffId(0), day, Session.MORNING, late_minutes=20)
            for person in (AN, BINH, CUONG) for day in (date(2026, 4, 6), date(2026, 4, 7))]
    # Each late twice (98, A, at most C). An 93 (B): still C, the change now from B; Bình 73, C itself: no change;
    # Cường 48, D: under the ceiling, no change.
    scores = [*full(1, AN, first, "35", "30"), *full(3, BINH, first, "20", "25"), *full(5, CUONG, first, "10", "10")]
    ranking = score_period(ScoringInput(PLAN, month(2026, 4), (AN, BINH, CUONG), late, (), 5, entered_scores=scores))
    assert [(result.staff.code, result.score, result.grade_by_score.code, result.grade.code,
             [(change.from_grade.code, change.to_grade.code) for change in result.changes])
            for result in ranking.results] == [
        ("CB1", 93, "B", "C", [("B", "C")]), ("CB2", 73, "C", "C", []), ("CB3", 48, "D", "D", [])]


def test_those_lacking_an_entry_come_after_the_ranked_by_name(vietnamese: None) -> None:
    first = date(2026, 4, 1)
    # Bình and An lack NV2; Cường has everything.
    scores = [entry(1, BINH, first, "NV1", "40"), entry(2, AN, first, "NV1", "40"), *full(3, CUONG, first, "40", "30")]
    ranking = score_period(ScoringInput(PLAN, month(2026, 4), (BINH, CUONG, AN), (), (), 5, entered_scores=scores))
    assert [(result.staff.code, result.rank, result.ungraded) for result in ranking.results] == [
        ("CB3", 1, ()), ("CB1", 0, ((first, "NV2"),)), ("CB2", 0, ((first, "NV2"),))]
    assert ungraded_line(ranking) == (
        "Chưa chấm: 2 người còn thiếu điểm Lãnh đạo chấm của tháng có công tác (Lê Văn An, Trần Văn Bình); chưa "
        "xếp loại, chưa xếp thứ cho đến khi chấm đủ điểm")


def test_what_is_lacking_is_named_month_by_month(vietnamese: None) -> None:
    ranking = score_period(ScoringInput(PLAN, month(2026, 4), (AN,), (), (), 5))
    result = replace(result_of(ranking, AN), ungraded=(
        (date(2026, 3, 1), "NV1"), (date(2026, 3, 1), "NV2"), (date(2026, 4, 1), "NV2"),
        (date(2026, 4, 1), "NV9")))  # an item of an earlier version, which this one no longer has: by its code
    assert lacking_text(PLAN, result) == ("tháng 3/2026 thiếu “Khối lượng công việc”, “Chất lượng, tiến độ”; "
                                          "tháng 4/2026 thiếu “Chất lượng, tiến độ”, “NV9”")


def test_an_entered_item_reads_as_entered_with_the_persons_own_assessment(vietnamese: None) -> None:
    scores = [entry(1, AN, date(2026, 4, 1), "NV1", "35", self_points="38.5"), entry(2, AN, date(2026, 4, 1), "NV2",
                                                                                     "30")]
    result = result_of(score_period(ScoringInput(PLAN, month(2026, 4), (AN,), (), (), 5, entered_scores=scores)), AN)
    assert [entered_note(PLAN, result, item) for item in result.items] == ["35/40 (tự chấm 38,5)", "30/30"]


def test_an_entered_item_of_a_month_under_an_earlier_version_reads_as_it_was_entered() -> None:
    # Version 1 (January): NV1 out of 40, NV2 out of 30; version 2 (February): out of 50 and 20.
    second = plan(version=2, nv1=50, nv2=20)
    runs = version_runs([(month(2026, 1), PLAN), (month(2026, 2), second)])
    scores = [*full(1, AN, date(2026, 1, 1), "35", "30"), *full(3, AN, date(2026, 2, 1), "45", "20")]
    data = ScoringInput(second, Period(PeriodKind.RANGE, date(2026, 1, 1), date(2026, 2, 28)), (AN,), (), (), 5,
                        entered_scores=scores)
    result = result_of(score_across_versions(data, runs), AN)
    assert [entered_note(second, result, item) for item in result.items] == ["35/40", "30/30", "45/50", "20/20"]
    # Under a version without the item at all, still as entered.
    third = load_plan(HEAD.format(version=3) + BODY.format(nv1=40, nv2=30).replace('code = "NV1"', 'code = "NV3"')
                      .replace('name = "Khối lượng công việc"', 'name = "Khối lượng"'))
    assert entered_note(third, result, result.items[0]) == "35/40"


def test_an_entered_item_without_its_entry_at_hand_reads_against_the_plans_maximum() -> None:
    scores = full(1, AN, date(2026, 4, 1), "35", "30")
    result = replace(result_of(score_period(ScoringInput(PLAN, month(2026, 4), (AN,), (), (), 5,
                                                         entered_scores=scores)), AN), entered=())
    assert [entered_note(PLAN, result, item) for item in result.items] == ["35/40", "30/30"]
    gone = replace(result.items[0], criterion_code="NV9")  # nor the item in the plan: what it took off, of nothing
    assert entered_note(PLAN, result, gone) == "-5/0"


def test_a_period_ending_on_the_first_of_a_month_needs_that_months_entries_too() -> None:
    spring = Period(PeriodKind.RANGE, date(2026, 3, 15), date(2026, 4, 1))
    scores = full(1, AN, date(2026, 3, 1), "40", "30")
    [result] = score_period(ScoringInput(DIRECT, spring, (AN,), (), (), 5, entered_scores=scores)).results
    assert result.ungraded == ((date(2026, 4, 1), "NV1"), (date(2026, 4, 1), "NV2"))
    # March's items fall on the period's first day.
    assert [item.day for item in result.items] == [date(2026, 3, 15), date(2026, 3, 15)]


def test_across_versions_those_lacking_an_entry_come_after_the_ranked_without_a_rank() -> None:
    runs = version_runs([(month(2026, 1), PLAN), (month(2026, 2), plan(version=2))])
    # Bình lacks February's NV2 (under version 2).
    scores = [*full(1, AN, date(2026, 1, 1), "40", "30"), *full(3, AN, date(2026, 2, 1), "40", "30"),
              *full(5, BINH, date(2026, 1, 1), "40", "30"), entry(7, BINH, date(2026, 2, 1), "NV1", "40")]
    data = ScoringInput(plan(version=2), Period(PeriodKind.RANGE, date(2026, 1, 1), date(2026, 2, 28)), (BINH, AN),
                        (), (), 5, entered_scores=scores)
    ranking = score_across_versions(data, runs)
    assert [(result.staff.code, result.rank, result.ungraded) for result in ranking.results] == [
        ("CB1", 1, ()), ("CB2", 0, ((date(2026, 2, 1), "NV2"),))]


def test_across_versions_those_lacking_an_entry_are_listed_by_name() -> None:
    runs = version_runs([(month(2026, 1), PLAN), (month(2026, 2), plan(version=2))])
    # Both lack February's NV2; in January Bình (90) ranked above An (80).
    scores = [*full(1, AN, date(2026, 1, 1), "20", "30"), *full(3, BINH, date(2026, 1, 1), "30", "30"),
              entry(5, AN, date(2026, 2, 1), "NV1", "40"), entry(6, BINH, date(2026, 2, 1), "NV1", "40")]
    data = ScoringInput(plan(version=2), Period(PeriodKind.RANGE, date(2026, 1, 1), date(2026, 2, 28)), (BINH, AN),
                        (), (), 5, entered_scores=scores)
    assert [(result.staff.full_name, result.rank) for result in score_across_versions(data, runs).results] == [
        ("Lê Văn An", 0), ("Trần Văn Bình", 0)]

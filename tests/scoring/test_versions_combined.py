"""A period spanning plan versions, in the rules alone: the months merged into runs of one version, the words that
say so and what a later version cannot carry over, and the months scored each under its own version, combined and
graded under the last. By hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from fractions import Fraction

from ward_office.core.attendance import Attendance, AttendanceId, AttendanceStatus, LeaveCode
from ward_office.core.checks import Event
from ward_office.core.excuse import Excuse
from ward_office.core.period import Period, PeriodKind, month, whole_year
from ward_office.core.plan import TieBreak, load_plan
from ward_office.core.plan_terms import AttendanceTrigger
from ward_office.core.quota import QuotaDecision
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, score_period
from ward_office.scoring.results import Bound, LeftOutMonth, PlanMonths, Ranking
from ward_office.scoring.versions import (
    lossy_changes,
    plan_months,
    score_across_versions,
    version_runs,
    versions_line,
    versions_text,
)

BLOCKS = """
[[blocks]]
code = "VH"
name = "Văn hóa công sở"

[[blocks.criteria]]
code = "VM"
name = "Vào muộn"
points = -2
"""
EXTRA = """
[[blocks]]
code = "KT"
name = "Khen thưởng"

[[blocks.criteria]]
code = "BD"
name = "Được biểu dương"
points = 1
"""
GRADES = """
[[grades]]
code = "A"
name = "Xuất sắc"
min_score = {excellent}

[[grades]]
code = "B"
name = "Đạt"
min_score = 0
"""


def plan(version: int, base: str = "100", excellent: int = 90, extra: bool = True):
    return load_plan(f'[plan]\ncode = "VH"\nname = "Văn hóa công sở"\nversion = {version}\nbase_score = {base}\n'
                     + BLOCKS + (EXTRA if extra else "") + GRADES.format(excellent=excellent))


V1, V2 = plan(1), plan(2)


def test_months_of_one_version_are_merged_into_runs() -> None:
    months = [(month(2026, number), V1 if number < 3 or number == 5 else V2) for number in range(1, 7)]
    runs = version_runs(months)
    assert [(run.kind, run.start, run.end, version.version) for run, version in runs] == [
        (PeriodKind.RANGE, date(2026, 1, 1), date(2026, 2, 28), 1),
        (PeriodKind.RANGE, date(2026, 3, 1), date(2026, 4, 30), 2),
        (PeriodKind.RANGE, date(2026, 5, 1), date(2026, 5, 31), 1),
        (PeriodKind.RANGE, date(2026, 6, 1), date(2026, 6, 30), 2)]
    assert plan_months(runs) == (PlanMonths(1, date(2026, 1, 1), date(2026, 2, 28)),
                                 PlanMonths(2, date(2026, 3, 1), date(2026, 4, 30)),
                                 PlanMonths(1, date(2026, 5, 1), date(2026, 5, 31)),
                                 PlanMonths(2, date(2026, 6, 1), date(2026, 6, 30)))


def test_the_versions_are_named_with_their_months(vietnamese: None) -> None:
    parts = (PlanMonths(1, date(2025, 9, 1), date(2026, 1, 31)), PlanMonths(2, date(2026, 2, 1), date(2026, 2, 28)),
             PlanMonths(3, date(2026, 3, 1), date(2026, 5, 31)))
    assert versions_text(parts) == ("tháng 9/2025–1/2026 theo phiên bản 1, tháng 2 theo phiên bản 2, "
                                    "tháng 3–5 theo phiên bản 3")


def test_every_output_says_which_versions_scored_which_months_only_when_several_did(vietnamese: None) -> None:
    ranking = score_period(ScoringInput(V2, month(2026, 3), (), (), (), 5))
    assert versions_line(ranking) is None
    spanning = Ranking(V2, ranking.period, (), None, (), plan_versions=(
        PlanMonths(1, date(2026, 1, 1), date(2026, 2, 28)), PlanMonths(2, date(2026, 3, 1), date(2026, 3, 31))))
    assert versions_line(spanning) == ("Mỗi tháng được chấm theo phiên bản kế hoạch áp dụng trong tháng đó: tháng "
                                       "1–2 theo phiên bản 1, tháng 3 theo phiên bản 2; tổng hợp và xếp loại theo "
                                       "phiên bản 2.")


def test_a_later_version_warns_of_its_base_its_lost_blocks_and_its_grades(vietnamese: None) -> None:
    assert lossy_changes(V1, V2) == []
    later = plan(2, base="12.5", excellent=11, extra=False)
    assert lossy_changes(V1, later) == [
        "Phiên bản 2 có điểm chuẩn 12,5, phiên bản 1 có điểm chuẩn 100: kỳ trải qua cả hai phiên bản quy điểm các "
        "tháng trước về điểm chuẩn mới (điểm × 12,5 / 100)",
        "Nhóm tiêu chí của phiên bản 1 không còn trong phiên bản 2 (KT): trong kỳ trải qua cả hai phiên bản, điểm "
        "của chúng vẫn được tính vào tổng điểm nhưng không có cột riêng",
        "Mức xếp loại của phiên bản 2 khác phiên bản 1: kỳ trải qua cả hai phiên bản chỉ xếp loại theo mức của "
        "phiên bản 2"]
    other_blocks = load_plan('[plan]\ncode = "VH"\nname = "Văn hóa công sở"\nversion = 2\nbase_score = 100\n'
                             + BLOCKS.replace('code = "VH"', 'code = "CC"', 1) + GRADES.format(excellent=90))
    assert lossy_changes(V1, other_blocks) == [
        "Nhóm tiêu chí của phiên bản 1 không còn trong phiên bản 2 (VH, KT): trong kỳ trải qua cả hai phiên bản, "
        "điểm của chúng vẫn được tính vào tổng điểm nhưng không có cột riêng"]
    assert lossy_changes(V1, plan(2, excellent=80)) == [
        "Mức xếp loại của phiên bản 2 khác phiên bản 1: kỳ trải qua cả hai phiên bản chỉ xếp loại theo mức của "
        "phiên bản 2"]


SCORED = """
[[blocks]]
code = "VH"
name = "Văn hóa công sở"

[[blocks.criteria]]
code = "VM"
name = "Vào muộn"
points = -2
escalation = [{ from = 2, points = -5 }]

[[blocks.criteria]]
code = "KP"
name = "Vắng không lý do"
points = -3

[[blocks.criteria]]
code = "BD"
name = "Được biểu dương"
points = 1

[[attendance_rules]]
on = "absent"
criterion = "KP"
"""


def scored_plan(version: int, aggregation: str = 'default = "direct"', more: str = "", head: str = "",
                excellent: int = 99):
    """Late at −2, from the second time in a part −5; absent −3; commended +1; "Xuất sắc" from ``excellent``."""
    return load_plan(f'[plan]\ncode = "VH"\nname = "Văn hóa công sở"\nversion = {version}\nbase_score = 100\n'
                     f"{head}\n[aggregation]\n{aggregation}\n" + SCORED + more + GRADES.format(excellent=excellent))


AN, BINH, CUONG = (Staff(f"CB{number}", name, Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=StaffId(number))
                   for number, name in ((1, "Lê Văn An"), (2, "Trần Văn Bình"), (3, "Phạm Văn Cường")))


def events(*happened: tuple[Staff, date, str]) -> list[Event]:
    return [Event(person.id or StaffId(0), day, code, id=index) for index, (person, day, code) in
            enumerate(happened, start=1)]


def across(versions: list[tuple[Period, object]], period: Period, staff=(AN,), attendance=(), happened=(),
           **more: object) -> Ranking:
    end = versions[-1][1]
    data = ScoringInput(end, period, staff, attendance, happened, 5, **more)  # type: ignore[arg-type]
    return score_across_versions(data, version_runs(versions))  # type: ignore[arg-type]


def months_of(first: int, last: int, plan: object, year: int = 2026) -> list[tuple[Period, object]]:
    return [(month(year, number), plan) for number in range(first, last + 1)]


def test_each_run_is_scored_under_its_version_by_the_last_versions_rule_and_weighed_by_its_months() -> None:
    # January–February under version 1 (a mean of months), March under version 2 (direct): the last version's
    # rule scores version 1's months directly too, so February's lateness is the second (−5). Version 1: −2 − 3
    # + 1 − 5 = −9 (91) over two months; version 2: −2 − 3 = −5 (95) over one: 100 − 9 × 2/3 − 5 × 1/3 = 277/3.
    v1, v2 = scored_plan(1, 'default = "mean_of_months"'), scored_plan(2)
    happened = events((AN, date(2026, 1, 12), "VM"), (AN, date(2026, 1, 20), "BD"), (AN, date(2026, 2, 10), "VM"),
                      (AN, date(2026, 3, 2), "VM"))
    absent = [Attendance(StaffId(1), day, Session.MORNING, AttendanceStatus.ABSENT)
              for day in (date(2026, 1, 13), date(2026, 3, 3))]
    ranking = across([*months_of(1, 2, v1), *months_of(3, 3, v2)], Period(PeriodKind.RANGE, date(2026, 1, 1),
                                                                          date(2026, 3, 31)), attendance=absent,
                     happened=happened)
    [result] = ranking.results
    assert result.score == Fraction(277, 3)
    assert [(part.period.kind, part.period.start, part.period.end, part.weight, part.score)
            for part in result.sub_periods] == [
        (PeriodKind.RANGE, date(2026, 1, 1), date(2026, 2, 28), Fraction(2, 3), 91),
        (PeriodKind.RANGE, date(2026, 3, 1), date(2026, 3, 31), Fraction(1, 3), 95)]
    assert [(item.criterion_code, item.points, item.weight) for item in result.items] == [
        ("VM", -2, Fraction(2, 3)), ("KP", -3, Fraction(2, 3)), ("BD", 1, Fraction(2, 3)), ("VM", -5, Fraction(2, 3)),
        ("VM", -2, Fraction(1, 3)), ("KP", -3, Fraction(1, 3))]
    assert dict(result.block_totals) == {"VH": Fraction(-23, 3)}
    assert (result.violations, result.commendations, result.unexcused_absences) == (5, 1, 2)
    assert result.deducted_points == Fraction(10 * 2 + 5, 3)


def test_a_run_across_the_new_year_weighs_its_three_months() -> None:
    # November–January under version 1: −2 − 5 = −7 (93) over three months; February under version 2: 100.
    v1, v2 = scored_plan(1), scored_plan(2)
    runs = [*months_of(11, 12, v1), (month(2027, 1), v1), (month(2027, 2), v2)]
    ranking = across(runs, Period(PeriodKind.RANGE, date(2026, 11, 1), date(2027, 2, 28)),
                     happened=events((AN, date(2026, 12, 7), "VM"), (AN, date(2027, 1, 5), "VM")))
    assert ranking.results[0].score == 100 - Fraction(7 * 3, 4)


def test_a_version_in_force_on_the_periods_last_day_alone_scores_that_day() -> None:
    # January under version 1 (100), 1 February under version 2 (late: 98): a month each, 99.
    v1, v2 = scored_plan(1), scored_plan(2)
    ranking = across([(month(2026, 1), v1), (month(2026, 2), v2)],
                     Period(PeriodKind.RANGE, date(2026, 1, 1), date(2026, 2, 1)),
                     happened=events((AN, date(2026, 2, 1), "VM")))
    [result] = ranking.results
    assert result.score == 99
    assert [(part.period.start, part.period.end) for part in result.sub_periods] == [
        (date(2026, 1, 1), date(2026, 1, 31)), (date(2026, 2, 1), date(2026, 2, 1))]


def test_a_year_of_weighted_halves_scores_each_half_by_the_plans_rule_for_periods() -> None:
    # Halves weighed 1 and 2, each a mean of its months: the first half −2 in January and −2 in February (each
    # month on its own, no escalation): 100 − 4/6; the second −2 in August: 100 − 2/6. (H1 + 2 H2) / 3 = 100 − 4/9.
    rule = 'default = "mean_of_months"\nyear = "weighted_halves"\nyear_weights = [1, 2]'
    v1, v2 = scored_plan(1, rule), scored_plan(2, rule)
    ranking = across([*months_of(1, 6, v1), *months_of(7, 12, v2)], whole_year(2026),
                     happened=events((AN, date(2026, 1, 12), "VM"), (AN, date(2026, 2, 10), "VM"),
                                     (AN, date(2026, 8, 3), "VM")))
    assert ranking.results[0].score == 100 - Fraction(4, 9)


def test_a_year_as_a_mean_of_months_is_one_mean_of_the_months_worked() -> None:
    # An came on 1 April: nine months, one of them −2: 100 − 2/9 (not the mean of two halves).
    v1, v2 = scored_plan(1, 'default = "mean_of_months"'), scored_plan(2, 'default = "mean_of_months"')
    came = replace(AN, active_from=date(2026, 4, 1))
    ranking = across([*months_of(1, 6, v1), *months_of(7, 12, v2)], whole_year(2026), staff=(came,),
                     happened=events((AN, date(2026, 4, 7), "VM")))
    assert ranking.results[0].score == 100 - Fraction(2, 9)


def test_months_on_long_leave_are_left_out_across_versions_and_a_whole_period_is_not_scored() -> None:
    rule = 'default = "mean_of_months"\nlong_leave_codes = ["Ô"]'
    v1, v2 = scored_plan(1, rule), scored_plan(2, rule)
    sick = [Attendance(person.id or StaffId(0), day, session, AttendanceStatus.LEAVE, leave_code=LeaveCode.SICK)
            for person, last in ((AN, date(2026, 1, 31)), (BINH, date(2026, 3, 31)))
            for day in (date(2026, 1, 1) + timedelta(days=offset) for offset in range((last - date(2026, 1, 1)).days
                                                                                         + 1))
            if day.weekday() < 5 for session in Session]
    ranking = across([*months_of(1, 2, v1), *months_of(3, 3, v2)],
                     Period(PeriodKind.RANGE, date(2026, 1, 1), date(2026, 3, 31)), staff=(AN, BINH),
                     attendance=sick, happened=events((AN, date(2026, 3, 2), "VM")))
    # An: January left out; February (100) and March (98), one month each: 99.
    assert [(result.staff.code, result.score) for result in ranking.results] == [("CB1", 99)]
    assert dict(ranking.months_left_out) == {
        StaffId(1): (LeftOutMonth(month(2026, 1), (LeaveCode.SICK,)),),
        StaffId(2): (LeftOutMonth(month(2026, 1), (LeaveCode.SICK,)), LeftOutMonth(month(2026, 2), (LeaveCode.SICK,)),
                     LeftOutMonth(month(2026, 3), (LeaveCode.SICK,)))}
    assert ranking.not_scored == (BINH,)


QUOTA = '\n[quota]\ngrade = "A"\nmax_share = 0.5\n'
SPRING = Period(PeriodKind.RANGE, date(2026, 1, 1), date(2026, 3, 31))


def test_the_last_versions_quota_cuts_the_combined_ranking_and_the_councils_decision_applies() -> None:
    v1, v2 = scored_plan(1), scored_plan(2, more=QUOTA)
    runs = [*months_of(1, 2, v1), *months_of(3, 3, v2)]
    staff = (AN, BINH, CUONG)
    late = events((CUONG, date(2026, 3, 2), "VM"))  # Cường 100 − 2/3: B; An and Bình tied at 100 for one place
    pending = across(runs, SPRING, staff=staff, happened=late)
    assert pending.quota_limit == 1
    assert pending.quota_tie is not None and [person.code for person in pending.quota_tie.tied] == ["CB1", "CB2"]
    assert [result.grade.code for result in pending.results] == ["A", "A", "B"]
    decision = QuotaDecision(SPRING, "A", 1, (StaffId(1), StaffId(2)), (StaffId(2),), date(2026, 4, 3),
                             "3/BB-HĐTĐ", "Nhiều sáng kiến", "truong", datetime(2026, 4, 3, 15))
    decided = across(runs, SPRING, staff=staff, happened=late, quota_decisions=(decision,))
    assert decided.quota_tie is not None and decided.quota_tie.decision == decision
    assert [(result.staff.code, result.rank, result.grade.code) for result in decided.results] == [
        ("CB1", 1, "B"), ("CB2", 1, "A"), ("CB3", 3, "B")]


def test_the_last_versions_tie_break_separates_equal_scores_at_the_quota_line() -> None:
    v1, v2 = scored_plan(1), scored_plan(2, more=QUOTA)
    # An: late (−2) and commended twice: 100, with a violation; Bình 100 without: the tie-break keeps Bình.
    happened = events((AN, date(2026, 1, 5), "VM"), (AN, date(2026, 1, 6), "BD"), (AN, date(2026, 2, 6), "BD"))
    ranking = across([*months_of(1, 2, v1), *months_of(3, 3, v2)], SPRING, staff=(AN, BINH), happened=happened)
    assert ranking.results[0].score == ranking.results[1].score
    assert ranking.quota_separated_by is TieBreak.FEWER_VIOLATIONS
    assert [(result.staff.code, result.grade.code) for result in ranking.results] == [("CB2", "A"), ("CB1", "B")]


def test_a_ceiling_counted_over_the_year_counts_the_months_before_the_period() -> None:
    ceiling = '\n[[ceilings]]\ncriterion = "VM"\nmin_count = 2\nmax_grade = "B"\nper = "year"\nreason = "Vào muộn"\n'
    v1, v2 = scored_plan(1), scored_plan(2, more=ceiling)
    # Late once before the period and once in April: 100 − 1 (A by score), graded B by the ceiling.
    ranking = across([(month(2026, 3), v1), (month(2026, 4), v2)],
                     Period(PeriodKind.RANGE, date(2026, 3, 1), date(2026, 4, 30)),
                     happened=events((AN, date(2026, 4, 6), "VM")), earlier_counts={StaffId(1): {"VM": 1}})
    [result] = ranking.results
    assert (result.score, result.grade_by_score.code, result.grade.code) == (99, "A", "B")


def test_an_earlier_versions_score_is_brought_to_the_later_base() -> None:
    # Version 1 from 100, version 2 from 50: January–February, late (−2) and commended in a block version 2 no
    # longer has (+1: it still counts, without a column of its own): 99, so 49.5 under version 2; March, late: 48.
    # Each of version 1's points counts half: 50 − 1 × 1/2 × 2/3 − 2 × 1/3 = 49.
    v1 = scored_plan(1, more=EXTRA.replace('code = "BD"', 'code = "KT1"'))
    v2 = load_plan('[plan]\ncode = "VH"\nname = "Văn hóa công sở"\nversion = 2\nbase_score = 50\n'
                   '\n[aggregation]\ndefault = "direct"\n' + SCORED + GRADES.format(excellent=49))
    ranking = across([*months_of(1, 2, v1), *months_of(3, 3, v2)], SPRING, happened=events(
        (AN, date(2026, 1, 12), "VM"), (AN, date(2026, 2, 3), "KT1"), (AN, date(2026, 3, 2), "VM")))
    [result] = ranking.results
    assert result.score == 49
    assert [(part.weight, part.score) for part in result.sub_periods] == [
        (Fraction(2, 3), Fraction(99, 2)), (Fraction(1, 3), 48)]
    assert [(item.criterion_code, item.points, item.weight) for item in result.items] == [
        ("VM", -2, Fraction(1, 3)), ("KT1", 1, Fraction(1, 3)), ("VM", -2, Fraction(1, 3))]
    assert dict(result.block_totals) == {"VH": Fraction(-4, 3), "KT": Fraction(1, 3)}


def test_an_earlier_version_from_half_the_base_counts_its_points_twice() -> None:
    # Version 1 from 50, version 2 from 100: January–February, late: 48, so 100 − 2 × 2 = 96 under version 2.
    v1 = load_plan('[plan]\ncode = "VH"\nname = "Văn hóa công sở"\nversion = 1\nbase_score = 50\n'
                   '\n[aggregation]\ndefault = "direct"\n' + SCORED + GRADES.format(excellent=49))
    ranking = across([*months_of(1, 2, v1), *months_of(3, 3, scored_plan(2))], SPRING,
                     happened=events((AN, date(2026, 1, 12), "VM")))
    [result] = ranking.results
    assert [(part.weight, part.score) for part in result.sub_periods] == [(Fraction(2, 3), 96), (Fraction(1, 3), 100)]
    assert result.score == 100 - Fraction(8, 3)


def test_an_earlier_version_from_0_keeps_its_points_as_they_are() -> None:
    v1 = load_plan('[plan]\ncode = "VH"\nname = "Văn hóa công sở"\nversion = 1\nbase_score = 0\n'
                   '\n[aggregation]\ndefault = "direct"\n' + SCORED + GRADES.format(excellent=99))
    v2 = scored_plan(2)
    # Commended once in January–February: +1 over two months of three, kept as +1: 100 + 2/3; the part reads 101,
    # so that the parts still make the score (101 × 2/3 + 100 × 1/3).
    ranking = across([*months_of(1, 2, v1), *months_of(3, 3, v2)], SPRING,
                     happened=events((AN, date(2026, 1, 12), "BD")))
    [result] = ranking.results
    assert result.score == 100 + Fraction(2, 3)
    assert [(part.weight, part.score) for part in result.sub_periods] == [(Fraction(2, 3), 101), (Fraction(1, 3), 100)]
    assert sum(part.weight * part.score for part in result.sub_periods) == result.score
    # The other way round, a last version from 0 after one from 100: late in March under version 1, 98, is −2.
    to_zero = across([(month(2026, 3), v2), (month(2026, 4), v1)],
                     Period(PeriodKind.RANGE, date(2026, 3, 1), date(2026, 4, 30)),
                     happened=events((AN, date(2026, 3, 2), "VM")))
    [result] = to_zero.results
    assert result.score == -1
    assert [(part.weight, part.score) for part in result.sub_periods] == [(Fraction(1, 2), -2), (Fraction(1, 2), 0)]


def test_what_a_bound_stopped_in_each_version_is_kept_with_its_weight() -> None:
    v1, v2 = scored_plan(1, head="maximum = 100"), scored_plan(2, head="maximum = 100")
    # Commended in February and in March, both stopped by the maximum of 100.
    ranking = across([*months_of(1, 2, v1), *months_of(3, 3, v2)], SPRING,
                     happened=events((AN, date(2026, 2, 3), "BD"), (AN, date(2026, 3, 3), "BD")))
    [result] = ranking.results
    assert result.score == 100
    assert [(clamp.bound, clamp.sub_period.start, clamp.points, clamp.weight) for clamp in result.clamps] == [
        (Bound.MAXIMUM, date(2026, 1, 1), -1, Fraction(2, 3)), (Bound.MAXIMUM, date(2026, 3, 1), -1, Fraction(1, 3))]


def test_the_last_versions_ceilings_count_the_occurrences_of_every_version() -> None:
    ceilings = """
[[ceilings]]
criterion = "KP"
min_count = 3
max_grade = "B"
reason = "Vắng không lý do"

[[ceilings]]
criterion = "KP"
min_count = 2
max_grade = "B"
per = "month"
reason = "Vắng không lý do trong một tháng"
"""
    v1, v2 = scored_plan(1, excellent=90), scored_plan(2, more=ceilings, excellent=90)
    dung = Staff("CB4", "Hoàng Văn Dũng", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=StaffId(4))
    giang = Staff("CB5", "Đỗ Văn Giang", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=StaffId(5))

    def on(person: Staff, *days: date) -> list[Attendance]:
        return [Attendance(person.id or StaffId(0), day, Session.MORNING, AttendanceStatus.ABSENT) for day in days]

    records = [*on(AN, date(2026, 1, 5), date(2026, 2, 5), date(2026, 3, 5)),  # three: the period's ceiling
               *on(BINH, date(2026, 3, 3), date(2026, 3, 4)),  # two in March: the month's
               *on(CUONG, date(2026, 1, 5), date(2026, 1, 6), date(2026, 3, 5), date(2026, 3, 6)),  # 5/1 excused
               *on(dung, date(2026, 3, 5), date(2026, 3, 6)),  # 6/3 excused: one in March
               *on(giang, date(2026, 1, 5), date(2026, 3, 5))]  # two, in two months: neither ceiling
    excuses = [Excuse(AttendanceId(0), person.id or StaffId(0), day, Session.MORNING, AttendanceTrigger.ABSENT,
                      "Ốm đột xuất") for person, day in ((CUONG, date(2026, 1, 5)), (dung, date(2026, 3, 6)))]
    ranking = across([*months_of(1, 2, v1), *months_of(3, 3, v2)], SPRING, staff=(AN, BINH, CUONG, dung, giang),
                     attendance=records, excuses=excuses)
    assert [(result.staff.code, result.score, result.grade_by_score.code, result.grade.code,
             [(change.from_grade.code, change.count) for change in result.changes]) for result in ranking.results] == [
        ("CB4", 99, "A", "A", []), ("CB2", 98, "A", "B", [("A", 2)]), ("CB5", 97, "A", "A", []),
        ("CB3", 96, "A", "B", [("A", 3)]), ("CB1", 95, "A", "B", [("A", 3)])]

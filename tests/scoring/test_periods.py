"""Longer periods: which parts are scored on their own, and how their scores are combined."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from ward_office.core.attendance import Attendance, AttendanceStatus
from ward_office.core.checks import Event
from ward_office.core.period import Period, PeriodKind, half_year, month, parse_period, quarter, whole_year
from ward_office.core.plan import load_plan
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, StaffResult, score_period

PLAN = """
[plan]
code = "T"
name = "Kế hoạch thử"
version = 1
base_score = 100

[aggregation]
{aggregation}

[[blocks]]
code = "TG"
name = "Giờ giấc"

[[blocks.criteria]]
code = "MUON"
name = "Đi muộn"
points = -2
escalation = [{{ from = 3, points = -3 }}]

[[blocks.criteria]]
code = "VANG"
name = "Vắng không lý do"
points = -10

[[blocks.criteria]]
code = "THE"
name = "Không đeo thẻ"
points = -2
cap = 5

[[attendance_rules]]
on = "late"
criterion = "MUON"

[[attendance_rules]]
on = "absent"
criterion = "VANG"

[[grades]]
code = "A"
name = "Xuất sắc"
min_score = 90

[[grades]]
code = "B"
name = "Không xuất sắc"
min_score = 0
"""

MEAN = 'default = "mean_of_months"'
DIRECT = 'default = "direct"'
HALVES_OF_MONTHS = 'default = "mean_of_months"\nyear = "weighted_halves"\nyear_weights = [1, 2]'
HALVES_DIRECT = 'default = "direct"\nyear = "weighted_halves"\nyear_weights = [1, 2]'


def score(aggregation: str, period: Period, attendance=(), events=(), active_from: date | None = None,
          active_to: date | None = None) -> StaffResult:
    plan = load_plan(PLAN.format(aggregation=aggregation))
    staff = Staff("NV01", "Nguyễn Văn An", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC,
                  active_from=active_from, active_to=active_to, id=StaffId(1))
    ranking = score_period(ScoringInput(plan, period, (staff,), tuple(attendance), tuple(events), 5))
    (result,) = ranking.results
    assert result.score == plan.base_score + sum((item.contribution for item in result.items), Fraction(0))
    return result


def late(day: date) -> Attendance:
    return Attendance(StaffId(1), day, Session.MORNING, late_minutes=30)


def absent(day: date) -> Attendance:
    return Attendance(StaffId(1), day, Session.MORNING, AttendanceStatus.ABSENT)


def badge(day: date) -> Event:
    return Event(StaffId(1), day, "THE")


@pytest.mark.parametrize("aggregation", [MEAN, DIRECT, HALVES_OF_MONTHS])
def test_a_month_is_always_scored_directly(aggregation):
    records = [late(date(2026, 3, day)) for day in (2, 3, 4)]
    result = score(aggregation, month(2026, 3), records)
    assert result.score == 100 - 2 - 2 - 3
    assert [(part.period, part.weight) for part in result.sub_periods] == [(month(2026, 3), 1)]


def test_quarter_as_mean_of_months():
    result = score(MEAN, quarter(2026, 1), [absent(date(2026, 2, 10))])
    assert result.score == 100 - Fraction(10, 3)
    assert result.sub_periods_counted == 3
    assert [part.score for part in result.sub_periods] == [100, 90, 100]
    (item,) = result.items
    assert (item.weight, item.points, item.contribution) == (Fraction(1, 3), -10, Fraction(-10, 3))
    assert item.sub_period == month(2026, 2)


def test_caps_count_within_each_month_when_months_are_averaged():
    events = [badge(date(2026, 1, day)) for day in (5, 6, 7)] + [badge(date(2026, 2, day)) for day in (2, 3, 4)]
    by_month = score(MEAN, quarter(2026, 1), events=events)
    assert [part.score for part in by_month.sub_periods] == [95, 95, 100]
    assert by_month.score == Fraction(95 + 95 + 100, 3)
    whole = score(DIRECT, quarter(2026, 1), events=events)
    assert whole.score == 95  # one cap of 5 over the quarter
    assert [item.points for item in whole.items] == [-2, -2, -1, 0, 0, 0]


def test_direct_quarter_counts_escalation_across_months():
    records = [late(date(2026, month_number, 5)) for month_number in (1, 2, 3)]
    assert score(DIRECT, quarter(2026, 1), records).score == 100 - 2 - 2 - 3
    by_month = score(MEAN, quarter(2026, 1), records)
    assert by_month.score == 98
    assert [item.occurrence for item in by_month.items] == [1, 1, 1]


def test_half_year_is_the_mean_of_six_months():
    result = score(MEAN, half_year(2026, 1), [late(date(2026, 4, 7))])
    assert result.score == 100 - Fraction(1, 3)
    assert result.sub_periods_counted == 6


def test_someone_who_started_mid_period_is_averaged_over_the_months_worked():
    records = [absent(date(2026, 3, 10)), absent(date(2026, 5, 12))]  # the March absence predates the start
    result = score(MEAN, half_year(2026, 1), records, active_from=date(2026, 4, 15))
    assert result.sub_periods_counted == 3
    assert result.sub_periods[0].period == Period(PeriodKind.RANGE, date(2026, 4, 15), date(2026, 4, 30))
    assert result.score == 100 - Fraction(10, 3)


def test_someone_who_left_mid_period_is_averaged_over_the_months_worked():
    result = score(MEAN, half_year(2026, 1), [absent(date(2026, 1, 12))], active_to=date(2026, 2, 10))
    assert result.sub_periods_counted == 2
    assert result.score == 95


def test_range_period_is_cut_at_month_boundaries():
    period = parse_period("2026-01-15..2026-02-14")
    result = score(MEAN, period, [absent(date(2026, 1, 20))])
    assert [part.period for part in result.sub_periods] == [
        Period(PeriodKind.RANGE, date(2026, 1, 15), date(2026, 1, 31)),
        Period(PeriodKind.RANGE, date(2026, 2, 1), date(2026, 2, 14))]
    assert result.score == 95


def test_year_as_mean_of_twelve_months():
    result = score(MEAN, whole_year(2026), [absent(date(2026, 9, 1))])
    assert result.score == 100 - Fraction(10, 12)


def test_year_scored_directly_when_the_plan_says_so():
    records = [late(date(2026, month_number, 5)) for month_number in (1, 6, 11)]
    result = score(MEAN + '\nyear = "direct"', whole_year(2026), records)
    assert result.score == 100 - 2 - 2 - 3
    assert result.sub_periods_counted == 1


def test_year_as_weighted_halves_of_monthly_means():
    events = [badge(date(2026, 1, day)) for day in (5, 6, 7)]  # January: 2 + 2 + 1 (cap 5)
    result = score(HALVES_OF_MONTHS, whole_year(2026), [absent(date(2026, 8, 3))], events)
    first_half = 100 - Fraction(5, 6)
    second_half = 100 - Fraction(10, 6)
    assert result.score == (1 * first_half + 2 * second_half) / 3
    assert result.sub_periods_counted == 12
    weights = {item.criterion_code: item.weight for item in result.items}
    assert weights == {"THE": Fraction(1, 18), "VANG": Fraction(1, 9)}
    assert sum(part.weight for part in result.sub_periods) == 1


def test_year_as_weighted_halves_scored_directly():
    records = [late(date(2026, month_number, 5)) for month_number in (1, 2, 3)]  # -2, -2, -3 in one half
    result = score(HALVES_DIRECT, whole_year(2026), records)
    assert result.score == (1 * 93 + 2 * 100) / Fraction(3)
    assert [part.period for part in result.sub_periods] == [half_year(2026, 1), half_year(2026, 2)]


def test_weighted_halves_use_the_only_half_worked():
    records = [absent(date(2026, 3, 2)), absent(date(2026, 8, 3))]
    result = score(HALVES_OF_MONTHS, whole_year(2026), records, active_from=date(2026, 7, 1))
    assert result.score == 100 - Fraction(10, 6)
    assert result.sub_periods_counted == 6
    direct = score(HALVES_DIRECT, whole_year(2026), records, active_to=date(2026, 6, 30))
    assert direct.score == 90
    assert [part.weight for part in direct.sub_periods] == [1]


def test_weighted_halves_with_a_partial_second_half():
    records = [absent(date(2026, 2, 2)), absent(date(2026, 11, 3))]
    result = score(HALVES_OF_MONTHS, whole_year(2026), records, active_from=date(2026, 1, 1),
                   active_to=date(2026, 8, 31))
    first_half = 100 - Fraction(10, 6)
    second_half = Fraction(100)  # July and August only, the November absence is after leaving
    assert result.score == (first_half + 2 * second_half) / 3
    assert result.sub_periods_counted == 8

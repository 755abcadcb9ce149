"""Invariants that must hold for any input: the score is exactly base + Σ contributions, caps and the
quota are never exceeded, and ranks follow scores."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.checks import Event
from ward_office.core.period import half_year, month, parse_period, quarter, whole_year
from ward_office.core.plan import load_plan
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, score_period

PLAN = """
[plan]
code = "P"
name = "Kế hoạch thử"
version = 1
base_score = 100

[aggregation]
{aggregation}

[[blocks]]
code = "TG"
name = "Giờ giấc"
cap = 15

[[blocks.criteria]]
code = "MUON"
name = "Đi muộn"
points = -1.5
escalation = [{{ from = 3, points = -2 }}, {{ from = 6, points = -4 }}]

[[blocks.criteria]]
code = "VANG"
name = "Vắng"
points = -10

[[blocks.criteria]]
code = "CC"
name = "Bỏ chấm công"
points = -1
cap = 3

[[blocks]]
code = "MIX"
name = "Hỗn hợp"
cap = 7

[[blocks.criteria]]
code = "THE"
name = "Không đeo thẻ"
points = -2
cap = 5

[[blocks.criteria]]
code = "KT"
name = "Khen"
points = 2.5

[[attendance_rules]]
on = "late"
criterion = "MUON"

[[attendance_rules]]
on = "early"
criterion = "MUON"

[[attendance_rules]]
on = "absent"
criterion = "VANG"

[[attendance_rules]]
on = "missing_punch"
criterion = "CC"

[[grades]]
code = "A"
name = "Xuất sắc"
min_score = 95

[[grades]]
code = "B"
name = "Tốt"
min_score = 85

[[grades]]
code = "C"
name = "Đạt"
min_score = 0

[[ceilings]]
criterion = "VANG"
min_count = 1
max_grade = "B"
reason = "Có buổi vắng"

[ranking]
tie_break = ["fewer_unexcused_absences", "more_commendations"]

[quota]
grade = "A"
max_share = {share}
basis = "{basis}"
"""

AGGREGATIONS = [
    'default = "mean_of_months"',
    'default = "direct"',
    'default = "mean_of_months"\nyear = "weighted_halves"\nyear_weights = [1, 2]',
    'default = "direct"\nyear = "weighted_halves"\nyear_weights = [3, 1.5]',
]
PERIODS = [month(2026, 2), quarter(2026, 3), half_year(2026, 1), whole_year(2026),
           parse_period("2026-03-20..2026-05-10")]
START = date(2025, 12, 15)
SPAN = 400


def days() -> st.SearchStrategy[date]:
    return st.integers(0, SPAN).map(lambda offset: START + timedelta(days=offset))


@st.composite
def attendance(draw: st.DrawFn) -> Attendance:
    status = draw(st.sampled_from(AttendanceStatus))
    present = status is AttendanceStatus.PRESENT
    return Attendance(
        StaffId(draw(st.integers(1, 5))), draw(days()), draw(st.sampled_from(Session)), status,
        late_minutes=draw(st.integers(0, 40)) if present else 0,
        early_minutes=draw(st.integers(0, 40)) if present else 0,
        leave_code=draw(st.sampled_from(LeaveCode)) if status is AttendanceStatus.LEAVE else None,
        missing_punch=draw(st.booleans()), id=draw(st.none() | st.integers(1, 10_000)),
    )


@st.composite
def staff_member(draw: st.DrawFn, number: int) -> Staff:
    first = draw(st.none() | days())
    last = draw(st.none() | days())
    return Staff(f"NV{number}", draw(st.sampled_from(["Lê Văn An", "Trần Thị Bình", "Đỗ Anh"])), Gender.FEMALE,
                 "Chuyên viên", StaffCategory.VIEN_CHUC, active_from=first, active_to=last, id=StaffId(number))


@st.composite
def scoring_input(draw: st.DrawFn) -> ScoringInput:
    plan = load_plan(PLAN.format(aggregation=draw(st.sampled_from(AGGREGATIONS)),
                                 share=draw(st.sampled_from(["0.2", "0.5", "1"])),
                                 basis=draw(st.sampled_from(["all", "at_least_next"]))))
    staff = [draw(staff_member(number)) for number in range(1, draw(st.integers(1, 4)) + 1)]
    events = draw(st.lists(st.builds(Event, st.integers(1, 5).map(StaffId), days(),
                                     st.sampled_from(["MUON", "VANG", "THE", "KT", "KT", "NOPE"])),
                           max_size=40))
    records = draw(st.lists(attendance(), max_size=60))
    return ScoringInput(plan, draw(st.sampled_from(PERIODS)), staff, records, events, draw(st.integers(0, 10)))


@settings(max_examples=300, deadline=None)
@given(scoring_input())
def test_scores_add_up_and_no_limit_is_exceeded(data: ScoringInput):
    plan = data.plan
    ranking = score_period(data)

    for result in ranking.results:
        span = result.staff.active_between(data.period.start, data.period.end)
        assert span is not None
        assert result.score == plan.base_score + sum((item.contribution for item in result.items), Fraction(0))
        assert result.score == plan.base_score + sum(result.block_totals.values(), Fraction(0))
        assert sum(part.weight for part in result.sub_periods) == 1
        assert result.score == sum(part.weight * part.score for part in result.sub_periods)

        used: dict[tuple[object, ...], Fraction] = defaultdict(Fraction)
        for item in result.items:
            assert span[0] <= item.day <= span[1]
            assert item.sub_period.contains(item.day)
            assert abs(item.points) <= abs(item.raw_points)
            assert item.points * item.raw_points >= 0
            assert item.capped == (item.points != item.raw_points)
            used[item.sub_period, "criterion", item.criterion_code] += abs(item.points)
            used[item.sub_period, "block", item.block_code, item.points > 0] += abs(item.points)
        for key, total in used.items():
            cap = plan.criteria[key[2]].cap if key[1] == "criterion" else plan.block(key[2]).cap
            assert cap is None or total <= cap

    scores = [result.score for result in ranking.results]
    assert scores == sorted(scores, reverse=True)
    ranks = [result.rank for result in ranking.results]
    assert ranks == sorted(ranks) and (not ranks or ranks[0] == 1)
    assert plan.quota is not None and ranking.quota_limit is not None
    holders = sum(result.grade.code == plan.quota.grade_code for result in ranking.results)
    tie = ranking.quota_tie  # pending, the tied group waits for the council: at most all of it over the limit
    assert holders <= ranking.quota_limit + (len(tie.tied) - tie.places if tie is not None else 0)
    assert set(ranking.unknown_criteria) <= {"NOPE"}

"""A block's floor and maximum and the total's bounds, each checked by hand: the score a bound stops, and the
clamp that says so."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from ward_office.core.attendance import Attendance, AttendanceStatus
from ward_office.core.checks import Event
from ward_office.core.errors import PlanError
from ward_office.core.period import PeriodKind, half_year, month, whole_year
from ward_office.core.plan import load_plan
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, StaffResult, score_period
from ward_office.scoring.results import Bound

MAY = month(2026, 5)


def plan(head: str = "", time_block: str = "", bonus_block: str = ""):
    return load_plan(f"""
[plan]
code = "T"
name = "Thử"
version = 1
base_score = 100
{head}

[[blocks]]
code = "TG"
name = "Thời gian làm việc"
{time_block}

[[blocks.criteria]]
code = "MUON"
name = "Đi muộn"
points = -2

[[blocks.criteria]]
code = "VANG"
name = "Vắng không lý do"
points = -10

[[blocks]]
code = "DT"
name = "Điểm thưởng"
{bonus_block}

[[blocks.criteria]]
code = "KT"
name = "Biểu dương"
points = 5

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
name = "Chưa xuất sắc"
min_score = 0
""")


def lates(count: int, in_month: int = 5) -> list[Attendance]:
    return [Attendance(StaffId(1), date(2026, in_month, day), Session.MORNING, late_minutes=20)
            for day in range(4, 4 + count)]


def bonuses(count: int) -> list[Event]:
    return [Event(StaffId(1), date(2026, 5, 10 + day), "KT") for day in range(count)]


def score(the_plan, attendance=(), events=(), period=MAY) -> StaffResult:
    staff = Staff("NV01", "Nguyễn Văn An", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=StaffId(1))
    (result,) = score_period(ScoringInput(the_plan, period, (staff,), tuple(attendance), tuple(events), 5)).results
    return result


def adds_up(result: StaffResult, base: int = 100) -> bool:
    return result.score == base + sum(item.contribution for item in result.items) + sum(
        clamp.contribution for clamp in result.clamps)


def test_a_block_floor_stops_the_deductions_below_it():
    # "Thời gian làm việc" worth 5, never below 0: 4 lates × −2 = −8 would leave 5 − 8 = −3; the floor gives 3 back.
    result = score(plan(time_block="maximum = 5\nfloor = 0"), lates(4))
    assert [item.points for item in result.items] == [-2] * 4
    (clamp,) = result.clamps
    assert (clamp.bound, clamp.block_code, clamp.limit, clamp.unbounded, clamp.points) == (
        Bound.FLOOR, "TG", 0, -3, 3)
    assert result.block_totals["TG"] == -5
    assert result.score == 95
    assert result.deducted_points == 5  # what the deductions really took off
    assert adds_up(result)


def test_a_block_within_its_bounds_is_not_clamped():
    result = score(plan(time_block="maximum = 5\nfloor = 0"), lates(2))  # 5 − 4 = 1
    assert result.clamps == ()
    assert result.score == 96


def test_a_bonus_block_starts_from_nothing_and_stops_at_its_maximum():
    # Three commendations × 5 = 15 in a bonus block worth at most 10: the maximum takes 5 off.
    result = score(plan(bonus_block="maximum = 10"), events=bonuses(3))
    (clamp,) = result.clamps
    assert (clamp.bound, clamp.block_code, clamp.limit, clamp.unbounded, clamp.points) == (
        Bound.MAXIMUM, "DT", 10, 15, -5)
    assert result.block_totals["DT"] == 10
    assert result.score == 110


def test_the_total_maximum_keeps_a_bonus_from_passing_it():
    result = score(plan(head="maximum = 100"), events=bonuses(1))  # 100 + 5 → 100
    (clamp,) = result.clamps
    assert (clamp.bound, clamp.block_code, clamp.limit, clamp.unbounded, clamp.points) == (
        Bound.MAXIMUM, None, 100, 105, -5)
    assert result.score == 100
    assert result.block_totals == {"TG": 0, "DT": 5}  # the block keeps its bonus; the total's bound is apart
    assert adds_up(result)


def test_the_total_floor_and_the_block_bounds_act_in_turn():
    # 11 absences × −10 = −110 (block without bounds), one bonus +5 in a block worth 10: 100 − 110 + 5 = −5,
    # the plan's floor 0 gives 5 back.
    absences = [Attendance(StaffId(1), date(2026, 5, day), Session.MORNING, AttendanceStatus.ABSENT)
                for day in range(4, 15)]
    result = score(plan(head="floor = 0", bonus_block="maximum = 10"), absences, bonuses(1))
    (clamp,) = result.clamps
    assert (clamp.bound, clamp.block_code, clamp.unbounded, clamp.points) == (Bound.FLOOR, None, -5, 5)
    assert result.score == 0
    assert result.deducted_points == 105
    assert adds_up(result)


def test_in_a_mean_of_months_each_month_is_bounded_on_its_own():
    # H1, mean of six months: May's 4 lates make its block −3 → 0 (May 95); April's 2 lates stay within (April 96).
    # Score = (4 × 100 + 96 + 95) / 6 = 591/6; the clamp weighs 3 × 1/6.
    bounded = plan(time_block="maximum = 5\nfloor = 0")
    result = score(bounded, lates(2, in_month=4) + lates(4), period=half_year(2026, 1))
    (clamp,) = result.clamps
    assert clamp.sub_period == MAY and clamp.sub_period.kind is PeriodKind.MONTH
    assert clamp.contribution == Fraction(1, 2)
    assert result.score == Fraction(591, 6)
    assert result.block_totals["TG"] == Fraction(-9, 6)
    assert adds_up(result)


def test_a_plan_without_bounds_clamps_nothing():
    result = score(plan(), lates(20), bonuses(5))
    assert result.clamps == ()
    assert result.score == 100 - 40 + 25


@pytest.mark.parametrize(("head", "time_block", "bonus_block", "where"), [
    ("", "maximum = 5\nfloor = 5", "", "blocks[1]"),
    ("", "floor = 1", "", "blocks[1]"),  # a block without a maximum starts at 0
    ("", "", "floor = 2\nmaximum = 10", "blocks[2]"),  # a bonus block starts at 0
    ("", "maximum = 0", "", "blocks[1]"),
    ("maximum = 90", "", "", "[plan]"),  # below the base score
    ("floor = 101", "", "", "[plan]"),
])
def test_bounds_a_score_could_not_start_within_are_refused(head, time_block, bonus_block, where):
    with pytest.raises(PlanError) as error:
        plan(head, time_block, bonus_block)
    assert where in error.value.localized()


def test_bounds_are_read():
    the_plan = plan("maximum = 100\nfloor = 0", "maximum = 30\nfloor = 0", "maximum = 10")
    assert (the_plan.maximum, the_plan.floor) == (100, 0)
    time, bonus = the_plan.blocks
    assert (time.maximum, time.floor, the_plan.block_start(time)) == (30, 0, 30)
    assert (bonus.maximum, bonus.floor, the_plan.block_start(bonus)) == (10, None, 0)


def test_in_weighted_halves_each_month_is_bounded_at_its_own_weight():
    # The year's halves weigh 1 and 2: a month of the first half 1/3 × 1/6 = 1/18, of the second 2/3 × 1/6 = 1/9.
    # A bonus in March and one in September each pass the maximum 100 by 5 (both months 100); a late in October
    # (98). Score = 100 − 2/9; the clamps weigh −5/18 and −5/9, the bonus block keeps its 5/18 + 5/9.
    head = 'maximum = 100\n\n[aggregation]\nyear = "weighted_halves"\nyear_weights = [1, 2]'
    events = [Event(StaffId(1), date(2026, 3, 10), "KT"), Event(StaffId(1), date(2026, 9, 10), "KT")]
    late = Attendance(StaffId(1), date(2026, 10, 5), Session.MORNING, late_minutes=20)
    result = score(plan(head=head), [late], events, period=whole_year(2026))
    assert [sub.score for sub in result.sub_periods] == [100] * 9 + [98, 100, 100]
    assert [(clamp.sub_period.start.month, clamp.points, clamp.contribution) for clamp in result.clamps] == [
        (3, -5, Fraction(-5, 18)), (9, -5, Fraction(-5, 9))]
    assert result.score == Fraction(898, 9)
    assert result.block_totals == {"TG": Fraction(-2, 9), "DT": Fraction(5, 6)}
    assert adds_up(result)


def test_a_block_with_a_floor_and_no_maximum_is_kept_above_its_floor():
    # Starts at 0: 4 lates × −2 = −8, the floor −5 gives 3 back.
    result = score(plan(time_block="floor = -5"), lates(4))
    assert [(clamp.bound, clamp.block_code, clamp.unbounded, clamp.points) for clamp in result.clamps] == [
        (Bound.FLOOR, "TG", -8, 3)]
    assert result.score == 95


def test_a_floor_giving_back_a_single_point_is_a_floor():
    result = score(plan(time_block="maximum = 5\nfloor = 0"), lates(3))  # 5 − 6 = −1: 1 back
    assert [(clamp.bound, clamp.limit, clamp.points) for clamp in result.clamps] == [(Bound.FLOOR, 0, 1)]
    assert result.score == 95


def test_the_total_floor_counts_a_block_floor_first_in_halves():
    # TG worth 5, floor 0: 4 lates (−8) leave it at −3, its floor gives 3 back: 100 − 5 = 95. The plan's floor
    # 97.5 then gives 2.5 back: 97.5. Each clamp says what it stopped, counted in halves of a point.
    result = score(plan(head="floor = 97.5", time_block="maximum = 5\nfloor = 0"), lates(4))
    assert [(clamp.bound, clamp.block_code, clamp.unbounded, clamp.points) for clamp in result.clamps] == [
        (Bound.FLOOR, "TG", -3, 3), (Bound.FLOOR, None, 95, Fraction(5, 2))]
    assert result.score == Fraction(195, 2)
    assert adds_up(result)


def test_the_total_floor_counts_a_block_lost_all_or_nothing_first():
    # TG worth 50, all or nothing: one late loses it (−2 and −48): 100 − 50 = 50. The plan's floor 60 gives 10.
    result = score(plan(head="floor = 60", time_block="maximum = 50\nall_or_nothing = true"), lates(1))
    assert [(clamp.block_code, clamp.unbounded, clamp.points) for clamp in result.clamps] == [
        ("TG", 48, -48), (None, 50, 10)]
    assert result.score == 60
    assert adds_up(result)

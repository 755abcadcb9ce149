"""All-or-nothing blocks and criteria whose points the recorder picks within a range (E3 of domain.md §3),
each checked by hand: the points kept or lost, the clamp that says why, and the event's own points."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from ward_office.core.attendance import Attendance
from ward_office.core.checks import Event
from ward_office.core.errors import PlanError
from ward_office.core.period import month, quarter
from ward_office.core.plan import load_plan
from ward_office.core.plan_ranges import counted_points, points_problem
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.i18n import _
from ward_office.scoring import ScoringInput, StaffResult, score_period
from ward_office.scoring.explained import clamp_text
from ward_office.scoring.results import Bound

MARCH = month(2027, 3)
ONE = StaffId(1)


def plan(general: str = "all_or_nothing = true", ranged: str = "points_range = [-50, -25]", specialist: str = ""):
    return load_plan(f"""
[plan]
code = "E3"
name = "Chấm điểm ABC"
version = 1
base_score = 100

[[blocks]]
code = "CC"
name = "Chấp hành chung"
maximum = 50
{general}

[[blocks.criteria]]
code = "CC1"
name = "Không đeo thẻ"
points = -5
cap = 5

[[blocks.criteria]]
code = "CC2"
name = "Vi phạm nội quy"
{ranged}

[[blocks]]
code = "CM"
name = "Chuyên môn"
maximum = 50
{specialist}

[[blocks.criteria]]
code = "CM1"
name = "Chậm trả văn bản"
points = -2

[[attendance_rules]]
on = "late"
criterion = "CC1"

[[grades]]
code = "A"
name = "Loại A"
min_score = 90

[[grades]]
code = "B"
name = "Loại B"
min_score = 0
""")


def event(day: int, code: str, points: str | None = None, in_month: int = 3) -> Event:
    return Event(ONE, date(2027, in_month, day), code, points=None if points is None else Fraction(points))


def score(the_plan, events=(), attendance=(), period=MARCH) -> StaffResult:
    staff = Staff("NV01", "Nguyễn Văn An", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=ONE)
    (result,) = score_period(ScoringInput(the_plan, period, (staff,), tuple(attendance), tuple(events), 5)).results
    return result


def adds_up(result: StaffResult) -> bool:
    return result.score == 100 + sum(item.contribution for item in result.items) + sum(
        clamp.contribution for clamp in result.clamps)


def test_a_block_without_a_deduction_keeps_its_maximum():
    result = score(plan(), [event(4, "CM1")])  # 100 − 2, the general block untouched
    assert result.clamps == ()
    assert result.score == 98
    assert result.block_totals == {"CC": 0, "CM": -2}


def test_one_deduction_loses_the_whole_block(vietnamese):
    # One badge missing (−5) on 5 March: the block of 50 is worth 0, so the clamp takes the 45 the item left.
    result = score(plan(), [event(5, "CC1"), event(9, "CM1")])
    assert [item.points for item in result.items] == [-5, -2]
    (clamp,) = result.clamps
    assert (clamp.bound, clamp.block_code, clamp.limit, clamp.unbounded, clamp.points, clamp.days) == (
        Bound.ALL_OR_NOTHING, "CC", 0, 45, -45, (date(2027, 3, 5),))
    assert result.score == 48  # 100 − 50 − 2
    assert result.block_totals == {"CC": -50, "CM": -2}
    assert result.deducted_points == 52  # the lost block counts with the deductions
    assert adds_up(result)
    assert clamp_text(plan(), clamp) == ("nhóm tiêu chí “Chấp hành chung” mất toàn bộ 50 điểm vì có vi phạm "
                                         "ngày 05/03/2027 (tháng 3 năm 2027)")


def test_a_deduction_a_cap_let_nothing_of_still_loses_the_block_and_every_day_is_named():
    # CC1's cap of 5 lets the first through; the second (12 March, late at work) counts 0 but is a deduction.
    late = Attendance(ONE, date(2027, 3, 12), Session.MORNING, late_minutes=30)
    result = score(plan(), [event(5, "CC1")], [late])
    assert [(item.points, item.capped) for item in result.items] == [(-5, False), (0, True)]
    (clamp,) = result.clamps
    assert clamp.days == (date(2027, 3, 5), date(2027, 3, 12))
    assert result.score == 50


def test_deductions_beyond_the_maximum_leave_the_block_at_nothing_not_below():
    # −50 and −5 = −55 in a block of 50: it is worth 0, so the clamp gives 5 back.
    result = score(plan(), [event(3, "CC2", "-50"), event(5, "CC1")])
    (clamp,) = result.clamps
    assert (clamp.unbounded, clamp.points) == (-5, 5)
    assert result.score == 50
    assert result.deducted_points == 50


def test_a_lost_block_keeps_its_floor():
    result = score(plan("all_or_nothing = true\nfloor = 10"), [event(5, "CC1")])
    (clamp,) = result.clamps
    assert (clamp.limit, clamp.points) == (10, -35)  # 50 − 5 = 45 brought to 10
    assert result.score == 60


def test_each_month_of_a_quarter_is_kept_or_lost_on_its_own():
    # mean of months: January 100, February 100, March 100 − 50 = 50 → 250 / 3.
    result = score(plan(), [event(5, "CC1")], period=quarter(2027, 1))
    (clamp,) = result.clamps
    assert clamp.sub_period == MARCH and clamp.weight == Fraction(1, 3)
    assert result.score == Fraction(250, 3)
    assert adds_up(result)


def test_a_block_lost_to_its_floor_says_what_it_keeps_and_every_day(vietnamese):
    result = score(plan("all_or_nothing = true\nfloor = 10"), [event(5, "CC1"), event(6, "CC1")])
    (clamp,) = result.clamps
    assert clamp_text(plan(), clamp) == ("nhóm tiêu chí “Chấp hành chung” chỉ còn 10/50 điểm vì có vi phạm ngày "
                                         "05/03/2027, 06/03/2027 (tháng 3 năm 2027)")


def test_an_occurrence_worth_nothing_past_the_last_bracket_is_no_deduction_day():
    # The first breach costs 5 (the bracket from 1), the second nothing more: only 3 March is named.
    result = score(plan(ranged="brackets = [{ from = 1, points = -5 }]"), [event(3, "CC2"), event(9, "CC2")])
    assert [item.raw_points for item in result.items] == [-5, 0]
    (clamp,) = result.clamps
    assert (clamp.days, clamp.points) == ((date(2027, 3, 3),), -45)


def test_a_second_block_is_lost_though_the_first_is_kept():
    result = score(plan(specialist="all_or_nothing = true"), [event(9, "CM1")])  # CC kept, CM: 50 − 2 → 0
    assert [(clamp.block_code, clamp.points) for clamp in result.clamps] == [("CM", -48)]
    assert result.score == 50


def test_months_of_a_quarter_lost_one_after_the_other_are_each_lost():
    # January 50, February 50, March 100: 200 / 3.
    result = score(plan(), [event(5, "CC1", in_month=1), event(5, "CC1", in_month=2)], period=quarter(2027, 1))
    assert [clamp.sub_period.start.month for clamp in result.clamps] == [1, 2]
    assert result.score == Fraction(200, 3)


def test_an_event_of_a_ranged_criterion_counts_its_own_points():
    the_plan = plan(general="")  # no all-or-nothing: the points show as they are
    result = score(the_plan, [event(3, "CC2", "-37.5"), event(8, "CC2", "-25"), event(9, "CC2")])
    # −37.5, −25, and an event without chosen points: the end nearest zero, −25.
    assert [item.points for item in result.items] == [Fraction(-75, 2), -25, -25]
    assert result.score == Fraction(25, 2)
    assert the_plan.criteria["CC2"].points == -25


def test_a_later_plan_decides_what_stored_points_count():
    fixed = plan(ranged="points = -20").criteria["CC2"]
    narrower = plan(ranged="points_range = [-40, -30]").criteria["CC2"]
    assert counted_points(fixed, Fraction(-45)) == -20  # no range: the plan's points
    assert counted_points(narrower, Fraction(-45)) == -40  # brought to the nearer end
    assert counted_points(narrower, Fraction(-25)) == -30
    assert counted_points(narrower, Fraction(-35)) == -35
    assert counted_points(narrower, None) == -30


TWO_NUMBERS = "“points_range” phải là hai số, số nhỏ trước"
ONE_SIGN = "“points_range” phải là hai số cùng dấu, khác 0, số nhỏ trước"
ALONE = "tiêu chí có “points_range” thì không có “{}”: mỗi sự việc mang số điểm riêng"


@pytest.mark.parametrize(("line", "message"), [
    ("points_range = [-25, -50]", ONE_SIGN),
    ("points_range = [-25, -25]", ONE_SIGN),
    ("points_range = [-25, 10]", ONE_SIGN),
    ("points_range = [0, 10]", ONE_SIGN),
    ("points_range = [-10, 0]", ONE_SIGN),
    ("points_range = [-50]", TWO_NUMBERS),
    ("points_range = [-50, -25, -10]", TWO_NUMBERS),
    ('points_range = ["-50", "-25"]', TWO_NUMBERS),
    ("points_range = [true, false]", TWO_NUMBERS),
    ("points_range = -25", TWO_NUMBERS),
    ("points_range = [-50, -25.1]", "hai đầu của “points_range” phải là bội của 0,25"),
    ("points_range = [-50.3, -25]", "hai đầu của “points_range” phải là bội của 0,25"),
    ("points_range = [-50, -25]\npoints = -25", ALONE.format("points")),
    ("points_range = [-50, -25]\nescalation = [{ from = 2, points = -50 }]", ALONE.format("escalation")),
    ("points_range = [-50, -25]\nbrackets = [{ from = 2, points = -50 }]", ALONE.format("brackets")),
])
def test_a_wrong_range_is_refused_with_its_line(vietnamese, line, message):
    with pytest.raises(PlanError) as refused:
        plan(ranged=line)
    assert refused.value.localized() == f"Kế hoạch thi đua, dòng 23 (blocks[1].criteria[2]): {message}"


@pytest.mark.parametrize(("line", "ends", "mildest"), [
    ("points_range = [-50, -25]", (-50, -25), -25),
    ("points_range = [1, 3]", (1, 3), 1),  # a commendation: the end nearest zero is the lower
    ("points_range = [0.5, 2]", (Fraction(1, 2), 2), Fraction(1, 2)),
    ("points_range = [0.25, 0.75]", (Fraction(1, 4), Fraction(3, 4)), Fraction(1, 4)),
    ("points_range = [-0.75, -0.5]", (Fraction(-3, 4), Fraction(-1, 2)), Fraction(-1, 2)),
])
def test_a_range_of_either_sign_is_read_and_its_mildest_end_is_the_criterions_points(line, ends, mildest):
    criterion = plan(ranged=line).criteria["CC2"]
    assert criterion.points_range == ends
    assert criterion.points == mildest
    assert criterion.is_commendation is (mildest > 0)


@pytest.mark.parametrize(("ranged", "chosen", "problem"), [
    ("points = -20", None, None),
    ("points = -20", "-20", "Tiêu chí “{code}” có số điểm cố định; không chọn điểm"),
    ("points_range = [-50, -25]", None, "Tiêu chí “{code}” cần ghi số điểm, từ {low} đến {high}"),
    ("points_range = [-50, -25]", "-50", None),
    ("points_range = [-50, -25]", "-25", None),
    ("points_range = [-50, -25]", "-37.75", None),
    ("points_range = [-50, -25]", "-50.25", "Điểm của tiêu chí “{code}” phải từ {low} đến {high}, theo bước 0,25"),
    ("points_range = [-50, -25]", "-24.75", "Điểm của tiêu chí “{code}” phải từ {low} đến {high}, theo bước 0,25"),
    ("points_range = [-50, -25]", "-30.1", "Điểm của tiêu chí “{code}” phải từ {low} đến {high}, theo bước 0,25"),
])
def test_the_points_chosen_for_an_event_must_fit_its_criterion(vietnamese, ranged, chosen, problem):
    criterion = plan(ranged=ranged).criteria["CC2"]
    found = points_problem(criterion, None if chosen is None else Fraction(chosen))
    assert (None if found is None else _(found)) == problem


def test_all_or_nothing_needs_a_maximum(vietnamese):
    with pytest.raises(PlanError) as refused:
        load_plan(PLAN_WITHOUT_MAXIMUM)
    assert "dòng 11" in refused.value.localized() and "maximum" in refused.value.localized()


PLAN_WITHOUT_MAXIMUM = """
[plan]
code = "E3"
name = "Chấm điểm ABC"
version = 1
base_score = 100

[[blocks]]
code = "CC"
name = "Chấp hành chung"
all_or_nothing = true

[[blocks.criteria]]
code = "CC1"
name = "Không đeo thẻ"
points = -5

[[grades]]
code = "A"
name = "Loại A"
min_score = 0
"""


"""Points are counted in whole units of 1/scale: the scale must divide every fraction the plan writes (a base
score, a bound, a block cap, a point) or a half or a tenth of a point is lost. Each expectation by hand."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from ward_office.core.attendance import Attendance
from ward_office.core.checks import Event
from ward_office.core.period import month
from ward_office.core.plan import EmulationPlan, load_plan
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.scoring import ScoringInput, StaffResult, score_period

MAY = month(2026, 5)
ONE = StaffId(1)


def plan(head: str = "", bonus_block: str = "", ranged: str = "") -> EmulationPlan:
    return load_plan(f"""
[plan]
code = "T"
name = "Thử"
version = 1
{head}

[[blocks]]
code = "TG"
name = "Thời gian làm việc"

[[blocks.criteria]]
code = "MUON"
name = "Đi muộn"
points = -2

{ranged}

[[blocks]]
code = "DT"
name = "Điểm thưởng"
{bonus_block}

[[blocks.criteria]]
code = "KT"
name = "Biểu dương"
points = 1

[[attendance_rules]]
on = "late"
criterion = "MUON"

[[grades]]
code = "A"
name = "Đạt"
min_score = 0
""")


def score(the_plan: EmulationPlan, attendance: tuple[Attendance, ...] = (),
          events: tuple[Event, ...] = ()) -> StaffResult:
    staff = Staff("NV01", "Nguyễn Văn An", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=ONE)
    (result,) = score_period(ScoringInput(the_plan, MAY, (staff,), attendance, events, 5)).results
    return result


def bonuses(count: int) -> tuple[Event, ...]:
    return tuple(Event(ONE, date(2026, 5, 11 + day), "KT") for day in range(count))


def test_a_base_score_in_halves_under_a_total_maximum_is_kept_to_the_half() -> None:
    # 99.5 + 5 bonuses = 104.5, the maximum 100 takes 4.5 off: 100, not the base score 99.5.
    result = score(plan("base_score = 99.5\nmaximum = 100"), events=bonuses(5))
    assert result.score == 100
    assert [clamp.points for clamp in result.clamps] == [Fraction(-9, 2)]


def test_a_base_score_in_halves_over_a_total_floor_is_kept_to_the_half() -> None:
    # 99.5 − 2 (one late) = 97.5, the floor 99 gives 1.5 back: 99, not the base score 99.5.
    late = Attendance(ONE, date(2026, 5, 4), Session.MORNING, late_minutes=20)
    result = score(plan("base_score = 99.5\nfloor = 99"), attendance=(late,))
    assert result.score == 99
    assert [clamp.points for clamp in result.clamps] == [Fraction(3, 2)]


def test_a_block_cap_in_halves_counts_to_the_half_under_a_total_maximum() -> None:
    # 3 bonuses × 1 = 3 in a block capped at 2.5: 100 + 2.5 = 102.5, within the plan's maximum 200.
    result = score(plan("base_score = 100\nmaximum = 200", bonus_block="cap = 2.5"), events=bonuses(3))
    assert result.score == Fraction(205, 2)
    assert result.block_totals["DT"] == Fraction(5, 2)


def test_a_tenth_of_a_point_written_before_a_ranged_criterion_is_deducted() -> None:
    # A ranged criterion (its events' points in steps of 0.25) after one of −0.1: the scale still counts tenths.
    ranged = ('\n[[blocks.criteria]]\ncode = "THE"\nname = "Không đeo thẻ"\npoints = -0.1\n'
              '\n[[blocks.criteria]]\ncode = "VP"\nname = "Vi phạm nội quy"\npoints_range = [-2, -1]')
    events = (Event(ONE, date(2026, 5, 5), "THE"), Event(ONE, date(2026, 5, 6), "VP", points=Fraction(-5, 4)))
    result = score(plan("base_score = 100", ranged=ranged), events=events)
    assert [item.points for item in result.items] == [Fraction(-1, 10), Fraction(-5, 4)]
    assert result.score == Fraction(9865, 100)  # 100 − 0.1 − 1.25


def test_a_block_cap_counts_bonuses_of_one_point_apart_from_the_deductions() -> None:
    # A block capped at 3, a deduction of −2 and three bonuses of +1: each side within 3, so 100 − 2 + 3 = 101.
    mixed = load_plan("""
[plan]
code = "T"
name = "Thử"
version = 1
base_score = 100

[[blocks]]
code = "CM"
name = "Chuyên môn"
cap = 3

[[blocks.criteria]]
code = "CHAM"
name = "Chậm trả văn bản"
points = -2

[[blocks.criteria]]
code = "SK"
name = "Sáng kiến"
points = 1

[[grades]]
code = "A"
name = "Đạt"
min_score = 0
""")
    events = (Event(ONE, date(2026, 5, 4), "CHAM"), *(Event(ONE, date(2026, 5, day), "SK") for day in (5, 6, 7)))
    result = score(mixed, events=events)
    assert [item.points for item in result.items] == [-2, 1, 1, 1]
    assert result.score == 101

"""What a read plan answers about itself: where a block's score starts, and the grade of a score below every
grade's minimum."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tests.core.test_plan_refusals import BASE, LAST, changed
from ward_office.core.plan import load_plan

BONUS = ('\n[[blocks]]\ncode = "B"\nname = "Khen thưởng"\nmaximum = 5\n\n'
         '[[blocks.criteria]]\ncode = "B1"\nname = "Biểu dương"\n')


@pytest.mark.parametrize(("points", "start"), [
    ("1", 0),  # commendations only, of 1 point: earned from nothing
    ("0.5", 0),
    ("-1", 5),  # deductions only: from its maximum
])
def test_a_block_starts_from_nothing_only_when_all_its_criteria_are_commendations(points: str, start: int) -> None:
    plan = load_plan(changed(LAST, BONUS + f"points = {points}\n"))
    assert plan.block_start(plan.block("B")) == start


def test_a_block_with_a_deduction_beside_commendations_starts_from_its_maximum() -> None:
    plan = load_plan(changed(9, "maximum = 10"))  # A1 −1 and A2 +2
    assert plan.block_start(plan.block("A")) == 10


def test_a_score_below_every_grades_minimum_takes_the_lowest_grade() -> None:
    lowest = '\n\n[[grades]]\ncode = "K"\nname = "Khá"\nmin_score = 60'
    three = BASE.replace('name = "Tốt"\nmin_score = 0', 'name = "Tốt"\nmin_score = 80' + lowest)
    plan = load_plan(three)
    assert [plan.grade_for(Fraction(score)).code for score in (100, 95, 94, 80, 60, 59, 0)] == [
        "X", "X", "T", "T", "K", "K", "K"]

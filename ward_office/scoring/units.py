"""Points in whole units of 1/scale, so the escalation and cap arithmetic of thousands of items is on integers:
a plan's units, each criterion's points and caps in them, and the weighted sub-periods of an active range."""

from __future__ import annotations

import math
from fractions import Fraction

from ward_office.core.period import Period
from ward_office.core.plan import Criterion, EmulationPlan
from ward_office.core.plan_ranges import POINTS_STEP
from ward_office.scoring.results import SubPeriodScore


class CriterionPoints:
    """A criterion's points by occurrence number, as the plan's fractions and in units, and its caps in units."""

    __slots__ = ("absent", "block_cap", "block_code", "block_index", "block_keys", "cap", "code", "last", "points")

    def __init__(self, criterion: Criterion, units: Units, block_index: int, absent: bool) -> None:
        self.code = criterion.code
        self.block_code = criterion.block_code
        self.block_index = block_index
        # (points, units, |units|) of the n-th occurrence; from the last escalation step on all are worth the same.
        # With brackets, every occurrence after the last bracket's first is worth 0.
        self.last = max((step.from_occurrence for step in criterion.escalation), default=1)
        if criterion.brackets:
            self.last = criterion.brackets[-1].from_count + 1
        self.points = [(points, units.of(points), abs(units.of(points)))
                       for points in map(criterion.points_for, range(self.last + 1))]
        self.cap = units.criterion_caps.get(criterion.code)
        self.block_cap = units.block_caps.get(criterion.block_code)
        # Block caps count deductions and bonuses apart: by (block code, is a bonus).
        self.block_keys = ((criterion.block_code, False), (criterion.block_code, True))
        self.absent = absent  # the criterion the ABSENT rule names: its events count as unexcused absences


class Units:
    """Points counted in whole units of 1/scale (scale: the least common denominator of every point and cap in
    the plan), so the escalation and cap arithmetic of thousands of items is on integers, exactly."""

    def __init__(self, plan: EmulationPlan) -> None:
        values = [Fraction(value) for block in plan.blocks for value in (block.cap, block.maximum, block.floor)
                  if value is not None]
        if plan.maximum is not None or plan.floor is not None:  # the total's bounds count from the base score
            values += [Fraction(value) for value in (plan.base_score, plan.maximum, plan.floor) if value is not None]
        for criterion in plan.criteria.values():
            values.append(Fraction(criterion.points))
            values.extend(Fraction(step.points) for step in criterion.escalation)
            values.extend(Fraction(bracket.points) for bracket in criterion.brackets)
            if criterion.cap is not None:
                values.append(Fraction(criterion.cap))
            if criterion.points_range is not None:  # each event's points, a multiple of the step within it
                values += [POINTS_STEP, *criterion.points_range]
        self.scale = math.lcm(1, *(value.denominator for value in values))
        self.criterion_caps = {code: self.of(criterion.cap) for code, criterion in plan.criteria.items()
                               if criterion.cap is not None}
        self.block_caps = {block.code: self.of(block.cap) for block in plan.blocks if block.cap is not None}

    def of(self, value: Fraction) -> int:
        exact = Fraction(value)
        return exact.numerator * (self.scale // exact.denominator)


class Parts:
    """The sub-periods of one active range (chronological and disjoint, as ``weighted_parts`` cuts them), each
    with its weight, that weight as a multiplier over ``denominator`` (Σ units × weight / scale is then
    Σ units × multiplier / denominator, a sum of integers), and its scores already made by their units (the
    many equal sub-period scores are one object each)."""

    def __init__(self, weighted: list[tuple[Period, Fraction]], scale: int) -> None:
        common = math.lcm(1, *(weight.denominator for _part, weight in weighted))
        self.denominator = common * scale
        self.parts: list[tuple[Period, Fraction, int, dict[int, SubPeriodScore]]] = [
            (part, weight, weight.numerator * (common // weight.denominator), {}) for part, weight in weighted]

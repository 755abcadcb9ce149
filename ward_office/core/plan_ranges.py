"""Two plan keys of E3-like schemes (domain.md §3): a criterion whose points the recorder picks within a range
(“Vi phạm nội quy: từ −50 đến −25 điểm”), and a block kept whole only without a deduction. ``core.plan``'s
reader calls these; the types carry them as ``Criterion.points_range`` and ``Block.all_or_nothing``."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ward_office.core.plan_types import Criterion
from ward_office.core.plan_values import Path, PlanValues
from ward_office.i18n import N_

POINTS_STEP = Fraction(1, 4)  # the chosen points, and a range's ends, are multiples of it


def read_points_range(values: PlanValues, data: Mapping[str, Any], where: Path) -> tuple[Fraction, Fraction] | None:
    """``points_range = [-50, -25]``: two numbers of one sign, the lower first, multiples of 0.25; alone (no
    ``points``, ``escalation`` nor ``brackets``: each event carries its own points)."""
    if "points_range" not in data:
        return None
    value = data["points_range"]
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(end, int | float) and not isinstance(end, bool) for end in value)):
        raise values.fail(where, N_("“points_range” must be two numbers, the lower first"), key="points_range")
    low, high = (Fraction(str(end)) for end in value)
    if not low < high or (low < 0 < high) or 0 in (low, high):
        raise values.fail(where, N_("“points_range” must be two numbers of one sign, not zero, the lower first"),
                          key="points_range")
    if any(end % POINTS_STEP for end in (low, high)):
        raise values.fail(where, N_("the ends of “points_range” must be multiples of 0.25"), key="points_range")
    for other in ("points", "escalation", "brackets"):
        if other in data:
            raise values.fail(where, N_("a criterion with “points_range” has no “{other}”: each event carries "
                                        "its own points"), key="points_range", other=other)
    return low, high


def mildest(points_range: tuple[Fraction, Fraction]) -> Fraction:
    """The end of a range nearest zero: a ranged criterion's ``points`` (its sign, and what an event recorded
    without chosen points counts)."""
    low, high = points_range
    return high if high < 0 else low


def read_all_or_nothing(values: PlanValues, data: Mapping[str, Any], where: Path) -> bool:
    """``all_or_nothing = true``: needs the block's ``maximum`` (what is kept or lost)."""
    value = data.get("all_or_nothing", False)
    if not isinstance(value, bool):
        raise values.fail(where, N_("“all_or_nothing” must be true or false"), key="all_or_nothing")
    if value and "maximum" not in data:
        raise values.fail(where, N_("a block with “all_or_nothing” needs its “maximum”"), key="all_or_nothing")
    return value


def counted_points(criterion: Criterion, chosen: Fraction | None) -> Fraction:
    """What an event of ``criterion`` with the points ``chosen`` when it was recorded counts under this plan.

    A ranged criterion: the chosen points brought within its range (the nearer end), or its mildest end when
    none were chosen (an event recorded under a plan without the range). A criterion without a range: its own
    points; points chosen under an earlier plan's range are then not used (they stay on the event)."""
    if criterion.points_range is None or chosen is None:
        return criterion.points
    low, high = criterion.points_range
    return min(max(chosen, low), high)


def points_problem(criterion: Criterion, chosen: Fraction | None) -> str | None:
    """Why ``chosen`` cannot be recorded for an event of ``criterion`` (a msgid), or None when it can."""
    if criterion.points_range is None:
        return None if chosen is None else N_("The criterion “{code}” has fixed points; no points are chosen")
    if chosen is None:
        return N_("The criterion “{code}” needs the points, from {low} to {high}")
    low, high = criterion.points_range
    if not low <= chosen <= high or chosen % POINTS_STEP:
        return N_("The points of “{code}” must be from {low} to {high}, in steps of 0.25")
    return None

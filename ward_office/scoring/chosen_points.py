"""Events of a criterion with a range of points (``points_range``): each counts the points its recorder chose,
so its ``CriterionPoints`` is the criterion's with that one value (caps and counts stay the criterion's)."""

from __future__ import annotations

import copy

from ward_office.core.checks import Event
from ward_office.core.plan import EmulationPlan
from ward_office.core.plan_ranges import counted_points
from ward_office.scoring.units import CriterionPoints, Units


class ChosenPoints:
    """The plan's ranged criteria, and one ``CriterionPoints`` per criterion and value chosen."""

    def __init__(self, plan: EmulationPlan, units: Units) -> None:
        self.units = units
        self.ranged = {code: criterion for code, criterion in plan.criteria.items()
                       if criterion.points_range is not None}
        self._made: dict[tuple[str, object], CriterionPoints] = {}

    def for_event(self, criterion: CriterionPoints, event: Event) -> CriterionPoints:
        """``criterion`` for ``event``: unchanged without a range, else worth the event's points
        (``core.plan_ranges.counted_points``: within the range, the mildest end when none were chosen)."""
        plan_criterion = self.ranged.get(criterion.code)
        if plan_criterion is None:
            return criterion
        points = counted_points(plan_criterion, event.points)
        key = (criterion.code, points)
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = copy.copy(criterion)
            value = self.units.of(points)
            made.last = 1
            made.points = [(points, value, abs(value))] * 2
        return made

"""A plan's floors and maximums (rule 4 of ``scoring.engine``): a block's score, and the total, kept within them
in each sub-period, each bound that acts kept as a ``Clamp`` so a reader sees what it stopped."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

from ward_office.core.period import Period
from ward_office.core.plan import Block, EmulationPlan
from ward_office.scoring.all_or_nothing import AllOrNothing
from ward_office.scoring.results import Bound, Clamp, ScoreItem
from ward_office.scoring.units import Units


class Bounds:
    """The bounds as limits on sums of a sub-period's units: a block's limits on its items' sum (its floor and
    maximum less its start), the total's on the sum of every item (the plan's less the base score)."""

    def __init__(self, plan: EmulationPlan, units: Units, fraction: Callable[[int, int], Fraction]) -> None:
        self.plan, self.scale, self.fraction = plan, units.scale, fraction
        self.blocks: list[tuple[int, Block, Fraction, int | None, int | None]] = []
        for index, block in enumerate(plan.blocks):
            if block.floor is not None or block.maximum is not None:
                start = plan.block_start(block)
                self.blocks.append((index, block, start, _units(units, block.floor, start),
                                    _units(units, block.maximum, start)))
        self.total = (_units(units, plan.floor, plan.base_score), _units(units, plan.maximum, plan.base_score))
        self.any = bool(self.blocks) or self.total != (None, None)
        self.all_or_nothing = AllOrNothing(plan, units, fraction)

    def clamps(self, part: Period, weight: Fraction, block_sums: list[int], total: int,
               items: Sequence[ScoreItem] = ()) -> list[tuple[int | None, int, Clamp]]:
        """For the sums of ``part`` (per block index, and in all), each bound that acts: the block's index (None
        for the total), the units it adds, and its Clamp. The blocks first (an all-or-nothing block lost, from
        ``items``, before the floors and maximums), then the total they make."""
        acted = self.all_or_nothing.clamps(part, weight, block_sums, items)
        total += sum(adjustment for _index, adjustment, _clamp in acted)
        for index, block, start, low, high in self.blocks:
            adjustment = _clamp(block_sums[index], low, high)
            if adjustment:
                total += adjustment
                acted.append((index, adjustment, self._clamp(adjustment, block.code, block.floor, block.maximum,
                                                             part, start + self.fraction(block_sums[index], self.scale),
                                                             weight)))
        adjustment = _clamp(total, *self.total)
        if adjustment:
            plan = self.plan
            acted.append((None, adjustment, self._clamp(adjustment, None, plan.floor, plan.maximum, part,
                                                        plan.base_score + self.fraction(total, self.scale), weight)))
        return acted

    def _clamp(self, adjustment: int, block_code: str | None, floor: Fraction | None, maximum: Fraction | None,
               part: Period, unbounded: Fraction, weight: Fraction) -> Clamp:
        bound, limit = (Bound.FLOOR, floor) if adjustment > 0 else (Bound.MAXIMUM, maximum)
        assert limit is not None
        return Clamp(bound, block_code, part, limit, unbounded, self.fraction(adjustment, self.scale), weight)


def _units(units: Units, value: Fraction | None, start: Fraction) -> int | None:
    return None if value is None else units.of(value - start)


def _clamp(value: int, low: int | None, high: int | None) -> int:
    """What brings ``value`` within [low, high]: positive from below, negative from above, else 0."""
    if low is not None and value < low:
        return low - value
    if high is not None and value > high:
        return high - value
    return 0

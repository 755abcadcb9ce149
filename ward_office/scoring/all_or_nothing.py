"""Blocks kept whole or lost whole (``all_or_nothing``, domain.md §3 E3: "a general block of 50 points is kept
only if there is no violation"): in a sub-period with a deduction in the block, the block is worth its floor,
or 0, whatever the deductions add up to. The step is a ``Clamp`` like the floors and maximums (rule 4 of
``scoring.engine``), with the days of the deductions, so the scorecard says why the points went."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from fractions import Fraction

from ward_office.core.period import Period
from ward_office.core.plan import Block, EmulationPlan
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_number
from ward_office.scoring.results import Bound, Clamp, ScoreItem
from ward_office.scoring.units import Units

LOST_MESSAGE = N_("the block “{block}” loses all its {maximum} points because of the deductions of {days} ({period})")
LOST_TO_FLOOR_MESSAGE = N_("the block “{block}” keeps only {limit} of its {maximum} points because of the deductions "
                           "of {days} ({period})")


class AllOrNothing:
    """The plan's all-or-nothing blocks: (index, block, start, the units of their lost score less the start)."""

    def __init__(self, plan: EmulationPlan, units: Units, fraction: Callable[[int, int], Fraction]) -> None:
        self.scale, self.fraction = units.scale, fraction
        self.blocks: list[tuple[int, Block, Fraction, int]] = []
        for index, block in enumerate(plan.blocks):
            if block.all_or_nothing:
                start = plan.block_start(block)
                self.blocks.append((index, block, start, units.of((block.floor or Fraction(0)) - start)))

    def clamps(self, part: Period, weight: Fraction, block_sums: list[int],
               items: Sequence[ScoreItem]) -> list[tuple[int | None, int, Clamp]]:
        """Each block of ``part`` lost to a deduction among ``items`` (those of ``part`` are the last): its index,
        the units that bring its sum to its lost score (``block_sums`` is changed so), and its Clamp."""
        if not self.blocks:
            return []
        days: dict[str, set[date]] = {}
        for item in reversed(items):
            if item.sub_period != part:
                break
            if item.raw_points < 0:  # a deduction, also one a cap let nothing of, or leave that costs points
                days.setdefault(item.block_code, set()).add(item.day)
        acted: list[tuple[int | None, int, Clamp]] = []
        for index, block, start, lost in self.blocks:
            adjustment = lost - block_sums[index]
            if block.code not in days or not adjustment:
                continue
            unbounded = start + self.fraction(block_sums[index], self.scale)
            block_sums[index] = lost
            acted.append((index, adjustment, Clamp(Bound.ALL_OR_NOTHING, block.code, part, block.floor or Fraction(0),
                                                   unbounded, self.fraction(adjustment, self.scale), weight,
                                                   tuple(sorted(days[block.code])))))
        return acted


def lost_text(plan: EmulationPlan, clamp: Clamp, period: str) -> str:
    """"nhóm tiêu chí “Chấp hành chung” mất toàn bộ 50 điểm vì có vi phạm ngày 05/03/2027 (tháng 3 năm 2027)"."""
    block = plan.block(clamp.block_code or "")
    return _(LOST_TO_FLOOR_MESSAGE if clamp.limit else LOST_MESSAGE).format(
        block=block.name, maximum=format_number(block.maximum or 0), limit=format_number(clamp.limit),
        days=", ".join(format_date(day) for day in clamp.days), period=period)

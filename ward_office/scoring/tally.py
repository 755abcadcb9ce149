"""What the engine gathers for one person while it walks the parts of a period, and the caps' arithmetic
(rules 4 of ``scoring.engine``), apart from the walk itself so each module reads at one sitting."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ward_office.scoring.results import Clamp, ScoreItem
from ward_office.scoring.units import CriterionPoints


class Tally:
    """What a person's items add up to over the whole period, gathered part by part."""

    __slots__ = ("absences", "block_sums", "clamps", "commendations", "counts", "deducted_sum", "in_display_order",
                 "items", "last", "month_counts", "total_sum", "violations")

    def __init__(self, blocks: int) -> None:
        self.items: list[ScoreItem] = []
        # Scored in time order, the items are in display order (day, session, criterion) but for two criteria
        # in one session: sorted then, stably. ``last`` is the (day, session order, code) of the last item.
        self.in_display_order = True
        self.last: tuple[date | None, int | None, str] = (None, None, "")
        self.counts: dict[str, int] = {}  # per criterion over the whole period: the ceilings count them
        self.month_counts: dict[tuple[int, int], dict[str, int]] = {}  # the same per month, for monthly ceilings
        self.block_sums = [0] * blocks  # Σ units × multiplier per block, over the parts' denominator
        self.deducted_sum = self.absences = self.violations = self.commendations = 0
        self.total_sum = 0  # Σ the total's clamps × multiplier
        self.clamps: list[Clamp] = []

    def add_counts(self, seen: Mapping[str, int]) -> None:
        """A part's occurrences per criterion, added to the whole period's."""
        for code, number in seen.items():
            self.counts[code] = self.counts.get(code, 0) + number


def within_caps(criterion: CriterionPoints, raw_units: int, size: int, used: dict[object, int]) -> int:
    """Rule 4: what remains of ``size`` under the criterion's cap, then the block's; ``used`` counts what they let
    through in this sub-period."""
    if criterion.cap is not None:
        taken = used.get(criterion.code, 0)
        if criterion.cap - taken < size:
            size = max(criterion.cap - taken, 0)
        used[criterion.code] = taken + size
    if criterion.block_cap is not None:
        block_key = criterion.block_keys[raw_units > 0]
        taken = used.get(block_key, 0)
        if criterion.block_cap - taken < size:
            size = max(criterion.block_cap - taken, 0)
        used[block_key] = taken + size
    return size

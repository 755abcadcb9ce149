"""Entered scores: the points the head enters each month for the plan's entered blocks (task results, duties),
which nobody records day by day.

An entered item is what one column of the entry grid or of an imported file holds: an entered block's own
code when it has no sub-criteria, else each sub-criterion's code. A person active in a month with an item not
entered for that month is not graded yet ("chưa chấm").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction

from ward_office.core.plan_types import EmulationPlan
from ward_office.core.staff import StaffId


@dataclass(frozen=True, slots=True)
class EnteredItem:
    """What the plan lets the head enter: points from 0 to ``maximum``."""

    code: str
    name: str
    block_code: str
    maximum: Fraction


def entered_items(plan: EmulationPlan) -> tuple[EnteredItem, ...]:
    """Every entered item of the plan, in plan order."""
    items: list[EnteredItem] = []
    for block in plan.blocks:
        if not block.entered or block.maximum is None:
            continue
        for code in block.criteria:
            criterion = plan.criteria[code]
            if criterion.maximum is not None:
                items.append(EnteredItem(code, criterion.name, block.code, criterion.maximum))
    return tuple(items)


@dataclass(frozen=True, slots=True)
class EnteredScore:
    """One stored entry: a person's points for one item in one month."""

    staff_id: StaffId
    month: date  # the first day of the month
    item_code: str
    points: Fraction  # 0 ≤ points ≤ the item's maximum
    self_points: Fraction | None  # the person's self-assessment (tự chấm), if given
    note: str
    entered_by: str
    entered_at: datetime
    id: int | None = None


@dataclass(frozen=True, slots=True)
class ScoreEntry:
    """One change asked for, from the grid or a file."""

    staff_id: StaffId
    item_code: str
    points: Fraction | None  # None: clear the entry (back to "chưa chấm")
    self_points: Fraction | None = None
    note: str = ""


def month_start(day: date) -> date:
    return day.replace(day=1)

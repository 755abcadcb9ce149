"""What one occurrence of an attendance rule is (``CountUnit``): each session, each day, or each run of
consecutive working days. A record of a day or run already counted for the same person and trigger gives no
occurrence, so a whole-day absence is one "lần" under a plan counting per day, two under one counting per
session; the first record of the day or run is the item that carries the points."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from ward_office.core.plan import AttendanceRule, AttendanceTrigger, CountUnit, EmulationPlan
from ward_office.core.staff import StaffId


class OccurrenceUnits:
    """Says, record by record in chronological order, whether a trigger starts a new occurrence."""

    def __init__(self, plan: EmulationPlan, working_days: Collection[date] | None) -> None:
        # A run goes on over days off: the next working day continues it. Without a calendar, the next day does.
        self.position = None if working_days is None else {day: index for index, day in enumerate(sorted(working_days))}
        self.last: dict[tuple[StaffId | None, object], date] = {}

    @staticmethod
    def needed(plan: EmulationPlan) -> bool:
        return any(rule.count is not CountUnit.SESSION for rule in plan.attendance_rules)

    def counts(self, staff_id: StaffId | None, day: date, rule: AttendanceRule | None) -> bool:
        """Whether ``rule`` has a new occurrence for the person on ``day`` (records taken in time order)."""
        if rule is None or rule.count is CountUnit.SESSION:
            return True
        unit = rule.count
        key = (staff_id, rule.trigger if rule.trigger is not AttendanceTrigger.LEAVE else rule.leave_codes)
        last = self.last.get(key)
        self.last[key] = day
        if last is None:
            return True
        if last == day:
            return False
        return unit is CountUnit.DAY or not self._follows(last, day)

    def _follows(self, last: date, day: date) -> bool:
        if self.position is None:
            return (day - last).days == 1
        before, after = self.position.get(last), self.position.get(day)
        return before is not None and after is not None and after == before + 1

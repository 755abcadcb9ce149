"""Months left out of a mean of months for long leave, and the parts each person is then scored on.

Nghị định 335/2025 grades staff on sick or maternity leave on the time they actually worked. A month in
which someone worked no day — every working day of it, within their active range, was on one of the plan's
``long_leave_codes`` for both sessions, or it had no working day for them — would otherwise count as a
perfect month and lift their mean. With such codes in the plan it is left out of every mean of months;
someone left with no month at all is scored on nothing: not ranked, and listed as such.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, timedelta

from ward_office.core.attendance import AttendanceStatus, LeaveCode
from ward_office.core.period import Period, PeriodKind
from ward_office.core.plan import Aggregation, EmulationPlan
from ward_office.core.schedule import Session
from ward_office.core.staff import Staff, StaffId
from ward_office.scoring.results import LeftOutMonth, ScoringInput
from ward_office.scoring.subperiods import Month, aggregation_for, weighted_parts
from ward_office.scoring.units import Parts


def averages_months(plan: EmulationPlan, period: Period) -> bool:
    """Whether ``period`` is scored, wholly or by halves, as a mean of months; a month is the mean of itself, so
    someone on long leave all of it is not scored in it either."""
    if period.kind is PeriodKind.MONTH:
        return True
    aggregation = aggregation_for(plan, period)
    if aggregation is Aggregation.WEIGHTED_HALVES:
        aggregation = plan.aggregation.default
    return aggregation is Aggregation.MEAN_OF_MONTHS


class PersonParts:
    """The parts each active person is scored on (``weighted_parts``, shared by those with the same active range
    and months left out), the months left out and who is left with none."""

    def __init__(self, data: ScoringInput, period: Period, active: Mapping[StaffId | None, tuple[date, date]],
                 scale: int) -> None:
        self.plan, self.period, self.active, self.scale = data.plan, period, active, scale
        self.codes = frozenset(data.plan.aggregation.long_leave_codes)
        self.applies = bool(self.codes) and averages_months(data.plan, period)
        self.months_left_out: dict[StaffId | None, tuple[LeftOutMonth, ...]] = {}
        self.not_scored: list[Staff] = []
        self._cache: dict[tuple[tuple[date, date], frozenset[Month]], Parts] = {}
        self._leave: dict[StaffId | None, dict[date, dict[Session, LeaveCode]]] = defaultdict(lambda: defaultdict(dict))
        self._working_days: frozenset[date] | None = None
        if self.applies:
            self._working_days = frozenset(data.working_days) if data.working_days is not None else frozenset(
                day for day in _days(period) if day.weekday() < 5)
            for record in data.attendance:
                if record.status is AttendanceStatus.LEAVE and record.leave_code in self.codes:
                    self._leave[record.staff_id][record.day][record.session] = record.leave_code

    def of(self, person: Staff) -> Parts | None:
        """The parts ``person`` is scored on; None when long leave leaves none (then listed in ``not_scored``)."""
        span = self.active[person.id]
        left_out = self._left_out(person.id, span) if self.applies else ()
        if left_out:
            self.months_left_out[person.id] = left_out
        key = (span, frozenset((month.month.start.year, month.month.start.month) for month in left_out))
        parts = self._cache.get(key)
        if parts is None:
            parts = self._cache[key] = Parts(weighted_parts(self.plan, self.period, span, key[1]), self.scale)
        if not parts.parts:
            self.not_scored.append(person)
            return None
        return parts

    def _left_out(self, staff_id: StaffId | None, span: tuple[date, date]) -> tuple[LeftOutMonth, ...]:
        leave = self._leave.get(staff_id, {})
        working_days = self._working_days or frozenset()
        left_out = []
        for month in self.period.months():
            start, end = max(month.start, span[0]), min(month.end, span[1])
            if start > end:
                continue  # not active: the month is in no part anyway
            days = [day for day in _days(Period(month.kind, start, end)) if day in working_days]
            if all(len(leave.get(day, ())) == len(Session) for day in days):
                seen = {code for day in days for code in leave[day].values()}
                left_out.append(LeftOutMonth(month, tuple(code for code in LeaveCode if code in seen)))
        return tuple(left_out)


def _days(period: Period) -> list[date]:
    return [period.start + timedelta(days=offset) for offset in range((period.end - period.start).days + 1)]

"""Reading the two aggregation keys that say which months a plan's year is made of: ``year_halves``, the
first and last month of each half (a school year: September to January, then February to May), and
``long_leave_codes``, the leave that, filling a month, leaves it out of a mean of months (NĐ 335 grades
staff on sick or maternity leave on the time they actually worked)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ward_office.core.attendance import LeaveCode
from ward_office.core.period import Period, PeriodKind, year_of_months
from ward_office.core.plan_types import EmulationPlan
from ward_office.core.plan_values import Path, PlanValues
from ward_office.i18n import N_

CALENDAR_HALVES = ((1, 6), (7, 12))


def half_length(half: tuple[int, int]) -> int:
    """How many months a half from its first to its last month spans (September to January: 5)."""
    return (half[1] - half[0]) % 12 + 1


def read_year_halves(reader: PlanValues, item: Mapping[str, Any],
                     where: Path) -> tuple[tuple[int, int], tuple[int, int]]:
    """``[[9, 1], [2, 5]]``: two halves of months 1–12, the second beginning the month after the first ends,
    twelve months at most together."""
    value = item.get("year_halves", [list(half) for half in CALENDAR_HALVES])
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(half, list) and len(half) == 2 for half in value)
            or not all(type(month) is int and 1 <= month <= 12 for half in value for month in half)):
        raise reader.fail(where, N_("“year_halves” must be two halves, each [first month, last month] with months"
                                    " 1 to 12, e.g. [[9, 1], [2, 5]]"), key="year_halves")
    first, second = (value[0][0], value[0][1]), (value[1][0], value[1][1])
    if second[0] != first[1] % 12 + 1:
        raise reader.fail(where, N_("in “year_halves” the second half must begin the month after the first ends"),
                          key="year_halves")
    if half_length(first) + half_length(second) > 12:
        raise reader.fail(where, N_("the two halves of “year_halves” cover more than 12 months"), key="year_halves")
    return first, second


def read_long_leave_codes(reader: PlanValues, item: Mapping[str, Any], where: Path) -> tuple[LeaveCode, ...]:
    """``["Ô", "Ts"]``: known leave codes, each once; none by default."""
    values = item.get("long_leave_codes", [])
    allowed = ", ".join(code.value for code in LeaveCode)
    if (not isinstance(values, list) or len(set(values)) != len(values)
            or not all(isinstance(value, str) and value in set(LeaveCode) for value in values)):
        raise reader.fail(where, N_("“long_leave_codes” must list leave codes among: {allowed}, each once"),
                          key="long_leave_codes", allowed=allowed)
    return tuple(LeaveCode(value) for value in values)


def plan_period(plan: EmulationPlan, period: Period) -> Period:
    """The period ``plan`` scores for ``period``: a calendar year is the plan's year, from the first month of its
    ``year_halves`` in that year (2026 of a school plan: September 2026 to May 2027); any other as it is."""
    first, second = plan.aggregation.year_halves
    if (period.kind is PeriodKind.YEAR and (period.start.month, period.end.month) == (1, 12)
            and (first[0], second[1]) != (1, 12)):
        return year_of_months(period.start.year, first[0], second[1])
    return period

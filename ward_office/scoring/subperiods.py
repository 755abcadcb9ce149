"""How a review period is cut into the parts scored on their own, and what share each part carries.

A plan may average monthly scores (a month always starts again from the base score) or weigh the two
halves of a year differently; caps and escalation then count within each part. Expressing every part
as a weight lets the period score stay an exact sum: base + Σ points × weight.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from ward_office.core.period import Period, PeriodKind
from ward_office.core.plan import Aggregation, EmulationPlan
from ward_office.core.plan_year import CALENDAR_HALVES, half_length

Month = tuple[int, int]  # (year, month)


def aggregation_for(plan: EmulationPlan, period: Period) -> Aggregation:
    if period.kind is PeriodKind.MONTH:
        return Aggregation.DIRECT
    if period.kind is PeriodKind.YEAR:
        return plan.aggregation.year
    return plan.aggregation.default


def plan_halves(plan: EmulationPlan, year: Period) -> tuple[Period, Period]:
    """The two halves of ``year`` as the plan's ``year_halves`` cut it: the first its first months, the second the
    rest (a school year: September to January, February to May)."""
    if plan.aggregation.year_halves == CALENDAR_HALVES:
        return year.halves()
    months = list(year.months())
    length = min(half_length(plan.aggregation.year_halves[0]), len(months) - 1)
    return (Period(PeriodKind.RANGE, year.start, months[length - 1].end),
            Period(PeriodKind.RANGE, months[length].start, year.end))


def weighted_parts(plan: EmulationPlan, period: Period, active: tuple[date, date],
                   left_out: frozenset[Month] = frozenset()) -> list[tuple[Period, Fraction]]:
    """The parts of ``period`` scored on their own for someone active over ``active``, with weights summing
    to 1; empty when the person was not active in the period. The ``left_out`` months are in no mean of
    months (long leave)."""
    return _split(plan, period, aggregation_for(plan, period), active, left_out)


def _split(plan: EmulationPlan, period: Period, aggregation: Aggregation,
           active: tuple[date, date], left_out: frozenset[Month] = frozenset()) -> list[tuple[Period, Fraction]]:
    if aggregation is Aggregation.MEAN_OF_MONTHS:
        months = [part for part in (_clip(whole, active) for whole in period.months()
                                    if (whole.start.year, whole.start.month) not in left_out) if part is not None]
        return [(part, Fraction(1, len(months))) for part in months]
    if aggregation is Aggregation.WEIGHTED_HALVES and period.kind is PeriodKind.YEAR:
        inner = plan.aggregation.default
        if inner is Aggregation.WEIGHTED_HALVES:
            inner = Aggregation.DIRECT
        halves = [(_split(plan, half, inner, active, left_out), weight)
                  for half, weight in zip(plan_halves(plan, period), plan.aggregation.year_weights, strict=True)]
        worked = [(parts, weight) for parts, weight in halves if parts]
        total = sum((weight for _, weight in worked), Fraction(0))
        return [(part, weight / total * share) for parts, weight in worked for part, share in parts]
    if period.kind is PeriodKind.MONTH and (period.start.year, period.start.month) in left_out:
        return []
    clipped = _clip(period, active)
    return [] if clipped is None else [(clipped, Fraction(1))]


def _clip(period: Period, active: tuple[date, date]) -> Period | None:
    start, end = max(period.start, active[0]), min(period.end, active[1])
    if start > end:
        return None
    if (start, end) == (period.start, period.end):
        return period
    return Period(PeriodKind.RANGE, start, end)

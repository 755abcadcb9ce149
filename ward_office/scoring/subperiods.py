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


def aggregation_for(plan: EmulationPlan, period: Period) -> Aggregation:
    if period.kind is PeriodKind.MONTH:
        return Aggregation.DIRECT
    if period.kind is PeriodKind.YEAR:
        return plan.aggregation.year
    return plan.aggregation.default


def weighted_parts(plan: EmulationPlan, period: Period, active: tuple[date, date]) -> list[tuple[Period, Fraction]]:
    """The parts of ``period`` scored on their own for someone active over ``active``, with weights summing
    to 1; empty when the person was not active in the period."""
    return _split(plan, period, aggregation_for(plan, period), active)


def _split(plan: EmulationPlan, period: Period, aggregation: Aggregation,
           active: tuple[date, date]) -> list[tuple[Period, Fraction]]:
    if aggregation is Aggregation.MEAN_OF_MONTHS:
        months = [part for part in (_clip(whole, active) for whole in period.months()) if part is not None]
        return [(part, Fraction(1, len(months))) for part in months]
    if aggregation is Aggregation.WEIGHTED_HALVES and period.kind is PeriodKind.YEAR:
        inner = plan.aggregation.default
        if inner is Aggregation.WEIGHTED_HALVES:
            inner = Aggregation.DIRECT
        halves = [(_split(plan, half, inner, active), weight)
                  for half, weight in zip(period.halves(), plan.aggregation.year_weights, strict=True)]
        worked = [(parts, weight) for parts, weight in halves if parts]
        total = sum((weight for _, weight in worked), Fraction(0))
        return [(part, weight / total * share) for parts, weight in worked for part, share in parts]
    clipped = _clip(period, active)
    return [] if clipped is None else [(clipped, Fraction(1))]


def _clip(period: Period, active: tuple[date, date]) -> Period | None:
    start, end = max(period.start, active[0]), min(period.end, active[1])
    if start > end:
        return None
    if (start, end) == (period.start, period.end):
        return period
    return Period(PeriodKind.RANGE, start, end)

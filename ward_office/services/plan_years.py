"""The year a ward means when it names one: the year of its emulation plan.

A plan may run its year otherwise than January to December (a school year, September to May, set by
``year_halves``). Whoever names a year — the window's period chooser, ``--period 2026`` — names the plan's
year beginning in it, so scoring, locking (khóa sổ), the kept ranking and the figures' status all take that
span. The plan asked is the one in effect on the calendar year's last day.
"""

from __future__ import annotations

from ward_office.core.errors import NotFoundError
from ward_office.core.period import Period, PeriodKind
from ward_office.core.plan_year import plan_period
from ward_office.storage import Store


def ward_period(store: Store, period: Period) -> Period:
    """``period``, or for a calendar year the year of the plan in effect on its last day (the same when the plan
    keeps the calendar year, or when no plan is adopted yet)."""
    if period.kind is not PeriodKind.YEAR:
        return period
    try:
        _record, plan = store.plans.in_effect(period.end)
    except NotFoundError:
        return period
    return plan_period(plan, period)

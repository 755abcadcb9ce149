"""The citizen's voice as the review report prints it: the ward's satisfaction rate, the ratings and the praise and
complaints of the period beside those of the period before, and each department's rate in both.

A ward that keeps none of it (no rating, tally, praise or complaint in either period, and a plan without rules on
it) gets no section at all: a report full of zeros about something the ward does not do would only puzzle.
"""

from __future__ import annotations

from ward_office.core.citizens import FeedbackKind, RatingCounts, Verification
from ward_office.core.errors import NotFoundError
from ward_office.core.period import Period, previous_period
from ward_office.reports.review_data import CitizenFigures, CitizenPeriodFigures, DepartmentRates
from ward_office.services.citizens.figures import SatisfactionOverview, satisfaction_overview
from ward_office.services.ward import Ward


def _period_figures(period: Period, overview: SatisfactionOverview) -> CitizenPeriodFigures:
    received = overview.feedback
    return CitizenPeriodFigures(
        period, overview.total,
        praise=sum(item.kind is FeedbackKind.PRAISE for item in received),
        complaints=sum(item.kind is FeedbackKind.COMPLAINT for item in received),
        verified=sum(item.verification is Verification.VERIFIED for item in received),
        not_verified=sum(item.verification is Verification.REJECTED for item in received),
        answered=sum(item.answered_on is not None for item in received),
        still_open=sum(item.open for item in received))


def _keeps_citizens_voice(ward: Ward, period: Period) -> bool:
    try:
        return bool(ward.plan_on(period.end).satisfaction_rules)
    except NotFoundError:
        return False


def citizen_figures(ward: Ward, period: Period) -> CitizenFigures | None:
    """The section's figures for ``period``, or None for a ward that keeps none of the citizen's voice."""
    before = previous_period(period)
    overview = satisfaction_overview(ward, period.start, period.end)
    earlier = satisfaction_overview(ward, before.start, before.end)
    now, previous = _period_figures(period, overview), _period_figures(before, earlier)
    if not (now.any or previous.any or _keeps_citizens_voice(ward, period)):
        return None
    rates = {department.department: department.total for department in overview.departments}
    earlier_rates = {department.department: department.total for department in earlier.departments}
    # in the ward's order of departments, those without one last
    order = [*(department.name for department in ward.departments()), *sorted({*rates, *earlier_rates}), ""]
    departments = tuple(DepartmentRates(name, rates.get(name, RatingCounts()), earlier_rates.get(name, RatingCounts()))
                        for name in dict.fromkeys(order) if name in rates or name in earlier_rates)
    return CitizenFigures(now, previous, departments)

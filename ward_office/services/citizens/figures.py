"""The numbers the satisfaction page and the review report show: each person's and each department's satisfaction
rate by month (device and portal ratings plus survey tallies), whom the plan's rate rule applies to and whether a
month had enough ratings for its rate to count, the verified praise and complaints, and those still open."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from ward_office.core.citizens import CitizenFeedback, FeedbackKind, RatingCounts
from ward_office.core.errors import NotFoundError
from ward_office.core.plan_satisfaction import SatisfactionRule, SatisfactionTrigger
from ward_office.core.staff import Staff, StaffId
from ward_office.services.ward import Ward


@dataclass(frozen=True, slots=True)
class MonthRate:
    """One month's ratings: from the device or portal, from survey tallies, and together."""

    month: date  # its first day
    rated: RatingCounts  # imported ratings
    tallied: RatingCounts  # paper survey tallies
    counts: bool = True  # enough ratings for the rate to count under the plan (min_ratings)

    @property
    def total(self) -> RatingCounts:
        return self.rated + self.tallied

    @property
    def rate(self) -> Fraction | None:
        return self.total.rate


@dataclass(frozen=True, slots=True)
class PersonSatisfaction:
    staff: Staff
    department: str
    months: tuple[MonthRate, ...]  # the months with any rating, in order
    subject: bool  # the plan's rate rule applies to the person (``applies_to``); True without a rate rule
    praise: int = 0  # verified
    complaints: int = 0  # verified

    @property
    def total(self) -> RatingCounts:
        return sum((month.total for month in self.months), RatingCounts())


@dataclass(frozen=True, slots=True)
class DepartmentSatisfaction:
    department: str
    months: tuple[MonthRate, ...]

    @property
    def total(self) -> RatingCounts:
        return sum((month.total for month in self.months), RatingCounts())


@dataclass(frozen=True, slots=True)
class SatisfactionOverview:
    """The citizen's voice from ``start`` to ``end``: per person, per department, the ward, the open feedback."""

    start: date
    end: date
    months: tuple[date, ...]  # first days of the months from ``start`` to ``end``
    people: tuple[PersonSatisfaction, ...]  # everyone with a rating or verified feedback, by name order of the list
    departments: tuple[DepartmentSatisfaction, ...]
    feedback: tuple[CitizenFeedback, ...]  # every praise and complaint received in the period
    open_feedback: tuple[CitizenFeedback, ...]  # awaiting verification or an answer, whenever received
    min_ratings: int = 1  # the plan's, for the rate to count

    @property
    def total(self) -> RatingCounts:
        return sum((person.total for person in self.people), RatingCounts())


def satisfaction_overview(ward: Ward, start: date, end: date) -> SatisfactionOverview:
    """Each person's and department's satisfaction rate by month from ``start`` to ``end``, read under the plan in
    force on ``end`` (its rate rule says whom it applies to and how many ratings a rate needs)."""
    store = ward.store
    rule = _rate_rule(ward, end)
    rated = store.citizens.rating_counts(start, end)
    tallied = {(tally.staff_id, tally.month): tally.counts for tally in store.citizens.tallies(start, end)}
    feedback = tuple(store.citizens.feedback(start, end))
    names = ward.department_names()
    departments: dict[str, dict[date, list[RatingCounts]]] = {}
    people = []
    for person in store.staff.list():
        department = names.get(person.department_id, "") if person.department_id is not None else ""
        own_id = StaffId(person.id or 0)
        keys = sorted({month for staff_id, month in (*rated, *tallied) if staff_id == own_id})
        months = tuple(_month(month, rated.get((own_id, month)), tallied.get((own_id, month)), rule) for month in keys)
        own = [item for item in feedback if item.staff_id == person.id and item.counts]
        if not months and not own:
            continue
        subject = rule is None or rule.applies_to(person.position, department)
        people.append(PersonSatisfaction(person, department, months, subject,
                                         sum(item.kind is FeedbackKind.PRAISE for item in own),
                                         sum(item.kind is FeedbackKind.COMPLAINT for item in own)))
        for month in months:
            in_department = departments.setdefault(department, {}).setdefault(month.month, [RatingCounts()] * 2)
            in_department[0] += month.rated
            in_department[1] += month.tallied
    return SatisfactionOverview(
        start, end, _months(start, end), tuple(people),
        tuple(DepartmentSatisfaction(name, tuple(_month(month, rated_counts, tallied_counts, rule)
                                                 for month, (rated_counts, tallied_counts) in sorted(by_month.items())))
              for name, by_month in sorted(departments.items())),
        feedback, tuple(item for item in store.citizens.feedback() if item.open),
        rule.min_ratings if rule is not None else 1)


def _rate_rule(ward: Ward, day: date) -> SatisfactionRule | None:
    try:
        plan = ward.plan_on(day)
    except NotFoundError:  # a book without a plan still shows its ratings
        return None
    return next((rule for rule in plan.satisfaction_rules if rule.on is SatisfactionTrigger.RATE), None)


def _month(month: date, rated: RatingCounts | None, tallied: RatingCounts | None,
           rule: SatisfactionRule | None) -> MonthRate:
    """A person's, a department's or the ward's month; its rate counts with at least the plan's minimum of
    ratings, as a person's does (a department's or the ward's month is not shown as 0% on a single rating)."""
    found = MonthRate(month, rated or RatingCounts(), tallied or RatingCounts())
    return MonthRate(month, found.rated, found.tallied, rule is None or found.total.total >= rule.min_ratings)


def _months(start: date, end: date) -> tuple[date, ...]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return tuple(months)


def rate_by_month(overview: SatisfactionOverview) -> Mapping[date, RatingCounts]:
    """The whole ward's counts per month, for a chart."""
    return {month.month: month.total for month in ward_months(overview)}


def ward_months(overview: SatisfactionOverview) -> tuple[MonthRate, ...]:
    """The whole ward's months with any rating, in order; a month with fewer ratings than the plan's minimum
    does not count (its rate is not shown), as for a person or a department."""
    rated: dict[date, RatingCounts] = {}
    tallied: dict[date, RatingCounts] = {}
    for person in overview.people:
        for month in person.months:
            rated[month.month] = rated.get(month.month, RatingCounts()) + month.rated
            tallied[month.month] = tallied.get(month.month, RatingCounts()) + month.tallied
    return tuple(MonthRate(month, rated[month], tallied[month], rated[month].total + tallied[month].total
                           >= overview.min_ratings) for month in sorted(rated))

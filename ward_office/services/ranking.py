"""Scoring one period of a book: the ranking kept when the period was locked (khóa sổ), else one scored from
the records now, and the half-year under review.

The window imports this module at start (``Ward.score``, the overview), so the scoring engine, the
presentation of its results and the plan's types load on the first scoring, not before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ward_office.core.errors import NotFoundError
from ward_office.core.period import Period, half_year
from ward_office.storage import Store

if TYPE_CHECKING:
    from ward_office.core.plan import EmulationPlan
    from ward_office.core.schedule import WorkCalendar
    from ward_office.core.staff import Staff, StaffId
    from ward_office.scoring.results import ScoredPeriod


def current_review_period(today: date | None = None) -> Period:
    """The half-year under review on ``today`` (sơ kết 6 tháng)."""
    today = today or date.today()
    return half_year(today.year, 1 if today.month <= 6 else 2)


def score_stored_period(store: Store, period: Period, today: date | None = None) -> ScoredPeriod:
    """The ranking of ``period``: as kept when it was locked (khóa sổ), else scored from the records now."""
    from ward_office.services.plan_years import ward_period  # the plan's types are not loaded at start either
    from ward_office.services.ranking_snapshots import kept_scored_period  # scoring is not loaded at start

    period = ward_period(store, period)
    kept = kept_scored_period(store, period)
    if kept is not None:
        return kept
    return score_records(store, period, today)


def score_records(store: Store, period: Period, today: date | None = None, *, plan: EmulationPlan | None = None,
                  calendar: WorkCalendar | None = None) -> ScoredPeriod:
    """Score ``period`` with the plan in effect on its last day, each month under the version in force in it when
    they differ (``scoring.versions``); records on days off are ignored.

    Months that have not begun yet are not counted: for a period still running, everyone is scored as
    if their work here ended today, so empty future months do not lift the averages. ``plan`` and
    ``calendar`` replace the stored ones (a locked period rescored as it was when locked).
    """
    with _cycle_collection_paused():
        return _score_records(store, period, today or date.today(), plan, calendar)


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Scoring a big ward makes a hundred thousand records, occurrences and items, none in a reference cycle.
    Left running, the cycle collector walks them again and again while they pile up, the whole heap several
    times a year scored: paused, reference counting still frees what is dropped, and the young generations are
    collected once at the end, here, rather than by whatever runs next."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(1)


def _score_records(store: Store, period: Period, today: date, plan: EmulationPlan | None,
                   calendar: WorkCalendar | None) -> ScoredPeriod:
    from ward_office.core.plan_year import plan_period
    from ward_office.scoring import ScoringInput, score_period  # the engine loads on the first scoring
    from ward_office.scoring.results import ScoredPeriod
    from ward_office.services.plan_years import ward_period

    runs: list[tuple[Period, EmulationPlan]] = []
    if plan is None:
        period = ward_period(store, period)
        _record, plan = store.plans.in_effect(period.end)
        runs = _version_runs(store, plan, plan_period(plan, period))
    period = plan_period(plan, period)  # a year is the plan's (its year_halves)
    staff = store.staff.list()
    if period.end > today:
        staff = [person if person.active_to is not None and person.active_to <= today
                 else replace(person, active_to=today) for person in staff]
    calendar = calendar or store.schedule.calendar(period.start, period.end)
    grace_minutes = calendar.schedule.grace_minutes
    working_days = set(calendar.working_days(period.start, period.end))
    attendance = [record for record in store.attendance.scorable(period.start, period.end, grace_minutes)
                  if record.day in working_days]
    attendance += [record for record in store.attendance.on_leave(period.start, period.end, [
        *plan.leave_rules(), *plan.aggregation.long_leave_codes,
        *(code for _run, version in runs for code in (*version.leave_rules(), *version.aggregation.long_leave_codes))])
        if record.day in working_days]
    scoring_input = ScoringInput(
        plan=plan,
        period=period,
        staff=staff,
        attendance=attendance,
        events=store.events.list(period.start, period.end),
        grace_minutes=grace_minutes,
        quota_decisions=store.quota_decisions.list(period),
        excuses=store.excuses.in_force(period.start, period.end),
        working_days=frozenset(working_days),
        earlier_counts=_earlier_counts(store, plan, period, staff),
        entered_scores=store.entered_scores.list(period.start, period.end),
        satisfaction=store.citizens.facts(period.start, period.end),
    )
    departments: dict[int, str] = {department.id: department.name for department in store.departments.list()
                                   if department.id is not None}
    if len(runs) > 1:  # months under different versions: each under its own (scoring.versions)
        from ward_office.scoring.versions import score_across_versions

        return ScoredPeriod(score_across_versions(scoring_input, runs), departments, store.unit.get())
    return ScoredPeriod(score_period(scoring_input), departments, store.unit.get())


def _version_runs(store: Store, plan: EmulationPlan, period: Period) -> list[tuple[Period, EmulationPlan]]:
    """The months of ``period`` merged into runs under the version in force in each (on its last day); a month
    before any version took effect is under the first one after it. One run: the whole period under ``plan``."""
    from ward_office.scoring.versions import version_runs

    months: list[tuple[Period, EmulationPlan | None]] = []
    for month in period.months():
        try:
            months.append((month, store.plans.in_effect(month.end)[1]))
        except NotFoundError:
            months.append((month, None))
    later: EmulationPlan = plan
    filled: list[tuple[Period, EmulationPlan]] = []
    for month, version in reversed(months):
        later = version or later
        filled.append((month, later))
    return version_runs(list(reversed(filled)))


def _earlier_counts(store: Store, plan: EmulationPlan, period: Period,
                    staff: list[Staff]) -> dict[StaffId, dict[str, int]] | None:
    """For a plan with ceilings counted over the year: everyone's occurrences from the start of the year to
    the day before ``period``, counted under ``plan``'s rules; None when there is nothing to count."""
    from ward_office.scoring import ScoringInput
    from ward_office.scoring.look_back import earlier_span
    from ward_office.scoring.look_back_counts import earlier_counts

    span = earlier_span(plan, period)
    if span is None:
        return None
    calendar = store.schedule.calendar(span.start, span.end)
    grace_minutes = calendar.schedule.grace_minutes
    working_days = set(calendar.working_days(span.start, span.end))
    attendance = [record for record in store.attendance.scorable(span.start, span.end, grace_minutes)
                  if record.day in working_days]
    return earlier_counts(ScoringInput(plan=plan, period=span, staff=staff, attendance=attendance,
                                       events=store.events.list(span.start, span.end), grace_minutes=grace_minutes,
                                       working_days=frozenset(working_days)))

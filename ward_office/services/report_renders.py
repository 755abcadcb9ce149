"""The render functions of the timesheet, check record and meeting minutes reports (the charts are
``services.charts``), and the figures they print, gathered from the book so the report modules only lay out
what they are given.

Each ``render_*`` has the ``printing.Render`` signature ``(ward, period, stream, today, options) -> pages``.
The figures come from the same services the window shows (the attendance page's month sheet, the scoring
engine, the dashboard's violations by block), so paper and screen agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, BinaryIO

from ward_office.core.attendance import AttendanceStatus
from ward_office.core.checks import Check, CheckId
from ward_office.core.errors import NotFoundError, WardOfficeError
from ward_office.core.period import Period, PeriodKind, month
from ward_office.i18n import N_
from ward_office.scoring.results import ItemSource
from ward_office.services.attendance_sheet import month_sheet
from ward_office.services.charts import render_charts
from ward_office.services.period_locks import figures_status
from ward_office.services.ranking import score_stored_period
from ward_office.services.reviews import review_papers
from ward_office.services.ward import Ward
from ward_office.storage import Store


class PeriodKindError(WardOfficeError):
    """A timesheet covers one month; another kind of period was given."""


class CheckRoundChoiceError(WardOfficeError):
    """The check round to print was not chosen, or does not exist."""


if TYPE_CHECKING:  # the report modules (and reportlab) load only when a report is written
    from ward_office.reports.check_record import CheckRecord


def require_month(period: Period) -> None:
    if period.kind is not PeriodKind.MONTH:
        raise PeriodKindError(N_("A timesheet covers one month: give a period such as 2026-05"))


# ---- Timesheet (C01-HD) ----


def render_timesheet(ward: Ward, period: Period, stream: BinaryIO, today: date,
                     options: Mapping[str, object]) -> int:
    from ward_office.reports.timesheet import write_timesheet  # reportlab loads when a report is written

    require_month(period)
    sheet = month_sheet(ward, period.start.year, period.start.month, until=today)
    return write_timesheet(stream, sheet, ward.unit(), day=today, status=figures_status(ward.store, period, today))


# ---- Check record ----


def check_rounds(ward: Ward, period: Period) -> list[Check]:
    """The check rounds begun in ``period``, oldest first."""
    return ward.store.checks.list(period.start, period.end)


def check_record(ward: Ward, check_id: CheckId, today: date) -> CheckRecord:
    """Everything the record of one round prints: the round, who was seen of whom, and its violations.

    A violation's points are what the plan gives for that occurrence (escalation included), as the
    scoring engine computes them for the round's month; none when no plan was in effect that day.
    """
    from ward_office.reports.check_record import CheckRecord, Violation  # reportlab loads with a report

    store = ward.store
    check = store.checks.get(check_id)
    events = store.events.for_check(check_id)
    staff = {person.id: person for person in store.staff.list()}
    departments = {department.id: department.name for department in store.departments.list()}
    points: dict[int | None, Fraction] = {}
    scored = True
    try:
        _record, plan = store.plans.in_effect(check.day)
        ranking = score_stored_period(store, month(check.day.year, check.day.month), max(today, check.day)).ranking
        points = {item.record_id: item.raw_points for result in ranking.results for item in result.items
                  if item.source is not ItemSource.ATTENDANCE}
    except NotFoundError:  # no plan in effect yet: nothing was scored; name the criteria as today's plan does
        scored = False
        _record, plan = store.plans.in_effect(max(today, check.day))
    away = _away_all_day(store, check.day)
    working = sum(1 for person in staff.values() if person.is_active_on(check.day) and person.id not in away)
    violations = []
    for event in events:
        person = staff.get(event.staff_id)
        criterion = plan.criteria.get(event.criterion_code)
        department = departments.get(person.department_id, "") if person and person.department_id else ""
        violations.append(Violation(
            full_name=person.full_name if person else str(event.staff_id),
            department=department,
            criterion_code=event.criterion_code,
            criterion_name=criterion.name if criterion else "",
            points=points.get(event.id, criterion.points if criterion and scored else None),
            note=event.note,
        ))
    return CheckRecord(check, tuple(violations), seen=len(check.seen), working=working)


def _away_all_day(store: Store, day: date) -> set[int]:
    """People on leave or absent in both sessions of ``day``: not at work to be checked."""
    sessions: dict[int, int] = {}
    for record in store.attendance.for_day(day):
        if record.status is not AttendanceStatus.PRESENT:
            sessions[record.staff_id] = sessions.get(record.staff_id, 0) + 1
    return {staff_id for staff_id, count in sessions.items() if count >= 2}


def _check_id(ward: Ward, period: Period, options: Mapping[str, object]) -> CheckId:
    value = options.get("check_id")
    if value is None:
        rounds = check_rounds(ward, period)
        if len(rounds) == 1 and rounds[0].id is not None:
            return rounds[0].id
        raise CheckRoundChoiceError(N_("Choose the check round to print: {count} rounds were held in the period"),
                                    count=len(rounds))
    try:
        return CheckId(int(str(value)))
    except ValueError:
        raise CheckRoundChoiceError(N_("There is no check round “{check}”"), check=str(value)) from None


def render_check_record(ward: Ward, period: Period, stream: BinaryIO, today: date,
                        options: Mapping[str, object]) -> int:
    from ward_office.reports.check_record import write_check_record  # reportlab loads with a report

    record = check_record(ward, _check_id(ward, period, options), today)
    day = record.check.day  # its points are the round's month's
    status = figures_status(ward.store, month(day.year, day.month), today)
    return write_check_record(stream, record, ward.unit(), status=status)


# ---- Minutes of the review meeting ----


def render_minutes(ward: Ward, period: Period, stream: BinaryIO, today: date,
                   options: Mapping[str, object]) -> int:
    from ward_office.reports.review_minutes import write_minutes  # reportlab loads with a report

    return write_minutes(stream, review_papers(ward, period, today), day=today)


# What ``printing.REPORTS`` plugs in, by the kind's name on the command line.
RENDERS = {
    "timesheet": render_timesheet,
    "check": render_check_record,
    "minutes": render_minutes,
    "charts": render_charts,
}

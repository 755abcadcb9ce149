"""The render functions of the timesheet, check record, meeting minutes and charts reports, and the figures
they print, gathered from the database so the report modules only lay out what they are given.

Each ``render_*`` has the ``printing.Render`` signature ``(store, period, stream, today, options) -> pages``.
The figures come from the same services the window shows (the attendance page's month sheet, the scoring
engine, the dashboard's violations by block), so paper and screen agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ward_office.core.attendance import AttendanceStatus
from ward_office.core.checks import Check, CheckId
from ward_office.core.errors import NotFoundError, WardOfficeError
from ward_office.core.period import Period, PeriodKind, month, previous_period
from ward_office.i18n import N_
from ward_office.scoring.results import ItemSource
from ward_office.services.attendance_sheet import month_sheet
from ward_office.services.overview import violations_by_block
from ward_office.services.period_locks import figures_status
from ward_office.services.records import score_stored_period
from ward_office.services.ward import Ward
from ward_office.storage import Store


class PeriodKindError(WardOfficeError):
    """A timesheet covers one month; another kind of period was given."""


class CheckRoundChoiceError(WardOfficeError):
    """The check round to print was not chosen, or does not exist."""


if TYPE_CHECKING:  # the report modules (and reportlab) load only when a report is written
    from ward_office.reports.charts import AttendanceRates, BlockViolations, ChartData
    from ward_office.reports.check_record import CheckRecord


def reading_ward(store: Store) -> Ward:
    """A ``Ward`` over an open store, for the services that take one; it is only read."""
    row = store.conn.execute("PRAGMA database_list").fetchone()
    return Ward(Path(row[2]) if row and row[2] else Path(), store, "")


def require_month(period: Period) -> None:
    if period.kind is not PeriodKind.MONTH:
        raise PeriodKindError(N_("A timesheet covers one month: give a period such as 2026-05"))


# ---- Timesheet (C01-HD) ----


def render_timesheet(store: Store, period: Period, stream: BinaryIO, today: date,
                     options: Mapping[str, object]) -> int:
    from ward_office.reports.timesheet import write_timesheet

    require_month(period)
    ward = reading_ward(store)
    sheet = month_sheet(ward, period.start.year, period.start.month, until=today)
    return write_timesheet(stream, sheet, ward.unit(), day=today, status=figures_status(store, period, today))


# ---- Check record ----


def check_rounds(store: Store, period: Period) -> list[Check]:
    """The check rounds begun in ``period``, oldest first."""
    return store.checks.list(period.start, period.end)


def check_record(store: Store, check_id: CheckId, today: date) -> CheckRecord:
    """Everything the record of one round prints: the round, who was seen of whom, and its violations.

    A violation's points are what the plan gives for that occurrence (escalation included), as the
    scoring engine computes them for the round's month; none when no plan was in effect that day.
    """
    from ward_office.reports.check_record import CheckRecord, Violation

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


def _check_id(store: Store, period: Period, options: Mapping[str, object]) -> CheckId:
    value = options.get("check_id")
    if value is None:
        rounds = check_rounds(store, period)
        if len(rounds) == 1 and rounds[0].id is not None:
            return rounds[0].id
        raise CheckRoundChoiceError(N_("Choose the check round to print: {count} rounds were held in the period"),
                                    count=len(rounds))
    try:
        return CheckId(int(str(value)))
    except ValueError:
        raise CheckRoundChoiceError(N_("There is no check round “{check}”"), check=str(value)) from None


def render_check_record(store: Store, period: Period, stream: BinaryIO, today: date,
                        options: Mapping[str, object]) -> int:
    from ward_office.reports.check_record import write_check_record

    record = check_record(store, _check_id(store, period, options), today)
    day = record.check.day  # its points are the round's month's
    status = figures_status(store, month(day.year, day.month), today)
    return write_check_record(stream, record, store.unit.get(), status=status)


# ---- Minutes of the review meeting ----


def render_minutes(store: Store, period: Period, stream: BinaryIO, today: date,
                   options: Mapping[str, object]) -> int:
    from ward_office.reports.review_minutes import write_minutes
    from ward_office.services.reviews import review_papers  # it reads this module's attendance rates

    return write_minutes(stream, review_papers(store, period, today), day=today)


# ---- Charts ----


def chart_months(period: Period, today: date) -> list[Period]:
    """The months of ``period`` that have begun by ``today``, each clipped to the period and to today."""
    months = []
    for part in period.months():
        if part.start > today:
            break
        months.append(part if part.end <= today else Period(PeriodKind.RANGE, part.start, today))
    return months


def _recorded(store: Store, part: Period) -> bool:
    """Whether the book kept ``part``: an emulation plan was in effect, as scoring it needs."""
    try:
        store.plans.in_effect(part.end)
    except NotFoundError:
        return False
    return True


def block_violations(store: Store, period: Period, today: date) -> BlockViolations:
    """Violation occurrences per block of the plan and month, counted as the dashboard counts them; a month
    the book did not keep (no plan in effect) has no count (None)."""
    from ward_office.reports.charts import BlockViolations

    ward = reading_ward(store)
    months = chart_months(period, today)
    names: dict[str, str] = {}
    counts: dict[str, list[int | None]] = {}
    kept = [_recorded(store, part) for part in months]
    for index, part in enumerate(months):
        if not kept[index]:
            continue
        for block in violations_by_block(ward, part, today):
            names.setdefault(block.code, block.name)
            counts.setdefault(block.code, [0 if recorded else None for recorded in kept])[index] = block.violations
    return BlockViolations(tuple((part.start.year, part.start.month) for part in months),
                           tuple((names[code], tuple(values)) for code, values in counts.items()),
                           tuple(kept))


def attendance_rates(store: Store, period: Period, today: date) -> AttendanceRates:
    """Per month: sessions at work ÷ sessions due, over the working days up to ``today``, from the month
    timesheet's totals (``MonthTotals.due_sessions`` and ``at_work_sessions``), so the rate counts as the
    form counts: due are two sessions for every person active on every working day (weekdays not holidays,
    plus working days made up); at work are sessions attended (late or leaving early included), on a
    business trip (CT) or at a meeting or training (H). Other leave and absence without leave are not at
    work. A month with nothing due, or that the book did not keep (no plan in effect and nothing recorded),
    has no rate (None).
    """
    from ward_office.reports.charts import AttendanceRates

    ward = reading_ward(store)
    rates: list[Fraction | None] = []
    months = chart_months(period, today)
    for part in months:
        sheet = month_sheet(ward, part.start.year, part.start.month, until=part.end, since=part.start)
        kept = _recorded(store, part) or any(pair != (None, None) for row in sheet.rows for pair in row.records)
        due = sum(row.totals.due_sessions for row in sheet.rows)
        at_work = sum(row.totals.at_work_sessions for row in sheet.rows)
        rates.append(Fraction(at_work, due) if due and kept else None)
    return AttendanceRates(tuple((part.start.year, part.start.month) for part in months), tuple(rates))


def chart_data(store: Store, period: Period, today: date) -> ChartData:
    """The period's figures and those of the period of the same kind before it, to compare with."""
    from ward_office.reports.charts import ChartData

    previous = previous_period(period)
    violations, rates = block_violations(store, previous, today), attendance_rates(store, previous, today)
    if not any(violations.kept) and all(rate is None for rate in rates.rates):
        return ChartData(period, block_violations(store, period, today), attendance_rates(store, period, today),
                         previous)  # the book holds nothing of the period before: nothing to compare with
    return ChartData(period, block_violations(store, period, today), attendance_rates(store, period, today),
                     previous, violations, rates)


def render_charts(store: Store, period: Period, stream: BinaryIO, today: date,
                  options: Mapping[str, object]) -> int:
    from ward_office.reports.charts import write_charts

    return write_charts(stream, chart_data(store, period, today), store.unit.get(), day=today,
                        status=figures_status(store, period, today))


# What ``printing.REPORTS`` plugs in, by the kind's name on the command line.
RENDERS = {
    "timesheet": render_timesheet,
    "check": render_check_record,
    "minutes": render_minutes,
    "charts": render_charts,
}

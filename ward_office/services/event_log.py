"""The register of violations and commendations (sổ sự việc): find them by person, dates, block and kind,
add one by hand, delete a mistake.

Each event is shown with the points the plan in effect on its own day gives, so a record from an older
plan keeps the meaning it had when it was written. Date ranges are chosen in SQL: a ward keeps years of
records and a page shows one range at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING

from ward_office.core.checks import CHECK_KIND_LABELS, Check, CheckId, Event, EventId, EventSource
from ward_office.core.errors import NotFoundError, PeriodLockedError, WardOfficeError
from ward_office.core.input_rules import FUTURE_DAY_MESSAGE, check_not_future
from ward_office.core.plan import Block, Criterion, EmulationPlan
from ward_office.core.plan_ranges import counted_points, points_problem
from ward_office.core.staff import Staff, StaffId
from ward_office.core.text_rules import FieldError, check_day
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_datetime, format_number, format_points, period_label
from ward_office.services.ward import Ward

if TYPE_CHECKING:
    from ward_office.scoring.results import ScoreItem


class FutureDayError(FieldError):
    """An event on a day that has not come yet (``core.input_rules.check_not_future``)."""


class NotWorkingThenError(WardOfficeError):
    """The staff member was not working here on that day."""


class NoPlanInEffectError(WardOfficeError):
    """No emulation plan is in effect on the day of the event."""


class CriterionNotInPlanError(WardOfficeError):
    """The criterion is not in the emulation plan in effect on that day."""


class EventPointsError(WardOfficeError):
    """The points chosen for an event do not fit its criterion's range (or were chosen for fixed points)."""


class EventKind(StrEnum):
    VIOLATION = "violation"
    COMMENDATION = "commendation"


EVENT_KIND_LABELS = {EventKind.VIOLATION: N_("Violation"), EventKind.COMMENDATION: N_("Commendation")}

EVENT_SOURCE_LABELS = {
    EventSource.MANUAL: N_("Entered by hand"),
    EventSource.CHECK: N_("Inspection round"),
    EventSource.IMPORT: N_("Imported from a file"),
}


def kind_of(criterion: Criterion) -> EventKind:
    return EventKind.COMMENDATION if criterion.is_commendation else EventKind.VIOLATION


@dataclass(frozen=True, slots=True)
class EventFilter:
    start: date
    end: date
    staff_id: StaffId | None = None
    block_code: str | None = None
    kind: EventKind | None = None


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event as the register shows it."""

    event: Event
    staff: Staff | None
    department: str
    criterion: Criterion | None  # None when the plan in effect on the day has no such criterion
    block_name: str
    check: Check | None  # the round, without who was seen in it
    # A deduction the score derives from attendance (services.attendance_violations), listed beside the
    # recorded events; its ``event`` is not stored (no id) and only describes the occurrence.
    attendance: ScoreItem | None = None

    @property
    def full_name(self) -> str:
        return self.staff.full_name if self.staff is not None else ""

    @property
    def position(self) -> str:
        return self.staff.position if self.staff is not None else ""

    @property
    def criterion_name(self) -> str:
        return self.criterion.name if self.criterion is not None else ""

    @property
    def points(self) -> Fraction | None:
        """What the event is worth on its own under the plan of its day: its chosen points for a criterion with a
        range (``core.plan_ranges.counted_points``), else the criterion's; an attendance deduction, its points."""
        if self.attendance is not None:
            return self.attendance.raw_points
        return counted_points(self.criterion, self.event.points) if self.criterion is not None else None

    @property
    def kind(self) -> EventKind | None:
        return kind_of(self.criterion) if self.criterion is not None else None

    def kind_label(self) -> str:
        if self.attendance is not None:
            return _("Violation (attendance)")
        return _(EVENT_KIND_LABELS[self.kind]) if self.kind is not None else ""

    def source_label(self) -> str:
        if self.attendance is not None:
            return _("From attendance")
        return _(EVENT_SOURCE_LABELS[self.event.source])

    def check_label(self) -> str:
        if self.event.check_id is None:
            return ""
        if self.check is None:
            return _("No. {number}").format(number=self.event.check_id)
        return _("No. {number}: {kind}, {moment}").format(
            number=self.event.check_id, kind=_(CHECK_KIND_LABELS[self.check.kind]),
            moment=format_datetime(self.check.started_at))


@dataclass(frozen=True, slots=True)
class EventTotals:
    violations: int
    commendations: int
    points: Fraction  # the sum of the points each event is worth on its own (before caps and repeats)

    def localized(self) -> str:
        return _("{violations} violation(s), {commendations} commendation(s), {points} point(s) in all").format(
            violations=self.violations, commendations=self.commendations, points=format_points(self.points))


def totals(rows: Iterable[EventRow]) -> EventTotals:
    violations = commendations = 0
    points = Fraction(0)
    for row in rows:
        if row.kind is EventKind.VIOLATION:
            violations += 1
        elif row.kind is EventKind.COMMENDATION:
            commendations += 1
        points += row.points or 0
    return EventTotals(violations, commendations, points)


# ---- Plans over a date range ----


def plan_spans(ward: Ward, start: date, end: date) -> list[tuple[date, date, EmulationPlan]]:
    """[start, end] cut where another plan takes effect, each part with its plan; days before the first
    plan are left out."""
    changes = sorted({record.effective_from for record in ward.store.plans.list()
                      if record.effective_from is not None and start < record.effective_from <= end})
    spans = []
    for first, next_change in zip([start, *changes], [*changes, end + timedelta(days=1)], strict=True):
        try:
            plan = ward.plan_on(first)
        except NotFoundError:
            continue
        spans.append((first, next_change - timedelta(days=1), plan))
    return spans


def blocks_between(ward: Ward, start: date, end: date) -> list[Block]:
    """The blocks of every plan in effect in the range, once per code, in plan order (latest name wins)."""
    blocks: dict[str, Block] = {}
    for _first, _last, plan in plan_spans(ward, start, end):
        for block in plan.blocks:
            blocks[block.code] = block
    return list(blocks.values())


def criteria_on(ward: Ward, day: date) -> list[tuple[Block, list[Criterion]]]:
    """What an event on ``day`` can be recorded against: the criteria of the plan then in effect, by block."""
    plan = ward.plan_on(day)
    return [(block, [plan.criteria[code] for code in block.criteria]) for block in plan.blocks if not block.entered]


def _matching_codes(plan: EmulationPlan, block_code: str | None, kind: EventKind | None) -> list[str] | None:
    if block_code is None and kind is None:
        return None
    return [criterion.code for criterion in plan.criteria.values()
            if (block_code is None or criterion.block_code == block_code)
            and (kind is None or kind_of(criterion) is kind)]


# ---- Reading ----


def list_events(ward: Ward, wanted: EventFilter) -> list[EventRow]:
    """The events of the filter's range (and person, block, kind), by day, with what the register shows."""
    store = ward.store
    found: list[tuple[Event, EmulationPlan | None]] = []
    spans = plan_spans(ward, wanted.start, wanted.end)
    if wanted.block_code is None and wanted.kind is None:
        # Every event counts, also those on days before any plan or against a code no plan knows.
        events = store.events.find(wanted.start, wanted.end, staff_id=wanted.staff_id)
        for event in events:
            found.append((event, next((plan for first, last, plan in spans if first <= event.day <= last), None)))
    else:
        for first, last, span_plan in spans:
            codes = _matching_codes(span_plan, wanted.block_code, wanted.kind)
            found.extend((event, span_plan) for event in store.events.find(first, last, staff_id=wanted.staff_id,
                                                                           criterion_codes=codes))
    people = {person.id: person for person in ward.staff()}
    departments = ward.department_names()
    check_ids = {event.check_id for event, _plan in found if event.check_id is not None}
    checks = ({check.id: check for check in store.checks.list(wanted.start, wanted.end, with_seen=False)}
              if check_ids else {})
    rows = []
    for event, plan in found:
        person = people.get(event.staff_id)
        criterion = plan.criteria.get(event.criterion_code) if plan is not None else None
        block_name = plan.block(criterion.block_code).name if plan is not None and criterion is not None else ""
        department = ""
        if person is not None and person.department_id is not None:
            department = departments.get(person.department_id, "")
        rows.append(EventRow(event, person, department, criterion, block_name,
                             checks.get(event.check_id) if event.check_id is not None else None))
    return rows


def get_row(ward: Ward, event_id: EventId) -> EventRow:
    event = ward.store.events.get(event_id)
    for row in list_events(ward, EventFilter(event.day, event.day, staff_id=event.staff_id)):
        if row.event.id == event_id:
            return row
    raise NotFoundError(N_("No event has the number {id}"), id=event_id)


# ---- Writing ----


def _locked_error(ward: Ward, day: date) -> PeriodLockedError | None:
    record = ward.store.periods.locked_on(day)
    if record is None:
        return None
    return PeriodLockedError(N_("{day} belongs to the locked period “{period}”: its"
                                " records cannot be changed. Only the head can unlock the period."),
                             day=format_date(day), period=period_label(record.period))


def future_day_problem(day: date, today: date) -> str | None:
    """Why an event cannot be recorded on ``day`` yet (it has not come), or None."""
    try:
        check_not_future(day, today, "day", N_("Day"))
    except FieldError as error:
        return error.localized()
    return None


def locked_reason(ward: Ward, day: date) -> str | None:
    """Why records of ``day`` cannot change now, or None when they can."""
    error = _locked_error(ward, day)
    return None if error is None else error.localized()


def _refuse_locked(ward: Ward, day: date) -> None:
    error = _locked_error(ward, day)
    if error is not None:
        raise error


def add_event(ward: Ward, staff_id: StaffId, day: date, criterion_code: str, note: str = "", *,
              today: date | None = None, points: Fraction | None = None) -> Event:
    """Record a violation or commendation by hand, against a criterion of the plan in effect on ``day``;
    ``points``: chosen within the criterion's range, for a criterion with one (and only then)."""
    check_day(day, "day", N_("Date"), today)
    person = ward.store.staff.get(staff_id)
    if today is not None and day > today:
        raise FutureDayError("day", FUTURE_DAY_MESSAGE, label=N_("Day"), day=format_date(day))
    if not person.is_active_on(day):
        raise NotWorkingThenError(N_("{name} was not working here on {day}"), name=person.full_name,
                                  day=format_date(day))
    try:
        plan = ward.plan_on(day)
    except NotFoundError:
        raise NoPlanInEffectError(N_("No emulation plan is in effect on {day}"), day=format_date(day)) from None
    if criterion_code not in plan.criteria or plan.criteria[criterion_code].maximum is not None:  # entered: no event
        raise CriterionNotInPlanError(N_("The plan in effect on {day} has no criterion “{code}”"),
                                      day=format_date(day), code=criterion_code)
    refuse_points(plan.criteria[criterion_code], points)
    _refuse_locked(ward, day)
    event = Event(staff_id, day, criterion_code, " ".join(note.split()), source=EventSource.MANUAL, points=points)
    return ward.store.events.add(event, ward.actor)


def refuse_points(criterion: Criterion, points: Fraction | None) -> None:
    """``EventPointsError`` unless ``points`` fit ``criterion``: chosen within its range, or none for fixed points."""
    problem = points_problem(criterion, points)
    if problem is not None:
        low, high = criterion.points_range or (0, 0)
        raise EventPointsError(problem, code=criterion.code, low=format_number(low), high=format_number(high))


def delete_event(ward: Ward, event_id: EventId) -> None:
    """Delete an event entered by mistake; the change log keeps what it was."""
    event = ward.store.events.get(event_id)
    _refuse_locked(ward, event.day)
    if event.check_id is not None:
        ward.store.checks.delete_violation(CheckId(event.check_id), event_id, ward.actor)
    else:
        ward.store.events.delete(event_id, ward.actor)

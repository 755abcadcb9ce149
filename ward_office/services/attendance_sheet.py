"""The daily attendance grid and the month timesheet (mẫu C01-HD), as the clerk works with them.

The month sheet and the form's totals live in ``services.month_timesheet`` and are re-exported here.

Everyone is present unless marked otherwise, so a day sheet is the active staff with only the exceptions
recorded; marking a cell returns the state it replaced, which is all an undo needs. Nothing here knows Qt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from ward_office.core.attendance import (
    ABSENT_CODE,
    PRESENT_CODE,
    Attendance,
    AttendanceMarkError,
    AttendanceStatus,
    LeaveCode,
    RecordSource,
)
from ward_office.core.errors import PeriodLockedError
from ward_office.core.excuse import Excuse, record_triggers
from ward_office.core.input_rules import minutes_value, session_length
from ward_office.core.schedule import Session
from ward_office.core.staff import Staff, StaffId
from ward_office.i18n import N_
from ward_office.i18n.formatting import format_date, period_label
from ward_office.services.day_figures import DayState, day_figures
from ward_office.services.month_timesheet import (
    EARLY_CODE,
    INSURANCE_LEAVE,
    LATE_CODE,
    PAID_LEAVE,
    UNPAID_LEAVE,
    WORKING_TIME_LEAVE,
    DepartmentRows,
    MonthDay,
    MonthRow,
    MonthSheet,
    MonthTotals,
    at_work,
    month_sheet,
    official_order,
    session_code,
)
from ward_office.services.ward import Ward

SESSIONS = (Session.MORNING, Session.AFTERNOON)
MAX_MINUTES = 480


# ---- The day sheet ----


@dataclass(frozen=True, slots=True)
class SheetRow:
    staff: Staff
    department: str
    morning: Attendance | None = None  # None: present and on time
    afternoon: Attendance | None = None

    @property
    def staff_id(self) -> StaffId:
        assert self.staff.id is not None
        return self.staff.id

    def cell(self, session: Session) -> Attendance | None:
        return self.morning if session is Session.MORNING else self.afternoon

    @property
    def note(self) -> str:
        notes = [record.note for record in (self.morning, self.afternoon) if record is not None and record.note]
        return "; ".join(dict.fromkeys(notes))


@dataclass(frozen=True, slots=True)
class DayCounts:
    """People (not sessions) in each state; one person may be late and leave early."""

    staff: int = 0
    present: int = 0  # attended at least one session
    late: int = 0
    early: int = 0
    on_leave: int = 0
    absent: int = 0


@dataclass(frozen=True, slots=True)
class DaySheet:
    day: date
    working_day: bool
    holiday_name: str  # "" unless the holiday table names this day
    locked_period: str  # the locked period's label, "" when the day can be changed
    rows: tuple[SheetRow, ...]
    excuses: tuple[Excuse, ...] = ()  # the head's excuses in force of the day (services.excuses)
    grace_minutes: int = 0  # the schedule's: minutes late or early within them are not counted in ``counts``

    def excused(self, staff_id: StaffId, session: Session) -> tuple[Excuse, ...]:
        """The excuses in force of one session that its record still holds an occurrence for."""
        if not self.excuses:  # most days: asked for every cell the grid paints
            return ()
        row = next((row for row in self.rows if row.staff.id == staff_id), None)
        triggers = record_triggers(None if row is None else row.cell(session))
        return tuple(excuse for excuse in self.excuses
                     if excuse.staff_id == staff_id and excuse.session is session and excuse.trigger in triggers)

    @property
    def is_holiday(self) -> bool:
        return bool(self.holiday_name) and not self.working_day

    def counts(self) -> DayCounts:
        """People under each figure of the day, by the one definition the overview uses (services.day_figures)."""
        counts: Counter[DayState] = Counter()
        for row in self.rows:
            counts.update(day_figures([cell for cell in (row.morning, row.afternoon) if cell is not None],
                                      self.grace_minutes))
        return DayCounts(len(self.rows), counts[DayState.PRESENT], counts[DayState.LATE], counts[DayState.EARLY],
                         counts[DayState.ON_LEAVE], counts[DayState.ABSENT])


def _locked_label(ward: Ward, day: date) -> str:
    record = ward.store.periods.locked_on(day)
    return "" if record is None else period_label(record.period)


def day_sheet(ward: Ward, day: date) -> DaySheet:
    """Active staff on ``day`` in official order, with what was recorded for each session."""
    people = official_order(ward.staff(active_on=day))
    departments = ward.department_names()
    records: dict[tuple[StaffId | None, Session], Attendance] = {
        (record.staff_id, record.session): record for record in ward.store.attendance.for_day(day)}
    rows = tuple(
        SheetRow(person, departments.get(person.department_id, "") if person.department_id else "",
                 records.get((person.id, Session.MORNING)), records.get((person.id, Session.AFTERNOON)))
        for person in people
    )
    work_calendar = ward.store.schedule.calendar(day, day)
    holiday = work_calendar.holidays.get(day)
    return DaySheet(day, work_calendar.is_working_day(day), "" if holiday is None else holiday.name,
                    _locked_label(ward, day), rows, tuple(ward.store.excuses.in_force(day, day)),
                    ward.store.schedule.get().grace_minutes)


# ---- Marking ----


class MarkKind(StrEnum):
    PRESENT = "present"
    LATE = "late"
    EARLY = "early"
    LEAVE = "leave"
    ABSENT = "absent"


@dataclass(frozen=True, slots=True)
class Mark:
    """What the clerk sets on a cell: back to present, late or early by some minutes, leave, absence."""

    kind: MarkKind
    minutes: int = 0
    leave_code: LeaveCode | None = None

    def __post_init__(self) -> None:
        if self.kind in (MarkKind.LATE, MarkKind.EARLY) and not 1 <= self.minutes <= MAX_MINUTES:
            raise AttendanceMarkError(N_("Minutes late or early must be between 1 and {most}"), most=MAX_MINUTES)
        if (self.kind is MarkKind.LEAVE) != (self.leave_code is not None):
            raise AttendanceMarkError(N_("Leave needs a leave type"))

    @classmethod
    def present(cls) -> Mark:
        return cls(MarkKind.PRESENT)

    @classmethod
    def late(cls, minutes: int) -> Mark:
        return cls(MarkKind.LATE, minutes)

    @classmethod
    def early(cls, minutes: int) -> Mark:
        return cls(MarkKind.EARLY, minutes)

    @classmethod
    def leave(cls, code: LeaveCode) -> Mark:
        return cls(MarkKind.LEAVE, leave_code=code)

    @classmethod
    def absent(cls) -> Mark:
        return cls(MarkKind.ABSENT)

    def apply(self, old: Attendance | None, staff_id: StaffId, day: date, session: Session) -> Attendance | None:
        """The record after this mark; a note written on the session is kept."""
        if self.kind is MarkKind.PRESENT:
            return None
        note = "" if old is None else old.note
        if self.kind in (MarkKind.LATE, MarkKind.EARLY):
            base = old if old is not None and old.status is AttendanceStatus.PRESENT else Attendance(
                staff_id, day, session, note=note)
            if self.kind is MarkKind.LATE:
                return replace(base, source=RecordSource.MANUAL, recorded_by="", id=None, late_minutes=self.minutes)
            return replace(base, source=RecordSource.MANUAL, recorded_by="", id=None, early_minutes=self.minutes)
        status = AttendanceStatus.LEAVE if self.kind is MarkKind.LEAVE else AttendanceStatus.ABSENT
        return Attendance(staff_id, day, session, status, leave_code=self.leave_code, note=note)


@dataclass(frozen=True, slots=True)
class Cell:
    staff_id: StaffId
    day: date
    session: Session


@dataclass(frozen=True, slots=True)
class UndoToken:
    """What some cells held before a change; writing it back undoes the change."""

    before: tuple[tuple[Cell, Attendance | None], ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.before)

    def __len__(self) -> int:
        return len(self.before)


def _same(left: Attendance | None, right: Attendance | None) -> bool:
    if left is None or right is None:
        return left is right
    return replace(left, id=None, recorded_by="") == replace(right, id=None, recorded_by="")


def _refuse_locked(ward: Ward, days: Iterable[date]) -> None:
    for day in sorted(set(days)):
        label = _locked_label(ward, day)
        if label:
            raise PeriodLockedError(
                N_("Attendance of {day} cannot be changed: the day belongs to the locked period “{period}”."
                   " Only the head can unlock the period."),
                day=format_date(day), period=label)


def _write(ward: Ward, states: Sequence[tuple[Cell, Attendance | None]]) -> UndoToken:
    """Put each cell in its new state in one transaction; returns the states replaced."""
    _refuse_locked(ward, (cell.day for cell, _state in states))
    store = ward.store
    before: list[tuple[Cell, Attendance | None]] = []
    with store.atomic():
        for cell, new in states:
            old = store.attendance.get(cell.staff_id, cell.day, cell.session)
            if _same(old, new):
                continue
            before.append((cell, old))
            if new is None:
                store.attendance.clear(cell.staff_id, cell.day, cell.session, ward.actor)
            else:
                store.attendance.set(replace(new, id=None), ward.actor)
    return UndoToken(tuple(before))


def longest_minutes(ward: Ward, cells: Iterable[Cell]) -> int:
    """The most minutes late or early that fit every one of ``cells``: the shortest of their sessions."""
    schedule = ward.store.schedule.get()
    lengths = [session_length(hours.start, hours.end)
               for cell in cells for hours in (schedule.season_for(cell.day).hours(cell.session),)]
    return min(lengths, default=MAX_MINUTES)


def mark_cells(ward: Ward, cells: Iterable[Cell], mark: Mark) -> UndoToken:
    """Mark every cell, all or none; the token holds what the cells that changed held before. Minutes late or
    early longer than a session are refused (``core.input_rules``)."""
    unique = list(dict.fromkeys(cells))
    if mark.kind in (MarkKind.LATE, MarkKind.EARLY):
        minutes_value(str(mark.minutes), longest_minutes(ward, unique))
    store = ward.store
    states = [(cell, mark.apply(store.attendance.get(cell.staff_id, cell.day, cell.session),
                                cell.staff_id, cell.day, cell.session)) for cell in unique]
    return _write(ward, states)


def undo(ward: Ward, token: UndoToken) -> UndoToken:
    """Write back what ``token`` remembers (logged like any change); returns a token that redoes it."""
    return _write(ward, list(reversed(token.before)))


__all__ = [
    "ABSENT_CODE", "EARLY_CODE", "INSURANCE_LEAVE", "LATE_CODE", "PAID_LEAVE", "PRESENT_CODE", "UNPAID_LEAVE",
    "WORKING_TIME_LEAVE", "Cell", "DayCounts", "DaySheet", "DepartmentRows", "Mark", "MarkKind", "MonthDay",
    "MonthRow", "MonthSheet", "MonthTotals", "SheetRow", "UndoToken", "at_work", "day_sheet", "longest_minutes",
    "mark_cells", "month_sheet", "official_order", "session_code", "undo",
]

"""The month timesheet (mẫu C01-HD) as the attendance page shows it, and the form's totals ("quy ra công").

One place says how a month of sessions adds up on the form, so the printed timesheet, its Excel copy and the
attendance rate of the charts give the same figures: business trips (CT) and meetings or training (H) are
working time, counted with the days worked (công hưởng lương thời gian); annual leave and days off in lieu
are paid leave; sick, child-sick, maternity and accident leave are paid by social insurance; unpaid leave
and absence without leave stand alone. ``services.attendance_sheet`` re-exports all of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from ward_office.core.attendance import PRESENT_CODE, Attendance, AttendanceStatus, LeaveCode
from ward_office.core.period import last_day_of_month
from ward_office.core.schedule import DayKind, Session, WorkCalendar
from ward_office.core.staff import Staff, StaffId, position_rank
from ward_office.i18n.text import name_sort_key
from ward_office.services.ward import Ward

LATE_CODE = "M"  # month view only: attended, but late
EARLY_CODE = "S"  # month view only: attended, but left early

# The form's groups of leave, by who pays for the session.
WORKING_TIME_LEAVE = (LeaveCode.BUSINESS_TRIP, LeaveCode.MEETING)
PAID_LEAVE = (LeaveCode.ANNUAL, LeaveCode.COMPENSATORY)
INSURANCE_LEAVE = (LeaveCode.SICK, LeaveCode.CHILD_SICK, LeaveCode.MATERNITY, LeaveCode.ACCIDENT)
UNPAID_LEAVE = (LeaveCode.UNPAID,)


def official_order(people: Iterable[Staff]) -> list[Staff]:
    """Leaders first, then by Vietnamese name order, as on every official list."""
    return sorted(people, key=lambda person: (position_rank(person.position), name_sort_key(person.full_name)))


def session_code(record: Attendance | None) -> str:
    """The code of one session on the month sheet: C01-HD codes, with M/S for late/early attendance."""
    if record is None:
        return PRESENT_CODE
    if record.status is AttendanceStatus.PRESENT:
        if record.late_minutes:
            return LATE_CODE
        if record.early_minutes:
            return EARLY_CODE
    return record.timesheet_code


def at_work(record: Attendance | None) -> bool:
    """Whether a session is working time on the form: attended (late or leaving early included), on a
    business trip or at a meeting or training."""
    return record is None or record.status is AttendanceStatus.PRESENT or (
        record.status is AttendanceStatus.LEAVE and record.leave_code in WORKING_TIME_LEAVE)


@dataclass(frozen=True, slots=True)
class MonthDay:
    day: date
    working_day: bool
    holiday_name: str = ""


@dataclass(frozen=True, slots=True)
class MonthTotals:
    """Counted in sessions; a day is two sessions."""

    worked_sessions: int = 0  # attended, late or leaving early included; CT and H are leave here
    leave_sessions: tuple[tuple[LeaveCode, int], ...] = ()
    absent_sessions: int = 0
    late: int = 0  # sessions arrived late
    early: int = 0  # sessions left early
    due_sessions: int = 0  # two for each working day the person worked here, up to the sheet's last day
    at_work_sessions: int = 0  # of those, the sessions that are working time on the form (``at_work``)

    @property
    def worked_days(self) -> Fraction:
        return Fraction(self.worked_sessions, 2)

    @property
    def absent_days(self) -> Fraction:
        return Fraction(self.absent_sessions, 2)

    def leave_days(self, code: LeaveCode) -> Fraction:
        return Fraction(dict(self.leave_sessions).get(code, 0), 2)

    @property
    def all_leave_days(self) -> Fraction:
        return Fraction(sum(count for _code, count in self.leave_sessions), 2)

    def group_days(self, codes: Sequence[LeaveCode]) -> Fraction:
        return sum((self.leave_days(code) for code in codes), Fraction(0))

    # ---- The form's totals ("quy ra công") ----

    @property
    def working_time_days(self) -> Fraction:
        """Công hưởng lương thời gian: days worked, business trips and meetings or training."""
        return self.worked_days + self.group_days(WORKING_TIME_LEAVE)

    @property
    def paid_leave_days(self) -> Fraction:
        return self.group_days(PAID_LEAVE)

    @property
    def insurance_days(self) -> Fraction:
        return self.group_days(INSURANCE_LEAVE)

    @property
    def unpaid_days(self) -> Fraction:
        return self.group_days(UNPAID_LEAVE)

    def form_days(self) -> tuple[Fraction, Fraction, Fraction, Fraction, Fraction]:
        """The form's columns in order: working time, paid leave, social insurance, unpaid, absent (Ko)."""
        return (self.working_time_days, self.paid_leave_days, self.insurance_days, self.unpaid_days,
                self.absent_days)


@dataclass(frozen=True, slots=True)
class MonthRow:
    staff: Staff
    department: str
    codes: tuple[tuple[str, str] | None, ...]  # per day of the month: (morning, afternoon); None = no entry
    records: tuple[tuple[Attendance | None, Attendance | None], ...]
    totals: MonthTotals


@dataclass(frozen=True, slots=True)
class DepartmentRows:
    """The rows of one department (bộ phận) in official order; ``name`` is "" for people in none."""

    name: str
    rows: tuple[MonthRow, ...]


@dataclass(frozen=True, slots=True)
class MonthSheet:
    year: int
    month: int
    days: tuple[MonthDay, ...]
    rows: tuple[MonthRow, ...]
    departments: tuple[str, ...] = ()  # the ward's departments in their order

    def leave_codes_used(self) -> list[LeaveCode]:
        used = {code for row in self.rows for code, count in row.totals.leave_sessions if count}
        return [code for code in LeaveCode if code in used]

    def by_department(self) -> tuple[DepartmentRows, ...]:
        """One group per department that has people on the sheet, in the ward's order; people in no
        department last."""
        groups: dict[str, list[MonthRow]] = {name: [] for name in self.departments}
        for row in self.rows:
            groups.setdefault(row.department, []).append(row)
        ordered = [name for name in groups if name] + ([""] if "" in groups else [])
        return tuple(DepartmentRows(name, tuple(groups[name])) for name in ordered if groups[name])


def _month_row(person: Staff, department: str, days: Sequence[MonthDay], since: date | None, until: date | None,
               records: dict[tuple[date, Session], Attendance]) -> MonthRow:
    codes: list[tuple[str, str] | None] = []
    cells: list[tuple[Attendance | None, Attendance | None]] = []
    worked = absent = late = early = due = at_work_count = 0
    leave: dict[LeaveCode, int] = {}
    for month_day in days:
        day = month_day.day
        pair = (records.get((day, Session.MORNING)), records.get((day, Session.AFTERNOON)))
        cells.append(pair)
        counted = person.is_active_on(day) and (until is None or day <= until) and (since is None or day >= since)
        if counted and month_day.working_day:
            due += 2
            at_work_count += sum(at_work(record) for record in pair)
        if not counted or (not month_day.working_day and pair == (None, None)):
            codes.append(None)
            continue
        codes.append((session_code(pair[0]), session_code(pair[1])))
        for record in pair:
            if record is None or record.status is AttendanceStatus.PRESENT:
                if record is not None or month_day.working_day:
                    worked += 1
                late += record is not None and record.late_minutes > 0
                early += record is not None and record.early_minutes > 0
            elif record.status is AttendanceStatus.ABSENT:
                absent += 1
            else:
                assert record.leave_code is not None
                leave[record.leave_code] = leave.get(record.leave_code, 0) + 1
    totals = MonthTotals(worked, tuple((code, leave[code]) for code in LeaveCode if code in leave), absent, late,
                         early, due, at_work_count)
    return MonthRow(person, department, tuple(codes), tuple(cells), totals)


def month_sheet(ward: Ward, year: int, month: int, until: date | None = None, *,
                since: date | None = None) -> MonthSheet:
    """Everyone who worked here during the month, day by day; days after ``until`` (and before ``since``,
    for a period that begins within the month) are left blank."""
    first = date(year, month, 1)
    last = last_day_of_month(year, month)
    work_calendar: WorkCalendar = ward.store.schedule.calendar(first, last)
    days = []
    day = first
    while day <= last:
        holiday = work_calendar.holidays.get(day)
        name = holiday.name if holiday is not None and holiday.kind is DayKind.HOLIDAY else ""
        days.append(MonthDay(day, work_calendar.is_working_day(day), name))
        day += timedelta(days=1)
    people = official_order(person for person in ward.staff() if person.active_between(first, last))
    departments = ward.department_names()
    by_person: dict[StaffId, dict[tuple[date, Session], Attendance]] = {}
    for record in ward.store.attendance.between(first, last):
        by_person.setdefault(record.staff_id, {})[(record.day, record.session)] = record
    rows = tuple(
        _month_row(person, departments.get(person.department_id, "") if person.department_id else "", days,
                   since, until, by_person.get(person.id, {}) if person.id is not None else {})
        for person in people
    )
    return MonthSheet(year, month, tuple(days), rows, tuple(departments.values()))


__all__ = [
    "INSURANCE_LEAVE", "PAID_LEAVE", "UNPAID_LEAVE", "WORKING_TIME_LEAVE", "DepartmentRows", "MonthDay", "MonthRow",
    "MonthSheet", "MonthTotals", "at_work", "month_sheet", "official_order", "session_code",
]

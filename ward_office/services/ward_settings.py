"""What the settings page changes: the unit, departments, working hours and holidays (plan versions:
``services.plans``).

Every function checks its input first and raises a ``WardOfficeError`` with a Vietnamese message before
anything is written, so a refused change leaves the book as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ward_office.core.errors import WardOfficeError
from ward_office.core.schedule import DayKind, Holiday, Season, SessionHours, WorkSchedule
from ward_office.core.staff import Department, DepartmentId
from ward_office.core.unit import Unit
from ward_office.i18n import N_
from ward_office.i18n.formatting import format_date
from ward_office.i18n.text import fold
from ward_office.services.ward import Ward


class UnitDetailsError(WardOfficeError):
    """The ward office's name or the head's title is missing."""


class DepartmentNameError(WardOfficeError):
    """A department's name is empty or already taken."""


class ScheduleError(WardOfficeError):
    """The working days, grace period, seasons or their hours do not hold together."""


class HolidayError(WardOfficeError):
    """A holiday has no name, or its day is already in the list."""


# Titles above the head's signature (NĐ 30/2020): a slash separates the lines of a two-line title.
HEAD_TITLES = ("Chủ tịch", "KT. Chủ tịch / Phó Chủ tịch", "TM. Ủy ban nhân dân / Chủ tịch")

MAX_GRACE_MINUTES = 120


# ---- Unit ----


def save_unit(ward: Ward, unit: Unit) -> Unit:
    """Store the unit's names and people, trimmed; the ward's name and the head's title are required."""
    cleaned = Unit(**{name: " ".join(str(value).split()) for name, value in _unit_fields(unit).items()})
    if not cleaned.name:
        raise UnitDetailsError(N_("Enter the name of the ward office"))
    if not cleaned.head_title:
        raise UnitDetailsError(N_("Enter the title of the head who signs reports"))
    return ward.store.unit.save(cleaned, ward.actor)


def _unit_fields(unit: Unit) -> dict[str, str]:
    return {name: getattr(unit, name) for name in Unit.__dataclass_fields__}


# ---- Departments ----


@dataclass(frozen=True, slots=True)
class DepartmentRow:
    """A department as listed on the settings page, with how many people belong to it."""

    department: Department
    staff_count: int

    @property
    def id(self) -> DepartmentId | None:
        return self.department.id

    @property
    def name(self) -> str:
        return self.department.name


def department_rows(ward: Ward) -> list[DepartmentRow]:
    counts = ward.store.departments.staff_counts()
    return [DepartmentRow(department, counts.get(department.id, 0) if department.id is not None else 0)
            for department in ward.departments()]


def _department_name(ward: Ward, name: str, department_id: DepartmentId | None = None) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise DepartmentNameError(N_("Enter the name of the department"))
    for department in ward.departments():
        if department.id != department_id and fold(department.name) == fold(cleaned):
            raise DepartmentNameError(N_("There is already a department named “{name}”"), name=department.name)
    return cleaned


def add_department(ward: Ward, name: str) -> Department:
    return ward.store.departments.add(_department_name(ward, name), ward.actor)


def rename_department(ward: Ward, department_id: DepartmentId, name: str) -> Department:
    return ward.store.departments.rename(department_id, _department_name(ward, name, department_id), ward.actor)


def move_department(ward: Ward, department_id: DepartmentId, offset: int) -> list[Department]:
    return ward.store.departments.move(department_id, offset, ward.actor)


def delete_department(ward: Ward, department_id: DepartmentId) -> None:
    ward.store.departments.delete(department_id, ward.actor)


# ---- Working hours ----


@dataclass(frozen=True, slots=True)
class SeasonDraft:
    """A season as the page edits it: only its first day; it lasts until the next season begins."""

    name: str
    first_day: tuple[int, int]  # (month, day)
    morning: SessionHours
    afternoon: SessionHours


def work_schedule(ward: Ward) -> WorkSchedule:
    return ward.store.schedule.get()


def season_drafts(schedule: WorkSchedule) -> list[SeasonDraft]:
    return [SeasonDraft(season.name, season.first_day, season.morning, season.afternoon)
            for season in schedule.seasons]


def _day_before(month_day: tuple[int, int]) -> tuple[int, int]:
    previous = date(2000, *month_day) - timedelta(days=1)  # a leap year, so 1 March follows 29 February
    return previous.month, previous.day


def _check_hours(name: str, morning: SessionHours, afternoon: SessionHours) -> None:
    if not morning.start < morning.end:
        raise ScheduleError(N_("{season}: the morning must end after it starts"), season=name)
    if not afternoon.start < afternoon.end:
        raise ScheduleError(N_("{season}: the afternoon must end after it starts"), season=name)
    if afternoon.start < morning.end:
        raise ScheduleError(N_("{season}: the afternoon cannot start before the morning ends"), season=name)


def save_schedule(ward: Ward, work_weekdays: frozenset[int], grace_minutes: int,
                  seasons: Sequence[SeasonDraft]) -> WorkSchedule:
    """Store the working week; each season runs from its first day to the day before the next one's."""
    if not work_weekdays or not work_weekdays <= set(range(7)):
        raise ScheduleError(N_("Choose at least one working day of the week"))
    if not 0 <= grace_minutes <= MAX_GRACE_MINUTES:
        raise ScheduleError(N_("The grace period must be between 0 and {most} minutes"), most=MAX_GRACE_MINUTES)
    if not seasons:
        raise ScheduleError(N_("The working hours need at least one season"))
    drafts = sorted(seasons, key=lambda season: season.first_day)
    starts = [draft.first_day for draft in drafts]
    if len(set(starts)) != len(starts):
        raise ScheduleError(N_("Two seasons cannot start on the same day"))
    built = []
    for index, draft in enumerate(drafts):
        name = " ".join(draft.name.split())
        if not name:
            raise ScheduleError(N_("Every season needs a name"))
        _check_hours(name, draft.morning, draft.afternoon)
        following = drafts[(index + 1) % len(drafts)].first_day
        built.append(Season(name, draft.first_day, _day_before(following), draft.morning, draft.afternoon))
    # Keep the order the page shows (the first season listed first), not the calendar order.
    by_start = {season.first_day: season for season in built}
    schedule = WorkSchedule(tuple(by_start[draft.first_day] for draft in seasons),
                            frozenset(work_weekdays), grace_minutes)
    return ward.store.schedule.save(schedule, ward.actor)


# ---- Holidays ----


def holidays_of(ward: Ward, year: int) -> list[Holiday]:
    return ward.store.schedule.holidays(year)


def prefill_holidays(ward: Ward, year: int) -> list[Holiday]:
    """Fill in Vietnam's public holidays of a year that has none yet."""
    return ward.store.schedule.ensure_holidays(year, ward.actor)


def add_holiday(ward: Ward, day: date, name: str, kind: DayKind) -> Holiday:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise HolidayError(N_("Enter the name of the holiday"))
    existing = {holiday.day: holiday for holiday in ward.store.schedule.holidays(day.year)}
    if day in existing:
        raise HolidayError(N_("{day} is already in the list as “{name}”; remove it first"),
                           day=format_date(day), name=existing[day].name)
    return ward.store.schedule.add_holiday(Holiday(day, cleaned, kind), ward.actor)


def remove_holiday(ward: Ward, day: date) -> bool:
    return ward.store.schedule.remove_holiday(day, ward.actor)

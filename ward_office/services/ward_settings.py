"""What the settings page changes: the unit, departments, working hours, holidays and plan versions.

Every function checks its input first and raises a ``WardOfficeError`` with a Vietnamese message before
anything is written, so a refused change leaves the book as it was. A new plan version is made from the
stored TOML text of the version it replaces, so whatever the editor does not show is carried over intact.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import tomli_w

from ward_office.core.access import Permission
from ward_office.core.errors import NotFoundError, PeriodLockedError, WardOfficeError
from ward_office.core.plan import EmulationPlan, load_plan
from ward_office.core.schedule import DayKind, Holiday, Season, SessionHours, WorkSchedule
from ward_office.core.staff import Department, DepartmentId
from ward_office.core.unit import Unit
from ward_office.i18n import N_
from ward_office.i18n.formatting import format_date
from ward_office.i18n.text import fold
from ward_office.services.ward import Ward
from ward_office.storage.records import PlanRecord


class UnitDetailsError(WardOfficeError):
    """The ward office's name or the head's title is missing."""


class DepartmentNameError(WardOfficeError):
    """A department's name is empty or already taken."""


class ScheduleError(WardOfficeError):
    """The working days, grace period, seasons or their hours do not hold together."""


class HolidayError(WardOfficeError):
    """A holiday has no name, or its day is already in the list."""


class PlanChangeError(WardOfficeError):
    """The change to the emulation plan is refused (names, points, grades, start day)."""


class PlanFileError(WardOfficeError):
    """The emulation plan file cannot be read."""


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


# ---- Emulation plans ----


@dataclass(frozen=True, slots=True)
class PlanVersion:
    """One adopted version as listed on the page, and whether it is the one in effect today."""

    record: PlanRecord
    plan: EmulationPlan
    in_effect: bool


def plan_versions(ward: Ward, today: date) -> list[PlanVersion]:
    """Every adopted version, latest start first."""
    try:
        current, _plan = ward.store.plans.in_effect(today)
    except WardOfficeError:
        current = None
    records = sorted(ward.store.plans.list(), key=lambda record: (record.effective_from or date.min, record.id),
                     reverse=True)
    return [PlanVersion(record, ward.store.plans.plan(record), current is not None and record.id == current.id)
            for record in records]


def latest_version(ward: Ward, code: str) -> PlanRecord:
    """The version of a plan that starts last: the one a new version follows."""
    records = ward.store.plans.list(code)
    if not records:
        raise NotFoundError(N_("No plan has the code {code}"), code=code)
    return max(records, key=lambda record: (record.effective_from or date.min, record.id))


def first_of_next_month(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


@dataclass(frozen=True, slots=True)
class PlanChanges:
    """What the head changed for a new version: criterion points and names, grade thresholds and names."""

    effective_from: date
    points: Mapping[str, Fraction] = field(default_factory=dict)
    criterion_names: Mapping[str, str] = field(default_factory=dict)
    min_scores: Mapping[str, Fraction] = field(default_factory=dict)
    grade_names: Mapping[str, str] = field(default_factory=dict)


def _toml_number(value: Fraction) -> int | float:
    if value.denominator == 1:
        return int(value)
    return float(value)


def _text(value: str, what: str) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise PlanChangeError(N_("The name of {what} cannot be empty"), what=what)
    return cleaned


def _apply(data: dict[str, Any], changes: PlanChanges) -> None:
    for block in data.get("blocks", []):
        for criterion in block.get("criteria", []):
            code = criterion.get("code")
            if code in changes.points:
                points = changes.points[code]
                if points == 0:
                    raise PlanChangeError(N_("Criterion {code}: the points cannot be zero"), code=code)
                old = Fraction(str(criterion.get("points", 0)))
                if old and (points > 0) != (old > 0):
                    # Escalation steps keep the criterion's sign; a flipped sign would leave them wrong.
                    raise PlanChangeError(N_("Criterion {code}: a deduction cannot become a bonus, nor a bonus"
                                             " a deduction; add a new criterion instead"), code=code)
                criterion["points"] = _toml_number(points)
            if code in changes.criterion_names:
                criterion["name"] = _text(changes.criterion_names[code], code)
    for grade in data.get("grades", []):
        code = grade.get("code")
        if code in changes.min_scores:
            grade["min_score"] = _toml_number(changes.min_scores[code])
        if code in changes.grade_names:
            grade["name"] = _text(changes.grade_names[code], code)


def new_plan_version_text(base: PlanRecord, version: int, changes: PlanChanges) -> str:
    """The TOML text of ``base`` with the changes applied, the new version number and start date."""
    data = tomllib.loads(base.body)
    _apply(data, changes)
    data["plan"]["version"] = version
    data["plan"]["effective_from"] = changes.effective_from
    return tomli_w.dumps(data)


def adopt_new_version(ward: Ward, code: str, changes: PlanChanges) -> PlanRecord:
    """Adopt a changed copy of the plan's latest version, taking effect on ``changes.effective_from``."""
    ward.require(Permission.ADOPT_PLAN)
    base = latest_version(ward, code)
    if base.effective_from is not None and changes.effective_from <= base.effective_from:
        raise PlanChangeError(N_("The new version must take effect after {day}, when version {version} began"),
                              day=format_date(base.effective_from), version=base.version)
    _refuse_locked(ward, changes.effective_from)
    version = max(record.version for record in ward.store.plans.list(code)) + 1
    text = new_plan_version_text(base, version, changes)
    plan = load_plan(text)
    grades = sorted(plan.grades, key=lambda grade: grade.min_score, reverse=True)
    if len({grade.min_score for grade in grades}) != len(grades):
        raise PlanChangeError(N_("Two grades cannot have the same lowest score"))
    return ward.store.plans.adopt(text, ward.actor)


def _refuse_locked(ward: Ward, effective_from: date) -> None:
    """A locked period ending on or after the start date would be scored by the new version."""
    for record in ward.store.periods.list():
        if record.is_locked and record.period.end >= effective_from:
            raise PeriodLockedError(N_("The period ending {end} is locked; a new version can take effect only"
                                       " after {end}"), end=format_date(record.period.end))


def import_plan_file(ward: Ward, path: Path) -> PlanRecord:
    """Adopt a plan from a TOML file (a new plan, or a new version of one already adopted)."""
    ward.require(Permission.ADOPT_PLAN)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanFileError(N_("Cannot read {file}: {reason}"), file=str(path), reason=str(error)) from error
    plan = load_plan(text)
    if plan.effective_from is not None:
        _refuse_locked(ward, plan.effective_from)
    return ward.store.plans.adopt(text, ward.actor)


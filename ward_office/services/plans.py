"""The emulation plan's use cases, for the window's plan page and the ``plan`` commands alike: check a plan
file, adopt one (the head's), make a new version from the editor's changes, list the versions, tell which one
is in force on a day.

A new version made in the editor starts from the stored TOML text of the version it replaces, so whatever the
editor does not show is carried over intact. A version once adopted is never changed.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import tomli_w

from ward_office.core.access import Permission
from ward_office.core.errors import NotFoundError, PeriodLockedError, WardOfficeError
from ward_office.core.plan import EmulationPlan, load_plan
from ward_office.core.plan_values import KeyLines, PlanProblem, PlanProblemsError
from ward_office.i18n import N_
from ward_office.i18n.formatting import format_date
from ward_office.services.ward import Ward
from ward_office.storage.records import PlanRecord


class PlanChangeError(WardOfficeError):
    """The change to the emulation plan is refused (names, points, grades, start day)."""


class PlanFileError(WardOfficeError):
    """The emulation plan file cannot be read."""


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


def read_plan_file(path: Path) -> str:
    """The text of a plan file, a byte-order mark dropped."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanFileError(N_("Cannot read {file}: {reason}"), file=str(path), reason=str(error)) from error


def check_plan_file(path: Path) -> tuple[EmulationPlan | None, list[PlanProblem]]:
    """The plan a file holds, or None and every mistake in it, each with its line."""
    try:
        return load_plan(read_plan_file(path)), []
    except PlanProblemsError as error:
        return None, error.problems


def with_effective_from(text: str, day: date) -> str:
    """The plan text taking effect on ``day``: its ``effective_from`` line rewritten, or one written under
    ``[plan]``; every other line (comments included) kept as it is."""
    lines = text.splitlines(keepends=True)
    where = KeyLines(text)
    key_line, table_line = where.keys.get((("plan",), "effective_from")), where.tables.get(("plan",))
    new = f"effective_from = {day.isoformat()}\n"
    if key_line is not None:
        lines[key_line - 1] = new
    elif table_line is not None:
        lines.insert(table_line, new)
    return "".join(lines)


def import_plan_file(ward: Ward, path: Path, effective_from: date | None = None) -> PlanRecord:
    """Adopt a plan from a TOML file (a new plan, or a new version of one already adopted), the head's to do;
    ``effective_from`` replaces the file's start date. Every mistake of the file is told at once."""
    ward.require(Permission.ADOPT_PLAN)
    text = read_plan_file(path)
    if effective_from is not None:
        text = with_effective_from(text, effective_from)
    plan = load_plan(text)
    if plan.effective_from is not None:
        _refuse_locked(ward, plan.effective_from)
    return ward.store.plans.adopt(text, ward.actor)


def stored_plan_problems(record: PlanRecord) -> list[PlanProblem]:
    """What a stored version would be refused for today (keys adopted before unknown keys were refused): it is
    still scored as adopted, the keys unread, but the head is told."""
    try:
        load_plan(record.body)
    except PlanProblemsError as error:
        return error.problems
    return []


def combination_warnings(ward: Ward, plan: EmulationPlan) -> list[str]:
    """What a period spanning the version ``plan`` follows and ``plan`` itself cannot carry over exactly (a base
    score, blocks or grades changed: ``scoring.versions``); empty for a first version or a plan of its own."""
    from ward_office.scoring.versions import lossy_changes

    earlier = [record for record in ward.store.plans.list(plan.code) if record.version != plan.version and (
        plan.effective_from is None or record.effective_from is None or record.effective_from <= plan.effective_from)]
    if not earlier:
        return []
    previous = max(earlier, key=lambda record: (record.effective_from or date.min, record.id))
    return lossy_changes(ward.store.plans.plan(previous), plan)


def plan_in_force(ward: Ward, day: date) -> PlanVersion:
    """The version that scores a period ending on ``day``."""
    record, plan = ward.store.plans.in_effect(day)
    return PlanVersion(record, plan, True)

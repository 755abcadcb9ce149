"""Who each row of an imported staff list is: someone on the list already (matched by code; a sheet without
codes by clock id, then by name and department, so it can be imported again) or someone new, who is given the
next free code when the sheet has none; and the column mappings of staff sheets remembered in the book.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from ward_office.core.errors import ClockMappingError, InputProblem, NotFoundError
from ward_office.core.staff import Department, Staff
from ward_office.i18n import N_, _
from ward_office.i18n.text import fold
from ward_office.importers.csv_files import Problems
from ward_office.importers.staff import GENDER_MARKS, STAFF_COLUMNS, StaffRow
from ward_office.importers.staff_mapping import KIND, StaffLayout, StaffMapping, remembered, staff_layout
from ward_office.services.ward import Ward
from ward_office.storage import Store


class MatchedBy(StrEnum):
    NEW = "new"
    CODE = "code"
    CLOCK_ID = "clock_id"
    NAME = "name"  # full name and department


MATCH_LABELS = {
    MatchedBy.NEW: N_("new person"), MatchedBy.CODE: N_("by staff code"), MatchedBy.CLOCK_ID: N_("by clock id"),
    MatchedBy.NAME: N_("by full name and department"),
}


class Change(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class StaffMatch:
    """One row of the list as the preview shows it: who it is taken to be and what happens to them."""

    line: int
    code: str
    full_name: str
    department: str
    matched_by: MatchedBy
    change: Change
    code_generated: bool = False
    gender_guessed: bool = False


CHANGE_LABELS = {Change.ADDED: N_("to add"), Change.UPDATED: N_("to update"), Change.UNCHANGED: N_("unchanged")}


def match_text(person: StaffMatch) -> str:
    """"to update, found by clock id": what happens to the row's person, and how they were found."""
    if person.matched_by is MatchedBy.NEW:
        return _("to add, a new person")
    return _("{change}, found {how}").format(change=_(CHANGE_LABELS[person.change]),
                                              how=_(MATCH_LABELS[person.matched_by]))


def code_text(person: StaffMatch) -> str:
    """The row's code, saying when the import gave it or when it replaces another."""
    if person.code_generated:
        return _("{code} (given by the import)").format(code=person.code)
    return person.code


def describe_match(person: StaffMatch) -> str:
    text = _("Line {line}: {name}, {department}, code {code}: {what}").format(
        line=person.line, name=person.full_name, department=person.department, code=code_text(person),
        what=match_text(person))
    if person.gender_guessed:
        text += " " + _("(gender read from the name)")
    return text


@dataclass(frozen=True, slots=True)
class StaffPlan:
    """What a staff list changes: departments to create, people to add and to update (with who they are)."""

    new_departments: list[str]
    added: list[StaffRow]
    updated: list[tuple[StaffRow, Staff]]
    people: list[StaffMatch]


_CODE = re.compile(r"CB(\d+)", re.IGNORECASE)


def _code_numbers(codes: Iterable[str]) -> int:
    numbers = [int(found[1]) for code in codes if (found := _CODE.fullmatch(code.strip()))]
    return max(numbers, default=0)


def _name_key(name: str, department: str) -> tuple[str, str]:
    return " ".join(name.split()).casefold(), fold(department)


def plan_staff(store: Store, file: Path, rows: Sequence[StaffRow], departments: Mapping[str, Department]) -> StaffPlan:
    """Who is new and who changed; a row matching the same person as another, a clock id of someone else, a
    name shared by two people of a department, or a code differing only in case refuses the whole file. A row
    with a code is that code's person (or someone new); one without, the person with its clock id, else the
    one of that name in that department."""
    new_names: dict[str, str] = {}
    for row in rows:
        if fold(row.department) not in departments:
            new_names.setdefault(fold(row.department), row.department)
    stored = store.staff.list()
    by_name: dict[tuple[str, str], list[Staff]] = {}
    department_names = {department.id: department.name for department in departments.values()}
    for someone in stored:
        by_name.setdefault(_name_key(someone.full_name, department_names.get(someone.department_id, "")), []).append(
            someone)
    next_number = _code_numbers([someone.code for someone in stored] + [row.staff.code for row in rows]) + 1
    problems = Problems()
    plan = StaffPlan(sorted(new_names.values(), key=fold), [], [], [])
    claimed: dict[int, int] = {}  # person id -> the line that matched them
    for row in rows:
        person, how = _match(store, row, by_name, problems)
        if person is not None and person.id is not None:
            if person.id in claimed:
                problems.add(InputProblem(row.line, "full_name", N_("this is the same person as on line {other}"),
                                          {"other": claimed[person.id]}))
                continue
            claimed[person.id] = row.line
        owner = store.staff.by_clock_id(row.staff.clock_id) if row.staff.clock_id else None
        if owner is not None and (person is None or owner.id != person.id):
            problems.add(InputProblem(row.line, "clock_id", N_("the clock id “{code}” already belongs to {name}"),
                                      {"code": row.staff.clock_id, "name": owner.full_name}))
            continue
        generated = not row.staff.code and person is None
        code = f"CB{next_number:03d}" if generated else row.staff.code or (person.code if person else "")
        next_number += generated
        staff = _merged(row, code, person)
        department = departments.get(fold(row.department))
        resolved = replace(staff, department_id=department.id if department else None)
        if person is None:
            change = Change.ADDED
            plan.added.append(replace(row, staff=staff))
        elif department is None or resolved != person:  # a department to create is no one's yet
            change = Change.UPDATED
            plan.updated.append((replace(row, staff=staff), person))
        else:
            change = Change.UNCHANGED
        plan.people.append(StaffMatch(row.line, code, staff.full_name, row.department, how, change, generated,
                                      row.gender_guessed and person is None))
    problems.refuse(file)
    return plan


def _match(store: Store, row: StaffRow, by_name: Mapping[tuple[str, str], list[Staff]],
           problems: Problems) -> tuple[Staff | None, MatchedBy]:
    staff = row.staff
    if staff.code:  # the sheet's codes decide: an unknown one is someone new
        current = store.staff.by_code(staff.code)
        look_alike = None if current is not None else store.staff.code_owner(staff.code)
        if look_alike is not None:  # cb001 beside CB001 would be a second person no one can tell apart
            problems.add(InputProblem(row.line, "code",
                                      N_("the code “{code}” differs only in case from “{existing}”, the code of "
                                         "{name}; write it as “{existing}”"),
                                      {"code": staff.code, "existing": look_alike.code, "name": look_alike.full_name}))
        return current, MatchedBy.CODE if current is not None else MatchedBy.NEW
    if staff.clock_id:
        owner = store.staff.by_clock_id(staff.clock_id)
        if owner is not None:
            return owner, MatchedBy.CLOCK_ID
    namesakes = by_name.get(_name_key(staff.full_name, row.department), [])
    if len(namesakes) > 1:
        problems.add(InputProblem(row.line, "full_name", N_(
            "{count} people called {name} work in {department}; give this row their staff code"),
            {"count": len(namesakes), "name": staff.full_name, "department": row.department}))
    if len(namesakes) == 1:
        return namesakes[0], MatchedBy.NAME
    return None, MatchedBy.NEW


def _merged(row: StaffRow, code: str, person: Staff | None) -> Staff:
    """The row's person; for someone on the list, what the sheet has no column for is kept as it was."""
    staff = replace(row.staff, code=code)
    if person is None:
        return staff
    kept = {field: getattr(person, field) for field in ("category", "badge_number", "clock_id", "active_from",
                                                         "active_to") if field not in row.given}
    if row.gender_guessed:
        kept["gender"] = person.gender
    return replace(staff, id=person.id, note=person.note, **kept)


# ---- Column mappings of staff sheets ----


@dataclass(frozen=True, slots=True)
class StaffFileLayout:
    """A staff sheet before it is read: its header row, the columns the usual names found, the saved mappings
    and the one used last time for a sheet with these columns."""

    file: str
    layout: StaffLayout
    saved: tuple[StaffMapping, ...] = ()
    remembered: StaffMapping | None = None

    @property
    def needs_mapping(self) -> bool:
        """The usual names miss a required column: the clerk says which it is (once; it is remembered)."""
        return bool(self.layout.missing)


def saved_staff_mappings(store: Store) -> list[StaffMapping]:
    saved = []
    for name in store.punches.mapping_names(KIND):
        try:
            saved.append(replace(StaffMapping.from_dict(store.punches.get_mapping(name) or {}), name=name))
        except ClockMappingError:  # saved by a newer version: not offered
            continue
    return saved


def inspect_staff_file(ward: Ward, file: Path) -> StaffFileLayout:
    """How a staff sheet is laid out, for the mapping step; a file with no header row raises ``InputFileError``."""
    saved = saved_staff_mappings(ward.store)
    layout = staff_layout(Path(file), {**STAFF_COLUMNS, **GENDER_MARKS}, saved)
    return StaffFileLayout(str(file), layout, tuple(saved), remembered(saved, layout.headers))


def staff_mapping_for(store: Store, file: Path, name: str | None) -> StaffMapping | None:
    """The mapping called ``name``, or, with no name, the one remembered for a sheet with these columns when
    the usual names do not find every required one."""
    saved = saved_staff_mappings(store)
    if name:
        found = next((mapping for mapping in saved if mapping.name == name), None)
        if found is None:
            raise NotFoundError(N_("No column mapping is called “{name}”"), name=name)
        return found
    layout = staff_layout(file, {**STAFF_COLUMNS, **GENDER_MARKS}, saved)
    return remembered(saved, layout.headers) if layout.missing else None


def save_staff_mapping(store: Store, name: str, mapping: StaffMapping, actor: str) -> None:
    """Remember ``mapping`` under ``name``; a clock report's mapping of that name is not replaced."""
    name = name.strip()
    if not name:
        raise ClockMappingError(N_("The column mapping needs a name"))
    if name in store.punches.mapping_names():
        raise ClockMappingError(N_("A clock report's column mapping is already called “{name}”; choose another name"),
                                name=name)
    store.punches.save_mapping(name, replace(mapping, name=name).to_dict(), actor)

"""Keeping the staff list: add, correct, let people leave and come back, delete only mistakes.

Someone with attendance, events or checks on record is never deleted: the scores of past periods need
them, so they get a last working day instead. Every refusal names the field in the user's words, and a
refused change writes nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from ward_office.core.errors import WardOfficeError
from ward_office.core.staff import Department, Staff, StaffId, cleaned_staff
from ward_office.core.text_rules import SHORT_LIMIT, FieldError, clean_text
from ward_office.i18n import N_
from ward_office.i18n.formatting import format_date
from ward_office.i18n.text import fold
from ward_office.services.ranking import current_review_period
from ward_office.services.ward import Ward


class UnsavedStaffError(WardOfficeError):
    """An update was asked for a staff member never stored."""


class StaffHasRecordsError(WardOfficeError):
    """A staff member with records cannot be deleted; the last working day is recorded instead."""


class StaffFieldError(FieldError):
    """A value typed for one staff field is refused; ``field`` is the Staff attribute, for the form to focus."""


@dataclass(frozen=True, slots=True)
class StaffRow:
    """One person as the staff list shows them."""

    staff: Staff
    department: str
    score: Fraction | None  # in the current review period; None when not scored in it
    has_records: bool

    def is_former(self, today: date) -> bool:
        return self.staff.active_to is not None and self.staff.active_to < today


def staff_rows(ward: Ward, today: date, *, with_scores: bool = True) -> list[StaffRow]:
    """Everyone ever on the staff, with department name, score of the current half-year and whether
    records refer to them."""
    names = ward.department_names()
    scores: dict[int, Fraction] = {}
    if with_scores:
        ranking = ward.score(current_review_period(today), today).ranking
        scores = {result.staff.id: result.score for result in ranking.results if result.staff.id is not None}
    with_records = ward.store.staff.ids_with_records()
    return [
        StaffRow(person, names.get(person.department_id, "") if person.department_id is not None else "",
                 scores.get(person.id) if person.id is not None else None, person.id in with_records)
        for person in ward.staff()
    ]


def positions(ward: Ward) -> list[str]:
    """Positions already in use, for the position field to offer."""
    return sorted({person.position for person in ward.staff() if person.position}, key=fold)


def _clean(staff: Staff) -> Staff:
    """The person as the book keeps them (core.text_rules), a refusal naming the field for the form."""
    try:
        return cleaned_staff(staff)
    except FieldError as error:
        raise StaffFieldError(error.field, error.message, label=error.label, **error.params) from None


def validate(ward: Ward, staff: Staff) -> Staff:
    """The tidied person, or a ``StaffFieldError`` for the first bad field in the form's order."""
    staff = _clean(staff)
    for field, message in (("code", N_("Enter the staff code")), ("full_name", N_("Enter the full name")),
                           ("position", N_("Enter the position"))):
        if not getattr(staff, field):
            raise StaffFieldError(field, message)
    if staff.department_id is None:
        raise StaffFieldError("department_id", N_("Choose a department"))
    if staff.department_id not in ward.department_names():
        raise StaffFieldError("department_id", N_("The chosen department no longer exists"))
    others = [person for person in ward.staff() if person.id != staff.id or staff.id is None]
    # A code kept as it was is not compared: a book from before codes were compared whatever their case may
    # hold cb001 beside CB001 (storage.staff.code_clashes), and both must stay correctable.
    code_unchanged = staff.id is not None and ward.store.staff.get(staff.id).code == staff.code
    for person in others:
        if not code_unchanged and fold(person.code) == fold(staff.code):
            raise StaffFieldError("code", N_("The staff code “{code}” already belongs to {name}"),
                                  code=staff.code, name=person.full_name)
        if staff.clock_id and person.clock_id == staff.clock_id:
            raise StaffFieldError("clock_id", N_("The clock id “{clock_id}” already belongs to {name}"),
                                  clock_id=staff.clock_id, name=person.full_name)
        if staff.badge_number and fold(person.badge_number) == fold(staff.badge_number):
            raise StaffFieldError("badge_number", N_("The badge number “{number}” already belongs to {name}"),
                                  number=staff.badge_number, name=person.full_name)
    if staff.active_from and staff.active_to and staff.active_to < staff.active_from:
        raise StaffFieldError("active_to", N_("The last working day is before the first working day"))
    if staff.id is not None:
        _refuse_records_outside(ward, staff)
    return staff


def _refuse_records_outside(ward: Ward, staff: Staff) -> None:
    assert staff.id is not None
    span = ward.store.staff.record_span(staff.id)
    if span is None:
        return
    first, last = span
    if staff.active_from and first < staff.active_from:
        raise StaffFieldError("active_from",
                              N_("{name} has records on {day}, before the first working day"),
                              name=staff.full_name, day=format_date(first))
    if staff.active_to and last > staff.active_to:
        raise StaffFieldError("active_to",
                              N_("{name} has records on {day}, after the last working day"),
                              name=staff.full_name, day=format_date(last))


def add_staff(ward: Ward, staff: Staff) -> Staff:
    if staff.id is not None:
        staff = dataclasses.replace(staff, id=None)
    return ward.store.staff.add(validate(ward, staff), ward.actor)


def update_staff(ward: Ward, staff: Staff) -> Staff:
    if staff.id is None:
        raise UnsavedStaffError(N_("Only a stored staff member can be updated"))
    ward.store.staff.get(staff.id)
    return ward.store.staff.update(validate(ward, staff), ward.actor)


def deactivate_staff(ward: Ward, staff_id: StaffId, last_day: date) -> Staff:
    """The person stops working here after ``last_day``; their records and past scores stay."""
    person = ward.store.staff.get(staff_id)
    return update_staff(ward, dataclasses.replace(person, active_to=last_day))


def reactivate_staff(ward: Ward, staff_id: StaffId) -> Staff:
    person = ward.store.staff.get(staff_id)
    return update_staff(ward, dataclasses.replace(person, active_to=None))


def can_delete(ward: Ward, staff_id: StaffId) -> bool:
    return not ward.store.staff.has_records(staff_id)


def delete_staff(ward: Ward, staff_id: StaffId) -> None:
    """Remove someone entered by mistake; someone with records must be let go instead."""
    person = ward.store.staff.get(staff_id)
    if ward.store.staff.has_records(staff_id):
        raise StaffHasRecordsError(
            N_("{name} has attendance, checks or events on record and cannot be deleted. Use “Leave work…” "
               "to record the last working day instead."),
            name=person.full_name)
    ward.store.staff.delete(staff_id, ward.actor)


def add_department(ward: Ward, name: str) -> Department:
    try:
        name = clean_text(name, "department_id", N_("Department"), SHORT_LIMIT)
    except FieldError as error:
        raise StaffFieldError(error.field, error.message, label=error.label, **error.params) from None
    if not name:
        raise StaffFieldError("department_id", N_("Enter the department name"))
    for department in ward.departments():
        if fold(department.name) == fold(name):
            raise StaffFieldError("department_id", N_("The department “{name}” already exists"),
                                  name=department.name)
    return ward.store.departments.add(name, ward.actor)

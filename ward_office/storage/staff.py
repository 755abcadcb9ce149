"""Staff members: added, corrected, given an end date when they leave, never deleted once recorded."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from typing import Any

from ward_office.core.change_log import ChangeAction
from ward_office.core.errors import NotFoundError
from ward_office.core.staff import DepartmentId, Gender, Staff, StaffCategory, StaffId, cleaned_staff
from ward_office.core.text_rules import code_key
from ward_office.i18n import N_
from ward_office.storage._base import Context, changed, day_text
from ward_office.storage.errors import DuplicateError, InUseError

_COLUMNS = ("code", "full_name", "gender", "position", "category", "department_id", "badge_number",
            "clock_id", "active_from", "active_to", "note")
_SELECT = f"SELECT {', '.join(_COLUMNS)}, id FROM staff"
_INSERT = f"INSERT INTO staff ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' for _ in _COLUMNS)})"
_GENDERS = {member.value: member for member in Gender}
_CATEGORIES = {member.value: member for member in StaffCategory}


def _values(staff: Staff) -> tuple[Any, ...]:
    return (staff.code, staff.full_name, staff.gender.value, staff.position,
            staff.category.value, staff.department_id, staff.badge_number, staff.clock_id,
            day_text(staff.active_from), day_text(staff.active_to), staff.note)


def _as_row(staff: Staff) -> dict[str, Any]:
    return dict(zip(_COLUMNS, _values(staff), strict=True))


def _staff(row: tuple[Any, ...]) -> Staff:
    (code, full_name, gender, position, category, department_id, badge_number, clock_id, active_from,
     active_to, note, staff_id) = row
    return Staff(
        code, full_name, _GENDERS[gender], position, _CATEGORIES[category],
        None if department_id is None else DepartmentId(department_id), badge_number, clock_id,
        None if active_from is None else date.fromisoformat(active_from),
        None if active_to is None else date.fromisoformat(active_to), note, StaffId(staff_id),
    )


class StaffRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    def get(self, staff_id: StaffId) -> Staff:
        row = self._context.conn.execute(f"{_SELECT} WHERE id = ?", (staff_id,)).fetchone()
        if row is None:
            raise NotFoundError(N_("No staff member has the number {id}"), id=staff_id)
        return _staff(row)

    def by_code(self, code: str) -> Staff | None:
        row = self._context.conn.execute(f"{_SELECT} WHERE code = ?", (code,)).fetchone()
        return None if row is None else _staff(row)

    def by_clock_id(self, clock_id: str) -> Staff | None:
        if not clock_id:
            return None
        row = self._context.conn.execute(f"{_SELECT} WHERE clock_id = ?", (clock_id,)).fetchone()
        return None if row is None else _staff(row)

    def add(self, staff: Staff, actor: str) -> Staff:
        return self.add_many([staff], actor)[0]

    def add_many(self, people: Iterable[Staff], actor: str) -> list[Staff]:
        """Add everyone or no one; one change log line per person (a ward has hundreds at most)."""
        people = [cleaned_staff(person) for person in people]
        self._refuse_duplicates(people)
        added = []
        with self._context.writing() as conn:
            for person in people:
                cursor = conn.execute(_INSERT, _values(person))
                added.append(dataclasses.replace(person, id=StaffId(cursor.lastrowid or 0)))
                action = ChangeAction.INSERT if len(people) == 1 else ChangeAction.IMPORT
                self._context.log(actor, action, "staff", cursor.lastrowid, {"after": _as_row(person)})
        return added

    def update(self, staff: Staff, actor: str) -> Staff:
        staff_id = staff.id
        if staff_id is None:
            raise NotFoundError(N_("Only a stored staff member can be updated"))
        staff = cleaned_staff(staff)  # keeps the id
        self._refuse_duplicates([staff])
        with self._context.writing() as conn:
            before = _as_row(self.get(staff_id))
            conn.execute(
                f"UPDATE staff SET {', '.join(f'{column} = ?' for column in _COLUMNS)} WHERE id = ?",
                (*_values(staff), staff_id),
            )
            self._context.log(actor, ChangeAction.UPDATE, "staff", staff_id, changed(before, _as_row(staff)))
        return staff

    def has_records(self, staff_id: StaffId) -> bool:
        row = self._context.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM attendance WHERE staff_id = :id)"
            " OR EXISTS (SELECT 1 FROM events WHERE staff_id = :id)"
            " OR EXISTS (SELECT 1 FROM check_seen WHERE staff_id = :id)",
            {"id": staff_id},
        ).fetchone()
        return bool(row[0])

    def ids_with_records(self) -> set[StaffId]:
        """Everyone some attendance, event or check refers to: one query for a whole list."""
        rows = self._context.conn.execute(
            "SELECT staff_id FROM attendance UNION SELECT staff_id FROM events UNION SELECT staff_id FROM check_seen"
        )
        return {StaffId(row[0]) for row in rows}

    def record_span(self, staff_id: StaffId) -> tuple[date, date] | None:
        """The first and last day with attendance, an event or a check of this person, or None."""
        row = self._context.conn.execute(
            "SELECT min(day), max(day) FROM ("
            " SELECT day FROM attendance WHERE staff_id = :id"
            " UNION ALL SELECT day FROM events WHERE staff_id = :id"
            " UNION ALL SELECT date(checks.started_at) FROM check_seen JOIN checks ON checks.id = check_seen.check_id"
            " WHERE check_seen.staff_id = :id)",
            {"id": staff_id},
        ).fetchone()
        if row is None or row[0] is None:
            return None
        return date.fromisoformat(row[0]), date.fromisoformat(row[1])

    def delete(self, staff_id: StaffId, actor: str) -> None:
        """Remove someone entered by mistake; someone with records gets an end date instead."""
        staff = self.get(staff_id)
        if self.has_records(staff_id):
            raise InUseError(
                N_("{name} has attendance or events on record and cannot be deleted; set an end date instead"),
                name=staff.full_name,
            )
        with self._context.writing() as conn:
            conn.execute("DELETE FROM staff WHERE id = ?", (staff_id,))
            self._context.log(actor, ChangeAction.DELETE, "staff", staff_id, {"before": _as_row(staff)})

    def code_owner(self, code: str) -> Staff | None:
        """Whoever holds ``code`` written in any case or with invisible characters: ``cb001`` finds CB001."""
        key = code_key(code)
        exact = self.by_code(code)
        if exact is not None:
            return exact
        return next((person for person in self.list() if code_key(person.code) == key), None)

    def code_clashes(self) -> list[tuple[Staff, Staff]]:
        """Pairs of people whose codes differ only in case, kept from before codes were compared so; new ones
        are refused, these are left for the office to correct (renaming someone's code is not ours to do)."""
        first: dict[str, Staff] = {}
        clashes = []
        for person in self.list():
            other = first.setdefault(code_key(person.code), person)
            if other is not person:
                clashes.append((other, person))
        return clashes

    def _refuse_duplicates(self, people: list[Staff]) -> None:
        """Name the clashing code or clock id and who holds it, which a bare UNIQUE error would not. Codes are
        one code whatever their case; a person whose code is unchanged keeps it even if an older book holds
        its look-alike (``code_clashes``)."""
        codes: dict[str, Staff] = {}
        clock_ids: dict[str, StaffId | None] = {}
        stored = self.list()
        stored_codes = {person.id: person.code for person in stored}
        owners: dict[str, Staff] = {}
        for person in stored:
            owners.setdefault(code_key(person.code), person)
        for person in people:
            code, clock_id = person.code, person.clock_id
            key = code_key(code)
            if key in codes:
                raise DuplicateError(N_("The staff code “{code}” is listed twice"), code=code)
            codes[key] = person
            other = owners.get(key)
            if (person.id is None or stored_codes.get(person.id) != code) and other is not None \
                    and other.id != person.id:
                raise DuplicateError(N_("The staff code “{code}” is already used by {name} (code “{existing}”)"),
                                     code=code, name=other.full_name, existing=other.code)
            if clock_id:
                other = self.by_clock_id(clock_id)
                if clock_id in clock_ids or (other is not None and other.id != person.id):
                    raise DuplicateError(N_("The clock id “{clock_id}” is already used"), clock_id=clock_id)
                clock_ids[clock_id] = person.id

    def list(self, active_on: date | None = None) -> list[Staff]:
        """Everyone, or those working on ``active_on``, ordered by code."""
        if active_on is None:
            rows = self._context.conn.execute(f"{_SELECT} ORDER BY code")
        else:
            rows = self._context.conn.execute(
                f"{_SELECT} WHERE (active_from IS NULL OR active_from <= :day)"
                " AND (active_to IS NULL OR active_to >= :day) ORDER BY code",
                {"day": active_on.isoformat()},
            )
        return [_staff(row) for row in rows]

"""Departments (phòng, ban) staff belong to; the list starts with the usual four of a ward office."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import asdict

from ward_office.core.change_log import ChangeAction
from ward_office.core.errors import NotFoundError
from ward_office.core.staff import Department, DepartmentId
from ward_office.i18n import N_
from ward_office.storage._base import Context, changed
from ward_office.storage.errors import DatabaseError, InUseError

_SELECT = "SELECT name, sort_order, id FROM departments"


class DepartmentRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    def get(self, department_id: DepartmentId) -> Department:
        row = self._context.conn.execute(f"{_SELECT} WHERE id = ?", (department_id,)).fetchone()
        if row is None:
            raise NotFoundError(N_("No department has the number {id}"), id=department_id)
        return Department(*row)

    def by_name(self, name: str) -> Department | None:
        row = self._context.conn.execute(f"{_SELECT} WHERE name = ?", (name.strip(),)).fetchone()
        return None if row is None else Department(*row)

    def add(self, name: str, actor: str, *, sort_order: int | None = None) -> Department:
        """Add a department at the end of the list unless ``sort_order`` says where."""
        with self._context.writing() as conn:
            if sort_order is None:
                sort_order = conn.execute("SELECT coalesce(max(sort_order), 0) + 1 FROM departments").fetchone()[0]
            cursor = conn.execute(
                "INSERT INTO departments (name, sort_order) VALUES (?, ?)", (name.strip(), sort_order)
            )
            department = Department(name.strip(), sort_order, DepartmentId(cursor.lastrowid or 0))
            self._context.log(actor, ChangeAction.INSERT, "department", department.id,
                              {"after": asdict(department)})
        return department

    def get_or_create(self, name: str, actor: str) -> Department:
        return self.by_name(name) or self.add(name, actor)

    def list(self) -> list[Department]:
        return [Department(*row) for row in self._context.conn.execute(f"{_SELECT} ORDER BY sort_order, name")]

    def rename(self, department_id: DepartmentId, name: str, actor: str) -> Department:
        before = self.get(department_id)
        after = Department(name.strip(), before.sort_order, before.id)
        if after.name == before.name:
            return before
        with self._context.writing() as conn:
            conn.execute("UPDATE departments SET name = ? WHERE id = ?", (after.name, department_id))
            self._context.log(actor, ChangeAction.UPDATE, "department", department_id,
                              changed(asdict(before), asdict(after)))
        return after

    def set_order(self, department_ids: Sequence[DepartmentId], actor: str) -> builtins.list[Department]:
        """Put the departments in the order given (every department, each once), numbered from 1."""
        current = self.list()
        if sorted(department_ids) != sorted(department.id for department in current if department.id is not None):
            raise DatabaseError(N_("The new order must name every department once"))
        before = [department.id for department in current]
        if list(department_ids) == before:
            return current
        with self._context.writing() as conn:
            conn.executemany("UPDATE departments SET sort_order = ? WHERE id = ?",
                             [(order, department_id) for order, department_id in enumerate(department_ids, start=1)])
            self._context.log(actor, ChangeAction.UPDATE, "department", None,
                              {"before": {"order": before}, "after": {"order": list(department_ids)},
                               "changed": ["order"]})
        return self.list()

    def move(self, department_id: DepartmentId, offset: int, actor: str) -> builtins.list[Department]:
        """Move a department ``offset`` places down the list (up when negative), stopping at the ends."""
        ids = [department.id for department in self.list() if department.id is not None]
        if department_id not in ids:
            raise NotFoundError(N_("No department has the number {id}"), id=department_id)
        position = ids.index(department_id)
        ids.insert(max(0, min(len(ids) - 1, position + offset)), ids.pop(position))
        return self.set_order(ids, actor)

    def staff_count(self, department_id: DepartmentId) -> int:
        """How many staff members, past or present, belong to the department."""
        row = self._context.conn.execute("SELECT count(*) FROM staff WHERE department_id = ?",
                                         (department_id,)).fetchone()
        return int(row[0])

    def staff_counts(self) -> dict[DepartmentId, int]:
        rows = self._context.conn.execute(
            "SELECT department_id, count(*) FROM staff WHERE department_id IS NOT NULL GROUP BY department_id"
        )
        return {DepartmentId(department_id): count for department_id, count in rows}

    def delete(self, department_id: DepartmentId, actor: str) -> None:
        """Remove a department nobody belongs to; one with staff (even former staff) is refused."""
        department = self.get(department_id)
        count = self.staff_count(department_id)
        if count:
            raise InUseError(N_("{count} staff member(s) belong to “{name}”; move them to another department first"),
                             count=count, name=department.name)
        with self._context.writing() as conn:
            conn.execute("DELETE FROM departments WHERE id = ?", (department_id,))
            self._context.log(actor, ChangeAction.DELETE, "department", department_id,
                              {"before": asdict(department)})

"""Departments (phòng, ban) staff belong to; the list starts with the usual four of a ward office."""

from __future__ import annotations

from dataclasses import asdict

from ward_office.core.errors import NotFoundError
from ward_office.core.staff import Department, DepartmentId
from ward_office.i18n import N_
from ward_office.storage._base import Context
from ward_office.storage.records import ChangeAction

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

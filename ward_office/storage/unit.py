"""The single row that names the ward office on every report."""

from __future__ import annotations

from dataclasses import asdict, fields

from ward_office.core.change_log import ChangeAction
from ward_office.core.unit import Unit
from ward_office.storage._base import Context, changed

_COLUMNS = tuple(field.name for field in fields(Unit))


class UnitRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    def get(self) -> Unit:
        """The stored unit, or the defaults until someone saves one."""
        row = self._context.conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM unit WHERE id = 1").fetchone()
        return Unit() if row is None else Unit(*row)

    def save(self, unit: Unit, actor: str) -> Unit:
        with self._context.writing() as conn:
            exists = conn.execute("SELECT 1 FROM unit WHERE id = 1").fetchone() is not None
            before = asdict(self.get())
            conn.execute(
                f"INSERT INTO unit (id, {', '.join(_COLUMNS)}) VALUES (1, {', '.join('?' for _ in _COLUMNS)})"
                f" ON CONFLICT (id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _COLUMNS)}",
                tuple(getattr(unit, column) for column in _COLUMNS),
            )
            if exists:
                self._context.log(actor, ChangeAction.UPDATE, "unit", 1, changed(before, asdict(unit)))
            else:
                self._context.log(actor, ChangeAction.INSERT, "unit", 1, {"after": asdict(unit)})
        return unit

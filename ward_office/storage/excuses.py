"""The head's excuses (miễn trừ) of occurrences of attendance records: added, and withdrawn with a reason.

An excuse is never edited or deleted (the triggers of m012 refuse it); withdrawing one is itself a decision
on the record, with its reason, so the book always shows what was excused, by whom, and what was taken back.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ward_office.core.attendance import AttendanceId
from ward_office.core.change_log import ChangeAction
from ward_office.core.errors import NotFoundError
from ward_office.core.excuse import Excuse, ExcuseId
from ward_office.core.plan_terms import AttendanceTrigger
from ward_office.core.schedule import Session
from ward_office.core.staff import StaffId
from ward_office.i18n import N_
from ward_office.storage._base import Context, changed

_COLUMNS = ("attendance_id", "staff_id", "day", "session", "trigger", "reason", "decided_by", "decided_at", "id",
            "withdrawn_by", "withdrawn_at", "withdrawal_reason")
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM attendance_excuses"
_IN_FORCE = "withdrawn_at IS NULL"


def _excuse(row: tuple[Any, ...]) -> Excuse:
    (attendance_id, staff_id, day, session, trigger, reason, decided_by, decided_at, excuse_id, withdrawn_by,
     withdrawn_at, withdrawal_reason) = row
    return Excuse(AttendanceId(attendance_id), StaffId(staff_id), date.fromisoformat(day), Session(session),
                  AttendanceTrigger(trigger), reason, decided_by, datetime.fromisoformat(decided_at),
                  ExcuseId(excuse_id), withdrawn_by or "",
                  None if withdrawn_at is None else datetime.fromisoformat(withdrawn_at), withdrawal_reason or "")


def excuse_row(excuse: Excuse) -> dict[str, Any]:
    """The excuse as the change log keeps it."""
    row = {"staff_id": excuse.staff_id, "day": excuse.day.isoformat(), "session": excuse.session.value,
           "trigger": excuse.trigger.value, "attendance_id": excuse.attendance_id, "reason": excuse.reason}
    if excuse.withdrawn_at is not None:
        row["withdrawal_reason"] = excuse.withdrawal_reason
    return row


class ExcuseRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    def add(self, excuse: Excuse, actor: str) -> Excuse:
        """Record ``excuse`` (its ``decided_by``, ``decided_at`` and ``id`` are set here)."""
        with self._context.writing([excuse.day]) as conn:
            cursor = conn.execute(
                "INSERT INTO attendance_excuses (attendance_id, staff_id, day, session, trigger, reason, decided_by,"
                " decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (excuse.attendance_id, excuse.staff_id, excuse.day.isoformat(), excuse.session.value,
                 excuse.trigger.value, excuse.reason, actor, self._context.now()))
            excuse_id = cursor.lastrowid or 0
            self._context.log(actor, ChangeAction.INSERT, "attendance_excuse", excuse_id,
                              {"after": excuse_row(excuse)})
        return self.get(ExcuseId(excuse_id))

    def withdraw(self, excuse_id: ExcuseId, reason: str, actor: str) -> Excuse:
        """Withdraw the excuse in force ``excuse_id``, saying why."""
        old = self.get(excuse_id)
        with self._context.writing([old.day]) as conn:
            conn.execute("UPDATE attendance_excuses SET withdrawn_by = ?, withdrawn_at = ?, withdrawal_reason = ?"
                         " WHERE id = ?", (actor, self._context.now(), reason, excuse_id))
            new = self.get(excuse_id)
            self._context.log(actor, ChangeAction.UPDATE, "attendance_excuse", excuse_id,
                              changed(excuse_row(old), excuse_row(new)))
        return new

    def get(self, excuse_id: ExcuseId) -> Excuse:
        row = self._context.conn.execute(f"{_SELECT} WHERE id = ?", (excuse_id,)).fetchone()
        if row is None:
            raise NotFoundError(N_("There is no excuse no. {id}"), id=excuse_id)
        return _excuse(row)

    def in_force(self, start: date, end: date) -> list[Excuse]:
        """The excuses not withdrawn of the days from ``start`` to ``end`` inclusive, oldest first."""
        rows = self._context.conn.execute(f"{_SELECT} WHERE {_IN_FORCE} AND day BETWEEN ? AND ? ORDER BY id",
                                          (start.isoformat(), end.isoformat()))
        return [_excuse(row) for row in rows]

    def of_session(self, staff_id: StaffId, day: date, session: Session) -> list[Excuse]:
        """Every excuse of one session, withdrawn ones included, oldest first."""
        rows = self._context.conn.execute(
            f"{_SELECT} WHERE staff_id = ? AND day = ? AND session = ? ORDER BY id",
            (staff_id, day.isoformat(), session.value))
        return [_excuse(row) for row in rows]

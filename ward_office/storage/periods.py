"""Review periods and their locks: once a period is signed off, its records are frozen.

The lock itself is enforced by triggers in the schema; this module records who locked or unlocked
what, and why. The change-log line comes first: the schema accepts a lock or an unlock only right after it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ward_office.core.change_log import ChangeAction
from ward_office.core.errors import ReasonMissingError
from ward_office.core.period import Period, PeriodKind, PeriodState
from ward_office.i18n import N_
from ward_office.storage._base import Context
from ward_office.storage.records import PeriodId, PeriodRecord

_SELECT = "SELECT id, kind, start_day, end_day, state, locked_at, locked_by FROM periods"
_KINDS = {member.value: member for member in PeriodKind}
_STATES = {member.value: member for member in PeriodState}


def _record(row: tuple[Any, ...]) -> PeriodRecord:
    period_id, kind, start, end, state, locked_at, locked_by = row
    return PeriodRecord(PeriodId(period_id), Period(_KINDS[kind], date.fromisoformat(start), date.fromisoformat(end)),
                        _STATES[state], None if locked_at is None else datetime.fromisoformat(locked_at),
                        locked_by)


def _period_row(period: Period) -> dict[str, str]:
    return {"kind": period.kind.value, "start_day": period.start.isoformat(), "end_day": period.end.isoformat()}


class PeriodRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    def get(self, period: Period) -> PeriodRecord | None:
        row = self._context.conn.execute(f"{_SELECT} WHERE start_day = ? AND end_day = ?",
                                         (period.start.isoformat(), period.end.isoformat())).fetchone()
        return None if row is None else _record(row)

    def get_or_create(self, period: Period, actor: str) -> PeriodRecord:
        """The stored period with these dates (whatever kind it was stored as), stored now if new."""
        existing = self.get(period)
        if existing is not None:
            return existing
        with self._context.writing() as conn:
            row = _period_row(period)
            cursor = conn.execute(
                "INSERT INTO periods (kind, start_day, end_day) VALUES (:kind, :start_day, :end_day)", row
            )
            self._context.log(actor, ChangeAction.INSERT, "period", cursor.lastrowid, {"after": row})
        return PeriodRecord(PeriodId(cursor.lastrowid or 0), period)

    def lock(self, period: Period, actor: str) -> PeriodRecord:
        """Freeze the period's attendance and events; locking a locked period changes nothing."""
        with self._context.writing() as conn:
            record = self.get_or_create(period, actor)
            if record.is_locked:
                return record
            # The line first: the schema refuses a lock that is not the newest line of the change log.
            locked_at = self._context.now()
            self._context.log(actor, ChangeAction.LOCK, "period", record.id, {
                **_period_row(period), "before": {"state": record.state.value},
                "after": {"state": PeriodState.LOCKED.value, "locked_at": locked_at, "locked_by": actor},
            })
            conn.execute("UPDATE periods SET state = 'locked', locked_at = ?, locked_by = ? WHERE id = ?",
                         (locked_at, actor, record.id))
            row = conn.execute(f"{_SELECT} WHERE id = ?", (record.id,)).fetchone()
        return _record(row)

    def unlock(self, period: Period, actor: str, reason: str) -> PeriodRecord:
        """Allow changes again; the reason is kept in the change log."""
        if not reason.strip():
            raise ReasonMissingError(N_("Say why the period is unlocked"))
        with self._context.writing() as conn:
            record = self.get_or_create(period, actor)
            if not record.is_locked:
                return record
            # As stored, for the schema to match the line with the lock it ends.
            locked_at, locked_by = conn.execute("SELECT locked_at, locked_by FROM periods WHERE id = ?",
                                                (record.id,)).fetchone()
            self._context.log(actor, ChangeAction.UNLOCK, "period", record.id, {
                **_period_row(period), "reason": reason.strip(),
                "was_locked_at": locked_at, "was_locked_by": locked_by,
                "before": {"state": record.state.value, "locked_at": locked_at, "locked_by": locked_by},
                "after": {"state": PeriodState.OPEN.value, "locked_at": None, "locked_by": None},
            })
            conn.execute("UPDATE periods SET state = 'open', locked_at = NULL, locked_by = NULL WHERE id = ?",
                         (record.id,))
            row = conn.execute(f"{_SELECT} WHERE id = ?", (record.id,)).fetchone()
        return _record(row)

    def locked_on(self, day: date) -> PeriodRecord | None:
        """A locked period containing ``day`` (the shortest if several), or None."""
        row = self._context.conn.execute(
            f"{_SELECT} WHERE state = 'locked' AND ? BETWEEN start_day AND end_day"
            " ORDER BY julianday(end_day) - julianday(start_day) LIMIT 1",
            (day.isoformat(),),
        ).fetchone()
        return None if row is None else _record(row)

    def is_locked(self, day: date) -> bool:
        return self._context.is_locked(day)

    def list(self) -> list[PeriodRecord]:
        return [_record(row) for row in self._context.conn.execute(f"{_SELECT} ORDER BY start_day, end_day DESC")]

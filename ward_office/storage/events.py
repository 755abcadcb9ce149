"""Scored events: a violation or commendation of one person, on one day, against one criterion."""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Iterable
from datetime import date
from fractions import Fraction
from typing import Any

from ward_office.core.change_log import ChangeAction
from ward_office.core.checks import CheckId, Event, EventId, EventSource, cleaned_event
from ward_office.core.errors import NotFoundError
from ward_office.core.frozen import freeze, writable_twin
from ward_office.core.staff import StaffId
from ward_office.i18n import N_
from ward_office.storage._base import Context

_COLUMNS = ("staff_id", "day", "criterion_code", "note", "recorded_by", "check_id", "source", "points")
_SELECT = f"SELECT {', '.join(_COLUMNS)}, id FROM events"
_INSERT = (f"INSERT INTO events ({', '.join(_COLUMNS)}, created_at)"
           f" VALUES ({', '.join('?' for _ in _COLUMNS)}, ?)")
_SOURCES = {member.value: member for member in EventSource}


def _values(event: Event, recorded_by: str = "") -> tuple[Any, ...]:
    """Column values; an empty ``recorded_by`` on the event is filled with ``recorded_by``."""
    return (event.staff_id, event.day.isoformat(), event.criterion_code, event.note,
            event.recorded_by or recorded_by, event.check_id, event.source.value,
            None if event.points is None else float(event.points))


def _as_row(event: Event) -> dict[str, Any]:
    return _logged(_values(event))


def _logged(values: tuple[Any, ...]) -> dict[str, Any]:
    """A row as the change log keeps it: chosen points only when there are some."""
    row = dict(zip(_COLUMNS, values, strict=True))
    if row["points"] is None:
        del row["points"]
    return row


_WritableEvent = writable_twin(Event)


def _event(row: tuple[Any, ...]) -> Event:
    event = _WritableEvent()
    (event.staff_id, day, event.criterion_code, event.note, event.recorded_by, event.check_id, source, points,
     event.id) = row
    event.points = None if points is None else Fraction(points)
    event.day = date.fromisoformat(day)
    event.source = _SOURCES[source]
    return freeze(event, Event)


class EventRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    def get(self, event_id: EventId) -> Event:
        row = self._context.conn.execute(f"{_SELECT} WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise NotFoundError(N_("No event has the number {id}"), id=event_id)
        return _event(row)

    def for_check(self, check_id: CheckId) -> list[Event]:
        rows = self._context.conn.execute(f"{_SELECT} WHERE check_id = ? ORDER BY id", (check_id,))
        return [_event(row) for row in rows]

    def add(self, event: Event, actor: str) -> Event:
        event = cleaned_event(dataclasses.replace(event, recorded_by=event.recorded_by or actor, id=None))
        with self._context.writing([event.day]) as conn:
            cursor = conn.execute(_INSERT, (*_values(event), self._context.now()))
            self._context.log(actor, ChangeAction.INSERT, "event", cursor.lastrowid, {"after": _as_row(event)})
        return dataclasses.replace(event, id=EventId(cursor.lastrowid or 0))

    def add_many(self, events: Iterable[Event], actor: str) -> int:
        """Insert many events in one transaction, all or none, logged as one import line."""
        rows = [_values(cleaned_event(event), actor) for event in events]
        if not rows:
            return 0
        days = sorted({date.fromisoformat(row[1]) for row in rows})
        now = self._context.now()
        with self._context.writing(days) as conn:
            first_id = (conn.execute("SELECT coalesce(max(id), 0) + 1 FROM events").fetchone()[0])
            conn.executemany(_INSERT, [(*row, now) for row in rows])
            self._context.log(actor, ChangeAction.IMPORT, "event", None, {
                "count": len(rows), "first_day": days[0].isoformat(), "last_day": days[-1].isoformat(),
                "first_id": first_id, "after": [_logged(row) for row in rows],
            })
        return len(rows)

    def delete(self, event_id: EventId, actor: str) -> None:
        event = self.get(event_id)
        with self._context.writing([event.day]) as conn:
            conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
            self._context.log(actor, ChangeAction.DELETE, "event", event_id, {"before": _as_row(event)})

    def list(self, start: date, end: date, staff_id: StaffId | None = None) -> list[Event]:
        """Events from ``start`` to ``end`` inclusive, by day, person and entry order."""
        if staff_id is None:
            rows = self._context.conn.execute(
                f"{_SELECT} WHERE day BETWEEN ? AND ? ORDER BY day, staff_id, id",
                (start.isoformat(), end.isoformat()),
            )
        else:
            rows = self._context.conn.execute(
                f"{_SELECT} WHERE staff_id = ? AND day BETWEEN ? AND ? ORDER BY day, id",
                (staff_id, start.isoformat(), end.isoformat()),
            )
        return [_event(row) for row in rows]

    def find(self, start: date, end: date, *, staff_id: StaffId | None = None,
             criterion_codes: Iterable[str] | None = None) -> builtins.list[Event]:
        """Events from ``start`` to ``end`` inclusive, of one person and of some criteria when given,
        by day, person and entry order; the range is chosen in SQL, so years of records cost nothing."""
        where = ["day BETWEEN ? AND ?"]
        params: list[Any] = [start.isoformat(), end.isoformat()]
        if staff_id is not None:
            where.append("staff_id = ?")
            params.append(staff_id)
        if criterion_codes is not None:
            codes = sorted(set(criterion_codes))
            if not codes:
                return []
            where.append(f"criterion_code IN ({', '.join('?' for _ in codes)})")
            params.extend(codes)
        rows = self._context.conn.execute(
            f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY day, staff_id, id", params)
        return [_event(row) for row in rows]

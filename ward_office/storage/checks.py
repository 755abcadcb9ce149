"""Spot checks: the round itself, who was seen, and the violations found, written as one unit."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from ward_office.core.checks import Check, CheckId, CheckKind, Event, EventSource
from ward_office.core.errors import NotFoundError
from ward_office.core.staff import StaffId
from ward_office.i18n import N_
from ward_office.storage._base import Context
from ward_office.storage.events import EventRepository
from ward_office.storage.records import ChangeAction

_COLUMNS = ("started_at", "kind", "checker", "location", "note")
_SELECT = f"SELECT {', '.join(_COLUMNS)}, id FROM checks"
_KINDS = {member.value: member for member in CheckKind}


def _as_row(check: Check) -> dict[str, Any]:
    return {"started_at": check.started_at.isoformat(), "kind": check.kind.value, "checker": check.checker,
            "location": check.location, "note": check.note, "seen": sorted(check.seen)}


class CheckRepository:
    def __init__(self, context: Context, events: EventRepository) -> None:
        self._context = context
        self._events = events

    def get(self, check_id: CheckId) -> Check:
        row = self._context.conn.execute(f"{_SELECT} WHERE id = ?", (check_id,)).fetchone()
        if row is None:
            raise NotFoundError(N_("No check has the number {id}"), id=check_id)
        return self._checks([row], "check_id = ?", (check_id,))[0]

    def add(self, check: Check, actor: str, events: Iterable[Event] = ()) -> tuple[Check, list[Event]]:
        """Store a check, who was seen and the violations found: all of it or, on any error, none."""
        events = list(events)
        row = _as_row(check)
        with self._context.writing([event.day for event in events]) as conn:
            cursor = conn.execute(
                f"INSERT INTO checks ({', '.join(_COLUMNS)}, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (row["started_at"], row["kind"], row["checker"], row["location"], row["note"],
                 self._context.now()),
            )
            check_id = CheckId(cursor.lastrowid or 0)
            conn.executemany("INSERT INTO check_seen (check_id, staff_id) VALUES (?, ?)",
                             [(check_id, staff_id) for staff_id in sorted(check.seen)])
            self._context.log(actor, ChangeAction.INSERT, "check", check_id, {"after": row})
            stored = [
                self._events.add(dataclasses.replace(event, check_id=check_id, source=EventSource.CHECK), actor)
                for event in events
            ]
        return dataclasses.replace(check, id=check_id), stored

    def list(self, start: date | None = None, end: date | None = None) -> list[Check]:
        """Checks begun from ``start`` to ``end`` inclusive (either may be open), oldest first."""
        low = "" if start is None else start.isoformat()
        high = "9999" if end is None else (end + timedelta(days=1)).isoformat()
        rows = self._context.conn.execute(
            f"{_SELECT} WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id", (low, high)
        ).fetchall()
        return self._checks(
            rows, "check_id IN (SELECT id FROM checks WHERE started_at >= ? AND started_at < ?)", (low, high)
        )

    def _checks(self, rows: list[tuple[Any, ...]], seen_where: str, params: tuple[Any, ...]) -> list[Check]:
        seen: dict[int, set[StaffId]] = {row[-1]: set() for row in rows}
        for check_id, staff_id in self._context.conn.execute(
            f"SELECT check_id, staff_id FROM check_seen WHERE {seen_where}", params
        ):
            seen[check_id].add(StaffId(staff_id))
        return [
            Check(datetime.fromisoformat(started_at), _KINDS[kind], checker, location, note,
                  frozenset(seen[check_id]), CheckId(check_id))
            for started_at, kind, checker, location, note, check_id in rows
        ]


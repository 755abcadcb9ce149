"""Spot checks: the round itself, who was seen, and the violations found.

A round is either entered whole after the fact (``add``: all of it or none, and finished at once) or
kept as the checker goes (``start``, then each tick and each violation in its own transaction, then
``finish``), so nothing typed is lost if the program stops half-way through a round.
"""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from ward_office.core.change_log import ChangeAction
from ward_office.core.checks import (
    Check,
    CheckFinishedError,
    CheckId,
    CheckKind,
    Event,
    EventId,
    EventSource,
    cleaned_check,
)
from ward_office.core.errors import NotFoundError
from ward_office.core.staff import StaffId
from ward_office.i18n import N_
from ward_office.storage._base import Context, changed
from ward_office.storage.events import EventRepository

_COLUMNS = ("started_at", "kind", "checker", "location", "note", "finished_at")
_SELECT = f"SELECT {', '.join(_COLUMNS)}, id FROM checks"
_KINDS = {member.value: member for member in CheckKind}


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _as_row(check: Check) -> dict[str, Any]:
    return {"started_at": check.started_at.isoformat(), "kind": check.kind.value, "checker": check.checker,
            "location": check.location, "note": check.note, "seen": sorted(check.seen),
            "finished_at": _moment(check.finished_at)}


def _finished_error(check: Check) -> CheckFinishedError:
    return CheckFinishedError(
        N_("The check of {day} is finished and can no longer be changed; only a violation recorded by "
           "mistake may be deleted"),
        day=check.day.strftime("%d/%m/%Y"),
    )


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
        """Store a whole check, who was seen and the violations found: all of it or, on any error, none.

        The check is stored finished (at ``check.finished_at``, or when it began when that is not given).
        """
        events = list(events)
        check = cleaned_check(dataclasses.replace(check, finished_at=check.finished_at or check.started_at))
        with self._context.writing([check.day, *(event.day for event in events)]) as conn:
            check_id = self._insert(conn, check)
            self._context.log(actor, ChangeAction.INSERT, "check", check_id, {"after": _as_row(check)})
            stored = [
                self._events.add(dataclasses.replace(event, check_id=check_id, source=EventSource.CHECK), actor)
                for event in events
            ]
            conn.execute("UPDATE checks SET finished_at = ? WHERE id = ?", (_moment(check.finished_at), check_id))
        return dataclasses.replace(check, id=check_id), stored

    def start(self, check: Check, actor: str) -> Check:
        """Store a check round as open: people seen and violations are added to it one by one."""
        check = cleaned_check(dataclasses.replace(check, finished_at=None))
        with self._context.writing([check.day]) as conn:
            check_id = self._insert(conn, check)
            self._context.log(actor, ChangeAction.INSERT, "check", check_id, {"after": _as_row(check)})
        return dataclasses.replace(check, id=check_id)

    def _insert(self, conn: Any, check: Check) -> CheckId:
        """The round, open, and who was seen; the caller logs and, for a whole round, finishes it."""
        cursor = conn.execute(
            f"INSERT INTO checks ({', '.join(_COLUMNS)}, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)",
            (check.started_at.isoformat(), check.kind.value, check.checker, check.location, check.note,
             self._context.now()),
        )
        check_id = CheckId(cursor.lastrowid or 0)
        conn.executemany("INSERT INTO check_seen (check_id, staff_id) VALUES (?, ?)",
                         [(check_id, staff_id) for staff_id in sorted(check.seen)])
        return check_id

    def open_check(self, check_id: CheckId) -> Check:
        """The check, which must still be open."""
        check = self.get(check_id)
        if not check.is_open:
            raise _finished_error(check)
        return check

    def set_seen(self, check_id: CheckId, staff_ids: Iterable[StaffId], seen: bool, actor: str) -> Check:
        """Mark people as seen (or not seen) in an open check, in one transaction."""
        check = self.open_check(check_id)
        wanted = set(staff_ids)
        after = check.seen | wanted if seen else check.seen - wanted
        if after == check.seen:
            return check
        with self._context.writing([check.day]) as conn:
            if seen:
                conn.executemany("INSERT INTO check_seen (check_id, staff_id) VALUES (?, ?)",
                                 [(check_id, staff_id) for staff_id in sorted(after - check.seen)])
            else:
                conn.executemany("DELETE FROM check_seen WHERE check_id = ? AND staff_id = ?",
                                 [(check_id, staff_id) for staff_id in sorted(check.seen - after)])
            self._context.log(actor, ChangeAction.UPDATE, "check", check_id,
                              changed({"seen": sorted(check.seen)}, {"seen": sorted(after)}))
        return dataclasses.replace(check, seen=frozenset(after))

    def add_violation(self, check_id: CheckId, event: Event, actor: str) -> Event:
        """Record a violation found in an open check, on the check's day; its person counts as seen."""
        check = self.open_check(check_id)
        event = dataclasses.replace(event, day=check.day, check_id=check_id, source=EventSource.CHECK)
        with self._context.writing([check.day]):
            if event.staff_id not in check.seen:
                self.set_seen(check_id, [event.staff_id], True, actor)
            return self._events.add(event, actor)

    def delete_violation(self, check_id: CheckId, event_id: EventId, actor: str) -> None:
        """Delete a violation recorded by mistake; allowed in finished checks too, and logged."""
        event = self._events.get(event_id)
        if event.check_id != check_id:
            raise NotFoundError(N_("No event has the number {id}"), id=event_id)
        self._events.delete(event_id, actor)

    def finish(self, check_id: CheckId, at: datetime, actor: str) -> Check:
        check = self.open_check(check_id)
        finished = dataclasses.replace(check, finished_at=at)
        with self._context.writing() as conn:
            conn.execute("UPDATE checks SET finished_at = ? WHERE id = ?", (_moment(at), check_id))
            self._context.log(actor, ChangeAction.UPDATE, "check", check_id,
                              changed(_as_row(check), _as_row(finished)))
        return finished

    def list(self, start: date | None = None, end: date | None = None, *, with_seen: bool = True) -> list[Check]:
        """Checks begun from ``start`` to ``end`` inclusive (either may be open), oldest first; without
        ``with_seen`` nobody is listed as seen (ten years of rounds saw a quarter of a million people)."""
        low = "" if start is None else start.isoformat()
        high = "9999" if end is None else (end + timedelta(days=1)).isoformat()
        rows = self._context.conn.execute(
            f"{_SELECT} WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id", (low, high)
        ).fetchall()
        if not with_seen:
            return self._checks(rows, "0", ())
        return self._checks(
            rows, "check_id IN (SELECT id FROM checks WHERE started_at >= ? AND started_at < ?)", (low, high)
        )

    def list_open(self) -> builtins.list[Check]:
        """Checks not finished yet, oldest first."""
        rows = self._context.conn.execute(
            f"{_SELECT} WHERE finished_at IS NULL ORDER BY started_at, id").fetchall()
        return self._checks(rows, "check_id IN (SELECT id FROM checks WHERE finished_at IS NULL)", ())

    def violation_counts(self) -> dict[CheckId, int]:
        """How many events each check has (checks without any are left out)."""
        rows = self._context.conn.execute(
            "SELECT check_id, count(*) FROM events WHERE check_id IS NOT NULL GROUP BY check_id")
        return {CheckId(check_id): count for check_id, count in rows}

    def _checks(self, rows: Sequence[tuple[Any, ...]], seen_where: str,
                params: tuple[Any, ...]) -> builtins.list[Check]:
        seen: dict[int, set[StaffId]] = {row[-1]: set() for row in rows}
        for check_id, staff_id in self._context.conn.execute(
            f"SELECT check_id, staff_id FROM check_seen WHERE {seen_where}", params
        ):
            seen[check_id].add(StaffId(staff_id))
        return [
            Check(datetime.fromisoformat(started_at), _KINDS[kind], checker, location, note,
                  frozenset(seen[check_id]), CheckId(check_id),
                  None if finished_at is None else datetime.fromisoformat(finished_at))
            for started_at, kind, checker, location, note, finished_at, check_id in rows
        ]

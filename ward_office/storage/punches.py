"""Punches as the clock logged them, and the column mappings remembered for clock exports.

Punches are only ever added: the unique (clock id, time, device) key makes re-importing a file a no-op,
and one change log line per batch (with counts) records who brought which file in. Who a clock id
belongs to is the staff list's business (staff.clock_id), so a punch row never needs rewriting.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from ward_office.core.clock import Punch
from ward_office.storage._base import Context, changed
from ward_office.storage.records import ChangeAction

_INSERT = ("INSERT OR IGNORE INTO punches (clock_id, at, device, day, source_file, imported_at, imported_by)"
           " VALUES (?, ?, ?, ?, ?, ?, ?)")

PunchKey = tuple[str, str, str]  # clock id, ISO time to the second, device: the unique key of a stored punch


def punch_key(punch: Punch) -> PunchKey:
    return punch.clock_id, punch.at.isoformat(timespec="seconds"), punch.device


class PunchRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    def add_many(self, punches: Iterable[Punch], source_file: str, actor: str) -> int:
        """Store the punches not stored yet, all or none; returns how many were new.

        Nothing new means nothing written, not even a log line, so importing a file twice changes nothing.
        """
        now = self._context.now()
        rows = [(*punch_key(punch), punch.at.date().isoformat(), source_file, now, actor) for punch in punches]
        if not rows:
            return 0
        rows.sort()  # in key order the unique index grows at its end: a fifth faster for a year of punches
        days = sorted({date.fromisoformat(row[3]) for row in rows})
        with self._context.writing(days) as conn:
            before = conn.total_changes
            conn.executemany(_INSERT, rows)
            added = conn.total_changes - before
            if added:
                self._context.log(actor, ChangeAction.IMPORT, "punch", None, {
                    "source_file": source_file, "read": len(rows), "added": added,
                    "first_day": days[0].isoformat(), "last_day": days[-1].isoformat(),
                    "devices": sorted({row[2] for row in rows}),
                })
        return added

    def between(self, start: date, end: date, clock_id: str | None = None) -> list[Punch]:
        """Punches from ``start`` to ``end`` inclusive, by time; of one clock id if given."""
        sql = "SELECT clock_id, at, device FROM punches WHERE day BETWEEN ? AND ?"
        params: list[Any] = [start.isoformat(), end.isoformat()]
        if clock_id is not None:
            sql += " AND clock_id = ?"
            params.append(clock_id)
        rows = self._context.conn.execute(sql + " ORDER BY at, clock_id, device", params)
        return [Punch(clock_id, datetime.fromisoformat(at), device) for clock_id, at, device in rows]

    def stored_keys(self, start: date, end: date) -> set[PunchKey]:
        """The keys of the punches stored from ``start`` to ``end``, to tell a file's new punches apart."""
        rows = self._context.conn.execute(
            "SELECT clock_id, at, device FROM punches WHERE day BETWEEN ? AND ?", (start.isoformat(), end.isoformat())
        )
        return {(clock_id, at, device) for clock_id, at, device in rows}

    def days_with_punches(self, start: date | None = None, end: date | None = None,
                          clock_id: str | None = None) -> list[date]:
        """Days that have at least one punch (of ``clock_id`` if given), in order."""
        sql = "SELECT DISTINCT day FROM punches WHERE day BETWEEN ? AND ?"
        params: list[Any] = [(start or date.min).isoformat(), (end or date.max).isoformat()]
        if clock_id is not None:
            sql += " AND clock_id = ?"
            params.append(clock_id)
        return [date.fromisoformat(row[0]) for row in self._context.conn.execute(sql + " ORDER BY day", params)]

    def clock_ids(self) -> dict[str, int]:
        """Every clock id with punches stored, and how many."""
        rows = self._context.conn.execute("SELECT clock_id, count(*) FROM punches GROUP BY clock_id ORDER BY clock_id")
        return dict(rows.fetchall())

    def count(self) -> int:
        return self._context.conn.execute("SELECT count(*) FROM punches").fetchone()[0]

    # ---- Column mappings of CSV/XLSX clock exports, one per source ----

    def get_mapping(self, name: str) -> dict[str, Any] | None:
        row = self._context.conn.execute("SELECT body FROM clock_mappings WHERE name = ?", (name,)).fetchone()
        return None if row is None else json.loads(row[0])

    def save_mapping(self, name: str, body: Mapping[str, Any], actor: str) -> None:
        """Remember (or replace) the column mapping called ``name``."""
        text = json.dumps(dict(body), ensure_ascii=False, sort_keys=True)
        with self._context.writing() as conn:
            old = self.get_mapping(name)
            if old == json.loads(text):
                return  # the same mapping again: nothing to write, nothing to log
            conn.execute(
                "INSERT INTO clock_mappings (name, body, saved_at, saved_by) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at,"
                " saved_by = excluded.saved_by",
                (name, text, self._context.now(), actor),
            )
            if old is None:
                self._context.log(actor, ChangeAction.INSERT, "clock_mapping", name, {"after": dict(body)})
            elif old != json.loads(text):
                self._context.log(actor, ChangeAction.UPDATE, "clock_mapping", name, changed(old, json.loads(text)))

    def mapping_names(self) -> list[str]:
        return [row[0] for row in self._context.conn.execute("SELECT name FROM clock_mappings ORDER BY name")]

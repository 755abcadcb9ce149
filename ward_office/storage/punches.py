"""Punches as the clock logged them, and the column mappings remembered for clock exports.

Punches are only ever added: the unique (clock id, time, device) key makes re-importing a file a no-op,
and one change log line per batch (with counts) records who brought which file in. Who a clock id
belongs to is the staff list's business (staff.clock_id), so a punch row never needs rewriting.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from itertools import islice
from typing import Any

from ward_office.core.change_log import ChangeAction
from ward_office.core.clock import Punch
from ward_office.storage._base import Context, changed
from ward_office.storage.migrations.locked_sql import LOCKED
from ward_office.storage.row_guards import guards_set_aside, index_rebuilt, last_id, refuse_bad_rows

_INSERT = ("INSERT OR IGNORE INTO punches (clock_id, at, device, day, source_file, imported_at, imported_by)"
           " VALUES (?, ?, ?, ?, ?, ?, ?)")

# The unique key of a stored punch, (clock id, time, device), with the time in whole seconds since 1970: quicker
# to compare than its ISO text.
StoredKey = tuple[str, int, str]
_PIECE = 50_000  # punches written per executemany
_FIRST_LOCKED = f"SELECT min(value) FROM json_each(?) WHERE {LOCKED.format(day='value')}"
_EPOCH, _SECOND = datetime(1970, 1, 1), timedelta(seconds=1)


def _text(at: datetime) -> str:
    """The time as the punches table keeps it, to the second."""
    return at.isoformat(timespec="seconds") if at.microsecond else at.isoformat()  # the same text, quicker


def stored_key(punch: Punch) -> StoredKey:
    """The key ``stored_keys`` gives the punch once stored."""
    return punch.clock_id, (punch.at - _EPOCH) // _SECOND, punch.device


@dataclass(frozen=True, slots=True)
class JudgedDay:
    """A day a clock import derived: the digest it remembered (``inputs`` + ":" + the attendance digest), and
    the day's attendance as it is now."""

    remembered: str
    attendance: str  # digest of the day's attendance rows now
    hand_entered: tuple[int, ...]  # staff id of each record of the day not derived from the clock

    def unchanged(self, inputs: str) -> bool:
        return self.remembered == f"{inputs}:{self.attendance}"


def digest(text: str) -> str:
    """The short digest a clock import keeps of what it read and of a day's attendance."""
    import hashlib  # only when the clock derives attendance, not at every start

    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@cache
def _no_attendance() -> tuple[str, tuple[int, ...]]:
    """What ``attendance_digests`` would say of a day without attendance rows."""
    return digest(""), ()


# Every column derivation reads or writes, per row, in one JSON text per day; ordered so a day's text is the
# same whatever order its rows were written in.
_DIGEST_SQL = """
    SELECT day, json_group_array(json_array(staff_id, session, status, late_minutes, early_minutes, leave_code,
                                            missing_punch, source, note)),
           group_concat(CASE WHEN source <> 'clock' THEN staff_id END)
    FROM (SELECT * FROM attendance WHERE day BETWEEN ? AND ? ORDER BY day, staff_id, session)
    GROUP BY day
"""


def attendance_digests(conn: sqlite3.Connection, start: date, end: date) -> dict[str, tuple[str, tuple[int, ...]]]:
    """Per day (ISO text) with attendance: a digest of its rows, and the staff id of each record not derived
    from the clock."""
    return {day: (digest(text),
                  tuple(int(staff_id) for staff_id in hand.split(",")) if hand else ())
            for day, text, hand in conn.execute(_DIGEST_SQL, (start.isoformat(), end.isoformat()))}


def remember_judged(conn: sqlite3.Connection, judged: Mapping[date, str], now: str) -> None:
    """Remember that the clock derived ``judged`` days with those inputs, next to their attendance as
    written now; call inside the transaction that wrote it."""
    if not judged:
        return
    first, last = min(judged), max(judged)
    digests = attendance_digests(conn, first, last)
    conn.executemany(
        "INSERT INTO clock_judged_days (day, inputs, judged_at) VALUES (?, ?, ?)"
        " ON CONFLICT (day) DO UPDATE SET inputs = excluded.inputs, judged_at = excluded.judged_at",
        [(day.isoformat(), f"{inputs}:{digests.get(day.isoformat(), _no_attendance())[0]}", now)
         for day, inputs in sorted(judged.items())])


def _remember_file(conn: sqlite3.Connection, key: str, body: Mapping[str, Any], now: str) -> None:
    conn.execute("INSERT INTO clock_file_previews (key, body, remembered_at) VALUES (?, ?, ?)"
                 " ON CONFLICT (key) DO UPDATE SET body = excluded.body, remembered_at = excluded.remembered_at",
                 (key, json.dumps(dict(body), ensure_ascii=False), now))


class PunchRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    def add_many(self, punches: Iterable[Punch], source_file: str, actor: str, *,
                 file_read: tuple[str, Mapping[str, Any]] | None = None) -> int:
        """Store the punches not stored yet, all or none; returns how many were new. ``file_read`` (a key and a
        body) is what reading the file gave, remembered with its punches (``remembered_file``): a cache, not
        logged.

        Nothing new means nothing logged, so importing a file twice changes nothing. The table's CHECKs and lock
        trigger are checked once for the whole batch (``row_guards``): a punch they refuse refuses the batch with
        the table's own words.
        """
        by_clock_id: dict[str, list[Punch]] = {}
        for punch in punches:
            by_clock_id.setdefault(punch.clock_id, []).append(punch)
        if not by_clock_id and file_read is None:
            return 0
        now = self._context.now()
        days: set[date] = set()
        devices: set[str] = set()
        read = 0
        with self._context.writing(days) as conn:
            if file_read is not None:
                _remember_file(conn, *file_read, now)
            before, first_new = conn.total_changes, last_id(conn, "punches")
            # In key order the unique index grows at its end: a fifth faster for a year of punches. Sorted one
            # clock id at a time and written a piece at a time, so a year of punches is never held as rows.
            in_key_order = (row for clock_id in sorted(by_clock_id) for row in sorted(
                (clock_id, at, punch.device, at[:10], source_file, now, actor)
                for punch in by_clock_id[clock_id] for at in (_text(punch.at),)))
            day_texts: set[str] = set()
            offered = sum(map(len, by_clock_id.values()))
            first_import = 0 < offered >= first_new  # as many punches as the table holds, or more
            # The table's checks are made once for the whole file below, before the transaction ends.
            with index_rebuilt(conn, "punches_by_day", first_import), guards_set_aside(conn, "punches") as guards:
                while rows := list(islice(in_key_order, _PIECE)):
                    read += len(rows)
                    day_texts.update({row[3] for row in rows})
                    devices.update({row[2] for row in rows})
                    conn.executemany(_INSERT, rows)
            days.update(map(date.fromisoformat, day_texts))
            # The lock trigger refused a punch already stored too: every day offered is checked.
            locked = conn.execute(_FIRST_LOCKED, (json.dumps(sorted(day_texts)),)).fetchone()[0]
            if locked is not None:
                raise sqlite3.IntegrityError("period_locked")  # worded by Context.writing, as the trigger's own
            refuse_bad_rows(conn, guards, first_new)
            added = conn.total_changes - before
            if added:
                self._context.log(actor, ChangeAction.IMPORT, "punch", None, {
                    "source_file": source_file, "read": read, "added": added,
                    "first_day": min(days).isoformat(), "last_day": max(days).isoformat(),
                    "devices": sorted(devices),
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

    def stored_keys(self, start: date, end: date) -> set[StoredKey]:
        """The keys of the punches stored from ``start`` to ``end``, to tell a file's new punches apart."""
        return set(self._context.conn.execute(
            "SELECT clock_id, CAST(strftime('%s', at) AS INTEGER), device FROM punches WHERE day BETWEEN ? AND ?",
            (start.isoformat(), end.isoformat())))

    def count_by_day(self, start: date, end: date) -> dict[date, int]:
        """How many punches are stored on each day from ``start`` to ``end`` that has any."""
        rows = self._context.conn.execute(
            "SELECT day, count(*) FROM punches WHERE day BETWEEN ? AND ? GROUP BY day",
            (start.isoformat(), end.isoformat()))
        return {date.fromisoformat(day): count for day, count in rows}

    def judged_days(self, start: date, end: date) -> dict[date, JudgedDay]:
        """The days from ``start`` to ``end`` a clock import derived, with the digest of what that derivation
        read and of the day's attendance now (see ``attendance.apply_clock``)."""
        conn = self._context.conn
        remembered = dict(conn.execute("SELECT day, inputs FROM clock_judged_days WHERE day BETWEEN ? AND ?",
                                       (start.isoformat(), end.isoformat())))
        if not remembered:
            return {}
        now = attendance_digests(conn, start, end)
        return {date.fromisoformat(day): JudgedDay(inputs, *now.get(day, _no_attendance()))
                for day, inputs in remembered.items()}

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
        return int(self._context.conn.execute("SELECT count(*) FROM punches").fetchone()[0])

    # ---- What importing a clock file read, remembered by the digest of the file and of what reading it used ----

    def remembered_file(self, key: str) -> dict[str, Any] | None:
        """What was remembered under ``key`` (``add_many``'s ``file_read``), or None."""
        row = self._context.conn.execute("SELECT body FROM clock_file_previews WHERE key = ?", (key,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    # ---- Column mappings of CSV/XLSX clock exports, one per source, and of staff sheets (kind "staff") ----

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

    def mapping_names(self, kind: str = "clock") -> list[str]:
        """The names of the saved mappings of one kind: a clock's ("kind" unset) or a staff sheet's ("staff")."""
        return [row[0] for row in self._context.conn.execute(
            "SELECT name FROM clock_mappings WHERE coalesce(json_extract(body, '$.kind'), 'clock') = ? ORDER BY name",
            (kind,))]

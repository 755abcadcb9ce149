"""Attendance exceptions per person, day and session; no row means present and on time."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from ward_office.core.attendance import Attendance, AttendanceId, AttendanceStatus, LeaveCode, RecordSource
from ward_office.core.change_log import ChangeAction
from ward_office.core.frozen import freeze, writable_twin
from ward_office.core.schedule import Session
from ward_office.core.staff import StaffId
from ward_office.i18n import N_
from ward_office.storage._base import Context, changed
from ward_office.storage.errors import DuplicateError
from ward_office.storage.row_guards import RowGuards, guards_set_aside, last_id, refuse_bad_rows

_COLUMNS = ("staff_id", "day", "session", "status", "late_minutes", "early_minutes", "leave_code",
            "missing_punch", "source", "note", "recorded_by")
_SELECT = f"SELECT {', '.join(_COLUMNS)}, id FROM attendance"
_INSERT = (f"INSERT INTO attendance ({', '.join(_COLUMNS)}, updated_at)"
           f" VALUES ({', '.join('?' for _ in _COLUMNS)}, ?)")
_UPSERT = (_INSERT + " ON CONFLICT (staff_id, day, session) DO UPDATE SET "
           + ", ".join(f"{column} = excluded.{column}" for column in (*_COLUMNS[3:], "updated_at")))
_MORNING_FIRST = "session <> 'morning'"
_SESSIONS = {member.value: member for member in Session}
_STATUSES = {member.value: member for member in AttendanceStatus}
_LEAVE_CODES = {member.value: member for member in LeaveCode}
_SOURCES = {member.value: member for member in RecordSource}


# Each member's text, looked up: an enum's ``.value`` is a property, half the cost of a clock import's rows.
_TEXT: dict[Any, str | None] = {member: member.value for kind in (Session, AttendanceStatus, LeaveCode, RecordSource)
                                for member in kind} | {None: None}


def _values(record: Attendance, recorded_by: str = "") -> tuple[Any, ...]:
    """Column values; an empty ``recorded_by`` on the record is filled with ``recorded_by``."""
    text = _TEXT
    return (record.staff_id, record.day.isoformat(), text[record.session], text[record.status],
            record.late_minutes, record.early_minutes, text[record.leave_code], int(record.missing_punch),
            text[record.source], record.note, record.recorded_by or recorded_by)


def _as_row(record: Attendance) -> dict[str, Any]:
    return dict(zip(_COLUMNS, _values(record), strict=True))


_WritableAttendance = writable_twin(Attendance)


def _attendance(row: tuple[Any, ...]) -> Attendance:
    """The record a row holds, made without ``Attendance.__init__``: the checks of its ``__post_init__`` are the
    table's CHECK constraints (minutes not negative, a leave code for leave and only for leave, no minutes unless
    present), so they hold already, and a year of a big ward is tens of thousands of rows."""
    record = _WritableAttendance()
    (record.staff_id, day, session, status, record.late_minutes, record.early_minutes, leave_code, missing_punch,
     source, record.note, record.recorded_by, record.id) = row
    record.day = date.fromisoformat(day)
    record.session = _SESSIONS[session]
    record.status = _STATUSES[status]
    record.leave_code = None if leave_code is None else _LEAVE_CODES[leave_code]
    record.missing_punch = bool(missing_punch)
    record.source = _SOURCES[source]
    return freeze(record, Attendance)


def _duplicate(staff_id: int, day: str, session: str) -> DuplicateError:
    return DuplicateError(N_("Staff member {staff_id} already has a record for {day} ({session})"),
                          staff_id=staff_id, day=day, session=session)


class AttendanceRepository:
    def __init__(self, context: Context) -> None:
        self._context = context

    def get(self, staff_id: StaffId, day: date, session: Session) -> Attendance | None:
        row = self._context.conn.execute(
            f"{_SELECT} WHERE staff_id = ? AND day = ? AND session = ?",
            (staff_id, day.isoformat(), session.value),
        ).fetchone()
        return None if row is None else _attendance(row)

    def by_id(self, record_id: AttendanceId) -> Attendance | None:
        row = self._context.conn.execute(f"{_SELECT} WHERE id = ?", (record_id,)).fetchone()
        return None if row is None else _attendance(row)

    def for_day(self, day: date) -> list[Attendance]:
        return self.between(day, day)

    def between(self, start: date, end: date, staff_id: StaffId | None = None) -> list[Attendance]:
        """Records from ``start`` to ``end`` inclusive, by day, person and session."""
        if staff_id is None:
            rows = self._context.conn.execute(
                f"{_SELECT} WHERE day BETWEEN ? AND ? ORDER BY day, staff_id, {_MORNING_FIRST}",
                (start.isoformat(), end.isoformat()),
            )
        else:
            rows = self._context.conn.execute(
                f"{_SELECT} WHERE staff_id = ? AND day BETWEEN ? AND ? ORDER BY day, {_MORNING_FIRST}",
                (staff_id, start.isoformat(), end.isoformat()),
            )
        return [_attendance(row) for row in rows]

    def on_leave(self, start: date, end: date, codes: Iterable[LeaveCode]) -> list[Attendance]:
        """The leave records from ``start`` to ``end`` inclusive with one of ``codes``, in no set order: what a
        plan's rules on leave and its long leave read, which ``scorable`` leaves out."""
        wanted = sorted({code.value for code in codes})
        if not wanted:
            return []
        rows = self._context.conn.execute(
            f"{_SELECT} WHERE day BETWEEN ? AND ? AND status = 'leave' AND leave_code IN"
            f" ({', '.join('?' * len(wanted))})", (start.isoformat(), end.isoformat(), *wanted))
        return [_attendance(row) for row in rows]

    def scorable(self, start: date, end: date, grace_minutes: int) -> list[Attendance]:
        """The records from ``start`` to ``end`` inclusive that can score, in no set order (scoring orders them
        itself): absent, or present and later or earlier than ``grace_minutes`` allow or with a punch missing.
        Leave and on-time records, most of a big ward's rows, are not read."""
        rows = self._context.conn.execute(
            f"{_SELECT} WHERE day BETWEEN ? AND ? AND (status = 'absent' OR (status = 'present'"
            " AND (late_minutes > ? OR early_minutes > ? OR missing_punch)))",
            (start.isoformat(), end.isoformat(), grace_minutes, grace_minutes),
        )
        return [_attendance(row) for row in rows]

    def set(self, record: Attendance, actor: str) -> Attendance:
        """Record what happened in one session, replacing what was recorded for it before."""
        record = dataclasses.replace(record, recorded_by=record.recorded_by or actor, id=None)
        with self._context.writing([record.day]) as conn:
            old = self.get(record.staff_id, record.day, record.session)
            conn.execute(_UPSERT, (*_values(record), self._context.now()))
            if old is None:
                record_id = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
                self._context.log(actor, ChangeAction.INSERT, "attendance", record_id, {"after": _as_row(record)})
            else:
                record_id = old.id
                self._context.log(actor, ChangeAction.UPDATE, "attendance", record_id,
                                  changed(_as_row(old), _as_row(record)))
        return dataclasses.replace(record, id=AttendanceId(record_id))

    def clear(self, staff_id: StaffId, day: date, session: Session, actor: str) -> bool:
        """Back to present and on time; False if there was nothing to clear."""
        with self._context.writing([day]) as conn:
            old = self.get(staff_id, day, session)
            if old is None:
                return False
            conn.execute("DELETE FROM attendance WHERE id = ?", (old.id,))
            self._context.log(actor, ChangeAction.DELETE, "attendance", old.id, {"before": _as_row(old)})
        return True

    def add_many(self, records: Iterable[Attendance], actor: str, *, replace: bool = False) -> int:
        """Write many records in one transaction, all or none, logged as one import line.

        Without ``replace`` a session already recorded stops the whole import; with it the new record
        wins and the old ones are kept in the log line.
        """
        rows = []
        keys: set[tuple[Any, ...]] = set()
        for record in records:
            row = _values(record, actor)
            if row[:3] in keys:
                raise _duplicate(*row[:3])
            keys.add(row[:3])
            rows.append(row)
        if not rows:
            return 0
        days = sorted({date.fromisoformat(row[1]) for row in rows})
        now = self._context.now()
        with self._context.writing(days) as conn:
            clashes = [key for key in conn.execute(
                "SELECT staff_id, day, session FROM attendance WHERE day BETWEEN ? AND ?",
                (days[0].isoformat(), days[-1].isoformat()),
            ) if key in keys]
            detail: dict[str, Any] = {"count": len(rows), "first_day": days[0].isoformat(),
                                      "last_day": days[-1].isoformat(),
                                      "after": [dict(zip(_COLUMNS, row, strict=True)) for row in rows]}
            if clashes and not replace:
                raise _duplicate(*clashes[0])
            if clashes:
                replaced = [self.get(staff_id, date.fromisoformat(day), _SESSIONS[session])
                            for staff_id, day, session in clashes]
                detail["replaced"] = [_as_row(old) for old in replaced if old is not None]
            conn.executemany(_UPSERT if replace else _INSERT, [(*row, now) for row in rows])
            self._context.log(actor, ChangeAction.IMPORT, "attendance", None, detail)
        return len(rows)

    def apply_clock(self, derived: Iterable[Attendance], removed: Iterable[Attendance], actor: str, *,
                    judged: Mapping[date, str] | None = None) -> int:
        """Write what the clock derived, in one transaction logged as one import line a month; returns rows
        changed.

        ``derived`` records (source CLOCK) are added or replace earlier CLOCK records of their session;
        ``removed`` are earlier CLOCK records the punches no longer support. A record entered by a person
        (source manual or import) is never touched, whatever the caller passes: the SQL itself refuses.
        ``judged`` are the days derived, each with a digest of what its derivation read: remembered in the
        same transaction with the day's attendance as written (``punches.remember_judged``), so importing the
        same punches again need not derive the day again.
        """
        derived = list(derived)
        removed = list(removed)
        if any(record.source is not RecordSource.CLOCK for record in (*derived, *removed)):
            # The clock import builds these records: a caller's mistake, never the user's.
            raise ValueError("apply_clock writes and removes clock records only")
        if not derived and not removed and not judged:
            return 0
        days = sorted({record.day for record in (*derived, *removed)})
        now = self._context.now()
        with self._context.writing(days) as conn:
            count = 0
            first_new = last_id(conn, "attendance")
            # A month at a time, each month its own log line: the records already there are read, and the log's
            # JSON is built, a month at a time (a year of a big ward in one line is tens of megabytes at once).
            for (first, last), (month_derived, month_removed) in _by_month(derived, removed):
                count += self._apply_clock_month(conn, (first, last), month_derived, month_removed, actor, now)
            refuse_bad_rows(conn, RowGuards.of(conn, "attendance"), first_new)
            _remember_judged(conn, judged or {}, now)
        return count

    def _apply_clock_month(self, conn: sqlite3.Connection, month: tuple[date, date], derived: list[Attendance],
                           removed: list[Attendance], actor: str, now: str) -> int:
        """One month of ``apply_clock``, logged as its own line; returns rows changed."""
        first, last = month
        before = {(old.staff_id, old.day, old.session): old for old in self.between(first, last)}
        added: list[tuple[Any, ...]] = []
        replaced: list[dict[str, Any]] = []
        gone: list[dict[str, Any]] = []
        rows, new_rows = [], []
        for record in derived:
            old = before.get((record.staff_id, record.day, record.session))
            if old is not None and old.source is not RecordSource.CLOCK:
                continue
            values = _values(record, actor)
            if old is None:  # nothing there to conflict with: a plain insert, a third quicker
                new_rows.append((*values, now))
                added.append(values)
            else:
                rows.append((*values, now))
                replaced.append(changed(_as_row(old), dict(zip(_COLUMNS, values, strict=True))))
        if new_rows:
            with guards_set_aside(conn, "attendance"):  # apply_clock checks the rows once for all
                conn.executemany(_INSERT, new_rows)
        conn.executemany(_UPSERT + " WHERE attendance.source = 'clock'", rows)
        rows += new_rows
        for record in removed:
            old = before.get((record.staff_id, record.day, record.session))
            if old is None or old.source is not RecordSource.CLOCK:
                continue
            conn.execute("DELETE FROM attendance WHERE id = ? AND source = 'clock'", (old.id,))
            gone.append(_as_row(old))
        if not rows and not gone:
            return 0
        self._context.log(actor, ChangeAction.IMPORT, "attendance", None, {
            "source": RecordSource.CLOCK.value, "first_day": first.isoformat(),
            "last_day": last.isoformat(), "added": len(added), "replaced": replaced,
            "removed": gone, "columns": list(_COLUMNS), "added_rows": added,
        })
        return len(rows) + len(gone)


def _remember_judged(conn: sqlite3.Connection, judged: Mapping[date, str], now: str) -> None:
    """``punches.remember_judged``: the clock's records (storage.punches, core.clock) load with a clock import, not
    with the window's start."""
    from ward_office.storage.punches import remember_judged

    remember_judged(conn, judged, now)


def _by_month(derived: list[Attendance], removed: list[Attendance],
              ) -> list[tuple[tuple[date, date], tuple[list[Attendance], list[Attendance]]]]:
    """The records of each month, in the order given, with the first and last day they cover in it."""
    months: dict[tuple[int, int], tuple[list[Attendance], list[Attendance]]] = {}
    for position, records in enumerate((derived, removed)):
        for record in records:
            months.setdefault((record.day.year, record.day.month), ([], []))[position].append(record)
    found = []
    for _month, (month_derived, month_removed) in sorted(months.items()):
        month_days = [record.day for record in (*month_derived, *month_removed)]
        found.append(((min(month_days), max(month_days)), (month_derived, month_removed)))
    return found

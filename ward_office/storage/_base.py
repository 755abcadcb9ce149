"""What every repository shares: one transaction per write, the change log line, error translation.

A repository method that writes does so inside ``Context.writing()``: a transaction (a savepoint when
the caller already opened one), closed only after the change log line is in, so the log can never
disagree with the data.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

from ward_office.core.change_log import ChangeAction
from ward_office.core.checks import CheckFinishedError
from ward_office.core.errors import PeriodLockedError, WardOfficeError
from ward_office.i18n import N_
from ward_office.storage.database import sqlite_database
from ward_office.storage.errors import DatabaseError, DuplicateError
from ward_office.storage.log_chain import append_line
from ward_office.storage.writer_lock import view_only_error

Clock = Callable[[], datetime]


def local_now() -> datetime:
    return datetime.now().astimezone()


def day_text(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def day_value(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def time_text(moment: datetime) -> str:
    return moment.isoformat()


class Context:
    """The connection plus the rules for writing through it."""

    def __init__(self, conn: sqlite3.Connection, *, read_only: bool = False,
                 clock: Clock = local_now) -> None:
        self.conn = conn
        self.read_only = read_only
        self.read_only_reason: WardOfficeError | None = None  # why, when another program holds the book
        self.clock = clock

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the connection, made at the first write (its import is slow; see ``MigrationSet``)."""
        return sqlite_database(self.conn)

    def now(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    @contextmanager
    def writing(self, days: Iterable[date] = ()) -> Iterator[sqlite3.Connection]:
        """One transaction; ``days`` are the days written, to name one in a locked-period error."""
        if self.read_only:
            raise view_only_error(self.read_only_reason)
        try:
            with self.db.atomic():
                yield self.conn
        except sqlite3.IntegrityError as error:
            raise self.translate(error, days) from error

    def translate(self, error: sqlite3.IntegrityError, days: Iterable[date]) -> Exception:
        text = str(error)
        if "period_locked" in text:
            day = self.first_locked_day(days)
            if day is None:
                return PeriodLockedError(N_("These records belong to a locked period"))
            return PeriodLockedError(
                N_("{day} belongs to a locked period: its records cannot be changed. Only the head can unlock "
                   "the period."),
                day=day.isoformat(),
            )
        if "staff_dates_locked" in text:
            return PeriodLockedError(N_("This would change who is scored on days of a locked period (a first or "
                                        "last working day, or a person, in a locked period); unlock that period "
                                        "first"))
        if "period_lock_unlogged" in text:
            return DatabaseError(N_("A period is locked or unlocked only through the program, which writes it in "
                                    "the change log"))
        if "check_finished" in text:
            return CheckFinishedError(N_("This check round is finished; only a violation recorded by mistake may "
                                         "be deleted"))
        unique = re.search(r"UNIQUE constraint failed: (.+)$", text)
        if unique:
            return DuplicateError(N_("Another record already has the same {columns}"), columns=unique[1])
        if "FOREIGN KEY" in text:
            return DatabaseError(
                N_("The change refers to a record that does not exist, or removes one still in use")
            )
        return DatabaseError(N_("The database refused the change: {reason}"), reason=text)

    def first_locked_day(self, days: Iterable[date]) -> date | None:
        for day in sorted(set(days)):
            if self.is_locked(day):
                return day
        return None

    def is_locked(self, day: date) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM periods WHERE state = 'locked' AND ? BETWEEN start_day AND end_day LIMIT 1",
            (day.isoformat(),),
        ).fetchone()
        return row is not None

    def log(self, actor: str, action: ChangeAction, entity: str, entity_id: object | None,
            detail: Mapping[str, Any]) -> None:
        """Append a change log line; call only inside ``writing()``."""
        if not actor.strip():
            raise DatabaseError(N_("Every change needs the name of the person who makes it"))
        append_line(self.conn, self.now(), actor, action.value, entity, None if entity_id is None else str(entity_id),
                    json.dumps(detail, ensure_ascii=False, default=str))


def changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """The log detail of an update: whole rows before and after, and which columns differ."""
    return {
        "before": dict(before),
        "after": dict(after),
        "changed": sorted(key for key in after if before.get(key) != after[key]),
    }

"""One object to hand to services: the open database and a repository per kind of record."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from ward_office.core.errors import WardOfficeError
from ward_office.storage import writer_lock
from ward_office.storage._base import Clock, Context, local_now
from ward_office.storage.accounts import AccountRepository
from ward_office.storage.attendance import AttendanceRepository
from ward_office.storage.checks import CheckRepository
from ward_office.storage.clean_close import record_clean_close
from ward_office.storage.database import open_database, schema_version
from ward_office.storage.departments import DepartmentRepository
from ward_office.storage.events import EventRepository
from ward_office.storage.plans import PlanRepository
from ward_office.storage.schedule import ScheduleRepository
from ward_office.storage.staff import StaffRepository
from ward_office.storage.unit import UnitRepository

if TYPE_CHECKING:
    import sqlite_utils

    from ward_office.storage.change_log import ChangeLogRepository
    from ward_office.storage.entered_scores import EnteredScoreRepository
    from ward_office.storage.excuses import ExcuseRepository
    from ward_office.storage.periods import PeriodRepository
    from ward_office.storage.punches import PunchRepository
    from ward_office.storage.quota_decisions import QuotaDecisionRepository
    from ward_office.storage.reviews import ReviewRepository
    from ward_office.storage.snapshots import SnapshotRepository


class Store:
    """The ward's record on disk.

    ::

        with Store.open(path) as store:
            with store.atomic():  # both or neither
                store.attendance.set(record, actor="Lan")
                store.events.add(event, actor="Lan")
    """

    def __init__(self, conn: sqlite3.Connection, *, read_only: bool = False, clock: Clock = local_now) -> None:
        self._context = Context(conn, read_only=read_only, clock=clock)
        self._writer: Path | None = None  # this process's hold on the book, released on close
        self._book: Path | None = None  # the file, when open for writing: its clean close is recorded
        self.unit = UnitRepository(self._context)
        self.departments = DepartmentRepository(self._context)
        self.staff = StaffRepository(self._context)
        self.schedule = ScheduleRepository(self._context)
        self.attendance = AttendanceRepository(self._context)
        self.events = EventRepository(self._context)
        self.checks = CheckRepository(self._context, self.events)
        self.plans = PlanRepository(self._context)
        self.accounts = AccountRepository(self._context)

    # The records the window's start does not read load with their first use (about 20-30 ms of imports).

    @cached_property
    def change_log(self) -> ChangeLogRepository:
        from ward_office.storage.change_log import ChangeLogRepository

        return ChangeLogRepository(self._context)

    @cached_property
    def punches(self) -> PunchRepository:
        from ward_office.storage.punches import PunchRepository

        return PunchRepository(self._context)

    @cached_property
    def periods(self) -> PeriodRepository:
        from ward_office.storage.periods import PeriodRepository

        return PeriodRepository(self._context)

    @cached_property
    def snapshots(self) -> SnapshotRepository:
        from ward_office.storage.snapshots import SnapshotRepository

        return SnapshotRepository(self._context)

    @cached_property
    def reviews(self) -> ReviewRepository:
        from ward_office.storage.reviews import ReviewRepository

        return ReviewRepository(self._context)

    @cached_property
    def quota_decisions(self) -> QuotaDecisionRepository:
        from ward_office.storage.quota_decisions import QuotaDecisionRepository

        return QuotaDecisionRepository(self._context)

    @cached_property
    def excuses(self) -> ExcuseRepository:
        from ward_office.storage.excuses import ExcuseRepository

        return ExcuseRepository(self._context)

    @cached_property
    def entered_scores(self) -> EnteredScoreRepository:
        from ward_office.storage.entered_scores import EnteredScoreRepository

        return EnteredScoreRepository(self._context)

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, clock: Clock = local_now,
             read_only_reason: WardOfficeError | None = None) -> Store:
        """Open for writing only while holding the book (``writer_lock``; ``WriterBusyError`` when another
        program does); ``read_only_reason`` is what a write attempt on a read-only store is told."""
        if read_only:
            store = cls(open_database(path, read_only=True), read_only=True, clock=clock)
            store._context.read_only_reason = read_only_reason
            return store
        writer = writer_lock.acquire(path)
        try:
            store = cls(open_database(path), clock=clock)
        except BaseException:
            writer_lock.release(writer)
            raise
        store._writer = writer
        store._book = Path(path)
        return store

    @property
    def db(self) -> sqlite_utils.Database:
        return self._context.db

    @property
    def conn(self) -> sqlite3.Connection:
        return self._context.conn

    @property
    def read_only(self) -> bool:
        return self._context.read_only

    @property
    def read_only_reason(self) -> WardOfficeError | None:
        """Why writes are refused, when the book was opened to view only for a reason."""
        return self._context.read_only_reason

    @property
    def schema_version(self) -> tuple[str, ...]:
        return schema_version(self.conn)

    @contextmanager
    def atomic(self) -> Iterator[Store]:
        """Group several writes in one transaction; nested blocks become savepoints."""
        with self.db.atomic():
            yield self

    def close(self) -> None:
        self.conn.close()
        if self._book is not None:
            record_clean_close(self._book)  # still holding the book: nobody else can be writing it
            self._book = None
        if self._writer is not None:
            writer_lock.release(self._writer)
            self._writer = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    @cached_property
    def citizens(self) -> CitizenRepository:
        """The citizen's voice (ratings, survey tallies, praise and complaints), loaded on first use."""
        from ward_office.storage.citizens import CitizenRepository

        return CitizenRepository(self._context)


if TYPE_CHECKING:
    from ward_office.storage.citizens import CitizenRepository

"""One object to hand to services: the open database and a repository per kind of record."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import sqlite_utils

from ward_office.storage._base import Clock, Context, local_now
from ward_office.storage.attendance import AttendanceRepository
from ward_office.storage.change_log import ChangeLogRepository
from ward_office.storage.checks import CheckRepository
from ward_office.storage.database import open_database, schema_version
from ward_office.storage.departments import DepartmentRepository
from ward_office.storage.events import EventRepository
from ward_office.storage.periods import PeriodRepository
from ward_office.storage.plans import PlanRepository
from ward_office.storage.punches import PunchRepository
from ward_office.storage.schedule import ScheduleRepository
from ward_office.storage.staff import StaffRepository
from ward_office.storage.unit import UnitRepository


class Store:
    """The ward's record on disk.

    ::

        with Store.open(path) as store:
            with store.atomic():  # both or neither
                store.attendance.set(record, actor="Lan")
                store.events.add(event, actor="Lan")
    """

    def __init__(self, db: sqlite_utils.Database, *, read_only: bool = False, clock: Clock = local_now) -> None:
        self._context = Context(db, read_only=read_only, clock=clock)
        self.unit = UnitRepository(self._context)
        self.departments = DepartmentRepository(self._context)
        self.staff = StaffRepository(self._context)
        self.schedule = ScheduleRepository(self._context)
        self.attendance = AttendanceRepository(self._context)
        self.punches = PunchRepository(self._context)
        self.events = EventRepository(self._context)
        self.checks = CheckRepository(self._context, self.events)
        self.plans = PlanRepository(self._context)
        self.periods = PeriodRepository(self._context)
        self.change_log = ChangeLogRepository(self._context)

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, clock: Clock = local_now) -> Store:
        return cls(open_database(path, read_only=read_only), read_only=read_only, clock=clock)

    @property
    def db(self) -> sqlite_utils.Database:
        return self._context.db

    @property
    def read_only(self) -> bool:
        return self._context.read_only

    @property
    def schema_version(self) -> tuple[str, ...]:
        return schema_version(self.db)

    @contextmanager
    def atomic(self) -> Iterator[Store]:
        """Group several writes in one transaction; nested blocks become savepoints."""
        with self.db.atomic():
            yield self

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

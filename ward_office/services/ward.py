"""The ward a window works on: one database kept open for a whole session, and who is at the keyboard.

The command line opens and closes the file for each command; the window keeps it open so every click
is a single short transaction. The connection belongs to the thread that opened it: background jobs
open their own (``Ward.open(ward.path)``) or call the path-based functions of ``records``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from ward_office.core.access import Account, Permission, require
from ward_office.core.errors import NotFoundError
from ward_office.core.period import Period
from ward_office.core.staff import Department, Staff
from ward_office.core.unit import Unit
from ward_office.i18n import N_
from ward_office.services.records import current_actor, prepare_store, score_stored_period
from ward_office.storage import Store
from ward_office.storage.writer_lock import WriterBusyError, view_only_error

if TYPE_CHECKING:
    from ward_office.core.plan import EmulationPlan
    from ward_office.services.presentation import ScoredPeriod


class Ward:
    """An open ward database. Pages read through it and write through the service functions."""

    def __init__(self, path: Path, store: Store, actor: str, account: Account | None = None) -> None:
        self.path = path
        self.store = store
        self.actor = actor
        self.account = account  # who signed in; None in a book that has no accounts yet
        self.busy: WriterBusyError | None = None  # set when another program holds the book for writing

    @classmethod
    def open(cls, path: Path, *, actor: str | None = None, read_only: bool = False) -> Ward:
        """Open (or create) ``path``; a new file gets the default plan and this year's holidays.

        When another program holds the book for writing, it is opened to view only and ``busy`` says who
        holds it; every write is then refused with that message.
        """
        if read_only and not path.is_file():
            raise NotFoundError(N_("There is no database at {path}"), path=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        busy = None
        if read_only:
            store = Store.open(path, read_only=True)
        else:
            try:
                store = Store.open(path)
            except WriterBusyError as error:
                busy = error
                store = Store.open(path, read_only=True, read_only_reason=error)
        ward = cls(path, store, actor or current_actor())
        ward.busy = busy
        if not store.read_only:
            prepare_store(store, ward.actor)
        return ward

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def read_only_reason(self) -> str | None:
        """Why this book is open to view only, in the user's language; None when writable or asked for."""
        return None if self.busy is None else self.busy.localized()

    def check_writable(self) -> None:
        """Raise what a write would be refused with, before asking the user for anything."""
        if self.read_only:
            raise view_only_error(self.busy)

    def close(self) -> None:
        self.store.close()

    def require(self, permission: Permission) -> None:
        """Raise ``AccessDeniedError`` unless the signed-in account may do ``permission``."""
        require(self.account, permission)

    def __enter__(self) -> Ward:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    # ---- What most pages need ----

    def unit(self) -> Unit:
        return self.store.unit.get()

    def departments(self) -> list[Department]:
        return self.store.departments.list()

    def department_names(self) -> dict[int, str]:
        return {department.id: department.name for department in self.departments() if department.id is not None}

    def staff(self, active_on: date | None = None) -> list[Staff]:
        return self.store.staff.list(active_on)

    def plan_on(self, day: date) -> EmulationPlan:
        _record, plan = self.store.plans.in_effect(day)
        return plan

    def score(self, period: Period, today: date | None = None) -> ScoredPeriod:
        return score_stored_period(self.store, period, today)

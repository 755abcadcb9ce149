"""The book session every use case takes: one record book held open, and who is at the keyboard.

``Ward.open`` is the ONE way into a book (the only caller of ``Store.open`` in services). The window keeps
its ward open for the whole session, so every click is a single short transaction; a command opens one for
its run. A SQLite connection belongs to the thread that opened it, so a background job opens its own
ward on its own thread (``in_own_ward(path, work, account=...)``) and hands back plain data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from ward_office.core.access import Account, Permission, require
from ward_office.core.errors import NotFoundError, WardOfficeError
from ward_office.core.period import Period
from ward_office.core.staff import Department, Staff
from ward_office.core.unit import Unit
from ward_office.i18n import N_
from ward_office.services.accounts import SignInError, continue_as
from ward_office.services.ranking import score_stored_period
from ward_office.services.session import current_actor, prepare_store
from ward_office.storage import Store
from ward_office.storage.clean_close import record_path as clean_close_record
from ward_office.storage.writer_lock import WriterBusyError, lock_path, view_only_error

if TYPE_CHECKING:
    from ward_office.core.plan import EmulationPlan
    from ward_office.scoring.results import ScoredPeriod


class Ward:
    """An open ward database. Pages read through it and write through the service functions."""

    def __init__(self, path: Path, store: Store, actor: str, account: Account | None = None) -> None:
        self.path = path
        self.store = store
        self.actor = actor
        self.account = account  # who signed in; None in a book that has no accounts yet
        self.busy: WriterBusyError | None = None  # set when another program holds the book for writing

    @classmethod
    def open(cls, path: Path, *, account: Account | None = None, actor: str | None = None,
             read_only: bool = False, must_exist: bool = False, prepare: bool = True,
             view_only_reason: WardOfficeError | None = None) -> Ward:
        """Open ``path`` on the calling thread; a new file (unless ``must_exist``) gets the default plan and
        this year's holidays (``prepare``).

        ``account``, signed in on another connection (the window's, the command's sign-in), becomes the one
        at the keyboard as it is stored now: one deleted or deactivated since is refused. When another program
        holds the book for writing, it is opened to view only and ``busy`` says who holds it; every write is
        then refused with that message. ``view_only_reason`` opens it to view only, writes refused with it.
        """
        path = Path(path)
        if (read_only or must_exist or view_only_reason is not None) and not path.is_file():
            raise NotFoundError(N_("There is no database at {path}"), path=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        busy: WriterBusyError | None = None
        while True:
            reason = view_only_reason or busy
            try:
                store = Store.open(path, read_only=read_only or reason is not None, read_only_reason=reason)
                break
            except WriterBusyError as error:
                if read_only or reason is not None:
                    raise
                busy = error
        ward = cls(path, store, actor or current_actor())
        ward.busy = busy
        try:
            if account is not None and store.accounts.count():
                continue_as(ward, account)
            if prepare and not store.read_only:
                prepare_store(store, ward.actor)
        except BaseException:
            store.close()
            raise
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

    def require(self, permission: Permission, *, signed_in: bool = False) -> None:
        """Raise ``AccessDeniedError`` unless the signed-in account may do ``permission``. Nobody signed in
        passes in a book without accounts, and in the window's own session before its sign-in (tests);
        ``signed_in`` refuses that in a book with accounts (``SignInError``), as the imports always have."""
        if signed_in and self.account is None and self.store.accounts.count():
            raise SignInError(N_("This record book has accounts: sign in first (on the command line: --user with "
                                 "your user name)"))
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


T = TypeVar("T")


def in_own_ward(path: Path, work: Callable[[Ward], T], *, account: Account | None = None,
                actor: str | None = None, read_only: bool = False, must_exist: bool = True) -> T:
    """``work`` on a ward opened (``Ward.open``) and closed on the calling thread: how a background job of the
    window, given the book's path and who is signed in, reaches a use case."""
    with Ward.open(path, account=account, actor=actor, read_only=read_only, must_exist=must_exist,
                   prepare=not must_exist) as ward:  # only a book made here gets the plan and holidays
        return work(ward)


@contextmanager
def whole_or_nothing(path: Path) -> Iterator[None]:
    """Around the making of a new book at ``path``: when the work fails, the files it created there (the
    book, its -wal, -shm and -journal, its lock file, the record of its clean close) are removed, so a failed
    command leaves nothing half made. Files that were there before are left as they are. Close the ward inside
    the block."""
    path = Path(path)
    companions = [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")),
                  lock_path(path), clean_close_record(path)]
    there_before = {companion for companion in companions if companion.exists()}
    try:
        yield
    except BaseException:
        for companion in companions:
            if companion not in there_before:
                companion.unlink(missing_ok=True)
        raise

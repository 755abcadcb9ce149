"""Whether a record book was changed behind the program's back, asked by ``check``, by opening a book in the
window and by a restore: the storage checks (storage/tamper.py) plus every locked period rescored.

A book that shows such a change opens to view only: nothing more is written to it until the head has looked
at what was found (the window's red strip says it) and restored a backup or accepted it.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from ward_office.core.errors import WardOfficeError
from ward_office.i18n import N_
from ward_office.services.records import current_actor
from ward_office.storage import Store
from ward_office.storage.tamper import TamperReport, check_book

if TYPE_CHECKING:
    from ward_office.services.ward import Ward


def check_for_tampering(path: Path) -> TamperReport:
    """The traces of changes made outside the program in the sound book at ``path`` (see ``verify_store``)."""
    from ward_office.storage import DatabaseError
    from ward_office.storage.database import read_only_connection

    try:
        store = Store.open(path, read_only=True)
    except DatabaseError:  # written by an older version: what can be checked before it is brought up to date
        with closing(read_only_connection(path)) as conn:
            return check_book(conn)
    with store:
        return verify_store(store)


class TamperedBookError(WardOfficeError):
    """Why a book that shows changes made outside the program is open to view only; ``report`` says what."""

    def __init__(self, report: TamperReport) -> None:
        super().__init__(N_("this record book was changed outside the program"))
        self.report = report


def open_checked_ward(path: Path, *, actor: str | None = None) -> Ward:
    """Open the book as ``Ward.open`` does, then look for changes made outside the program; a book showing
    any is opened again to view only, every write refused with a ``TamperedBookError``."""
    from ward_office.services.ward import Ward

    ward = Ward.open(path, actor=actor)
    report = verify_store(ward.store)
    if not report.found:
        return ward
    ward.close()
    store = Store.open(path, read_only=True, read_only_reason=TamperedBookError(report))
    return Ward(path, store, actor or current_actor())


def verify_store(store: Store) -> TamperReport:
    """The change log's chain, the schema, the lock lines, and every locked period's kept ranking against a
    fresh scoring of its records: what ``check`` and opening a book in the window look for."""
    from ward_office.services.period_locks import changed_rankings

    return check_book(store.conn).merged(changed_rankings(store))

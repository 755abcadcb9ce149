"""Every call the import wizard makes into the services, in one place: each returns a job (a function of no
arguments) for a worker thread, built from the window's open ``Ward`` so that a change in how the use cases
are called is made here alone. The jobs are handed paths: SQLite connections belong to the thread that opened
them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from ward_office.core.access import Permission
from ward_office.core.staff import Staff
from ward_office.importers.clock_logs import ColumnMapping
from ward_office.services import records
from ward_office.services.clock_import import (
    ClockFileLayout,
    ClockImportSummary,
    ClockPreview,
    ColumnMappingError,
    LinkSummary,
    SessionChange,
    UnknownClockId,
    describe,
    import_clock,
    inspect_clock_file,
    link_clock_id,
    preview_clock_import,
)
from ward_office.services.records import ImportSummary
from ward_office.services.ward import Ward

__all__ = [
    "ClockFileLayout", "ClockImportSummary", "ClockPreview", "ColumnMapping", "ColumnMappingError",
    "ImportKind", "ImportSummary", "LinkSummary", "SessionChange", "UnknownClockId", "describe",
]

Preview = ClockPreview | ImportSummary
Result = ClockImportSummary | ImportSummary


class ImportKind(StrEnum):
    CLOCK = "clock"
    STAFF = "staff"  # the names of records.TEMPLATES
    EVENTS = "events"


def require_record(ward: Ward) -> None:
    """Raise unless the signed-in account may write records (the services check it again)."""
    ward.require(Permission.RECORD)


def staff(ward: Ward) -> list[Staff]:
    """Everybody on the list, to give an unknown clock id to."""
    return list(ward.staff())


def template_path(kind: ImportKind) -> Path:
    """The blank Excel list offered for a staff or events import."""
    return records.template_path(kind.value)


def inspect_job(ward: Ward, file: Path) -> Callable[[], ClockFileLayout]:
    """Whether a clock file is a log, or a table whose columns need mapping."""
    db = Path(ward.path)
    return lambda: inspect_clock_file(db, file)


def preview_job(ward: Ward, kind: ImportKind, file: Path, mapping: ColumnMapping | None,
                now: datetime) -> Callable[[], Preview]:
    """A trial run: what the import would do, nothing written."""
    db, actor = Path(ward.path), ward.actor
    if kind is ImportKind.CLOCK:
        return lambda: preview_clock_import(db, file, mapping=mapping, now=now)
    if kind is ImportKind.STAFF:
        return lambda: records.import_staff(db, file, dry_run=True, actor=actor)
    return lambda: records.import_events(db, file, dry_run=True, actor=actor)


def import_job(ward: Ward, kind: ImportKind, file: Path, mapping: ColumnMapping | None, save_as: str,
               now: datetime) -> Callable[[], Result]:
    """The import itself, all or nothing; the service checks the signed-in account."""
    db, actor, account = Path(ward.path), ward.actor, ward.account
    if kind is ImportKind.CLOCK:
        return lambda: import_clock(db, file, mapping=mapping, save_mapping_as=save_as, actor=actor, now=now,
                                    account=account)
    if kind is ImportKind.STAFF:
        return lambda: records.import_staff(db, file, actor=actor, account=account)
    return lambda: records.import_events(db, file, actor=actor, account=account)


def link_job(ward: Ward, clock_id: str, staff_id: int, now: datetime) -> Callable[[], LinkSummary]:
    """Give ``clock_id`` to a person; their attendance is worked out from its punches."""
    db, actor, account = Path(ward.path), ward.actor, ward.account
    return lambda: link_clock_id(db, clock_id, staff_id, actor=actor, now=now, account=account)

"""Every call the import wizard makes into the services, in one place: each returns a job (a function of no
arguments) for a worker thread, built from the window's open ``Ward`` so that a change in how the use cases
are called is made here alone. The jobs are handed paths: SQLite connections belong to the thread that opened
them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from ward_office.core.access import Permission
from ward_office.core.staff import Staff
from ward_office.importers.clock_logs import ColumnMapping
from ward_office.importers.ratings_mapping import RatingMapping
from ward_office.importers.staff_mapping import FIELDS as STAFF_FIELDS
from ward_office.importers.staff_mapping import REQUIRED as STAFF_REQUIRED
from ward_office.importers.staff_mapping import StaffMapping
from ward_office.services import imports, score_imports
from ward_office.services.citizens.ratings import (
    RatingFileLayout,
    RatingImportSummary,
    UnknownRater,
    import_ratings,
    inspect_rating_file,
    rating_template_path,
)
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
from ward_office.services.imports import ImportSummary
from ward_office.services.score_imports import ScoreImportSummary
from ward_office.services.staff_import import StaffFileLayout, StaffMatch, code_text, inspect_staff_file, match_text
from ward_office.services.ward import Ward, in_own_ward

__all__ = [
    "STAFF_FIELDS",
    "STAFF_REQUIRED",
    "ClockFileLayout",
    "ClockImportSummary",
    "ClockPreview",
    "ColumnMapping",
    "ColumnMappingError",
    "ImportKind",
    "ImportSummary",
    "LinkSummary",
    "RatingFileLayout",
    "RatingImportSummary",
    "RatingMapping",
    "ScoreImportSummary",
    "SessionChange",
    "StaffFileLayout",
    "StaffMapping",
    "StaffMatch",
    "UnknownClockId",
    "UnknownRater",
    "code_text",
    "describe",
    "match_text",
]

T = TypeVar("T")
Preview = ClockPreview | ImportSummary | ScoreImportSummary | RatingImportSummary
Result = ClockImportSummary | ImportSummary | ScoreImportSummary | RatingImportSummary
FileMapping = ColumnMapping | StaffMapping | RatingMapping  # a clock report's, staff sheet's or rating export's columns


class ImportKind(StrEnum):
    CLOCK = "clock"
    STAFF = "staff"  # the names of imports.TEMPLATES
    EVENTS = "events"
    SCORES = "scores"  # a month's entered points: only the head imports them
    RATINGS = "ratings"  # citizens' satisfaction ratings from a counter device or the public service portal


def require_record(ward: Ward, kind: ImportKind = ImportKind.CLOCK) -> None:
    """Raise unless the signed-in account may write what ``kind`` imports (the services check it again)."""
    ward.require(Permission.ENTER_SCORES if kind is ImportKind.SCORES else Permission.RECORD)


def staff(ward: Ward) -> list[Staff]:
    """Everybody on the list, to give an unknown clock id to."""
    return list(ward.staff())


def template_path(kind: ImportKind) -> Path:
    """The blank Excel list offered for a staff, events or ratings import."""
    return rating_template_path() if kind is ImportKind.RATINGS else imports.template_path(kind.value)


def _job(ward: Ward, work: Callable[[Ward], T], *, read_only: bool = False) -> Callable[[], T]:
    """``work`` as a job for a worker thread: on a ward of its own (a connection belongs to the thread that
    opened it), opened on the window's book by the same account."""
    db, account, actor = Path(ward.path), ward.account, ward.actor
    return lambda: in_own_ward(db, work, account=account, actor=actor, read_only=read_only)


def inspect_job(ward: Ward, file: Path) -> Callable[[], ClockFileLayout]:
    """Whether a clock file is a log, or a table whose columns need mapping."""
    return _job(ward, lambda own: inspect_clock_file(own, file), read_only=True)


def inspect_staff_job(ward: Ward, file: Path) -> Callable[[], StaffFileLayout]:
    """Whether the usual names find every needed column of a staff sheet, or the clerk must map some."""
    return _job(ward, lambda own: inspect_staff_file(own, file), read_only=True)


def inspect_ratings_job(ward: Ward, file: Path) -> Callable[[], RatingFileLayout]:
    """The header row and first rows of a rating export, and the saved mapping that fits it."""
    return _job(ward, lambda own: inspect_rating_file(own, file), read_only=True)


def score_template_job(ward: Ward, month: date, target: Path) -> Callable[[], int]:
    """Write the file to fill in with ``month``'s entered points; the job returns how many people it lists."""
    return _job(ward, lambda own: score_imports.write_score_template(own, month, target), read_only=True)


def preview_job(ward: Ward, kind: ImportKind, file: Path, mapping: FileMapping | None,
                now: datetime, month: date, include_suspect: bool = False) -> Callable[[], Preview]:
    """A trial run: what the import would do, nothing written; ``month``: that of entered points;
    ``include_suspect``: a clock file's punches dated after today or before the ward's first day count too."""

    def preview(own: Ward) -> Preview:
        if kind is ImportKind.SCORES:
            return score_imports.import_scores(own, month, file, dry_run=True)
        if kind is ImportKind.CLOCK:
            return preview_clock_import(own, file, mapping=_clock(mapping), now=now,
                                        include_suspect=include_suspect)
        if kind is ImportKind.STAFF:
            return imports.import_staff(own, file, dry_run=True, mapping=_staff(mapping))
        if kind is ImportKind.RATINGS:
            return import_ratings(own, file, mapping=_ratings(mapping), dry_run=True)
        return imports.import_events(own, file, dry_run=True)

    return _job(ward, preview, read_only=True)


def import_job(ward: Ward, kind: ImportKind, file: Path, mapping: FileMapping | None, save_as: str,
               now: datetime, month: date, include_suspect: bool = False) -> Callable[[], Result]:
    """The import itself, all or nothing; the service checks the signed-in account."""

    def write(own: Ward) -> Result:
        if kind is ImportKind.SCORES:
            return score_imports.import_scores(own, month, file)
        if kind is ImportKind.CLOCK:
            return import_clock(own, file, mapping=_clock(mapping), save_mapping_as=save_as, now=now,
                                include_suspect=include_suspect)
        if kind is ImportKind.STAFF:
            return imports.import_staff(own, file, mapping=_staff(mapping), save_mapping_as=save_as)
        if kind is ImportKind.RATINGS:
            return import_ratings(own, file, mapping=_ratings(mapping), save_mapping_as=save_as)
        return imports.import_events(own, file)

    return _job(ward, write)


def _clock(mapping: FileMapping | None) -> ColumnMapping | None:
    return mapping if isinstance(mapping, ColumnMapping) else None


def _staff(mapping: FileMapping | None) -> StaffMapping | None:
    return mapping if isinstance(mapping, StaffMapping) else None


def _ratings(mapping: FileMapping | None) -> RatingMapping | None:
    return mapping if isinstance(mapping, RatingMapping) else None


def link_job(ward: Ward, clock_id: str, staff_id: int, now: datetime) -> Callable[[], LinkSummary]:
    """Give ``clock_id`` to a person; their attendance is worked out from its punches."""
    return _job(ward, lambda own: link_clock_id(own, clock_id, staff_id, now=now))

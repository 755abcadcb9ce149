"""Bringing a fingerprint clock's log in: keep the raw punches, derive attendance per session from them.

A preview says what an import would do (punches new or already stored, unknown clock ids, lines skipped,
the sessions that would change) without writing; the import then writes the punches and the derived
attendance in one transaction, all or nothing. Records entered by a person (manual or imported) always
win over the clock's; an earlier clock-derived record is replaced. The derivation rules are
``ward_office.core.clock.derive_attendance``.

Clock ids are linked to people through ``staff.clock_id``: one place to look, already shown and edited
in the staff list, already unique. Punches of an unknown id are still stored, so linking the id later
(``link_clock_id``) derives the attendance from the punches already kept.

Every use case here takes the open ``Ward``; a write is refused unless the book can be written and the
signed-in account may record (``imports.check_may_import``). Reading the file is ``files``, working out and
writing what it changes is ``planning``, what is reported is ``summaries``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from ward_office.core.access import Permission
from ward_office.core.staff import StaffId
from ward_office.i18n import N_
from ward_office.importers.clock_logs import ColumnMapping
from ward_office.services.clock_import.files import (
    ClockFileLayout,
    chosen_mapping,
    clock_mapping_names,
    inspect_clock_file,
    named,
    read_batch,
)
from ward_office.services.clock_import.planning import (
    ImportPlan,
    import_batch,
    link_in_store,
    plan_batch,
    preview_batch,
    write_plan,
)
from ward_office.services.clock_import.remembered import FileKey, file_key, memory, recall
from ward_office.services.clock_import.summaries import (
    ClockBatch,
    ClockIdError,
    ClockImportSummary,
    ClockPreview,
    ColumnMappingError,
    LinkSummary,
    SessionChange,
    UnknownClockId,
    describe,
    describe_change,
)
from ward_office.services.imports import backup_before_import, check_may_import
from ward_office.services.ward import Ward
from ward_office.storage import Store

__all__ = [
    "ClockBatch", "ClockFileLayout", "ClockIdError", "ClockImportSummary", "ClockPreview", "ColumnMappingError",
    "LinkSummary", "SessionChange", "UnknownClockId", "clock_mapping_names", "describe", "describe_change",
    "import_batch", "import_clock", "inspect_clock_file", "link_clock_id", "link_in_store", "preview_batch",
    "preview_clock_import", "read_batch", "save_clock_mapping",
]


def preview_clock_import(ward: Ward, file: Path, mapping_name: str | None = None, *,
                         mapping: ColumnMapping | None = None, now: datetime | None = None,
                         include_suspect: bool = False) -> ClockPreview:
    """What importing ``file`` would do; writes nothing. ``mapping`` (a mapping not saved yet) wins over
    ``mapping_name``; punches dated after today or before the ward's first day count only with
    ``include_suspect``."""
    with _cycle_collection_paused():
        return _plan(ward.store, file, mapping_name, mapping, now or datetime.now(), include_suspect)[0].preview


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """A year of punches is a million punch objects and as many rows, none in a reference cycle; left running,
    the cycle collector walks them again and again while they pile up (a quarter of the time of reading and
    writing them). Paused, reference counting still frees what is dropped; the young generations are collected
    once at the end."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(1)


def _plan(store: Store, file: Path, mapping_name: str | None, mapping: ColumnMapping | None, now: datetime,
          include_suspect: bool) -> tuple[ImportPlan, FileKey, dict[str, Any] | None]:
    """What importing ``file`` does, from what was remembered of it if it was imported before (``remembered``),
    else read; with what to remember of it once imported."""
    mapping = chosen_mapping(store, mapping_name, mapping)
    source = file_key(store, Path(file), mapping)
    plan = recall(store, source, now, include_suspect)
    if plan is not None:
        return plan, source, None
    plan = plan_batch(store, read_batch(store, file, mapping=mapping), now, include_suspect=include_suspect)
    return plan, source, memory(plan.preview)


def import_clock(ward: Ward, file: Path, mapping_name: str | None = None, dry_run: bool = False, *,
                 mapping: ColumnMapping | None = None, save_mapping_as: str = "",
                 now: datetime | None = None, include_suspect: bool = False) -> ClockImportSummary:
    """Store the file's punches and the attendance derived from them, all or nothing; with
    ``save_mapping_as`` the mapping the file was read with is remembered under that name in the same
    transaction. Written under the signed-in account, which must be allowed to record."""
    if not dry_run:
        check_may_import(ward)
    if not dry_run and save_mapping_as.strip() and mapping is None:
        raise ColumnMappingError(N_("Only a column mapping chosen for this file can be saved"))
    with _cycle_collection_paused():
        return _import(ward, file, mapping_name, dry_run, mapping, save_mapping_as, now, include_suspect)


def _import(ward: Ward, file: Path, mapping_name: str | None, dry_run: bool, mapping: ColumnMapping | None,
            save_mapping_as: str, now: datetime | None, include_suspect: bool) -> ClockImportSummary:
    store = ward.store
    plan, source, remember = _plan(store, file, mapping_name, mapping, now or datetime.now(), include_suspect)
    if dry_run:
        return ClockImportSummary(plan.preview, 0, 0, dry_run=True)
    if plan.writes or save_mapping_as.strip():
        backup_before_import(ward)  # a file that adds and changes nothing writes nothing: no backup needed
    with store.atomic():
        # What reading the file gave is remembered with its punches: a file remembered has every punch stored.
        summary = write_plan(store, plan, ward.actor, file_read=None if remember is None else (source.key, remember))
        if save_mapping_as.strip():
            assert mapping is not None
            store.punches.save_mapping(save_mapping_as.strip(), named(mapping, save_mapping_as).to_dict(),
                                       ward.actor)
    return summary


def link_clock_id(ward: Ward, clock_id: str, staff_id: StaffId, *, now: datetime | None = None) -> LinkSummary:
    """Give ``clock_id`` to a person who has none, and derive their attendance from the punches kept; the
    signed-in account must be allowed to record."""
    ward.check_writable()
    ward.require(Permission.RECORD, signed_in=True)
    return link_in_store(ward.store, clock_id, staff_id, ward.actor, now=now)


def save_clock_mapping(ward: Ward, name: str, mapping: ColumnMapping) -> None:
    """Remember a CSV/XLSX column mapping under ``name``; the signed-in account must be allowed to record."""
    if not name.strip():
        raise ColumnMappingError(N_("The column mapping needs a name"))
    ward.check_writable()
    ward.require(Permission.RECORD, signed_in=True)
    ward.store.punches.save_mapping(name.strip(), named(mapping, name).to_dict(), ward.actor)


"""Bringing the staff list and the violations and commendations in from a CSV or Excel file, all or
nothing, after a backup of the book as it was; and the blank files offered for them ("Tải mẫu").

A trial run (``dry_run``) only reads, so it works on a book open to view only; an import is refused before
anything is written unless the book can be written and the signed-in account may record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ward_office.core.access import Permission
from ward_office.core.checks import Event
from ward_office.core.errors import ClockMappingError, NotFoundError
from ward_office.core.staff import Staff
from ward_office.i18n import N_, _
from ward_office.i18n.text import fold
from ward_office.importers.events import read_events
from ward_office.importers.staff import read_staff
from ward_office.paths import resources_dir
from ward_office.services.backups import BackupReason, automatic_backup
from ward_office.services.book_space import check_book_writable
from ward_office.services.staff_import import (
    StaffMatch,
    describe_match,
    plan_staff,
    save_staff_mapping,
    staff_mapping_for,
)
from ward_office.services.ward import Ward
from ward_office.storage import Store

if TYPE_CHECKING:
    from ward_office.core.plan import Criterion
    from ward_office.importers.csv_files import SkippedRow
    from ward_office.importers.staff import StaffRow
    from ward_office.importers.staff_mapping import StaffMapping

TEMPLATES = {"staff": "danh-sach-can-bo.xlsx", "events": "su-viec.xlsx"}


def template_path(kind: str) -> Path:
    """The blank Excel file offered for download ("Tải mẫu") for an import of ``kind``: staff or events."""
    return resources_dir() / "templates" / TEMPLATES[kind]


def check_may_import(ward: Ward) -> None:
    """Refuse an import (of any file) before anything is written: the book must be writable, by this program
    and on disk, and someone must be signed in (in a book with accounts) with an account allowed to record."""
    ward.check_writable()
    ward.require(Permission.RECORD, signed_in=True)
    check_book_writable(ward.path)


def backup_before_import(ward: Ward) -> None:
    """Keep the book as it was before an import writes to it (services.backups); a book that cannot be
    written gets no backup, only the refusal."""
    check_book_writable(ward.path)
    automatic_backup(ward.path, BackupReason.IMPORT)


LISTED_LINES = 100  # a summary names at most this many lines of a kind, then counts the rest


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did, or with ``dry_run`` what it would do: the preview shown before writing."""

    file: Path
    rows: int
    added: int
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    new_departments: tuple[str, ...] = field(default=())
    skipped: tuple[SkippedRow, ...] = field(default=())
    people: tuple[StaffMatch, ...] = field(default=())  # a staff list's rows: who each is taken to be
    mapping: str = ""  # the column mapping a staff list was read with

    def localized(self) -> str:
        if self.dry_run:
            message = _("{file}: {rows} rows read, {added} to add, {updated} to update, {unchanged} unchanged.")
        else:
            message = _("{file}: {rows} rows read, {added} added, {updated} updated, {unchanged} unchanged.")
        lines = [message.format(file=self.file, rows=self.rows, added=self.added, updated=self.updated,
                                unchanged=self.unchanged)]
        if self.new_departments:
            lines.append(_("New departments: {names}").format(names=", ".join(self.new_departments)))
        if self.mapping:
            lines.append(_("Columns read with the mapping “{name}”.").format(name=self.mapping))
        lines.extend(describe_match(person) for person in self.people if person.change != "unchanged")
        for reason, skipped_lines in self.skipped_by_reason().items():
            shown = ", ".join(map(str, skipped_lines[:LISTED_LINES]))
            if len(skipped_lines) > LISTED_LINES:
                shown = _("{lines} and {count} more").format(lines=shown, count=len(skipped_lines) - LISTED_LINES)
            lines.append(_("Skipped {count} row(s), {reason}: line {lines}").format(
                count=len(skipped_lines), reason=_(reason), lines=shown))
        if self.dry_run:
            lines.append(_("Nothing was written (trial run)."))
        return "\n".join(lines)

    def skipped_by_reason(self) -> dict[str, list[int]]:
        """Skipped line numbers grouped by reason (an English msgid), in file order."""
        grouped: dict[str, list[int]] = {}
        for row in self.skipped:
            grouped.setdefault(row.reason, []).append(row.line)
        return grouped


def import_events(ward: Ward, file: Path, *, dry_run: bool = False) -> ImportSummary:
    """Add the file's events all or none; an event already on record (same person, day, criterion and
    note) counts as unchanged, so importing the same file twice adds nothing the second time.

    Written under the signed-in account, which must be allowed to record (``check_may_import``)."""
    if not dry_run:
        check_may_import(ward)
    store = ward.store
    plans: dict[int, Mapping[str, Criterion]] = {}

    def criteria_on(day: date) -> Mapping[str, Criterion]:
        try:
            record, plan = store.plans.in_effect(day)
        except NotFoundError:
            return {}
        counted = {code: criterion for code, criterion in plan.criteria.items() if criterion.maximum is None}
        return plans.setdefault(record.id, counted)  # an entered block's criteria are no events

    skipped: list[SkippedRow] = []
    events = read_events(file, staff_by_code={person.code: person for person in store.staff.list()},
                         criteria_on=criteria_on, is_locked=store.periods.is_locked, recorded_by=ward.actor,
                         skipped=skipped)
    new_events = _not_yet_recorded(store, events)
    if not dry_run:
        backup_before_import(ward)
        store.events.add_many(new_events, ward.actor)
    return ImportSummary(file, len(events), len(new_events), 0, len(events) - len(new_events), dry_run,
                         skipped=tuple(skipped))


def _not_yet_recorded(store: Store, events: list[Event]) -> list[Event]:
    """The events beyond those already stored, counted per (person, day, criterion, note): a file listing
    the same violation twice on a day adds two, and adds them once only."""
    if not events:
        return []

    def key(event: Event) -> tuple[object, ...]:
        return event.staff_id, event.day, event.criterion_code, " ".join(event.note.split())

    stored = Counter(key(event) for event in store.events.list(min(e.day for e in events),
                                                               max(e.day for e in events)))
    fresh = []
    for event in events:
        if stored[key(event)] > 0:
            stored[key(event)] -= 1
        else:
            fresh.append(event)
    return fresh


def import_staff(ward: Ward, file: Path, *, dry_run: bool = False, mapping: StaffMapping | None = None,
                 mapping_name: str | None = None, save_mapping_as: str = "") -> ImportSummary:
    """Add new people, update changed ones, leave the rest (who is who: ``staff_import.plan_staff``); unknown
    departments are created. The columns are found by their usual names, else by ``mapping`` (chosen for this
    file), the mapping called ``mapping_name`` or the one remembered for sheets with these columns;
    ``save_mapping_as`` remembers the chosen one with the import. Written under the signed-in account, which
    must be allowed to record (``check_may_import``)."""
    if not dry_run:
        check_may_import(ward)
    store = ward.store
    if save_mapping_as.strip() and mapping is None:
        raise ClockMappingError(N_("Only a column mapping chosen for this file can be saved"))
    if mapping is None:
        mapping = staff_mapping_for(store, file, mapping_name)
    skipped: list[SkippedRow] = []
    rows = read_staff(file, skipped, mapping)
    departments = {fold(department.name): department for department in store.departments.list()}
    plan = plan_staff(store, file, rows, departments)
    if not dry_run:
        backup_before_import(ward)
        with store.atomic():
            if save_mapping_as.strip() and mapping is not None:
                save_staff_mapping(store, save_mapping_as, mapping, ward.actor)
            for name in plan.new_departments:
                departments[fold(name)] = store.departments.add(name, ward.actor)

            def resolved(row: StaffRow) -> Staff:
                return replace(row.staff, department_id=departments[fold(row.department)].id)

            store.staff.add_many([resolved(row) for row in plan.added], ward.actor)
            for row, _current in plan.updated:
                store.staff.update(resolved(row), ward.actor)
    added, updated = len(plan.added), len(plan.updated)
    return ImportSummary(file, len(rows), added, updated, len(rows) - added - updated, dry_run,
                         tuple(plan.new_departments), tuple(skipped), tuple(plan.people),
                         save_mapping_as.strip() or (mapping.name if mapping else ""))

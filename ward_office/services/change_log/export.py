"""The change log exported to Excel or CSV, in Vietnamese whatever the window's language: the workbook framed
as an official document, the CSV readable by Excel."""

from __future__ import annotations

import csv
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from ward_office.core.errors import OutputFileError, OutputFolderError
from ward_office.core.file_replace import replace_file
from ward_office.i18n import N_, _, official_language
from ward_office.i18n.formatting import format_date, format_time
from ward_office.reports.excel import Column, ColumnKind, Letterhead, Sheet, Value, write_workbook
from ward_office.reports.frame import head_signature, preparer_signature
from ward_office.reports.spreadsheet_text import csv_row
from ward_office.services.change_log.fields import FieldChange, entry_fields
from ward_office.services.change_log.finding import ChangeFilter, filter_text, iter_entries
from ward_office.services.change_log.lookup import Lookup
from ward_office.services.export import ExportFileKindError
from ward_office.services.printing import REPORT_FILE_MODE
from ward_office.services.ward import Ward

EXPORT_SUFFIXES = (".xlsx", ".csv")


@dataclass(frozen=True, slots=True)
class ChangeLogExport:
    path: Path
    rows: int

    def localized(self) -> str:
        return _("Wrote {rows} change log lines to {path}.").format(rows=self.rows, path=self.path)


def _changes_text(fields: Sequence[FieldChange]) -> str:
    parts = []
    for change in fields:
        if change.before and change.after:
            parts.append(f"{change.name}: {change.before} → {change.after}")
        else:
            parts.append(f"{change.name}: {change.before or change.after}")
    return "; ".join(parts)


def _headers() -> list[str]:
    return [_("No."), _("Date"), _("Time"), _("Who"), _("Action"), _("Kind of record"), _("Record no."),
            _("What changed"), _("Before and after")]


def _export_rows(ward: Ward, wanted: ChangeFilter) -> list[list[Value]]:
    """One row per line: the day and the clock time as the log holds them (no time zone), the record's number
    as a number."""
    lookup = Lookup.of(ward)
    rows: list[list[Value]] = []
    for number, row in enumerate(iter_entries(ward, wanted, lookup), start=1):
        entry = row.entry
        record: Value = entry.record_id or ""
        if isinstance(record, str) and record.isdigit():
            record = int(record)
        rows.append([number, entry.at.date(), entry.at.time().replace(tzinfo=None, second=0, microsecond=0),
                     entry.actor, row.action_label, row.kind_label, record, row.sentence,
                     _changes_text(entry_fields(entry, lookup))])
    return rows


def export_change_log(ward: Ward, wanted: ChangeFilter, out: Path, *, now: datetime | None = None) -> ChangeLogExport:
    """Write the matching lines, newest first, to an Excel workbook (.xlsx) or a CSV file (.csv), in
    Vietnamese whatever the window's language; the workbook is framed as an official document dated ``now``."""
    suffix = out.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise ExportFileKindError(N_("The file must end in .xlsx or .csv: {path}"), path=str(out))
    if not out.parent.is_dir():
        raise OutputFolderError(N_("The folder {folder} does not exist"), folder=str(out.parent))
    now = now or datetime.now()
    with official_language():
        rows = _export_rows(ward, wanted)
        if suffix == ".csv":
            _write_csv(out, rows)
        else:
            write_workbook(out, [_log_sheet(ward, wanted, rows, now)], mode=REPORT_FILE_MODE)
    return ChangeLogExport(out, len(rows))


def _log_sheet(ward: Ward, wanted: ChangeFilter, rows: list[list[Value]], now: datetime) -> Sheet:
    unit = ward.unit()
    columns = [Column(_("No."), ColumnKind.INTEGER), Column(_("Date"), ColumnKind.DATE),
               Column(_("Time"), ColumnKind.TIME), Column(_("Who")), Column(_("Action")),
               Column(_("Kind of record")), Column(_("Record no."), ColumnKind.INTEGER),
               Column(_("What changed"), width=28, wrap=True), Column(_("Before and after"), width=44, wrap=True)]
    return Sheet(
        name=_("Change log"), title=_("CHANGE LOG"), subtitle=filter_text(wanted, Lookup.of(ward)),
        lines=[_("(Taken from the log at {time} on {date})").format(time=format_time(now),
                                                                   date=format_date(now.date()))],
        letterhead=Letterhead.of(unit, now.date()), columns=columns, rows=rows,
        notes=[_("Every change to the records, newest first; the log cannot be changed or deleted.")],
        frozen_columns=3, signatures=(preparer_signature(unit), head_signature(unit)),
    )


def _write_csv(out: Path, rows: list[list[Value]]) -> None:
    """UTF-8 with a BOM so Excel opens the Vietnamese right; days as dd/mm/yyyy, times as hh:mm; text that could
    start a formula quoted (reports.spreadsheet_text); written whole or not at all, readable by the office
    (REPORT_FILE_MODE)."""
    temporary = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(csv_row(_headers()))
            for row in rows:
                writer.writerow(csv_row(_csv_text(value) for value in row))
        os.chmod(temporary, REPORT_FILE_MODE)
        try:
            replace_file(temporary, out)
        except PermissionError as error:  # Windows: Excel has the file open
            raise OutputFileError(N_("Cannot write {path}: the file may be open in Excel. Close it and try "
                                     "again."), path=str(out)) from error
    finally:
        temporary.unlink(missing_ok=True)


def _csv_text(value: Value) -> Value:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return value

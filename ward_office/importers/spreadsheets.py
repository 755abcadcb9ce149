"""Excel workbooks (.xlsx) read as plain tables, so staff lists and past records kept in Excel import
without a detour through CSV: cell values become the texts the CSV parsers already accept."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from ward_office.core.errors import InputFileError, InputProblem
from ward_office.i18n import N_
from ward_office.importers.csv_files import CsvRow, SkippedRow, Table, read_bytes, rows_from_tables

BAD_WORKBOOK = N_("the file is not an Excel workbook that can be read (.xlsx); open it in Excel and save it again")


def cell_text(value: object) -> str:
    """A cell as the text a parser expects: dates ISO, whole numbers without ".0", text stripped and NFC.

    Text cells keep what they hold, so a code typed as text ("0012") keeps its leading zeros.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):  # a duration-formatted cell
        seconds = int(value.total_seconds())
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, int):
        return str(value)
    return unicodedata.normalize("NFC", str(value)).strip()


RawRows = list[tuple[int, tuple[object, ...]]]  # (Excel row number, typed cell values), blank rows kept


def workbook_sheets(path: Path, data: bytes | None = None) -> Iterator[RawRows]:
    """Each visible worksheet, the active one first, as rows of typed cell values numbered as Excel shows
    them; a file openpyxl cannot read is refused with one plain message, whatever broke inside it."""
    try:
        from openpyxl import load_workbook  # deferred: 85 ms, loaded only when a workbook is read
    except ImportError as error:  # pragma: no cover - openpyxl is a dependency
        raise InputFileError(str(path), [InputProblem(1, "", BAD_WORKBOOK)]) from error
    source = io.BytesIO(read_bytes(path) if data is None else data)  # bytes: openpyxl judges names by suffix
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as error:  # a damaged zip, a .docx, a .xlsx with a missing part: all are refused alike
        raise InputFileError(str(path), [InputProblem(1, "", BAD_WORKBOOK)]) from error
    try:
        sheets = [sheet for sheet in workbook.worksheets
                  if getattr(sheet, "sheet_state", "visible") == "visible" and hasattr(sheet, "iter_rows")]
        if not sheets:
            raise InputFileError(str(path), [InputProblem(1, "", N_("the workbook has no worksheet"))])
        sheets.sort(key=lambda sheet: sheet is not workbook.active)
        for sheet in sheets:
            yield _raw_rows(path, sheet)
    finally:
        workbook.close()


def _raw_rows(path: Path, sheet: Any) -> RawRows:  # an openpyxl ReadOnlyWorksheet
    rows: RawRows = []
    try:
        sheet.reset_dimensions()  # some programs write a wrong used range
        for line, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            rows.append((line, tuple(values)))
    except Exception as error:  # a malformed sheet part
        raise InputFileError(str(path), [InputProblem(len(rows) + 1, "", BAD_WORKBOOK)]) from error
    return rows


def sheet_tables(path: Path, data: bytes | None = None) -> Iterator[Table]:
    """Each visible worksheet as a table of the non-blank rows' cell texts."""
    for rows in workbook_sheets(path, data):
        table: Table = []
        for line, values in rows:
            cells = [cell_text(value) for value in values]
            if any(cells):
                table.append((line, cells))
        yield table


def read_rows(path: Path, aliases: Mapping[str, tuple[str, ...]], required: tuple[str, ...],
              skipped: list[SkippedRow] | None = None) -> Iterator[CsvRow]:
    """As ``input_tables.read_rows`` for a file known to be a workbook; the line is the Excel row number."""
    return rows_from_tables(path, sheet_tables(path), aliases, required, skipped)

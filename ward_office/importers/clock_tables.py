"""Clock reports exported as CSV (comma, semicolon or tab) or XLSX by Wise Eye or a similar program, read
through a ``ColumnMapping``; the header row may sit below title rows."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from os import PathLike
from pathlib import Path
from typing import Any

from ward_office.core.clock import Punch, normalize_clock_id
from ward_office.core.errors import InputFileError, InputProblem
from ward_office.i18n import N_
from ward_office.i18n.text import fold
from ward_office.importers.clock_cells import blank, to_date, to_datetime, to_times
from ward_office.importers.clock_mapping import ColumnMapping, guess_mapping
from ward_office.importers.clock_records import (
    BAD_DATE,
    BAD_DATETIME,
    BAD_ID,
    BAD_TIME,
    CLOCK_ID,
    NO_ID,
    NO_TIME,
    TABLE,
    ClockFile,
    clock_file,
    excerpt,
)
from ward_office.importers.csv_files import split_csv
from ward_office.importers.spreadsheets import cell_text, workbook_sheets
from ward_office.importers.text_files import DecodedText, decode_text, read_bytes

HEADER_SEARCH_ROWS = 50  # the header may sit below title rows; look this far down for it
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and .doc)
_ID_CELL = re.compile(CLOCK_ID)

Row = tuple[int, Sequence[object]]  # (line or Excel row number, cells)


def read_table(path: PathLike[str] | str, mapping: ColumnMapping) -> ClockFile:
    """A CSV (comma, semicolon or tab) or XLSX export read through ``mapping``."""
    path = Path(path)
    opened = workbook_or_text(path, mapping)
    if isinstance(opened, ClockFile):
        return opened
    return table_from_rows(split_csv(opened.text, str(path)), str(path), opened.encoding, mapping)


def workbook_or_text(path: Path, mapping: ColumnMapping | None) -> ClockFile | DecodedText:
    """An .xlsx read as a table through ``mapping``; an old .xls refused; anything else decoded as text."""
    data = read_bytes(path)
    if data.startswith(_ZIP_MAGIC):
        return table_from_rows(workbook_sheets(path, data), str(path), "xlsx", mapping)
    if data.startswith(_OLE_MAGIC):
        raise _old_excel(path)
    return decode_text(data, str(path))


def _old_excel(path: Path) -> InputFileError:
    return InputFileError(str(path), [InputProblem(0, "", N_(
        "this is an old Excel file (.xls); open it in Excel and save it as .xlsx or CSV"))])


def find_header(rows: Sequence[Row], mapping: ColumnMapping | None) -> tuple[int, ColumnMapping, dict[str, int]] | None:
    for position, (_number, values) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        chosen = mapping or guess_mapping(values)
        if chosen is None:
            continue
        folded = [fold(cell_text(value)) for value in values]
        columns: dict[str, int] = {}
        for header in chosen.headers():
            key = fold(header)
            if key in folded:
                columns[header] = folded.index(key)
        if len(columns) == len(set(chosen.headers())):
            return position, chosen, columns
    return None


def table_from_rows(tables: Iterable[Sequence[Row]], file: str, encoding: str,
                     mapping: ColumnMapping | None) -> ClockFile:
    seen_rows = False
    for rows in tables:
        seen_rows = seen_rows or any(any(cell_text(value) for value in values) for _n, values in rows)
        found = find_header(rows, mapping)
        if found is not None:
            position, chosen, columns = found
            return _parse_table(rows[position + 1:], file, encoding, chosen, columns)
    if not seen_rows:
        raise InputFileError(file, [InputProblem(1, "", N_("the file is empty"))])
    if mapping is None:
        raise InputFileError(file, [InputProblem(0, "", N_(
            "this is not a clock log the program knows; choose which columns hold the clock id and the time"))])
    problems = [InputProblem(1, header, N_("no column “{header}” in the first {rows} rows"),
                                    {"header": header, "rows": HEADER_SEARCH_ROWS}) for header in mapping.headers()]
    raise InputFileError(file, problems)


def _parse_table(rows: Sequence[Row], file: str, encoding: str, mapping: ColumnMapping,
                 columns: Mapping[str, int]) -> ClockFile:
    punches: list[Punch] = []
    problems: list[InputProblem] = []

    def cell(values: Sequence[object], header: str) -> object:
        index = columns.get(header)
        return values[index] if index is not None and index < len(values) else None

    for number, values in rows:
        when_cells = [cell(values, header) for header in (mapping.datetime, mapping.date, *mapping.times) if header]
        raw_id = cell_text(cell(values, mapping.clock_id))
        looks_like_id = _ID_CELL.fullmatch(raw_id) is not None
        if all(blank(value) for value in when_cells) and (mapping.date or not looks_like_id):
            continue  # blank lines, days without punches, totals and signatures below the table
        if not raw_id:
            problems.append(InputProblem(number, mapping.clock_id, NO_ID))
            continue
        if not looks_like_id:
            problems.append(InputProblem(number, mapping.clock_id, BAD_ID, {"value": excerpt(raw_id)}))
            continue
        clock_id = normalize_clock_id(raw_id)
        device = cell_text(cell(values, mapping.device)) if mapping.device else ""
        try:
            stamps = _row_stamps(values, mapping, cell)
        except _BadCellError as bad:
            problems.append(InputProblem(number, bad.header, bad.message, {"value": excerpt(cell_text(bad.value))}))
            continue
        punches.extend(Punch(clock_id, at, device, number) for at in stamps)
    return clock_file(file, encoding, TABLE, punches, problems)


class _BadCellError(Exception):
    def __init__(self, header: str, message: str, value: object) -> None:
        super().__init__(message)
        self.header, self.message, self.value = header, message, value


def _row_stamps(values: Sequence[object], mapping: ColumnMapping, cell: Any) -> list[datetime]:
    if mapping.datetime:
        value = cell(values, mapping.datetime)
        if blank(value):
            raise _BadCellError(mapping.datetime, NO_TIME, value)
        try:
            return [to_datetime(value, mapping.date_order)]
        except (ValueError, OverflowError):
            raise _BadCellError(mapping.datetime, BAD_DATETIME, value) from None
    day_value = cell(values, mapping.date)
    if blank(day_value):
        raise _BadCellError(mapping.date, BAD_DATE, day_value)
    try:
        day = to_date(day_value, mapping.date_order)
    except (ValueError, OverflowError):
        raise _BadCellError(mapping.date, BAD_DATE, day_value) from None
    stamps: list[datetime] = []
    for header in mapping.times:
        value = cell(values, header)
        if blank(value):
            continue
        try:
            stamps.extend(datetime.combine(day, moment) for moment in to_times(value))
        except (ValueError, OverflowError):
            raise _BadCellError(header, BAD_TIME, value) from None
    return stamps

"""Excel workbooks of tables, because offices keep, sort and rework their figures in Excel (issue #4).

A sheet is described as data — heading lines, a title, typed columns, rows, notes under the table — and
``write_workbook`` lays it out with openpyxl: real numbers and real dates, so Excel sorts, sums and
filters them and shows them in the user's own locale (a number format cannot ask for Vietnamese
decimals: Excel takes the separators from Windows); bold wrapped headers, frozen under the title, with an
autofilter; widths fitted to the content; A4 landscape printing with the header row on every page.
The file appears only when complete (a temporary file in the same folder, then a rename).

openpyxl is imported only while a workbook is written, so the window and the command line start without it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from ward_office.core.errors import WardOfficeError
from ward_office.i18n import N_

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

Value: TypeAlias = str | int | float | Fraction | Decimal | date | None


class ColumnKind(StrEnum):
    TEXT = "text"
    CODE = "code"  # a short code, centred (timesheet codes, ranks)
    INTEGER = "integer"
    NUMBER = "number"  # points and days: one or two decimals as needed
    DATE = "date"


NUMBER_FORMATS = {
    ColumnKind.INTEGER: "0",
    # A format names no separators: Excel shows "98,5" on a Vietnamese Windows and "98.5" on an English one.
    ColumnKind.NUMBER: "0.0#",
    ColumnKind.DATE: "dd/mm/yyyy",
}
MIN_WIDTH, MAX_WIDTH = 4.0, 48.0
SHEET_NAME_FORBIDDEN = str.maketrans({character: " " for character in "[]:*?/\\"})
HEADER_FILL = "D9E2F3"
SHADE_FILL = "E7E6E6"


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    kind: ColumnKind = ColumnKind.TEXT
    width: float | None = None  # in characters; None fits the content
    shaded: bool = False  # a grey column, e.g. a weekend on a timesheet
    wrap: bool = False  # long text (notes) wraps within the width instead of running over the next cells


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str  # the tab's name; at most 31 characters are kept
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Value]]
    heading: Sequence[str] = ()  # lines above the title, left: the authority and the unit
    subtitle: str = ""  # under the title, centred: the period
    notes: Sequence[str] = ()  # lines under the table
    frozen_columns: int = 0  # columns kept in view when scrolling right

    @property
    def header_row(self) -> int:
        """The 1-based row of the column headers: heading lines, title, subtitle, a blank row, headers."""
        return len(self.heading) + 1 + (1 if self.subtitle else 0) + 2


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write ``sheets`` to ``path`` as one .xlsx workbook; an existing file is replaced only on success."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        _fill(workbook.create_sheet(sheet_name(sheet.name)), sheet)
    if sheets:
        workbook.properties.title = sheets[0].title
    _save_atomically(workbook, path)


def sheet_name(name: str) -> str:
    """A name Excel accepts for a tab: no []:*?/\\ and at most 31 characters."""
    return " ".join(name.translate(SHEET_NAME_FORBIDDEN).split())[:31] or "Sheet"


def cell_value(value: Value) -> str | int | float | date | None:
    """What is stored in a cell: exact numbers become floats (Excel has no other), dates stay dates."""
    if isinstance(value, Fraction | Decimal):
        return float(value)
    if value == "":
        return None
    return value


def _fill(worksheet: Worksheet, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    width = max(len(sheet.columns), 1)
    last_letter = get_column_letter(width)
    row = 1
    for line in sheet.heading:
        worksheet.cell(row, 1, line).font = Font(bold=True)
        row += 1
    for text, font in ((sheet.title, Font(bold=True, size=14)), (sheet.subtitle, Font(italic=True))):
        if not text:
            continue
        cell = worksheet.cell(row, 1, text)
        cell.font = font
        cell.alignment = Alignment(horizontal="center", vertical="center")
        if width > 1:
            worksheet.merge_cells(f"A{row}:{last_letter}{row}")
        row += 1
    header_row = row + 1
    assert header_row == sheet.header_row

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    shade_fill = PatternFill("solid", fgColor=SHADE_FILL)
    header_alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    alignments = {
        ColumnKind.TEXT: Alignment(vertical="top", wrap_text=False),
        ColumnKind.CODE: Alignment(horizontal="center", vertical="top"),
        ColumnKind.INTEGER: Alignment(horizontal="right", vertical="top"),
        ColumnKind.NUMBER: Alignment(horizontal="right", vertical="top"),
        ColumnKind.DATE: Alignment(horizontal="center", vertical="top"),
    }
    wrapped = Alignment(vertical="top", wrap_text=True)
    for index, column in enumerate(sheet.columns, start=1):
        cell = worksheet.cell(header_row, index, column.header)
        cell.font, cell.fill, cell.alignment, cell.border = header_font, header_fill, header_alignment, border

    widths = [_text_width(column.header, header=True) for column in sheet.columns]
    row = header_row
    for values in sheet.rows:
        row += 1
        if len(values) != len(sheet.columns):
            raise ValueError(f"row {row} has {len(values)} values for {len(sheet.columns)} columns")
        for index, (column, raw) in enumerate(zip(sheet.columns, values, strict=True), start=1):
            value = cell_value(raw)
            cell = worksheet.cell(row, index, value)
            cell.border = border
            cell.alignment = wrapped if column.wrap else alignments[column.kind]
            if column.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column.kind]
            if column.shaded:
                cell.fill = shade_fill
            widths[index - 1] = max(widths[index - 1], _value_width(value, column.kind))
    last_row = row

    header_lines = 1
    for index, column in enumerate(sheet.columns, start=1):
        fitted = column.width if column.width is not None else min(max(widths[index - 1], MIN_WIDTH), MAX_WIDTH)
        worksheet.column_dimensions[get_column_letter(index)].width = fitted
        header_lines = max(header_lines, _header_lines(column.header, fitted))
    worksheet.row_dimensions[header_row].height = 15.0 * header_lines + 3

    row = last_row + 1
    for line in sheet.notes:
        row += 1
        worksheet.cell(row, 1, line).font = Font(italic=True)

    worksheet.freeze_panes = worksheet.cell(header_row + 1, sheet.frozen_columns + 1)
    worksheet.auto_filter.ref = f"A{header_row}:{last_letter}{max(last_row, header_row)}"
    worksheet.print_title_rows = f"{header_row}:{header_row}"
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.paperSize = worksheet.PAPERSIZE_A4
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
    worksheet.print_options.horizontalCentered = True


def _text_width(text: str, *, header: bool = False) -> float:
    """Characters a text needs; a header wraps, so its longest word is enough, with some room to spare."""
    if header:
        return max((len(word) for word in text.split()), default=0) + 2.0
    return max((len(line) for line in text.splitlines()), default=0) * 1.1 + 2.0


def _value_width(value: object, kind: ColumnKind) -> float:
    if value is None:
        return 0.0
    if kind is ColumnKind.DATE:
        return 12.0
    if isinstance(value, float):
        return len(f"{value:.2f}") + 2.0
    return _text_width(str(value))


def _header_lines(header: str, width: float) -> int:
    """How many lines a wrapped header takes in a column ``width`` characters wide (at most 4)."""
    lines, used = 1, 0.0
    for word in header.split():
        if used and used + 1 + len(word) > width - 1:
            lines, used = lines + 1, float(len(word))
        else:
            used += (1 if used else 0) + len(word)
    return min(lines, 4)


def _save_atomically(workbook: Workbook, path: Path) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise WardOfficeError(N_("The folder {folder} does not exist"), folder=str(folder))
    # Created by openpyxl's plain open(), so the file gets the user's usual permissions.
    temporary = folder / f".{path.stem}-{secrets.token_hex(8)}.xlsx.part"
    try:
        workbook.save(temporary)
        os.replace(temporary, path)
    except PermissionError as error:
        raise WardOfficeError(N_("Cannot write {path}: the file may be open in Excel. Close it and try again."),
                              path=str(path)) from error
    finally:
        temporary.unlink(missing_ok=True)


__all__ = ["Column", "ColumnKind", "Sheet", "Value", "cell_value", "sheet_name", "write_workbook"]

"""Excel workbooks of tables that print as official documents, because offices keep, sort and rework their
figures in Excel and print them from there.

A sheet is described as data — a title, typed columns, rows, notes — and ``write_workbook`` lays it out with
openpyxl. On screen: real numbers (rounded half up to 2 places, whole numbers stored as integers), real
dates and times, so Excel sorts, sums and filters them in the user's own locale (a number format cannot ask
for Vietnamese decimals: Excel takes the separators from Windows); bold wrapped headers, frozen, with an
autofilter. On paper, as Nghị định 30/2020 asks (domain.md §6): the two-column letterhead, the dateline,
the title, the figures' status, then the table, its notes and the signatures; Times New Roman, margins
20/20/30/15 mm, page numbers at the foot from page 2, the header row on every page, scaled to the page's width.

Neither Excel nor LibreOffice sizes the height of a row whose text wraps in merged cells (nor does
openpyxl): heights are estimated from Times New Roman's average letter widths (``excel_text``).
The file appears only when complete (a temporary file in the same folder, then a rename).

openpyxl is imported only while a workbook is written, so the window and the command line start without it.
"""

from __future__ import annotations

import math
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from ward_office.core.errors import OutputFileError, OutputFolderError
from ward_office.core.period import FiguresStatus
from ward_office.core.unit import Unit
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import dateline, round_half_up
from ward_office.reports.excel_text import (
    BODY_SIZE,
    TABLE_SIZE,
    Text,
    column_blocks,
    fitted_width,
    page_breaks,
    row_height,
    text_lines,
)
from ward_office.reports.frame import Signature, agency_lines, place_of
from ward_office.reports.spreadsheet_text import set_cell

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

Value: TypeAlias = str | int | float | Fraction | Decimal | date | time | None


class ColumnKind(StrEnum):
    TEXT = "text"
    CODE = "code"  # a short code, centred (timesheet codes, ranks)
    INTEGER = "integer"
    NUMBER = "number"  # points and days: rounded to 2 places, shown without trailing zeros
    DATE = "date"
    TIME = "time"


NUMBER_FORMATS = {
    ColumnKind.INTEGER: "0",
    # "General" shows a value rounded to 2 places as it is: 21 as "21", 80.67 as "80,67" or "80.67" after
    # the reader's locale; a "0.##" format would print "21," and "0.0#" prints "21,0".
    ColumnKind.NUMBER: "General",
    ColumnKind.DATE: "dd/mm/yyyy",
    ColumnKind.TIME: "hh:mm",
}
NUMBER_PLACES = 2
FONT = "Times New Roman"  # Liberation Serif where Windows' fonts are missing: the same widths
MIN_WIDTH, MAX_TEXT_WIDTH = 3.0, 18.0
SHEET_NAME_FORBIDDEN = str.maketrans({character: " " for character in "[]:*?/\\"})
HEADER_FILL = "D9E2F3"
SHADE_FILL = "E7E6E6"
MM_PER_INCH = 25.4
A4_POINTS = (841.9, 595.3)  # the long and the short side
PAGE_FILL = 0.94  # of a page's height that the estimated rows may take: estimates may fall short
MARGINS_MM = {"top": 20.0, "bottom": 20.0, "left": 30.0, "right": 15.0, "header": 10.0, "footer": 10.0}
# Column units (LibreOffice: a digit of the default font, Times New Roman 11 pt, 5.5 pt) between the margins
# of an A4 page: 165 mm upright, 252 mm across.
PAGE_WIDTHS = {"portrait": 85.0, "landscape": 129.0}
SIGNING_SPACE = 60.0  # points left to sign and stamp
LETTERHEAD_SHARE = 0.4  # the agency's part of the width, as on the PDF reports


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    kind: ColumnKind = ColumnKind.TEXT
    width: float | None = None  # in characters; None fits the content (text wraps beyond MAX_TEXT_WIDTH)
    shaded: bool = False  # a grey column, e.g. a weekend on a timesheet
    wrap: bool = False  # long text (notes) wraps within the width instead of running over the next cells


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The header of an official document: the authority and the agency on the left; the national name, the
    motto and the dateline on the right (NĐ 30/2020, ô 1, 2 and 4)."""

    agency: tuple[str, ...]  # capitals, bold: "ỦY BAN NHÂN DÂN", "PHƯỜNG TÂN AN"
    authority: str = ""  # capitals, plain, above the agency
    dateline: str = ""  # "Phường Tân An, ngày 07 tháng 12 năm 2026"

    @classmethod
    def of(cls, unit: Unit, day: date) -> Letterhead:
        return cls(tuple(agency_lines(unit)), unit.authority.strip().upper(), dateline(place_of(unit), day))


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str  # the tab's name; at most 31 characters are kept
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Value]]
    heading: Sequence[str] = ()  # lines above the title, left, when there is no letterhead
    subtitle: str = ""  # under the title, centred: the period
    notes: Sequence[str] = ()  # lines under the table
    frozen_columns: int = 0  # columns kept in view when scrolling right
    letterhead: Letterhead | None = None  # the official header, in place of ``heading``
    status: FiguresStatus | None = None  # provisional or final figures, under the subtitle
    lines: Sequence[str] = ()  # further centred lines under the subtitle
    signatures: Sequence[Signature] = ()  # side by side under the notes

    @property
    def header_row(self) -> int:
        """The 1-based row of the column headers."""
        return len(_top_rows(self)) + 1


# A row above or under the table: one text over the whole width, or several side by side in equal parts (two
# for the letterhead, where the agency takes LETTERHEAD_SHARE); an empty tuple is a blank row.
Band: TypeAlias = tuple[Text | None, ...]


def write_workbook(path: Path, sheets: Sequence[Sheet], *, mode: int | None = None) -> None:
    """Write ``sheets`` to ``path`` as one .xlsx workbook; an existing file is replaced only on success.
    ``mode``: the file's permissions (default: the user's usual ones)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    workbook = Workbook()
    # The workbook's default font, used by empty cells and for the unit of column widths.
    workbook._fonts = IndexedList([Font(name=FONT, size=TABLE_SIZE)])
    workbook._named_styles["Normal"].font = Font(name=FONT, size=TABLE_SIZE)
    workbook.remove(workbook.active)
    for sheet in sheets:
        _fill(workbook.create_sheet(sheet_name(sheet.name)), sheet)
    if sheets:
        workbook.properties.title = sheets[0].title
    _save_atomically(workbook, path, mode)


def sheet_name(name: str) -> str:
    """A name Excel accepts for a tab: no []:*?/\\ and at most 31 characters."""
    return " ".join(name.translate(SHEET_NAME_FORBIDDEN).split())[:31] or "Sheet"


def cell_value(value: Value, kind: ColumnKind = ColumnKind.TEXT) -> str | int | float | date | time | None:
    """What is stored in a cell: numbers rounded half up to 2 places, whole ones as integers (Excel has only
    floats for the rest); dates and times stay themselves, without a time zone (Excel has none)."""
    if isinstance(value, bool) or (isinstance(value, int) and kind is not ColumnKind.INTEGER):
        return value
    if isinstance(value, int | float | Fraction | Decimal):
        rounded = round_half_up(value, 0 if kind is ColumnKind.INTEGER else NUMBER_PLACES)
        return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)
    if isinstance(value, datetime | time) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if value == "":
        return None
    return value


def _top_rows(sheet: Sheet) -> list[Band]:
    """The rows above the column headers: letterhead (or heading), title, subtitle, status, a blank row."""
    bands: list[Band] = []
    letterhead = sheet.letterhead
    if letterhead is not None:
        left = ([Text(letterhead.authority, BODY_SIZE)] if letterhead.authority else []) + \
            [Text(line, BODY_SIZE, bold=True) for line in letterhead.agency]
        right = [Text(_("SOCIALIST REPUBLIC OF VIETNAM"), BODY_SIZE - 1, bold=True),
                 Text(_("Independence - Freedom - Happiness"), BODY_SIZE, bold=True, underline=True)]
        depth = max(len(left), len(right))
        left += [None] * (depth - len(left))
        right += [None] * (depth - len(right))
        bands += list(zip(left, right, strict=True))
        if letterhead.dateline:
            bands.append((None, Text(letterhead.dateline, BODY_SIZE, italic=True)))
        bands.append(())
    else:
        bands += [(Text(line, TABLE_SIZE, bold=True, align="left"),) for line in sheet.heading]
    bands.append((Text(sheet.title.upper(), BODY_SIZE + 1, bold=True),))
    if sheet.subtitle:
        bands.append((Text(sheet.subtitle, BODY_SIZE, bold=True),))
    bands += [(Text(line, BODY_SIZE - 1, italic=True),) for line in sheet.lines]
    if sheet.status is not None:
        bands.append((Text(f"({sheet.status.localized()})", BODY_SIZE - 1, bold=not sheet.status.final,
                           italic=True),))
    bands.append(())
    return bands


def _bottom_rows(sheet: Sheet) -> list[Band]:
    """The notes under the table, then the signature blocks side by side: titles, note, room, name."""
    bands: list[Band] = [()]
    bands += [(Text(note, TABLE_SIZE, italic=True, align="left"),) for note in sheet.notes]
    signatures = sheet.signatures
    if not signatures:
        return bands
    bands.append(())
    depth = max(len(signature.title_lines) for signature in signatures)
    for line in range(depth):
        bands.append(tuple(Text(signature.title_lines[line], BODY_SIZE, bold=True)
                           if line < len(signature.title_lines) else None for signature in signatures))
    bands.append(tuple(Text(signature.note_text(), BODY_SIZE - 1, italic=True) if signature.note_text() else None
                       for signature in signatures))
    bands.append((Text("", height=SIGNING_SPACE),))
    bands.append(tuple(Text(signature.name, BODY_SIZE, bold=True) if signature.name else None
                       for signature in signatures))
    return bands


def _fill(worksheet: Worksheet, sheet: Sheet) -> None:
    from openpyxl.utils import get_column_letter

    widths = _column_widths(sheet)
    for index, fitted in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = fitted
    orientation = "landscape" if sum(widths) > PAGE_WIDTHS["portrait"] else "portrait"
    # A table wider than the page is printed smaller to fit its width; the letterhead, title and signatures are
    # set larger by as much, so that they print in their own sizes (13 pt) whatever the table's width. The scale
    # is given, not left to "fit to width": LibreOffice drops the last rows (the signatures) of a long sheet
    # fitted to its width.
    scale = max(min(math.floor(100 * PAGE_WIDTHS[orientation] / sum(widths)), 100), 10)
    enlarged = 100 / scale
    row = 1
    for band in _top_rows(sheet):
        _write_band(worksheet, row, band, widths, enlarged)
        row += 1
    header_row = row
    last_row = _write_table(worksheet, sheet, header_row, widths)
    row = last_row + 1
    for band in _bottom_rows(sheet):
        _write_band(worksheet, row, band, widths, enlarged)
        row += 1
    _set_up_page(worksheet, sheet, header_row, last_row, row - 1, widths)
    worksheet.page_setup.orientation = orientation
    worksheet.page_setup.scale = scale
    _break_pages(worksheet, header_row, last_row, row - 1, orientation, scale)


def _break_pages(worksheet: Worksheet, header_row: int, last_table_row: int, last_row: int, orientation: str,
                 scale: int) -> None:
    """Page breaks where the estimated heights fill a page, a margin to spare, the closing kept with rows."""
    from openpyxl.worksheet.pagebreak import Break

    paper = A4_POINTS[0 if orientation == "portrait" else 1] - (MARGINS_MM["top"] + MARGINS_MM["bottom"]) * 72 / 25.4
    heights = [worksheet.row_dimensions[row].height or row_height(1, TABLE_SIZE) for row in range(1, last_row + 1)]
    for after in page_breaks(heights, header_row, last_table_row, paper * 100 / scale * PAGE_FILL):
        worksheet.row_breaks.append(Break(id=after))


def _column_widths(sheet: Sheet) -> list[float]:
    for number, values in enumerate(sheet.rows, start=1):
        if len(values) != len(sheet.columns):
            raise ValueError(f"row {number} has {len(values)} values for {len(sheet.columns)} columns")
    widths = []
    for index, column in enumerate(sheet.columns):
        if column.width is not None:
            widths.append(column.width)
            continue
        texts = [str(cell_value(values[index], column.kind)) for values in sheet.rows
                 if values[index] is not None and values[index] != ""]
        if column.kind is ColumnKind.DATE:
            texts = ["00/00/0000"] if texts else []
        fitted = fitted_width(column.header, texts)
        limit = MAX_TEXT_WIDTH if column.kind is ColumnKind.TEXT else fitted
        widths.append(max(min(fitted, limit), MIN_WIDTH))
    return widths or [MIN_WIDTH]


def _write_band(worksheet: Worksheet, row: int, band: Band, widths: Sequence[float], enlarged: float) -> None:
    """One row outside the table: each text merged over its block of columns, its size multiplied by
    ``enlarged``, its height estimated."""
    from openpyxl.styles import Alignment, Font

    if not band:
        return
    shares = (LETTERHEAD_SHARE, 1 - LETTERHEAD_SHARE) if len(band) == 2 else (1 / len(band),) * len(band)
    height, taken = 0.0, -1
    for (first, last), text in zip(column_blocks(widths, shares), band, strict=True):
        if text is None or first <= taken:  # no text, or more blocks than columns
            continue
        taken = last
        text = replace(text, size=round(text.size * enlarged * 2) / 2,
                       height=None if text.height is None else text.height * enlarged)
        lines = text_lines(text, sum(widths[first:last + 1]))
        height = max(height, text.height if text.height is not None else row_height(lines, text.size))
        if not text.text:
            continue
        cell = worksheet.cell(row, first + 1)
        set_cell(cell, text.text)
        cell.font = Font(name=FONT, size=text.size, bold=text.bold, italic=text.italic,
                         underline="single" if text.underline else None)
        cell.alignment = Alignment(horizontal=text.align, vertical="center", wrap_text=True)
        if last > first:
            worksheet.merge_cells(start_row=row, start_column=first + 1, end_row=row, end_column=last + 1)
    worksheet.row_dimensions[row].height = height


def _write_table(worksheet: Worksheet, sheet: Sheet, header_row: int, widths: Sequence[float]) -> int:
    """The headers and the rows, with types, formats and estimated heights; returns the last row."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name=FONT, size=TABLE_SIZE)
    shade_fill = PatternFill("solid", fgColor=SHADE_FILL)
    horizontal = {ColumnKind.TEXT: "left", ColumnKind.CODE: "center", ColumnKind.INTEGER: "right",
                  ColumnKind.NUMBER: "right", ColumnKind.DATE: "center", ColumnKind.TIME: "center"}
    # A code wider than its narrow column ("M/+" in a timesheet's day) is set smaller rather than cut.
    alignments = [Alignment(horizontal=horizontal[column.kind], vertical="top",
                            wrap_text=column.wrap or column.kind is ColumnKind.TEXT,
                            shrink_to_fit=column.kind is ColumnKind.CODE and not column.wrap)
                  for column in sheet.columns]
    header_text = Text("", TABLE_SIZE, bold=True)
    header_lines = 1
    for index, column in enumerate(sheet.columns, start=1):
        cell = worksheet.cell(header_row, index)
        set_cell(cell, column.header)
        cell.font = Font(name=FONT, size=TABLE_SIZE, bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        header_lines = max(header_lines, text_lines(header_text.with_text(column.header), widths[index - 1]))
    worksheet.row_dimensions[header_row].height = row_height(header_lines, TABLE_SIZE)

    row = header_row
    body_text = Text("", TABLE_SIZE)
    for values in sheet.rows:
        row += 1
        lines = 1
        for index, (column, raw) in enumerate(zip(sheet.columns, values, strict=True), start=1):
            value = cell_value(raw, column.kind)
            cell = worksheet.cell(row, index)
            set_cell(cell, value)
            cell.font, cell.border, cell.alignment = font, border, alignments[index - 1]
            if column.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column.kind]
            if column.shaded:
                cell.fill = shade_fill
            if isinstance(value, str) and alignments[index - 1].wrap_text:
                lines = max(lines, text_lines(body_text.with_text(value), widths[index - 1]))
        if lines > 1:
            worksheet.row_dimensions[row].height = row_height(lines, TABLE_SIZE)
    return row


def _set_up_page(worksheet: Worksheet, sheet: Sheet, header_row: int, last_table_row: int, last_row: int,
                 widths: Sequence[float]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins

    last_letter = get_column_letter(len(widths))
    worksheet.freeze_panes = worksheet.cell(header_row + 1, sheet.frozen_columns + 1)
    worksheet.auto_filter.ref = f"A{header_row}:{last_letter}{max(last_table_row, header_row)}"
    worksheet.print_title_rows = f"{header_row}:{header_row}"
    worksheet.print_area = f"A1:{last_letter}{last_row}"
    worksheet.page_setup.paperSize = worksheet.PAPERSIZE_A4
    worksheet.print_options.horizontalCentered = True
    worksheet.page_margins = PageMargins(**{side: size / MM_PER_INCH for side, size in MARGINS_MM.items()})
    # The page number centred in the footer from page 2 on. Not at the top as on the PDF reports: with a page
    # header LibreOffice leaves out the last page of some sheets (the signatures of a change log at 91 %).
    worksheet.HeaderFooter.differentFirst = True
    worksheet.oddFooter.center.text = "&P"
    worksheet.oddFooter.center.font = f"{FONT},Regular"
    worksheet.oddFooter.center.size = BODY_SIZE


def _save_atomically(workbook: Workbook, path: Path, mode: int | None) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise OutputFolderError(N_("The folder {folder} does not exist"), folder=str(folder))
    # Created by openpyxl's plain open(), so the file gets the user's usual permissions unless ``mode`` says.
    temporary = folder / f".{path.stem}-{secrets.token_hex(8)}.xlsx.part"
    try:
        workbook.save(temporary)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except PermissionError as error:
        raise OutputFileError(N_("Cannot write {path}: the file may be open in Excel. Close it and try again."),
                              path=str(path)) from error
    finally:
        temporary.unlink(missing_ok=True)


__all__ = ["Column", "ColumnKind", "Letterhead", "Sheet", "Signature", "Value", "cell_value", "sheet_name",
           "write_workbook"]

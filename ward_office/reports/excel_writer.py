"""Laying out described sheets (``reports.excel``) in an openpyxl workbook: the bands above and under the table,
the typed table, the page set up as NĐ 30/2020 asks and its breaks; the file written atomically.

Imported only while a workbook is written (``excel.write_workbook``), so the window and the command line start
without openpyxl.
"""

from __future__ import annotations

import math
import os
import secrets
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from ward_office.core.errors import OutputFileError, OutputFolderError
from ward_office.core.file_replace import replace_file
from ward_office.i18n import N_
from ward_office.reports.excel import (
    A4_POINTS,
    FONT,
    HEADER_FILL,
    LETTERHEAD_SHARE,
    MARGINS_MM,
    MAX_TEXT_WIDTH,
    MIN_WIDTH,
    MM_PER_INCH,
    NUMBER_FORMATS,
    PAGE_FILL,
    PAGE_WIDTHS,
    SHADE_FILL,
    Band,
    ColumnKind,
    Sheet,
    bottom_rows,
    cell_value,
    sheet_name,
    top_rows,
)
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
from ward_office.reports.spreadsheet_text import set_cell


def write_sheets(path: Path, sheets: Sequence[Sheet], mode: int | None) -> None:
    """``excel.write_workbook``, once openpyxl is wanted."""
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

def _fill(worksheet: Worksheet, sheet: Sheet) -> None:
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
    for band in top_rows(sheet):
        _write_band(worksheet, row, band, widths, enlarged)
        row += 1
    header_row = row
    last_row = _write_table(worksheet, sheet, header_row, widths)
    row = last_row + 1
    for band in bottom_rows(sheet):
        _write_band(worksheet, row, band, widths, enlarged)
        row += 1
    _set_up_page(worksheet, sheet, header_row, last_row, row - 1, widths)
    worksheet.page_setup.orientation = orientation
    worksheet.page_setup.scale = scale
    _break_pages(worksheet, header_row, last_row, row - 1, orientation, scale)


def _break_pages(worksheet: Worksheet, header_row: int, last_table_row: int, last_row: int, orientation: str,
                 scale: int) -> None:
    """Page breaks where the estimated heights fill a page, a margin to spare, the closing kept with rows."""
    paper = A4_POINTS[0 if orientation == "portrait" else 1] - (MARGINS_MM["top"] + MARGINS_MM["bottom"]) * 72 / 25.4
    heights = [worksheet.row_dimensions[row].height or row_height(1, TABLE_SIZE) for row in range(1, last_row + 1)]
    for after in page_breaks(heights, header_row, last_table_row, paper * 100 / scale * PAGE_FILL):
        worksheet.row_breaks.append(Break(id=after))


def _column_widths(sheet: Sheet) -> list[float]:
    for number, values in enumerate(sheet.rows, start=1):
        if len(values) != len(sheet.columns):
            # The services build the rows from the columns: a caller's mistake, never the user's.
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
        replace_file(temporary, path)
    except PermissionError as error:
        raise OutputFileError(N_("Cannot write {path}: the file may be open in Excel. Close it and try again."),
                              path=str(path)) from error
    finally:
        temporary.unlink(missing_ok=True)


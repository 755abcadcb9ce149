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

openpyxl is imported only while a workbook is written (``excel_writer``), so the window and the command line
start without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import zip_longest
from pathlib import Path
from typing import TypeAlias

from ward_office.core.period import FiguresStatus
from ward_office.core.unit import Unit
from ward_office.i18n import _
from ward_office.i18n.formatting import dateline, round_half_up
from ward_office.reports.excel_text import BODY_SIZE, TABLE_SIZE, Text
from ward_office.reports.frame import Signature, agency_lines, place_of

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
        return len(top_rows(self)) + 1


# A row above or under the table: one text over the whole width, or several side by side in equal parts (two
# for the letterhead, where the agency takes LETTERHEAD_SHARE); an empty tuple is a blank row.
Band: TypeAlias = tuple[Text | None, ...]



def write_workbook(path: Path, sheets: Sequence[Sheet], *, mode: int | None = None) -> None:
    """Write ``sheets`` to ``path`` as one .xlsx workbook; an existing file is replaced only on success.
    ``mode``: the file's permissions (default: the user's usual ones)."""
    from ward_office.reports.excel_writer import write_sheets  # defers openpyxl until a workbook is written

    write_sheets(path, sheets, mode)


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


def top_rows(sheet: Sheet) -> list[Band]:
    """The rows above the column headers: letterhead (or heading), title, subtitle, status, a blank row."""
    bands: list[Band] = []
    letterhead = sheet.letterhead
    if letterhead is not None:
        left = ([Text(letterhead.authority, BODY_SIZE)] if letterhead.authority else []) + \
            [Text(line, BODY_SIZE, bold=True) for line in letterhead.agency]
        right = [Text(_("SOCIALIST REPUBLIC OF VIETNAM"), BODY_SIZE - 1, bold=True),
                 Text(_("Independence - Freedom - Happiness"), BODY_SIZE, bold=True, underline=True)]
        bands += list(zip_longest(left, right))  # the shorter side padded with empty cells
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


def bottom_rows(sheet: Sheet) -> list[Band]:
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



__all__ = ["Column", "ColumnKind", "Letterhead", "Sheet", "Signature", "Value", "cell_value", "sheet_name",
           "write_workbook"]

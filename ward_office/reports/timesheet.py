"""Report 3, "Bảng chấm công" (mẫu C01-HD): one month, one sheet per department, the standard codes, the totals.

The accountant and the head sign the timesheet the clerk keeps on the attendance page, so the paper is
that month sheet (``services.attendance_sheet.month_sheet``) and nothing else, laid out as the form of
Thông tư 107/2017/TT-BTC: one sheet per department (bộ phận), each on its own page with the form's header
block ("Đơn vị", "Bộ phận", "Mã QHNS" on the left, the form line the ward sets on the right), one row
per person in official order, each day's code ("+" present, M late, S left early, the leave codes, Ko
absent without leave), printed "+/P" in a smaller size when morning and afternoon differ; weekends and
holidays are shaded, days not yet come are blank. The totals are in days (a session is half a day), grouped
as the form groups them by the month sheet (``MonthTotals.form_days``): working time (business trips and
meetings included), paid leave, leave paid by social insurance, unpaid leave and absence without leave. A
legend of the codes and the three signatures of §4 close each sheet, kept on the page of its last rows.

Reports may not import services, so the sheet is read through the small protocols below, which the
month sheet fits.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import BinaryIO, Protocol

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from ward_office.core.attendance import ABSENT_CODE, LEAVE_LABELS, PRESENT_CODE, LeaveCode
from ward_office.core.period import FiguresStatus
from ward_office.core.staff import Staff
from ward_office.core.unit import Unit
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import dateline, format_date, format_month, format_number
from ward_office.reports import fonts
from ward_office.reports.document import (
    GRID_COLOUR,
    HEADER_FILL,
    ReportDocument,
    cell,
    document_title,
    layout_table,
    paragraph,
    place_of,
    signature_row,
)
from ward_office.reports.frame import timesheet_signatures
from ward_office.reports.table_styles import styled_table

TITLE = N_("TIMESHEET")
LATE_CODE = "M"
EARLY_CODE = "S"
CODE_SIZE = 7.5  # a single code in a day cell
SMALLEST_CODE_SIZE = 4.5  # "Cô/Ts" must still fit the narrow column
HEADER_SIZE = 7
NAME_SIZE = 8
WEEKEND_FILL = colors.Color(0.75, 0.75, 0.75)
DAY_WIDTH = 4.3 * mm
DAY_PADDING = 0.6
CELL_PADDING = 3
HEADER_ROWS = 3
KEPT_ROWS = 3  # the last rows of a department that stay on the page of its legend and signatures
ELLIPSIS = "\u2026"

# TRANSLATORS: weekday letters above the day columns of a timesheet, Monday first ("T2" … "CN").
WEEKDAY_LETTERS = (N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"), N_("Su"))


class SheetDay(Protocol):
    @property
    def day(self) -> date: ...
    @property
    def working_day(self) -> bool: ...
    @property
    def holiday_name(self) -> str: ...


class SheetTotals(Protocol):
    @property
    def late(self) -> int: ...
    @property
    def early(self) -> int: ...
    def form_days(self) -> Sequence[Fraction]: ...


class SheetRow(Protocol):
    @property
    def staff(self) -> Staff: ...
    @property
    def codes(self) -> Sequence[tuple[str, str] | None]: ...
    @property
    def totals(self) -> SheetTotals: ...


class DepartmentLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def rows(self) -> Sequence[SheetRow]: ...


class MonthSheetLike(Protocol):
    """What the timesheet reads: ``services.attendance_sheet.MonthSheet`` fits."""

    @property
    def year(self) -> int: ...
    @property
    def month(self) -> int: ...
    @property
    def days(self) -> Sequence[SheetDay]: ...
    def by_department(self) -> Sequence[DepartmentLike]: ...


def day_text(codes: tuple[str, str] | None) -> str:
    """A day's cell: "+" when both sessions agree, "+/P" (morning/afternoon) when they differ, "" blank."""
    if codes is None:
        return ""
    morning, afternoon = codes
    return morning if morning == afternoon else f"{morning}/{afternoon}"


def total_columns(totals: SheetTotals) -> list[Fraction | int]:
    """The totals of one row in column order: working time, paid leave, insurance leave, unpaid, Ko,
    sessions late or left early."""
    return [*totals.form_days(), totals.late + totals.early]


def shortened(value: str, room: float, size: float, *, bold: bool = False) -> str:
    """``value`` as it is when it fits ``room`` points at ``size``, else its longest beginning that fits
    with "…" after it."""
    if fonts.text_width(value, size, bold=bold) <= room:
        return value
    low, high = 0, len(value)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if fonts.text_width(value[:middle] + ELLIPSIS, size, bold=bold) <= room:
            low = middle
        else:
            high = middle - 1
    return value[:low].rstrip() + ELLIPSIS


def write_timesheet(out: str | Path | BinaryIO, sheet: MonthSheetLike, unit: Unit, *, day: date,
                    status: FiguresStatus | None = None) -> int:
    """Write the C01-HD timesheet of ``sheet`` dated ``day``, one sheet per department; return the pages."""
    month = format_month(sheet.year, sheet.month, "long")
    document = ReportDocument(out, landscape=True, title=_(TITLE), author=unit.name, subject=month)
    return document.build(timesheet_story(sheet, unit, day, document.width, status))


def timesheet_story(sheet: MonthSheetLike, unit: Unit, day: date, width: float,
                    status: FiguresStatus | None = None) -> Iterator[Flowable]:
    departments: Sequence[DepartmentLike | None] = list(sheet.by_department()) or [None]
    for index, department in enumerate(departments):
        if index:
            yield PageBreak()
        name = "" if department is None else department.name
        yield form_header(unit, name, width)
        yield from document_title(_(TITLE), format_month(sheet.year, sheet.month, "long"), status=status)
        rows = [] if department is None else list(department.rows)
        yield timesheet_table(sheet, rows, width, closing(sheet, unit, day, width))


def form_header(unit: Unit, department: str, width: float) -> Flowable:
    """"Đơn vị / Bộ phận / Mã QHNS" on the left; on the right the form line the ward keeps in its settings
    ("Mẫu số C01-HD" and the circular that issued it)."""
    half = width / 2 - 4
    size = 12
    department_name = department or _("no department")

    def labelled(label: str, value: str) -> Flowable:
        line = shortened(f"{label} {value}", 2 * half - 20, size)
        return cell(line, size=size)

    left = [labelled(_("Unit:"), " ".join(unit.name.split())),
            labelled(_("Department:"), department_name),
            labelled(_("Budget relationship code:"), ELLIPSIS * 12)]
    right = [cell(text, size=text_size, bold=bold, italic=not bold, align="centre")
             for text, text_size, bold in ((unit.timesheet_form.strip(), size, True),
                                           (unit.timesheet_basis.strip(), 10.5, False)) if text]
    return layout_table([[left, right]], ["55%", "45%"], padding=0)


def closing(sheet: MonthSheetLike, unit: Unit, day: date, width: float) -> list[Flowable]:
    """What closes a department's sheet: the legend, the date and the three signatures of C01-HD."""
    flowables: list[Flowable] = [paragraph(line, size=8.5, align="left", space_after=0.5)
                                 for line in legend_lines(sheet)]
    flowables.append(paragraph(dateline(place_of(unit), day), size=12, align="right", italic=True,
                               space_after=0))
    flowables.append(signature_row(timesheet_signatures(unit), space_before=0, signing_space=15 * mm))
    return flowables


def legend_lines(sheet: MonthSheetLike) -> list[str]:
    codes = [
        (PRESENT_CODE, _("present")), (LATE_CODE, _("late")), (EARLY_CODE, _("left early")),
        *((code.value, _(LEAVE_LABELS[code]).lower()) for code in LeaveCode),
        (ABSENT_CODE, _("absent without leave")),
    ]
    lines = [_("Codes: {codes}.").format(codes="; ".join(f"{code} – {meaning}" for code, meaning in codes)),
             _("“+/P” means morning/afternoon. Shaded columns are weekends and holidays; days still to come "
               "are blank. Totals are in days (a session is half a day); business trips (CT) and meetings or "
               "training (H) are paid working time; the last column counts sessions begun late or left early.")]
    holidays = [f"{format_date(month_day.day)} {month_day.holiday_name}"
                for month_day in sheet.days if month_day.holiday_name]
    if holidays:
        lines.append(_("Holidays: {days}").format(days="; ".join(holidays)))
    return lines


def _fitted(text: str, width: float) -> Flowable | str:
    """A day code in the largest size that fits the narrow column."""
    if not text:
        return ""
    size = CODE_SIZE
    room = width - 2 * DAY_PADDING
    while size > SMALLEST_CODE_SIZE and fonts.text_width(text, size) > room:
        size -= 0.5
    if size == CODE_SIZE:
        return text
    return cell(text, size=size, align="centre")


def timesheet_table(sheet: MonthSheetLike, people: Sequence[SheetRow], width: float,
                    closing_flowables: Sequence[Flowable] = ()) -> Flowable:
    """The form's table for ``people``; ``closing_flowables`` (legend, signatures) go in a last, unruled
    row that cannot be parted from the last rows of people, so the signatures never stand alone."""
    days = list(sheet.days)
    total_headers = [_("Paid working time (+, M, S, CT, H)"), _("Paid leave (P, Nb)"),
                     _("Social insurance (Ô, Cô, Ts, T)"), _("Unpaid leave (No)"), _("Absent without leave (Ko)"),
                     _("Late / left early (sessions)")]
    fixed = [7 * mm, 0.0, 25 * mm]  # STT, name (takes the rest), position
    total_width = 9.5 * mm
    fixed[1] = width - fixed[0] - fixed[2] - DAY_WIDTH * 31 - total_width * len(total_headers)
    widths = [*fixed, *[DAY_WIDTH] * len(days), *[total_width] * len(total_headers)]
    first_day, first_total = len(fixed), len(fixed) + len(days)
    name_room = 2 * (fixed[1] - 2 * CELL_PADDING) * 0.9  # two lines, with room for where they break
    position_room = 2 * (fixed[2] - 2 * CELL_PADDING) * 0.9

    rows = _header_rows(days, total_headers, first_day)
    for number, row in enumerate(people, start=1):
        rows.append([
            str(number),
            cell(shortened(row.staff.full_name, name_room, NAME_SIZE), size=NAME_SIZE),
            cell(shortened(row.staff.position, position_room, NAME_SIZE - 1), size=NAME_SIZE - 1),
            *(_fitted(day_text(codes), DAY_WIDTH) for codes in row.codes),
            *(format_number(value) for value in total_columns(row.totals)),
        ])
    last = len(rows) - 1  # the last ruled row
    rows.append([list(closing_flowables), *[""] * (len(widths) - 1)])
    style = _table_style(first_day, first_total, len(widths), last)
    style += [("BACKGROUND", (first_day + index, 1), (first_day + index, last), WEEKEND_FILL)
              for index, month_day in enumerate(days) if not month_day.working_day]
    return styled_table(rows, widths, style, repeatRows=HEADER_ROWS)


def _header(label: str, size: float = HEADER_SIZE) -> Flowable:
    return cell(label, size=size, align="centre", bold=True)


def _header_rows(days: Sequence[SheetDay], total_headers: Sequence[str], first_day: int) -> list[list[object]]:
    """The three header rows: the column titles, then each day's number over its weekday letter, the totals'
    titles beside them."""
    first_total = first_day + len(days)
    top: list[object] = [_header(_("No.")), _header(_("Full name"), NAME_SIZE), _header(_("Position"), NAME_SIZE),
                         _header(_("Days of the month")), *[""] * (len(days) - 1),
                         _header(_("Totals for the month (days)")), *[""] * (len(total_headers) - 1)]
    numbers: list[object] = ["" for _column in top]
    letters: list[object] = ["" for _column in top]
    for index, month_day in enumerate(days):
        numbers[first_day + index] = str(month_day.day.day)
        letters[first_day + index] = _(WEEKDAY_LETTERS[month_day.day.weekday()])
    for index, label in enumerate(total_headers):
        numbers[first_total + index] = _header(label, 6)
    return [top, numbers, letters]


def _table_style(first_day: int, first_total: int, columns: int, last: int) -> list[tuple[object, ...]]:
    """Fonts, rules, spans and paddings of the form; ``last`` is the last ruled row (the closing row follows).
    A flat list of the form's settings, as reportlab takes them: long, not complicated."""
    return [
        ("FONTNAME", (0, 0), (-1, -1), fonts.face()),
        ("FONTSIZE", (0, 0), (-1, -1), HEADER_SIZE),
        ("LEADING", (0, 0), (-1, -1), round(HEADER_SIZE * 1.15, 1)),
        ("GRID", (0, 0), (-1, last), 0.5, GRID_COLOUR),
        ("VALIGN", (0, 0), (-1, last), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, 0), 2), ("BOTTOMPADDING", (0, 0), (-1, 0), 3),
        ("FONTNAME", (0, 0), (-1, HEADER_ROWS - 1), fonts.face(bold=True)),
        ("ALIGN", (0, 0), (-1, HEADER_ROWS - 1), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, HEADER_ROWS - 1), HEADER_FILL),
        ("ALIGN", (0, HEADER_ROWS), (0, last), "CENTER"),
        *[("SPAN", (column, 0), (column, 2)) for column in range(first_day)],
        ("SPAN", (first_day, 0), (first_total - 1, 0)),
        ("SPAN", (first_total, 0), (-1, 0)),
        *[("SPAN", (column, 1), (column, 2)) for column in range(first_total, columns)],
        ("FONTSIZE", (first_day, 1), (first_total - 1, 2), HEADER_SIZE),
        ("FONTNAME", (first_day, 2), (first_total - 1, 2), fonts.face()),
        ("FONTSIZE", (0, HEADER_ROWS), (-1, last), CODE_SIZE),
        ("FONTSIZE", (first_total, HEADER_ROWS), (-1, last), NAME_SIZE),
        ("ALIGN", (first_day, HEADER_ROWS), (-1, last), "CENTER"),
        ("ALIGN", (first_total, HEADER_ROWS), (-1, last), "RIGHT"),
        ("LEFTPADDING", (first_day, 0), (first_total - 1, last), DAY_PADDING),
        ("RIGHTPADDING", (first_day, 0), (first_total - 1, last), DAY_PADDING),
        ("LEFTPADDING", (first_total, 0), (-1, last), 1.5), ("RIGHTPADDING", (first_total, 0), (-1, last), 1.5),
        ("TOPPADDING", (0, 1), (-1, last), 1), ("BOTTOMPADDING", (0, 1), (-1, last), 1.5),
        ("FONTNAME", (first_total, HEADER_ROWS), (first_total, last), fonts.BOLD),
        # The closing row: the whole width, no rules, and never on a page without the last people.
        ("SPAN", (0, -1), (-1, -1)),
        ("VALIGN", (0, -1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, -1), (-1, -1), 0), ("RIGHTPADDING", (0, -1), (-1, -1), 0),
        ("TOPPADDING", (0, -1), (-1, -1), 2 * mm), ("BOTTOMPADDING", (0, -1), (-1, -1), 0),
        ("NOSPLIT", (0, max(HEADER_ROWS, last + 1 - KEPT_ROWS)), (-1, -1)),
    ]

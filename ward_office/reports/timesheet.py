"""Report 3, "Bảng chấm công" (mẫu C01-HD): one month, one column per day, the standard codes, the totals.

The accountant and the head sign the timesheet the clerk keeps on the attendance page, so the paper is
that month sheet (``services.attendance_sheet.month_sheet``) and nothing else: one row per person in
official order, each day's code ("+" present, M late, S left early, the leave codes, Ko absent without
leave), printed "+/P" in a smaller size when morning and afternoon differ; weekends and holidays are
shaded, days not yet come are blank. The totals are in days (a session is half a day), grouped as the
form groups them: paid working days, paid leave, leave paid by social insurance, unpaid leave, and
absence without leave. A legend of the codes and the three signatures of §4 close it.

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
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ward_office.core.attendance import ABSENT_CODE, LEAVE_LABELS, PRESENT_CODE, LeaveCode
from ward_office.core.staff import Staff
from ward_office.core.unit import Unit
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_month, format_number
from ward_office.reports import fonts
from ward_office.reports.document import (
    ReportDocument,
    Signature,
    cell,
    data_table,
    document_title,
    letterhead,
    paragraph,
    signature_row,
)

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

# C01-HD groups the days off by who pays for them.
PAID_LEAVE = (LeaveCode.ANNUAL, LeaveCode.MEETING, LeaveCode.COMPENSATORY, LeaveCode.BUSINESS_TRIP)
INSURANCE_LEAVE = (LeaveCode.SICK, LeaveCode.CHILD_SICK, LeaveCode.MATERNITY, LeaveCode.ACCIDENT)
UNPAID_LEAVE = (LeaveCode.UNPAID,)

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
    def worked_days(self) -> Fraction: ...
    @property
    def absent_days(self) -> Fraction: ...
    @property
    def late(self) -> int: ...
    @property
    def early(self) -> int: ...
    def leave_days(self, code: LeaveCode) -> Fraction: ...


class SheetRow(Protocol):
    @property
    def staff(self) -> Staff: ...
    @property
    def codes(self) -> Sequence[tuple[str, str] | None]: ...
    @property
    def totals(self) -> SheetTotals: ...


class MonthSheetLike(Protocol):
    """What the timesheet reads: ``services.attendance_sheet.MonthSheet`` fits."""

    @property
    def year(self) -> int: ...
    @property
    def month(self) -> int: ...
    @property
    def days(self) -> Sequence[SheetDay]: ...
    @property
    def rows(self) -> Sequence[SheetRow]: ...


def day_text(codes: tuple[str, str] | None) -> str:
    """A day's cell: "+" when both sessions agree, "+/P" (morning/afternoon) when they differ, "" blank."""
    if codes is None:
        return ""
    morning, afternoon = codes
    return morning if morning == afternoon else f"{morning}/{afternoon}"


def leave_group_days(totals: SheetTotals, codes: Sequence[LeaveCode]) -> Fraction:
    return sum((totals.leave_days(code) for code in codes), Fraction(0))


def total_columns(totals: SheetTotals) -> list[Fraction | int]:
    """The totals of one row in column order: days worked, paid leave, insurance leave, unpaid, Ko,
    sessions late or left early."""
    return [totals.worked_days, leave_group_days(totals, PAID_LEAVE), leave_group_days(totals, INSURANCE_LEAVE),
            leave_group_days(totals, UNPAID_LEAVE), totals.absent_days, totals.late + totals.early]


def write_timesheet(out: str | Path | BinaryIO, sheet: MonthSheetLike, unit: Unit, *, day: date) -> int:
    """Write the C01-HD timesheet of ``sheet`` dated ``day``; return the number of pages."""
    month = format_month(sheet.year, sheet.month, "long")
    document = ReportDocument(out, landscape=True, title=_(TITLE), author=unit.name, subject=month)
    return document.build(timesheet_story(sheet, unit, day, document.width))


def timesheet_story(sheet: MonthSheetLike, unit: Unit, day: date, width: float) -> Iterator[Flowable]:
    yield letterhead(unit, day, symbol="")
    yield from document_title(_(TITLE), format_month(sheet.year, sheet.month, "long"),
                              lines=[_("Form C01-HD")])
    yield timesheet_table(sheet, width)
    yield Spacer(1, 2 * mm)
    for line in legend_lines(sheet):
        yield paragraph(line, size=9.5, align="left", space_after=1)
    yield KeepTogether([signature_row([
        Signature((_("TIMEKEEPER").upper(),), unit.preparer_name),
        Signature((_("HEAD OF DEPARTMENT").upper(),)),
        Signature((_("HEAD OF THE UNIT").upper(),), unit.head_name),
    ], space_before=3 * mm, signing_space=18 * mm)])


def legend_lines(sheet: MonthSheetLike) -> list[str]:
    codes = [
        (PRESENT_CODE, _("present")), (LATE_CODE, _("late")), (EARLY_CODE, _("left early")),
        *((code.value, _(LEAVE_LABELS[code]).lower()) for code in LeaveCode),
        (ABSENT_CODE, _("absent without leave")),
    ]
    lines = [_("Codes: {codes}.").format(codes="; ".join(f"{code} – {meaning}" for code, meaning in codes)),
             _("“+/P” means morning/afternoon. Shaded columns are weekends and holidays; days still to come "
               "are blank. Totals are in days (a session is half a day); the last column counts sessions "
               "begun late or left early.")]
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


def timesheet_table(sheet: MonthSheetLike, width: float) -> Flowable:
    days = list(sheet.days)
    total_headers = [_("Days worked"), _("Paid leave (P, H, Nb, CT)"), _("Social insurance (Ô, Cô, Ts, T)"),
                     _("Unpaid leave (No)"), _("Absent without leave (Ko)"), _("Late / left early (sessions)")]
    fixed = [7 * mm, 0.0, 27 * mm]  # STT, name (takes the rest), position
    total_width = 9 * mm
    fixed[1] = width - fixed[0] - fixed[2] - DAY_WIDTH * 31 - total_width * len(total_headers)
    widths = [*fixed, *[DAY_WIDTH] * len(days), *[total_width] * len(total_headers)]
    first_day, first_total = len(fixed), len(fixed) + len(days)

    def header(label: str, size: float = HEADER_SIZE) -> Flowable:
        return cell(label, size=size, align="centre", bold=True)

    top: list[object] = [header(_("No.")), header(_("Full name"), NAME_SIZE), header(_("Position"), NAME_SIZE),
                         header(_("Days of the month")), *[""] * (len(days) - 1),
                         header(_("Totals for the month (days)")), *[""] * (len(total_headers) - 1)]
    numbers: list[object] = ["" for _column in top]
    letters: list[object] = ["" for _column in top]
    for index, month_day in enumerate(days):
        numbers[first_day + index] = str(month_day.day.day)
        letters[first_day + index] = _(WEEKDAY_LETTERS[month_day.day.weekday()])
    for index, label in enumerate(total_headers):
        numbers[first_total + index] = header(label, 6)
    rows: list[list[object]] = [top, numbers, letters]
    for number, row in enumerate(sheet.rows, start=1):
        rows.append([
            str(number), cell(row.staff.full_name, size=NAME_SIZE), cell(row.staff.position, size=NAME_SIZE - 1),
            *(_fitted(day_text(codes), DAY_WIDTH) for codes in row.codes),
            *(format_number(value) for value in total_columns(row.totals)),
        ])
    style: list[tuple[object, ...]] = [
        *[("SPAN", (column, 0), (column, 2)) for column in range(first_day)],
        ("SPAN", (first_day, 0), (first_total - 1, 0)),
        ("SPAN", (first_total, 0), (-1, 0)),
        *[("SPAN", (column, 1), (column, 2)) for column in range(first_total, len(top))],
        ("FONTSIZE", (first_day, 1), (first_total - 1, 2), HEADER_SIZE),
        ("FONTNAME", (first_day, 2), (first_total - 1, 2), fonts.face()),
        ("FONTSIZE", (0, 3), (-1, -1), CODE_SIZE),
        ("FONTSIZE", (first_total, 3), (-1, -1), NAME_SIZE),
        ("ALIGN", (first_day, 3), (-1, -1), "CENTER"),
        ("ALIGN", (first_total, 3), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (first_day, 0), (first_total - 1, -1), DAY_PADDING),
        ("RIGHTPADDING", (first_day, 0), (first_total - 1, -1), DAY_PADDING),
        ("LEFTPADDING", (first_total, 0), (-1, -1), 1.5), ("RIGHTPADDING", (first_total, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 1), (-1, -1), 1), ("BOTTOMPADDING", (0, 1), (-1, -1), 1.5),
        ("FONTNAME", (first_total, 3), (first_total, -1), fonts.BOLD),
    ]
    style += [("BACKGROUND", (first_day + index, 1), (first_day + index, -1), WEEKEND_FILL)
              for index, month_day in enumerate(days) if not month_day.working_day]
    return data_table(rows, widths, header_rows=3, size=HEADER_SIZE, align={0: "centre"}, extra_style=style)

"""Report 4, "Biên bản kiểm tra": the record of one check round, signed on the spot or when it closes.

A minutes-style document (NĐ 30/2020 header, "BIÊN BẢN" and its subject): when and where the round was
held, who checked, how many of the staff at work that day were seen, the violations found (each with the
criterion's code and name, the points the plan takes off for that occurrence, and room for the person
cited to sign), the closing time (dots to fill by hand while the round is still open), and the signatures
of the checking team and of whoever wrote the record, kept on the page of the table's last rows. The
figures are gathered by ``services.report_renders.check_record``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ward_office.core.checks import CHECK_KIND_LABELS, Check
from ward_office.core.period import FiguresStatus
from ward_office.core.unit import Unit
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_number, format_points
from ward_office.reports.document import (
    ReportDocument,
    Signature,
    cell,
    data_table,
    document_title,
    letterhead,
    paragraph,
    shorten,
    signature_row,
    signed_ending,
)

TITLE = N_("RECORD")
SUBJECT = N_("Check on the observance of office culture")
DOTS = "\u2026\u2026"
SIZE = 11
TEXT_MAX_CHARS = 300  # the place and the checking team, in the body
NOTE_MAX_CHARS = 1500  # the round's note, in the body: longer text stays in the book only


@dataclass(frozen=True, slots=True)
class Violation:
    full_name: str
    department: str
    criterion_code: str
    criterion_name: str
    points: Fraction | None  # what the plan takes off for this occurrence; None when the plan lacks it
    note: str = ""


@dataclass(frozen=True, slots=True)
class CheckRecord:
    check: Check
    violations: tuple[Violation, ...]
    seen: int  # people ticked as seen in the round
    working: int  # staff at work on the round's day (active, not away both sessions)


def clock_words(moment: datetime) -> str:
    """"07 giờ 30 phút"."""
    return _("{hours} h {minutes} min").format(hours=f"{moment.hour:02d}", minutes=f"{moment.minute:02d}")


def write_check_record(out: str | Path | BinaryIO, record: CheckRecord, unit: Unit, *,
                       status: FiguresStatus | None = None) -> int:
    """Write the record of one round, dated the round's day; return the number of pages. ``status`` says
    whether the points are final or provisional."""
    document = ReportDocument(out, title=_(TITLE), author=unit.name, subject=_(SUBJECT))
    return document.build(check_record_story(record, unit, document.width, status))


def check_record_story(record: CheckRecord, unit: Unit, width: float,
                       status: FiguresStatus | None = None) -> Iterator[Flowable]:
    check = record.check
    yield letterhead(unit, check.day, symbol="BB-UBND")
    yield from document_title(_(TITLE), _(SUBJECT), lines=[_(CHECK_KIND_LABELS[check.kind])], status=status)
    start = _("Time: begun at {time}, {date}").format(time=clock_words(check.started_at),
                                                       date=format_date(check.started_at, "long"))
    if check.finished_at is not None:
        start += _("; finished at {time}").format(time=clock_words(check.finished_at))
        if check.finished_at.date() != check.day:
            start += ", " + format_date(check.finished_at, "long")
    yield paragraph(start + ".")
    yield paragraph(_("Place: {place}.").format(place=shorten(check.location, TEXT_MAX_CHARS) or DOTS * 6))
    yield paragraph(_("Checking team: {checker}.").format(checker=shorten(check.checker, TEXT_MAX_CHARS)))
    if check.note:
        yield paragraph(_("Note: {note}").format(note=shorten(check.note, NOTE_MAX_CHARS)))
    yield paragraph(_("<b>Results of the check:</b>"), markup=True, space_after=3)
    yield paragraph(_("- People seen: {seen} of the {working} staff at work that day.").format(
        seen=record.seen, working=record.working))
    if record.violations:
        yield paragraph(_("- Violations found: {count}, as follows:").format(count=len(record.violations)))
        body = violations_table(record, width)
    else:
        body = paragraph(_("- No violation was found."))
    closing = (_("The record was closed at {time} on the same day.").format(time=clock_words(check.finished_at))
               if check.finished_at is not None
               else _("The record was closed at {hours} h {minutes} min on the same day.").format(
                   hours=DOTS, minutes=DOTS))
    # The closing lines and signatures stay on the page of the table's last rows.
    yield signed_ending(body, [
        Spacer(1, 2 * mm),
        paragraph(closing),
        paragraph(_("The record was read out to those present, who agreed with it and signed it.")),
        signature_row([Signature((_("FOR THE CHECKING TEAM").upper(),)),
                       Signature((_("RECORDED BY").upper(),))]),
    ], keep_rows=3)


def points_off(points: Fraction) -> str:
    """Points taken off as the "Điểm trừ" column prints them, without a sign ("2"); points that add, which
    a violation should not, keep theirs ("+1")."""
    return format_number(-points) if points <= 0 else format_points(points)


def violations_table(record: CheckRecord, width: float) -> Flowable:
    """One row per violation, with room for the person cited to sign it."""
    widths = [10 * mm, 30 * mm, 26 * mm, 0.0, 13 * mm, 25 * mm, 25 * mm]
    widths[3] = width - sum(widths)

    def header(label: str, size: float = SIZE) -> Flowable:
        return cell(label, size=size, align="centre", bold=True)

    rows: list[list[object]] = [[header(_("No.")), header(_("Full name")), header(_("Department")),
                                 header(_("Violation")), header(_("Points off")), header(_("Note")),
                                 header(_("Person cited (signature, full name)"), SIZE - 1)]]
    for number, violation in enumerate(record.violations, start=1):
        what = (f"{violation.criterion_code} — {violation.criterion_name}"
                if violation.criterion_name else violation.criterion_code)
        rows.append([str(number), cell(violation.full_name, size=SIZE), cell(violation.department, size=SIZE),
                     cell(what, size=SIZE),
                     "" if violation.points is None else points_off(violation.points),
                     cell(violation.note, size=SIZE - 1), Spacer(1, 9 * mm)])
    total = sum((violation.points for violation in record.violations if violation.points is not None), Fraction(0))
    rows.append(["", cell(_("Total"), size=SIZE, bold=True), "", "", points_off(total), "", ""])
    return data_table(rows, widths, size=SIZE, align={0: "centre", 4: "centre"},
                      extra_style=[("SPAN", (1, -1), (3, -1))])

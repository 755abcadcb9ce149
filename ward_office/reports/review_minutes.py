"""Report 5, "Biên bản họp xét thi đua": the minutes of the review meeting, printed before it and filled by hand.

The meeting (sơ kết 6 tháng for a half-year, tổng kết năm for a year) works from the ranking, so the
minutes come prefilled with what the program knows: the period, the plan, the counts per grade, each
person's score and grade with the ceiling and quota notes, and, as the conclusion, the people proposed
for the top grade. What only the meeting knows (time, place, secretary, who attended, the vote, the
closing time) is left as dotted lines. The layout follows the minutes order of domain.md §6: time,
place, attendance, content, vote, conclusion, closing time, THƯ KÝ left and CHỦ TRÌ right.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_number, period_label
from ward_office.reports import fonts
from ward_office.reports.document import (
    ReportDocument,
    Scored,
    Signature,
    cell,
    data_table,
    document_title,
    letterhead,
    paragraph,
    signature_row,
)
from ward_office.reports.ranking import change_notes, grade_counts_line
from ward_office.scoring.results import Ranking, StaffResult

TITLE = N_("RECORD")
DOTS = "\u2026" * 5
SIZE = 11
BODY = 13


def meeting_name(ranking: Ranking) -> str:
    """"Họp xét thi đua sơ kết 6 tháng đầu năm 2026", "… tổng kết năm 2026", or the period's label."""
    period = ranking.period
    year = period.start.year
    kind = str(period.kind)
    if kind == "half_year":
        text = (_("Emulation review meeting: review of the first six months of {year}") if period.start.month == 1
                else _("Emulation review meeting: review of the last six months of {year}"))
        return text.format(year=year)
    if kind == "year":
        return _("Emulation review meeting: review of the year {year}").format(year=year)
    return _("Emulation review meeting: {period}").format(period=period_label(period))


def proposed(ranking: Ranking) -> list[StaffResult]:
    """Who holds the plan's best grade, after ceilings and quota: the people proposed for it."""
    if not ranking.plan.grades:
        return []
    best = ranking.plan.grades[0].code
    return [result for result in ranking.results if result.grade.code == best]


def write_minutes(out: str | Path | BinaryIO, scored: Scored, *, day: date) -> int:
    """Write the prefilled minutes for ``scored``'s period dated ``day``; return the number of pages."""
    document = ReportDocument(out, title=_(TITLE), author=scored.unit.name, subject=meeting_name(scored.ranking))
    return document.build(minutes_story(scored, day, document.width))


def dotted_line(width: float, lead: str = "") -> str:
    """``lead`` followed by dots to the end of a line ``width`` wide: room to write by hand."""
    room = width - fonts.text_width(lead, BODY) - 2
    return lead + "\u2026" * max(int(room // fonts.text_width("\u2026", BODY)), 3)


def _fill(value: str) -> Flowable:
    """A line with blanks to fill: left-aligned, so justification does not stretch the dots."""
    return paragraph(value, align="left", space_after=4)


def _heading(value: str) -> Flowable:
    return paragraph(value, bold=True, align="left", space_after=3)


def minutes_story(scored: Scored, day: date, width: float) -> Iterator[Flowable]:
    ranking, unit = scored.ranking, scored.unit
    plan = ranking.plan
    yield letterhead(unit, day, symbol="BB-UBND")
    yield from document_title(_(TITLE), meeting_name(ranking))
    yield _fill(_("Time: {hours} h {minutes} min, day {day} month {month} year {year}.").format(
        hours=DOTS, minutes=DOTS, day=DOTS, month=DOTS, year=DOTS))
    yield _fill(dotted_line(width, _("Place:") + " "))
    yield _heading(_("I. ATTENDANCE"))
    chair = f"{unit.head_name or DOTS * 4}, {unit.head_title or DOTS * 3}"
    yield _fill(_("- Chaired by: {chair}.").format(chair=chair))
    yield _fill(dotted_line(width, _("- Secretary:") + " "))
    yield _fill(_("- Members present: {count} people, namely:").format(count=DOTS))
    yield _fill(dotted_line(width))
    yield _fill(dotted_line(width))
    yield _fill(dotted_line(width, _("- Absent: {count} people; reason:").format(count=DOTS) + " "))
    yield _heading(_("II. CONTENT"))
    yield paragraph(_("The meeting reviewed the results of the emulation scoring for {period} under “{plan}”"
                      " (base score {base}):").format(period=period_label(ranking.period), plan=plan.name,
                                                      base=format_number(plan.base_score)), first_line_indent=10 * mm)
    yield paragraph(grade_counts_line(ranking), first_line_indent=10 * mm)
    if ranking.quota_limit is not None and plan.quota is not None:
        quota_grade = next((grade.name for grade in plan.grades if grade.code == plan.quota.grade_code),
                           plan.quota.grade_code)
        yield paragraph(_("Under the plan, at most {limit} people may be graded “{grade}”.").format(
            limit=ranking.quota_limit, grade=quota_grade), first_line_indent=10 * mm)
    yield results_table(ranking, width)
    notes = change_notes(ranking)
    for number, (explanation, names) in enumerate(notes, start=1):
        yield paragraph(_("({number}) {explanation}: {names}.").format(
            number=number, explanation=explanation, names=", ".join(names)), size=11, space_after=2)
    yield paragraph(_("Opinions in the discussion:"), space_after=4)
    for _line in range(4):
        yield _fill(dotted_line(width))
    yield _heading(_("III. VOTE"))
    yield _fill(_("Members voting: {total}; in favour: {yes} ({yes_share}%); against: {no} ({no_share}%).").format(
        total=DOTS, yes=DOTS, yes_share=DOTS, no=DOTS, no_share=DOTS))
    yield _heading(_("IV. CONCLUSION"))
    people = proposed(ranking)
    if people:
        yield paragraph(_("The meeting agreed to propose the following {count} people for the title:").format(
            count=len(people)))
        yield proposals_table(people, width)
    else:
        yield paragraph(_("Nobody reached the top grade in the period."))
    yield Spacer(1, 2 * mm)
    yield KeepTogether([
        _fill(_("The meeting closed at {hours} h {minutes} min on the same day.").format(
            hours=DOTS, minutes=DOTS)),
        signature_row([Signature((_("SECRETARY").upper(),)), Signature((_("CHAIR").upper(),), unit.head_name)]),
    ])


def results_table(ranking: Ranking, width: float) -> Flowable:
    widths = [11 * mm, 45 * mm, 0.0, 20 * mm, 57 * mm]
    widths[2] = width - sum(widths)
    note_numbers = {explanation: number for number, (explanation, _names) in enumerate(change_notes(ranking), 1)}

    def header(label: str) -> Flowable:
        return cell(label, size=SIZE, align="centre", bold=True)

    rows: list[list[object]] = [[header(_("No.")), header(_("Full name")), header(_("Position")),
                                 header(_("Total score")), header(_("Grade"))]]
    for number, result in enumerate(ranking.results, start=1):
        marks = sorted({note_numbers[change.localized()] for change in result.changes})
        grade = result.grade.name + "".join(f" ({mark})" for mark in marks)
        rows.append([str(number), cell(result.staff.full_name, size=SIZE), cell(result.staff.position, size=SIZE),
                     format_number(result.score), cell(grade, size=SIZE)])
    return data_table(rows, widths, size=SIZE, align={0: "centre", 3: "right"},
                      extra_style=[("FONTNAME", (3, 1), (3, -1), fonts.BOLD)])


def proposals_table(people: list[StaffResult], width: float) -> Flowable:
    widths = [11 * mm, 55 * mm, 0.0, 60 * mm]
    widths[2] = width - sum(widths)

    def header(label: str) -> Flowable:
        return cell(label, size=SIZE, align="centre", bold=True)

    rows: list[list[object]] = [[header(_("No.")), header(_("Full name")), header(_("Position")),
                                 header(_("Proposed title"))]]
    rows += [[str(number), cell(result.staff.full_name, size=SIZE), cell(result.staff.position, size=SIZE),
              cell(result.grade.name, size=SIZE)] for number, result in enumerate(people, start=1)]
    return data_table(rows, widths, size=SIZE, align={0: "centre"})

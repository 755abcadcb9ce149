"""Report 2, "Phiếu điểm cá nhân": one sheet per person with every item behind their score.

Each person gets the letterhead, their details, a table of every occurrence that moved the score (date,
session, criterion, points as they count in this period, note, who recorded it), the sum that gives the
score, the grade with any ceiling or quota change, and lines to sign: the person, to confirm they saw
it, and the preparer. People follow one another on new pages; page numbers run on.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from ward_office.core.schedule import SESSION_LABELS
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_number, format_points, period_label
from ward_office.reports import fonts
from ward_office.reports.document import (
    ReportDocument,
    Scored,
    Signature,
    cell,
    data_table,
    document_title,
    layout_table,
    letterhead,
    paragraph,
    preparer_signature,
    signature_row,
)
from ward_office.scoring.results import ScoreItem, StaffResult

TITLE = N_("PERSONAL SCORECARD")
SIZE = 11
BODY = 13


def write_scorecards(out: str | Path | BinaryIO, scored: Scored, *, day: date) -> int:
    """Write one scorecard per ranked person, in rank order, dated ``day``; return the number of pages."""
    document = ReportDocument(out, title=_(TITLE), author=scored.unit.name,
                              subject=period_label(scored.ranking.period))
    return document.build(scorecards_story(scored, day, document.width))


def scorecards_story(scored: Scored, day: date, width: float) -> Iterator[Flowable]:
    for index, result in enumerate(scored.ranking.results):
        if index:
            yield PageBreak()
        yield from scorecard(scored, result, day, width)


def scorecard(scored: Scored, result: StaffResult, day: date, width: float) -> Iterator[Flowable]:
    ranking, unit, person = scored.ranking, scored.unit, result.staff
    plan = ranking.plan
    yield letterhead(unit, day, symbol="")
    yield from document_title(_(TITLE), _("{plan} — {period}").format(plan=plan.name,
                                                                      period=period_label(ranking.period)))
    department = scored.departments.get(person.department_id, "") if person.department_id is not None else ""
    yield details_table([
        (_("Full name:"), person.full_name, _("Staff code:"), person.code),
        (_("Position:"), person.position, _("Department:"), department),
    ], width)
    if result.items:
        yield paragraph(_("Items that added or took off points in the period:"), size=12, bold=True, space_after=3)
        yield items_table(scored, result, width)
        yield Spacer(1, 1.5 * mm)
        if any(item.weight != 1 for item in result.items):
            yield paragraph(_("The points of an item are what it adds to this period's score: its points in its "
                              "month times the month's share of the period."), size=10.5, italic=True)
    else:
        yield paragraph(_("No item added or took off points in the period."), size=12, italic=True)
    change = result.score - plan.base_score
    closing: list[Flowable] = [
        paragraph(_("<b>Score:</b> base score {base} {change} = <b>{score}</b>").format(
            base=format_number(plan.base_score), change=format_points(change) if change else "+ 0",
            score=format_number(result.score)), size=BODY, markup=True, align="left", space_after=3),
        paragraph(_("<b>Grade:</b> {grade}; rank {rank} of {total}.").format(
            grade=escape(result.grade.name), rank=result.rank, total=len(ranking.results)),
            size=BODY, markup=True, align="left", space_after=3),
    ]
    if result.changes:
        closing.append(paragraph(_("Graded by score: {grade}.").format(grade=result.grade_by_score.name),
                                 size=12, align="left", space_after=2))
        closing += [paragraph(f"- {grade_change.localized()}", size=12, align="left", space_after=2)
                    for grade_change in result.changes]
    closing.append(signature_row([Signature((_("THE PERSON ASSESSED").upper(),), person.full_name),
                                  preparer_signature(unit)], signing_space=18 * mm))
    yield KeepTogether(closing)  # the signatures never stand alone on a page


def details_table(rows: list[tuple[str, str, str, str]], width: float) -> Flowable:
    """The person's details in two label-value pairs per line, without rules."""
    data = [[cell(label, size=12), cell(value, size=12, bold=True), cell(label2, size=12), cell(value2, size=12)]
            for label, value, label2, value2 in rows]
    return layout_table(data, [26 * mm, width / 2 - 26 * mm, 26 * mm, width / 2 - 26 * mm], padding=2,
                        extra_style=[("LEFTPADDING", (0, 0), (-1, -1), 0)])


def _note(item: ScoreItem) -> str:
    parts = []
    if item.minutes:
        parts.append(_("{minutes} min").format(minutes=item.minutes))
    if item.note:
        parts.append(item.note)
    if item.capped:
        parts.append(_("over the cap, not counted in full"))
    return "; ".join(parts)


def items_table(scored: Scored, result: StaffResult, width: float) -> Flowable:
    criteria = scored.ranking.plan.criteria
    widths = [9 * mm, 20 * mm, 13 * mm, 0.0, 15 * mm, 32 * mm, 24 * mm]
    widths[3] = width - sum(widths)
    rows: list[list[object]] = [[_("No."), _("Date"), _("Session"), _("Criterion"), _("Points"), _("Note"),
                                 _("Recorded by")]]
    for number, item in enumerate(result.items, start=1):
        criterion = criteria.get(item.criterion_code)
        rows.append([
            str(number), format_date(item.day), _(SESSION_LABELS[item.session]) if item.session else "",
            cell(f"{item.criterion_code} — {criterion.name}" if criterion else item.criterion_code, size=SIZE),
            format_points(item.contribution), cell(_note(item), size=SIZE - 1),
            cell(item.recorded_by, size=SIZE - 1),
        ])
    total = sum((item.contribution for item in result.items), start=0)
    rows.append([cell(_("Total"), size=SIZE, bold=True, align="right"), "", "", "", format_points(total), "", ""])
    return data_table(rows, widths, size=SIZE, align={0: "centre", 1: "centre", 2: "centre", 4: "right"},
                      extra_style=[("SPAN", (0, -1), (3, -1)), ("FONTNAME", (4, -1), (4, -1), fonts.BOLD)])

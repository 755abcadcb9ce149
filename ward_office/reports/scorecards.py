"""Report 2, "Phiếu điểm cá nhân": one sheet per person with every item behind their score.

Each person gets the letterhead, their details, a table of every occurrence that moved the score (date,
session, criterion, points as they count in this period, note, who recorded it), the sum that gives the
score ("Điểm chuẩn 100 − 0,17 = 99,83"), the grade with any ceiling or quota change, and three blocks to
sign: the person, to confirm they saw it, the preparer, and the head's confirmation. The score and the
signatures stay on the page of the card's last rows. Each person starts on a new page, and each card
numbers its own pages ("Trang 2/2") under a running header that names the person.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from ward_office.core.period import FiguresStatus
from ward_office.core.plan import EmulationPlan
from ward_office.core.schedule import SESSION_LABELS
from ward_office.core.staff import Staff
from ward_office.i18n import N_, _, current_language
from ward_office.i18n.formatting import format_date, format_number, format_points, period_label
from ward_office.reports import fonts
from ward_office.reports.document import (
    NAME_MAX_CHARS,
    ReportDocument,
    SectionStart,
    Signature,
    cell,
    data_table,
    document_title,
    head_signature,
    layout_table,
    letterhead,
    line_cell,
    paragraph,
    preparer_signature,
    shorten,
    signature_row,
    signed_ending,
)
from ward_office.reports.table_styles import repeated
from ward_office.scoring.entered import entered_cell, entered_note, lacking_text
from ward_office.scoring.excused import excused_text
from ward_office.scoring.explained import (
    block_score,
    cap_text,
    clamp_text,
    grade_thresholds,
    left_out_line,
    score_label,
)
from ward_office.scoring.results import NOT_GRADED, ItemSource, ScoredPeriod, ScoreItem, StaffResult
from ward_office.scoring.versions import versions_line

TITLE = N_("PERSONAL SCORECARD")
SIZE = 11
BODY = 13
# A card's tables are set closer than a report's (2 and 3 pt) so that a card of a dozen items keeps to its page.
COMPACT = [("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]


def write_scorecards(out: str | Path | BinaryIO, scored: ScoredPeriod, *, day: date,
                     status: FiguresStatus | None = None) -> int:
    """Write one scorecard per ranked person, in rank order, dated ``day``; return the number of pages.
    ``status`` says whether the figures are final or provisional."""
    document = ReportDocument(out, title=_(TITLE), author=scored.unit.name,
                              subject=period_label(scored.ranking.period))
    return document.build(scorecards_story(scored, day, document.width, status))


def scorecards_story(scored: ScoredPeriod, day: date, width: float,
                     status: FiguresStatus | None = None) -> Iterator[Flowable]:
    head = repeated(letterhead(scored.unit, day, symbol=""))  # every card's: one table, measured and drawn once
    for index, result in enumerate(scored.ranking.results):
        if index:
            yield PageBreak()
        yield from scorecard(scored, result, day, width, status, head=head)
    for index, person in enumerate(scored.ranking.not_scored):  # on long leave the whole period
        if index or scored.ranking.results:
            yield PageBreak()
        yield from not_scored_card(scored, person, day, width, status, head=head)


def not_scored_card(scored: ScoredPeriod, person: Staff, day: date, width: float,
                    status: FiguresStatus | None = None, *, head: Flowable | None = None) -> Iterator[Flowable]:
    """The card of someone on long leave every month of the period: no score, no grade, and the months why."""
    ranking = scored.ranking
    yield from _card_head(scored, person, day, width, status, head)
    yield paragraph(_("Not scored: on long leave every working day of every month of the period, so no month "
                      "counts towards a score or a grade."), size=BODY, bold=True, align="left", space_after=3)
    yield paragraph(left_out_line(ranking, person), size=BODY, align="left", space_after=3)
    yield _signatures(scored, person)


def _signatures(scored: ScoredPeriod, person: Staff) -> Flowable:
    """The person, to confirm they saw the card, the preparer, and the head's confirmation."""
    head = head_signature(scored.unit)
    return signature_row([
        Signature((_("THE PERSON ASSESSED").upper(),), person.full_name),
        preparer_signature(scored.unit),
        Signature((_("CONFIRMED BY THE HEAD").upper(), *head.title_lines[-1:]), head.name),
    ], space_before=3 * mm, signing_space=15 * mm, widths=["34%", "28%", "38%"], title_size=12)


def _card_head(scored: ScoredPeriod, person: Staff, day: date, width: float,
               status: FiguresStatus | None, head: Flowable | None) -> Iterator[Flowable]:
    """The letterhead (``head`` when the story made it), the title and the person's details, as every card
    begins."""
    ranking, unit = scored.ranking, scored.unit
    plan = ranking.plan
    # The card numbers its own pages; its second page on names the person in a running header.
    yield SectionStart(_("Personal scorecard: {name}, {period} (continued)").format(
        name=shorten(person.full_name, NAME_MAX_CHARS), period=period_label(ranking.period)))
    yield head or letterhead(unit, day, symbol="")
    yield from document_title(_(TITLE), _("{plan} — {period}").format(plan=plan.name,
                                                                      period=period_label(ranking.period)),
                              lines=[score_label(plan)], status=status, space_before=3 * mm,
                              space_after=2.5 * mm, line_leading=13)
    department = scored.departments.get(person.department_id, "") if person.department_id is not None else ""
    yield details_table([
        (_("Full name:"), person.full_name, _("Staff code:"), person.code),
        (_("Position:"), person.position, _("Department:"), department),
    ], width)


def score_line(base: Fraction | int, score: Fraction | int) -> str:
    """"Điểm chuẩn 100 − 0,17 = 99,83" (a true minus sign, spaced), "Điểm chuẩn 100 + 1,50 = 101,50"."""
    change = score - base
    return _("<b>Score:</b> base score {base} {sign} {change} = <b>{score}</b>").format(
        base=format_number(base), sign="\u2212" if change < 0 else "+",
        change=format_number(-change if change < 0 else change, 2, fixed=True),
        score=format_number(score, 2, fixed=True))


def scorecard(scored: ScoredPeriod, result: StaffResult, day: date, width: float,
              status: FiguresStatus | None = None, *, head: Flowable | None = None) -> Iterator[Flowable]:
    ranking, person = scored.ranking, result.staff
    plan = ranking.plan
    yield from _card_head(scored, person, day, width, status, head)
    yield blocks_table(scored, result, width)
    left_out = left_out_line(ranking, person)
    if left_out:  # months on long leave: in no mean
        yield paragraph(left_out, size=11.5, align="left", space_after=3, leading=13)
    closing: list[Flowable] = [Spacer(1, 1 * mm)]
    if result.items or result.clamps or result.ungraded:
        yield paragraph(_("Items that added or took off points in the period:"), size=12, bold=True, space_after=3)
        body = items_table(scored, result, width)
        if any(item.weight != 1 for item in result.items):
            closing.append(paragraph(_("An item's points: its points in its month times the month's share of "
                                       "the period."), size=10.5, italic=True, space_after=2))
    else:
        body = paragraph(_("No item added or took off points in the period."), size=12, italic=True)
    closing += [
        paragraph(score_line(plan.base_score, result.score), size=BODY, markup=True, align="left", space_after=3),
        paragraph(_("<b>Grade:</b> {grade}; rank {rank} of {total}.").format(
            grade=escape(result.grade.name), rank=result.rank, total=len(ranking.results)) if result.graded else
            _("<b>Grade:</b> not graded yet, no rank: lacking the points the head enters ({lacking}).").format(
                lacking=escape(lacking_text(plan, result))),
            size=BODY, markup=True, align="left", space_after=3),
    ]
    if result.changes and result.graded:
        closing.append(paragraph(_("Graded by score: {grade}.").format(grade=result.grade_by_score.name),
                                 size=11.5, align="left", space_after=1, leading=13))
        closing += [paragraph(f"- {grade_change.localized()}", size=11.5, align="left", space_after=1, leading=13)
                    for grade_change in result.changes]
    # The title names the plan already; its version and thresholds are what the score is read against.
    closing.append(paragraph(_("Grades of the plan (version {version}), in points: {thresholds}.").format(
        version=plan.version, thresholds=grade_thresholds(plan)), size=10.5, italic=True, align="left",
        space_after=0, leading=11.5))
    if versions := versions_line(ranking):  # months under different versions (scoring.versions)
        closing.append(paragraph(versions, size=10.5, italic=True, align="left", space_after=0, leading=11.5))
    closing.append(_signatures(scored, person))
    yield signed_ending(body, closing, keep_rows=3)  # the score and signatures go with the card's last rows


def details_table(rows: list[tuple[str, str, str, str]], width: float) -> Flowable:
    """The person's details in two label-value pairs per line, without rules."""
    widths = [26 * mm, width / 2 - 26 * mm, 26 * mm, width / 2 - 26 * mm]
    rooms = [column - 2 for column in widths]  # inside the right padding: a one-line text is a plain cell
    data = [[line_cell(label, rooms[0], size=12), line_cell(value, rooms[1], size=12, bold=True),
             line_cell(label2, rooms[2], size=12), line_cell(value2, rooms[3], size=12)]
            for label, value, label2, value2 in rows]
    return layout_table(data, widths, padding=2, extra_style=[
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("FONTSIZE", (0, 0), (-1, -1), 12),  # as the paragraphs would be
        ("LEADING", (0, 0), (-1, -1), round(12 * 1.15, 1)), ("FONTNAME", (1, 0), (1, -1), fonts.BOLD)])


def blocks_table(scored: ScoredPeriod, result: StaffResult, width: float) -> Flowable:
    """Each block's subtotal under its name, "26/30" where the block has a maximum; the blocks and the base
    score add up to the score."""
    plan = scored.ranking.plan
    blocks = plan.blocks
    rows: list[list[object]] = [
        [cell(_("Points by block of criteria"), size=SIZE - 1.5, bold=True),
         *(cell(block.name, size=SIZE - 1.5, bold=True, align="centre") for block in blocks)],
        ["", *(entered_cell(plan, block, result) or block_score(plan, block, result.block_totals.get(block.code,
                                                                                                    Fraction(0)))
               for block in blocks)],
    ]
    first = 24 * mm  # the block columns wide enough for a name such as "Trang phục và thẻ công chức" on two lines
    return KeepTogether([data_table(rows, [first, *[(width - first) / len(blocks)] * len(blocks)], size=SIZE,
                                    align=dict.fromkeys(range(1, len(blocks) + 1), "centre"),
                                    extra_style=[("SPAN", (0, 0), (0, 1)), ("VALIGN", (0, 0), (0, 1), "MIDDLE"),
                                                 *COMPACT]),
                         Spacer(1, 2 * mm)])


def _note(plan: EmulationPlan, result: StaffResult, item: ScoreItem) -> str:
    parts = [entered_note(plan, result, item)] if item.source is ItemSource.ENTERED else []
    if item.minutes:
        parts.append(_("{minutes} min").format(minutes=item.minutes))
    if item.note:
        parts.append(item.note)
    if item.excuse is not None:  # the reason, on a row of its own under the item (items_table)
        parts.append(_("excused"))
    if item.capped:
        parts.append(cap_text(plan, result, item))
    return "; ".join(parts)


# The criterion, note and recorder columns in the size and leading of their paragraphs (``line_cell``).
_LINE_CELLS = [(command, (column, 1), (column, -1), value) for column, size in ((3, SIZE - 1), (5, SIZE - 1),
                                                                               (6, SIZE - 1.5))
               for command, value in (("FONTSIZE", size), ("LEADING", round(size * 1.15, 1)))]


@lru_cache(maxsize=4096)
def _points(value: Fraction | int, language: str) -> str:
    """``format_points`` in ``language``: a ward's items repeat a few values (−0,5, −1, +2)."""
    return format_points(value)


@lru_cache(maxsize=1024)
def _day(value: date, language: str) -> str:
    return format_date(value)


def items_table(scored: ScoredPeriod, result: StaffResult, width: float) -> Flowable:
    criteria = scored.ranking.plan.criteria
    language = current_language()
    # The criterion takes what the short columns leave: "TG01 — Đi muộn quá thời gian cho phép" on one line;
    # "Người ghi", at 9.5 pt, keeps "HĐND-UBND" whole.
    widths = [9 * mm, 20 * mm, 11.5 * mm, 0.0, 12.5 * mm, 27 * mm, 22.5 * mm]
    widths[3] = width - sum(widths)
    rooms = [column - 6 for column in widths]  # inside data_table's padding: a one-line text is a plain cell
    rows: list[list[object]] = [[_("No."), _("Date"), _("Session"), _("Criterion"), _("Points"), _("Note"),
                                 _("Recorded by")]]
    spans: list[tuple[object, ...]] = []
    for number, item in enumerate(result.items, start=1):
        criterion = criteria.get(item.criterion_code)
        rows.append([
            str(number), f"{item.day:%m/%Y}" if item.source is ItemSource.ENTERED else _day(item.day, language),
            _(SESSION_LABELS[item.session]) if item.session else "",
            line_cell(f"{item.criterion_code} — {criterion.name}" if criterion else item.criterion_code, rooms[3],
                      size=SIZE - 1),
            _points(item.contribution, language),
            line_cell(_note(scored.ranking.plan, result, item), rooms[5], size=SIZE - 1),
            line_cell(item.recorded_by, rooms[6], size=SIZE - 1.5),
        ])
        if item.excuse is not None:  # why it costs nothing, across the row's width under it
            rows.append(["", cell(excused_text(item), size=SIZE - 1, italic=True), "", "", "", "", ""])
            spans.append(("SPAN", (1, len(rows) - 1), (6, len(rows) - 1)))
    for month, code in result.ungraded:  # an entered point missing: listed, counting nothing yet
        criterion = criteria.get(code)
        rows.append(["", f"{month:%m/%Y}", "", cell(f"{code} — {criterion.name}" if criterion else code, size=SIZE - 1),
                     "", cell(_(NOT_GRADED), size=SIZE - 1, italic=True), ""])
    for clamp in result.clamps:  # a bound of the plan that acted: its points make the total add up
        rows.append(["", cell(clamp_text(scored.ranking.plan, clamp), size=SIZE - 1, italic=True), "", "",
                     format_points(clamp.contribution), "", ""])
        spans.append(("SPAN", (1, len(rows) - 1), (3, len(rows) - 1)))
    total = sum((item.contribution for item in result.items), start=0) + sum(
        (clamp.contribution for clamp in result.clamps), start=0)
    rows.append([cell(_("Total"), size=SIZE, bold=True, align="right"), "", "", "", format_points(total), "", ""])
    return data_table(rows, widths, size=SIZE, align={0: "centre", 1: "centre", 2: "centre", 4: "right"},
                      extra_style=[*spans, ("SPAN", (0, -1), (3, -1)), ("FONTNAME", (4, -1), (4, -1), fonts.BOLD),
                                   *COMPACT, *_LINE_CELLS])

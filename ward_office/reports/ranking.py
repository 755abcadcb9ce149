"""Report 1, "Bảng tổng hợp kết quả thi đua": the ranking the review meeting works from and the head signs.

Landscape, one row per person in rank order: points added or taken off per block of the plan, the
score, the grade, and a numbered note wherever a ceiling or the quota changed the grade (the notes are
spelled out under the table, once each). The counts per grade close the table. Every figure is the
scoring engine's, only formatted, so the paper matches the screen.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_number, format_points, period_label
from ward_office.reports import fonts
from ward_office.reports.document import (
    ReportDocument,
    Scored,
    cell,
    data_table,
    document_title,
    head_signature,
    letterhead,
    paragraph,
    preparer_signature,
    recipients,
    signature_row,
)
from ward_office.scoring.results import Ranking

TITLE = N_("SUMMARY OF EMULATION RESULTS")
DEFAULT_RECIPIENTS = (
    N_("Standing committee of the ward Party committee;"),
    N_("Chairman and Vice-Chairmen of the ward People's Committee;"),
    N_("Ward Emulation and Commendation Council;"),
    N_("Departments and units;"),
)
SIZE = 10


def grade_counts(ranking: Ranking) -> list[tuple[str, int]]:
    """How many people hold each grade of the plan, best grade first."""
    counts = {grade.code: 0 for grade in ranking.plan.grades}
    for result in ranking.results:
        counts[result.grade.code] = counts.get(result.grade.code, 0) + 1
    return [(grade.name, counts[grade.code]) for grade in ranking.plan.grades]


def grade_counts_line(ranking: Ranking) -> str:
    """"Tổng số 30 người; Hoàn thành xuất sắc nhiệm vụ: 5; …"."""
    parts = [_("{grade}: {count}").format(grade=name, count=count) for name, count in grade_counts(ranking)]
    return _("In all {total} people; {counts}.").format(total=len(ranking.results), counts="; ".join(parts))


def write_ranking(out: str | Path | BinaryIO, scored: Scored, *, day: date,
                  recipients_list: Sequence[str] | None = None) -> int:
    """Write the summary for ``scored`` dated ``day``; return the number of pages."""
    document = ReportDocument(out, landscape=True, title=_(TITLE), author=scored.unit.name,
                              subject=period_label(scored.ranking.period))
    return document.build(ranking_story(scored, day, document.width, recipients_list))


def ranking_story(scored: Scored, day: date, width: float,
                  recipients_list: Sequence[str] | None = None) -> Iterator[Flowable]:
    ranking, unit = scored.ranking, scored.unit
    plan = ranking.plan
    yield letterhead(unit, day, symbol="BC-UBND")
    yield from document_title(_(TITLE), _("{plan} — {period}").format(plan=plan.name,
                                                                      period=period_label(ranking.period)),
                              lines=[plan.label] if plan.label else [])
    yield paragraph(_("Base score {base}. The block columns show the points added (+) or taken off (-) in each "
                      "block of criteria; the score is the base score plus these points.").format(
                          base=format_number(plan.base_score)), size=12)
    yield ranking_table(scored, width)
    yield Spacer(1, 3 * mm)
    notes = change_notes(ranking)
    if notes:
        yield paragraph(_("Notes:"), size=12, bold=True, space_after=2)
        for number, (explanation, names) in enumerate(notes, start=1):
            yield paragraph(_("({number}) {explanation}: {names}.").format(
                number=number, explanation=explanation, names=", ".join(names)), size=11, space_after=2)
    if ranking.unknown_criteria:
        yield paragraph(_("Events skipped because the plan has no such criterion: {codes}").format(
            codes=", ".join(ranking.unknown_criteria)), size=11, italic=True)
    lines = [_(line) for line in DEFAULT_RECIPIENTS] if recipients_list is None else list(recipients_list)
    # The signatures never stand alone on a page: the totals they certify go with them.
    yield KeepTogether([paragraph(grade_counts_line(ranking), size=12, bold=True, align="left"),
                        signature_row([preparer_signature(unit), head_signature(unit)]), *recipients(lines)])


def change_notes(ranking: Ranking) -> list[tuple[str, list[str]]]:
    """Each distinct explanation of a grade change, in order of first appearance, with whom it concerns."""
    notes: dict[str, list[str]] = {}
    for result in ranking.results:
        for change in result.changes:
            notes.setdefault(change.localized(), []).append(result.staff.full_name)
    return list(notes.items())


def ranking_table(scored: Scored, width: float) -> Flowable:
    ranking = scored.ranking
    blocks = ranking.plan.blocks
    note_numbers = {explanation: number for number, (explanation, _names) in enumerate(change_notes(ranking), 1)}
    fixed = [10 * mm, 10 * mm, 39 * mm, 28 * mm, 31 * mm]  # STT, rank, name, position, department
    tail = [14 * mm, 30 * mm, 11 * mm]  # score, grade, note
    block_width = (width - sum(fixed) - sum(tail)) / max(len(blocks), 1)
    widths = [*fixed, *[block_width] * len(blocks), *tail]
    first_block, score_column = len(fixed), len(fixed) + len(blocks)

    def header(label: str) -> Flowable:
        return cell(label, size=SIZE, align="centre", bold=True)

    top = [header(_("No.")), header(_("Rank")), header(_("Full name")), header(_("Position")),
           header(_("Department")), header(_("Points by block of criteria")), *[""] * (len(blocks) - 1),
           header(_("Total score")), header(_("Grade")), header(_("Note"))]
    second = ["" for _column in top]
    for index, block in enumerate(blocks):
        second[first_block + index] = cell(block.name, size=SIZE - 2, align="centre", bold=True)
    rows: list[list[object]] = [top, second]
    for number, result in enumerate(ranking.results, start=1):
        department = (scored.departments.get(result.staff.department_id, "")
                      if result.staff.department_id is not None else "")
        marks = sorted({note_numbers[change.localized()] for change in result.changes})
        rows.append([
            str(number), str(result.rank), cell(result.staff.full_name, size=SIZE),
            cell(result.staff.position, size=SIZE), cell(department, size=SIZE),
            *[format_points(result.block_totals.get(block.code, 0)) for block in blocks],
            format_number(result.score), cell(result.grade.name, size=SIZE),
            " ".join(f"({mark})" for mark in marks),
        ])
    spans: list[tuple[object, ...]] = [("SPAN", (column, 0), (column, 1)) for column in range(len(top))
                                       if not first_block <= column < score_column]
    if blocks:
        spans.append(("SPAN", (first_block, 0), (score_column - 1, 0)))
    align = {0: "centre", 1: "centre", score_column: "right", score_column + 2: "centre"}
    align.update({column: "right" for column in range(first_block, score_column)})
    return data_table(rows, widths, header_rows=2, size=SIZE, align=align, extra_style=[
        *spans, ("FONTNAME", (score_column, 2), (score_column, -1), fonts.BOLD),
    ])

"""Report 1, "Bảng tổng hợp kết quả thi đua": the ranking the review meeting works from and the head signs.

An appendix (phụ lục) of the review report, landscape, one row per person in rank order: points added or
taken off per block of the plan, the score (two decimals in every row), the grade's code, and a numbered
mark wherever a ceiling or the quota changed the grade; under the table, one line per mark says what it
means and how many people it concerns (their rows carry the mark), then the counts per grade, which also
explain the codes. Columns are as wide as their longest entries ask, so a row takes one line and a page
holds some twenty-five people. Every figure is the scoring engine's, only formatted, so the paper
matches the screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ward_office.core.period import FiguresStatus
from ward_office.core.plan import Block, EmulationPlan, Grade
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_number, period_label
from ward_office.reports import fonts
from ward_office.reports.document import (
    ReportDocument,
    appendix_heading,
    cell,
    data_table,
    document_title,
    head_signature,
    line_cell,
    paragraph,
    preparer_signature,
    shorten,
    signature_row,
    signed_ending,
)
from ward_office.scoring.entered import entered_cell, ungraded_line
from ward_office.scoring.explained import block_score, not_scored_line, plan_grades_line, score_label
from ward_office.scoring.quota_text import quota_line_text
from ward_office.scoring.results import NOT_GRADED, Ranking, ScoredPeriod, StaffResult
from ward_office.scoring.titles import ELIGIBLE_HEADER, eligible_titles, shows_titles, title_legend_line
from ward_office.scoring.versions import versions_line

TITLE = N_("SUMMARY OF EMULATION RESULTS")
DEFAULT_RECIPIENTS = (
    N_("Standing committee of the ward Party committee;"),
    N_("Chairman and Vice-Chairmen of the ward People's Committee;"),
    N_("Ward Emulation and Commendation Council;"),
    N_("Departments and units;"),
)
SIZE = 9.5  # the table's font: a row of name, position and department fits one line
HEADER_SIZE = 9.5
PADDING = 3  # data_table's left and right cell padding
TEXT_MAX_CHARS = 120  # a name, position or department longer than this is cut with "…" in the table
NOTE_MAX_CHARS = 400


def grade_counts_line(ranking: Ranking) -> str:
    """"Tổng số 30 người; Hoàn thành xuất sắc nhiệm vụ: 5; …"."""
    parts = [_("{grade}: {count}").format(grade=grade.name, count=count) for grade, count in ranking.grade_counts()]
    return _("In all {total} people; {counts}.").format(total=len(ranking.results),
                                                        counts="; ".join(_with_ungraded(parts, ranking)))


def grade_legend_line(ranking: Ranking) -> str:
    """"Tổng số 30 người; Hoàn thành xuất sắc nhiệm vụ (HTXSNV): 5; …": the counts and the codes of the
    Grade column in one line."""
    parts = [_("{grade} ({code}): {count}").format(grade=grade.name, code=grade.code, count=count)
             for grade, count in _counts(ranking)]
    return _("In all {total} people; {counts}.").format(total=len(ranking.results),
                                                        counts="; ".join(_with_ungraded(parts, ranking)))


def _with_ungraded(parts: list[str], ranking: Ranking) -> list[str]:
    """The counts by grade, then how many are not graded yet ("Chưa chấm: 2"), if any."""
    if not ranking.ungraded_count:
        return parts
    return [*parts, _("{grade}: {count}").format(grade=_(NOT_GRADED).capitalize(), count=ranking.ungraded_count)]


def _counts(ranking: Ranking) -> list[tuple[Grade, int]]:
    counts = {grade.code: 0 for grade in ranking.plan.grades}
    for result in ranking.results:
        if result.graded:
            counts[result.grade.code] = counts.get(result.grade.code, 0) + 1
    return [(grade, counts[grade.code]) for grade in ranking.plan.grades]


def write_ranking(out: str | Path | BinaryIO, scored: ScoredPeriod, *, day: date,
                  recipients_list: Sequence[str] | None = None, status: FiguresStatus | None = None) -> int:
    """Write the summary for ``scored`` dated ``day``; return the number of pages. ``status`` says whether
    the figures are final or provisional."""
    document = ReportDocument(out, landscape=True, title=_(TITLE), author=scored.unit.name,
                              subject=period_label(scored.ranking.period))
    return document.build(ranking_story(scored, day, document.width, recipients_list, status))


def ranking_story(scored: ScoredPeriod, day: date, width: float, recipients_list: Sequence[str] | None = None,
                  status: FiguresStatus | None = None) -> Iterator[Flowable]:
    """An appendix of the review report: its heading, the table, then notes, counts and signatures, which
    keep the table's last rows with them."""
    ranking, unit = scored.ranking, scored.unit
    plan = ranking.plan
    yield appendix_heading(unit, symbol="BC-UBND")
    yield from document_title(_(TITLE), _("{plan} — {period}").format(plan=plan.name,
                                                                      period=period_label(ranking.period)),
                              lines=[score_label(plan)], status=status)
    if any(block.maximum is not None for block in plan.blocks):
        explanation = _("Base score {base}. The block columns show the points added (+) or taken off (-) in each "
                        "block of criteria, and for a block with a maximum its score out of that maximum "
                        "(26/30).").format(base=format_number(plan.base_score))
    else:
        explanation = _("Base score {base}. The block columns show the points added (+) or taken off (-) in each "
                        "block of criteria; the score is the base score plus these points.").format(
                            base=format_number(plan.base_score))
    if any(result.clamps for result in ranking.results):
        explanation += " " + _("Where a floor or maximum of the plan stopped points, the scorecard says how many.")
    if versions := versions_line(ranking):  # months under different versions (scoring.versions)
        explanation += " " + versions
    yield paragraph(explanation, size=11, space_after=3)
    closing: list[Flowable] = [Spacer(1, 2 * mm)]
    notes = change_notes(ranking)
    if notes:
        closing.append(paragraph(_("Notes:"), size=11, bold=True, space_after=1))
        closing += [paragraph(_("({number}) {explanation}: {count} people.").format(
            number=number, explanation=shorten(explanation, NOTE_MAX_CHARS), count=len(names)),
            size=11, align="left", space_after=1) for number, (explanation, names) in enumerate(notes, start=1)]
    quota_line = quota_line_text(ranking)
    if quota_line:
        closing.append(paragraph(quota_line + ".", size=11, bold=ranking.quota_tie is not None, align="left",
                                 space_after=1))
    if ranking.unknown_criteria:
        closing.append(paragraph(_("Events skipped because the plan has no such criterion: {codes}").format(
            codes=shorten(", ".join(ranking.unknown_criteria), NOTE_MAX_CHARS)), size=11, italic=True))
    waiting = ungraded_line(ranking)
    if waiting:
        closing.append(paragraph(shorten(waiting, NOTE_MAX_CHARS), size=11, bold=True, align="left", space_after=1))
    if ranking.not_scored:
        closing.append(paragraph(not_scored_line(ranking), size=11, align="left", space_after=1))
    left_out = sum(result.staff.id in ranking.months_left_out for result in ranking.results)
    if left_out:
        closing.append(paragraph(_("Months on long leave every working day are left out of the mean of {count} "
                                   "people; each one's scorecard lists them.").format(count=left_out),
                                 size=11, italic=True, align="left", space_after=1))
    closing.append(paragraph(grade_legend_line(ranking), size=11, bold=True, align="left", space_after=0))
    if shows_titles(ranking):
        closing.append(paragraph(title_legend_line(ranking), size=11, align="left", space_after=0))
    closing.append(paragraph(plan_grades_line(plan), size=10.5, italic=True, align="left", space_after=0))
    lines = [_(line) for line in DEFAULT_RECIPIENTS] if recipients_list is None else list(recipients_list)
    closing.append(signature_row([preparer_signature(unit), head_signature(unit)], recipients_list=lines,
                                 space_before=3 * mm, signing_space=20 * mm))
    yield signed_ending(ranking_table(scored, width), closing)


def change_notes(ranking: Ranking) -> list[tuple[str, list[str]]]:
    """Each distinct explanation of a grade change, in order of first appearance, with whom it concerns."""
    notes: dict[str, list[str]] = {}
    for result in ranking.results:
        for change in result.changes:
            notes.setdefault(change.localized(), []).append(result.staff.full_name)
    return list(notes.items())


def _natural(texts: Iterable[str], *, bold: bool = False, size: float = SIZE) -> float:
    """The width a column needs to show its longest text on one line, padding included; each distinct text
    measured once (a column of figures repeats most of them)."""
    return max((fonts.text_width(text, size, bold=bold) for text in set(texts)), default=0) + 2 * PADDING


def column_widths(scored: ScoredPeriod, width: float, cells: Sequence[Sequence[str]] | None = None) -> list[float]:
    """Widths that keep a row on one line where the page allows: numbers get what their longest figure
    needs, names, positions and departments share the rest as their longest texts ask. ``cells`` are the
    block cells of every row (``block_cells``) when the caller has them already."""
    ranking = scored.ranking
    results = ranking.results
    blocks = ranking.plan.blocks

    def words(label: str) -> list[str]:  # a header wraps between its words
        return label.split() or [""]

    number = _natural([str(len(results)), *words(_("No."))], bold=True)
    rank = _natural([str(len(results)), *words(_("Rank"))], bold=True)
    figures = [figure for row in (block_cells(scored) if cells is None else cells) for figure in row]
    block = max(_natural([*figures, "-00,00"]),
                *(_natural(words(block.name), bold=True, size=HEADER_SIZE - 1.5) for block in blocks))
    score = _natural([format_number(result.score, 2, fixed=True) for result in results] + [
        *words(_("Total score"))], bold=True)
    grade = _natural([*(grade.code for grade in ranking.plan.grades), *words(_("Grade")),
                      *(result.grade_code for result in results if not result.graded)], bold=True)
    note_column = _natural(["(1) (2)", *words(_("Note"))], bold=True)
    # The titles' column is as wide as its longest code: a person eligible for two takes two lines, not the names.
    titles = _natural([title.code + "," for title in ranking.plan.titles] + words(_(ELIGIBLE_HEADER)),
                      bold=True) if shows_titles(ranking) else 0
    fixed = number + rank + len(blocks) * block + score + grade + note_column + titles
    texts = [
        min(_natural([shorten(result.staff.full_name, 60) for result in results]), 60 * mm),
        min(_natural([shorten(result.staff.position, 60) for result in results]), 55 * mm),
        min(_natural([shorten(_department(scored, result), 60) for result in results]), 60 * mm),
    ]
    texts = [max(text, 22 * mm) for text in texts]
    room = width - fixed
    if sum(texts) <= room:  # spare room widens the block columns, whose headers wrap
        block += (room - sum(texts)) / max(len(blocks), 1) if blocks else 0
        if not blocks:
            texts[0] += room - sum(texts)
    else:
        texts = [room * text / sum(texts) for text in texts]
    return [number, rank, *texts, *[block] * len(blocks), score, grade, note_column, *([titles] if titles else [])]


def _titles_cell(ranking: Ranking, result: StaffResult) -> str:
    """The codes of the titles the person is eligible to be proposed for: "LĐTT, CSTĐCS"."""
    return ", ".join(title.code for title in eligible_titles(ranking, result))


def block_cell(plan: EmulationPlan, block: Block, result: StaffResult) -> str:
    """"−0,50" for a block without a maximum, "26,50/30" for one with: two decimals in every row."""
    subtotal = result.block_totals.get(block.code, Fraction(0))
    return entered_cell(plan, block, result) or block_score(plan, block, subtotal, fixed=True)


def block_cells(scored: ScoredPeriod) -> list[list[str]]:
    """Every row's block cells (``block_cell``), each distinct subtotal of a block formatted once: a ward's
    subtotals repeat (0, −0,50, …), and formatting a number is the dearest part of a row."""
    plan = scored.ranking.plan
    formatted: dict[tuple[str, Fraction], str] = {}
    rows = []
    for result in scored.ranking.results:
        row = []
        for block in plan.blocks:
            figure = entered_cell(plan, block, result)
            if figure is None:
                subtotal = result.block_totals.get(block.code, Fraction(0))
                figure = formatted.get((block.code, subtotal))
                if figure is None:
                    figure = formatted[block.code, subtotal] = block_score(plan, block, subtotal, fixed=True)
            row.append(figure)
        rows.append(row)
    return rows


def _department(scored: ScoredPeriod, result: StaffResult) -> str:
    department_id = result.staff.department_id
    return scored.departments.get(department_id, "") if department_id is not None else ""


def ranking_table(scored: ScoredPeriod, width: float) -> Flowable:
    ranking = scored.ranking
    plan = ranking.plan
    blocks = plan.blocks
    note_numbers = {explanation: number for number, (explanation, _names) in enumerate(change_notes(ranking), 1)}
    cells = block_cells(scored)
    widths = column_widths(scored, width, cells)
    first_block, score_column = 5, 5 + len(blocks)
    rooms = [column - 2 * PADDING for column in widths]  # a cell's text is one line within it: a plain cell

    def header(label: str, size: float = HEADER_SIZE) -> Flowable:
        return cell(label, size=size, align="centre", bold=True)

    top = [header(_("No.")), header(_("Rank")), header(_("Full name")), header(_("Position")),
           header(_("Department")), header(_("Points by block of criteria")), *[""] * (len(blocks) - 1),
           header(_("Total score")), header(_("Grade")), header(_("Note"))]
    if shows_titles(ranking):
        top.append(header(_(ELIGIBLE_HEADER)))
    second: list[object] = ["" for _column in top]
    for index, block in enumerate(blocks):
        second[first_block + index] = header(block.name, HEADER_SIZE - 1.5)
    rows: list[list[object]] = [top, second]
    for number, (result, figures) in enumerate(zip(ranking.results, cells, strict=True), start=1):
        marks = sorted({note_numbers[change.localized()] for change in result.changes})
        rows.append([
            str(number), result.rank_text, line_cell(result.staff.full_name, rooms[2], size=SIZE,
                                                     max_chars=TEXT_MAX_CHARS),
            line_cell(result.staff.position, rooms[3], size=SIZE, max_chars=TEXT_MAX_CHARS),
            line_cell(_department(scored, result), rooms[4], size=SIZE, max_chars=TEXT_MAX_CHARS),
            *figures,
            # Not graded yet: no total, as the entered points it lacks would count as full marks in it
            format_number(result.score, 2, fixed=True) if result.graded else "–",
            line_cell(result.grade_code, rooms[score_column + 1], size=SIZE, align="centre"),
            " ".join(f"({mark})" for mark in marks),
            *([line_cell(_titles_cell(ranking, result), rooms[score_column + 3], size=SIZE, align="centre")]
              if shows_titles(ranking) else []),
        ])
    spans: list[tuple[object, ...]] = [("SPAN", (column, 0), (column, 1)) for column in range(len(top))
                                       if not first_block <= column < score_column]
    if blocks:
        spans.append(("SPAN", (first_block, 0), (score_column - 1, 0)))
    align = {0: "centre", 1: "centre", score_column: "right", score_column + 1: "centre", score_column + 2: "centre"}
    if shows_titles(ranking):
        align[score_column + 3] = "centre"
    align.update({column: "right" for column in range(first_block, score_column)})
    return data_table(rows, widths, header_rows=2, size=SIZE, align=align, extra_style=[
        *spans, ("FONTNAME", (score_column, 2), (score_column, -1), fonts.BOLD),
        ("TOPPADDING", (0, 2), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 2), (-1, -1), 2.5),
    ])

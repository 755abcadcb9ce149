"""Excel export of a period's ranking, of every item behind the scores, and of a month's timesheet.

The sheets say what the window says: the ranking and the items come from the scoring engine with the words
of the ranking page (``standings``), the timesheet is the attendance page's C01-HD month sheet. Offices print
them, so each is framed as an official document (letterhead, dateline, the figures' status, signatures) and
written in Vietnamese whatever language the window speaks. Each export only reads the open book, checks its
input before writing anything, and writes the workbook atomically; the command line and a background job of
the window each call it with a ward of their own thread.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from fractions import Fraction
from pathlib import Path

from ward_office.core.errors import OutputFolderError, WardOfficeError
from ward_office.core.period import PeriodKind, parse_period
from ward_office.core.plan import Block, EmulationPlan
from ward_office.core.schedule import SESSION_LABELS
from ward_office.core.unit import Unit
from ward_office.i18n import N_, _, official_language
from ward_office.i18n.formatting import format_month, format_number, period_label
from ward_office.reports.excel import Column, ColumnKind, Letterhead, Sheet, Value, write_workbook
from ward_office.reports.frame import Signature, head_signature, preparer_signature, timesheet_signatures
from ward_office.scoring.entered import ungraded_line
from ward_office.scoring.explained import clamp_text, not_scored_line, plan_grades_line, result_note, score_label
from ward_office.scoring.quota_text import quota_line_text
from ward_office.scoring.results import Ranking, ScoredPeriod
from ward_office.scoring.titles import (
    ELIGIBLE_HEADER,
    ELIGIBLE_NOTE,
    eligible_titles,
    shows_titles,
    title_count_lines,
    titles_text,
)
from ward_office.scoring.versions import versions_line
from ward_office.services.attendance_sheet import MonthSheet, month_sheet
from ward_office.services.period_locks import figures_status
from ward_office.services.printing import REPORT_FILE_MODE
from ward_office.services.report_renders import PeriodKindError
from ward_office.services.standings import ITEM_SOURCE_LABELS, item_lines
from ward_office.services.ward import Ward


class ExportFileKindError(WardOfficeError):
    """The file to export to does not end in a suffix the export can write."""


class ExportKind(StrEnum):
    RANKING = "ranking"
    ITEMS = "items"
    TIMESHEET = "timesheet"


EXPORT_SUFFIX = ".xlsx"
DAY_COLUMN_WIDTH = 3.1  # "+" in 11 pt; a longer code such as "M/+" is set smaller to fit
# Long texts (why a grade moved, how an item was counted) wrap in a column this wide: wider, the sheet is shrunk
# on paper to fit the page's width.
NOTE_WIDTH = 26.0


@dataclass(frozen=True, slots=True)
class ExportSummary:
    kind: ExportKind
    path: Path
    rows: int

    def localized(self) -> str:
        return _("Wrote {rows} rows to {path}.").format(rows=self.rows, path=self.path)


def export(ward: Ward, kind: ExportKind | str, period_text: str, out: Path, *,
           today: date | None = None) -> ExportSummary:
    """Write the ``kind`` workbook of the period to ``out``; nothing is written when anything is wrong."""
    kind = ExportKind(kind)
    period = parse_period(period_text)
    if kind is ExportKind.TIMESHEET and period.kind is not PeriodKind.MONTH:
        raise PeriodKindError(N_("A timesheet covers one month: give a period such as 2026-05"))
    if out.suffix.lower() != EXPORT_SUFFIX:
        raise ExportFileKindError(N_("The Excel file must end in .xlsx: {path}"), path=str(out))
    if not out.parent.is_dir():
        raise OutputFolderError(N_("The folder {folder} does not exist"), folder=str(out.parent))
    today = today or date.today()
    with official_language():
        unit = ward.unit()
        if kind is ExportKind.TIMESHEET:
            sheet = timesheet_sheet(month_sheet(ward, period.start.year, period.start.month, until=today), unit)
            signatures: tuple[Signature, ...] = timesheet_signatures(unit)
        else:
            scored = ward.score(period, today)
            sheet = ranking_sheet(scored) if kind is ExportKind.RANKING else items_sheet(scored)
            signatures = (preparer_signature(unit), head_signature(unit))
        sheet = replace(sheet, letterhead=Letterhead.of(unit, today), status=figures_status(ward.store, period, today),
                        signatures=signatures)
        write_workbook(out, [sheet], mode=REPORT_FILE_MODE)
    return ExportSummary(kind, out, len(sheet.rows))


def unit_heading(unit: Unit) -> tuple[str, ...]:
    """The lines above a table: the authority above the ward, then the ward, in capitals as on a document."""
    return tuple(line.upper() for line in (unit.authority, unit.name) if line)


# ---- The ranking ----


def ranking_sheet(scored: ScoredPeriod) -> Sheet:
    """One row per person in rank order: the points of each block, the score, the grade and why it moved."""
    ranking = scored.ranking
    plan = ranking.plan
    columns = [
        Column(_("Rank"), ColumnKind.INTEGER),
        Column(_("Code"), ColumnKind.CODE),
        Column(_("Full name")),
        Column(_("Position")),
        Column(_("Department")),
        *(Column(block.name if block.maximum is None else _("{block} (max. {maximum})").format(
            block=block.name, maximum=format_number(block.maximum)), ColumnKind.NUMBER) for block in plan.blocks),
        Column(_("Score"), ColumnKind.NUMBER),
        Column(_("Grade")),
        Column(_("Note"), width=NOTE_WIDTH, wrap=True),
    ]
    columns += [Column(_(ELIGIBLE_HEADER), width=NOTE_WIDTH, wrap=True)] if shows_titles(ranking) else []
    rows: list[list[Value]] = []
    for result in ranking.results:
        department_id = result.staff.department_id
        rows.append([
            result.rank if result.graded else None,
            result.staff.code,
            result.staff.full_name,
            result.staff.position,
            scored.departments.get(department_id, "") if department_id is not None else "",
            *(_block_figure(plan, block, result.block_totals.get(block.code, Fraction(0))) for block in plan.blocks),
            result.score,
            result.grade_name,
            result_note(ranking, result),
            *([titles_text(eligible_titles(ranking, result))] if shows_titles(ranking) else []),
        ])
    notes = _ranking_notes(ranking)
    return Sheet(
        name=_("Ranking"),
        title=_("SUMMARY OF EMULATION RESULTS"),
        subtitle=_("{plan} — {period}").format(plan=plan.name, period=period_label(ranking.period)),
        lines=(score_label(plan),),
        heading=unit_heading(scored.unit),
        columns=columns,
        rows=rows,
        notes=notes,
        frozen_columns=3,
    )


def _ranking_notes(ranking: Ranking) -> list[str]:
    """The lines under the ranking sheet: the grade counts, how to read the block columns, the plan's grades,
    the quota line, and who or what was left out."""
    plan = ranking.plan
    counts = {grade.code: 0 for grade in plan.grades}
    for result in ranking.results:
        counts[result.grade.code] = counts.get(result.grade.code, 0) + 1
    notes = [_("Graded: {counts}").format(counts="; ".join(
        f"{grade.name} {count}" for grade, count in ranking.grade_counts())), *filter(None, [ungraded_line(ranking)])]
    if any(block.maximum is not None for block in plan.blocks):
        notes.append(_("Block columns: points added or taken off by each block, and for a block with a maximum its "
                       "score out of that maximum; base score {base}.").format(base=format_number(plan.base_score)))
    else:
        notes.append(_("Block columns: points added or taken off by each block; score = base score {base} + the "
                       "blocks.").format(base=format_number(plan.base_score)))
    if any(result.clamps for result in ranking.results):
        notes.append(_("Where a floor or maximum of the plan stopped points, the score items sheet says how many."))
    notes += [plan_grades_line(plan), *filter(None, [versions_line(ranking)]), *_titles_notes(ranking)]
    if quota_line := quota_line_text(ranking):
        notes.append(quota_line)
    notes += filter(None, [not_scored_line(ranking)])  # those on long leave the whole period
    if ranking.unknown_criteria:
        notes.append(_("Events skipped because the plan has no such criterion: {codes}").format(
            codes=", ".join(ranking.unknown_criteria)))
    return notes


def _titles_notes(ranking: Ranking) -> list[str]:
    """For a year: its emulation titles, how many are eligible to be proposed for each, and that the emulation
    council decides."""
    if not shows_titles(ranking):
        return []
    return [_(ELIGIBLE_HEADER) + ": " + "; ".join(title_count_lines(ranking)) + ". " + _(ELIGIBLE_NOTE) + "."]


def _block_figure(plan: EmulationPlan, block: Block, subtotal: Fraction) -> Fraction:
    """The block's score out of its maximum where it has one (26 of 30), else the points it added or took off."""
    return plan.block_start(block) + subtotal if block.maximum is not None else subtotal


# ---- The items behind the scores ----


def items_sheet(scored: ScoredPeriod) -> Sheet:
    """Every score item of every person, people in rank order: a person's points add up to score − base."""
    ranking = scored.ranking
    plan = ranking.plan
    columns = [
        Column(_("Staff code"), ColumnKind.CODE),
        Column(_("Full name")),
        Column(_("Date"), ColumnKind.DATE),
        Column(_("Session"), ColumnKind.CODE),
        Column(_("Criterion code"), ColumnKind.CODE),
        Column(_("Criterion"), width=NOTE_WIDTH, wrap=True),
        Column(_("Block of criteria")),
        Column(_("Points"), ColumnKind.NUMBER),
        Column(_("Raw points"), ColumnKind.NUMBER),
        Column(_("Note"), width=NOTE_WIDTH, wrap=True),
        Column(_("Recorded by")),
        Column(_("Source")),
    ]
    rows: list[list[Value]] = []
    for result in ranking.results:
        for line in item_lines(result, plan):
            item = line.item
            rows.append([
                result.staff.code,
                result.staff.full_name,
                item.day,
                _(SESSION_LABELS[item.session]) if item.session is not None else "",
                item.criterion_code,
                line.criterion_name,
                line.block_name,
                item.contribution,
                item.raw_points,
                line.explanation,
                item.recorded_by,
                _(ITEM_SOURCE_LABELS[item.source]),
            ])
        block_names = {block.code: block.name for block in plan.blocks}
        for clamp in result.clamps:  # what a floor or maximum stopped: the person's points still add up
            rows.append([result.staff.code, result.staff.full_name, clamp.sub_period.end, "", "",
                         clamp_text(plan, clamp), block_names.get(clamp.block_code or "", ""), clamp.contribution,
                         clamp.points, "", "", _("Plan bound")])
    notes = [_("Points: what the item adds to or takes off the period's score, after caps and averaging over "
               "the months; raw points: what the plan gives for it. A person's points add up to their score "
               "minus the base score {base}.").format(base=format_number(plan.base_score))]
    return Sheet(
        name=_("Score items"),
        title=_("SCORE ITEMS OF EACH STAFF MEMBER"),
        subtitle=_("{plan} — {period}").format(plan=plan.name, period=period_label(ranking.period)),
        lines=(score_label(plan),),
        heading=unit_heading(scored.unit),
        columns=columns,
        rows=rows,
        notes=[*notes, plan_grades_line(plan)],
        frozen_columns=2,
    )


# ---- The month timesheet (C01-HD) ----

TIMESHEET_LEGEND = N_(
    "Codes: + present · M late · S left early · P annual leave · Ô sick · Cô child sick · Ts maternity"
    " · T work accident · H meeting or training · Nb compensatory day off · No unpaid leave · CT business trip"
    " · Ko absent without leave. “M/+” means morning/afternoon. Grey columns are weekends and holidays.")
# TRANSLATORS: weekday letters under the day numbers of a timesheet, Monday first ("T2" … "CN").
WEEKDAY_LETTERS = (N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"), N_("Su"))


def pair_text(codes: tuple[str, str] | None) -> str:
    """One cell for a day, as on the attendance page: "+" when both sessions agree, "M/+" when they differ."""
    if codes is None:
        return ""
    morning, afternoon = codes
    return morning if morning == afternoon else f"{morning}/{afternoon}"


def timesheet_sheet(sheet: MonthSheet, unit: Unit) -> Sheet:
    """Staff × days with the C01-HD code of each session, then the form's totals in days, as the printed
    timesheet has them (``MonthTotals.form_days``); people grouped by department as the printed sheets are.

    The sheet has one header row, so each day's header holds its number and, below it, its weekday ("T2").
    """
    columns = [
        Column(_("No."), ColumnKind.INTEGER),
        Column(_("Code"), ColumnKind.CODE),
        Column(_("Full name")),
        Column(_("Department")),
        *(Column(f"{day.day.day}\n{_(WEEKDAY_LETTERS[day.day.weekday()])}", ColumnKind.CODE,
                 width=DAY_COLUMN_WIDTH, shaded=not day.working_day) for day in sheet.days),
        Column(_("Paid working time (+, M, S, CT, H)"), ColumnKind.NUMBER, width=9),
        Column(_("Paid leave (P, Nb)"), ColumnKind.NUMBER, width=8),
        Column(_("Social insurance (Ô, Cô, Ts, T)"), ColumnKind.NUMBER, width=8),
        Column(_("Unpaid leave (No)"), ColumnKind.NUMBER, width=8),
        Column(_("Absent without leave (Ko)"), ColumnKind.NUMBER, width=8),
        Column(_("Late"), ColumnKind.INTEGER, width=6),
        Column(_("Left early"), ColumnKind.INTEGER, width=6),
    ]
    rows: list[list[Value]] = []
    number = 0
    for department in sheet.by_department():
        for row in department.rows:
            number += 1
            totals = row.totals
            rows.append([
                number,
                row.staff.code,
                row.staff.full_name,
                department.name or _("no department"),
                *(pair_text(codes) for codes in row.codes),
                *totals.form_days(),
                totals.late,
                totals.early,
            ])
    notes = [_(TIMESHEET_LEGEND)]
    notes.append(_("Totals in days (a session is half a day), grouped as on form C01-HD: business trips (CT) and "
                   "meetings or training (H) are paid working time; Late and Left early count sessions."))
    holidays = [f"{day.day.day:02d}/{day.day.month:02d} {day.holiday_name}" for day in sheet.days
                if day.holiday_name]
    if holidays:
        notes.append(_("Holidays: {days}").format(days="; ".join(holidays)))
    return Sheet(
        name=_("Timesheet"),
        title=_("TIMESHEET"),
        subtitle=format_month(sheet.year, sheet.month, "long"),
        heading=unit_heading(unit),
        columns=columns,
        rows=rows,
        notes=notes,
        frozen_columns=3,
    )


__all__ = ["ExportKind", "ExportSummary", "export", "items_sheet", "pair_text", "ranking_sheet", "timesheet_sheet",
           "unit_heading"]

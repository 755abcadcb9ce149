"""Entered points (task results) brought in from an Excel or CSV file for one month, all or nothing, through the
one way points are entered (``services.entered_scores.enter_scores``); and the blank file to fill in for it,
listing the people working that month and the plan's entered items with their maxima.

A trial run (``dry_run``) only reads, so it works on a book open to view only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ward_office.core.access import Permission
from ward_office.core.entered_scores import ScoreEntry
from ward_office.core.errors import InputFileError, InputProblem, PeriodLockedError, WardOfficeError
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_month, format_number
from ward_office.importers.csv_files import SkippedRow
from ward_office.importers.entered_scores import read_entered_scores
from ward_office.reports.excel import Column, ColumnKind, Sheet, sheet_name, write_workbook
from ward_office.reports.excel_text import fitted_width
from ward_office.services.book_space import check_book_writable
from ward_office.services.entered_scores import EnteredScoreError, EntrySheet, enter_scores, entry_sheet
from ward_office.services.export import unit_heading
from ward_office.services.imports import LISTED_LINES, backup_before_import
from ward_office.services.ward import Ward

ITEM_WIDTH = 13.0  # a column of points: its header wraps "NV1 / the item's name / (tối đa 40)"


class NoEnteredItemsError(WardOfficeError):
    """The plan in force in the month has no entered block: there is nothing to import or to fill in."""


@dataclass(frozen=True, slots=True)
class ScoreImportSummary:
    """What an import of entered points did, or with ``dry_run`` what it would do."""

    file: Path
    month: date
    rows: int  # people's rows read
    added: int  # entries where nothing was entered before
    changed: int  # entries whose points or self-assessment change
    unchanged: int
    left_empty: int  # a person's items with no cell filled: left as they were
    dry_run: bool = False
    skipped: tuple[SkippedRow, ...] = field(default=())

    def localized(self) -> str:
        month = format_month(self.month.year, self.month.month)
        if self.dry_run:
            message = _("{file}, {month}: {rows} people read, {added} points to enter, {changed} to change, "
                        "{unchanged} unchanged, {empty} empty cell(s) left as they are.")
        else:
            message = _("{file}, {month}: {rows} people read, {added} points entered, {changed} changed, "
                        "{unchanged} unchanged, {empty} empty cell(s) left as they are.")
        lines = [message.format(file=self.file, month=month, rows=self.rows, added=self.added, changed=self.changed,
                                unchanged=self.unchanged, empty=self.left_empty)]
        skipped = [str(row.line) for row in self.skipped]
        if skipped:
            shown = ", ".join(skipped[:LISTED_LINES])
            if len(skipped) > LISTED_LINES:
                shown = _("{lines} and {count} more").format(lines=shown, count=len(skipped) - LISTED_LINES)
            lines.append(_("Skipped {count} row(s) with no code, name or points: line {lines}").format(
                count=len(skipped), lines=shown))
        if self.dry_run:
            lines.append(_("Nothing was written (trial run)."))
        return "\n".join(lines)


def _sheet_to_fill(ward: Ward, month: date) -> EntrySheet:
    """The month's entry sheet; refused when it has nothing to enter or is locked (khóa sổ)."""
    sheet = entry_sheet(ward, month)
    label = format_month(sheet.month.year, sheet.month.month)
    if not sheet.items:
        raise NoEnteredItemsError(N_("The plan in force in {month} has no entered block"), month=label)
    if sheet.locked:
        raise PeriodLockedError(N_("{month} belongs to a locked period: its entered points cannot be changed. "
                                   "Only the head can unlock it."), month=label)
    return sheet


def import_scores(ward: Ward, month: date, file: Path, *, dry_run: bool = False) -> ScoreImportSummary:
    """Enter the file's points for ``month`` all or none, after a backup of the book as it was; an empty cell
    leaves what is entered. Only the head may (``enter_scores`` checks it; it is asked here before the file
    is read, so nobody else corrects a file for nothing)."""
    if not dry_run:
        ward.check_writable()
        ward.require(Permission.ENTER_SCORES, signed_in=True)
        check_book_writable(ward.path)
    sheet = _sheet_to_fill(ward, month)
    skipped: list[SkippedRow] = []
    read = read_entered_scores(file, month=sheet.month, items=sheet.items, people=sheet.people,
                               staff=ward.staff(), scores=sheet.scores, skipped=skipped)
    changes = [entry for entry in read.entries if _changes(sheet, entry)]
    added = sum((entry.staff_id, entry.item_code) not in sheet.scores for entry in changes)
    if not dry_run and changes:
        backup_before_import(ward)
        try:
            enter_scores(ward, sheet.month, changes)
        except EnteredScoreError as error:  # the file was checked against the same rules: seldom reached
            if error.entry_index is None:
                raise
            line, column = read.origins[read.entries.index(changes[error.entry_index])]
            raise InputFileError(str(file), [InputProblem(line, column, error.message, dict(error.params))]) from error
    return ScoreImportSummary(file, sheet.month, read.rows, added, len(changes) - added,
                              len(read.entries) - len(changes), read.left_empty, dry_run, tuple(skipped))


def _changes(sheet: EntrySheet, entry: ScoreEntry) -> bool:
    current = sheet.scores.get((entry.staff_id, entry.item_code))
    return current is None or (current.points, current.self_points) != (entry.points, entry.self_points)


def write_score_template(ward: Ward, month: date, out: Path) -> int:
    """Write the blank file of ``month``'s entered points to ``out`` (.xlsx); returns how many people it lists."""
    sheet = _sheet_to_fill(ward, month)
    label = format_month(sheet.month.year, sheet.month.month, "long")
    departments = ward.department_names()
    names = [person.full_name for person in sheet.people]
    columns = [Column(_("No."), ColumnKind.INTEGER), Column(_("Code"), ColumnKind.CODE),
               Column(_("Full name"), width=fitted_width(_("Full name"), names)), Column(_("Department")),
               *(Column(_("{code}\n{name}\n(at most {maximum})").format(
                   code=item.code, name=item.name, maximum=format_number(item.maximum)), ColumnKind.NUMBER,
                   width=ITEM_WIDTH) for item in sheet.items)]
    rows = [(number, person.code, person.full_name,
             departments.get(person.department_id, "") if person.department_id is not None else "",
             *(None for _item in sheet.items))
            for number, person in enumerate(sheet.people, start=1)]
    example = sheet.items[0].code
    lines = (
        _("Write each person's points under each item, from 0 to the maximum in its header; decimals as 37,5."),
        _("An empty cell leaves the points already entered as they are: nothing is cleared."),
        _("A person's self-assessment may go in a column of its own headed “Self-assessment {code}”.").format(
            code=example),
    )
    workbook_sheet = Sheet(sheet_name(_("Points {month}").format(month=sheet.month.strftime("%m-%Y"))),
                           _("Score sheet"), columns, rows, heading=unit_heading(ward.unit()),
                           subtitle=label, lines=lines, frozen_columns=3)
    write_workbook(out, [workbook_sheet])
    return len(rows)

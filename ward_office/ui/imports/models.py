"""The tables of the import wizard's preview: the attendance sessions a clock log would change, the clock ids
of nobody, the people of a staff list (who each is taken to be), and the lines of a file that were skipped or
refused, each one a ``RecordTableModel`` column set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor

from ward_office.core.attendance import AttendanceStatus
from ward_office.core.errors import InputProblem
from ward_office.core.schedule import SESSION_LABELS, Session
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_number
from ward_office.i18n.text import name_sort_key

from ward_office.ui import widgets
from ward_office.ui.imports._services import (
    SessionChange,
    StaffMatch,
    UnknownClockId,
    UnknownRater,
    code_text,
    describe,
    match_text,
)
from ward_office.ui.widgets.models import RIGHT, Column, RecordTableModel

if TYPE_CHECKING:
    from ward_office.importers.csv_files import SkippedRow

SESSION_ORDER = {session: number for number, session in enumerate(Session)}


def _change_colour(change: SessionChange) -> QColor | None:
    after = change.after
    if after is None:
        return widgets.GOOD if change.before is not None else None
    if after.status is AttendanceStatus.ABSENT or after.late_minutes or after.early_minutes or after.missing_punch:
        return widgets.BAD
    return None


CHANGE_COLUMNS: tuple[Column[SessionChange], ...] = (
    Column(N_("Date"), lambda change: format_date(change.day),
           sort_key=lambda change: (change.day, SESSION_ORDER[change.session], name_sort_key(change.staff.full_name))),
    Column(N_("Session"), lambda change: _(SESSION_LABELS[change.session]),
           sort_key=lambda change: SESSION_ORDER[change.session]),
    Column(N_("Staff member"), lambda change: change.staff.full_name,
           sort_key=lambda change: name_sort_key(change.staff.full_name)),
    Column(N_("Recorded now"), lambda change: describe(change.before), foreground=lambda _change: widgets.MUTED),
    Column(N_("From the clock"), lambda change: describe(change.after), foreground=_change_colour),
)


def _unknown_lines(unknown: UnknownClockId) -> str:
    lines = ", ".join(str(line) for line in unknown.lines)
    return lines + ", …" if unknown.count > len(unknown.lines) and lines else lines


def _clock_id_order(clock_id: str) -> tuple[int, int | str]:
    return (0, int(clock_id)) if clock_id.isdigit() else (1, clock_id)


UNKNOWN_COLUMNS: tuple[Column[UnknownClockId], ...] = (
    Column(N_("Clock id"), lambda unknown: unknown.clock_id,
           sort_key=lambda unknown: _clock_id_order(unknown.clock_id)),
    Column(N_("Punches"), lambda unknown: format_number(unknown.count), sort_key=lambda unknown: unknown.count,
           alignment=RIGHT),
    Column(N_("Lines of the file"), _unknown_lines, sort_key=lambda unknown: unknown.lines),
)


RATER_COLUMNS: tuple[Column[UnknownRater], ...] = (
    Column(N_("Staff member as the file names them"), lambda unknown: unknown.person,
           sort_key=lambda unknown: name_sort_key(unknown.person)),
    Column(N_("Ratings"), lambda unknown: format_number(len(unknown.lines)),
           sort_key=lambda unknown: len(unknown.lines), alignment=RIGHT),
    Column(N_("Lines of the file"), lambda unknown: ", ".join(str(line) for line in unknown.lines),
           sort_key=lambda unknown: unknown.lines),
)


PROBLEM_COLUMNS: tuple[Column[InputProblem], ...] = (
    Column(N_("Line"), lambda problem: str(problem.line) if problem.line else "—",
           sort_key=lambda problem: problem.line, alignment=RIGHT),
    Column(N_("Column"), lambda problem: _(problem.field) if problem.field else ""),
    Column(N_("Problem"), lambda problem: problem.localized(), tooltip=lambda problem: problem.localized()),
)


SKIPPED_COLUMNS: tuple[Column[SkippedRow], ...] = (
    Column(N_("Line"), lambda row: str(row.line), sort_key=lambda row: row.line, alignment=RIGHT),
    Column(N_("Reason"), lambda row: _(row.reason)),
)


def _match_colour(person: StaffMatch) -> QColor | None:
    return widgets.GOOD if person.change == "added" else widgets.WARN if person.change == "updated" else None


PEOPLE_COLUMNS: tuple[Column[StaffMatch], ...] = (
    Column(N_("Line"), lambda person: str(person.line), sort_key=lambda person: person.line, alignment=RIGHT),
    Column(N_("Staff code"), code_text, sort_key=lambda person: person.code),
    Column(N_("Full name"), lambda person: person.full_name + (" ⚠" if person.gender_guessed else ""),
           sort_key=lambda person: name_sort_key(person.full_name),
           tooltip=lambda person: _("Gender read from the middle name; check it on the Staff page")
           if person.gender_guessed else ""),
    Column(N_("Department"), lambda person: person.department),
    Column(N_("What happens"), match_text, foreground=_match_colour),
)


def people_model() -> RecordTableModel[StaffMatch]:
    return RecordTableModel(PEOPLE_COLUMNS)


def change_model() -> RecordTableModel[SessionChange]:
    return RecordTableModel(CHANGE_COLUMNS)


def unknown_model() -> RecordTableModel[UnknownClockId]:
    return RecordTableModel(UNKNOWN_COLUMNS)


def problem_model() -> RecordTableModel[InputProblem]:
    return RecordTableModel(PROBLEM_COLUMNS)


def skipped_model() -> RecordTableModel[SkippedRow]:
    return RecordTableModel(SKIPPED_COLUMNS)


def rater_model() -> RecordTableModel[UnknownRater]:
    return RecordTableModel(RATER_COLUMNS)

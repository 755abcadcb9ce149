"""Table models of the attendance page: the day grid (staff × sessions) and the month timesheet (C01-HD).

Both hold the service's sheets, never widgets; the day grid refreshes in place when the same people are
shown again, so the clerk's selection survives each mark.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ward_office.core.attendance import LEAVE_LABELS, Attendance, AttendanceStatus, LeaveCode, session_text
from ward_office.core.attendance import leave_text as core_leave_text
from ward_office.core.schedule import SESSION_LABELS, Session
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_number, format_weekday
from ward_office.i18n.text import fold
from ward_office.services.attendance_sheet import DaySheet, MonthSheet, SheetRow, session_code

from ward_office.ui.attendance.excused import excuse_lines, excused_colors, excused_state_text
from ward_office.ui.widgets import BAD, MARKED, MUTED, WARN
from ward_office.ui.widgets.models import CENTER, RECORD_ROLE, RIGHT, SEARCH_ROLE, Index

LEAVE_COLOR = QColor("#1a4f8b")
LEAVE_BACKGROUND = QColor("#e8f0fb")
LATE_BACKGROUND = QColor("#fff4ce")
OFF_DAY = QColor("#e4e6e9")


def leave_text(code: LeaveCode) -> str:
    return core_leave_text(code)


def state_text(record: Attendance | None) -> str:
    """A session's state as the clerk reads it, in the wording of the clock import and the change log."""
    return session_text(record)


def state_colors(record: Attendance | None) -> tuple[QColor | None, QColor | None]:
    """(foreground, background) of a session's state."""
    if record is None:
        return MUTED, None
    if record.status is AttendanceStatus.LEAVE:
        return LEAVE_COLOR, LEAVE_BACKGROUND
    if record.status is AttendanceStatus.ABSENT:
        return BAD, MARKED
    if record.late_minutes or record.early_minutes:
        return WARN, LATE_BACKGROUND
    return MUTED, None


_SOURCE_LABELS = {"manual": N_("entered by hand"), "clock": N_("from the time clock"), "import": N_("imported")}


def state_tooltip(record: Attendance | None) -> str:
    if record is None:
        return _("Present and on time (nothing recorded)")
    lines = [state_text(record)]
    if record.note:
        lines.append(_("Note: {note}").format(note=record.note))
    lines.append(_("Recorded by {name}, {source}").format(name=record.recorded_by,
                                                          source=_(_SOURCE_LABELS[record.source.value])))
    return "\n".join(lines)


class DayGridModel(QAbstractTableModel):
    """Rows are staff; columns name, position, department, morning, afternoon, note."""

    NAME, POSITION, DEPARTMENT, MORNING, AFTERNOON, NOTE = range(6)
    HEADERS = (N_("Full name"), N_("Position"), N_("Department"), SESSION_LABELS[Session.MORNING],
               SESSION_LABELS[Session.AFTERNOON], N_("Note"))
    SESSIONS: ClassVar[dict[int, Session]] = {MORNING: Session.MORNING, AFTERNOON: Session.AFTERNOON}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sheet: DaySheet | None = None
        self._rows: tuple[SheetRow, ...] = ()

    @property
    def sheet(self) -> DaySheet | None:
        return self._sheet

    def set_sheet(self, sheet: DaySheet) -> None:
        """Show ``sheet``; the same people on the same day are updated in place, keeping the selection."""
        same_people = (self._sheet is not None and self._sheet.day == sheet.day
                       and [row.staff.id for row in self._rows] == [row.staff.id for row in sheet.rows])
        if same_people and self._rows:
            self._sheet, self._rows = sheet, sheet.rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1))
            return
        self.beginResetModel()
        self._sheet, self._rows = sheet, sheet.rows
        self.endResetModel()

    def row(self, row: int) -> SheetRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return _(self.HEADERS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        session = self.SESSIONS.get(column)
        if role == RECORD_ROLE:
            return row
        if session is not None:
            record = row.cell(session)
            excused = self._sheet.excused(row.staff_id, session) if self._sheet is not None else ()
            if role == Qt.ItemDataRole.DisplayRole:
                return excused_state_text(record, excused)
            if role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join([state_tooltip(record), *excuse_lines(excused)])
            colors = excused_colors(record, excused) or state_colors(record)
            if role == Qt.ItemDataRole.ForegroundRole:
                return None if colors[0] is None else QBrush(colors[0])
            if role == Qt.ItemDataRole.BackgroundRole:
                return None if colors[1] is None else QBrush(colors[1])
            return None
        text = (row.staff.full_name, row.staff.position, row.department, "", "", row.note)[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == SEARCH_ROLE:
            return fold(text) if column in (self.NAME, self.POSITION, self.DEPARTMENT) else ""
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NOTE and text:
            return text
        return None


def pair_text(codes: tuple[str, str] | None) -> str:
    """One cell for a day: "+" when both sessions agree, "M/+" when they differ."""
    if codes is None:
        return ""
    morning, afternoon = codes
    return morning if morning == afternoon else f"{morning}/{afternoon}"


class MonthGridModel(QAbstractTableModel):
    """Rows are staff; columns the name, one per day of the month, then the totals (read-only)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sheet: MonthSheet | None = None
        self._codes: tuple[LeaveCode, ...] = ()

    @property
    def sheet(self) -> MonthSheet | None:
        return self._sheet

    def set_sheet(self, sheet: MonthSheet) -> None:
        self.beginResetModel()
        self._sheet = sheet
        self._codes = tuple(sheet.leave_codes_used())
        self.endResetModel()

    @property
    def day_count(self) -> int:
        return 0 if self._sheet is None else len(self._sheet.days)

    @property
    def first_total_column(self) -> int:
        return 1 + self.day_count

    def _totals_headers(self) -> list[tuple[str, str]]:
        """(header, tooltip) of each totals column."""
        headers = [(_("Days"), _("Days worked (including late arrivals and early leaves)"))]
        headers += [(code.value, _("Days of {leave}").format(leave=_(LEAVE_LABELS[code]).lower()))
                    for code in self._codes]
        headers += [("Ko", _("Days absent without leave")), (_("Late"), _("Sessions arrived late")),
                    (_("Early"), _("Sessions left early"))]
        return headers

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self._sheet is None else len(self._sheet.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() or self._sheet is None:
            return 0
        return self.first_total_column + len(self._codes) + 4

    def day_of(self, column: int) -> date | None:
        if self._sheet is None or not 1 <= column <= self.day_count:
            return None
        return self._sheet.days[column - 1].day

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._sheet is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._sheet.rows):
                return str(section + 1)
            return None
        if not 0 <= section < self.columnCount():
            return None
        if section == 0:
            return _("Full name") if role == Qt.ItemDataRole.DisplayRole else None
        if section <= self.day_count:
            month_day = self._sheet.days[section - 1]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{month_day.day.day}\n{format_weekday(month_day.day, 'abbreviated')}"
            if role == Qt.ItemDataRole.ToolTipRole:
                text = f"{format_weekday(month_day.day)}, {format_date(month_day.day)}"
                return f"{text}\n{month_day.holiday_name}" if month_day.holiday_name else text
            if role == Qt.ItemDataRole.BackgroundRole and not month_day.working_day:
                return QBrush(OFF_DAY)
            return None
        header, tooltip = self._totals_headers()[section - self.first_total_column]
        if role == Qt.ItemDataRole.DisplayRole:
            return header
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._sheet is None or not index.isValid() or not (0 <= index.row() < len(self._sheet.rows)):
            return None
        row = self._sheet.rows[index.row()]
        column = index.column()
        if role == RECORD_ROLE:
            return row
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.staff.full_name
            if role == SEARCH_ROLE:
                return fold(f"{row.staff.full_name} {row.staff.position} {row.department}")
            if role == Qt.ItemDataRole.ToolTipRole:
                return ", ".join(part for part in (row.staff.position, row.department) if part)
            return None
        if column <= self.day_count:
            return self._day_data(index, role)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role == Qt.ItemDataRole.DisplayRole:
            totals = row.totals
            values = [totals.worked_days, *(totals.leave_days(code) for code in self._codes), totals.absent_days,
                      totals.late, totals.early]
            value = values[column - self.first_total_column]
            return format_number(value, 1) if value else ""
        return None

    def _day_data(self, index: Index, role: int) -> Any:
        assert self._sheet is not None
        row = self._sheet.rows[index.row()]
        month_day = self._sheet.days[index.column() - 1]
        codes = row.codes[index.column() - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return pair_text(codes)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTER
        morning, afternoon = row.records[index.column() - 1]
        worst = next((record for record in (morning, afternoon)
                      if record is not None and record.status is AttendanceStatus.ABSENT), None)
        worst = worst or next((record for record in (morning, afternoon)
                               if record is not None and session_code(record) != "+"), None)
        if role == Qt.ItemDataRole.BackgroundRole:
            if codes is not None and worst is not None:
                return QBrush(state_colors(worst)[1] or OFF_DAY)
            return QBrush(OFF_DAY) if not month_day.working_day else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if codes is None or worst is None:
                return None
            return QBrush(state_colors(worst)[0] or MUTED)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{row.staff.full_name} — {format_weekday(month_day.day)}, {format_date(month_day.day)}"]
            if month_day.holiday_name:
                lines.append(month_day.holiday_name)
            if codes is not None:
                lines += [_("{session}: {state}").format(session=_(SESSION_LABELS[session]), state=state_text(record))
                          for session, record in zip((Session.MORNING, Session.AFTERNOON), (morning, afternoon),
                                                     strict=True)]
            return "\n".join(lines)
        return None

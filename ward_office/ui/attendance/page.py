"""Chấm công: the day's grid where everyone starts present and the clerk marks only the exceptions.

The clerk works from the keyboard (arrows, one letter per state, Ctrl+Z), on one or many cells at once;
every change is one transaction and can be undone. The second tab is the month sheet, as on paper C01-HD.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QPoint
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.attendance import LeaveCode, session_text
from ward_office.core.errors import WardOfficeError
from ward_office.core.schedule import SESSION_LABELS
from ward_office.i18n import _
from ward_office.i18n.formatting import format_date, format_month, format_weekday
from ward_office.services.attendance_sheet import (
    SESSIONS,
    Cell,
    Mark,
    MarkKind,
    UndoToken,
    day_sheet,
    longest_minutes,
    mark_cells,
    month_sheet,
    undo,
)
from ward_office.services.excuses import excuse_attendance

from ward_office.ui.attendance.dialogs import LeaveDialog, MinutesDialog
from ward_office.ui.attendance.excused import ExcuseDialog, excusable
from ward_office.ui.attendance.layout import ABSENT, EARLY, LATE, OTHER_LEAVE, PRESENT, AttendanceLayout
from ward_office.ui.attendance.models import DayGridModel, leave_text
from ward_office.ui.widgets import from_qdate, show_error, to_qdate
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.models import RECORD_ROLE

UNDO_DEPTH = 50
DEFAULT_MINUTES = 15


class AttendancePage(AttendanceLayout):
    topics = frozenset({Topic.ATTENDANCE, Topic.STAFF, Topic.SETTINGS})

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.dialog: QDialog | None = None  # the question open now, for tests and for closing it
        self._undo: list[tuple[str, UndoToken]] = []
        self._ward_seen = context.ward
        self._month_stale = True
        self._minutes = {MarkKind.LATE: DEFAULT_MINUTES, MarkKind.EARLY: DEFAULT_MINUTES}
        today = context.today()

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Find staff by name, position or department (accents optional)"))
        self.search.setAccessibleName(_("Find staff"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(_("&Find:"))
        search_label.setBuddy(self.search)
        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_day_tab(today), _("Daily attendance"))
        self.tabs.addTab(self._build_month_tab(today), _("Month sheet"))
        self.tabs.currentChanged.connect(self._tab_changed)
        selection = self.grid.selectionModel()
        selection.selectionChanged.connect(lambda *_changed: self.update_excuse_action())
        selection.currentChanged.connect(lambda *_changed: self.update_excuse_action())

        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(self.tabs, 1)
        self.search.textChanged.connect(self._search)

    # ---- Building ----

    # ---- Loading ----

    def refresh(self) -> None:
        if self.ward is not self._ward_seen:  # another record book: the undo steps belong to the old one
            self._ward_seen = self.ward
            self._undo.clear()
            self._update_undo()
        self._load_day()
        self._month_stale = True
        if self.tabs.currentIndex() == 1:
            self._load_month()

    def day(self) -> date:
        return from_qdate(self.date_edit.date())

    def show_day(self, day: date) -> None:
        self.date_edit.setDate(to_qdate(day))

    def _load_day(self) -> None:
        day = self.day()
        sheet = day_sheet(self.ward, day)
        self.day_model.set_sheet(sheet)
        self.day_label.setText(format_date(day, "full"))
        if sheet.working_day:
            self.banner.hide()
        else:
            if sheet.holiday_name:
                text = _("{day} is a holiday ({name}). Attendance can still be marked, but nobody is expected"
                         " at work.").format(day=format_date(day), name=sheet.holiday_name)
            else:
                text = _("{weekday} {day} is not a working day. Attendance can still be marked, but nobody is"
                         " expected at work.").format(weekday=format_weekday(day), day=format_date(day))
            self.banner.setText(text)
            self.banner.show()
        if sheet.locked_period:
            self.locked_banner.setText(_("This day belongs to the locked period “{period}”: its attendance"
                                         " cannot be changed.").format(period=sheet.locked_period)
                                       + " " + _("Only the head can unlock the period."))
            self.locked_banner.show()
        else:
            self.locked_banner.hide()
        for marking in (self.present_action, self.late_action, self.early_action, self.absent_action,
                        *self.leave_actions.values(), self.leave_button):
            marking.setEnabled(not sheet.locked_period)  # a locked day is read, not marked
        counts = sheet.counts()
        self.summary.setText(_("{staff} staff · present {present} · late {late} · left early {early}"
                               " · on leave {leave} · absent without leave {absent}").format(
            staff=counts.staff, present=counts.present, late=counts.late, early=counts.early,
            leave=counts.on_leave, absent=counts.absent))
        if not self.grid.currentIndex().isValid() and self.day_proxy.rowCount() > 0:
            self.grid.setCurrentIndex(self.day_proxy.index(0, DayGridModel.MORNING))
        self._fit_day_columns()
        self.update_excuse_action()

    def _fit_day_columns(self) -> None:
        self.grid_fit.refit()

    def month(self) -> tuple[int, int]:
        return self.year_spin.value(), self.month_combo.currentData()

    def show_month(self, year: int, month: int) -> None:
        self.year_spin.blockSignals(True)
        self.year_spin.setValue(year)
        self.year_spin.blockSignals(False)
        self.month_combo.setCurrentIndex(month - 1)
        self._load_month()

    def _step_month(self, step: int) -> None:
        year, month = self.month()
        index = year * 12 + month - 1 + step
        self.show_month(index // 12, index % 12 + 1)

    def _load_month(self) -> None:
        self._month_stale = False
        year, month = self.month()
        sheet = month_sheet(self.ward, year, month, until=self.context.today())
        self.month_model.set_sheet(sheet)
        self.month_title.setText(_("Timesheet — {month}").format(month=format_month(year, month, "long")))
        view = self.month_view
        view.resizeColumnToContents(0)
        for column in range(1, self.month_model.columnCount()):
            view.resizeColumnToContents(column)
            view.setColumnWidth(column, max(view.columnWidth(column), 34))

    def _tab_changed(self, index: int) -> None:
        if index == 1 and self._month_stale:
            self._load_month()
        if index == 0:
            self.grid.setFocus()

    def _search(self, text: str) -> None:
        self.day_proxy.set_search(text)
        self.month_proxy.set_search(text)

    def _month_double_clicked(self, index: QModelIndex) -> None:
        day = self.month_model.day_of(self.month_proxy.mapToSource(index).column())
        if day is None:
            return
        self.show_day(day)
        self.tabs.setCurrentIndex(0)
        person = index.data(RECORD_ROLE)
        for row in range(self.day_proxy.rowCount()):
            if self.day_proxy.index(row, 0).data(RECORD_ROLE).staff.id == person.staff.id:
                self.grid.setCurrentIndex(self.day_proxy.index(row, DayGridModel.MORNING))
                break
        self.grid.setFocus()

    # ---- Marking ----

    def selected_cells(self) -> list[Cell]:
        """The sessions selected; a name, position, department or note cell means both sessions."""
        sheet = self.day_model.sheet
        if sheet is None:
            return []
        indexes = self.grid.selectionModel().selectedIndexes()
        if not indexes and self.grid.currentIndex().isValid():
            indexes = [self.grid.currentIndex()]
        cells: dict[Cell, None] = {}
        for index in sorted(indexes, key=lambda index: (index.row(), index.column())):
            row = index.data(RECORD_ROLE)
            session = DayGridModel.SESSIONS.get(self.day_proxy.mapToSource(index).column())
            for each in (session,) if session is not None else SESSIONS:
                cells[Cell(row.staff_id, sheet.day, each)] = None
        return list(cells)

    def _who(self, cells: list[Cell]) -> str:
        if len(cells) == 1:
            names = {row.staff_id: row.staff.full_name for row in self.day_model.sheet.rows}
            return _("{name}, {session} of {day}").format(
                name=names.get(cells[0].staff_id, ""), session=_(SESSION_LABELS[cells[0].session]).lower(),
                day=format_date(cells[0].day))
        people = len({cell.staff_id for cell in cells})
        return _("{sessions} sessions of {people} staff, {day}").format(
            sessions=len(cells), people=people, day=format_date(cells[0].day))

    def run_command(self, command: object) -> None:
        """Mark the selected cells: present, late, early, absent, a leave code, or ask for another leave."""
        cells = self.selected_cells()
        if not cells:
            self.status.setText(_("Select one or more cells first."))
            return
        try:
            self.ward.check_writable()  # before asking for minutes or a leave code
        except WardOfficeError as error:
            show_error(self, error)
            return
        if command == PRESENT:
            self.apply(Mark.present(), cells, _("Present"))
        elif command == ABSENT:
            self.apply(Mark.absent(), cells, _("Absent without leave"))
        elif isinstance(command, LeaveCode):
            self.apply(Mark.leave(command), cells, leave_text(command))
        elif command in (LATE, EARLY):
            self.ask_minutes(MarkKind.LATE if command == LATE else MarkKind.EARLY, cells)
        elif command == OTHER_LEAVE:
            self.ask_leave(cells)

    def ask_minutes(self, kind: MarkKind, cells: list[Cell]) -> MinutesDialog:
        most = longest_minutes(self.ward, cells)
        if kind is MarkKind.LATE:
            dialog = MinutesDialog(_("Arrived late"), _("&Minutes late:"), self._who(cells), self._minutes[kind], self,
                                   most=most)
        else:
            dialog = MinutesDialog(_("Left early"), _("&Minutes early:"), self._who(cells), self._minutes[kind],
                                   self, most=most)

        def accepted() -> None:
            minutes = dialog.minutes()
            self._minutes[kind] = minutes
            mark = Mark.late(minutes) if kind is MarkKind.LATE else Mark.early(minutes)
            first = cells[0]  # told in the grid's wording of the session the mark makes
            self.apply(mark, cells, session_text(mark.apply(None, first.staff_id, first.day, first.session)))

        return self._open(dialog, accepted)

    def ask_leave(self, cells: list[Cell]) -> LeaveDialog:
        dialog = LeaveDialog(self._who(cells), self)

        def accepted() -> None:
            code = dialog.leave_code()
            self.apply(Mark.leave(code), cells, leave_text(code))

        return self._open(dialog, accepted)

    def _open(self, dialog: QDialog, accepted: Callable[[], None]) -> QDialog:
        self.dialog = dialog
        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.grid.setFocus()

    def apply(self, mark: Mark, cells: list[Cell], description: str) -> bool:
        """Mark ``cells`` in one transaction; False (and a message) when refused, nothing written."""
        try:
            token = mark_cells(self.ward, cells, mark)
        except WardOfficeError as error:
            show_error(self, error)
            return False
        if token:
            self._undo.append((description, token))
            del self._undo[:-UNDO_DEPTH]
        self._update_undo()
        self.status.setText(_("Recorded: {change} — {count} session(s) changed. Ctrl+Z undoes it.").format(
            change=description, count=len(token)) if token else _("Nothing changed."))
        single = len(self.grid.selectionModel().selectedIndexes()) <= 1
        self.context.changed.emit(Topic.ATTENDANCE)
        if single:
            self._move_down()
        return True

    def _move_down(self) -> None:
        current = self.grid.currentIndex()
        if current.isValid() and current.row() + 1 < self.day_proxy.rowCount():
            self.grid.setCurrentIndex(self.day_proxy.index(current.row() + 1, current.column()))

    def undo_last(self) -> bool:
        if not self._undo:
            self.status.setText(_("Nothing to undo."))
            return False
        description, token = self._undo[-1]
        try:
            undo(self.ward, token)
        except WardOfficeError as error:
            show_error(self, error)
            return False
        self._undo.pop()
        self._update_undo()
        day = token.before[0][0].day
        if day != self.day():
            self.show_day(day)
        self.status.setText(_("Undone: {change}.").format(change=description))
        self.context.changed.emit(Topic.ATTENDANCE)
        return True

    def undo_depth(self) -> int:
        return len(self._undo)

    def _update_undo(self) -> None:
        self.undo_action.setEnabled(bool(self._undo))
        if self._undo:
            self.undo_action.setToolTip(_("Undo “{change}” (Ctrl+Z)").format(change=self._undo[-1][0]))
        else:
            self.undo_action.setToolTip(_("Undo the last change (Ctrl+Z)"))

    # ---- Excusing (the head) ----

    def update_excuse_action(self) -> None:
        """"Miễn trừ có lý do…" is enabled for the head, on one session with something left to excuse."""
        found = excusable(self.ward, self.day_model.sheet, self.selected_cells())
        self.excuse_action.setEnabled(found is not None)

    def ask_excuse(self) -> ExcuseDialog | None:
        found = excusable(self.ward, self.day_model.sheet, self.selected_cells())
        if found is None:
            return None
        cell, record, triggers = found
        dialog = ExcuseDialog(self._who([cell]), record, triggers, self)

        def accepted() -> None:
            occurrence = dialog.combo.currentText()
            try:
                excuse = excuse_attendance(self.ward, record.id, dialog.trigger(), dialog.reason_text())  # type: ignore[arg-type]
            except WardOfficeError as error:
                show_error(self, error)
                return
            self.status.setText(_("Excused: {occurrence} — {reason}").format(occurrence=occurrence,
                                                                              reason=excuse.reason))
            self.context.changed.emit(Topic.ATTENDANCE)

        self._open(dialog, accepted)
        return dialog

    def _context_menu(self, position: QPoint) -> None:
        menu = self.context_menu()
        menu.popup(self.grid.viewport().mapToGlobal(position))

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.present_action)
        menu.addAction(self.late_action)
        menu.addAction(self.early_action)
        menu.addMenu(self.leave_menu)
        menu.addAction(self.absent_action)
        menu.addAction(self.excuse_action)
        menu.addSeparator()
        menu.addAction(self.undo_action)
        menu.aboutToHide.connect(menu.deleteLater)
        return menu

"""Chấm công: the day's grid where everyone starts present and the clerk marks only the exceptions.

The clerk works from the keyboard (arrows, one letter per state, Ctrl+Z), on one or many cells at once;
every change is one transaction and can be undone. The second tab is the month sheet, as on paper C01-HD.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.attendance import LEAVE_LABELS, LeaveCode
from ward_office.core.errors import WardOfficeError
from ward_office.core.schedule import SESSION_LABELS
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_month, format_weekday
from ward_office.services.attendance_sheet import (
    SESSIONS,
    Cell,
    Mark,
    MarkKind,
    UndoToken,
    day_sheet,
    mark_cells,
    month_sheet,
    undo,
)

from ward_office.ui.attendance.dialogs import LeaveDialog, MinutesDialog
from ward_office.ui.attendance.models import DayGridModel, MonthGridModel, leave_text
from ward_office.ui.widgets import date_edit, from_qdate, show_error, to_qdate
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.models import RECORD_ROLE, SearchProxy
from ward_office.ui.widgets.page import Page

UNDO_DEPTH = 50
DEFAULT_MINUTES = 15

# Commands the grid understands, by the letter typed (upper-cased; "Ô" too, for Vietnamese keyboards).
PRESENT, LATE, EARLY, ABSENT, OTHER_LEAVE = "present", "late", "early", "absent", "other_leave"
KEY_COMMANDS = {
    "M": LATE, "S": EARLY, "V": ABSENT, "N": OTHER_LEAVE,
    "P": LeaveCode.ANNUAL, "O": LeaveCode.SICK, "Ô": LeaveCode.SICK, "H": LeaveCode.MEETING,
    "C": LeaveCode.BUSINESS_TRIP, "B": LeaveCode.COMPENSATORY,
}
KEY_LEGEND = N_("Keys: arrows move · Space or Delete: present · M: late · S: left early · P: annual leave"
                " · O: sick leave · H: meeting or training · C: business trip · B: compensatory day off"
                " · N: other leave · V: absent without leave · Ctrl+Z: undo. Select several cells (or a whole"
                " row) to mark them together.")
MONTH_LEGEND = N_("Codes: + present · M late · S left early · P annual leave · Ô sick · Cô child sick"
                  " · Ts maternity · T work accident · H meeting or training · Nb compensatory day off"
                  " · No unpaid leave · CT business trip · Ko absent without leave. “M/+” means morning/afternoon."
                  " Shaded columns are weekends and holidays. Double-click a cell to open that day.")
BANNER_STYLE = "QLabel { background: #fff4ce; color: #5c3c00; border: 1px solid #e0c070; padding: 6px; }"
LOCKED_STYLE = "QLabel { background: #fdecea; color: #8c1d18; border: 1px solid #e6a5a0; padding: 6px; }"


class AttendanceGrid(QTableView):
    """The day grid: letters mark the selected cells, arrows move, Space/Delete bring back "present"."""

    command = Signal(object)  # a command name or a LeaveCode

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.command.emit(PRESENT)
                event.accept()
                return
            command = KEY_COMMANDS.get(event.text().upper())
            if command is not None:
                self.command.emit(command)
                event.accept()
                return
        super().keyPressEvent(event)


def _tool_button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


def _table(view: QTableView) -> None:
    view.setAlternatingRowColors(False)
    view.setWordWrap(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class AttendancePage(Page):
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

        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(self.tabs, 1)
        self.search.textChanged.connect(self._search)

    # ---- Building ----

    def _build_day_tab(self, today: date) -> QWidget:
        tab = QWidget()
        self.date_edit = date_edit(today)
        self.date_edit.setAccessibleName(_("Day"))
        date_label = QLabel(_("&Day:"))
        date_label.setBuddy(self.date_edit)
        self.previous_day = QToolButton()
        self.previous_day.setText(_("◀ Previous day"))
        self.previous_day.setToolTip(_("Previous day (Alt+Left)"))
        self.previous_day.setShortcut(QKeySequence("Alt+Left"))
        self.next_day = QToolButton()
        self.next_day.setText(_("Next day ▶"))
        self.next_day.setToolTip(_("Next day (Alt+Right)"))
        self.next_day.setShortcut(QKeySequence("Alt+Right"))
        self.today_button = QToolButton()
        self.today_button.setText(_("Today"))
        self.today_button.setToolTip(_("Go back to today (Alt+Home)"))
        self.today_button.setShortcut(QKeySequence("Alt+Home"))
        self.day_label = QLabel()
        self.day_label.setObjectName("attendance_day")
        font = self.day_label.font()
        font.setBold(True)
        self.day_label.setFont(font)
        date_row = QHBoxLayout()
        for widget in (date_label, self.date_edit, self.previous_day, self.next_day, self.today_button):
            date_row.addWidget(widget)
        date_row.addSpacing(12)
        date_row.addWidget(self.day_label, 1)

        self.banner = QLabel()
        self.banner.setObjectName("attendance_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.locked_banner = QLabel()
        self.locked_banner.setObjectName("attendance_locked")
        self.locked_banner.setWordWrap(True)
        self.locked_banner.setStyleSheet(LOCKED_STYLE)
        self.locked_banner.hide()

        self._build_actions()
        button_row = QHBoxLayout()
        for action in (self.present_action, self.late_action, self.early_action):
            button_row.addWidget(_tool_button(action))
        self.leave_button = QToolButton()
        self.leave_button.setText(_("Leave with a reason"))
        self.leave_button.setToolTip(_("Annual leave, sick leave, business trip… (P, O, H, C, B, N)"))
        self.leave_button.setMenu(self.leave_menu)
        self.leave_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button_row.addWidget(self.leave_button)
        button_row.addWidget(_tool_button(self.absent_action))
        button_row.addStretch(1)
        button_row.addWidget(_tool_button(self.undo_action))

        self.day_model = DayGridModel(self)
        self.day_proxy = SearchProxy(self)
        self.day_proxy.setSourceModel(self.day_model)
        self.grid = AttendanceGrid()
        self.grid.setObjectName("attendance_grid")
        self.grid.setModel(self.day_proxy)
        self.grid.setAccessibleName(_("Attendance of the day"))
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._context_menu)
        self.grid.command.connect(self.run_command)
        _table(self.grid)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        self.summary = QLabel()
        self.summary.setObjectName("attendance_summary")
        self.summary.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("attendance_status")
        self.status.setWordWrap(True)
        self.legend = QLabel(_(KEY_LEGEND))
        self.legend.setWordWrap(True)
        self.legend.setObjectName("attendance_legend")
        self.legend.setStyleSheet("QLabel { color: #5f6368; }")

        layout = QVBoxLayout(tab)
        layout.addLayout(date_row)
        layout.addWidget(self.banner)
        layout.addWidget(self.locked_banner)
        layout.addLayout(button_row)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        layout.addWidget(self.legend)

        self.date_edit.dateChanged.connect(self._load_day)
        self.previous_day.clicked.connect(lambda: self.show_day(self.day() - timedelta(days=1)))
        self.next_day.clicked.connect(lambda: self.show_day(self.day() + timedelta(days=1)))
        self.today_button.clicked.connect(lambda: self.show_day(self.context.today()))
        return tab

    def _action(self, text: str, tooltip: str, handler: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tooltip)
        action.triggered.connect(lambda _checked=False: handler())
        return action

    def _build_actions(self) -> None:
        self.present_action = self._action(_("Present"), _("Back to present and on time (Space or Delete)"),
                                           lambda: self.run_command(PRESENT))
        self.late_action = self._action(_("Late…"), _("Arrived late: asks for the minutes (M)"),
                                        lambda: self.run_command(LATE))
        self.early_action = self._action(_("Left early…"), _("Left early: asks for the minutes (S)"),
                                         lambda: self.run_command(EARLY))
        self.absent_action = self._action(_("Absent without leave"), _("Absent without leave (V)"),
                                          lambda: self.run_command(ABSENT))
        self.undo_action = self._action(_("Undo"), _("Undo the last change (Ctrl+Z)"), self.undo_last)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.setEnabled(False)
        self.addAction(self.undo_action)
        self.leave_menu = QMenu(_("Leave with a reason"), self)
        keys = {code: key for key, code in KEY_COMMANDS.items() if isinstance(code, LeaveCode) and key != "Ô"}
        self.leave_actions: dict[LeaveCode, QAction] = {}
        for code in LeaveCode:
            text = leave_text(code)
            tooltip = _("{leave} (key {key})").format(leave=_(LEAVE_LABELS[code]), key=keys[code]) \
                if code in keys else _(LEAVE_LABELS[code])
            action = self._action(text, tooltip, lambda code=code: self.run_command(code))
            self.leave_actions[code] = action
            self.leave_menu.addAction(action)

    def _build_month_tab(self, today: date) -> QWidget:
        tab = QWidget()
        self.previous_month = QToolButton()
        self.previous_month.setText(_("◀ Previous month"))
        self.next_month = QToolButton()
        self.next_month.setText(_("Next month ▶"))
        self.month_combo = QComboBox()
        self.month_combo.setAccessibleName(_("Month"))
        for number in range(1, 13):
            self.month_combo.addItem(_("Month {number}").format(number=number), number)
        self.month_combo.setCurrentIndex(today.month - 1)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(today.year)
        self.year_spin.setAccessibleName(_("Year"))
        month_label = QLabel(_("&Month:"))
        month_label.setBuddy(self.month_combo)
        self.month_title = QLabel()
        font = self.month_title.font()
        font.setBold(True)
        self.month_title.setFont(font)
        row = QHBoxLayout()
        for widget in (month_label, self.month_combo, self.year_spin, self.previous_month, self.next_month):
            row.addWidget(widget)
        row.addSpacing(12)
        row.addWidget(self.month_title, 1)

        self.month_model = MonthGridModel(self)
        self.month_proxy = SearchProxy(self)
        self.month_proxy.setSourceModel(self.month_model)
        self.month_view = QTableView()
        self.month_view.setObjectName("attendance_month")
        self.month_view.setModel(self.month_proxy)
        self.month_view.setAccessibleName(_("Month timesheet"))
        self.month_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.month_view.doubleClicked.connect(self._month_double_clicked)
        _table(self.month_view)
        self.month_legend = QLabel(_(MONTH_LEGEND))
        self.month_legend.setWordWrap(True)
        self.month_legend.setStyleSheet("QLabel { color: #5f6368; }")

        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(self.month_view, 1)
        layout.addWidget(self.month_legend)
        self.month_combo.currentIndexChanged.connect(self._load_month)
        self.year_spin.valueChanged.connect(self._load_month)
        self.previous_month.clicked.connect(lambda: self._step_month(-1))
        self.next_month.clicked.connect(lambda: self._step_month(1))
        return tab

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
                                         " cannot be changed.").format(period=sheet.locked_period))
            self.locked_banner.show()
        else:
            self.locked_banner.hide()
        counts = sheet.counts()
        self.summary.setText(_("{staff} staff · present {present} · late {late} · left early {early}"
                               " · on leave {leave} · absent without leave {absent}").format(
            staff=counts.staff, present=counts.present, late=counts.late, early=counts.early,
            leave=counts.on_leave, absent=counts.absent))
        if not self.grid.currentIndex().isValid() and self.day_proxy.rowCount() > 0:
            self.grid.setCurrentIndex(self.day_proxy.index(0, DayGridModel.MORNING))
        self._fit_day_columns()

    def _fit_day_columns(self) -> None:
        for column in range(DayGridModel.NOTE):
            self.grid.resizeColumnToContents(column)
            width = self.grid.columnWidth(column)
            self.grid.setColumnWidth(column, min(max(width, 90), 320))

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
        if kind is MarkKind.LATE:
            dialog = MinutesDialog(_("Arrived late"), _("&Minutes late:"), self._who(cells), self._minutes[kind], self)
        else:
            dialog = MinutesDialog(_("Left early"), _("&Minutes early:"), self._who(cells), self._minutes[kind],
                                   self)

        def accepted() -> None:
            minutes = dialog.minutes()
            self._minutes[kind] = minutes
            if kind is MarkKind.LATE:
                self.apply(Mark.late(minutes), cells, _("Late {minutes} min").format(minutes=minutes))
            else:
                self.apply(Mark.early(minutes), cells, _("Left early {minutes} min").format(minutes=minutes))

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
        menu.addSeparator()
        menu.addAction(self.undo_action)
        menu.aboutToHide.connect(menu.deleteLater)
        return menu

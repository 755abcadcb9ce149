"""The widgets of the attendance page and where they sit: the day's grid with its marks, notes and keys
on one tab, the month's timesheet on the other; and the keys the grid understands.

What the widgets do is the page's (AttendancePage in page.py); the methods they are connected to are named
here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSpinBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.attendance import LEAVE_LABELS, LeaveCode
from ward_office.i18n import N_, _

from ward_office.ui.attendance.models import DayGridModel, MonthGridModel, leave_text
from ward_office.ui.widgets import date_edit
from ward_office.ui.widgets.fit import ColumnFit
from ward_office.ui.widgets.models import SearchProxy
from ward_office.ui.widgets.page import Page

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


EXCUSE_TIP = N_("The head excuses the selected late arrival, early leave or absence, with a reason: it then costs "
                "no points")
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


class AttendanceLayout(Page):
    # What the widgets are connected to, done by the page (page.py).
    def day(self) -> date:
        raise NotImplementedError

    def show_day(self, day: date) -> None:
        raise NotImplementedError

    def _load_day(self) -> None:
        raise NotImplementedError

    def run_command(self, command: object) -> None:
        raise NotImplementedError

    def undo_last(self) -> bool:
        raise NotImplementedError

    def ask_excuse(self) -> object:
        raise NotImplementedError

    def _context_menu(self, position: QPoint) -> None:
        raise NotImplementedError

    def _load_month(self) -> None:
        raise NotImplementedError

    def _step_month(self, step: int) -> None:
        raise NotImplementedError

    def _month_double_clicked(self, index: QModelIndex) -> None:
        raise NotImplementedError

    def _build_day_tab(self, today: date) -> QWidget:
        tab = QWidget()
        date_row = self._build_date_row(today)
        self._build_banners()
        button_row = self._build_button_row()
        self._build_grid()
        self._build_day_labels()
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

    def _build_date_row(self, today: date) -> QHBoxLayout:
        """The day shown, the buttons to step a day either way or back to today, and the day in words."""
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
        return date_row

    def _build_banners(self) -> None:
        """The notes over the grid: a holiday or weekend, and a locked period."""
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

    def _build_button_row(self) -> QHBoxLayout:
        """One button per mark, the leave menu and undo."""
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
        button_row.addWidget(_tool_button(self.excuse_action))
        button_row.addStretch(1)
        button_row.addWidget(_tool_button(self.undo_action))
        return button_row

    def _build_grid(self) -> None:
        """The day's grid: one row per person, one column per session; keys mark the selected cells."""
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
        # Both sessions stay in sight on a 1024×768 screen: position and department give way.
        self.grid_fit = ColumnFit(self.grid, key=(DayGridModel.NAME, DayGridModel.MORNING, DayGridModel.AFTERNOON),
                                  squeeze=(DayGridModel.POSITION, DayGridModel.DEPARTMENT, DayGridModel.NOTE))

    def _build_day_labels(self) -> None:
        """Under the grid: the day's counts, the last change and the keys."""
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
        self.excuse_action = self._action(_("Excuse with a reason…"), _(EXCUSE_TIP), self.ask_excuse)
        self.excuse_action.setEnabled(False)
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

"""The "Ngày nghỉ lễ" tab: public holidays and make-up working days of a year, prefilled and editable.

The prefilled list follows the law as the ``holidays`` package knows it; the office adds what the
government decides each year (a bridged day off, a new holiday) and removes what does not apply.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.errors import WardOfficeError
from ward_office.core.schedule import DayKind, Holiday
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_weekday
from ward_office.services.ward_settings import add_holiday, holidays_of, prefill_holidays, remove_holiday

from ward_office.ui import widgets
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.models import Column, RecordTableModel

KIND_LABELS = {DayKind.HOLIDAY: N_("Holiday (day off)"), DayKind.WORKING_DAY: N_("Make-up working day")}


def _kind_colour(holiday: Holiday) -> QColor | None:
    return widgets.WARN if holiday.kind is DayKind.WORKING_DAY else None


HOLIDAY_COLUMNS: tuple[Column[Holiday], ...] = (
    Column(N_("Date"), lambda holiday: format_date(holiday.day), sort_key=lambda holiday: holiday.day),
    Column(N_("Weekday"), lambda holiday: format_weekday(holiday.day), sort_key=lambda holiday: holiday.day.weekday()),
    Column(N_("Name"), lambda holiday: holiday.name),
    Column(N_("Kind"), lambda holiday: _(KIND_LABELS[holiday.kind]), foreground=_kind_colour),
    Column(N_("Source"), lambda holiday: _("Prefilled") if holiday.prefilled else _("Added by hand")),
)


class HolidayDialog(QDialog):
    """A new holiday or make-up working day; ``on_accept`` returns False to keep the dialog open."""

    def __init__(self, parent: QWidget, day: date, on_accept: Callable[[date, str, DayKind], bool]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add a holiday or make-up working day"))
        self._on_accept = on_accept
        self.date_edit = widgets.date_edit(day)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("e.g. Ngày Văn hóa Việt Nam"))
        self.kind_edit = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind_edit.addItem(_(label), kind)
        form = QFormLayout()
        form.addRow(_("&Date:"), self.date_edit)
        form.addRow(_("&Name:"), self.name_edit)
        form.addRow(_("&Kind:"), self.kind_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())
        self.name_edit.setFocus()

    def accept(self) -> None:
        if self._on_accept(widgets.from_qdate(self.date_edit.date()), self.name_edit.text(),
                           DayKind(self.kind_edit.currentData())):
            super().accept()


class HolidaysTab(QWidget):
    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.year_edit = QSpinBox()
        self.year_edit.setRange(2000, 2100)
        self.year_edit.setValue(context.today().year)
        self.year_edit.setAccessibleName(_("Year"))
        self.year_edit.valueChanged.connect(lambda _year: self.refresh())
        year_label = QLabel(_("&Year:"))
        year_label.setBuddy(self.year_edit)

        self.model = RecordTableModel(HOLIDAY_COLUMNS, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setAccessibleName(_("Holidays and make-up working days"))
        header = self.view.horizontalHeader()
        for column in range(len(HOLIDAY_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.add_button = QPushButton(_("&Add…"))
        self.remove_button = QPushButton(_("&Remove"))
        self.prefill_button = QPushButton(_("&Fill in the public holidays"))
        self.prefill_button.setToolTip(_("Fill in Vietnam's public holidays and make-up working days of this year"))
        self.add_button.clicked.connect(self.add_dialog)
        self.remove_button.clicked.connect(self.remove)
        self.prefill_button.clicked.connect(self.prefill)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year_edit)
        top.addWidget(self.summary, 1)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.prefill_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

    def year(self) -> int:
        return self.year_edit.value()

    def refresh(self, select_day: date | None = None) -> None:
        if select_day is None and (current := self.current()) is not None:
            select_day = current.day
        holidays = holidays_of(self.context.ward, self.year())
        self.model.set_records(holidays)
        days_off = sum(1 for holiday in holidays if holiday.kind is DayKind.HOLIDAY)
        working = len(holidays) - days_off
        if holidays:
            self.summary.setText(_("{days_off} day(s) off, {working} make-up working day(s)").format(
                days_off=days_off, working=working))
        else:
            self.summary.setText(_("No holidays entered for this year yet."))
        row = next((number for number, holiday in enumerate(holidays) if holiday.day == select_day), -1)
        if row >= 0:
            widgets.select_row(self.view, row)
        self._update_buttons()

    def current(self) -> Holiday | None:
        return widgets.selected_record(self.view)

    def _update_buttons(self) -> None:
        writable = not self.context.ward.read_only
        self.add_button.setEnabled(writable)
        self.remove_button.setEnabled(writable and self.current() is not None)
        self.prefill_button.setVisible(writable and self.model.rowCount() == 0)

    def add_dialog(self) -> HolidayDialog:
        today = self.context.today()
        start = today if today.year == self.year() else date(self.year(), 1, 1)

        def store(day: date, name: str, kind: DayKind) -> bool:
            try:
                add_holiday(self.context.ward, day, name, kind)
            except WardOfficeError as error:
                widgets.show_error(dialog, error)
                return False
            self.year_edit.blockSignals(True)
            self.year_edit.setValue(day.year)
            self.year_edit.blockSignals(False)
            self.refresh(day)
            self.context.changed.emit(Topic.SETTINGS)
            return True

        dialog = HolidayDialog(self, start, store)
        dialog.open()
        return dialog

    def remove(self) -> None:
        holiday = self.current()
        if holiday is None:
            return
        if not widgets.confirm(self, _("Remove “{name}” on {day}? That day becomes an ordinary day again.").format(
                name=holiday.name, day=format_date(holiday.day))):
            return
        try:
            remove_holiday(self.context.ward, holiday.day)
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return
        self.refresh()
        self.context.changed.emit(Topic.SETTINGS)

    def prefill(self) -> None:
        try:
            prefill_holidays(self.context.ward, self.year())
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return
        self.refresh()
        self.context.changed.emit(Topic.SETTINGS)

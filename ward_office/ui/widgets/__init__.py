"""The window's shared, feature-free pieces. Here: small widgets and dialogs every page uses (error and confirm
boxes, date fields, the period picker); beside it the base of every page (page.py), the context pages share
(context.py), background jobs (jobs.py), table models (models.py, keyed_models.py) and other widgets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSpinBox,
    QTableView,
    QWidget,
)

from ward_office.core.errors import WardOfficeError
from ward_office.core.period import Period, PeriodKind, half_year, month, quarter, whole_year
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import period_label

from ward_office.ui.widgets.date_field import DateField as DateField  # the one date field, for every page

# Colours that mean the same thing on every page.
BAD = QColor("#b3261e")
GOOD = QColor("#1b6e20")
WARN = QColor("#8a5a00")
MUTED = QColor("#5f6368")
MARKED = QColor("#fdecea")


def error_text(error: BaseException) -> str:
    if isinstance(error, WardOfficeError):
        return error.localized()
    return _("Unexpected error: {message}").format(message=error)


def show_error(parent: QWidget | None, error: BaseException | str, title: str | None = None) -> None:
    text = error if isinstance(error, str) else error_text(error)
    QMessageBox.warning(parent, title or _("Cannot do this"), text)


def show_info(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.information(parent, title or _("Done"), text)


def confirm(parent: QWidget | None, text: str, title: str | None = None) -> bool:
    answer = QMessageBox.question(parent, title or _("Please confirm"), text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(day: date, parent: QWidget | None = None) -> DateField:
    """The date field of every page and dialog: dd/mm/yyyy typed in one go, or picked on a calendar."""
    return DateField(day, parent)


def select_row(view: QAbstractItemView, row: int, column: int = 0) -> None:
    """Make ``row`` of the view's model the current and only selected row."""
    view.selectionModel().setCurrentIndex(
        view.model().index(row, column),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)


def selected_record(view: QAbstractItemView) -> Any | None:
    """The record of the view's first selected row (its model has ``record(row)``), or None."""
    rows = view.selectionModel().selectedRows()
    return view.model().record(rows[0].row()) if rows else None  # type: ignore[attr-defined]


def record_table(model: QAbstractItemModel, name: str = "", accessible_name: str = "", *,
                 on_open: Callable[[], object] | None = None,
                 on_delete: Callable[[], object] | None = None) -> QTableView:
    """A read-only, sortable table of records, one row selected at a time: Enter or a double-click opens
    the row, the Delete key deletes it."""
    table = QTableView()
    table.setObjectName(name)
    table.setAccessibleName(accessible_name)
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if on_open is not None:
        table.doubleClicked.connect(lambda _index: on_open())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), table, on_open, context=Qt.ShortcutContext.WidgetShortcut)
    if on_delete is not None:
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), table, on_delete,
                  context=Qt.ShortcutContext.WidgetShortcut)
    return table


PERIOD_KIND_LABELS = {
    PeriodKind.MONTH: N_("Month"),
    PeriodKind.QUARTER: N_("Quarter"),
    PeriodKind.HALF_YEAR: N_("6 months"),
    PeriodKind.YEAR: N_("Year"),
    PeriodKind.RANGE: N_("From date to date"),
}


class PeriodPicker(QWidget):
    """Month, quarter, 6 months, year or any span; emits ``period_changed`` with a core ``Period``."""

    period_changed = Signal(object)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind = QComboBox()
        for kind, label in PERIOD_KIND_LABELS.items():
            self._kind.addItem(_(label), kind)
        self._number = QComboBox()
        self._year = QSpinBox()
        self._year.setRange(2000, 2100)
        self._year.setValue(today.year)
        self._year.setAccessibleName(_("Year"))
        self._start = date_edit(date(today.year, 1, 1))
        self._end = date_edit(today)
        self._start_label = QLabel(_("from"))
        self._end_label = QLabel(_("to"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self._kind, self._number, self._year, self._start_label, self._start, self._end_label,
                       self._end):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._today = today
        self._kind.setCurrentIndex(self._kind.findData(PeriodKind.HALF_YEAR))
        self._fill_numbers()
        self._number.setCurrentIndex(0 if today.month <= 6 else 1)
        self._kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (self._number.currentIndexChanged, self._year.valueChanged, self._start.dateChanged,
                       self._end.dateChanged):
            signal.connect(self._emit)

    def _current_kind(self) -> PeriodKind:
        return PeriodKind(self._kind.currentData())  # Qt hands a StrEnum back as a plain str

    def _fill_numbers(self) -> None:
        kind = self._current_kind()
        self._number.blockSignals(True)
        self._number.clear()
        if kind is PeriodKind.MONTH:
            for number in range(1, 13):
                self._number.addItem(_("Month {number}").format(number=number), number)
            self._number.setCurrentIndex(self._today.month - 1)
        elif kind is PeriodKind.QUARTER:
            for number, roman in enumerate(("I", "II", "III", "IV"), start=1):
                self._number.addItem(_("Quarter {number}").format(number=roman), number)
            self._number.setCurrentIndex((self._today.month - 1) // 3)
        elif kind is PeriodKind.HALF_YEAR:
            self._number.addItem(_("First 6 months"), 1)
            self._number.addItem(_("Last 6 months"), 2)
            self._number.setCurrentIndex(0 if self._today.month <= 6 else 1)
        self._number.blockSignals(False)
        custom_kind = kind is PeriodKind.RANGE
        self._number.setVisible(kind not in (PeriodKind.YEAR, PeriodKind.RANGE))
        self._year.setVisible(not custom_kind)
        for widget in (self._start_label, self._start, self._end_label, self._end):
            widget.setVisible(custom_kind)

    def _kind_changed(self) -> None:
        self._fill_numbers()
        self._emit()

    def _emit(self) -> None:
        try:
            period = self.period()
        except WardOfficeError:
            return  # an end before the start: wait for the user to finish typing
        self.period_changed.emit(period)

    def period(self) -> Period:
        kind = self._current_kind()
        year = self._year.value()
        number = self._number.currentData()
        if kind is PeriodKind.MONTH:
            return month(year, number)
        if kind is PeriodKind.QUARTER:
            return quarter(year, number)
        if kind is PeriodKind.HALF_YEAR:
            return half_year(year, number)
        if kind is PeriodKind.YEAR:
            return whole_year(year)
        return Period(PeriodKind.RANGE, from_qdate(self._start.date()), from_qdate(self._end.date()))

    def set_period(self, period: Period) -> None:
        self.blockSignals(True)
        self._kind.setCurrentIndex(self._kind.findData(period.kind))
        self._year.setValue(period.start.year)
        if period.kind is PeriodKind.MONTH:
            self._number.setCurrentIndex(self._number.findData(period.start.month))
        elif period.kind is PeriodKind.QUARTER:
            self._number.setCurrentIndex(self._number.findData((period.start.month - 1) // 3 + 1))
        elif period.kind is PeriodKind.HALF_YEAR:
            self._number.setCurrentIndex(self._number.findData(1 if period.start.month <= 6 else 2))
        elif period.kind is PeriodKind.RANGE:
            self._start.setDate(to_qdate(period.start))
            self._end.setDate(to_qdate(period.end))
        self.blockSignals(False)
        self._emit()

    def label(self) -> str:
        return period_label(self.period())

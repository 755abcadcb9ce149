"""The staff page: who works in the ward office, found by typing part of a name without accents, listed
by position, by given name or by score, and kept up to date as people join and leave.

People with records are never deleted: they leave on a last working day and stay in past scores.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.errors import WardOfficeError
from ward_office.core.staff import CATEGORY_LABELS, GENDER_LABELS, StaffId, position_rank
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_number, period_label
from ward_office.i18n.text import name_sort_key
from ward_office.services import staff_admin
from ward_office.services.ranking import current_review_period
from ward_office.services.staff_admin import StaffRow

from ward_office.ui import widgets
from ward_office.ui.staff.dialogs import LeaveDialog, StaffDialog
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.models import RIGHT, Column, RecordTableModel, SearchProxy
from ward_office.ui.widgets.page import Page

NO_SCORE = Fraction(-10**9)  # sorts people without a score in this period below everyone scored

DEPARTMENT_COLUMN = 4
SORT_BY_POSITION, SORT_BY_NAME, SORT_BY_SCORE, SORT_BY_CODE = "position", "name", "score", "code"
SORT_CHOICES = (
    (SORT_BY_POSITION, N_("By position")),
    (SORT_BY_NAME, N_("By given name")),
    (SORT_BY_SCORE, N_("By score")),
    (SORT_BY_CODE, N_("By code")),
)


def _score_text(row: StaffRow) -> str:
    return format_number(row.score) if row.score is not None else ""


class StaffPage(Page):
    topics = frozenset({Topic.STAFF, Topic.SETTINGS, Topic.ATTENDANCE, Topic.EVENTS, Topic.CHECKS})

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._build_model()
        toolbar = self._build_toolbar()
        self._build_table()
        buttons = self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.proxy.set_record_filter(self._accepts)
        self._sort_chosen()
        self._update_buttons()

    def _build_model(self) -> None:
        self.columns: tuple[Column[StaffRow], ...] = (
            Column(N_("Code"), lambda row: row.staff.code),
            Column(N_("Full name"), lambda row: row.staff.full_name,
                   sort_key=lambda row: name_sort_key(row.staff.full_name)),
            Column(N_("Gender"), lambda row: _(GENDER_LABELS[row.staff.gender])),
            Column(N_("Position"), lambda row: row.staff.position,
                   sort_key=lambda row: (position_rank(row.staff.position), name_sort_key(row.staff.full_name))),
            Column(N_("Department"), lambda row: row.department, tooltip=lambda row: row.department),
            Column(N_("Category"), lambda row: _(CATEGORY_LABELS[row.staff.category])),
            Column(N_("Badge number"), lambda row: row.staff.badge_number),
            Column(N_("Clock id"), lambda row: row.staff.clock_id),
            Column(N_("Score"), _score_text, alignment=RIGHT, searchable=False,
                   sort_key=lambda row: row.score if row.score is not None else NO_SCORE),
            Column(N_("Status"), self._status_text, searchable=False,
                   sort_key=lambda row: (row.staff.active_to or date.max, name_sort_key(row.staff.full_name)),
                   foreground=lambda row: widgets.MUTED if row.is_former(self.context.today()) else None),
        )
        self.sort_columns = {SORT_BY_CODE: (0, Qt.SortOrder.AscendingOrder),
                             SORT_BY_NAME: (1, Qt.SortOrder.AscendingOrder),
                             SORT_BY_POSITION: (3, Qt.SortOrder.AscendingOrder),
                             SORT_BY_SCORE: (8, Qt.SortOrder.DescendingOrder)}
        self.model: RecordTableModel[StaffRow] = RecordTableModel(self.columns, self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)

    def _build_toolbar(self) -> QHBoxLayout:
        """Search, department, order and former staff."""
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search name, code, position… (accents not needed)"))
        self.search.setAccessibleName(_("Search staff"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.department_filter = QComboBox()
        self.department_filter.setAccessibleName(_("Department"))
        self.department_filter.currentIndexChanged.connect(self._apply_filter)
        self.show_former = QCheckBox(_("Show &former staff"))
        self.show_former.toggled.connect(self._apply_filter)
        self.sort_choice = QComboBox()
        self.sort_choice.setAccessibleName(_("Order"))
        for key, label in SORT_CHOICES:
            self.sort_choice.addItem(_(label), key)
        self.sort_choice.currentIndexChanged.connect(self._sort_chosen)

        toolbar = QHBoxLayout()
        search_label = QLabel(_("Search &staff:"))
        search_label.setBuddy(self.search)
        department_label = QLabel(_("De&partment:"))
        department_label.setBuddy(self.department_filter)
        sort_label = QLabel(_("&Order:"))
        sort_label.setBuddy(self.sort_choice)
        toolbar.addWidget(search_label)
        toolbar.addWidget(self.search, 2)
        toolbar.addWidget(department_label)
        toolbar.addWidget(self.department_filter, 1)
        toolbar.addWidget(sort_label)
        toolbar.addWidget(self.sort_choice)
        toolbar.addWidget(self.show_former)
        return toolbar

    def _build_table(self) -> None:
        self.table = widgets.record_table(self.proxy, "staff_table", _("Staff list"),
                                  on_open=lambda: self.edit_dialog(), on_delete=self.delete_selected)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DEPARTMENT_COLUMN, QHeaderView.ResizeMode.Stretch)  # long names elide
        header.sortIndicatorChanged.connect(self._header_sorted)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search.setFocus)

    def _build_buttons(self) -> QHBoxLayout:
        self.add_button = QPushButton(_("&Add…"))
        self.add_button.setToolTip(_("Add a staff member (Ctrl+N)"))
        self.add_button.setShortcut(QKeySequence.StandardKey.New)
        self.add_button.clicked.connect(self.add_dialog)
        self.edit_button = QPushButton(_("&Edit…"))
        self.edit_button.setToolTip(_("Edit the selected person (Enter or double-click)"))
        self.edit_button.clicked.connect(lambda: self.edit_dialog())
        self.leave_button = QPushButton(_("&Leave work…"))
        self.leave_button.clicked.connect(self._leave_or_return)
        self.delete_button = QPushButton(_("&Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.leave_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addWidget(self.summary, 1)
        return buttons

    # ---- Reading ----

    def refresh(self) -> None:
        selected = self.selected()
        today = self.context.today()
        rows = staff_admin.staff_rows(self.ward, today)
        self._fill_departments()
        self.model.set_records(rows)
        for column in range(len(self.columns)):
            if column != DEPARTMENT_COLUMN:
                self.table.resizeColumnToContents(column)
        room = 2 * self.fontMetrics().averageCharWidth()
        for column in (0, 8):  # narrow columns whose header also carries the sort arrow
            self.table.setColumnWidth(column, self.table.columnWidth(column) + room)
        self.summary.setText(_("{active} working, {former} former · Scores: {period}, up to {day}").format(
            active=sum(not row.is_former(today) for row in rows), former=sum(row.is_former(today) for row in rows),
            period=period_label(current_review_period(today)), day=format_date(today)))
        if selected is not None and selected.staff.id is not None:
            self.select_staff(selected.staff.id)
        self._update_buttons()

    def _fill_departments(self) -> None:
        current = self.department_filter.currentData()
        self.department_filter.blockSignals(True)
        self.department_filter.clear()
        self.department_filter.addItem(_("All departments"), None)
        for department in self.ward.departments():
            self.department_filter.addItem(department.name, department.id)
        index = self.department_filter.findData(current) if current is not None else 0
        self.department_filter.setCurrentIndex(max(index, 0))
        self.department_filter.blockSignals(False)
        self._apply_filter()

    def _status_text(self, row: StaffRow) -> str:
        today = self.context.today()
        person = row.staff
        if person.active_from is not None and person.active_from > today:
            return _("Starts on {day}").format(day=format_date(person.active_from))
        if person.active_to is None:
            return _("Working")
        if person.active_to < today:
            return _("Left; last working day {day}").format(day=format_date(person.active_to))
        return _("Working until {day}").format(day=format_date(person.active_to))

    def _accepts(self, row: StaffRow) -> bool:
        department = self.department_filter.currentData()
        if department is not None and row.staff.department_id != department:
            return False
        return self.show_former.isChecked() or not row.is_former(self.context.today())

    def _apply_filter(self) -> None:
        self.proxy.set_record_filter(self._accepts)
        self._update_buttons()

    def _sort_chosen(self) -> None:
        column, order = self.sort_columns[self.sort_choice.currentData()]
        self.table.sortByColumn(column, order)

    def _header_sorted(self, column: int, order: Qt.SortOrder) -> None:
        for key, (sort_column, _order) in self.sort_columns.items():
            if sort_column == column:
                self.sort_choice.blockSignals(True)
                self.sort_choice.setCurrentIndex(self.sort_choice.findData(key))
                self.sort_choice.blockSignals(False)
                return

    def visible_rows(self) -> list[StaffRow]:
        return [self.proxy.record(row) for row in range(self.proxy.rowCount())]

    def selected(self) -> StaffRow | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.proxy.record(index.row())

    def select_staff(self, staff_id: StaffId) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.record(row).staff.id == staff_id:
                widgets.select_row(self.table, row)
                self.table.scrollTo(self.proxy.index(row, 0))
                return True
        return False

    def _update_buttons(self, *_args: object) -> None:
        row = self.selected()
        writable = not self.ward.read_only
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and row is not None)
        former = row is not None and row.staff.active_to is not None
        self.leave_button.setText(_("&Back to work") if former else _("&Leave work…"))
        self.leave_button.setToolTip(
            _("Clear the last working day of the selected person") if former
            else _("Record the last working day of the selected person; their records are kept"))
        self.leave_button.setEnabled(writable and row is not None)
        self.delete_button.setEnabled(writable and row is not None and not row.has_records)
        self.delete_button.setToolTip(
            _("Only someone entered by mistake, with no records, can be deleted")
            if row is None or row.has_records else _("Delete the selected person"))

    # ---- Writing ----

    def _saved(self, staff_id: StaffId | None) -> None:
        self.context.changed.emit(Topic.STAFF)
        if staff_id is not None and not self.select_staff(staff_id):
            self.search.clear()
            self.show_former.setChecked(True)
            self.department_filter.setCurrentIndex(0)
            self.select_staff(staff_id)

    def add_dialog(self) -> StaffDialog:
        dialog = StaffDialog(self.ward, self.context.today(), None, lambda staff: self._saved(staff.id), self)
        dialog.open()
        return dialog

    def edit_dialog(self) -> StaffDialog | None:
        row = self.selected()
        if row is None or self.ward.read_only:
            return None
        dialog = StaffDialog(self.ward, self.context.today(), row.staff, lambda staff: self._saved(staff.id), self)
        dialog.open()
        return dialog

    def _leave_or_return(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.staff.active_to is not None:
            self.return_to_work()
        else:
            self.leave_dialog()

    def leave_dialog(self) -> LeaveDialog | None:
        row = self.selected()
        if row is None or row.staff.id is None or self.ward.read_only:
            return None
        staff_id = row.staff.id

        def leave(last_day: date) -> None:
            staff_admin.deactivate_staff(self.ward, staff_id, last_day)
            self._saved(staff_id)

        dialog = LeaveDialog(row.staff, self.context.today(), leave, self)
        dialog.open()
        return dialog

    def return_to_work(self) -> None:
        row = self.selected()
        if row is None or row.staff.id is None or self.ward.read_only:
            return
        try:
            staff_admin.reactivate_staff(self.ward, row.staff.id)
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return
        self._saved(row.staff.id)

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or row.staff.id is None or self.ward.read_only:
            return
        question = _("Delete {name} ({code}) from the staff list?").format(name=row.staff.full_name,
                                                                          code=row.staff.code)
        try:
            # Someone with records is refused by the service straight away, without asking first.
            if staff_admin.can_delete(self.ward, row.staff.id) and not widgets.confirm(self, question):
                return
            staff_admin.delete_staff(self.ward, row.staff.id)
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return
        self._saved(None)

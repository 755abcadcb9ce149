"""The "Bộ phận" tab: the departments staff belong to, in the order reports list them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.errors import WardOfficeError
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_number
from ward_office.services.ward_settings import (
    DepartmentRow,
    add_department,
    delete_department,
    department_rows,
    move_department,
    rename_department,
)

from ward_office.ui import widgets
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.models import RIGHT, Column, RecordTableModel

DEPARTMENT_COLUMNS: tuple[Column[DepartmentRow], ...] = (
    Column(N_("Department name"), lambda row: row.name),
    Column(N_("Number of staff"), lambda row: format_number(row.staff_count), sort_key=lambda row: row.staff_count,
           alignment=RIGHT, searchable=False),
)


class NameDialog(QDialog):
    """Asks for one name; ``on_accept`` stores it and returns False to keep the dialog open."""

    def __init__(self, parent: QWidget, title: str, label: str, name: str,
                 on_accept: Callable[[str], bool]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.name_edit = QLineEdit(name)
        self.name_edit.selectAll()
        self._on_accept = on_accept
        form = QFormLayout()
        form.addRow(label, self.name_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())

    def accept(self) -> None:
        if self._on_accept(self.name_edit.text()):
            super().accept()


class DepartmentsTab(QWidget):
    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = RecordTableModel(DEPARTMENT_COLUMNS, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setAccessibleName(_("Departments"))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(lambda _index: self.rename_dialog())

        self.add_button = QPushButton(_("&Add…"))
        self.rename_button = QPushButton(_("&Rename…"))
        self.up_button = QPushButton(_("Move &up"))
        self.down_button = QPushButton(_("Move &down"))
        self.delete_button = QPushButton(_("De&lete"))
        self.add_button.clicked.connect(self.add_dialog)
        self.rename_button.clicked.connect(self.rename_dialog)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.delete_button.clicked.connect(self.delete)
        self.up_button.setShortcut("Alt+Up")
        self.down_button.setShortcut("Alt+Down")
        self.up_button.setToolTip(_("Move the department up the list (Alt+Up)"))
        self.down_button.setToolTip(_("Move the department down the list (Alt+Down)"))
        self.delete_button.setToolTip(_("Only a department nobody belongs to can be deleted"))
        buttons = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.up_button, self.down_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def refresh(self, select_id: int | None = None) -> None:
        current = self.current()
        keep = select_id if select_id is not None else (current.id if current else None)
        self.model.set_records(department_rows(self.context.ward))
        rows = self.model.records()
        row = next((number for number, record in enumerate(rows) if record.id == keep), 0 if rows else -1)
        if row >= 0:
            self.select_row(row)
        self._update_buttons()

    def select_row(self, row: int) -> None:
        widgets.select_row(self.view, row)

    def current(self) -> DepartmentRow | None:
        return widgets.selected_record(self.view)

    def _update_buttons(self) -> None:
        current = self.current()
        writable = not self.context.ward.read_only
        row = self.view.selectionModel().selectedRows()[0].row() if current else -1
        self.add_button.setEnabled(writable)
        self.rename_button.setEnabled(writable and current is not None)
        self.up_button.setEnabled(writable and row > 0)
        self.down_button.setEnabled(writable and 0 <= row < self.model.rowCount() - 1)
        self.delete_button.setEnabled(writable and current is not None)

    def _changed(self, select_id: int | None) -> None:
        self.refresh(select_id)
        self.context.changed.emit(Topic.SETTINGS)

    def add_dialog(self) -> NameDialog:
        def store(name: str) -> bool:
            try:
                department = add_department(self.context.ward, name)
            except WardOfficeError as error:
                widgets.show_error(dialog, error)
                return False
            self._changed(department.id)
            return True

        dialog = NameDialog(self, _("New department"), _("&Name of the department:"), "", store)
        dialog.open()
        return dialog

    def rename_dialog(self) -> NameDialog | None:
        current = self.current()
        if current is None or current.id is None:
            return None
        department_id = current.id

        def store(name: str) -> bool:
            try:
                rename_department(self.context.ward, department_id, name)
            except WardOfficeError as error:
                widgets.show_error(dialog, error)
                return False
            self._changed(department_id)
            return True

        dialog = NameDialog(self, _("Rename the department"), _("&New name:"), current.name, store)
        dialog.open()
        return dialog

    def move(self, offset: int) -> None:
        current = self.current()
        if current is None or current.id is None:
            return
        try:
            move_department(self.context.ward, current.id, offset)
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return
        self._changed(current.id)

    def delete(self) -> None:
        current = self.current()
        if current is None or current.id is None:
            return
        if current.staff_count:
            widgets.show_error(self, _("{count} staff member(s) belong to “{name}”; move them to another department "
                                       "on the Staff page first.").format(count=current.staff_count,
                                                                          name=current.name))
            return
        if not widgets.confirm(self, _("Delete the department “{name}”?").format(name=current.name)):
            return
        try:
            delete_department(self.context.ward, current.id)
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return
        self._changed(None)

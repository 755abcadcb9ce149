"""The "Đơn vị" tab: the ward's name, the agency above it, and the people named on every report."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.errors import WardOfficeError
from ward_office.core.unit import Unit
from ward_office.i18n import _
from ward_office.services.ward_settings import HEAD_TITLES, save_unit

from ward_office.ui import widgets
from ward_office.ui.widgets.context import Topic, WardContext


class UnitTab(QWidget):
    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stored: Unit | None = None
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("e.g. Ủy ban nhân dân phường Tân An"))
        self.authority_edit = QLineEdit()
        self.authority_edit.setPlaceholderText(_("usually empty for the ward's own documents"))
        self.address_edit = QLineEdit()
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText(_("e.g. Phường Tân An"))
        self.head_title_edit = QComboBox()
        self.head_title_edit.setEditable(True)
        self.head_title_edit.addItems(HEAD_TITLES)
        self.head_name_edit = QLineEdit()
        self.preparer_edit = QLineEdit()
        self.timesheet_form_edit = QLineEdit()
        self.timesheet_basis_edit = QLineEdit()
        self.timesheet_basis_edit.setToolTip(_("Printed under the form number at the top right of the timesheet. "
                                               "Clear both to print no form line."))

        form = QFormLayout()
        form.addRow(_("&Name of the ward office:"), self.name_edit)
        form.addRow(_("&Superior agency:"), self.authority_edit)
        form.addRow(_("&Address:"), self.address_edit)
        form.addRow(_("&Place name in the dateline:"), self.place_edit)
        form.addRow(_("&Title of the signing head:"), self.head_title_edit)
        form.addRow(_("&Full name of the head:"), self.head_name_edit)
        form.addRow(_("Full name of the &preparer:"), self.preparer_edit)
        form.addRow(_("Timesheet form number:"), self.timesheet_form_edit)
        form.addRow(_("Circular of the timesheet form:"), self.timesheet_basis_edit)
        hint = QLabel(_("The place name opens the dateline of reports (for example “Phường Tân An, ngày 05 tháng 01 "
                        "năm 2026”). In the title, a slash separates its two lines, as in “KT. Chủ tịch / Phó Chủ "
                        "tịch”."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {widgets.MUTED.name()}")

        self.save_button = QPushButton(_("&Save"))
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(_("&Undo changes"))
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.load)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.revert_button)
        row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addStretch(1)
        for edit in self._line_edits():
            edit.textChanged.connect(self._update_buttons)
        self.head_title_edit.currentTextChanged.connect(self._update_buttons)

    def _line_edits(self) -> tuple[QLineEdit, ...]:
        return (self.name_edit, self.authority_edit, self.address_edit, self.place_edit, self.head_name_edit,
                self.preparer_edit, self.timesheet_form_edit, self.timesheet_basis_edit)

    def form_unit(self) -> Unit:
        return Unit(name=self.name_edit.text(), authority=self.authority_edit.text(),
                    address=self.address_edit.text(), place_name=self.place_edit.text(),
                    head_title=self.head_title_edit.currentText(), head_name=self.head_name_edit.text(),
                    preparer_name=self.preparer_edit.text(), timesheet_form=self.timesheet_form_edit.text(),
                    timesheet_basis=self.timesheet_basis_edit.text())

    def is_dirty(self) -> bool:
        return self._stored is not None and self.form_unit() != self._stored

    def refresh(self) -> None:
        if not self.is_dirty():
            self.load()

    def load(self) -> None:
        self._stored = None
        unit = self.context.ward.unit()
        for edit, value in zip(self._line_edits(), (unit.name, unit.authority, unit.address, unit.place_name,
                                                     unit.head_name, unit.preparer_name, unit.timesheet_form,
                                                     unit.timesheet_basis), strict=True):
            edit.setText(value)
            edit.setCursorPosition(0)  # a long text shows its beginning
        self.head_title_edit.setCurrentText(unit.head_title)
        self._stored = unit
        self._update_buttons()

    def _update_buttons(self) -> None:
        dirty = self.is_dirty() and not self.context.ward.read_only
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def save(self) -> bool:
        try:
            save_unit(self.context.ward, self.form_unit())
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return False
        self.load()
        self.context.changed.emit(Topic.SETTINGS)
        return True

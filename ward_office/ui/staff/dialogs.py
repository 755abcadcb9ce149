"""The forms of the staff page: one person's details, the last working day, a new department.

A form never closes on bad input: the service's refusal is shown inside it, on the field it names, so
the clerk corrects the value and nothing is written until everything is right.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.errors import WardOfficeError
from ward_office.core.staff import CATEGORY_LABELS, GENDER_LABELS, Department, Gender, Staff, StaffCategory
from ward_office.core.text_rules import NAME_LIMIT, NOTE_LIMIT
from ward_office.i18n import _
from ward_office.services import staff_admin
from ward_office.services.ward import Ward

from ward_office.ui.widgets import BAD, DateField, date_edit, from_qdate, to_qdate
from ward_office.ui.widgets.counted import CountedField


class _ErrorLabel(QLabel):
    """Where a form says what is wrong, in the warning colour, hidden until needed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("form_error")
        self.setStyleSheet(f"color: {BAD.name()};")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class OptionalDate(QWidget):
    """A date that may be left out: a check box turns the date field on."""

    def __init__(self, label: str, day: date | None, default: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(label)
        self.edit: DateField = date_edit(day or default)
        self.edit.setAccessibleName(label.replace("&", ""))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.setChecked(day is not None)
        self.edit.setEnabled(day is not None)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, day: date | None) -> None:
        self.check.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(to_qdate(day))


class StaffDialog(QDialog):
    """Add a person (``staff`` is None) or correct one; saves through the service on OK."""

    def __init__(self, ward: Ward, today: date, staff: Staff | None, on_saved: Callable[[Staff], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ward = ward
        self._original = staff
        self._on_saved = on_saved
        self.setWindowTitle(_("Add a staff member") if staff is None else _("Edit staff member"))
        self._build_fields(ward, today, staff)
        form = self._build_form()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self._fill_departments(staff.department_id if staff else None)
        self._show_staff(staff, today)
        self.code.setFocus()

    def _build_fields(self, ward: Ward, today: date, staff: Staff | None) -> None:
        self.code = QLineEdit()
        self.full_name = QLineEdit()
        self.gender = QComboBox()
        for gender, label in GENDER_LABELS.items():
            self.gender.addItem(_(label), gender)
        self.position = QComboBox()
        self.position.setEditable(True)
        self.position.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.position.addItems(staff_admin.positions(ward))
        self.position.lineEdit().setPlaceholderText(_("e.g. Chuyên viên"))
        self.category = QComboBox()
        for category, label in CATEGORY_LABELS.items():
            self.category.addItem(_(label), category)
        self.department = QComboBox()
        self.new_department = QPushButton(_("New &department…"))
        self.new_department.setAutoDefault(False)
        self.new_department.clicked.connect(self.open_department_dialog)
        self.badge_number = QLineEdit()
        self.clock_id = QLineEdit()
        self.clock_id.setToolTip(_("The number of this person on the time clock, if the office has one"))
        self.active_from = OptionalDate(_("Fro&m"), staff.active_from if staff else None, today)
        self.active_to = OptionalDate(_("&Until"), staff.active_to if staff else None, today)
        self.active_to.setToolTip(_("Tick and give the last working day when this person leaves"))
        check_width = max(self.active_from.check.sizeHint().width(), self.active_to.check.sizeHint().width())
        for optional in (self.active_from, self.active_to):
            optional.check.setMinimumWidth(check_width)  # the two dates line up
        self.note = QLineEdit()
        self.error = _ErrorLabel()

    def _build_form(self) -> QFormLayout:
        department_row = QHBoxLayout()
        department_row.addWidget(self.department, 1)
        department_row.addWidget(self.new_department)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        rows: list[tuple[str, QWidget | QHBoxLayout]] = [
            (_("Staff &code:"), self.code),
            (_("&Full name:"), CountedField(self.full_name, NAME_LIMIT)),
            (_("&Gender:"), self.gender),
            (_("&Position:"), self.position),
            (_("C&ategory:"), self.category),
            (_("De&partment:"), department_row),
            (_("&Badge number:"), self.badge_number),
            (_("C&lock id:"), self.clock_id),
            (_("Working:"), self.active_from),
            ("", self.active_to),
            (_("&Note:"), CountedField(self.note, NOTE_LIMIT)),
        ]
        self._labels: dict[str, QLabel] = {}
        for text, field in rows:
            label = QLabel(text)
            if isinstance(field, QWidget) and not isinstance(field, OptionalDate):
                label.setBuddy(field)
            elif isinstance(field, QHBoxLayout):
                label.setBuddy(self.department)
            form.addRow(label, field)
        return form

    def _show_staff(self, staff: Staff | None, today: date) -> None:
        """The person's details in the fields, or those of a new person starting today."""
        if staff is not None:
            self.code.setText(staff.code)
            self.full_name.setText(staff.full_name)
            self.gender.setCurrentIndex(self.gender.findData(staff.gender))
            self.position.setCurrentText(staff.position)
            self.category.setCurrentIndex(self.category.findData(staff.category))
            self.badge_number.setText(staff.badge_number)
            self.clock_id.setText(staff.clock_id)
            self.note.setText(staff.note)
        else:
            self.category.setCurrentIndex(self.category.findData(StaffCategory.CONG_CHUC))
            self.position.setCurrentText("")
            self.active_from.set_value(today)

    def _fill_departments(self, selected: int | None) -> None:
        self.department.clear()
        self.department.addItem(_("— choose —"), None)
        for department in self._ward.departments():
            self.department.addItem(department.name, department.id)
        index = self.department.findData(selected) if selected is not None else 0
        self.department.setCurrentIndex(max(index, 0))

    def staff(self) -> Staff:
        """The person as typed (not yet checked)."""
        base = self._original or Staff("", "", Gender.MALE, "", StaffCategory.CONG_CHUC)
        return dataclasses.replace(
            base,
            code=self.code.text(),
            full_name=self.full_name.text(),
            gender=Gender(self.gender.currentData()),
            position=self.position.currentText(),
            category=StaffCategory(self.category.currentData()),
            department_id=self.department.currentData(),
            badge_number=self.badge_number.text(),
            clock_id=self.clock_id.text(),
            active_from=self.active_from.value(),
            active_to=self.active_to.value(),
            note=self.note.text(),
        )

    def save(self) -> None:
        try:
            if self._original is None:
                saved = staff_admin.add_staff(self._ward, self.staff())
            else:
                saved = staff_admin.update_staff(self._ward, self.staff())
        except WardOfficeError as error:
            self.error.show_message(error.localized())
            self._focus(getattr(error, "field", ""))
            return
        self.error.show_message("")
        self.accept()
        self._on_saved(saved)

    def _focus(self, field: str) -> None:
        widget = {"code": self.code, "full_name": self.full_name, "position": self.position,
                  "department_id": self.department, "badge_number": self.badge_number,
                  "clock_id": self.clock_id, "active_from": self.active_from.edit,
                  "active_to": self.active_to.edit}.get(field)
        if widget is not None:
            widget.setFocus()

    def open_department_dialog(self) -> DepartmentDialog:
        dialog = DepartmentDialog(self._ward, self._department_added, self)
        dialog.open()
        return dialog

    def _department_added(self, department: Department) -> None:
        self._fill_departments(department.id)


class DepartmentDialog(QDialog):
    """Add a department (phòng, ban) to the list; renaming belongs to the settings page."""

    def __init__(self, ward: Ward, on_saved: Callable[[Department], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ward = ward
        self._on_saved = on_saved
        self.setWindowTitle(_("New department"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Phòng Văn hóa - Xã hội"))
        self.error = _ErrorLabel()
        form = QFormLayout()
        label = QLabel(_("Department &name:"))
        label.setBuddy(self.name)
        form.addRow(label, self.name)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def save(self) -> None:
        try:
            department = staff_admin.add_department(self._ward, self.name.text())
        except WardOfficeError as error:
            self.error.show_message(error.localized())
            self.name.setFocus()
            return
        self.accept()
        self._on_saved(department)


class LeaveDialog(QDialog):
    """Ask for the last working day of someone leaving; the page records it on OK."""

    def __init__(self, staff: Staff, today: date, on_chosen: Callable[[date], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_chosen = on_chosen
        self.setWindowTitle(_("Leave work"))
        intro = QLabel(_("{name} stops working here after the day below. Their records and past scores are "
                         "kept; they no longer appear in the daily lists.").format(name=staff.full_name))
        intro.setWordWrap(True)
        self.last_day = date_edit(staff.active_to or today)
        self.error = _ErrorLabel()
        form = QFormLayout()
        label = QLabel(_("&Last working day:"))
        label.setBuddy(self.last_day)
        form.addRow(label, self.last_day)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        try:
            self._on_chosen(from_qdate(self.last_day.date()))
        except WardOfficeError as error:
            self.error.show_message(error.localized())
            return
        self.accept()

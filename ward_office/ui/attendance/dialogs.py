"""Small questions the attendance grid asks: how many minutes late or early, which kind of leave."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget

from ward_office.core.attendance import LeaveCode
from ward_office.i18n import _
from ward_office.services.attendance_sheet import MAX_MINUTES

from ward_office.ui.attendance.models import leave_text


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class MinutesDialog(QDialog):
    """Minutes late (or early) for the selected sessions; Enter accepts the suggested value."""

    def __init__(self, title: str, question: str, who: str, minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.spin = QSpinBox()
        self.spin.setRange(1, MAX_MINUTES)
        self.spin.setValue(minutes)
        self.spin.setSuffix(_(" min"))
        self.spin.selectAll()
        layout = QFormLayout(self)
        who_label = QLabel(who)
        who_label.setWordWrap(True)
        layout.addRow(who_label)
        label = QLabel(question)
        label.setBuddy(self.spin)
        layout.addRow(label, self.spin)
        layout.addRow(_buttons(self))

    def minutes(self) -> int:
        return self.spin.value()


class LeaveDialog(QDialog):
    """Any C01-HD leave code, for the codes without a key of their own."""

    def __init__(self, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Leave with a reason"))
        self.combo = QComboBox()
        for code in LeaveCode:
            self.combo.addItem(leave_text(code), code)
        layout = QFormLayout(self)
        who_label = QLabel(who)
        who_label.setWordWrap(True)
        layout.addRow(who_label)
        label = QLabel(_("&Leave type:"))
        label.setBuddy(self.combo)
        layout.addRow(label, self.combo)
        layout.addRow(_buttons(self))

    def leave_code(self) -> LeaveCode:
        return LeaveCode(self.combo.currentData())

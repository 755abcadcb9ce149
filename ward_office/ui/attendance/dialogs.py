"""Small questions the attendance grid asks: how many minutes late or early, which kind of leave."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ward_office.core.attendance import LeaveCode
from ward_office.core.input_rules import minutes_value
from ward_office.core.text_rules import FieldError
from ward_office.i18n import _
from ward_office.services.attendance_sheet import MAX_MINUTES

from ward_office.ui.attendance.models import leave_text
from ward_office.ui.widgets import BAD


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class MinutesDialog(QDialog):
    """Minutes late (or early) for the selected sessions; Enter accepts the suggested value. What is typed is
    checked by ``core.input_rules.minutes_value`` (at most ``most``, the session's length): the dialog says
    what is wrong under the box and stays open, never changing what was typed."""

    def __init__(self, title: str, question: str, who: str, minutes: int, parent: QWidget | None = None, *,
                 most: int = MAX_MINUTES) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.most = most
        self.box = QLineEdit(str(min(minutes, most)))
        self.box.setMaxLength(6)
        self.box.setAccessibleName(_("Minutes"))
        self.box.setToolTip(_("From 1 to {most} minutes (the length of the session)").format(most=most))
        self.box.selectAll()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)
        self.problem.setStyleSheet(f"color: {BAD.name()}")
        self.problem.hide()
        self.box.textEdited.connect(self._check)
        layout = QFormLayout(self)
        who_label = QLabel(who)
        who_label.setWordWrap(True)
        layout.addRow(who_label)
        label = QLabel(question)
        label.setBuddy(self.box)
        unit = QHBoxLayout()
        unit.addWidget(self.box)
        unit.addWidget(QLabel(_("minutes (at most {most})").format(most=most)))
        layout.addRow(label, unit)
        layout.addRow(self.problem)
        layout.addRow(_buttons(self))

    def problem_text(self) -> str:
        try:
            minutes_value(self.box.text(), self.most)
        except FieldError as error:
            return error.localized()
        return ""

    def _check(self) -> None:
        problem = self.problem_text()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.adjustSize()  # room for the message, however many lines it takes

    def accept(self) -> None:
        self._check()
        if self.problem.isVisible():
            self.box.setFocus()
            return
        super().accept()

    def minutes(self) -> int:
        return minutes_value(self.box.text(), self.most)


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

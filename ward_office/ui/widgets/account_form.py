"""The form every account dialog shares (sign in, new account, new password, a backup's head signing its
restore): fields for passwords, and a dialog that keeps itself open with one message when refused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.errors import WardOfficeError
from ward_office.i18n import _
from ward_office.services.accounts import MIN_PASSWORD_LENGTH

from ward_office.ui import widgets


def password_edit(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


def min_length_hint() -> str:
    return _("At least {count} characters, not a common password").format(count=MIN_PASSWORD_LENGTH)


def new_password_edits(name: str = "password") -> tuple[QLineEdit, QLineEdit]:
    """The field for a new password, with the length rule as its hint, and the one to type it again."""
    password = password_edit(min_length_hint())
    password.setObjectName(name)
    repeat = password_edit()
    repeat.setObjectName("repeat")
    return password, repeat


def head_account_edits(form: QFormLayout) -> tuple[QLineEdit, QLineEdit, QLineEdit, QLineEdit]:
    """The fields of the head's account, added to ``form``: user name, full name, new password and again."""
    username = QLineEdit()
    username.setObjectName("username")
    username.setPlaceholderText(_("for example: truong"))
    full_name = QLineEdit()
    full_name.setObjectName("full_name")
    password, repeat = new_password_edits()
    form.addRow(_("&User name:"), username)
    form.addRow(_("&Full name:"), full_name)
    form.addRow(_("&Password:"), password)
    form.addRow(_("&Repeat the password:"), repeat)
    return username, full_name, password, repeat


class AccountFormDialog(QDialog):
    """A form with an error line under it; ``submit`` does the work and raises ``WardOfficeError`` to keep the
    dialog open with the message shown."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        self.form = QFormLayout()
        self.error_label = QLabel()
        self.error_label.setObjectName("sign_in_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {widgets.BAD.name()};")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def finish_layout(self, width_chars: int = 60) -> None:
        self._width_chars = width_chars
        self.intro.setVisible(bool(self.intro.text()))
        width = self.fontMetrics().averageCharWidth() * width_chars
        layout = self.layout()
        height = layout.heightForWidth(width) if layout.hasHeightForWidth() else self.sizeHint().height()
        self.resize(width, max(height, self.minimumSizeHint().height()))

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def show_problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.finish_layout(getattr(self, "_width_chars", 60))  # grown to hold the message, nothing clipped

    def submit(self) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.submit()
        except WardOfficeError as error:
            self.show_problem(error.localized())
            self.after_refusal()
            return
        super().accept()

    def after_refusal(self) -> None:
        """Clear the password fields and put the cursor back in the first one."""
        edits = [edit for edit in self.findChildren(QLineEdit) if edit.echoMode() == QLineEdit.EchoMode.Password]
        for edit in edits:
            edit.clear()
        if edits:
            edits[0].setFocus()

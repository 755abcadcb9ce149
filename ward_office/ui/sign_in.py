"""Signing in: the dialog at start, the head's account on a book's first run, changing one's password, and
the File menu entries for them.

A refused sign-in keeps the dialog open with one message that does not say whether the name or the
password was wrong; the password field is cleared so the next try starts clean, and after a wrong password
the wait before the next try (``services.sign_in_waits``) runs down under it with the button disabled.
Restoring a backup over a damaged book asks a head of the backup to sign (``BackupSignInDialog``).
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.access import Account
from ward_office.core.errors import WardOfficeError
from ward_office.i18n import _
from ward_office.services.accounts import (
    MIN_PASSWORD_LENGTH,
    account_label,
    change_own_password,
    check_repeated_password,
    create_head,
    has_accounts,
    is_demo_book,
    sign_in,
    window_waits,
)
from ward_office.services.command_sign_in import backup_needs_sign_in, sign_in_to_backup
from ward_office.services.ward import Ward

from ward_office.ui import widgets
from ward_office.ui.context import WardContext


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


def signed_in_text(ward: Ward) -> str:
    """For the status bar: who is signed in and as what; empty in a book without accounts."""
    if ward.account is None:
        return ""
    return _("Signed in: {who}").format(who=account_label(ward.account))


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


class SignInDialog(AccountFormDialog):
    """User name and password; on success the account is the ward's (``ward.account``) and ``account`` is set."""

    def __init__(self, ward: Ward, parent: QWidget | None = None, *, username: str = "", intro: str = "") -> None:
        super().__init__(parent, _("Sign in"))
        self.ward = ward
        self.account: Account | None = None
        unit_name = ward.unit().name
        self.intro.setText(intro or "<b>{app}</b>{unit}".format(
            app=_("Office culture record book"), unit=f"<br>{unit_name}" if unit_name else ""))
        self.username_edit = QLineEdit(username)
        self.username_edit.setObjectName("username")
        self.password_edit = password_edit()
        self.password_edit.setObjectName("password")
        self.form.addRow(_("&User name:"), self.username_edit)
        self.form.addRow(_("&Password:"), self.password_edit)
        self.demo_hint = QLabel()
        self.demo_hint.setObjectName("demo_hint")
        self.demo_hint.setWordWrap(True)
        if is_demo_book(ward):
            from ward_office.services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

            (head, _head_name, _role), (clerk, _clerk_name, _clerk_role) = DEMO_ACCOUNTS
            self.demo_hint.setText(_("Demo record book: sign in as “{head}” (head) or “{clerk}” (clerk), password "
                                     "{password}.").format(head=head, clerk=clerk, password=DEMO_PASSWORD))
            self.form.addRow(self.demo_hint)
        self.wait_label = QLabel()
        self.wait_label.setObjectName("sign_in_wait")
        self.wait_label.hide()
        self.layout().insertWidget(self.layout().indexOf(self.buttons), self.wait_label)
        self.wait_timer = QTimer(self)
        self.wait_timer.setInterval(250)
        self.wait_timer.timeout.connect(self.show_wait)
        self.username_edit.textChanged.connect(self.show_wait)
        self.ok_button().setText(_("&Sign in"))
        (self.password_edit if username else self.username_edit).setFocus()
        self.finish_layout(55)

    def submit(self) -> None:
        self.account = sign_in(self.ward, self.username_edit.text(), self.password_edit.text())

    def after_refusal(self) -> None:
        super().after_refusal()
        self.show_wait()

    def show_wait(self) -> None:
        """The wait after wrong passwords for the user name typed: counted down, the button disabled."""
        left = window_waits().seconds_left(self.ward.path, self.username_edit.text())
        self.ok_button().setEnabled(left <= 0)
        if self.wait_label.isVisibleTo(self) != (left > 0):
            self.wait_label.setVisible(left > 0)
            self.finish_layout(getattr(self, "_width_chars", 55))
        if left > 0:
            self.wait_label.setText(_("You can try again in {seconds} s.").format(seconds=math.ceil(left)))
            self.wait_timer.start()
        else:
            self.wait_timer.stop()


class BackupSignInDialog(AccountFormDialog):
    """Restoring a backup over a book that cannot be opened: a head of THE BACKUP signs, with the password
    kept in it, since the damaged book's accounts can be neither read nor trusted. ``actor`` is whom the
    restore is logged under."""

    def __init__(self, backup: Path, book: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Sign in to restore"))
        self.backup, self.book = Path(backup), Path(book)
        self.actor: str | None = None
        self.account: Account | None = None
        self.intro.setText(_("The record book cannot be opened, so its accounts cannot be used. To restore the "
                             "backup {file}, sign in as a head with the account and password kept in that "
                             "backup.").format(file=self.backup.name))
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("username")
        self.password_edit = password_edit()
        self.password_edit.setObjectName("password")
        self.form.addRow(_("&User name:"), self.username_edit)
        self.form.addRow(_("&Password:"), self.password_edit)
        self.ok_button().setText(_("&Sign in and restore"))
        self.username_edit.setFocus()
        self.finish_layout(60)

    def submit(self) -> None:
        account = sign_in_to_backup(self.backup, self.book, self.username_edit.text(), self.password_edit.text(),
                                    waits=window_waits())
        self.account = account
        self.actor = None if account is None else account.full_name or account.username


def backup_signer(backup: Path, book: Path, parent: QWidget | None = None) -> BackupSignInDialog | None:
    """The dialog in which a head of ``backup`` signs its restore over the damaged ``book``; None when the
    backup has no accounts and neither had the book (raises ``SignInError`` when the book had some)."""
    if backup_needs_sign_in(Path(backup)):
        return BackupSignInDialog(backup, book, parent)
    sign_in_to_backup(Path(backup), Path(book), None, "", waits=window_waits())
    return None


class CreateHeadDialog(AccountFormDialog):
    """The first run of a record book: the head's account, signed in at once."""

    def __init__(self, ward: Ward, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Create the head's account"))
        self.ward = ward
        self.account: Account | None = None
        self.intro.setText(_(
            "This record book has no account yet. Create the account of the head (thủ trưởng): the head adopts "
            "emulation plans, locks and unlocks review periods, restores backups and manages accounts. The head "
            "then adds the clerks' accounts in Settings, Accounts."))
        self.username_edit, self.full_name_edit, self.password_edit, self.repeat_edit = head_account_edits(self.form)
        self.ok_button().setText(_("&Create account"))
        self.username_edit.setFocus()
        self.finish_layout(70)

    def submit(self) -> None:
        check_repeated_password(self.password_edit.text(), self.repeat_edit.text())
        self.account = create_head(self.ward, self.username_edit.text(), self.full_name_edit.text(),
                                   self.password_edit.text())


class ChangePasswordDialog(AccountFormDialog):
    def __init__(self, ward: Ward, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Change my password"))
        self.ward = ward
        if ward.account is not None:
            self.intro.setText(_("Account: {who}").format(who=account_label(ward.account)))
        self.old_edit = password_edit()
        self.old_edit.setObjectName("old_password")
        self.new_edit, self.repeat_edit = new_password_edits("new_password")
        self.form.addRow(_("&Current password:"), self.old_edit)
        self.form.addRow(_("&New password:"), self.new_edit)
        self.form.addRow(_("&Repeat the new password:"), self.repeat_edit)
        self.old_edit.setFocus()
        self.finish_layout(55)

    def submit(self) -> None:
        check_repeated_password(self.new_edit.text(), self.repeat_edit.text())
        change_own_password(self.ward, self.old_edit.text(), self.new_edit.text())


# ---- At start ----


def sign_in_at_start(ward: Ward, parent: QWidget | None = None) -> tuple[bool, Account | None]:
    """Before the window, on the book it will show: sign in, or create the head's account in a book that has
    none. Returns whether to go on, and the account (None only for a book without accounts opened to view
    only, where no account can be created). Blocks in the dialog: for ``app.run`` only, never for tests.
    """
    if has_accounts(ward):
        dialog: SignInDialog | CreateHeadDialog = SignInDialog(ward, parent)
    elif ward.read_only:
        return True, None
    else:
        dialog = CreateHeadDialog(ward, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False, None
    return True, dialog.account


# ---- The File menu ----


class AccountActions:
    """"Sign out / switch user" and "Change my password" in the File menu, enabled when someone is signed in."""

    def __init__(self, window: QMainWindow, context: WardContext, menu: QMenu) -> None:
        self.window = window
        self.context = context
        self.switch_action = QAction(_("Sign out / s&witch user…"), window)
        self.switch_action.setObjectName("switch_user")
        self.switch_action.setShortcut(QKeySequence("Ctrl+L"))
        self.switch_action.triggered.connect(self.switch_user)
        self.password_action = QAction(_("C&hange my password…"), window)
        self.password_action.setObjectName("change_password")
        self.password_action.triggered.connect(self.change_password)
        menu.addAction(self.switch_action)
        menu.addAction(self.password_action)
        context.changed.connect(lambda _topic: self.update())
        self.update()

    def update(self) -> None:
        signed_in = self.context.ward.account is not None
        for action in (self.switch_action, self.password_action):
            action.setEnabled(signed_in)
            action.setToolTip("" if signed_in else _("Nobody is signed in: this record book has no accounts"))

    def switch_user(self) -> QDialog | None:
        from ward_office.ui.idle_lock import idle_lock_of

        lock = idle_lock_of(self.window)
        return None if lock is None else lock.lock(switch=True)

    def change_password(self) -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self.context.ward, self.window)
        dialog.accepted.connect(lambda: self.window.statusBar().showMessage(_("Your password has been changed."),
                                                                            10_000))
        dialog.open()
        return dialog

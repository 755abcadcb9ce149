"""Signing in: the dialog at start, changing one's password, and the File menu entries for them.

A refused sign-in keeps the dialog open with one message that does not say whether the name or the
password was wrong; the password field is cleared so the next try starts clean, and after a wrong password
the wait before the next try (``services.sign_in_waits``) runs down under it with the button disabled.
The form these dialogs share is ui/widgets/account_form.py; the head's account on a book's first run is
ui/accounts/dialogs.py, and the head of a backup signing its restore is ui/backups/sign_in.py.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QWidget,
)

from ward_office.core.access import Account
from ward_office.i18n import _
from ward_office.services.accounts import (
    account_label,
    change_own_password,
    check_repeated_password,
    has_accounts,
    is_demo_book,
    sign_in,
    window_waits,
)
from ward_office.services.ward import Ward

from ward_office.ui.accounts.dialogs import CreateHeadDialog
from ward_office.ui.widgets.account_form import AccountFormDialog, new_password_edits, password_edit
from ward_office.ui.widgets.context import WardContext


def signed_in_text(ward: Ward) -> str:
    """For the status bar: who is signed in and as what; empty in a book without accounts."""
    if ward.account is None:
        return ""
    return _("Signed in: {who}").format(who=account_label(ward.account))


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
            from ward_office.services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD  # the demo's makers: only for the demo

            (head, _head_name, _role), (clerk, _clerk_name, _clerk_role) = DEMO_ACCOUNTS
            self.demo_hint.setText(_("Demo record book: sign in as “{head}” (head) or “{clerk}” (clerk), password "
                                     "{password}.").format(head=head, clerk=clerk, password=DEMO_PASSWORD))
            self.form.addRow(self.demo_hint)
        self.wait_label = QLabel()
        self.wait_label.setObjectName("sign_in_wait")
        self.wait_label.setWordWrap(True)  # a long wait in Vietnamese wraps, never cut off
        self.wait_label.hide()
        self.layout().insertWidget(self.layout().indexOf(self.buttons), self.wait_label)
        self.wait_timer = QTimer(self)
        self.wait_timer.setInterval(250)
        self.wait_timer.timeout.connect(self.show_wait)
        self.username_edit.textChanged.connect(self.show_wait)
        for hint in (self.demo_hint, self.wait_label, self.error_label):  # grow to their wrapped text
            hint.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding)
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
        from ward_office.ui.shell.idle_lock import idle_lock_of  # a cycle: idle_lock shows this module's dialog

        lock = idle_lock_of(self.window)
        return None if lock is None else lock.lock(switch=True)

    def change_password(self) -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self.context.ward, self.window)
        dialog.accepted.connect(lambda: self.window.statusBar().showMessage(_("Your password has been changed."),
                                                                            10_000))
        dialog.open()
        return dialog

"""The account dialogs: the head's account on a book's first run, and (from the accounts tab) a new account
and a new password set by the head."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from ward_office.core.access import ROLE_LABELS, Account, Role
from ward_office.i18n import _
from ward_office.services.accounts import add_account, check_repeated_password, create_head, reset_password
from ward_office.services.ward import Ward

from ward_office.ui.widgets.account_form import AccountFormDialog, head_account_edits, new_password_edits
from ward_office.ui.widgets.context import WardContext


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


class NewAccountDialog(AccountFormDialog):
    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Add an account"))
        self.context = context
        self.account: Account | None = None
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("username")
        self.username_edit.setPlaceholderText(_("no spaces, for example: vanthu"))
        self.full_name_edit = QLineEdit()
        self.full_name_edit.setObjectName("full_name")
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("role")
        for role in (Role.CLERK, Role.HEAD):
            self.role_combo.addItem(_(ROLE_LABELS[role]), role)
        self.password_edit, self.repeat_edit = new_password_edits()
        self.form.addRow(_("&User name:"), self.username_edit)
        self.form.addRow(_("&Full name:"), self.full_name_edit)
        self.form.addRow(_("R&ole:"), self.role_combo)
        self.form.addRow(_("&Password:"), self.password_edit)
        self.form.addRow(_("&Repeat the password:"), self.repeat_edit)
        self.intro.setText(_("The clerk records attendance, checks and events. The head also adopts emulation "
                             "plans, locks and unlocks periods, restores backups and manages accounts."))
        self.username_edit.setFocus()
        self.finish_layout(65)

    def submit(self) -> None:
        check_repeated_password(self.password_edit.text(), self.repeat_edit.text())
        self.account = add_account(self.context.ward, self.username_edit.text(), self.full_name_edit.text(),
                                   Role(self.role_combo.currentData()), self.password_edit.text())


class ResetPasswordDialog(AccountFormDialog):
    def __init__(self, context: WardContext, account: Account, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Reset a password"))
        self.context = context
        self.account = account
        self.intro.setText(_("A new password for {name} ({username}). Tell it to them in person; they can change "
                             "it in File, Change my password.").format(name=account.full_name,
                                                                       username=account.username))
        self.password_edit, self.repeat_edit = new_password_edits()
        self.form.addRow(_("&New password:"), self.password_edit)
        self.form.addRow(_("&Repeat the new password:"), self.repeat_edit)
        self.password_edit.setFocus()
        self.finish_layout(60)

    def submit(self) -> None:
        check_repeated_password(self.password_edit.text(), self.repeat_edit.text())
        reset_password(self.context.ward, self.account.id or 0, self.password_edit.text())

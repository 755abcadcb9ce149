"""Restoring a backup over a damaged book: a head of the backup signs, with the password kept in it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QWidget

from ward_office.core.access import Account
from ward_office.i18n import _
from ward_office.services.accounts import window_waits
from ward_office.services.command_sign_in import backup_needs_sign_in, sign_in_to_backup

from ward_office.ui.widgets.account_form import AccountFormDialog, password_edit


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

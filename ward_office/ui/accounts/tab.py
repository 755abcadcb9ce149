"""The "Tài khoản" tab: who may open the record book, for the head to add, reset and deactivate, and how
long the window waits before locking itself on this computer.

A clerk sees the list but every change is disabled, with a tooltip saying only the head may.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.access import ROLE_LABELS, Account, Permission, Role
from ward_office.core.errors import WardOfficeError
from ward_office.i18n import N_, _
from ward_office.services.accounts import (
    account_label,
    has_accounts,
    list_accounts,
    set_active,
)

from ward_office.ui import widgets
from ward_office.ui.accounts.dialogs import CreateHeadDialog, NewAccountDialog, ResetPasswordDialog
from ward_office.ui.accounts.idle_time import MAX_IDLE_MINUTES, idle_minutes, save_idle_minutes
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.models import Column, RecordTableModel


def _status(account: Account) -> str:
    return _("In use") if account.active else _("Deactivated")


ACCOUNT_COLUMNS: tuple[Column[Account], ...] = (
    Column(N_("User name"), lambda account: account.username),
    Column(N_("Full name"), lambda account: account.full_name),
    Column(N_("Role"), lambda account: _(ROLE_LABELS[account.role]),
           sort_key=lambda account: (account.role is not Role.HEAD, account.username.lower())),
    Column(N_("Status"), _status, foreground=lambda account: None if account.active else widgets.MUTED),
)


class AccountsTab(QWidget):
    idle_minutes_changed = Signal(int)

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.note = QLabel()
        self.note.setObjectName("accounts_note")
        self.note.setWordWrap(True)
        self.model = RecordTableModel(ACCOUNT_COLUMNS, self)
        self.view = widgets.record_table(self.model, "accounts", _("Accounts"), on_open=self.reset_dialog)
        self.view.setSortingEnabled(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.add_button = QPushButton(_("&Add an account…"))
        self.reset_button = QPushButton(_("&Reset password…"))
        self.active_button = QPushButton(_("&Deactivate"))
        self.create_head_button = QPushButton(_("&Create the head's account…"))
        self.add_button.clicked.connect(self.add_dialog)
        self.reset_button.clicked.connect(self.reset_dialog)
        self.active_button.clicked.connect(self.toggle_active)
        self.create_head_button.clicked.connect(self.create_head_dialog)
        buttons = QVBoxLayout()
        for button in (self.create_head_button, self.add_button, self.reset_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idle_minutes")
        self.idle_spin.setRange(1, MAX_IDLE_MINUTES)
        self.idle_spin.setSuffix(_(" minutes"))
        self.idle_spin.setValue(idle_minutes())
        self.idle_spin.setAccessibleName(_("Lock the window after this many minutes without use"))
        self.idle_spin.valueChanged.connect(self.set_idle_minutes)
        idle_label = QLabel(_("&Lock the window after"))
        idle_label.setBuddy(self.idle_spin)
        idle_row = QHBoxLayout()
        idle_row.addWidget(idle_label)
        idle_row.addWidget(self.idle_spin)
        idle_row.addWidget(QLabel(_("without keyboard or mouse (on this computer)")), 1)

        table_row = QHBoxLayout()
        table_row.addWidget(self.view, 1)
        table_row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(table_row, 1)
        layout.addLayout(idle_row)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # ---- Reading ----

    def may_manage(self) -> bool:
        account = self.context.ward.account
        return account is None or account.may(Permission.MANAGE_ACCOUNTS)

    def refresh(self, select_id: int | None = None) -> None:
        current = self.current()
        keep = select_id if select_id is not None else (current.id if current else None)
        self.model.set_records(list_accounts(self.context.ward))
        rows = self.model.records()
        row = next((number for number, record in enumerate(rows) if record.id == keep), 0 if rows else -1)
        if row >= 0:
            widgets.select_row(self.view, row)
        self._update_buttons()

    def current(self) -> Account | None:
        return widgets.selected_record(self.view)

    def _update_buttons(self) -> None:
        ward = self.context.ward
        any_account = has_accounts(ward)
        may = self.may_manage() and not ward.read_only
        current = self.current()
        if not any_account:
            self.note.setText(_("This record book has no accounts: anyone who opens it may do everything. Create "
                                "the head's account; from then on the program asks who is signing in."))
        elif ward.account is None:
            self.note.setText(_("Nobody is signed in to this window."))
        elif not may:
            self.note.setText(_("Only the head may add accounts, reset passwords or deactivate accounts. You can "
                                "change your own password in File, Change my password."))
        else:
            self.note.setText(_("Signed in as {who}. The clerk records; the head also adopts plans, locks periods, "
                                "restores backups and manages accounts.").format(
                who=account_label(ward.account)))
        self.create_head_button.setVisible(not any_account)
        self.create_head_button.setEnabled(not ward.read_only)
        self.add_button.setEnabled(may and any_account)
        self.reset_button.setEnabled(may and current is not None)
        self.active_button.setEnabled(may and current is not None)
        self.active_button.setText(_("&Deactivate") if current is None or current.active else _("Re&activate"))
        self.idle_spin.setEnabled(self.may_manage())
        refusal = "" if may or ward.read_only else _("Only the head may manage accounts")
        for widget in (self.add_button, self.reset_button, self.active_button, self.idle_spin):
            widget.setToolTip(refusal)

    # ---- Changing ----

    def _changed(self, select_id: int | None = None) -> None:
        self.refresh(select_id)
        self.context.changed.emit(Topic.SETTINGS)

    def add_dialog(self) -> NewAccountDialog:
        dialog = NewAccountDialog(self.context, self)
        dialog.accepted.connect(lambda: self._changed(dialog.account.id if dialog.account else None))
        dialog.open()
        return dialog

    def reset_dialog(self) -> ResetPasswordDialog | None:
        current = self.current()
        if current is None or not self.may_manage():
            return None
        dialog = ResetPasswordDialog(self.context, current, self)
        dialog.accepted.connect(lambda: widgets.show_info(self, _("The password of {name} has been reset.").format(
            name=current.full_name)))
        dialog.open()
        return dialog

    def toggle_active(self) -> None:
        current = self.current()
        if current is None:
            return
        if current.active and not widgets.confirm(self, _(
                "Deactivate the account of {name}? They will no longer be able to sign in; their records stay.")
                .format(name=current.full_name)):
            return
        try:
            changed = set_active(self.context.ward, current.id or 0, not current.active)
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return
        self._changed(changed.id)

    def create_head_dialog(self) -> CreateHeadDialog:
        dialog = CreateHeadDialog(self.context.ward, self)
        dialog.accepted.connect(lambda: self._changed(dialog.account.id if dialog.account else None))
        dialog.open()
        return dialog

    def set_idle_minutes(self, minutes: int) -> None:
        save_idle_minutes(minutes)
        self.idle_minutes_changed.emit(minutes)  # the window's lock follows (ui/shell/settings_page.py)

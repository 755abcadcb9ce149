"""The settings page the window shows: the ward's settings (ui/settings/) with the tabs of two other
features after them, the locked periods (ui/ranking/) and the accounts (ui/accounts/).

The window wires them here so the features do not import each other; a new idle time chosen on the
accounts tab goes to the window's session lock.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ward_office.i18n import _

from ward_office.ui.accounts.tab import AccountsTab
from ward_office.ui.ranking.locks_tab import LocksTab
from ward_office.ui.settings.page import SettingsTabs
from ward_office.ui.shell.idle_lock import idle_lock_of
from ward_office.ui.widgets.context import WardContext


class SettingsPage(SettingsTabs):
    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.locks_tab = LocksTab(context)  # reloads itself when shown
        self.tabs.addTab(self.locks_tab, _("&Locked periods"))
        self.accounts_tab = AccountsTab(context)
        self.tabs.addTab(self.accounts_tab, _("&Accounts"))
        self.accounts_tab.idle_minutes_changed.connect(self._apply_idle_minutes)

    def refresh(self) -> None:
        super().refresh()
        self.accounts_tab.refresh()

    def _apply_idle_minutes(self, minutes: int) -> None:
        lock = idle_lock_of(self.window())
        if lock is not None:
            lock.set_minutes(minutes)

"""The session lock: after some minutes without keyboard or mouse the window is covered and asks the
signed-in person's password, so records are not changed under their name by whoever passes the desk.

The same cover serves "Sign out / switch user", and a book opened from the File menu that has its own
accounts: the window is usable again only once someone has signed in to the book it shows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMainWindow, QPushButton, QWidget

from ward_office.core.access import Account
from ward_office.i18n import _
from ward_office.services.accounts import has_accounts
from ward_office.services.ward import Ward

from ward_office.ui.accounts.idle_time import idle_minutes
from ward_office.ui.shell.sign_in import SignInDialog
from ward_office.ui.widgets.context import Topic, WardContext

_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
})


class LockDialog(SignInDialog):
    """Sign in again to unlock; it cannot be dismissed, only answered or the program quit."""

    def __init__(self, ward: Ward, parent: QWidget, *, account: Account | None, intro: str) -> None:
        super().__init__(ward, parent, username=account.username if account else "", intro=intro)
        self.setObjectName("lock_dialog")
        self.setWindowTitle(_("Record book locked"))
        self.username_edit.setReadOnly(account is not None)
        self.buttons.removeButton(self.buttons.button(QDialogButtonBox.StandardButton.Cancel))
        self.ok_button().setText(_("&Unlock") if account is not None else _("&Sign in"))
        self.other_button = QPushButton(_("Sign in as &someone else"))
        self.other_button.setObjectName("other_user")
        self.other_button.clicked.connect(self.sign_in_as_someone_else)
        self.quit_button = QPushButton(_("&Quit the program"))
        self.quit_button.setObjectName("quit")
        self.buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.other_button.setVisible(account is not None)  # after addButton, which shows it
        self.finish_layout(60)

    def sign_in_as_someone_else(self) -> None:
        self.username_edit.setReadOnly(False)
        self.username_edit.clear()
        self.password_edit.clear()
        self.username_edit.setFocus()
        self.other_button.hide()
        self.ok_button().setText(_("&Sign in"))

    def reject(self) -> None:
        """Escape and the close button do nothing: the book stays locked."""


class IdleLock(QObject):
    """Watches the application's input and locks ``window`` after ``minutes`` without any."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QMainWindow, context: WardContext, minutes: int | None = None) -> None:
        super().__init__(window)
        self.setObjectName("idle_lock")
        self.window = window
        self.context = context
        self.dialog: LockDialog | None = None
        self._cover: QLabel | None = None
        self._account = context.ward.account
        self._path = context.ward.path
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.lock)
        self.set_minutes(minutes if minutes is not None else idle_minutes())
        QApplication.instance().installEventFilter(self)
        context.changed.connect(self._on_changed)

    @property
    def minutes(self) -> float:
        return self._timer.interval() / 60_000

    def set_minutes(self, minutes: float) -> None:
        self._timer.setInterval(max(1, round(minutes * 60_000)))
        if not self.is_locked:
            self._timer.start()

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in _INPUT_EVENTS and not self.is_locked:
            self._timer.start()
        elif watched is self.window and kind == QEvent.Type.Resize and self._cover is not None:
            self._cover.setGeometry(self.window.rect())
        return False

    def lock(self, *, switch: bool = False, intro: str = "") -> LockDialog | None:
        """Cover the window and ask for a password; ``switch`` asks for any account (signing out)."""
        ward = self.context.ward
        if self.is_locked or ward.account is None or not self.window.isVisible():  # not visible: closed
            return self.dialog
        self._timer.stop()
        self._cover_window()
        account = None if switch else ward.account
        if not intro:
            if switch:
                self.window.statusBar().clearMessage()  # not left for whoever signs in next
                intro = _("{name} has signed out. Sign in to go on.").format(
                    name=ward.account.full_name or ward.account.username)
            else:
                intro = _("The record book was locked after {minutes} minutes without use. {name}, type your "
                          "password to go on, or sign in as someone else.").format(
                    minutes=round(self.minutes), name=ward.account.full_name or ward.account.username)
        return self._ask(ward, account, intro)

    def _ask(self, ward: Ward, account: Account | None, intro: str) -> LockDialog:
        dialog = LockDialog(ward, self.window, account=account, intro=intro)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.accepted.connect(self._unlocked)
        dialog.quit_button.clicked.connect(self._quit)
        self.dialog = dialog
        self.locked.emit()
        dialog.open()
        return dialog

    def _cover_window(self) -> None:
        unit_name = self.context.ward.unit().name
        cover = QLabel(f"{unit_name}\n\n{_('The record book is locked')}" if unit_name else
                       _("The record book is locked"), self.window)
        cover.setObjectName("lock_cover")
        cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = cover.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        cover.setFont(font)
        cover.setAutoFillBackground(True)
        cover.setGeometry(self.window.rect())
        cover.raise_()
        cover.show()
        self._cover = cover

    def _unlocked(self) -> None:
        changed_person = self._account is None or self.context.ward.account != self._account
        self._account = self.context.ward.account
        self._path = self.context.ward.path
        if self._cover is not None:
            self._cover.hide()
            self._cover.deleteLater()
            self._cover = None
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        self._timer.start()
        self.unlocked.emit()
        if changed_person:
            self.window.statusBar().clearMessage()  # the last one's "password changed", "backup made"…
            self.context.changed.emit(Topic.SETTINGS)  # the title, the status bar and the head-only tabs

    def _quit(self) -> None:
        if self.dialog is not None:
            self.dialog.done(0)
        self.window.close()

    def _on_changed(self, topic: str) -> None:
        """Another book (or the same one again) was opened from the File menu, without anyone signed in."""
        if topic != Topic.ALL:
            return
        ward = self.context.ward
        if ward.account is not None or not has_accounts(ward):
            return
        same = self._account is not None and ward.path == self._path
        account = ward.store.accounts.get_by_username(self._account.username) if same and self._account else None
        if account is not None and account.active:
            ward.account, ward.actor = account, account.full_name or account.username
            self.context.changed.emit(Topic.SETTINGS)  # the status bar names who is signed in
            return
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.done(0)
            self.dialog = None
        if self._cover is None:
            self._cover_window()
        self._ask(ward, None, _("This record book has its own accounts. Sign in to it to go on."))


def idle_lock_of(window: QWidget) -> IdleLock | None:
    return window.findChild(IdleLock, "idle_lock")

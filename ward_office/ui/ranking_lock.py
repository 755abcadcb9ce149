"""Locking (khóa sổ) from the ranking page: a bar over the ranking that says whether the period shown is
locked, and the head's buttons to lock it or unlock it with a reason.

The lock is taken on a worker thread (scoring the period to keep its ranking can take a moment), on its own
connection to the file; the services refuse whoever may not do it, and the refusal is shown as it comes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.access import Permission
from ward_office.core.errors import WardOfficeError
from ward_office.core.period import Period
from ward_office.i18n import _
from ward_office.i18n.formatting import format_date, format_time, period_label
from ward_office.services.period_locks import PeriodLock, lock_period, period_lock, unlock_period
from ward_office.services.ward import Ward

from ward_office.ui import widgets
from ward_office.ui.context import Topic, WardContext
from ward_office.ui.jobs import Job, run_in_background

LOCKED_STYLE = ("QLabel { background: #e8f0fe; color: #174ea6; border: 1px solid #a8c7fa; padding: 6px;"
                " font-weight: bold; }")
OPEN_STYLE = f"QLabel {{ color: {widgets.MUTED.name()}; padding: 6px; }}"
# Locking freezes these records, so every page showing them reloads (and shows them read-only).
LOCK_TOPICS = (Topic.ATTENDANCE, Topic.EVENTS, Topic.CHECKS)


def lock_banner_text(lock: PeriodLock) -> str:
    when = format_date(lock.locked_at.date())
    if lock.kept_at is None:
        return _("Locked on {day} by {name}; no ranking was kept when it was locked, so the results below are "
                 "calculated from the records now.").format(day=when, name=lock.locked_by)
    return _("Locked on {day} by {name}; the results below are the results at the time of locking.").format(
        day=when, name=lock.locked_by)


def lock_question(period: Period) -> str:
    return _("Lock {period}?\n\nOnce it is locked, nobody can change the attendance, check rounds, violations or "
             "commendations of this period. The ranking as it stands now is kept: a later change to the "
             "emulation plan will not change it. Only the head can unlock it, and must say why.").format(
        period=period_label(period))


class UnlockDialog(QDialog):
    """Asks why a period is unlocked; ``on_accept(reason)`` returns False to keep the dialog open."""

    def __init__(self, parent: QWidget, lock: PeriodLock, on_accept: Callable[[str], bool]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Unlock a period"))
        self._on_accept = on_accept
        intro = QLabel(_("{period} was locked on {day} at {time} by {name}. Once unlocked, its records can be "
                         "changed again and its ranking is calculated afresh; the ranking kept at locking stays "
                         "in the record book.").format(
            period=period_label(lock.period), day=format_date(lock.locked_at.date()),
            time=format_time(lock.locked_at), name=lock.locked_by))
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("unlock_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(_("e.g. Bổ sung đơn nghỉ phép nộp muộn của đồng chí …"))
        self.reason.setAccessibleName(_("Reason for unlocking"))
        self.reason.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        reason_label = QLabel(_("&Reason (kept in the change log):"))
        reason_label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Unlock"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason, 1)
        layout.addWidget(self.buttons)
        self._update_ok()
        width = self.fontMetrics().averageCharWidth() * 72
        self.resize(width, max(self.sizeHint().height(), layout.totalHeightForWidth(width)))  # the intro wraps

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason.toPlainText().strip()))

    def _accept(self) -> None:
        if self._on_accept(self.reason.toPlainText().strip()):
            self.accept()


def _lock_in_background(ward: Ward, period: Period, today: date) -> Callable[[], PeriodLock]:
    path, actor, account = ward.path, ward.actor, ward.account

    def work() -> PeriodLock:
        with Ward.open(path, actor=actor) as own:
            own.account = account
            return lock_period(own, period, today)

    return work


class LockBar(QWidget):
    """The lock state of the period shown, with "Lock period…" or "Unlock…"."""

    def __init__(self, context: WardContext, period: Callable[[], Period], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._period = period
        self.lock: PeriodLock | None = None
        self._job: Job | None = None
        self.banner = QLabel()
        self.banner.setObjectName("ranking_locked")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lock_button = QPushButton(_("&Lock period…"))
        self.lock_button.setObjectName("ranking_lock")
        self.lock_button.clicked.connect(self.ask_lock)
        self.unlock_button = QPushButton(_("U&nlock…"))
        self.unlock_button.setObjectName("ranking_unlock")
        self.unlock_button.clicked.connect(self.unlock_dialog)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner, 1)
        layout.addStretch(0)
        layout.addWidget(self.lock_button)
        layout.addWidget(self.unlock_button)

    @property
    def ward(self) -> Ward:
        return self.context.ward

    def show_period(self) -> None:
        """Show the lock state of the page's period as the ward has it now."""
        period = self._period()
        self.lock = period_lock(self.ward, period)
        locked = self.lock is not None
        over = period.end < self.context.today()
        if self.lock is not None:
            self.banner.setText(lock_banner_text(self.lock))
        elif over:
            self.banner.setText(_("Not locked: the records of this period can still be changed, and its ranking "
                                  "follows them."))
        else:
            self.banner.setText(_("Not over yet: it can be locked from {day}.").format(
                day=format_date(period.end + timedelta(days=1))))
        self.banner.setStyleSheet(LOCKED_STYLE if locked else OPEN_STYLE)
        self.unlock_button.setVisible(locked)
        self.lock_button.setVisible(not locked)
        self.lock_button.setEnabled(over and not self.is_locking)
        self.lock_button.setToolTip(
            _("Lock {period}: its records can no longer change and its ranking is kept.").format(
                period=period_label(period)) if over else
            _("A period can be locked once it is over, from the day after its last day."))

    @property
    def is_locking(self) -> bool:
        return self._job is not None and self._job.running

    # ---- Lock ----

    def ask_lock(self) -> None:
        period = self._period()
        if not self._may(Permission.LOCK_PERIOD, _("Cannot lock the period")):
            return
        if not widgets.confirm(self, lock_question(period), _("Lock period")):
            return
        self.lock_button.setEnabled(False)
        self._job = run_in_background(
            self, _("Locking {period} and keeping its ranking…").format(period=period_label(period)),
            _lock_in_background(self.ward, period, self.context.today()), self._locked, self._lock_failed)

    def _locked(self, _lock: PeriodLock) -> None:
        self._job = None
        self._announce()

    def _lock_failed(self, error: BaseException) -> None:
        self._job = None
        self.show_period()
        widgets.show_error(self, error, _("Cannot lock the period"))

    # ---- Unlock ----

    def unlock_dialog(self) -> UnlockDialog | None:
        """Open the dialog asking why (the ranking page's "Unlock…"); returns it, already open."""
        return open_unlock_dialog(self, self.context, self._period())

    def _may(self, permission: Permission, title: str) -> bool:
        return may(self, self.ward, permission, title)

    def _announce(self) -> None:
        announce(self.context)
        self.show_period()


def may(parent: QWidget, ward: Ward, permission: Permission, title: str) -> bool:
    """Tell at once whoever may not do this, before asking them anything (the services check again)."""
    try:
        ward.require(permission)
    except WardOfficeError as error:
        widgets.show_error(parent, error, title)
        return False
    return True


def announce(context: WardContext) -> None:
    """Every page showing records of the period reloads: they are now read-only, or editable again."""
    for topic in LOCK_TOPICS:
        context.changed.emit(topic)


def open_unlock_dialog(parent: QWidget, context: WardContext, period: Period) -> UnlockDialog | None:
    """Ask the head why ``period`` is unlocked, and unlock it; the dialog is returned already open (None when
    the period is not locked or whoever is signed in may not unlock it)."""
    lock = period_lock(context.ward, period)
    title = _("Cannot unlock the period")
    if lock is None or not may(parent, context.ward, Permission.UNLOCK_PERIOD, title):
        return None

    def unlock(reason: str) -> bool:
        try:
            unlock_period(context.ward, period, reason)
        except WardOfficeError as error:
            widgets.show_error(dialog, error, title)
            return False
        announce(context)
        return True

    dialog = UnlockDialog(parent, lock, unlock)
    dialog.open()
    return dialog

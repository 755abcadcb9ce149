"""Backups in the window: "Back up now…" and "Restore from a backup…" in the File menu, the daily backup
made quietly after the window is up, and the dialog shown when a book turns out to be damaged.

A damaged book is never opened for writing; the dialog says so in plain words and offers the newest good
backup or another file. Every dialog is shown without blocking (tests drive them) except at start-up,
before any window exists. The dialogs that choose a folder or a backup file are in file_dialogs.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.access import Account, Permission
from ward_office.core.errors import WardOfficeError
from ward_office.i18n import _
from ward_office.services import backups
from ward_office.services.accounts import continue_as
from ward_office.services.backups import BackupReason, DamagedDatabaseError
from ward_office.services.book_check import open_checked_ward
from ward_office.services.ward import Ward, in_own_ward

from ward_office.ui.backups.file_dialogs import BOOK_FILTER, BackupNowDialog, RestoreDialog
from ward_office.ui.backups.sign_in import backup_signer
from ward_office.ui.widgets import (
    confirm,
    error_text,
    show_error,
    show_info,
)
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.jobs import Job, run_in_background

# The daily backup waits this long after the window is shown, so it never competes with the first paint.
AUTOMATIC_BACKUP_DELAY_MS = 3000


# ---- The File menu ----


class BackupActions:
    """The two backup entries of the File menu, and the daily backup of each book the window opens."""

    def __init__(self, window: QMainWindow, context: WardContext, menu: QMenu) -> None:
        self.window = window
        self.context = context
        self.dialog: QDialog | None = None
        self.backup_action = QAction(_("&Back up now…"), window)
        self.backup_action.setObjectName("back_up_now")
        self.backup_action.triggered.connect(self.back_up_dialog)
        self.restore_action = QAction(_("&Restore from a backup…"), window)
        self.restore_action.setObjectName("restore_backup")
        self.restore_action.triggered.connect(self.restore_dialog)
        menu.addAction(self.backup_action)
        menu.addAction(self.restore_action)
        context.changed.connect(self._on_changed)
        self._update()

    def _on_changed(self, topic: str) -> None:
        self._update()
        if topic == Topic.ALL:
            self.start_automatic_backup(delay_ms=AUTOMATIC_BACKUP_DELAY_MS)

    def _update(self) -> None:
        ward = self.context.ward
        self.restore_action.setEnabled(not ward.read_only and (ward.account is None
                                                               or ward.account.may(Permission.RESTORE_BACKUP)))

    # ---- Back up now ----

    def back_up_dialog(self) -> BackupNowDialog:
        dialog = BackupNowDialog(self.context.ward.path, self.window)
        dialog.accepted.connect(lambda: self.back_up(dialog.folder()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def back_up(self, folder: Path | None, on_done: Callable[[Any], None] | None = None) -> Job:
        path = self.context.ward.path

        def done(made: backups.BackupFile) -> None:
            show_info(self.window, _("The record book was backed up to:\n{path}").format(path=made.path))
            if on_done is not None:
                on_done(made)

        return run_in_background(self.window, _("Backing up the record book…"),
                                 lambda: backups.back_up_now(path, folder), done,
                                 lambda error: show_error(self.window, error))

    # ---- Restore ----

    def restore_dialog(self) -> RestoreDialog | None:
        try:
            self.context.ward.require(Permission.RESTORE_BACKUP)
        except WardOfficeError as error:
            show_error(self.window, error)
            return None
        dialog = RestoreDialog(self.context.ward.path, self.window)
        dialog.accepted.connect(lambda: self.restore(dialog.chosen()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def restore(self, file: Path | None) -> Job | None:
        """Ask, then put ``file`` into the book in the background and reopen the book."""
        if file is None:
            return None
        ward = self.context.ward
        question = _("Replace everything in the record book with the backup {file}?\n\nThe current content is "
                     "kept as a backup first, so this can be undone by restoring that one.").format(file=file.name)
        if not confirm(self.window, question, _("Restore from a backup")):
            return None
        try:
            ward.require(Permission.RESTORE_BACKUP)
        except WardOfficeError as error:
            show_error(self.window, error)
            return None
        path, actor, account = ward.path, ward.actor, ward.account

        def done(summary: backups.RestoreSummary) -> None:
            reopen_book(self.window, self.context, path, actor, account)
            show_info(self.window, summary.localized(), _("Restore from a backup"))

        def failed(error: BaseException) -> None:
            if isinstance(error, backups.TamperedBackupError) and self.accept_tampered(error):
                self.restore_job = run_in_background(
                    self.window, _("Restoring the backup…"),
                    lambda: in_own_ward(path, lambda ward: backups.restore_backup(ward, file, accept_tampered=True),
                                        account=account, actor=actor), done,
                    lambda error: show_error(self.window, error))
                return
            show_error(self.window, error)

        return run_in_background(self.window, _("Restoring the backup…"),
                                 lambda: in_own_ward(path, lambda ward: backups.restore_backup(ward, file),
                                                     account=account, actor=actor), done, failed)

    def accept_tampered(self, error: backups.TamperedBackupError) -> bool:
        """The head's confirmation, naming what was found, before a backup changed outside the program is
        restored (the restore's change-log line keeps what was accepted)."""
        question = _("{refusal}\n\n{found}\n\nRestore this backup anyway? Only do so if you know who changed it "
                     "and why.").format(refusal=_("The backup {file} was changed outside the program.").format(
                         file=error.file.name), found=error.report.summary())
        return confirm(self.window, question, _("Restore a backup changed outside the program"))

    # ---- Daily ----

    def start_automatic_backup(self, delay_ms: int = 0) -> None:
        """The day's backup of the open book, if none was made today, off the GUI thread and silently."""
        QTimer.singleShot(delay_ms, self.window, self._run_automatic_backup)

    def _run_automatic_backup(self) -> Job:
        path = self.context.ward.path
        job = Job(lambda: backups.automatic_backup(path, BackupReason.DAILY), self.window)
        job.done.connect(self._automatic_backup_done)
        job.failed.connect(lambda error: self.window.statusBar().showMessage(
            _("The daily backup could not be made: {reason}").format(reason=error_text(error)), 15_000))
        job.start()
        self.automatic_job = job
        return job

    def _automatic_backup_done(self, made: backups.BackupFile | None) -> None:
        if made is not None:
            self.window.statusBar().showMessage(_("Today's backup was made: {file}").format(file=made.path.name),
                                                10_000)


def reopen_book(window: QWidget, context: WardContext, path: Path, actor: str, account: Any) -> None:
    """Open ``path`` again after its content changed under the window, keeping who is signed in if the book
    still knows them."""
    try:
        ward = open_checked_ward(path, actor=actor)
    except Exception as error:  # shown to the user, whatever it is
        show_error(window, error)
        return
    if account is not None:
        try:
            continue_as(ward, account)
        except WardOfficeError:
            pass  # the restored book does not know this account: it opens as a book nobody signed in to
    context.replace_ward(ward)


# ---- Dialogs ----


class DamagedBookDialog(QDialog):
    """A damaged book: what is wrong, and the way out (the newest good backup, or another file)."""

    RESTORE = "restore"
    OPEN_OTHER = "open_other"

    def __init__(self, error: DamagedDatabaseError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.choice: str | None = None
        self.setWindowTitle(_("The record book is damaged"))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addWidget(icon)
        text = QLabel(backups.damage_report(error))
        text.setObjectName("damage_report")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(text, 1)
        layout.addLayout(top)
        details = QLabel(_("Technical details: {problem}").format(problem=error.problems[0] if error.problems
                                                                  else ""))
        details.setWordWrap(True)
        details.setStyleSheet("color: #5f6368;")
        details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(details)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = None
        if error.backup is not None:
            self.restore_button = self.buttons.addButton(_("&Restore the newest good backup"),
                                                         QDialogButtonBox.ButtonRole.AcceptRole)
            self.restore_button.clicked.connect(lambda: self._finish(self.RESTORE))
            self.restore_button.setDefault(True)
        self.open_button = self.buttons.addButton(_("&Open another file…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(lambda: self._finish(self.OPEN_OTHER))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def offer_recovery(window: Any, error: BaseException) -> DamagedBookDialog | None:
    """When opening another book failed because it is damaged: the damaged-book dialog, not blocking.

    Returns None for any other error (the caller shows it)."""
    if not isinstance(error, DamagedDatabaseError):
        return None
    dialog = DamagedBookDialog(error, window)

    def chosen() -> None:
        if dialog.choice == DamagedBookDialog.RESTORE and error.backup is not None:
            def restore(account: Account | None) -> None:
                try:
                    backups.restore_unopenable_book(Path(error.path), error.backup.path, account)
                except WardOfficeError as failure:
                    show_error(window, failure)
                    return
                window.open_database(Path(error.path))

            try:  # a head of the backup signs the restore
                signer = backup_signer(error.backup.path, Path(error.path), window)
            except WardOfficeError as failure:
                show_error(window, failure)
                return
            if signer is None:
                restore(None)
                return
            signer.accepted.connect(lambda: restore(signer.account))
            window.backup_dialog = signer
            signer.open()
        elif dialog.choice == DamagedBookDialog.OPEN_OTHER:
            window.choose_database()

    dialog.accepted.connect(chosen)
    window.backup_dialog = dialog
    dialog.open()
    return dialog


def open_book_at_start(path: Path, parent: QWidget | None = None) -> Ward | None:
    """Before the window, at start-up only (it blocks): the book opened once, for the whole session; when it
    is damaged, the damaged-book dialog first (restore, or open another file). None when the user gives up."""
    while True:
        try:
            return open_checked_ward(path)
        except DamagedDatabaseError as error:
            dialog = DamagedBookDialog(error, parent)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            if dialog.choice == DamagedBookDialog.RESTORE and error.backup is not None:
                try:  # a head of the backup signs the restore
                    signer = backup_signer(error.backup.path, path, parent)
                    if signer is None or signer.exec() == QDialog.DialogCode.Accepted:
                        backups.restore_unopenable_book(path, error.backup.path, signer.account if signer else None)
                except WardOfficeError as failure:
                    show_error(parent, failure)
            elif dialog.choice == DamagedBookDialog.OPEN_OTHER:
                chosen, _filter = QFileDialog.getOpenFileName(parent, _("Open a record book"), str(path.parent),
                                                              _(BOOK_FILTER))
                if chosen:
                    path = Path(chosen)
        except WardOfficeError as error:  # not a record book, or written by a newer version
            show_error(parent, error)
            return None

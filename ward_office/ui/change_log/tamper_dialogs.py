"""The head's acceptance of a record book changed outside the program, from the window's red strip.

The program cannot tell a careless edit from a correction the ward agreed to; the head can, once the book
has been compared with a backup or the paper records. The dialog shows what the check found and asks why
the book may be used again; the acceptance then goes into the change log (services/book_check.py) and the
book is opened again for writing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.access import Permission
from ward_office.i18n import _
from ward_office.services.book_check import AcceptedFindings, accept_findings
from ward_office.services.ward import Ward
from ward_office.storage.tamper import TamperReport

from ward_office.ui.widgets import show_error
from ward_office.ui.widgets.context import WardContext
from ward_office.ui.widgets.jobs import run_in_background

# How the book is opened again for writing: ui/backups/dialogs.py reopen_book, passed in by the window.
ReopenBook = Callable[[QWidget, WardContext, Path, str, Any], None]


def may_accept(ward: Ward) -> bool:
    """Whether the one signed in may put the book back into use (the head; anyone in a book without accounts)."""
    return ward.account is None or ward.account.may(Permission.ACCEPT_FINDINGS)


class AcceptFindingsDialog(QDialog):
    """What was found, what accepting means, and the reason; OK only once a reason is given."""

    def __init__(self, report: TamperReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accept_findings_dialog")
        self.setWindowTitle(_("Confirm the comparison"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        layout = QVBoxLayout(self)
        found = QLabel(_("The check found these changes made outside the program:"))
        found.setWordWrap(True)
        layout.addWidget(found)
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        self.findings.addItems(report.lines())
        if report.since_line is not None:
            self.findings.addItem(_("Changes recorded from change log line {line} on cannot be trusted.").format(
                line=report.since_line))
        self.findings.setMaximumHeight(self.fontMetrics().lineSpacing() * 8)
        layout.addWidget(self.findings)
        meaning = QLabel(_("Confirm only once you have compared the record book with a backup or the paper "
                           "records and know who made these changes and why. The program then makes its "
                           "safeguards again and writes your name, the reason and what was accepted in the "
                           "change log; the record book can be used again, and any change made outside the "
                           "program after this is found again."))
        meaning.setWordWrap(True)
        layout.addWidget(meaning)
        reason_label = QLabel(_("&Reason (what the record book was compared with):"))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(_("e.g. compared with the backup of 01/07/2026: the changes to May's "
                                              "attendance follow the approved leave requests"))
        self.reason_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        reason_label.setBuddy(self.reason_edit)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button().setText(_("Confirm and use the record book again"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(self._update_ok)
        self._update_ok()

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def _update_ok(self) -> None:
        self.ok_button().setEnabled(bool(self.reason()))


def ask_to_accept(window: QMainWindow, context: WardContext, report: TamperReport,
                  reopen_book: ReopenBook) -> AcceptFindingsDialog:
    """Open the dialog (not blocking, returned for tests); on OK accept in the background, then open the
    book again for writing as the same account (``reopen_book``, which the window passes) and say so in the
    status bar."""
    dialog = AcceptFindingsDialog(report, window)

    def accepted() -> None:
        ward = context.ward
        path, actor, account, reason = ward.path, ward.actor, ward.account, dialog.reason()

        def done(result: AcceptedFindings) -> None:
            reopen_book(window, context, path, actor, account)
            window.statusBar().showMessage(result.localized(), 20_000)

        run_in_background(window, _("Writing the confirmation…"), lambda: accept_findings(path, account, reason),
                          done, lambda error: show_error(window, error))

    dialog.accepted.connect(accepted)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog

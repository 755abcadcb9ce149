"""The strip across the top of the window when the record book is open to view only.

A second copy of the program (on this computer or another one sharing the folder) may not write: the
clerk must see at once why the grid does not take marks, who has the book open, and be able to try
again once the other copy is closed. A book that shows changes made outside the program opens to view
only too, under a red strip saying what was found; there the head, having compared the book with a backup,
can put it back into use (ui/change_log/tamper_dialogs.py), and the clerk is told to ask the head.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ward_office.i18n import _
from ward_office.services.book_check import TamperedBookError
from ward_office.services.ward import Ward
from ward_office.storage.tamper import TamperReport

from ward_office.ui.backups.dialogs import reopen_book
from ward_office.ui.change_log.tamper_dialogs import ask_to_accept, may_accept


def tampering_found(ward: Ward) -> TamperReport | None:
    """What the check found when the book was opened to view only because it was changed outside the program."""
    reason = ward.store.read_only_reason if ward.read_only else None
    return reason.report if isinstance(reason, TamperedBookError) else None


def view_only_text(ward: Ward) -> str:
    """What the banner says for ``ward``; empty when the book is writable."""
    if not ward.read_only:
        return ""
    report = tampering_found(ward)
    if report is not None:
        text = _("View only: {summary} Make no decision from it until the head has checked it against a "
                 "backup; changes cannot be saved.").format(summary=report.summary())
        if not may_accept(ward):
            text += " " + _("Ask the head to sign in, compare it with a backup and confirm, so that it can be "
                            "used again.")
        return text
    reason = ward.read_only_reason
    if reason is None:
        return _("View only: this record book was opened for reading; changes cannot be saved.")
    return _("View only: {reason}. You can look at the records, but changes cannot be saved.").format(
        reason=reason.rstrip("."))


class ReadOnlyBanner(QFrame):
    """Hidden while the book is writable; otherwise the reason and a button to try writing again."""

    def __init__(self, retry: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("read_only_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._style(tampered=False)
        self.label = QLabel()
        self.label.setObjectName("read_only_reason")
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.retry_button = QPushButton(_("&Try to open for writing"))
        self.retry_button.setToolTip(_("Open the record book again for writing, once the other copy of the "
                                       "program has been closed"))
        self.retry_button.clicked.connect(retry)
        self.accept_button = QPushButton(_("Confirm the &comparison…"))
        self.accept_button.setToolTip(_("For the head: having compared the record book with a backup, accept "
                                        "what was found and use the record book again"))
        self.accept_button.clicked.connect(self._accept)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.accept_button)
        self._report: TamperReport | None = None
        self.hide()

    def _style(self, *, tampered: bool) -> None:
        # Colours of a warning (red: the book was tampered with) that stay readable in light and dark themes.
        background, border, text = ("#fde7e9", "#c50f1f", "#5c0b12") if tampered else ("#fff4ce", "#c19c00",
                                                                                         "#3d2e00")
        self.setProperty("tampered", tampered)
        self.setStyleSheet(f"#read_only_banner {{ background: {background}; border: 1px solid {border};"
                           f" border-radius: 4px; }} #read_only_banner QLabel {{ color: {text}; }}")

    def show_for(self, ward: Ward) -> None:
        self._report = tampering_found(ward)
        self._style(tampered=self._report is not None)
        text = view_only_text(ward)
        self.label.setText(text)
        self.retry_button.setVisible(ward.busy is not None)
        self.accept_button.setVisible(self._report is not None and may_accept(ward))
        self.setVisible(bool(text))

    def _accept(self) -> None:
        if self._report is not None:
            window = self.window()
            ask_to_accept(window, window.context, self._report, reopen_book)  # type: ignore[arg-type, attr-defined]

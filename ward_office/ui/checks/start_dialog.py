"""The dialog that starts a check round: kind, day and time, who checks, where, a note."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
)

from ward_office.core.checks import CHECK_KIND_LABELS, Check, CheckKind
from ward_office.core.errors import WardOfficeError
from ward_office.core.text_rules import NAME_LIMIT, NOTE_LIMIT, SHORT_LIMIT
from ward_office.i18n import _
from ward_office.services import checks

from ward_office.ui.checks.layout import ChecksLayout
from ward_office.ui.widgets import date_edit, from_qdate, show_error
from ward_office.ui.widgets.counted import CountedField


class StartCheckDialog(QDialog):
    """Kind, when, who checks, where: the round is stored, open, when the clerk presses OK."""

    def __init__(self, page: ChecksLayout) -> None:
        super().__init__(page)
        self._page = page
        self.setWindowTitle(_("Start a check"))
        self.kind = QComboBox()
        for kind, label in CHECK_KIND_LABELS.items():
            self.kind.addItem(_(label), kind)
        self.day = date_edit(page.context.today())
        self.time = QTimeEdit(QTime.currentTime())
        self.time.setDisplayFormat("HH:mm")
        self.checker = QLineEdit(page.ward.actor)
        self.location = QLineEdit(page.last_location())
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(_("&Kind of check:"), self.kind)
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(self.time)
        when.addStretch(1)
        day_label = QLabel(_("&Day and time:"))
        day_label.setBuddy(self.day)
        form.addRow(day_label, when)
        form.addRow(_("Checked &by:"), CountedField(self.checker, NAME_LIMIT))
        form.addRow(_("&Place:"), CountedField(self.location, SHORT_LIMIT))
        form.addRow(_("&Note:"), CountedField(self.note, NOTE_LIMIT))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.started: Check | None = None

    def started_at(self) -> datetime:
        clock = self.time.time()
        return datetime.combine(from_qdate(self.day.date()), time(clock.hour(), clock.minute()))

    def accept(self) -> None:
        """Store the round; on an error say why and stay open, having written nothing."""
        try:
            self.started = checks.start_check(
                self._page.ward, self.started_at(), CheckKind(self.kind.currentData()), self.checker.text(),
                self.location.text(), self.note.text())
        except WardOfficeError as error:
            show_error(self, error)
            return
        super().accept()

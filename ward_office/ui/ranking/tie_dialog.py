"""A tie at the quota line on the ranking page: a banner saying how many places the quota leaves for how many
people equal on every key, pending or decided, and the head's dialog to record the emulation council's
decision (Hội đồng thi đua): who keeps the grade, the meeting's date, the minutes' number and the reason.

The program never chooses among the tied people; the decision goes on the record through the service, which
checks it again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.access import Permission
from ward_office.core.errors import WardOfficeError
from ward_office.core.quota import QuotaTie, QuotaTieState
from ward_office.core.staff import StaffId
from ward_office.i18n import _
from ward_office.services.quota_decisions import decide_quota_tie, quota_line_text, tie_summary

from ward_office.ui import widgets
from ward_office.ui.ranking.lock_bar import may
from ward_office.ui.widgets.context import WardContext

if TYPE_CHECKING:
    from ward_office.core.period import Period
    from ward_office.scoring.results import Ranking

PENDING_STYLE = ("QLabel { background: #fef7e0; color: #8a5a00; border: 1px solid #f9d67a; padding: 6px;"
                 " font-weight: bold; }")
DECIDED_STYLE = ("QLabel { background: #e6f4ea; color: #1b6e20; border: 1px solid #a8dab5; padding: 6px; }")
NOTE_STYLE = f"QLabel {{ color: {widgets.MUTED.name()}; padding: 6px; }}"


class QuotaDecisionDialog(QDialog):
    """The council's choice among the tied people; ``on_accept`` records it and returns False to stay open."""

    def __init__(self, parent: QWidget, tie: QuotaTie, today: date,
                 on_accept: Callable[[list[StaffId], date, str, str], bool]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Decision of the emulation council"))
        self.tie = tie
        self._on_accept = on_accept
        intro = QLabel(_("{tie}. The program does not choose among people equal on every key: tick those the "
                         "emulation council chose to keep the grade, at most {places}.").format(
            tie=tie_summary(tie), places=tie.places))
        intro.setWordWrap(True)
        self.people = QListWidget()
        self.people.setObjectName("quota_people")
        self.people.setAccessibleName(_("People tied"))
        for person in tie.tied:
            item = QListWidgetItem(f"{person.code} — {person.full_name}"
                                   + (f" ({person.position})" if person.position else ""))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.people.addItem(item)
        self.chosen_count = QLabel()
        self.chosen_count.setObjectName("quota_chosen_count")
        self.meeting = widgets.date_edit(today)
        self.meeting.setObjectName("quota_meeting")
        self.meeting.setMaximumDate(widgets.to_qdate(today))
        self.minute = QLineEdit()
        self.minute.setObjectName("quota_minute")
        self.minute.setPlaceholderText(_("Example: 12/BB-HĐTĐ"))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("quota_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        form = QFormLayout()
        form.addRow(_("Meeting &date:"), self.meeting)
        form.addRow(_("&Minutes no.:"), self.minute)
        form.addRow(_("&Reason (kept in the change log):"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Rec&ord the decision"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.people.itemChanged.connect(self._update_ok)
        self.minute.textChanged.connect(self._update_ok)
        self.reason.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.people, 1)
        layout.addWidget(self.chosen_count)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()
        width = self.fontMetrics().averageCharWidth() * 96
        self.resize(width, max(self.sizeHint().height(), self.fontMetrics().lineSpacing() * 30))

    def chosen(self) -> list[StaffId]:
        return [StaffId(self.people.item(row).data(Qt.ItemDataRole.UserRole)) for row in range(self.people.count())
                if self.people.item(row).checkState() == Qt.CheckState.Checked]

    def _update_ok(self) -> None:
        count = len(self.chosen())
        self.chosen_count.setText(_("Chosen: {count} of at most {places}").format(count=count, places=self.tie.places))
        self.chosen_count.setStyleSheet(f"color: {widgets.BAD.name()}" if count > self.tie.places else "")
        ready = (count <= self.tie.places and bool(self.minute.text().strip())
                 and bool(self.reason.toPlainText().strip()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def _accept(self) -> None:
        if self._on_accept(self.chosen(), widgets.from_qdate(self.meeting.date()), self.minute.text().strip(),
                           self.reason.toPlainText().strip()):
            self.accept()


class QuotaTieBanner(QWidget):
    """Under the lock bar: the tie at the quota line and where it stands, with the head's button."""

    def __init__(self, context: WardContext, on_decided: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._on_decided = on_decided
        self.tie: QuotaTie | None = None
        self._period: Period | None = None
        self.text = QLabel()
        self.text.setObjectName("ranking_quota_tie")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton()
        self.button.setObjectName("ranking_quota_decide")
        self.button.clicked.connect(self.open_dialog)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_ranking(self, ranking: Ranking, locked: bool) -> None:
        """Show the quota line of ``ranking``; hidden when the line cut no tie and no tie-break key decided it."""
        self.tie, self._period = ranking.quota_tie, ranking.period
        text = quota_line_text(ranking)
        self.setVisible(bool(text))
        self.text.setText(text)
        if self.tie is None:
            self.text.setStyleSheet(NOTE_STYLE)
            self.button.hide()
            return
        pending = self.tie.state is QuotaTieState.PENDING
        self.text.setStyleSheet(PENDING_STYLE if pending else DECIDED_STYLE)
        self.button.setText(_("&Record the council's decision…") if pending else _("Record a new decision…"))
        self.button.setVisible(not locked)

    def open_dialog(self) -> QuotaDecisionDialog | None:
        """The head's dialog, already open (None when there is no tie or whoever is signed in may not)."""
        tie, period = self.tie, self._period
        title = _("Cannot record the decision")
        if tie is None or period is None or not may(self, self.context.ward, Permission.DECIDE_QUOTA_TIE, title):
            return None
        today = self.context.today()

        def record(chosen: list[StaffId], meeting: date, minute: str, reason: str) -> bool:
            try:
                decide_quota_tie(self.context.ward, period, tie.grade.code, chosen, meeting, minute, reason, today)
            except WardOfficeError as error:
                widgets.show_error(dialog, error, title)
                return False
            self._on_decided()
            return True

        dialog = QuotaDecisionDialog(self, tie, today, record)
        dialog.open()
        return dialog

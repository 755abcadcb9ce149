"""The dialogs of the citizens' satisfaction page: record a praise or complaint as received, the head's finding on
it, the day it was answered, and a paper survey's counts for a person and month.

Each dialog calls its use case on OK; a refusal (a clerk verifying, a day after today, a finding "not true" without
its reason) is shown in the dialog, which stays open with what was typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.citizens import (
    FEEDBACK_CHANNEL_LABELS,
    FEEDBACK_KIND_LABELS,
    CitizenFeedback,
    FeedbackChannel,
    FeedbackKind,
    RatingCounts,
)
from ward_office.core.errors import WardOfficeError
from ward_office.core.staff import StaffId
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_month
from ward_office.services import citizens
from ward_office.services.ward import Ward

from ward_office.ui import widgets
from ward_office.ui.widgets.staff_combo import StaffCombo


class _FormDialog(QDialog):
    """A form, the reason OK was refused in red, and OK / Cancel."""

    def __init__(self, ward: Ward, today: date, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ward = ward
        self.today = today
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.problem = QLabel()
        self.problem.setObjectName("dialog_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {widgets.BAD.name()}")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def add_row(self, text: str, field: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        self.form.addRow(label, field)

    def save(self) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.save()
        except WardOfficeError as error:
            self.problem.setText(widgets.error_text(error))
            return
        super().accept()


def _text_box(accessible_name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(accessible_name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().height() * 4)
    return box


class ReceiveFeedbackDialog(_FormDialog):
    """A citizen's praise or complaint, recorded as received; it waits for the head's finding."""

    def __init__(self, ward: Ward, today: date, parent: QWidget | None = None) -> None:
        super().__init__(ward, today, _("Record a praise or complaint"), parent)
        self.saved: CitizenFeedback | None = None
        self.kind = QComboBox()
        for kind, label in FEEDBACK_KIND_LABELS.items():
            self.kind.addItem(_(label).capitalize(), kind)
        self.received = widgets.date_edit(today)
        self.channel = QComboBox()
        for channel, label in FEEDBACK_CHANNEL_LABELS.items():
            self.channel.addItem(_(label).capitalize(), channel)
        self.person = StaffCombo()
        self.person.lineEdit().setPlaceholderText(_("Type part of a name or code"))
        self.person.set_people(ward.staff(active_on=today))
        self.person.setCurrentIndex(-1)
        self.summary = _text_box(_("What was said"))
        self.citizen = QLineEdit()
        self.citizen.setPlaceholderText(_("Only if the citizen agrees to it being kept"))
        for text, field in ((_("&Kind:"), self.kind), (_("&Received on:"), self.received),
                            (_("C&hannel:"), self.channel), (_("&Person concerned:"), self.person),
                            (_("&What was said:"), self.summary), (_("Citizen's &name:"), self.citizen)):
            self.add_row(text, field)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())

    def save(self) -> None:
        staff_id = self.person.staff_id()
        if staff_id is None:
            raise citizens.CitizenFeedbackError(N_("Choose the person the praise or complaint is about."))
        self.saved = citizens.receive_feedback(
            self.ward, FeedbackKind(self.kind.currentData()), widgets.from_qdate(self.received.date()),
            FeedbackChannel(self.channel.currentData()), staff_id, self.summary.toPlainText(), self.citizen.text(),
            today=self.today)


class VerifyFeedbackDialog(_FormDialog):
    """The head's finding on a praise or complaint: true, or not (with the reason)."""

    def __init__(self, ward: Ward, today: date, feedback: CitizenFeedback, person: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ward, today, _("Verify a praise or complaint"), parent)
        self.feedback = feedback
        about = QLabel(_("{kind} about {person}, received {day}: {summary}").format(
            kind=_(FEEDBACK_KIND_LABELS[feedback.kind]).capitalize(), person=person,
            day=format_date(feedback.received_on), summary=feedback.summary))
        about.setWordWrap(True)
        self.form.addRow(about)
        self.true_button = QRadioButton(_("&Verified: it is true and may carry points"))
        self.false_button = QRadioButton(_("&Not verified: it is not true, or not about this person"))
        group = QButtonGroup(self)
        group.addButton(self.true_button)
        group.addButton(self.false_button)
        self.true_button.setChecked(True)
        self.form.addRow(self.true_button)
        self.form.addRow(self.false_button)
        self.note = _text_box(_("Note"))
        self.note.setPlaceholderText(_("How it was verified; required when it is not true"))
        self.note.setPlainText(feedback.verification_note)
        self.add_row(_("N&ote:"), self.note)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())

    def save(self) -> None:
        citizens.verify_feedback(self.ward, self.feedback.id or 0, self.true_button.isChecked(),
                                 self.note.toPlainText(), today=self.today)


class AnswerFeedbackDialog(_FormDialog):
    """The day the citizen was answered, and briefly what."""

    def __init__(self, ward: Ward, today: date, feedback: CitizenFeedback, parent: QWidget | None = None) -> None:
        super().__init__(ward, today, _("Mark answered"), parent)
        self.feedback = feedback
        self.answered = widgets.date_edit(feedback.answered_on or today)
        self.answer = _text_box(_("Answer"))
        self.answer.setPlainText(feedback.answer)
        self.add_row(_("&Answered on:"), self.answered)
        self.add_row(_("&What was answered:"), self.answer)
        self.resize(self.fontMetrics().averageCharWidth() * 60, self.sizeHint().height())

    def save(self) -> None:
        citizens.answer_feedback(self.ward, self.feedback.id or 0, widgets.from_qdate(self.answered.date()),
                                 self.answer.toPlainText(), today=self.today)


class TallyDialog(_FormDialog):
    """A paper survey's counts for one person and month, replacing those entered before (all zero clears them)."""

    def __init__(self, ward: Ward, today: date, months: Sequence[date], parent: QWidget | None = None, *,
                 staff_id: StaffId | None = None, month: date | None = None) -> None:
        super().__init__(ward, today, _("Enter a paper survey tally"), parent)
        self.person = StaffCombo()
        self.person.lineEdit().setPlaceholderText(_("Type part of a name or code"))
        self.person.set_people(ward.staff())
        self.person.set_staff(staff_id)
        if staff_id is None:
            self.person.setCurrentIndex(-1)
        self.month = QComboBox()
        for first in months:
            self.month.addItem(format_month(first.year, first.month), first)
        self.month.setCurrentIndex(max(self.month.findData(month), 0) if month is not None else self.month.count() - 1)
        self.counts = [QSpinBox() for _level in range(3)]
        for spin in self.counts:
            spin.setRange(0, 100_000)
        self.note = QLineEdit()
        for text, field in ((_("&Person:"), self.person), (_("Month of the &survey:"), self.month),
                            (_("&Very satisfied:"), self.counts[0]), (_("&Satisfied:"), self.counts[1]),
                            (_("Not sa&tisfied:"), self.counts[2]), (_("Survey &note:"), self.note)):
            self.add_row(text, field)
        self.person.currentIndexChanged.connect(self._show_entered)
        self.month.currentIndexChanged.connect(self._show_entered)
        self._show_entered()

    def chosen_month(self) -> date | None:
        value = self.month.currentData()
        return value if isinstance(value, date) else None

    def _show_entered(self) -> None:
        """The counts entered before for the person and month, to be corrected."""
        staff_id, month = self.person.staff_id(), self.chosen_month()
        entered = next((tally for tally in citizens.tallies(self.ward, month) if tally.staff_id == staff_id),
                       None) if staff_id is not None and month is not None else None
        counts = entered.counts if entered is not None else RatingCounts()
        for spin, value in zip(self.counts, (counts.very_satisfied, counts.satisfied, counts.not_satisfied),
                               strict=True):
            spin.setValue(value)
        self.note.setText(entered.note if entered is not None else "")

    def save(self) -> None:
        staff_id, month = self.person.staff_id(), self.chosen_month()
        if staff_id is None or month is None:
            raise citizens.CitizenFeedbackError(N_("Choose the person and the month."))
        citizens.enter_tally(self.ward, staff_id, month, RatingCounts(*(spin.value() for spin in self.counts)),
                             self.note.text())

"""The dialog where the head prepares the review meeting's papers: the meeting's facts, the report's texts
and who is proposed for commendation, a reminder or discipline consideration.

It opens on what the papers print today: the program's text and lists, or the head's edits. Saving writes
through ``services.reviews`` (head only, refused once the period is locked); a clerk sees it read-only and is
told why. Tabs and scroll areas keep it usable on a 1024×768 screen.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
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
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.access import Permission
from ward_office.core.errors import WardOfficeError
from ward_office.core.period import Period
from ward_office.core.review import MeetingFacts, ProposalList, ReviewNotes, Section
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_number, period_label
from ward_office.services import reviews
from ward_office.services.period_locks import figures_status
from ward_office.services.ward import Ward

from ward_office.ui import widgets

SECTION_LABELS = {
    Section.RESULTS: N_("I. Results (after the figures)"),
    Section.STRENGTHS: N_("II.1 Strengths"),
    Section.WEAKNESSES: N_("II.2 Shortcomings"),
    Section.DIRECTIONS: N_("III. Directions and tasks"),
    Section.BASES: N_("Legal bases of the submission and the decision (one a line)"),
    Section.AWARD: N_("Form of commendation"),
}
LIST_LABELS = {
    ProposalList.COMMENDATION: N_("Commendation"),
    ProposalList.REMINDER: N_("Reminder"),
    ProposalList.DISCIPLINE: N_("Discipline consideration"),
}

def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area

def _count(value: int | None) -> QSpinBox:
    """A count that may be left blank: -1 shows as empty and is kept as None."""
    box = QSpinBox()
    box.setRange(-1, 999)
    box.setSpecialValueText(" ")
    box.setValue(-1 if value is None else value)
    return box

def _count_value(box: QSpinBox) -> int | None:
    return None if box.value() < 0 else box.value()

class ReviewDialog(QDialog):
    """Prepare the papers of ``period``'s review meeting."""

    def __init__(self, ward: Ward, period: Period, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_dialog")
        self.setWindowTitle(_("Papers of the review meeting, {period}").format(period=period_label(period)))
        self.ward, self.period, self.today = ward, period, today
        self.papers = reviews.review_papers(ward, period, today)
        self.generated = reviews.generated_sections(self.papers)
        self.defaults = {kind: {result.staff.id for result in people}
                         for kind, people in reviews.default_lists(self.papers.ranking).items()}
        self.reason = self._why_read_only()
        notes = self.papers.notes

        tabs = QTabWidget()
        tabs.addTab(_scrolled(self._meeting_tab(notes.meeting)), _("&Meeting"))
        tabs.addTab(_scrolled(self._texts_tab()), _("&Texts"))
        self.lists: dict[ProposalList, QListWidget] = {}
        for kind in ProposalList:
            tabs.addTab(self._list_tab(kind), _(LIST_LABELS[kind]))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("&Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Close"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(_("The program proposes the texts and lists from the figures; what you change here is "
                         "printed in the review report, the minutes, the submission and the decision."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if self.reason:
            notice = QLabel(self.reason)
            notice.setObjectName("review_read_only")
            notice.setWordWrap(True)
            notice.setStyleSheet("font-weight: bold")
            layout.addWidget(notice)
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(self.reason)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
        self.resize(900, 640)

    def _why_read_only(self) -> str:
        account = self.ward.account
        if account is not None and not account.may(Permission.DECIDE_REVIEW):
            return _("Only the head may change the papers of the review meeting; you can read them here.")
        if figures_status(self.ward.store, self.period, self.today).final:
            return _("{period} is locked: the papers of its review meeting cannot be changed. "
                     "Only the head can unlock it.").format(
                period=period_label(self.period))
        if self.ward.read_only:
            return self.ward.read_only_reason or _("The record book is open to view only.")
        return ""

    # ---- Tabs ----

    def _meeting_tab(self, meeting: MeetingFacts) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.held = QCheckBox(_("The meeting's day is known"))
        self.held.setChecked(meeting.day is not None)
        self.day = widgets.date_edit(meeting.day or self.today)
        self.day.setEnabled(meeting.day is not None)
        self.held.toggled.connect(self.day.setEnabled)
        day_row = QHBoxLayout()
        day_row.addWidget(self.held)
        day_row.addWidget(self.day)
        day_row.addStretch(1)
        form.addRow(_("Day:"), day_row)
        self.start_time = QLineEdit(meeting.start_time)
        self.start_time.setPlaceholderText(_("Example: 08:00"))
        self.end_time = QLineEdit(meeting.end_time)
        self.end_time.setPlaceholderText(_("Example: 10:30"))
        self.place = QLineEdit(meeting.place)
        self.chair = QLineEdit(meeting.chair)
        unit = self.ward.unit()
        self.chair.setPlaceholderText(", ".join(part for part in (unit.head_name, unit.head_title) if part))
        self.secretary = QLineEdit(meeting.secretary)
        self.present = _count(meeting.members_present)
        self.names = QPlainTextEdit(meeting.members_names)
        self.names.setMaximumHeight(90)
        self.absent = _count(meeting.absent)
        self.absent_reason = QLineEdit(meeting.absent_reason)
        self.votes_for = _count(meeting.votes_for)
        self.votes_against = _count(meeting.votes_against)
        for label, widget in ((_("Starts at:"), self.start_time), (_("Ends at:"), self.end_time),
                              (_("Place:"), self.place), (_("Chaired by:"), self.chair),
                              (_("Secretary:"), self.secretary), (_("Members present:"), self.present),
                              (_("Their names:"), self.names), (_("Absent:"), self.absent),
                              (_("Reason for absence:"), self.absent_reason), (_("Votes in favour:"), self.votes_for),
                              (_("Votes against:"), self.votes_against)):
            form.addRow(label, widget)
        return page

    def _texts_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.texts: dict[Section, QPlainTextEdit] = {}
        for section in Section:
            header = QHBoxLayout()
            header.addWidget(QLabel(f"<b>{_(SECTION_LABELS[section])}</b>"), 1)
            reset = QPushButton(_("Restore the automatic text"))
            reset.setObjectName(f"reset_{section.value}")
            reset.clicked.connect(lambda _checked=False, section=section: self.reset_section(section))
            header.addWidget(reset)
            layout.addLayout(header)
            edit = QPlainTextEdit(self.papers.notes.sections.get(section) or self.generated[section])
            edit.setObjectName(f"section_{section.value}")
            edit.setMinimumHeight(60 if section is Section.AWARD else 110)
            edit.setReadOnly(bool(self.reason))
            self.texts[section] = edit
            layout.addWidget(edit)
        return page

    def _list_tab(self, kind: ProposalList) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        chosen = {result.staff.id for result in self.papers.lists[kind]}
        view = QListWidget()
        view.setObjectName(f"list_{kind.value}")
        for result in self.papers.ranking.results:
            item = QListWidgetItem(_("{rank}. {name} — {grade} ({score} points)").format(
                rank=result.rank, name=result.staff.full_name, grade=result.grade.name,
                score=format_number(result.score)))
            item.setData(Qt.ItemDataRole.UserRole, result.staff.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable if not self.reason
                          else item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if result.staff.id in chosen else Qt.CheckState.Unchecked)
            view.addItem(item)
        self.lists[kind] = view
        reset = QPushButton(_("Restore the program's proposal"))
        reset.clicked.connect(lambda _checked=False, kind=kind: self.reset_list(kind))
        reset.setEnabled(not self.reason)
        note = QLabel(_("Ticked people are on the list; the program proposes them from the grades after ceilings "
                        "and quota."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(view, 1)
        layout.addWidget(reset, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    # ---- Actions ----

    def reset_section(self, section: Section) -> None:
        self.texts[section].setPlainText(self.generated[section])

    def reset_list(self, kind: ProposalList) -> None:
        view = self.lists[kind]
        for row in range(view.count()):
            item = view.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in self.defaults[kind]
                               else Qt.CheckState.Unchecked)

    def ticked(self, kind: ProposalList) -> set[int]:
        view = self.lists[kind]
        return {view.item(row).data(Qt.ItemDataRole.UserRole) for row in range(view.count())
                if view.item(row).checkState() == Qt.CheckState.Checked}

    def notes(self) -> ReviewNotes:
        """What the head decided: only texts that differ from the program's and lists that differ from its
        proposal are kept, so an untouched section follows the figures as they change."""
        meeting = MeetingFacts(
            day=widgets.from_qdate(self.day.date()) if self.held.isChecked() else None,
            start_time=self.start_time.text().strip(), end_time=self.end_time.text().strip(),
            place=self.place.text().strip(), chair=self.chair.text().strip(), secretary=self.secretary.text().strip(),
            members_present=_count_value(self.present), members_names=self.names.toPlainText().strip(),
            absent=_count_value(self.absent), absent_reason=self.absent_reason.text().strip(),
            votes_for=_count_value(self.votes_for), votes_against=_count_value(self.votes_against))
        sections = {section: edit.toPlainText().strip() for section, edit in self.texts.items()
                    if edit.toPlainText().strip() != self.generated[section].strip()}
        lists = {kind: tuple(sorted(self.ticked(kind))) for kind in ProposalList
                 if self.ticked(kind) != self.defaults[kind]}
        return ReviewNotes(meeting, sections, lists)

    def save(self) -> bool:
        try:
            reviews.save_review(self.ward, self.period, self.notes(), self.today)
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return False
        self.accept()
        return True

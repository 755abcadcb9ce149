"""Reports page: choose a report and a period, make the PDF off the GUI thread, look at it, print it.

The PDF is written next to the record book (folder ``bao-cao``) under a name that says what it is, so
the office finds it again; "Save a copy" puts it anywhere else, a USB stick included.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.checks import CHECK_KIND_LABELS
from ward_office.core.errors import WardOfficeError
from ward_office.core.period import Period, PeriodKind
from ward_office.core.unit import Unit
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_datetime, period_label
from ward_office.services import checks, printing
from ward_office.services.ward import in_own_ward

from ward_office.ui import widgets
from ward_office.ui.reports.review_dialogs import ReviewDialog
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.jobs import Job, run_in_background
from ward_office.ui.widgets.page import Page
from ward_office.ui.widgets.pdf_view import PdfPreview, choose_printer_and_print

REPORTS_FOLDER = "bao-cao"
CHECK_REPORT = "check"

# What each report is for, under the list of reports.
DESCRIPTIONS = {
    "ranking": N_("Rank, points per block, total and grade of everyone, with the reasons for any grade "
                  "lowered and the count per grade; for the review meeting and the head's signature."),
    "scorecards": N_("One page per person with every item behind the score: date, criterion, points and "
                     "who recorded it, with a line for the person's signature."),
    "timesheet": N_("The month's attendance in the C01-HD shape: one column per day, the standard codes "
                    "and the totals."),
    CHECK_REPORT: N_("The record of one check round: who checked, when and where, who was seen and the "
                     "violations found."),
    "minutes": N_("Minutes of the emulation review meeting, filled with the meeting's facts where entered, the "
                  "counts per grade and the proposals; blanks to complete by hand otherwise."),
    "charts": N_("Violations per block per month and the attendance rate over the period."),
    "review": N_("The half-year or year review report: the figures against the period before, each department, "
                 "the proposals for commendation, reminder and discipline, and the assessment."),
    "proposal": N_("Draft submission proposing the commendations decided at the review meeting."),
    "decision": N_("Draft decision on the commendations, with the list of people attached."),
}
# The review's papers whose texts, lists and meeting facts the head prepares in the review dialog.
REVIEW_KINDS = frozenset({"review", "minutes", "proposal", "decision"})
# What the PDF files are called, in Vietnamese: "xep-loai-2026-H2.pdf".
FILE_NAMES = {
    "ranking": "xep-loai",
    "scorecards": "phieu-diem",
    "timesheet": "bang-cham-cong",
    CHECK_REPORT: "bien-ban-kiem-tra",
    "minutes": "bien-ban-hop",
    "charts": "bieu-do",
    "review": "bao-cao-so-ket",
    "proposal": "to-trinh",
    "decision": "quyet-dinh",
}


def signer_warning(unit: Unit) -> str:
    """Which signer names the ward settings leave empty, or "" when both are filled in."""
    missing = [label for label, name in ((_("the head who signs"), unit.head_name),
                                         (_("the preparer"), unit.preparer_name)) if not name.strip()]
    if not missing:
        return ""
    return _("No name is set for {who} (Settings, Ward office): the reports will print an empty signature "
             "line.").format(who=_(" and ").join(missing))


def report_file_name(kind: str, period: Period, suffix: str = "") -> str:
    """The file a report is written to: its Vietnamese name, the period's code, ``suffix`` (a check round)."""
    stem = FILE_NAMES.get(kind, kind)
    if kind == "review" and period.kind is PeriodKind.YEAR:
        stem = "bao-cao-tong-ket"
    return f"{stem}-{period.code}{suffix}.pdf"


class ReportsPage(Page):
    topics = frozenset({Topic.ATTENDANCE, Topic.EVENTS, Topic.CHECKS, Topic.STAFF, Topic.SETTINGS, Topic.SCORES,
                        Topic.CITIZENS})

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._build_choices(context)
        self._build_buttons()
        controls = self._build_controls()
        self.preview = PdfPreview()
        self.preview.setObjectName("report_preview")
        layout = QVBoxLayout(self)
        layout.addWidget(controls)
        layout.addWidget(self.preview, 1)
        self._job: Job | None = None
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.picker.period_changed.connect(lambda _period: self._fill_check_rounds())
        self._kind_changed()
        self._show_signer_warning()

    def _build_choices(self, context: WardContext) -> None:
        """Which report, for which period, and for a check's record which round."""
        self.kind = QComboBox()
        self.kind.setObjectName("report_kind")
        for report in printing.REPORTS.values():
            self.kind.addItem(_(report.title), report.name)
        self.picker = widgets.PeriodPicker(context.today())
        self.check_round = QComboBox()
        self.check_round.setObjectName("report_check")
        self.check_label = QLabel(_("Check &round:"))
        self.check_label.setBuddy(self.check_round)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet(f"color: {widgets.MUTED.name()}")

    def _build_buttons(self) -> None:
        self.make_button = QPushButton(_("&Make the report"))
        self.make_button.setDefault(True)
        self.make_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.make_button.setToolTip(_("Write the PDF and show it here (Ctrl+Enter)"))
        self.make_button.clicked.connect(self.make_report)
        self.open_button = QPushButton(_("Open in the &PDF viewer"))
        self.open_button.clicked.connect(self.open_externally)
        self.print_button = QPushButton(_("P&rint…"))
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.clicked.connect(self.print_report)
        self.compose_button = QPushButton(_("Prepare the &contents…"))
        self.compose_button.setObjectName("review_compose")
        self.compose_button.setToolTip(_("The meeting's facts, the report's texts and who is proposed for "
                                         "commendation, a reminder or discipline consideration"))
        self.compose_button.clicked.connect(self.compose)
        self.copy_button = QPushButton(_("Save a &copy…"))
        self.copy_button.clicked.connect(self.save_copy)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.signer_warning = QLabel()  # a blank signature is allowed, but never by surprise
        self.signer_warning.setObjectName("signer_warning")
        self.signer_warning.setWordWrap(True)
        self.signer_warning.setStyleSheet(f"color: {widgets.WARN.name()}")

    def _build_controls(self) -> QWidget:
        """Everything above the preview."""
        form = QFormLayout()
        kind_label = QLabel(_("&Report:"))
        kind_label.setBuddy(self.kind)
        form.addRow(kind_label, self.kind)
        form.addRow(QLabel(_("Period:")), self.picker)
        form.addRow(self.check_label, self.check_round)
        form.addRow("", self.compose_button)
        buttons = QHBoxLayout()
        for button in (self.make_button, self.open_button, self.print_button, self.copy_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        controls = QWidget()
        controls_layout = QVBoxLayout(controls)
        controls_layout.addLayout(form)
        controls_layout.addWidget(self.description)
        controls_layout.addWidget(self.signer_warning)
        controls_layout.addLayout(buttons)
        controls_layout.addWidget(self.status)
        return controls

    # ---- What is chosen ----

    def report(self) -> printing.ReportKind:
        return printing.report_kind(self.kind.currentData())

    def needs_check(self) -> bool:
        return self.report().name == CHECK_REPORT

    def period(self) -> Period:
        return self.picker.period()

    def _kind_changed(self) -> None:
        description = DESCRIPTIONS.get(self.report().name)
        self.description.setText(_(description) if description else "")
        for widget in (self.check_label, self.check_round):
            widget.setVisible(self.needs_check())
        self.compose_button.setVisible(self.report().name in REVIEW_KINDS)
        self._fill_check_rounds()
        self._update_buttons()

    def _fill_check_rounds(self) -> None:
        if not self.needs_check():
            return
        period = self.period()
        self.check_round.clear()
        for summary in checks.list_checks(self.ward):
            check = summary.check
            if period.contains(check.started_at.date()):
                self.check_round.addItem(_("{kind}, {time}").format(kind=_(CHECK_KIND_LABELS[check.kind]),
                                                                    time=format_datetime(check.started_at)),
                                         check.id)
        if self.check_round.count() == 0:
            self.check_round.addItem(_("No check round in this period"), None)

    def refresh(self) -> None:
        self._fill_check_rounds()
        self._show_signer_warning()
        self._update_buttons()

    def _show_signer_warning(self) -> None:
        self.signer_warning.setText(signer_warning(self.ward.unit()))
        self.signer_warning.setVisible(bool(self.signer_warning.text()))

    def _update_buttons(self) -> None:
        has_pdf = self.preview.path is not None and self.preview.path.exists()
        busy = self._job is not None and self._job.running
        self.make_button.setEnabled(not busy)
        for button in (self.open_button, self.print_button, self.copy_button):
            button.setEnabled(has_pdf and not busy)

    # ---- Making, opening, printing ----

    def output_path(self) -> Path:
        suffix = f"-{self.check_round.currentData()}" if self.needs_check() else ""
        return self.ward.path.parent / REPORTS_FOLDER / report_file_name(self.report().name, self.period(), suffix)

    def compose(self) -> ReviewDialog | None:
        """Open the review dialog for the chosen period; remake the shown paper when saved."""
        try:
            dialog = ReviewDialog(self.ward, self.period(), self.context.today(), self)
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return None
        if dialog.exec() and self.preview.path is not None:
            self.make_report()
        return dialog

    def make_report(self) -> Job | None:
        report = self.report()
        options: dict[str, object] = {}
        if self.needs_check():
            check_id = self.check_round.currentData()
            if check_id is None:
                widgets.show_error(self, _("Choose a check round first"))
                return None
            options["check_id"] = check_id
        out = self.output_path()
        out.parent.mkdir(parents=True, exist_ok=True)
        db_path, period, today = self.ward.path, self.period(), self.context.today()
        self.status.setText(_("Writing {report} for {period}…").format(report=_(report.title),
                                                                      period=period_label(period)))
        self._job = run_in_background(
            self, _("Writing the report…"),
            lambda: in_own_ward(db_path, lambda ward: printing.write_report(ward, report.name, period.code, out,
                                                                            today=today, **options), read_only=True),
            self._written, self._failed)
        self._update_buttons()
        return self._job

    def _written(self, summary: object) -> None:
        assert isinstance(summary, printing.ReportSummary)
        path = summary.path
        self.preview.show_pdf(path)
        self.status.setText(_("Written {day}: {path}").format(day=format_date(date.today()), path=path))
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self.status.setText("")
        self._update_buttons()
        widgets.show_error(self, error)

    def open_externally(self) -> bool:
        path = self.preview.path
        return path is not None and QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def print_report(self) -> int:
        path = self.preview.path
        return choose_printer_and_print(self, path) if path is not None else 0

    def save_copy(self) -> Path | None:
        path = self.preview.path
        if path is None:
            return None
        target, _filter = QFileDialog.getSaveFileName(self, _("Save a copy of the report"),
                                                      str(Path.home() / path.name), _("PDF files (*.pdf)"))
        if not target:
            return None
        shutil.copyfile(path, target)
        return Path(target)

"""The six steps of the first-run wizard (ui/shell/first_run.py): the unit, its people, the working hours,
the staff list, the emulation plan and the head's account. Each step checks what it holds with the same
services as Settings, on the wizard's scratch book."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ward_office.core.errors import InputFileError, WardOfficeError
from ward_office.core.unit import Unit
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_number
from ward_office.i18n.text import fold
from ward_office.services import imports
from ward_office.services.accounts import MAX_USERNAME_LENGTH, MIN_PASSWORD_LENGTH
from ward_office.services.first_run import (
    BundledPlan,
    HeadAccount,
    bundled_plans,
    check_head_account,
)
from ward_office.services.ward import in_own_ward
from ward_office.services.ward_settings import UnitDetailsError, save_schedule, save_unit

from ward_office.ui import widgets
from ward_office.ui.imports.models import skipped_model
from ward_office.ui.settings.schedule import ScheduleTab
from ward_office.ui.settings.unit import UnitTab
from ward_office.ui.widgets.account_form import head_account_edits
from ward_office.ui.widgets.jobs import Job, run_in_background

if TYPE_CHECKING:
    from ward_office.ui.shell.first_run import FirstRunWizard


STAFF_FILE_FILTER = N_("Staff lists (*.xlsx *.csv);;All files (*)")


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("page_error")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {widgets.BAD.name()}; font-weight: bold;")
    label.hide()
    return label


def _muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {widgets.MUTED.name()}")
    return label


class SetupPage(QWizardPage):
    """A page with a red line for what blocks Next; ``check`` raises ``WardOfficeError`` to block it."""

    def __init__(self, wizard: FirstRunWizard, title: str, subtitle: str) -> None:
        super().__init__()
        self.setup = wizard
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.error_label = _error_label()
        self.body = QVBoxLayout(self)

    def finish_layout(self) -> None:
        self.body.addWidget(self.error_label)
        self.body.addStretch(1)

    def show_problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def check(self) -> None:
        """Raise what is wrong with the page."""

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        try:
            self.check()
        except WardOfficeError as error:
            self.show_problem(error.localized())
            return False
        self.show_problem("")
        return True


def _embed(tab: QWidget, hidden: tuple[QWidget, ...]) -> None:
    """Show a Settings tab inside a page: without its Save and Undo buttons and without ``hidden`` rows."""
    for button in tab.findChildren(QPushButton):
        if button in (getattr(tab, "save_button", None), getattr(tab, "revert_button", None)):
            button.hide()
    layout = tab.layout()
    form = layout.itemAt(0).layout() if layout is not None else None
    if isinstance(form, QFormLayout):
        for widget in hidden:
            form.setRowVisible(widget, False)
    tab.layout().setContentsMargins(0, 0, 0, 0)


class WardPage(SetupPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard, _("The ward"), _("The names printed at the head of every report. Everything can "
                                                  "be changed later in Settings."))
        self.tab = UnitTab(wizard.context)
        self.tab.load()
        _embed(self.tab, (self.tab.head_title_edit, self.tab.head_name_edit, self.tab.preparer_edit))
        welcome = QLabel(_("Welcome. Six short steps set up the record book of your ward: the ward, who signs, the "
                           "working hours, the staff, the emulation plan and the head's account. Nothing is written "
                           "until you press Finish on the last step."))
        welcome.setWordWrap(True)
        self.body.addWidget(welcome)
        self.body.addSpacing(8)
        self.body.addWidget(self.tab)
        self.finish_layout()

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.tab.name_edit.setFocus()
        self.tab.name_edit.end(False)

    def check(self) -> None:
        name = " ".join(self.tab.name_edit.text().split())
        if name and fold(name) == fold(Unit().name):
            raise UnitDetailsError(N_("Write the whole name of the ward office, with the name of the ward: for "
                                      "example “Ủy ban nhân dân phường Tân An”"))
        save_unit(self.setup.scratch, self.setup.unit())


class PeoplePage(SetupPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard, _("Signatories"), _("Who signs the reports, and who prepares them."))
        self.tab = UnitTab(wizard.context)
        self.tab.load()
        _embed(self.tab, (self.tab.name_edit, self.tab.authority_edit, self.tab.address_edit, self.tab.place_edit))
        self.body.addWidget(self.tab)
        self.finish_layout()

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.tab.head_title_edit.setFocus()

    def check(self) -> None:
        save_unit(self.setup.scratch, self.setup.unit())


class HoursPage(SetupPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard, _("Working hours"), _("The working week and the hours against which arriving "
                                                       "late and leaving early are counted."))
        self.tab = ScheduleTab(wizard.context)
        self.tab.load()
        _embed(self.tab, ())
        self.body.addWidget(self.tab)
        self.finish_layout()

    def check(self) -> None:
        save_schedule(self.setup.scratch, *self.tab.state())


class StaffPage(SetupPage):
    """Start with an empty list, or import one: the file is checked in the background and its counts shown."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard, _("Staff list"), _("Import the list of staff from an Excel or CSV file, or start "
                                                    "with an empty list and add people on the Staff page."))
        self.file: Path | None = None
        self.preview: imports.ImportSummary | None = None
        self.refusal: WardOfficeError | None = None
        self.job: Job | None = None
        self.empty_choice = QRadioButton(_("Start with an &empty list"))
        self.empty_choice.setObjectName("start_empty")
        self.import_choice = QRadioButton(_("&Import the list from a file"))
        self.import_choice.setObjectName("import_list")
        self.choices = QButtonGroup(self)
        self.choices.addButton(self.empty_choice)
        self.choices.addButton(self.import_choice)
        self.empty_choice.setChecked(True)
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("staff_file")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(_("No file chosen"))
        self.file_edit.setAccessibleName(_("Staff list file"))
        self.choose_button = QPushButton(_("&Choose a file…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.template_button = QPushButton(_("&Download the template"))
        self.template_button.setToolTip(_("Save a blank Excel list with the right columns, to fill in and import"))
        self.template_button.clicked.connect(lambda: self.save_template())
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.template_button)
        self.template_note = _muted("")
        self.template_note.hide()
        self.headline = QLabel()
        self.headline.setObjectName("preview_headline")
        self.headline.setWordWrap(True)
        self.counts = QFormLayout()
        self.skipped_model = skipped_model()
        self.skipped_table = widgets.record_table(self.skipped_model, "skipped_rows", _("Rows skipped"))
        self.skipped_table.hide()
        self.import_box = QWidget()
        box_layout = QVBoxLayout(self.import_box)
        box_layout.setContentsMargins(24, 0, 0, 0)
        box_layout.addLayout(file_row)
        box_layout.addWidget(self.template_note)
        box_layout.addWidget(self.headline)
        box_layout.addLayout(self.counts)
        box_layout.addWidget(self.skipped_table)
        self.body.addWidget(self.empty_choice)
        self.body.addWidget(self.import_choice)
        self.body.addWidget(self.import_box)
        self.body.addWidget(_muted(_("Columns of the list: code, full name, gender, position, department; "
                                     "optionally category, badge number, fingerprint-clock id and start date. "
                                     "Departments that do not exist yet are created.")))
        self.finish_layout()
        self.choices.buttonToggled.connect(lambda *_args: self._update())
        self._update()

    def _update(self) -> None:
        importing = self.import_choice.isChecked()
        self.import_box.setEnabled(importing)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        if self.empty_choice.isChecked():
            return True
        return (self.job is None or not self.job.running) and self.refusal is None and self.preview is not None \
            and self.preview.rows > 0

    def staff_file(self) -> Path | None:
        return self.file if self.import_choice.isChecked() else None

    def choose_file(self) -> None:
        start = str(self.file.parent) if self.file else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose the staff list"), start, _(STAFF_FILE_FILTER))
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path) -> Job:
        """Check ``path`` in the background, as a trial import into the scratch book: nothing is written."""
        self.import_choice.setChecked(True)
        self.file, self.preview, self.refusal = path, None, None
        self.file_edit.setText(str(path))
        self.headline.setText(_("Reading the file…"))
        self.headline.setStyleSheet("")
        self._set_counts([])
        scratch_path = self.setup.scratch.path

        def work() -> imports.ImportSummary:
            return in_own_ward(scratch_path, lambda ward: imports.import_staff(ward, path, dry_run=True))

        self.job = run_in_background(self, _("Reading the staff list…"), work, self._show_preview, self._show_refusal)
        self.completeChanged.emit()
        return self.job

    def _show_preview(self, preview: imports.ImportSummary) -> None:
        self.preview = preview
        if preview.rows:
            self.headline.setText(_("This list is read correctly. It is written into the record book when you "
                                    "press Finish."))
        else:
            self.headline.setText(_("This file holds no staff; choose another file or start with an empty list."))
        rows = [(_("People in the list:"), format_number(preview.rows))]
        if preview.new_departments:
            rows.append((_("New departments:"), ", ".join(preview.new_departments)))
        rows.append((_("Rows skipped:"), format_number(len(preview.skipped))))
        self._set_counts(rows)
        self.skipped_model.set_records(preview.skipped)
        self.skipped_table.resizeColumnsToContents()
        self.skipped_table.setVisible(bool(preview.skipped))
        self.completeChanged.emit()

    def _show_refusal(self, error: BaseException) -> None:
        self.refusal = error if isinstance(error, WardOfficeError) else WardOfficeError(
            N_("Cannot read {file}: {reason}"), file=str(self.file), reason=str(error))
        lines = self.refusal.localized().splitlines()
        if isinstance(self.refusal, InputFileError):
            lines = lines[:8] + (["…"] if len(lines) > 8 else [])
        self.headline.setText("\n".join([*lines, _("Correct the file and choose it again; nothing was written.")]))
        self.headline.setStyleSheet(f"color: {widgets.BAD.name()}")
        self._set_counts([])
        self.skipped_table.hide()
        self.completeChanged.emit()

    def _set_counts(self, rows: list[tuple[str, str]]) -> None:
        while self.counts.rowCount():
            self.counts.removeRow(0)
        for label, value in rows:
            shown = QLabel(value)
            shown.setWordWrap(True)
            self.counts.addRow(QLabel(label), shown)

    def save_template(self, target: Path | None = None) -> Path | None:
        source = imports.template_path("staff")
        if target is None:
            chosen, _filter = QFileDialog.getSaveFileName(self, _("Save the template"), str(Path.home() / source.name),
                                                          _("Excel workbooks (*.xlsx)"))
            if not chosen:
                return None
            target = Path(chosen)
        try:
            shutil.copyfile(source, target)
        except OSError as error:
            widgets.show_error(self, error)
            return None
        self.template_note.setText(_("Template saved: {path}").format(path=target))
        self.template_note.show()
        return target


class PlanPage(SetupPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard, _("Emulation plan"), _("How points are deducted and added, and the grades. The head "
                                                        "can adjust the points later in Settings, Plan."))
        self.plans = bundled_plans()
        self.group = QButtonGroup(self)
        for number, plan in enumerate(self.plans):
            button = QRadioButton(plan.name)
            button.setObjectName(f"plan_{plan.code}")
            self.group.addButton(button, number)
            description = _muted(plan.description)
            description.setContentsMargins(24, 0, 0, 8)
            self.body.addWidget(button)
            self.body.addWidget(description)
        if self.plans:
            self.group.button(0).setChecked(True)
        self.body.addWidget(_muted(_("The score is an internal emulation score; it does not replace the official "
                                     "quality grading of civil servants.")))
        self.finish_layout()

    def chosen(self) -> BundledPlan:
        return self.plans[max(self.group.checkedId(), 0)]

    def choose(self, code: str) -> None:
        for number, plan in enumerate(self.plans):
            if plan.code == code:
                self.group.button(number).setChecked(True)


class HeadPage(SetupPage):
    """The head's account; Finish writes the whole set-up from here."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard, _("The head's account"), _("The head (thủ trưởng) adopts plans, locks review "
                                                            "periods, restores backups and adds the clerks' "
                                                            "accounts."))
        form = QFormLayout()
        self.username_edit, self.full_name_edit, self.password_edit, self.repeat_edit = head_account_edits(form)
        self.body.addLayout(form)
        self.body.addWidget(_muted(_(
            "The user name has no spaces (at most {most} characters). The password has at least {count} characters; "
            "it is stored only in a form nobody can read back, so write it down and keep it in a safe place.").format(
            most=MAX_USERNAME_LENGTH, count=MIN_PASSWORD_LENGTH)))
        self.finish_layout()

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        if not self.full_name_edit.text():
            self.full_name_edit.setText(self.setup.unit().head_name)
        self.username_edit.setFocus()

    def head(self) -> HeadAccount:
        return check_head_account(self.username_edit.text(), self.full_name_edit.text(), self.password_edit.text(),
                                  self.repeat_edit.text())

    def check(self) -> None:
        try:
            self.setup.write(self.head())
        except WardOfficeError:
            self.password_edit.clear()
            self.repeat_edit.clear()
            self.password_edit.setFocus()
            raise

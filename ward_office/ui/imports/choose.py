"""Step 1: what to import (a clock log, a staff list, past events, a month's entered points) and from which
file; the blank Excel list of the other imports can be saved from here to be filled in (for entered points, the
chosen month's people and items).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ward_office.i18n import N_, _

from ward_office.ui import widgets
from ward_office.ui.imports._services import ImportKind, score_template_job, template_path
from ward_office.ui.imports.steps import CHOOSE, MAPPING, PREVIEW, ImportPage
from ward_office.ui.widgets.jobs import Job

if TYPE_CHECKING:
    from ward_office.ui.imports.wizard import ImportWizard

KIND_LABELS = {
    ImportKind.CLOCK: N_("&Fingerprint clock log"),
    ImportKind.STAFF: N_("&Staff list"),
    ImportKind.EVENTS: N_("&Past violations and commendations"),
    ImportKind.SCORES: N_("Points &entered by the head for a month (task results)"),
    ImportKind.RATINGS: N_("Citizens' satisfaction &ratings (counter device, public service portal)"),
}
KIND_HINTS = {
    ImportKind.CLOCK: N_("The clock's USB download (1_attlog.dat), lines saved from an ADMS server, or a CSV or "
                         "Excel report (Wise Eye…). Punches already stored are not added twice; attendance is "
                         "worked out per session from the working hours, and a record entered by hand always wins."),
    ImportKind.STAFF: N_("An Excel or CSV list with the columns of the template: code, full name, gender, position, "
                         "department, badge number, clock id… New codes are added and changed people updated."),
    ImportKind.EVENTS: N_("An Excel or CSV list of violations and commendations with the columns of the template: "
                          "date, staff code, criterion code, note. An event already on record is not added twice."),
    ImportKind.SCORES: N_("An Excel or CSV file with one row per person (code, full name) and one column per entered "
                          "item of the plan, as in the template of the month chosen below. Only the head imports it; "
                          "an empty cell leaves the points already entered as they are."),
    ImportKind.RATINGS: N_("The CSV or Excel export of the rating device at the counter or of the public service "
                           "portal: time, counter or staff member, rating, and a dossier code if any. Its columns are "
                           "chosen once and remembered by name; a rating already stored is not added twice, and one "
                           "whose staff member cannot be found is listed with its line."),
}
FILE_FILTERS = {
    ImportKind.CLOCK: N_("Clock logs (*.dat *.txt *.csv *.xlsx);;All files (*)"),
    ImportKind.STAFF: N_("Excel or CSV lists (*.xlsx *.csv);;All files (*)"),
    ImportKind.EVENTS: N_("Excel or CSV lists (*.xlsx *.csv);;All files (*)"),
    ImportKind.SCORES: N_("Excel or CSV lists (*.xlsx *.csv);;All files (*)"),
    ImportKind.RATINGS: N_("Excel or CSV lists (*.xlsx *.csv);;All files (*)"),
}


class ChoosePage(ImportPage):
    step = CHOOSE

    def __init__(self, importer: ImportWizard) -> None:
        super().__init__(importer)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[ImportKind, QRadioButton] = {}
        kinds = QVBoxLayout()
        for kind in ImportKind:
            button = QRadioButton(_(KIND_LABELS[kind]))
            button.setObjectName(f"kind_{kind.value}")
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            kinds.addWidget(button)
        self.kind_buttons[ImportKind.CLOCK].setChecked(True)
        self.kind_hint = QLabel()
        self.kind_hint.setWordWrap(True)
        self.kind_hint.setStyleSheet(f"color: {widgets.MUTED.name()}")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("What do you want to import?")))
        layout.addLayout(kinds)
        layout.addWidget(self.kind_hint)
        layout.addLayout(self._month_row())
        layout.addSpacing(12)
        layout.addLayout(self._file_row())
        layout.addLayout(self._template_row())
        layout.addStretch(1)
        self.kind_group.buttonToggled.connect(self._kind_changed)
        self.path.textChanged.connect(self._forget_file)
        self._kind_changed()

    def _month_row(self) -> QHBoxLayout:
        today = self.importer.context.today()
        self.month_field = QDateEdit(QDate(today.year, today.month, 1))
        self.month_field.setObjectName("score_month")
        self.month_field.setDisplayFormat("MM/yyyy")
        self.month_field.dateChanged.connect(self._forget_file)
        self.month_label = QLabel(_("Mont&h:"))
        self.month_label.setBuddy(self.month_field)
        row = QHBoxLayout()
        row.addWidget(self.month_label)
        row.addWidget(self.month_field)
        row.addStretch(1)
        return row

    def _file_row(self) -> QHBoxLayout:
        self.path = QLineEdit()
        self.path.setObjectName("import_file")
        self.path.setPlaceholderText(_("Choose the file, or type or paste its path"))
        path_label = QLabel(_("F&ile:"))
        path_label.setBuddy(self.path)
        self.browse_button = QPushButton(_("&Choose a file…"))
        self.browse_button.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(path_label)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse_button)
        return row

    def _template_row(self) -> QHBoxLayout:
        self.template_button = QPushButton(_("Download the &template…"))
        self.template_button.setObjectName("template_button")
        self.template_button.setToolTip(_("Save a blank Excel list with the right columns, to fill in and import"))
        self.template_button.clicked.connect(lambda: self.save_template())
        self.template_note = QLabel()
        self.template_note.setWordWrap(True)
        self.template_note.setObjectName("template_note")
        row = QHBoxLayout()
        row.addWidget(self.template_button)
        row.addWidget(self.template_note, 1)
        return row

    def kind(self) -> ImportKind:
        return next(kind for kind, button in self.kind_buttons.items() if button.isChecked())

    def set_kind(self, kind: ImportKind) -> None:
        self.kind_buttons[kind].setChecked(True)

    def month(self) -> date:
        """The month of the entered points to import: its first day."""
        chosen = self.month_field.date()
        return date(chosen.year(), chosen.month(), 1)

    def set_month(self, month: date) -> None:
        self.month_field.setDate(QDate(month.year, month.month, 1))

    def file(self) -> Path | None:
        text = self.path.text().strip().strip('"')
        return Path(text).expanduser() if text else None

    def set_file(self, path: Path | str) -> None:
        self.path.setText(str(path))

    def _kind_changed(self, *_args: object) -> None:
        kind = self.kind()
        self.kind_hint.setText(_(KIND_HINTS[kind]))
        self.template_button.setVisible(kind is not ImportKind.CLOCK)
        self.template_note.setVisible(kind is not ImportKind.CLOCK)
        self.month_label.setVisible(kind is ImportKind.SCORES)
        self.month_field.setVisible(kind is ImportKind.SCORES)
        self._forget_file()

    def _forget_file(self) -> None:
        self.importer.forget_file()
        self.completeChanged.emit()

    def first_focus(self) -> QWidget | None:
        return self.kind_group.checkedButton()

    def ready(self) -> bool:
        file = self.file()
        return file is not None and file.is_file()

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        return MAPPING if self.importer.needs_mapping() else PREVIEW

    def go_on(self) -> None:
        file = self.file()
        if file is None or not file.is_file():
            widgets.show_error(self, _("There is no file {path}").format(path=file or ""))
        elif self.kind() in (ImportKind.CLOCK, ImportKind.STAFF, ImportKind.RATINGS):
            self.importer.inspect()
        else:
            self.importer.start_preview()

    def choose_file(self) -> None:
        start = str(self.file().parent) if self.file() else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose the file to import"), start,
                                                    _(FILE_FILTERS[self.kind()]))
        if path:
            self.set_file(path)

    def save_template(self, target: Path | None = None) -> Job | None:
        """Save the blank list for a staff or events import where the user chooses (or to ``target``); for entered
        points, the one of the chosen month, written from the plan and the people working then."""
        kind = self.kind()
        if kind is ImportKind.CLOCK:
            return None
        month = self.month()
        name = _("points-{month}.xlsx").format(month=month.strftime("%m-%Y")) if kind is ImportKind.SCORES \
            else template_path(kind).name
        if target is None:
            chosen, _filter = QFileDialog.getSaveFileName(self, _("Save the template"), str(Path.home() / name),
                                                          _("Excel workbooks (*.xlsx)"))
            if not chosen:
                return None
            target = Path(chosen)
        destination = target

        def saved(_result: object) -> None:
            self.template_note.setText(_("Template saved: {path}").format(path=destination))

        if kind is ImportKind.SCORES:
            work = score_template_job(self.importer.context.ward, month, destination)
            return self.importer.run(_("Saving the template…"), work, saved)
        source = template_path(kind)
        return self.importer.run(_("Saving the template…"), lambda: shutil.copyfile(source, destination), saved)

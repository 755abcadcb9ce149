"""The import wizard (File ▸ Import data…, Ctrl+I): a fingerprint clock's log, a staff list or past events
brought into the record book with a preview first (rows read, rows to add, rows skipped and why), then
written all or nothing.

The clerk chooses what and which file; a CSV/XLSX clock report gets its columns mapped once, and the mapping
is remembered under a name and offered again for the next report of the same clock. Every read of the file
and every write runs off the GUI thread on the path-based services, which open the database themselves;
the window's ``Ward`` is only read for the staff to link an unknown clock id to.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.access import Permission
from ward_office.core.errors import InputFileError, InputProblem, WardOfficeError
from ward_office.core.staff import Staff
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_number
from ward_office.i18n.text import fold, name_sort_key
from ward_office.importers.clock_logs import ColumnMapping
from ward_office.services import records
from ward_office.services.clock_import import (
    ClockFileLayout,
    ClockImportSummary,
    ClockPreview,
    ColumnMappingError,
    LinkSummary,
    UnknownClockId,
    import_clock,
    inspect_clock_file,
    link_clock_id,
    preview_clock_import,
)

from ward_office.ui import widgets
from ward_office.ui.context import Topic, WardContext
from ward_office.ui.import_models import change_model, problem_model, skipped_model, unknown_model
from ward_office.ui.jobs import Job, run_in_background
from ward_office.ui.models import Column, RecordTableModel, SearchProxy


class ImportKind(StrEnum):
    CLOCK = "clock"
    STAFF = "staff"  # the names of records.TEMPLATES
    EVENTS = "events"


KIND_LABELS = {
    ImportKind.CLOCK: N_("&Fingerprint clock log"),
    ImportKind.STAFF: N_("&Staff list"),
    ImportKind.EVENTS: N_("&Past violations and commendations"),
}
KIND_HINTS = {
    ImportKind.CLOCK: N_("The clock's USB download (1_attlog.dat), lines saved from an ADMS server, or a CSV or "
                         "Excel report (Wise Eye…). Punches already stored are not added twice; attendance is "
                         "worked out per session from the working hours, and a record entered by hand always wins."),
    ImportKind.STAFF: N_("An Excel or CSV list with the columns of the template: code, full name, gender, position, "
                         "department, badge number, clock id… New codes are added and changed people updated."),
    ImportKind.EVENTS: N_("An Excel or CSV list of violations and commendations with the columns of the template: "
                          "date, staff code, criterion code, note. An event already on record is not added twice."),
}
FILE_FILTERS = {
    ImportKind.CLOCK: N_("Clock logs (*.dat *.txt *.csv *.xlsx);;All files (*)"),
    ImportKind.STAFF: N_("Excel or CSV lists (*.xlsx *.csv);;All files (*)"),
    ImportKind.EVENTS: N_("Excel or CSV lists (*.xlsx *.csv);;All files (*)"),
}

CHOOSE, MAPPING, PREVIEW, DONE = range(4)
STEP_TITLES = {
    CHOOSE: N_("What to import, and from which file"),
    MAPPING: N_("Which columns of the report hold what"),
    PREVIEW: N_("Check what the import will do"),
    DONE: N_("Import finished"),
}
DATE_ORDER_LABELS = (("dmy", N_("day/month/year (14/05/2026)")), ("mdy", N_("month/day/year (05/14/2026)")))


def _now_on(today: Callable[[], Any]) -> datetime:
    """The moment to judge days against: the window's today at the clock's time, so a test's fixed today
    and a real one behave alike."""
    return datetime.combine(today(), datetime.now().time())


def _table(model: Any, name: str, accessible_name: str) -> QAbstractItemView:
    proxy = SearchProxy()
    proxy.setSourceModel(model)
    table = widgets.record_table(proxy, name, accessible_name)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class MappingPanel(QWidget):
    """The columns of a CSV/XLSX clock report: which holds the clock id, the date and time (one column, or a
    date and one or more time columns), the device; prefilled from the mapping used last time for a report
    with these columns, else from the usual header names."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved = QComboBox()
        self.saved.setObjectName("saved_mapping")
        self.clock_id = QComboBox()
        self.clock_id.setObjectName("clock_id_column")
        self.one_column = QRadioButton(_("Date and time in &one column"))
        self.separate = QRadioButton(_("&Date in one column, times in others"))
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.one_column)
        self.mode.addButton(self.separate)
        self.one_column.setChecked(True)
        self.datetime = QComboBox()
        self.datetime.setObjectName("datetime_column")
        self.date = QComboBox()
        self.date.setObjectName("date_column")
        self.times_model = QStandardItemModel(self)
        self.times = QListView()
        self.times.setObjectName("time_columns")
        self.times.setModel(self.times_model)
        self.times.setAccessibleName(_("Time columns"))
        self.times.setToolTip(_("Tick every column holding a time; Space ticks the current one"))
        self.device = QComboBox()
        self.device.setObjectName("device_column")
        self.date_order = QComboBox()
        self.date_order.setObjectName("date_order")
        for code, label in DATE_ORDER_LABELS:
            self.date_order.addItem(_(label), code)
        self.remember = QCheckBox(_("&Remember these columns as:"))
        self.remember.setChecked(True)
        self.name = QLineEdit()
        self.name.setObjectName("mapping_name")
        self.name.setAccessibleName(_("Name of the column mapping"))
        self.name.setPlaceholderText(_("e.g. Wise Eye clock at the one-stop desk"))
        self.headers: tuple[str, ...] = ()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(form, _("&Saved mapping:"), self.saved)
        self._row(form, _("&Clock id column:"), self.clock_id)
        modes = QHBoxLayout()
        modes.addWidget(self.one_column)
        modes.addWidget(self.separate)
        modes.addStretch(1)
        form.addRow(QLabel(_("Date and time:")), modes)
        self.datetime_label = self._row(form, _("Date and &time column:"), self.datetime)
        self.date_label = self._row(form, _("Da&te column:"), self.date)
        self.times_label = self._row(form, _("T&ime columns:"), self.times)
        self._row(form, _("D&evice column:"), self.device)
        self._row(form, _("Dates &written as:"), self.date_order)
        remember = QHBoxLayout()
        remember.addWidget(self.remember)
        remember.addWidget(self.name, 1)
        form.addRow(remember)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {widgets.MUTED.name()}")
        self.sample_model: RecordTableModel[tuple[str, ...]] = RecordTableModel(())
        self.sample = widgets.record_table(self.sample_model, "sample_rows", _("The first rows of the file"))
        self.sample.setSortingEnabled(False)
        sample_label = QLabel(_("The first rows of the file:"))
        self.missing = QLabel()
        self.missing.setObjectName("mapping_missing")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(f"color: {widgets.WARN.name()}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.missing)
        layout.addWidget(sample_label)
        layout.addWidget(self.sample, 1)
        self.changed.connect(lambda: self.missing.setText(self.problem()))

        self.saved.currentIndexChanged.connect(self._saved_chosen)
        for combo in (self.clock_id, self.datetime, self.date, self.device, self.date_order):
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.mode.buttonToggled.connect(self._mode_changed)
        self.times_model.itemChanged.connect(lambda _item: self.changed.emit())
        self.remember.toggled.connect(self._remember_toggled)
        self.name.textChanged.connect(lambda _text: self.changed.emit())
        self._layout: ClockFileLayout | None = None
        self._mode_changed()

    @staticmethod
    def _row(form: QFormLayout, text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        form.addRow(label, field)
        return label

    def set_layout(self, layout: ClockFileLayout) -> None:
        """Offer the file's columns, and choose them as last time for these columns, or as guessed."""
        self._layout = layout
        self.headers = tuple(header for header in layout.headers if header)
        for combo, optional in ((self.clock_id, False), (self.datetime, False), (self.date, False),
                                (self.device, True)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("(none)") if optional else _("(choose a column)"), "")
            for header in self.headers:
                combo.addItem(header, header)
            combo.blockSignals(False)
        self.times_model.clear()
        for header in self.headers:
            item = QStandardItem(header)
            item.setCheckable(True)
            item.setEditable(False)
            self.times_model.appendRow(item)
        shown_rows = min(max(len(self.headers), 2), 6)
        self.times.setMaximumHeight(self.times.sizeHintForRow(0) * shown_rows + 2 * self.times.frameWidth() + 4)
        self.sample_model = RecordTableModel(tuple(
            Column(header, lambda row, index=index: row[index] if index < len(row) else "")
            for index, header in enumerate(layout.headers)), self)
        self.sample_model.set_records(layout.sample)
        self.sample.setModel(self.sample_model)
        self.sample.resizeColumnsToContents()
        self.saved.blockSignals(True)
        self.saved.clear()
        self.saved.addItem(_("(guessed from the column names)") if layout.guessed else _("(a new mapping)"), "")
        for mapping in layout.saved:
            self.saved.addItem(mapping.name, mapping.name)
        self.saved.blockSignals(False)
        if layout.remembered is not None:
            self.saved.setCurrentIndex(self.saved.findData(layout.remembered.name))
            self.hint.setText(_("These columns were read with the mapping “{name}” last time; check them and go "
                                "on.").format(name=layout.remembered.name))
        else:
            self.saved.setCurrentIndex(0)
            self.hint.setText(_("Choose which column holds what. The columns are remembered under the name below, "
                                "so the next report from this clock is read the same way."))
        self._saved_chosen()

    def _saved_chosen(self) -> None:
        layout = self._layout
        if layout is None:
            return
        name = self.saved.currentData()
        mapping = next((mapping for mapping in layout.saved if mapping.name == name), None) if name else None
        self.apply(mapping or layout.guessed)
        if mapping is not None:
            self.name.setText(mapping.name)
        elif not self.name.text().strip() or self.name.text() in {saved.name for saved in layout.saved}:
            self.name.setText(_("Clock report {number}").format(number=len(layout.saved) + 1))

    def apply(self, mapping: ColumnMapping | None) -> None:
        """Show ``mapping``'s columns; a column this file lacks is left unchosen."""
        if mapping is None:
            mapping = ColumnMapping("", clock_id="-", datetime="-")  # matches no header: nothing chosen

        def choose(combo: QComboBox, header: str) -> None:
            index = combo.findData(self._header(header)) if header else 0
            combo.setCurrentIndex(max(index, 0))

        choose(self.clock_id, mapping.clock_id)
        choose(self.datetime, mapping.datetime)
        choose(self.date, mapping.date)
        choose(self.device, mapping.device)
        self.date_order.setCurrentIndex(max(self.date_order.findData(mapping.date_order), 0))
        wanted = {self._header(header) for header in mapping.times}
        for row in range(self.times_model.rowCount()):
            item = self.times_model.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked)
        (self.separate if mapping.date and mapping.times else self.one_column).setChecked(True)
        self._mode_changed()

    def _header(self, name: str) -> str:
        """The file's own spelling of a header a mapping names (compared without accents or case)."""
        return next((header for header in self.headers if fold(header) == fold(name)), "")

    def _mode_changed(self, *_args: object) -> None:
        separate = self.separate.isChecked()
        for widget in (self.datetime_label, self.datetime):
            widget.setVisible(not separate)
        for widget in (self.date_label, self.date, self.times_label, self.times):
            widget.setVisible(separate)
        self.changed.emit()

    def _remember_toggled(self, on: bool) -> None:
        self.name.setEnabled(on)
        self.changed.emit()

    def checked_times(self) -> tuple[str, ...]:
        return tuple(self.times_model.item(row).text() for row in range(self.times_model.rowCount())
                     if self.times_model.item(row).checkState() == Qt.CheckState.Checked)

    def problem(self) -> str:
        """What is still missing, in words; empty when the mapping is complete."""
        if not self.clock_id.currentData():
            return _("Choose the column holding the clock id.")
        if self.separate.isChecked():
            if not self.date.currentData():
                return _("Choose the column holding the date.")
            if not self.checked_times():
                return _("Tick at least one column holding a time.")
        elif not self.datetime.currentData():
            return _("Choose the column holding the date and time.")
        if self.remember.isChecked() and not self.name.text().strip():
            return _("Give the column mapping a name, or untick “Remember”.")
        return ""

    def mapping(self) -> ColumnMapping:
        problem = self.problem()
        if problem:
            raise ColumnMappingError(problem)
        separate = self.separate.isChecked()
        return ColumnMapping(
            name=self.save_name(), clock_id=self.clock_id.currentData(),
            datetime="" if separate else self.datetime.currentData(),
            date=self.date.currentData() if separate else "", times=self.checked_times() if separate else (),
            device=self.device.currentData() or "", date_order=self.date_order.currentData())

    def save_name(self) -> str:
        return self.name.text().strip() if self.remember.isChecked() else ""


class UnknownIdsPanel(QWidget):
    """Clock ids nobody has, with the lines they are on, and a staff chooser to give one to a person."""

    link_requested = Signal(str, int)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RecordTableModel[UnknownClockId] = unknown_model()
        self.table = _table(self.model, name, _("Clock ids of nobody"))
        self.person = QComboBox()
        self.person.setObjectName(f"{name}_person")
        self.person.setMinimumContentsLength(24)
        label = QLabel(_("Give the chosen id &to:"))
        label.setBuddy(self.person)
        self.link_button = QPushButton(_("&Link"))
        self.link_button.setObjectName(f"{name}_link")
        self.link_button.setToolTip(_("The person gets this clock id, and their attendance is worked out from the "
                                      "punches of this id"))
        self.link_button.clicked.connect(self._link_clicked)
        self.note = QLabel(_("Punches of these ids are kept; once an id is given to a staff member, their "
                             "attendance is worked out from those punches."))
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {widgets.MUTED.name()}")
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName(f"{name}_result")
        chooser = QHBoxLayout()
        chooser.addWidget(label)
        chooser.addWidget(self.person, 1)
        chooser.addWidget(self.link_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(chooser)
        layout.addWidget(self.result)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update())
        self.person.currentIndexChanged.connect(lambda _index: self._update())
        self.writable = True

    def set_unknown(self, unknown: Sequence[UnknownClockId], staff: Sequence[Staff]) -> None:
        chosen = self.selected_clock_id()
        self.model.set_records(unknown)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.resizeColumnsToContents()
        people = sorted((person for person in staff if not person.clock_id.strip() and person.id is not None),
                        key=lambda person: name_sort_key(person.full_name))
        kept = self.person.currentData()
        self.person.clear()
        for person in people:
            self.person.addItem(_("{name} ({code})").format(name=person.full_name, code=person.code), person.id)
        if not people:
            self.person.addItem(_("(everyone has a clock id; clear a wrong one on the Staff page)"), None)
        self.person.setCurrentIndex(max(self.person.findData(kept), 0) if kept is not None else 0)
        self.select(chosen or (unknown[0].clock_id if unknown else None))

    def select(self, clock_id: str | None) -> None:
        proxy = self.table.model()
        for row in range(proxy.rowCount()):
            if proxy.index(row, 0).data() == clock_id:
                self.table.selectionModel().setCurrentIndex(
                    proxy.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                break
        self._update()

    def selected_clock_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data() if rows else None

    def _update(self) -> None:
        self.link_button.setEnabled(self.writable and self.selected_clock_id() is not None
                                    and self.person.currentData() is not None)

    def _link_clicked(self) -> None:
        clock_id, staff_id = self.selected_clock_id(), self.person.currentData()
        if clock_id is not None and staff_id is not None:
            self.link_requested.emit(clock_id, int(staff_id))


class ImportWizard(QDialog):
    """Choose, (map columns,) preview, import, summary; Back goes one step back until the import is done."""

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("import_wizard")
        self.setWindowTitle(_("Import data"))
        self.setMinimumSize(760, 560)
        self.busy = False
        self.layout_info: ClockFileLayout | None = None
        self.preview: ClockPreview | records.ImportSummary | None = None
        self.refusal: WardOfficeError | None = None
        self.result: ClockImportSummary | records.ImportSummary | None = None
        self.saved_mapping = ""
        self._job: Job | None = None

        self.heading = QLabel()
        self.heading.setObjectName("wizard_heading")
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_choose())
        self.mapping = MappingPanel()
        self.mapping.changed.connect(self._update_buttons)
        self.stack.addWidget(self.mapping)
        self.stack.addWidget(self._build_preview())
        self.stack.addWidget(self._build_done())

        self.buttons = QDialogButtonBox()
        self.back_button = QPushButton(_("&Back"))
        self.back_button.setAutoDefault(False)
        self.next_button = self.buttons.addButton(_("&Next"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton(_("&Import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setObjectName("import_button")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.buttons, 1)
        layout.addLayout(bottom)
        self._show_step(CHOOSE)

    # ---- Step 1: what and which file ----

    def _build_choose(self) -> QWidget:
        page = QWidget()
        self.kind_group = QButtonGroup(self)
        kinds = QVBoxLayout()
        self.kind_buttons: dict[ImportKind, QRadioButton] = {}
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
        self.path = QLineEdit()
        self.path.setObjectName("import_file")
        self.path.setPlaceholderText(_("Choose the file, or type or paste its path"))
        path_label = QLabel(_("F&ile:"))
        path_label.setBuddy(self.path)
        self.browse_button = QPushButton(_("&Choose a file…"))
        self.browse_button.clicked.connect(self.choose_file)
        self.template_button = QPushButton(_("Download the &template…"))
        self.template_button.setObjectName("template_button")
        self.template_button.setToolTip(_("Save a blank Excel list with the right columns, to fill in and import"))
        self.template_button.clicked.connect(lambda: self.save_template())
        self.template_note = QLabel()
        self.template_note.setWordWrap(True)
        self.template_note.setObjectName("template_note")
        file_row = QHBoxLayout()
        file_row.addWidget(path_label)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse_button)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_button)
        template_row.addWidget(self.template_note, 1)

        layout = QVBoxLayout(page)
        what = QLabel(_("What do you want to import?"))
        layout.addWidget(what)
        layout.addLayout(kinds)
        layout.addWidget(self.kind_hint)
        layout.addSpacing(12)
        layout.addLayout(file_row)
        layout.addLayout(template_row)
        layout.addStretch(1)
        self.kind_group.buttonToggled.connect(self._kind_changed)
        self.path.textChanged.connect(self._file_changed)
        self._kind_changed()
        return page

    def kind(self) -> ImportKind:
        return next(kind for kind, button in self.kind_buttons.items() if button.isChecked())

    def set_kind(self, kind: ImportKind) -> None:
        self.kind_buttons[kind].setChecked(True)

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
        self._forget_file()

    def _file_changed(self) -> None:
        self._forget_file()

    def _forget_file(self) -> None:
        self.layout_info = None
        self.preview = None
        self.refusal = None
        if hasattr(self, "buttons"):
            self._update_buttons()

    def choose_file(self) -> None:
        start = str(self.file().parent) if self.file() else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose the file to import"), start,
                                                    _(FILE_FILTERS[self.kind()]))
        if path:
            self.set_file(path)

    def save_template(self, target: Path | None = None) -> Job | None:
        """Copy the blank list for a staff or events import where the user chooses (or to ``target``)."""
        kind = self.kind()
        if kind is ImportKind.CLOCK:
            return None
        source = records.template_path(kind.value)
        if target is None:
            chosen, _filter = QFileDialog.getSaveFileName(self, _("Save the template"), str(Path.home() / source.name),
                                                          _("Excel workbooks (*.xlsx)"))
            if not chosen:
                return None
            target = Path(chosen)
        destination = target

        def saved(_result: object) -> None:
            self.template_note.setText(_("Template saved: {path}").format(path=destination))

        return self._run(_("Saving the template…"), lambda: shutil.copyfile(source, destination), saved)

    # ---- Step 3: the preview ----

    def _build_preview(self) -> QWidget:
        page = QWidget()
        self.headline = QLabel()
        self.headline.setObjectName("preview_headline")
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts = QFormLayout()
        self.counts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("preview_tabs")
        self.changes_model = change_model()
        self.changes_table = _table(self.changes_model, "session_changes", _("Attendance sessions that change"))
        self.unknown_panel = UnknownIdsPanel("unknown_ids")
        self.unknown_panel.link_requested.connect(self.link)
        self.problems_model = problem_model()
        self.problems_table = _table(self.problems_model, "problems", _("Lines with a problem"))
        self.skipped_model = skipped_model()
        self.skipped_table = _table(self.skipped_model, "skipped_rows", _("Rows skipped"))
        for widget in (self.changes_table, self.unknown_panel, self.problems_table, self.skipped_table):
            self.tabs.addTab(widget, "")
        layout = QVBoxLayout(page)
        layout.addWidget(self.headline)
        layout.addLayout(self.counts)
        layout.addWidget(self.tabs, 1)
        return page

    def _tab(self, widget: QWidget, text: str, count: int | None) -> None:
        index = self.tabs.indexOf(widget)
        self.tabs.setTabText(index, text.format(count=format_number(count or 0)))
        self.tabs.setTabVisible(index, count is not None)

    def _set_counts(self, rows: Sequence[tuple[str, str]]) -> None:
        while self.counts.rowCount():
            self.counts.removeRow(0)
        for label, value in rows:
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.counts.addRow(QLabel(label), shown)

    def _show_preview(self) -> None:
        preview, refusal = self.preview, self.refusal
        file = self.file()
        name = file.name if file else ""
        if refusal is not None:
            self._show_refusal(refusal)
        elif isinstance(preview, ClockPreview):
            self._show_clock_preview(preview, name)
        elif isinstance(preview, records.ImportSummary):
            self._show_list_preview(preview, name)
        if self.context.ward.read_only:
            self.headline.setText(self.headline.text() + "\n" + _(
                "The record book is open to view only here; nothing can be imported."))
        self.unknown_panel.writable = not self.context.ward.read_only
        self._update_buttons()

    def _show_refusal(self, error: WardOfficeError) -> None:
        problems: list[InputProblem] = list(error.problems) if isinstance(error, InputFileError) else []
        text = error.localized().splitlines()[0] if problems else error.localized()
        self.headline.setText(text + "\n" + _("Correct the file and choose it again; nothing was written."))
        self.headline.setStyleSheet(f"color: {widgets.BAD.name()}")
        self._set_counts([])
        self.problems_model.set_records(problems)
        self.problems_table.resizeColumnsToContents()
        self._tab(self.problems_table, _("Problems ({count})"), len(problems) if problems else None)
        for widget in (self.changes_table, self.unknown_panel, self.skipped_table):
            self._tab(widget, "", None)

    def _show_clock_preview(self, preview: ClockPreview, name: str) -> None:
        self.headline.setStyleSheet("")
        if preview.new or preview.changes:
            self.headline.setText(_("Nothing is written until you press Import. The punches and the attendance below "
                                    "are written together, or not at all."))
        else:
            self.headline.setText(_("Everything in this file is already in the record book: importing adds "
                                    "nothing."))
        details = [preview.encoding.upper() if preview.encoding else ""]
        if preview.devices:
            details.append(_("devices: {names}").format(names=", ".join(preview.devices)))
        days = ""
        if preview.days:
            days = _("{first} to {last} ({count} days)").format(
                first=format_date(preview.days[0]), last=format_date(preview.days[-1]),
                count=format_number(len(preview.days)))
        rows = [
            (_("File:"), " · ".join([name, *[detail for detail in details if detail]])),
            (_("Punches read:"), format_number(preview.read)),
            (_("Repeated within 3 minutes, dropped:"), format_number(preview.duplicates)),
            (_("Punches to add:"), _("{new} new; {stored} already stored").format(
                new=format_number(preview.new), stored=format_number(preview.already_stored))),
            (_("Days:"), days or "—"),
            (_("Attendance sessions:"), _("{added} to add, {replaced} to change, {removed} to remove; {kept} kept as "
                                          "entered by hand").format(
                added=format_number(preview.added), replaced=format_number(preview.replaced),
                removed=format_number(preview.removed), kept=format_number(preview.manual_kept))),
            (_("Lines skipped:"), format_number(len(preview.problems))),
            (_("Clock ids of nobody:"), _("{ids} ids, {punches} punches").format(
                ids=format_number(len(preview.unknown)),
                punches=format_number(sum(unknown.count for unknown in preview.unknown)))),
        ]
        if preview.not_judged:
            rows.append((_("Days not judged yet:"), ", ".join(format_date(day) for day in preview.not_judged)))
        self._set_counts(rows)
        self.changes_model.set_records(preview.changes)
        self.changes_table.resizeColumnsToContents()
        self.problems_model.set_records(preview.problems)
        self.problems_table.resizeColumnsToContents()
        self.unknown_panel.set_unknown(preview.unknown, self.context.ward.staff())
        self._tab(self.changes_table, _("Attendance changes ({count})"), len(preview.changes))
        self._tab(self.unknown_panel, _("Clock ids of nobody ({count})"), len(preview.unknown))
        self._tab(self.problems_table, _("Lines skipped ({count})"), len(preview.problems))
        self._tab(self.skipped_table, "", None)
        self.tabs.setCurrentWidget(self.unknown_panel if preview.unknown else self.changes_table)

    def _show_list_preview(self, preview: records.ImportSummary, name: str) -> None:
        self.headline.setStyleSheet("")
        if preview.added or preview.updated:
            self.headline.setText(_("Nothing is written until you press Import; then every row below is written, or "
                                    "none."))
        else:
            self.headline.setText(_("Everything in this file is already in the record book: importing adds "
                                    "nothing."))
        rows = [(_("File:"), name), (_("Rows read:"), format_number(preview.rows)),
                (_("Rows to add:"), format_number(preview.added))]
        if self.kind() is ImportKind.STAFF:
            rows.append((_("People to update:"), format_number(preview.updated)))
            rows.append((_("Unchanged:"), format_number(preview.unchanged)))
            if preview.new_departments:
                rows.append((_("New departments:"), ", ".join(preview.new_departments)))
        else:
            rows.append((_("Already on record:"), format_number(preview.unchanged)))
        reasons = "; ".join(_("{count} {reason}").format(count=format_number(len(lines)), reason=_(reason))
                            for reason, lines in preview.skipped_by_reason().items())
        rows.append((_("Rows skipped:"), format_number(len(preview.skipped)) + (f" ({reasons})" if reasons else "")))
        self._set_counts(rows)
        self.skipped_model.set_records(preview.skipped)
        self.skipped_table.resizeColumnsToContents()
        self._tab(self.skipped_table, _("Rows skipped ({count})"), len(preview.skipped))
        for widget in (self.changes_table, self.unknown_panel, self.problems_table):
            self._tab(widget, "", None)

    # ---- Step 4: done ----

    def _build_done(self) -> QWidget:
        page = QWidget()
        self.done_text = QLabel()
        self.done_text.setObjectName("done_text")
        self.done_text.setWordWrap(True)
        self.done_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_unknown = UnknownIdsPanel("done_unknown_ids")
        self.done_unknown.link_requested.connect(self.link)
        self.done_unknown.note.hide()  # the text above says it
        layout = QVBoxLayout(page)
        layout.addWidget(self.done_text)
        layout.addWidget(self.done_unknown, 1)
        layout.addStretch(0)
        return page

    def _show_done(self) -> None:
        result = self.result
        lines: list[str] = []
        unknown: tuple[UnknownClockId, ...] = ()
        if isinstance(result, ClockImportSummary):
            preview = result.preview
            lines.append(_("Written: {punches} punches and {sessions} attendance sessions, in one go.").format(
                punches=format_number(result.punches_added), sessions=format_number(result.sessions_changed)))
            if self.saved_mapping:
                lines.append(_("The columns were remembered as “{name}” for the next report.").format(
                    name=self.saved_mapping))
            if preview.problems:
                lines.append(_("{count} lines of the file were skipped.").format(
                    count=format_number(len(preview.problems))))
            lines.append(_("The attendance is on the Attendance page."))
            unknown = preview.unknown
            if unknown:
                lines.append(_("Their punches are kept, but these clock ids belong to nobody yet; give each one to "
                               "its owner below and their attendance is worked out at once."))
        elif isinstance(result, records.ImportSummary):
            if self.kind() is ImportKind.STAFF:
                lines.append(_("Written: {added} people added, {updated} updated; {unchanged} unchanged.").format(
                    added=format_number(result.added), updated=format_number(result.updated),
                    unchanged=format_number(result.unchanged)))
                if result.new_departments:
                    lines.append(_("New departments: {names}").format(names=", ".join(result.new_departments)))
                lines.append(_("The list is on the Staff page."))
            else:
                lines.append(_("Written: {added} violations and commendations; {unchanged} were already on "
                               "record.").format(added=format_number(result.added),
                                                 unchanged=format_number(result.unchanged)))
                lines.append(_("They are on the Events page and count in the scores at once."))
            if result.skipped:
                lines.append(_("{count} rows were skipped.").format(count=format_number(len(result.skipped))))
        self.done_text.setText("\n".join(lines))
        self.done_unknown.setVisible(bool(unknown))
        self.done_unknown.writable = not self.context.ward.read_only
        self.done_unknown.set_unknown(unknown, self.context.ward.staff())

    # ---- Moving between steps ----

    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    def _show_step(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        number = {CHOOSE: 1, MAPPING: 2, PREVIEW: 3 if self._needs_mapping() else 2, DONE: 4 if
                  self._needs_mapping() else 3}[step]
        total = 4 if self._needs_mapping() else 3
        self.heading.setText(_("Step {number} of {total}: {title}").format(number=number, total=total,
                                                                          title=_(STEP_TITLES[step])))
        self._update_buttons()
        focus = {CHOOSE: self.kind_group.checkedButton(), MAPPING: self.mapping.clock_id,
                 PREVIEW: self.tabs, DONE: self.close_button}[step]
        if focus is not None:
            focus.setFocus()

    def _needs_mapping(self) -> bool:
        return self.kind() is ImportKind.CLOCK and self.layout_info is not None and self.layout_info.needs_mapping

    def _update_buttons(self) -> None:
        step = self.step
        file = self.file()
        ready = {
            CHOOSE: file is not None and file.is_file(),
            MAPPING: not self.mapping.problem(),
            PREVIEW: False,
            DONE: False,
        }[step]
        self.back_button.setVisible(step in (MAPPING, PREVIEW))
        self.next_button.setVisible(step in (CHOOSE, MAPPING))
        self.import_button.setVisible(step == PREVIEW)
        self.cancel_button.setVisible(step != DONE)
        self.close_button.setVisible(step == DONE)
        self.next_button.setEnabled(ready and not self.busy)
        self.back_button.setEnabled(not self.busy)
        can_import = (self.preview is not None and self.refusal is None and not self.context.ward.read_only)
        self.import_button.setEnabled(can_import and not self.busy)
        self.cancel_button.setEnabled(not self.busy)
        default: QAbstractButton = {CHOOSE: self.next_button, MAPPING: self.next_button, PREVIEW: self.import_button,
                                    DONE: self.close_button}[step]
        for button in (self.next_button, self.import_button, self.close_button):
            if isinstance(button, QPushButton):
                button.setDefault(button is default)

    def go_next(self) -> None:
        if self.busy:
            return
        if self.step == CHOOSE:
            file = self.file()
            if file is None or not file.is_file():
                widgets.show_error(self, _("There is no file {path}").format(path=file or ""))
                return
            if self.kind() is ImportKind.CLOCK:
                self.inspect()
            else:
                self.start_preview()
        elif self.step == MAPPING:
            try:
                self.mapping.mapping()
            except WardOfficeError as error:
                widgets.show_error(self, error)
                return
            self.start_preview()

    def go_back(self) -> None:
        if self.busy:
            return
        if self.step == PREVIEW and self._needs_mapping():
            self._show_step(MAPPING)
        elif self.step in (MAPPING, PREVIEW):
            self._show_step(CHOOSE)

    def reject(self) -> None:
        if not self.busy:  # a job's answer must find the wizard still there
            super().reject()

    def accept(self) -> None:
        if not self.busy:
            super().accept()

    # ---- Background work ----

    def _run(self, label: str, work: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None] | None = None) -> Job:
        self.busy = True
        self._update_buttons()

        def done(result: Any) -> None:
            self.busy = False
            on_done(result)
            self._update_buttons()

        def failed(error: BaseException) -> None:
            self.busy = False
            if on_error is not None and isinstance(error, WardOfficeError):
                on_error(error)
            else:
                widgets.show_error(self, error)
            self._update_buttons()

        self._job = run_in_background(self, label, work, done, failed)
        return self._job

    def _paths(self) -> tuple[Path, Path]:
        file = self.file()
        assert file is not None
        return Path(self.context.ward.path), file

    def inspect(self) -> Job:
        """Find out whether the clock file is a log or a table whose columns need mapping."""
        db, file = self._paths()

        def inspected(layout: ClockFileLayout) -> None:
            self.layout_info = layout
            if layout.needs_mapping:
                self.mapping.set_layout(layout)
                self._show_step(MAPPING)
            else:
                self.start_preview()

        return self._run(_("Reading the file…"), lambda: inspect_clock_file(db, file), inspected, self._refused)

    def _mapping_for_file(self) -> ColumnMapping | None:
        return self.mapping.mapping() if self._needs_mapping() else None

    def start_preview(self) -> Job:
        """A trial run: what the import would do, nothing written."""
        db, file = self._paths()
        kind = self.kind()
        actor = self.context.ward.actor
        work: Callable[[], Any]
        if kind is ImportKind.CLOCK:
            mapping, now = self._mapping_for_file(), _now_on(self.context.today)

            def work() -> ClockPreview:
                return preview_clock_import(db, file, mapping=mapping, now=now)
        elif kind is ImportKind.STAFF:
            def work() -> records.ImportSummary:
                return records.import_staff(db, file, dry_run=True, actor=actor)
        else:
            def work() -> records.ImportSummary:
                return records.import_events(db, file, dry_run=True, actor=actor)

        def previewed(preview: ClockPreview | records.ImportSummary) -> None:
            self.preview, self.refusal = preview, None
            self._show_step(PREVIEW)
            self._show_preview()

        return self._run(_("Checking the file…"), work, previewed, self._refused)

    def _refused(self, error: BaseException) -> None:
        assert isinstance(error, WardOfficeError)
        self.preview, self.refusal = None, error
        self._show_step(PREVIEW)
        self._show_preview()

    def start_import(self) -> Job | None:
        if self.busy or self.preview is None or self.refusal is not None:
            return None
        try:
            self.context.ward.require(Permission.RECORD)
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return None
        db, file = self._paths()
        kind = self.kind()
        actor, account = self.context.ward.actor, self.context.ward.account  # the service checks the account
        work: Callable[[], Any]
        save_as = ""
        if kind is ImportKind.CLOCK:
            mapping, now = self._mapping_for_file(), _now_on(self.context.today)
            save_as = self.mapping.save_name() if mapping is not None else ""

            def work() -> ClockImportSummary:
                return import_clock(db, file, mapping=mapping, save_mapping_as=save_as, actor=actor, now=now,
                                    account=account)
            topics = [Topic.ATTENDANCE]
        elif kind is ImportKind.STAFF:
            def work() -> records.ImportSummary:
                return records.import_staff(db, file, actor=actor, account=account)
            topics = [Topic.STAFF]
        else:
            def work() -> records.ImportSummary:
                return records.import_events(db, file, actor=actor, account=account)
            topics = [Topic.EVENTS]

        def imported(result: ClockImportSummary | records.ImportSummary) -> None:
            self.result = result
            self.saved_mapping = save_as
            if isinstance(result, records.ImportSummary) and result.new_departments:
                topics.append(Topic.SETTINGS)
            for topic in topics:
                self.context.changed.emit(topic)
            self._show_step(DONE)
            self._show_done()

        def failed(error: BaseException) -> None:
            widgets.show_error(self, error)

        return self._run(_("Importing…"), work, imported, failed)

    def link(self, clock_id: str, staff_id: int) -> Job | None:
        """Give ``clock_id`` to a person; before the import the preview is worked out again with it."""
        if self.busy:
            return None
        try:
            self.context.ward.require(Permission.RECORD)
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return None
        db = Path(self.context.ward.path)
        actor, now = self.context.ward.actor, _now_on(self.context.today)
        account = self.context.ward.account
        panel = self.done_unknown if self.step == DONE else self.unknown_panel

        def linked(summary: LinkSummary) -> None:
            self.context.changed.emit(Topic.STAFF)
            self.context.changed.emit(Topic.ATTENDANCE)
            panel.result.setText(summary.localized())
            if self.step == DONE:
                left = [unknown for unknown in panel.model.records() if unknown.clock_id != summary.clock_id]
                panel.set_unknown(left, self.context.ward.staff())
            else:
                self.start_preview()

        return self._run(_("Linking the clock id…"), lambda: link_clock_id(db, clock_id, staff_id, actor=actor,
                                                                           now=now, account=account), linked)

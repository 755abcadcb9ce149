"""Step 2, for a CSV/XLSX clock report: which column holds the clock id, the date and time (one column, or a
date and one or more time columns), the device; prefilled from the mapping used last time for a report with
these columns, else from the usual header names, and remembered under a name for the next report. A staff
sheet's columns are chosen on the same step, with the panel of ``staff_mapping``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.errors import WardOfficeError
from ward_office.i18n import N_, _
from ward_office.i18n.text import fold

from ward_office.ui import widgets
from ward_office.ui.imports._services import ClockFileLayout, ColumnMapping, ColumnMappingError
from ward_office.ui.imports.rating_mapping import RatingMappingPanel
from ward_office.ui.imports.staff_mapping import StaffMappingPanel
from ward_office.ui.imports.steps import MAPPING, PREVIEW, STEP_TITLES, ImportPage
from ward_office.ui.widgets.models import Column, RecordTableModel

if TYPE_CHECKING:
    from ward_office.ui.imports.wizard import ImportWizard

DATE_ORDER_LABELS = (("dmy", N_("day/month/year (14/05/2026)")), ("mdy", N_("month/day/year (05/14/2026)")))


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    return combo


def _row(form: QFormLayout, text: str, field: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(field)
    form.addRow(label, field)
    return label


class MappingPanel(QWidget):
    """The columns of a clock report, chosen; ``changed`` fires on every choice."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers: tuple[str, ...] = ()
        self._layout: ClockFileLayout | None = None
        self._make_fields()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {widgets.MUTED.name()}")
        self.sample_model: RecordTableModel[tuple[str, ...]] = RecordTableModel(())
        self.sample = widgets.record_table(self.sample_model, "sample_rows", _("The first rows of the file"))
        self.sample.setSortingEnabled(False)
        self.missing = QLabel()
        self.missing.setObjectName("mapping_missing")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(f"color: {widgets.WARN.name()}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(self._form())
        layout.addWidget(self.missing)
        layout.addWidget(QLabel(_("The first rows of the file:")))
        layout.addWidget(self.sample, 1)
        self._connect()
        self._mode_changed()

    def _make_fields(self) -> None:
        self.saved = _combo("saved_mapping")
        self.clock_id = _combo("clock_id_column")
        self.one_column = QRadioButton(_("Date and time in &one column"))
        self.separate = QRadioButton(_("&Date in one column, times in others"))
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.one_column)
        self.mode.addButton(self.separate)
        self.one_column.setChecked(True)
        self.datetime = _combo("datetime_column")
        self.date = _combo("date_column")
        self.times_model = QStandardItemModel(self)
        self.times = QListView()
        self.times.setObjectName("time_columns")
        self.times.setModel(self.times_model)
        self.times.setAccessibleName(_("Time columns"))
        self.times.setToolTip(_("Tick every column holding a time; Space ticks the current one"))
        self.device = _combo("device_column")
        self.date_order = _combo("date_order")
        for code, label in DATE_ORDER_LABELS:
            self.date_order.addItem(_(label), code)
        self.remember = QCheckBox(_("&Remember these columns as:"))
        self.remember.setChecked(True)
        self.name = QLineEdit()
        self.name.setObjectName("mapping_name")
        self.name.setAccessibleName(_("Name of the column mapping"))
        self.name.setPlaceholderText(_("e.g. Wise Eye clock at the one-stop desk"))

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        _row(form, _("&Saved mapping:"), self.saved)
        _row(form, _("&Clock id column:"), self.clock_id)
        modes = QHBoxLayout()
        modes.addWidget(self.one_column)
        modes.addWidget(self.separate)
        modes.addStretch(1)
        form.addRow(QLabel(_("Date and time:")), modes)
        self.datetime_label = _row(form, _("Date and &time column:"), self.datetime)
        self.date_label = _row(form, _("Da&te column:"), self.date)
        self.times_label = _row(form, _("T&ime columns:"), self.times)
        _row(form, _("D&evice column:"), self.device)
        _row(form, _("Dates &written as:"), self.date_order)
        remember = QHBoxLayout()
        remember.addWidget(self.remember)
        remember.addWidget(self.name, 1)
        form.addRow(remember)
        return form

    def _connect(self) -> None:
        self.changed.connect(lambda: self.missing.setText(self.problem()))
        self.saved.currentIndexChanged.connect(self._saved_chosen)
        for combo in (self.clock_id, self.datetime, self.date, self.device, self.date_order):
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.mode.buttonToggled.connect(self._mode_changed)
        self.times_model.itemChanged.connect(lambda _item: self.changed.emit())
        self.remember.toggled.connect(self._remember_toggled)
        self.name.textChanged.connect(lambda _text: self.changed.emit())

    def set_layout(self, layout: ClockFileLayout) -> None:
        """Offer the file's columns, and choose them as last time for these columns, or as guessed."""
        self._layout = layout
        self.headers = tuple(header for header in layout.headers if header)
        self._offer_columns()
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

    def _offer_columns(self) -> None:
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


class MappingPage(ImportPage):
    """A clock report's columns (``panel``), a staff sheet's (``staff_panel``) or a rating export's
    (``rating_panel``), whichever the file is."""

    step = MAPPING

    def __init__(self, importer: ImportWizard) -> None:
        super().__init__(importer)
        self.panel = MappingPanel()
        self.staff_panel = StaffMappingPanel()
        self.rating_panel = RatingMappingPanel()
        self.panels = QStackedWidget()
        for panel in (self.panel, self.staff_panel, self.rating_panel):
            panel.changed.connect(self.completeChanged)
            self.panels.addWidget(panel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panels)

    def current_panel(self) -> MappingPanel | StaffMappingPanel | RatingMappingPanel:
        if self.importer.staff_layout is not None:
            return self.staff_panel
        if self.importer.rating_layout is not None:
            return self.rating_panel
        return self.panel

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        super().initializePage()
        panel = self.current_panel()
        if panel is self.staff_panel:
            self.setTitle(self.title().replace(_(STEP_TITLES[MAPPING]), _("Which columns of the list hold what")))
        elif panel is self.rating_panel:
            self.setTitle(self.title().replace(_(STEP_TITLES[MAPPING]), _("Which columns of the export hold what")))
        self.panels.setCurrentWidget(panel)

    def first_focus(self) -> QWidget | None:
        panel = self.current_panel()
        if panel is self.staff_panel:
            return self.staff_panel.fields["full_name"]
        return self.rating_panel.fields["staff"] if panel is self.rating_panel else self.panel.clock_id

    def ready(self) -> bool:
        return not self.current_panel().problem()

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        return PREVIEW

    def go_on(self) -> None:
        try:
            self.current_panel().mapping()
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return
        self.importer.start_preview()

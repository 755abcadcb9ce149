"""Step 2 for a satisfaction rating export whose columns are not the template's: which column holds the person,
the date (and the time, if apart), the rating, the counter and the dossier code, and how numbers read; prefilled
from the saved mapping whose columns the file has, and remembered under a name for the next export.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ward_office.core.errors import WardOfficeError
from ward_office.i18n import N_, _
from ward_office.i18n.text import fold

from ward_office.ui import widgets
from ward_office.ui.imports._services import ColumnMappingError, RatingFileLayout, RatingMapping
from ward_office.ui.imports.mapping_panel import MappingPanel

DATE_ORDER_LABELS = (("dmy", N_("day/month/year (14/05/2026)")), ("mdy", N_("month/day/year (05/14/2026)")))
SCALE_LABELS = (("", N_("words only (Rất hài lòng, Hài lòng, Không hài lòng)")),
                ("1-3", N_("numbers 1–3 (3 very satisfied, 1 not satisfied)")),
                ("1-5", N_("numbers 1–5 (5 very satisfied, 4 satisfied, 1–3 not satisfied)")))
# The field a combo fills, its label, and whether a column must be chosen.
FIELDS = (("staff", N_("&Staff member column (code, clock id or full name):"), True),
          ("when", N_("&Date (and time) column:"), True),
          ("time", N_("T&ime column, if apart:"), False),
          ("level", N_("Ra&ting column:"), True),
          ("counter", N_("C&ounter column:"), False),
          ("dossier", N_("Dossier &code column:"), False))


class RatingMappingPanel(MappingPanel):
    """The columns of a rating export, chosen; ``changed`` fires on every choice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers: tuple[str, ...] = ()
        self._layout: RatingFileLayout | None = None
        self._base: RatingMapping | None = None  # the saved mapping chosen: its own words and counters are kept
        self.hint = QLabel()
        self.hint.setObjectName("rating_mapping_hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {widgets.MUTED.name()}")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.saved = self._combo("rating_saved_mapping")
        self._row(form, _("Saved ma&pping:"), self.saved)
        self.fields: dict[str, QComboBox] = {}
        for field, label, _required in FIELDS:
            self.fields[field] = self._combo(f"rating_{field}_column")
            self._row(form, _(label), self.fields[field])
        self.scale = self._combo("rating_scale")
        for code, label in SCALE_LABELS:
            self.scale.addItem(_(label), code)
        self._row(form, _("Ratings &written as:"), self.scale)
        self.date_order = self._combo("rating_date_order")
        for code, label in DATE_ORDER_LABELS:
            self.date_order.addItem(_(label), code)
        self._row(form, _("Dates writt&en as:"), self.date_order)
        self._make_shared_parts("rating")
        form.addRow(self.remember_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.missing)
        layout.addWidget(QLabel(_("The first rows of the file:")))
        layout.addWidget(self.sample, 1)
        self.changed.connect(lambda: self.missing.setText(self.problem()))
        self.saved.currentIndexChanged.connect(lambda _index: self._saved_chosen())

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        return combo

    @staticmethod
    def _row(form: QFormLayout, text: str, field: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        form.addRow(label, field)

    def set_layout(self, layout: RatingFileLayout) -> None:
        """Offer the file's columns, chosen as the saved mapping that fits them says, else as guessed."""
        self._layout = layout
        self.headers = tuple(header for header in layout.headers if header)
        for field, _label, required in FIELDS:
            combo = self.fields[field]
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("(choose a column)") if required else _("(none)"), "")
            for header in self.headers:
                combo.addItem(header, header)
            combo.blockSignals(False)
        self.saved.blockSignals(True)
        self.saved.clear()
        self.saved.addItem(_("(a new mapping)"), "")
        for mapping in layout.saved:
            self.saved.addItem(mapping.name, mapping.name)
        self.saved.blockSignals(False)
        self._show_sample(layout.headers, layout.sample)
        if layout.remembered is not None:
            self.saved.setCurrentIndex(max(self.saved.findData(layout.remembered.name), 0))
            self.hint.setText(_("These columns were read with the mapping “{name}” last time; check them and go "
                                "on.").format(name=layout.remembered.name))
        else:
            self.saved.setCurrentIndex(0)
            self.hint.setText(_("Choose which column holds what. The columns are remembered under the name below, "
                                "so the next export from this device or the portal is read the same way."))
        self._saved_chosen()

    def _saved_chosen(self) -> None:
        layout = self._layout
        if layout is None:
            return
        name = self.saved.currentData()
        mapping = next((mapping for mapping in layout.saved if mapping.name == name), None) if name else None
        self._base = mapping
        self.apply(mapping)
        if mapping is not None:
            self.name.setText(mapping.name)
        elif not self.name.text().strip() or self.name.text() in {saved.name for saved in layout.saved}:
            self.name.setText(_("Ratings {name}").format(name=Path(layout.file).stem))
        self.changed.emit()

    def apply(self, mapping: RatingMapping | None) -> None:
        """Show ``mapping``'s columns; a column this file lacks is left unchosen."""
        chosen = {"staff": "", "when": "", "time": "", "level": "", "counter": "", "dossier": ""}
        if mapping is not None:
            chosen.update(staff=mapping.staff, when=mapping.datetime or mapping.date, time=mapping.time,
                          level=mapping.level, counter=mapping.counter, dossier=mapping.dossier)
        for field, combo in self.fields.items():
            header = self._header(chosen[field])
            combo.setCurrentIndex(max(combo.findData(header), 0) if header else 0)
        self.scale.setCurrentIndex(max(self.scale.findData(mapping.scale if mapping else ""), 0))
        self.date_order.setCurrentIndex(max(self.date_order.findData(mapping.date_order if mapping else "dmy"), 0))

    def _header(self, name: str) -> str:
        """The file's own spelling of a header a mapping names (compared without accents or case)."""
        return next((header for header in self.headers if name and fold(header) == fold(name)), "")

    def column(self, field: str) -> str:
        return str(self.fields[field].currentData() or "")

    def problem(self) -> str:
        """What is still missing, in words; empty when the mapping is complete."""
        counters = self._base is not None and bool(self._base.counters) and self.column("counter")
        if not self.column("staff") and not counters:
            return _("Choose the column holding the staff member.")
        if not self.column("when"):
            return _("Choose the column holding the date.")
        if not self.column("level"):
            return _("Choose the column holding the rating.")
        if self.remember.isChecked() and not self.name.text().strip():
            return _("Give the column mapping a name, or untick “Remember”.")
        return ""

    def mapping(self) -> RatingMapping:
        problem = self.problem()
        if problem:
            raise ColumnMappingError(problem)
        apart = bool(self.column("time"))
        try:
            return RatingMapping(
                name=self.save_name(), level=self.column("level"), staff=self.column("staff"),
                datetime="" if apart else self.column("when"), date=self.column("when") if apart else "",
                time=self.column("time"), counter=self.column("counter"), dossier=self.column("dossier"),
                scale=str(self.scale.currentData() or ""), date_order=str(self.date_order.currentData() or "dmy"),
                values=self._base.values if self._base else (), counters=self._base.counters if self._base else ())
        except WardOfficeError as error:
            raise ColumnMappingError(error.localized()) from error

    def save_name(self) -> str:
        return self.name.text().strip() if self.remember.isChecked() else ""

"""Step 2 for a staff sheet whose columns the usual names do not all find: which column holds the name, the
position, the department (required) and what else the sheet has; prefilled from what the usual names found and
from the mapping remembered for a sheet with these columns, and remembered under a name for the next time.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ward_office.i18n import _
from ward_office.i18n.text import fold

from ward_office.ui.imports._services import (
    STAFF_FIELDS as FIELDS,
)
from ward_office.ui.imports._services import (
    STAFF_REQUIRED as REQUIRED,
)
from ward_office.ui.imports._services import (
    ColumnMappingError,
    StaffFileLayout,
    StaffMapping,
)
from ward_office.ui.imports.mapping_panel import MappingPanel


class StaffMappingPanel(MappingPanel):
    """The columns of a staff sheet, chosen; ``changed`` fires on every choice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers: tuple[str, ...] = ()
        self.hint = QLabel()
        self.hint.setObjectName("staff_mapping_hint")
        self.hint.setWordWrap(True)
        self.fields: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        columns = QHBoxLayout()
        halves = (QFormLayout(), QFormLayout())
        for number, field in enumerate(FIELDS):
            combo = QComboBox()
            combo.setObjectName(f"staff_{field}_column")
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
            label = QLabel((_("{field} *") if field in REQUIRED else "{field}").format(field=_(field)) + ":")
            label.setBuddy(combo)
            halves[number % 2].addRow(label, combo)
            self.fields[field] = combo
        for half in halves:
            half.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            columns.addLayout(half, 1)
        self._make_shared_parts("staff")
        form.addRow(self.remember_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(columns)
        layout.addLayout(form)
        layout.addWidget(self.missing)
        layout.addWidget(QLabel(_("The first rows of the file:")))
        layout.addWidget(self.sample, 1)
        self.changed.connect(lambda: self.missing.setText(self.problem()))

    def set_layout(self, layout: StaffFileLayout) -> None:
        """Offer the sheet's columns, chosen as the usual names and the remembered mapping say."""
        self.headers = tuple(header for header in layout.layout.headers if header)
        for field, combo in self.fields.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("(choose a column)") if field in REQUIRED else _("(none)"), "")
            for header in self.headers:
                combo.addItem(header, header)
            combo.blockSignals(False)
        chosen = dict(layout.layout.recognised)
        if layout.remembered is not None:
            chosen.update(layout.remembered.columns)
            self.name.setText(layout.remembered.name)
            self.hint.setText(_("These columns were read with the mapping “{name}” last time; check them and go "
                                "on.").format(name=layout.remembered.name))
        else:
            self.name.setText(_("Staff list {name}").format(name=Path(layout.file).stem))
            self.hint.setText(_("Some columns of this list have names the program does not know. Choose which "
                                "column holds what; those marked * are needed. The columns are remembered under "
                                "the name below, so a list with these columns is read the same way next time."))
        for field, combo in self.fields.items():
            header = next((cell for cell in self.headers if fold(cell) == fold(chosen.get(field, ""))), "")
            combo.setCurrentIndex(max(combo.findData(header), 0) if header else 0)
        self._show_sample(layout.layout.headers, layout.layout.sample)
        self.changed.emit()

    def columns(self) -> dict[str, str]:
        return {field: combo.currentData() for field, combo in self.fields.items() if combo.currentData()}

    def problem(self) -> str:
        """What is still missing, in words; empty when the mapping is complete."""
        columns = self.columns()
        for field in REQUIRED:
            if field not in columns:
                return _("Choose the column holding “{field}”.").format(field=_(field))
        seen: dict[str, str] = {}
        for field, header in columns.items():
            if header in seen:
                return _("The column “{header}” is chosen for both “{first}” and “{second}”.").format(
                    header=header, first=_(seen[header]), second=_(field))
            seen[header] = field
        if self.remember.isChecked() and not self.name.text().strip():
            return _("Give the column mapping a name, or untick “Remember”.")
        return ""

    def mapping(self) -> StaffMapping:
        problem = self.problem()
        if problem:
            raise ColumnMappingError(problem)
        return StaffMapping(self.save_name(), tuple(self.columns().items()))

    def save_name(self) -> str:
        return self.name.text().strip() if self.remember.isChecked() else ""

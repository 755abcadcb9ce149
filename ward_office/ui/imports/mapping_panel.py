"""What the column-mapping steps of a staff sheet and of a rating export share: the name the mapping is
remembered under, the line saying what is still missing, and the file's first rows to choose by."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from ward_office.i18n import _

from ward_office.ui import widgets
from ward_office.ui.widgets.models import Column, RecordTableModel


class MappingPanel(QWidget):
    """A panel of column choices; ``changed`` fires on every choice. Subclasses lay out their own choices and
    place ``remember_row``, ``missing`` and ``sample`` made by ``_make_shared_parts``."""

    changed = Signal()

    def _make_shared_parts(self, prefix: str) -> None:
        self.remember = QCheckBox(_("&Remember these columns as:"))
        self.remember.setChecked(True)
        self.name = QLineEdit()
        self.name.setObjectName(f"{prefix}_mapping_name")
        self.name.setAccessibleName(_("Name of the column mapping"))
        self.remember_row = QHBoxLayout()
        self.remember_row.addWidget(self.remember)
        self.remember_row.addWidget(self.name, 1)
        self.missing = QLabel()
        self.missing.setObjectName(f"{prefix}_mapping_missing")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(f"color: {widgets.WARN.name()}")
        self.sample_model: RecordTableModel[tuple[str, ...]] = RecordTableModel(())
        self.sample = widgets.record_table(self.sample_model, f"{prefix}_sample_rows", _("The first rows of the file"))
        self.sample.setSortingEnabled(False)
        self.remember.toggled.connect(self._remember_toggled)
        self.name.textChanged.connect(lambda _text: self.changed.emit())

    def _show_sample(self, headers: Sequence[str], rows: Sequence[tuple[str, ...]]) -> None:
        self.sample_model = RecordTableModel(tuple(
            Column(header, lambda row, index=index: row[index] if index < len(row) else "")
            for index, header in enumerate(headers)), self)
        self.sample_model.set_records(rows)
        self.sample.setModel(self.sample_model)
        self.sample.resizeColumnsToContents()

    def _remember_toggled(self, on: bool) -> None:
        self.name.setEnabled(on)
        self.changed.emit()

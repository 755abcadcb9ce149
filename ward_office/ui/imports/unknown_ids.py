"""The clock ids of nobody, shown on the preview and after the import, with a staff chooser to give an id
to its owner: their attendance is then worked out from the punches already kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.staff import Staff
from ward_office.i18n import _
from ward_office.i18n.text import name_sort_key

from ward_office.ui import widgets
from ward_office.ui.imports._services import UnknownClockId
from ward_office.ui.imports.models import unknown_model
from ward_office.ui.widgets.models import RecordTableModel, SearchProxy


def sorted_table(model: Any, name: str, accessible_name: str) -> QAbstractItemView:
    """A table of ``model`` sorted by its first column, the last column taking the spare width."""
    proxy = SearchProxy()
    proxy.setSourceModel(model)
    table = widgets.record_table(proxy, name, accessible_name)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class UnknownIdsPanel(QWidget):
    """Clock ids nobody has, with the lines they are on, and a staff chooser to give one to a person."""

    link_requested = Signal(str, int)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RecordTableModel[UnknownClockId] = unknown_model()
        self.table = sorted_table(self.model, name, _("Clock ids of nobody"))
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

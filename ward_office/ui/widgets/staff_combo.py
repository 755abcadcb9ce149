"""A person field for pages that filter or record by staff member: pick from the list, or type part of a
name or code, with or without accents."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ward_office.core.staff import Staff, StaffId
from ward_office.i18n.text import fold, name_sort_key

MATCH_ROLE = Qt.ItemDataRole.UserRole + 10


def staff_label(person: Staff) -> str:
    return f"{person.full_name} ({person.code})"


class _DisplayCompleter(QCompleter):
    """Matches on the hidden match text but puts the shown name into the field."""

    def pathFromIndex(self, index: QModelIndex) -> str:  # noqa: N802 - Qt's name
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class StaffCombo(QComboBox):
    """A person chooser: pick from the list, or type part of a name or code, with or without accents."""

    def __init__(self, all_label: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all_label = all_label
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        completer = _DisplayCompleter(self)
        completer.setModel(self.model())
        completer.setCompletionRole(MATCH_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().editingFinished.connect(self._resolve_typed)

    def set_people(self, people: Sequence[Staff]) -> None:
        """Fill the list (by given name) and keep the person chosen before if still there."""
        current = self.staff_id()
        was_blocked = self.blockSignals(True)
        self.clear()
        if self._all_label is not None:
            self.addItem(self._all_label, None)
            self.setItemData(0, f"{self._all_label} {fold(self._all_label)}", MATCH_ROLE)
        for person in sorted(people, key=lambda person: name_sort_key(person.full_name)):
            label = staff_label(person)
            self.addItem(label, person.id)
            self.setItemData(self.count() - 1, f"{label} {fold(label)}", MATCH_ROLE)
        index = self.findData(current) if current is not None else -1
        self.setCurrentIndex(index if index >= 0 else (0 if self._all_label is not None else -1))
        self.blockSignals(was_blocked)
        if self.staff_id() != current and not was_blocked:
            self.currentIndexChanged.emit(self.currentIndex())

    def staff_id(self) -> StaffId | None:
        if self.currentIndex() < 0 or self.currentText() != self.itemText(self.currentIndex()):
            return None
        return self.currentData()

    def set_staff(self, staff_id: StaffId | None) -> None:
        index = self.findData(staff_id) if staff_id is not None else (0 if self._all_label is not None else -1)
        self.setCurrentIndex(index)

    def _resolve_typed(self) -> None:
        """After typing: the one person whose name contains every word typed, or back to the last choice."""
        text = self.currentText()
        if self.currentIndex() >= 0 and text == self.itemText(self.currentIndex()):
            return
        words = fold(text).split()
        if not words and self._all_label is not None:
            self.setCurrentIndex(0)
            return
        found = [row for row in range(self.count())
                 if all(word in fold(self.itemText(row)) for word in words)]
        if len(found) == 1:
            if found[0] == self.currentIndex():
                self.setEditText(self.itemText(found[0]))
            self.setCurrentIndex(found[0])
        elif self.currentIndex() >= 0:
            self.setEditText(self.itemText(self.currentIndex()))

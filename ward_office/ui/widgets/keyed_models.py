"""A record table for long lists (ten years of events): sorted and searched from keys computed once per row.

``SearchProxy`` sorts by asking the model for two sort keys per comparison and filters by asking it for
every column's text of every row, each a call through Qt: fine for a ward's staff, seconds for tens of
thousands of rows. Here the model sorts its own list with Python's sort on cached keys (the proxy only
filters, in the model's order) and the proxy reads each row's search words from the model's cache.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, TypeVar

from PySide6.QtCore import Qt

from ward_office.i18n.text import fold, vietnamese_key

from ward_office.ui.widgets.models import Column, Index, RecordTableModel, SearchProxy

RecordT = TypeVar("RecordT")

_WORD = re.compile(r"\w+")


class KeyedRecordModel(RecordTableModel[RecordT]):
    """``RecordTableModel`` that sorts itself (``sort``) and keeps each row's search words."""

    def __init__(self, columns: Sequence[Column[RecordT]], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._words: list[str | None] = []  # search_text of each row, once asked
        self._folded: dict[str, str] = {}

    def set_records(self, records: Sequence[RecordT]) -> None:
        self.beginResetModel()
        self._records = self._sorted(list(records))
        self._words = [None] * len(self._records)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``'s key (as ``SearchProxy`` would, empty keys last), keeping selections."""
        self._sort_column, self._sort_order = column, order
        if not 0 <= column < self.columnCount():
            return
        self.layoutAboutToBeChanged.emit()
        positions = self._sorted(list(range(len(self._records))), by_position=True)
        self._records = [self._records[position] for position in positions]
        self._words = [self._words[position] for position in positions]
        new_row = {old: new for new, old in enumerate(positions)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(new_row[index.row()], index.column()) for index in persistent])
        self.layoutChanged.emit()

    def _sorted(self, items: list[Any], *, by_position: bool = False) -> list[Any]:
        if not 0 <= self._sort_column < self.columnCount():
            return items
        column = self.column(self._sort_column)

        def key(item: Any) -> tuple[bool, Any]:
            record = self._records[item] if by_position else item
            value = column.sort_key(record) if column.sort_key else vietnamese_key(column.text(record))
            return value is None, value

        ordered = sorted(items, key=key)
        if self._sort_order == Qt.SortOrder.DescendingOrder:
            ordered.reverse()  # as Qt does: equal rows come out in reverse order too
        return ordered

    def search_text(self, row: int) -> str:
        """The words of the row's searchable columns without accents, each after a space: a typed word
        starts one of them exactly when " " + typed is in this text (``SearchProxy``'s rule)."""
        text = self._words[row]
        if text is None:
            record = self._records[row]
            text = self._words[row] = "".join(self._folded_words(column.text(record)) for column in self._columns
                                              if column.searchable)
        return text

    def _folded_words(self, text: str) -> str:
        """Names, criteria and notes repeat from row to row: each distinct text is folded once."""
        words = self._folded.get(text)
        if words is None:
            words = self._folded[text] = "".join(f" {word}" for word in _WORD.findall(fold(text)))
        return words


class KeyedSearchProxy(SearchProxy):
    """``SearchProxy`` over a ``KeyedRecordModel``: sorting is the model's, filtering reads its caches."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, KeyedRecordModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802 - Qt's name
        model = self.sourceModel()
        if not isinstance(model, KeyedRecordModel) or source_parent.isValid():
            return super().filterAcceptsRow(source_row, source_parent)
        return self._keeps(model, source_row)

    def _keeps(self, model: KeyedRecordModel[Any], row: int) -> bool:
        if self._accepts is not None and not self._accepts(model.record(row)):
            return False
        if not self._words:
            return True
        text = model.search_text(row)
        return all(f" {typed}" in text for typed in self._words)

    def records(self) -> list[Any]:
        """The records shown, in the order shown (the model's: this proxy only filters it)."""
        model = self.sourceModel()
        if not isinstance(model, KeyedRecordModel):
            return [self.record(row) for row in range(self.rowCount())]
        return [model.record(row) for row in range(model.rowCount()) if self._keeps(model, row)]

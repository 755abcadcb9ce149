"""Table models over lists of core records, and the proxy that sorts and filters them the Vietnamese way.

A page describes its table as a tuple of ``Column``: a header (an ``N_`` message), how to show a
record's cell and how to sort it. The model keeps the records themselves; widgets never hold them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from ward_office.i18n import _
from ward_office.i18n.text import fold, vietnamese_key

RecordT = TypeVar("RecordT")
Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
RECORD_ROLE = Qt.ItemDataRole.UserRole + 3

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Column(Generic[RecordT]):
    header: str  # an N_() message, translated when shown
    text: Callable[[RecordT], str]
    sort_key: Callable[[RecordT], Any] | None = None  # default: the text in Vietnamese alphabetical order
    alignment: Qt.AlignmentFlag | None = None
    tooltip: Callable[[RecordT], str] | None = None
    foreground: Callable[[RecordT], QColor | None] | None = None
    background: Callable[[RecordT], QColor | None] | None = None
    searchable: bool = True


class RecordTableModel(QAbstractTableModel, Generic[RecordT]):
    """Read-only rows of records; ``set_records`` replaces them all at once."""

    def __init__(self, columns: Sequence[Column[RecordT]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._records: list[RecordT] = []

    def set_records(self, records: Sequence[RecordT]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def records(self) -> list[RecordT]:
        return list(self._records)

    def record(self, row: int) -> RecordT:
        return self._records[row]

    def column(self, index: int) -> Column[RecordT]:
        return self._columns[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(self._columns[section].header)
            if role == Qt.ItemDataRole.TextAlignmentRole and self._columns[section].alignment is not None:
                return self._columns[section].alignment
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._records)):
            return None
        record = self._records[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == SORT_ROLE:
            return column.sort_key(record) if column.sort_key else vietnamese_key(column.text(record))
        if role == SEARCH_ROLE:
            return fold(column.text(record)) if column.searchable else ""
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(record) or None
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground:
            color = column.foreground(record)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.BackgroundRole and column.background:
            color = column.background(record)
            return QBrush(color) if color is not None else None
        return None


class SearchProxy(QSortFilterProxyModel):
    """Sorts by each column's sort key and keeps rows where every word typed starts a word of the row,
    ignoring accents and case ("nguyen van" finds "Nguyễn Văn An", "an" does not find "Lan"), plus any
    extra row test."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self._words: tuple[str, ...] = ()
        self._accepts: Callable[[Any], bool] | None = None

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = tuple(fold(text).split())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_record_filter(self, accepts: Callable[[Any], bool] | None) -> None:
        self.beginFilterChange()
        self._accepts = accepts
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def record(self, row: int) -> Any:
        return self.index(row, 0).data(RECORD_ROLE)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if self._accepts is not None:
            record = model.index(source_row, 0, source_parent).data(RECORD_ROLE)
            if not self._accepts(record):
                return False
        if not self._words:
            return True
        words = _WORD.findall(" ".join(model.index(source_row, column, source_parent).data(SEARCH_ROLE) or ""
                                       for column in range(model.columnCount(source_parent))))
        return all(any(word.startswith(typed) for word in words) for typed in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        left_key, right_key = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(left_key < right_key)
        except TypeError:  # None against a value: empty cells last
            return left_key is not None and right_key is None

"""Tables that keep their key columns in sight on a small screen (1024×768) without sideways scrolling.

Columns are sized to their contents; when the table is too narrow, the columns that may give way (position,
department, notes) narrow down, their text cut short with "…" (whole in the tooltip); when even that is not
enough, the key columns move to the front, in their order, and move back when the table is wide again.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QTableView

LEAST_WIDTH = 64
WIDEST = 320


class ColumnFit(QObject):
    """Fits the columns of ``view``: ``key`` columns always in sight, ``squeeze`` columns give way first."""

    def __init__(self, view: QTableView, key: Sequence[int], squeeze: Sequence[int] = (), *,
                 least: int = LEAST_WIDTH, widest: int = WIDEST) -> None:
        super().__init__(view)
        self.view = view
        self.key = tuple(key)
        self.squeeze = tuple(squeeze)
        self._least = least
        self._widest = widest
        self._natural: dict[int, int] = {}
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.viewport().installEventFilter(self)

    def refit(self) -> None:
        """Measure the columns again (after the rows changed) and fit them."""
        header = self.view.horizontalHeader()
        self._natural = {}
        for column in range(header.count()):
            self.view.resizeColumnToContents(column)
            self._natural[column] = min(header.sectionSize(column), self._widest)
        self.fit()

    def fit(self) -> None:
        header = self.view.horizontalHeader()
        if not self._natural or len(self._natural) != header.count():
            return
        self._restore_order()
        if not self._apply_widths():
            self._keys_first()
            self._apply_widths()

    def key_columns_visible(self) -> bool:
        """Whether every key column is wholly in sight with the table scrolled to its left edge."""
        header = self.view.horizontalHeader()
        keys = [column for column in self.key if column < header.count() and not header.isSectionHidden(column)]
        right = max((header.sectionViewportPosition(column) + header.offset() + header.sectionSize(column)
                     for column in keys), default=0)
        return right <= self.view.viewport().width()

    def _visible_before_last_key(self) -> list[int]:
        header = self.view.horizontalHeader()
        last_key = max((header.visualIndex(column) for column in self.key if column < header.count()), default=-1)
        return [header.logicalIndex(visual) for visual in range(last_key + 1)
                if not header.isSectionHidden(header.logicalIndex(visual))]

    def _apply_widths(self) -> bool:
        """Give each column its width, narrowing the squeezable ones before the last key column as needed;
        whether the key columns then fit."""
        header = self.view.horizontalHeader()
        widths = dict(self._natural)
        leading = self._visible_before_last_key()
        overflow = sum(widths[column] for column in leading) - self.view.viewport().width()
        give = {column: max(widths[column] - self._least, 0) for column in leading if column in self.squeeze}
        room = sum(give.values())
        if overflow > 0 and room > 0:
            share = min(overflow / room, 1.0)
            for column, spare in give.items():
                widths[column] -= int(spare * share + 0.999)
            overflow -= room if share >= 1.0 else overflow
        for column, width in widths.items():
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
        return overflow <= 0

    def _keys_first(self) -> None:
        header = self.view.horizontalHeader()
        for position, column in enumerate(column for column in self.key if column < header.count()):
            header.moveSection(header.visualIndex(column), position)

    def _restore_order(self) -> None:
        header = self.view.horizontalHeader()
        for column in range(header.count()):
            if header.visualIndex(column) != column:
                header.moveSection(header.visualIndex(column), column)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

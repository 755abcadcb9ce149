"""The entry grid, worked from the keyboard like the attendance grid: type a number over a cell ("65,5"),
Enter goes down to the next person, Tab on to the next item, Delete clears the selected cells back to
"chưa chấm". A value the item cannot take keeps its cell open with the reason, so nothing wrong is ever held.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ward_office.ui.scores.models import ScoreGridModel, ScoreRefusedError, parse_points
from ward_office.ui.widgets.models import Index, SearchProxy

DOWN, NEXT, PREVIOUS = "down", "next", "previous"
REFUSED_EDITOR_STYLE = "QLineEdit { border: 2px solid #b3261e; background: #fdecea; }"
_MOVE_KEYS = {Qt.Key.Key_Return: DOWN, Qt.Key.Key_Enter: DOWN, Qt.Key.Key_Tab: NEXT, Qt.Key.Key_Backtab: PREVIOUS}


class PointsDelegate(QStyledItemDelegate):
    """A plain line editor for points; checks the value before the cell is left and refuses it in place."""

    refused = Signal(str)  # the reason, in the user's language
    accepted = Signal(str)  # DOWN, NEXT or PREVIOUS: the value was taken and the grid moves on

    def __init__(self, model: ScoreGridModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._editing: QPersistentModelIndex | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        editor.setObjectName("score_editor")
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._editing = QPersistentModelIndex(index)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()  # the first key typed replaces the old value

    def check(self, editor: QLineEdit) -> str | None:
        """Why the editor's text is refused, or None when the item can take it."""
        item = self._model.item_at(self._editing.column()) if self._editing is not None else None
        if item is None:
            return None
        try:
            parse_points(editor.text(), item)
        except ScoreRefusedError as refused:
            return str(refused)
        return None

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        reason = self.check(editor)
        if reason is not None:  # the editor lost focus on a wrong value: the cell keeps its value
            self.refused.emit(reason)
            return
        super().setModelData(editor, model, index)  # type: ignore[arg-type]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if isinstance(watched, QLineEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            move = _MOVE_KEYS.get(Qt.Key(event.key()))
            if move is not None:
                reason = self.check(watched)
                if reason is not None:
                    watched.setStyleSheet(REFUSED_EDITOR_STYLE)
                    watched.setToolTip(reason)
                    watched.selectAll()
                    self.refused.emit(reason)
                    return True
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                self.accepted.emit(move)
                return True
        return super().eventFilter(watched, event)


class ScoreGrid(QTableView):
    """The people × items grid on a ``SearchProxy`` over a ``ScoreGridModel``."""

    refused = Signal(str)
    cleared = Signal(int)  # how many cells Delete cleared

    def __init__(self, model: ScoreGridModel, proxy: SearchProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = model
        self.proxy = proxy
        self.setModel(proxy)
        self.delegate = PointsDelegate(model, self)
        self.delegate.refused.connect(self.refused)
        self.delegate.accepted.connect(self.step)
        self.setItemDelegate(self.delegate)  # only the item columns are editable
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setStretchLastSection(False)

    def fit_department(self) -> None:
        """The department column as wide as its names, but narrower when the scores would otherwise leave the
        screen: it gives way first."""
        column = ScoreGridModel.DEPARTMENT
        if self.source.columnCount() <= column:
            return
        others = sum(self.columnWidth(each) for each in range(self.source.columnCount()) if each != column)
        room = self.viewport().width() - others
        narrowest = self.horizontalHeader().sectionSizeFromContents(column).width()  # its heading whole
        self.setColumnWidth(column, max(min(self.sizeHintForColumn(column), room), narrowest))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit_department()

    def first_cell(self) -> QModelIndex:
        if self.proxy.rowCount() == 0 or self.source.columnCount() <= ScoreGridModel.FIRST_ITEM:
            return QModelIndex()
        return self.proxy.index(0, ScoreGridModel.FIRST_ITEM)

    def step(self, move: str) -> None:
        """Go on from the current cell: DOWN to the next person, NEXT/PREVIOUS along the items, row after row."""
        current = self.currentIndex()
        if not current.isValid():
            self.setCurrentIndex(self.first_cell())
            return
        row, column = current.row(), max(current.column(), ScoreGridModel.FIRST_ITEM)
        last_column = self.source.columnCount() - 1
        if move == DOWN:
            row = min(row + 1, self.proxy.rowCount() - 1)
        elif move == NEXT:
            row, column = (row, column + 1) if column < last_column else (row + 1, ScoreGridModel.FIRST_ITEM)
        else:
            row, column = (row, column - 1) if column > ScoreGridModel.FIRST_ITEM else (row - 1, last_column)
        if 0 <= row < self.proxy.rowCount():
            self.setCurrentIndex(self.proxy.index(row, column))

    def clear_selected(self) -> int:
        """Clear the selected item cells back to "chưa chấm" (kept until saved); how many were cleared."""
        if not self.source.editable:
            return 0
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        cleared = 0
        for index in indexes:
            source = self.proxy.mapToSource(index)
            if source.isValid() and self.source.item_at(source.column()) is not None:
                cleared += self.source.set_points(source.row(), source.column(), None)
        return cleared

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if self.state() != QAbstractItemView.State.EditingState and modifiers in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            key = Qt.Key(event.key())
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.cleared.emit(self.clear_selected())
                event.accept()
                return
            move = _MOVE_KEYS.get(key)
            if move is not None:
                self.step(move)
                event.accept()
                return
        super().keyPressEvent(event)

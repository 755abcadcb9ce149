"""The entry grid's model: people (rows) × the items the plan lets the head enter (columns), holding the
month's stored scores and the changes typed since the last save.

Typed changes stay in the model until the page saves them all at once (``pending_entries``); a cell shows the
typed value, highlighted, over the stored one. A value the item cannot take is refused here, with the reason
(``ScoreRefusedError``), so the grid can keep the cell open and say why.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ward_office.core.entered_scores import EnteredItem, EnteredScore, ScoreEntry
from ward_office.core.staff import Staff, StaffId
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_datetime, format_number
from ward_office.i18n.text import fold
from ward_office.services.entered_scores import EntrySheet

from ward_office.ui.widgets import BAD, MARKED
from ward_office.ui.widgets.models import RECORD_ROLE, RIGHT, SEARCH_ROLE, Index

CHANGED_BACKGROUND = QColor("#fff4ce")
NOT_GRADED = N_("not graded")
DECIMAL_PLACES = 2
HEADER_LINE = 18  # characters on a line of an item's column header


class ScoreRefusedError(ValueError):
    """A typed value the item cannot take; ``str()`` is the message for the user, in their language."""


def parse_points(text: str, item: EnteredItem) -> Fraction | None:
    """The points typed for ``item``: "65,5" (the Vietnamese decimal comma) or "65.5"; None for an empty cell
    (not graded). Raises ``ScoreRefusedError`` for anything else, or a number outside 0 … the item's maximum."""
    cleaned = text.strip().replace(" ", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise ScoreRefusedError(_("“{text}” is not a number of points. Type a number such as 65,5.").format(text=text))
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -DECIMAL_PLACES:
        raise ScoreRefusedError(_("Points have at most two decimal places: “{text}”.").format(text=text))
    points = Fraction(number)
    if not 0 <= points <= item.maximum:
        raise ScoreRefusedError(_("Points for “{item}” go from 0 to {maximum}: “{text}” is refused.").format(
            item=item.name, maximum=format_number(item.maximum), text=text))
    return points


def points_text(points: Fraction | None) -> str:
    return _(NOT_GRADED) if points is None else format_number(points)


class ScoreGridModel(QAbstractTableModel):
    """Rows are the people of the month; columns name, position, department, then one per entered item."""

    NAME, POSITION, DEPARTMENT = range(3)
    FIRST_ITEM = 3
    HEADERS = (N_("Full name"), N_("Position"), N_("Department"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sheet: EntrySheet | None = None
        self._departments: Mapping[int, str] = {}
        self._pending: dict[tuple[StaffId, str], Fraction | None] = {}
        self.editable = True

    # ---- What is shown ----

    @property
    def sheet(self) -> EntrySheet | None:
        return self._sheet

    @property
    def items(self) -> tuple[EnteredItem, ...]:
        return () if self._sheet is None else self._sheet.items

    @property
    def people(self) -> tuple[Staff, ...]:
        return () if self._sheet is None else self._sheet.people

    def set_sheet(self, sheet: EntrySheet | None, departments: Mapping[int, str], *,
                  keep_pending: bool = False) -> None:
        """Show ``sheet``; with ``keep_pending`` the changes typed for cells still on it are kept (the same month
        reloaded), otherwise they are dropped."""
        self.beginResetModel()
        self._sheet, self._departments = sheet, departments
        if not keep_pending or sheet is None:
            self._pending = {}
        else:
            codes = {item.code for item in sheet.items}
            people = {person.id for person in sheet.people}
            self._pending = {key: value for key, value in self._pending.items()
                             if key[0] in people and key[1] in codes and value != self.stored_points(*key)}
        self.endResetModel()

    def item_at(self, column: int) -> EnteredItem | None:
        position = column - self.FIRST_ITEM
        return self.items[position] if 0 <= position < len(self.items) else None

    def stored(self, staff_id: StaffId, code: str) -> EnteredScore | None:
        return None if self._sheet is None else self._sheet.scores.get((staff_id, code))

    def stored_points(self, staff_id: StaffId, code: str) -> Fraction | None:
        score = self.stored(staff_id, code)
        return None if score is None else score.points

    def points(self, staff_id: StaffId, code: str) -> Fraction | None:
        """What the cell holds now: the value typed if any, else the stored one; None when not graded."""
        key = (staff_id, code)
        return self._pending[key] if key in self._pending else self.stored_points(staff_id, code)

    def ungraded_people(self) -> int:
        """How many people still miss at least one item, counting what is typed but not saved."""
        return sum(1 for person in self.people
                   if person.id is not None and any(self.points(person.id, item.code) is None for item in self.items))

    # ---- Changes typed ----

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    def pending_entries(self) -> list[ScoreEntry]:
        """The changes typed, as the service takes them; a stored self-assessment and note are kept."""
        entries = []
        for (staff_id, code), points in self._pending.items():
            stored = self.stored(staff_id, code)
            entries.append(ScoreEntry(staff_id, code, points, stored.self_points if stored else None,
                                      stored.note if stored else ""))
        return entries

    def set_points(self, row: int, column: int, points: Fraction | None) -> bool:
        item, person = self.item_at(column), self.people[row] if 0 <= row < len(self.people) else None
        if item is None or person is None or person.id is None or not self.editable:
            return False
        key = (person.id, item.code)
        if points == self.stored_points(*key):
            self._pending.pop(key, None)
        else:
            self._pending[key] = points
        index = self.index(row, column)
        self.dataChanged.emit(index, index)
        return True

    def discard_pending(self) -> None:
        if self._pending:
            self._pending = {}
            self.dataChanged.emit(self.index(0, self.FIRST_ITEM),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    # ---- Qt ----

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.FIRST_ITEM + len(self.items)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and self.item_at(index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole and section < len(self.people) else None
        item = self.item_at(section)
        if item is None:
            return _(self.HEADERS[section]) if role == Qt.ItemDataRole.DisplayRole and section < 3 else None
        if role == Qt.ItemDataRole.DisplayRole:
            # Names wrapped on short lines, so that six items of a real plan fit beside the names on a small screen
            return _("{item}\n(max {maximum})").format(item=textwrap.fill(item.name, HEADER_LINE),
                                                        maximum=format_number(item.maximum))
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("{code}: {item}, from 0 to {maximum} points").format(
                code=item.code, item=item.name, maximum=format_number(item.maximum))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Take a typed value; False (nothing changed) for a value the item cannot take: the grid's editor checks
        it first and says why."""
        item = self.item_at(index.column())
        if role != Qt.ItemDataRole.EditRole or item is None or not index.isValid():
            return False
        try:
            points = parse_points(str(value or ""), item)
        except ScoreRefusedError:
            return False
        return self.set_points(index.row(), index.column(), points)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.people):
            return None
        person = self.people[index.row()]
        if role == RECORD_ROLE:
            return person
        item = self.item_at(index.column())
        if item is None:
            return self._person_data(person, index.column(), role)
        if person.id is None:
            return None
        return self._score_data(person.id, item, role)

    def _person_data(self, person: Staff, column: int, role: int) -> Any:
        department = self._departments.get(person.department_id, "") if person.department_id is not None else ""
        text = (person.full_name, person.position, department)[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == SEARCH_ROLE:
            return fold(text)
        if role == Qt.ItemDataRole.ToolTipRole and text:
            return text  # a long department is cut short on a small screen
        return None

    def _score_data(self, staff_id: StaffId, item: EnteredItem, role: int) -> Any:
        points = self.points(staff_id, item.code)
        changed = (staff_id, item.code) in self._pending
        if role == Qt.ItemDataRole.DisplayRole:
            return points_text(points)
        if role == Qt.ItemDataRole.EditRole:
            return "" if points is None else format_number(points)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(BAD) if points is None else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if changed:
                return QBrush(CHANGED_BACKGROUND)
            return QBrush(MARKED) if points is None else None
        if role == Qt.ItemDataRole.FontRole and (changed or points is None):
            font = QFont()
            font.setBold(changed)
            font.setItalic(points is None)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(staff_id, item, points, changed)
        return None

    def _tooltip(self, staff_id: StaffId, item: EnteredItem, points: Fraction | None, changed: bool) -> str:
        lines = [f"{item.name}: {points_text(points)}"]
        stored = self.stored(staff_id, item.code)
        if changed:
            lines.append(_("Not saved yet (saved value: {points}).").format(
                points=points_text(None if stored is None else stored.points)))
        if stored is not None:
            lines.append(_("Entered by {name}, {when}").format(name=stored.entered_by,
                                                               when=format_datetime(stored.entered_at)))
            if stored.self_points is not None:
                lines.append(_("Self-assessment: {points}").format(points=format_number(stored.self_points)))
            if stored.note:
                lines.append(_("Note: {note}").format(note=stored.note))
        return "\n".join(lines)

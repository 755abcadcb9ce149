"""The editor of a new version of the emulation plan: points, names and grade thresholds copied from the
version in force, changed in place, and the date the new version takes effect from."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_number, format_points
from ward_office.services.plans import PlanChanges, PlanVersion

from ward_office.ui import widgets
from ward_office.ui.widgets.models import RIGHT

Index = QModelIndex | QPersistentModelIndex


def effective_text(day: date | None) -> str:
    return _("from the start") if day is None else format_date(day)


def points_typed(value: object) -> Fraction | None:
    """A number typed or chosen in the editor, Vietnamese ("-2,5") or not, rounded to two places; None when it
    is not a number, and the cell then keeps its value (no message: the editor simply does not take it)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Fraction):
        number = Decimal(str(value))
    else:
        text = str(value).strip().replace(" ", "").replace(",", ".").replace("−", "-")
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    if not number.is_finite():
        return None
    return Fraction(number.quantize(Decimal("0.01")))


@dataclass
class DraftRow:
    """One editable line: a criterion (points) or a grade (lowest score), with its name."""

    code: str
    name: str
    number: Fraction
    group: str = ""  # the block of a criterion


class DraftModel(QAbstractTableModel):
    """Editable code, name and number of criteria or grades; the rows are copies, the plan is untouched."""

    def __init__(self, rows: Sequence[DraftRow], headers: tuple[str, str, str, str], signed: bool,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = list(rows)
        self._headers = headers
        self._signed = signed

    def rows(self) -> list[DraftRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return _(self._headers[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (2, 3):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            number = format_points(row.number) if self._signed else format_number(row.number)
            return (row.code, row.group, row.name, number)[column]
        if role == Qt.ItemDataRole.EditRole:
            return (row.code, row.group, row.name, float(row.number))[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return RIGHT
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() not in (2, 3):
            return False
        row = self._rows[index.row()]
        if index.column() == 2:
            row.name = str(value)
        else:
            number = points_typed(value)
            if number is None:
                return False
            row.number = number
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def set_number(self, code: str, value: object) -> bool:
        row = next(number for number, draft in enumerate(self._rows) if draft.code == code)
        return self.setData(self.index(row, 3), value)

    def set_name(self, code: str, value: str) -> bool:
        row = next(number for number, draft in enumerate(self._rows) if draft.code == code)
        return self.setData(self.index(row, 2), value)


class NewVersionDialog(QDialog):
    """Change points, names and grade thresholds of a plan and choose when the new version starts.

    ``on_accept`` adopts the changes and returns False to keep the dialog open after a refusal.
    """

    def __init__(self, parent: QWidget, base: PlanVersion, next_version: int, effective_from: date,
                 on_accept: Callable[[PlanChanges], bool]) -> None:
        super().__init__(parent)
        plan = base.plan
        self.base = base
        self._on_accept = on_accept
        self.setWindowTitle(_("New version of the emulation plan"))
        intro = QLabel(_("Version {version} of “{name}” applies from {day}. Change the points and thresholds "
                         "below; the new version {next} applies to every period that ends on or after the date "
                         "you choose, and earlier periods keep their rules.").format(
            version=plan.version, name=plan.name, day=effective_text(plan.effective_from),
            next=next_version))
        intro.setWordWrap(True)
        self.date_edit = widgets.date_edit(effective_from)
        form = QFormLayout()
        form.addRow(_("&Takes effect from:"), self.date_edit)

        block_names = {block.code: block.name for block in plan.blocks}
        self.criteria_model = DraftModel(
            [DraftRow(code, criterion.name, criterion.points, block_names[criterion.block_code])
             for code, criterion in plan.criteria.items()],
            (N_("Code"), N_("Block"), N_("Criterion"), N_("Points per occurrence")), signed=True, parent=self)
        self.grades_model = DraftModel(
            [DraftRow(grade.code, grade.name, grade.min_score) for grade in plan.grades],
            (N_("Code"), N_("Block"), N_("Grade"), N_("Lowest score")), signed=False, parent=self)
        self.criteria_view = self._editor_view(self.criteria_model, _("Criteria"))
        self.grades_view = self._editor_view(self.grades_model, _("Grades"))
        self.grades_view.hideColumn(1)
        hint = QLabel(_("Double-click a name or a number (or press F2) to change it. Deductions are negative "
                        "numbers, bonuses positive. Steps for repeated violations are kept as they are."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {widgets.MUTED.name()}")

        tabs = QTabWidget()
        tabs.addTab(self.criteria_view, _("&Criteria and points"))
        tabs.addTab(self.grades_view, _("&Grades"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(tabs, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        width = self.fontMetrics().averageCharWidth()
        self.resize(width * 130, self.fontMetrics().height() * 40)

    def _editor_view(self, model: DraftModel, name: str) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        view.verticalHeader().hide()
        view.setAccessibleName(name)
        header = view.horizontalHeader()
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return view

    def changes(self) -> PlanChanges:
        plan = self.base.plan
        criteria = self.criteria_model.rows()
        grades = self.grades_model.rows()
        return PlanChanges(
            effective_from=widgets.from_qdate(self.date_edit.date()),
            points={row.code: row.number for row in criteria if row.number != plan.criteria[row.code].points},
            criterion_names={row.code: row.name for row in criteria if row.name != plan.criteria[row.code].name},
            min_scores={row.code: row.number for row in grades if row.number != plan.grade(row.code).min_score},
            grade_names={row.code: row.name for row in grades if row.name != plan.grade(row.code).name},
        )

    def accept(self) -> None:
        if self._on_accept(self.changes()):
            super().accept()

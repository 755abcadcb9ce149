"""The ranking's tables: one row per person with a column per block of the plan, and the items behind the
chosen person's score."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ward_office.core.plan import Block, EmulationPlan
from ward_office.core.schedule import SESSION_LABELS
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_number, format_points
from ward_office.i18n.text import name_sort_key
from ward_office.scoring.titles import ELIGIBLE_HEADER, ELIGIBLE_NOTE
from ward_office.services.standings import ITEM_SOURCE_LABELS, ItemLine, Standing

from ward_office.ui.widgets import BAD, GOOD, MARKED, WARN
from ward_office.ui.widgets.models import CENTER, RIGHT, Column, RecordTableModel


def _points_colour(points: Any) -> QColor | None:
    if points < 0:
        return BAD
    if points > 0:
        return GOOD
    return None


def _grade_colour(row: Standing) -> QColor | None:
    return WARN if row.result.changes or row.lacking else None


def _marked(row: Standing) -> QColor | None:
    return MARKED if row.result.changes or row.lacking else None


def _block_column(block: Block) -> Column[Standing]:
    def total(row: Standing) -> Any:
        return row.result.block_totals.get(block.code, 0)

    return Column(block.code, lambda row: format_points(total(row)), sort_key=total, alignment=RIGHT,
                  tooltip=lambda _row: block.name, foreground=lambda row: _points_colour(total(row)),
                  searchable=False)


def ranking_columns(plan: EmulationPlan, titles: bool = False) -> list[Column[Standing]]:
    grade_order = {grade.code: index for index, grade in enumerate(plan.grades)}
    return [
        Column(N_("Rank"), lambda row: row.result.rank_text,
               sort_key=lambda row: row.order,
               alignment=CENTER, searchable=False),
        Column(N_("Full name"), lambda row: row.result.staff.full_name,
               sort_key=lambda row: name_sort_key(row.result.staff.full_name),
               tooltip=lambda row: row.result.staff.code),
        Column(N_("Position"), lambda row: row.result.staff.position, tooltip=lambda row: row.result.staff.position),
        Column(N_("Department"), lambda row: row.department, tooltip=lambda row: row.department),
        *(_block_column(block) for block in plan.blocks),
        # Not graded yet: no score, as the entered points missing would count as full marks in it (as on paper)
        Column(N_("Score"), lambda row: format_number(row.result.score) if row.result.graded else "–",
               sort_key=lambda row: row.result.score if row.result.graded else -1, alignment=RIGHT,
               searchable=False),
        Column(N_("Grade"), lambda row: row.result.grade_name,
               sort_key=lambda row: (grade_order.get(row.result.grade.code, len(grade_order))
                                     if row.result.graded else len(grade_order) + 1, row.order),
               tooltip=lambda row: row.note(), foreground=_grade_colour, background=_marked),
        Column(N_("Note"), lambda row: row.note(), tooltip=lambda row: row.note(), foreground=_grade_colour,
               background=_marked),
        *([Column(ELIGIBLE_HEADER, lambda row: row.titles, tooltip=lambda _row: _(ELIGIBLE_NOTE))] if titles else []),
    ]


class RankingModel(RecordTableModel[Standing]):
    """The ranking rows; block columns are headed by the block's code, its name in the tooltip."""

    def __init__(self, plan: EmulationPlan, parent: Any = None, titles: bool = False) -> None:
        super().__init__(ranking_columns(plan, titles), parent)
        self.titles = titles  # a column of the emulation titles each person is eligible to be proposed for
        self.block_codes = tuple(block.code for block in plan.blocks)
        self._block_names = {block.code: block.name for block in plan.blocks}
        self._first_block = 4

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        block = section - self._first_block
        if orientation == Qt.Orientation.Horizontal and 0 <= block < len(self.block_codes):
            code = self.block_codes[block]
            if role == Qt.ItemDataRole.DisplayRole:
                return code  # a code from the plan, not a message
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._block_names[code]
        return super().headerData(section, orientation, role)

    def key_columns(self) -> tuple[int, ...]:
        """Rank, name, score and grade: what must stay in sight on a small screen."""
        score = self._first_block + len(self.block_codes)
        return 0, 1, score, score + 1

    def squeezable_columns(self) -> tuple[int, ...]:
        """Position and department, which give way to the score and grade."""
        return 2, 3


def _criterion(line: ItemLine) -> str:
    return f"{line.item.criterion_code} — {line.criterion_name}" if line.criterion_name else line.item.criterion_code


ITEM_COLUMNS: Sequence[Column[ItemLine]] = (
    Column(N_("Date"), lambda line: format_date(line.item.day),
           sort_key=lambda line: (line.item.day, line.item.session or "")),
    Column(N_("Session"), lambda line: _(SESSION_LABELS[line.item.session]) if line.item.session else ""),
    Column(N_("Criterion"), _criterion, sort_key=lambda line: line.item.criterion_code, tooltip=_criterion),
    Column(N_("Block"), lambda line: line.item.block_code, tooltip=lambda line: line.block_name),
    Column(N_("Points"), lambda line: format_points(line.contribution), sort_key=lambda line: line.contribution,
           alignment=RIGHT, foreground=lambda line: _points_colour(line.contribution)),
    Column(N_("Plan points"), lambda line: format_points(line.item.raw_points),
           sort_key=lambda line: line.item.raw_points, alignment=RIGHT),
    Column(N_("Note"), lambda line: line.explanation, tooltip=lambda line: line.explanation,
           foreground=lambda line: WARN if line.item.capped else GOOD if line.item.excuse else None),
    Column(N_("Recorded by"), lambda line: line.item.recorded_by),
    Column(N_("Source"), lambda line: _(ITEM_SOURCE_LABELS[line.item.source])),
)

"""The pieces the overview is made of: a card with a title and links, a tile with one number, the short
tables of the best and lowest scores and of today's checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.checks import CHECK_KIND_LABELS, Check
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_datetime, format_number

from ward_office.ui.widgets.models import CENTER, RIGHT, Column, RecordTableModel

if TYPE_CHECKING:  # scoring is loaded by the overview's background job, not at start
    from ward_office.scoring.results import StaffResult


def _scaled_font(widget: QWidget, factor: float, bold: bool = True) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


class Card(QFrame):
    """A framed box with a bold title, a body and optional link buttons under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.title = QLabel()
        self.title.setFont(_scaled_font(self, 1.15))
        self.title.setWordWrap(True)
        self.body = QVBoxLayout()
        self.links = QHBoxLayout()
        self.links.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.body, 1)
        layout.addLayout(self.links)

    def add_link(self, text: str, action: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(action)
        self.links.addWidget(button)
        return button


class StatTile(QFrame):
    """A big coloured number over its caption; the tooltip names the people."""

    def __init__(self, caption: str, color: QColor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = QLabel("—")
        self.number.setFont(_scaled_font(self, 2.4))
        palette = self.number.palette()
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.number.setPalette(palette)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        for label in (self.number, self.caption):
            label.setAlignment(CENTER)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        self._value: int | None = None

    def set_value(self, value: int | None, tooltip: str) -> None:
        self._value = value
        self.number.setText("—" if value is None else format_number(value, 0))
        self.setToolTip(tooltip)
        self.setAccessibleName(f"{self.caption.text()}: {self.number.text()}")

    def value(self) -> int | None:
        return self._value


def fit_height(view: QTableView, rows: int) -> None:
    """Show every row without an inner scroll bar: the lists here are short."""
    height = view.horizontalHeader().sizeHint().height() + view.verticalHeader().defaultSectionSize() * rows
    view.setFixedHeight(height + 2 * view.frameWidth())


def short_table(model: RecordTableModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(False)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return view


RANKING_COLUMNS: tuple[Column[StaffResult], ...] = (
    Column(N_("Rank"), lambda result: result.rank_text, lambda result: result.rank or 10**6, CENTER),
    Column(N_("Full name"), lambda result: result.staff.full_name,
           tooltip=lambda result: result.staff.position),
    Column(N_("Score"), lambda result: format_number(result.score), lambda result: result.score, RIGHT),
    # The code (HTXSNV…) keeps two lists side by side at 100% scaling; the tooltip has the name.
    Column(N_("Grade"), lambda result: result.grade_code, tooltip=lambda result: "\n".join(
        [result.grade_name, *(change.localized() for change in result.changes)])),
)


def _check_state(check: Check) -> str:
    return _("Still open") if check.is_open else _("Finished")


def _check_details(check: Check) -> str:
    lines = [_("Checked by: {checker}").format(checker=check.checker)]
    if check.location:
        lines.append(_("Place: {place}").format(place=check.location))
    lines.append(_("{count} people seen").format(count=len(check.seen)))
    finished_at = check.finished_at
    if finished_at is not None:
        lines.append(_("Finished at {time}").format(time=format_datetime(finished_at)))
    return "\n".join(lines)


# Three short columns fit the half-width card; who checked, where and how many were seen are in the tooltip.
CHECK_COLUMNS: tuple[Column[Check], ...] = (
    Column(N_("Kind of check"), lambda check: _(CHECK_KIND_LABELS[check.kind]), tooltip=_check_details),
    Column(N_("Started at"), lambda check: format_datetime(check.started_at), lambda check: check.started_at,
           tooltip=_check_details),
    Column(N_("Status"), _check_state, tooltip=_check_details),
)

"""Chấm điểm nhiệm vụ: the head enters, month by month, the points of the plan's groups that nobody records day
by day (task results): one grid of people × entered items, typed from the keyboard, saved all at once.

Nothing typed is written until Save, which hands every change to ``enter_scores`` in one transaction; leaving
the page, the month or the book with changes not saved asks first. A locked month, an account that is not the
head's or a book open to view only shows the grid to read, with a banner saying why.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.access import Permission
from ward_office.core.errors import WardOfficeError
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_month
from ward_office.services.entered_scores import EntrySheet, enter_scores, entry_sheet

from ward_office.ui.scores.grid import ScoreGrid
from ward_office.ui.scores.models import ScoreGridModel
from ward_office.ui.widgets import BAD, GOOD, MUTED, error_text, show_error
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.models import SearchProxy
from ward_office.ui.widgets.page import Page

BANNER_STYLE = "QLabel { background: #fdecea; color: #8c1d18; border: 1px solid #e6a5a0; padding: 6px; }"
KEY_LEGEND = N_("Keys: type the points (for example 65,5) · Enter: next person · Tab: next item · Delete: back to "
                "“not graded” · Esc: leave the cell unchanged · Ctrl+S: save. Nothing is written before Save.")


def month_start(year: int, month: int) -> date:
    return date(year, month, 1)


class ScoresPage(Page):
    topics = frozenset({Topic.SCORES, Topic.STAFF, Topic.SETTINGS})

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        today = context.today()
        self._shown = month_start(today.year, today.month)
        self._shown_book: Path | None = None
        self.sheet: EntrySheet | None = None
        self.model = ScoreGridModel(self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.grid = ScoreGrid(self.model, self.proxy)
        self.grid.setObjectName("scores_grid")
        self.grid.setAccessibleName(_("Task scores of the month"))
        self.grid.refused.connect(self._refused)
        self.grid.cleared.connect(self._cleared)
        self.model.dataChanged.connect(lambda *_args: self._show_counts())
        self.model.modelReset.connect(self._show_counts)

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_month_row())
        self.banner = QLabel()
        self.banner.setObjectName("scores_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        layout.addWidget(self.banner)
        self.empty = QLabel()
        self.empty.setObjectName("scores_empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(24)
        self.body = QStackedWidget()
        self.body.addWidget(self._build_grid_part())
        self.body.addWidget(self.empty)
        layout.addWidget(self.body, 1)

    # ---- Building ----

    def _build_month_row(self) -> QHBoxLayout:
        self.month_combo = QComboBox()
        self.month_combo.setObjectName("scores_month")
        self.month_combo.setAccessibleName(_("Month"))
        for number in range(1, 13):
            self.month_combo.addItem(_("Month {number}").format(number=number), number)
        self.month_combo.setCurrentIndex(self._shown.month - 1)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(self._shown.year)
        self.year_spin.setAccessibleName(_("Year"))
        month_label = QLabel(_("&Month:"))
        month_label.setBuddy(self.month_combo)
        self.previous_month = QToolButton()
        self.previous_month.setText(_("◀ Previous month"))
        self.next_month = QToolButton()
        self.next_month.setText(_("Next month ▶"))
        self.title = QLabel()
        self.title.setObjectName("scores_title")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        row = QHBoxLayout()
        for widget in (month_label, self.month_combo, self.year_spin, self.previous_month, self.next_month):
            row.addWidget(widget)
        row.addSpacing(12)
        row.addWidget(self.title, 1)
        self.month_combo.currentIndexChanged.connect(lambda _index: self._month_chosen())
        self.year_spin.valueChanged.connect(lambda _value: self._month_chosen())
        self.previous_month.clicked.connect(lambda: self._step_month(-1))
        self.next_month.clicked.connect(lambda: self._step_month(1))
        return row

    def _build_grid_part(self) -> QWidget:
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Find staff by name, position or department (accents optional)"))
        self.search.setAccessibleName(_("Find staff"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        search_label = QLabel(_("Fi&nd:"))  # not "&Find:", whose letter the month's label takes here
        search_label.setBuddy(self.search)
        self.save_button = QPushButton(_("&Save scores"))
        self.save_button.setObjectName("scores_save")
        self.save_button.setToolTip(_("Save every change of the grid at once (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.discard_button = QPushButton(_("Discard changes"))
        self.discard_button.setObjectName("scores_discard")
        self.discard_button.clicked.connect(self.discard)
        save_action = QAction(self)
        save_action.setShortcut(QKeySequence.StandardKey.Save)
        save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_action.triggered.connect(lambda _checked=False: self.save())
        self.addAction(save_action)
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        top.addWidget(self.discard_button)
        top.addWidget(self.save_button)
        self.summary = QLabel()
        self.summary.setObjectName("scores_summary")
        self.summary.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("scores_status")
        self.status.setWordWrap(True)
        self.status.hide()
        self.legend = QLabel(_(KEY_LEGEND))
        self.legend.setObjectName("scores_legend")
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet(f"QLabel {{ color: {MUTED.name()}; }}")
        part = QWidget()
        column = QVBoxLayout(part)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.grid, 1)
        column.addWidget(self.summary)
        column.addWidget(self.status)
        column.addWidget(self.legend)
        return part

    # ---- The month ----

    def month(self) -> date:
        """The first day of the month shown."""
        return self._shown

    def show_month(self, year: int, month: int) -> bool:
        """Show another month, after asking about changes not saved; False when the user stays."""
        if month_start(year, month) != self._shown and not self.can_leave():
            return False
        self._shown = month_start(year, month)
        self._set_chooser(self._shown)
        self.refresh()
        return True

    def _set_chooser(self, month: date) -> None:
        for widget in (self.month_combo, self.year_spin):
            widget.blockSignals(True)
        self.month_combo.setCurrentIndex(month.month - 1)
        self.year_spin.setValue(month.year)
        for widget in (self.month_combo, self.year_spin):
            widget.blockSignals(False)

    def _month_chosen(self) -> None:
        if not self.show_month(self.year_spin.value(), self.month_combo.currentData()):
            self._set_chooser(self._shown)

    def _step_month(self, step: int) -> None:
        index = self._shown.year * 12 + self._shown.month - 1 + step
        self.show_month(index // 12, index % 12 + 1)

    # ---- Loading ----

    def refresh(self) -> None:
        same = self._shown_book == self.ward.path and self.sheet is not None and self.sheet.month == self._shown
        self._shown_book = self.ward.path
        current = self.grid.currentIndex()
        kept = (current.row(), current.column()) if current.isValid() else (-1, -1)  # the cell the head was on
        if not same:
            self._say("")
        try:
            sheet = entry_sheet(self.ward, self._shown)
        except WardOfficeError as error:
            self.sheet = None
            self.model.set_sheet(None, {})
            self.title.setText(format_month(self._shown.year, self._shown.month, "long"))
            self.banner.hide()
            self._show_empty(error_text(error))
            return
        self.sheet = sheet
        self.model.editable = self.read_only_reason(sheet) is None
        # Changes that can no longer be saved (the month locked meanwhile, another account) are dropped.
        self.model.set_sheet(sheet, self.ward.department_names(), keep_pending=same and self.model.editable)
        self.title.setText(_("{month} — {plan} (version {version})").format(
            month=format_month(self._shown.year, self._shown.month, "long"), plan=sheet.plan.name,
            version=sheet.plan.version))
        self._show_banner(sheet)
        if not sheet.items:
            self._show_empty(_(
                "The emulation plan in force in {month} ({plan}) has no group of criteria entered by hand, so there "
                "is nothing to score here. To enter task results each month, adopt a plan with such a group in "
                "Settings › Emulation plan.").format(month=self._month_in_sentence(), plan=sheet.plan.name))
            return
        if not sheet.people:
            self._show_empty(_("Nobody works here in {month}.").format(month=self._month_in_sentence()))
            return
        self.body.setCurrentIndex(0)
        self._fit_columns()
        row, column = kept
        if same and 0 <= row < self.proxy.rowCount() and ScoreGridModel.FIRST_ITEM <= column < self.model.columnCount():
            self.grid.setCurrentIndex(self.proxy.index(row, column))
        else:
            self.grid.setCurrentIndex(self.grid.first_cell())

    def _month_in_sentence(self) -> str:
        return format_month(self._shown.year, self._shown.month).lower()  # "tháng 10/2026"

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.body.setCurrentWidget(self.empty)

    def read_only_reason(self, sheet: EntrySheet) -> str | None:
        """Why the grid of ``sheet`` cannot be changed now, or None."""
        month = format_month(sheet.month.year, sheet.month.month)
        if sheet.locked:
            return _("{month} is locked: its scores can be read but not changed. The head can unlock the "
                     "period on the Ranking page.").format(month=month)
        account = self.ward.account
        if account is not None and not account.may(Permission.ENTER_SCORES):
            return _("Only the head enters task scores: this grid is for reading.")
        if self.ward.read_only:
            return _("The record book is open to view only: scores cannot be changed.")
        return None

    def _show_banner(self, sheet: EntrySheet) -> None:
        reason = self.read_only_reason(sheet) if sheet.items else None
        self.banner.setText(reason or "")
        self.banner.setVisible(reason is not None)
        editable = reason is None
        if not editable:
            self._say("")
        self.save_button.setVisible(editable)
        self.discard_button.setVisible(editable)
        self.legend.setVisible(editable)

    def _fit_columns(self) -> None:
        """The scores always in view: the name and position fit (within limits), the department takes what is
        left and gives way first on a small screen."""
        self.grid.resizeColumnsToContents()
        widest = self.fontMetrics().averageCharWidth()
        limits = {ScoreGridModel.NAME: 26, ScoreGridModel.POSITION: 20}
        for column, limit in limits.items():
            self.grid.setColumnWidth(column, min(self.grid.columnWidth(column), limit * widest))
        for column in range(ScoreGridModel.FIRST_ITEM, self.model.columnCount()):
            self.grid.setColumnWidth(column, max(self.grid.columnWidth(column), 14 * widest))
        self.grid.fit_department()

    def _show_counts(self) -> None:
        people, ungraded, pending = len(self.model.people), self.model.ungraded_people(), self.model.pending_count
        parts = [_("{count} people").format(count=people),
                 _("{count} people not fully graded").format(count=ungraded) if ungraded else
                 _("everyone graded")]
        if pending:
            parts.append(_("{count} cells changed, not saved").format(count=pending))
        self.summary.setText(" · ".join(parts))
        self.summary.setStyleSheet(f"QLabel {{ color: {BAD.name()}; }}" if ungraded else "")
        self.save_button.setEnabled(pending > 0)
        self.discard_button.setEnabled(pending > 0)

    # ---- Typing and saving ----

    def _say(self, text: str, color: str | None = None) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.status.setStyleSheet(f"QLabel {{ color: {color}; }}" if color else "")

    def _refused(self, reason: str) -> None:
        self._say(reason, BAD.name())

    def _cleared(self, count: int) -> None:
        if count:
            self._say(_("{count} cells cleared back to “not graded”; Save to keep it.").format(count=count))

    def save(self) -> bool:
        """Hand every change typed to the service at once; False (the changes kept, the reason shown) if refused."""
        if self.sheet is None or not self.model.pending_count:
            self._say(_("Nothing to save."))
            return True
        try:
            changed = enter_scores(self.ward, self._shown, self.model.pending_entries())
        except WardOfficeError as error:
            self._say(error_text(error), BAD.name())
            show_error(self, error, _("Scores not saved"))
            return False
        self.model.discard_pending()
        self.refresh()
        self._say(_("Saved: {count} scores changed.").format(count=changed), GOOD.name())
        self.context.changed.emit(Topic.SCORES)
        return True

    def discard(self) -> None:
        self.model.discard_pending()
        self._say(_("Changes discarded."))

    def can_leave(self) -> bool:
        """Ask what to do with changes not saved: save them, discard them, or stay (False)."""
        if not self.model.pending_count:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, _("Scores not saved"), _(
            "{count} cells of {month} were changed and not saved. Save them now?").format(
            count=self.model.pending_count, month=self._month_in_sentence()),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self)
        box.setObjectName("scores_unsaved")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.model.discard_pending()
            return True
        return False

"""The change log page (Nhật ký thay đổi): every change to the records, newest first, found by days, who made
it, kind of record, action, person and any words, with the values before and after of the chosen line.

Read-only by nature. The list reads the log a page at a time as the user scrolls (``canFetchMore`` /
``fetchMore``), so ten years of changes open as fast as one day; the export runs off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.change_log import ChangeAction
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_datetime
from ward_office.services import change_log
from ward_office.services.change_log import ACTION_LABELS, RECORD_KINDS, ChangeFilter, ChangeLine, FieldChange, Lookup
from ward_office.services.ward import in_own_ward

from ward_office.ui import widgets
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.jobs import Job, run_in_background
from ward_office.ui.widgets.models import Column, RecordTableModel
from ward_office.ui.widgets.page import Page
from ward_office.ui.widgets.staff_combo import StaffCombo

Index = QModelIndex | QPersistentModelIndex
SEARCH_DELAY_MS = 300


class PagedLogModel(RecordTableModel[ChangeLine]):
    """Log lines newest first, read ``page_size`` at a time when the view scrolls near the end."""

    def __init__(self, columns: Sequence[Column[ChangeLine]], fetch: Callable[[int | None, int], list[ChangeLine]],
                 page_size: int = change_log.PAGE_SIZE, parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._fetch = fetch
        self.page_size = page_size
        self._more = False

    def reload(self) -> None:
        """Start again from the newest line."""
        first = self._fetch(None, self.page_size)
        self._more = len(first) == self.page_size
        self.set_records(first)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802 - Qt's signature
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or not self._more:
            return
        last = self._records[-1].entry.id if self._records else None
        page = self._fetch(last, self.page_size)
        self._more = len(page) == self.page_size
        if page:
            self.beginInsertRows(QModelIndex(), len(self._records), len(self._records) + len(page) - 1)
            self._records.extend(page)
            self.endInsertRows()


class AuditPage(Page):
    # every change is logged, so every topic (including any added later) reloads the page
    topics = frozenset(value for name, value in vars(Topic).items() if name.isupper() and isinstance(value, str))

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._lookup: Lookup | None = None
        self._actors: tuple[object, set[str]] | None = None  # (the ward, who wrote in it): read once per book
        self._job: Job | None = None
        self.last_export: change_log.ChangeLogExport | None = None
        self._build_models()
        self._build_filter_fields(context)
        dates, filters = self._filter_rows()
        splitter = self._build_list_and_detail()
        buttons = self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(dates)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def _build_models(self) -> None:
        """The log lines and, for the chosen line, its fields before and after."""
        self.columns: tuple[Column[ChangeLine], ...] = (
            Column(N_("When"), lambda row: format_datetime(row.entry.at), tooltip=lambda row: row.entry.at.isoformat()),
            Column(N_("Who"), lambda row: row.entry.actor),
            Column(N_("Action"), lambda row: row.action_label),
            Column(N_("Kind of record"), lambda row: row.kind_label),
            Column(N_("What changed"), lambda row: row.sentence, tooltip=lambda row: row.sentence),
        )
        self.model = PagedLogModel(self.columns, self._fetch, parent=self)
        self.field_columns: tuple[Column[FieldChange], ...] = (
            Column(N_("Field"), lambda change: change.name),
            Column(N_("Before"), lambda change: change.before, tooltip=lambda change: change.before),
            Column(N_("After"), lambda change: change.after, tooltip=lambda change: change.after),
        )
        self.fields_model: RecordTableModel[FieldChange] = RecordTableModel(self.field_columns, self)

    def _build_filter_fields(self, context: WardContext) -> None:
        """Days, who, person, kind, action and words; each change reloads the list."""
        today = context.today()
        self.use_start = QCheckBox(_("&From:"))
        self.start = widgets.date_edit(today.replace(day=1))
        self.start.setAccessibleName(_("From day"))
        self.use_end = QCheckBox(_("&To:"))
        self.end = widgets.date_edit(today)
        self.end.setAccessibleName(_("To day"))
        for box, edit in ((self.use_start, self.start), (self.use_end, self.end)):
            box.setToolTip(_("Tick to show only changes made from (or until) this day"))
            edit.setEnabled(False)
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(self.reload)
            edit.dateChanged.connect(self.reload)
        self.who = QComboBox()
        self.who.setAccessibleName(_("Who made the change"))
        self.who.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.who.setMinimumContentsLength(14)
        self.person = StaffCombo(_("All staff"))
        self.person.setAccessibleName(_("Staff member concerned"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Kind of record"))
        self.kind.addItem(_("All kinds"), None)
        for entity, label in RECORD_KINDS.items():
            self.kind.addItem(_(label), entity)
        self.action = QComboBox()
        self.action.setAccessibleName(_("Action"))
        self.action.addItem(_("All actions"), None)
        for action, label in ACTION_LABELS.items():
            self.action.addItem(_(label), action.value)
        for combo in (self.kind, self.action):  # long labels must not push the search box off a small screen
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        self.search = QLineEdit()
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 18)
        self.search.setPlaceholderText(_("Name (accents not needed), code, note, 05/11/2026…"))
        self.search.setAccessibleName(_("Search the change log"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.reload)
        for combo in (self.who, self.person, self.kind, self.action):
            combo.currentIndexChanged.connect(self.reload)

    def _filter_rows(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        dates = QHBoxLayout()
        for widget in (self.use_start, self.start, self.use_end, self.end):
            dates.addWidget(widget)
        who_label = QLabel(_("&Who:"))
        who_label.setBuddy(self.who)
        person_label = QLabel(_("&Person:"))
        person_label.setBuddy(self.person)
        dates.addWidget(who_label)
        dates.addWidget(self.who, 1)
        dates.addWidget(person_label)
        dates.addWidget(self.person, 2)
        filters = QHBoxLayout()
        kind_label = QLabel(_("&Kind:"))
        kind_label.setBuddy(self.kind)
        action_label = QLabel(_("&Action:"))
        action_label.setBuddy(self.action)
        search_label = QLabel(_("&Search:"))
        search_label.setBuddy(self.search)
        for widget, stretch in ((kind_label, 0), (self.kind, 1), (action_label, 0), (self.action, 1),
                                (search_label, 0), (self.search, 3)):
            filters.addWidget(widget, stretch)
        return dates, filters

    def _build_list_and_detail(self) -> QSplitter:
        """The log above, the chosen line's sentence and fields below."""
        self.table = widgets.record_table(self.model, "audit_table", _("Change log"))
        self.table.setSortingEnabled(False)  # newest first, as read page by page
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search.setFocus)

        self.sentence = QLabel()
        self.sentence.setObjectName("audit_sentence")
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields = QTableView()
        self.fields.setObjectName("audit_fields")
        self.fields.setAccessibleName(_("Values before and after"))
        self.fields.setModel(self.fields_model)
        self.fields.verticalHeader().hide()
        self.fields.setWordWrap(True)
        self.fields.setAlternatingRowColors(True)
        self.fields.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.sentence)
        detail_layout.addWidget(self.fields, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        return splitter

    def _build_buttons(self) -> QHBoxLayout:
        self.export_button = QPushButton(_("E&xport…"))
        self.export_button.setToolTip(_("Save the lines shown (all of them, not only those loaded) to Excel or CSV"))
        self.export_button.clicked.connect(self.ask_export)
        self.status = QLabel()
        self.status.setObjectName("audit_status")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.export_button)
        return buttons

    # ---- Reading ----

    def current_filter(self) -> ChangeFilter:
        action = self.action.currentData()
        return ChangeFilter(
            start=widgets.from_qdate(self.start.date()) if self.use_start.isChecked() else None,
            end=widgets.from_qdate(self.end.date()) if self.use_end.isChecked() else None,
            actor=self.who.currentData(), kind=self.kind.currentData(),
            action=ChangeAction(action) if action else None, staff_id=self.person.staff_id(),
            text=self.search.text(),
        )

    def _fetch(self, before_id: int | None, limit: int) -> list[ChangeLine]:
        if self._lookup is None:
            self._lookup = Lookup.of(self.ward)
        rows = change_log.find_entries(self.ward, self.current_filter(), before_id=before_id, limit=limit,
                                      lookup=self._lookup)
        if self._actors is not None:
            self._actors[1].update(row.entry.actor for row in rows)
        return rows

    def refresh(self) -> None:
        self._lookup = None
        for combo in (self.who, self.person):
            combo.blockSignals(True)
        self.person.set_people(self.ward.staff())
        chosen = self.who.currentData()
        if self._actors is None or self._actors[0] is not self.ward:
            # a scan of the whole log: done when a book is opened, then kept up to date from what is shown
            self._actors = (self.ward, set(change_log.actors(self.ward)))
        self._actors[1].add(self.ward.actor)
        self.who.clear()
        self.who.addItem(_("Everyone"), None)
        for actor in sorted(self._actors[1]):
            self.who.addItem(actor, actor)
        self.who.setCurrentIndex(max(self.who.findData(chosen), 0) if chosen is not None else 0)
        for combo in (self.who, self.person):
            combo.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        self._search_timer.stop()
        self.model.reload()
        widest = self.fontMetrics().averageCharWidth() * 30
        for column in range(len(self.columns) - 1):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._show_selected()
        self._update_status()

    def _update_status(self) -> None:
        shown = self.model.rowCount()
        if not shown:
            self.status.setText(_("No change matches the filter."))
        elif self.model.canFetchMore():
            self.status.setText(_("The newest {count} changes are shown; scroll down for older ones.").format(
                count=shown))
        else:
            self.status.setText(_("{count} changes.").format(count=shown))

    def selected(self) -> ChangeLine | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _show_selected(self, *_args: object) -> None:
        row = self.selected()
        if row is None:
            self.sentence.clear()
            self.fields_model.set_records([])
            return
        entry = row.entry
        self.sentence.setText(_("{when} — {who}: {sentence}").format(
            when=format_datetime(entry.at), who=entry.actor, sentence=row.sentence))
        self.fields_model.set_records(change_log.entry_fields(entry, self._lookup))
        self.fields.resizeRowsToContents()

    # ---- Export ----

    def ask_export(self) -> None:
        name = "nhat-ky-thay-doi.xlsx"
        path, _chosen = QFileDialog.getSaveFileName(self, _("Export the change log"),
                                                    str(self.ward.path.parent / name),
                                                    _("Excel workbook (*.xlsx);;CSV file (*.csv)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, out: Path) -> Job:
        """Write the lines of the current filter to ``out`` (.xlsx or .csv) off the GUI thread."""
        db_path, wanted = self.ward.path, self.current_filter()
        self.export_button.setEnabled(False)

        def done(summary: change_log.ChangeLogExport) -> None:
            self.export_button.setEnabled(True)
            self.last_export = summary
            self.status.setText(summary.localized())

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            widgets.show_error(self, error)

        def work() -> change_log.ChangeLogExport:
            return in_own_ward(db_path, lambda ward: change_log.export_change_log(ward, wanted, out), read_only=True)

        self._job = run_in_background(self, _("Exporting the change log…"), work, done, failed)
        return self._job

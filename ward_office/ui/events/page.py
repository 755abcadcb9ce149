"""The events page (Sự việc): every violation and commendation, found by dates, person, block, kind and
any word of the name, criterion or note, added by hand and deleted when entered by mistake.

Only the chosen date range is read from the database, so ten years of records open as fast as one month.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.checks import EventId
from ward_office.core.errors import WardOfficeError
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_points
from ward_office.i18n.text import name_sort_key
from ward_office.services import event_log
from ward_office.services.attendance_violations import attendance_rows
from ward_office.services.event_log import EVENT_KIND_LABELS, EventFilter, EventKind, EventRow

from ward_office.ui import widgets
from ward_office.ui.events.dialogs import AddEventDialog, EventDetailsDialog
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.keyed_models import KeyedRecordModel, KeyedSearchProxy
from ward_office.ui.widgets.models import RIGHT, Column
from ward_office.ui.widgets.page import Page
from ward_office.ui.widgets.staff_combo import StaffCombo

NO_POINTS = Fraction(10**9)  # sorts events the plan does not score after all others


def _points_colour(row: EventRow) -> QColor:
    if row.points is None:
        return widgets.MUTED
    return widgets.GOOD if row.points > 0 else widgets.BAD


def _event_order(row: EventRow) -> tuple[date, int]:
    return row.event.day, row.event.id or 0


class EventsPage(Page):
    topics = frozenset({Topic.EVENTS, Topic.STAFF, Topic.SETTINGS})

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.dialog: AddEventDialog | EventDetailsDialog | None = None
        self._build_model()
        self._build_filter_fields(context)
        dates, filters = self._filter_rows()
        self._build_table()
        buttons = self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(dates)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        for signal in (self.start.dateChanged, self.end.dateChanged):
            signal.connect(self._range_changed)
        for signal in (self.person.currentIndexChanged, self.block.currentIndexChanged,
                       self.kind.currentIndexChanged):
            signal.connect(self.reload)
        self.with_attendance.toggled.connect(self.reload)
        self.search.textChanged.connect(self._search_changed)
        self._update_buttons()

    def _build_model(self) -> None:
        self.columns: tuple[Column[EventRow], ...] = (
            Column(N_("Day"), lambda row: format_date(row.event.day), sort_key=_event_order, searchable=False),
            Column(N_("Full name"), lambda row: row.full_name,
                   sort_key=lambda row: (name_sort_key(row.full_name), _event_order(row))),
            Column(N_("Position"), lambda row: row.position),
            Column(N_("Kind"), lambda row: row.kind_label(), searchable=False,
                   foreground=_points_colour),
            Column(N_("Points"), lambda row: format_points(row.points) if row.points is not None else "",
                   sort_key=lambda row: row.points if row.points is not None else NO_POINTS,
                   alignment=RIGHT, searchable=False, foreground=_points_colour),
            Column(N_("Code"), lambda row: row.event.criterion_code),
            Column(N_("Criterion"), lambda row: row.criterion_name, tooltip=lambda row: row.criterion_name),
            Column(N_("Block"), lambda row: row.block_name),
            Column(N_("Note"), lambda row: row.event.note, tooltip=lambda row: row.event.note),
            Column(N_("Department"), lambda row: row.department),
            Column(N_("Recorded by"), lambda row: row.event.recorded_by, searchable=False),
            Column(N_("Source"), lambda row: row.source_label(), searchable=False),
            Column(N_("Inspection round"), lambda row: row.check_label(), searchable=False,
                   sort_key=lambda row: (row.event.check_id or 0, _event_order(row))),
        )
        # Ten years of a big ward are tens of thousands of rows: sorted and searched from cached keys.
        self.model: KeyedRecordModel[EventRow] = KeyedRecordModel(self.columns, self)
        self.proxy = KeyedSearchProxy(self)
        self.proxy.setSourceModel(self.model)

    def _build_filter_fields(self, context: WardContext) -> None:
        """The range of days with its quick buttons, and the person, block, kind and search filters."""
        today = context.today()
        self.start = widgets.date_edit(date(today.year, today.month, 1))
        self.start.setAccessibleName(_("From day"))
        self.end = widgets.date_edit(today)
        self.end.setAccessibleName(_("To day"))
        self.this_month_button = QPushButton(_("This &month"))
        self.this_month_button.setToolTip(_("From the first of this month to today"))
        self.this_month_button.clicked.connect(lambda: self.set_range(self._month_start(), self.context.today()))
        self.half_year_button = QPushButton(_("&6 months"))
        self.half_year_button.setToolTip(_("From the start of the current half-year (review period) to today"))
        self.half_year_button.clicked.connect(lambda: self.set_range(self._half_year_start(), self.context.today()))
        self.year_button = QPushButton(_("This &year"))
        self.year_button.setToolTip(_("From 1 January to today"))
        self.year_button.clicked.connect(
            lambda: self.set_range(date(self.context.today().year, 1, 1), self.context.today()))

        self.person = StaffCombo(_("All staff"))
        self.person.setAccessibleName(_("Staff member"))
        self.block = QComboBox()
        self.block.setAccessibleName(_("Block"))
        self.block.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.block.setMinimumContentsLength(16)
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Kind"))
        self.kind.addItem(_("All kinds"), None)
        for kind, label in EVENT_KIND_LABELS.items():
            self.kind.addItem(_(label), kind)
        self.with_attendance = QCheckBox(_("Include &attendance"))
        self.with_attendance.setToolTip(_("Also list the violations the score takes from attendance (late, "
                                          "early, absent without leave), marked “Violation (attendance)”"))
        self.search = QLineEdit()
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 18)
        self.search.setPlaceholderText(_("Search name, criterion, note… (accents not needed)"))
        self.search.setAccessibleName(_("Search events"))
        self.search.setClearButtonEnabled(True)

    def _filter_rows(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        dates = QHBoxLayout()
        from_label = QLabel(_("&From:"))
        from_label.setBuddy(self.start)
        to_label = QLabel(_("&To:"))
        to_label.setBuddy(self.end)
        for widget in (from_label, self.start, to_label, self.end, self.this_month_button,
                       self.half_year_button, self.year_button):
            dates.addWidget(widget)
        dates.addStretch(1)
        filters = QHBoxLayout()
        person_label = QLabel(_("&Person:"))
        person_label.setBuddy(self.person)
        block_label = QLabel(_("&Block:"))
        block_label.setBuddy(self.block)
        kind_label = QLabel(_("&Kind:"))
        kind_label.setBuddy(self.kind)
        search_label = QLabel(_("&Search:"))
        search_label.setBuddy(self.search)
        filters.addWidget(person_label)
        filters.addWidget(self.person, 2)
        filters.addWidget(block_label)
        filters.addWidget(self.block, 2)
        filters.addWidget(kind_label)
        filters.addWidget(self.kind, 1)
        filters.addWidget(search_label)
        filters.addWidget(self.search, 2)
        return dates, filters

    def _build_table(self) -> None:
        self.table = widgets.record_table(self.proxy, "events_table", _("Violations and commendations"),
                                  on_open=lambda: self.details_dialog(), on_delete=self.delete_selected)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setResizeContentsPrecision(0)  # widths from the rows in view, not all
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search.setFocus)

    def _build_buttons(self) -> QHBoxLayout:
        self.add_button = QPushButton(_("&Add event…"))
        self.add_button.setToolTip(_("Record a violation or commendation (Ctrl+N)"))
        self.add_button.setShortcut(QKeySequence.StandardKey.New)
        self.add_button.clicked.connect(self.add_dialog)
        self.details_button = QPushButton(_("D&etails…"))
        self.details_button.setToolTip(_("Show the selected event (Enter or double-click)"))
        self.details_button.clicked.connect(lambda: self.details_dialog())
        self.delete_button = QPushButton(_("&Delete"))
        self.delete_button.setToolTip(_("Delete the selected event entered by mistake (Delete)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.totals = QLabel()
        self.totals.setObjectName("events_totals")
        self.totals.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.details_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addWidget(self.with_attendance)
        buttons.addWidget(self.totals, 1)
        return buttons

    # ---- The filter ----

    def _month_start(self) -> date:
        today = self.context.today()
        return date(today.year, today.month, 1)

    def _half_year_start(self) -> date:
        today = self.context.today()
        return date(today.year, 1 if today.month <= 6 else 7, 1)

    def set_range(self, start: date, end: date) -> None:
        for edit, day in ((self.start, start), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(widgets.to_qdate(day))
            edit.blockSignals(False)
        self._range_changed()

    def show_violations(self, start: date, end: date) -> None:
        """Every violation the score counts from ``start`` to ``end``, attendance included: what the overview's
        chart counts for its month."""
        for combo in (self.kind, self.block, self.person):
            combo.blockSignals(True)
        self.kind.setCurrentIndex(max(self.kind.findData(EventKind.VIOLATION), 0))
        self.block.setCurrentIndex(0)
        self.person.set_staff(None)
        self.search.clear()
        for combo in (self.kind, self.block, self.person):
            combo.blockSignals(False)
        self.with_attendance.blockSignals(True)
        self.with_attendance.setChecked(True)
        self.with_attendance.blockSignals(False)
        self.set_range(start, end)

    def date_range(self) -> tuple[date, date]:
        return widgets.from_qdate(self.start.date()), widgets.from_qdate(self.end.date())

    def current_filter(self) -> EventFilter:
        start, end = self.date_range()
        kind = self.kind.currentData()
        return EventFilter(start, end, staff_id=self.person.staff_id(), block_code=self.block.currentData(),
                           kind=EventKind(kind) if kind else None)

    def _range_changed(self) -> None:
        self._fill_blocks()
        self.reload()

    def _fill_blocks(self) -> None:
        start, end = self.date_range()
        current = self.block.currentData()
        self.block.blockSignals(True)
        self.block.clear()
        self.block.addItem(_("All blocks"), None)
        if start <= end:
            for block in event_log.blocks_between(self.ward, start, end):
                self.block.addItem(block.name, block.code)
        index = self.block.findData(current) if current is not None else 0
        self.block.setCurrentIndex(max(index, 0))
        self.block.blockSignals(False)

    # ---- Reading ----

    def refresh(self) -> None:
        self.person.blockSignals(True)
        self.person.set_people(self.ward.staff())
        self.person.blockSignals(False)
        self._fill_blocks()
        self.reload()

    def reload(self) -> None:
        """Read the events of the chosen range and filters again, keeping the selected one selected."""
        selected = self.selected()
        wanted = self.current_filter()
        if wanted.start > wanted.end:
            self.model.set_records([])
        else:
            rows = event_log.list_events(self.ward, wanted)
            if self.with_attendance.isChecked():
                rows += attendance_rows(self.ward, wanted, self.context.today())
            self.model.set_records(rows)
        widest = self.fontMetrics().averageCharWidth() * 40
        self.table.scrollToTop()  # widths come from the rows in view: from a stale position Qt reads them all
        for column in range(len(self.columns) - 1):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        if selected is not None and selected.event.id is not None:
            self.select_event(selected.event.id)
        self._update_totals()
        self._update_buttons()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_totals()
        self._update_buttons()

    def shown_rows(self) -> list[EventRow]:
        return self.proxy.records()

    def _update_totals(self) -> None:
        start, end = self.date_range()
        if start > end:
            self.totals.setText(_("The start day is after the end day."))
            return
        rows = self.shown_rows()
        text = _("{count} event(s) from {start} to {end}: {totals}").format(
            count=len(rows), start=format_date(start), end=format_date(end),
            totals=event_log.totals(rows).localized())
        self.totals.setText(text)

    def selected(self) -> EventRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.proxy.record(index.row())

    def select_event(self, event_id: EventId) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.record(row).event.id == event_id:
                widgets.select_row(self.table, row)
                self.table.scrollTo(self.proxy.index(row, 0))
                return True
        return False

    def _update_buttons(self) -> None:
        row = self.selected()
        has_row = row is not None
        self.details_button.setEnabled(has_row)
        self.delete_button.setEnabled(row is not None and row.event.id is not None and not self.ward.read_only)
        self.add_button.setEnabled(not self.ward.read_only)

    # ---- Dialogs and changes ----

    def add_dialog(self) -> AddEventDialog:
        """Open the add dialog (not blocking); the new event is selected once it is saved."""
        start, end = self.date_range()
        today = self.context.today()
        day = end if start <= end <= today else today
        dialog = AddEventDialog(self.ward, today, self, staff_id=self.person.staff_id(), day=day)
        dialog.accepted.connect(lambda: self._added(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _added(self, dialog: AddEventDialog) -> None:
        event = dialog.saved
        if event is None or event.id is None:
            return
        start, end = self.date_range()
        if not start <= event.day <= end:
            self.set_range(min(start, event.day), max(end, event.day))
        self.context.changed.emit(Topic.EVENTS)
        if not self.select_event(event.id):
            # Hidden by a filter: show everything so the clerk sees what was saved.
            self.search.clear()
            self.kind.setCurrentIndex(0)
            self.block.setCurrentIndex(0)
            self.person.set_staff(None)
            self.select_event(event.id)

    def details_dialog(self) -> EventDetailsDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = EventDetailsDialog(row, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def delete_selected(self) -> bool:
        row = self.selected()
        if row is None or row.event.id is None or self.ward.read_only:
            return False
        what = row.kind_label().lower() or _("event")
        question = _("Delete the {what} “{criterion}” of {name} on {day}?\n\nThe change log keeps a copy.").format(
            what=what, criterion=row.criterion_name or row.event.criterion_code, name=row.full_name,
            day=format_date(row.event.day))
        if not widgets.confirm(self, question, _("Delete event")):
            return False
        try:
            event_log.delete_event(self.ward, row.event.id)
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return False
        self.context.changed.emit(Topic.EVENTS)
        return True

"""The "Khóa sổ" tab of the settings: which review periods are locked, and every lock and unlock with its
reason, so the head can see at a glance what is signed off and who reopened what.

Locking is done on the ranking page, where the ranking that will be kept is in view; unlocking can be done
from either place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_datetime, period_label
from ward_office.services.period_locks import LockEvent, PeriodLock, lock_history, locked_periods

from ward_office.ui import widgets
from ward_office.ui.ranking.lock_bar import LOCK_TOPICS, open_unlock_dialog
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.models import Column, RecordTableModel, SearchProxy

LOCK_COLUMNS: tuple[Column[PeriodLock], ...] = (
    Column(N_("Period"), lambda lock: period_label(lock.period),
           sort_key=lambda lock: (lock.period.start, lock.period.end)),
    Column(N_("First day"), lambda lock: format_date(lock.period.start), sort_key=lambda lock: lock.period.start),
    Column(N_("Last day"), lambda lock: format_date(lock.period.end), sort_key=lambda lock: lock.period.end),
    Column(N_("Locked at"), lambda lock: format_datetime(lock.locked_at), sort_key=lambda lock: lock.locked_at),
    Column(N_("Locked by"), lambda lock: lock.locked_by),
    Column(N_("Ranking kept"), lambda lock: _("Kept") if lock.kept_at is not None else _("Not kept"),
           foreground=lambda lock: None if lock.kept_at is not None else widgets.WARN),
)

HISTORY_COLUMNS: tuple[Column[LockEvent], ...] = (
    Column(N_("Date and time"), lambda event: format_datetime(event.at), sort_key=lambda event: event.order),
    Column(N_("Action"), lambda event: _("Period locked") if event.locked else _("Period unlocked"),
           foreground=lambda event: None if event.locked else widgets.WARN),
    Column(N_("Period"), lambda event: period_label(event.period),
           sort_key=lambda event: (event.period.start, event.period.end)),
    Column(N_("Done by"), lambda event: event.actor),
    Column(N_("Reason"), lambda event: event.reason, tooltip=lambda event: event.reason),
)


class LocksTab(QWidget):
    """Locked periods and the history of locks; reloads whenever it is shown."""

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.locks_model: RecordTableModel[PeriodLock] = RecordTableModel(LOCK_COLUMNS, self)
        self.locks_proxy = SearchProxy(self)
        self.locks_proxy.setSourceModel(self.locks_model)
        self.locks_table = widgets.record_table(self.locks_proxy, "locked_periods", _("Locked periods"),
                                                on_open=self.unlock_selected)
        self.locks_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.history_model: RecordTableModel[LockEvent] = RecordTableModel(HISTORY_COLUMNS, self)
        self.history_proxy = SearchProxy(self)
        self.history_proxy.setSourceModel(self.history_model)
        self.history_table = widgets.record_table(self.history_proxy, "lock_history", _("Locks and unlocks"))
        self.history_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        for table in (self.locks_table, self.history_table):
            table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel(_("No period is locked. Lock a period that is over on the Ranking page: its records "
                              "can then no longer change, and its ranking is kept as it stood."))
        self.empty.setWordWrap(True)
        self.unlock_button = QPushButton(_("U&nlock the selected period…"))
        self.unlock_button.setObjectName("settings_unlock")
        self.unlock_button.clicked.connect(self.unlock_selected)
        self.locks_table.selectionModel().selectionChanged.connect(self._update_buttons)

        intro = QLabel(_("A locked period's attendance, check rounds, violations and commendations cannot be "
                         "changed, and its ranking is shown as it was when it was locked. Only the head can unlock "
                         "a period, giving a reason."))
        intro.setWordWrap(True)
        locks_label = QLabel(_("&Locked periods:"))
        locks_label.setBuddy(self.locks_table)
        history_label = QLabel(_("&History of locks and unlocks:"))
        history_label.setBuddy(self.history_table)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(locks_label)
        layout.addWidget(self.empty)
        layout.addWidget(self.locks_table, 2)
        layout.addLayout(buttons)
        layout.addWidget(history_label)
        layout.addWidget(self.history_table, 3)
        self._stale = True
        context.changed.connect(self._on_changed)

    def refresh(self) -> None:
        self._stale = False
        ward = self.context.ward
        self.locks_model.set_records(locked_periods(ward))
        self.history_model.set_records(lock_history(ward))
        for table in (self.locks_table, self.history_table):
            table.resizeColumnsToContents()
        self.empty.setVisible(self.locks_model.rowCount() == 0)
        if self.locks_model.rowCount():
            self.locks_table.selectRow(0)
        self._update_buttons()

    def selected(self) -> PeriodLock | None:
        return widgets.selected_record(self.locks_table)

    def _update_buttons(self) -> None:
        self.unlock_button.setEnabled(self.selected() is not None)

    def unlock_selected(self) -> QWidget | None:
        """Open the reason dialog for the selected period; returns it, already open."""
        lock = self.selected()
        if lock is None:
            return None
        return open_unlock_dialog(self, self.context, lock.period)

    def _on_changed(self, topic: str) -> None:
        if topic in (Topic.ALL, *LOCK_TOPICS):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if self._stale:
            self.refresh()
        super().showEvent(event)

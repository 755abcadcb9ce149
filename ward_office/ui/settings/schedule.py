"""The "Giờ làm việc" tab: the working week, the grace minutes and the hours of each season.

Many provinces keep summer and winter hours; a season is entered by its first day only and lasts until
the next one begins, so the seasons always cover the whole year without gaps or overlaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.errors import WardOfficeError
from ward_office.core.schedule import SessionHours, WorkSchedule
from ward_office.i18n import _
from ward_office.i18n.formatting import format_weekday
from ward_office.services.ward_settings import (
    MAX_GRACE_MINUTES,
    SeasonDraft,
    save_schedule,
    season_drafts,
    work_schedule,
)

from ward_office.ui import widgets
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.date_field import DateField

A_MONDAY = date(2024, 1, 1)
LEAP_YEAR = 2000  # so 29 February can start a season


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(value: QTime) -> time:
    return time(value.hour(), value.minute())


def _time_edit(value: time) -> QTimeEdit:
    edit = QTimeEdit(_qtime(value))
    edit.setDisplayFormat("HH:mm")
    return edit


@dataclass
class SeasonRow:
    """The widgets of one season in the grid."""

    name: QLineEdit
    first_day: DateField
    morning_start: QTimeEdit
    morning_end: QTimeEdit
    afternoon_start: QTimeEdit
    afternoon_end: QTimeEdit
    remove: QPushButton

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.name, self.first_day, self.morning_start, self.morning_end, self.afternoon_start,
                self.afternoon_end, self.remove)

    def draft(self) -> SeasonDraft:
        day = self.first_day.date()
        return SeasonDraft(self.name.text(), (day.month(), day.day()),
                           SessionHours(_time(self.morning_start.time()), _time(self.morning_end.time())),
                           SessionHours(_time(self.afternoon_start.time()), _time(self.afternoon_end.time())))


class ScheduleTab(QWidget):
    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stored = WorkSchedule()
        self._loaded: tuple[frozenset[int], int, list[SeasonDraft]] | None = None

        week_box = QGroupBox(_("Working days of the week"))
        week_layout = QHBoxLayout(week_box)
        self.day_boxes: list[QCheckBox] = []
        for weekday in range(7):
            box = QCheckBox(format_weekday(date.fromordinal(A_MONDAY.toordinal() + weekday)))
            box.toggled.connect(self._update_buttons)
            self.day_boxes.append(box)
            week_layout.addWidget(box)
        week_layout.addStretch(1)

        self.grace_edit = QSpinBox()
        self.grace_edit.setRange(0, MAX_GRACE_MINUTES)
        self.grace_edit.setSuffix(_(" minutes"))
        self.grace_edit.valueChanged.connect(self._update_buttons)
        grace_form = QFormLayout()
        grace_form.addRow(_("&Grace period for arriving late or leaving early:"), self.grace_edit)

        seasons_box = QGroupBox(_("Working hours by season"))
        seasons_layout = QVBoxLayout(seasons_box)
        self.grid = QGridLayout()
        headers = (_("Season"), _("Starts on"), _("Morning from"), _("to"), _("Afternoon from"), _("to"))
        for column, text in enumerate(headers):
            self.grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        self.grid.setColumnStretch(0, 1)
        self.rows: list[SeasonRow] = []
        self.add_season_button = QPushButton(_("Add a &season"))
        self.add_season_button.clicked.connect(self.add_season)
        hint = QLabel(_("Each season lasts until the day before the next one starts (day/month). With a single "
                        "season the same hours apply all year."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {widgets.MUTED.name()}")
        seasons_layout.addLayout(self.grid)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_season_button)
        add_row.addStretch(1)
        seasons_layout.addLayout(add_row)
        seasons_layout.addWidget(hint)

        self.save_button = QPushButton(_("&Save"))
        self.revert_button = QPushButton(_("&Undo changes"))
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.load)
        button_row = QHBoxLayout()
        button_row.addWidget(self.save_button)
        button_row.addWidget(self.revert_button)
        button_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(week_box)
        layout.addLayout(grace_form)
        layout.addWidget(seasons_box)
        layout.addLayout(button_row)
        layout.addStretch(1)

    # ---- Seasons grid ----

    def _add_row(self, draft: SeasonDraft) -> SeasonRow:
        first_day = DateField(QDate(LEAP_YEAR, *draft.first_day), with_year=False)
        first_day.setDateRange(QDate(LEAP_YEAR, 1, 1), QDate(LEAP_YEAR, 12, 31))
        row = SeasonRow(QLineEdit(draft.name), first_day, _time_edit(draft.morning.start),
                        _time_edit(draft.morning.end), _time_edit(draft.afternoon.start),
                        _time_edit(draft.afternoon.end), QPushButton(_("Remove")))
        row.name.setAccessibleName(_("Season"))
        row.first_day.setAccessibleName(_("Starts on"))
        row.remove.setToolTip(_("Remove this season"))
        row.remove.clicked.connect(lambda: self.remove_season(row))
        row.name.textChanged.connect(self._update_buttons)
        row.first_day.dateChanged.connect(self._update_buttons)
        for edit in (row.morning_start, row.morning_end, row.afternoon_start, row.afternoon_end):
            edit.timeChanged.connect(self._update_buttons)
        self.rows.append(row)
        self._place_rows()
        return row

    def _place_rows(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            for column, widget in enumerate(row.widgets()):
                self.grid.addWidget(widget, number, column)
        for row in self.rows:
            row.remove.setEnabled(len(self.rows) > 1)

    def _clear_rows(self) -> None:
        for row in self.rows:
            for widget in row.widgets():
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.rows = []

    def add_season(self) -> SeasonRow:
        template = self.rows[-1].draft() if self.rows else season_drafts(WorkSchedule())[0]
        row = self._add_row(SeasonDraft(_("New season"), (1, 1), template.morning, template.afternoon))
        row.name.setFocus()
        row.name.selectAll()
        self._update_buttons()
        return row

    def remove_season(self, row: SeasonRow) -> None:
        if len(self.rows) <= 1:
            return
        self.rows.remove(row)
        for widget in row.widgets():
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self._place_rows()
        self._update_buttons()

    # ---- Loading and saving ----

    def state(self) -> tuple[frozenset[int], int, list[SeasonDraft]]:
        weekdays = frozenset(day for day, box in enumerate(self.day_boxes) if box.isChecked())
        return weekdays, self.grace_edit.value(), [row.draft() for row in self.rows]

    def is_dirty(self) -> bool:
        return self._loaded is not None and self.state() != self._loaded

    def refresh(self) -> None:
        if not self.is_dirty():
            self.load()

    def load(self) -> None:
        self._stored = work_schedule(self.context.ward)
        self._loaded = None
        for weekday, box in enumerate(self.day_boxes):
            box.setChecked(weekday in self._stored.work_weekdays)
        self.grace_edit.setValue(self._stored.grace_minutes)
        self._clear_rows()
        for draft in season_drafts(self._stored):
            self._add_row(draft)
        self._loaded = self.state()
        self._update_buttons()

    def _update_buttons(self) -> None:
        dirty = self.is_dirty() and not self.context.ward.read_only
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def save(self) -> bool:
        weekdays, grace, seasons = self.state()
        try:
            save_schedule(self.context.ward, weekdays, grace, seasons)
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return False
        self.load()
        self.context.changed.emit(Topic.SETTINGS)
        return True

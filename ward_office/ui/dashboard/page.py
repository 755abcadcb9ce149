"""Overview page (Tổng quan), the first page shown: the day at a glance for the head of the ward.

Today's attendance and the open checks are read at once (one small query each). The ranking of the
half-year and the month's violations need the period scored, which for a big ward takes a moment, so
they are computed on a worker thread from the database file and their cards say "calculating" until
then. A newer refresh makes an older result stale; it is dropped when it arrives.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QTableView, QVBoxLayout, QWidget

from ward_office.core.attendance import LEAVE_LABELS
from ward_office.core.checks import Check
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_month, format_weekday, period_label
from ward_office.services.overview import (
    DayState,
    PersonToday,
    RankingExtremes,
    ScoreOverview,
    TodayAttendance,
    current_month,
    open_checks,
    score_overview,
    today_attendance,
)
from ward_office.services.ranking import current_review_period
from ward_office.services.ward import in_own_ward

from ward_office.ui.dashboard.cards import CHECK_COLUMNS, RANKING_COLUMNS, Card, StatTile, fit_height, short_table
from ward_office.ui.widgets import BAD, GOOD, WARN, error_text
from ward_office.ui.widgets.charts import Bar, BarChart
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.jobs import Job
from ward_office.ui.widgets.legend import Legend
from ward_office.ui.widgets.models import RecordTableModel
from ward_office.ui.widgets.page import Page

if TYPE_CHECKING:
    from ward_office.scoring.results import StaffResult

TOP_COUNT = 5
NAMES_IN_TOOLTIP = 20

STATE_CAPTIONS = {
    DayState.PRESENT: N_("Present"),
    DayState.LATE: N_("Late"),
    DayState.EARLY: N_("Left early"),
    DayState.ON_LEAVE: N_("On leave"),
    DayState.ABSENT: N_("Absent without leave"),
}
STATE_COLORS = {
    DayState.PRESENT: GOOD,
    DayState.LATE: WARN,
    DayState.EARLY: WARN,
    DayState.ON_LEAVE: QColor("#1a5fa8"),
    DayState.ABSENT: BAD,
}


def _person_line(person: PersonToday) -> str:
    name = person.staff.full_name
    if person.state is DayState.LATE:
        line = _("{name}, {minutes} minutes late").format(name=name, minutes=person.late_minutes)
        if person.early_minutes:
            line += "; " + _("left {minutes} minutes early").format(minutes=person.early_minutes)
        return line
    if person.state is DayState.EARLY:
        return _("{name}, left {minutes} minutes early").format(name=name, minutes=person.early_minutes)
    if person.state is DayState.ON_LEAVE:
        kinds = ", ".join(f"{_(LEAVE_LABELS[code])} ({code.value})" for code in person.leave_codes)
        return f"{name} — {kinds}"
    return name


def _names_tooltip(caption: str, people: list[PersonToday]) -> str:
    if not people:
        return _("{caption}: nobody").format(caption=caption)
    lines = [_person_line(person) for person in people[:NAMES_IN_TOOLTIP]]
    if len(people) > NAMES_IN_TOOLTIP:
        lines.append(_("… and {count} more").format(count=len(people) - NAMES_IN_TOOLTIP))
    return caption + ":\n" + "\n".join(lines)


class DashboardPage(Page):
    topics = frozenset({Topic.ATTENDANCE, Topic.EVENTS, Topic.CHECKS, Topic.STAFF, Topic.SETTINGS, Topic.SCORES,
                        Topic.CITIZENS})

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.attendance: TodayAttendance | None = None
        self.scores: ScoreOverview | None = None
        self._job: Job | None = None
        self._generation = 0
        self.legends: dict[int, Legend] = {}  # by id of the card's table

        content = QWidget()
        grid = QGridLayout(content)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.addWidget(self._build_today(), 0, 0, 1, 2)
        self.top_card, self.top_model, self.top_view, self.top_status = self._build_ranking_card()
        self.bottom_card, self.bottom_model, self.bottom_view, self.bottom_status = self._build_ranking_card()
        grid.addWidget(self.top_card, 1, 0)
        grid.addWidget(self.bottom_card, 1, 1)
        grid.addWidget(self._build_chart(), 2, 0)
        grid.addWidget(self._build_checks(), 2, 1)
        grid.setRowStretch(3, 1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # ---- Building ----

    def _build_today(self) -> Card:
        card = Card()
        self.today_card = card
        tiles = QHBoxLayout()
        self.tiles: dict[DayState, StatTile] = {}
        for state, caption in STATE_CAPTIONS.items():
            tile = StatTile(_(caption), STATE_COLORS[state])
            self.tiles[state] = tile
            tiles.addWidget(tile, 1)
        card.body.addLayout(tiles)
        self.day_note = QLabel()
        self.day_note.setWordWrap(True)
        card.body.addWidget(self.day_note)
        card.add_link(_("Open the attendance sheet"), lambda: self._go("attendance"))
        return card

    def _build_ranking_card(self) -> tuple[Card, RecordTableModel[StaffResult], QTableView, QLabel]:
        card = Card()
        model: RecordTableModel[StaffResult] = RecordTableModel(RANKING_COLUMNS, self)
        view = short_table(model, 1)
        view.activated.connect(lambda _index: self._go("ranking"))
        fit_height(view, TOP_COUNT)
        status = QLabel(_("Calculating…"))
        status.setWordWrap(True)
        card.body.addWidget(status)
        card.body.addWidget(view)
        legend = Legend("ranking_card_legend")  # what the grade codes stand for
        card.body.addWidget(legend)
        self.legends[id(view)] = legend
        view.hide()
        card.add_link(_("See the whole ranking"), lambda: self._go("ranking"))
        return card, model, view, status

    def _build_chart(self) -> Card:
        card = Card()
        self.chart_card = card
        self.chart = BarChart()
        self.chart_status = QLabel(_("Calculating…"))
        card.body.addWidget(self.chart_status)
        card.body.addWidget(self.chart)
        card.body.addStretch(1)
        self.chart.hide()
        self.chart_link = card.add_link(_("See these violations"), self._open_violations)
        return card

    def _build_checks(self) -> Card:
        card = Card()
        card.title.setText(_("Checks today and still open"))
        self.checks_model: RecordTableModel[Check] = RecordTableModel(CHECK_COLUMNS, self)
        self.checks_view = short_table(self.checks_model, 0)
        self.checks_view.activated.connect(lambda _index: self._go("checks"))
        self.checks_empty = QLabel(_("No check today and none open"))
        self.checks_empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        card.body.addWidget(self.checks_empty)
        card.body.addWidget(self.checks_view)
        card.body.addStretch(1)
        card.add_link(_("Go to checks"), lambda: self._go("checks"))
        return card

    def _open_violations(self) -> None:
        """The events register on the chart's month, attendance included: the very occurrences the chart counts."""
        window = self.window()
        if not hasattr(window, "show_feature"):
            return
        page = window.show_feature("events")
        month_period = current_month(self.context.today())
        if hasattr(page, "show_violations"):
            page.show_violations(month_period.start, month_period.end)

    def _go(self, where: str) -> None:
        """Send the user to the page of another feature; the window finds it by the feature's name."""
        window = self.window()
        if hasattr(window, "show_feature"):
            window.show_feature(where)

    # ---- Loading ----

    def refresh(self) -> None:
        today = self.context.today()
        self._show_attendance(today_attendance(self.ward, today))
        self._show_checks(open_checks(self.ward, today))
        self._start_scoring(today)

    def _show_attendance(self, attendance: TodayAttendance) -> None:
        self.attendance = attendance
        day = attendance.day
        self.today_card.title.setText(_("Today, {weekday} {date}").format(weekday=format_weekday(day),
                                                                           date=format_date(day)))
        for state, tile in self.tiles.items():
            people = attendance.with_state(state)
            if state is DayState.PRESENT and not attendance.working_day:
                tile.set_value(None, _("Not a working day"))
            else:
                tile.set_value(len(people), _names_tooltip(_(STATE_CAPTIONS[state]), people))
        notes = []
        if not attendance.working_day:
            notes.append(_("Not a working day: {name}").format(name=attendance.holiday_name or format_weekday(day)))
        elif attendance.holiday_name:
            notes.append(attendance.holiday_name)
        leave = attendance.leave_counts()
        if leave:
            notes.append(_("On leave: {kinds}").format(kinds=", ".join(
                f"{_(LEAVE_LABELS[code])} {count}" for code, count in leave.items())))
        if attendance.working_day:
            notes.append(_("{count} staff working here today").format(count=len(attendance.people)))
        self.day_note.setText(" · ".join(notes))

    def _show_checks(self, checks: list[Check]) -> None:
        self.checks_model.set_records(checks)
        self.checks_empty.setVisible(not checks)
        self.checks_view.setVisible(bool(checks))
        fit_height(self.checks_view, len(checks))

    def _start_scoring(self, today: date) -> None:
        self._generation += 1
        generation = self._generation
        period, month_period = current_review_period(today), current_month(today)
        self.top_card.title.setText(_("Leading — {period}").format(period=period_label(period)))
        self.bottom_card.title.setText(_("Needing effort — {period}").format(period=period_label(period)))
        self.chart_card.title.setText(_("Violations by block — {month}").format(
            month=format_month(month_period.start.year, month_period.start.month)))
        if self.scores is None:
            for status in (self.top_status, self.bottom_status, self.chart_status):
                status.setText(_("Calculating…"))
                status.show()
        path = self.ward.path
        # Our own job rather than run_in_background: the cards already say "Calculating…", and a
        # window-modal progress box would block the menu on every change for a few tenths of a second.
        job = Job(lambda: in_own_ward(path, lambda ward: score_overview(ward, today, TOP_COUNT), read_only=True), self)
        job.done.connect(lambda result: self._scored(generation, result))
        job.failed.connect(lambda error: self._scoring_failed(generation, error))
        self._job = job
        job.start_soon()  # the window's first paint does not wait for the scoring's thread

    def is_scoring(self) -> bool:
        return self._job is not None and self._job.running

    def _scored(self, generation: int, scores: ScoreOverview) -> None:
        if generation != self._generation:
            return
        self.scores = scores
        self._show_extremes(scores.extremes)
        self.chart.set_bars([
            Bar(block.name, block.violations,
                _("{block}: {count} violations").format(block=block.name, count=block.violations))
            for block in scores.blocks
        ])
        self.chart_status.setPalette(self.palette())
        self.chart_status.setVisible(not scores.blocks)
        self.chart_status.setText(_("The plan has no deductions"))
        self.chart.setVisible(bool(scores.blocks))

    def _show_extremes(self, extremes: RankingExtremes) -> None:
        for model, view, status, results in (
            (self.top_model, self.top_view, self.top_status, extremes.top),
            (self.bottom_model, self.bottom_view, self.bottom_status, extremes.bottom),
        ):
            model.set_records(results)
            view.setVisible(bool(results))
            fit_height(view, len(results))
            self.legends[id(view)].show_pairs(
                (result.grade_code, result.grade_name) for result in results if result.graded)
            status.setVisible(not results)
            status.setPalette(self.palette())
            status.setText(_("Nobody to rank yet"))

    def _scoring_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        text = _("Could not calculate: {reason}").format(reason=error_text(error))
        for status in (self.top_status, self.bottom_status, self.chart_status):
            status.setText(text)
            palette = status.palette()
            palette.setColor(QPalette.ColorRole.WindowText, BAD)
            status.setPalette(palette)
            status.show()
        for widget in (self.top_view, self.bottom_view, self.chart):
            widget.hide()


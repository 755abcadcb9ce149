"""Ranking page (Xếp loại): the ward's ranking for a chosen period and every item behind a person's score.

The period is scored on a worker thread (``services.standings.score_standings`` on a ward of that thread),
so a long custom period never freezes the window; a result that arrives after the period or the records
changed again is dropped. Selecting a person lists the items the engine scored, whose points add up to the
score minus the base, so the head can answer "why do I have 96,5?" without a calculator.
"""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.period import Period
from ward_office.core.plan import EmulationPlan
from ward_office.core.staff import StaffId
from ward_office.i18n import _
from ward_office.i18n.formatting import format_date, format_number, format_points, period_label
from ward_office.scoring.entered import ungraded_line
from ward_office.scoring.titles import ELIGIBLE_HEADER, shows_titles, title_count_lines
from ward_office.services.standings import (
    ItemLine,
    Standing,
    Standings,
    item_lines,
    score_breakdown,
    score_standings,
)
from ward_office.services.ward import in_own_ward

from ward_office.ui.ranking.lock_bar import LockBar
from ward_office.ui.ranking.models import ITEM_COLUMNS, RankingModel
from ward_office.ui.ranking.tie_dialog import QuotaTieBanner
from ward_office.ui.widgets import BAD, MUTED, WARN, PeriodPicker, error_text, record_table
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.fit import ColumnFit
from ward_office.ui.widgets.jobs import Job, run_in_background
from ward_office.ui.widgets.legend import Legend
from ward_office.ui.widgets.models import Index, RecordTableModel, SearchProxy
from ward_office.ui.widgets.page import Page


def _table(model_proxy: SearchProxy) -> QTableView:
    view = record_table(model_proxy)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class RankingPage(Page):
    topics = frozenset({Topic.ATTENDANCE, Topic.EVENTS, Topic.CHECKS, Topic.STAFF, Topic.SETTINGS, Topic.SCORES,
                        Topic.CITIZENS})

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.standings: Standings | None = None
        self._generation = 0  # the refresh whose result is awaited; older results are stale
        self._received = 0
        self._job: Job | None = None
        top = self._build_top(context)
        heading_font = self._build_labels()
        self._build_table()
        detail = self._build_detail(heading_font)
        self._build_body(detail)
        self.lock_bar = LockBar(context, self.period)
        self.tie_banner = QuotaTieBanner(context, self.refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.lock_bar)
        layout.addWidget(self.tie_banner)
        layout.addWidget(self.plan_note)
        layout.addWidget(self.counts)
        layout.addWidget(self.status)
        layout.addWidget(self.body, 1)
        self._show_person(None)

    def _build_top(self, context: WardContext) -> QHBoxLayout:
        """The review period and the search field."""
        self.picker = PeriodPicker(context.today())
        self.picker.setObjectName("ranking_period")
        self.picker.period_changed.connect(lambda _period: self.refresh())
        period_label_widget = QLabel(_("Review &period:"))
        period_label_widget.setBuddy(self.picker.findChild(QComboBox))
        self.search = QLineEdit()
        self.search.setObjectName("ranking_search")
        self.search.setPlaceholderText(_("Search by name, position or department…"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(_("&Search:"))
        search_label.setBuddy(self.search)
        top = QHBoxLayout()
        top.addWidget(period_label_widget)
        top.addWidget(self.picker, 1)
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        return top

    def _build_labels(self) -> QFont:
        """The heading, the plan's note, the counts and the status line; returns the heading's font."""
        self.heading = QLabel()
        self.heading.setObjectName("ranking_heading")
        heading_font = QFont(self.heading.font())
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.15)
        self.heading.setFont(heading_font)
        self.heading.setWordWrap(True)
        self.plan_note = QLabel()
        self.plan_note.setWordWrap(True)
        self.plan_note.setStyleSheet(f"color: {MUTED.name()}")
        self.counts = QLabel()
        self.counts.setObjectName("ranking_counts")
        self.counts.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("ranking_status")
        self.status.setWordWrap(True)
        return heading_font

    def _build_table(self) -> None:
        self.model = RankingModel(_placeholder_plan())
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = _table(self.proxy)
        self.table.setObjectName("ranking_table")
        self.table.setAccessibleName(_("Ranking"))
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table_fit = ColumnFit(self.table, self.model.key_columns(), self.model.squeezable_columns())
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.search.textChanged.connect(self.proxy.set_search)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search.setFocus,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _build_detail(self, heading_font: QFont) -> QWidget:
        """The chosen person: the score's breakdown and the items behind it."""
        self.person = QLabel()
        self.person.setObjectName("ranking_person")
        self.person.setFont(heading_font)
        self.person.setWordWrap(True)
        self.breakdown = QLabel()
        self.breakdown.setObjectName("ranking_breakdown")
        self.breakdown.setWordWrap(True)
        self.breakdown.setTextFormat(Qt.TextFormat.RichText)
        self.items_model: RecordTableModel[ItemLine] = RecordTableModel(ITEM_COLUMNS, self)
        self.items_proxy = SearchProxy(self)
        self.items_proxy.setSourceModel(self.items_model)
        self.items_table = _table(self.items_proxy)
        self.items_table.setObjectName("ranking_items")
        self.items_table.setAccessibleName(_("Items behind the score"))
        self.items_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.person)
        detail_layout.addWidget(self.breakdown)
        detail_layout.addWidget(self.items_table, 1)
        return detail

    def _build_body(self, detail: QWidget) -> None:
        """The ranking above the chosen person, or the reason there is no ranking."""
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        self.legend = Legend("ranking_legend")  # what the block codes heading the columns stand for
        table_layout.addWidget(self.legend)
        splitter.addWidget(table_box)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.empty = QLabel()
        self.empty.setObjectName("ranking_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.body = QStackedWidget()
        self.body.addWidget(splitter)
        self.body.addWidget(self.empty)

    # ---- Scoring in the background ----

    @property
    def is_scoring(self) -> bool:
        """True until the result of the latest refresh has arrived (or failed)."""
        return self._received != self._generation

    def period(self) -> Period:
        return self.picker.period()

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        period = self.period()
        self.lock_bar.show_period()
        path, today = self.ward.path, self.context.today()
        self.status.setText(_("Calculating the scores of {period}…").format(period=period_label(period)))
        self.status.setStyleSheet(f"color: {MUTED.name()}")
        self.status.show()
        self._job = run_in_background(
            self, _("Calculating the scores of {period}…").format(period=period_label(period)),
            lambda: in_own_ward(path, lambda ward: score_standings(ward, period, today), read_only=True),
            lambda standings: self._scored(generation, standings),
            lambda error: self._failed(generation, error))

    def _scored(self, generation: int, standings: Standings) -> None:
        if generation != self._generation:
            return  # the period or the records changed while this was being scored
        self._received = generation
        self._show(standings)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._received = generation
        self.standings = None
        self.model.set_records([])
        self._show_person(None)
        self.heading.setText(period_label(self.period()))
        self.plan_note.clear()
        self.counts.clear()
        self.tie_banner.hide()
        self.status.setText(error_text(error))
        self.status.setStyleSheet(f"color: {BAD.name()}")
        self.status.show()

    # ---- Showing a result ----

    def _show(self, standings: Standings) -> None:
        kept = self.selected_staff_id()
        self.standings = standings
        plan = standings.plan
        titles = shows_titles(standings.ranking)
        if self.model.block_codes != tuple(block.code for block in plan.blocks) or self.model.titles != titles:
            self.model = RankingModel(plan, self, titles)
            self.proxy.setSourceModel(self.model)
            self._size_columns()
        self.model.set_records(standings.rows)
        self.legend.show_pairs((block.code, block.name) for block in plan.blocks)
        heading = _("{plan} (version {version}) — {period}").format(
            plan=plan.name, version=plan.version, period=period_label(standings.period))
        if standings.still_running:
            heading += " " + _("(not over yet: scored up to {today})").format(today=format_date(standings.today))
        self.heading.setText(heading)
        from ward_office.scoring.versions import versions_line  # loaded with the scoring, not at start

        note = " ".join(filter(None, [plan.label, versions_line(standings.ranking)]))  # months under several versions
        self.plan_note.setText(note)
        self.plan_note.setVisible(bool(note))
        self.tie_banner.show_ranking(standings.ranking, locked=self.lock_bar.lock is not None)
        self.counts.setText(self._counts_text(standings))
        self.counts.setVisible(bool(standings.rows))
        self.status.clear()
        self.status.hide()
        if not standings.rows:
            self.empty.setText(_("No staff to rank in this period.") if standings.ward_has_staff else
                               _("The record book has no staff yet. Add staff on the Staff page, then come back "
                                 "here to see their ranking."))
            self.body.setCurrentWidget(self.empty)
            self._show_person(None)
            return
        self.body.setCurrentIndex(0)
        self._size_columns()
        if not self.select_staff(kept):
            self._show_person(None)

    def _counts_text(self, standings: Standings) -> str:
        counts = " · ".join(_("{grade}: {count}").format(grade=grade.name, count=count)
                            for grade, count in standings.grade_counts())
        waiting = ungraded_line(standings.ranking)
        if waiting:
            counts += "\n" + waiting
        quota_grade = standings.quota_grade()
        if quota_grade is not None and standings.ranking.quota_limit is not None and standings.rows:
            demoted = sum(1 for row in standings.rows if row.demoted_by_quota)
            quota = _("Quota: at most {limit} people may be graded “{grade}”").format(
                limit=standings.ranking.quota_limit, grade=quota_grade.name)
            if demoted:
                quota += _(" ({count} demoted, marked in the table)").format(count=demoted)
            tie = standings.ranking.quota_tie
            if tie is not None and tie.decision is None:
                quota += "; " + _("{count} people tied for {places} places keep it until the emulation council "
                                  "decides").format(count=len(tie.tied), places=tie.places)
            counts = f"{counts}\n{quota}"
        if shows_titles(standings.ranking) and standings.rows:
            counts += "\n" + _(ELIGIBLE_HEADER) + ": " + "; ".join(title_count_lines(standings.ranking))
        return counts

    def _size_columns(self) -> None:
        self.table_fit.key = self.model.key_columns()
        self.table_fit.refit()

    # ---- The selected person ----

    def selected_staff_id(self) -> StaffId | None:
        row = self.selected()
        return row.staff_id if row is not None else None

    def selected(self) -> Standing | None:
        index = self.table.currentIndex()
        return self.proxy.record(index.row()) if index.isValid() else None

    def select_staff(self, staff_id: StaffId | None) -> bool:
        """Select a person's row (clearing the search if it hides them); False if they are not ranked."""
        if staff_id is None or self.standings is None or self.standings.find(staff_id) is None:
            return False
        for attempt in range(2):
            for row in range(self.proxy.rowCount()):
                if self.proxy.record(row).staff_id == staff_id:
                    self.table.selectRow(row)
                    self.table.setCurrentIndex(self.proxy.index(row, 0))
                    self.table.scrollTo(self.proxy.index(row, 0))
                    self._show_current(self.proxy.index(row, 0))
                    return True
            if attempt == 0:
                self.search.clear()
        return False

    def _show_current(self, current: QModelIndex, _previous: Index | None = None) -> None:
        self._show_person(self.proxy.record(current.row()) if current.isValid() else None)

    def _show_person(self, row: Standing | None) -> None:
        if row is None or self.standings is None:
            self.person.setText(_("Select a person in the table to see every item behind their score."))
            self.breakdown.clear()
            self.breakdown.hide()
            self.items_model.set_records([])
            return
        plan = self.standings.plan
        result = row.result
        self.person.setText(_("{rank}. {name} — {score} points — {grade}").format(
            rank=result.rank, name=result.staff.full_name, score=format_number(result.score),
            grade=result.grade.name) if result.graded else _("{name} — {score} points — {grade}").format(
            name=result.staff.full_name, score=format_number(result.score), grade=result.grade_name))
        self.breakdown.setText(self._breakdown_html(row, plan))
        self.breakdown.show()
        self.items_model.set_records(item_lines(result, plan))
        self.items_table.resizeColumnsToContents()
        header = self.items_table.horizontalHeader()
        widest = self.fontMetrics().averageCharWidth()
        for column in range(self.items_model.columnCount() - 1):
            header.resizeSection(column, min(header.sectionSize(column), 40 * widest))

    def _breakdown_html(self, row: Standing, plan: EmulationPlan) -> str:
        result = row.result
        parts = []
        for code, name, points in score_breakdown(result, plan):
            if not code:
                parts.append(f"{_escape(name)} <b>{_escape(points)}</b>")
            elif points != format_points(0):
                parts.append(f"{_escape(name)} ({_escape(code)}) <b>{_escape(points)}</b>")
        if len(parts) == 1:
            parts.append(_escape(_("no deductions or bonuses")))
        lines = [" · ".join(parts) + " → " + _escape(_("score {score}").format(score=format_number(result.score)))]
        if len(result.sub_periods) > 1:
            months = " · ".join(f"{sub.period.start.month:02d}/{sub.period.start.year}: {format_number(sub.score)}"
                                for sub in result.sub_periods)
            lines.append(_escape(_("Score of each month: {months}").format(months=months)))
        counts = _("Unexcused absences: {absences} · violations: {violations} · commendations: {commendations}")
        counts = counts.format(absences=result.unexcused_absences, violations=result.violations,
                               commendations=result.commendations)
        if result.grade_by_score.code != result.grade.code:
            counts += " · " + _("graded by score: {grade}").format(grade=result.grade_by_score.name)
        lines.append(_escape(counts))
        for change in result.changes:
            lines.append(f'<span style="color:{WARN.name()}">{_escape(change.localized())}</span>')
        return "<br>".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _placeholder_plan() -> EmulationPlan:
    """An empty plan for the table before the first result arrives."""
    return EmulationPlan(code="", name="", version=0, effective_from=None, base_score=Fraction(0), blocks=(),
                         criteria={}, attendance_rules=(), grades=())

"""Citizens' satisfaction page (Mức độ hài lòng): each person's and each department's satisfaction rate by month
for a chosen period, the ward's rate by month as a chart, and the citizens' praise and complaints awaiting the
head's finding or an answer.

Everything comes from ``services.citizens.satisfaction_overview`` (read under the plan in force at the period's
end: whom its rate rule applies to and how many ratings a month needs). The clerk records praise, complaints,
answers and paper survey tallies; only the head verifies, so the clerk's "Verify" button is disabled with the
reason (the use case refuses anyway).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.access import Permission
from ward_office.core.citizens import CitizenFeedback
from ward_office.core.staff import StaffId
from ward_office.i18n import _
from ward_office.i18n.formatting import format_month, format_percent, period_label
from ward_office.services import citizens
from ward_office.services.citizens import MonthRate, PersonSatisfaction, SatisfactionOverview

from ward_office.ui import widgets
from ward_office.ui.citizens.dialogs import (
    AnswerFeedbackDialog,
    ReceiveFeedbackDialog,
    TallyDialog,
    VerifyFeedbackDialog,
)
from ward_office.ui.citizens.models import (
    Rated,
    counts_tooltip,
    department_columns,
    feedback_columns,
    month_columns,
    person_columns,
)
from ward_office.ui.widgets import MUTED, PeriodPicker
from ward_office.ui.widgets.charts import Bar, BarChart
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.fit import ColumnFit
from ward_office.ui.widgets.models import RecordTableModel, SearchProxy
from ward_office.ui.widgets.page import Page


def _table(model: RecordTableModel[object], name: str, accessible_name: str) -> tuple[QTableView, SearchProxy]:
    proxy = SearchProxy()
    proxy.setSourceModel(model)
    view = widgets.record_table(proxy, name, accessible_name)
    view.horizontalHeader().setStretchLastSection(True)
    return view, proxy


class CitizensPage(Page):
    topics = frozenset({Topic.CITIZENS, Topic.STAFF, Topic.SETTINGS})

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.overview: SatisfactionOverview | None = None
        self.picker = PeriodPicker(context.today())
        self.picker.setObjectName("citizens_period")
        self.picker.period_changed.connect(lambda _period: self.refresh())
        period_label_widget = QLabel(_("Review &period:"))
        period_label_widget.setBuddy(self.picker.findChild(QComboBox))
        top = QHBoxLayout()
        top.addWidget(period_label_widget)
        top.addWidget(self.picker, 1)
        self.summary = QLabel()
        self.summary.setObjectName("citizens_summary")
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("citizens_tabs")
        self.tabs.addTab(self._people_tab(), _("&People"))
        self.tabs.addTab(self._departments_tab(), _("&Departments and chart"))
        self.tabs.addTab(self._feedback_tab(), _("Praise and &complaints"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    # ---- Building ----

    def _people_tab(self) -> QWidget:
        self.people_model: RecordTableModel[Rated] = RecordTableModel(person_columns((), 1), self)
        self.people_table, self.people_proxy = _table(self.people_model, "citizens_people",  # type: ignore[arg-type]
                                                      _("Satisfaction rate of each person by month"))
        self.people_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.people_fit = ColumnFit(self.people_table, (0,), (1,))
        self.people_table.selectionModel().currentRowChanged.connect(lambda *_args: self._show_person())
        self.months_model: RecordTableModel[MonthRate] = RecordTableModel(month_columns(1), self)
        self.months_table, _proxy = _table(self.months_model, "citizens_person_months",  # type: ignore[arg-type]
                                           _("The selected person's months"))
        self.months_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.person_heading = QLabel()
        self.person_heading.setWordWrap(True)
        self.people_legend = QLabel()
        self.people_legend.setWordWrap(True)
        self.people_legend.setStyleSheet(f"color: {MUTED.name()}")
        self.tally_button = QPushButton(_("Enter a survey &tally…"))
        self.tally_button.setToolTip(_("Enter a paper survey's counts for a person and month"))
        self.tally_button.clicked.connect(lambda: self.tally_dialog())
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.person_heading)
        detail_layout.addWidget(self.months_table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.tally_button)
        buttons.addStretch(1)
        detail_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.people_table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addWidget(splitter, 1)
        column.addWidget(self.people_legend)
        return tab

    def _departments_tab(self) -> QWidget:
        self.departments_model: RecordTableModel[Rated] = RecordTableModel(department_columns((), 1), self)
        self.departments_table, _proxy = _table(self.departments_model,  # type: ignore[arg-type]
                                                "citizens_departments", _("Satisfaction rate of each department"))
        self.chart_heading = QLabel(_("The ward's satisfaction rate by month (%)"))
        self.chart = BarChart()
        self.chart.setObjectName("citizens_chart")
        self.chart_empty = QLabel()
        self.chart_empty.setStyleSheet(f"color: {MUTED.name()}")
        self.chart_empty.setObjectName("citizens_chart_note")
        self.chart_empty.setWordWrap(True)
        chart_box = QWidget()
        chart_column = QVBoxLayout(chart_box)
        chart_column.setContentsMargins(0, 0, 0, 0)
        chart_column.addWidget(self.chart_heading)
        chart_column.addWidget(self.chart)
        chart_column.addWidget(self.chart_empty)
        chart_column.addStretch(1)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addWidget(self.departments_table, 1)
        column.addWidget(chart_box)
        return tab

    def _feedback_tab(self) -> QWidget:
        self.feedback_model: RecordTableModel[CitizenFeedback] = RecordTableModel(feedback_columns({}), self)
        self.feedback_table, self.feedback_proxy = _table(self.feedback_model,  # type: ignore[arg-type]
                                                          "citizens_feedback", _("Praise and complaints"))
        self.feedback_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.feedback_fit = ColumnFit(self.feedback_table, (0, 3, 5), (4, 5))
        self.feedback_table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())
        self.open_only = QCheckBox(_("&Only those awaiting verification or an answer"))
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(lambda _on: self._show_feedback())
        self.receive_button = QPushButton(_("&Record…"))
        self.receive_button.setToolTip(_("Record a citizen's praise or complaint as received"))
        self.receive_button.clicked.connect(lambda: self.receive_dialog())
        self.verify_button = QPushButton(_("&Verify…"))
        self.verify_button.clicked.connect(lambda: self.verify_dialog())
        self.answer_button = QPushButton(_("Mark &answered…"))
        self.answer_button.setToolTip(_("Record the day the citizen was answered"))
        self.answer_button.clicked.connect(lambda: self.answer_dialog())
        self.feedback_counts = QLabel()
        self.feedback_counts.setObjectName("citizens_feedback_counts")
        self.feedback_counts.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.receive_button, self.verify_button, self.answer_button):
            buttons.addWidget(button)
        buttons.addWidget(self.feedback_counts, 1)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addWidget(self.open_only)
        column.addWidget(self.feedback_table, 1)
        column.addLayout(buttons)
        return tab

    # ---- Showing ----

    def refresh(self) -> None:
        period = self.picker.period()
        overview = citizens.satisfaction_overview(self.ward, period.start, period.end)
        self.overview = overview
        total = overview.total
        if total.total:
            self.summary.setText(_("{period}: the ward's satisfaction rate is {rate} ({content} satisfied of {count} "
                                   "ratings, device, portal and paper surveys together).").format(
                period=period_label(period), rate=format_percent(total.rate or 0, 1), content=total.content,
                count=total.total))
        else:
            self.summary.setText(_("{period}: no satisfaction rating was imported or tallied.").format(
                period=period_label(period)))
        self.summary.setToolTip(counts_tooltip(total))
        self._show_people(overview)
        self._show_departments(overview)
        self._show_feedback()

    def _show_people(self, overview: SatisfactionOverview) -> None:
        current = self.selected_person()
        chosen = current.staff.id if current is not None else None
        self.people_model = RecordTableModel(person_columns(overview.months, overview.min_ratings), self)
        self.people_proxy.setSourceModel(self.people_model)
        self.people_model.set_records(overview.people)
        self.people_fit.key = (0, 2 + len(overview.months))  # the name and the whole period's rate
        self.people_fit.refit()
        self.months_model = RecordTableModel(month_columns(overview.min_ratings), self)
        self.months_table.model().setSourceModel(self.months_model)  # type: ignore[attr-defined]
        self.people_legend.setText(_("A month's rate counts from {count} ratings (the plan's rule); “–”: fewer "
                                     "ratings. Praise, complaints: those verified in the period. Greyed: the plan's "
                                     "rate rule does not apply to the person.").format(
            count=overview.min_ratings))
        self.people_legend.setVisible(bool(overview.people))  # nothing to explain on an empty table
        rows = [row for row in range(self.people_proxy.rowCount())
                if self.people_proxy.record(row).staff.id == chosen]
        if rows:
            widgets.select_row(self.people_table, rows[0])
        self._show_person()

    def selected_person(self) -> PersonSatisfaction | None:
        index = self.people_table.selectionModel().currentIndex()
        record = self.people_proxy.record(index.row()) if index.isValid() else None
        return record if isinstance(record, PersonSatisfaction) else None

    def _show_person(self) -> None:
        person = self.selected_person()
        self.months_model.set_records(person.months if person is not None else ())
        self.months_table.resizeColumnsToContents()
        self.person_heading.setText(
            _("Months of {name}: ratings from the device or portal and from paper surveys").format(
                name=person.staff.full_name) if person is not None
            else _("Select a person to see each month's ratings."))

    def _show_departments(self, overview: SatisfactionOverview) -> None:
        self.departments_model = RecordTableModel(department_columns(overview.months, overview.min_ratings), self)
        self.departments_table.model().setSourceModel(self.departments_model)  # type: ignore[attr-defined]
        self.departments_model.set_records(overview.departments)
        self.departments_table.resizeColumnsToContents()
        bars, short = [], []
        for month in citizens.ward_months(overview):
            counts = month.total
            label = format_month(month.month.year, month.month.month)
            if not month.counts or counts.rate is None:
                short.append(label)
                continue
            bars.append(Bar(label, round(counts.rate * 100),
                            f"{label}: {format_percent(counts.rate, 1)} — {counts_tooltip(counts)}"))
        self.chart.set_bars(bars, full=100)
        self.chart.setVisible(bool(bars))
        notes = [] if bars or short else [_("No rating in the period.")]
        if short:
            notes.append(_("Left out of the chart, with fewer than the {count} ratings the plan needs: "
                           "{months}.").format(count=overview.min_ratings, months=", ".join(short)))
        self.chart_empty.setText("\n".join(notes))
        self.chart_empty.setVisible(bool(notes))

    def _show_feedback(self) -> None:
        overview = self.overview
        if overview is None:
            return
        names = {StaffId(person.id or 0): person.full_name for person in self.ward.staff()}
        self.feedback_model = RecordTableModel(feedback_columns(names), self)
        self.feedback_proxy.setSourceModel(self.feedback_model)
        shown = overview.open_feedback if self.open_only.isChecked() else overview.feedback
        self.feedback_model.set_records(shown)
        self.feedback_fit.refit()
        received = overview.feedback
        self.feedback_counts.setText(_("In the period: {received} received, {verified} verified, {answered} "
                                       "answered; {open} still open (of any period).").format(
            received=len(received), verified=sum(item.counts for item in received),
            answered=sum(item.answered_on is not None for item in received), open=len(overview.open_feedback)))
        self._update_buttons()

    def selected_feedback(self) -> CitizenFeedback | None:
        index = self.feedback_table.selectionModel().currentIndex()
        record = self.feedback_proxy.record(index.row()) if index.isValid() else None
        return record if isinstance(record, CitizenFeedback) else None

    def verify_refusal(self) -> str:
        """Why this account cannot verify, or ""."""
        account = self.ward.account
        if account is not None and not account.may(Permission.VERIFY_FEEDBACK):
            return _("Only the head verifies praise and complaints.")
        return ""

    def _update_buttons(self) -> None:
        chosen = self.selected_feedback() is not None
        refusal = self.verify_refusal()
        self.verify_button.setEnabled(chosen and not refusal)
        self.verify_button.setToolTip(refusal or _("The head's finding on the selected praise or complaint"))
        self.answer_button.setEnabled(chosen)

    # ---- Dialogs: each opens without blocking and is returned (for tests) ----

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.accepted.connect(lambda: self.context.changed.emit(Topic.CITIZENS))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def receive_dialog(self) -> QDialog:
        return self._open(ReceiveFeedbackDialog(self.ward, self.context.today(), self))

    def verify_dialog(self) -> QDialog | None:
        feedback = self.selected_feedback()
        if feedback is None:
            return None
        refusal = self.verify_refusal()
        if refusal:
            widgets.show_error(self, refusal)
            return None
        person = next((item.full_name for item in self.ward.staff() if item.id == feedback.staff_id), "")
        return self._open(VerifyFeedbackDialog(self.ward, self.context.today(), feedback, person, self))

    def answer_dialog(self) -> QDialog | None:
        feedback = self.selected_feedback()
        if feedback is None:
            return None
        return self._open(AnswerFeedbackDialog(self.ward, self.context.today(), feedback, self))

    def tally_dialog(self) -> QDialog:
        overview = self.overview
        months = overview.months if overview is not None else (self.context.today().replace(day=1),)
        person = self.selected_person()
        today = self.context.today().replace(day=1)
        chosen_month = max((month for month in months if month <= today), default=months[-1])
        return self._open(TallyDialog(self.ward, self.context.today(), months, self,
                                      staff_id=person.staff.id if person is not None else None,
                                      month=chosen_month))

"""The "Kế hoạch thi đua" tab: every adopted version of the emulation plan, what each one scores, and
the editor that makes a new version taking effect from a chosen date.

A version once adopted is never changed, so a closed period keeps being scored by the rules it was
judged under; the head changes the rules for the future by adopting a new version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.errors import WardOfficeError
from ward_office.core.plan import Ceiling, CeilingScope, CountUnit, EmulationPlan, Grade, QuotaBasis
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_number, format_percent, format_points
from ward_office.services.plans import (
    PlanChanges,
    PlanVersion,
    adopt_new_version,
    first_of_next_month,
    import_plan_file,
    plan_versions,
)

from ward_office.ui import widgets
from ward_office.ui.settings.plan_editor import NewVersionDialog, effective_text
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.models import RIGHT, Column, RecordTableModel

BLOCK_BACKGROUND = QColor("#eef1f5")


# ---- Reading a plan ----


@dataclass(frozen=True, slots=True)
class PlanRow:
    """A line of the plan table: a block heading or one of its criteria."""

    is_block: bool
    code: str
    name: str
    points: Fraction | None = None
    escalation: str = ""
    cap: Fraction | None = None


def plan_rows(plan: EmulationPlan) -> list[PlanRow]:
    rows = []
    counted = _counted_as(plan)
    for block in plan.blocks:
        rows.append(PlanRow(True, block.code, block.name, cap=block.cap))
        for code in block.criteria:
            criterion = plan.criteria[code]
            steps = [_("from occurrence {number}: {points}").format(
                number=step.from_occurrence, points=format_points(step.points)) for step in criterion.escalation]
            steps += [_("{count} times or more: {points} in all").format(
                count=bracket.from_count, points=format_points(bracket.points)) for bracket in criterion.brackets]
            steps += counted.get(code, [])
            if criterion.points_range:
                steps.append(_("points chosen from {low} to {high} for each event").format(
                    low=format_points(criterion.points_range[0]), high=format_points(criterion.points_range[1])))
            points = None if criterion.brackets or criterion.points_range else criterion.points  # by count, or chosen
            rows.append(PlanRow(False, criterion.code, criterion.name, points, "; ".join(steps), criterion.cap))
    return rows


_COUNT_UNITS = {CountUnit.DAY: N_("per day"), CountUnit.RUN: N_("per run of consecutive working days")}


def _counted_as(plan: EmulationPlan) -> dict[str, list[str]]:
    """What an attendance rule says of its criterion: the leave codes it takes, and what one occurrence is when
    it is not a session."""
    notes: dict[str, list[str]] = {}
    for rule in plan.attendance_rules:
        if rule.leave_codes:
            notes.setdefault(rule.criterion_code, []).append(
                _("leave coded {codes}").format(codes=", ".join(rule.leave_codes)))
        if rule.count in _COUNT_UNITS:
            notes.setdefault(rule.criterion_code, []).append(_(_COUNT_UNITS[rule.count]))
    return notes


def _cap_text(cap: Fraction | None) -> str:
    return "" if cap is None else _("at most {points} points").format(points=format_number(cap))


def _block_background(row: PlanRow) -> QColor | None:
    return BLOCK_BACKGROUND if row.is_block else None


PLAN_COLUMNS: tuple[Column[PlanRow], ...] = (
    Column(N_("Code"), lambda row: row.code, background=_block_background),
    Column(N_("Block / criterion"), lambda row: row.name if row.is_block else "    " + row.name,
           background=_block_background),
    Column(N_("Points per occurrence"), lambda row: "" if row.points is None else format_points(row.points),
           sort_key=lambda row: row.points, alignment=RIGHT, background=_block_background),
    Column(N_("When repeated"), lambda row: row.escalation, background=_block_background),
    Column(N_("Limit per period"), lambda row: _cap_text(row.cap), sort_key=lambda row: row.cap,
           background=_block_background),
)

GRADE_COLUMNS: tuple[Column[Grade], ...] = (
    Column(N_("Code"), lambda grade: grade.code),
    Column(N_("Grade"), lambda grade: grade.name),
    Column(N_("Lowest score"), lambda grade: format_number(grade.min_score), sort_key=lambda grade: grade.min_score,
           alignment=RIGHT),
)


def _version_status(version: PlanVersion, today: date) -> str:
    if version.in_effect:
        return _("In effect")
    if version.record.effective_from is not None and version.record.effective_from > today:
        return _("Takes effect later")
    return _("Replaced")


def version_columns(today: Callable[[], date]) -> tuple[Column[PlanVersion], ...]:
    return (
        Column(N_("Code"), lambda version: version.record.code),
        Column(N_("Plan"), lambda version: version.record.name),
        Column(N_("Version"), lambda version: format_number(version.record.version),
               sort_key=lambda version: version.record.version, alignment=RIGHT),
        Column(N_("Effective from"), lambda version: effective_text(version.record.effective_from),
               sort_key=lambda version: version.record.effective_from or date.min),
        Column(N_("Status"), lambda version: _version_status(version, today()),
               foreground=lambda version: widgets.GOOD if version.in_effect else None),
        Column(N_("Adopted on"), lambda version: format_date(version.record.adopted_at.date()),
               sort_key=lambda version: version.record.adopted_at),
        Column(N_("Adopted by"), lambda version: version.record.adopted_by),
    )


class CeilingView:
    """A ceiling rule as text: the condition, the best grade allowed, and why."""

    def __init__(self, plan: EmulationPlan, ceiling: Ceiling) -> None:
        if ceiling.criterion_code is not None:
            target = plan.criteria[ceiling.criterion_code]
            what = f"{target.code} {target.name}"
        else:
            block = plan.block(ceiling.block_code or "")
            what = _("any criterion of “{block}”").format(block=block.name)
        condition = (N_("{count} time(s) or more in one month: {what}") if ceiling.per is CeilingScope.MONTH
                     else N_("{count} time(s) or more: {what}"))
        self.condition = _(condition).format(count=ceiling.min_count, what=what)
        self.max_grade = plan.grade(ceiling.max_grade).name
        self.reason = ceiling.reason


CEILING_COLUMNS: tuple[Column[CeilingView], ...] = (
    Column(N_("Condition in the period"), lambda view: view.condition),
    Column(N_("Best grade allowed"), lambda view: view.max_grade),
    Column(N_("Reason"), lambda view: view.reason),
)


def quota_text(plan: EmulationPlan) -> str:
    if plan.quota is None:
        return _("No limit on the number of people in each grade.")
    grade = plan.grade(plan.quota.grade_code).name
    if plan.quota.basis is QuotaBasis.ALL:
        return _("At most {share} of the people ranked may be graded “{grade}”.").format(
            share=format_percent(plan.quota.max_share), grade=grade)
    if plan.quota.basis is QuotaBasis.EXACTLY:
        return _("At most {share} of those who reach “{grade}” may keep it.").format(
            share=format_percent(plan.quota.max_share), grade=grade)
    return _("At most {share} of those who reach “{grade}” or the next grade may keep “{grade}”.").format(
        share=format_percent(plan.quota.max_share), grade=grade)


def read_only_table(model: Any, accessible_name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.setAccessibleName(accessible_name)
    return view


# ---- The tab ----


class PlanTab(QWidget):
    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._build_versions()
        self._build_buttons()
        self._build_details()
        splitter = self._build_splitter()
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.versions_view.selectionModel().selectionChanged.connect(self._show_selected)

    def _build_versions(self) -> None:
        """The adopted versions, about four rows high."""
        self.versions_model = RecordTableModel(version_columns(self.context.today), self)
        self.versions_view = read_only_table(self.versions_model, _("Plan versions"))
        self.versions_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.versions_view.horizontalHeader()
        for column in range(self.versions_model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        rows_shown = 4
        self.versions_view.setMinimumHeight(self.versions_view.horizontalHeader().sizeHint().height()
                                            + rows_shown * self.versions_view.verticalHeader().defaultSectionSize()
                                            + 2 * self.versions_view.frameWidth())

    def _build_buttons(self) -> None:
        self.new_button = QPushButton(_("&New version…"))
        self.new_button.setToolTip(_("Change points or grade thresholds from a date on"))
        self.import_button = QPushButton(_("&Import a plan from a TOML file…"))
        self.new_button.clicked.connect(self.new_version_dialog)
        self.import_button.clicked.connect(self.choose_file)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {widgets.GOOD.name()}")

    def _build_details(self) -> None:
        """What the chosen version scores: criteria and points on one tab; grades, ceilings and quota on the other."""
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.plan_model = RecordTableModel(PLAN_COLUMNS, self)
        self.plan_view = read_only_table(self.plan_model, _("Criteria and points"))
        plan_header = self.plan_view.horizontalHeader()
        for column in range(len(PLAN_COLUMNS)):
            plan_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        plan_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.grades_model = RecordTableModel(GRADE_COLUMNS, self)
        self.grades_view = read_only_table(self.grades_model, _("Grades"))
        self.grades_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.ceilings_model = RecordTableModel(CEILING_COLUMNS, self)
        self.ceilings_view = read_only_table(self.ceilings_model, _("Grade ceilings"))
        ceilings_header = self.ceilings_view.horizontalHeader()
        for column in range(len(CEILING_COLUMNS)):
            ceilings_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        ceilings_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.quota_label = QLabel()
        self.quota_label.setWordWrap(True)

        rules = QWidget()
        rules_layout = QVBoxLayout(rules)
        rules_layout.setContentsMargins(0, 0, 0, 0)
        rules_layout.addWidget(QLabel(_("<b>Grades</b> (from the lowest score of the period)")))
        rules_layout.addWidget(self.grades_view, 1)
        rules_layout.addWidget(QLabel(_("<b>Grade ceilings</b> (whoever meets the condition is graded no higher)")))
        rules_layout.addWidget(self.ceilings_view, 1)
        rules_layout.addWidget(QLabel(_("<b>Quota</b>")))
        rules_layout.addWidget(self.quota_label)
        self.details = QTabWidget()
        self.details.addTab(self.plan_view, _("Criteria and points"))
        self.details.addTab(rules, _("Grades, ceilings and quota"))

    def _build_splitter(self) -> QSplitter:
        """The versions and their buttons above, the chosen version below."""
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.message, 1)
        top_layout.addWidget(QLabel(_("<b>Adopted versions</b> — each month is scored by the version in effect "
                                      "in it, a longer period combined and graded by the one in effect on its last "
                                      "day")))
        top_layout.addWidget(self.versions_view, 1)
        top_layout.addLayout(buttons)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.title)
        bottom_layout.addWidget(self.details, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        return splitter

    def refresh(self, select_id: int | None = None) -> None:
        versions = plan_versions(self.context.ward, self.context.today())
        current = self.selected()
        keep = select_id if select_id is not None else (current.record.id if current else None)
        self.versions_model.set_records(versions)
        row = next((number for number, version in enumerate(versions) if version.record.id == keep), None)
        if row is None:
            row = next((number for number, version in enumerate(versions) if version.in_effect), 0)
        if versions:
            widgets.select_row(self.versions_view, row)
        self._show_selected()
        self.new_button.setEnabled(bool(versions) and not self.context.ward.read_only)
        self.import_button.setEnabled(not self.context.ward.read_only)

    def selected(self) -> PlanVersion | None:
        return widgets.selected_record(self.versions_view)

    def _show_selected(self) -> None:
        version = self.selected()
        if version is None:
            for model in (self.plan_model, self.grades_model, self.ceilings_model):
                model.set_records([])
            self.title.setText("")
            self.quota_label.setText("")
            return
        plan = version.plan
        self.title.setText(_("<b>{name}</b>, version {version}, from {day}. Each month starts at {base} points.")
                           .format(name=plan.name, version=plan.version, day=effective_text(plan.effective_from),
                                   base=format_number(plan.base_score)))
        self.plan_model.set_records(plan_rows(plan))
        self.grades_model.set_records(list(plan.grades))
        self.ceilings_model.set_records([CeilingView(plan, ceiling) for ceiling in plan.ceilings])
        self.quota_label.setText(quota_text(plan))

    def _latest_of(self, code: str) -> PlanVersion:
        versions = [version for version in self.versions_model.records() if version.record.code == code]
        return max(versions, key=lambda version: (version.record.effective_from or date.min, version.record.id))

    def new_version_dialog(self) -> NewVersionDialog | None:
        """The editor, started from the latest version of the selected plan (the one in effect by default)."""
        selected = self.selected()
        if selected is None:
            return None
        base = self._latest_of(selected.record.code)
        start = first_of_next_month(self.context.today())
        if base.record.effective_from is not None and start <= base.record.effective_from:
            start = first_of_next_month(base.record.effective_from)
        code = base.record.code

        def adopt(changes: PlanChanges) -> bool:
            try:
                record = adopt_new_version(self.context.ward, code, changes)
            except WardOfficeError as error:
                widgets.show_error(dialog, error)
                return False
            self._adopted(record.id, record.version, record.effective_from)
            return True

        next_version = 1 + max(version.record.version for version in self.versions_model.records()
                               if version.record.code == code)
        dialog = NewVersionDialog(self, base, next_version, start, adopt)
        dialog.open()
        return dialog

    def _adopted(self, record_id: int, version: int, effective_from: date | None) -> None:
        self.refresh(record_id)
        self.message.setText(_("Version {version} adopted; it applies from {day}.").format(
            version=version, day=effective_text(effective_from)))
        self.context.changed.emit(Topic.SETTINGS)

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Import an emulation plan"), "",
                                                    _("Emulation plans (*.toml);;All files (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        try:
            record = import_plan_file(self.context.ward, path)
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return False
        self._adopted(record.id, record.version, record.effective_from)
        return True

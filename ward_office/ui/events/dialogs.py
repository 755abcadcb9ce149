"""The dialogs of the events page: the one that records an event by hand, and the one that shows an event
in full."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QBrush, QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ward_office.core.checks import Event
from ward_office.core.errors import WardOfficeError
from ward_office.core.plan import Criterion
from ward_office.core.plan_ranges import POINTS_STEP
from ward_office.core.staff import StaffId
from ward_office.core.text_rules import NOTE_LIMIT
from ward_office.i18n import _, current_language
from ward_office.i18n.formatting import format_date, format_number, format_points
from ward_office.services import event_log
from ward_office.services.event_log import EventRow
from ward_office.services.ward import Ward

from ward_office.ui import widgets
from ward_office.ui.widgets.counted import CountedField
from ward_office.ui.widgets.staff_combo import StaffCombo, staff_label

CRITERION_ROLE = Qt.ItemDataRole.UserRole + 11
RANGE_ROLE = Qt.ItemDataRole.UserRole + 12


def points_text(criterion: Criterion) -> str:
    """"−2" for fixed points; "từ −50 đến −25" for a criterion whose points are chosen within a range."""
    if criterion.points_range is None:
        return format_points(criterion.points)
    low, high = criterion.points_range
    return _("from {low} to {high}").format(low=format_points(low), high=format_points(high))


def _points_field() -> tuple[QDoubleSpinBox, QLabel]:
    """The field of the points chosen within a criterion's range, and its label (its text set with the range)."""
    points = QDoubleSpinBox()
    points.setDecimals(2)
    points.setLocale(QLocale(current_language()))  # "-37,50" in Vietnamese, as every number shown
    points.setSingleStep(float(POINTS_STEP))
    points.setAccessibleName(_("Points"))
    label = QLabel()
    label.setBuddy(points)
    return points, label


class AddEventDialog(QDialog):
    """Record a violation or commendation by hand: person, day, criterion of the plan of that day, note."""

    def __init__(self, ward: Ward, today: date, parent: QWidget | None = None, *,
                 staff_id: StaffId | None = None, day: date | None = None) -> None:
        super().__init__(parent)
        self.ward = ward
        self.today = today
        self.saved: Event | None = None
        self.setWindowTitle(_("Add an event"))
        self.day = widgets.date_edit(min(day or today, today))  # a later day is refused with a message, not cut
        self.day.setAccessibleName(_("Day"))
        self.person = StaffCombo()
        self.person.setAccessibleName(_("Staff member"))
        self.person.lineEdit().setPlaceholderText(_("Type part of a name or code"))
        self.criterion = QComboBox()
        self.criterion.setAccessibleName(_("Criterion"))
        self.criterion.setMaxVisibleItems(25)
        self.criterion.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.criterion.setMinimumContentsLength(40)
        self.criterion_model = QStandardItemModel(self)
        self.criterion.setModel(self.criterion_model)
        self.points, self.points_label = _points_field()  # shown for a criterion with a range of points only
        self.note = QLineEdit()
        self.note.setAccessibleName(_("Note"))
        self.note.setPlaceholderText(_("What happened, where, who saw it"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {widgets.BAD.name()}")

        form = QFormLayout()
        self.note_field = CountedField(self.note, NOTE_LIMIT)
        for label_text, field in ((_("&Day:"), self.day), (_("&Staff member:"), self.person),
                                  (_("&Criterion:"), self.criterion), (_("&Note:"), self.note_field)):
            label = QLabel(label_text)
            label.setBuddy(field)
            form.addRow(label, field)
            if field is self.criterion:
                form.addRow(self.points_label, self.points)
        self.form = form
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.day.dateChanged.connect(self._day_changed)
        self.person.currentIndexChanged.connect(self._validate)
        self.person.editTextChanged.connect(self._validate)
        self.criterion.currentIndexChanged.connect(self._show_points)
        self.criterion.currentIndexChanged.connect(self._validate)
        self._day_changed()
        self._show_points()
        if staff_id is not None:
            self.person.set_staff(staff_id)
        self.person.setFocus()
        self._validate()

    def chosen_day(self) -> date:
        return widgets.from_qdate(self.day.date())

    def _day_changed(self) -> None:
        day = self.chosen_day()
        self.person.set_people(self.ward.staff(active_on=day))
        self._fill_criteria(day)
        self._validate()

    def _fill_criteria(self, day: date) -> None:
        current = self.criterion_code()
        self.criterion.blockSignals(True)
        self.criterion_model.clear()
        placeholder = QStandardItem(_("— choose a criterion —"))
        self.criterion_model.appendRow(placeholder)
        try:
            groups = event_log.criteria_on(self.ward, day)
        except WardOfficeError:
            groups = []
        bold = QFont()
        bold.setBold(True)
        for block, criteria in groups:
            header = QStandardItem(block.name)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            header.setFont(bold)
            header.setForeground(QBrush(self.palette().color(QPalette.ColorRole.WindowText)))
            self.criterion_model.appendRow(header)
            for criterion in criteria:
                item = QStandardItem(f"{criterion.code} · {criterion.name} ({points_text(criterion)})")
                item.setData(criterion.code, CRITERION_ROLE)
                item.setData(criterion.points_range, RANGE_ROLE)
                item.setToolTip(f"{block.name}: {criterion.name}")
                self.criterion_model.appendRow(item)
        index = self._criterion_row(current) if current else 0
        self.criterion.setCurrentIndex(max(index, 0))
        self.criterion.blockSignals(False)

    def _criterion_row(self, code: str) -> int:
        for row in range(self.criterion_model.rowCount()):
            if self.criterion_model.item(row).data(CRITERION_ROLE) == code:
                return row
        return -1

    def criterion_code(self) -> str | None:
        return self.criterion.currentData(CRITERION_ROLE)

    def _show_points(self) -> None:
        """The points field, with its range in its label, for a criterion whose points are chosen only."""
        points_range = self.criterion.currentData(RANGE_ROLE)
        self.form.setRowVisible(self.points_label, points_range is not None)
        self.adjustSize()
        if points_range is None:
            return
        low, high = points_range
        self.points_label.setText(_("&Points (from {low} to {high}):").format(
            low=format_number(low), high=format_number(high)))
        self.points.setRange(float(low), float(high))
        self.points.setValue(float(high if high < 0 else low))  # the mildest, until the recorder chooses

    def chosen_points(self) -> Fraction | None:
        """The points chosen, for a criterion with a range; None otherwise."""
        if self.criterion.currentData(RANGE_ROLE) is None:
            return None
        return Fraction(f"{self.points.value():.2f}")  # as shown; off the 0.25 steps, the service says so

    def set_criterion(self, code: str) -> None:
        self.criterion.setCurrentIndex(self._criterion_row(code))

    def problem_text(self) -> str:
        """Why OK is not possible yet, or empty when it is."""
        told = self.told_problem()
        if told:
            return told
        if self.person.staff_id() is None:
            return _("Choose the staff member.")
        if not self.criterion_code():
            return _("Choose the criterion.")
        return ""

    def told_problem(self) -> str:
        """What is wrong that the fields do not show by themselves: a day not come yet, a locked day."""
        day = self.chosen_day()
        return event_log.future_day_problem(day, self.today) or event_log.locked_reason(self.ward, day) or ""

    def _validate(self) -> None:
        problem = self.problem_text()
        # Missing fields are plain to see; a future or locked day is spelled out.
        told = self.told_problem()
        self.problem.setText(told)
        self.problem.setVisible(bool(told))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def accept(self) -> None:
        staff_id = self.person.staff_id()
        code = self.criterion_code()
        if self.problem_text() or staff_id is None or code is None:
            return
        try:
            self.saved = event_log.add_event(self.ward, staff_id, self.chosen_day(), code, self.note.text(),
                                             today=self.today, points=self.chosen_points())
        except WardOfficeError as error:
            widgets.show_error(self, error)
            return
        super().accept()


class EventDetailsDialog(QDialog):
    """Everything recorded about one event, to read."""

    def __init__(self, row: EventRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Event details"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        event = row.event
        form = QFormLayout()
        fields = [
            (_("Day:"), format_date(event.day)),
            (_("Staff member:"), staff_label(row.staff) if row.staff is not None else ""),
            (_("Position:"), row.position),
            (_("Department:"), row.department),
            (_("Kind:"), row.kind_label()),
            (_("Criterion:"), f"{event.criterion_code} · {row.criterion_name}" if row.criterion_name
             else event.criterion_code),
            (_("Block:"), row.block_name),
            (_("Points:"), format_points(row.points) if row.points is not None else ""),
            (_("Note:"), event.note),
            (_("Recorded by:"), event.recorded_by),
            (_("Source:"), row.source_label()),
        ]
        if event.check_id is not None:
            fields.append((_("Inspection round:"), row.check_label()))
        if row.criterion is None:
            fields.append((_("Warning:"), _("The plan in effect on this day has no such criterion; the event "
                                            "is not scored.")))
        for label, value in fields:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(QLabel(label), text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

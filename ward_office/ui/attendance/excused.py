"""Excusing (miễn trừ) on the attendance page: how an excused cell reads and looks, and the head's small dialog
asking which occurrence and why (services.excuses decides who may and keeps the decision)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QWidget

from ward_office.core.access import Permission
from ward_office.core.attendance import Attendance, session_text
from ward_office.core.errors import WardOfficeError
from ward_office.core.excuse import Excuse, excuse_note, occurrence_text, record_triggers
from ward_office.core.plan_terms import AttendanceTrigger
from ward_office.i18n import _
from ward_office.services.attendance_sheet import Cell, DaySheet
from ward_office.services.ward import Ward

EXCUSED_COLOR = QColor("#1b6e20")
EXCUSED_BACKGROUND = QColor("#e6f4ea")


def excused_state_text(record: Attendance | None, excused: Sequence[Excuse]) -> str:
    """"Đi muộn 25 phút (đã miễn trừ)": the grid's wording, marked when the head excused some of it."""
    text = session_text(record)
    if not excused:
        return text
    if len(excused) == len(record_triggers(record)):
        return _("{state} (excused)").format(state=text)
    return _("{state} ({excused} excused)").format(
        state=text, excused=", ".join(_minutes_free(excuse.trigger).lower() for excuse in excused))


def _minutes_free(trigger: AttendanceTrigger) -> str:
    return occurrence_text(trigger, None)


def excuse_lines(excused: Sequence[Excuse]) -> list[str]:
    """The tooltip's lines: each excused occurrence, its reason, who decided and when."""
    return [f"{_minutes_free(excuse.trigger)} — {excuse_note(excuse.reason, excuse.decided_by, excuse.decided_at)}"
            for excuse in excused]


def excused_colors(record: Attendance | None, excused: Sequence[Excuse]) -> tuple[QColor, QColor] | None:
    """Green when every occurrence of the session is excused; None: the session's usual colours."""
    if excused and len(excused) == len(record_triggers(record)):
        return EXCUSED_COLOR, EXCUSED_BACKGROUND
    return None


def open_triggers(record: Attendance | None, excused: Sequence[Excuse]) -> tuple[AttendanceTrigger, ...]:
    """The occurrences of a session still to excuse."""
    done = {excuse.trigger for excuse in excused}
    return tuple(trigger for trigger in record_triggers(record) if trigger not in done)


class ExcuseDialog(QDialog):
    """Which occurrence of the session is excused, and why; OK only once a reason is written."""

    def __init__(self, who: str, record: Attendance, triggers: Sequence[AttendanceTrigger],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Excuse with a reason"))
        self.setMinimumWidth(420)
        self.combo = QComboBox()
        for trigger in triggers:
            minutes = (record.late_minutes if trigger is AttendanceTrigger.LATE
                       else record.early_minutes if trigger is AttendanceTrigger.EARLY else None)
            self.combo.addItem(occurrence_text(trigger, minutes), trigger)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(_("For example: took a child to the emergency room, hospital paper seen"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(70)
        layout = QFormLayout(self)
        who_label = QLabel(who)
        who_label.setWordWrap(True)
        layout.addRow(who_label)
        label = QLabel(_("&Excuse:"))
        label.setBuddy(self.combo)
        layout.addRow(label, self.combo)
        reason_label = QLabel(_("&Reason:"))
        reason_label.setBuddy(self.reason)
        layout.addRow(reason_label, self.reason)
        hint = QLabel(_("The head decides whether the reason is good enough; the decision is kept in the record "
                        "book with your name. The occurrence then costs no points."))
        hint.setWordWrap(True)
        hint.setStyleSheet("QLabel { color: #5f6368; }")
        layout.addRow(hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addRow(self.buttons)
        self.reason.textChanged.connect(self._update_ok)
        self._update_ok()
        self.reason.setFocus()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason_text()))

    def trigger(self) -> AttendanceTrigger:
        return AttendanceTrigger(self.combo.currentData())

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()


def excusable(ward: Ward, sheet: DaySheet | None, cells: Sequence[Cell],
              ) -> tuple[Cell, Attendance, tuple[AttendanceTrigger, ...]] | None:
    """The one session selected, its record and what is left to excuse in it, when the one signed in may excuse
    and the day is not locked; else None."""
    if sheet is None or len(cells) != 1 or sheet.locked_period or ward.read_only:
        return None
    try:
        ward.require(Permission.EXCUSE_ATTENDANCE)
    except WardOfficeError:
        return None
    cell = cells[0]
    row = next((row for row in sheet.rows if row.staff_id == cell.staff_id), None)
    record = None if row is None else row.cell(cell.session)
    triggers = open_triggers(record, sheet.excused(cell.staff_id, cell.session))
    if record is None or record.id is None or not triggers:
        return None
    return cell, record, triggers

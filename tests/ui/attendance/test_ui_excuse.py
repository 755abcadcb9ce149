"""The head excuses a late arrival on the attendance page: "Miễn trừ có lý do…", a reason required, the cell
marked as excused; the clerk's action stays disabled."""

from __future__ import annotations

from ui_helpers import DEMO_TODAY, untranslated, visible_texts

from PySide6.QtWidgets import QDialogButtonBox

from ward_office.core.access import Account, Role
from ward_office.core.plan import AttendanceTrigger
from ward_office.core.schedule import Session
from ward_office.services.attendance_sheet import Cell, Mark, mark_cells

from ward_office.ui.attendance.excused import ExcuseDialog
from ward_office.ui.attendance.models import DayGridModel
from ward_office.ui.attendance.page import AttendancePage
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.widgets.models import RECORD_ROLE

MORNING = DayGridModel.MORNING
REASON = "Đưa con đi cấp cứu, có giấy viện"


def late_cell(window: MainWindow, qtbot) -> tuple[AttendancePage, int]:
    """The page, on a row of someone marked 25 minutes late this morning, that cell selected."""
    page = window.show_page(AttendancePage)
    qtbot.waitUntil(page.isVisible)
    assert isinstance(page, AttendancePage)
    proxy = page.day_proxy
    row = next(row for row in range(proxy.rowCount()) if proxy.index(row, 0).data(RECORD_ROLE).morning is None)
    person = proxy.index(row, 0).data(RECORD_ROLE).staff
    mark_cells(window.context.ward, [Cell(person.id, DEMO_TODAY, Session.MORNING)], Mark.late(25))
    page.refresh()
    page.grid.setCurrentIndex(proxy.index(row, MORNING))
    return page, row


def test_the_head_excuses_a_late_arrival_with_a_reason(window: MainWindow, qtbot) -> None:
    page, row = late_cell(window, qtbot)
    assert page.excuse_action.isEnabled() and page.excuse_action.text() == "Miễn trừ có lý do…"
    dialog = page.ask_excuse()
    assert isinstance(dialog, ExcuseDialog) and dialog.isVisible()
    assert untranslated(visible_texts(dialog)) == []
    assert dialog.combo.currentText() == "Đi muộn 25 phút"
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no reason yet
    dialog.reason.setPlainText("   ")
    assert not ok.isEnabled()
    dialog.reason.setPlainText(REASON)
    assert ok.isEnabled()
    dialog.accept()
    cell = page.day_proxy.index(row, MORNING)
    assert cell.data() == "Đi muộn 25 phút (đã miễn trừ)"
    assert f"miễn trừ: {REASON}" in cell.data(3)  # the tooltip
    [excuse] = window.context.ward.store.excuses.in_force(DEMO_TODAY, DEMO_TODAY)
    assert excuse.trigger is AttendanceTrigger.LATE and excuse.reason == REASON
    assert not page.excuse_action.isEnabled()  # nothing left to excuse in the session


def test_the_clerk_cannot_excuse(window: MainWindow, qtbot) -> None:
    page, _row = late_cell(window, qtbot)
    assert page.excuse_action.isEnabled()
    window.context.ward.account = Account(2, "vanthu", "Lê Thị Mai", Role.CLERK)
    page.update_excuse_action()
    assert not page.excuse_action.isEnabled()
    assert page.ask_excuse() is None

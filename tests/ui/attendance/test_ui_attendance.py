"""The Chấm công page on the demo ward: keyboard marking, several cells at once, undo, the month sheet."""

from __future__ import annotations

from datetime import date

import pytest
from ui_helpers import DEMO_TODAY, untranslated, visible_texts

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from ward_office.core.attendance import AttendanceStatus, LeaveCode
from ward_office.core.period import month
from ward_office.core.schedule import Session
from ward_office.i18n.text import fold
from ward_office.services.attendance_sheet import session_code

from ward_office.ui.attendance.dialogs import LeaveDialog, MinutesDialog
from ward_office.ui.attendance.models import DayGridModel
from ward_office.ui.attendance.page import AttendancePage
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.widgets.models import RECORD_ROLE

MORNING, AFTERNOON, NAME = DayGridModel.MORNING, DayGridModel.AFTERNOON, DayGridModel.NAME


def open_page(window: MainWindow, qtbot) -> AttendancePage:
    page = window.show_page(AttendancePage)
    qtbot.waitUntil(page.isVisible)
    assert isinstance(page, AttendancePage)
    return page


def select(page: AttendancePage, *cells: tuple[int, int]) -> None:
    """Select grid cells (proxy row, column), the first becoming current."""
    proxy = page.day_proxy
    page.grid.setCurrentIndex(proxy.index(*cells[0]))
    selection = QItemSelection()
    for row, column in cells:
        selection.select(proxy.index(row, column), proxy.index(row, column))
    page.grid.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    page.grid.setFocus()


def row_where(page: AttendancePage, test) -> int:
    """The first grid row whose SheetRow passes ``test``."""
    return next(row for row in range(page.day_proxy.rowCount())
                if test(page.day_proxy.index(row, 0).data(RECORD_ROLE)))


def staff_of(page: AttendancePage, row: int):
    return page.day_proxy.index(row, 0).data(RECORD_ROLE).staff


def get(window: MainWindow, staff, session: Session, day: date = DEMO_TODAY):
    return window.context.ward.store.attendance.get(staff.id, day, session)


def test_mark_late_with_the_keyboard(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    assert page.day() == DEMO_TODAY
    row = row_where(page, lambda sheet_row: sheet_row.morning is None)
    person = staff_of(page, row)
    select(page, (row, MORNING))
    seen: list[str] = []
    window.context.changed.connect(seen.append)
    qtbot.keyClick(page.grid, Qt.Key.Key_M)
    dialog = page.dialog
    assert isinstance(dialog, MinutesDialog) and dialog.isVisible()
    assert dialog.minutes() == 15
    assert untranslated(visible_texts(dialog)) == []
    dialog.box.setText("20")
    dialog.accept()
    record = get(window, person, Session.MORNING)
    assert record is not None and record.late_minutes == 20 and record.status is AttendanceStatus.PRESENT
    assert record.recorded_by == window.context.ward.actor
    assert page.day_proxy.index(row, MORNING).data() == "Đi muộn 20 phút"
    assert page.status.text().startswith("Đã ghi: Đi muộn 20 phút — 1 buổi")  # the grid's wording
    assert "attendance" in seen
    assert page.grid.currentIndex().row() == row + 1  # ready for the next person
    assert page.dialog is None or not page.dialog.isVisible()


def test_the_minutes_box_explains_what_it_refuses(window: MainWindow, qtbot) -> None:
    """20/11/2026 falls in the winter hours: the morning runs 7:30–12:00 (270 minutes), the afternoon
    13:30–17:00 (210 minutes); both sessions selected allow the shorter, 210."""
    page = open_page(window, qtbot)
    row = row_where(page, lambda sheet_row: sheet_row.morning is None and sheet_row.afternoon is None)
    person = staff_of(page, row)
    select(page, (row, MORNING))
    qtbot.keyClick(page.grid, Qt.Key.Key_M)
    dialog = page.dialog
    assert isinstance(dialog, MinutesDialog) and dialog.most == 270
    for typed, message in (
            ("300", "Số phút: 300 phút dài hơn buổi làm việc (270 phút); chỉ nhập tối đa 270"),
            ("999", "Số phút: 999 phút dài hơn buổi làm việc (270 phút); chỉ nhập tối đa 270"),
            ("2O", "Số phút: “2O” không phải là số phút; chỉ nhập chữ số, ví dụ 15"),
            ("", "Số phút: hãy nhập số phút, từ 1 đến 270")):
        dialog.box.setText(typed)
        dialog.accept()
        assert dialog.isVisible() and dialog.box.text() == typed  # kept as typed, never changed
        assert dialog.problem.text() == message and not dialog.problem.isHidden()
    assert get(window, person, Session.MORNING) is None
    dialog.box.setText("270")
    dialog.accept()
    assert not dialog.isVisible() and get(window, person, Session.MORNING).late_minutes == 270
    select(page, (row, MORNING), (row, AFTERNOON))
    qtbot.keyClick(page.grid, Qt.Key.Key_S)
    assert isinstance(page.dialog, MinutesDialog) and page.dialog.most == 210
    page.dialog.reject()


def test_left_early_cancel_writes_nothing(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    row = row_where(page, lambda sheet_row: sheet_row.afternoon is None)
    person = staff_of(page, row)
    select(page, (row, AFTERNOON))
    qtbot.keyClick(page.grid, Qt.Key.Key_S)
    assert isinstance(page.dialog, MinutesDialog)
    page.dialog.reject()
    assert get(window, person, Session.AFTERNOON) is None
    assert page.undo_depth() == 0


@pytest.mark.parametrize(("key", "code"), [(Qt.Key.Key_P, LeaveCode.ANNUAL), (Qt.Key.Key_O, LeaveCode.SICK),
                                           (Qt.Key.Key_C, LeaveCode.BUSINESS_TRIP), (Qt.Key.Key_H, LeaveCode.MEETING),
                                           ("ô", LeaveCode.SICK), (Qt.Key.Key_B, LeaveCode.COMPENSATORY)])
def test_leave_code_by_key(window: MainWindow, qtbot, key: Qt.Key | str, code: LeaveCode) -> None:
    page = open_page(window, qtbot)
    row = row_where(page, lambda sheet_row: sheet_row.afternoon is None)
    person = staff_of(page, row)
    select(page, (row, AFTERNOON))
    if isinstance(key, str):  # a letter of a Vietnamese keyboard, as the keyboard layout sends it
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Ocircumflex, Qt.KeyboardModifier.NoModifier, key)
        QApplication.sendEvent(page.grid, event)
    else:
        qtbot.keyClick(page.grid, key)
    record = get(window, person, Session.AFTERNOON)
    assert record is not None and record.status is AttendanceStatus.LEAVE and record.leave_code is code
    assert f"({code.value})" in page.day_proxy.index(row, AFTERNOON).data()


def test_other_leave_asks_for_the_type(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    row = row_where(page, lambda sheet_row: sheet_row.morning is None and sheet_row.afternoon is None)
    person = staff_of(page, row)
    select(page, (row, NAME))  # the name means the whole day
    qtbot.keyClick(page.grid, Qt.Key.Key_N)
    dialog = page.dialog
    assert isinstance(dialog, LeaveDialog)
    assert untranslated(visible_texts(dialog)) == []
    assert untranslated(visible_texts(window)) == []
    dialog.combo.setCurrentIndex(dialog.combo.findData(LeaveCode.CHILD_SICK))
    dialog.accept()
    for session in Session:
        record = get(window, person, session)
        assert record is not None and record.leave_code is LeaveCode.CHILD_SICK


def test_several_cells_in_one_go_and_undo(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    rows = [row for row in range(page.day_proxy.rowCount())
            if page.day_proxy.index(row, 0).data(RECORD_ROLE).morning is None][:3]
    people = [staff_of(page, row) for row in rows]
    select(page, *((row, MORNING) for row in rows))
    log_before = len(window.context.ward.store.change_log.list("attendance"))
    qtbot.keyClick(page.grid, Qt.Key.Key_V)
    for person in people:
        record = get(window, person, Session.MORNING)
        assert record is not None and record.status is AttendanceStatus.ABSENT
    assert len(window.context.ward.store.change_log.list("attendance")) == log_before + 3
    absent = page.day_model.sheet.counts().absent
    assert absent >= 3 and page.summary.text().endswith(f"vắng không lý do {absent}")
    assert page.undo_depth() == 1

    qtbot.keyClick(page.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.undo_depth() == 0
    assert all(get(window, person, Session.MORNING) is None for person in people)
    # the undo is itself a logged change
    assert len(window.context.ward.store.change_log.list("attendance")) == log_before + 6


def test_undo_brings_back_what_was_there(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    row = row_where(page, lambda sheet_row: sheet_row.morning is not None
                    and sheet_row.morning.status is AttendanceStatus.LEAVE)
    person = staff_of(page, row)
    before = get(window, person, Session.MORNING)
    select(page, (row, MORNING))
    qtbot.keyClick(page.grid, Qt.Key.Key_Delete)
    assert get(window, person, Session.MORNING) is None
    assert page.day_proxy.index(row, MORNING).data() == "Có mặt"
    page.undo_action.trigger()
    after = get(window, person, Session.MORNING)
    assert after is not None
    assert (after.status, after.leave_code, after.note, after.recorded_by) == (
        before.status, before.leave_code, before.note, before.recorded_by)


def test_undo_keeps_at_least_twenty_steps(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    store = window.context.ward.store
    original = store.attendance.for_day(DEMO_TODAY)
    for step in range(25):
        select(page, (step % page.day_proxy.rowCount(), MORNING if step < 20 else AFTERNOON))
        qtbot.keyClick(page.grid, Qt.Key.Key_V if step % 2 else Qt.Key.Key_B)
    assert page.undo_depth() == 25
    assert store.attendance.for_day(DEMO_TODAY) != original
    for _step in range(25):
        assert page.undo_last()
    assert not page.undo_last()
    assert [(r.staff_id, r.session, r.status, r.leave_code, r.late_minutes) for r in
            store.attendance.for_day(DEMO_TODAY)] == [
        (r.staff_id, r.session, r.status, r.leave_code, r.late_minutes) for r in original]


def test_context_menu_and_buttons_do_the_same(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    menu = page.context_menu()
    assert untranslated(visible_texts(menu)) == []
    assert untranslated(visible_texts(page.leave_menu)) == []
    row = row_where(page, lambda sheet_row: sheet_row.morning is None)
    person = staff_of(page, row)
    select(page, (row, MORNING))
    page.leave_actions[LeaveCode.UNPAID].trigger()
    assert get(window, person, Session.MORNING).leave_code is LeaveCode.UNPAID
    select(page, (row, MORNING))
    page.present_action.trigger()
    assert get(window, person, Session.MORNING) is None
    menu.deleteLater()


def test_banner_for_weekend_and_holiday(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    assert not page.banner.isVisible()
    qtbot.mouseClick(page.next_day, Qt.MouseButton.LeftButton)
    assert page.day() == date(2026, 11, 21)
    assert page.banner.isVisible() and "Thứ Bảy" in page.banner.text()
    assert "không phải ngày làm việc" in page.banner.text()
    page.show_day(date(2026, 9, 2))
    holiday = window.context.ward.store.schedule.calendar(date(2026, 9, 2), date(2026, 9, 2)).holidays[
        date(2026, 9, 2)]
    assert page.banner.isVisible() and holiday.name in page.banner.text()
    # marking is still allowed on a day off
    select(page, (0, MORNING))
    qtbot.keyClick(page.grid, Qt.Key.Key_P)
    assert get(window, staff_of(page, 0), Session.MORNING, date(2026, 9, 2)).leave_code is LeaveCode.ANNUAL
    qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    assert page.day() == DEMO_TODAY and not page.banner.isVisible()
    assert untranslated(visible_texts(window)) == []


def test_locked_period_refuses_with_a_message(window: MainWindow, qtbot, monkeypatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr("ward_office.ui.attendance.page.show_error",
                        lambda parent, error, title=None: errors.append(error.localized()))
    ward = window.context.ward
    ward.store.periods.lock(month(2026, 11), ward.actor)
    page = open_page(window, qtbot)
    page.refresh()
    assert page.locked_banner.isVisible()
    before = ward.store.attendance.for_day(DEMO_TODAY)
    select(page, (0, MORNING), (1, MORNING))
    qtbot.keyClick(page.grid, Qt.Key.Key_V)
    assert len(errors) == 1 and "khóa" in errors[0] and "20/11/2026" in errors[0]
    assert ward.store.attendance.for_day(DEMO_TODAY) == before
    assert page.undo_depth() == 0


def test_search_filters_both_tabs(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    total = page.day_proxy.rowCount()
    page.search.setText("nguyen")
    shown = page.day_proxy.rowCount()
    assert 0 < shown < total
    assert all(fold(staff_of(page, row).full_name).count("nguyen") or "nguyen" in fold(
        staff_of(page, row).position) for row in range(shown))
    page.tabs.setCurrentIndex(1)
    assert 0 < page.month_proxy.rowCount() < page.month_model.rowCount()
    page.search.setText("")
    assert page.day_proxy.rowCount() == total


def test_month_sheet_codes_and_totals(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    page.tabs.setCurrentIndex(1)
    assert untranslated(visible_texts(window)) == []
    model = page.month_model
    sheet = model.sheet
    assert (sheet.year, sheet.month) == (2026, 11)
    store = window.context.ward.store
    records = store.attendance.between(date(2026, 11, 1), DEMO_TODAY)
    leave = next(record for record in records if record.status is AttendanceStatus.LEAVE)
    row = next(number for number, month_row in enumerate(sheet.rows) if month_row.staff.id == leave.staff_id)
    cell = model.index(row, leave.day.day).data()
    assert leave.leave_code.value in cell.split("/")
    # every code shown agrees with the records
    person = sheet.rows[row].staff
    mine = {(record.day, record.session): record for record in records if record.staff_id == person.id}
    working = list(store.schedule.calendar(date(2026, 11, 1), DEMO_TODAY).working_days(date(2026, 11, 1),
                                                                                         DEMO_TODAY))
    for day in working:
        codes = tuple(session_code(mine.get((day, session))) for session in Session)
        expected = codes[0] if codes[0] == codes[1] else "/".join(codes)
        assert model.index(row, day.day).data() == expected
    assert model.index(row, 21).data() == ""  # Saturday 21/11
    # totals: worked days = present sessions on working days, halves
    present = sum(1 for day in working for session in Session
                  if (record := mine.get((day, session))) is None or record.status is AttendanceStatus.PRESENT)
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    worked_column = headers.index("Công")
    expected_days = f"{present // 2},5" if present % 2 else str(present // 2)
    assert model.index(row, worked_column).data() == expected_days
    late_column = headers.index("Đi muộn")
    late = sum(1 for record in mine.values() if record.late_minutes)
    assert model.index(row, late_column).data() == (str(late) if late else "")
    code_column = headers.index(leave.leave_code.value)
    assert model.index(row, code_column).data()
    assert model.headerData(1, Qt.Orientation.Horizontal) == "1\nCN"


def test_month_double_click_opens_the_day(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    page.tabs.setCurrentIndex(1)
    qtbot.mouseClick(page.previous_month, Qt.MouseButton.LeftButton)
    assert page.month() == (2026, 10)
    view = page.month_view
    index = page.month_proxy.index(2, 14)  # 14 October 2026
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # Qt's test double click
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # needs a press first
    assert page.tabs.currentIndex() == 0
    assert page.day() == date(2026, 10, 14)
    current = page.grid.currentIndex()
    assert current.data(RECORD_ROLE).staff.id == page.month_proxy.index(2, 0).data(RECORD_ROLE).staff.id


def test_models_pass_the_model_tester(window: MainWindow, qtbot, qtmodeltester) -> None:
    page = open_page(window, qtbot)
    qtmodeltester.check(page.day_model)
    qtmodeltester.check(page.day_proxy)
    page.tabs.setCurrentIndex(1)
    qtmodeltester.check(page.month_model)
    qtmodeltester.check(page.month_proxy)


def test_empty_ward_shows_an_empty_grid(empty_window: MainWindow, qtbot) -> None:
    page = open_page(empty_window, qtbot)
    assert page.day_proxy.rowCount() == 0
    qtbot.keyClick(page.grid, Qt.Key.Key_V)
    assert page.status.text() == "Hãy chọn một hoặc nhiều ô trước."
    page.tabs.setCurrentIndex(1)
    assert page.month_model.rowCount() == 0
    assert untranslated(visible_texts(empty_window)) == []

"""The Nhật ký thay đổi page on the demo ward: the log shown page by page, filters, the values before and
after, an edit made elsewhere appearing at the top, and the export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from ui_helpers import DEMO_TODAY, untranslated, visible_texts

from PySide6.QtCore import Qt

from ward_office.core.attendance import Attendance
from ward_office.core.change_log import ChangeAction
from ward_office.core.schedule import Session
from ward_office.services.change_log import ChangeLine

from ward_office.ui.attendance.models import DayGridModel
from ward_office.ui.attendance.page import AttendancePage
from ward_office.ui.change_log.page import AuditPage
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.widgets.jobs import wait_for_jobs
from ward_office.ui.widgets.models import RECORD_ROLE


def open_page(window: MainWindow, qtbot) -> AuditPage:
    page = window.show_page(AuditPage)
    qtbot.waitUntil(page.isVisible)
    assert isinstance(page, AuditPage)
    return page


def rows(page: AuditPage) -> list[ChangeLine]:
    return page.model.records()


def test_page_shows_the_demo_log_newest_first_in_vietnamese(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    total = len(window.context.ward.store.change_log.list())
    shown = rows(page)
    assert 0 < len(shown) == min(total, page.model.page_size)
    ids = [row.entry.id for row in shown]
    assert ids == sorted(ids, reverse=True)
    assert page.table.currentIndex().row() == 0
    assert page.sentence.text().endswith(shown[0].sentence)
    assert page.fields_model.rowCount() > 0
    assert untranslated(visible_texts(window)) == []
    assert [window.nav.item(row).text() for row in range(window.nav.count())][-2:] == ["Nhật ký thay đổi", "Cài đặt"]


def test_filters_narrow_the_list(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    everything = len(rows(page))
    page.kind.setCurrentIndex(page.kind.findData("check"))
    checks = rows(page)
    assert checks and len(checks) < everything and {row.entry.entity for row in checks} == {"check"}
    page.kind.setCurrentIndex(0)
    page.action.setCurrentIndex(page.action.findData(ChangeAction.IMPORT.value))
    assert {row.entry.action for row in rows(page)} == {ChangeAction.IMPORT}
    page.action.setCurrentIndex(0)
    person = window.context.ward.staff()[0]
    page.search.setText(person.full_name)
    qtbot.waitUntil(lambda: len(rows(page)) < everything)
    assert rows(page) and all(person.full_name in row.sentence for row in rows(page))
    page.search.setText("khong co ai ten nay")
    qtbot.waitUntil(lambda: not rows(page))
    assert page.status.text() == "Không có thay đổi nào phù hợp với bộ lọc."
    page.search.clear()
    page.use_start.setChecked(True)
    page.start.setDate(page.start.date().addYears(5))
    assert rows(page) == []
    page.use_start.setChecked(False)
    assert len(rows(page)) == everything


def test_an_attendance_edit_appears_at_the_top(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    attendance = window.show_page(AttendancePage)
    qtbot.waitUntil(attendance.isVisible)
    assert isinstance(attendance, AttendancePage)
    grid_row = next(row for row in range(attendance.day_proxy.rowCount())
                    if attendance.day_proxy.index(row, 0).data(RECORD_ROLE).morning is None)
    person = attendance.day_proxy.index(grid_row, 0).data(RECORD_ROLE).staff
    attendance.grid.setCurrentIndex(attendance.day_proxy.index(grid_row, DayGridModel.MORNING))
    attendance.grid.setFocus()
    qtbot.keyClick(attendance.grid, Qt.Key.Key_M)
    dialog = attendance.dialog
    assert dialog is not None
    dialog.box.setText("20")  # type: ignore[attr-defined]
    dialog.accept()
    stored = window.context.ward.store.attendance.get(person.id, DEMO_TODAY, Session.MORNING)
    assert stored is not None and stored.late_minutes == 20
    page = open_page(window, qtbot)
    top = rows(page)[0]
    assert top.sentence == (f"Sửa chấm công của {person.full_name} ngày 20/11/2026, buổi sáng: "
                            "Có mặt → Đi muộn 20 phút")
    assert top.entry.actor == window.context.ward.actor
    fields = {change.name: (change.before, change.after) for change in page.fields_model.records()}
    assert fields["Số phút đi muộn"] == ("", "20 phút")
    assert fields["Cán bộ"] == ("", person.full_name)


def test_more_lines_are_fetched_as_the_list_scrolls(window: MainWindow, qtbot) -> None:
    store = window.context.ward.store
    person = window.context.ward.staff()[0]
    assert person.id is not None
    with store.atomic():
        for day in range(1, 29):
            store.attendance.set(Attendance(person.id, date(2026, 2, day), Session.AFTERNOON, early_minutes=day),
                                 "Người kiểm thử")
            store.attendance.clear(person.id, date(2026, 2, day), Session.AFTERNOON, "Người kiểm thử")
    page = open_page(window, qtbot)
    page.model.page_size = 20
    page.who.setCurrentIndex(page.who.findData("Người kiểm thử"))
    assert len(rows(page)) == 20 and page.model.canFetchMore()
    assert "20" in page.status.text()
    page.model.fetchMore()
    page.model.fetchMore()
    assert len(rows(page)) == 56 and not page.model.canFetchMore()
    ids = [row.entry.id for row in rows(page)]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 56
    page.model.reload()
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: len(rows(page)) > 20)


def test_models_pass_the_model_tester(window: MainWindow, qtbot, qtmodeltester) -> None:
    page = open_page(window, qtbot)
    page.model.page_size = 25
    page.model.reload()
    qtmodeltester.check(page.model)
    page.model.fetchMore()
    qtmodeltester.check(page.model)
    page.table.selectRow(3)
    qtmodeltester.check(page.fields_model)


def test_export_writes_a_workbook_of_the_filtered_lines(window: MainWindow, qtbot, tmp_path: Path) -> None:
    page = open_page(window, qtbot)
    page.kind.setCurrentIndex(page.kind.findData("check"))
    expected = len(window.context.ward.store.change_log.list("check"))
    out = tmp_path / "nhat-ky.xlsx"
    page.export_to(out)
    wait_for_jobs()
    qtbot.waitUntil(lambda: page.last_export is not None)
    assert page.last_export is not None and page.last_export.rows == expected
    assert page.export_button.isEnabled()
    assert "nhat-ky.xlsx" in page.status.text()
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    values = [row for row in sheet.iter_rows(values_only=True)]
    body = [row for row in values if isinstance(row[0], int)]
    assert len(body) == expected and {row[5] for row in body} == {"Đợt kiểm tra"}


def test_screenshot(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    window.resize(1280, 800)
    page.table.selectRow(1)
    qtbot.wait(50)
    assert window.grab().save("/tmp/audit_page.png")
    person = window.context.ward.staff()[2]
    assert person.id is not None
    store = window.context.ward.store
    store.attendance.set(Attendance(person.id, DEMO_TODAY, Session.MORNING, late_minutes=20), "Nguyễn Thị Lan")
    store.attendance.set(Attendance(person.id, DEMO_TODAY, Session.MORNING, late_minutes=5, note="Tắc đường"),
                         "Nguyễn Thị Lan")
    window.context.changed.emit("attendance")
    assert rows(page)[0].entry.action is ChangeAction.UPDATE
    assert [change.name for change in page.fields_model.records()] == [
        "Cán bộ", "Ngày", "Buổi", "Số phút đi muộn", "Ghi chú"]
    qtbot.wait(50)
    assert window.grab().save("/tmp/audit_detail.png")

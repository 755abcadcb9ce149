"""The import wizard on the demo ward, driven like the clerk drives it: File ▸ Import data…, a clock log, a
clock report with columns to map (remembered for the next report), a staff list and past events, each
previewed in the background and then written all or nothing; a bad file shows its problems and changes
nothing; an unknown clock id is given to its owner from the wizard."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from shiboken6 import isValid
from ui_helpers import DEMO_TODAY, untranslated, visible_texts

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from ward_office.core.attendance import AttendanceStatus, RecordSource
from ward_office.core.schedule import Session
from ward_office.core.staff import Staff
from ward_office.services import imports

from ward_office.ui.attendance.page import AttendancePage
from ward_office.ui.events.page import EventsPage
from ward_office.ui.imports.wizard import CHOOSE, DONE, MAPPING, PREVIEW, ImportKind, ImportWizard
from ward_office.ui.shell.main_window import MainWindow

MONDAY, TUESDAY = date(2026, 11, 16), date(2026, 11, 17)
SCREENS = Path("/tmp")


@pytest.fixture
def window(qtbot, demo_db: Path, vietnamese: None) -> Iterator[MainWindow]:
    """The window signed in as the demo book's clerk: the import services write only for a signed-in account."""
    from ward_office.core.access import Account, Role

    from ward_office.ui.shell.app import open_main_window

    clerk = Account(None, "vanthu", "Lê Thị Mai", Role.CLERK)
    main_window = open_main_window(demo_db, today=DEMO_TODAY, account=clerk)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    yield main_window
    from conftest import _finish

    _finish(main_window)


@pytest.fixture
def wizard(window: MainWindow, qtbot) -> Iterator[ImportWizard]:
    window.resize(1366, 768)
    dialog = open_wizard(window, qtbot)
    yield dialog
    finish(dialog, qtbot)


def open_wizard(window: MainWindow, qtbot) -> ImportWizard:
    dialog = window.show_import_wizard()
    assert isinstance(dialog, ImportWizard)
    qtbot.waitUntil(dialog.isVisible)
    dialog.resize(1000, 700)
    return dialog


def finish(dialog: ImportWizard, qtbot) -> None:
    if not isValid(dialog):  # closed and deleted already
        return
    settle(dialog, qtbot)
    if dialog.isVisible():
        dialog.reject()


def settle(dialog: ImportWizard, qtbot) -> None:
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)


def shot(dialog: ImportWizard, name: str) -> None:
    QApplication.processEvents()
    dialog.grab().save(str(SCREENS / f"wizard_{name}.png"))


def go(dialog: ImportWizard, kind: ImportKind, file: Path, qtbot) -> None:
    dialog.choose_page.set_kind(kind)
    dialog.choose_page.set_file(file)
    assert dialog.next_button.isEnabled()
    dialog.next_button.click()
    settle(dialog, qtbot)


def change_log_count(window: MainWindow) -> int:
    return window.context.ward.store.db.execute("SELECT count(*) FROM change_log").fetchone()[0]


def punch_count(window: MainWindow) -> int:
    return window.context.ward.store.db.execute("SELECT count(*) FROM punches").fetchone()[0]


def no_english(dialog: ImportWizard, *file_names: str) -> None:
    texts = [(where, text) for where, text in visible_texts(dialog)
             if not any(name in text for name in file_names)]
    assert untranslated(texts) == []


def punctual(window: MainWindow, day: date) -> list[Staff]:
    """People at work on ``day`` with a clock id and nothing recorded that day."""
    store = window.context.ward.store
    recorded = {record.staff_id for record in store.attendance.between(day, day)}
    return [person for person in window.context.ward.staff(active_on=day)
            if person.clock_id and person.id not in recorded]


def attlog(path: Path, window: MainWindow, late: Staff, *, extra: str = "") -> Path:
    """A ZKTeco USB download for Monday: everyone at work in time, ``late`` 22 minutes after the start."""
    season = window.context.ward.store.schedule.calendar(MONDAY, MONDAY).schedule.season_for(MONDAY)
    start = season.morning.start
    lines = []
    for person in window.context.ward.staff(active_on=MONDAY):
        if not person.clock_id:
            continue
        arrival = f"{start.hour:02d}:{start.minute + 22:02d}:10" if person.id == late.id else "07:05:00"
        lines.append(f"{person.clock_id:>9}\t2026-11-16 {arrival}\t1\t0\t1\t0")
        lines.append(f"{person.clock_id:>9}\t2026-11-16 17:31:00\t1\t1\t1\t0")
        lines.append(f"{person.clock_id:>9}\t2026-11-16 17:32:00\t1\t1\t1\t0")  # pressed twice
    path.write_text("\r\n".join(lines) + "\r\n" + extra, encoding="utf-8", newline="")
    return path


# ---- The menu ----


def test_file_menu_opens_the_wizard_with_ctrl_i(window: MainWindow, qtbot) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    action = next(action for action in file_menu.actions() if action.shortcut() == QKeySequence("Ctrl+I"))
    assert action.text() == "&Nhập dữ liệu…"
    action.trigger()
    dialog = next(widget for widget in QApplication.topLevelWidgets()
                  if isinstance(widget, ImportWizard) and widget.isVisible())
    assert dialog.step == CHOOSE and dialog.windowTitle() == "Nhập dữ liệu"
    assert not dialog.next_button.isEnabled()  # no file yet
    no_english(dialog)
    shot(dialog, "1_choose_clock")
    dialog.choose_page.set_kind(ImportKind.STAFF)
    assert dialog.choose_page.template_button.isVisible()
    shot(dialog, "1_choose_staff")
    no_english(dialog)
    dialog.cancel_button.click()
    assert not dialog.isVisible()


# ---- Clock logs ----


def test_clock_log_previewed_then_imported_then_nothing_new(window: MainWindow, wizard: ImportWizard, qtbot,
                                                           tmp_path: Path, qtmodeltester) -> None:
    late = punctual(window, MONDAY)[0]
    file = attlog(tmp_path / "1_attlog.dat", window, late, extra="rác không phải dòng chấm công\r\n")
    people = len([person for person in window.context.ward.staff(active_on=MONDAY) if person.clock_id])
    before_log, before_punches = change_log_count(window), punch_count(window)

    go(wizard, ImportKind.CLOCK, file, qtbot)
    assert wizard.step == PREVIEW  # an attlog file needs no column mapping
    assert wizard.currentPage().title() == "Bước 2/3: Kiểm tra trước khi nhập"
    preview = wizard.preview
    assert preview is not None and wizard.refusal is None
    assert (preview.read, preview.duplicates, preview.new, preview.already_stored) == (
        3 * people, people, 2 * people, 0)
    assert [problem.line for problem in preview.problems] == [3 * people + 1]
    assert [row.line for row in wizard.preview_page.problems_model.records()] == [3 * people + 1]
    late_rows = [change for change in wizard.preview_page.changes_model.records() if change.staff.id == late.id]
    assert [(change.day, change.session) for change in late_rows] == [(MONDAY, Session.MORNING)]
    assert "muộn 22 phút" in wizard.preview_page.changes_model.index(
        wizard.preview_page.changes_model.records().index(late_rows[0]), 4).data()
    assert wizard.import_button.isEnabled() and wizard.import_button.isVisible()
    page = wizard.preview_page
    for model in (page.changes_model, page.problems_model, page.unknown_panel.model):
        qtmodeltester.check(model)
    assert change_log_count(window) == before_log and punch_count(window) == before_punches  # a preview only
    no_english(wizard, file.name)
    shot(wizard, "3_preview_clock")

    seen: list[str] = []
    window.context.changed.connect(seen.append)
    wizard.import_button.click()
    settle(wizard, qtbot)
    assert wizard.step == DONE and wizard.close_button.isVisible() and not wizard.cancel_button.isVisible()
    assert wizard.result is not None and wizard.result.punches_added == 2 * people
    assert "attendance" in seen
    assert punch_count(window) == before_punches + 2 * people
    record = window.context.ward.store.attendance.get(late.id, MONDAY, Session.MORNING)
    assert record is not None and record.late_minutes == 22 and record.source is RecordSource.CLOCK
    assert record.recorded_by == window.context.ward.actor
    no_english(wizard, file.name)
    shot(wizard, "4_done_clock")
    wizard.close_button.click()
    assert not wizard.isVisible()

    page = window.show_page(AttendancePage)
    qtbot.waitUntil(page.isVisible)
    page.show_day(MONDAY)
    row = next(row for row in range(page.day_proxy.rowCount())
               if page.day_proxy.index(row, 0).data(Qt.ItemDataRole.UserRole + 3).staff.id == late.id)
    assert "22" in "".join(str(page.day_proxy.index(row, column).data()) for column in
                           range(page.day_proxy.columnCount()))

    again = open_wizard(window, qtbot)
    try:
        logged = change_log_count(window)
        go(again, ImportKind.CLOCK, file, qtbot)
        assert (again.preview.new, again.preview.already_stored, again.preview.changes) == (0, 2 * people, ())
        assert "không thêm gì" in again.preview_page.headline.text()
        again.import_button.click()
        settle(again, qtbot)
        assert again.result.punches_added == 0 and again.result.sessions_changed == 0
        assert punch_count(window) == before_punches + 2 * people
        assert change_log_count(window) - logged <= 1  # at most the import's own entry
    finally:
        finish(again, qtbot)


def test_unknown_clock_id_linked_from_the_wizard(window: MainWindow, wizard: ImportWizard, qtbot,
                                                 tmp_path: Path, qtmodeltester) -> None:
    store = window.context.ward.store
    person = punctual(window, TUESDAY)[1]
    store.staff.update(replace(person, clock_id=""), window.context.ward.actor)
    file = tmp_path / "1_attlog.dat"
    file.write_text("77\t2026-11-17 09:10:00\t1\t0\n77\t2026-11-17 17:40:00\t1\t0\n"
                    "77\t2026-11-17 17:41:00\t1\t0\n", encoding="utf-8")

    go(wizard, ImportKind.CLOCK, file, qtbot)
    panel = wizard.preview_page.unknown_panel
    assert [(unknown.clock_id, unknown.count, unknown.lines) for unknown in panel.model.records()] == [
        ("77", 2, (1, 2))]
    assert wizard.preview_page.tabs.currentWidget() is panel
    qtmodeltester.check(panel.model)
    assert panel.selected_clock_id() == "77"
    people = [panel.person.itemData(row) for row in range(panel.person.count())]
    assert person.id in people and all(
        not window.context.ward.store.staff.get(staff_id).clock_id for staff_id in people)
    panel.person.setCurrentIndex(panel.person.findData(person.id))
    no_english(wizard, file.name)
    shot(wizard, "3_preview_unknown")
    assert panel.link_button.isEnabled()
    panel.link_button.click()
    settle(wizard, qtbot)  # the link, then the preview again
    settle(wizard, qtbot)
    assert store.staff.get(person.id).clock_id == "77"
    assert "77" in panel.result.text() and person.full_name in panel.result.text()
    assert panel.model.records() == []
    morning = [change for change in wizard.preview_page.changes_model.records()
               if change.staff.id == person.id and change.session is Session.MORNING]
    assert morning and morning[0].after.late_minutes > 0

    wizard.import_button.click()
    settle(wizard, qtbot)
    record = store.attendance.get(person.id, TUESDAY, Session.MORNING)
    assert record is not None and record.late_minutes > 0 and record.source is RecordSource.CLOCK
    shot(wizard, "4_done_after_link")


def test_unknown_id_linked_after_the_import(window: MainWindow, wizard: ImportWizard, qtbot, tmp_path: Path) -> None:
    store = window.context.ward.store
    person = punctual(window, TUESDAY)[2]
    store.staff.update(replace(person, clock_id=""), window.context.ward.actor)
    file = tmp_path / "may2_attlog.dat"
    file.write_text("88\t2026-11-17 07:05:00\t1\t0\n88\t2026-11-17 11:00:00\t1\t0\n", encoding="utf-8")
    go(wizard, ImportKind.CLOCK, file, qtbot)
    wizard.import_button.click()
    settle(wizard, qtbot)
    panel = wizard.done_page.done_unknown
    assert wizard.step == DONE and panel.isVisible()
    assert [unknown.clock_id for unknown in panel.model.records()] == ["88"]
    assert store.attendance.get(person.id, TUESDAY, Session.AFTERNOON) is None
    panel.person.setCurrentIndex(panel.person.findData(person.id))
    no_english(wizard, file.name)
    shot(wizard, "4_done_unknown")
    panel.link_button.click()
    settle(wizard, qtbot)
    assert store.staff.get(person.id).clock_id == "88"
    afternoon = store.attendance.get(person.id, TUESDAY, Session.AFTERNOON)  # punches only in the morning
    assert afternoon is not None and afternoon.status is AttendanceStatus.ABSENT
    assert panel.model.records() == []


def test_a_report_with_columns_mapped_once_and_remembered(window: MainWindow, wizard: ImportWizard, qtbot,
                                                          tmp_path: Path, qtmodeltester) -> None:
    late = punctual(window, MONDAY)[3]
    first = tmp_path / "bang-ke-thang-11.csv"
    first.write_text("Bảng kê vân tay phường\nSố hiệu;Thời điểm quẹt;Đầu đọc\n"
                     f"{late.clock_id};16/11/2026 08:40;Cổng A\n{late.clock_id};16/11/2026 17:35;Cổng A\n",
                     encoding="utf-8-sig")
    go(wizard, ImportKind.CLOCK, first, qtbot)
    mapping = wizard.mapping
    assert wizard.step == MAPPING and "Bước 2/4" in wizard.currentPage().title()
    assert mapping.headers == ("Số hiệu", "Thời điểm quẹt", "Đầu đọc")
    assert not wizard.next_button.isEnabled() and mapping.missing.text()  # nothing could be guessed
    qtmodeltester.check(mapping.times_model)
    assert mapping.sample_model.records() == [(late.clock_id, "16/11/2026 08:40", "Cổng A"),
                                              (late.clock_id, "16/11/2026 17:35", "Cổng A")]
    qtmodeltester.check(mapping.sample_model)
    no_english(wizard, first.name)
    shot(wizard, "2_mapping_new")
    mapping.clock_id.setCurrentIndex(mapping.clock_id.findData("Số hiệu"))
    mapping.datetime.setCurrentIndex(mapping.datetime.findData("Thời điểm quẹt"))
    mapping.device.setCurrentIndex(mapping.device.findData("Đầu đọc"))
    mapping.name.setText("Máy vân tay cổng A")
    assert wizard.next_button.isEnabled() and not mapping.missing.text()
    shot(wizard, "2_mapping_filled")
    wizard.next_button.click()
    # The trial run reads the file off the GUI thread; until its answer comes back the wizard stays where it is.
    assert wizard.busy and wizard.step == MAPPING
    assert not (wizard.next_button.isEnabled() or wizard.back_button.isEnabled() or wizard.cancel_button.isEnabled())
    wizard.reject()  # Escape, or the window's close button
    assert wizard.isVisible()
    settle(wizard, qtbot)
    assert wizard.step == PREVIEW and "Bước 3/4" in wizard.currentPage().title()
    assert (wizard.preview.read, wizard.preview.new, wizard.preview.devices) == (2, 2, ("Cổng A",))
    assert wizard.back_button.isEnabled() and wizard.cancel_button.isEnabled()
    wizard.back_button.click()
    assert wizard.step == MAPPING and mapping.clock_id.currentData() == "Số hiệu"
    wizard.next_button.click()
    settle(wizard, qtbot)
    wizard.import_button.click()
    settle(wizard, qtbot)
    assert wizard.step == DONE and "Máy vân tay cổng A" in wizard.done_page.done_text.text()
    record = window.context.ward.store.attendance.get(late.id, MONDAY, Session.MORNING)
    assert record is not None and record.late_minutes > 0
    wizard.close_button.click()

    # December's report from the same clock: the columns come back by themselves.
    second = tmp_path / "bang-ke-thang-12.csv"
    second.write_text("Số hiệu;Thời điểm quẹt;Đầu đọc\n"
                      f"{late.clock_id};17/11/2026 07:05;Cổng A\n{late.clock_id};17/11/2026 17:35;Cổng A\n",
                      encoding="utf-8")
    again = open_wizard(window, qtbot)
    try:
        go(again, ImportKind.CLOCK, second, qtbot)
        assert again.step == MAPPING
        remembered = again.mapping
        assert remembered.saved.currentData() == "Máy vân tay cổng A"
        assert "Máy vân tay cổng A" in remembered.hint.text()
        assert (remembered.clock_id.currentData(), remembered.datetime.currentData(),
                remembered.device.currentData(), remembered.name.text()) == (
            "Số hiệu", "Thời điểm quẹt", "Đầu đọc", "Máy vân tay cổng A")
        assert again.next_button.isEnabled()
        shot(again, "2_mapping_remembered")
        again.next_button.click()
        settle(again, qtbot)
        assert again.preview.new == 2
    finally:
        finish(again, qtbot)


def test_a_wise_eye_report_gets_its_columns_guessed(window: MainWindow, wizard: ImportWizard, qtbot,
                                                   tmp_path: Path) -> None:
    person = punctual(window, MONDAY)[4]
    report = tmp_path / "wise-eye.csv"
    report.write_text("BÁO CÁO CHẤM CÔNG\nMã CC,Họ tên,Ngày,Vào 1,Ra 1\n"
                      f"{person.clock_id},{person.full_name},16/11/2026,07:04,17:33\n", encoding="utf-16")
    go(wizard, ImportKind.CLOCK, report, qtbot)
    mapping = wizard.mapping
    assert wizard.step == MAPPING and mapping.separate.isChecked()
    assert (mapping.clock_id.currentData(), mapping.date.currentData(), mapping.checked_times()) == (
        "Mã CC", "Ngày", ("Vào 1", "Ra 1"))
    assert mapping.name.text() and wizard.next_button.isEnabled()
    shot(wizard, "2_mapping_guessed")
    mapping.remember.setChecked(False)
    wizard.next_button.click()
    settle(wizard, qtbot)
    assert wizard.preview.read == 2
    wizard.import_button.click()
    settle(wizard, qtbot)
    assert window.context.ward.store.punches.mapping_names() == []  # not remembered when unticked


# ---- Staff lists and past events ----


def test_staff_list_previewed_then_imported(window: MainWindow, wizard: ImportWizard, qtbot, tmp_path: Path,
                                            qtmodeltester) -> None:
    known = window.context.ward.store.staff.by_code("CB001")
    assert known is not None
    departments = window.context.ward.department_names()
    file = tmp_path / "danh-sach.csv"
    file.write_text(
        "STT,Mã cán bộ,Họ và tên,Giới tính,Chức vụ,Loại,Bộ phận,Số thẻ,Mã chấm công\n"
        f"1,CB001,{known.full_name},{'Nam' if known.gender.value == 'male' else 'Nữ'},{known.position},"
        f"{'Cán bộ' if known.category.value == 'can_bo' else 'Công chức'},{departments[known.department_id]},"
        f"{known.badge_number},{known.clock_id}\n"
        "2,CB901,Phạm Thị Thu Trang,Nữ,Chuyên viên,Công chức,Tổ Một cửa mới,0901,901\n"
        "3,CB902,Hoàng Văn Nam,Nam,Chuyên viên,Công chức,Tổ Một cửa mới,0902,902\n"
        "4,,,,,,,,\n", encoding="utf-8")
    before = len(window.context.ward.staff())
    go(wizard, ImportKind.STAFF, file, qtbot)
    preview = wizard.preview
    assert wizard.step == PREVIEW and "Bước 2/3" in wizard.currentPage().title()
    assert wizard.refusal is None, wizard.refusal.localized()
    assert isinstance(preview, imports.ImportSummary) and preview.dry_run
    assert (preview.rows, preview.added) == (3, 2)
    assert preview.new_departments == ("Tổ Một cửa mới",)
    counts = wizard.preview_page.counts
    shown = {counts.itemAt(row, counts.ItemRole.LabelRole).widget().text():
             counts.itemAt(row, counts.ItemRole.FieldRole).widget().text() for row in range(counts.rowCount())}
    assert shown["Số dòng đọc được:"] == "3" and shown["Số dòng sẽ thêm:"] == "2"
    assert [row.line for row in wizard.preview_page.skipped_model.records()] == [5]
    qtmodeltester.check(wizard.preview_page.skipped_model)
    assert len(window.context.ward.staff()) == before
    no_english(wizard, file.name)
    shot(wizard, "3_preview_staff")

    seen: list[str] = []
    window.context.changed.connect(seen.append)
    wizard.import_button.click()
    settle(wizard, qtbot)
    assert wizard.step == DONE and {"staff", "settings"} <= set(seen)
    assert len(window.context.ward.staff()) == before + 2
    assert window.context.ward.store.staff.by_code("CB901").clock_id == "901"
    shot(wizard, "4_done_staff")


def test_past_events_previewed_then_imported_once(window: MainWindow, wizard: ImportWizard, qtbot,
                                                  tmp_path: Path) -> None:
    file = tmp_path / "su-viec.csv"
    file.write_text("Ngày,Mã cán bộ,Mã tiêu chí,Ghi chú\n"
                    "18/11/2026,CB002,TG05,Rời vị trí giờ làm việc\n"
                    "18/11/2026,CB003,TP02,\n", encoding="utf-8")
    before = len(window.context.ward.store.events.list(MONDAY, DEMO_TODAY))
    wizard.choose_page.set_kind(ImportKind.EVENTS)
    wizard.choose_page.set_file(file)
    wizard.choose_page.path.setFocus()
    qtbot.keyClick(wizard.choose_page.path, Qt.Key.Key_Return)  # Enter goes on, as "Next" is the default button
    settle(wizard, qtbot)
    assert wizard.step == PREVIEW and wizard.import_button.isDefault()
    assert (wizard.preview.rows, wizard.preview.added, wizard.preview.unchanged) == (2, 2, 0)
    no_english(wizard, file.name)
    shot(wizard, "3_preview_events")
    seen: list[str] = []
    window.context.changed.connect(seen.append)
    wizard.import_button.click()
    settle(wizard, qtbot)
    assert "events" in seen
    assert len(window.context.ward.store.events.list(MONDAY, DEMO_TODAY)) == before + 2
    wizard.close_button.click()

    again = open_wizard(window, qtbot)
    try:
        go(again, ImportKind.EVENTS, file, qtbot)
        assert (again.preview.added, again.preview.unchanged) == (0, 2)
        assert "không thêm gì" in again.preview_page.headline.text()
    finally:
        finish(again, qtbot)
    page = window.show_page(EventsPage)
    qtbot.waitUntil(page.isVisible)
    assert any(row.event.note == "Rời vị trí giờ làm việc" for row in page.shown_rows())


# ---- Refused files and the template ----


def test_a_bad_events_file_shows_its_problems_and_changes_nothing(window: MainWindow, wizard: ImportWizard, qtbot,
                                                                  tmp_path: Path, qtmodeltester) -> None:
    file = tmp_path / "su-viec-loi.csv"
    file.write_text("Ngày,Mã cán bộ,Mã tiêu chí,Ghi chú\n"
                    "18/11/2026,CB002,TG05,\n"
                    "31/02/2026,CB003,TP02,\n"
                    "18/11/2026,XX999,TP02,\n", encoding="utf-8")
    before = change_log_count(window)
    go(wizard, ImportKind.EVENTS, file, qtbot)
    assert wizard.step == PREVIEW and wizard.refusal is not None and wizard.preview is None
    problems = wizard.preview_page.problems_model.records()
    assert [problem.line for problem in problems] == [3, 4]
    qtmodeltester.check(wizard.preview_page.problems_model)
    headline = wizard.preview_page.headline.text()
    assert file.name in headline and "chưa nhập" in headline
    assert wizard.preview_page.problems_model.index(1, 1).data() != "staff_code"  # the column in Vietnamese
    assert "XX999" in wizard.preview_page.problems_model.index(1, 2).data()
    assert not wizard.import_button.isEnabled()
    assert change_log_count(window) == before
    no_english(wizard, file.name)
    shot(wizard, "3_refused_events")


def test_a_file_that_is_no_clock_log_is_refused(window: MainWindow, wizard: ImportWizard, qtbot,
                                                tmp_path: Path) -> None:
    file = tmp_path / "ghi-chu.txt"
    file.write_text("Biên bản họp giao ban\nKhông có gì để chấm công\n", encoding="utf-8")
    before = change_log_count(window), punch_count(window)
    go(wizard, ImportKind.CLOCK, file, qtbot)
    assert wizard.step == PREVIEW and wizard.refusal is not None
    assert wizard.preview_page.problems_model.records() and not wizard.import_button.isEnabled()
    assert (change_log_count(window), punch_count(window)) == before
    no_english(wizard, file.name)
    shot(wizard, "3_refused_clock")
    wizard.back_button.click()
    assert wizard.step == CHOOSE


def test_the_template_download_writes_the_file(window: MainWindow, wizard: ImportWizard, qtbot,
                                               tmp_path: Path) -> None:
    wizard.choose_page.set_kind(ImportKind.EVENTS)
    target = tmp_path / "mẫu sự việc.xlsx"
    job = wizard.choose_page.save_template(target)
    assert job is not None
    settle(wizard, qtbot)
    assert target.read_bytes() == imports.template_path("events").read_bytes()
    assert str(target) in wizard.choose_page.template_note.text()
    wizard.choose_page.set_kind(ImportKind.CLOCK)
    chooser = wizard.choose_page
    assert not chooser.template_button.isVisible() and chooser.save_template(tmp_path / "x.xlsx") is None


def test_a_book_open_to_view_only_previews_but_does_not_import(qtbot, demo_db: Path, vietnamese: None,
                                                              tmp_path: Path) -> None:
    from ward_office.ui.shell.app import open_main_window

    viewer = open_main_window(demo_db, today=DEMO_TODAY, read_only=True)
    qtbot.addWidget(viewer)
    viewer.show()
    dialog = open_wizard(viewer, qtbot)
    try:
        file = tmp_path / "su-viec.csv"
        file.write_text("Ngày,Mã cán bộ,Mã tiêu chí,Ghi chú\n18/11/2026,CB002,TG05,\n", encoding="utf-8")
        go(dialog, ImportKind.EVENTS, file, qtbot)
        assert dialog.preview is not None and dialog.preview.added == 1
        assert not dialog.import_button.isEnabled() and "chỉ để xem" in dialog.preview_page.headline.text()
    finally:
        finish(dialog, qtbot)
        viewer.context.ward.close()


def test_punches_dated_after_today_are_suspect_and_left_out_unless_included(
        window: MainWindow, wizard: ImportWizard, qtbot, tmp_path: Path) -> None:
    late = punctual(window, MONDAY)[0]
    future = "".join(f"{late.clock_id:>9}\t2027-11-16 {moment}\t1\t0\t1\t0\r\n" for moment in ("07:25:00", "17:05:00"))
    file = attlog(tmp_path / "1_attlog.dat", window, late, extra=future)
    people = len([person for person in window.context.ward.staff(active_on=MONDAY) if person.clock_id])
    before_punches = punch_count(window)
    go(wizard, ImportKind.CLOCK, file, qtbot)
    preview = wizard.preview
    page = wizard.preview_page
    assert preview is not None and len(preview.suspect) == 2 and not preview.suspect_included
    assert preview.new == 2 * people  # the two punches of next year are not counted in
    assert page.suspect_label.isVisible() and page.suspect_box.isVisible() and not page.suspect_box.isChecked()
    assert page.suspect_label.text().startswith(
        "2 lần chấm công có ngày đáng ngờ (máy chấm công sai ngày?) nên chưa được nhập:")
    assert "16/11/2027 07:25, sau hôm nay (20/11/2026)" in page.suspect_label.text()
    assert page.suspect_box.text() == "Nhập cả 2 lần chấm công này"
    no_english(wizard, file.name)
    shot(wizard, "3_preview_clock_suspect")
    page.suspect_box.setChecked(True)  # the clerk includes them: the trial run is worked out again
    settle(wizard, qtbot)
    assert wizard.preview is not None and wizard.preview.suspect_included and wizard.preview.new == 2 * people + 2
    assert page.suspect_box.isChecked() and "sẽ được nhập" in page.suspect_label.text()
    page.suspect_box.setChecked(False)
    settle(wizard, qtbot)
    wizard.import_button.click()
    settle(wizard, qtbot)
    assert punch_count(window) == before_punches + 2 * people

"""A second copy of the program on the same record book: the window opens it to view only, says so and why,
refuses every write with that reason, and can take the book for writing once the other copy is gone."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_helpers import DEMO_TODAY, driving, untranslated, visible_texts

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ward_office.core.attendance import AttendanceStatus
from ward_office.core.checks import CheckKind
from ward_office.services import imports
from ward_office.services.demo import DEMO_PASSWORD
from ward_office.services.ward import in_own_ward

from ward_office.ui.attendance.models import DayGridModel
from ward_office.ui.attendance.page import AttendancePage
from ward_office.ui.checks.page import ChecksPage
from ward_office.ui.events.page import EventsPage
from ward_office.ui.shell.app import open_main_window
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.staff.page import StaffPage
from ward_office.ui.widgets.jobs import run_in_background, wait_for_jobs
from ward_office.ui.widgets.models import RECORD_ROLE

ROOT = Path(__file__).resolve().parents[3]
HOLD = """
import sys, time
from ward_office.storage import Store
store = Store.open(sys.argv[1])
print("held", flush=True)
time.sleep(120)
"""
VIEW_ONLY = "Sổ chỉ được mở để xem ở đây nên chưa có thay đổi nào được ghi. Sổ đang được mở để ghi bởi "


@pytest.fixture
def holder(demo_db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another copy of the program, holding the book for writing."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(demo_db)], stdout=subprocess.PIPE, text=True,
                               cwd=ROOT)
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()


@pytest.fixture
def second(qtbot, demo_db: Path, holder: subprocess.Popen[str], vietnamese: None) -> Iterator[MainWindow]:
    """The window of the second copy."""
    main_window = open_main_window(demo_db, today=DEMO_TODAY)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    yield main_window
    wait_for_jobs()
    left_open = [widget for widget in QApplication.topLevelWidgets()
                 if isinstance(widget, QDialog) and widget.isVisible()]
    for widget in left_open:
        widget.close()
    main_window.context.ward.close()
    assert not left_open, f"dialogs left open: {[widget.windowTitle() for widget in left_open]}"


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def show_error(_parent, error, _title=None) -> None:
        shown.append(error if isinstance(error, str) else error.localized())

    for module in ("ward_office.ui.widgets", "ward_office.ui.attendance.page", "ward_office.ui.checks.page",
                   "ward_office.ui.checks.start_dialog"):
        monkeypatch.setattr(f"{module}.show_error", show_error)
    return shown


def change_count(window: MainWindow) -> int:
    return window.context.ward.store.db.execute("SELECT count(*) FROM change_log").fetchone()[0]


def select_first_cells(page: AttendancePage) -> None:
    proxy = page.day_proxy
    page.grid.setCurrentIndex(proxy.index(0, DayGridModel.MORNING))
    selection = QItemSelection()
    for row in (0, 1):
        selection.select(proxy.index(row, DayGridModel.MORNING), proxy.index(row, DayGridModel.MORNING))
    page.grid.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    page.grid.setFocus()


def test_the_window_says_view_only_and_who_holds_the_book(second: MainWindow, holder) -> None:
    ward = second.context.ward
    assert ward.read_only and ward.busy is not None and ward.busy.holder.pid == holder.pid
    assert second.windowTitle().endswith(" (chỉ xem)")
    banner = second.read_only_banner
    assert banner.isVisible() and banner.retry_button.isVisible()
    text = banner.label.text()
    assert text.startswith("Chỉ xem: Sổ đang được mở để ghi bởi ")
    assert f"tiến trình {holder.pid}" in text and "không lưu được thay đổi" in text
    for page in second.pages:  # every page builds and shows the records
        second.show_page(type(page))
    assert untranslated(visible_texts(second)) == []


def test_marking_attendance_is_refused_with_the_reason(second: MainWindow, qtbot, errors: list[str]) -> None:
    page = second.show_page(AttendancePage)
    qtbot.waitUntil(page.isVisible)
    ward = second.context.ward
    before, logged = ward.store.attendance.for_day(DEMO_TODAY), change_count(second)
    select_first_cells(page)
    qtbot.keyClick(page.grid, Qt.Key.Key_V)
    qtbot.keyClick(page.grid, Qt.Key.Key_M)  # late: refused before the minutes are asked for
    assert page.dialog is None
    assert len(errors) == 2 and all(error.startswith(VIEW_ONLY) for error in errors)
    assert ward.store.attendance.for_day(DEMO_TODAY) == before and change_count(second) == logged
    assert page.undo_depth() == 0


def test_starting_a_check_round_is_refused_and_nothing_written(second: MainWindow, qtbot,
                                                                errors: list[str]) -> None:
    page = second.show_page(ChecksPage)
    qtbot.waitUntil(page.isVisible)
    ward = second.context.ward
    rounds, logged = len(ward.store.checks.list()), change_count(second)
    dialog = page.start_dialog()
    dialog.checker.setText("Trần Thị Hoa")
    dialog.kind.setCurrentIndex(dialog.kind.findData(CheckKind.BADGE))
    dialog.accept()
    assert dialog.isVisible() and dialog.started is None  # stays open, having written nothing
    dialog.reject()
    assert len(errors) == 1 and errors[0].startswith(VIEW_ONLY)
    assert len(ward.store.checks.list()) == rounds and change_count(second) == logged


def test_pages_that_add_records_offer_no_write_buttons(second: MainWindow, qtbot) -> None:
    staff = second.show_page(StaffPage)
    qtbot.waitUntil(staff.isVisible)
    assert not staff.add_button.isEnabled()
    events = second.show_page(EventsPage)
    qtbot.waitUntil(events.isVisible)
    assert not events.add_button.isEnabled()


def test_an_import_in_the_background_is_refused_naming_the_holder(second: MainWindow, qtbot, holder,
                                                                  tmp_path: Path) -> None:
    staff_list = tmp_path / "ds.csv"
    staff_list.write_text("Mã cán bộ,Họ và tên,Giới tính,Chức vụ,Bộ phận\nNV900,Lê Văn Tâm,Nam,Chuyên viên,"
                          "Văn phòng\n", encoding="utf-8")
    path, outcome = second.context.ward.path, {}
    run_in_background(second, "…", lambda: in_own_ward(path, lambda ward: imports.import_staff(ward, staff_list)),
                      lambda result: outcome.setdefault("done", result),
                      lambda error: outcome.setdefault("error", error))
    qtbot.waitUntil(lambda: bool(outcome))
    assert f"tiến trình {holder.pid}" in outcome["error"].localized()
    assert [person for person in second.context.ward.staff() if person.code == "NV900"] == []


def test_once_the_other_copy_is_gone_the_window_takes_the_book(second: MainWindow, qtbot, holder,
                                                               errors: list[str]) -> None:
    qtbot.mouseClick(second.read_only_banner.retry_button, Qt.MouseButton.LeftButton)
    assert second.context.ward.read_only  # still held: nothing changes
    assert second.statusBar().currentMessage() == "Sổ vẫn đang được mở để ghi ở một chương trình khác."

    holder.kill()  # a crash: the operating system frees the lock
    holder.wait()
    qtbot.mouseClick(second.read_only_banner.retry_button, Qt.MouseButton.LeftButton)
    ward = second.context.ward
    assert not ward.read_only and ward.busy is None
    assert not second.read_only_banner.isVisible() and "(chỉ xem)" not in second.windowTitle()

    page = second.show_page(AttendancePage)
    qtbot.waitUntil(page.isVisible)
    select_first_cells(page)
    qtbot.keyClick(page.grid, Qt.Key.Key_V)
    assert errors == []
    person = page.day_proxy.index(0, 0).data(RECORD_ROLE).staff
    record = ward.store.attendance.get(person.id, DEMO_TODAY, DayGridModel.SESSIONS[DayGridModel.MORNING])
    assert record is not None and record.status is AttendanceStatus.ABSENT


def test_the_first_window_writes_with_its_jobs_and_keeps_others_out(window: MainWindow, qtbot,
                                                                    tmp_path: Path) -> None:
    assert not window.read_only_banner.isVisible() and "(chỉ xem)" not in window.windowTitle()
    staff_list = tmp_path / "ds.csv"
    staff_list.write_text("Mã cán bộ,Họ và tên,Giới tính,Chức vụ,Bộ phận\nNV900,Lê Văn Tâm,Nam,Chuyên viên,"
                          "Văn phòng\n", encoding="utf-8")
    path, outcome = window.context.ward.path, {}
    clerk = window.context.ward.store.accounts.get_by_username("vanthu")  # imports write for an account only
    run_in_background(window, "…",
                      lambda: in_own_ward(path, lambda ward: imports.import_staff(ward, staff_list), account=clerk),
                      lambda result: outcome.setdefault("done", result),
                      lambda error: outcome.setdefault("error", error))
    qtbot.waitUntil(lambda: bool(outcome))
    wait_for_jobs()
    assert "done" in outcome, outcome
    assert [person.full_name for person in window.context.ward.staff() if person.code == "NV900"] == ["Lê Văn Tâm"]

    other = subprocess.run([sys.executable, "-m", "ward_office", "import-staff", "--db", str(path), str(staff_list),
                            "--user", "vanthu"], capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                           timeout=60,
                           env={**os.environ, "WARD_OFFICE_PASSWORD": DEMO_PASSWORD})
    assert other.returncode != 0 and "Sổ đang được mở để ghi bởi" in other.stderr


@pytest.mark.parametrize("width", [1280, 960])
def test_the_banner_reads_whole_at_any_width(second: MainWindow, qtbot, width: int) -> None:
    second.resize(width, 800)
    page = second.show_page(AttendancePage)
    qtbot.waitUntil(page.isVisible)
    qtbot.wait(50)
    label = second.read_only_banner.label
    assert label.height() >= label.heightForWidth(label.width())  # wrapped, not cut off
    button = second.read_only_banner.retry_button
    assert button.width() >= button.sizeHint().width()
    second.grab().save(f"/tmp/writer_read_only_{width}.png")


# ---- A book changed outside the program ----


def test_a_book_changed_outside_the_program_opens_to_view_only_under_a_red_strip(qtbot, demo_db: Path,
                                                                                 vietnamese: None) -> None:
    import sqlite3

    from ward_office.services.demo import DEMO_PASSWORD

    from ward_office.ui.shell.app import main_window_for, start_session
    from ward_office.ui.shell.sign_in import SignInDialog

    conn = sqlite3.connect(demo_db)
    conn.execute("DROP TRIGGER change_log_no_delete")
    conn.execute("DELETE FROM change_log WHERE id = 3")
    conn.commit()
    conn.close()

    def sign_in(dialog: QWidget) -> None:
        assert isinstance(dialog, SignInDialog)
        dialog.username_edit.setText("truong")
        dialog.password_edit.setText(DEMO_PASSWORD)
        dialog.ok_button().click()

    with driving(SignInDialog, sign_in):
        session = start_session(demo_db)
    assert session is not None
    ward, account = session
    assert ward.read_only and account is not None
    window = main_window_for(ward, account=account, today=DEMO_TODAY)
    qtbot.addWidget(window)
    window.show()
    banner = window.read_only_banner
    assert banner.isVisible() and banner.property("tampered") is True
    text = banner.label.text()
    assert text.startswith("Chỉ xem: Sổ này đã bị sửa đổi ngoài chương trình")
    assert "trước dòng 4" in text and "change_log_no_delete" in text
    assert not banner.retry_button.isVisible()
    assert untranslated(visible_texts(window)) == []
    wait_for_jobs()
    window.context.ward.close()


# ---- The head puts a book changed outside the program back into use ----


def tampered_window(qtbot, demo_db: Path, username: str) -> MainWindow:
    """The window on the demo book with a safeguard dropped and a day's attendance changed by raw SQL,
    signed in as ``username``."""
    import sqlite3

    from ward_office.services.book_check import open_checked_ward

    from ward_office.ui.shell.app import main_window_for

    conn = sqlite3.connect(demo_db)
    conn.execute("DROP TRIGGER attendance_locked_update")
    conn.execute("UPDATE attendance SET late_minutes = 0 WHERE day = (SELECT max(day) FROM attendance)")
    conn.commit()
    conn.close()
    ward = open_checked_ward(demo_db)
    account = ward.store.accounts.get_by_username(username)
    window = main_window_for(ward, account=account, today=DEMO_TODAY)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_clerk_sees_no_button_and_is_told_to_ask_the_head(qtbot, demo_db: Path, vietnamese: None) -> None:
    window = tampered_window(qtbot, demo_db, "vanthu")
    banner = window.read_only_banner
    assert banner.isVisible() and banner.property("tampered") is True
    assert not banner.accept_button.isVisible()
    assert "Đề nghị Lãnh đạo đăng nhập" in banner.label.text()
    window.grab().save("/tmp/accept_strip_clerk_1024.png")
    wait_for_jobs()
    window.context.ward.close()


def test_the_head_confirms_the_comparison_and_the_book_opens_for_writing(qtbot, demo_db: Path,
                                                                        vietnamese: None) -> None:
    from ward_office.ui.change_log.tamper_dialogs import AcceptFindingsDialog

    window = tampered_window(qtbot, demo_db, "truong")
    banner = window.read_only_banner
    assert banner.accept_button.isVisible() and banner.accept_button.text() == "&Xác nhận đã đối chiếu…"
    assert "Đề nghị Lãnh đạo" not in banner.label.text()
    window.grab().save("/tmp/accept_strip_1024.png")
    banner.accept_button.click()
    dialogs = [widget for widget in QApplication.topLevelWidgets()
               if isinstance(widget, AcceptFindingsDialog) and widget.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    texts = [dialog.findings.item(row).text() for row in range(dialog.findings.count())]
    assert any("attendance_locked_update" in text for text in texts), texts
    assert not dialog.ok_button().isEnabled()  # no reason yet
    dialog.reason_edit.setPlainText("Đã đối chiếu với bản sao lưu ngày 20/11/2026")
    assert untranslated(visible_texts(dialog)) == []
    dialog.grab().save("/tmp/accept_dialog.png")
    dialog.ok_button().click()
    assert wait_for_jobs()
    qtbot.waitUntil(lambda: not window.context.ward.read_only)
    ward = window.context.ward
    assert ward.account is not None and ward.account.username == "truong"
    assert not banner.isVisible()
    line = ward.store.change_log.list("book_check")[-1]
    assert line.detail["reason"] == "Đã đối chiếu với bản sao lưu ngày 20/11/2026"
    assert line.detail["recreated"] == ["attendance_locked_update"]
    assert "dùng lại" in window.statusBar().currentMessage()
    wait_for_jobs()
    ward.close()

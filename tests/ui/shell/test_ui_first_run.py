"""The first-run wizard: from an empty data folder, through every page, to a ready window signed in as the head."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from ui_helpers import DEMO_TODAY, driving, untranslated, visible_texts

from PySide6.QtWidgets import QWidget, QWizard

from ward_office import paths
from ward_office.services.first_run import is_new_book
from ward_office.services.ward import Ward

import ward_office.ui.widgets as widgets_module
from ward_office.ui.shell.app import main_window_for, start_session
from ward_office.ui.shell.first_run import FirstRunWizard
from ward_office.ui.widgets.jobs import wait_for_jobs

STAFF_CSV = (
    "STT,Mã cán bộ,Họ và tên,Giới tính,Chức vụ,Bộ phận,Mã chấm công\n"
    "1,CB001,Lê Minh Tuấn,Nam,Chủ tịch UBND,Lãnh đạo UBND,11\n"
    "2,CB002,Nguyễn Thị Hoa,Nữ,Văn thư,Văn phòng HĐND và UBND,12\n"
    "3,CB003,Trần Quốc Việt,Nam,Công chức Địa chính,Phòng Kinh tế - Hạ tầng và Đô thị,13\n"
    "4,,,,,,\n"
)


@pytest.fixture
def staff_csv(tmp_path: Path) -> Path:
    path = tmp_path / "danh-sach.csv"
    path.write_text(STAFF_CSV, encoding="utf-8")
    return path


@pytest.fixture
def wizard(qtbot, tmp_path: Path, vietnamese: None):
    created = FirstRunWizard(tmp_path / "data" / "ward_office.db", today=lambda: DEMO_TODAY)
    created.show()
    qtbot.waitExposed(created)
    yield created
    wait_for_jobs()
    created.done(0)  # not qtbot.addWidget: closing it would ask whether to stop setting up
    created.deleteLater()


def fill_ward(wizard: FirstRunWizard) -> None:
    tab = wizard.ward_page.tab
    tab.name_edit.setText("Ủy ban nhân dân phường Tân An")
    tab.authority_edit.setText("UBND thành phố Cần Thơ")
    tab.address_edit.setText("Số 1 đường Hòa Bình, phường Tân An")
    tab.place_edit.setText("Tân An")


def wait_for_the_preview(qtbot, wizard: FirstRunWizard) -> None:
    """Until the staff file's counts are on screen: the rows of the counts are shown on the event loop's next
    turn after the check ends (a widget added to a shown layout is shown by a queued call), so waiting for
    ``isComplete`` alone may read the page before they are."""
    def preview_shown() -> None:
        assert wizard.staff_page.isComplete()
        counts = " ".join(text for _where, text in visible_texts(wizard.staff_page))
        assert "Số người trong danh sách" in counts and "Lãnh đạo UBND" in counts, counts

    qtbot.waitUntil(preview_shown, timeout=15_000)


def go_through(qtbot, wizard: FirstRunWizard, staff_file: Path | None) -> None:
    """Every page, set and left with Next; Finish on the last one."""
    fill_ward(wizard)
    wizard.next()
    assert wizard.currentPage() is wizard.people_page
    people = wizard.people_page.tab
    people.head_title_edit.setCurrentText("Chủ tịch")
    people.head_name_edit.setText("Lê Minh Tuấn")
    people.preparer_edit.setText("Nguyễn Thị Hoa")
    wizard.next()
    assert wizard.currentPage() is wizard.hours_page
    hours = wizard.hours_page.tab
    hours.grace_edit.setValue(10)
    hours.day_boxes[5].setChecked(True)  # Saturday mornings at the one-stop desk
    wizard.next()
    assert wizard.currentPage() is wizard.staff_page
    if staff_file is not None:
        wizard.staff_page.set_file(staff_file)
        wait_for_the_preview(qtbot, wizard)
        counts = " ".join(text for _where, text in visible_texts(wizard.staff_page))
        assert "3" in counts and "Lãnh đạo UBND" in counts
    wizard.next()
    assert wizard.currentPage() is wizard.plan_page
    wizard.plan_page.choose("ABC")
    wizard.next()
    assert wizard.currentPage() is wizard.head_page
    head = wizard.head_page
    assert head.full_name_edit.text() == "Lê Minh Tuấn"  # from the signatories
    head.username_edit.setText("chutich")
    head.password_edit.setText("tanan-2026")
    head.repeat_edit.setText("tanan-2026")
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_from_an_empty_data_folder_to_a_ready_window(qtbot, tmp_path: Path, staff_csv: Path, vietnamese: None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    path = paths.default_database_path()
    assert not path.parent.exists()
    seen: list[FirstRunWizard] = []

    def drive(wizard: QWidget) -> None:
        assert isinstance(wizard, FirstRunWizard)
        seen.append(wizard)
        assert not untranslated(visible_texts(wizard))
        go_through(qtbot, wizard, staff_csv)

    with driving(FirstRunWizard, drive):
        session = start_session(path)  # the wizard runs here, driven from the event loop
    assert session is not None and seen
    ward, account = session
    assert account is not None and account.username == "chutich"
    assert not seen[0].isVisible()

    window = main_window_for(ward, today=DEMO_TODAY, account=account)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        ward = window.context.ward
        assert ward.account is not None and ward.account.full_name == "Lê Minh Tuấn"
        assert "Lê Minh Tuấn" in " ".join(text for _where, text in visible_texts(window.statusBar()))
        unit = ward.unit()
        assert (unit.name, unit.authority, unit.place_name, unit.head_title, unit.head_name, unit.preparer_name) == (
            "Ủy ban nhân dân phường Tân An", "UBND thành phố Cần Thơ", "Tân An", "Chủ tịch", "Lê Minh Tuấn",
            "Nguyễn Thị Hoa")
        schedule = ward.store.schedule.get()
        assert schedule.grace_minutes == 10 and 5 in schedule.work_weekdays
        assert ward.plan_on(date(2026, 6, 1)).code == "ABC"
        staff = ward.staff()
        assert sorted(person.code for person in staff) == ["CB001", "CB002", "CB003"]
        assert "Lãnh đạo UBND" in ward.department_names().values()
        assert [(a.username, a.role.value) for a in ward.store.accounts.list()] == [("chutich", "head")]
        assert not is_new_book(path)
    finally:
        wait_for_jobs()
        window.close()
        window.context.ward.close()


def test_start_with_an_empty_list_and_the_default_plan(qtbot, wizard: FirstRunWizard) -> None:
    fill_ward(wizard)
    for _step in range(3):
        wizard.next()
    assert wizard.currentPage() is wizard.staff_page and wizard.staff_page.empty_choice.isChecked()
    wizard.next()
    wizard.next()
    head = wizard.head_page
    head.username_edit.setText("truong")
    head.full_name_edit.setText("Phạm Văn Long")
    head.password_edit.setText("long-123456")
    head.repeat_edit.setText("long-123456")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == 1 and wizard.account is not None
    with Ward.open(wizard.path) as ward:
        assert ward.staff() == [] and ward.plan_on(date(2026, 6, 1)).code == "VHCS"
        assert ward.store.accounts.count() == 1


def test_every_page_is_vietnamese(qtbot, wizard: FirstRunWizard, staff_csv: Path, tmp_path: Path) -> None:
    fill_ward(wizard)
    for number in range(6):
        page = wizard.currentPage()
        if page is wizard.staff_page:
            wizard.staff_page.set_file(staff_csv)
            wait_for_the_preview(qtbot, wizard)
        assert not untranslated(visible_texts(wizard)), f"page {number + 1}"
        wizard.grab().save(str(tmp_path / f"firstrun_{number + 1}.png"))
        wizard.next()


def test_bad_input_blocks_next_with_a_vietnamese_message(qtbot, wizard: FirstRunWizard) -> None:
    wizard.ward_page.tab.name_edit.clear()
    wizard.next()
    assert wizard.currentPage() is wizard.ward_page
    assert wizard.ward_page.error_label.isVisible()
    assert wizard.ward_page.error_label.text() == "Hãy nhập tên đơn vị"  # save_unit's own message
    wizard.ward_page.tab.name_edit.setText("Ủy ban nhân dân phường")  # the default, without the ward's name
    wizard.next()
    assert wizard.currentPage() is wizard.ward_page and "Tân An" in wizard.ward_page.error_label.text()
    fill_ward(wizard)
    wizard.next()
    assert wizard.currentPage() is wizard.people_page and not wizard.ward_page.error_label.isVisible()
    wizard.people_page.tab.head_title_edit.setCurrentText("")
    wizard.next()
    assert wizard.currentPage() is wizard.people_page and wizard.people_page.error_label.isVisible()
    wizard.people_page.tab.head_title_edit.setCurrentText("Chủ tịch")
    wizard.next()
    hours = wizard.hours_page.tab
    for box in hours.day_boxes:
        box.setChecked(False)
    wizard.next()
    assert wizard.currentPage() is wizard.hours_page
    assert "ngày làm việc" in wizard.hours_page.error_label.text()
    hours.day_boxes[0].setChecked(True)
    for _step in range(3):
        wizard.next()
    head = wizard.head_page
    assert wizard.currentPage() is head
    head.username_edit.setText("chutich")
    head.full_name_edit.setText("Lê Minh Tuấn")
    head.password_edit.setText("tanan-2026")
    head.repeat_edit.setText("tanan-2025")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.isVisible() and wizard.account is None
    assert head.error_label.text() == "Hai mật khẩu vừa nhập không khớp nhau"
    assert not untranslated([("error", head.error_label.text())])
    assert not wizard.path.exists()  # nothing written
    head.password_edit.setText("abc")
    head.repeat_edit.setText("abc")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.isVisible() and "ít nhất 8" in head.error_label.text() and not wizard.path.exists()
    head.password_edit.setText("password1")  # long enough, and among the most common ones
    head.repeat_edit.setText("password1")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.isVisible() and "quá phổ biến" in head.error_label.text() and not wizard.path.exists()


def test_a_bad_staff_file_keeps_next_disabled(qtbot, wizard: FirstRunWizard, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Mã cán bộ,Họ và tên,Giới tính,Chức vụ,Bộ phận\nCB1,Lê Văn A,Không rõ,Văn thư,Văn phòng\n",
                   encoding="utf-8")
    fill_ward(wizard)
    for _step in range(3):
        wizard.next()
    page = wizard.staff_page
    page.set_file(bad)
    qtbot.waitUntil(lambda: page.job is not None and not page.job.running, timeout=15_000)
    assert not page.isComplete() and not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "Không rõ" in page.headline.text() and not untranslated([("headline", page.headline.text())])
    page.empty_choice.setChecked(True)
    assert page.isComplete()


def test_the_template_can_be_saved(qtbot, wizard: FirstRunWizard, tmp_path: Path, qtmodeltester) -> None:
    target = wizard.staff_page.save_template(tmp_path / "mau.xlsx")
    assert target is not None and target.stat().st_size > 0
    qtmodeltester.check(wizard.staff_page.skipped_model)


def test_cancel_writes_nothing(qtbot, wizard: FirstRunWizard, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(widgets_module, "confirm", lambda _parent, text, title=None: asked.append(text) or True)
    fill_ward(wizard)
    wizard.next()
    wizard.next()
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert asked and not wizard.isVisible() and wizard.account is None
    assert not wizard.path.exists() and not wizard.path.parent.exists()


def test_an_empty_existing_book_is_set_up_and_a_used_one_is_not(qtbot, tmp_path: Path, demo_db: Path) -> None:
    empty = tmp_path / "empty.db"
    Ward.open(empty).close()
    assert is_new_book(empty) and is_new_book(tmp_path / "none.db")
    assert not is_new_book(demo_db)

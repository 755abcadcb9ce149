"""The staff page on the demo ward: search without accents, the three orders, and keeping the list."""

from __future__ import annotations

from datetime import date

import pytest
from ui_helpers import untranslated, visible_texts

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from ward_office.core.staff import Gender, StaffCategory, position_rank
from ward_office.i18n.text import name_sort_key

from ward_office.ui import widgets
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.staff.dialogs import StaffDialog
from ward_office.ui.staff.page import SORT_BY_NAME, SORT_BY_POSITION, SORT_BY_SCORE, StaffPage
from ward_office.ui.widgets import to_qdate

DEMO_TODAY = date(2026, 11, 20)  # the window fixture's today (conftest is not importable by name in a full run)


@pytest.fixture
def page(window: MainWindow, qtbot) -> StaffPage:
    assert window.context.today() == DEMO_TODAY
    shown = window.show_page(StaffPage)
    qtbot.waitUntil(shown.isVisible)
    assert isinstance(shown, StaffPage)
    return shown


def names(page: StaffPage) -> list[str]:
    return [row.staff.full_name for row in page.visible_rows()]


def choose_sort(page: StaffPage, key: str) -> None:
    page.sort_choice.setCurrentIndex(page.sort_choice.findData(key))


def ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def stored(page: StaffPage, code: str):
    return page.ward.store.staff.by_code(code)


def fill(dialog: StaffDialog, code: str, name: str, position: str = "Chuyên viên") -> None:
    dialog.code.setText(code)
    dialog.full_name.setText(name)
    dialog.gender.setCurrentIndex(dialog.gender.findData(Gender.FEMALE))
    dialog.position.setCurrentText(position)
    dialog.category.setCurrentIndex(dialog.category.findData(StaffCategory.VIEN_CHUC))
    dialog.department.setCurrentIndex(2)
    dialog.badge_number.setText(f"T{code}")
    dialog.clock_id.setText("901")


def test_lists_everyone_working_with_vietnamese_cells(page: StaffPage) -> None:
    assert len(names(page)) == len(page.ward.staff(active_on=DEMO_TODAY)) == 30
    cells = [page.proxy.index(0, column).data() for column in range(page.proxy.columnCount())]
    assert cells[:6] == ["CB001", "Trần Hồng Thảo", "Nữ", "Chủ tịch UBND", "Văn phòng HĐND-UBND", "Cán bộ"]
    assert cells[-1] == "Đang công tác"
    assert "," in cells[8]  # a Vietnamese decimal score such as "96,6"


def test_search_ignores_accents_and_case(page: StaffPage) -> None:
    page.search.setText("nguyen thanh")
    assert sorted(names(page)) == ["Nguyễn Thanh Dung", "Nguyễn Thanh Yến"]
    page.search.setText("NGUYỄN   hồng  HUONG")
    assert names(page) == ["Nguyễn Hồng Hương"]
    page.search.setText("chu tich")  # the position column is searched too
    assert sorted(names(page)) == ["Phan Công Vinh", "Phạm Thanh Khánh", "Trần Hồng Thảo"]
    page.search.clear()
    assert len(names(page)) == 30


def test_department_filter(page: StaffPage) -> None:
    department = page.ward.departments()[3]
    page.department_filter.setCurrentIndex(page.department_filter.findData(department.id))
    expected = {person.full_name for person in page.ward.staff() if person.department_id == department.id}
    assert expected and set(names(page)) == expected


def test_position_order_puts_the_chairman_first(page: StaffPage) -> None:
    choose_sort(page, SORT_BY_NAME)
    choose_sort(page, SORT_BY_POSITION)
    rows = page.visible_rows()
    assert rows[0].staff.position == "Chủ tịch UBND"
    assert [row.staff.position for row in rows[1:3]] == ["Phó Chủ tịch UBND"] * 2
    keys = [(position_rank(row.staff.position), name_sort_key(row.staff.full_name)) for row in rows]
    assert keys == sorted(keys)


def test_name_order_is_given_name_first(page: StaffPage) -> None:
    choose_sort(page, SORT_BY_NAME)
    shown = names(page)
    assert shown == sorted(shown, key=name_sort_key)
    assert shown[:2] == ["Đỗ Thị Anh", "Nguyễn Thu Anh"]  # by given name, then family and middle names
    assert shown.index("Dương Kim Ánh") < shown.index("Bùi Quốc Dũng")


def test_score_order_is_highest_first(page: StaffPage) -> None:
    choose_sort(page, SORT_BY_SCORE)
    scores = [row.score for row in page.visible_rows()]
    assert None not in scores
    assert scores == sorted(scores, reverse=True)


def test_header_click_sorts_and_updates_the_order_box(page: StaffPage, qtbot) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert page.sort_choice.currentData() == SORT_BY_NAME
    assert names(page) == sorted(names(page), key=name_sort_key)


def test_add_through_the_dialog_writes_the_person(page: StaffPage) -> None:
    dialog = page.add_dialog()
    assert dialog.isVisible()
    fill(dialog, "CB031", "Hoàng Thị Mơ")
    ok(dialog)
    assert not dialog.isVisible()
    person = stored(page, "CB031")
    assert person is not None
    assert (person.full_name, person.gender, person.category, person.badge_number, person.clock_id,
            person.active_from, person.active_to) == (
        "Hoàng Thị Mơ", Gender.FEMALE, StaffCategory.VIEN_CHUC, "TCB031", "901", DEMO_TODAY, None)
    assert person.department_id == page.ward.departments()[1].id
    assert page.selected().staff.code == "CB031"
    assert len(names(page)) == 31


def test_duplicate_code_is_refused_in_the_dialog_and_nothing_written(page: StaffPage) -> None:
    before = page.ward.staff()
    dialog = page.add_dialog()
    fill(dialog, "CB001", "Hoàng Thị Mơ")
    ok(dialog)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Mã cán bộ “CB001” đã được cấp cho Trần Hồng Thảo"
    assert page.ward.staff() == before
    dialog.code.setText("")
    ok(dialog)
    assert dialog.error.text() == "Hãy nhập mã cán bộ"
    dialog.reject()


def test_edit_with_enter_key(page: StaffPage, qtbot) -> None:
    page.select_staff(stored(page, "CB013").id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = next(child for child in page.findChildren(StaffDialog) if child.isVisible())
    assert dialog.code.text() == "CB013" and dialog.full_name.text() == "Lê Văn Tuấn"
    dialog.position.setCurrentText("Phó Trưởng phòng")
    dialog.active_to.set_value(date(2026, 12, 31))
    ok(dialog)
    person = stored(page, "CB013")
    assert (person.position, person.active_to) == ("Phó Trưởng phòng", date(2026, 12, 31))
    assert page.selected().staff.code == "CB013"
    assert page.proxy.index(page.table.currentIndex().row(), 9).data() == "Công tác đến hết 31/12/2026"


def test_someone_with_records_leaves_and_cannot_be_deleted(page: StaffPage, monkeypatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(widgets, "show_error", lambda _parent, error, title=None: errors.append(error.localized()))
    monkeypatch.setattr(widgets, "confirm", lambda *_args, **_kwargs: pytest.fail("must not ask"))
    person = stored(page, "CB010")
    page.select_staff(person.id)
    assert page.leave_button.text() == "Thôi &công tác…"
    assert not page.delete_button.isEnabled()

    dialog = page.leave_dialog()
    dialog.last_day.setDate(to_qdate(date(2026, 1, 5)))  # records follow: refused in the dialog
    ok(dialog)
    assert dialog.isVisible() and "sau ngày làm việc cuối cùng" in dialog.error.text()
    assert stored(page, "CB010").active_to is None
    dialog.last_day.setDate(to_qdate(DEMO_TODAY))
    ok(dialog)
    assert not dialog.isVisible()
    assert stored(page, "CB010").active_to == DEMO_TODAY
    assert page.selected().staff.code == "CB010"
    assert page.leave_button.text() == "T&rở lại công tác"

    page.delete_selected()
    assert len(errors) == 1 and "không thể xóa" in errors[0]
    assert stored(page, "CB010") is not None

    page.leave_button.click()  # back to work
    assert stored(page, "CB010").active_to is None


def test_former_staff_are_hidden_until_asked_for(page: StaffPage) -> None:
    dialog = page.add_dialog()
    fill(dialog, "CB031", "Hoàng Thị Mơ")
    dialog.active_from.set_value(date(2026, 1, 1))
    dialog.active_to.set_value(date(2026, 6, 30))
    ok(dialog)
    assert page.show_former.isChecked()  # turned on so the new person can be seen and selected
    assert page.selected().staff.code == "CB031"
    assert page.proxy.index(page.table.currentIndex().row(), 9).data() == "Đã nghỉ việc (làm việc đến hết 30/06/2026)"
    page.show_former.setChecked(False)
    assert "Hoàng Thị Mơ" not in names(page)
    assert page.summary.text().startswith("30 người đang công tác, 1 người đã nghỉ")


def test_a_person_entered_by_mistake_is_deleted(page: StaffPage, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(widgets, "confirm", lambda _parent, text, title=None: asked.append(text) or True)
    dialog = page.add_dialog()
    fill(dialog, "CB099", "Hoàng Thị Mơ")
    ok(dialog)
    assert page.delete_button.isEnabled()
    page.delete_button.click()
    assert asked == ["Xóa Hoàng Thị Mơ (CB099) khỏi danh sách cán bộ?"]
    assert stored(page, "CB099") is None
    assert len(names(page)) == 30


def test_new_department_from_the_dialog(page: StaffPage) -> None:
    dialog = page.add_dialog()
    department_dialog = dialog.open_department_dialog()
    department_dialog.name.setText("phong van hoa - xa hoi")
    ok(department_dialog)
    assert department_dialog.isVisible() and department_dialog.error.text()
    department_dialog.name.setText("Ban Chỉ huy Quân sự")
    ok(department_dialog)
    assert not department_dialog.isVisible()
    assert dialog.department.currentText() == "Ban Chỉ huy Quân sự"
    assert page.ward.departments()[-1].name == "Ban Chỉ huy Quân sự"
    dialog.reject()


def test_models_are_sound(page: StaffPage, qtmodeltester) -> None:
    qtmodeltester.check(page.model)
    page.search.setText("van")
    qtmodeltester.check(page.proxy)


def test_page_and_dialogs_show_no_english(window: MainWindow, page: StaffPage) -> None:
    page.select_staff(stored(page, "CB001").id)
    problems = untranslated(visible_texts(window))
    dialog = page.edit_dialog()
    problems += untranslated(visible_texts(dialog))
    department_dialog = dialog.open_department_dialog()
    problems += untranslated(visible_texts(department_dialog))
    department_dialog.reject()
    dialog.reject()
    leave = page.leave_dialog()
    problems += untranslated(visible_texts(leave))
    leave.reject()
    assert problems == []
    assert dialog.windowTitle() == "Sửa thông tin cán bộ"

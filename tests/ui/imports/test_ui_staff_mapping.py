"""The import wizard on a ward's own staff sheet, driven as the clerk drives it: a sheet whose columns the usual
names do not find gets the mapping step (the columns they do find already chosen), the preview lists who each
row is and the codes the import gives, and the next sheet with these columns comes back with its mapping; a
sheet the usual names read goes straight to the preview."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from test_ui_import_wizard import finish, go, no_english, open_wizard, settle, shot

from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.services.ward import Ward

from ward_office.ui.imports.wizard import DONE, MAPPING, PREVIEW, ImportKind, ImportWizard
from ward_office.ui.shell.app import open_main_window
from ward_office.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path: Path, vietnamese: None) -> Iterator[MainWindow]:
    """A book without accounts (so nobody signs in) holding two people."""
    book = tmp_path / "so.db"
    with Ward.open(book, actor="vanthu") as ward:
        for code, name, clock in (("CB001", "Lê Văn An", "1"), ("CB002", "Trần Thị Bình", "2")):
            ward.store.staff.add(Staff(code, name, Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC,
                                       clock_id=clock), "vanthu")
    main_window = open_main_window(book, today=date(2026, 3, 31))
    qtbot.addWidget(main_window)
    main_window.resize(1024, 768)
    main_window.show()
    qtbot.waitExposed(main_window)
    yield main_window
    from conftest import _finish

    _finish(main_window)


@pytest.fixture
def wizard(window: MainWindow, qtbot) -> Iterator[ImportWizard]:
    dialog = open_wizard(window, qtbot)
    yield dialog
    finish(dialog, qtbot)


def sheet(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    workbook.active.append(["ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ"])
    workbook.active.append(["DANH SÁCH TỔ MỘT CỬA"])
    workbook.active.merge_cells("A1:F1")
    workbook.active.merge_cells("A2:F2")
    for row in [["TT", "Cán bộ", "Nhiệm vụ", "Tổ", "Mã chấm công", "Ghi chú"], *rows]:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_a_sheet_with_unknown_columns_is_mapped_once(window: MainWindow, wizard: ImportWizard, qtbot,
                                                     tmp_path: Path, qtmodeltester) -> None:
    first = sheet(tmp_path / "to-mot-cua.xlsx", [[1, "Lê Văn An", "Chuyên viên", "Tổ một cửa", 1, ""],
                                                  [2, "Đỗ Thị Hằng", "Văn thư", "Tổ một cửa", 7, "mới"]])
    wizard.resize(1024, 768)
    go(wizard, ImportKind.STAFF, first, qtbot)
    panel = wizard.mapping_page.staff_panel
    assert wizard.step == MAPPING and "Bước 2/4" in wizard.currentPage().title()
    assert "danh sách" in wizard.currentPage().title()
    assert panel.isVisible() and not wizard.mapping.isVisible()
    assert panel.fields["clock_id"].currentData() == "Mã chấm công"  # found by its usual name
    assert panel.fields["full_name"].currentData() == ""
    assert not wizard.next_button.isEnabled() and "“Họ và tên”" in panel.missing.text()
    assert panel.sample_model.records()[1][:4] == ("2", "Đỗ Thị Hằng", "Văn thư", "Tổ một cửa")
    qtmodeltester.check(panel.sample_model)
    no_english(wizard, first.name, first.stem)
    shot(wizard, "staff_2_mapping_new")
    for field, header in (("full_name", "Cán bộ"), ("position", "Nhiệm vụ"), ("department", "Tổ")):
        panel.fields[field].setCurrentIndex(panel.fields[field].findData(header))
    panel.fields["code"].setCurrentIndex(panel.fields["code"].findData("Tổ"))
    assert not wizard.next_button.isEnabled() and "“Tổ”" in panel.missing.text()  # one column, two fields
    panel.fields["code"].setCurrentIndex(0)
    panel.name.setText("Tổ một cửa")
    assert wizard.next_button.isEnabled() and not panel.missing.text()
    shot(wizard, "staff_2_mapping_filled")
    wizard.next_button.click()
    settle(wizard, qtbot)
    assert wizard.step == PREVIEW and wizard.refusal is None, wizard.refusal
    people = wizard.preview_page.people_model.records()
    assert [(p.line, p.code, p.matched_by.value, p.change.value) for p in people] == [
        (4, "CB001", "clock_id", "updated"), (5, "CB003", "new", "added")]
    texts = [wizard.preview_page.people_model.index(1, column).data() for column in range(5)]
    assert texts == ["5", "CB003 (do chương trình cấp)", "Đỗ Thị Hằng ⚠", "Tổ một cửa", "thêm mới (người mới)"]
    assert wizard.preview_page.people_model.index(0, 4).data() == "cập nhật, nhận ra theo mã chấm công"
    qtmodeltester.check(wizard.preview_page.people_model)
    no_english(wizard, first.name)
    shot(wizard, "staff_3_preview")
    wizard.import_button.click()
    settle(wizard, qtbot)
    assert wizard.step == DONE
    store = window.context.ward.store
    assert store.staff.by_code("CB003").full_name == "Đỗ Thị Hằng"
    assert store.staff.by_code("CB003").gender is Gender.FEMALE
    wizard.close_button.click()

    # Next month's sheet from the same desk: the mapping step comes back filled in, the clerk only goes on.
    second = sheet(tmp_path / "thang-4.xlsx", [[1, "Đỗ Thị Hằng", "Văn thư", "Tổ một cửa", 7, ""]])
    again = open_wizard(window, qtbot)
    try:
        go(again, ImportKind.STAFF, second, qtbot)
        remembered = again.mapping_page.staff_panel
        assert again.step == MAPPING and "Tổ một cửa" in remembered.hint.text()
        assert remembered.fields["full_name"].currentData() == "Cán bộ" and again.next_button.isEnabled()
        again.next_button.click()
        settle(again, qtbot)
        assert [(p.code, p.matched_by.value) for p in again.preview.people] == [("CB003", "clock_id")]
    finally:
        finish(again, qtbot)


def test_a_sheet_the_usual_names_read_goes_straight_to_the_preview(wizard: ImportWizard, qtbot,
                                                                  tmp_path: Path) -> None:
    workbook = Workbook()
    for row in (["Họ và tên", "Chức danh", "Phòng ban"], ["Ngô Thị Lan", "Kế toán", "Văn phòng"]):
        workbook.active.append(row)
    path = tmp_path / "ds.xlsx"
    workbook.save(path)
    go(wizard, ImportKind.STAFF, path, qtbot)
    assert wizard.step == PREVIEW and "Bước 2/3" in wizard.currentPage().title()
    assert [(p.code, p.code_generated) for p in wizard.preview.people] == [("CB003", True)]

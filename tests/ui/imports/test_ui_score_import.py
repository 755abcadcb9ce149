"""The import wizard for a month's entered points, driven as the head drives it: choose the kind and the month,
save the month's template, fill it in, check the trial run, import; a file with mistakes lists them and
changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_ui_import_wizard import finish, go, no_english, open_wizard, settle, shot

from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.services.entered_scores import entry_sheet
from ward_office.services.ward import Ward

from ward_office.ui.imports.wizard import CHOOSE, DONE, PREVIEW, ImportKind, ImportWizard
from ward_office.ui.shell.app import open_main_window
from ward_office.ui.shell.main_window import MainWindow

MARCH = date(2026, 3, 1)
# The culture block counted from the record, the task block (70 points) entered as a whole: its item is "NV".
PLAN = """\
[plan]
code = "NV70"
name = "Văn hóa công sở và kết quả nhiệm vụ"
version = 1
effective_from = 2026-01-01
base_score = 100

[[blocks]]
code = "VH"
name = "Văn hóa công sở"
maximum = 30

[[blocks.criteria]]
code = "VH1"
name = "Không đeo thẻ"
points = -2

[[blocks]]
code = "NV"
name = "Kết quả thực hiện nhiệm vụ"
entered = true
maximum = 70

[[grades]]
code = "A"
name = "Hoàn thành xuất sắc nhiệm vụ"
min_score = 90

[[grades]]
code = "C"
name = "Hoàn thành nhiệm vụ"
min_score = 0
"""


@pytest.fixture
def window(qtbot, tmp_path: Path, vietnamese: None) -> Iterator[MainWindow]:
    """A book without accounts (so nobody signs in) holding three people and the plan above."""
    book = tmp_path / "so.db"
    with Ward.open(book, actor="truong") as ward:
        ward.store.plans.adopt(PLAN, "truong")
        for code, name in (("CB001", "Lê Văn An"), ("CB002", "Trần Thị Bình"), ("CB003", "Phạm Văn Cường")):
            ward.store.staff.add(Staff(code, name, Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC), "truong")
    main_window = open_main_window(book, today=date(2026, 3, 31))
    qtbot.addWidget(main_window)
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


def test_the_months_template_filled_in_is_previewed_then_imported(window: MainWindow, wizard: ImportWizard, qtbot,
                                                                  tmp_path: Path) -> None:
    chooser = wizard.choose_page
    assert not chooser.month_field.isVisible()
    chooser.set_kind(ImportKind.SCORES)
    assert chooser.month_field.isVisible() and chooser.template_button.isVisible()
    assert chooser.month() == MARCH  # the window's today
    template = tmp_path / "điểm tháng 3.xlsx"
    assert chooser.save_template(template) is not None
    settle(wizard, qtbot)
    assert str(template) in chooser.template_note.text()
    shot(wizard, "scores_choose")
    no_english(wizard, template.name)
    workbook = load_workbook(template)
    sheet = workbook.active
    header = next(row[0].row for row in sheet.iter_rows() if row[0].value == "STT")
    assert sheet.cell(header, 5).value == "NV\nKết quả thực hiện nhiệm vụ\n(tối đa 70)"
    sheet.cell(header + 1, 5).value, sheet.cell(header + 3, 5).value = 65, "52,5"
    workbook.save(template)

    go(wizard, ImportKind.SCORES, template, qtbot)
    assert wizard.step == PREVIEW and wizard.refusal is None
    counts = wizard.preview_page.counts
    shown = {counts.itemAt(row, counts.ItemRole.LabelRole).widget().text():
             counts.itemAt(row, counts.ItemRole.FieldRole).widget().text() for row in range(counts.rowCount())}
    assert shown["Tháng:"] == "Tháng 3/2026" and shown["Số người đã đọc:"] == "3"
    assert shown["Điểm sẽ nhập:"] == "2 điểm mới, sửa 0; giữ nguyên 0"
    assert shown["Để trống, giữ nguyên:"] == "1"
    shot(wizard, "scores_preview")
    no_english(wizard, template.name)
    wizard.import_button.click()
    settle(wizard, qtbot)
    assert wizard.step == DONE
    assert "Đã ghi: nhập 2 điểm" in wizard.done_page.done_text.text()
    scores = entry_sheet(window.context.ward, MARCH).scores
    assert {(score.staff_id, score.points) for score in scores.values()} == {(1, Fraction(65)), (3, Fraction(105, 2))}


def test_a_file_with_mistakes_lists_them_and_changes_nothing(window: MainWindow, wizard: ImportWizard, qtbot,
                                                             tmp_path: Path) -> None:
    wizard.choose_page.set_kind(ImportKind.SCORES)
    file = tmp_path / "diem.csv"
    file.write_text("Mã,NV\nCB001,71\nCB009,20\nCB002,bảy mươi\n", encoding="utf-8")
    go(wizard, ImportKind.SCORES, file, qtbot)
    assert wizard.step == PREVIEW and wizard.refusal is not None
    assert wizard.preview_page.problems_model.rowCount() == 3
    assert not wizard.import_button.isEnabled()
    shot(wizard, "scores_refused")
    assert entry_sheet(window.context.ward, MARCH).scores == {}
    wizard.back()
    assert wizard.step == CHOOSE

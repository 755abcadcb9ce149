"""The citizens' satisfaction page on the golden five-person ward (tests/services/test_citizens_golden.py), whose
March 2026 was worked out by hand:

- An: device 40 ratings, 38 satisfied → 95 %; Bình: device 20 (16 satisfied) + tally 5 (1) → 17/25 = 68 %, and one
  "not satisfied" on 1 April, under the plan's minimum of 10 → "–"; Chi: 5 + tally 6 → 11/11 = 100 %; Dũng: 0/10,
  not subject to the rate rule (greyed); Em: 11/12 = 91,7 %.
- The ward in the first quarter: 98 ratings, 77 satisfied → 78,6 %. Departments: the office (Chi, Dũng) 11/21 =
  52,4 %, the one-stop counter (An, Bình, Em) 66/77 = 85,7 %.
- Five praise and complaints received in March, none answered: all five open.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from citizens_ui_book import CLERK, TODAY, build_book

from PySide6.QtCore import Qt

from ward_office.core.citizens import Verification
from ward_office.core.period import half_year, quarter

from ward_office.ui import widgets
from ward_office.ui.citizens.dialogs import TallyDialog, VerifyFeedbackDialog
from ward_office.ui.citizens.page import CitizensPage
from ward_office.ui.shell.app import open_main_window
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.widgets import MUTED


@pytest.fixture(scope="module")
def book_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("citizens_ui") / "ward.db"
    build_book(path)
    return path


@pytest.fixture
def page(qtbot, book_template: Path, tmp_path: Path, vietnamese: None) -> Iterator[CitizensPage]:
    path = tmp_path / "ward.db"
    shutil.copyfile(book_template, path)
    window: MainWindow = open_main_window(path, today=TODAY)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    shown = window.show_page(CitizensPage)
    assert isinstance(shown, CitizensPage)
    shown.picker.set_period(quarter(2026, 1))
    yield shown
    window.context.ward.close()


def _rows(page: CitizensPage, column: int) -> dict[str, str]:
    proxy = page.people_proxy
    return {proxy.index(row, 0).data(): proxy.index(row, column).data() for row in range(proxy.rowCount())}


def test_each_persons_rate_by_month_and_the_whole_period(page: CitizensPage) -> None:
    model = page.people_model
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    assert headers == ["Họ và tên", "Bộ phận", "1/2026", "2/2026", "3/2026", "Cả kỳ", "Số lượt", "Khen", "Phản ánh"]
    assert _rows(page, 4) == {"Lê Văn An": "95%", "Trần Thị Bình": "68%", "Phạm Thị Chi": "100%",
                              "Hoàng Văn Dũng": "0%", "Ngô Thị Em": "91,7%"}
    assert _rows(page, 2) == dict.fromkeys(_rows(page, 4), "")  # January: no rating
    assert _rows(page, 6)["Trần Thị Bình"] == "25"
    assert (_rows(page, 7)["Lê Văn An"], _rows(page, 8)["Trần Thị Bình"], _rows(page, 8)["Hoàng Văn Dũng"]) == (
        "1", "1", "1")
    greyed = {page.people_proxy.index(row, 0).data() for row in range(page.people_proxy.rowCount())
              if page.people_proxy.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None}
    assert greyed == {"Hoàng Văn Dũng"}
    dung = next(row for row in range(page.people_proxy.rowCount())
                if page.people_proxy.index(row, 0).data() == "Hoàng Văn Dũng")
    assert page.people_proxy.index(dung, 0).data(Qt.ItemDataRole.ForegroundRole).color() == MUTED
    assert "không áp dụng" in page.people_proxy.index(dung, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "78,6%" in page.summary.text() and "77 lượt hài lòng trên 98 lượt" in page.summary.text()


def test_a_month_under_the_plans_minimum_shows_a_dash(page: CitizensPage) -> None:
    page.picker.set_period(half_year(2026, 1))
    assert _rows(page, 5)["Trần Thị Bình"] == "–"  # April: one rating, the plan needs 10
    assert _rows(page, 8)["Trần Thị Bình"] == "65,4%"  # 17 satisfied of 26 over the half-year
    bình = next(row for row in range(page.people_proxy.rowCount())
                if page.people_proxy.index(row, 0).data() == "Trần Thị Bình")
    assert "Chưa đủ 10 lượt" in page.people_proxy.index(bình, 5).data(Qt.ItemDataRole.ToolTipRole)
    widgets.select_row(page.people_table, bình)
    months = page.months_table.model()
    assert [[months.index(row, column).data() for column in range(5)] for row in range(months.rowCount())] == [
        ["Tháng 3/2026", "20", "5", "17/25", "68%"], ["Tháng 4/2026", "1", "0", "0/1", "–"]]


def test_departments_and_the_wards_chart(page: CitizensPage) -> None:
    model = page.departments_model
    rows = {model.index(row, 0).data(): (model.index(row, 4).data(), model.index(row, 5).data())
            for row in range(model.rowCount())}
    assert rows == {"Văn phòng HĐND-UBND": ("52,4%", "21"), "Bộ phận một cửa": ("85,7%", "77")}
    assert [(bar.label, bar.value) for bar in page.chart.bars()] == [("Tháng 3/2026", 79)]


def test_a_departments_or_the_wards_month_under_the_minimum_shows_a_dash(page: CitizensPage) -> None:
    """April: Bình's one rating is her department's and the ward's only one, under the plan's 10: "–", not "0%",
    and April is left out of the chart, said under it."""
    page.picker.set_period(half_year(2026, 1))
    model = page.departments_model
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    april = headers.index("4/2026")
    rows = {model.index(row, 0).data(): (model.index(row, 3).data(), model.index(row, april).data())
            for row in range(model.rowCount())}
    assert rows == {"Văn phòng HĐND-UBND": ("52,4%", ""), "Bộ phận một cửa": ("85,7%", "–")}
    one_stop = next(row for row in range(model.rowCount()) if model.index(row, 0).data() == "Bộ phận một cửa")
    assert "Chưa đủ 10 lượt" in model.index(one_stop, april).data(Qt.ItemDataRole.ToolTipRole)
    assert [(bar.label, bar.value) for bar in page.chart.bars()] == [("Tháng 3/2026", 79)]
    assert "Tháng 4/2026" in page.chart_empty.text() and not page.chart_empty.isHidden()


def _select_feedback(page: CitizensPage, summary: str) -> None:
    proxy = page.feedback_proxy
    row = next(row for row in range(proxy.rowCount()) if proxy.record(row).summary == summary)
    widgets.select_row(page.feedback_table, row)


def test_the_head_verifies_and_marks_answered_and_it_leaves_the_open_list(page: CitizensPage) -> None:
    assert page.feedback_proxy.rowCount() == 5
    _select_feedback(page, "Nhiệt tình")
    assert page.verify_button.isEnabled() and page.answer_button.isEnabled()
    dialog = page.verify_dialog()
    assert isinstance(dialog, VerifyFeedbackDialog)
    dialog.accept()
    _select_feedback(page, "Nhiệt tình")
    assert page.selected_feedback().verification is Verification.VERIFIED  # type: ignore[union-attr]
    assert page.feedback_proxy.rowCount() == 5  # verified, not answered yet: still open
    answer = page.answer_dialog()
    assert answer is not None
    answer.answer.setPlainText("Đã cảm ơn bà qua điện thoại")  # type: ignore[attr-defined]
    answer.accept()
    assert page.feedback_proxy.rowCount() == 4
    assert "tiếp nhận 5, đã xác minh 4, đã trả lời 1; còn 4 việc" in page.feedback_counts.text()
    page.open_only.setChecked(False)
    _select_feedback(page, "Nhiệt tình")
    state = page.feedback_proxy.index(page.feedback_table.currentIndex().row(), 4).data()
    assert state == "đã xác minh · đã trả lời 10/04/2026"
    assert _rows(page, 7)["Ngô Thị Em"] == "1"  # her praise now counts


def test_not_true_needs_its_reason_and_the_dialog_stays_open(page: CitizensPage) -> None:
    _select_feedback(page, "Nhiệt tình")
    dialog = page.verify_dialog()
    assert isinstance(dialog, VerifyFeedbackDialog)
    dialog.false_button.setChecked(True)
    dialog.note.setPlainText("")
    dialog.accept()
    assert dialog.isVisible() and "lý do" in dialog.problem.text()
    dialog.reject()


def test_the_clerk_cannot_verify(page: CitizensPage) -> None:
    page.ward.account = CLERK
    _select_feedback(page, "Nhiệt tình")
    assert not page.verify_button.isEnabled()
    assert page.verify_button.toolTip() == "Chỉ lãnh đạo mới xác minh lời khen, phản ánh."
    assert page.answer_button.isEnabled()  # the clerk records answers
    feedback = page.selected_feedback()
    assert feedback is not None
    dialog = VerifyFeedbackDialog(page.ward, TODAY, feedback, "Ngô Thị Em", page)  # the use case refuses anyway
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.problem.text()
    dialog.deleteLater()


def test_a_survey_tally_shows_what_was_entered_and_changes_the_rate(page: CitizensPage) -> None:
    bình = next(row for row in range(page.people_proxy.rowCount())
                if page.people_proxy.index(row, 0).data() == "Trần Thị Bình")
    widgets.select_row(page.people_table, bình)
    dialog = page.tally_dialog()
    assert isinstance(dialog, TallyDialog)
    assert dialog.month.currentText() == "Tháng 3/2026"
    assert [spin.value() for spin in dialog.counts] == [0, 1, 4]  # entered before, to be corrected
    for spin, value in zip(dialog.counts, (3, 2, 0), strict=True):
        spin.setValue(value)
    dialog.accept()
    # device 16 of 20 satisfied, the tally now 5 of 5: 21 of 25 = 84 %
    assert _rows(page, 4)["Trần Thị Bình"] == "84%"


def test_recording_a_complaint_adds_it_to_the_open_list(page: CitizensPage) -> None:
    dialog = page.receive_dialog()
    dialog.accept()
    assert dialog.isVisible() and dialog.problem.text()  # no person chosen yet
    dialog.person.set_staff(page.people_proxy.record(0).staff.id)  # type: ignore[attr-defined]
    dialog.summary.setPlainText("Hướng dẫn chưa rõ ràng")  # type: ignore[attr-defined]
    dialog.accept()
    assert not dialog.isVisible()
    assert page.feedback_proxy.rowCount() == 6


def test_the_feedback_table_fits_a_small_screen_with_every_header_whole(page: CitizensPage, qtbot) -> None:
    """At 1024×768 the channel keeps its whole header, and what was said (last, taking the spare width) is no
    narrower than the state: both give way together, whole in their tooltips."""
    page.open_only.setChecked(False)
    page.tabs.setCurrentIndex(page.tabs.indexOf(page.feedback_table.parentWidget()))
    qtbot.waitUntil(page.feedback_table.isVisible)
    header = page.feedback_table.horizontalHeader()
    model = page.feedback_model
    names = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    assert names == ["Ngày tiếp nhận", "Loại", "Kênh tiếp nhận", "Cán bộ liên quan", "Trạng thái", "Nội dung"]
    assert all(header.sectionSize(column) >= header.sectionSizeHint(column) for column in range(header.count()))
    assert header.sectionSize(5) >= header.sectionSize(4)
    assert page.feedback_fit.key_columns_visible()
    right = header.sectionViewportPosition(5) + header.sectionSize(5)
    assert right <= page.feedback_table.viewport().width()  # no sideways scrolling
    row = next(row for row in range(page.feedback_proxy.rowCount())
               if page.feedback_proxy.record(row).summary == "Thái độ không đúng mực")
    assert page.feedback_proxy.index(row, 4).data(Qt.ItemDataRole.ToolTipRole).startswith("không đúng sự việc")

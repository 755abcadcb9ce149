"""The window's words: codes explained under the tables that show them, lock messages that say who may
unlock, marking buttons off on a locked day, and a warning when a signer's name is empty."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date

from ui_helpers import DEMO_TODAY

from PySide6.QtCore import Qt

from ward_office.core.errors import PeriodLockedError
from ward_office.core.period import half_year
from ward_office.services import attendance_sheet
from ward_office.services.period_locks import lock_period
from ward_office.services.ward_settings import save_unit

from ward_office.ui.attendance.page import AttendancePage
from ward_office.ui.dashboard.page import DashboardPage
from ward_office.ui.ranking.page import RankingPage
from ward_office.ui.reports.page import ReportsPage
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.widgets.jobs import wait_for_jobs
from ward_office.ui.widgets.legend import legend_text

BLOCKS = ("Ký hiệu: TG = Thời gian làm việc; TP = Trang phục và thẻ công chức; GT = Giao tiếp, ứng xử; "
          "BT = Bài trí công sở; KL = Kỷ luật công vụ; DT = Điểm thưởng")


def _shot(window: MainWindow, name: str) -> None:
    folder = os.environ.get("WORDS_SHOTS")
    if folder:
        window.resize(1024, 768)
        window.grab().save(os.path.join(folder, f"{name}.png"))


def test_a_legend_lists_each_code_once_and_skips_codes_that_are_their_own_name(vietnamese: None) -> None:
    assert legend_text([("TG", "Thời gian"), ("KL", "Kỷ luật"), ("TG", "Khác"), ("chưa chấm", "chưa chấm")]) \
        == "Ký hiệu: TG = Thời gian; KL = Kỷ luật"
    assert legend_text([("x", "x")]) == ""


def test_the_ranking_spells_out_its_block_codes(qtbot, window: MainWindow) -> None:
    page = window.show_page(RankingPage)
    page.picker.set_period(half_year(2026, 2))
    page.refresh()
    wait_for_jobs()
    qtbot.waitUntil(lambda: not page.is_scoring, timeout=10_000)
    assert page.legend.isVisible() and page.legend.text() == BLOCKS
    kl = page.model.block_codes.index("KL") + 4
    assert page.model.headerData(kl, Qt.Orientation.Horizontal) == "KL"
    assert page.model.headerData(kl, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Kỷ luật công vụ"
    _shot(window, "ranking")


def test_the_overviews_ranking_cards_spell_out_the_grade_codes(qtbot, window: MainWindow) -> None:
    page = window.show_page(DashboardPage)
    page.refresh()
    wait_for_jobs()
    qtbot.waitUntil(lambda: not page.is_scoring() and page.scores is not None, timeout=10_000)
    top = page.legends[id(page.top_view)]
    codes = {page.top_model.record(row).grade_code for row in range(page.top_model.rowCount())}
    assert top.isVisible()
    names = {"A": "Xuất sắc", "B": "Tốt", "C": "Đạt", "D": "Chưa đạt"}
    for code in codes:
        assert f"{code} = {names[code]}" in top.text()
    assert top.text().startswith("Ký hiệu: ")
    _shot(window, "overview")


def test_a_locked_day_disables_marking_and_the_refusal_names_who_may_unlock(
        qtbot, window: MainWindow) -> None:
    ward = window.context.ward
    grid = window.show_page(AttendancePage)
    day = date(2026, 3, 16)
    grid.show_day(day)
    assert grid.present_action.isEnabled() and grid.leave_button.isEnabled()
    lock_period(ward, half_year(2026, 1), DEMO_TODAY)
    grid.show_day(date(2026, 3, 17))
    grid.show_day(day)
    for action in (grid.present_action, grid.late_action, grid.early_action, grid.absent_action,
                   *grid.leave_actions.values()):
        assert not action.isEnabled()
    assert not grid.leave_button.isEnabled()
    assert grid.locked_banner.text().endswith("Chỉ Lãnh đạo mới mở khóa được.")
    _shot(window, "attendance_locked")
    grid.show_day(date(2026, 11, 16))  # after the locked month: marking again
    assert grid.present_action.isEnabled() and grid.leave_button.isEnabled()
    try:
        attendance_sheet._refuse_locked(ward, [day])
    except PeriodLockedError as error:
        assert error.localized() == ("Không sửa được chấm công ngày 16/03/2026: ngày này thuộc kỳ đánh giá "
                                     "“6 tháng đầu năm 2026” đã khóa sổ. Chỉ Lãnh đạo mới mở khóa được.")
    else:
        raise AssertionError("a locked day was not refused")


def test_the_reports_page_warns_about_empty_signer_names(qtbot, window: MainWindow) -> None:
    ward = window.context.ward
    page = window.show_page(ReportsPage)
    page.refresh()
    assert page.signer_warning.isVisible()  # the demo book names no signer
    assert page.signer_warning.text() == ("Chưa nhập họ và tên người ký và người lập biểu (Cài đặt, Đơn vị): "
                                          "báo cáo sẽ in chỗ ký để trống tên.")
    assert page.make_button.isEnabled()  # a warning, not a refusal
    _shot(window, "reports")
    save_unit(ward, replace(ward.unit(), head_name="Trần Quốc Hùng"))
    page.refresh()
    assert page.signer_warning.text() == ("Chưa nhập họ và tên người lập biểu (Cài đặt, Đơn vị): báo cáo sẽ in "
                                          "chỗ ký để trống tên.")
    save_unit(ward, replace(ward.unit(), preparer_name="Lê Thị Mai"))
    page.refresh()
    assert not page.signer_warning.isVisible() and page.signer_warning.text() == ""

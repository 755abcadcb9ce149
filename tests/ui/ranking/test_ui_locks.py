"""Khóa sổ on a real window: the head locks the period shown on the Xếp loại page, the page says whose lock
it is and shows the kept ranking, the day grid of a locked day refuses edits, a clerk cannot unlock, the
head unlocks with a reason the change log keeps; the Khóa sổ tab of the settings lists it all."""

from __future__ import annotations

from datetime import date

import pytest
from ui_helpers import DEMO_TODAY, untranslated, visible_texts

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from ward_office.core.access import Account, Role
from ward_office.core.change_log import ChangeAction
from ward_office.core.period import half_year, month
from ward_office.i18n.formatting import format_date, period_label
from ward_office.paths import plans_dir
from ward_office.services.period_locks import kept_ranking, lock_period, period_lock

from ward_office.ui.attendance.page import AttendancePage
from ward_office.ui.events.page import EventsPage
from ward_office.ui.ranking.lock_bar import UnlockDialog
from ward_office.ui.ranking.page import RankingPage
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.shell.settings_page import SettingsPage
from ward_office.ui.widgets.jobs import wait_for_jobs

H1 = half_year(2026, 1)
OCTOBER = month(2026, 10)
HEAD = Account(1, "chutich", "Trần Văn Hùng", Role.HEAD)
CLERK = Account(2, "vanthu", "Lê Thị Mai", Role.CLERK)


@pytest.fixture
def messages(monkeypatch) -> dict[str, list[str]]:
    """What the lock bar asked and which errors it showed; every confirmation is answered yes."""
    said: dict[str, list[str]] = {"asked": [], "errors": []}

    def confirm(_parent, text, _title=None) -> bool:
        said["asked"].append(text)
        return True

    def show_error(_parent, error, _title=None) -> None:
        said["errors"].append(error if isinstance(error, str) else error.localized())

    monkeypatch.setattr("ward_office.ui.widgets.confirm", confirm)
    monkeypatch.setattr("ward_office.ui.widgets.show_error", show_error)
    return said


def ranking_page(window: MainWindow, qtbot, period=H1) -> RankingPage:
    page = window.show_page(RankingPage)
    assert isinstance(page, RankingPage)
    page.picker.set_period(period)
    page.refresh()
    settle(page, qtbot)
    return page


def settle(page: RankingPage, qtbot) -> None:
    wait_for_jobs()
    qtbot.waitUntil(lambda: not page.is_scoring and not page.lock_bar.is_locking, timeout=10_000)


def shown(page: RankingPage) -> list[tuple[str, str, str]]:
    proxy = page.proxy
    return [tuple(proxy.index(row, column).data() for column in (0, 1, proxy.columnCount() - 2))
            for row in range(proxy.rowCount())]


def lock_from_the_page(page: RankingPage, qtbot) -> None:
    qtbot.mouseClick(page.lock_bar.lock_button, Qt.MouseButton.LeftButton)
    settle(page, qtbot)


def test_the_head_locks_the_period_shown_and_the_page_says_so(window: MainWindow, qtbot, messages) -> None:
    ward = window.context.ward
    ward.account = HEAD
    page = ranking_page(window, qtbot)
    bar = page.lock_bar
    assert bar.lock_button.isVisible() and bar.lock_button.isEnabled()
    assert bar.banner.text().startswith("Chưa khóa sổ") and not bar.unlock_button.isVisible()
    before = shown(page)

    lock_from_the_page(page, qtbot)
    assert len(messages["asked"]) == 1 and period_label(H1) in messages["asked"][0]
    assert "không ai sửa được" in messages["asked"][0] and messages["errors"] == []
    lock = period_lock(ward, H1)
    assert lock is not None and lock.kept_at is not None
    assert bar.banner.isVisible() and bar.unlock_button.isVisible() and not bar.lock_button.isVisible()
    assert bar.banner.text() == (f"Đã khóa sổ ngày {format_date(lock.locked_at.date())} bởi {ward.actor}; "
                                 "kết quả dưới đây là kết quả lúc khóa sổ.")
    assert shown(page) == before
    assert kept_ranking(ward, H1) is not None
    assert untranslated(visible_texts(page)) == []


def test_a_plan_adopted_after_locking_leaves_the_page_as_it_was(window: MainWindow, qtbot, messages) -> None:
    ward = window.context.ward
    page = ranking_page(window, qtbot)
    before = shown(page)
    lock_from_the_page(page, qtbot)
    text = (plans_dir() / "van-hoa-cong-so.toml").read_text(encoding="utf-8")
    ward.store.plans.adopt(text.replace("version = 1", "version = 2", 1).replace("points = -2", "points = -9"),
                           ward.actor)
    window.context.changed.emit("settings")
    settle(page, qtbot)
    assert shown(page) == before and "phiên bản 1" in page.heading.text()
    page.picker.set_period(month(2026, 9))
    page.refresh()
    settle(page, qtbot)
    assert "phiên bản 2" in page.heading.text()  # an open period follows the new plan


def test_a_period_not_over_cannot_be_locked(window: MainWindow, qtbot, messages) -> None:
    page = ranking_page(window, qtbot, half_year(2026, 2))
    assert page.lock_bar.lock_button.isVisible() and not page.lock_bar.lock_button.isEnabled()
    assert "kết thúc" in page.lock_bar.lock_button.toolTip()
    assert page.lock_bar.banner.text() == "Kỳ chưa kết thúc: có thể khóa sổ từ ngày 01/01/2027."


def test_a_clerk_can_neither_lock_nor_unlock(window: MainWindow, qtbot, messages) -> None:
    ward = window.context.ward
    ward.account = CLERK
    page = ranking_page(window, qtbot)
    lock_from_the_page(page, qtbot)
    assert messages["asked"] == [] and period_lock(ward, H1) is None
    assert len(messages["errors"]) == 1
    assert "khóa sổ kỳ đánh giá" in messages["errors"][0] and "Lê Thị Mai" in messages["errors"][0]

    ward.account = HEAD
    lock_period(ward, H1, DEMO_TODAY)
    ward.account = CLERK
    page.refresh()
    settle(page, qtbot)
    messages["errors"].clear()
    qtbot.mouseClick(page.lock_bar.unlock_button, Qt.MouseButton.LeftButton)
    assert len(messages["errors"]) == 1
    assert "mở khóa sổ kỳ đánh giá" in messages["errors"][0] and "Lê Thị Mai" in messages["errors"][0]
    assert untranslated([("error", messages["errors"][0])]) == []
    assert period_lock(ward, H1) is not None and page.lock_bar.banner.text().startswith("Đã khóa sổ")


def test_the_head_unlocks_with_a_reason_the_change_log_keeps(window: MainWindow, qtbot, messages) -> None:
    ward = window.context.ward
    ward.account = HEAD
    lock_period(ward, H1, DEMO_TODAY)
    page = ranking_page(window, qtbot)
    dialog = page.lock_bar.unlock_dialog()
    assert isinstance(dialog, UnlockDialog) and dialog.isVisible()
    assert untranslated(visible_texts(dialog)) == []
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no reason, no unlock
    dialog.reason.insertPlainText("Bổ sung đơn nghỉ phép nộp muộn")  # typed (keyClicks takes ASCII only)
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    settle(page, qtbot)
    assert not dialog.isVisible() and period_lock(ward, H1) is None
    entry = ward.store.change_log.list("period")[-1]
    assert entry.action is ChangeAction.UNLOCK and entry.detail["reason"] == "Bổ sung đơn nghỉ phép nộp muộn"
    assert page.lock_bar.banner.text().startswith("Chưa khóa sổ") and page.lock_bar.lock_button.isVisible()


def test_cancelling_the_unlock_changes_nothing(window: MainWindow, qtbot, messages) -> None:
    ward = window.context.ward
    lock_period(ward, H1, DEMO_TODAY)
    page = ranking_page(window, qtbot)
    dialog = page.lock_bar.unlock_dialog()
    assert dialog is not None
    dialog.reason.insertPlainText("thử")  # typed (keyClicks takes ASCII only)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and period_lock(ward, H1) is not None


def test_the_day_grid_of_a_locked_day_refuses_edits(window: MainWindow, qtbot, messages, monkeypatch,
                                                    council_decides) -> None:
    errors: list[str] = []
    monkeypatch.setattr("ward_office.ui.attendance.page.show_error",
                        lambda parent, error, title=None: errors.append(error.localized()))
    ward = window.context.ward
    council_decides(ward, OCTOBER, DEMO_TODAY)
    page = ranking_page(window, qtbot, OCTOBER)
    lock_from_the_page(page, qtbot)
    assert period_lock(ward, OCTOBER) is not None
    grid = window.show_page(AttendancePage)
    assert isinstance(grid, AttendancePage)
    day = date(2026, 10, 14)
    grid.show_day(day)
    assert grid.locked_banner.isVisible() and period_label(OCTOBER) in grid.locked_banner.text()
    before = ward.store.attendance.for_day(day)
    grid.grid.setCurrentIndex(grid.day_proxy.index(0, 2))
    grid.grid.setFocus()
    qtbot.keyClick(grid.grid, Qt.Key.Key_V)
    assert len(errors) == 1 and "14/10/2026" in errors[0]
    assert ward.store.attendance.for_day(day) == before


def test_the_settings_tab_lists_locks_and_unlocks_from_there(window: MainWindow, qtbot, messages,
                                                             qtmodeltester, council_decides) -> None:
    ward = window.context.ward
    council_decides(ward, OCTOBER, DEMO_TODAY)
    lock_period(ward, OCTOBER, DEMO_TODAY)
    lock_period(ward, H1, DEMO_TODAY)
    page = window.show_page(SettingsPage)
    assert isinstance(page, SettingsPage)
    tab = page.locks_tab
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.isVisible)
    assert [lock.period for lock in tab.locks_model.records()] == [OCTOBER, H1]
    assert tab.locks_model.index(0, 0).data() == period_label(OCTOBER)
    assert not tab.empty.isVisible() and tab.unlock_button.isEnabled()
    for model in (tab.locks_model, tab.history_model, tab.locks_proxy, tab.history_proxy):
        qtmodeltester.check(model)
    assert tab.history_proxy.index(0, 1).data() == "Khóa sổ"  # newest first: the lock of H1
    assert untranslated(visible_texts(page)) == []

    dialog = tab.unlock_selected()
    assert isinstance(dialog, UnlockDialog)
    dialog.reason.insertPlainText("Điều chỉnh theo kết luận của Đảng ủy")  # typed (keyClicks takes ASCII only)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert period_lock(ward, OCTOBER) is None
    assert [lock.period for lock in tab.locks_model.records()] == [H1]
    history = tab.history_model.records()
    assert [(event.locked, event.period, event.reason) for event in history[:1]] == [
        (False, OCTOBER, "Điều chỉnh theo kết luận của Đảng ủy")]
    assert tab.history_model.index(0, 1).data() == "Mở khóa sổ"
    assert untranslated(visible_texts(page)) == []


def test_an_empty_book_has_nothing_locked(empty_window: MainWindow, qtbot) -> None:
    page = empty_window.show_page(SettingsPage)
    assert isinstance(page, SettingsPage)
    page.tabs.setCurrentWidget(page.locks_tab)
    qtbot.waitUntil(page.locks_tab.isVisible)
    assert page.locks_tab.empty.isVisible() and not page.locks_tab.unlock_button.isEnabled()
    assert untranslated(visible_texts(page)) == []


def test_events_of_a_period_locked_from_the_page_cannot_be_deleted(window: MainWindow, qtbot, messages,
                                                                    council_decides) -> None:
    ward = window.context.ward
    council_decides(ward, OCTOBER, DEMO_TODAY)
    page = ranking_page(window, qtbot, OCTOBER)
    lock_from_the_page(page, qtbot)
    events = window.show_page(EventsPage)
    assert isinstance(events, EventsPage)
    events.set_range(OCTOBER.start, OCTOBER.end)
    row = events.shown_rows()[0]
    assert events.select_event(row.event.id)
    assert not events.delete_selected()
    assert len(messages["errors"]) == 1 and "khóa" in messages["errors"][0]
    assert row.event.id in {event.id for event in ward.store.events.list(OCTOBER.start, OCTOBER.end)}

"""The Tổng quan page on the demo ward: today's cards, the ends of the ranking and the month's chart follow
the records, and nothing on it is English."""

from __future__ import annotations

from datetime import date, datetime

from ui_helpers import DEMO_TODAY, untranslated, visible_texts

from PySide6.QtCore import Qt

from ward_office.core.attendance import Attendance, AttendanceStatus
from ward_office.core.checks import Check, CheckKind
from ward_office.core.period import half_year, month
from ward_office.core.schedule import Session
from ward_office.services.overview import DayState, violations_by_block

from ward_office.ui.attendance.page import AttendancePage
from ward_office.ui.dashboard.page import DashboardPage
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.widgets.context import Topic


def scored_dashboard(window: MainWindow, qtbot) -> DashboardPage:
    page = window.pages[0]
    assert isinstance(page, DashboardPage) and page.isVisible()
    qtbot.waitUntil(lambda: page.scores is not None and not page.is_scoring(), timeout=10_000)
    return page


def expected_counts(window: MainWindow) -> dict[DayState, int]:
    """Today's figures straight from the records, by the rule services.day_figures documents."""
    store = window.context.ward.store
    grace = store.schedule.get().grace_minutes
    records: dict[int, list[Attendance]] = {}
    for record in store.attendance.for_day(DEMO_TODAY):
        records.setdefault(record.staff_id, []).append(record)
    counts = dict.fromkeys(DayState, 0)
    for person in store.staff.list(active_on=DEMO_TODAY):
        mine = records.get(person.id, [])
        statuses = {record.status for record in mine}
        counts[DayState.ABSENT] += AttendanceStatus.ABSENT in statuses
        counts[DayState.ON_LEAVE] += AttendanceStatus.LEAVE in statuses
        counts[DayState.LATE] += any(record.late_minutes > grace for record in mine)
        counts[DayState.EARLY] += any(record.early_minutes > grace for record in mine)
        counts[DayState.PRESENT] += len(mine) < 2 or AttendanceStatus.PRESENT in statuses
    return counts


def tile_values(page: DashboardPage) -> dict[DayState, int | None]:
    return {state: tile.value() for state, tile in page.tiles.items()}


def test_today_card_counts_the_day_sheet(window: MainWindow, qtbot) -> None:
    page = scored_dashboard(window, qtbot)
    assert page.today_card.title.text() == "Hôm nay, Thứ Sáu 20/11/2026"
    counts = expected_counts(window)
    assert tile_values(page) == counts
    assert len(window.context.ward.staff(active_on=DEMO_TODAY)) == 30 > counts[DayState.PRESENT]
    grid = window.show_page(AttendancePage)
    assert isinstance(grid, AttendancePage) and grid.day() == DEMO_TODAY
    footer = grid.day_model.sheet.counts()  # type: ignore[union-attr]
    assert (footer.present, footer.late, footer.early, footer.on_leave, footer.absent) == tuple(
        counts[state] for state in DayState)
    assert f"có mặt {counts[DayState.PRESENT]} ·" in grid.summary.text()
    assert counts[DayState.LATE] + counts[DayState.EARLY] + counts[DayState.ON_LEAVE] > 0  # the demo has some
    late = page.attendance.with_state(DayState.LATE)
    assert all(person.staff.full_name in page.tiles[DayState.LATE].toolTip() for person in late)


def test_marking_someone_absent_updates_the_card(window: MainWindow, qtbot) -> None:
    page = scored_dashboard(window, qtbot)
    before = tile_values(page)
    person = page.attendance.with_state(DayState.PRESENT)[0].staff
    ward = window.context.ward
    ward.store.attendance.set(Attendance(person.id, DEMO_TODAY, Session.AFTERNOON, AttendanceStatus.ABSENT),
                              ward.actor)
    window.context.changed.emit(Topic.ATTENDANCE)
    after = tile_values(page)
    assert after[DayState.ABSENT] == before[DayState.ABSENT] + 1
    assert after[DayState.PRESENT] == before[DayState.PRESENT]  # at work in the morning: still present
    assert after == expected_counts(window)
    assert person.full_name in page.tiles[DayState.ABSENT].toolTip()
    # The afternoon's absence is a violation of the month: the chart follows once scored again.
    qtbot.waitUntil(lambda: not page.is_scoring(), timeout=10_000)
    assert page.chart.values() == [block.violations for block in violations_by_block(ward, month(2026, 11),
                                                                                       DEMO_TODAY)]


def test_top_and_bottom_are_the_ends_of_the_ranking(window: MainWindow, qtbot, qtmodeltester) -> None:
    page = scored_dashboard(window, qtbot)
    results = window.context.ward.score(half_year(2026, 2), DEMO_TODAY).ranking.results
    assert page.top_model.records() == list(results[:5])
    assert page.bottom_model.records() == list(results[-5:])
    assert page.top_card.title.text() == "Dẫn đầu — 6 tháng cuối năm 2026"
    assert page.bottom_card.title.text() == "Cần cố gắng — 6 tháng cuối năm 2026"
    assert page.top_view.isVisible() and not page.top_status.isVisible()
    first = page.top_model.index(0, 1)
    assert first.data() == results[0].staff.full_name
    assert page.top_model.index(0, 3).data() == results[0].grade.code
    assert results[0].grade.name in page.top_model.index(0, 3).data(3)  # the tooltip role
    qtmodeltester.check(page.top_model)
    qtmodeltester.check(page.bottom_model)


def test_chart_shows_the_violations_of_the_month(window: MainWindow, qtbot) -> None:
    page = scored_dashboard(window, qtbot)
    blocks = violations_by_block(window.context.ward, month(2026, 11), DEMO_TODAY)
    assert page.chart.values() == [block.violations for block in blocks]
    assert [bar.label for bar in page.chart.bars()] == [block.name for block in blocks]
    assert sum(page.chart.values()) > 0
    assert page.chart_card.title.text() == "Vi phạm theo nhóm tiêu chí — Tháng 11/2026"
    assert page.chart.isVisible() and page.chart.height() >= page.chart.sizeHint().height()


def test_open_checks_list_todays_rounds(window: MainWindow, qtbot, qtmodeltester) -> None:
    page = scored_dashboard(window, qtbot)
    assert page.checks_empty.isVisible() and page.checks_empty.text() == "Không có đợt kiểm tra nào"
    ward = window.context.ward
    check, _events = ward.store.checks.add(
        Check(datetime(2026, 11, 20, 8, 15), CheckKind.BADGE, "Nguyễn Văn Kiểm", "Bộ phận một cửa"), ward.actor)
    window.context.changed.emit(Topic.CHECKS)
    assert page.checks_model.records() == [check]
    assert page.checks_view.isVisible() and not page.checks_empty.isVisible()
    assert page.checks_model.index(0, 0).data() == "Kiểm tra đeo thẻ"
    assert "Bộ phận một cửa" in page.checks_model.index(0, 0).data(3)  # the tooltip role
    qtmodeltester.check(page.checks_model)


def test_links_open_the_pages(window: MainWindow, qtbot) -> None:
    from PySide6.QtWidgets import QPushButton

    from ward_office.ui.attendance.page import AttendancePage
    from ward_office.ui.ranking.page import RankingPage

    page = scored_dashboard(window, qtbot)
    buttons = {button.text(): button for button in page.findChildren(QPushButton)}
    buttons["Mở bảng chấm công"].click()
    assert isinstance(window.stack.currentWidget(), AttendancePage)
    window.nav.setCurrentRow(0)
    buttons["Xem toàn bộ bảng xếp loại"].click()
    assert isinstance(window.stack.currentWidget(), RankingPage)


def test_dashboard_shows_only_vietnamese(window: MainWindow, qtbot) -> None:
    page = scored_dashboard(window, qtbot)
    texts = visible_texts(page)
    assert ("StatTile: tooltip", page.tiles[DayState.ON_LEAVE].toolTip()) in texts
    assert untranslated(texts) == []
    assert untranslated([("chart", page.chart.accessibleDescription())]) == []


def test_an_empty_ward_has_nobody_to_rank(empty_window: MainWindow, qtbot) -> None:
    page = scored_dashboard(empty_window, qtbot)
    assert tile_values(page) == dict.fromkeys(DayState, 0)
    assert page.top_status.isVisible() and page.top_status.text() == "Chưa có ai để xếp hạng"
    assert not page.top_view.isVisible()
    assert page.chart.values() == [0, 0, 0, 0, 0]
    assert untranslated(visible_texts(page)) == []


def test_a_sunday_says_it_is_not_a_working_day(window: MainWindow, qtbot, monkeypatch) -> None:
    page = scored_dashboard(window, qtbot)
    monkeypatch.setattr(window.context, "_today", lambda: date(2026, 11, 22))
    window.context.changed.emit(Topic.ATTENDANCE)
    assert page.today_card.title.text() == "Hôm nay, Chủ Nhật 22/11/2026"
    assert page.tiles[DayState.PRESENT].value() is None
    assert page.tiles[DayState.PRESENT].number.text() == "—"
    assert "không phải ngày làm việc" in page.day_note.text()
    qtbot.waitUntil(lambda: not page.is_scoring(), timeout=10_000)
    assert untranslated(visible_texts(page)) == []


def test_the_charts_button_lists_what_the_chart_counts(window: MainWindow, qtbot) -> None:
    """Per block, the chart's bar and the events register opened by its button give the same number: the
    register lists the recorded violations and, marked, those the score takes from attendance."""
    from collections import Counter

    from ward_office.ui.events.page import EventsPage

    page = scored_dashboard(window, qtbot)
    bars = {bar.label: value for bar, value in zip(page.chart.bars(), page.chart.values(), strict=True)}
    qtbot.mouseClick(page.chart_link, Qt.MouseButton.LeftButton)
    events = window.page(EventsPage)
    assert isinstance(events, EventsPage) and events.with_attendance.isChecked()
    assert events.date_range() == (date(2026, 11, 1), date(2026, 11, 30))
    rows = events.shown_rows()
    listed = Counter(row.block_name for row in rows)
    assert {name: listed.get(name, 0) for name in bars} == bars and sum(bars.values()) == len(rows)
    from_attendance = [row for row in rows if row.attendance is not None]
    assert from_attendance and all(row.kind_label() == "Vi phạm (chấm công)" for row in from_attendance)
    assert all(row.event.id is None and row.points is not None and row.points < 0 for row in from_attendance)
    recorded = [row for row in rows if row.attendance is None]
    assert recorded and all(row.kind_label() == "Vi phạm" for row in recorded)
    events.with_attendance.setChecked(False)
    assert len(events.shown_rows()) == len(recorded)

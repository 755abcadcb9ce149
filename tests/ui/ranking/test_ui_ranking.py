"""The Xếp loại page on a real window: the engine's ranking for the chosen period, and the items behind it."""

from __future__ import annotations

from datetime import date

from ui_helpers import DEMO_TODAY, untranslated, visible_texts

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from ward_office.core.checks import Event
from ward_office.core.period import half_year, month, whole_year
from ward_office.i18n.formatting import format_number, format_points, period_label
from ward_office.scoring.results import ScoredPeriod

from ward_office.ui.ranking.page import RankingPage
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.widgets import MARKED
from ward_office.ui.widgets.context import Topic
from ward_office.ui.widgets.jobs import wait_for_jobs
from ward_office.ui.widgets.models import RECORD_ROLE

BASE = 100


def open_page(window: MainWindow, qtbot) -> RankingPage:
    page = window.show_page(RankingPage)
    assert isinstance(page, RankingPage)
    wait(page, qtbot)
    return page


def wait(page: RankingPage, qtbot) -> None:
    qtbot.waitUntil(lambda: not page.is_scoring, timeout=10_000)


def column(page: RankingPage, header: str) -> int:
    model = page.proxy
    headers = [model.headerData(index, Qt.Orientation.Horizontal) for index in range(model.columnCount())]
    return headers.index(header)


def shown_rows(page: RankingPage) -> list[tuple[str, str, str, str]]:
    proxy = page.proxy
    columns = [column(page, header) for header in ("Thứ hạng", "Họ và tên", "Điểm", "Xếp loại")]
    return [tuple(proxy.index(row, col).data() for col in columns) for row in range(proxy.rowCount())]


def engine_rows(scored: ScoredPeriod) -> list[tuple[str, str, str, str]]:
    return [(str(result.rank), result.staff.full_name, format_number(result.score), result.grade.name)
            for result in scored.ranking.results]


def item_rows(page: RankingPage) -> list:
    return [page.items_proxy.index(row, 0).data(RECORD_ROLE) for row in range(page.items_proxy.rowCount())]


def test_the_table_is_the_engines_ranking_of_the_current_half_year(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    period = half_year(2026, 2)
    assert page.period() == period
    expected = window.context.ward.score(period, DEMO_TODAY)
    assert shown_rows(page) == engine_rows(expected)
    assert len(shown_rows(page)) == 30
    assert period_label(period) in page.heading.text()
    assert expected.ranking.plan.name in page.heading.text()
    tooltip = Qt.ItemDataRole.ToolTipRole
    block_headers = [page.proxy.headerData(column(page, block.code), Qt.Orientation.Horizontal, tooltip)
                     for block in expected.ranking.plan.blocks]
    assert block_headers == [block.name for block in expected.ranking.plan.blocks]


def test_choosing_a_month_in_the_picker_rescores(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    kind, number = page.picker.findChildren(QComboBox)[:2]
    kind.setCurrentIndex(kind.findText("Tháng"))
    wait(page, qtbot)
    assert page.period() == month(2026, 11)
    assert shown_rows(page) == engine_rows(window.context.ward.score(month(2026, 11), DEMO_TODAY))
    number.setCurrentIndex(number.findText("Tháng 10"))
    wait(page, qtbot)
    assert page.standings.period == month(2026, 10)
    october = engine_rows(window.context.ward.score(month(2026, 10), DEMO_TODAY))
    assert shown_rows(page) == october
    assert october != engine_rows(window.context.ward.score(month(2026, 11), DEMO_TODAY))
    assert "Tháng 10 năm 2026" in page.heading.text()


def test_only_the_latest_choice_is_shown(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    page.picker.set_period(month(2026, 3))
    page.picker.set_period(whole_year(2026))  # before the March result arrives
    wait(page, qtbot)
    wait_for_jobs()
    qtbot.wait(50)  # let any late result reach the page
    assert page.standings.period == whole_year(2026)
    assert shown_rows(page) == engine_rows(window.context.ward.score(whole_year(2026), DEMO_TODAY))


def test_a_person_shows_exactly_their_items(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    row = next(row for row in page.standings.rows if len(row.result.items) >= 3)
    assert page.select_staff(row.staff_id)
    assert row.result.staff.full_name in page.person.text()
    lines = item_rows(page)
    assert sorted((line.item.day, line.item.criterion_code, line.item.record_id) for line in lines) == sorted(
        (item.day, item.criterion_code, item.record_id) for item in row.result.items)
    assert sum(line.contribution for line in lines) == row.result.score - BASE
    shown_points = [page.items_proxy.index(index, 4).data() for index in range(page.items_proxy.rowCount())]
    assert shown_points == [format_points(line.contribution) for line in lines]
    criterion = page.items_proxy.index(0, 2).data()
    assert criterion.startswith(lines[0].item.criterion_code + " — ")
    assert "Điểm chuẩn" in page.breakdown.text()


def test_a_new_violation_lowers_the_score_and_is_listed(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    top = page.standings.rows[0]
    page.select_staff(top.staff_id)
    before = len(item_rows(page))
    ward = window.context.ward
    ward.store.events.add(Event(top.staff_id, date(2026, 11, 18), "GT02", note="Quát nạt người dân"), ward.actor)
    window.context.changed.emit(Topic.EVENTS)
    assert page.is_scoring
    wait(page, qtbot)
    now = page.standings.find(top.staff_id)
    assert now.result.score < top.result.score
    assert page.selected_staff_id() == top.staff_id  # the selection survives the reload
    lines = item_rows(page)
    assert len(lines) == before + 1
    new = next(line for line in lines if line.item.note == "Quát nạt người dân")
    assert new.item.criterion_code == "GT02" and new.contribution < 0
    assert sum(line.contribution for line in lines) == now.result.score - BASE
    assert format_number(now.result.score) in page.person.text()


def test_quota_demotions_are_marked(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    note, grade = column(page, "Ghi chú"), column(page, "Xếp loại")
    demoted = marked = 0
    for row in range(page.proxy.rowCount()):
        standing = page.proxy.record(row)
        background = page.proxy.index(row, note).data(Qt.ItemDataRole.BackgroundRole)
        if standing.demoted_by_quota:
            demoted += 1
            text = page.proxy.index(row, note).data()
            assert "Theo tỷ lệ" in text or "tỷ lệ" in text.lower()
            assert text == "; ".join(change.localized() for change in standing.result.changes)
            assert background.color() == MARKED
            assert page.proxy.index(row, grade).data(Qt.ItemDataRole.BackgroundRole).color() == MARKED
            marked += 1
        elif not standing.result.changes:
            assert background is None
            assert page.proxy.index(row, note).data() == ""
    assert demoted == marked > 0
    assert f"không quá {page.standings.ranking.quota_limit} người" in page.counts.text()
    assert f"{demoted} người bị hạ loại" in page.counts.text()


def test_search_and_sorting(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    name = page.standings.rows[3].result.staff.full_name
    page.search.setText(name.lower())
    assert {page.proxy.record(row).result.staff.full_name for row in range(page.proxy.rowCount())} == {name}
    page.search.clear()
    page.table.sortByColumn(column(page, "Điểm"), Qt.SortOrder.AscendingOrder)
    scores = [page.proxy.record(row).result.score for row in range(page.proxy.rowCount())]
    assert scores == sorted(scores)


def test_a_period_without_a_plan_says_why(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    page.picker.set_period(whole_year(2025))
    wait(page, qtbot)
    assert page.standings is None and page.model.rowCount() == 0
    assert page.status.isVisible() and "2025" in page.status.text()
    assert untranslated([("status", page.status.text())]) == []


def test_models_are_sound(window: MainWindow, qtbot, qtmodeltester) -> None:
    page = open_page(window, qtbot)
    page.select_staff(next(row for row in page.standings.rows if row.result.items).staff_id)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.items_model)
    qtmodeltester.check(page.proxy)


def test_everything_shown_is_vietnamese(window: MainWindow, qtbot) -> None:
    page = open_page(window, qtbot)
    page.select_staff(next(row for row in page.standings.rows if row.result.changes and row.result.items).staff_id)
    # "Demo data" is who recorded the demo's items: the test ward is built before the language is set.
    problems = [(where, text) for where, text in untranslated(visible_texts(page)) if text != "Demo data"]
    assert problems == []
    window.grab().save(str(window.context.ward.path.parent / "ranking.png"))


def test_an_empty_ward_says_what_to_do(empty_window: MainWindow, qtbot) -> None:
    page = empty_window.show_page(RankingPage)
    wait(page, qtbot)
    assert page.body.currentWidget() is page.empty
    assert "chưa có cán bộ" in page.empty.text()
    assert untranslated(visible_texts(page)) == []

"""The long-list model of the events page sorts and searches exactly as the general SearchProxy does, passes
Qt's model tester, keeps the selection through a sort, and on the real page shows what the database holds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest
from ui_helpers import DEMO_TODAY

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView

from ward_office.i18n.text import name_sort_key

from ward_office.ui.events.page import EventsPage
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.widgets.keyed_models import KeyedRecordModel, KeyedSearchProxy
from ward_office.ui.widgets.models import Column, RecordTableModel, SearchProxy


@dataclass(frozen=True)
class Row:
    name: str
    note: str
    points: int | None


ROWS = [
    Row("Nguyễn Văn An", "Đi muộn", -2), Row("Lê Thị Lan", "Không đeo thẻ", -1), Row("Trần Anh Đức", "", None),
    Row("Nguyễn Thị Ánh", "Được biểu dương", 3), Row("Đỗ Văn Bình", "đi muộn lần 2", -2),
    Row("Phạm Văn Lâm", "Hồ sơ lộn xộn", -1), Row("Nguyễn Văn An", "Vắng không lý do", -5),
]
COLUMNS = (
    Column("Name", lambda row: row.name, sort_key=lambda row: name_sort_key(row.name)),
    Column("Note", lambda row: row.note),
    Column("Points", lambda row: "" if row.points is None else str(row.points), sort_key=lambda row: row.points,
           searchable=False),
)


def pair(qtbot) -> tuple[KeyedSearchProxy, SearchProxy]:
    keyed_model: KeyedRecordModel[Row] = KeyedRecordModel(COLUMNS)
    keyed_model.set_records(ROWS)
    keyed = KeyedSearchProxy()
    keyed.setSourceModel(keyed_model)
    plain_model: RecordTableModel[Row] = RecordTableModel(COLUMNS)
    plain_model.set_records(ROWS)
    plain = SearchProxy()
    plain.setSourceModel(plain_model)
    return keyed, plain


def shown(proxy: SearchProxy) -> list[Row]:
    return [proxy.record(row) for row in range(proxy.rowCount())]


def test_models_pass_the_model_tester(qtbot, qtmodeltester) -> None:
    keyed, _plain = pair(qtbot)
    qtmodeltester.check(keyed.sourceModel())
    qtmodeltester.check(keyed)
    keyed.sort(0, Qt.SortOrder.DescendingOrder)
    keyed.set_search("van")
    qtmodeltester.check(keyed)


@pytest.mark.parametrize("column", [0, 1, 2])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sorts_as_the_search_proxy_does(qtbot, column: int, order: Qt.SortOrder) -> None:
    keyed, plain = pair(qtbot)
    keyed.sort(column, order)
    plain.sort(column, order)
    assert shown(keyed) == shown(plain)
    assert keyed.records() == shown(plain)


@pytest.mark.parametrize("text", ["nguyen van", "an", "AN", "di muon", "lam", "đức", "xyz", "", "-2"])
def test_searches_as_the_search_proxy_does(qtbot, text: str) -> None:
    keyed, plain = pair(qtbot)
    keyed.sort(0, Qt.SortOrder.AscendingOrder)
    plain.sort(0, Qt.SortOrder.AscendingOrder)
    keyed.set_search(text)
    plain.set_search(text)
    assert shown(keyed) == shown(plain)
    assert keyed.records() == shown(plain)
    keyed.set_record_filter(lambda row: row.points is not None and row.points < 0)
    plain.set_record_filter(lambda row: row.points is not None and row.points < 0)
    assert keyed.records() == shown(keyed) == shown(plain)


def test_new_records_keep_the_chosen_order_and_a_sort_keeps_the_selection(qtbot) -> None:
    keyed, _plain = pair(qtbot)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(keyed)
    view.setSortingEnabled(True)
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert [row.points for row in shown(keyed)] == [-5, -2, -2, -1, -1, 3, None]
    keyed.sourceModel().set_records(list(reversed(ROWS)))
    assert [row.points for row in shown(keyed)] == [-5, -2, -2, -1, -1, 3, None]
    target = next(row for row in range(keyed.rowCount()) if keyed.record(row).name == "Trần Anh Đức")
    view.selectionModel().setCurrentIndex(keyed.index(target, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                          | QItemSelectionModel.SelectionFlag.Rows)
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert keyed.record(view.currentIndex().row()).name == "Trần Anh Đức"
    assert view.selectionModel().isRowSelected(view.currentIndex().row())


def test_events_page_on_a_year_sorts_and_searches_what_the_database_holds(window: MainWindow, qtbot,
                                                                         qtmodeltester) -> None:
    page = window.show_page(EventsPage)
    assert isinstance(page, EventsPage)
    page.set_range(date(DEMO_TODAY.year, 1, 1), DEMO_TODAY)
    stored = page.ward.store.events.find(date(DEMO_TODAY.year, 1, 1), DEMO_TODAY)
    assert len(stored) > 50
    rows = page.shown_rows()
    assert sorted(row.event.id for row in rows) == sorted(event.id for event in stored)
    assert [(row.event.day, row.event.id) for row in rows] == sorted(
        ((row.event.day, row.event.id) for row in rows), reverse=True)  # newest first
    page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    names = [name_sort_key(row.full_name) for row in page.shown_rows()]
    assert names == sorted(names)
    page.search.setText("nguyen")
    found = page.shown_rows()
    assert found
    assert {row.event.id for row in found} == {
        row.event.id for row in rows
        if any(word.startswith("nguyen") for word in _folded_words(row, page))}
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def _folded_words(row, page: EventsPage) -> list[str]:
    from ward_office.i18n.text import fold

    return re.findall(r"\w+", " ".join(fold(column.text(row)) for column in page.columns if column.searchable))

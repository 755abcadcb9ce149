"""The window on the screens of office PCs: it opens inside the screen, remembers where it was left, and every
page is usable at 1024×768 and 1366×768, key columns in sight without sideways scrolling."""

from __future__ import annotations

import pytest
from ui_helpers import UNDER_WINE

from PySide6.QtCore import QCoreApplication, QRect, QSettings, Qt
from PySide6.QtWidgets import QTableView, QWidget

from ward_office.ui.attendance.page import AttendancePage
from ward_office.ui.dashboard.page import DashboardPage
from ward_office.ui.ranking.page import RankingPage
from ward_office.ui.shell.geometry import keep_geometry, opening_geometry
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.widgets.fit import ColumnFit
from ward_office.ui.widgets.jobs import wait_for_jobs

SIZES = ((1024, 768), (1366, 768))


def test_small_screens_open_maximised_larger_ones_centred_inside() -> None:
    rect, maximise = opening_geometry(QRect(0, 0, 1366, 728))  # a 1366×768 laptop with its taskbar
    assert maximise
    assert rect == QRect(43, 0, 1280, 728)  # never taller than the free area
    rect, maximise = opening_geometry(QRect(0, 0, 1024, 738))
    assert maximise
    assert rect.size().width() == 1024
    rect, maximise = opening_geometry(QRect(0, 0, 1920, 1040))
    assert not maximise
    assert rect == QRect(320, 120, 1280, 800)


def test_the_window_comes_back_where_it_was_left(qtbot, tmp_path) -> None:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = QWidget()
    qtbot.addWidget(first)
    keep_geometry(first, store)
    first.setGeometry(40, 50, 700, 500)
    first.show()
    qtbot.waitExposed(first)
    first.close()
    assert store.contains("window/geometry")
    second = QWidget()
    qtbot.addWidget(second)
    keep_geometry(second, store)
    assert (second.width(), second.height()) == (700, 500)


def _settle() -> None:
    for _round in range(3):
        wait_for_jobs()
        QCoreApplication.processEvents()


def _show_each_page(window: MainWindow, width: int, height: int):
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(width, height)
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        _settle()
        yield window.stack.currentWidget()


def test_every_page_fits_a_small_screen_without_sideways_scrolling(window: MainWindow) -> None:
    fitted: set[str] = set()
    for width, height in SIZES:
        for page in _show_each_page(window, width, height):
            name = type(page).__name__
            # No page forces the window wider or taller than the screen.
            assert (window.width(), window.height()) == (width, height), name
            for fit in page.findChildren(ColumnFit):
                if fit.view.isVisible() and fit.view.model().rowCount() > 0:
                    assert fit.key_columns_visible(), f"{name}: key columns out of sight at {width}×{height}"
                    fitted.add(name)
            if isinstance(page, DashboardPage):
                for view in page.findChildren(QTableView):
                    if view.isVisible():
                        assert view.horizontalScrollBar().maximum() == 0, f"overview table scrolls at {width}"
    # The pages the small screen hid columns of are among those checked.
    assert {AttendancePage.__name__, RankingPage.__name__} <= fitted


def test_the_attendance_grid_shows_both_sessions_at_1024(window: MainWindow) -> None:
    page = window.show_page(AttendancePage)
    list(_show_each_page(window, 1024, 768))
    window.show_page(AttendancePage)
    _settle()
    grid = page.grid
    header = grid.horizontalHeader()
    for column in (0, 3, 4):  # name, morning, afternoon
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= grid.viewport().width()
    assert header.sectionSize(4) >= grid.sizeHintForColumn(4) - 1  # the afternoon is not cut short


@pytest.mark.skipif(UNDER_WINE, reason="under Wine's Windows style the ranking's columns are narrower than under "
                    "Fusion (the six number columns 32-40 px against 45-46, all columns up to the grade 939 px against "
                    "1069): at 1024 px narrowing position and department alone keeps score and grade in sight, so "
                    "nothing moves forward; the every-page test checks they are in sight")
def test_the_ranking_brings_score_and_grade_forward_only_when_narrow(window: MainWindow) -> None:
    page = window.show_page(RankingPage)
    _settle()
    score, grade = page.model.key_columns()[2:]
    header = page.table.horizontalHeader()
    window.resize(1024, 768)
    _settle()
    assert (header.visualIndex(score), header.visualIndex(grade)) == (2, 3)
    window.resize(1920, 1080)
    _settle()
    assert (header.visualIndex(score), header.visualIndex(grade)) == (score, grade)
    assert page.table_fit.key_columns_visible()

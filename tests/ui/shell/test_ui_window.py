"""The main window as a whole: it opens on a ward, in Vietnamese, and every page shows no English."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ui_helpers import untranslated, visible_texts

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QTabWidget, QToolButton, QWidget

from ward_office.i18n import _

from ward_office.ui.shell.main_window import APP_NAME_VI, PAGES, MainWindow
from ward_office.ui.widgets.page import Page


def test_window_title_names_the_ward(window: MainWindow) -> None:
    assert window.windowTitle() == f"{APP_NAME_VI} — Ủy ban nhân dân phường Tân An"
    assert [window.nav.item(row).text() for row in range(window.nav.count())] == [
        "Tổng quan", "Chấm công", "Kiểm tra", "Sự việc", "Mức độ hài lòng", "Cán bộ", "Chấm điểm nhiệm vụ", "Xếp loại",
        "Báo cáo", "Nhật ký thay đổi", "Cài đặt"]


def test_every_page_shows_only_vietnamese(window: MainWindow, qtbot) -> None:
    problems = []
    for row, page in enumerate(window.pages):
        window.nav.setCurrentRow(row)
        qtbot.waitUntil(page.isVisible)
        problems += [(type(page).__name__, where, text) for where, text in untranslated(visible_texts(window))]
    assert problems == []


def test_the_check_catches_english(window: MainWindow) -> None:
    """The walk must see a stray English label, or the test above proves nothing."""
    from PySide6.QtWidgets import QLabel

    page = window.pages[0]
    for text in ("Save changes", "Overview"):  # an English phrase; one of our msgids shown untranslated
        label = QLabel(text, page)
        page.layout().addWidget(label)
        label.show()
    found = {text for _where, text in untranslated(visible_texts(window))}
    assert {"Save changes", "Overview"} <= found


def test_qt_standard_buttons_are_vietnamese(window: MainWindow) -> None:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert [button.text() for button in box.buttons()] == ["Đồng ý", "Hủy"]
    message = QMessageBox(QMessageBox.Icon.Question, "x", "y",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert {button.text().replace("&", "") for button in message.buttons()} == {"Có", "Không"}


def test_the_arrows_of_tabs_that_do_not_fit_are_vietnamese(window: MainWindow, qtbot) -> None:
    # Seen under Windows' fonts (packaging/windows/check.sh): the settings page's tabs overflowed.
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    for number in range(12):
        tabs.addTab(QWidget(), f"Thẻ số {number}")
    tabs.resize(200, 100)
    tabs.show()
    names = {button.accessibleName() for button in tabs.findChildren(QToolButton)}
    assert names == {"Cuộn sang trái", "Cuộn sang phải"}


def test_go_menu_switches_pages(window: MainWindow) -> None:
    go_menu = window.menuBar().actions()[1].menu()
    go_menu.actions()[5].trigger()
    assert window.stack.currentWidget() is window.pages[5]
    assert window.nav.currentRow() == 5


def test_opening_another_book_reloads_every_page(window: MainWindow, tmp_path: Path, qtbot) -> None:
    old_title = window.windowTitle()
    window.open_database(tmp_path / "other.db")
    assert window.context.ward.path == tmp_path / "other.db"
    assert window.windowTitle() != old_title
    assert _("Record book: {path}").format(path=tmp_path / "other.db") in window.statusBar().findChildren(
        type(window._status))[0].text()


@pytest.mark.parametrize("row", range(len(PAGES)))
def test_pages_are_pages(window: MainWindow, row: int) -> None:
    entry = PAGES[row]
    page = window.pages[row]
    assert isinstance(page, Page) and entry.is_for(type(page))
    assert window.nav.item(row).text() == _(entry.title) != entry.title


# Loaded later: scoring (by the overview's background job), password hashing (at sign-in), the clock's digests.
NOT_AT_START = ("ward_office.scoring", "ward_office.core.plan", "ward_office.services.presentation",
                "ward_office.services.demo", "sqlite_utils", "tomllib", "hashlib", "secrets", "calendar",
                # the plan's types, the clock's records, the change log's reader and the user guide
                "ward_office.core.plan_types", "ward_office.core.plan_year", "ward_office.core.clock",
                "ward_office.storage.punches", "ward_office.storage.change_log", "ward_office.ui.shell.guide")


def test_the_window_starts_with_only_the_overview_and_without_what_it_needs_later(demo_db: Path) -> None:
    code = ("import sys; from pathlib import Path\n"
            "from ward_office.ui.shell.app import create_application, open_main_window\n"
            "app = create_application(sys.argv); window = open_main_window(Path(sys.argv[1]))\n"
            f"print(sorted(name for name in {NOT_AT_START!r} if name in sys.modules))\n"
            "window.show(); app.processEvents()\n"
            "print(sorted(name for name in sys.modules if name.startswith('ward_office.ui.') and name.endswith('.page')"
            " or name == 'sqlite_utils')); window.context.ward.close()")
    result = subprocess.run([sys.executable, "-c", code, str(demo_db)], capture_output=True, text=True, check=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    before_show, after_show = result.stdout.strip().splitlines()[-2:]
    assert before_show == "[]"
    assert after_show == str(["ward_office.ui.dashboard.page", "ward_office.ui.widgets.page"])


def test_qt_messages_we_do_not_translate_keep_their_text(window: MainWindow, tmp_path) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QImage

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Hủy"
    assert QCoreApplication.translate("SomeWidget", "A message of Qt's we have no translation for") == (
        "A message of Qt's we have no translation for")
    picture = tmp_path / "picture"  # no suffix: Qt asks every image reader, whose messages are translated
    image = QImage(4, 3, QImage.Format.Format_RGB32)
    image.fill(0)
    assert image.save(str(picture), "PNG")
    assert QImage(str(picture)).size() == image.size()

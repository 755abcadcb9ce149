"""A real main window on a copy of one demo ward, offscreen, in Vietnamese.

The demo ward is built once per test run up to a fixed Friday, and every test gets its own copy of the
file, so tests may write freely.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_helpers import DEMO_TODAY

from ward_office import i18n
from ward_office.services.demo import build_demo

from ward_office.ui.shell.app import create_application, open_main_window
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.widgets.jobs import wait_for_jobs


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["ward-office-tests"]


@pytest.fixture(scope="session")
def qapp_cls():
    from PySide6.QtWidgets import QApplication

    class WardApplication(QApplication):
        def __init__(self, argv: list[str]) -> None:
            super().__init__(argv)
            create_application(argv)

    return WardApplication


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    previous = i18n.current_language()
    i18n.set_language("vi")  # the demo records who wrote them ("Dữ liệu mẫu") in the current language
    try:
        build_demo(path, staff=30, months=12, seed=2026, until=DEMO_TODAY)
    finally:
        i18n.set_language(previous)
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ward.db"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def window(qtbot, demo_db: Path, vietnamese: None) -> Iterator[MainWindow]:
    main_window = open_main_window(demo_db, today=DEMO_TODAY)
    qtbot.addWidget(main_window)
    # The size the window tests were written at; the running program sizes itself to the screen (ui/shell/geometry),
    # and tests/ui/shell/test_ui_screens.py checks every page at 1024×768 and 1366×768.
    main_window.resize(1280, 800)
    main_window.show()
    qtbot.waitExposed(main_window)
    yield main_window
    _finish(main_window)


def _finish(main_window: MainWindow) -> None:
    """Every test must leave no dialog or message box open behind it."""
    from PySide6.QtWidgets import QApplication, QDialog

    wait_for_jobs()
    left_open = [widget for widget in QApplication.topLevelWidgets()
                 if isinstance(widget, QDialog) and widget.isVisible()]
    for widget in left_open:
        widget.close()
    main_window.context.ward.close()
    assert not left_open, f"dialogs left open: {[widget.windowTitle() for widget in left_open]}"


@pytest.fixture
def empty_window(qtbot, tmp_path: Path, vietnamese: None) -> Iterator[MainWindow]:
    main_window = open_main_window(tmp_path / "empty.db", today=DEMO_TODAY)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    yield main_window
    _finish(main_window)

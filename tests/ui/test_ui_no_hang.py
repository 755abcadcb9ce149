"""No UI test can hang: a check failing inside a modal dialog closes it and fails the test, and a test that
blocks anyway is stopped by its time limit (pytest-timeout's thread method, as pyproject.toml sets)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
import ui_helpers
from ui_helpers import close_modal_dialogs, driving

from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

ROOT = Path(__file__).resolve().parents[2]
HANGING_TEST = '''
import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.mark.timeout(2)
def test_a_modal_box_nobody_closes(qapp):
    QMessageBox(QMessageBox.Icon.NoIcon, "left open", "nobody presses OK").exec()
'''


def shown_dialogs() -> list[QWidget]:
    return [widget for widget in QApplication.topLevelWidgets() if isinstance(widget, QDialog) and widget.isVisible()]


def test_a_failed_check_inside_a_modal_dialog_closes_it_and_fails(qtbot) -> None:
    def check(box: QWidget) -> None:
        assert box.windowTitle() == "another title"

    box = QMessageBox(QMessageBox.Icon.NoIcon, "hộp", "chờ", QMessageBox.StandardButton.Ok)
    with pytest.raises(AssertionError, match="another title"), driving(QMessageBox, check):
        box.exec()  # returns only because the failed check closed the box
    assert shown_dialogs() == []


def test_nested_dialogs_are_all_closed_innermost_first(qtbot) -> None:
    outer = QMessageBox(QMessageBox.Icon.NoIcon, "ngoài", "1", QMessageBox.StandardButton.Ok)
    closed: list[str] = []

    def open_inner(_outer: QWidget) -> None:
        inner = QMessageBox(QMessageBox.Icon.NoIcon, "trong", "2", QMessageBox.StandardButton.Ok, outer)
        driver.when_shown(QMessageBox, lambda _box: closed.extend(close_modal_dialogs()))
        inner.exec()

    with driving(QMessageBox, open_inner) as driver:
        outer.exec()
    assert closed == ["trong", "ngoài"] and shown_dialogs() == []


def test_a_dialog_that_never_comes_up_closes_the_one_that_did(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui_helpers, "DIALOG_WAIT_S", 0.3)
    other = QMessageBox(QMessageBox.Icon.NoIcon, "khác", "không phải hộp chờ", QMessageBox.StandardButton.Ok)
    with pytest.raises(AssertionError, match="no QFileDialog was shown"), driving(QFileDialog, lambda _dialog: None):
        other.exec()
    assert shown_dialogs() == []


def test_a_test_blocked_in_a_modal_dialog_is_stopped_by_its_time_limit(tmp_path: Path) -> None:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert settings["timeout_method"] == "thread" and settings["timeout"] <= 60
    (tmp_path / "test_hanging.py").write_text(HANGING_TEST, encoding="utf-8")
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "timeout_method=thread",
         str(tmp_path / "test_hanging.py")],
        cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=50)
    assert done.returncode != 0
    assert "Timeout" in done.stdout + done.stderr
    assert time.monotonic() - started < 40

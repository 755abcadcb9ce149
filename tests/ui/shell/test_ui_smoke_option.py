"""The hidden ``--smoke-test`` start that packaging/smoke_test.py runs on a built bundle, the About box and
the app icon: what an installed copy shows about itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from ui_helpers import untranslated, visible_texts

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from ward_office import __version__, cli, paths
from ward_office.cli.app import build_parser

import ward_office.ui.shell.app as ui_app
from ward_office.ui.shell.main_window import APP_NAME_VI, MainWindow


def run_smoke(database: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "ward_office", "--db", str(database), "--smoke-test", *extra],
                          capture_output=True, text=True, encoding="utf-8", env=environment, timeout=120)


def smoke_line(output: str) -> dict[str, object]:
    lines = [line for line in output.splitlines() if line.startswith(ui_app.SMOKE_MARKER + " ")]
    assert len(lines) == 1, output
    return json.loads(lines[0].removeprefix(ui_app.SMOKE_MARKER + " "))


def test_smoke_test_start_prints_the_vietnamese_window_and_exits_by_itself(demo_db: Path) -> None:
    done = run_smoke(demo_db)
    assert done.returncode == 0, done.stderr
    report = smoke_line(done.stdout)
    assert report["version"] == __version__
    assert str(report["title"]).startswith(APP_NAME_VI + " — ")
    assert report["pages"][:2] == ["Tổng quan", "Chấm công"]  # type: ignore[index]
    assert "Cài đặt" in report["pages"]  # type: ignore[operator]
    assert "&Tệp" in report["menus"] and "Trợ &giúp" in report["menus"]  # type: ignore[operator]
    assert report["current_page"] == "DashboardPage"
    texts = [("page", page) for page in report["pages"]] + [("menu", menu) for menu in report["menus"]]  # type: ignore[union-attr]
    assert untranslated(texts) == []


def test_smoke_test_output_is_ascii_so_any_windows_console_prints_it(demo_db: Path) -> None:
    done = run_smoke(demo_db)
    assert done.returncode == 0, done.stderr
    marker_line = next(line for line in done.stdout.splitlines() if line.startswith(ui_app.SMOKE_MARKER))
    assert marker_line.isascii()


def test_smoke_test_in_english_shows_english_pages(demo_db: Path) -> None:
    done = run_smoke(demo_db, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert smoke_line(done.stdout)["pages"][0] == "Overview"  # type: ignore[index]


def test_smoke_test_option_reaches_the_smoke_start_and_is_not_in_the_help(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[tuple[Path, str]] = []
    monkeypatch.setattr(ui_app, "run_smoke_test", lambda path, language: calls.append((path, language)) or 0)
    monkeypatch.setattr(ui_app, "run", lambda path, language: pytest.fail("the normal window was started"))
    assert cli.main(["--db", str(tmp_path / "book.db"), "--smoke-test"]) == 0
    assert calls == [(tmp_path / "book.db", "vi")]
    assert "smoke" not in build_parser().format_help()


def test_smoke_report_describes_the_open_window(window: MainWindow) -> None:
    report = ui_app.smoke_report(window)
    assert report["title"] == window.windowTitle()
    assert report["pages"] == [window.nav.item(row).text() for row in range(window.nav.count())]
    assert report["version"] == __version__


def test_the_application_has_the_ward_office_icon_in_every_size(window: MainWindow) -> None:
    icon = QApplication.windowIcon()
    assert not icon.isNull()
    sizes = {(size.width(), size.height()) for size in icon.availableSizes()}
    assert sizes == {(size, size) for size in ui_app.ICON_SIZES}
    assert not window.windowIcon().pixmap(QSize(32, 32)).isNull()
    for size in ui_app.ICON_SIZES:
        assert (paths.icons_dir() / f"ward-office-{size}.png").is_file()


def test_about_shows_version_licences_and_data_folder_in_vietnamese(window: MainWindow, qtbot) -> None:
    box = window.show_about()
    qtbot.waitExposed(box)
    assert isinstance(box, QMessageBox) and box.isVisible()
    text = box.text()
    assert f"Phiên bản {__version__}" in text
    assert "GNU GPL" in text and "SIL Open Font License 1.1" in text
    assert str(paths.data_dir()) in text
    assert str(window.context.ward.path) in text
    assert untranslated(visible_texts(box)) == []
    box.grab().save("/tmp/packaging_about.png")
    box.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert not box.isVisible()


def test_smoke_test_changes_nothing_in_the_book(demo_db: Path) -> None:
    before = demo_db.read_bytes()
    done = run_smoke(demo_db)
    assert done.returncode == 0, done.stderr
    assert demo_db.read_bytes() == before
    assert not Path(f"{demo_db}-wal").exists() or Path(f"{demo_db}-wal").stat().st_size == 0

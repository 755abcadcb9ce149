"""The hidden ``--smoke-test`` walk that packaging/smoke_test.py runs on a built bundle, the About box and
the app icon: what an installed copy shows about itself. The walk fails when a page's module is missing,
as it was from a bundle whose spec did not list the pages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from ui_helpers import untranslated, visible_texts

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from ward_office import __version__, cli, paths
from ward_office.cli.app import build_parser

import ward_office.ui.shell.app as ui_app
import ward_office.ui.shell.smoke as smoke
from ward_office.ui.shell.main_window import APP_NAME_VI, PAGES, MainWindow


def run_smoke(database: Path, *extra: str, missing: str = "") -> subprocess.CompletedProcess[str]:
    """``ward-office --smoke-test`` from source; with ``missing``, as if that module were not installed."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    start = (f"import sys; sys.modules[{missing!r}] = None; " if missing else "") + \
        "from ward_office.cli import main; raise SystemExit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", "import sys; " + start, "--db", str(database), "--smoke-test", *extra],
                          capture_output=True, text=True, encoding="utf-8", env=environment, timeout=120)


def smoke_line(output: str) -> dict[str, object]:
    lines = [line for line in output.splitlines() if line.startswith(smoke.SMOKE_MARKER + " ")]
    assert len(lines) == 1, output
    return json.loads(lines[0].removeprefix(smoke.SMOKE_MARKER + " "))


# The walk builds every page and makes a report: longer than one window start.
@pytest.mark.timeout(120)
def test_smoke_test_walks_every_page_tab_wizard_and_a_report_in_vietnamese(
        demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = demo_db.read_bytes()
    screenshot = tmp_path / "window.png"
    monkeypatch.setenv(smoke.SCREENSHOT_VARIABLE, str(screenshot))
    done = run_smoke(demo_db)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert demo_db.read_bytes() == before  # the walk signs in and writes on a copy
    assert not Path(f"{demo_db}-wal").exists() or Path(f"{demo_db}-wal").stat().st_size == 0
    marker_line = next(line for line in done.stdout.splitlines() if line.startswith(smoke.SMOKE_MARKER))
    assert marker_line.isascii()  # so any Windows console prints it
    report = smoke_line(done.stdout)
    assert report["version"] == __version__
    assert str(report["title"]).startswith(APP_NAME_VI + " — ")
    assert report["pages"][:2] == ["Tổng quan", "Chấm công"]  # type: ignore[index]
    assert "Cài đặt" in report["pages"]  # type: ignore[operator]
    assert "&Tệp" in report["menus"] and "Trợ &giúp" in report["menus"]  # type: ignore[operator]
    assert report["signed_in"] == "truong"
    assert report["opened"] == [entry.class_name for entry in PAGES]
    assert {"Đơn vị", "Khóa sổ", "Tài khoản"} <= set(report["tabs"])  # type: ignore[arg-type]
    assert report["wizards"] == ["ImportWizard", "FirstRunWizard"]
    assert report["report_pages"] >= 1 and report["failures"] == 0  # type: ignore[operator]
    texts = [("page", page) for page in report["pages"]] + [("menu", menu) for menu in report["menus"]]  # type: ignore[union-attr]
    assert untranslated(texts) == []
    picture = QImage(str(screenshot))  # the signed-in window, saved for packaging/windows/check.sh to show
    assert picture.width() >= 800 and picture.height() >= 600


@pytest.mark.timeout(120)  # the walk, as above
def test_smoke_test_fails_when_a_page_module_is_missing(demo_db: Path) -> None:
    done = run_smoke(demo_db, missing="ward_office.ui.checks.page")
    assert done.returncode == 1, done.stdout
    assert "ModuleNotFoundError" in done.stderr and "ward_office.ui.checks.page" in done.stderr
    assert "page 3 shows a ward_office.ui.attendance.page.AttendancePage, not ChecksPage" in done.stderr
    report = smoke_line(done.stdout)
    assert report["opened"][2] == "AttendancePage" and report["failures"] >= 2  # type: ignore[index, operator]


@pytest.mark.timeout(120)  # the walk, as above
def test_smoke_test_fails_on_a_qt_warning(demo_db: Path) -> None:
    start = ("import sys; from PySide6.QtCore import qWarning; import ward_office.ui.shell.smoke as s; "
             "real = s.open_every_page; "
             "s.open_every_page = lambda window, failures: (qWarning('a page warned'), real(window, failures))[1]; "
             "from ward_office.cli import main; raise SystemExit(main(sys.argv[1:]))")
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    warned = subprocess.run([sys.executable, "-c", start, "--db", str(demo_db), "--smoke-test"], capture_output=True,
                            text=True, encoding="utf-8", env=environment, timeout=120)
    assert warned.returncode == 1 and "Qt QtWarningMsg: a page warned" in warned.stderr


@pytest.mark.timeout(120)  # the walk, as above
def test_smoke_test_in_english_shows_english_pages(demo_db: Path) -> None:
    done = run_smoke(demo_db, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert smoke_line(done.stdout)["pages"][0] == "Overview"  # type: ignore[index]


def test_smoke_test_option_reaches_the_smoke_start_and_is_not_in_the_help(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[tuple[Path, str]] = []
    monkeypatch.setattr(smoke, "run_smoke_test", lambda path, language: calls.append((path, language)) or 0)
    monkeypatch.setattr(ui_app, "run", lambda path, language: pytest.fail("the normal window was started"))
    assert cli.main(["--db", str(tmp_path / "book.db"), "--smoke-test"]) == 0
    assert calls == [(tmp_path / "book.db", "vi")]
    assert "smoke" not in build_parser().format_help()


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

"""``ward-office`` with no command opens the window: on --db, on the user's own book, or on a new demo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ward_office import cli, paths
from ward_office.storage import Store

import ward_office.ui.shell.app as ui_app


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    monkeypatch.setattr(ui_app, "run", lambda path, language: calls.append(path) or 0)
    return calls


def test_no_command_opens_the_window_on_db(opened: list[Path], tmp_path: Path) -> None:
    assert cli.main(["--db", str(tmp_path / "book.db")]) == 0
    assert opened == [tmp_path / "book.db"]


@pytest.mark.parametrize("arguments", [
    ["--d"], ["--db"], ["--lang"], ["--lang", "xx"], ["--bogus"], ["--db", "x", "--"], ["-x"], ["--demo", "--db"],
    ["--db", "x", "--lang", "en", "--bogus"], ["--version"], ["-h"], ["score", "--bogus"],
])
def test_the_window_options_read_without_the_commands_answer_as_the_whole_parser(
        arguments: list[str], opened: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    """``main`` reads the window's options without loading the commands; help, the version and every mistake
    read as the whole parser reads them, in the same words (its usage names the commands)."""
    from ward_office.cli.app import build_parser

    with pytest.raises(SystemExit) as by_main:
        cli.main(arguments)
    said_by_main = capsys.readouterr()
    with pytest.raises(SystemExit) as by_parser:
        build_parser().parse_args(arguments)
    assert by_main.value.code == by_parser.value.code
    assert said_by_main == capsys.readouterr()
    assert opened == []


def test_no_db_opens_the_users_own_book(opened: list[Path], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    assert cli.main([]) == 0
    assert opened == [tmp_path / "data" / "ward_office.db"]


def test_demo_builds_a_fresh_ward_each_time(opened: list[Path], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    assert cli.main(["--demo"]) == 0
    demo = tmp_path / "data" / "demo.db"
    with Store.open(demo) as store:
        first_count = len(store.staff.list())
    assert first_count == 45
    assert cli.main(["--demo"]) == 0  # an existing demo is rebuilt, not refused
    assert opened == [demo, demo]


def test_starting_the_window_loads_no_report_or_spreadsheet_library() -> None:
    code = ("import sys; import ward_office.ui.shell.app, ward_office.ui.shell.main_window; "
            "from ward_office.ui.shell.main_window import page_classes; page_classes(); "
            "print(','.join(sorted(m for m in ('reportlab', 'openpyxl', 'pypdf') if m in sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == ""


def test_an_uncaught_error_in_the_window_is_one_line_and_logged(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               vietnamese: None) -> None:
    """Qt hands an error raised in a slot to sys.excepthook: a message box with one Vietnamese line, the
    traceback in the log; a closed pipe says nothing."""
    import sqlite3

    monkeypatch.setenv("WARD_OFFICE_DATA_DIR", str(tmp_path))
    monkeypatch.setattr("sys.excepthook", sys.excepthook)
    ui_app.install_error_hooks()
    try:
        raise sqlite3.OperationalError("attempt to write a readonly database")
    except sqlite3.OperationalError as error:
        box = ui_app.report_uncaught(type(error), error, error.__traceback__)
    assert box is not None and box.isVisible()
    assert box.text().startswith("Lỗi: sổ theo dõi chỉ đọc được") and "\n" not in box.text()
    assert "OperationalError" in (tmp_path / "ward-office.log").read_text(encoding="utf-8")
    box.done(0)
    try:
        raise RuntimeError("không ai lường trước")
    except RuntimeError as error:
        box = ui_app.report_uncaught(type(error), error, error.__traceback__)
    assert box is not None and box.text() == f"Lỗi không mong đợi; chi tiết đã ghi vào {tmp_path / 'ward-office.log'}"
    box.done(0)
    assert ui_app.report_uncaught(BrokenPipeError, BrokenPipeError()) is None

"""``ward-office`` with no command opens the window: on --db, on the user's own book, or on a new demo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ward_office import cli, paths
from ward_office.storage import Store

import ward_office.ui.app as ui_app


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    monkeypatch.setattr(ui_app, "run", lambda path, language: calls.append(path) or 0)
    return calls


def test_no_command_opens_the_window_on_db(opened: list[Path], tmp_path: Path) -> None:
    assert cli.main(["--db", str(tmp_path / "book.db")]) == 0
    assert opened == [tmp_path / "book.db"]


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
    code = ("import sys; import ward_office.ui.app, ward_office.ui.main_window; "
            "from ward_office.ui.main_window import page_classes; page_classes(); "
            "print(','.join(sorted(m for m in ('reportlab', 'openpyxl', 'pypdf') if m in sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == ""

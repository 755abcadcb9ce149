"""What ``ward-office`` does before its window: the book opened once, the damaged-book dialog, the sign-in.

Each dialog at start blocks (``exec``); a timer drives it, as a user would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from ui_helpers import corrupt, driving

from PySide6.QtWidgets import QWidget

from ward_office.services import backups
from ward_office.services.demo import DEMO_PASSWORD
from ward_office.services.ward import Ward
from ward_office.storage import check_integrity, database

from ward_office.ui.backups import dialogs as backup_dialogs
from ward_office.ui.backups.dialogs import DamagedBookDialog
from ward_office.ui.backups.sign_in import BackupSignInDialog
from ward_office.ui.shell.app import start_session
from ward_office.ui.shell.sign_in import SignInDialog


def sign_in_as_head(dialog: QWidget) -> None:
    assert isinstance(dialog, SignInDialog)
    dialog.username_edit.setText("truong")
    dialog.password_edit.setText(DEMO_PASSWORD)
    dialog.ok_button().click()


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every integrity check of a book on opening it."""
    seen: list[Path] = []
    real = database.check_integrity

    def counting(path: str | Path, *, quick: bool = False) -> list[str]:
        seen.append(Path(path))
        return real(path, quick=quick)

    monkeypatch.setattr(database, "check_integrity", counting)
    return seen


def test_the_book_is_opened_and_checked_once_for_the_sign_in_and_the_window(qtbot, demo_db: Path, checks: list[Path],
                                                                            vietnamese: None) -> None:
    with driving(SignInDialog, sign_in_as_head):
        session = start_session(demo_db)
    assert session is not None
    ward, account = session
    try:
        assert account is not None and account.username == "truong"
        assert ward.account == account and not ward.read_only
        assert checks == [demo_db]
    finally:
        ward.close()


def test_giving_up_at_the_sign_in_leaves_the_book_closed(qtbot, demo_db: Path, vietnamese: None) -> None:
    with driving(SignInDialog, lambda dialog: dialog.reject()):
        assert start_session(demo_db) is None
    with Ward.open(demo_db) as again:  # not held by a forgotten connection: this copy may write
        assert not again.read_only


def test_a_damaged_book_is_restored_at_start_then_signed_in(qtbot, demo_db: Path, tmp_path: Path,
                                                           vietnamese: None) -> None:
    book = tmp_path / "so.db"
    shutil.copyfile(demo_db, book)
    good = backups.back_up_now(book, now=datetime(2026, 11, 19, 17, 0))
    corrupt(book)
    steps: list[str] = []

    def restore(dialog: QWidget) -> None:
        assert isinstance(dialog, DamagedBookDialog)
        steps.append("damaged")
        driver.when_shown(BackupSignInDialog, sign_backup)
        dialog.restore_button.click()

    def sign_backup(dialog: QWidget) -> None:  # a head of the backup signs its restore
        assert isinstance(dialog, BackupSignInDialog)
        steps.append("head of the backup")
        driver.when_shown(SignInDialog, lambda sign_in: (steps.append("sign in"), sign_in_as_head(sign_in)))
        dialog.username_edit.setText("truong")
        dialog.password_edit.setText(DEMO_PASSWORD)
        dialog.ok_button().click()

    with driving(DamagedBookDialog, restore) as driver:
        session = start_session(book)
    assert session is not None
    ward, account = session
    try:
        assert steps == ["damaged", "head of the backup", "sign in"]
        assert ward.path == book and account is not None
        assert check_integrity(book) == []
        assert len(ward.staff()) > 0 and good.path.is_file()
    finally:
        ward.close()


def test_a_file_that_is_no_record_book_is_refused_with_a_message(qtbot, tmp_path: Path, vietnamese: None,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    foreign = tmp_path / "khac.db"
    foreign.write_bytes(b"not a database at all" * 100)
    shown: list[str] = []
    monkeypatch.setattr(backup_dialogs, "show_error", lambda _parent, error: shown.append(error.localized()))
    assert start_session(foreign) is None
    assert shown and "khac.db" in shown[0]
    assert foreign.read_bytes() == b"not a database at all" * 100


# Loaded by a command, a page or the first scoring, never before the sign-in of ``ward-office`` (the window).
NOT_AT_SIGN_IN = ("ward_office.cli.attendance", "ward_office.cli.ranking", "ward_office.cli.reports",
                  "ward_office.services.period_locks", "ward_office.scoring", "ward_office.core.plan",
                  "ward_office.core.plan_types", "ward_office.importers", "ward_office.storage.punches",
                  "ward_office.ui.shell.guide", "tomllib", "reportlab", "openpyxl", "ctypes")


def test_the_sign_in_of_ward_office_comes_up_without_the_commands_and_the_scoring(demo_db: Path,
                                                                                    tmp_path: Path) -> None:
    """The program as a user starts it, to the first paint of the sign-in (where benchmarks/cold_start.py
    times the bundle): what it has imported by then."""
    code = ("import builtins, os, sys\n"
            "show = builtins.print\n"
            "def at_first_paint(*args, **kwargs):\n"
            "    if args == ('WARD-OFFICE-SHOWN',):  # ward_office.ui.shell.app.SHOWN_MARKER\n"
            f"        show(sorted(name for name in {NOT_AT_SIGN_IN!r} if name in sys.modules), flush=True)\n"
            "        os._exit(0)\n"
            "    show(*args, **kwargs)\n"
            "builtins.print = at_first_paint\n"
            "from ward_office.cli import main\n"
            "main(['--db', sys.argv[1]])\n")
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WARD_OFFICE_SHOWN_MARKER": "1",
                   "WARD_OFFICE_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-c", code, str(demo_db)], capture_output=True, text=True, check=True,
                            env=environment, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "[]"

"""Words on the sign-in dialog and after a change of user: nothing clipped after a wrong password, and the
status bar does not keep what the previous person was told."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_helpers import DEMO_TODAY

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from ward_office.core.access import Account, Role
from ward_office.services.demo import DEMO_PASSWORD
from ward_office.services.ward import Ward

from ward_office.ui.accounts import idle_time
from ward_office.ui.shell.app import open_main_window
from ward_office.ui.shell.idle_lock import idle_lock_of
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.shell.sign_in import SignInDialog
from ward_office.ui.widgets.jobs import wait_for_jobs

HEAD = Account(None, "truong", "Trần Quốc Hùng", Role.HEAD)


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The idle time is kept in a file of the test, not in the user's settings."""
    path = tmp_path / "settings.ini"
    monkeypatch.setattr(idle_time, "settings", lambda: QSettings(str(path), QSettings.Format.IniFormat))


def _clipped(dialog: SignInDialog) -> list[str]:
    """The visible labels whose wrapped text needs more height than they were given."""
    return [label.text() for label in dialog.findChildren(QLabel)
            if label.isVisible() and label.wordWrap() and label.text()
            and label.height() < label.heightForWidth(label.width())]


def test_the_sign_in_hints_and_the_refusal_are_never_clipped(qtbot, demo_db: Path, vietnamese: None) -> None:
    with Ward.open(demo_db) as ward:
        dialog = SignInDialog(ward)
        qtbot.addWidget(dialog)
        dialog.open()
        qtbot.waitExposed(dialog)
        qtbot.keyClicks(dialog.username_edit, "truong")
        qtbot.keyClicks(dialog.password_edit, "sai-mat-khau")
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        # The refusal comes once the password is checked, which a loaded machine can take a while to do.
        qtbot.waitUntil(lambda: dialog.error_label.isVisible() and dialog.wait_label.isVisible(), timeout=10_000)
        assert dialog.demo_hint.isVisible() and "123456" in dialog.demo_hint.text()
        assert dialog.wait_label.wordWrap() and dialog.demo_hint.wordWrap()
        assert _clipped(dialog) == []
        for label in (dialog.demo_hint, dialog.error_label, dialog.wait_label):
            assert label.geometry().bottom() <= dialog.buttons.geometry().top()  # above the buttons, whole
        if os.environ.get("WORDS_SHOTS"):
            dialog.grab().save(os.path.join(os.environ["WORDS_SHOTS"], "sign_in_refused.png"))
        dialog.done(0)


@pytest.fixture
def head_window(qtbot, demo_db: Path, vietnamese: None) -> Iterator[MainWindow]:
    main_window = open_main_window(demo_db, today=DEMO_TODAY, account=HEAD)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    yield main_window
    wait_for_jobs()
    lock = idle_lock_of(main_window)
    if lock is not None and lock.dialog is not None:
        lock.dialog.done(0)
    main_window.context.ward.close()


def test_the_previous_users_status_message_is_cleared_when_someone_else_signs_in(
        qtbot, head_window: MainWindow) -> None:
    head_window.statusBar().showMessage("Đã đổi mật khẩu.", 60_000)
    head_window.account_actions.switch_action.trigger()
    dialog = idle_lock_of(head_window).dialog
    assert dialog is not None
    assert head_window.statusBar().currentMessage() == ""  # not left under the cover for the next person
    head_window.statusBar().showMessage("Đã sao lưu hôm nay.", 60_000)  # a message while nobody is signed in
    dialog.username_edit.setText("vanthu")
    dialog.password_edit.setText(DEMO_PASSWORD)
    dialog.accept()
    assert head_window.context.ward.account.username == "vanthu"
    assert head_window.statusBar().currentMessage() == ""


def test_the_same_person_unlocking_keeps_the_status_message(qtbot, head_window: MainWindow) -> None:
    dialog = idle_lock_of(head_window).lock()
    head_window.statusBar().showMessage("Đã sao lưu hôm nay.", 60_000)
    dialog.password_edit.setText(DEMO_PASSWORD)
    dialog.accept()
    assert head_window.context.ward.account.username == "truong"
    assert head_window.statusBar().currentMessage() == "Đã sao lưu hôm nay."

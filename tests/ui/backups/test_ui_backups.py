"""Backups in the window: back up now to any folder, restore from the list (the window reopens the restored
book), the clerk kept out, the daily backup in the background, and the damaged-book dialog."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from ui_helpers import corrupt, untranslated, visible_texts

from PySide6.QtWidgets import QDialogButtonBox, QLabel

from ward_office.core.access import Account, Role
from ward_office.services import backups
from ward_office.services.backups import BackupReason
from ward_office.services.demo import DEMO_PASSWORD
from ward_office.storage import check_integrity

from ward_office.ui.backups.dialogs import DamagedBookDialog
from ward_office.ui.backups.sign_in import BackupSignInDialog
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.widgets.context import Topic
from ward_office.ui.widgets.jobs import wait_for_jobs

SCREENS = Path("/tmp")


def department_names(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM departments")}
    finally:
        conn.close()


def english(widget) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """English left on screen; file paths and names are not words to translate."""
    return [(where, text) for where, text in untranslated(visible_texts(widget))
            if "/" not in text and "\\" not in text and not text.endswith(".db")]


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the info and error boxes would have said (they block, so they are replaced)."""
    shown: list[str] = []
    monkeypatch.setattr("ward_office.ui.backups.dialogs.show_info", lambda _parent, text, *_args: shown.append(text))
    monkeypatch.setattr("ward_office.ui.backups.dialogs.show_error",
                        lambda _parent, error, *_args: shown.append(str(getattr(error, "localized", lambda: error)())))
    return shown


def test_the_file_menu_offers_backup_and_restore_in_vietnamese(window: MainWindow) -> None:
    actions = {action.objectName(): action for action in window.findChildren(type(window.backup_actions.backup_action))}
    assert actions["back_up_now"].text() == "&Sao lưu ngay…"
    assert actions["restore_backup"].text() == "&Khôi phục từ bản sao lưu…"
    assert actions["restore_backup"].isEnabled()


def test_back_up_now_to_a_chosen_folder(window: MainWindow, qtbot, tmp_path: Path, messages: list[str]) -> None:
    dialog = window.backup_actions.back_up_dialog()
    assert dialog.isVisible()
    assert english(dialog) == []
    dialog.grab().save(str(SCREENS / "backups_now.png"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # the usual folder
    wait_for_jobs()
    qtbot.waitUntil(lambda: len(messages) == 1)
    usual = backups.list_backups(window.context.ward.path)
    assert [info.reason for info in usual] == [BackupReason.MANUAL] and usual[0].ok

    dialog = window.backup_actions.back_up_dialog()
    dialog.other.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.error.isVisible()  # no folder chosen yet: nothing happens
    dialog.folder_edit.setText(str(tmp_path / "usb"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    wait_for_jobs()
    qtbot.waitUntil(lambda: len(messages) == 2)
    [copy] = (tmp_path / "usb").iterdir()
    assert str(copy) in messages[1] and "Đã sao lưu" in messages[1]
    assert department_names(copy) == department_names(window.context.ward.path)


def test_restore_from_the_list_reopens_the_restored_book(window: MainWindow, qtbot, qtmodeltester,
                                                         messages: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = window.context.ward.path
    older = backups.back_up_now(path, now=datetime(2026, 11, 18, 16, 30))
    newest = backups.back_up_now(path, now=datetime(2026, 11, 19, 16, 45))
    corrupt(older.path)
    window.context.ward.store.departments.add("Tổ ghi sau sao lưu", "Lan")
    old_ward = window.context.ward
    topics: list[str] = []
    window.context.changed.connect(topics.append)

    dialog = window.backup_actions.restore_dialog()
    assert dialog is not None and dialog.isVisible()
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.proxy)
    texts = visible_texts(dialog)
    assert english(dialog) == []
    shown = " ".join(text for _where, text in texts)
    assert "16:45 19/11/2026" in shown and "bị hỏng" in shown and "tốt" in shown
    assert dialog.selected().path == newest.path  # the newest good one is chosen already
    dialog.resize(900, 420)
    dialog.grab().save(str(SCREENS / "backups_restore.png"))

    dialog.table.selectRow(dialog.proxy.mapFromSource(dialog.model.index(1, 0)).row())  # the damaged one
    dialog.restore_button.click()
    assert dialog.isVisible() and "bị hỏng" in dialog.error.text()

    questions: list[str] = []
    monkeypatch.setattr("ward_office.ui.backups.dialogs.confirm",
                        lambda _parent, text, *_args: questions.append(text) or True)
    dialog.table.selectRow(dialog.proxy.mapFromSource(dialog.model.index(0, 0)).row())
    dialog.restore_button.click()
    wait_for_jobs()
    qtbot.waitUntil(lambda: len(messages) == 1)
    assert newest.path.name in questions[0]
    assert window.context.ward is not old_ward and Topic.ALL in topics
    assert "Tổ ghi sau sao lưu" not in {d.name for d in window.context.ward.departments()}
    kept = [info for info in backups.list_backups(path) if info.reason is BackupReason.RESTORE]
    assert len(kept) == 1 and "Tổ ghi sau sao lưu" in department_names(kept[0].path)
    assert kept[0].path.name in messages[0]


def test_a_clerk_cannot_restore(window: MainWindow, messages: list[str]) -> None:
    window.context.ward.account = Account(3, "lan", "Nguyễn Thị Lan", Role.CLERK)
    window.context.changed.emit(Topic.SETTINGS)
    assert not window.backup_actions.restore_action.isEnabled()
    assert window.backup_actions.restore_dialog() is None
    assert "Lãnh đạo" in messages[0] or "lãnh đạo" in messages[0]


def test_the_daily_backup_runs_once_a_day_in_the_background(window: MainWindow, qtbot) -> None:
    window.backup_actions._run_automatic_backup()
    wait_for_jobs()
    qtbot.waitUntil(lambda: "Đã sao lưu hôm nay" in window.statusBar().currentMessage())
    window.backup_actions._run_automatic_backup()
    wait_for_jobs()
    qtbot.wait(10)
    daily = backups.list_backups(window.context.ward.path)
    assert [info.reason for info in daily] == [BackupReason.DAILY]


def damaged_book(demo_db: Path, tmp_path: Path) -> tuple[Path, backups.BackupFile]:
    other = tmp_path / "khac" / "so-khac.db"
    other.parent.mkdir()
    shutil.copyfile(demo_db, other)
    good = backups.back_up_now(other, now=datetime(2026, 11, 19, 17, 0))
    backups.back_up_now(other, now=datetime(2026, 11, 19, 17, 0) - timedelta(days=3))
    corrupt(other)
    return other, good


def test_opening_a_damaged_book_offers_the_newest_good_backup(window: MainWindow, demo_db: Path, tmp_path: Path,
                                                              qtbot) -> None:
    other, good = damaged_book(demo_db, tmp_path)
    before = other.read_bytes()
    first = window.context.ward
    window.open_database(other)
    dialog = window.backup_dialog
    assert isinstance(dialog, DamagedBookDialog) and dialog.isVisible()
    assert window.context.ward is first and other.read_bytes() == before
    assert english(dialog) == []
    report = dialog.findChild(QLabel, "damage_report").text()
    assert "bị hỏng" in report and "17:00 ngày 19/11/2026" in report and good.path.name in report
    dialog.grab().save(str(SCREENS / "backups_damaged.png"))
    dialog.restore_button.click()
    signer = window.backup_dialog  # a head of the backup signs its restore
    assert isinstance(signer, BackupSignInDialog) and signer.isVisible()
    signer.username_edit.setText("truong")
    signer.password_edit.setText(DEMO_PASSWORD)
    signer.ok_button().click()
    assert window.context.ward.path == other
    assert check_integrity(other) == []
    assert any(info.reason is BackupReason.DAMAGED for info in backups.list_backups(other))


def test_the_damaged_book_dialog_can_open_another_file(window: MainWindow, demo_db: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    other, _good = damaged_book(demo_db, tmp_path)
    chosen: list[bool] = []
    monkeypatch.setattr(window, "choose_database", lambda: chosen.append(True))
    window.open_database(other)
    window.backup_dialog.open_button.click()
    assert chosen == [True]
    assert check_integrity(other) != []  # left as it was


def test_a_damaged_book_without_backups_offers_only_another_file(window: MainWindow, demo_db: Path,
                                                                 tmp_path: Path) -> None:
    other = tmp_path / "hong.db"
    shutil.copyfile(demo_db, other)
    corrupt(other)
    window.open_database(other)
    dialog = window.backup_dialog
    assert dialog.restore_button is None
    assert "Không tìm thấy bản sao lưu tốt" in " ".join(text for _where, text in visible_texts(dialog))
    dialog.reject()


def test_a_backup_changed_outside_the_program_is_restored_only_after_the_head_confirms(
        window: MainWindow, qtbot, messages: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = window.context.ward.path
    tampered = backups.back_up_now(path, now=datetime(2026, 11, 19, 16, 45))
    conn = sqlite3.connect(tampered.path)
    conn.execute("DROP TRIGGER attendance_locked_update")
    conn.commit()
    conn.close()
    questions: list[str] = []
    answers = iter([True, False, True, True])  # restore? yes; anyway? no — then: restore? yes; anyway? yes
    monkeypatch.setattr("ward_office.ui.backups.dialogs.confirm",
                        lambda _parent, text, *_args: questions.append(text) or next(answers))

    window.backup_actions.restore(tampered.path)
    wait_for_jobs()
    qtbot.waitUntil(lambda: len(questions) == 2)
    assert "đã bị sửa đổi ngoài chương trình" in questions[1] and "attendance_locked_update" in questions[1]
    assert len(messages) == 1 and "chưa được khôi phục" in messages[0]
    assert not any(info.reason is BackupReason.RESTORE for info in backups.list_backups(path))

    window.backup_actions.restore(tampered.path)
    wait_for_jobs()
    qtbot.waitUntil(lambda: len(questions) == 4)
    qtbot.waitUntil(lambda: len(messages) == 2)
    wait_for_jobs()
    assert window.context.ward.read_only  # the restored book shows what was accepted: view only, red strip
    assert window.read_only_banner.property("tampered") is True
    window.context.ward.close()

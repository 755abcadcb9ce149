"""Signing in, the head's first account, the idle lock and the accounts tab, on the real window offscreen.

The demo book has a head ("truong") and a clerk ("vanthu"), both with the demo password.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_helpers import DEMO_TODAY, untranslated, visible_texts

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from ward_office.core.access import Account, Role
from ward_office.services import accounts
from ward_office.services.demo import DEMO_PASSWORD
from ward_office.services.sign_in_waits import SignInWaits
from ward_office.services.ward import Ward

from ward_office.ui import widgets
from ward_office.ui.accounts import idle_time
from ward_office.ui.accounts.dialogs import CreateHeadDialog
from ward_office.ui.accounts.tab import AccountsTab
from ward_office.ui.backups.sign_in import BackupSignInDialog, backup_signer
from ward_office.ui.shell.app import open_main_window
from ward_office.ui.shell.idle_lock import IdleLock, LockDialog, idle_lock_of
from ward_office.ui.shell.main_window import MainWindow
from ward_office.ui.shell.settings_page import SettingsPage
from ward_office.ui.shell.sign_in import SignInDialog
from ward_office.ui.widgets.jobs import wait_for_jobs

HEAD = Account(None, "truong", "Trần Quốc Hùng", Role.HEAD)
CLERK = Account(None, "vanthu", "Lê Thị Mai", Role.CLERK)


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The idle time is kept in a file of the test, not in the user's settings."""
    path = tmp_path / "settings.ini"
    monkeypatch.setattr(idle_time, "settings", lambda: QSettings(str(path), QSettings.Format.IniFormat))
    return path


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The window's waits after wrong passwords on a clock of the test: still unless a test moves it."""
    ticking = Clock()
    monkeypatch.setattr(accounts, "WINDOW_WAITS", SignInWaits(clock=ticking))
    return ticking


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    shown: dict[str, list[str]] = {"error": [], "info": [], "confirm": []}
    monkeypatch.setattr(widgets, "show_error", lambda _parent, error, title=None: shown["error"].append(
        error if isinstance(error, str) else widgets.error_text(error)))
    monkeypatch.setattr(widgets, "show_info", lambda _parent, text, title=None: shown["info"].append(text))
    monkeypatch.setattr(widgets, "confirm", lambda _parent, text, title=None: shown["confirm"].append(text) or True)
    return shown


def _finish(main_window: MainWindow) -> None:
    wait_for_jobs()
    left_open = [widget for widget in QApplication.topLevelWidgets()
                 if isinstance(widget, QDialog) and widget.isVisible()]
    for widget in left_open:
        widget.close() if not isinstance(widget, LockDialog) else widget.done(0)
    main_window.context.ward.close()
    assert not left_open, f"dialogs left open: {[widget.windowTitle() for widget in left_open]}"


def _signed_window(qtbot, path: Path, account: Account) -> MainWindow:
    main_window = open_main_window(path, today=DEMO_TODAY, account=account)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    return main_window


@pytest.fixture
def head_window(qtbot, demo_db: Path, vietnamese: None) -> Iterator[MainWindow]:
    main_window = _signed_window(qtbot, demo_db, HEAD)
    yield main_window
    _finish(main_window)


@pytest.fixture
def clerk_window(qtbot, demo_db: Path, vietnamese: None) -> Iterator[MainWindow]:
    main_window = _signed_window(qtbot, demo_db, CLERK)
    yield main_window
    _finish(main_window)


def accounts_tab(window: MainWindow) -> AccountsTab:
    page = window.show_page(SettingsPage)
    page.tabs.setCurrentWidget(page.accounts_tab)
    return page.accounts_tab


def status_text(window: MainWindow) -> str:
    return " ".join(label.text() for label in window.statusBar().findChildren(QLabel))


# ---- The sign-in dialog ----


def test_each_wrong_password_makes_the_next_try_wait_longer_and_the_dialog_counts_down(
        qtbot, demo_db: Path, clock: Clock, vietnamese: None) -> None:
    with Ward.open(demo_db) as ward:
        dialog = SignInDialog(ward)
        qtbot.addWidget(dialog)
        dialog.open()
        dialog.username_edit.setText("truong")
        for attempt, wait in ((1, "1 giây"), (2, "1 giây"), (3, "2 giây"), (4, "4 giây")):
            dialog.password_edit.setText(f"sai-{attempt}")
            dialog.accept()
            assert dialog.wait_label.isVisible() and dialog.wait_label.text() == f"Có thể thử lại sau {wait}."
            assert not dialog.ok_button().isEnabled() and dialog.wait_timer.isActive()
            dialog.password_edit.setText(DEMO_PASSWORD)
            dialog.accept()  # Enter while the wait runs: refused without looking at the password
            assert dialog.account is None and "thử lại sau" in dialog.error_label.text()
            clock.now += accounts.WINDOW_WAITS.seconds_left(ward.path, "truong")
            dialog.show_wait()
            assert dialog.ok_button().isEnabled() and not dialog.wait_label.isVisible()
        dialog.username_edit.setText("vanthu")  # another user name is not held up
        assert dialog.ok_button().isEnabled()
        dialog.username_edit.setText("truong")
        dialog.password_edit.setText(DEMO_PASSWORD)
        with qtbot.waitSignal(dialog.accepted):
            dialog.accept()
        assert accounts.WINDOW_WAITS.seconds_left(ward.path, "truong") == 0


def test_a_damaged_books_backup_is_restored_only_by_a_head_of_the_backup(qtbot, demo_db: Path, tmp_path: Path,
                                                                         vietnamese: None) -> None:
    backup = tmp_path / "ban-sao.db"
    shutil.copyfile(demo_db, backup)
    signer = backup_signer(backup, demo_db)
    assert isinstance(signer, BackupSignInDialog)
    qtbot.addWidget(signer)
    signer.open()
    assert untranslated(visible_texts(signer)) == [] and "ban-sao.db" in signer.intro.text()
    signer.username_edit.setText("vanthu")
    signer.password_edit.setText(DEMO_PASSWORD)
    signer.accept()
    assert signer.isVisible() and "Lê Thị Mai" in signer.error_label.text()  # a clerk there
    signer.username_edit.setText("truong")
    signer.password_edit.setText("sai-mat-khau")
    signer.accept()
    assert signer.isVisible() and signer.actor is None
    accounts.WINDOW_WAITS.clock.now += 1  # type: ignore[attr-defined]
    signer.username_edit.setText("truong")
    signer.password_edit.setText(DEMO_PASSWORD)
    with qtbot.waitSignal(signer.accepted):
        signer.accept()
    assert signer.actor == "Trần Quốc Hùng"


def test_sign_in_refuses_a_wrong_password_and_takes_the_right_one_with_enter(qtbot, demo_db: Path,
                                                                             vietnamese: None) -> None:
    with Ward.open(demo_db) as ward:
        dialog = SignInDialog(ward)
        qtbot.addWidget(dialog)
        dialog.open()
        assert dialog.demo_hint.isVisible() and "123456" in dialog.demo_hint.text()
        assert untranslated(visible_texts(dialog)) == []
        qtbot.keyClicks(dialog.username_edit, "truong")
        qtbot.keyClicks(dialog.password_edit, "sai-mat-khau")
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.account is None and ward.account is None
        assert dialog.error_label.text() == "Tên đăng nhập hoặc mật khẩu không đúng"
        assert dialog.password_edit.text() == "" and dialog.username_edit.text() == "truong"
        dialog.username_edit.setText("khongco")
        qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.error_label.text() == "Tên đăng nhập hoặc mật khẩu không đúng"
        accounts.WINDOW_WAITS.clock.now += 1  # type: ignore[attr-defined]  # past the wait after the first
        dialog.username_edit.setText("Truong")
        qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
        with qtbot.waitSignal(dialog.accepted):
            qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert dialog.account is not None and dialog.account.role is Role.HEAD
        assert ward.account == dialog.account and ward.actor == "Trần Quốc Hùng"


def test_a_real_book_shows_no_demo_password(qtbot, tmp_path: Path, vietnamese: None) -> None:
    with Ward.open(tmp_path / "ward.db") as ward:
        accounts.create_head(ward, "chutich", "Phạm Văn Long", "long-123456")
        dialog = SignInDialog(ward)
        qtbot.addWidget(dialog)
        dialog.open()
        assert not dialog.demo_hint.isVisible()
        assert "123456" not in str(visible_texts(dialog))
        dialog.close()


def test_first_run_creates_the_head(qtbot, tmp_path: Path, vietnamese: None) -> None:
    with Ward.open(tmp_path / "new.db") as ward:
        dialog = CreateHeadDialog(ward)
        qtbot.addWidget(dialog)
        dialog.open()
        assert untranslated(visible_texts(dialog)) == []
        dialog.username_edit.setText("chutich")
        dialog.full_name_edit.setText("Phạm Văn Long")
        dialog.password_edit.setText("long-123456")
        dialog.repeat_edit.setText("long-654321")
        dialog.accept()
        assert dialog.isVisible() and "không khớp" in dialog.error_label.text()
        dialog.password_edit.setText("12345")
        dialog.repeat_edit.setText("12345")
        dialog.accept()
        assert dialog.isVisible() and "ít nhất 8 ký tự" in dialog.error_label.text()
        for weak, words in (("12345678", "quá phổ biến"), ("chutich", "ít nhất 8"), ("ChuTich", "ít nhất 8"),
                            ("xxxxxxxxxx", "cùng một ký tự")):
            dialog.password_edit.setText(weak)
            dialog.repeat_edit.setText(weak)
            dialog.accept()
            assert dialog.isVisible() and words in dialog.error_label.text()
        assert not accounts.has_accounts(ward)
        dialog.password_edit.setText("long-123456")
        dialog.repeat_edit.setText("long-123456")
        with qtbot.waitSignal(dialog.accepted):
            qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
        assert ward.account is not None and ward.account.role is Role.HEAD
        assert [account.username for account in accounts.list_accounts(ward)] == ["chutich"]
        ward.account = None
        assert accounts.sign_in(ward, "chutich", "long-123456").full_name == "Phạm Văn Long"


# ---- The window ----


def test_the_window_says_who_is_signed_in(head_window: MainWindow) -> None:
    assert "Đang đăng nhập: Trần Quốc Hùng (Lãnh đạo)" in status_text(head_window)
    assert head_window.account_actions.switch_action.isEnabled()
    assert head_window.account_actions.password_action.isEnabled()
    assert untranslated(visible_texts(head_window.menuBar()) + visible_texts(head_window.statusBar())) == []
    assert head_window.context.ward.actor == "Trần Quốc Hùng"


def test_a_window_nobody_signed_in_to_offers_no_sign_out(window: MainWindow) -> None:
    assert not window.account_actions.switch_action.isEnabled()
    assert window.account_actions.switch_action.toolTip() == "Chưa có ai đăng nhập: sổ này chưa có tài khoản"
    assert idle_lock_of(window) is None and "Đang đăng nhập" not in status_text(window)


def test_the_idle_lock_covers_the_window_and_opens_only_with_the_right_password(qtbot,
                                                                                 head_window: MainWindow) -> None:
    lock = idle_lock_of(head_window)
    assert isinstance(lock, IdleLock) and lock.minutes == 10
    # Typing keeps it open: a key every 100 ms for 3 s with a 1.5 s idle time (a margin for a busy machine,
    # where a 100 ms wait once stretched past a 0.5 s idle time).
    lock.set_minutes(1.5 / 60)
    for _step in range(30):
        qtbot.keyClick(head_window.statusBar(), Qt.Key.Key_A)
        qtbot.wait(100)
    assert not lock.is_locked
    qtbot.waitUntil(lambda: lock.is_locked, timeout=6000)
    dialog = lock.dialog
    assert dialog is not None and dialog.isVisible()
    cover = head_window.findChild(type(dialog.intro), "lock_cover")
    assert cover is not None and cover.isVisible() and cover.geometry() == head_window.rect()
    assert dialog.username_edit.text() == "truong" and dialog.username_edit.isReadOnly()
    assert untranslated(visible_texts(dialog)) == []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # cannot be dismissed
    dialog.reject()
    assert dialog.isVisible() and lock.is_locked
    qtbot.keyClicks(dialog.password_edit, "sai-mat-khau")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert lock.is_locked and dialog.isVisible() and dialog.error_label.isVisible()
    assert not dialog.ok_button().isEnabled() and "thử lại sau 1 giây" in dialog.wait_label.text()
    accounts.WINDOW_WAITS.clock.now += 1  # type: ignore[attr-defined]  # past the wait after it
    qtbot.waitUntil(dialog.ok_button().isEnabled)  # the countdown ends by itself
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    with qtbot.waitSignal(lock.unlocked):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert not lock.is_locked and not dialog.isVisible() and not cover.isVisible()
    assert head_window.context.ward.account.username == "truong"


def test_a_locked_window_lets_someone_else_sign_in(qtbot, head_window: MainWindow) -> None:
    tab = accounts_tab(head_window)
    assert tab.add_button.isEnabled()
    dialog = idle_lock_of(head_window).lock()
    dialog.sign_in_as_someone_else()
    assert not dialog.username_edit.isReadOnly() and dialog.username_edit.text() == ""
    dialog.username_edit.setText("vanthu")
    dialog.password_edit.setText(DEMO_PASSWORD)
    dialog.accept()
    ward = head_window.context.ward
    assert ward.account.role is Role.CLERK and ward.actor == "Lê Thị Mai"
    assert "Lê Thị Mai (Cán bộ theo dõi)" in status_text(head_window)
    assert not tab.add_button.isEnabled() and tab.add_button.toolTip() == "Chỉ lãnh đạo mới được quản lý tài khoản"


def test_sign_out_from_the_file_menu_asks_anyone_to_sign_in(qtbot, head_window: MainWindow) -> None:
    head_window.account_actions.switch_action.trigger()
    dialog = idle_lock_of(head_window).dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.username_edit.text() == "" and not dialog.other_button.isVisible()
    assert "đã đăng xuất" in dialog.intro.text()
    dialog.username_edit.setText("vanthu")
    dialog.password_edit.setText(DEMO_PASSWORD)
    dialog.accept()
    assert head_window.context.ward.account.username == "vanthu"


def test_change_my_password(qtbot, head_window: MainWindow) -> None:
    dialog = head_window.account_actions.change_password()
    assert untranslated(visible_texts(dialog)) == []
    dialog.old_edit.setText("sai")
    dialog.new_edit.setText("moi-123456")
    dialog.repeat_edit.setText("moi-123456")
    dialog.accept()
    assert dialog.isVisible() and dialog.error_label.text() == "Tên đăng nhập hoặc mật khẩu không đúng"
    accounts.WINDOW_WAITS.clock.now += 1  # type: ignore[attr-defined]  # past the wait after it
    dialog.old_edit.setText(DEMO_PASSWORD)
    dialog.new_edit.setText("moi-123456")
    dialog.repeat_edit.setText("moi-123456")
    dialog.accept()
    assert not dialog.isVisible()
    ward = head_window.context.ward
    assert accounts.sign_in(ward, "truong", "moi-123456").role is Role.HEAD


def test_opening_the_book_again_keeps_who_is_signed_in(qtbot, head_window: MainWindow, tmp_path: Path,
                                                      demo_db: Path) -> None:
    head_window.open_database(demo_db)
    assert head_window.context.ward.account.username == "truong"
    assert "Trần Quốc Hùng" in status_text(head_window)
    other = tmp_path / "other.db"
    shutil.copyfile(demo_db, other)
    for suffix in ("-wal", "-shm"):
        if Path(f"{demo_db}{suffix}").exists():
            shutil.copyfile(f"{demo_db}{suffix}", f"{other}{suffix}")
    head_window.open_database(other)
    lock = idle_lock_of(head_window)
    assert lock.is_locked and head_window.context.ward.account is None
    assert "tài khoản riêng" in lock.dialog.intro.text()
    lock.dialog.username_edit.setText("vanthu")
    lock.dialog.password_edit.setText(DEMO_PASSWORD)
    lock.dialog.accept()
    assert not lock.is_locked and head_window.context.ward.account.username == "vanthu"


# ---- What the clerk may not do ----


def test_the_clerk_is_refused_plan_adoption(clerk_window: MainWindow, tmp_path: Path,
                                            messages: dict[str, list[str]]) -> None:
    page = clerk_window.show_page(SettingsPage)
    ward = clerk_window.context.ward
    before = ward.store.plans.list()
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(before[0].body, encoding="utf-8")
    assert page.plan_tab.import_file(plan_file) is False
    assert len(messages["error"]) == 1
    assert messages["error"][0].startswith("Chỉ lãnh đạo") and "Lê Thị Mai" in messages["error"][0]
    assert ward.store.plans.list() == before


def test_the_clerk_sees_the_accounts_but_cannot_change_them(clerk_window: MainWindow) -> None:
    tab = accounts_tab(clerk_window)
    assert [account.username for account in tab.model.records()] == ["truong", "vanthu"]
    for widget in (tab.add_button, tab.reset_button, tab.active_button, tab.idle_spin):
        assert not widget.isEnabled() and widget.toolTip() == "Chỉ lãnh đạo mới được quản lý tài khoản"
    assert tab.reset_dialog() is None
    assert "Chỉ Lãnh đạo" in tab.note.text()
    assert untranslated(visible_texts(tab)) == []


# ---- The accounts tab ----


def test_the_head_adds_resets_and_deactivates(qtbot, qtmodeltester, head_window: MainWindow,
                                              messages: dict[str, list[str]]) -> None:
    tab = accounts_tab(head_window)
    qtmodeltester.check(tab.model)
    assert untranslated(visible_texts(tab)) == []
    assert [(row.username, tab.model.index(number, 2).data(), tab.model.index(number, 3).data())
            for number, row in enumerate(tab.model.records())] == [
        ("truong", "Lãnh đạo", "Đang sử dụng"), ("vanthu", "Cán bộ theo dõi", "Đang sử dụng")]

    dialog = tab.add_dialog()
    assert untranslated(visible_texts(dialog)) == []
    dialog.username_edit.setText("vanthu")
    dialog.full_name_edit.setText("Người trùng tên")
    dialog.password_edit.setText("abcdef-123")
    dialog.repeat_edit.setText("abcdef-123")
    dialog.accept()
    assert dialog.isVisible() and "đã có người dùng" in dialog.error_label.text()
    dialog.username_edit.setText("ketoan")
    dialog.full_name_edit.setText("Đỗ Thị Hạnh")
    dialog.password_edit.setText("hanh-123456")
    dialog.repeat_edit.setText("hanh-123456")
    dialog.accept()
    assert not dialog.isVisible()
    assert tab.current().username == "ketoan" and tab.current().role is Role.CLERK

    reset = tab.reset_dialog()
    reset.password_edit.setText("hanh-999999")
    reset.repeat_edit.setText("hanh-999999")
    reset.accept()
    assert not reset.isVisible() and messages["info"] == ["Đã đặt lại mật khẩu của Đỗ Thị Hạnh."]
    ward = head_window.context.ward
    assert ward.store.accounts.credentials("ketoan") is not None

    tab.toggle_active()
    assert "Đỗ Thị Hạnh" in messages["confirm"][0]
    assert tab.current().username == "ketoan" and not tab.current().active
    assert tab.model.index(tab.model.records().index(tab.current()), 3).data() == "Ngừng sử dụng"
    assert tab.active_button.text() == "&Dùng lại"
    probe = Ward.open(ward.path, read_only=True)
    try:
        with pytest.raises(accounts.SignInError):
            accounts.sign_in(probe, "ketoan", "hanh-999999")
    finally:
        probe.close()

    tab.view.selectRow(0)  # the head signed in, the only head
    tab.toggle_active()
    assert messages["error"] == ["Không thể ngừng sử dụng tài khoản đang đăng nhập"]
    qtmodeltester.check(tab.model)


def test_the_last_head_cannot_be_deactivated(window: MainWindow, messages: dict[str, list[str]]) -> None:
    tab = accounts_tab(window)  # nobody signed in: a window of the tests, not of the program
    tab.view.selectRow(0)
    assert tab.current().username == "truong"
    tab.toggle_active()
    assert messages["error"] == ["Trần Quốc Hùng là lãnh đạo duy nhất đang sử dụng; cần thêm một tài khoản lãnh đạo "
                                 "khác trước"]
    assert window.context.ward.store.accounts.get_by_username("truong").active


def test_the_idle_time_is_kept_and_applied(head_window: MainWindow, own_settings: Path) -> None:
    tab = accounts_tab(head_window)
    assert tab.idle_spin.value() == 10 and tab.idle_spin.isEnabled()
    tab.idle_spin.setValue(3)
    assert idle_lock_of(head_window).minutes == 3
    assert QSettings(str(own_settings), QSettings.Format.IniFormat).value("security/idle_minutes") in (3, "3")
    assert idle_time.idle_minutes() == 3


def test_an_empty_book_offers_to_create_the_head(qtbot, empty_window: MainWindow) -> None:
    tab = accounts_tab(empty_window)
    assert tab.create_head_button.isVisible() and not tab.add_button.isEnabled()
    dialog = tab.create_head_dialog()
    dialog.username_edit.setText("chutich")
    dialog.full_name_edit.setText("Phạm Văn Long")
    dialog.password_edit.setText("long-123456")
    dialog.repeat_edit.setText("long-123456")
    dialog.accept()
    assert not dialog.isVisible() and not tab.create_head_button.isVisible()
    assert [account.username for account in tab.model.records()] == ["chutich"]
    assert "Phạm Văn Long" in status_text(empty_window)

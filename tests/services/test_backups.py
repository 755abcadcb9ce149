"""services.backups and the backup commands: daily and before-import backups, restores that keep the current
content and need the head, damaged books refused with the way out, all on real files."""

from __future__ import annotations

import io
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ward_office.cli import main
from ward_office.core.access import AccessDeniedError, Account, Role
from ward_office.i18n import set_language
from ward_office.services import backups
from ward_office.services.backups import BackupReason, DamagedDatabaseError
from ward_office.services.imports import import_staff
from ward_office.services.ward import Ward, in_own_ward
from ward_office.storage import DatabaseError, Store, check_integrity
from ward_office.storage.backup import RetentionPolicy, find_backups

NOW = datetime(2026, 11, 20, 8, 15, 0)
STAFF_CSV = ("code,full_name,gender,position,department\n"
             "CB001,Nguyễn Văn An,Nam,Chủ tịch UBND,Văn phòng\n"
             "CB002,Trần Thị Bình,Nữ,Chuyên viên,Phòng Tư pháp\n")


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "ward.db"
    with Ward.open(path) as ward:
        store = ward.store
        store.departments.add("Tổ một", "Lan")
    return path


def departments(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM departments")}
    finally:
        conn.close()


def add_department(path: Path, name: str) -> None:
    with Store.open(path) as store:
        store.departments.add(name, "Lan")


def corrupt(path: Path) -> None:
    assert not path.with_name(path.name + "-wal").exists() or not path.with_name(path.name + "-wal").stat().st_size
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xee" * 4096
    path.write_bytes(bytes(data))


def test_back_up_now_to_the_usual_folder_and_to_a_usb_stick(book: Path, tmp_path: Path) -> None:
    usual = backups.back_up_now(book, now=NOW)
    assert usual.path.parent == tmp_path / "sao-luu" and usual.reason is BackupReason.MANUAL
    usb = backups.back_up_now(book, tmp_path / "usb", now=NOW)
    assert usb.path == tmp_path / "usb" / "ward-2026-11-20-081500-manual.db"
    assert departments(usb.path) == departments(book)


def test_the_daily_backup_is_made_once_a_day_and_old_ones_are_thinned(book: Path) -> None:
    policy = RetentionPolicy(recent_days=1, recent_max=5, daily=2, weekly=0, monthly=0)
    made = [backups.automatic_backup(book, BackupReason.DAILY, now=NOW + timedelta(days=day), policy=policy)
            for day in range(5)]
    assert all(made)
    assert backups.automatic_backup(book, BackupReason.DAILY, now=NOW + timedelta(days=4, hours=3)) is None
    kept = [backup.path for backup in find_backups(backups.backup_folder(book), "ward")]
    assert kept == [backup.path for backup in made[::-1][:3]]  # today, then two daily ones
    before_import = backups.automatic_backup(book, BackupReason.IMPORT, now=NOW + timedelta(days=4, hours=4))
    assert before_import is not None and before_import.reason is BackupReason.IMPORT


def test_an_import_backs_the_book_up_first_and_a_dry_run_does_not(book: Path, tmp_path: Path) -> None:
    file = tmp_path / "staff.csv"
    file.write_text(STAFF_CSV, encoding="utf-8")
    in_own_ward(book, lambda ward: import_staff(ward, file, dry_run=True))
    assert backups.list_backups(book) == []
    in_own_ward(book, lambda ward: import_staff(ward, file))
    [info] = backups.list_backups(book)
    assert info.reason is BackupReason.IMPORT and info.ok
    with sqlite3.connect(info.path) as conn:
        assert conn.execute("SELECT count(*) FROM staff").fetchone()[0] == 0  # taken before the import


def test_restore_keeps_the_current_content_and_logs_the_restore(book: Path) -> None:
    saved = backups.back_up_now(book, now=NOW)
    add_department(book, "Tổ sau sao lưu")
    summary = in_own_ward(book, lambda ward: backups.restore_backup(
        ward, saved.path, now=NOW + timedelta(minutes=5)), actor="Trưởng")
    assert "Tổ sau sao lưu" not in departments(book)
    assert summary.kept is not None and summary.kept.reason is BackupReason.RESTORE
    assert "Tổ sau sao lưu" in departments(summary.kept.path)
    with Store.open(book) as store:
        line = store.change_log.list(limit=1)[0]
    assert (line.actor, line.entity, line.detail["restored_from"], line.detail["kept_as"]) == (
        "Trưởng", "database", saved.path.name, summary.kept.path.name)


def test_only_the_head_may_restore_through_an_open_ward(book: Path) -> None:
    saved = backups.back_up_now(book, now=NOW)
    add_department(book, "Tổ mới")
    with Ward.open(book, actor="Lan") as ward:
        ward.account = Account(1, "lan", "Nguyễn Thị Lan", Role.CLERK)
        with pytest.raises(AccessDeniedError):
            backups.restore_backup(ward, saved.path)
        assert "Tổ mới" in departments(book)
        assert len(backups.list_backups(book)) == 1  # nothing kept, nothing written
        ward.account = Account(2, "hung", "Trần Văn Hùng", Role.HEAD)
        backups.restore_backup(ward, saved.path, now=NOW + timedelta(minutes=1))
    assert "Tổ mới" not in departments(book)
    with Store.open(book) as store:
        assert store.change_log.list(limit=1)[0].actor == "Lan"


def test_a_damaged_backup_is_refused_before_anything_is_kept(book: Path) -> None:
    saved = backups.back_up_now(book, now=NOW)
    corrupt(saved.path)
    before = book.read_bytes()
    with pytest.raises(DatabaseError):
        in_own_ward(book, lambda ward: backups.restore_backup(ward, saved.path))
    assert book.read_bytes() == before
    assert [info.ok for info in backups.list_backups(book)] == [False]
    assert backups.newest_good_backup(book) is None


def test_a_damaged_book_is_refused_reported_and_restored_from_the_newest_good_backup(book: Path) -> None:
    older = backups.back_up_now(book, now=NOW - timedelta(days=2))
    add_department(book, "Tổ hôm qua")
    newest = backups.back_up_now(book, now=NOW - timedelta(days=1))
    corrupt(book)
    damaged_bytes = book.read_bytes()
    with pytest.raises(DamagedDatabaseError) as refused:
        Ward.open(book)
    assert refused.value.backup == newest != older
    assert book.read_bytes() == damaged_bytes
    summary = backups.restore_unopenable_book(book, newest.path, None, now=NOW)
    assert summary.kept is not None and summary.kept.reason is BackupReason.DAMAGED
    assert summary.kept.path.read_bytes() == damaged_bytes
    assert "Tổ hôm qua" in departments(book)
    assert check_integrity(book) == []
    Ward.open(book).close()


def test_the_damage_report_speaks_vietnamese(book: Path, vietnamese: None) -> None:
    backups.back_up_now(book, now=NOW)
    corrupt(book)
    with pytest.raises(DamagedDatabaseError) as refused:
        Ward.open(book)
    error = refused.value
    text = backups.damage_report(error)
    assert "bị hỏng" in text and "20/11/2026" in text and "08:15" in text
    assert "sao lưu" in error.localized() or "hỏng" in error.localized()


# ---- The commands ----


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_backup_backups_and_restore_commands(book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        code, out, _err = run_cli(capsys, "backup", "--db", book, "--lang", "en")
        assert code == 0 and "sao-luu" in out
        code, out, _err = run_cli(capsys, "backup", "--db", book, "--to", tmp_path / "usb", "--lang", "en")
        assert code == 0 and len(list((tmp_path / "usb").iterdir())) == 1
        code, out, _err = run_cli(capsys, "backups", "--db", book, "--lang", "en")
        assert code == 0 and "made by hand" in out and "good" in out
        saved = next((tmp_path / "usb").iterdir())
        add_department(book, "Tổ mới")
        monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
        code, out, _err = run_cli(capsys, "restore", "--db", book, saved, "--lang", "en")
        assert code == 1 and "Tổ mới" in departments(book)
        code, out, _err = run_cli(capsys, "restore", "--db", book, saved, "--yes", "--lang", "en")
        assert code == 0 and "Tổ mới" not in departments(book)
        code, out, _err = run_cli(capsys, "backups", "--db", book, "--lang", "en")
        assert "before a restore" in out
        corrupt(book)
        code, _out, err = run_cli(capsys, "score", "--db", book, "--period", "2026-11", "--lang", "en")
        assert code == 1 and "damaged" in err
        code, _out, err = run_cli(capsys, "backup", "--db", book, "--lang", "en")
        assert code == 1
        code, _out, err = run_cli(capsys, "check", "--db", book, "--lang", "en")
        kept = backups.newest_good_backup(book)
        assert code == 1 and kept is not None and f"ward-office restore --db {book} {kept.path}" in err
    finally:
        set_language("en")


def test_restore_command_on_a_book_with_accounts_needs_the_head(book: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from ward_office.services.accounts import add_account, create_head

    with Ward.open(book) as ward:
        create_head(ward, "truong", "Trần Văn Trưởng", "mat-khau-1")
        add_account(ward, "vanthu", "Lê Thị Văn", Role.CLERK, "mat-khau-2")
    saved = backups.back_up_now(book, tmp_path / "usb").path
    add_department(book, "Tổ mới")
    try:
        code, _out, err = run_cli(capsys, "restore", "--db", book, saved, "--yes", "--lang", "en")
        assert code == 1 and "--user" in err
        monkeypatch.setenv("WARD_OFFICE_PASSWORD", "mat-khau-2")
        code, _out, err = run_cli(capsys, "restore", "--db", book, saved, "--yes", "--user", "vanthu", "--lang", "en")
        assert code == 1 and "Only the head" in err and "Tổ mới" in departments(book)
        monkeypatch.setenv("WARD_OFFICE_PASSWORD", "wrong password")
        code, _out, err = run_cli(capsys, "restore", "--db", book, saved, "--yes", "--user", "truong", "--lang", "en")
        assert code == 1 and "Tổ mới" in departments(book)
        monkeypatch.setenv("WARD_OFFICE_PASSWORD", "mat-khau-1")
        code, _out, _err = run_cli(capsys, "restore", "--db", book, saved, "--yes", "--user", "truong", "--lang", "en")
        assert code == 0 and "Tổ mới" not in departments(book)
        with Store.open(book, read_only=True) as store:
            assert store.change_log.list()[-1].actor == "Trần Văn Trưởng"
    finally:
        set_language("en")

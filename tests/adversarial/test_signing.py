"""Attacks on who may write: command-line writes without an account, a damaged book restored by anyone,
weak passwords, and guessing passwords quickly. Each is run on real copies of a small demo book."""

from __future__ import annotations

import shutil
import sqlite3
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from ward_office.cli import main
from ward_office.core.errors import WardOfficeError
from ward_office.services import accounts, command_sign_in, demo, imports
from ward_office.services.accounts import SignInError
from ward_office.services.demo import DEMO_PASSWORD
from ward_office.services.ward import Ward

EVENTS = "date,staff_code,criterion,note\n2026-03-05,CB001,TP01,Không đeo thẻ\n"
STAFF = "code,full_name,gender,position,department\nCB009,Lê Văn Mới,Nam,Chuyên viên,Phòng Tư pháp\n"
CLOCK = "        1\t2026-03-05 07:52:00\t1\t0\t1\t0\r\n        1\t2026-03-05 17:10:00\t1\t1\t1\t0\r\n"
FILES = {"import-events": ("su-viec.csv", EVENTS), "import-staff": ("can-bo.csv", STAFF),
         "import-clock": ("1_attlog.dat", CLOCK)}


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "so.db"
    demo.build_demo(path, staff=5, months=2, seed=7, until=date(2026, 3, 20))
    return path


@pytest.fixture
def book(demo_book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the demo book (accounts truong, head, and vanthu, clerk), a data folder of its own."""
    monkeypatch.setenv("WARD_OFFICE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("WARD_OFFICE_PASSWORD", raising=False)
    path = tmp_path / "so.db"
    shutil.copy(demo_book, path)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    try:
        code = main([str(arg) for arg in args])
    except SystemExit as exit_:  # argparse refusing an option
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def state(path: Path) -> tuple[object, ...]:
    return (rows(path, "SELECT count(*) FROM change_log"), rows(path, "SELECT count(*) FROM events"),
            rows(path, "SELECT count(*) FROM staff"), rows(path, "SELECT count(*) FROM punches"))


def input_file(tmp_path: Path, command: str) -> Path:
    name, text = FILES[command]
    file = tmp_path / name
    file.write_text(text, encoding="utf-8")
    return file


@pytest.mark.parametrize("command", list(FILES))
def test_a_command_line_import_into_a_book_with_accounts_needs_an_account(
        book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        command: str, vietnamese: None) -> None:
    file = input_file(tmp_path, command)
    before = state(book)
    code, _out, err = run(capsys, command, "--db", book, file)
    assert code != 0 and "--user" in err and "Traceback" not in err
    monkeypatch.setenv("WARD_OFFICE_PASSWORD", "sai-mat-khau")
    code, _out, err = run(capsys, command, "--db", book, file, "--user", "vanthu")
    assert code != 0 and "Tên đăng nhập hoặc mật khẩu không đúng" in err
    assert state(book) == before
    assert not (book.parent / "sao-luu").exists()  # refused before the backup an import makes


@pytest.mark.parametrize("command", list(FILES))
def test_a_command_line_import_is_logged_under_the_account(
        book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        command: str) -> None:
    monkeypatch.setenv("WARD_OFFICE_PASSWORD", DEMO_PASSWORD)
    code, _out, err = run(capsys, command, "--db", book, input_file(tmp_path, command), "--user", "vanthu")
    assert code == 0, err
    actors = {actor for (actor,) in rows(book, "SELECT actor FROM change_log WHERE at >= (SELECT max(at) FROM "
                                               "change_log WHERE action = 'import' OR entity = 'staff')")}
    assert actors == {"Lê Thị Mai"}  # the clerk's account, as the window logs it; not the system's user


def test_the_import_services_themselves_refuse_a_book_with_accounts_without_one(book: Path, tmp_path: Path) -> None:
    before = state(book)
    for importer, command in ((imports.import_events, "import-events"), (imports.import_staff, "import-staff")):
        with Ward.open(book) as ward, pytest.raises(SignInError, match="sign in first"):
            importer(ward, input_file(tmp_path, command))
    from ward_office.services.clock_import import import_clock

    with Ward.open(book) as ward, pytest.raises(SignInError, match="sign in first"):
        import_clock(ward, input_file(tmp_path, "import-clock"))
    assert state(book) == before


def damage(path: Path) -> None:
    """A row pointing at nobody: the book now fails its check and cannot be opened."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("INSERT INTO events (staff_id, day, criterion_code, note, recorded_by, source, created_at) "
                     "SELECT 99999, day, criterion_code, note, recorded_by, source, created_at FROM events LIMIT 1")
    conn.close()


def test_a_damaged_book_is_restored_only_by_a_head_of_the_backup(
        book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        vietnamese: None) -> None:
    good = tmp_path / "ban-sao-tot.db"
    shutil.copy(book, good)
    evil = tmp_path / "evil.db"
    shutil.copy(book, evil)
    with sqlite3.connect(evil) as conn:  # a copy whose accounts make the clerk head
        conn.execute("UPDATE accounts SET role = 'head' WHERE username = 'vanthu'")
    conn.close()
    damage(book)
    damaged = book.read_bytes()
    code, _out, err = run(capsys, "restore", "--db", book, evil, "--yes")
    assert code != 0 and "--user" in err
    monkeypatch.setenv("WARD_OFFICE_PASSWORD", "sai-mat-khau")
    code, _out, err = run(capsys, "restore", "--db", book, good, "--yes", "--user", "truong")
    assert code != 0
    monkeypatch.setenv("WARD_OFFICE_PASSWORD", DEMO_PASSWORD)
    code, _out, err = run(capsys, "restore", "--db", book, good, "--yes", "--user", "vanthu")  # a clerk there
    assert code != 0 and "Lê Thị Mai" in err
    assert book.read_bytes() == damaged
    code, _out, err = run(capsys, "restore", "--db", book, good, "--yes", "--user", "truong")
    assert code == 0, err
    assert rows(book, "SELECT actor FROM change_log ORDER BY id DESC LIMIT 1") == [("Trần Quốc Hùng",)]


def test_a_head_password_on_a_real_book_must_hold(book: Path, vietnamese: None) -> None:
    with Ward.open(book) as ward:
        accounts.sign_in(ward, "truong", DEMO_PASSWORD)  # the demo book keeps its known password
        for weak, words in (("123456", "ít nhất 8"), ("password1", "quá phổ biến"), ("12345678", "quá phổ biến"),
                            ("aaaaaaaaaa", "cùng một ký tự"), ("NguoiMoi2", "tên đăng nhập")):
            with pytest.raises(WardOfficeError) as refused:
                accounts.add_account(ward, "nguoimoi2", "Người Mới", accounts.Role.HEAD, weak)
            assert words in refused.value.localized(), (weak, refused.value.localized())
        accounts.add_account(ward, "nguoimoi2", "Người Mới", accounts.Role.HEAD, "Tan-An-ngay-2026")


def test_failed_sign_ins_wait_longer_each_time(book: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Three wrong passwords in a row on the command line, each a command of its own: each waits twice as long
    as the one before (0.5 s, then 1 s, then 2 s), so the wait survives from one command to the next. The waits
    are really slept; what is measured is what each command sleeps, not its whole time, which a loaded machine
    stretches."""
    monkeypatch.setenv("WARD_OFFICE_PASSWORD", "doan-mo-1")
    waited: list[float] = []

    def sleep(seconds: float) -> None:
        waited[-1] += seconds
        time.sleep(seconds)

    monkeypatch.setattr(command_sign_in, "time", SimpleNamespace(sleep=sleep))
    for _attempt in range(3):
        waited.append(0.0)
        code, _out, _err = run(capsys, "lock", "--db", book, "--period", "2026-02", "--user", "truong")
        assert code != 0
    # Each wait is slept from the moment the refusal is recorded: a few milliseconds of it may have passed.
    assert [0.4 < waited[0] <= 0.5, 0.9 < waited[1] <= 1.0, 1.9 < waited[2] <= 2.0] == [True] * 3, waited

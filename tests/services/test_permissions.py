"""Who may do what, asked of the services themselves (not of the window): the role table of core/access.py
says the clerk records (imports of every kind, a clock id, a column mapping) and only the head restores a
backup; in a book with accounts nobody signed in may import or link a clock id, and a deactivated account is
not let in."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from ward_office.core.access import AccessDeniedError, Account, Role
from ward_office.core.errors import WardOfficeError
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.importers.clock_logs import ColumnMapping
from ward_office.services import backups, imports
from ward_office.services.accounts import SignInError
from ward_office.services.clock_import import import_clock, link_clock_id, save_clock_mapping
from ward_office.services.demo import build_demo
from ward_office.services.ward import Ward

HEAD = Account(None, "truong", "", Role.HEAD)  # the demo's head and clerk, looked up as stored in the book
CLERK = Account(None, "vanthu", "", Role.CLERK)
LATER = datetime(2026, 3, 20, 18, 0)

EVENTS = "date,staff_code,criterion,note\n2026-03-05,CB001,TP01,Không đeo thẻ\n"
STAFF = "code,full_name,gender,position,department\nCB009,Lê Văn Mới,Nam,Chuyên viên,Phòng Tư pháp\n"
CLOCK = "        7\t2026-03-05 07:52:00\t1\t0\t1\t0\r\n"


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "so.db"
    build_demo(path, staff=3, months=1, seed=11, until=date(2026, 3, 20))
    return path


@pytest.fixture
def book(demo_book: Path, tmp_path: Path) -> Path:
    """A copy of the demo book with one person who has no clock id yet."""
    path = tmp_path / "so.db"
    shutil.copy(demo_book, path)
    with Ward.open(path, account=HEAD) as ward:
        ward.store.staff.add_many([Staff("CB099", "Đỗ Văn Mới", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC)],
                                  ward.actor)
    return path


def written(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
    finally:
        conn.close()


def file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def writing_use_cases(tmp_path: Path) -> dict[str, Callable[[Ward], object]]:
    """Every use case that records, as the clerk's role allows (``Permission.RECORD``)."""
    events, staff = file(tmp_path, "su-viec.csv", EVENTS), file(tmp_path, "can-bo.csv", STAFF)
    clock = file(tmp_path, "1_attlog.dat", CLOCK)

    def first_without_clock_id(ward: Ward) -> StaffId:
        return next(person.id for person in ward.staff() if not person.clock_id and person.id is not None)

    return {
        "import events": lambda ward: imports.import_events(ward, events),
        "import staff": lambda ward: imports.import_staff(ward, staff),
        "import clock": lambda ward: import_clock(ward, clock, now=LATER),
        "link a clock id": lambda ward: link_clock_id(ward, "7", first_without_clock_id(ward), now=LATER),
        "save a mapping": lambda ward: save_clock_mapping(ward, "Cổng", ColumnMapping("", clock_id="Mã",
                                                                                          datetime="Giờ")),
    }


@pytest.mark.parametrize("use_case", ["import events", "import staff", "import clock", "link a clock id",
                                      "save a mapping"])
@pytest.mark.parametrize("account", [HEAD, CLERK], ids=["head", "clerk"])
def test_the_head_and_the_clerk_may_record(book: Path, tmp_path: Path, use_case: str, account: Account) -> None:
    before = written(book)
    with Ward.open(book, account=account) as ward:
        writing_use_cases(tmp_path)[use_case](ward)
        assert ward.account is not None and ward.account.role is account.role
    assert written(book) > before


@pytest.mark.parametrize("use_case", ["import events", "import staff", "import clock", "link a clock id",
                                      "save a mapping"])
def test_nobody_signed_in_may_not_record_in_a_book_with_accounts(book: Path, tmp_path: Path, use_case: str) -> None:
    before = written(book)
    with Ward.open(book) as ward, pytest.raises(SignInError, match="sign in first"):
        writing_use_cases(tmp_path)[use_case](ward)
    assert written(book) == before


def test_a_trial_run_only_reads_and_needs_nobody(book: Path, tmp_path: Path) -> None:
    before = written(book)
    with Ward.open(book, read_only=True) as ward:
        assert imports.import_events(ward, file(tmp_path, "su-viec.csv", EVENTS), dry_run=True).added == 1
        assert import_clock(ward, file(tmp_path, "1_attlog.dat", CLOCK), dry_run=True, now=LATER).dry_run
    assert written(book) == before


def test_only_the_head_restores_a_backup(book: Path, tmp_path: Path) -> None:
    saved = backups.back_up_now(book, tmp_path / "usb")
    before = written(book)
    with Ward.open(book, account=CLERK) as ward, pytest.raises(AccessDeniedError) as refused:
        backups.restore_backup(ward, saved.path)
    assert "Lê Thị Mai" in refused.value.localized()  # the clerk, named as signed in
    assert written(book) == before
    with Ward.open(book, account=HEAD) as ward:
        summary = backups.restore_backup(ward, saved.path)
    assert summary.restored == saved.path and summary.kept is not None


def test_a_book_nobody_can_open_is_restored_only_for_a_head_of_the_backup(book: Path, tmp_path: Path) -> None:
    saved = backups.back_up_now(book, tmp_path / "usb")
    clerk = Account(2, "vanthu", "Lê Thị Mai", Role.CLERK)
    with pytest.raises(AccessDeniedError):
        backups.restore_unopenable_book(book, saved.path, clerk)
    head = Account(1, "truong", "Trần Quốc Hùng", Role.HEAD)
    assert backups.restore_unopenable_book(book, saved.path, head).restored == saved.path


def test_a_deactivated_account_is_not_let_in(book: Path) -> None:
    with Ward.open(book, account=HEAD) as ward:
        clerk = ward.store.accounts.get_by_username("vanthu")
        assert clerk is not None and clerk.id is not None
        ward.store.accounts.set_active(clerk.id, False, ward.actor)
    with pytest.raises(WardOfficeError, match="deactivated"):
        Ward.open(book, account=CLERK)

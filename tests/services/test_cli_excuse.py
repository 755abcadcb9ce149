"""``ward-office attendance excuse``: the head excuses a late arrival from the command line; the clerk is refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ward_office.cli import main
from ward_office.core.access import Role
from ward_office.core.attendance import Attendance
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.services.accounts import add_account, create_head
from ward_office.services.ward import Ward

DAY = date(2026, 11, 3)
PASSWORD = "mat-khau-dai-1"


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WARD_OFFICE_PASSWORD", PASSWORD)
    path = tmp_path / "so.db"
    with Ward.open(path, actor="Trần Quốc Hùng") as ward:
        person = ward.store.staff.add(Staff("CB002", "Phạm Thanh Khánh", Gender.MALE, "Chuyên viên",
                                            StaffCategory.CONG_CHUC), "Trần Quốc Hùng")
        ward.store.attendance.set(Attendance(person.id, DAY, Session.MORNING, late_minutes=44), "Lê Thị Mai")  # type: ignore[arg-type]
        create_head(ward, "truong", "Trần Quốc Hùng", PASSWORD)
        add_account(ward, "vanthu", "Lê Thị Mai", Role.CLERK, PASSWORD)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "vi", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_head_excuses_and_the_clerk_may_not(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    excuse = ["attendance", "excuse", "--db", str(book), "--staff", "CB002", "--day", "2026-11-03", "--session",
              "morning", "--occurrence", "late", "--reason", "Họp đột xuất theo chỉ đạo"]
    code, _out, err = run(capsys, *excuse, "--user", "vanthu")
    assert code == 1 and "miễn trừ đi muộn, về sớm hoặc vắng" in err
    code, out, _err = run(capsys, *excuse, "--user", "truong")
    assert code == 0 and out.strip() == "Đã miễn trừ: Đi muộn 44 phút — Họp đột xuất theo chỉ đạo"
    code, _out, err = run(capsys, *excuse, "--user", "truong")
    assert code == 1 and "đã được miễn trừ" in err
    with Ward.open(book, read_only=True) as ward:
        [kept] = ward.store.excuses.in_force(DAY, DAY)
    assert kept.decided_by == "Trần Quốc Hùng" and kept.reason == "Họp đột xuất theo chỉ đạo"

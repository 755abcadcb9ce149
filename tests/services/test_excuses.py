"""The head excuses a late arrival or an absence with a reason, on the record: scored at 0, in the change log,
withdrawn with a reason; the clerk may not, and nothing changes inside a locked period."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ward_office.core.access import AccessDeniedError, Account, Role
from ward_office.core.attendance import Attendance, AttendanceStatus
from ward_office.core.errors import PeriodLockedError, ReasonMissingError
from ward_office.core.period import month
from ward_office.core.plan import AttendanceTrigger
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.services.change_log import Lookup, describe
from ward_office.services.excuses import ExcuseError, excuse_attendance, withdraw_excuse
from ward_office.services.ranking import score_records
from ward_office.services.ward import Ward

OCT = month(2026, 10)
TODAY = date(2026, 11, 20)
HEAD = Account(1, "truong", "Trần Văn Hùng", Role.HEAD)
CLERK = Account(2, "vanthu", "Lê Thị Mai", Role.CLERK)
TUESDAY = date(2026, 10, 6)
REASON = "Đưa con đi cấp cứu, có giấy viện"


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Ward]:
    """Two people under the default plan; the first arrived 25 minutes late on Tuesday 6 October (TG01, −2)."""
    with Ward.open(tmp_path / "ward.db", actor="Trần Văn Hùng") as opened:
        for number in (1, 2):
            opened.store.staff.add(Staff(f"CB{number:03d}", f"Nguyễn Văn Người{number}", Gender.MALE, "Chuyên viên",
                                         StaffCategory.CONG_CHUC), "truong")
        opened.store.attendance.set(Attendance(StaffId(1), TUESDAY, Session.MORNING, late_minutes=25), "Lê Thị Mai")
        opened.account = HEAD
        yield opened


def late_record_id(ward: Ward) -> int:
    record = ward.store.attendance.get(StaffId(1), TUESDAY, Session.MORNING)
    assert record is not None and record.id is not None
    return record.id


def first_score(ward: Ward) -> object:
    result = next(result for result in score_records(ward.store, OCT, TODAY).ranking.results if result.staff.id == 1)
    return result.score


def test_the_head_excuses_a_late_arrival_and_withdraws_it(ward: Ward, vietnamese) -> None:
    assert first_score(ward) == 98
    excuse = excuse_attendance(ward, late_record_id(ward), "late", f"  {REASON} ")
    assert excuse.reason == REASON and excuse.decided_by == "Trần Văn Hùng" and excuse.active
    assert first_score(ward) == 100
    change = ward.store.change_log.changes()[-1]
    assert describe(change, Lookup.of(ward)) == (
        f"Miễn trừ đi muộn của Nguyễn Văn Người1 ngày 06/10/2026, buổi sáng: {REASON}")
    assert excuse.id is not None
    withdrawn = withdraw_excuse(ward, excuse.id, "Giấy viện không đúng ngày")
    assert not withdrawn.active and withdrawn.withdrawn_by == "Trần Văn Hùng"
    assert first_score(ward) == 98
    change = ward.store.change_log.changes()[-1]
    assert describe(change, Lookup.of(ward)) == (
        "Rút lại miễn trừ đi muộn của Nguyễn Văn Người1 ngày 06/10/2026, buổi sáng: Giấy viện không đúng ngày")
    with pytest.raises(ExcuseError):
        withdraw_excuse(ward, excuse.id, "Lần nữa")
    excuse_attendance(ward, late_record_id(ward), AttendanceTrigger.LATE, "Quyết định lại sau khi xem giấy")
    assert first_score(ward) == 100


def test_the_clerk_may_not_excuse(ward: Ward, vietnamese) -> None:
    ward.account = CLERK
    lines = len(ward.store.change_log.changes())
    with pytest.raises(AccessDeniedError) as refused:
        excuse_attendance(ward, late_record_id(ward), "late", REASON)
    assert "miễn trừ đi muộn, về sớm hoặc vắng" in refused.value.localized()
    assert ward.store.excuses.in_force(OCT.start, OCT.end) == []
    assert len(ward.store.change_log.changes()) == lines


def test_a_reason_and_an_occurrence_the_record_holds_are_required(ward: Ward) -> None:
    record_id = late_record_id(ward)
    with pytest.raises(ReasonMissingError):
        excuse_attendance(ward, record_id, "late", "   ")
    with pytest.raises(ExcuseError):
        excuse_attendance(ward, record_id, "absent", REASON)
    excuse_attendance(ward, record_id, "late", REASON)
    with pytest.raises(ExcuseError):
        excuse_attendance(ward, record_id, "late", "Lần thứ hai")


def test_nothing_is_excused_or_withdrawn_in_a_locked_period(ward: Ward) -> None:
    absent = ward.store.attendance.set(Attendance(StaffId(2), TUESDAY, Session.AFTERNOON, AttendanceStatus.ABSENT),
                                       "Lê Thị Mai")
    excuse = excuse_attendance(ward, late_record_id(ward), "late", REASON)
    ward.store.periods.lock(OCT, "truong")
    with pytest.raises(PeriodLockedError):
        excuse_attendance(ward, absent.id, "absent", REASON)  # type: ignore[arg-type]
    with pytest.raises(PeriodLockedError):
        withdraw_excuse(ward, excuse.id, "Nhầm")  # type: ignore[arg-type]
    conn = ward.store.conn
    with pytest.raises(sqlite3.IntegrityError, match="period_locked"):  # the book refuses it even to plain SQL
        conn.execute("INSERT INTO attendance_excuses (attendance_id, staff_id, day, session, trigger, reason, "
                     "decided_by, decided_at) VALUES (?, 2, '2026-10-06', 'afternoon', 'absent', 'x', 'y', 'z')",
                     (absent.id,))
    with pytest.raises(sqlite3.IntegrityError, match="period_locked"):
        conn.execute("UPDATE attendance_excuses SET withdrawn_at = 'z', withdrawn_by = 'y', withdrawal_reason = 'x'")


def test_an_excuse_is_never_edited_nor_deleted(ward: Ward) -> None:
    excuse_attendance(ward, late_record_id(ward), "late", REASON)
    conn = ward.store.conn
    with pytest.raises(sqlite3.IntegrityError, match="only withdrawn"):
        conn.execute("UPDATE attendance_excuses SET reason = 'Lý do khác'")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        conn.execute("DELETE FROM attendance_excuses")

"""One attendance session has one wording: the grid, the clock import preview and the change log say the same."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.change_log import ChangeEntity
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.services import change_log, clock_import
from ward_office.services.ward import Ward
from ward_office.storage import Store

from ward_office.ui.attendance.models import state_text

DAY = date(2026, 11, 5)
ONE = StaffId(1)
SESSIONS = [
    (None, "Có mặt"),
    (Attendance(ONE, DAY, Session.MORNING, late_minutes=20, early_minutes=5, missing_punch=True),
     "Đi muộn 20 phút, về sớm 5 phút, thiếu lần chấm công"),
    (Attendance(ONE, DAY, Session.MORNING, missing_punch=True), "Thiếu lần chấm công"),
    (Attendance(ONE, DAY, Session.MORNING, early_minutes=15), "Về sớm 15 phút"),
    (Attendance(ONE, DAY, Session.MORNING, AttendanceStatus.LEAVE, leave_code=LeaveCode.SICK), "Nghỉ ốm (Ô)"),
    (Attendance(ONE, DAY, Session.MORNING, AttendanceStatus.ABSENT), "Vắng không lý do"),
]


@pytest.mark.parametrize(("record", "expected"), SESSIONS)
def test_grid_and_clock_import_say_the_same(record: Attendance | None, expected: str, vietnamese: None) -> None:
    assert state_text(record) == expected
    assert clock_import.describe(record) == expected
    staff = Staff("NV001", "Nguyễn Văn An", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC, id=ONE)
    change = clock_import.SessionChange(staff, DAY, Session.MORNING, None, record)
    assert clock_import.describe_change(change) == f"05/11/2026 buổi sáng, Nguyễn Văn An: Có mặt → {expected}"


def test_the_change_log_says_it_as_the_grid(db_path: Path, vietnamese: None) -> None:
    store = Store.open(db_path)
    ward = Ward(db_path, store, "Lan")
    try:
        person = store.staff.add(Staff("NV001", "Nguyễn Văn An", Gender.MALE, "Chuyên viên",
                                       StaffCategory.CONG_CHUC), "Lan")
        assert person.id is not None
        records = [record for record, _ in SESSIONS if record is not None]
        for record in records:
            store.attendance.set(Attendance(person.id, DAY, Session.MORNING, record.status, record.late_minutes,
                                            record.early_minutes, record.leave_code, record.missing_punch), "Lan")
        lines = change_log.find_entries(ward, change_log.ChangeFilter(kind=ChangeEntity.ATTENDANCE))
        told = [line.sentence.split(": ", 1)[1] for line in reversed(lines)]
        texts = [state_text(record) for record in records]
        assert told == [f"{before} → {after}" for before, after in zip(["Có mặt", *texts], texts, strict=False)]
    finally:
        ward.close()

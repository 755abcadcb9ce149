"""Builders shared by the storage tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode
from ward_office.core.schedule import Session
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId

ACTOR = "Nguyễn Thị Lan"


def make_staff(code: str = "NV001", **changes: Any) -> Staff:
    values: dict[str, Any] = {
        "code": code, "full_name": f"Người {code}", "gender": Gender.FEMALE, "position": "Chuyên viên",
        "category": StaffCategory.CONG_CHUC,
    }
    values.update(changes)
    return Staff(**values)


def late(staff_id: StaffId | None, day: date, minutes: int = 10,
         session: Session = Session.MORNING) -> Attendance:
    assert staff_id is not None
    return Attendance(staff_id, day, session, late_minutes=minutes)


def on_leave(staff_id: StaffId | None, day: date, code: LeaveCode = LeaveCode.ANNUAL,
             session: Session = Session.MORNING) -> Attendance:
    assert staff_id is not None
    return Attendance(staff_id, day, session, AttendanceStatus.LEAVE, leave_code=code)


def corrupt_middle_page(path: Path) -> None:
    """Scribble over the middle of the file, past the header and the schema page."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    middle = (len(data) // page_size // 2) * page_size
    data[middle:middle + page_size] = b"\xff" * page_size
    path.write_bytes(bytes(data))

"""Attendance per person, day and session, in the vocabulary of the C01-HD timesheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NewType

from ward_office.core.errors import WardOfficeError
from ward_office.core.schedule import Session
from ward_office.core.staff import StaffId
from ward_office.i18n import N_, _


class AttendanceMarkError(WardOfficeError):
    """An attendance mark does not hold together (minutes, leave type, status)."""


AttendanceId = NewType("AttendanceId", int)


class AttendanceStatus(StrEnum):
    PRESENT = "present"  # possibly late or leaving early
    LEAVE = "leave"  # absent with a reason: see LeaveCode
    ABSENT = "absent"  # absent without leave (vắng không lý do)


class LeaveCode(StrEnum):
    """Codes of the public-sector timesheet (mẫu C01-HD), plus CT for a business trip."""

    ANNUAL = "P"  # nghỉ phép
    SICK = "Ô"  # ốm, điều dưỡng
    CHILD_SICK = "Cô"  # con ốm
    MATERNITY = "Ts"  # thai sản
    ACCIDENT = "T"  # tai nạn
    MEETING = "H"  # hội nghị, học tập
    COMPENSATORY = "Nb"  # nghỉ bù
    UNPAID = "No"  # nghỉ không lương
    BUSINESS_TRIP = "CT"  # đi công tác


LEAVE_LABELS = {
    LeaveCode.ANNUAL: N_("Annual leave"),
    LeaveCode.SICK: N_("Sick leave"),
    LeaveCode.CHILD_SICK: N_("Child sick"),
    LeaveCode.MATERNITY: N_("Maternity leave"),
    LeaveCode.ACCIDENT: N_("Work accident"),
    LeaveCode.MEETING: N_("Meeting or training"),
    LeaveCode.COMPENSATORY: N_("Compensatory day off"),
    LeaveCode.UNPAID: N_("Unpaid leave"),
    LeaveCode.BUSINESS_TRIP: N_("Business trip"),
}

# Timesheet code for a session attended, and the one we print for absence without leave.
PRESENT_CODE = "+"
ABSENT_CODE = "Ko"


class RecordSource(StrEnum):
    MANUAL = "manual"
    CLOCK = "clock"
    IMPORT = "import"


@dataclass(frozen=True, slots=True)
class Attendance:
    """What happened in one session for one person. No record means present and on time."""

    staff_id: StaffId
    day: date
    session: Session
    status: AttendanceStatus = AttendanceStatus.PRESENT
    late_minutes: int = 0
    early_minutes: int = 0
    leave_code: LeaveCode | None = None
    missing_punch: bool = False
    source: RecordSource = RecordSource.MANUAL
    note: str = ""
    recorded_by: str = ""
    id: AttendanceId | None = None

    def __post_init__(self) -> None:
        if self.late_minutes < 0 or self.early_minutes < 0:
            raise AttendanceMarkError(N_("Minutes late or early cannot be negative"))
        if self.status is AttendanceStatus.LEAVE and self.leave_code is None:
            raise AttendanceMarkError(N_("Leave needs a leave type"))
        if self.status is not AttendanceStatus.LEAVE and self.leave_code is not None:
            raise AttendanceMarkError(N_("A leave type is only allowed for leave"))
        if self.status is not AttendanceStatus.PRESENT and (self.late_minutes or self.early_minutes):
            raise AttendanceMarkError(N_("Someone absent cannot be late or leave early"))

    @property
    def timesheet_code(self) -> str:
        if self.status is AttendanceStatus.LEAVE:
            assert self.leave_code is not None
            return self.leave_code.value
        if self.status is AttendanceStatus.ABSENT:
            return ABSENT_CODE
        return PRESENT_CODE


def leave_text(code: LeaveCode) -> str:
    """A leave type with its timesheet code: "Nghỉ phép năm (P)"."""
    return _("{leave} ({code})").format(leave=_(LEAVE_LABELS[code]), code=code.value)


def session_text(record: Attendance | None) -> str:
    """One session's attendance in the one wording of the grid, the clock import and the change log: "Có mặt",
    "Vắng không lý do", "Nghỉ phép năm (P)", "Đi muộn 20 phút, về sớm 5 phút, thiếu lần chấm công"."""
    if record is None:
        return _("Present")
    if record.status is AttendanceStatus.LEAVE:
        return _("On leave") if record.leave_code is None else leave_text(record.leave_code)
    if record.status is AttendanceStatus.ABSENT:
        return _("Absent without leave")
    parts = []
    if record.late_minutes:
        parts.append(_("{minutes} minutes late").format(minutes=record.late_minutes))
    if record.early_minutes:
        parts.append(_("left {minutes} minutes early").format(minutes=record.early_minutes))
    if record.missing_punch:
        parts.append(_("missing punch"))
    text = ", ".join(parts)
    return text[:1].upper() + text[1:] if text else _("Present")

"""An excuse (miễn trừ): the head's decision, on the record, that one occurrence of an attendance record (a late
arrival, an early leave, an absence, a missing punch) had a good enough reason and costs nothing.

Whether a reason is good enough is the head's decision: the program never judges it, it only keeps the
decision, who made it and when, and scores the occurrence at 0 with the reason shown beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NewType

from ward_office.core.attendance import Attendance, AttendanceId, AttendanceStatus
from ward_office.core.plan_terms import AttendanceTrigger
from ward_office.core.schedule import Session
from ward_office.core.staff import StaffId
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date

ExcuseId = NewType("ExcuseId", int)

# The occurrences an excuse can take, in the order a record gives them.
EXCUSABLE = (AttendanceTrigger.LATE, AttendanceTrigger.EARLY, AttendanceTrigger.ABSENT,
             AttendanceTrigger.MISSING_PUNCH)
TRIGGER_LABELS = {
    AttendanceTrigger.LATE: N_("Late arrival"),
    AttendanceTrigger.EARLY: N_("Early leave"),
    AttendanceTrigger.ABSENT: N_("Absence without leave"),
    AttendanceTrigger.MISSING_PUNCH: N_("Missing punch"),
    AttendanceTrigger.LEAVE: N_("Leave"),
}


@dataclass(frozen=True, slots=True)
class Excuse:
    """The head's excuse of one occurrence of one attendance record; ``withdrawn_at`` set once withdrawn."""

    attendance_id: AttendanceId
    staff_id: StaffId
    day: date
    session: Session
    trigger: AttendanceTrigger
    reason: str
    decided_by: str = ""
    decided_at: datetime | None = None
    id: ExcuseId | None = None
    withdrawn_by: str = ""
    withdrawn_at: datetime | None = None
    withdrawal_reason: str = ""

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


def record_triggers(record: Attendance | None) -> tuple[AttendanceTrigger, ...]:
    """The occurrences a record holds that an excuse could take, whatever the grace minutes."""
    if record is None:
        return ()
    if record.status is AttendanceStatus.ABSENT:
        return (AttendanceTrigger.ABSENT,)
    if record.status is not AttendanceStatus.PRESENT:
        return ()
    found = []
    if record.late_minutes:
        found.append(AttendanceTrigger.LATE)
    if record.early_minutes:
        found.append(AttendanceTrigger.EARLY)
    if record.missing_punch:
        found.append(AttendanceTrigger.MISSING_PUNCH)
    return tuple(found)


def occurrence_text(trigger: AttendanceTrigger, minutes: int | None) -> str:
    """"Đi muộn 25 phút", "Vắng không lý do": the occurrence as the grid says it."""
    if trigger is AttendanceTrigger.LATE and minutes:
        text = _("{minutes} minutes late").format(minutes=minutes)
    elif trigger is AttendanceTrigger.EARLY and minutes:
        text = _("left {minutes} minutes early").format(minutes=minutes)
    else:
        text = _(TRIGGER_LABELS[trigger])
    return text[:1].upper() + text[1:]


def excuse_note(reason: str, decided_by: str, decided_at: datetime | None) -> str:
    """"miễn trừ: <lý do> (Lãnh đạo … quyết định ngày …)": the words every output prints beside an excused item."""
    if decided_at is None:
        return _("excused: {reason} (decided by the head {name})").format(reason=reason, name=decided_by)
    return _("excused: {reason} (decided by the head {name} on {day})").format(
        reason=reason, name=decided_by, day=format_date(decided_at.date()))

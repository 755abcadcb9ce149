"""One definition of each attendance figure of a day, so the overview's tiles and the attendance grid's footer
give the same numbers and the same names for the same day.

A person counts under every figure their sessions show (no record means present and on time):

- PRESENT ("Có mặt"): at work in at least one session, on time or not;
- LATE / EARLY: a session begun late, or left early, by more than the schedule's grace minutes (as scoring);
- ON_LEAVE: a session on leave with a reason;
- ABSENT: a session absent without leave.

So someone on leave in the morning and at work in the afternoon counts as present and as on leave.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from ward_office.core.attendance import Attendance, AttendanceStatus
from ward_office.core.schedule import Session


class DayState(StrEnum):
    PRESENT = "present"
    LATE = "late"
    EARLY = "early"
    ON_LEAVE = "on_leave"
    ABSENT = "absent"


def day_figures(records: Sequence[Attendance], grace_minutes: int) -> frozenset[DayState]:
    """The figures a person's day counts under, from the records of the day (a session without one: present)."""
    statuses = {record.status for record in records}
    if len({record.session for record in records}) < len(Session):
        statuses.add(AttendanceStatus.PRESENT)
    figures = set()
    if AttendanceStatus.PRESENT in statuses:
        figures.add(DayState.PRESENT)
    if AttendanceStatus.LEAVE in statuses:
        figures.add(DayState.ON_LEAVE)
    if AttendanceStatus.ABSENT in statuses:
        figures.add(DayState.ABSENT)
    if any(record.late_minutes > grace_minutes for record in records):
        figures.add(DayState.LATE)
    if any(record.early_minutes > grace_minutes for record in records):
        figures.add(DayState.EARLY)
    return frozenset(figures)
